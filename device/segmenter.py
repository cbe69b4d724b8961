"""From window scores to events: when a sound began, when it ended, and what it was.

The classifier scores overlapping windows (about 1 s, every `hop_frames` frames); that alone
places an event only to the nearest window. So each label's score is smoothed and passed through
hysteresis (open at ON, stay open down to ON * OFF_RATIO, bridge quiet spells shorter than GAP),
and the event's edges are then looked up in the frame energies: the onset is where the energy
first rises clearly above the bed (the median energy of the seconds before) inside the first
window that scored, walking back
while the sound continues; the offset likewise inside the last window that scored.

Feed it in stream order: `frame(energy)` for every front-end frame (energy in centi-dB, as
level.Level.update produces), and `push(scores)` for every window once its frames are in.
Times are seconds from the stream's start (frame f starts at f * frame_seconds).
"""
from array import array


def _select(a, n, k):
    """The k-th smallest of a[0:n], in place (quickselect): what sorted(a[:n])[k] is."""
    lo, hi = 0, n - 1
    while lo < hi:
        pivot = a[(lo + hi) // 2]
        i, j = lo, hi
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if k <= j:
            hi = j
        elif k >= i:
            lo = i
        else:
            break
    return a[k]


class Segmenter:
    """Settings (class attributes, override by keyword: Segmenter(..., gap=1.0)):"""
    ON = 0.5              # smoothed score that opens an event (per label: `thresholds`)
    OFF_RATIO = 0.45      # an open event stays open while the smoothed score >= ON * OFF_RATIO
    SMOOTH = 2            # windows in each label's moving average
    GAP = 1.0             # seconds below the off threshold that still continue the same event
    #                       (OFF_RATIO and GAP keep one sound one event, not fragments: see
    #                       docs/model-evaluation/experiments.md, round 4)
    MIN_DURATION = 0.2    # seconds: shorter events are dropped (and counted in `dropped`)
    MAX_LENGTH = 30.0     # seconds: a longer event is cut there and goes on as a new event
    ONSET_DB = 6.0        # energy this far above the bed counts as sounding (or half-way
    #                       to the window's peak when that is closer; under ONSET_DB / 2 of rise
    #                       the edges fall back to the window grid)
    RUN = 3               # frames in a row above that level to count as sounding
    LOOKBACK = 2.0        # seconds an onset may move back before its first scoring window
    BED = 2.0             # seconds before the first scoring window whose median energy is the
    #                       bed the sound must rise above (a median ignores the bed's own blips)
    HISTORY = 6.0         # seconds of frame energies kept for refining edges
    RUNNERS_UP = 2        # next-best labels reported with each event
    QUIET = ('background', 'other')   # labels that never make events

    def __init__(self, labels, window_frames, hop_frames, frame_seconds=256 / 16000,
                 thresholds=None, **settings):
        for name, value in settings.items():
            if not hasattr(Segmenter, name.upper()):
                raise ValueError('segmenter: unknown setting %r' % name)
            setattr(self, name.upper(), value)
        self.labels = list(labels)
        self.window = window_frames
        self.hop = hop_frames
        self.fs = frame_seconds
        n = len(self.labels)
        thresholds = thresholds or {}
        self.on = [thresholds.get(label, self.ON) for label in self.labels]
        self.off = [t * self.OFF_RATIO for t in self.on]
        self.quiet = [label in self.QUIET for label in self.labels]
        self._raw = [[0.0] * self.SMOOTH for _ in range(n)]   # last SMOOTH raw scores, ring
        self._open = [None] * n
        self._last_end = [0] * n          # frame where each label's previous event ended
        self.windows = 0                  # windows pushed
        self.frames = 0                   # frames fed
        self.dropped = 0                  # events shorter than MIN_DURATION
        size = int(self.HISTORY / self.fs) + 1
        self._energy = array('h', bytes(2 * size))
        # The bed's median is found in here: a sorted list of 2 s of energies is a 1 KB block,
        # which a heap fragmented by busy clients refused now and then (a pipeline fault).
        self._bed_scratch = array('h', bytes(2 * (int(self.BED / self.fs) + 1)))

    def frame(self, energy):
        """One frame's energy in centi-dB."""
        self._energy[self.frames % len(self._energy)] = energy
        self.frames += 1

    def push(self, scores):
        """One window's scores (a float per label, in label order); returns the events that
        closed with it."""
        if len(scores) != len(self.labels):
            raise ValueError('segmenter: %d scores for %d labels' % (len(scores), len(self.labels)))
        w = self.windows
        self.windows += 1
        slot = w % self.SMOOTH
        done = []
        for c in range(len(self.labels)):
            raw = self._raw[c]
            raw[slot] = scores[c]
            if self.quiet[c]:
                continue
            smooth = sum(raw) / self.SMOOTH if w + 1 >= self.SMOOTH else sum(raw) / (w + 1)
            ev = self._open[c]
            if ev is None:
                if smooth >= self.on[c]:
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
            if (w * self.hop + self.window - ev[0]) * self.fs >= self.MAX_LENGTH:
                end = ev[0] + int(self.MAX_LENGTH / self.fs)
                self._close(c, done, end)
                self._open[c] = [end, w, w, w, [0.0] * len(self.labels), 0, ev[6]]
                self._add(self._open[c], scores)
        return done

    def flush(self):
        """Closes every open event at the end of the stream."""
        done = []
        for c in range(len(self.labels)):
            if self._open[c] is not None:
                self._close(c, done)
        return done

    def active(self):
        """[(label, start seconds)] of events open now: announced before they close."""
        return [(self.labels[c], round(ev[0] * self.fs, 3))
                for c, ev in enumerate(self._open) if ev is not None]

    def current(self, label):
        """The open event of `label` as an event dict ending at the newest frame (it may still
        grow, shrink or be dropped when it closes), or None."""
        c = self.labels.index(label)
        ev = self._open[c]
        return None if ev is None else self._describe(c, ev, max(self.frames, ev[0] + 1))

    # An open event: [onset frame, first window, last window scoring >= off (raw),
    #                 last window >= off (smoothed), score sums per label, windows summed,
    #                 bed energy before it began]
    def _start(self, c, w):
        first = w
        for k in range(w - 1, max(-1, w - self.SMOOTH), -1):
            if self._raw[c][k % self.SMOOTH] < self.off[c] or k * self.hop < self._last_end[c]:
                break
            first = k
        bed = self._bed(first * self.hop)
        ev = [self._onset(first, c, bed), first, w, w, [0.0] * len(self.labels), 0, bed]
        for k in range(first, w + 1):
            ev[5] += 1
            for j in range(len(self.labels)):
                ev[4][j] += self._raw[j][k % self.SMOOTH]
        self._open[c] = ev

    def _add(self, ev, scores):
        ev[5] += 1
        sums = ev[4]
        for j in range(len(sums)):
            sums[j] += scores[j]

    def _close(self, c, done, end=None):
        ev = self._open[c]
        self._open[c] = None
        if end is None:
            end = max(self._offset(ev[2], ev[0], ev[6]), ev[0] + 1)
        self._last_end[c] = end
        if (end - ev[0]) * self.fs < self.MIN_DURATION:
            self.dropped += 1
            return
        done.append(self._describe(c, ev, end))

    def _describe(self, c, ev, end):
        n = max(1, ev[5])
        others = sorted(((ev[4][j] / n, self.labels[j]) for j in range(len(self.labels))
                         if j != c), reverse=True)[:self.RUNNERS_UP]
        return {'start': round(ev[0] * self.fs, 3), 'end': round(end * self.fs, 3),
                'label': self.labels[c], 'confidence': round(ev[4][c] / n, 3),
                'runners_up': [[label, round(s, 3)] for s, label in others]}

    def _held(self, start, end):
        """The part of frames [start, end) still in the energy history."""
        return max(start, self.frames - len(self._energy), 0), min(end, self.frames)

    def _threshold(self, start, end, floor):
        peak = -32768
        for f in range(start, end):
            e = self._energy[f % len(self._energy)]
            if e > peak:
                peak = e
        if (peak - floor) * 2 < self.ONSET_DB * 100:
            return floor    # nothing stands out: the window grid is all there is
        return floor + min(int(self.ONSET_DB * 100), (peak - floor) // 2)

    def _run(self, start, end, level):
        """Whether frames [start, end) all reach `level`: a sound, not a blip of the bed."""
        n = len(self._energy)
        first, last = self._held(start, end)
        if last - first < end - start:
            return False
        for f in range(start, end):
            if self._energy[f % n] < level:
                return False
        return True

    def _bed(self, frame):
        """Median energy of the BED seconds before `frame` (None when none are held)."""
        start, end = self._held(frame - int(self.BED / self.fs), frame)
        if start >= end:
            return None
        n = len(self._energy)
        a = self._bed_scratch
        count = min(end - start, len(a))
        for i in range(count):
            a[i] = self._energy[(end - count + i) % n]
        return _select(a, count, count // 2)

    def _onset(self, w, c, floor):
        """Onset frame of a sound first scored in window w, rising above `floor`."""
        start, end = self._held(w * self.hop, w * self.hop + self.window)
        fallback = w * self.hop + self.window - self.hop   # what window w-1 did not hear
        if start >= end or floor is None:
            return fallback
        n = len(self._energy)
        level = self._threshold(start, end, floor)
        if level <= floor:
            return fallback
        for f in range(start, end):
            if self._run(f, f + self.RUN, level):
                limit, _ = self._held(max(f - int(self.LOOKBACK / self.fs),
                                          self._last_end[c]), f)
                while f > limit and self._energy[(f - 1) % n] >= level:
                    f -= 1
                return f
        return fallback

    def _offset(self, w, onset, floor):
        """End frame (exclusive) of a sound last scored in window w."""
        start, end = self._held(max(w * self.hop, onset), w * self.hop + self.window)
        fallback = w * self.hop + self.hop   # what window w+1 did not hear begins after this
        n = len(self._energy)
        if start >= end or floor is None:
            return fallback
        level = self._threshold(start, end, floor)
        if level <= floor:
            return fallback
        for f in range(end, start, -1):
            if self._run(f - self.RUN, f, level):
                return f
        return fallback
