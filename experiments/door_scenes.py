"""Door-like scenes through the appliance: how a model does at a real-looking front door.

Generates a fixed, seeded set of scenes from the folds given (by default the project's held-out
folds, which the shipped model never trained on): quiet doorsteps, doorsteps full of unfamiliar
sounds and plain background beds (training/scenes.py), runs `earmark detect` (the appliance, in
MicroPython from the image unless --runtime cpython) over each with the model given, and scores
the detections with `earmark evaluate-scenes` (training/sed.py): event F1 at 200 ms and 1 s,
segment F1, false events per hour per kind of scene, onset/offset error percentiles.

    .venv/bin/python experiments/door_scenes.py                      # the shipped model
    .venv/bin/python experiments/door_scenes.py --model build/my-model

Scenes are written once under --out/scenes-<seed>-<folds> and reused while their settings are the
same; detections go to --out/<model folder name>/, with the truth beside them, so that folder can
be scored again (`earmark evaluate-scenes OUT/NAME/quiet OUT/NAME/unfamiliar OUT/NAME/plain`).
The summary is also written as
--out/<model folder name>/result.json.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqdm import tqdm  # noqa: E402

from earmark import DEVICE  # noqa: E402
from earmark.detect import detect  # noqa: E402
from training import scenes, sed  # noqa: E402

FOLDS = ('4', 'speaker:tuxpaint-*', 'src:Dashticz')
# (kind, scenes, minutes each): every background kind (5 in a fold) gets a plain bed, and
# quiet and unfamiliar doorsteps go round the kinds too.
SET = (('quiet', 5, 8.0), ('unfamiliar', 5, 6.0), ('plain', 5, 10.0))


def make_scenes(data, out, folds, seed):
    """{kind: folder} of the set, generated unless a folder already holds it: made with the same
    settings by the same generator (training/scenes.py's source)."""
    generator = hashlib.sha1(Path(scenes.__file__).read_bytes()).hexdigest()
    folders = {}
    for kind, count, minutes in SET:
        folder = out / kind
        wanted = json.dumps({'kind': kind, 'seed': seed, 'folds': list(folds),
                             'minutes': minutes, 'count': count, 'generator': generator},
                            sort_keys=True)
        stamp = folder / 'made-with.json'
        if stamp.exists() and stamp.read_text() == wanted:
            folders[kind] = folder
            continue
        if folder.exists():
            shutil.rmtree(folder)
        scenes.generate(data, folder, folds, seed=seed, count=count, minutes=minutes, kind=kind)
        stamp.write_text(wanted)
        folders[kind] = folder
    return folders


def run_detection(folders, model, runs, runtime, heap):
    """Detections of every scene into runs/<kind>/, the truth and scenes.json copied beside."""
    jobs = []
    for kind, folder in folders.items():
        target = runs / kind
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        shutil.copyfile(folder / 'scenes.json', target / 'scenes.json')
        for wav in sorted(folder.glob('*.wav')):
            shutil.copyfile(wav.with_suffix('.tsv'), target / (wav.stem + '.tsv'))
            jobs.append((wav, target / (wav.stem + '.detected.jsonl')))
    bar = tqdm(jobs, desc='detect', unit='scene')
    for wav, detected in bar:
        bar.set_postfix_str(wav.stem)
        events, _, _ = detect(str(wav), str(model), runtime, heap)
        detected.write_text(''.join(json.dumps(e) + '\n' for e in events))
    return [runs / kind for kind in folders]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--model', default=str(DEVICE / 'model'),
                   help='model bundle folder (default: the shipped device/model)')
    p.add_argument('--data', default=os.environ.get('EARMARK_DATA',
                                                    str(ROOT.parent / 'shared' / 'data')),
                   help='the sound data folder (train/, other/, negatives/)')
    p.add_argument('--folds', nargs='+', default=list(FOLDS),
                   help='folds to draw clips from (default: the held-out %s); never ESC-50 '
                   'fold 5' % ' '.join(FOLDS))
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', default=str(ROOT / 'build' / 'door_scenes'))
    p.add_argument('--runtime', choices=('micropython', 'cpython'), default='micropython')
    p.add_argument('--heap', default=None, help='MicroPython heap (default: the appliance\'s)')
    args = p.parse_args(argv)
    if any(f in ('5', 'esc50-fold5') for f in args.folds):
        p.error('ESC-50 fold 5 is reserved for the held-out judge')
    model = Path(args.model).resolve()
    if not (model / 'model.json').exists():
        p.error('%s: not a model bundle (no model.json)' % model)

    out = Path(args.out)
    tag = hashlib.sha1(' '.join(args.folds).encode()).hexdigest()[:8]
    folders = make_scenes(args.data, out / ('scenes-%d-%s' % (args.seed, tag)), args.folds,
                          args.seed)
    runs = out / model.name
    scored = run_detection(folders, model, runs, args.runtime, args.heap)
    result = sed.report(scored)
    result['model'] = str(model)
    result['folds'] = list(args.folds)
    result['seed'] = args.seed
    (runs / 'result.json').write_text(json.dumps(result, indent=1, sort_keys=True) + '\n')
    print('model %s; scenes from folds %s, seed %d' % (model, ' '.join(args.folds), args.seed))
    print(sed.table(result))
    print()
    print(sed.door_table(result))
    print('summary: %s' % (runs / 'result.json'))


if __name__ == '__main__':
    main()
