"""Reading: event records found by id (slots are ids: one seek, after a binary search on the
segments' first ids) and by time (a binary search on start times), their edits applied, as event
dicts; lists by time and label, embeddings, similar events, counts per hour or day, clips. Every
record read is checked: what cannot be read intact is skipped and reported (`damage`), never
guessed."""
import struct
from array import array

import similar
import storefile

from . import clips, layout


def segment(s, ident):
    """Index of the segment holding ident, or -1."""
    ids = s.ids
    lo, hi = 0, len(ids) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if ids[mid] <= ident:
            lo = mid + 1
        else:
            hi = mid - 1
    if hi >= 0 and ident < ids[hi] + s.counts[hi]:
        return hi
    return -1


def damage(s, ident):
    if ident not in s.damaged:
        s.damaged.append(ident)
        if len(s.damaged) > s.PROBLEMS_KEPT:
            s.damaged.pop(0)
        s.report('event %d damaged, skipped' % ident)


def record(s, ident):
    """(record buffer, start) of an intact event record, or None."""
    i = segment(s, ident)
    if i < 0:
        return None
    first = s.ids[i]
    rec = s.rec
    try:
        with open(layout.segment_path(s.root, first), 'rb') as f:
            f.seek(layout.SEG_HEADER_SIZE + (ident - first) * layout.RECORD_SIZE)
            if f.readinto(rec) != layout.RECORD_SIZE:
                return None
    except OSError:
        return None
    if not storefile.intact(rec, ident):
        damage(s, ident)
        return None
    if rec[layout.FLAGS_AT] & layout.VOID:
        return None
    return rec, s.firsts[i] + struct.unpack_from('<I', rec, 0)[0]


def first_from(s, t):
    """The smallest id whose event starts at or after t (the next id when there is none)."""
    firsts = s.firsts
    lo, hi = 0, len(firsts)
    while lo < hi:
        mid = (lo + hi) // 2
        if firsts[mid] < t:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return s.ids[0] if s.ids else s.next
    i = lo - 1
    first, base = s.ids[i], firsts[i]
    a, b = 0, s.counts[i]
    rec = s.rec
    with open(layout.segment_path(s.root, first), 'rb') as f:
        while a < b:
            mid = (a + b) // 2
            f.seek(layout.SEG_HEADER_SIZE + mid * layout.RECORD_SIZE)
            f.readinto(rec)
            if not storefile.intact(rec, first + mid):
                # A damaged time could send the search past good records: the rest of its
                # range is read in turn, damaged records skipped.
                f.seek(layout.SEG_HEADER_SIZE + a * layout.RECORD_SIZE)
                while a < b and f.readinto(rec) == layout.RECORD_SIZE and not (
                        storefile.intact(rec, first + a) and
                        base + struct.unpack_from('<I', rec, 0)[0] >= t):
                    a += 1
                break
            if base + struct.unpack_from('<I', rec, 0)[0] < t:
                a = mid + 1
            else:
                b = mid
    if a < s.counts[i]:
        return first + a
    return s.ids[lo] if lo < len(s.ids) else s.next


def chunk(s):
    """A read buffer of CHUNK_RECORDS records: one a walk gave back, or a new one. Sixteen
    clients listing at once made a fresh 576-byte buffer per walk, and in a fragmented heap
    that allocation failed."""
    return s.chunks.pop() if s.chunks else bytearray(s.CHUNK_RECORDS * layout.RECORD_SIZE)


def walk(s, lo, hi, newest_first=True):
    """Yields (id, record, start) of intact records with lo <= id <= hi. Safe to interleave
    with appends: it re-finds its place by id after every chunk."""
    buf = chunk(s)
    try:
        yield from _walk_in(s, lo, hi, newest_first, memoryview(buf))
    finally:    # when the walk ends or is closed; a walk dropped unclosed leaves it to gc
        s.chunks.append(buf)


def _walk_in(s, lo, hi, newest_first, view):
    size = layout.RECORD_SIZE
    cur = hi if newest_first else lo
    while lo <= cur <= hi:
        i = segment(s, cur)
        if i < 0:  # a gap left by a deleted segment, or the end
            ids = s.ids
            j = 0
            while j < len(ids) and ids[j] <= cur:
                j += 1
            if newest_first:
                if j == 0:
                    return
                cur = ids[j - 1] + s.counts[j - 1] - 1
                if cur < lo:
                    return
            else:
                if j == len(ids):
                    return
                cur = ids[j]
            continue
        first, base = s.ids[i], s.firsts[i]
        if newest_first:
            a = max(first, lo, cur - s.CHUNK_RECORDS + 1)
            b = cur
        else:
            a = cur
            b = min(first + s.counts[i] - 1, hi, cur + s.CHUNK_RECORDS - 1)
        try:
            with open(layout.segment_path(s.root, first), 'rb') as f:
                f.seek(layout.SEG_HEADER_SIZE + (a - first) * size)
                got = f.readinto(view[:(b - a + 1) * size]) // size
        except OSError:
            got = 0
        b = min(b, a + got - 1)
        cur = a - 1 if newest_first else b + 1
        order = range(b, a - 1, -1) if newest_first else range(a, b + 1)
        for ident in order:
            rec = view[(ident - a) * size:(ident - a + 1) * size]
            if not storefile.intact(rec, ident):
                damage(s, ident)
            elif not rec[layout.FLAGS_AT] & layout.VOID:
                yield ident, rec, base + struct.unpack_from('<I', rec, 0)[0]
        if not got:
            cur = first - 1 if newest_first else first + s.counts[i]



