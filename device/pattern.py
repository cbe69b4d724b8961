"""A personal sound matched by its spectro-temporal pattern: a household's doorbell is the same
recording-like sound every time, so its examples' log-mel frames over time, each band over the
room's bed, are its templates, and a stretch of new frames that correlates with one of them
(Pearson's r over the whole patch) is that sound, whatever the level it arrives at.

Frames come in steps of STEP frames (their mean: one step is one chunk of the appliance, 64 ms);
each band's bed is a running median (Bed), and a step's value is its level over that bed in
half-dB, clipped at 0 (the bed does not count), as int8. A template is the sounding part of an
example (template()), at most MAX_STEPS. Everything is integers (r in thousandths by an integer
square root), so a board, the browser and a computer agree exactly. Heap: the templates (steps
x bands bytes each, shared by the head and its Watch) and one ring of MAX_STEPS x bands bytes;
a step's sums pass 31 bits, so it leaves ~0.6 KB of garbage on a 32-bit port.

The settings were chosen on the choosing doorbells of experiments/personal_pattern.py (issue
25), which reports what it finds there and on held-out doorbells, and what it misses.
"""
from array import array

FRAME_SECONDS = 256 / 16000   # the front end's hop (frontend.DEFAULT_KEY)
STEP = 4            # frames a step (one chunk of 1024 samples at a 256-sample hop)
TRACK = 25          # centi-dB a step the bed moves toward the level
MARGIN = 0          # centi-dB over the bed a value starts at
LOW = 0             # a step's values under bed + MARGIN count as this (0: the bed does not count)
UNIT = 50           # centi-dB a unit of a step's value (int8: -64..63.5 dB over the floor)
MAX_STEPS = 32      # longest template: 2 s
THRESHOLD = 850     # r (thousandths) a match reaches: experiments/personal_pattern.py
MIN_STEPS = 2       # a template shorter than this is padded with the bed around it
SOUNDING = 4        # a template's steps rise 1/SOUNDING of the way from the bed to the loudest


class Bed:
    """Each band's running bed, and steps of frames as int8 rises over it. The bed is a median
    tracker of a step's mean (STEP frames): up or down TRACK centi-dB a step, so it settles at
    the middle of the room's spread per band (the room's own spectrum, which is what must not
    count as the sound) and a ring of a few seconds lifts it little. `floor` may be set first
    (an example recording: the median of its steps' means, steps_of)."""

    def __init__(self, n_mels, floor=None):
        self.n = n_mels
        self.floor = floor
        self.acc = array('i', bytes(4 * n_mels))
        self.count = 0
        self.step = array('b', bytes(n_mels))

    def frame(self, frame):
        """Adds a frame (centi-dB, n_mels values); True when a step is complete (self.step)."""
        n, acc = self.n, self.acc
        for b in range(n):
            acc[b] += frame[b]
        self.count += 1
        if self.count < STEP:
            return False
        self.count = 0
        for b in range(n):
            acc[b] //= STEP
        self.over(acc)
        for b in range(n):
            acc[b] = 0
        return True

    def over(self, means):
        """A step of band means into self.step, and the bed follows it."""
        f, step = self.floor, self.step
        if f is None:
            f = self.floor = array('i', means)
        for b in range(self.n):
            v = means[b] - f[b]
            f[b] += TRACK if v > 0 else (-TRACK if v < 0 else 0)
            v = (v - MARGIN) // UNIT
            if v < LOW:
                v = LOW
            step[b] = 127 if v > 127 else v


