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
MAX_BYTES = 6144       # a head file: 4 sounds of 8 prototypes of 32 values fit with room,
MAX_SOUNDS = 4         # and reading one takes a board ~12 KB of heap for a moment
MAX_PROTOTYPES = 8
MAX_LABEL = 32         # characters


def model_id(model_json):
    """What ties a head to the model whose embeddings it was taught on: the CRC-32 of the
    bundle's model.json bytes, as 8 hex digits."""
    import binascii
    return '%08x' % (binascii.crc32(model_json) & 0xffffffff)


def check_label(name, reserved):
    if not isinstance(name, str) or not 0 < len(name) <= MAX_LABEL or name != name.strip():
        raise ValueError('personal: a label is 1 to %d characters, no spaces at its ends'
                         % MAX_LABEL)
    for ch in name:
        if ch < ' ' or ch in '"\\/':
            raise ValueError('personal: label %r has a character not allowed' % name)
    if name in reserved:
        raise ValueError('personal: label %r is used twice or is a model label' % name)


class Head:
    def __init__(self, sounds):
        self.sounds = sounds   # [(label, reach, [prototype bytes-like of int8...])]

    def match(self, embedding):
        """(label, squared distance) of the nearest sound within its reach, or None."""
        best = None
        for label, reach, protos in self.sounds:
            for p in protos:
                d = 0
                for i in range(len(p)):
                    x = embedding[i] - p[i]
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


def load(text, model=None, dim=None, labels=()):
    """A Head from a head file's text (bytes or str). `model`: the model_id it must carry,
    `dim`: the embedding size, `labels`: the model's labels (a personal label may not reuse
    one). Raises ValueError with one line for anything else."""
    if len(text) > MAX_BYTES:
        raise ValueError('personal: %d bytes, at most %d' % (len(text), MAX_BYTES))
    try:
        head = json.loads(text)
    except ValueError:
        raise ValueError('personal: not JSON')
    if not isinstance(head, dict) or head.get('format') != FORMAT:
        raise ValueError('personal: not a format %d head' % FORMAT)
    if model is not None and head.get('model') != model:
        raise ValueError('personal: taught on model %r, this one is %r' % (head.get('model'),
                                                                          model))
    size = head.get('dim')
    if not isinstance(size, int) or (dim is not None and size != dim):
        raise ValueError('personal: embeddings of %r values, the model makes %r' % (size, dim))
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
        if not isinstance(reach, int) or not 0 <= reach <= size * 254 * 254:
            raise ValueError('personal: %s: reach must be a whole number 0..%d'
                             % (label, size * 254 * 254))
        if not isinstance(protos, list) or not 0 < len(protos) <= MAX_PROTOTYPES:
            raise ValueError('personal: %s: 1 to %d prototypes' % (label, MAX_PROTOTYPES))
        kept = []
        for p in protos:
            if (not isinstance(p, list) or len(p) != size
                    or not all(isinstance(v, int) and -128 <= v <= 127 for v in p)):
                raise ValueError('personal: %s: a prototype is %d whole numbers -128..127'
                                 % (label, size))
            kept.append(array('b', p))
        out.append((label, reach, kept))
    return Head(out)
