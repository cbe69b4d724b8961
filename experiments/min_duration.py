"""The segmenter's shortest event (device/segmenter.py MIN_DURATION, 0.2 s: a draft's value,
never measured) against door scenes (issue 23).

An event's edges are refined to the frame on the energy envelope (ONSET_DB ...) before the
minimum applies, so a short, loud sound the classifier named over whole windows (a glass's
crash, one knock) can end under 0.2 s after its onset and be dropped: the first 40 s of the
demo scene lose their glass so with round 19's default. This replays the held-out door scenes
(experiments/scene_replay.py: the bundle's window scores once, the device segmenter in CPython)
with each minimum and prints event F1 at 200 ms and 1 s, segment F1, false events an hour and
events the minimum dropped, per scene set (sets 0 and 1 are where operating points are chosen,
2 where they are checked), for the held-out students of round 19 with their own points
(operating_points.py's per-label bundles).

    .venv/bin/python experiments/min_duration.py [--models DIR ...] [--seeds 0 1 2]

Writes experiments/results/min_duration.json.
"""
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

from scene_replay import bundle_points, labels_of, replay, scored_set   # noqa: E402

MINIMA = (0.2, 0.1, 0.05, 0.0)
KEPT = ('event_f1_200ms', 'event_f1_1s', 'segment_f1_1s', 'false_events_per_hour', 'dropped')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--models', nargs='+', default=[
        str(ROOT / 'build' / 'op-r18-sounds' / 'bundles' / 'per-label'),
        str(ROOT / 'build' / 'op-r18-without' / 'bundles' / 'per-label')])
    ap.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2])
    args = ap.parse_args()
    out = {}
    print('| bundle | set | minimum (s) | event F1 200 ms | event F1 1 s | segment F1 | '
          'false/h all / unfamiliar / plain | dropped |\n|---|---|---|---|---|---|---|---|')
    for model in args.models:
        labels = labels_of(model)
        thresholds, on, settings = bundle_points(model)
        for seed in args.seeds:
            scenes = scored_set(model, seed)
            for m in MINIMA:
                r = replay(scenes, labels, thresholds, dict(settings or {}, min_duration=m), on)
                r = {k: r[k] for k in KEPT}
                out.setdefault(model, {}).setdefault(str(seed), {})[str(m)] = r
                f = r['false_events_per_hour']
                print('| %s | %d | %.2f | %.3f | %.3f | %.3f | %s / %s / %s | %d |' % (
                    Path(model).parent.parent.name, seed, m, r['event_f1_200ms'],
                    r['event_f1_1s'], r['segment_f1_1s'], f['all'], f['unfamiliar'],
                    f['plain'], r['dropped']), flush=True)
    path = ROOT / 'experiments' / 'results' / 'min_duration.json'
    path.write_text(json.dumps(out, indent=1) + '\n')


if __name__ == '__main__':
    main()
