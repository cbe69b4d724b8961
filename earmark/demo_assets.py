"""The demo's assets in demo/ (earmark/demo.py), made from the sound data: the doorstep scene by
training/scenes.py's generator (fixed seed and folds: the same data gives the same bytes), the
test clips, and demo/ATTRIBUTION.md from the manifests. A maintainer runs it once:

    python -m earmark.demo_assets DATA
"""
import csv
import json
import shutil
import sys
import tempfile
from pathlib import Path

from . import dataset, demo

# ESC-50 fold 4 for the nine sounds, the bed and the distractors; speech from the one speech set
# under CC BY 3.0 (the others are share-alike or GPL, which a mix with CC BY-NC clips cannot
# honour together); doorbells from one repository (licence unknown, as for every doorbell clip).
FOLDS = ('4', 'speaker:ast-it-carlo', 'src:Dashticz')
SEED = 8


def _manifest_rows(data):
    rows = {}
    for folder in ('train', 'other'):
        with open(Path(data) / folder / 'manifest.csv', newline='') as f:
            for row in csv.DictReader(f):
                rows[str((Path(data) / folder / row['file']).resolve())] = dict(row, folder=folder)
    return rows


def make(data, out=demo.DEMO):
    """Writes scene.flac, scene.tsv, scene.json, clips/ and ATTRIBUTION.md into `out`."""
    import soundfile
    from training import scenes

    data = Path(data)
    out = Path(out)
    rows = _manifest_rows(data)
    used = []
    load = scenes.load

    def recording_load(path):  # every clip the generator reads, the bed's included
        used.append(str(Path(path).resolve()))
        return load(path)

    scenes.load = recording_load
    try:
        with tempfile.TemporaryDirectory() as tmp:
            record = scenes.generate(data, tmp, FOLDS, seed=SEED, count=1, minutes=demo.MINUTES)
            audio, rate = soundfile.read(str(Path(tmp) / 'scene_000.wav'), dtype='int16')
            out.mkdir(parents=True, exist_ok=True)
            soundfile.write(str(out / demo.SCENE.name), audio, rate, format='FLAC',
                            subtype='PCM_16')
            shutil.copyfile(Path(tmp) / 'scene_000.tsv', out / demo.TRUTH.name)
    finally:
        scenes.load = load

    scene = record['scenes'][0]
    for e in scene['events'] + scene['distractors']:
        e['source'] = rows[str(Path(e['source']).resolve())]['file']
    record.update(scene, seed=SEED, folds=list(FOLDS), minutes=demo.MINUTES)
    del record['scenes']
    (out / 'scene.json').write_text(json.dumps(record, indent=1) + '\n')

    clips_dir = out / demo.CLIPS.name
    clips_dir.mkdir(exist_ok=True)
    picked = []
    for label in demo.CLIP_LABELS:
        row = next(r for path, r in sorted(rows.items())
                   if r['label'] == label and any(_fold_matches(r['fold'], f) for f in FOLDS))
        audio, rate = soundfile.read(str(data / row['folder'] / row['file']), dtype='int16')
        name = '%s.flac' % label
        soundfile.write(str(clips_dir / name), audio, rate, format='FLAC', subtype='PCM_16')
        picked.append(dict(row, file=name))
        used.append(str((data / row['folder'] / row['file']).resolve()))
    with open(clips_dir / 'manifest.csv', 'w', newline='') as f:
        writer = csv.DictWriter(f, dataset.COLUMNS, extrasaction='ignore')
        writer.writeheader()
        writer.writerows(picked)
    _attribution(out / 'ATTRIBUTION.md', [rows[p] for p in sorted(set(used))])
    return record


def _fold_matches(fold, pattern):
    import fnmatch
    return fnmatch.fnmatchcase(fold, 'esc50-fold%s' % pattern if pattern.isdigit() else pattern)


def _attribution(path, rows):
    lines = ['# Attribution of the demo recordings', '',
             'Every recording that `earmark/demo_assets.py` mixed into `scene.flac` (events,',
             'distractors and the background bed) or copied into `clips/`, with its source and',
             'licence, from the sound data manifests. Generated: do not edit by hand.', '',
             '| file in the sound data | label | source | original name | licence |',
             '|---|---|---|---|---|']
    for r in sorted(rows, key=lambda r: (r['label'], r['file'])):
        lines.append('| %s/%s | %s | %s | %s | %s |' % (
            r['folder'], r['file'], r['label'], r['source'], r['original_name'], r['license']))
    path.write_text('\n'.join(lines) + '\n')


if __name__ == '__main__':
    made = make(sys.argv[1])
    print(json.dumps({k: v for k, v in made.items() if k in ('seed', 'folds', 'clips')}))
