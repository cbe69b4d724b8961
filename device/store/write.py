"""Writing: appending events (the clip, then the embedding, then the record, each synced: the
append is acknowledged once its record is on flash) and editing them (relabel, lock, delete, the
end of an event stored while it sounded, a personal label), each edit written twice in one
synced append. docs/store-format.md has the order and what a power cut may leave.

Retention, the room they need: when an append would take the store over BUDGET, clips go
first (oldest first, keeping those of locked events and the newest KEEP_CLIPS per label), then
whole old segments (never the newest, never one holding a locked event), THIN_FRACTION of the
budget at a time; the posting lists are then compacted. Clips also have their own share,
CLIP_SHARE. Every byte the store's files take is counted in `s.used` as it is written."""
import os
import struct
from array import array

import similar
import storefile

from . import clips, layout, read, rollup


def append(s, start, duration, label, confidence, runners_up=(), embedding=None, clip=None):
    """Stores an event; returns its id once it is on flash. `runners_up` is [(label, score)] or
    {label: score} (the best RUNNERS_UP kept); `clip` int16 PCM at CLIP_RATE, or an int: the
    clip is streamed afterwards through `clip_writer(id, samples)` and room is made for that
    many samples now."""
    s.writable()
    li = read.label_index(s, label)
    start = int(start)
    if start < 0:
        raise ValueError('start must be ms since the epoch, not %d' % start)
    if start < s.last_start:
        raise ValueError('time went backwards: event at %d ms is before the last one at %d ms'
                         % (start, s.last_start))
    dur = (int(duration) + 5) // 10
    if duration < 0 or dur > 0xffff:
        raise ValueError('duration must be 0..655350 ms, not %r' % (duration,))
    if not 0 <= confidence <= 1:
        raise ValueError('confidence must be in 0..1, not %r' % (confidence,))
    pairs = runners_up.items() if isinstance(runners_up, dict) else runners_up
    runners = []
    for name, score in pairs:
        if not 0 <= score <= 1:
            raise ValueError('runner-up score must be in 0..1, not %r' % (score,))
        runners.append((score, read.label_index(s, name)))
    runners.sort(reverse=True)
    runners = runners[:s.RUNNERS_UP]
    runners += [(0, layout.NO_LABEL)] * (2 - len(runners))   # the record's two slots
    vector = similar.normalise(embedding, s.dim)
    clip_need = 0
    if clip is not None:
        if isinstance(clip, int):
            samples = clip
        else:
            samples = len(clip) if isinstance(clip, array) else len(clip) // 2
        if samples > s.CLIP_SECONDS * s.CLIP_RATE:
            raise ValueError('clip longer than %d s' % s.CLIP_SECONDS)
        clip_need = clips.stored_size(samples)
    bucket = s.sim.nearest(vector, 1)[0]
    void = s.void
    ident = s.next + void
    size = layout.RECORD_SIZE
    try:
        clip_need = make_room(s, (void + 1) * size + s.sim.entry_size +
                                        layout.SEG_HEADER_SIZE, clip_need)
        # A new segment also after ids of a segment skipped as damaged (opening.segments)
        if (not s.ids or s.next != s.ids[-1] + s.counts[-1] or start - s.firsts[-1] >
                0xffffffff or layout.SEG_HEADER_SIZE + (s.counts[-1] + void + 1) * size >
                s.SEGMENT_BYTES):
            _rotate(s, s.next, start)
        if clip_need:
            # A streamed clip's room is held (counted) until clip_writer() closes it.
            s.used += clip_need if isinstance(clip, int) else clips.write(
                s.root, ident, clip, s.CLIP_RATE)
            s.clip_bytes += clip_need
        s.rollup.add(start, li, ident)
        rec = _pack(s.rec, ident, start - s.firsts[-1], dur, li, confidence,
                                 runners, layout.HAS_CLIP if clip_need else 0, bucket)
        if void:
            rec = _voids(s, void, start - s.firsts[-1]) + rec
        # The embedding first: a record on flash always has one; an embedding without its
        # record is the tail repair's to see (and its id, void).
        s.used += s.sim.add(ident, bucket, vector)
        storefile.append(layout.segment_path(s.root, s.ids[-1]), rec)
        s.counts[-1] += void + 1
        s.used += (void + 1) * size
    except OSError as exc:
        s.reopen()  # back to what flash holds
        if exc.args == (storefile.ENOSPC,):  # from the file system, not from make_room
            raise OSError(storefile.ENOSPC, 'store full: the flash has no room left')
        raise
    s.next = ident + 1
    s.void = 0
    s.last_start = start
    return ident


