"""Nets of other seeds averaged (round 25): each held-out student's net paired with one forest,
the pairs' scores averaged as device/classifier.py does for a bundle's 'more_nets', compared
with the students alone at matched false alarms, not at one set of points (an average of scores
is lower at its peaks, so at the same points it opens fewer events of every kind).

Every student's door-scene sets 0-4 are scored once (scene_replay.scored_set: the trees' votes,
the net's scores and the nearest prototype, per window); an ensemble's scores are made from
those parts in CPython (scene_replay.joined_set). Each model's curve: the default's per-label
points all moved by the same step; F1 read at a false-alarm rate by linear interpolation along
it.

    .venv/bin/python experiments/seed_ensemble.py \
        --group small distilled-r22-bands-kinds distilled-r24-small-s1 distilled-r24-small-s2 \
        --group wide distilled-16-32-64-r23-wide distilled-16-32-64-r24-wide-s1 \
            distilled-16-32-64-r24-wide-s2 --plot experiments/results/seed_ensemble.png
"""
import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import scene_replay   # noqa: E402

STEPS = (-0.1, -0.075, -0.05, -0.025, 0.0, 0.025, 0.05, 0.075, 0.1)
# further up, for models that open more at the same points (a lower trees' share, a weaker
# open-set check): their curves must reach the rates F1 is read at
WIDE_STEPS = STEPS + (0.125, 0.15, 0.175, 0.2)
SETS = (0, 1, 2, 3, 4)
RATES = (1.0, 1.5, 2.0)     # false events an hour (all door scenes) where F1 is compared
FIGURES = ('event_f1_200ms', 'event_f1_1s', 'segment_f1_1s')
RESULT = ROOT / 'experiments' / 'results' / 'seed_ensemble.json'


def curve(scored, labels, points, settings, on, sets=SETS, steps=STEPS):
    """[(step, false events an hour, unfamiliar, F1 200 ms, 1 s, segment)] over `steps`, the
    mean over the scene `sets`."""
    out = []
    for step in steps:
        moved = {k: min(0.95, v + step) for k, v in points.items()}
        rows = []
        for seed in sets:
            r = scene_replay.replay(scored[seed], labels, moved, settings, on)
            f = r['false_events_per_hour']
            rows.append([f['all'], f['unfamiliar']] + [r[k] for k in FIGURES])
        out.append([step] + [round(float(v), 4) for v in np.mean(rows, 0)])
    return out


def at_rate(points, rate):
    """F1s read at `rate` false events an hour along a curve (interpolated); NaN where the
    curve does not reach that rate (a clamped end would pass off another rate's F1 as its)."""
    pts = sorted(points, key=lambda p: p[1])
    x = [p[1] for p in pts]
    if not x[0] <= rate <= x[-1]:
        return [float('nan')] * len(FIGURES)
    return [round(float(np.interp(rate, x, [p[3 + i] for p in pts])), 4)
            for i in range(len(FIGURES))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--group', nargs='+', action='append', required=True,
                    metavar=('NAME', 'STUDENT'), help='a name, then students of one recipe')
    ap.add_argument('--points', default=str(ROOT / 'device' / 'model'))
    ap.add_argument('--plot', default=None)
    ap.add_argument('--sizes', nargs='+', type=int, default=[1, 2],
                    help='how many nets a model averages (round 27 screened 3)')
    args = ap.parse_args()
    points, on, settings = scene_replay.bundle_points(args.points)
    saved = {}
    for name, *students in args.group:
        folders = {s: ROOT / 'build' / 'heldout' / s for s in students}
        labels = scene_replay.labels_of(folders[students[0]])
        # each student's trees with its own net and every choice of the others' (their order
        # does not change a mean)
        models = {'+'.join((first,) + rest): [first, *rest]
                  for size in args.sizes for first in students
                  for rest in itertools.combinations([s for s in students if s != first],
                                                     size - 1)}
        for model, members in tqdm(list(models.items()), desc=name, unit='model'):
            scored = {seed: scene_replay.joined_set([folders[m] for m in members], seed)
                      for seed in SETS}
            c = curve(scored, labels, points, settings, on)
            saved['%s: %s' % (name, model)] = {
                'group': name, 'nets': len(members), 'curve': c,
                'at_default_points': c[STEPS.index(0.0)][1:],
                'at_rate': {str(r): at_rate(c, r) for r in RATES}}
    RESULT.write_text(json.dumps(saved, indent=1) + '\n')
    print('| recipe | nets | ' + ' | '.join('F1 200 ms / 1 s / segment at %s false/h' % r
                                            for r in RATES) + ' | at the default points |')
    print('|---|---|' + '---|' * (len(RATES) + 1))
    for name, *_ in args.group:
        for nets in args.sizes:
            rows = [v for v in saved.values() if v['group'] == name and v['nets'] == nets]
            cells = [' / '.join('%.3f' % np.mean([r['at_rate'][str(rate)][i] for r in rows])
                                for i in range(len(FIGURES))) for rate in RATES]
            d = np.mean([r['at_default_points'] for r in rows], 0)
            print('| %s | %d (mean of %d) | %s | %.2f (%.1f) %.3f / %.3f / %.3f |' % (
                name, nets, len(rows), ' | '.join(cells), *d))
    if args.plot:
        plot(saved, args.group, args.plot)


def plot(saved, groups, path):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, len(groups), figsize=(6 * len(groups), 4.5), squeeze=False)
    for ax, (name, *_) in zip(axes[0], groups):
        for key, v in saved.items():
            if v['group'] != name:
                continue
            c = sorted(v['curve'], key=lambda p: p[1])
            n = v['nets']
            ax.plot([p[1] for p in c], [p[4] for p in c], '--' if n == 1 else '-o',
                    color='C%d' % (n - 1), alpha=0.6, ms=3,
                    label='one net' if n == 1 else '%d nets' % n)
        handles, names = ax.get_legend_handles_labels()
        keep = dict(zip(names, handles))
        ax.legend(keep.values(), keep.keys())
        ax.set_xlabel('false events an hour (door scene sets 0-4)')
        ax.set_ylabel('event F1 at 1 s')
        ax.set_title('%s nets: each student, and nets of other seeds averaged' % name)
        ax.set_xlim(0, 6)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


if __name__ == '__main__':
    main()
