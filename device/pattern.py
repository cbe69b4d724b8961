"""A personal sound matched by its spectro-temporal pattern: a household's doorbell is the same
recording-like sound every time, so its examples' log-mel frames over time are its templates,
and a stretch of new frames that correlates with one of them is that sound, whatever the level
it arrives at.

Frames come in steps of STEP frames (their mean: one step is one chunk of the appliance, 64 ms).
Each band has a running bed (Bed, a median tracker). A template is the sounding part of an
example (template()), at most MAX_STEPS, holding the sound's own level (whole dB) in the cells
where it stood LIT over the example's bed and nothing elsewhere: what the sound is, not what
the room it was taught in hid. A match is Pearson's r between those cells and the same cells of
the latest steps (Matcher), where they stand GATE over the bed on average. Everything is
integers (r in thousandths by an integer square root), so a board, the browser and a computer
agree exactly. Heap: the templates (steps x bands bytes each, shared by the head and its Watch)
and two rings of MAX_STEPS x bands bytes; a step's sums pass 31 bits, so it leaves up to ~1.1 KB
of garbage on a 32-bit port (experiments/pattern_heap.py), far less where no template's cells can
pass the gate (the room alone: checked first, from each step's highest rise).

Each template has its own threshold, set when it is taught (guard()): other sounds reach some
templates of some sounds (a cow's low, a cricket's steady tone), and only hearing other sounds
finds which. A template's threshold is the best r it reaches on a bank of other sounds
(bank_steps(), webui/lab/pattern_bank.gz) plus a margin (the bank's own, a stretch: what it
holds and how far a template must keep from each is the bank's data, training/pattern_bank.py
BANK_MARGIN by default; its rings of other doorbells, BELL_MARGIN, save those as like the
template as its own examples: guard()), and on its examples' own beds, and
at least FLOOR; one over 1000 is dropped. Chosen on the choosing doorbells and surrogate
households of experiments/pattern_guard.py --bank (issue 25), which reports what it finds there
and on held-out doorbells, and what it misses.

A head of FORMAT 2 holds this design's templates and a threshold ("reaches") each; a head of
format 1 (the first design: each step's rise over the bed in half-dB, r over every cell, one
"reach") is still matched as it was, by the same Matcher without the gate, so a device that
holds one keeps its personal sound through an update.
"""
from array import array

FORMAT = 2          # the head this module teaches (format 1: the first design, still matched)
FRAME_SECONDS = 256 / 16000   # the front end's hop (frontend.DEFAULT_KEY)
STEP = 4            # frames a step (one chunk of 1024 samples at a 256-sample hop)
TRACK = 25          # centi-dB a step the bed moves toward the level
MARGIN = 0          # centi-dB over the bed a step's rise starts at
LOW = 0             # a rise under the bed + MARGIN counts as this (0: the bed does not count)
UNIT = 50           # centi-dB a unit of a step's rise (int8: up to 63.5 dB over the bed)
MAX_STEPS = 32      # longest template: 2 s
LIT = 600           # centi-dB over the bed a template's cell stands to count
UNLIT = -128        # a template's cell that does not count
GATE = 300          # centi-dB over the bed a match's cells stand on average
MIN_STEPS = 2       # a template shorter than this is padded with the bed around it
SOUNDING = 4        # a template's steps rise at least 1/SOUNDING of the loudest step's rise
FLOOR = 800         # r (thousandths) every template needs at least
BANK_MARGIN = 20    # r a template needs over the best it reaches on a bank's stretch (the
#                     margin training/pattern_bank.py writes unless told another)
NONE = 1001         # a threshold no r reaches: a template that is dropped
MAX_TEMPLATES = 3


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
        self.raw = array('b', bytes(n_mels))

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
        """A step of band means into self.step (over the bed) and self.raw (whole dB), and the
        bed follows it."""
        f, step, raw = self.floor, self.step, self.raw
        if f is None:
            f = self.floor = array('i', means)
        for b in range(self.n):
            v = means[b] // 100
            raw[b] = v if v > -128 else -127
            v = means[b] - f[b]
            f[b] += TRACK if v > 0 else (-TRACK if v < 0 else 0)
            v = (v - MARGIN) // UNIT
            if v < LOW:
                v = LOW
            step[b] = 127 if v > 127 else v


