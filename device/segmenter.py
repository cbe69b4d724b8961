"""From window scores to events: when a sound began, when it ended, and what it was.

Something happened only where the sound changed: an event opens only where the frame energies
rise clearly above a running estimate of the background (Floor, RISE_DB), and the classifier's
label says *what* it is, not *whether* anything happened. Steady rain, wind or an idling engine
never open an event, however the classifier scores them; an event that is open goes on through
quieter parts as before (only the window that opens one is gated).

The classifier scores overlapping windows (about 1 s, every `hop_frames` frames); that alone
places an event only to the nearest window. So each label's score is smoothed and passed through
hysteresis (open at ON, stay open down to ON * OFF_RATIO, bridge quiet spells shorter than GAP),
and the event's edges are then looked up in the frame energies: the onset is where the energy
first rises clearly above the bed (the higher of the background's floor and the median energy
of the seconds before, by more than that bed's own flicker) inside the first window that scored,
walking back while the sound continues; the offset likewise inside the last window that scored,
then on through the sound's decay while that ends within a second or two.

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


class Floor:
    """A running estimate of the background: the level it sits at and the top of its flicker.

    Every BLOCK frames give two block figures, the median of the block's frame energies and its
    90th percentile (a median, not a mean or a minimum: a bed that flickers ~12 dB at frame scale
    still has a steady median). The floor (`value`) is the RANK percentile of the last BLOCKS block
    medians, and `high` the same quantile of their 90th percentiles. A knock or a bark lifts the
    few blocks it covers, not the middle of ~16 s of them, so the floor stays the bed's under it
    (as long as sounds fill less than half of those seconds); a bed that gets louder for good
    (rain starting) is the floor again within ~8 s. Frames under SILENCE (digital silence, a
    stalled source: no room is that quiet) are left out, so a gap in the audio does not drop
    the floor to -120 dB and make the next sound of the bed a "rise".
    Measured on 100 min of plain doorstep bed (the quiet-door check's recipe, seeds 1-3) with a
    gate of RISE_DB 10 alone: the lowest block median of 16 s (minimum statistics, RANK 0) let
    ~40 false events an hour through, a RANK of 25 about 4, 50 (the median) under 1: beds made
    of clips of different kinds (sparse birds, then steady rain) put the quietest blocks ~10 dB
    under the bed's usual level, and everything ordinary rose above them.
    Constant heap: four 64-byte arrays made once, nothing allocated per frame."""
    BLOCK = 32            # frames a block (0.51 s)
    BLOCKS = 32           # blocks kept (16.4 s)
    RANK = 50             # percentile of the blocks' figures the floor is (0: their minimum)
    SILENCE = -8500       # centi-dBFS: frames under this are not the bed (level.Level.SILENT_DBFS)

    def __init__(self):
        self._blocks = array('h', bytes(2 * self.BLOCKS))
        self._scratch = array('h', bytes(2 * self.BLOCK))
        self._highs = array('h', bytes(2 * self.BLOCKS))
        self._sorted = array('h', bytes(2 * self.BLOCKS))
        self._n = 0           # frames kept in the current block
        self._seen = 0        # frames of the current block
        self._k = 0           # blocks done
        self.value = None     # the floor in centi-dB; None until the first block is done
        self.high = None      # the same quantile of the blocks' 90th percentiles: the bed's top

    def add(self, energy):
        if energy >= self.SILENCE:
            self._scratch[self._n] = energy
            self._n += 1
        self._seen += 1
        if self._seen < self.BLOCK:
            return
        if self._n * 2 >= self.BLOCK:   # a block mostly of silence says nothing of the bed
            n = self._n
            at = self._k % self.BLOCKS
            self._blocks[at] = _select(self._scratch, n, n // 2)
            self._highs[at] = _select(self._scratch, n, n * 9 // 10)
            self._k += 1
            n = min(self._k, self.BLOCKS)
            sort = self._sorted
            for i in range(n):
                sort[i] = self._blocks[i]
            self.value = _select(sort, n, n * self.RANK // 100)
            for i in range(n):
                sort[i] = self._highs[i]
            self.high = _select(sort, n, n * self.RANK // 100)
        self._n = self._seen = 0


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
    #                       to the window's peak when that is closer; under half that rise
    #                       the edges fall back to the window grid)
    FLICKER_DB = 3.0      # ... and at least this far over the 90th percentile of the BED
    #                       seconds before: on generated scenes whose bed flickers ~10 dB
    #                       (10th-50th percentile at 32 ms) onsets came ~270 ms early (median
    #                       error 271 ms, oracle scores) against the bed's median alone; 18 ms
    #                       with this (23 ms on ordinary scenes, unchanged)
    RUN = 3               # frames in a row above that level to count as sounding
    TAIL_DB = 4.0         # an offset walks on while the energy stays within this of the bed
    #                       plus its step (a knock's or a chime's decay, or the rest of a
    #                       sound the classifier stopped scoring: offsets came ~0.2 s early,
    #                       median) ...
    TAIL = 1.5            # ... if the energy falls under that within this many seconds;
    #                       energy that stays up longer is another sound, and the offset stays
    #                       (docs/model-evaluation/experiments.md, round 23)
    LOOKBACK = 2.0        # seconds an onset may move back before its first scoring window
    BED = 2.0             # seconds before the first scoring window whose median energy is the
    #                       bed the sound must rise above (a median ignores the bed's own blips)
    HISTORY = 6.0         # seconds of frame energies kept for refining edges
    RISE_DB = 6.0         # an event opens only where GATE_RUN frames in a row are this far
    #                       above the background's floor (Floor.value) ...
    HIGH_DB = 3.0         # ... and this far above the top of the bed's flicker (Floor.high)
    GATE_RUN = 5          # (80 ms: a knock's hit is 4-6 frames)
    #                       (6 / 3 / 5: 0 false events an hour on plain beds and a dB or
    #                       two to spare; docs/model-evaluation/experiments.md, round 11, has
    #                       the settings tried)
    GATE_BACK = 0.0       # seconds before the first scoring window where that rise may also be
    #                       (1.0 let false events through and a second event open on a knock's
    #                       rise: round 11)
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
        self.gated = 0                    # windows that scored an event where nothing rose
        self.floor = Floor()
        size = int(self.HISTORY / self.fs) + 1
        self._energy = array('h', bytes(2 * size))
        # The bed's median is found in here: a sorted list of 2 s of energies is a 1 KB block,
        # which a heap fragmented by busy clients refused now and then (a pipeline fault).
        self._bed_scratch = array('h', bytes(2 * (int(self.BED / self.fs) + 1)))

    def frame(self, energy):
        """One frame's energy in centi-dB."""
        self._energy[self.frames % len(self._energy)] = energy
        self.frames += 1
        self.floor.add(energy)

    def push(self, scores):
        """One window's scores (a float per label, in label order); returns the events that
        closed with it."""
        if len(scores) != len(self.labels):
            raise ValueError('segmenter: %d scores for %d labels' % (len(scores), len(self.labels)))
        w = self.windows
        self.windows += 1
        slot = w % self.SMOOTH
        done = []
        # Every label's score first: an event opening here sums all labels' scores of this
        # window (its runners-up), those of labels after it in the list too.
        for c in range(len(self.labels)):
            self._raw[c][slot] = scores[c]
        for c in range(len(self.labels)):
            if self.quiet[c]:
                continue
            raw = self._raw[c]
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
            # Cut only while it sounds (this window scored): a sound that ended in the gap
            # before the limit closes at its own offset, not at the limit.
            if ev[2] == w and (w * self.hop + self.window - ev[0]) * self.fs >= self.MAX_LENGTH:
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
    #                 the bed before it began: _bed()'s (reference, step)]
    def _start(self, c, w):
        first = w
        for k in range(w - 1, max(-1, w - self.SMOOTH), -1):
            if self._raw[c][k % self.SMOOTH] < self.off[c] or k * self.hop < self._last_end[c]:
                break
            first = k
        if not self._rises(max(first * self.hop - int(self.GATE_BACK / self.fs),
                               self._last_end[c]), w * self.hop + self.window):
            self.gated += 1
            return
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

    def _rises(self, start, end):
        """Whether GATE_RUN frames in a row of [start, end) rise clearly above the background."""
        floor = self.floor.value
        if floor is None:
            return False   # no background heard yet: nothing to rise above
        level = max(floor + int(self.RISE_DB * 100), self.floor.high + int(self.HIGH_DB * 100))
        start, end = self._held(start, end)
        e, n, run = self._energy, len(self._energy), 0
        for f in range(start, end):
            if e[f % n] >= level:
                run += 1
                if run >= self.GATE_RUN:
                    return True
            else:
                run = 0
        return False

    def _threshold(self, start, end, bed):
        """The level a sound in frames [start, end) is heard from: `bed` is (reference, step)
        from _bed(); half-way to the span's peak when that is closer; the reference itself when
        nothing stands out (the window grid is all there is)."""
        ref, step = bed
        peak = -32768
        for f in range(start, end):
            e = self._energy[f % len(self._energy)]
            if e > peak:
                peak = e
        if (peak - ref) * 2 < step:
            return ref
        return ref + min(step, (peak - ref) // 2)

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
        """(reference, step) in centi-dB for the edges of a sound first scored at `frame`: the
        reference is the higher of the background's floor and the median energy of the BED
        seconds before `frame` (a bed that just got quieter, or a bed whose seconds before
        hold the sound's own start, must not move the edges); the step is ONSET_DB, or more
        where those seconds flicker: their 90th percentile is FLICKER_DB under the level.
        None when no energy is held."""
        start, end = self._held(frame - int(self.BED / self.fs), frame)
        floor = self.floor.value
        if start >= end:
            return None if floor is None else (floor, int(self.ONSET_DB * 100))
        n = len(self._energy)
        a = self._bed_scratch
        count = min(end - start, len(a))
        for i in range(count):
            a[i] = self._energy[(end - count + i) % n]
        median = _select(a, count, count // 2)
        high = _select(a, count, count * 9 // 10)
        ref = median if floor is None else max(median, floor)
        return ref, max(int(self.ONSET_DB * 100), high - ref + int(self.FLICKER_DB * 100))

    def _onset(self, w, c, bed):
        """Onset frame of a sound first scored in window w, rising above `bed` (_bed())."""
        start, end = self._held(w * self.hop, w * self.hop + self.window)
        fallback = w * self.hop + self.window - self.hop   # what window w-1 did not hear
        if start >= end or bed is None:
            return fallback
        n = len(self._energy)
        level = self._threshold(start, end, bed)
        if level <= bed[0]:
            return fallback
        for f in range(start, end):
            if self._run(f, f + self.RUN, level):
                limit, _ = self._held(max(f - int(self.LOOKBACK / self.fs),
                                          self._last_end[c]), f)
                while f > limit and self._energy[(f - 1) % n] >= level:
                    f -= 1
                return f
        return fallback

    def _offset(self, w, onset, bed):
        """End frame (exclusive) of a sound last scored in window w."""
        start, end = self._held(max(w * self.hop, onset), w * self.hop + self.window)
        fallback = w * self.hop + self.hop   # what window w+1 did not hear begins after this
        n = len(self._energy)
        if start >= end or bed is None:
            return fallback
        level = self._threshold(start, end, bed)
        if level <= bed[0]:
            return fallback
        for f in range(end, start, -1):
            if self._run(f - self.RUN, f, level):
                return self._tail(f, bed)
        return fallback

    def _tail(self, f, bed):
        """Where the decay after offset frame `f` falls back under the bed: the first RUN
        frames in a row under TAIL_DB below the bed plus its step, within TAIL seconds; `f`
        itself when the energy stays up that long (or the history ends first)."""
        low = bed[0] + bed[1] - int(self.TAIL_DB * 100)
        _, limit = self._held(f, f + int(self.TAIL / self.fs))
        n, run = len(self._energy), 0
        for g in range(f, limit):
            run = run + 1 if self._energy[g % n] < low else 0
            if run == self.RUN:
                return g - self.RUN + 1
        return f
