"""How much of a pair's score should the trees' votes be? (issues 22 and 23, round 28)

A pair (device/classifier.py) scores a window as the mean of the forest's votes and the net's
scores: round 7 chose the pair over either alone, when the net learned from hard labels only.
The net now learns from the teacher and, alone, names held-out clips far better than the trees
do, so their half of each window's score is screened again. For each share of the trees':
- held-out clips and unheard kinds (experiments/heldout.py's split, the device's own window
  parts, pooled as the device pools, each student's own clip thresholds), each one-net
  held-out student and each joined pair;
- door scene sets 0-4 (scene_replay.joined_set) for each joined pair: the default's points all
  moved by the same step (seed_ensemble.curve), F1 read at matched false events an hour.
The share is chosen on door sets 0-1 (mean F1 at 1.0 false/h); sets 2-4 and the clips check it.

    git show c0968f7:device/model/model.json > build/points-r27/model.json
    .venv/bin/python experiments/tree_share.py --points build/points-r27 \\
        --students build/heldout/distilled-r22-bands-kinds build/heldout/distilled-r24-small-s{1,2}
    .venv/bin/python experiments/tree_share.py --points models/psram --students \\
        build/heldout/distilled-16-32-64-r23-wide build/heldout/distilled-16-32-64-r24-wide-s{1,2}
    (the same with --nets 3: the PSRAM bundle's three nets)
"""
import argparse
import itertools
import json
import sys
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import heldout   # noqa: E402
import quiet_split   # noqa: E402
import scene_replay   # noqa: E402
import seed_ensemble   # noqa: E402
from training import data   # noqa: E402

RESULT = ROOT / 'experiments' / 'results' / 'tree_share.json'
SHARES = (0.5, 0.4, 0.3, 0.2, 0.1, 0.0)
CHOOSE, CHECK = (0, 1), (2, 3, 4)
RATE = 1.0      # false events an hour where door F1 is compared


def clip_figures(parts, members, labels, test, strange, trees, shares=None):
    """`shares`: the open-set check's (keep, agree) for every net, other than their bundles'."""
    thresholds = json.loads((Path(members[0]) / 'model.json').read_text())['thresholds']
    first = parts[members[0]]
    scores = scene_replay.joined_scores(
        first['trees'], [(parts[m]['net'], parts[m]['near'],
                          shares or scene_replay.prototype_shares(m)) for m in members],
        labels, trees)
    said = quiet_split.clip_labels(scores, first, labels, thresholds, len(test) + len(strange))
    f = heldout.figures([c.label for c in test], said[:len(test)], labels)
    o = heldout.open_set_figures(test, said[:len(test)], said[len(test):])
    return {'clip_macro_f1': f['clip_macro_f1'], 'clip_f1': f['clip_f1'],
            'other_named': o['held_out_other_given_an_event_label'],
            'unheard_named': o['unheard_kinds_given_an_event_label']}


def door_curves(job):
    """{sets name: curve} of one pair at one share of the trees', from `points` (a bundle);
    `check`: another open-set check than the device's (scene_replay.joined_set), or None."""
    members, trees, points, check = job
    points, on, settings = scene_replay.bundle_points(points)
    labels = scene_replay.labels_of(members[0])
    scored = {seed: scene_replay.joined_set(members, seed, trees, check)
              for seed in CHOOSE + CHECK}
    return {name: seed_ensemble.curve(scored, labels, points, settings, on, sets,
                                      seed_ensemble.WIDE_STEPS)
            for name, sets in (('choose', CHOOSE), ('check', CHECK))}


