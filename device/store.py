"""The event store: every detected event on the device's own flash, append-only.

    s = Store('/flash/events', labels, dim, centroids=bundle_centroids, budget=512 * 1024)
    ident = s.append(start_ms, duration_ms, 'dog_bark', 0.91, [('speech', 0.05)], embedding, clip)
    events, cursor = s.query(start=day_start, end=day_end, label='dog_bark', limit=50)
    more, cursor = s.query(start=day_start, end=day_end, label='dog_bark', before=cursor)
    s.similar(ident, k=10)              # [(id, cosine)], bucketed; exact=True scans everything
    s.relabel(ident, 'doorbell'); s.lock(ident); s.delete(ident)
    for period in s.stats('day', week_start, week_end): ...   # {'start', 'counts': {label: n}}
    s.export_clip(ident, stream)        # 16-bit WAV, written in chunks (clip_wav(): the chunks)
    s.usage(); s.problems
    for ev in s.events(start, end, label): ...   # query() as a generator: stream these

Times are integer milliseconds since the Unix epoch; an event's duration is kept to 10 ms,
confidence and runner-up scores to 1/255. Events come back as dicts {id, start, end, label,
confidence, runners_up, has_clip, locked}, newest first. Ids grow by one per append (the id of
an append that never returned is used again, unless its embedding reached flash). A page of 50 dicts takes ~15 KB of MicroPython
heap: the API should stream events() rather than hold query() pages. Settings are the class
attributes below, overridable by keyword (`segment_bytes=4096`); `readonly=True` opens a store
copied off a device without repairing or writing anything.

Retention: when an append would take the store over BUDGET, clips go first (oldest first,
keeping those of locked events and the newest KEEP_CLIPS per label), then whole old segments
(never the newest, never one holding a locked event), THIN_FRACTION of the budget at a time;
the posting lists are then compacted. Clips also have their own share, CLIP_SHARE.

On flash: segments of fixed-size event records (`s<first id>.seg`, slots are ids, so any event
is one seek away and a day a binary search on start times), their edits (`.ed`), one posting
list per bucket (`bNN.ix`, see similar.py), roll-ups (rollup.py), clips (clips.py), store.json and
the centroids the store was made with, so a new model bundle cannot scramble its buckets. The byte
layout, the write order and what the repair may undo: docs/store-format.md. In short, an append
is acknowledged once its embedding and then its record are synced; on open only a torn last write
is undone; damage anywhere is skipped and reported in `problems`; one flipped bit costs at most
the record it is in.
"""
import binascii
import json
import os
import struct
from array import array

import clips
import rollup
import similar
import storefile

SEG_HEADER = '<4sIqHH'  # magic, first id, first start (ms), record size, format
HEAD_COPY = 20 + 4  # one copy of the header and its CRC
SEG_HEADER_SIZE = 2 * HEAD_COPY  # twice: one flipped bit must not cost a segment its times
SEG_MAGIC = b'EMS2'
FORMAT = 2
# start - segment's first start (ms), duration (10 ms), label, confidence (/255),
# 2 x (runner-up label, score /255), flags, bucket; then the CRC
RECORD = '<IHBBBBBBBB'
RECORD_SIZE = 14 + 4
EDIT = '<IBH'  # id, kind, value
EDIT_SIZE = 7 + 4  # written twice in a row (edits are idempotent: reading both is harmless)
RELABEL = 1
LOCK = 2
DELETE = 3
END = 4  # the duration (10 ms) of an event stored while it was still sounding
PERSONAL = 5  # the event's personal label: 1 + its index in the store's custom labels (0: none)
NO_END = 0xffff
HAS_CLIP = 1
VOID = 4  # a slot whose append never returned: its id is not used again (see _repair_tail)
NO_LABEL = 255
CONFIG = 'store.json'
CONFIG_COPY = 'store.bak'
CENTROIDS = 'centroids.bin'
CENTROIDS_COPY = 'centroids.bak'
HEAD = '.personal.json'  # beside the store folder: the personal head (device/personal.py)
MAX_CUSTOM = 32


class FormatError(ValueError):
    """A store written by another format of this code: intact, but not readable here."""


def _listdir(path):
    if hasattr(os, 'ilistdir'):
        return (entry[0] for entry in os.ilistdir(path))
    return iter(os.listdir(path))



def _config_crc(cfg):
    text = '%s|%d|%d|%s' % (','.join(cfg['labels']), cfg['dim'], cfg['format'], cfg['centroids'])
    if cfg.get('custom'):   # personal labels; a store with none keeps the CRC it always had
        text += '|' + ','.join(cfg['custom'])
    return binascii.crc32(text.encode()) & 0xffffffff


def _parse_config(path):
    """store.json's contents when whole and of this format, else None; FormatError for a store
    of another format, which is intact but not ours to read."""
    try:
        with open(path, 'rb') as f:
            cfg = json.loads(f.read().decode())
        if 'crc' not in cfg and cfg.get('format') != FORMAT:
            raise FormatError('store in %s is format %s; this version reads format %d' % (
                path.rsplit('/', 1)[0], cfg.get('format'), FORMAT))
        if cfg['crc'] != _config_crc(cfg) or not all(isinstance(x, str) for x in
                                                     cfg['labels'] + cfg.get('custom', [])):
            return None
    except FormatError:
        raise
    except Exception:   # whatever a flipped bit makes of the text: not JSON, not text, not ours
        return None
    return cfg

