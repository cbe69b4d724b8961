"""More clips of the weak classes from public datasets copied into GitHub repositories.

car_horn, siren and dog_bark from UrbanSound8K (and, as `other`, children_playing, drilling,
jackhammer, street_music, gun_shot: sounds a doorstep hears that are none of ours); baby_crying
from the donateacry corpus (its cleaned WAV folder). Output: OUT/<label>/*.flac (16 kHz mono
16-bit) with manifest.csv, loadable by training.data.load_folder, and report.csv (one row per
candidate with what became of it; training/datasets/report.csv is its copy). OUT is
build/datasets: audio from other repositories is never committed here (see
training/datasets/README.md).

Originals: ORIGINALS/<owner>+<name>/<path>, each file as `git archive` of the commit in SOURCES
gives it; `--extract MIRRORS` fills ORIGINALS from repository snapshots at
MIRRORS/<owner>+<name>/repo (a bare git directory, or a clone's .git).

    .venv/bin/python experiments/gather_datasets.py build/gather-datasets/orig build/datasets \
        --extract /work/.mirror

Rules, in order:
1. ESC-50 fold 5 judges the model, and ESC-50 clips were cut from freesound recordings that
   UrbanSound8K also sliced (dog 100032 is both ESC-50's 1-100032-A-0 and UrbanSound8K's
   100032-3-0-0). A slice of any freesound recording ESC-50 used (its esc50.csv src_file, all
   five folds) is never taken.
2. Spread: candidates of a label are taken one per recording (UrbanSound8K fsID, donateacry app
   instance) round-robin, at most PER_RECORDING of each, foreground slices first, in an order
   fixed by a hash of the recording id (no preference for low ids).
3. Each candidate is mixed to mono, resampled to 16 kHz, trimmed of leading and trailing
   silence (TRIM_DB below its loudest frame) and cut to its loudest MAX_SECONDS; no gain.
4. Vetting by the teacher (YAMNet): a clip of car_horn, siren, dog_bark or baby_crying is kept
   only if one of its label's AudioSet classes (VETTING) is among the top VETTING_TOP classes of
   its clip-mean scores. `other` needs no class of its own, but a clip of it whose top class is
   one of the appliance's events (OWN_EVENTS: mostly children_playing heard as Speech) is
   dropped, so `other` does not learn to answer for speech or a dog. Candidates are vetted in
   spread order until CAP clips of the label are kept.
"""
import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tarfile
from collections import Counter, defaultdict
from pathlib import Path

import librosa
import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from earmark.dataset import COLUMNS   # noqa: E402
from training import data   # noqa: E402
from training.features import SAMPLE_RATE   # noqa: E402
from training.teacher import Teacher   # noqa: E402

CAP = 120               # clips per label
PER_RECORDING = 3       # slices of one original recording
MAX_SECONDS = 4.0
MIN_SECONDS = 0.1       # shorter than this after trimming is a click (UrbanSound8K cuts single
                        # horn toots of 0.1-0.2 s: those stay)
TRIM_DB = 40            # quieter than this below the loudest frame is leading/trailing silence
VETTING_TOP = 5

US8K = 'Alejandro-131004/AC-II'
US8K_META = 'nodirbekUmarov04/thesis-classification-microservice'
ESC50_META = 'shweta-yadav15/Audio-Classification'
CRY = 'gveres/donateacry-corpus'
# repository -> (commit, folder or file taken)
SOURCES = {
    US8K: ('8f8b8f279a1f8b240a3b3019191229c225793e7a', 'UrbanSound8K/audio'),
    US8K_META: ('b7f0df37d460c38b78939a56217d552213712adc',
                'UrbanSound8K/metadata/UrbanSound8K.csv'),
    ESC50_META: ('53a3c657d9a5c3d6afb17084172b480af0b895c7', 'esc50.csv'),
    CRY: ('6baf5aca0460964ad072653585837f968a87c2af',
          'donateacry_corpus_cleaned_and_updated_data'),
}
US8K_CLASSES = {'car_horn': 'car_horn', 'siren': 'siren', 'dog_bark': 'dog_bark',
                'children_playing': 'other', 'drilling': 'other', 'jackhammer': 'other',
                'street_music': 'other', 'gun_shot': 'other'}
US8K_LICENSE = 'CC BY-NC 3.0'
CRY_LICENSE = 'ODbL 1.0 (database), DbCL 1.0 (contents)'
VETTING = {
    'car_horn': ('Vehicle horn, car horn, honking', 'Air horn, truck horn', 'Toot'),
    'siren': ('Siren', 'Civil defense siren', 'Police car (siren)', 'Ambulance (siren)',
              'Fire engine, fire truck (siren)', 'Emergency vehicle'),
    'dog_bark': ('Dog', 'Bark', 'Bow-wow', 'Yip', 'Growling'),
    'baby_crying': ('Baby cry, infant cry', 'Crying, sobbing', 'Whimper'),
}
# An `other` clip whose top class is one of these is one of the appliance's events, not other.
OWN_EVENTS = dict(VETTING, speech=('Speech', 'Child speech, kid speaking', 'Conversation',
                                   'Narration, monologue'))