def steps_of(frames, n_mels):
    """A recording's steps (a list of (over the bed, whole dB), each an array('b')) from its
    frames (an iterable of arrays of centi-dB), its bed set first at the median of its steps
    (a recording may hold only a second or two of the room before the sound)."""
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
        out.append((array('b', bed.step), array('b', bed.raw)))
    return out


def _loudest(steps):
    """Each step's rise (the sum of its bands over the bed) and the loudest step's index."""
    rise = [sum(over) for over, _ in steps]
    return rise, max(range(len(rise)), key=lambda k: rise[k])


def template(steps):
    """The sounding part of an example's steps (steps_of): around the loudest, while a step's
    rise is 1/SOUNDING of the loudest's, at most MAX_STEPS. bytes, steps x bands: a cell's
    whole dB where it stands LIT over the bed, else UNLIT."""
    rise, top = _loudest(steps)
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
    out = array('b')
    for over, raw in steps[a:b]:
        for i in range(len(raw)):
            out.append(raw[i] if over[i] * UNIT >= LIT else UNLIT)
    return bytes(out)


class Matcher:
    """A sound's templates (int8 arrays of steps x bands) against the latest steps heard:
    Pearson's r between a template's lit cells (the sound's own levels, where it stood over
    the bed it was taught on) and the same cells of the steps heard, in whole dB, where those
    stand `gate` over the bed on average (else no match: the room itself). With gate 0 (a
    format 1 head) every cell counts and the steps' rises over the bed are what is matched.
    `thresholds`: each template's r (thousandths) that makes a match."""

    def __init__(self, templates, n_mels, thresholds, gate=GATE):
        self.n = n_mels
        self.thresholds = thresholds
        self.gate = gate
        self.templates = []
        for t in templates:
            if not isinstance(t, array):   # a loaded head's are array('b') already: shared
                t = array('b', t)
            # each step's lit cells, their count, sum and sum of squares
            rows = bytearray(len(t) // n_mels)
            s = ss = 0
            for k in range(len(t)):
                v = t[k]
                if v != UNLIT:
                    rows[k // n_mels] += 1
                    s += v
                    ss += v * v
            c = sum(rows)
            self.templates.append((t, len(rows), s, c * ss - s * s, c, rows))
        self.x = array('b', bytes(MAX_STEPS * n_mels))   # whole dB (gate 0: the rise)
        self.over = array('b', bytes(MAX_STEPS * n_mels)) if gate else self.x
        self.top = bytearray(MAX_STEPS)   # each step's highest rise: what its cells can pass
        self.r = [-1000] * len(templates)   # each template's r at the latest step
        self.heard = 0   # steps so far
        self.length = 0

    def push(self, raw, over):
        """Adds a step (whole dB, and over the bed); the best r (thousandths) of the templates
        that reach their thresholds over the steps ending here, -1 when none does. self.r holds
        every template's r, self.length the steps of the best one (where its match began)."""
        n = self.n
        at = (self.heard % MAX_STEPS) * n
        self.x[at:at + n] = raw if self.gate else over
        self.over[at:at + n] = over
        self.top[self.heard % MAX_STEPS] = max(over)
        self.heard += 1
        best = -1000
        hit = -1
        for i in range(len(self.templates)):
            t = self.templates[i]
            r = -1000 if t[1] > self.heard or t[3] <= 0 else self._r(*t)
            self.r[i] = r
            if r > best:
                best = r
                self.length = t[1]
            if r >= self.thresholds[i] and r > hit:
                hit = r
        return hit

    def _r(self, t, length, ts, tvar, count, rows):
        n, x, over, gate = self.n, self.x, self.over, self.gate
        first = (self.heard - length) % MAX_STEPS
        if gate:
            # the most the lit cells can stand over the bed: most steps fail here, cheaply
            most = 0
            for i in range(length):
                most += rows[i] * self.top[(first + i) % MAX_STEPS]
            if most * UNIT < gate * count:
                return 0
        sx = sxx = sxt = rise = 0
        k = 0
        for i in range(length):
            base = ((first + i) % MAX_STEPS) * n
            for b in range(n):
                v = t[k]
                k += 1
                if v != UNLIT:
                    xv = x[base + b]
                    sx += xv
                    sxx += xv * xv
                    sxt += xv * v
                    rise += over[base + b]
        if rise * UNIT < gate * count:
            return 0
        xvar = count * sxx - sx * sx
        num = count * sxt - sx * ts
        if xvar <= 0:
            return 0
        # r = num / sqrt(xvar * tvar), in thousandths, by integers only
        r = isqrt(num * num * 1000000 // (xvar * tvar))
        return r if num >= 0 else -r


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
    """A pattern head's sound in every step heard: a step where a template reaches its
    threshold opens an event (or keeps one open) on the best template's span; it closes GAP
    steps after the last match, or at MAX_EVENT steps. Feed frame() every frame; it returns the
    events that closed ({'label', 'start', 'end', 'confidence'} in seconds of frames, and
    'reached': each template's best r where it reached its threshold, -1000 where it never did:
    what device/corrections.py raises), active() the open one."""
    GAP = 16          # steps (1 s) without a match that close an event
    MAX_EVENT = 64    # steps (4 s): a longer run of matches is more events

    def __init__(self, label, templates, n_mels, thresholds, frame_seconds, origin=0.0,
                 gate=GATE):
        self.label = label
        self.origin = origin   # seconds of the stream at the first frame
        self.bed = Bed(n_mels)
        self.matcher = Matcher(templates, n_mels, thresholds, gate)
        self.seconds = frame_seconds * STEP
        self.open = None   # [first step, last matching step, best r]

    def frame(self, frame):
        if not self.bed.frame(frame):
            return ()
        m = self.matcher
        r = m.push(self.bed.raw, self.bed.step)
        closed = self.step(r, m.heard, m.length)
        if r >= 0:   # each template's best r where it reached its threshold: a correction's
            best, th = self.open[3], m.thresholds
            for i in range(len(best)):
                if m.r[i] >= th[i] and m.r[i] > best[i]:
                    best[i] = m.r[i]
        return closed

    def step(self, r, now, length):
        """The event logic for step `now` (counted from 1) where the best template that reached
        its threshold has `r` (-1: none did), the best of all `length` steps (frame() computes
        them)."""
        closed = ()
        ev = self.open
        if ev is not None and (now - ev[1] > self.GAP or now - ev[0] > self.MAX_EVENT):
            closed = (self._event(ev, True),)
            ev = self.open = None
        if r >= 0:
            if ev is None:
                self.open = [max(0, now - length), now, r,
                             array('h', [-1000] * len(self.matcher.templates))]
            else:
                ev[1] = now
                ev[2] = max(ev[2], r)
        return closed

    def _event(self, ev, closed=False):
        out = {'label': self.label, 'start': self.origin + ev[0] * self.seconds,
               'end': self.origin + ev[1] * self.seconds, 'confidence': ev[2] / 1000}
        if closed:   # a closed event: each template's best r where it reached (-1000: never)
            out['reached'] = list(ev[3])
        return out

    def active(self):
        return [] if self.open is None else [self._event(self.open)]

    def flush(self):
        ev, self.open = self.open, None
        return [] if ev is None else [self._event(ev, True)]

    def retune(self, head):
        """Takes a loaded pattern head's thresholds when its label and templates are this
        Watch's (a correction raised some): the bed and an open event go on. False when they
        are not (a new Watch is needed)."""
        label, reaches, templates = head.sounds[0]
        m = self.matcher
        if (label != self.label or isinstance(reaches, int) or not m.gate
                or len(templates) != len(m.templates)):
            return False
        for t, kept in zip(templates, m.templates):
            if t != kept[0]:
                return False
        # the head's own arrays from now on: the old head's are garbage, not kept twice
        m.templates = [(t,) + kept[1:] for t, kept in zip(templates, m.templates)]
        m.thresholds = reaches
        return True


def guard(templates, examples, n_mels, bank=()):
    """Each template's threshold (r in thousandths; over 1000: the template is dropped): at
    least FLOOR, the best r it reaches on its examples' own beds (their steps away from the
    ring: more than the template's length from the loudest step), and the best it reaches on
    each stretch of the `bank` + that stretch's margin (bank_steps(): each stretch's (margin,
    twin), then its steps of other sounds). A stretch with a twin (a ring of another doorbell)
    raises a template only where its best there stays `twin` under the template's own lowest
    best on its other examples: one nearer is taken for the household's own make of doorbell,
    which no threshold can tell from theirs (it would lose the household's own rings)."""
    m = Matcher(templates, n_mels, [NONE] * len(templates))
    lengths = [len(t) // n_mels for t in templates]
    out = [FLOOR] * len(templates)
    own = [NONE] * len(templates)   # each template's lowest best r on its other examples
    for j, steps in enumerate(examples):
        top = _loudest(steps)[1]
        m.heard = 0
        best = [-1000] * len(templates)
        for k in range(len(steps)):
            m.push(steps[k][1], steps[k][0])
            for i in range(len(out)):
                best[i] = max(best[i], m.r[i])
                if m.r[i] > out[i] and (k - top > lengths[i] or top - k > lengths[i]):
                    out[i] = m.r[i]
        for i in range(len(own)):
            if i != j:
                own[i] = min(own[i], best[i])
    margin, twin, best = BANK_MARGIN, None, [-1000] * len(templates)
    for step in bank:
        if isinstance(step[0], int):   # a new stretch: no match spans two
            _raise(out, best, margin, twin, own)
            margin, twin = step
            m.heard = 0
            best = [-1000] * len(templates)
            continue
        m.push(step[0], step[1])
        for i in range(len(out)):
            if m.r[i] > best[i]:
                best[i] = m.r[i]
    _raise(out, best, margin, twin, own)
    return out


def _raise(out, best, margin, twin, own):
    """Raises each threshold of `out` to a stretch's best r + its margin (guard())."""
    for i in range(len(out)):
        if best[i] + margin > out[i] and (twin is None or best[i] < own[i] - twin):
            out[i] = best[i] + margin


BANK_MAGIC = b'EMPB'   # a bank file: this, BANK_VERSION, bands; then stretches
BANK_VERSION = 3


def bank_steps(stream):
    """A bank's steps from its file (a binary stream, uncompressed: pattern_bank.gz through
    gzip): each stretch's (margin, twin) (ints, r in thousandths; twin None: none), then its
    steps as (raw, over), two arrays reused. A stretch is a little-endian 16-bit count of steps,
    its margin (int8) and twin (uint8, 0: none), then each step's raw and over bytes (bands
    each, int8). ValueError for a file that is not one."""
    head = stream.read(6)
    if len(head) != 6 or head[:4] != BANK_MAGIC or head[4] != BANK_VERSION:
        raise ValueError('pattern: not a bank of steps (version %d)' % BANK_VERSION)
    n = head[5]
    raw, over = array('b', bytes(n)), array('b', bytes(n))
    while True:
        size = stream.read(4)
        if not size:
            return
        if len(size) != 4:
            raise ValueError('pattern: a bank cut short')
        yield (size[2] - 256 if size[2] > 127 else size[2], size[3] or None)
        for _ in range(size[0] | size[1] << 8):
            if stream.readinto(raw) != n or stream.readinto(over) != n:
                raise ValueError('pattern: a bank cut short')
            yield raw, over


def teach(label, model, recordings, n_mels, bank=(), generic=None):
    """A pattern head (a dict, personal.load's JSON) from example recordings (each an iterable
    of frames, centi-dB): one template a recording (the first MAX_TEMPLATES), each with its
    threshold from guard() against `bank` (bank_steps()). `generic`: the model's label for the
    sound (a doorbell), which the events the head's Watch opens carry beside the personal one;
    None: `other`, as for a sound the model has no label for. ValueError when every template
    is dropped: other sounds reach them all."""
    import binascii
    examples = [steps_of(frames, n_mels) for frames in recordings][:MAX_TEMPLATES]
    templates = [template(s) for s in examples]
    reaches = guard(templates, examples, n_mels, bank)
    kept = [k for k in range(len(templates)) if reaches[k] <= 1000]
    if not kept:
        raise ValueError('pattern: %s is too like other sounds: other sounds reach every '
                         'template (r %s)' % (label, ', '.join('%.3f' % (r / 1000)
                                                               for r in reaches)))
    sound = {'label': label, 'reaches': [reaches[k] for k in kept],
             'templates': [binascii.b2a_base64(templates[k]).decode().strip() for k in kept]}
    if generic is not None:
        sound['generic'] = generic
    return {'format': FORMAT, 'model': model, 'dim': n_mels, 'embedding': 'pattern',
            'sounds': [sound]}


def sounds_of(head, taken, check_label):
    """personal.load's sounds of a pattern head and its sound's model label (None: none given):
    ([(label, reaches, [template bytes])], generic), reaches a list of a threshold a template
    (format 2) or one for all (format 1); ValueError with one line for anything else.
    `check_label(label, taken)` is personal's (handed in: this module never imports personal,
    which imports this one); `taken` the model's labels, which `generic` must be one of, when
    given (not background: an event is never that)."""
    import binascii
    form = head.get('format')
    bands = head.get('dim')
    sounds = head.get('sounds')
    if not isinstance(bands, int) or not 0 < bands <= 64:
        raise ValueError('personal: a pattern head has 1 to 64 bands (dim)')
    if not isinstance(sounds, list) or len(sounds) != 1 or not isinstance(sounds[0], dict):
        raise ValueError('personal: a pattern head has one sound')
    s = sounds[0]
    label, templates = s.get('label'), s.get('templates')
    check_label(label, taken)
    generic = s.get('generic')
    if generic is not None and (generic not in taken or generic == 'background'):
        raise ValueError('personal: %s: generic is one of the model\'s event labels or other'
                         % label)
    if not isinstance(templates, list) or not 0 < len(templates) <= MAX_TEMPLATES:
        raise ValueError('personal: %s: 1 to %d templates' % (label, MAX_TEMPLATES))
    if form == FORMAT:
        reaches = s.get('reaches')
        if (not isinstance(reaches, list) or len(reaches) != len(templates)
                or not all(isinstance(r, int) and 0 <= r <= 1000 for r in reaches)):
            raise ValueError('personal: %s: reaches are a whole number 0..1000 (r in '
                             'thousandths) a template' % label)
    else:   # format 1: one reach for every template
        reach = s.get('reach')
        if not isinstance(reach, int) or not 0 <= reach <= 1000:
            raise ValueError('personal: %s: reach (r in thousandths) is a whole number 0..1000'
                             % label)
        reaches = reach
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
    return [(label, reaches, out)], generic


def watch(head, origin=0.0):
    """A Watch for a loaded pattern head (personal.Head of embedding 'pattern') whose first
    frame is `origin` seconds into the stream: a format 1 head's one reach (an int) is every
    template's threshold, without the gate."""
    label, reaches, templates = head.sounds[0]
    if isinstance(reaches, int):
        return Watch(label, templates, head.dim, [reaches] * len(templates), FRAME_SECONDS,
                     origin, 0)
    return Watch(label, templates, head.dim, reaches, FRAME_SECONDS, origin)