def edits(s, ident):
    """{id: [label, locked, deleted, personal]} of the relabel, lock, delete and personal edits
    in ident's segment (cached per segment). Its END edits (one per event the detector stored
    while it sounded) go to `s.ends`, a reused array with a slot per record, not to the dict:
    the heap they take stays the same however many events a segment holds."""
    i = segment(s, ident)
    if i < 0:
        return None
    first = s.ids[i]
    if s.edits_cache[0] == first:
        return s.edits_cache[1]
    if first not in s.edited:
        return None
    found = None
    try:
        f = open(layout.edits_path(s.root, first), 'rb')
    except OSError:
        f = None
    if f:
        found = {}
        ends = s.ends
        if len(ends) < s.counts[i]:   # a segment written with a larger segment size than ours
            ends = s.ends = array('H', bytes(2 * s.counts[i]))
        for k in range(len(ends)):
            ends[k] = layout.NO_END
        buf = memoryview(s.edit_buf)[:layout.EDIT_SIZE]
        with f:
            while f.readinto(buf) == layout.EDIT_SIZE:
                target, kind, value = struct.unpack_from(layout.EDIT, buf, 0)
                if not storefile.intact(buf, 0):
                    s.report('an edit in segment %d damaged, skipped' % first)
                    continue
                if kind == layout.END:
                    if 0 <= target - first < len(ends):
                        ends[target - first] = value
                    continue
                state = found.setdefault(target, [None, False, False, 0])
                if kind == layout.RELABEL:
                    state[0] = value
                elif kind == layout.LOCK:
                    state[1] = bool(value)
                elif kind == layout.DELETE:
                    state[2] = True
                elif kind == layout.PERSONAL:
                    state[3] = value
    s.edits_cache = (first, found)
    return found


def event(s, ident, rec, start):
    """The event dict of an intact record with its edits applied, or None once deleted."""
    (off, dur, label, conf, r1, s1, r2, s2, flags, bucket) = struct.unpack_from(layout.RECORD,
                                                                                rec, 0)
    locked = False
    personal = 0
    found = edits(s, ident)
    state = found.get(ident) if found else None
    if state:
        if state[2]:
            return None
        if state[0] is not None:
            label = state[0]
        locked = state[1]
        personal = state[3]
    if found is not None:   # the cache now holds ident's segment, ends included
        end = s.ends[ident - s.edits_cache[0]]
        if end != layout.NO_END:
            dur = end
    runners = [[s.labels[r], round(v / 255, 3)] for r, v in ((r1, s1), (r2, s2))
               if r != layout.NO_LABEL]
    has_clip = bool(flags & layout.HAS_CLIP) and storefile.size(clips.path(s.root, ident)) > 0
    ev = {'id': ident, 'start': start, 'end': start + dur * 10,
          'label': s.labels[label], 'confidence': round(conf / 255, 3),
          'runners_up': runners, 'has_clip': has_clip, 'locked': locked}
    if 0 < personal <= len(s.custom):   # the generic label stays beside it
        ev['generic'] = ev['label']
        ev['label'] = s.custom[personal - 1]
    return ev


def generic(s, ev):
    """The index of an event's model label (under a personal one, if it has one)."""
    return s.labels.index(ev.get('generic', ev['label']))


def label_index(s, label):
    if isinstance(label, int) and not isinstance(label, bool) and 0 <= label < len(s.labels):
        return label
    try:
        return s.labels.index(label)
    except ValueError:
        raise ValueError('unknown label %r (labels: %s)' % (label, ', '.join(s.labels)))


def alive(s, ident):
    """Is ident an event the store still holds (not deleted, its segment not dropped)?"""
    found = edits(s, ident)
    if segment(s, ident) < 0:
        return False
    return not (found and ident in found and found[ident][2])


def get(s, ident):
    """The event with this id, or None (never stored, deleted, thinned away or damaged)."""
    if not isinstance(ident, int):
        raise ValueError('event id must be an integer, not %r' % (ident,))
    found = record(s, ident)
    return event(s, ident, found[0], found[1]) if found else None


