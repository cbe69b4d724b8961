"""Per-label operating points, few false alarms first (issue 23, item 5), and the trade-off curve.

Runs experiments/door_scenes.py's scene sets (held-out folds: quiet doorsteps, doorsteps of
unfamiliar sounds, plain beds; one set per --seeds) through the appliance with a bundle whose
event threshold is each value of --grid in turn, for every label at once. Per label it counts
false events (one of its detections overlapping no true event) and its event F1 at 1 s. Each
label then gets, of the thresholds at which its false events stay within --limit an hour (all
scene hours counted), the one with its best event F1, or the grid's highest when none does; the
bundle with those per-label thresholds is run once more, and on fresh sets (--check) beside
single thresholds (--check-grid), since a choice scores best where it was made. Writes experiments/results/operating_points.json and
docs/operating-points.png (false events an hour against event F1 at 1 s: the global thresholds
as a curve, the per-label choice as a star). Use a bundle that never trained on the scene folds
(experiments/heldout.py's).

    .venv/bin/python experiments/operating_points.py --model build/heldout/distilled [--reuse]
"""
import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import door_scenes   # noqa: E402
from training import sed   # noqa: E402
from training.scenes import TARGETS   # noqa: E402

RESULT = ROOT / 'experiments' / 'results' / 'operating_points.json'


def with_thresholds(model, out, name, threshold, per_label=None, reuse=False):
    """A copy of the bundle under out/bundles/NAME opening events at these thresholds."""
    folder = out / 'bundles' / name
    if reuse and (folder / 'model.json').is_file():
        meta = json.loads((folder / 'model.json').read_text())
        if meta['event_threshold'] == threshold and meta['event_thresholds'] == (per_label or {}):
            return folder
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(model, folder)
    meta = json.loads((folder / 'model.json').read_text())
    meta['event_threshold'] = threshold
    meta['event_thresholds'] = per_label or {}
    (folder / 'model.json').write_text(json.dumps(meta, indent=1) + '\n')
    return folder


def label_f1(results, label):
    """A label's mean event F1 at 1 s over scene-set results. sed_eval gives none for a label
    a run opened no event of (no precision): with events of it in the scenes, none was found,
    which is 0; a run without any has nothing to say. (Counting such a run as no F1 at all made
    the label's F1 at that threshold 0 in every run, and its point the grid's highest.)"""
    values = [r['per_class'][label]['event_f1_1s'] or 0.0 for r in results
              if r['per_class'][label]['reference']]
    return round(sum(values) / len(values), 4) if values else None


def choose(curve, limit, grid):
    """Per label: of the thresholds whose false events stay within `limit` an hour, the one
    with its best event F1 at 1 s (the higher on a tie); none within it: the grid's highest."""
    per_label = {}
    for label in TARGETS:
        ok = [(r['f1_1s'][label] or 0.0, t) for t, r in curve
              if r['false_per_hour'][label] <= limit]
        per_label[label] = max(ok)[1] if ok else max(grid)
    return per_label


def summarise(results, scenes):
    """Figures over scene-set results (training.sed.door's, with event_f1s and per_class) and
    all their scenes (each with seconds, truth, detected): false events an hour per label over
    all the scenes' hours, each label's event F1 at 1 s (label_f1), and the overall F1s, false
    events an hour per kind and onset error as the mean over the results (an F1 of a run that
    opened no event counts 0)."""
    false = {l: 0 for l in TARGETS}
    hours = 0.0
    for s in scenes:
        hours += s['seconds'] / 3600
        for d in sed.false_events(s['truth'], s['detected']):
            false[d['event_label']] += 1

    def mean(get):
        values = [get(r) for r in results]
        return None if None in values else round(sum(values) / len(values), 4)
    # sed_eval's F1 of a run that opened no event is none (no precision): it found none, 0
    return {'false_per_hour': {l: round(n / hours, 2) for l, n in false.items()},
            'f1_1s': {l: label_f1(results, l) for l in TARGETS},
            'overall': {k: mean(lambda r: r[k] or 0.0) for k in ('event_f1_200ms', 'event_f1_1s',
                                                                 'segment_f1_1s')},
            'false_events_per_hour': {k: mean(lambda r: r['false_events_per_hour'][k])
                                      for k in ('all', 'quiet', 'unfamiliar', 'plain')},
            'onset_error_ms': mean(lambda r: r['onset_error_ms']['median'])}


def run(folder, out, seeds, reuse=False):
    """The bundle's figures (summarise) over the scene sets of `seeds` (out/seedN/NAME), run
    through the appliance."""
    per_seed, scenes = [], []
    for seed in seeds:
        where = out / ('seed%d' % seed)
        runs = where / folder.name
        if not (reuse and (runs / 'result.json').is_file()):
            door_scenes.main(['--model', str(folder), '--out', str(where), '--seed', str(seed)])
        per_seed.append(json.loads((runs / 'result.json').read_text()))
        scenes += sed.collect([runs / k for k in ('quiet', 'unfamiliar', 'plain')])
    return summarise(per_seed, scenes)


