"""The open-set check's two shares, chosen again now that a pair leans on its net (issues 22
and 23, round 29).

The check (training/openset.py, device/classifier.py) keeps `keep` of each event label's score
in a window whose net embedding lies nearest a quiet prototype, and `agree` of every other
event label's near an event's prototype (round 21 chose 0.5 and 0.85, when a pair was the
plain mean of its forest and its net). Round 28 gave the forest a fifth: the net's scores, which
the prototypes are fitted on, now carry four fifths. For each (keep, agree) of the grid, at the
bundle's trees' share:
- held-out clips and unheard kinds (experiments/heldout.py's split, the device's own window
  parts, pooled as the device pools, each student's own clip thresholds), each joined pair;
- door scene sets 0-4 (scene_replay.joined_set) for each joined pair: the points of `--points`
  all moved by the same step (seed_ensemble.curve), F1 read at matched false events an hour.
Chosen on door sets 0-1 and the clips together; sets 2-4 check it.

    .venv/bin/python experiments/open_set_shares.py --points device/model --students \\
        build/heldout/distilled-r22-bands-kinds build/heldout/distilled-r24-small-s{1,2}
"""
import argparse
import functools
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
import tree_share   # noqa: E402
from training import bundle, data   # noqa: E402
from training.openset import open_set   # noqa: E402

RESULT = ROOT / 'experiments' / 'results' / 'open_set_shares.json'
KEEPS = (0.3, 0.5, 0.7, 1.0)
AGREES = (0.7, 0.85, 1.0)
RATE = tree_share.RATE


def fixed(scores, near, labels, *_, keep, agree):
    """open_set at this grid cell's shares, whatever the bundle says."""
    return open_set(scores, near, labels, keep, agree)


def plot(cells, path):
    """Clip macro-F1 and door F1 at RATE against keep, a line an agree."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(1, 3, figsize=(14, 4))
    for n, agree in enumerate(AGREES):
        row = [cells['%.2f %.2f' % (k, agree)] for k in KEEPS]
        ax[0].plot(KEEPS, [r['clip_macro_f1'] for r in row], 'o-', color='C%d' % n,
                   label='agree %.2f' % agree)
        ax[1].plot(KEEPS, [100 * r['unheard_named'] for r in row], 'o-', color='C%d' % n,
                   label='agree %.2f' % agree)
        for sets, style in (('choose', 'o--'), ('check', 'o-')):
            ax[2].plot(KEEPS, [r['door'][sets][1] for r in row], style, color='C%d' % n,
                       label='agree %.2f, sets %s' % (agree, '0-1' if sets == 'choose' else '2-4'))
    tree_share.finish_plot(fig, ax, 'keep: the share an event label keeps near a quiet '
                           'prototype', path, legend_size=7)


def summarise(cells):
    """Each cell's means over its joined models, printed as a table."""
    print("| keep | agree | clip macro-F1 | held-out other / unheard named | door F1 200 ms / "
          "1 s / segment at %.1f false/h, sets 0-1 | sets 2-4 | all five at %.1f false/h | at "
          "1.5 false/h | all five at the points: false/h (unfamiliar), F1 |\n"
          "|---|---|---|---|---|---|---|---|---|" % (RATE, RATE))
    for key, cell in cells.items():
        p = cell['pairs'].values()
        mean = lambda get: np.mean([get(r) for r in p], 0)
        cell.update(clip_macro_f1=float(mean(lambda r: r['clips']['clip_macro_f1'])),
                    other_named=float(mean(lambda r: r['clips']['other_named'])),
                    unheard_named=float(mean(lambda r: r['clips']['unheard_named'])),
                    door={s: [float(v) for v in mean(lambda r: r['door'][s]['at_rate'])]
                          for s in ('choose', 'check')})
        # all five sets at the points: sets 0-1 and 2-4 weighed by how many sets each holds
        at = (2 * mean(lambda r: r['door']['choose']['at_points']) +
              3 * mean(lambda r: r['door']['check']['at_points'])) / 5
        cell['all_at_points'] = [float(v) for v in at]
        for rate in (RATE, 1.5):
            cell['door']['all five at %.1f' % rate] = [
                float(v) for v in mean(lambda r: tree_share.all_five(r['door'], rate))]
        f1s = lambda v: ' / '.join('%.3f' % x for x in v)
        print('| %s | %s | %.3f | %.1f / %.1f %% | %s | %s | %s | %s | %.2f (%.1f), %s |' % (
            *key.split(), cell['clip_macro_f1'], 100 * cell['other_named'],
            100 * cell['unheard_named'], f1s(cell['door']['choose']),
            f1s(cell['door']['check']), f1s(cell['door']['all five at %.1f' % RATE]),
            f1s(cell['door']['all five at 1.5']), at[0], at[1], f1s(at[2:])))


