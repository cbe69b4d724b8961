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
from training import data   # noqa: E402
from training.model import decide   # noqa: E402
from training.openset import QUIET, OpenSet   # noqa: E402

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


def checked(scores, near, labels, keep, agree, to_nearest):
    """training.openset.open_set, the moved share going to `other` or, with `to_nearest`, to
    the quiet label whose prototype is nearest."""
    out = np.array(scores, np.float64)
    quiet_ix = [labels.index(l) for l in QUIET]
    quiet = np.isin(near, quiet_ix)
    event = [i for i, l in enumerate(labels) if l not in QUIET]
    share = np.where(quiet[:, None], keep, agree) * np.ones((1, len(event)))
    share[np.array(event)[None, :] == near[:, None]] = 1.0
    moved = ((1 - share) * out[:, event]).sum(1)
    out[:, event] *= share
    other = labels.index('other')
    to = np.where(quiet & to_nearest, near, other)
    np.add.at(out, (np.arange(len(out)), to), moved)
    return out


def shares(student):
    p = json.loads((Path(student) / 'model.json').read_text())['prototypes']
    return p['keep'], p.get('agree', OpenSet.AGREE)


def joined_scores(parts, students, labels, to_nearest):
    """Window scores of the first student's trees with each student's net, as the device joins
    a pair's nets (each after its own prototypes' check, averaged)."""
    trees = parts[students[0]]['trees']
    return np.mean([checked((trees + parts[s]['net']) / 2, parts[s]['near'], labels,
                            *shares(s), to_nearest) for s in students], axis=0)


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
        scenes = scene_replay.joined_set(students, seed)
        for s in scenes:
            scene_replay.floors(s)
        parts = [scene_replay.joined_set([m], seed) for m in students]
        redone = []
        for j, scene in enumerate(scenes):
            pairs = [checked((parts[0][j]['trees'] + p[j]['net']) / 2, p[j]['near'], labels,
                             *shares(m), to_nearest) for m, p in zip(students, parts)]
            redone.append(dict(scene, scores=np.mean(pairs, axis=0)))
        r = scene_replay.replay(redone, labels, points, settings, on)
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
