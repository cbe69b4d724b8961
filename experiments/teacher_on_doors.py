"""What the teacher's head says of the held-out door scenes' events (round 15).

Distillation gives every window of a training mixture the teacher head's soft target
(training/distil.py). If the head itself calls a faint event over a doorstep bed `other`, the
targets teach the student to do the same. The head is fitted as training fits it for a held-out
student (experiments/heldout.py's training clips, balanced weights), then scores every window
of the held-out door scenes (quiet and unfamiliar doorsteps of --seeds, experiments/door_scenes.py's
sets); each true event gets the top label of its windows' mean probabilities (windows overlapping
it by 0.1 s or more), by SNR band, beside the same fate under a student's replayed scores.

    .venv/bin/python experiments/teacher_on_doors.py [--seeds 0 1 2] [--model B] [--head-mixes N]

`--head-mixes N`: the head learns N door mixtures of the training clips too
(experiments/door_mixes.py's, hard labels, weighed as scene windows).
"""
import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import soundfile

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import heldout   # noqa: E402
import recall_diagnosis as rd   # noqa: E402
import scene_replay as sr   # noqa: E402
from training import data, distil   # noqa: E402
from training.model import balanced   # noqa: E402
from training.teacher import Teacher   # noqa: E402
from training.windows import Windows   # noqa: E402

BANDS = ((0, 5), (5, 10), (10, 15), (15, 20.1))


def fate(mean, label, labels):
    top = labels[int(np.argmax(mean))]
    return 'own' if top == label else top if top in ('other', 'background') else 'another'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2])
    ap.add_argument('--model', default=str(sr.BUILD / 'op_openset' / 'bundles' / 'old-points'))
    ap.add_argument('--head-mixes', type=int, default=0)
    ap.add_argument('--target-share', type=float, default=None, help='of the head\'s mixtures '
                    "(default door_mixes.py's)")
    ap.add_argument('--out', default=str(ROOT / 'experiments' / 'results' /
                                         'teacher_on_doors.json'))
    args = ap.parse_args()
    clips = data.load(['../shared/data/train', '../shared/data/other',
                       '../shared/data/negatives'])
    labels = data.labels_of(clips)
    train, _, _, _ = heldout.split(clips)
    teacher = Teacher()
    windows = Windows(train, labels, desc='training windows')
    E = distil.window_embeddings(teacher, windows)
    y, w = windows.y, np.ones(len(windows.y))
    if args.head_mixes:
        import door_mixes
        from training import mixes, scenes
        scenes.DOOR[door_mixes.KIND] = dict(door_mixes.SETTINGS, target_share=(
            args.target_share or door_mixes.SETTINGS['target_share']))
        mixes.make_scene = door_mixes.door_make_scene(
            door_mixes.bed_kind_of(['../shared/data/train']))
        Em, ym = door_mixes.mixture_windows(teacher, train, labels, args.head_mixes)
        E, y = np.concatenate([E, Em]), np.concatenate([y, ym])
        w = np.concatenate([w, np.full(len(ym), mixes.Mixes.WEIGHT)])
    head = distil.Head(len(labels)).fit(E, y, balanced(y, len(labels), labels.index('other'), w))
    counts = {'teacher': Counter(), 'student': Counter()}
    # the unfamiliar doorsteps' `other` sounds (not in the truth): given an event label?
    strange = {'teacher': Counter(), 'student': Counter()}
    for seed in args.seeds:
        folder = sr.scene_folder(seed)
        snr = rd.snr_of(seed)
        student = {s['name'] + s['kind']: s for s in sr.scored_set(args.model, seed)}
        for kind in ('quiet', 'unfamiliar'):
            for wav in sorted((folder / kind).glob('*.wav')):
                pcm, _ = soundfile.read(str(wav), dtype='int16')
                _, emb = teacher.outputs(pcm)
                probs = distil.soften(head.logits(emb), 1.0)
                scored = student[wav.stem + kind]
                spans = rd.window_spans(len(emb))
                record = next(r for r in json.loads((folder / kind / 'scenes.json').read_text())[
                    'scenes'] if r['name'] == wav.stem)
                for t in record['distractors']:
                    ws = [w for w, (a, b) in enumerate(spans)
                          if min(b, t['offset']) - max(a, t['onset']) >= rd.GRACE]
                    w2 = [w for w in ws if w < len(scored['scores'])]
                    if ws:
                        for who, p in (('teacher', probs[ws]), ('student', scored['scores'][w2])):
                            strange[who][labels[int(np.argmax(p.mean(0)))] in heldout.EVENTS] += 1
                for t in sr.sed.read_events(wav.with_suffix('.tsv')):
                    ws = [w for w, (a, b) in enumerate(spans)
                          if min(b, t['offset']) - max(a, t['onset']) >= rd.GRACE]
                    if not ws:
                        continue
                    s = snr.get(('%s/%s' % (kind, wav.stem), round(t['onset'], 3)))
                    band = next('%g-%g dB' % (lo, min(hi, 20)) for lo, hi in BANDS
                                if s is None or lo <= s < hi)
                    counts['teacher'][fate(probs[ws].mean(0), t['event_label'], labels), band] += 1
                    w2 = [w for w in ws if w < len(scored['scores'])]
                    counts['student'][fate(scored['scores'][w2].mean(0), t['event_label'],
                                           labels), band] += 1
    table = {}
    for who, c in counts.items():
        total = sum(c.values())
        fates = sorted({f for f, _ in c})
        table[who] = {f: {'share': round(sum(v for (g, _), v in c.items() if g == f) / total, 3),
                          'by_snr': {b: c[f, b] for _, b in [(0, '%g-%g dB' % (lo, min(hi, 20)))
                                                              for lo, hi in BANDS]}}
                      for f in fates}
        table[who]['unfamiliar sounds given an event label'] = round(
            strange[who][True] / max(1, sum(strange[who].values())), 3)
        print('%s: %d of %d unfamiliar sounds given an event label' % (
            who, strange[who][True], sum(strange[who].values())))
        print('\n%s (%d events)\n| fate | share | %s |\n|---|---|%s' % (
            who, total, ' | '.join('%g-%g dB' % (lo, min(hi, 20)) for lo, hi in BANDS),
            '---|' * len(BANDS)))
        for f, r in table[who].items():
            if not isinstance(r, dict):
                continue
            print('| %s | %.1f %% | %s |' % (f, 100 * r['share'],
                                            ' | '.join(str(v) for v in r['by_snr'].values())))
    out = Path(args.out)
    saved = json.loads(out.read_text()) if out.is_file() else {}
    saved['head on clean clips' + (' and %d door mixtures (target share %s)' % (
        args.head_mixes, args.target_share or 0.75) if args.head_mixes else '')] = {
        'seeds': args.seeds, 'model': args.model, 'table': table}
    out.write_text(json.dumps(saved, indent=1) + '\n')


if __name__ == '__main__':
    main()
