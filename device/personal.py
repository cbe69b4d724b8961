"""A personal head: the household's own sounds ("our doorbell"), taught from a few examples'
embeddings, recognised in new events by nearest prototype with an open-set reach.

Each sound keeps its examples' int8 embeddings as prototypes and a reach: an event whose
embedding lies within the reach of one of a sound's prototypes (squared Euclidean distance, in
integers, so a board, the browser and a computer agree exactly) takes that sound's name as its
label; the generic label stays beside it. Nearest wins where several sounds reach.

A head taught on the net's own embedding (`"embedding": "net"`: the int8 net's 32 values of a
window, normalised as the store normalises, not the stored event embedding) or on a window's
spectrum over the bed (`"shape"`: Shape) is put to every window by a Watch: a sound the
classifier never opens an event on is found too.

The head is JSON (PUT /api/personal on a device, `earmark personal teach` on a computer, the
lab in a browser). `load` refuses anything malformed or oversized with one line; it is imported
only where a head is used.
"""
import json
from array import array

FORMAT = 1
PATTERN_FORMAT = 2     # a pattern head of pattern.py's templates and a threshold each (format
#                        1 pattern heads, the first design's, still load)
MAX_BYTES = 6144       # a head file: 3 sounds of 12 prototypes of 32 values fit with room,
MAX_SOUNDS = 3         # and reading one takes a board ~12 KB of heap for a moment
MAX_PROTOTYPES = 12
MAX_LABEL = 32         # characters
MAX_REACH = 0x7fffffff
MAX_ITEMS = 64         # values in any array of a head (a prototype has dim)
# What a head's prototypes are (its "embedding"): events' stored embeddings; the net's own of
# a window; Shape's; the net's followed by the classifier's scores x 127 (how the appliance's
# model hears the window, beside what the net makes of it); or, for 'pattern', no prototypes
# but templates of frames over time (device/pattern.py), matched in every frame heard.
KINDS = ('stored', 'net', 'shape', 'net+scores', 'pattern')


def model_id(model_json):
    """What ties a head to the model whose embeddings it was taught on: the CRC-32 of the
    bundle's model.json bytes (given, or an open file read in pieces), as 8 hex digits."""
    import binascii
    if isinstance(model_json, (bytes, bytearray)):
        return '%08x' % (binascii.crc32(model_json) & 0xffffffff)
    crc = 0
    buf = bytearray(256)
    while True:
        n = model_json.readinto(buf)
        if not n:
            return '%08x' % (crc & 0xffffffff)
        crc = binascii.crc32(memoryview(buf)[:n], crc)


def check_label(name, reserved):
    if not isinstance(name, str) or not 0 < len(name) <= MAX_LABEL or ' ' in (name[0], name[-1]):
        raise ValueError('personal: a label is 1 to %d characters, no spaces at its ends'
                         % MAX_LABEL)
    for ch in name:
        if ch < ' ' or ch in '"\\/':
            raise ValueError('personal: label %r has a character not allowed' % name)
    if name in reserved:
        raise Conflict('personal: label %r is used twice or is a model label' % name)


class Conflict(ValueError):
    """A well-formed head that does not fit this appliance (another model, a model label)."""


class Head:
    def __init__(self, sounds, dim, embedding='stored', generic=None):
        # [(label, reach, prototypes)]: a sound's prototypes one after another in one
        # array('b') (one block of heap, not one an array)
        self.sounds = sounds
        self.dim = dim
        self.embedding = embedding   # what the prototypes are: one of KINDS
        self.windows = 1             # windows in a row that must match (a Watch's)
        # a pattern head's sound's model label (a doorbell): the events its Watch opens carry
        # it beside the personal one (None: `other`)
        self.generic = generic

    def count(self, protos):
        """A sound's prototypes (a pattern head's: its templates)."""
        return len(protos) if self.embedding == 'pattern' else len(protos) // self.dim

    def match(self, embedding):
        """(label, squared distance) of the nearest sound within its reach, or None."""
        if self.embedding == 'pattern':
            return None   # its sounds are found in the frames (pattern.Watch), not in events
        best = None
        n = self.dim
        for label, reach, protos in self.sounds:
            for base in range(0, len(protos), n):
                d = 0
                for i in range(n):
                    x = embedding[i] - protos[base + i]
                    d += x * x
                if d <= reach and (best is None or d < best[1]):
                    best = (label, d)
        return best

    def describe(self, embedding, generic):
        """{} for no match, else the event's new label fields: the personal label, the generic
        one beside it and the distance."""
        m = self.match(embedding)
        if m is None:
            return {}
        return {'label': m[0], 'generic': generic, 'distance': m[1]}