def steps_of(frames, n_mels):
    """A recording's steps (a list of array('b')) from its frames (an iterable of arrays of
    centi-dB), its bed set first at the median of its steps (a recording may hold only a
    second or two of the room before the sound)."""
    acc = array('i', bytes(4 * n_mels))
    means = []
    k = 0
    for f in frames:
        for b in range(n_mels):
            acc[b] += f[b]
        k += 1
        if k == STEP:
            means.append(array('h', [v // STEP for v in acc]))
            for b in range(n_mels):
                acc[b] = 0
            k = 0
    if not means:
        raise ValueError('pattern: a recording shorter than a step')
    half = len(means) // 2
    bed = Bed(n_mels, array('i', [sorted(m[b] for m in means)[half] for b in range(n_mels)]))
    out = []
    for m in means:
        bed.over(m)
        out.append(array('b', bed.step))
    return out


def template(steps):
    """The sounding part of an example's steps: around the loudest, while within a tenth of
    its rise (the sum of its bands' positive values), at most MAX_STEPS. bytes, steps x bands."""
    rise = [sum(v if v < 128 else 0 for v in s) for s in steps]   # bytes read int8 as 0..255
    top = max(range(len(rise)), key=lambda k: rise[k])
    cut = rise[top] // SOUNDING
    a, b = top, top + 1
    while a > 0 and rise[a - 1] >= cut:
        a -= 1
    while b < len(rise) and rise[b] >= cut:
        b += 1
    while b - a > MAX_STEPS:   # keep the loudest MAX_STEPS of it
        if rise[a] < rise[b - 1]:
            a += 1
        else:
            b -= 1
    while b - a < MIN_STEPS and (a > 0 or b < len(rise)):
        if a > 0:
            a -= 1
        if b - a < MIN_STEPS and b < len(rise):
            b += 1
    return b''.join(bytes(s) for s in steps[a:b])


def _sums(t):
    s = ss = 0
    for v in t:
        s += v
        ss += v * v
    return s, ss


class Matcher:
    """A sound's templates (int8 arrays of steps x bands) against the latest steps heard."""

    def __init__(self, templates, n_mels, threshold):
        self.n = n_mels
        self.threshold = threshold   # r in thousandths
        self.templates = []
        for t in templates:
            if not isinstance(t, array):   # a loaded head's are array('b') already: shared
                t = array('b', t)
            s, ss = _sums(t)
            self.templates.append((t, len(t) // n_mels, s, len(t) * ss - s * s))
        self.ring = array('b', bytes(MAX_STEPS * n_mels))
        self.heard = 0   # steps so far
        self.length = 0

    def push(self, step):
        """Adds a step; the best r (thousandths) of a template over the steps ending here."""
        n, ring = self.n, self.ring
        at = (self.heard % MAX_STEPS) * n
        ring[at:at + n] = step
        self.heard += 1
        best = -1000
        for t, length, ts, tvar in self.templates:
            if length > self.heard or tvar <= 0:
                continue
            r = self._r(t, length, ts, tvar)
            if r > best:
                best = r
                self.length = length   # steps of the best template: where its match began
        return best

    def _r(self, t, length, ts, tvar):
        n, ring = self.n, self.ring
        first = (self.heard - length) % MAX_STEPS
        sx = sxx = sxt = 0
        k = 0
        for i in range(length):
            base = ((first + i) % MAX_STEPS) * n
            for b in range(n):
                x = ring[base + b]
                sx += x
                sxx += x * x
                sxt += x * t[k]
                k += 1
        count = length * n
        xvar = count * sxx - sx * sx
        num = count * sxt - sx * ts
        if xvar <= 0:
            return 0
        # r = num / sqrt(xvar * tvar), in thousandths, by integers only
        r = isqrt(num * num * 1000000 // (xvar * tvar))
        return r if num >= 0 else -r

    def matches(self, step):
        return self.push(step) >= self.threshold


def isqrt(n):
    """The integer square root of n (0 for n <= 0): integers, so every port agrees."""
    if n <= 0:
        return 0
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


class Watch:
    """A pattern head's sound in every step heard: a step whose best r reaches the threshold
    opens an event (or keeps one open) on the template's span; it closes GAP steps after the
    last match, or at MAX_EVENT steps. Feed frame() every frame; it returns the events that
    closed ({'label', 'start', 'end', 'confidence'} in seconds of frames), active() the open one."""
    GAP = 16          # steps (1 s) without a match that close an event
    MAX_EVENT = 64    # steps (4 s): a longer run of matches is more events

    def __init__(self, label, templates, n_mels, threshold, frame_seconds, origin=0.0):
        self.label = label
        self.origin = origin   # seconds of the stream at the first frame
        self.bed = Bed(n_mels)
        self.matcher = Matcher(templates, n_mels, threshold)
        self.seconds = frame_seconds * STEP
        self.open = None   # [first step, last matching step, best r]

    def frame(self, frame):
        if not self.bed.frame(frame):
            return ()
        m = self.matcher
        r = m.push(self.bed.step)
        return self.step(r, m.heard, m.length)

    def step(self, r, now, length):
        """The event logic for step `now` (counted from 1) whose best r is `r`, by a template
        of `length` steps (frame() computes them)."""
        closed = ()
        ev = self.open
        if ev is not None and (now - ev[1] > self.GAP or now - ev[0] > self.MAX_EVENT):
            closed = (self._event(ev),)
            ev = self.open = None
        if r >= self.matcher.threshold:
            if ev is None:
                self.open = [max(0, now - length), now, r]
            else:
                ev[1] = now
                ev[2] = max(ev[2], r)
        return closed

    def _event(self, ev):
        return {'label': self.label, 'start': self.origin + ev[0] * self.seconds,
                'end': self.origin + ev[1] * self.seconds, 'confidence': ev[2] / 1000}

    def active(self):
        return [] if self.open is None else [self._event(self.open)]

    def flush(self):
        ev, self.open = self.open, None
        return [] if ev is None else [self._event(ev)]


MAX_TEMPLATES = 3


def teach(label, model, recordings, n_mels, threshold=None):
    """A pattern head (a dict, personal.load's JSON) from example recordings (each an iterable
    of frames, centi-dB): one template a recording. `threshold`: r in thousandths (THRESHOLD)."""
    import binascii
    templates = [template(steps_of(frames, n_mels)) for frames in recordings]
    return {'format': 1, 'model': model, 'dim': n_mels, 'embedding': 'pattern',
            'sounds': [{'label': label,
                        'reach': THRESHOLD if threshold is None else threshold,
                        'templates': [binascii.b2a_base64(t).decode().strip()
                                      for t in templates[:MAX_TEMPLATES]]}]}


def sounds_of(head, taken, check_label):
    """personal.load's sounds of a pattern head: [(label, threshold, [template bytes])];
    ValueError with one line for anything else. `check_label(label, taken)` is personal's (handed
    in: this module never imports personal, which imports this one)."""
    import binascii
    bands = head.get('dim')
    sounds = head.get('sounds')
    if not isinstance(bands, int) or not 0 < bands <= 64:
        raise ValueError('personal: a pattern head has 1 to 64 bands (dim)')
    if not isinstance(sounds, list) or len(sounds) != 1 or not isinstance(sounds[0], dict):
        raise ValueError('personal: a pattern head has one sound')
    s = sounds[0]
    label, reach, templates = s.get('label'), s.get('reach'), s.get('templates')
    check_label(label, taken)
    if not isinstance(reach, int) or not 0 <= reach <= 1000:
        raise ValueError('personal: %s: reach (r in thousandths) is a whole number 0..1000'
                         % label)
    if not isinstance(templates, list) or not 0 < len(templates) <= MAX_TEMPLATES:
        raise ValueError('personal: %s: 1 to %d templates' % (label, MAX_TEMPLATES))
    out = []
    for t in templates:
        try:
            # bytes: micropython-lib's binascii.py (the browser port's) takes no str
            t = binascii.a2b_base64(t.encode())
        except Exception:   # not a str, or not base64 (MicroPython: ValueError or TypeError)
            t = b''
        if not t or len(t) % bands or not MIN_STEPS <= len(t) // bands <= MAX_STEPS:
            raise ValueError('personal: %s: a template is base64 of %d to %d steps of %d bands'
                             % (label, MIN_STEPS, MAX_STEPS, bands))
        out.append(array('b', t))
    return [(label, reach, out)]


def watch(head, origin=0.0):
    """A Watch for a loaded pattern head (personal.Head of embedding 'pattern') whose first
    frame is `origin` seconds into the stream."""
    label, threshold, templates = head.sounds[0]
    return Watch(label, templates, head.dim, threshold, FRAME_SECONDS, origin)