OWN_CLASSES = {name: event for event, names in OWN_EVENTS.items() for name in names}


def git_dir(mirrors, repo):
    base = Path(mirrors) / repo.replace('/', '+') / 'repo'
    return base / '.git' if (base / '.git').is_dir() else base


def extract(mirrors, originals):
    """Write each SOURCES path at its commit under ORIGINALS/<owner>+<name>/."""
    for repo, (commit, path) in SOURCES.items():
        out = Path(originals) / repo.replace('/', '+')
        out.mkdir(parents=True, exist_ok=True)
        try:
            tar = subprocess.run(['git', '--git-dir', str(git_dir(mirrors, repo)), 'archive',
                                  commit, path], check=True, capture_output=True).stdout
        except subprocess.CalledProcessError as exc:
            sys.exit('%s@%s:%s: git archive failed: %s'
                     % (repo, commit, path, exc.stderr.decode().strip()))
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(out, filter='data')


def spread_key(recording):
    return hashlib.sha1(recording.encode()).hexdigest()


def spread(candidates):
    """Candidates (dicts with 'recording' and 'rank') in round-robin order over recordings:
    each recording's best-ranked slice first, at most PER_RECORDING of each."""
    by_recording = defaultdict(list)
    for c in candidates:
        by_recording[c['recording']].append(c)
    order = sorted(by_recording, key=spread_key)
    for r in order:
        by_recording[r].sort(key=lambda c: c['rank'])
    return [by_recording[r][i] for i in range(PER_RECORDING) for r in order
            if i < len(by_recording[r])]


def us8k_candidates(originals):
    meta_path = Path(originals) / US8K_META.replace('/', '+') / SOURCES[US8K_META][1]
    esc_path = Path(originals) / ESC50_META.replace('/', '+') / SOURCES[ESC50_META][1]
    for needed in (meta_path, esc_path):
        if not needed.is_file():
            sys.exit('%s: missing (run with --extract MIRRORS)' % needed)
    with open(esc_path, newline='') as f:
        esc_sources = {row['src_file'] for row in csv.DictReader(f)}
    with open(meta_path, newline='') as f:
        meta = {row['slice_file_name']: row for row in csv.DictReader(f)}
    commit, folder = SOURCES[US8K]
    base = Path(originals) / US8K.replace('/', '+')
    found, excluded = defaultdict(list), Counter()
    for path in sorted((base / folder).glob('fold*/*.wav')):
        row = meta.get(path.name)
        if row is None or row['class'] not in US8K_CLASSES:
            continue
        if row['fsID'] in esc_sources:
            excluded[row['class']] += 1
            continue
        rel = path.relative_to(base).as_posix()
        found[US8K_CLASSES[row['class']], row['class']].append({
            'path': path, 'recording': row['fsID'], 'original_name': path.name,
            'kind': row['class'],
            # salience 1 is foreground; then the slice's order in the recording
            'rank': (int(row['salience']), float(row['start'])),
            # That repository resampled each slice to 22.05 kHz mono and repeated a slice
            # shorter than 4 s until it filled 4 s: the slice is its first end - start seconds.
            'seconds': float(row['end']) - float(row['start']),
            'name': 'us8k_%s_%s' % (row['class'], path.stem),
            'source': 'UrbanSound8K (Salamon et al. 2014) via github:%s@%s:%s'
                      % (US8K, commit, rel),
            'license': US8K_LICENSE, 'fold': 'us8k:' + row['fsID']})
    return found, excluded


def cry_candidates(originals):
    commit, folder = SOURCES[CRY]
    base = Path(originals) / CRY.replace('/', '+')
    found = []
    for path in sorted((base / folder).glob('*/*.wav')):
        # <app instance uuid (36 chars)>-<time>-<app version>-<gender>-<age>-<reason>: the
        # instance is one installed app, i.e. one household's recordings.
        instance = path.name[:36].lower()
        found.append({
            'path': path, 'recording': instance, 'original_name': path.name,
            'kind': path.parent.name, 'rank': (0, path.name), 'seconds': None,
            'name': 'donateacry_' + path.stem,
            'source': 'donateacry-corpus (cleaned, 8 kHz WAV) via github:%s@%s:%s'
                      % (CRY, commit, path.relative_to(base).as_posix()),
            'license': CRY_LICENSE, 'fold': 'donateacry:' + instance})
    return found


def prepare(path, seconds):
    """int16 16 kHz mono of a candidate: trimmed, at most MAX_SECONDS, no gain; or None."""
    y, rate = sf.read(str(path), dtype='float32', always_2d=True)
    y = y.mean(axis=1)
    if seconds is not None:
        y = y[:max(1, int(round(seconds * rate)))]
    if rate != SAMPLE_RATE:
        y = librosa.resample(y, orig_sr=rate, target_sr=SAMPLE_RATE, res_type='soxr_hq')
    if not np.any(y):
        return None
    y, _ = librosa.effects.trim(y, top_db=TRIM_DB, frame_length=1024, hop_length=256)
    limit = int(MAX_SECONDS * SAMPLE_RATE)
    if len(y) > limit:
        energy = np.concatenate([[0.0], np.cumsum(y.astype(np.float64) ** 2)])
        at = int(np.argmax(energy[limit:] - energy[:-limit]))
        y = y[at:at + limit]
    if len(y) < MIN_SECONDS * SAMPLE_RATE:
        return None
    # Resampling can overshoot full scale by a hair; clip rather than scale (no gain change).
    return np.clip(np.round(y * 32768.0), -32768, 32767).astype(np.int16)


