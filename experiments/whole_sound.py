"""Label the whole sound the gate opened (round 14): a variant of the device segmenter, replayed.

The device segmenter (device/segmenter.py) opens label c's event at the window whose smoothed
score (SMOOTH windows) reaches c's point, if the energy rose there. This variant decides on the
whole sound instead, as a clip is labelled: a sound is a run of consecutive windows in which the
energy rises over the background (the gate's own test, Segmenter._rises, on each window), and
each label's score is pooled over the sound's windows so far (POOL: their mean, their maximum,
or the mean of their top two). An event of c opens when c's pooled score reaches its point and,
by WIN, when c also tops the pooled scores: 'point' (no more), 'event' (c is the best event
label: one label a sound), 'all' (c beats `other` and `background` too: they win only when they
win on the pooled scores). Continuing and closing an open event is the device's, unchanged.
Constant heap as on the device: a running sum and the top two per label, reset per sound.

    make = variant('mean', 'event')     # a Segmenter class, for scene_replay.replay(make=...)
    .venv/bin/python experiments/whole_sound.py   # every variant at the bundle's own points
"""
from earmark.bridge import device_module

Segmenter = device_module('segmenter').Segmenter
POOLS = ('mean', 'max', 'top2')
WINS = ('point', 'event', 'all')


class WholeSound(Segmenter):
    POOL = 'mean'
    WIN = 'point'

    def __init__(self, labels, *args, **kwargs):
        Segmenter.__init__(self, labels, *args, **kwargs)
        n = len(self.labels)
        self._sum = [0.0] * n      # the sound's scores summed, per label
        self._top = [0.0] * n      # its best window's score
        self._second = [0.0] * n   # its second best
        self._count = 0            # windows in the sound (0: no sound now)

    def _pool(self, scores):
        """Adds window w's scores to the sound (one begins when the last window did not rise)."""
        if self._count == 0:
            for j in range(len(scores)):
                self._sum[j] = self._top[j] = self._second[j] = 0.0
        self._count += 1
        for j, s in enumerate(scores):
            self._sum[j] += s
            if s > self._top[j]:
                self._top[j], self._second[j] = s, self._top[j]
            elif s > self._second[j]:
                self._second[j] = s

    def pooled(self, j):
        if self.POOL == 'mean':
            return self._sum[j] / self._count
        if self.POOL == 'max':
            return self._top[j]
        return (self._top[j] + self._second[j]) / min(2, self._count)

    def _wins(self, c):
        if self.WIN == 'point':
            return True
        p = self.pooled(c)
        rivals = range(len(self.labels)) if self.WIN == 'all' else [
            j for j in range(len(self.labels)) if not self.quiet[j]]
        return all(p >= self.pooled(j) for j in rivals if j != c)

    def push(self, scores):
        if len(scores) != len(self.labels):
            raise ValueError('segmenter: %d scores for %d labels' % (len(scores), len(self.labels)))
        w = self.windows
        self.windows += 1
        slot = w % self.SMOOTH
        done = []
        for c in range(len(self.labels)):
            self._raw[c][slot] = scores[c]
        if self._rises(w * self.hop, w * self.hop + self.window):
            self._pool(scores)
        else:
            self._count = 0
        for c in range(len(self.labels)):
            if self.quiet[c]:
                continue
            raw = self._raw[c]
            smooth = sum(raw) / self.SMOOTH if w + 1 >= self.SMOOTH else sum(raw) / (w + 1)
            ev = self._open[c]
            if ev is None:
                if self._count and self.pooled(c) >= self.on[c] and self._wins(c):
                    self._start(c, w)
                continue
            if scores[c] >= self.off[c]:
                ev[2] = w
                self._add(ev, scores)
            if smooth >= self.off[c]:
                ev[3] = w
            elif (w - ev[3]) * self.hop * self.fs > self.GAP:
                self._close(c, done)
                continue
            if ev[2] == w and (w * self.hop + self.window - ev[0]) * self.fs >= self.MAX_LENGTH:
                end = ev[0] + int(self.MAX_LENGTH / self.fs)
                self._close(c, done, end)
                self._open[c] = [end, w, w, w, [0.0] * len(self.labels), 0, ev[6]]
                self._add(self._open[c], scores)
        return done


def variant(pool, win):
    """The WholeSound class pooling by `pool`, deciding by `win` (named for cache keys)."""
    assert pool in POOLS and win in WINS
    return type('WholeSound_%s_%s' % (pool, win), (WholeSound,), {'POOL': pool, 'WIN': win})


def main():
    """Every variant with the bundle's own points (round 11's, chosen for the device's rule):
    what the rule alone changes, nothing chosen again. Scores on all sets given; the
    points were chosen on none of them. Writes experiments/results/whole_sound_same_points.json."""
    import argparse
    import json
    from pathlib import Path
    import decision_screen as ds
    import scene_replay as sr
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default=str(ds.MODEL))
    ap.add_argument('--choose', nargs='+', type=int, default=[0, 1, 3, 4, 5])
    ap.add_argument('--check', nargs='+', type=int, default=[2, 6, 7])
    args = ap.parse_args()
    labels = sr.labels_of(args.model)
    points, _, settings = sr.bundle_points(args.model)
    sets = {part: [sr.scored_set(args.model, s) for s in seeds]
            for part, seeds in (('choose', args.choose), ('check', args.check))}
    results = {}
    for name in ['shipped (keep 0.5)'] + [n for n in ds.RULES if n.startswith('whole sound')]:
        rule = dict(ds.RULES[name])
        scores_of = ds.composer(labels, **rule)
        results[name] = {part: ds.score(s, labels, scores_of, settings, points)
                         for part, s in sets.items()}
    for part in sets:
        print('\n%s sets, the bundle\'s own points\n| rule | false/h all | unfamiliar | plain | '
              'event F1 200 ms | 1 s | segment F1 | recall 1 s |\n|---|---|---|---|---|---|---|---|'
              % part)
        for name, r in results.items():
            print(ds.row(name, r[part]))
    out = Path(__file__).resolve().parent / 'results' / 'whole_sound_same_points.json'
    out.write_text(json.dumps({'model': args.model, 'points': points, 'choose': args.choose,
                               'check': args.check, 'results': results}, indent=1) + '\n')


if __name__ == '__main__':
    main()
