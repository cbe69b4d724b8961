"""Door scenes with and without the open-set check (round 12): three candidates for the default's
detector over the same three held-out scene sets (experiments/door_scenes.py, seeds 0-2, 6 h):
round 11's student and per-label points, the student with prototypes and those same points,
and the student with prototypes and the points operating_points.py chose again for it.

    .venv/bin/python experiments/operating_points.py --model build/open_set/distilled-keep0.5 \
        --out build/op_openset                  # the curve and the points chosen again
    .venv/bin/python experiments/open_set_scenes.py

Runs door_scenes.py for a candidate and seed whose result is missing (round 11's runs are in
build/operating_points, operating_points.py's own output).
"""
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'experiments'))
import door_scenes   # noqa: E402

BUILD = ROOT / 'build'
SEEDS = (0, 1, 2)
# (name, scene runs folder, bundle)
CANDIDATES = (
    ('round 11: no prototypes, its points', BUILD / 'operating_points',
     BUILD / 'operating_points' / 'bundles' / 'per-label'),
    ('prototypes, round 11\'s points (shipped)', BUILD / 'op_openset',
     BUILD / 'op_openset' / 'bundles' / 'old-points'),
    ('prototypes, points chosen again', BUILD / 'op_openset',
     BUILD / 'op_openset' / 'bundles' / 'per-label'),
)


def old_points_bundle():
    """The prototypes' bundle with round 11's per-label points."""
    folder = BUILD / 'op_openset' / 'bundles' / 'old-points'
    if not (folder / 'model.json').is_file():
        shutil.copytree(BUILD / 'op_openset' / 'bundles' / 'per-label', folder)
        meta = json.loads((folder / 'model.json').read_text())
        old = json.loads((BUILD / 'operating_points' / 'bundles' / 'per-label' /
                          'model.json').read_text())
        meta['event_threshold'] = old['event_threshold']
        meta['event_thresholds'] = old['event_thresholds']
        (folder / 'model.json').write_text(json.dumps(meta, indent=1) + '\n')


def main():
    old_points_bundle()
    rows = {}
    for name, runs, model in CANDIDATES:
        per_seed = []
        for seed in SEEDS:
            result = runs / ('seed%d' % seed) / model.name / 'result.json'
            if not result.is_file():
                door_scenes.main(['--model', str(model), '--out', str(result.parent.parent),
                                  '--seed', str(seed)])
            per_seed.append(json.loads(result.read_text()))
        rows[name] = {
            'event_thresholds': json.loads((model / 'model.json').read_text())['event_thresholds'],
            'per_seed': [{'false_per_hour': r['false_events_per_hour'],
                          'event_f1_200ms': r['event_f1_200ms'], 'event_f1_1s': r['event_f1_1s'],
                          'segment_f1_1s': r['segment_f1_1s'],
                          'onset_median_ms': r['onset_error_ms']['median']} for r in per_seed]}
    print('| candidate | set | false/h all | unfamiliar | plain | event F1 200 ms | 1 s | segment '
          'F1 |\n|---|---|---|---|---|---|---|---|')
    for name, r in rows.items():
        seeds = r['per_seed']
        for seed, s in zip(SEEDS, seeds):
            f = s['false_per_hour']
            print('| %s | %d | %s | %s | %s | %.3f | %.3f | %.3f |' % (
                name, seed, f['all'], f['unfamiliar'], f['plain'], s['event_f1_200ms'],
                s['event_f1_1s'], s['segment_f1_1s']))
        mean = lambda get: sum(get(s) for s in seeds) / len(seeds)
        r['mean'] = {k: round(mean(lambda s: s['false_per_hour'][k]), 2)
                     for k in ('all', 'unfamiliar', 'plain')}
        r['mean'].update({k: round(mean(lambda s: s[k]), 3)
                          for k in ('event_f1_200ms', 'event_f1_1s', 'segment_f1_1s')})
        m = r['mean']
        print('| %s | mean | %s | %s | %s | %.3f | %.3f | %.3f |' % (
            name, m['all'], m['unfamiliar'], m['plain'], m['event_f1_200ms'], m['event_f1_1s'],
            m['segment_f1_1s']))
    out = ROOT / 'experiments' / 'results' / 'open_set_scenes.json'
    out.write_text(json.dumps(rows, indent=1) + '\n')


if __name__ == '__main__':
    main()