def _shape(text):
    """Refuses, before parsing, text no head is: floats, true/false/null, nesting deeper than
    a head's or an array longer than MAX_ITEMS. Parsed, such text could take many times its
    size in heap (a float is an object) in blocks a board's heap may not have."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = text.decode()
        except UnicodeError:
            raise ValueError('personal: not UTF-8 text')
    counts = []
    quoted = escaped = False
    for ch in text:
        if quoted:
            if escaped:
                escaped = False
            elif ch == '\\':
                escaped = True
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch in '[{':
            counts.append(0)
            if len(counts) > 5:
                raise ValueError('personal: nested deeper than a head')
        elif ch in ']}':
            if counts:
                counts.pop()
        elif ch == ',':
            if counts:
                counts[-1] += 1
                if counts[-1] >= MAX_ITEMS:
                    raise ValueError('personal: an array of more than %d values' % MAX_ITEMS)
        elif ch not in '0123456789-: \t\r\n':
            raise ValueError('personal: not a head (its numbers are whole, it has no '
                             'true, false or null)')


def load(text, model=None, dim=None, labels=()):
    """A Head from a head file's text (bytes or str). `model`: the model_id it must carry,
    `dim`: the embedding size, `labels`: the model's labels (a personal label may not reuse
    one). Raises ValueError with one line for anything else."""
    if len(text) > MAX_BYTES:
        raise ValueError('personal: %d bytes, at most %d' % (len(text), MAX_BYTES))
    _shape(text)
    try:
        head = json.loads(text)
    except Exception:   # MicroPython's json: ValueError, or UnicodeError on a lone surrogate
        raise ValueError('personal: not JSON')
    form = head.get('format') if isinstance(head, dict) else None
    if form != FORMAT and not (form == PATTERN_FORMAT and head.get('embedding') == 'pattern'):
        raise ValueError('personal: not a format %d head' % FORMAT)
    if not isinstance(head.get('model'), str) or not isinstance(head.get('dim'), int):
        raise ValueError('personal: a head names its model and embedding size')
    if model is not None and head.get('model') != model:
        raise Conflict('personal: taught on model %r, this one is %r' % (head.get('model'),
                                                                        model))
    size = head.get('dim')
    kind = head.get('embedding', 'stored')
    if kind not in KINDS:
        raise ValueError('personal: embedding is one of %s' % ', '.join(KINDS))
    if kind == 'pattern':   # its dim is the front end's bands, no embedding's
        import pattern
        sounds, generic = pattern.sounds_of(head, list(labels), check_label)
        return Head(sounds, size, kind, generic)
    if dim is not None and size != dim:
        raise Conflict('personal: embeddings of %r values, the model makes %r' % (size, dim))
    sounds = head.get('sounds')
    if not isinstance(sounds, list) or not 0 < len(sounds) <= MAX_SOUNDS:
        raise ValueError('personal: 1 to %d sounds' % MAX_SOUNDS)
    taken = list(labels)
    out = []
    for s in sounds:
        if not isinstance(s, dict):
            raise ValueError('personal: a sound is an object')
        label, reach, protos = s.get('label'), s.get('reach'), s.get('prototypes')
        check_label(label, taken)
        taken.append(label)
        if not isinstance(reach, int) or not 0 <= reach <= MAX_REACH:
            raise ValueError('personal: %s: reach must be a whole number 0..%d'
                             % (label, MAX_REACH))
        if not isinstance(protos, list) or not 0 < len(protos) <= MAX_PROTOTYPES:
            raise ValueError('personal: %s: 1 to %d prototypes' % (label, MAX_PROTOTYPES))
        kept = array('b', bytes(size * len(protos)))
        for k, p in enumerate(protos):
            if (not isinstance(p, list) or len(p) != size
                    or not all(isinstance(v, int) and -128 <= v <= 127 for v in p)):
                raise ValueError('personal: %s: a prototype is %d whole numbers -128..127'
                                 % (label, size))
            kept[k * size:(k + 1) * size] = array('b', p)
        out.append((label, reach, kept))
    run = head.get('windows', 1)
    if run not in (1, 2):
        raise ValueError('personal: windows (in a row that must match) is 1 or 2')
    h = Head(out, size, kind)
    h.windows = run
    return h


def bands(frames, n_mels, out):
    """Each band's mean over a window of centi-dB frames (frame-major, as windows.Windows
    holds them) into `out` (n_mels values)."""
    n = len(frames) // n_mels
    for b in range(n_mels):
        s = 0
        for i in range(b, n * n_mels, n_mels):
            s += frames[i]
        out[b] = s // n


class Shape:
    """A window's spectrum over the bed: each band's mean level (bands()) less a running floor
    of that band, negatives as 0, scaled to norm 127: where a sound stands out of the room
    whatever the room's level, which the net's embedding of the whole window blurs at low SNR.
    The floor follows a band down at once and up by RISE centi-dB a window (the bed getting
    louder for good is the floor again within a minute; a sound of a few seconds barely lifts
    it). All zeros where nothing stands out: no prototype is within reach of that."""
    RISE = 20

    def __init__(self, n_mels):
        self.n_mels = n_mels
        self.floor = None
        self._bands = array('h', bytes(2 * n_mels))
        self.out = [0] * n_mels

    def window(self, frames):
        """The shape of a window of frames, in self.out (a list of n_mels ints)."""
        x, n = self._bands, self.n_mels
        bands(frames, n, x)
        if self.floor is None:
            self.floor = array('h', x)
        f, out = self.floor, self.out
        total = 0
        for b in range(n):
            up = x[b] - f[b]
            if up < 0:
                f[b] = x[b]
                up = 0
            else:
                f[b] += up if up < self.RISE else self.RISE
            out[b] = up
            total += up * up
        if total:
            from pattern import isqrt   # integers: a board's single floats would round elsewhere
            norm = isqrt(total)
            for b in range(n):
                out[b] = (out[b] * 127 + norm // 2) // norm
        return out


def vector(kind, net, scores, shape=None):
    """A window's vector for a head of `kind` (not 'stored'): `net` the net's embedding
    normalised as stored (labcore.stored), `scores` the classifier's, `shape` Shape's."""
    if kind == 'shape':
        return shape
    if kind == 'net':
        return net
    return list(net) + [int(s * 127 + 0.5) for s in scores]


class Watch:
    """A net head's sounds in every window heard: each window's net embedding (normalised)
    put to the head scores 1 for the sound it matches, 0 for the rest, and a segmenter of its
    own makes events of those scores as the appliance's makes events of the classifier's, with
    the same gate (one opens only where the sound rises over the background). With the
    segmenter's SMOOTH of 2, ON 0.5 opens one on a lone matching window, 1.0 on two in a row
    (the head's `windows`). Feed frame() every frame's energy and window() every window's
    vector (the head's kind: vector()); window() returns the events that closed, active() the
    open ones, as the segmenter's."""

    def __init__(self, head, window_frames, hop_frames):
        import segmenter
        self.head = head
        self.labels = [s[0] for s in head.sounds]
        # 'background' never opens an event: the segmenter's labels are never one alone
        self.seg = segmenter.Segmenter(self.labels + ['background'], window_frames, hop_frames,
                                       on=0.5 * head.windows)
        self._scores = [0.0] * (len(self.labels) + 1)

    def frame(self, energy):
        self.seg.frame(energy)

    def window(self, embedding):
        m = self.head.match(embedding)
        for i in range(len(self.labels)):
            self._scores[i] = 1.0 if m is not None and self.labels[i] == m[0] else 0.0
        return self.seg.push(self._scores)

    def active(self):
        return self.seg.active()

    def flush(self):
        return self.seg.flush()