def plot(saved, path):
    """Clip macro-F1 and the door's figures against the trees' share, a line a width."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(1, 3, figsize=(14, 4))
    for n, (students, r) in enumerate(saved.items()):
        name = '%s, %d nets' % ('16-32-64' if '16-32-64' in students else '8-16-32',
                                r.get('nets', 2))
        shares = [float(t) for t in r['clips']]
        pair = lambda t: [v for k, v in r['clips'][t].items() if '+' in k]
        ax[0].plot(shares, [np.mean([v['clip_macro_f1'] for v in pair(t)]) for t in r['clips']],
                   'o-', color='C%d' % n, label=name)
        ax[1].plot(shares, [100 * np.mean([v['unheard_named'] for v in pair(t)])
                            for t in r['clips']], 'o-', color='C%d' % n, label=name)
        for sets, style in (('choose', 'o--'), ('check', 'o-')):
            ax[2].plot(shares, [np.mean([d[sets]['at_rate'][1] for d in r['doors'][t].values()])
                                for t in r['doors']], style, color='C%d' % n,
                       label='%s, sets %s' % (name, '0-1' if sets == 'choose' else '2-4'))
    for a in ax:
        a.invert_xaxis()
    finish_plot(fig, ax, "the trees' share of a pair's scores", path)


def finish_plot(fig, ax, xlabel, path, legend_size=None):
    """The three panels' labels (clip macro-F1, unheard kinds named, door F1 at RATE), legends,
    and the file."""
    ax[0].set_ylabel('held-out clip macro-F1 (joined models)')
    ax[1].set_ylabel('unheard kinds named an event (%)')
    ax[2].set_ylabel('door event F1 (1 s) at %.1f false events an hour' % RATE)
    for a in ax:
        a.set_xlabel(xlabel)
        a.legend(fontsize=legend_size)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def joined_models(students, nets):
    """Each student's trees with its own net and every choice of `nets` - 1 of the others'."""
    return [[first, *rest] for first in students for rest in itertools.combinations(
        [s for s in students if s != first], nets - 1)]


def all_five(d, rate):
    """F1s at `rate` false events an hour over all five sets: a pair's two curves weighed by
    the sets each holds (NaN where the curve does not reach the rate)."""
    both = (len(CHOOSE) * np.array(d['choose']['curve']) +
            len(CHECK) * np.array(d['check']['curve'])) / len(CHOOSE + CHECK)
    return seed_ensemble.at_rate(both.tolist(), rate)


def table(clips, doors):
    print("| trees' share | clip macro-F1 singles / pairs | held-out other / unheard named "
          "(pairs) | door F1 200 ms / 1 s / segment at %.1f false/h, sets 0-1 | sets 2-4 "
          "| all five at %.1f false/h | at 1.5 false/h | sets 2-4 at the default's points: "
          "false/h (unfamiliar), F1 |" % (RATE, RATE))
    print('|---|---|---|---|---|---|---|---|')
    for t, c in clips.items():
        single = np.mean([c[k]['clip_macro_f1'] for k in c if '+' not in k])
        pair = [c[k] for k in c if '+' in k]
        d = doors[t].values()
        f1s = lambda rows: ' / '.join('%.3f' % v for v in np.mean(rows, 0))
        p = np.mean([r['check']['at_default_points'] for r in d], 0)
        print('| %s | %.3f / %.3f | %.1f / %.1f %% | %s | %s | %s | %s | %.2f (%.1f), %s |' % (
            t, single, np.mean([r['clip_macro_f1'] for r in pair]),
            100 * np.mean([r['other_named'] for r in pair]),
            100 * np.mean([r['unheard_named'] for r in pair]),
            f1s([r['choose']['at_rate'] for r in d]), f1s([r['check']['at_rate'] for r in d]),
            f1s([all_five(r, RATE) for r in d]), f1s([all_five(r, 1.5) for r in d]),
            p[0], p[1], ' / '.join('%.3f' % v for v in p[2:])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--students', nargs='+', required=True, help='one-net held-out students')
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    ap.add_argument('--points', default=str(ROOT / 'device' / 'model'),
                    help="the bundle whose points the door curves move (round 28: the default's "
                         'before it, as models/psram has them)')
    ap.add_argument('--nets', type=int, default=2, help='nets a joined model holds')
    ap.add_argument('--table', action='store_true', help='print the saved result, run nothing')
    args = ap.parse_args()
    key = '%s x%d' % (' '.join(args.students), args.nets)
    if args.table:
        r = json.loads(RESULT.read_text())[key]
        return table(r['clips'], r['doors'])
    _, test, strange, _ = heldout.split(data.load(args.data))
    parts = {s: quiet_split.clip_parts(s, test + strange) for s in args.students}
    labels = scene_replay.labels_of(args.students[0])
    singles = [[s] for s in args.students]
    pairs = joined_models(args.students, args.nets)
    clips = {t: {'+'.join(Path(m).name for m in ms):
                 clip_figures(parts, ms, labels, test, strange, t) for ms in singles + pairs}
             for t in SHARES}
    jobs = [(ms, t, args.points, None) for t in SHARES for ms in pairs]
    with Pool(2) as pool:
        curves = list(tqdm(pool.imap(door_curves, jobs), total=len(jobs), desc='door curves'))
    doors = {}
    for (ms, t, _, _), c in zip(jobs, curves):
        doors.setdefault(t, {})['+'.join(Path(m).name for m in ms)] = {
            k: {'curve': v, 'at_rate': seed_ensemble.at_rate(v, RATE),
                'at_default_points': v[seed_ensemble.WIDE_STEPS.index(0.0)][1:]}
            for k, v in c.items()}
    saved = json.loads(RESULT.read_text()) if RESULT.is_file() else {}
    saved[key] = {
        'points': args.points, 'nets': args.nets, 'clips': clips, 'doors': doors}
    RESULT.write_text(json.dumps(saved, indent=1) + '\n')
    table(clips, doors)
    plot(saved, RESULT.with_suffix('.png'))


if __name__ == '__main__':
    main()