def _voids(s, n, offset):
    """n VOID records for the slots from s.next on, at the time offset of the append after."""
    size = layout.RECORD_SIZE
    out = bytearray(n * size)
    nothing = ((0, layout.NO_LABEL), (0, layout.NO_LABEL))
    for k in range(n):
        _pack(memoryview(out)[k * size:(k + 1) * size], s.next + k, offset, 0, 0,
                           0, nothing, layout.VOID, 0)
    return out


def clip_writer(s, ident, samples):
    """The clipwriter.Writer of an event appended with clip=samples, or None when the store had
    no room for its clip. Closing it gives back the room the clip did not use."""
    found = read.record(s, ident)
    if not found or not found[0][layout.FLAGS_AT] & layout.HAS_CLIP:
        return None
    from . import clipwriter   # here: only an appliance that streams clips loads it

    def unreserve(reserved, used):
        s.used -= reserved - used
        s.clip_bytes -= reserved - used
    return clipwriter.Writer(s.root, ident, s.CLIP_RATE, samples, unreserve)


def finish(s, ident, duration):
    """Sets the duration (ms) of an event that was stored while it still sounded."""
    dur = (int(duration) + 5) // 10
    if duration < 0 or dur >= layout.NO_END:
        raise ValueError('duration must be 0..655340 ms, not %r' % (duration,))
    edit(s, ident, layout.END, dur)
    return read.get(s, ident)


def _rotate(s, first, start):
    head = bytearray(layout.SEG_HEADER_SIZE)   # the header twice, each copy sealed
    struct.pack_into(layout.SEG_HEADER, head, 0, layout.SEG_MAGIC, first, start,
                     layout.RECORD_SIZE, layout.FORMAT)
    storefile.seal(memoryview(head)[:layout.HEAD_COPY], 0)
    head[layout.HEAD_COPY:] = memoryview(head)[:layout.HEAD_COPY]
    with open(layout.segment_path(s.root, first), 'wb') as f:
        f.write(head)
        storefile.sync(f)
    s.ids.append(first)
    s.firsts.append(start)
    s.counts.append(0)
    s.used += layout.SEG_HEADER_SIZE


def edit(s, ident, kind, value):
    """Appends an edit of event ident (both copies, one synced write); returns the event as it
    was before."""
    s.writable()
    ev = read.get(s, ident)
    if ev is None:
        raise ValueError('no event %r' % (ident,))
    size = layout.EDIT_SIZE
    buf = s.edit_buf
    one = memoryview(buf)[:size]
    struct.pack_into(layout.EDIT, one, 0, ident, kind, value)
    storefile.seal(one, 0)   # 0: an edit holds its id (storefile.seal)
    buf[size:] = one
    first = s.ids[read.segment(s, ident)]
    if first not in s.edited:
        s.edited.append(first)
    try:
        storefile.append(layout.edits_path(s.root, first), buf)
    except OSError as exc:
        if exc.args == (storefile.ENOSPC,):
            raise OSError(storefile.ENOSPC, 'store full: the flash has no room left')
        raise
    finally:
        s.edits_cache = (-1, None)
    s.used += 2 * size
    return ev


def relabel(s, ident, label, keep_personal=False):
    """`keep_personal`: the model's label beside a personal one changes, the personal one stays
    (the classifier naming a sound a personal pattern found first); by hand a model label takes
    the personal one's place."""
    li = read.label_index(s, label)
    ev = read.get(s, ident)
    if ev is not None and keep_personal:
        if read.generic(s, ev) == li:
            return ev
    elif ev is not None and 'generic' in ev:
        ev = edit(s, ident, layout.PERSONAL, 0)
    if ev is not None and ev['label'] == s.labels[li]:
        return ev
    ev = edit(s, ident, layout.RELABEL, li)
    s.rollup.fix(ev['start'], read.generic(s, ev), li)
    return read.get(s, ident)


def lock(s, ident, locked=True):
    """A locked event and its clip are kept whatever space thinning needs."""
    edit(s, ident, layout.LOCK, 1 if locked else 0)
    return read.get(s, ident)


def delete(s, ident):
    ev = edit(s, ident, layout.DELETE, 0)
    s.rollup.fix(ev['start'], read.generic(s, ev), rollup.DELETED)
    drop_clip(s, ident)


# ---- retention

