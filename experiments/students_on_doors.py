"""Held-out students through the door scenes at the shipped default's operating points.

Each student (a bundle of experiments/heldout.py, never trained on the scene folds) scores
experiments/door_scenes.py's sets once in MicroPython (scene_replay.scored_set, cached), then the
device's segmenter replays them with device/model's per-label points (so students of two recipes
are compared at one decision rule, not each at its best). Prints a row a student and set and
each student's mean over the sets, and adds them to experiments/results/students_on_doors.json.

    .venv/bin/python experiments/students_on_doors.py --seeds 0 1 2 \
        --students build/heldout/distilled-r18-sounds build/heldout/distilled-r20-us8k
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import scene_replay   # noqa: E402

RESULT = ROOT / 'experiments' / 'results' / 'students_on_doors.json'
FIGURES = ('event_f1_200ms', 'event_f1_1s', 'segment_f1_1s')


def row(result):
    f = result['false_events_per_hour']
    return {'false_all': f['all'], 'false_unfamiliar': f['unfamiliar'], 'false_plain': f['plain'],
            **{k: round(result[k], 4) for k in FIGURES}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--students', nargs='+', required=True)
    ap.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2])
    ap.add_argument('--points', default=str(ROOT / 'device' / 'model'),
                    help="the bundle whose per-label event thresholds every student uses")
    args = ap.parse_args()
    points, on, settings = scene_replay.bundle_points(args.points)
    saved = json.loads(RESULT.read_text()) if RESULT.is_file() else {}
    for student in args.students:
        labels = scene_replay.labels_of(student)
        rows = {}
        for seed in args.seeds:
            scenes = scene_replay.scored_set(student, seed)
            rows[seed] = row(scene_replay.replay(scenes, labels, points, settings, on))
            print(Path(student).name, 'set', seed, json.dumps(rows[seed]))
        mean = {k: round(float(np.mean([r[k] for r in rows.values()])), 4)
                for k in rows[args.seeds[0]]}
        print(Path(student).name, 'mean', json.dumps(mean))
        saved[Path(student).name] = {'sets': rows, 'mean': mean, 'points': points}
    RESULT.write_text(json.dumps(saved, indent=1) + '\n')


if __name__ == '__main__':
    main()