def plot(curve, chosen, path):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    xs = [r['false_events_per_hour']['all'] for _, r in curve]
    ys = [r['overall']['event_f1_1s'] for _, r in curve]
    ax.plot(xs, ys, 'o-', label='one threshold for every label')
    for (t, _), x, y in zip(curve, xs, ys):
        ax.annotate('%.2f' % t, (x, y), textcoords='offset points', xytext=(4, 4), fontsize=8)
    ax.plot([chosen['false_events_per_hour']['all']], [chosen['overall']['event_f1_1s']], '*',
            markersize=14, label='per-label operating points')
    ax.set_xlabel('false events an hour (door scenes of held-out folds)')
    ax.set_ylabel('event F1, 1 s collar')
    ax.set_title('Few false alarms first: the trade-off', fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def apply(bundle_folder, result=RESULT):
    """Writes the per-label operating points of the last run (`result`, a results file with
    per_label) into a bundle (model.json and metrics.json's event_thresholds), e.g. the default
    model trained on every fold."""
    chosen = json.loads(Path(result).read_text())['per_label']
    for name in ('model.json', 'metrics.json'):
        path = Path(bundle_folder) / name
        meta = json.loads(path.read_text())
        meta['event_thresholds'] = chosen
        path.write_text(json.dumps(meta, indent=1) + '\n')
    print('%s: event thresholds %s' % (bundle_folder, json.dumps(chosen)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--apply', metavar='BUNDLE', help='only write the last run\'s per-label '
                    'thresholds into BUNDLE')
    ap.add_argument('--model', default=str(ROOT / 'build' / 'heldout' / 'distilled'))
    ap.add_argument('--grid', nargs='+', type=float, default=[0.35, 0.45, 0.55, 0.65])
    ap.add_argument('--limit', type=float, default=0.5, help='false events an hour a label may '
                    'cost, over all the scenes')
    ap.add_argument('--out', default=str(ROOT / 'build' / 'operating_points'))
    ap.add_argument('--reuse', action='store_true', help='keep the runs already made with the '
                    'same thresholds')
    ap.add_argument('--seeds', nargs='+', type=int, default=[0, 1],
                    help='scene sets the operating points are chosen on')
    ap.add_argument('--check', nargs='+', type=int, default=[2],
                    help='fresh scene sets the choice is checked on')
    ap.add_argument('--check-grid', nargs='+', type=float, default=[0.45],
                    help='single thresholds to compare with on the fresh sets')
    args = ap.parse_args()
    if args.apply:
        return apply(args.apply)
    model, out = Path(args.model).resolve(), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    curve = [(t, run(with_thresholds(model, out, 't%02d' % round(100 * t), t, None, args.reuse),
                     out, args.seeds, args.reuse)) for t in args.grid]
    per_label = choose(curve, args.limit, args.grid)
    chosen_bundle = with_thresholds(model, out, 'per-label', max(args.grid), per_label,
                                    args.reuse)
    chosen = run(chosen_bundle, out, args.seeds, args.reuse)
    checked = {'seeds': args.check, 'per label': run(chosen_bundle, out, args.check, args.reuse)}
    for t in args.check_grid:
        checked['%.2f' % t] = run(with_thresholds(model, out, 't%02d' % round(100 * t), t, None,
                                                  args.reuse), out, args.check, args.reuse)
    print('\n| event threshold | false/h all | false/h unfamiliar | false/h plain | event F1 '
          '200 ms | event F1 1 s | segment F1 |\n|---|---|---|---|---|---|---|')
    for name, r in [('%.2f' % t, r) for t, r in curve] + [('per label', chosen)]:
        f = r['false_events_per_hour']
        print('| %s | %s | %s | %s | %.3f | %.3f | %.3f |' % (
            name, f['all'], f['unfamiliar'], f['plain'], r['overall']['event_f1_200ms'],
            r['overall']['event_f1_1s'], r['overall']['segment_f1_1s']))
    print('per-label operating points:', json.dumps(per_label))
    print('\nchecked on fresh scene sets (seeds %s):' % args.check)
    for name, r in checked.items():
        if name != 'seeds':
            f = r['false_events_per_hour']
            print('| %s | %s | %s | %s | %.3f | %.3f | %.3f |' % (
                name, f['all'], f['unfamiliar'], f['plain'], r['overall']['event_f1_200ms'],
                r['overall']['event_f1_1s'], r['overall']['segment_f1_1s']))
    result = {'model': str(model), 'limit': args.limit, 'seeds': args.seeds,
              'per_label': per_label, 'curve': {str(t): r for t, r in curve}, 'chosen': chosen,
              'checked': checked}
    RESULT.write_text(json.dumps(result, indent=1) + '\n')
    plot(curve, chosen, ROOT / 'docs' / 'operating-points.png')


if __name__ == '__main__':
    main()