class Store:
    SEGMENT_BYTES = 16 * 1024  # the unit of rotation and of deletion for space
    BUDGET = 768 * 1024  # bytes of files the store may use, clips included
    CLIP_SHARE = 0.5  # part of the budget clips may take
    KEEP_CLIPS = 2  # newest clips per label that thinning keeps
    THIN_FRACTION = 0.05  # part of the budget freed at once, so thinning is not on every append
    PROBES = 4  # buckets a bucketed search reads
    # ... unless they hold fewer than k answers and the store fewer events than this: then every
    # bucket is read (a young store's few events spread over many buckets, and its similar
    # list would be empty next to stored twins; reading them all costs little while so few)
    WHOLE_BELOW = 1000
    RUNNERS_UP = 2  # runner-up (label, score) pairs kept per event
    CLIP_RATE = 16000
    CLIP_SECONDS = 10  # longest clip accepted
    CHUNK_RECORDS = 32  # records read per file read when walking the log
    PROBLEMS_KEPT = 16

    def __init__(self, root, labels=None, dim=None, centroids=None, budget=None,
                 readonly=False, **settings):
        for name, value in settings.items():
            if not hasattr(Store, name.upper()):
                raise ValueError('unknown store setting %r' % name)
            setattr(self, name.upper(), value)
        if budget is not None:
            self.BUDGET = budget
        self.root = root.rstrip('/') or '/'
        self.readonly = readonly
        self.problems = []
        self._damaged = []
        self.custom = []   # personal labels ("our doorbell"), by PERSONAL edits' index
        self._config(labels, dim, centroids)
        self._rec = bytearray(RECORD_SIZE)
        self._edit_buf = bytearray(2 * EDIT_SIZE)
        # END edits of the cached segment. Made here, with the other buffers, because a 1.8 KB
        # block found later in a fragmented heap is what failed first in a long demo run.
        self._ends = array('H', bytes(2 * ((self.SEGMENT_BYTES - SEG_HEADER_SIZE) // RECORD_SIZE)))
        # Chunk buffers of walks that ended, for the next: sixteen clients listing at once made
        # a fresh 576-byte buffer per walk, and in a fragmented heap that allocation failed.
        self._chunks = []
        self._open()
        if not readonly:
            clips.clear(self.root)

    # ---- opening and recovery

    def _config(self, labels, dim, centroids):
        """Labels, embedding size and centroids from store.json (or its copy), checked against
        the model's; a new store's written; both copies damaged: made again from the model's."""
        cfg = self._load_config()
        if cfg is None and (self.readonly or storefile.size(self.root) < 0 or
                            not self._segment_names()):
            if self.readonly:
                raise ValueError('no store in %s (or its %s is damaged)' % (self.root, CONFIG))
            self._check_new(labels, dim)
            for path in (self.root, self.root + '/' + clips.DIR):
                try:
                    os.mkdir(path)
                except OSError:
                    pass  # already there
        elif cfg is None:
            if not labels or not dim:
                raise ValueError('%s/%s and its copy are damaged: open the store with the '
                                 "model's labels to make them again" % (self.root, CONFIG))
            self._check_new(labels, dim)
            self._report("%s made again from the model's labels" % CONFIG)
        else:
            if labels is not None and list(labels) != cfg['labels']:
                raise ValueError('store in %s has labels %s' % (self.root, cfg['labels']))
            if dim is not None and dim != cfg['dim']:
                raise ValueError('store in %s has embeddings of %d, not %d' % (
                    self.root, cfg['dim'], dim))
            labels, dim = cfg['labels'], cfg['dim']
            self.custom = cfg.get('custom', [])
            saved = self._load_centroids(cfg['centroids'])
            if centroids is not None and saved is not None and bytes(centroids) != saved:
                self._report('store keeps the centroids it was made with, not the new ones')
            elif saved is None and cfg['centroids'] is not None:
                if not centroids:   # nothing to write back: the files stay for a later open
                    raise ValueError("%s/%s and its copy are damaged: open the store with the "
                                     "model's centroids to make them again" % (self.root, CENTROIDS))
                self._report("%s made again from the model's centroids" % CENTROIDS)
                saved = bytes(centroids)
            centroids = saved
        self.labels, self.dim = list(labels), int(dim)
        if not self.readonly and self._config_stale:
            self._save_config(centroids)
        self.sim = similar.Index(self.root, self.dim, centroids)

    def _check_new(self, labels, dim):
        if not labels or not dim:
            raise ValueError('a new store needs labels and dim')
        if len(labels) >= NO_LABEL:
            raise ValueError('at most %d labels' % (NO_LABEL - 1))
        self._config_stale = True

    def _segment_names(self):
        return sorted(name for name in _listdir(self.root)
                      if name.startswith('s') and name.endswith('.seg') and len(name) == 13)

    def _load_config(self):
        """The checked contents of store.json or, when it is damaged, of its copy; None when
        neither is whole. A copy found damaged is written again (`_config_stale`)."""
        self._config_stale = False
        found = None
        for name in (CONFIG, CONFIG_COPY):
            path = self.root + '/' + name
            if storefile.size(path) < 0:
                self._config_stale = True
                continue
            cfg = _parse_config(path)
            if cfg is None:
                self._report('%s damaged' % name)
                self._config_stale = True
            elif found is None:
                found = cfg
            elif cfg != found:
                self._config_stale = True
        return found

    def _load_centroids(self, crc):
        """The store's centroids (checked against the CRC its config keeps), from the file or
        its copy; None when there are none or both are damaged."""
        if crc is None:
            return None
        found = None
        for name in (CENTROIDS, CENTROIDS_COPY):
            try:
                with open(self.root + '/' + name, 'rb') as f:
                    data = f.read()
            except OSError:
                data = b''
            if data and binascii.crc32(data) & 0xffffffff == crc:
                found = found or data
            else:
                self._report('%s damaged' % name)
                self._config_stale = True
        return found

    def _save_config(self, centroids, crc=None):
        """Writes store.json and its copy; `centroids` (bytes) with their files, or only their
        CRC as the config already has it."""
        if centroids:
            data = bytes(centroids)
            crc = binascii.crc32(data) & 0xffffffff
            for name in (CENTROIDS_COPY, CENTROIDS):
                storefile.replace(self.root + '/' + name, data)
        cfg = {'labels': self.labels, 'dim': self.dim, 'format': FORMAT, 'centroids': crc}
        if self.custom:
            cfg['custom'] = self.custom
        cfg['crc'] = _config_crc(cfg)
        text = json.dumps(cfg)
        # The copy first: a cut between the two leaves one whole file, whichever it is.
        for name in (CONFIG_COPY, CONFIG):
            storefile.replace(self.root + '/' + name, text)
        self._config_stale = False

    def _open(self):
        """Reads the segment table and repairs the tail: the state that flash really holds."""
        self._edits_cache = (-1, None)
        self._used = self._clip_bytes = 0  # measured once repaired
        self._edited = []  # first ids of the segments that have edits: most have none
        self._ids = array('I')
        self._firsts = array('q')
        self._counts = array('I')
        for name in _listdir(self.root):
            if name.endswith(storefile.TMP) and not self.readonly:
                storefile.remove(self.root + '/' + name)  # a copy cut short by a power cut
            elif name.startswith('s') and name.endswith('.ed') and len(name) == 12:
                self._edited.append(int(name[1:9], 16))
        names = self._segment_names()
        head = bytearray(SEG_HEADER_SIZE)
        for n, name in enumerate(names):
            path = self.root + '/' + name
            size = storefile.size(path)
            header = self._header(path, head, name)
            if header is None:
                if n == len(names) - 1 and size < SEG_HEADER_SIZE and not self.readonly:
                    storefile.remove(path)  # a rotation cut short: it never held an event
                else:
                    self._report('segment %s damaged, its events skipped' % name)
                continue
            self._ids.append(header[1])
            self._firsts.append(header[2])
            self._counts.append(max(0, size - SEG_HEADER_SIZE) // RECORD_SIZE)
        self._void = 0
        if not self.readonly:
            self._with_room(self._repair_tail)
        self._next = self._ids[-1] + self._counts[-1] if self._ids else 0
        self.last_start = -1
        for ident, rec, start in self._walk(self._ids[0] if self._ids else 0, self._next - 1):
            self.last_start = start  # the newest intact record (a damaged one says nothing)
            break
        self.rollup = rollup.Rollup(self.root, len(self.labels), self._report, self._grew)
        self.rollup.readonly = self.readonly
        self.rollup.recover(self._after)
        self._measure()
        self.personal = None   # a personal head, put to each new event (set_personal)
        if not self.readonly and storefile.size(self.root + HEAD) >= 0:
            import personal   # here: a store with no personal sounds never loads it
            try:
                with open(self.root + HEAD, 'rb') as f:
                    self.personal = personal.load(f.read(), dim=self.dim, labels=self.labels)
            except ValueError as exc:
                self._report('personal head refused: %s' % exc)

    def _header(self, path, head, name):
        """The segment header (magic, first id, first start, ...) from whichever of its two
        copies is intact and names this file, or None."""
        try:
            with open(path, 'rb') as f:
                got = f.readinto(head)
        except OSError:
            return None
        found = None
        for at in (0, HEAD_COPY):
            header = None
            if got >= at + HEAD_COPY and storefile.intact(memoryview(head)[at:at + HEAD_COPY], 0):
                header = struct.unpack_from(SEG_HEADER, head, at)
                if (header[0] != SEG_MAGIC or header[3] != RECORD_SIZE or
                        '%08x' % header[1] != name[1:9]):
                    header = None
            if header is None and got == SEG_HEADER_SIZE:
                self._report('segment %s: header copy %d damaged' % (name, at // HEAD_COPY + 1))
            found = found or header
        return found

    def _repair_tail(self):
        """Undoes a torn last write, and only that: a partial record at the end of the newest
        segment, partial entries and edits, and the embedding (and clip) of an append whose
        record never reached flash. A whole record is never cut: a damaged one stays, skipped."""
        if self._ids:
            path = self._seg_path(self._ids[-1])
            whole = SEG_HEADER_SIZE + self._counts[-1] * RECORD_SIZE
            if storefile.size(path) > whole:
                storefile.cut(path, whole, bytearray(RECORD_SIZE))
                self._report('cut a torn record off %s' % path)
        nxt = self._ids[-1] + self._counts[-1] if self._ids else 0
        entry = bytearray(self.sim.entry_size)
        top = nxt - 1
        for b in range(self.sim.buckets):
            storefile.fix_tail(self.sim.path(b), self.sim.entry_size, entry)
            top = max(top, self.sim.last_id(b))
        # An embedding whose record never reached flash stays where it is (removing it would
        # need room a full flash does not have); its id is not used again: the next append
        # writes VOID records in those slots first.
        self._void = top + 1 - nxt
        for first in self._edited:
            storefile.fix_tail(self._edits_path(first), EDIT_SIZE, bytearray(EDIT_SIZE))
        found = clips.ids(self.root)
        while found and found[-1] >= nxt:
            storefile.remove(clips.path(self.root, found.pop()))  # of an append that never returned

    def _with_room(self, repair):
        """Runs a repair; on a full flash, makes room by the retention rules and tries again."""
        while True:
            try:
                return repair()
            except OSError as exc:
                if exc.args[:1] != (storefile.ENOSPC,):
                    raise
            self._report('flash full: %s to repair the store' % self._free_one())

    def _free_one(self):
        """Deletes the oldest clip that may go or else the oldest segment that may go."""
        for ident in clips.ids(self.root):
            ev = self.get(ident)
            if ev is None or not ev['locked']:
                self._drop_clip(ident)
                return 'clip %d dropped' % ident
        for i in range(len(self._ids) - 1):
            if not self._locked_in(i):
                first = self._ids[i]
                self._drop_segment(i)
                return 'events from %d dropped' % first
        raise OSError(storefile.ENOSPC, 'store full: no room to repair it')

    def _grew(self, n):
        """Roll-up files count against the budget too: a month's hour records left out would
        let thinning stop short and refuse an event while old segments could go."""
        self._used += n

    def _measure(self):
        used = 0
        for name in _listdir(self.root):
            if not name.endswith(storefile.TMP) and name != clips.DIR:
                used += max(0, storefile.size(self.root + '/' + name))
        clip_bytes = 0
        for ident in clips.ids(self.root):
            clip_bytes += max(0, storefile.size(clips.path(self.root, ident)))
        self._clip_bytes = clip_bytes
        self._used = used + clip_bytes

    def _report(self, text):
        if text in self.problems:
            return  # a damaged edit is met again each time its segment is read
        self.problems.append(text)
        if len(self.problems) > self.PROBLEMS_KEPT:
            self.problems.pop(0)

    def _damage(self, ident):
        if ident not in self._damaged:
            self._damaged.append(ident)
            if len(self._damaged) > self.PROBLEMS_KEPT:
                self._damaged.pop(0)
            self._report('event %d damaged, skipped' % ident)

    # ---- locating events

    def _seg_path(self, first):
        return '%s/s%08x.seg' % (self.root, first)

    def _edits_path(self, first):
        return '%s/s%08x.ed' % (self.root, first)

    def _segment(self, ident):
        """Index of the segment holding ident, or -1."""
        ids = self._ids
        lo, hi = 0, len(ids) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if ids[mid] <= ident:
                lo = mid + 1
            else:
                hi = mid - 1
        if hi >= 0 and ident < ids[hi] + self._counts[hi]:
            return hi
        return -1

    def _record(self, ident):
        """(record buffer, start) of an intact event record, or None."""
        i = self._segment(ident)
        if i < 0:
            return None
        first = self._ids[i]
        rec = self._rec
        try:
            with open(self._seg_path(first), 'rb') as f:
                f.seek(SEG_HEADER_SIZE + (ident - first) * RECORD_SIZE)
                if f.readinto(rec) != RECORD_SIZE:
                    return None
        except OSError:
            return None
        if not storefile.intact(rec, ident):
            self._damage(ident)
            return None
        if rec[RECORD_SIZE - 6] & VOID:
            return None
        return rec, self._firsts[i] + struct.unpack_from('<I', rec, 0)[0]

    def _first_from(self, t):
        """The smallest id whose event starts at or after t (the next id when there is none)."""
        firsts = self._firsts
        lo, hi = 0, len(firsts)
        while lo < hi:
            mid = (lo + hi) // 2
            if firsts[mid] < t:
                lo = mid + 1
            else:
                hi = mid
        if lo == 0:
            return self._ids[0] if self._ids else self._next
        i = lo - 1
        first, base = self._ids[i], firsts[i]
        a, b = 0, self._counts[i]
        rec = self._rec
        with open(self._seg_path(first), 'rb') as f:
            while a < b:
                mid = (a + b) // 2
                f.seek(SEG_HEADER_SIZE + mid * RECORD_SIZE)
                f.readinto(rec)
                if base + struct.unpack_from('<I', rec, 0)[0] < t:
                    a = mid + 1
                else:
                    b = mid
        if a < self._counts[i]:
            return first + a
        return self._ids[lo] if lo < len(self._ids) else self._next

    def _walk(self, lo, hi, newest_first=True):
        """Yields (id, record, start) of intact records with lo <= id <= hi. Safe to interleave
        with appends: it re-finds its place by id after every chunk."""
        size = RECORD_SIZE
        buf = self._chunks.pop() if self._chunks else bytearray(self.CHUNK_RECORDS * size)
        try:
            yield from self._walk_in(lo, hi, newest_first, memoryview(buf))
        finally:    # when the walk ends or is closed; a walk dropped unclosed leaves it to gc
            self._chunks.append(buf)

    def _walk_in(self, lo, hi, newest_first, view):
        size = RECORD_SIZE
        cur = hi if newest_first else lo
        while lo <= cur <= hi:
            i = self._segment(cur)
            if i < 0:  # a gap left by a deleted segment, or the end
                ids = self._ids
                j = 0
                while j < len(ids) and ids[j] <= cur:
                    j += 1
                if newest_first:
                    if j == 0:
                        return
                    cur = ids[j - 1] + self._counts[j - 1] - 1
                    if cur < lo:
                        return
                else:
                    if j == len(ids):
                        return
                    cur = ids[j]
                continue
            first, base = self._ids[i], self._firsts[i]
            if newest_first:
                a = max(first, lo, cur - self.CHUNK_RECORDS + 1)
                b = cur
            else:
                a = cur
                b = min(first + self._counts[i] - 1, hi, cur + self.CHUNK_RECORDS - 1)
            try:
                with open(self._seg_path(first), 'rb') as f:
                    f.seek(SEG_HEADER_SIZE + (a - first) * size)
                    got = f.readinto(view[:(b - a + 1) * size]) // size
            except OSError:
                got = 0
            b = min(b, a + got - 1)
            cur = a - 1 if newest_first else b + 1
            order = range(b, a - 1, -1) if newest_first else range(a, b + 1)
            for ident in order:
                rec = view[(ident - a) * size:(ident - a + 1) * size]
                if not storefile.intact(rec, ident):
                    self._damage(ident)
                elif not rec[RECORD_SIZE - 6] & VOID:
                    yield ident, rec, base + struct.unpack_from('<I', rec, 0)[0]
            if not got:
                cur = first - 1 if newest_first else first + self._counts[i]

    def _after(self, first):
        lo = max(first + 1, self._ids[0] if self._ids else 0)
        for ident, rec, start in self._walk(lo, self._next - 1, False):
            yield start, rec[6], ident

    def _edits(self, ident):
        """{id: [label, locked, deleted]} of the relabel, lock and delete edits in ident's
        segment (cached per segment). Its END edits (one per event the detector stored while
        it sounded) go to `_ends`, a reused array with a slot per record, not to the dict:
        the heap they take stays the same however many events a segment holds."""
        i = self._segment(ident)
        if i < 0:
            return None
        first = self._ids[i]
        if self._edits_cache[0] == first:
            return self._edits_cache[1]
        if first not in self._edited:
            return None
        edits = None
        try:
            f = open(self._edits_path(first), 'rb')
        except OSError:
            f = None
        if f:
            edits = {}
            ends = self._ends
            for k in range(len(ends)):
                ends[k] = NO_END
            buf = memoryview(self._edit_buf)[:EDIT_SIZE]
            with f:
                while f.readinto(buf) == EDIT_SIZE:
                    target, kind, value = struct.unpack_from(EDIT, buf, 0)
                    if not storefile.intact(buf, 0):
                        self._report('an edit in segment %d damaged, skipped' % first)
                        continue
                    if kind == END:
                        if 0 <= target - first < len(ends):
                            ends[target - first] = value
                        continue
                    state = edits.setdefault(target, [None, False, False, 0])
                    if kind == RELABEL:
                        state[0] = value
                    elif kind == LOCK:
                        state[1] = bool(value)
                    elif kind == DELETE:
                        state[2] = True
                    elif kind == PERSONAL:
                        state[3] = value
        self._edits_cache = (first, edits)
        return edits

    def _event(self, ident, rec, start):
        """The event dict of an intact record with its edits applied, or None once deleted."""
        (off, dur, label, conf, r1, s1, r2, s2, flags, bucket) = struct.unpack_from(RECORD, rec, 0)
        locked = False
        personal = 0
        edits = self._edits(ident)
        state = edits.get(ident) if edits else None
        if state:
            if state[2]:
                return None
            if state[0] is not None:
                label = state[0]
            locked = state[1]
            personal = state[3]
        if edits is not None:   # the cache now holds ident's segment, ends included
            end = self._ends[ident - self._edits_cache[0]]
            if end != NO_END:
                dur = end
        runners = [[self.labels[r], round(s / 255, 3)] for r, s in ((r1, s1), (r2, s2))
                   if r != NO_LABEL]
        has_clip = bool(flags & HAS_CLIP) and storefile.size(clips.path(self.root, ident)) > 0
        ev = {'id': ident, 'start': start, 'end': start + dur * 10,
              'label': self.labels[label], 'confidence': round(conf / 255, 3),
              'runners_up': runners, 'has_clip': has_clip, 'locked': locked}
        if 0 < personal <= len(self.custom):   # the generic label stays beside it
            ev['generic'] = ev['label']
            ev['label'] = self.custom[personal - 1]
        return ev

    def _generic(self, ev):
        return self.labels.index(ev.get('generic', ev['label']))

    # ---- reading

    def _label(self, label):
        if isinstance(label, int) and not isinstance(label, bool) and 0 <= label < len(
                self.labels):
            return label
        try:
            return self.labels.index(label)
        except ValueError:
            raise ValueError('unknown label %r (labels: %s)' % (label, ', '.join(self.labels)))

    def get(self, ident):
        """The event with this id, or None (never stored, deleted, thinned away or damaged)."""
        if not isinstance(ident, int):
            raise ValueError('event id must be an integer, not %r' % (ident,))
        found = self._record(ident)
        return self._event(ident, found[0], found[1]) if found else None

    def events(self, start=None, end=None, label=None, min_confidence=None, before=None,
               oldest_first=False):
        """Yields events with start <= event start < end, newest first (oldest_first to turn
        round). What it yields is fixed when it begins: events appended meanwhile are not in it.
        Close it when stopping early: that gives its read buffer back for the next walk."""
        li = None if label is None else self._label(label)
        hi = self._next - 1
        if before is not None:
            hi = min(hi, int(before) - 1)
        if end is not None:
            hi = min(hi, self._first_from(end) - 1)
        lo = self._first_from(start) if start is not None else (
            self._ids[0] if self._ids else 0)
        walk = self._walk(lo, hi, not oldest_first)
        try:    # MicroPython runs no finalisers: a generator is closed by hand, or never
            for ident, rec, t in walk:
                if (start is not None and t < start) or (end is not None and t >= end):
                    continue  # only a damaged time field can be out of order
                ev = self._event(ident, rec, t)
                if ev is None or (li is not None and self._generic(ev) != li):
                    continue
                if min_confidence is not None and ev['confidence'] < min_confidence:
                    continue
                yield ev
        finally:
            walk.close()

    def query(self, start=None, end=None, label=None, min_confidence=None, limit=50,
              before=None):
        """(events, next_cursor): up to `limit` events newest first; pass next_cursor as
        `before` for the next page (None when this page was the last)."""
        if limit < 1:
            raise ValueError('limit must be at least 1')
        found = []
        events = self.events(start, end, label, min_confidence, before)
        try:
            for ev in events:
                if len(found) == limit:
                    return found, found[-1]['id']
                found.append(ev)
        finally:
            events.close()
        return found, None

    def embedding(self, ident):
        """The stored (normalised) int8 embedding of an event as bytes, or None."""
        found = self._record(ident)
        if not found or self._event(ident, found[0], found[1]) is None:
            return None
        vector = self.sim.vector(found[0][RECORD_SIZE - 5], ident)
        if vector is None:
            self._report('embedding of event %d damaged' % ident)
        return vector

    def log(self, after=0, edits=None):
        """The store as a replication stream (api_changes.py), oldest first. Without `edits`:
        yields (id, start, event or None once deleted, embedding or None) of the intact records
        from id `after` on. With `edits` ({segment's first id: edit records already read}):
        yields (first, n, id, kind, value) of the edit records past those, segment by segment
        (n: the records read once this one is; a damaged copy is counted, not yielded);
        ValueError, at once, when a file holds fewer records than `edits` says were read. Fixed
        when it begins, like events(); close it when stopping early."""
        if edits is None:
            return self._log_events(after)
        for first in self._edited:
            if storefile.size(self._edits_path(first)) < edits.get(first, 0) * EDIT_SIZE:
                raise ValueError('segment %d has fewer than %d edits' % (first, edits[first]))
        return self._log_edits(edits)

    def _log_events(self, after):
        walk = self._walk(after, self._next - 1, False)
        try:
            for ident, rec, start in walk:
                ev = self._event(ident, rec, start)
                yield ident, start, ev, ev and self.sim.vector(rec[RECORD_SIZE - 5], ident)
        finally:
            walk.close()

    def _log_edits(self, edits):
        buf = self._chunks.pop() if self._chunks else bytearray(self.CHUNK_RECORDS * RECORD_SIZE)
        view = memoryview(buf)[:len(buf) // EDIT_SIZE * EDIT_SIZE]
        try:
            for first in sorted(self._edited):
                n = edits.get(first, 0)
                got = 1
                while got:
                    # A chunk at a time, the file closed between: the caller may wait on a
                    # socket while the store appends to it or drops its segment.
                    try:
                        with open(self._edits_path(first), 'rb') as f:
                            f.seek(n * EDIT_SIZE)
                            got = f.readinto(view) // EDIT_SIZE
                    except OSError:
                        got = 0
                    for k in range(got):
                        one = view[k * EDIT_SIZE:(k + 1) * EDIT_SIZE]
                        n += 1
                        if storefile.intact(one, 0):
                            yield (first, n) + struct.unpack_from(EDIT, one, 0)
        finally:
            self._chunks.append(buf)

    def _alive(self, ident):
        edits = self._edits(ident)
        if self._segment(ident) < 0:
            return False
        return not (edits and ident in edits and edits[ident][2])

    def similar(self, query, k=10, exact=False, probes=None):
        """[(id, cosine similarity)] of the k events most like `query` (an embedding, or the id
        of a stored event, which is left out of its own answer), most similar first. Bucketed
        unless exact: it reads the `probes` buckets nearest the query."""
        skip = -1
        if isinstance(query, int):
            vector = self.embedding(query)
            if vector is None:
                raise ValueError('no event %d with an embedding' % query)
            skip = query
        else:
            vector = similar.normalise(query, self.dim)
        every = range(self.sim.buckets)
        buckets = every if exact else self.sim.nearest(vector, probes or self.PROBES)
        lo = self._ids[0] if self._ids else 0
        top = self._nearest(vector, k, buckets, lo, skip)
        if len(top) < k and len(buckets) < len(every) and self._next - lo < self.WHOLE_BELOW:
            top = self._nearest(vector, k, every, lo, skip)
        scale = similar.NORM * similar.NORM
        return [(ident, min(1.0, round(score / scale, 4))) for score, ident in top]

    def _nearest(self, vector, k, buckets, lo, skip):
        damaged = []

        def accept(ident):
            return ident != skip and ident not in damaged and self._alive(ident)
        while True:
            top = self.sim.search(vector, k, buckets, lo, self._next - 1, accept)
            # An event whose record is damaged is never returned: the few winners are checked
            # here rather than every candidate in the scan.
            bad = [ident for _, ident in top if self._record(ident) is None]
            if not bad:
                return top
            damaged += bad

    def stats(self, bucket='day', start=0, end=None):
        """Yields {'start': ms, 'counts': {label: n}} per hour or day in [start, end) that had
        events, oldest first; read from the roll-ups, so it works after the events are gone."""
        if end is None:
            end = max(self.last_start + 1, start + 1)
        for t, counts in self.rollup.stats(bucket, start, end):
            named = {}
            for i in range(len(counts)):
                if counts[i] > 0:   # a fix whose event was lost to damage can leave -1
                    named[self.labels[i]] = counts[i]
            if named:
                yield {'start': t, 'counts': named}

    def clip_wav(self, ident, chunk=512, out=None):
        """Yields the event's clip as a WAV file in pieces (one buffer, reused between pieces:
        `out`, or one made for this clip; see clips.wav)."""
        if not self._alive(ident) or storefile.size(clips.path(self.root, ident)) < 0:
            raise ValueError('event %r has no clip' % (ident,))
        def damaged(block):
            self._report('clip %d: %s damaged, %s' % (ident, 'block %d' % block if block >= 0
                                                      else 'header', 'silenced' if block >= 0
                                                      else 'made again'))
        return clips.wav(self.root, ident, chunk, out, self.CLIP_RATE, damaged)

    def export_clip(self, ident, stream, chunk=512):
        """Writes the event's clip to stream as a WAV file; returns the bytes written."""
        n = 0
        for piece in self.clip_wav(ident, chunk):
            stream.write(piece)
            n += len(piece)
        return n

    def usage(self):
        first = self._ids[0] if self._ids else self._next
        return {'bytes': self._used, 'budget': self.BUDGET, 'clip_bytes': self._clip_bytes,
                'clip_budget': int(self.BUDGET * self.CLIP_SHARE), 'segments': len(self._ids),
                'first_id': first, 'next_id': self._next, 'problems': len(self.problems)}

    # ---- writing

    def _writable(self):
        if self.readonly:
            raise ValueError('store opened read-only')

    def append(self, start, duration, label, confidence, runners_up=(), embedding=None,
               clip=None):
        """Stores an event; returns its id once it is on flash. `runners_up` is [(label,
        score)] or {label: score} (the best RUNNERS_UP kept); `clip` int16 PCM at CLIP_RATE,
        or an int: the clip is streamed afterwards through `clip_writer(id, samples)` and room
        is made for that many samples now."""
        self._writable()
        li = self._label(label)
        start = int(start)
        if start < 0:
            raise ValueError('start must be ms since the epoch, not %d' % start)
        if start < self.last_start:
            raise ValueError('time went backwards: event at %d ms is before the last one at %d ms'
                             % (start, self.last_start))
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
            runners.append((score, self._label(name)))
        runners.sort(reverse=True)
        runners = runners[:self.RUNNERS_UP]
        runners += [(0, NO_LABEL)] * (2 - len(runners))   # the record's two slots
        vector = similar.normalise(embedding, self.dim)
        clip_need = 0
        if clip is not None:
            if isinstance(clip, int):
                samples = clip
            else:
                samples = len(clip) if isinstance(clip, array) else len(clip) // 2
            if samples > self.CLIP_SECONDS * self.CLIP_RATE:
                raise ValueError('clip longer than %d s' % self.CLIP_SECONDS)
            clip_need = clips.stored_size(samples)
        bucket = self.sim.nearest(vector, 1)[0]
        void = self._void
        ident = self._next + void
        try:
            clip_need = self._make_room((void + 1) * RECORD_SIZE + self.sim.entry_size +
                                        SEG_HEADER_SIZE, clip_need)
            if (not self._ids or start - self._firsts[-1] > 0xffffffff or SEG_HEADER_SIZE + (
                    self._counts[-1] + void + 1) * RECORD_SIZE > self.SEGMENT_BYTES):
                self._rotate(self._next, start)
            if clip_need:
                # A streamed clip's room is held (counted) until clip_writer() closes it.
                self._used += clip_need if isinstance(clip, int) else clips.write(
                    self.root, ident, clip, self.CLIP_RATE)
                self._clip_bytes += clip_need
            self.rollup.add(start, li, ident)
            rec = self._rec
            struct.pack_into(RECORD, rec, 0, start - self._firsts[-1], dur, li,
                             int(confidence * 255 + 0.5), runners[0][1],
                             int(runners[0][0] * 255 + 0.5), runners[1][1],
                             int(runners[1][0] * 255 + 0.5), HAS_CLIP if clip_need else 0,
                             bucket)
            storefile.seal(rec, ident)
            if void:
                rec = self._voids(void, start - self._firsts[-1]) + rec
            # The embedding first: a record on flash always has one; an embedding without its
            # record is the tail repair's to see (and its id, void).
            self._used += self.sim.add(ident, bucket, vector)
            storefile.append(self._seg_path(self._ids[-1]), rec)
            self._counts[-1] += void + 1
            self._used += (void + 1) * RECORD_SIZE
        except OSError as exc:
            self._open()  # back to what flash holds
            if exc.args == (storefile.ENOSPC,):  # from the file system, not from _make_room
                raise OSError(storefile.ENOSPC, 'store full: the flash has no room left')
            raise
        self._next = ident + 1
        self._void = 0
        self.last_start = start
        if self.personal is not None:
            self._personal(ident, vector)
        return ident

    def _personal(self, ident, vector):
        # After the event is on flash: a cut here leaves it with its generic label, no loss.
        found = self.personal.match(similar.signed(vector))
        if found:
            try:
                self._edit(ident, PERSONAL, self.add_label(found[0]) + 1)
            except (OSError, ValueError) as exc:
                self._report('personal label of event %d not stored: %s' % (ident, exc))

    def add_label(self, name):
        """The index of a personal label among the store's custom labels, added if new (both
        copies of store.json written again: new, then switched, as at every change)."""
        if name in self.custom:
            return self.custom.index(name)
        if name in self.labels or len(self.custom) >= MAX_CUSTOM:
            raise ValueError('label %r is a model label or one too many' % (name,))
        self._writable()
        self.custom.append(name)
        cfg = self._load_config()
        try:
            self._save_config(None, cfg['centroids'] if cfg else None)
        except OSError:
            self.custom.pop()
            raise
        return len(self.custom) - 1

    def set_personal(self, head, text=None):
        """Puts `head` (personal.Head, or None: no personal sounds) to the events from now on;
        `text` is kept beside the store (written new, then switched) so it survives a restart."""
        self._writable()
        if head is None:
            storefile.remove(self.root + HEAD)
        else:
            for label, _, _ in head.sounds:
                self.add_label(label)
            storefile.replace(self.root + HEAD, text)
        self.personal = head

    def label_personal(self, ident, name):
        """Gives an event a personal label (a custom one; '' takes it away)."""
        self._edit(ident, PERSONAL, self.add_label(name) + 1 if name else 0)
        return self.get(ident)

    def _voids(self, n, offset):
        """n VOID records for the slots from _next on, at the time offset of the append after."""
        out = bytearray(n * RECORD_SIZE)
        for k in range(n):
            one = memoryview(out)[k * RECORD_SIZE:(k + 1) * RECORD_SIZE]
            struct.pack_into(RECORD, one, 0, offset, 0, 0, 0, NO_LABEL, 0, NO_LABEL, 0, VOID, 0)
            storefile.seal(one, self._next + k)
        return out

    def clip_writer(self, ident, samples):
        """The clipwriter.Writer of an event appended with clip=samples, or None when the store had
        no room for its clip. Closing it gives back the room the clip did not use."""
        found = self._record(ident)
        if not found or not found[0][RECORD_SIZE - 6] & HAS_CLIP:
            return None
        import clipwriter
        return clipwriter.Writer(self.root, ident, self.CLIP_RATE, samples, self._unreserve)

    def _unreserve(self, reserved, used):
        self._used -= reserved - used
        self._clip_bytes -= reserved - used

    def finish(self, ident, duration):
        """Sets the duration (ms) of an event that was stored while it still sounded."""
        dur = (int(duration) + 5) // 10
        if duration < 0 or dur >= NO_END:
            raise ValueError('duration must be 0..655340 ms, not %r' % (duration,))
        self._edit(ident, END, dur)
        return self.get(ident)

    def _rotate(self, first, start):
        head = bytearray(SEG_HEADER_SIZE)
        struct.pack_into(SEG_HEADER, head, 0, SEG_MAGIC, first, start, RECORD_SIZE, FORMAT)
        storefile.seal(memoryview(head)[:HEAD_COPY], 0)
        head[HEAD_COPY:] = memoryview(head)[:HEAD_COPY]
        with open(self._seg_path(first), 'wb') as f:
            f.write(head)
            storefile.sync(f)
        self._ids.append(first)
        self._firsts.append(start)
        self._counts.append(0)
        self._used += SEG_HEADER_SIZE

    def _edit(self, ident, kind, value):
        self._writable()
        ev = self.get(ident)
        if ev is None:
            raise ValueError('no event %r' % (ident,))
        buf = self._edit_buf
        one = memoryview(buf)[:EDIT_SIZE]
        struct.pack_into(EDIT, one, 0, ident, kind, value)
        storefile.seal(one, 0)
        buf[EDIT_SIZE:] = one
        first = self._ids[self._segment(ident)]
        if first not in self._edited:
            self._edited.append(first)
        try:
            storefile.append(self._edits_path(first), buf)
        except OSError as exc:
            if exc.args == (storefile.ENOSPC,):
                raise OSError(storefile.ENOSPC, 'store full: the flash has no room left')
            raise
        finally:
            self._edits_cache = (-1, None)
        self._used += 2 * EDIT_SIZE
        return ev

    def relabel(self, ident, label):
        li = self._label(label)
        ev = self.get(ident)
        if ev is not None and 'generic' in ev:   # a model label takes the personal one's place
            ev = self._edit(ident, PERSONAL, 0)
        if ev is not None and ev['label'] == self.labels[li]:
            return ev
        ev = self._edit(ident, RELABEL, li)
        self.rollup.fix(ev['start'], self._generic(ev), li)
        return self.get(ident)

    def lock(self, ident, locked=True):
        """A locked event and its clip are kept whatever space thinning needs."""
        self._edit(ident, LOCK, 1 if locked else 0)
        return self.get(ident)

    def delete(self, ident):
        ev = self._edit(ident, DELETE, 0)
        self.rollup.fix(ev['start'], self._generic(ev), rollup.DELETED)
        self._drop_clip(ident)

    # ---- retention

    def _drop_clip(self, ident):
        path = clips.path(self.root, ident)
        n = storefile.size(path)
        if n >= 0:
            os.remove(path)
            self._clip_bytes -= n
            self._used -= n

    def _make_room(self, need, clip_need):
        """Thins clips, then old segments, so `need` bytes plus the clip fit the budget; returns
        the clip bytes that may be written (0 when the clip cannot be kept)."""
        slack = int(self.BUDGET * self.THIN_FRACTION)
        clip_budget = int(self.BUDGET * self.CLIP_SHARE)
        if clip_need and self._clip_bytes + clip_need > clip_budget:
            self._thin_clips(clip_budget - clip_need - slack)
            if self._clip_bytes + clip_need > clip_budget:
                self._report('clip dropped: clips that must be kept fill the clip budget')
                clip_need = 0
        if self._used + need + clip_need <= self.BUDGET:
            return clip_need
        goal = self.BUDGET - need - clip_need - slack
        self._thin_clips(self._clip_bytes - (self._used - goal))
        dropped = False
        i = 0
        if self._used > goal:
            self.rollup.flush()  # the running counts must not depend on events about to go
        while self._used > goal and i < len(self._ids) - 1:
            if self._locked_in(i):
                i += 1
                continue
            self._used -= self._drop_segment(i)
            dropped = True
        if dropped:
            self.sim.compact(lambda ident: self._segment(ident) >= 0)
            self._measure()
        if self._used + need + clip_need > self.BUDGET:
            raise OSError(storefile.ENOSPC, 'store full: locked events and clips fill the budget')
        return clip_need

    def _thin_clips(self, goal):
        """Deletes clips oldest first until clips take at most goal bytes, keeping those of
        locked events and the newest KEEP_CLIPS per label."""
        if self._clip_bytes <= goal:
            return
        found = clips.ids(self.root)
        per_label = [0] * len(self.labels)
        for ident in found:
            ev = self.get(ident)
            if ev:
                per_label[self._generic(ev)] += 1
        for ident in found:
            if self._clip_bytes <= goal:
                return
            ev = self.get(ident)
            if ev is None:
                self._drop_clip(ident)  # its event is gone
                continue
            li = self._generic(ev)
            if ev['locked'] or per_label[li] <= self.KEEP_CLIPS:
                continue
            per_label[li] -= 1
            self._drop_clip(ident)

    def _locked_in(self, i):
        edits = self._edits(self._ids[i])
        if edits:
            for state in edits.values():
                if state[1] and not state[2]:
                    return True
        return False

    def _drop_segment(self, i):
        """Deletes segment i with its edits and clips; returns the bytes freed (its embeddings
        counted, though they go when the posting lists are compacted)."""
        first, count = self._ids[i], self._counts[i]
        freed = count * self.sim.entry_size
        for ident in clips.ids(self.root):
            if first <= ident < first + count:
                self._drop_clip(ident)
        if first in self._edited:
            self._edited.remove(first)
        for path in (self._seg_path(first), self._edits_path(first)):
            n = storefile.size(path)
            if n >= 0:
                os.remove(path)
                freed += n
        self._ids = self._ids[:i] + self._ids[i + 1:]
        self._firsts = self._firsts[:i] + self._firsts[i + 1:]
        self._counts = self._counts[:i] + self._counts[i + 1:]
        self._edits_cache = (-1, None)
        return freed
