"""Where an event's edges are looked for (issue 23, item 2; round 23).

The device's segmenter finds an event's offset in the frame energies of the last window whose own
score reached the label's off threshold: the last frame at the level the sound rose to. On the
held-out door scenes offsets came early (signed median -0.2 s): a knock's or a chime's decay and
the rest of a sound the classifier stopped scoring run on under that level, and the scenes' truth
runs on through them. Variants, replayed (scene_replay.py) on held-out students at the shipped
points, and with an ideal classifier's scores (recall_diagnosis.ideal_scores); chosen on sets
0-2, checked on sets 3-4:

- **no tail** (round 22): the offset is that last frame (Segmenter TAIL 0);
- **tail D dB, T s**: the offset walks on while the energy stays within D dB under the bed plus
  its step (Segmenter TAIL_DB), if it falls under that within T s (TAIL); else it stays;
- **tail without the end rule**: walks on up to T s whether or not the energy falls;
- **tail from the level**: D dB under the offset's own level (half-way to the window's peak when
  that is under the bed plus its step) instead;
- **onset in the next windows**: where the first scoring window shows no rise, the onset is
  looked for in the next ones up to the window that opened the event (onsets that fall back to
  the window grid are counted: `grid onsets`);
- **onset walked back to D dB under**: the onset's counterpart of the tail, back from where the
  shipped rule puts it while the energy stays within D dB under the bed plus its step, if it
  falls under that within LOOKBACK.

    .venv/bin/python experiments/edge_screen.py --students build/heldout/distilled-r22-bands-kinds \
        build/heldout/distilled-r18-sounds-kinds
"""
import argparse
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

Segmenter = module('segmenter').Segmenter


class Counted(Segmenter):
    """The segmenter as shipped, counting the onsets that fell back to the window grid."""
    grid = 0

    def _grid(self, w):
        """The onset Segmenter._onset falls back to for a sound first scored in window w."""
        return w * self.hop + self.window - self.hop

    def _onset(self, w, c, bed):
        f = Segmenter._onset(self, w, c, bed)
        if f == self._grid(w):
            Counted.grid += 1
        return f


class NoEndRule(Counted):
    def _tail(self, f, bed):
        g = Segmenter._tail(self, f, bed)
        return self._held(f, f + int(self.TAIL / self.fs))[1] if g == f else g


class FromLevel(Counted):
    def _offset(self, w, onset, bed):
        self._level_of = (max(w * self.hop, onset), w * self.hop + self.window)
        return Segmenter._offset(self, w, onset, bed)

    def _tail(self, f, bed):
        level = self._threshold(*self._held(*self._level_of), bed)
        return Segmenter._tail(self, f, (level, 0))


class NextWindows(Counted):
    def _start(self, c, w):
        self._opening = w
        return Segmenter._start(self, c, w)

    def _onset(self, w, c, bed):
        for k in range(w, max(w, self._opening) + 1):
            f = Segmenter._onset(self, k, c, bed)
            if f != self._grid(k):
                return f
        Counted.grid += 1
        return self._grid(w)


def soft_onset(below_db):
    """The onset walked back from where the shipped rule puts it while the energy stays within
    `below_db` under the bed plus its step, if it falls under that within LOOKBACK."""
    class SoftOnset(Counted):
        def _onset(self, w, c, bed):
            f = Counted._onset(self, w, c, bed)
            if bed is None or f == self._grid(w):
                return f
            low = bed[0] + bed[1] - int(below_db * 100)
            limit, _ = self._held(max(f - int(self.LOOKBACK / self.fs), self._last_end[c]), f)
            n, run = len(self._energy), 0
            for g in range(f - 1, limit - 1, -1):
                run = run + 1 if self._energy[g % n] < low else 0
                if run == self.RUN:
                    return g + self.RUN
            return f
    return SoftOnset


VARIANTS = {
    'no tail (round 22)': (Counted, {'tail': 0}),
    'tail 4 dB, 1.5 s (shipped)': (Counted, {}),
    'tail 3 dB, 1.5 s': (Counted, {'tail_db': 3.0}),
    'tail 5 dB, 1.5 s': (Counted, {'tail_db': 5.0}),
    'tail 6 dB, 1.5 s': (Counted, {'tail_db': 6.0}),
    'tail 4 dB, 0.5 s': (Counted, {'tail': 0.5}),
    'tail 4 dB, 1 s': (Counted, {'tail': 1.0}),
    'tail 4 dB, 2 s': (Counted, {'tail': 2.0}),
    'tail 4 dB, 1 s, without the end rule': (NoEndRule, {'tail': 1.0}),
    'tail 4 dB from the level, 1.5 s': (FromLevel, {}),
    'onset in the next windows': (NextWindows, {}),
    'onset walked back to 2 dB under': (soft_onset(2.0), {}),
    'onset walked back to 4 dB under': (soft_onset(4.0), {}),
    'onset walked back to 6 dB under': (soft_onset(6.0), {}),
}
FIGURES = ('event F1 200 ms', 'event F1 1 s', 'segment F1', 'false/h', 'onset |error| median ms',
           'offset |error| median ms', 'offset signed median ms', 'grid onsets')