def measure(s):
    """Counts the bytes on flash again (after opening, or after segments went)."""
    used = 0
    for name in layout.listdir(s.root):
        if not name.endswith(storefile.TMP) and name != clips.DIR:
            used += max(0, storefile.size(s.root + '/' + name))
    clip_bytes = 0
    for ident in clips.ids(s.root):
        clip_bytes += max(0, storefile.size(clips.path(s.root, ident)))
    s.clip_bytes = clip_bytes
    s.used = used + clip_bytes


def drop_clip(s, ident):
    path = clips.path(s.root, ident)
    n = storefile.size(path)
    if n >= 0:
        os.remove(path)
        s.clip_bytes -= n
        s.used -= n


def make_room(s, need, clip_need):
    """Thins clips, then old segments, so `need` bytes plus the clip fit the budget; returns
    the clip bytes that may be written (0 when the clip cannot be kept)."""
    slack = int(s.BUDGET * s.THIN_FRACTION)
    clip_budget = int(s.BUDGET * s.CLIP_SHARE)
    if clip_need and s.clip_bytes + clip_need > clip_budget:
        thin_clips(s, clip_budget - clip_need - slack)
        if s.clip_bytes + clip_need > clip_budget:
            s.report('clip dropped: clips that must be kept fill the clip budget')
            clip_need = 0
    if s.used + need + clip_need <= s.BUDGET:
        return clip_need
    goal = s.BUDGET - need - clip_need - slack
    thin_clips(s, s.clip_bytes - (s.used - goal))
    dropped = False
    i = 0
    if s.used > goal:
        s.rollup.flush()  # the running counts must not depend on events about to go
    while s.used > goal and i < len(s.ids) - 1:
        if locked_in(s, i):
            i += 1
            continue
        s.used -= drop_segment(s, i)
        dropped = True
    if dropped:
        s.sim.compact(lambda ident: read.segment(s, ident) >= 0)
        measure(s)
    if s.used + need + clip_need > s.BUDGET:
        raise OSError(storefile.ENOSPC, 'store full: locked events and clips fill the budget')
    return clip_need


def thin_clips(s, goal):
    """Deletes clips oldest first until clips take at most goal bytes, keeping those of locked
    events and the newest KEEP_CLIPS per label."""
    if s.clip_bytes <= goal:
        return
    found = clips.ids(s.root)
    per_label = [0] * len(s.labels)
    for ident in found:
        ev = read.get(s, ident)
        if ev:
            per_label[read.generic(s, ev)] += 1
    for ident in found:
        if s.clip_bytes <= goal:
            return
        ev = read.get(s, ident)
        if ev is None:
            drop_clip(s, ident)  # its event is gone
            continue
        li = read.generic(s, ev)
        if ev['locked'] or per_label[li] <= s.KEEP_CLIPS:
            continue
        per_label[li] -= 1
        drop_clip(s, ident)


def locked_in(s, i):
    """Does segment i hold a locked event (which keeps the whole segment)?"""
    edits = read.edits(s, s.ids[i])
    if edits:
        for state in edits.values():
            if state[1] and not state[2]:
                return True
    return False


def drop_segment(s, i):
    """Deletes segment i with its edits and clips; returns the bytes freed (its embeddings
    counted, though they go when the posting lists are compacted)."""
    first, count = s.ids[i], s.counts[i]
    freed = count * s.sim.entry_size
    for ident in clips.ids(s.root):
        if first <= ident < first + count:
            drop_clip(s, ident)
    if first in s.edited:
        s.edited.remove(first)
    for path in (layout.segment_path(s.root, first), layout.edits_path(s.root, first)):
        n = storefile.size(path)
        if n >= 0:
            os.remove(path)
            freed += n
    s.ids = s.ids[:i] + s.ids[i + 1:]
    s.firsts = s.firsts[:i] + s.firsts[i + 1:]
    s.counts = s.counts[:i] + s.counts[i + 1:]
    s.edits_cache = (-1, None)
    return freed


def _pack(rec, ident, offset, dur, label, confidence, runners, flags, bucket):
    """Writes event `ident`'s record into rec (RECORD_SIZE bytes), sealed with its id: a record
    copied into another slot fails its check. `runners`: two (score 0..1, label) pairs."""
    struct.pack_into(layout.RECORD, rec, 0, offset, dur, label, int(confidence * 255 + 0.5),
                     runners[0][1], int(runners[0][0] * 255 + 0.5), runners[1][1],
                     int(runners[1][0] * 255 + 0.5), flags, bucket)
    return storefile.seal(rec, ident)
