"""A personal head: the household's own sounds ("our doorbell"), taught from a few examples'
embeddings, recognised in new events by nearest prototype with an open-set reach.

Each sound keeps its examples' int8 embeddings as prototypes and a reach: an event whose
embedding lies within the reach of one of a sound's prototypes (squared Euclidean distance, in
integers, so a board, the browser and a computer agree exactly) takes that sound's name as its
label; the generic label stays beside it. Nearest wins where several sounds reach.

The head is JSON (PUT /api/personal on a device, `earmark personal teach` on a computer, the
lab in a browser). `load` refuses anything malformed or oversized with one line; it is imported
only where a head is used.
"""
import json
from array import array

FORMAT = 1
MAX_BYTES = 6144       # a head file: 3 sounds of 12 prototypes of 32 values fit with room,
MAX_SOUNDS = 3         # and reading one takes a board ~12 KB of heap for a moment
MAX_PROTOTYPES = 12
MAX_LABEL = 32         # characters
MAX_REACH = 0x7fffffff
MAX_ITEMS = 64         # values in any array of a head (a prototype has dim)


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
    def __init__(self, sounds, dim):
        # [(label, reach, prototypes)]: a sound's prototypes one after another in one
        # array('b') (one block of heap, not one an array)
        self.sounds = sounds
        self.dim = dim

    def count(self, protos):
        return len(protos) // self.dim

    def match(self, embedding):
        """(label, squared distance) of the nearest sound within its reach, or None."""
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
    if not isinstance(head, dict) or head.get('format') != FORMAT:
        raise ValueError('personal: not a format %d head' % FORMAT)
    if not isinstance(head.get('model'), str) or not isinstance(head.get('dim'), int):
        raise ValueError('personal: a head names its model and embedding size')
    if model is not None and head.get('model') != model:
        raise Conflict('personal: taught on model %r, this one is %r' % (head.get('model'),
                                                                        model))
    size = head.get('dim')
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
    return Head(out, size)
