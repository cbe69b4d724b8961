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
    ax[0].set_ylabel('held-out clip macro-F1 (joined pairs)')
    ax[1].set_ylabel('unheard kinds named an event (%)')
    ax[2].set_ylabel('door event F1 (1 s) at %.1f false events an hour' % RATE)
    for a in ax:
        a.set_xlabel('keep: the share an event label keeps near a quiet prototype')
        a.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--students', nargs='+', required=True, help='one-net held-out students')
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    ap.add_argument('--points', default=str(ROOT / 'device' / 'model'),
                    help="the bundle whose points (and trees' share) the door curves use")
    args = ap.parse_args()
    trees = bundle.trees_share(bundle.read(args.points))
    _, test, strange, _ = heldout.split(data.load(args.data))
    parts = {s: quiet_split.clip_parts(s, test + strange) for s in args.students}
    labels = scene_replay.labels_of(args.students[0])
    pairs = [list(p) for p in itertools.permutations(args.students, 2)]
    grid = list(itertools.product(KEEPS, AGREES))
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
    print("| keep | agree | clip macro-F1 | held-out other / unheard named | door F1 200 ms / "
          "1 s / segment at %.1f false/h, sets 0-1 | sets 2-4 | all five at the points: false/h "
          "(unfamiliar), F1 |\n|---|---|---|---|---|---|---|" % RATE)
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
        print('| %s | %s | %.3f | %.1f / %.1f %% | %s | %s | %.2f (%.1f), %s |' % (
            *key.split(), cell['clip_macro_f1'], 100 * cell['other_named'],
            100 * cell['unheard_named'],
            ' / '.join('%.3f' % v for v in cell['door']['choose']),
            ' / '.join('%.3f' % v for v in cell['door']['check']),
            at[0], at[1], ' / '.join('%.3f' % v for v in at[2:])))
    RESULT.write_text(json.dumps({'points': args.points, 'trees': trees,
                                  'students': args.students, 'cells': cells}, indent=1) + '\n')
    plot(cells, RESULT.with_suffix('.png'))


if __name__ == '__main__':
    main()
