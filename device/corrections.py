"""'That was not our doorbell': a pattern head (device/pattern.py) learns from its false matches.

For each of the last SLOTS events a pattern head's Watch found, the pipeline notes (note()) the
best r each template reached its threshold with there. A household that says such an event was
not its sound (POST /api/personal/not) has each of those templates' thresholds raised to that r
+ pattern.BANK_MARGIN (the margin a template keeps from the bank's other sounds; correct()), so
the same other sound matches no more while the household's own, which those templates reach
higher, still does. A threshold over 1000 drops its template; one correction that would drop
them all is refused. experiments/pattern_corrected.py simulates what this costs and gains.

The record is a file of at most SLOTS fixed entries beside the store (as its head), written new
then switched: a correction after a restart still works. Each entry names the head it was noted
under (identity(): its label and templates, not its thresholds, which corrections change): an
entry of another head (taught again, or one with a template dropped) is ignored. Imported only
where a pattern head is in use; nothing is kept in heap between events.
"""
import binascii
import json
import struct

import pattern
import storefile

RECORD = '.personal.not'   # beside the store folder (store.layout.HEAD's sibling)
SLOTS = 16
# an event's id, its head's identity, each template's best r where it reached (-1000: never)
ENTRY = '<II%dh' % pattern.MAX_TEMPLATES
SIZE = struct.calcsize(ENTRY)
NEVER = -1000


def identity(head):
    """The CRC-32 of a loaded pattern head's label and templates."""
    label, _, templates = head.sounds[0]
    crc = binascii.crc32(label.encode())
    for t in templates:
        crc = binascii.crc32(t, crc)
    return crc & 0xffffffff


def _read(root):
    try:
        with open(root + RECORD, 'rb') as f:
            data = f.read(SLOTS * SIZE)
    except OSError:   # none yet
        return b''
    return data[:len(data) // SIZE * SIZE]   # whole entries only (a damaged tail says nothing)


def note(root, ident, head, reached):
    """Keeps event `ident`'s `reached` (the Watch's closed event's) for a later correction,
    the oldest entry leaving when SLOTS are kept."""
    pad = reached + [NEVER] * (pattern.MAX_TEMPLATES - len(reached))
    data = _read(root)
    if len(data) >= SLOTS * SIZE:
        data = data[len(data) - (SLOTS - 1) * SIZE:]
    storefile.replace(root + RECORD, data + struct.pack(ENTRY, ident, identity(head), *pad))


def _head_text(model, dim, label, reaches, templates, generic):
    """A format 2 head's JSON a template at a time (storefile.replace's pieces): the whole text
    at once is more than a board's heap may hold."""
    yield json.dumps({'format': pattern.FORMAT, 'model': model, 'dim': dim,
                      'embedding': 'pattern'})[:-1]
    yield ', "sounds": [{"label": %s, %s"reaches": %s, "templates": [' % (
        json.dumps(label), '' if generic is None else '"generic": %s, ' % json.dumps(generic),
        json.dumps(reaches))
    for k in range(len(templates)):
        yield b', "' if k else b'"'
        yield binascii.b2a_base64(templates[k])[:-1]   # without its newline
        yield b'"'
    yield b']}]}'


def entries(root, head):
    """{event id: [best r a template]} of the record's entries noted under `head`."""
    me, n = identity(head), len(head.sounds[0][2])
    data = _read(root)
    out = {}
    for at in range(0, len(data), SIZE):
        e = struct.unpack_from(ENTRY, data, at)
        if e[1] == me:
            out[e[0]] = list(e[2:2 + n])
    return out


def correct(store, ids, model):
    """Events `ids` (labelled by the store's pattern head) were not its sound: the head's new
    thresholds written and in use, the events back to their generic label, their entries gone.
    (raised template indices, dropped ones, the new head's reaches). LookupError (no such
    event) or ValueError (nothing to correct) in one line, with nothing changed."""
    head = store.personal
    if head is None or head.embedding != 'pattern':
        raise ValueError('no pattern head: nothing to correct')
    label, reaches, templates = head.sounds[0]
    if isinstance(reaches, int):
        raise ValueError('a format 1 head has one reach for all its templates: teach it again '
                         'to correct it')
    kept = entries(store.root, head)
    best = [NEVER] * len(reaches)
    for ident in ids:
        ev = store.get(ident)
        if ev is None:
            raise LookupError('no event %d' % ident)
        if ev['label'] != label:
            raise ValueError('event %d is not labelled %s' % (ident, label))
        if ident not in kept:
            raise ValueError('event %d: no record of its match (the last %d of this head are '
                             'kept)' % (ident, SLOTS))
        best = [max(a, b) for a, b in zip(best, kept[ident])]
    new = [max(r, b + pattern.BANK_MARGIN) if b > NEVER else r for r, b in zip(reaches, best)]
    left = [k for k in range(len(new)) if new[k] <= 1000]
    if not left:
        raise ValueError('every template of %s would be dropped (other sounds reach them all): '
                         'head kept' % label)
    import personal
    reaches_left, templates_left = [new[k] for k in left], [templates[k] for k in left]
    # the same template arrays: no head parsed again (a board's heap at 128 KB has not the
    # ~20 KB of text, strings and arrays that would take at once)
    store.set_personal(personal.Head([(label, reaches_left, templates_left)], head.dim,
                                     'pattern', head.generic),
                       _head_text(model, head.dim, label, reaches_left, templates_left,
                                  head.generic))
    # after the head: a cut before this applies the same max() again, no harm
    data = _read(store.root)
    storefile.replace(store.root + RECORD, b''.join(
        data[at:at + SIZE] for at in range(0, len(data), SIZE)
        if struct.unpack_from('<I', data, at)[0] not in ids))
    for ident in ids:
        store.label_personal(ident, '')
    return ([k for k in range(len(new)) if new[k] != reaches[k]],
            [k for k in range(len(new)) if new[k] > 1000], reaches_left)
