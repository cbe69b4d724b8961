"""Where does a window's moved score go: `other`, or the quiet label its embedding is nearest?
(issue 22, round 28)

The open-set check (training/openset.py, device/classifier.py) takes a share of each event
label's score from a window whose net embedding lies nearest a prototype of `background` or
`other`, and gives all of it to `other`. The held-out students name 9 in 10 background clips
`other`, background second (round 22): part of that is the check itself, which hands a window
nearest a *background* prototype to `other`. This screen scores, for the same windows, the
moved share going to the nearest quiet label instead (`background` when the nearest prototype
is background's; `other` otherwise, as now):
- held-out clips and unheard kinds (experiments/heldout.py's split, pooled as the device pools),
  each one-net held-out student, and each joined pair as training/bundle.with_nets joins them;
- door scene sets 0-4 at the students' points (scene_replay.joined_set's cached parts): the
  moved share no longer counts for `other` against an event, so the door may open more.

    .venv/bin/python experiments/quiet_split.py \\
        --students build/heldout/distilled-r22-bands-kinds build/heldout/distilled-r24-small-s{1,2}
"""
import argparse
import functools
import hashlib
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import heldout   # noqa: E402
import scene_replay   # noqa: E402
from training import bundle, data   # noqa: E402
from training.model import decide   # noqa: E402
from training.openset import open_set   # noqa: E402

RESULT = ROOT / 'experiments' / 'results' / 'quiet_split.json'
SETS = (0, 1, 2, 3, 4)
POOL_DB = 15     # the device's clip pooling: windows within 15 dB of the loudest (round 19)


def clip_parts(student, clips, batch=24):
    """{'clip', 'level', 'trees', 'net', 'near'} over every window of `clips`, cached."""
    key = hashlib.sha1(scene_replay.bundle_key(student).encode())
    for c in clips:
        key.update(c.path.encode())
    cache = ROOT / 'build' / 'quiet_split' / (key.hexdigest()[:16] + '.npz')
    if cache.is_file():
        return dict(np.load(cache))
    indexed = list(enumerate(c.pcm for c in clips))
    d = scene_replay.window_parts(student, [indexed[at:at + batch]
                                            for at in range(0, len(indexed), batch)],
                                  Path(student).name)
    out = {'clip': d['index'], 'level': d['level'], 'trees': d['trees'], 'net': d['net'],
           'near': d['near']}
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, **out)
    return out


def checked(scores, near, labels, keep, agree, to_nearest=False):
    """training.openset.open_set; with `to_nearest`, the share it moves from a window nearest a
    prototype of `background` goes to `background`, not `other`."""
    out = open_set(scores, near, labels, keep, agree)
    if to_nearest:
        other, background = labels.index('other'), labels.index('background')
        moved = np.where(near == background, out[:, other] - np.asarray(scores)[:, other], 0.0)
        out[:, other] -= moved
        out[:, background] += moved
    return out


def joined_scores(parts, students, labels, to_nearest):
    """Window scores of the first student's trees with each student's net, as the device joins
    a pair's nets, with checked's open-set check."""
    first = parts[students[0]]
    return scene_replay.joined_scores(
        first['trees'], [(parts[s]['net'], parts[s]['near'], scene_replay.prototype_shares(s))
                         for s in students], labels,
        bundle.trees_share(bundle.read(students[0])),
        functools.partial(checked, to_nearest=to_nearest))


def clip_labels(scores, parts, labels, thresholds, n_clips):
    said = []
    for i in range(n_clips):
        mine = parts['clip'] == i
        level, s = parts['level'][mine], scores[mine]
        pooled = s[level >= level.max() - 100 * POOL_DB].mean(0)
        said.append(labels[decide(pooled[None, :], thresholds, labels)[0]])
    return said


def clip_figures(parts, students, labels, thresholds, test, strange, to_nearest):
    scores = joined_scores(parts, students, labels, to_nearest)
    said = clip_labels(scores, parts[students[0]], labels, thresholds, len(test) + len(strange))
    f = heldout.figures([c.label for c in test], said[:len(test)], labels)
    o = heldout.open_set_figures(test, said[:len(test)], said[len(test):])
    return {'clip_macro_f1': f['clip_macro_f1'],
            'f1': {l: f['clip_f1'][l] for l in ('background', 'other', 'footsteps', 'car_horn')},
            'other_named': o['held_out_other_given_an_event_label'],
            'unheard_named': o['unheard_kinds_given_an_event_label']}


def door_figures(students, labels, to_nearest):
    points, on, settings = scene_replay.bundle_points(students[0])
    rows = []
    for seed in SETS:
        scenes = scene_replay.joined_set(students, seed,
                                         check=functools.partial(checked, to_nearest=to_nearest))
        r = scene_replay.replay(scenes, labels, points, settings, on)
        f = r['false_events_per_hour']
        rows.append([f['all'], f['unfamiliar'], r['event_f1_200ms'], r['event_f1_1s'],
                     r['segment_f1_1s']])
    return dict(zip(('false_all', 'false_unfamiliar', 'f1_200ms', 'f1_1s', 'segment_f1'),
                    [round(float(v), 4) for v in np.mean(rows, 0)]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--students', nargs='+', required=True, help='one-net held-out students')
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    ap.add_argument('--no-doors', action='store_true')
    args = ap.parse_args()
    _, test, strange, _ = heldout.split(data.load(args.data))
    parts = {s: clip_parts(s, test + strange) for s in args.students}
    labels = scene_replay.labels_of(args.students[0])
    models = [[s] for s in args.students] + [list(p) for p in
                                             itertools.permutations(args.students, 2)]
    out = {}
    for members in tqdm(models, desc='models'):
        thresholds = json.loads((Path(members[0]) / 'model.json').read_text())['thresholds']
        name = '+'.join(Path(m).name for m in members)
        out[name] = {}
        for to_nearest in (False, True):
            row = clip_figures(parts, members, labels, thresholds, test, strange, to_nearest)
            if not args.no_doors:
                row['door'] = door_figures(members, labels, to_nearest)
            out[name]['nearest' if to_nearest else 'other'] = row
    print('| model | moved to | clip macro-F1 | F1 background / other / footsteps / car_horn '
          '| other / unheard named | door false/h (unfamiliar) | F1 200 ms / 1 s / segment |\n'
          '|---|---|---|---|---|---|---|')
    for name, rows in out.items():
        for way, r in rows.items():
            d = r.get('door', {})
            print('| %s | %s | %.3f | %s | %.1f / %.1f %% | %s | %s |' % (
                name, way, r['clip_macro_f1'], ' / '.join('%.2f' % v for v in r['f1'].values()),
                100 * r['other_named'], 100 * r['unheard_named'],
                '%.2f (%.1f)' % (d['false_all'], d['false_unfamiliar']) if d else '-',
                '%.3f / %.3f / %.3f' % (d['f1_200ms'], d['f1_1s'], d['segment_f1'])
                if d else '-'))
    RESULT.write_text(json.dumps(out, indent=1) + '\n')


if __name__ == '__main__':
    main()
