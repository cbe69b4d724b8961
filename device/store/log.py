"""The store as a replication stream (the change feed, api_changes.py): its events oldest first,
and its edit records past those a reader has. Imported at the first such request: an appliance
no hub reads never loads it."""
import struct

import storefile

from . import layout, read


def log(s, after, edits):
    """Without `edits`: yields (id, start, event or None once deleted, embedding or None) of the
    intact records from id `after` on. With `edits` ({segment's first id: edit records already
    read}): yields (first, n, id, kind, value) of the edit records past those, segment by
    segment (n: the records read once this one is; a damaged copy is counted, not yielded);
    ValueError, at once, when a file holds fewer records than `edits` says were read. Fixed
    when it begins, like events(); close it when stopping early."""
    if edits is None:
        return _events(s, after)
    for first in s.edited:
        # max(0, ...): a file not there holds no edits (a segment's first edit refused on a
        # full flash lists the segment, and the file may never have been made)
        if max(0, storefile.size(layout.edits_path(s.root, first))) < edits.get(first, 0) * \
                layout.EDIT_SIZE:
            raise ValueError('segment %d has fewer than %d edits' % (first, edits[first]))
    return _edits(s, edits)


def _events(s, after):
    walk = read.walk(s, after, s.next - 1, False)
    try:
        for ident, rec, start in walk:
            ev = read.event(s, ident, rec, start)
            yield ident, start, ev, ev and s.sim.vector(rec[layout.BUCKET_AT], ident)
    finally:
        walk.close()


def _edits(s, edits):
    size = layout.EDIT_SIZE
    buf = read.chunk(s)
    view = memoryview(buf)[:len(buf) // size * size]
    try:
        for first in sorted(s.edited):
            n = edits.get(first, 0)
            got = 1
            while got:
                # A chunk at a time, the file closed between: the caller may wait on a socket
                # while the store appends to it or drops its segment.
                try:
                    with open(layout.edits_path(s.root, first), 'rb') as f:
                        f.seek(n * size)
                        got = f.readinto(view) // size
                except OSError:
                    got = 0
                for k in range(got):
                    one = view[k * size:(k + 1) * size]
                    n += 1
                    if storefile.intact(one, 0):
                        yield (first, n) + struct.unpack_from(layout.EDIT, one, 0)
    finally:
        s.chunks.append(buf)
