"""Where an event's offset is looked for (issue 23, item 2; round 20, not kept).

The device's segmenter looks for an event's offset in the last window whose own score reached the
label's off threshold (Segmenter._offset over the event's ev[2]). Two variants, replayed
(scene_replay.py) on the held-out students of the recipe at the shipped points, and with an ideal
classifier's scores (recall_diagnosis.ideal_scores) to see whether a variant mends the edges or
one model's scores:

- **walk on**: from that offset, on while the energy stays at the level the offset was found
  at, for up to 0.5 or 2 seconds;
- **smoothed**: the offset looked for in the last window whose smoothed score reached it.

    .venv/bin/python experiments/offset_screen.py   # prints a row a variant and scene sets
"""
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import recall_diagnosis   # noqa: E402
import scene_replay   # noqa: E402
from earmark.bridge import device_module as module   # noqa: E402

STUDENTS = ['build/heldout/distilled-r18-sounds', 'build/heldout/distilled-r18-sounds-seed1',
            'build/heldout/distilled-r18-sounds-seed2']
Segmenter = module('segmenter').Segmenter


def walk_on(ahead):
    class WalkOn(Segmenter):
        def _offset(self, w, onset, bed):
            f = Segmenter._offset(self, w, onset, bed)
            if bed is None or f == w * self.hop + self.hop:   # the window grid's fallback
                return f
            start, end = self._held(max(w * self.hop, onset), w * self.hop + self.window)
            level = self._threshold(start, end, bed)
            _, limit = self._held(f, f + int(ahead / self.fs))
            n = len(self._energy)
            while f < limit and self._energy[f % n] >= level:
                f += 1
            return f
    return WalkOn


class Smoothed(Segmenter):
    def _close(self, c, done, end=None):
        self._closing = self._open[c]
        return Segmenter._close(self, c, done, end)

    def _offset(self, w, onset, bed):
        return Segmenter._offset(self, max(w, self._closing[3]), onset, bed)


VARIANTS = {'shipped': None, 'walk on 0.5 s': walk_on(0.5), 'walk on 2 s': walk_on(2.0),
            'smoothed': Smoothed}
FIGURES = ('event F1 200 ms', 'event F1 1 s', 'segment F1', 'false/h', 'onset |error| median ms',
           'offset |error| median ms', 'offset signed median ms')


def figures(r):
    return (r['event_f1_200ms'], r['event_f1_1s'], r['segment_f1_1s'],
            r['false_events_per_hour']['all'], r['onset_error_ms']['median'],
            r['offset_error_ms']['median'], r['offset_error_ms']['signed_median'])


def main():
    points = json.loads((ROOT / 'device' / 'model' / 'model.json').read_text())[
        'event_thresholds']
    print('| scores | sets | variant | %s |' % ' | '.join(FIGURES))
    for scores, students in (('students', STUDENTS), ('ideal', STUDENTS[:1])):
        for seeds in ([0, 1], [2, 3, 4]):
            for name, make in VARIANTS.items():
                rows = []
                for student in students:
                    labels = scene_replay.labels_of(student)
                    ideal = recall_diagnosis.ideal_scores(labels) if scores == 'ideal' else None
                    for seed in seeds:
                        rows.append(figures(scene_replay.replay(
                            scene_replay.scored_set(student, seed), labels, points, make=make,
                            scores_of=ideal)))
                print('| %s | %s | %s | %s |' % (scores, seeds, name, ' | '.join(
                    '%.3f' % v for v in np.mean(rows, 0))))


if __name__ == '__main__':
    main()