def budget_steps(cells, shipped='0.50 0.85'):
    """Round 28's rule for each cell: the step of every point with the best mean F1 on sets 0-1
    that opens no more false events an hour there than the shipped check at its points."""
    mean = lambda cell, sets: np.mean([p['door'][sets]['curve']
                                       for p in cell['pairs'].values()], 0)
    base = mean(cells[shipped], 'choose')
    budget = base[list(base[:, 0]).index(0.0)][1]
    print('\nround 28\'s rule (budget %.2f false/h on sets 0-1):' % budget)
    for key, cell in cells.items():
        choose, check = mean(cell, 'choose'), mean(cell, 'check')
        ok = [i for i, row in enumerate(choose) if row[1] <= budget + 1e-9]
        best = max(ok, key=lambda i: choose[i][3:].mean())
        line = lambda row: '%.2f (%.1f), %s' % (row[1], row[2], ' / '.join(
            '%.3f' % v for v in row[3:]))
        print('  %s: step %+.3f, sets 0-1 %s | sets 2-4 %s' % (
            key, choose[best][0], line(choose[best]), line(check[best])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--students', nargs='+', required=True, help='one-net held-out students')
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    ap.add_argument('--points', default=str(ROOT / 'device' / 'model'),
                    help="the bundle whose points (and trees' share) the door curves use")
    ap.add_argument('--nets', type=int, default=2, help='nets a joined model holds')
    ap.add_argument('--cells', nargs='+', metavar='KEEP,AGREE',
                    help='these cells alone (default: the whole grid)')
    ap.add_argument('--out', default=str(RESULT))
    ap.add_argument('--table', action='store_true', help='print the saved --out, run nothing')
    args = ap.parse_args()
    if args.table:
        cells = json.loads(Path(args.out).read_text())['cells']
        summarise(cells)
        return budget_steps(cells)
    trees = bundle.trees_share(bundle.read(args.points))
    _, test, strange, _ = heldout.split(data.load(args.data))
    parts = {s: quiet_split.clip_parts(s, test + strange) for s in args.students}
    labels = scene_replay.labels_of(args.students[0])
    pairs = tree_share.joined_models(args.students, args.nets)
    grid = ([tuple(float(v) for v in c.split(',')) for c in args.cells] if args.cells else
            list(itertools.product(KEEPS, AGREES)))
    jobs = [(ms, trees, args.points, functools.partial(fixed, keep=k, agree=a))
            for k, a in grid for ms in pairs]
    with Pool(2) as pool:
        curves = list(tqdm(pool.imap(tree_share.door_curves, jobs), total=len(jobs),
                           desc='door curves'))
    cells = {}
    for (ms, _, _, check), c in zip(jobs, curves):
        k, a = check.keywords['keep'], check.keywords['agree']
        cell = cells.setdefault('%.2f %.2f' % (k, a), {'pairs': {}})
        cell['pairs']['+'.join(Path(m).name for m in ms)] = {
            'clips': tree_share.clip_figures(parts, ms, labels, test, strange, trees, (k, a)),
            'door': {name: {'curve': v, 'at_rate': seed_ensemble.at_rate(v, RATE),
                            'at_points': v[seed_ensemble.WIDE_STEPS.index(0.0)][1:]}
                     for name, v in c.items()}}
    summarise(cells)
    budget_steps(cells)
    out = Path(args.out)
    out.write_text(json.dumps({'points': args.points, 'trees': trees, 'nets': args.nets,
                               'students': args.students, 'cells': cells}, indent=1) + '\n')
    if not args.cells:
        plot(cells, out.with_suffix('.png'))


if __name__ == '__main__':
    main()