def events(s, start=None, end=None, label=None, min_confidence=None, before=None,
           oldest_first=False):
    """Yields events with start <= event start < end, newest first (oldest_first to turn
    round). What it yields is fixed when it begins: events appended meanwhile are not in it.
    Close it when stopping early: that gives its read buffer back for the next walk."""
    li = None if label is None else label_index(s, label)
    hi = s.next - 1
    if before is not None:
        hi = min(hi, int(before) - 1)
    if end is not None:
        hi = min(hi, first_from(s, end) - 1)
    lo = first_from(s, start) if start is not None else (s.ids[0] if s.ids else 0)
    records = walk(s, lo, hi, not oldest_first)
    try:    # MicroPython runs no finalisers: a generator is closed by hand, or never
        for ident, rec, t in records:
            if (start is not None and t < start) or (end is not None and t >= end):
                continue  # only a damaged time field can be out of order
            ev = event(s, ident, rec, t)
            if ev is None or (li is not None and generic(s, ev) != li):
                continue
            if min_confidence is not None and ev['confidence'] < min_confidence:
                continue
            yield ev
    finally:
        records.close()


def query(s, start=None, end=None, label=None, min_confidence=None, limit=50, before=None):
    """(events, next_cursor): up to `limit` events newest first; pass next_cursor as `before`
    for the next page (None when this page was the last)."""
    if limit < 1:
        raise ValueError('limit must be at least 1')
    found = []
    listed = events(s, start, end, label, min_confidence, before)
    try:
        for ev in listed:
            if len(found) == limit:
                return found, found[-1]['id']
            found.append(ev)
    finally:
        listed.close()
    return found, None


def embedding(s, ident):
    """The stored (normalised) int8 embedding of an event as bytes, or None."""
    found = record(s, ident)
    if not found or event(s, ident, found[0], found[1]) is None:
        return None
    vector = s.sim.vector(found[0][layout.BUCKET_AT], ident)
    if vector is None:
        s.report('embedding of event %d damaged' % ident)
    return vector


def similar_events(s, query, k=10, exact=False, probes=None):
    """[(id, cosine similarity)] of the k events most like `query` (an embedding, or the id of
    a stored event, which is left out of its own answer), most similar first. Bucketed unless
    exact: it reads the `probes` buckets nearest the query."""
    skip = -1
    if isinstance(query, int):
        vector = embedding(s, query)
        if vector is None:
            raise ValueError('no event %d with an embedding' % query)
        if not any(vector):   # stored with none: a pattern head found its sound (pipeline.py)
            return []
        skip = query
    else:
        vector = similar.normalise(query, s.dim)
    every = range(s.sim.buckets)
    buckets = every if exact else s.sim.nearest(vector, probes or s.PROBES)
    lo = s.ids[0] if s.ids else 0
    top = _nearest(s, vector, k, buckets, lo, skip)
    if len(top) < k and len(buckets) < len(every) and s.next - lo < s.WHOLE_BELOW:
        top = _nearest(s, vector, k, every, lo, skip)
    scale = similar.NORM * similar.NORM
    return [(ident, min(1.0, round(score / scale, 4))) for score, ident in top]


def _nearest(s, vector, k, buckets, lo, skip):
    damaged = []

    def accept(ident):
        return ident != skip and ident not in damaged and alive(s, ident)
    while True:
        top = s.sim.search(vector, k, buckets, lo, s.next - 1, accept)
        # An event whose record is damaged is never returned: the few winners are checked
        # here rather than every candidate in the scan.
        bad = [ident for _, ident in top if record(s, ident) is None]
        if not bad:
            return top
        damaged += bad


def stats(s, bucket='day', start=0, end=None):
    """Yields {'start': ms, 'counts': {label: n}} per hour or day in [start, end) that had
    events, oldest first; read from the roll-ups, so it works after the events are gone."""
    if end is None:
        end = max(s.last_start + 1, start + 1)
    for t, counts in s.rollup.stats(bucket, start, end):
        named = {}
        for i in range(len(counts)):
            if counts[i] > 0:   # a fix whose event was lost to damage can leave -1
                named[s.labels[i]] = counts[i]
        if named:
            yield {'start': t, 'counts': named}


def clip_wav(s, ident, chunk=512, out=None):
    """Yields the event's clip as a WAV file in pieces (one buffer, reused between pieces:
    `out`, or one made for this clip; see clips.wav)."""
    if not alive(s, ident) or storefile.size(clips.path(s.root, ident)) < 0:
        raise ValueError('event %r has no clip' % (ident,))

    def damaged(block):
        s.report('clip %d: %s damaged, %s' % (ident, 'block %d' % block if block >= 0
                                               else 'header', 'silenced' if block >= 0
                                               else 'made again'))
    return clips.wav(s.root, ident, chunk, out, s.CLIP_RATE, damaged)


def usage(s):
    first = s.ids[0] if s.ids else s.next
    return {'bytes': s.used, 'budget': s.BUDGET, 'clip_bytes': s.clip_bytes,
            'clip_budget': int(s.BUDGET * s.CLIP_SHARE), 'segments': len(s.ids),
            'first_id': first, 'next_id': s.next, 'problems': len(s.problems)}


def clip_ids(s):
    """Sorted ids of the events whose clips are on flash."""
    return clips.ids(s.root)