def class_names(teacher):
    names = teacher.class_names()
    missing = {n for classes in OWN_EVENTS.values() for n in classes} - set(names)
    if missing:
        sys.exit('yamnet_class_map.csv lacks %s' % ', '.join(sorted(missing)))
    return names


def top_classes(teacher, names, pcm):
    scores, _ = teacher.outputs(pcm)
    mean = scores.mean(axis=0)
    return [names[i] for i in np.argsort(-mean)[:VETTING_TOP]]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('originals')
    ap.add_argument('out')
    ap.add_argument('--extract', metavar='MIRRORS', help='first fill ORIGINALS from snapshots')
    args = ap.parse_args(argv)
    if args.extract:
        extract(args.extract, args.originals)
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        sys.exit('%s: not empty; give a new folder (a rerun must not mix with old clips)' % out)
    us8k, excluded = us8k_candidates(args.originals)
    cries = cry_candidates(args.originals)
    if not cries or not us8k:
        sys.exit('%s: no UrbanSound8K or donateacry originals (run with --extract)'
                 % args.originals)
    queues = defaultdict(list)
    for (label, _), found in sorted(us8k.items()):
        queues[label].append(spread(found))
    queues['baby_crying'].append(spread(cries))
    teacher = Teacher()
    names = class_names(teacher)
    rows, report = [], []
    for label in sorted(queues):
        # `other` draws on several UrbanSound8K classes in turn, so each gets an equal share.
        order = [c for group in zip(*_padded(queues[label])) for c in group if c is not None]
        kept = 0
        for cand in order:
            fate, top = '', []
            if kept >= CAP:
                fate = 'not needed (cap reached)'
            else:
                pcm = prepare(cand['path'], cand['seconds'])
                if pcm is None:
                    fate = 'dropped: silent or shorter than %.2f s' % MIN_SECONDS
                else:
                    top = top_classes(teacher, names, pcm)
                    if label in VETTING and not set(top) & set(VETTING[label]):
                        fate = 'dropped by vetting'
                    elif label == 'other' and top[0] in OWN_CLASSES:
                        fate = 'dropped: sounds like %s' % OWN_CLASSES[top[0]]
                    else:
                        fate = 'kept'
                        kept += 1
                        file = '%s/%s.flac' % (label, cand['name'])
                        (out / label).mkdir(parents=True, exist_ok=True)
                        sf.write(str(out / file), pcm, SAMPLE_RATE, format='FLAC',
                                 subtype='PCM_16')
                        rows.append({'file': file, 'label': label, 'source': cand['source'],
                                     'original_name': cand['original_name'],
                                     'license': cand['license'], 'fold': cand['fold']})
            report.append({'label': label, 'kind': cand['kind'],
                           'original_name': cand['original_name'], 'fold': cand['fold'],
                           'fate': fate, 'top5': '; '.join(top)})
    with open(out / 'manifest.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    with open(out / 'report.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=['label', 'kind', 'original_name', 'fold', 'fate',
                                          'top5'])
        w.writeheader()
        w.writerows(report)
    summarise(out, report, excluded)


def _padded(groups):
    longest = max(len(g) for g in groups)
    return [g + [None] * (longest - len(g)) for g in groups]


def summarise(out, report, excluded):
    clips = data.load_folder(out)
    print('loaded %d clips from %s' % (len(clips), out))
    print('UrbanSound8K slices left out as ESC-50 recordings: %s'
          % ', '.join('%s %d' % kv for kv in sorted(excluded.items())))
    for label in sorted({r['label'] for r in report}):
        mine = [r for r in report if r['label'] == label]
        kept = [r for r in mine if r['fate'] == 'kept']
        fates = Counter(r['fate'] for r in mine)
        print('%-12s kept %3d from %3d recordings; vetted out %d; short/silent %d; '
              'sounds like one of ours %d; unused %d' % (
                  label, len(kept), len({r['fold'] for r in kept}), fates['dropped by vetting'],
                  fates['dropped: silent or shorter than %.2f s' % MIN_SECONDS],
                  sum(v for k, v in fates.items() if k.startswith('dropped: sounds like')),
                  fates['not needed (cap reached)']))
        if label == 'other':
            print('%-12s kept by kind: %s' % ('', ', '.join(
                '%s %d' % kv for kv in sorted(Counter(r['kind'] for r in kept).items()))))
    size = sum(p.stat().st_size for p in out.rglob('*.flac'))
    print('%.1f MB of FLAC' % (size / 1e6))


if __name__ == '__main__':
    main()