def figures(r):
    return (r['event_f1_200ms'], r['event_f1_1s'], r['segment_f1_1s'],
            r['false_events_per_hour']['all'], r['onset_error_ms']['median'],
            r['offset_error_ms']['median'], r['offset_error_ms']['signed_median'])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--students', nargs='+', required=True)
    args = ap.parse_args()
    points = json.loads((ROOT / 'device' / 'model' / 'model.json').read_text())[
        'event_thresholds']
    out = {}
    print('| scores | sets | variant | %s |' % ' | '.join(FIGURES))
    print('|---' * (len(FIGURES) + 3) + '|')
    for scores, students in (('students', args.students), ('ideal', args.students[:1])):
        for seeds in ([0, 1, 2], [3, 4]):
            for name, (make, settings) in VARIANTS.items():
                rows = []
                Counted.grid = 0
                for student in students:
                    labels = scene_replay.labels_of(student)
                    ideal = recall_diagnosis.ideal_scores(labels) if scores == 'ideal' else None
                    for seed in seeds:
                        rows.append(figures(scene_replay.replay(
                            scene_replay.scored_set(student, seed), labels, points, settings,
                            make=make, scores_of=ideal)))
                mean = [round(float(v), 4) for v in np.mean(rows, 0)]
                out['%s / %s / %s' % (scores, seeds, name)] = dict(
                    zip(FIGURES, mean + [Counted.grid]))
                print('| %s | %s | %s | %s | %d |' % (
                    scores, seeds, name, ' | '.join('%.3f' % v for v in mean), Counted.grid),
                    flush=True)
    path = ROOT / 'experiments' / 'results' / 'edge_screen.json'
    path.write_text(json.dumps({'students': args.students, 'rows': out}, indent=1) + '\n')
    plot(args.students, points, path.with_suffix('.png'))
    print('round 22\'s edges, %s, sets 0-2: %s' % (args.students[0], misses(
        args.students[0], points)))


def misses(student, points):
    """How the events a detection of their label overlaps meet the 200 ms collar without the
    tail: {'onset ok|early|late / offset ok|early|late': count}."""
    from training import sed
    labels = scene_replay.labels_of(student)
    out = {}
    for seed in (0, 1, 2):
        r = scene_replay.replay(scene_replay.scored_set(student, seed), labels, points,
                                VARIANTS['no tail (round 22)'][1])
        for s in r['scenes']:
            kept = [d for d in s['detected'] if d['event_label'] in sed.TARGETS]
            for t in s['truth']:
                over = [d for d in kept
                        if d['event_label'] == t['event_label'] and sed.overlap(d, t)]
                if not over:
                    continue
                d = min(over, key=lambda d: abs(d['onset'] - t['onset']))
                on, off = d['onset'] - t['onset'], d['offset'] - t['offset']
                collar = max(0.2, 0.2 * (t['offset'] - t['onset']))
                key = 'onset %s / offset %s' % (
                    'ok' if abs(on) <= 0.2 else 'early' if on < 0 else 'late',
                    'ok' if abs(off) <= collar else 'early' if off < 0 else 'late')
                out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def plot(students, points, path):
    """Signed offset errors of the students' matched events on sets 0-4, without and with the
    tail, as two histograms."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    from training import sed
    fig, ax = plt.subplots(figsize=(7, 3.5))
    bins = np.arange(-3.0, 3.01, 0.1)
    for name in ('no tail (round 22)', 'tail 4 dB, 1.5 s (shipped)'):
        make, settings = VARIANTS[name]
        errors = []
        for student in students:
            labels = scene_replay.labels_of(student)
            for seed in range(5):
                r = scene_replay.replay(scene_replay.scored_set(student, seed), labels, points,
                                        settings, make=make)
                for s in r['scenes']:
                    kept = [d for d in s['detected'] if d['event_label'] in sed.TARGETS]
                    errors += [e[1] for e in sed.edge_errors(s['truth'], kept)]
        ax.hist(np.clip(errors, -3, 3), bins=bins, histtype='step', linewidth=1.5,
                label='%s: median |error| %.0f ms' % (name, 1000 * np.median(np.abs(errors))))
    ax.axvspan(-0.2, 0.2, color='0.9', zorder=0, label='200 ms collar')
    ax.set_xlabel('offset error, s (detected - true; clipped at 3 s)')
    ax.set_ylabel('matched events')
    ax.set_title('Held-out students on door scenes (sets 0-4), shipped points')
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == '__main__':
    main()
