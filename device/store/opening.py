"""Opening a store: what it was made with (its labels, embedding size and centroids: store.json
and centroids.bin, each with a copy, checked against the model so a new model bundle cannot
scramble its buckets), its segment table as flash holds it, and the repair of a torn last write,
and only that (docs/store-format.md, "Opening"). A whole record is never cut: a damaged one
stays, skipped when read. On a full flash the repair makes its room by the retention rules.

Its code runs only then (and after a failed append), so the store drops this module once open
(Store.reopen): a board gets its heap back."""
import binascii
import json
import os
import struct
from array import array

import storefile

from . import clips, layout, read, rollup, write

CONFIG = 'store.json'
CONFIG_COPY = 'store.bak'
CENTROIDS = 'centroids.bin'
CENTROIDS_COPY = 'centroids.bak'


def config_crc(cfg):
    text = '%s|%d|%d|%s' % (','.join(cfg['labels']), cfg['dim'], cfg['format'], cfg['centroids'])
    if cfg.get('custom'):   # personal labels; a store with none keeps the CRC it always had
        text += '|' + ','.join(cfg['custom'])
    return binascii.crc32(text.encode()) & 0xffffffff


def parse_config(path):
    """store.json's contents when whole and of this format, else None; FormatError for a store
    of another format, which is intact but not ours to read."""
    try:
        with open(path, 'rb') as f:
            cfg = json.loads(f.read().decode())
        if 'crc' not in cfg and cfg.get('format') != layout.FORMAT:
            raise layout.FormatError('store in %s is format %s; this version reads format %d' % (
                path.rsplit('/', 1)[0], cfg.get('format'), layout.FORMAT))
        if cfg['crc'] != config_crc(cfg) or not all(isinstance(x, str) for x in
                                                    cfg['labels'] + cfg.get('custom', [])):
            return None
    except layout.FormatError:
        raise
    except Exception:   # whatever a flipped bit makes of the text: not JSON, not text, not ours
        return None
    return cfg


def config(s, labels, dim, centroids):
    """Sets the store's labels, dim and custom labels from store.json (or its copy), checked
    against the model's; a new store's are written; both copies damaged: made again from the
    model's. Returns the centroids the store keeps (bytes or None)."""
    cfg = read_config(s)
    if cfg is None and (s.readonly or not _segment_names(s.root)):
        if s.readonly:
            raise ValueError('no store in %s (or its %s is damaged)' % (s.root, CONFIG))
        _check_new(s, labels, dim)
        for path in (s.root, s.root + '/' + clips.DIR):
            try:
                os.mkdir(path)
            except OSError:
                pass  # already there
    elif cfg is None:
        if not labels or not dim:
            raise ValueError('%s/%s and its copy are damaged: open the store with the '
                             "model's labels to make them again" % (s.root, CONFIG))
        _check_new(s, labels, dim)
        s.report("%s made again from the model's labels" % CONFIG)
    else:
        if labels is not None and list(labels) != cfg['labels']:
            raise ValueError('store in %s has labels %s' % (s.root, cfg['labels']))
        if dim is not None and dim != cfg['dim']:
            raise ValueError('store in %s has embeddings of %d, not %d' % (
                s.root, cfg['dim'], dim))
        labels, dim = cfg['labels'], cfg['dim']
        s.custom = cfg.get('custom', [])
        saved = _centroids(s, cfg['centroids'])
        if centroids is not None and saved is not None and bytes(centroids) != saved:
            s.report('store keeps the centroids it was made with, not the new ones')
        elif saved is None and cfg['centroids'] is not None:
            if not centroids:   # nothing to write back: the files stay for a later open
                raise ValueError("%s/%s and its copy are damaged: open the store with the "
                                 "model's centroids to make them again" % (s.root, CENTROIDS))
            s.report("%s made again from the model's centroids" % CENTROIDS)
            saved = bytes(centroids)
        centroids = saved
    s.labels, s.dim = list(labels), int(dim)
    if not s.readonly and s.config_stale:
        save(s, centroids)
    return centroids


def _check_new(s, labels, dim):
    if not labels or not dim:
        raise ValueError('a new store needs labels and dim')
    if len(labels) >= layout.NO_LABEL:
        raise ValueError('at most %d labels' % (layout.NO_LABEL - 1))
    s.config_stale = True


def read_config(s):
    """The checked contents of store.json or, when it is damaged, of its copy; None when
    neither is whole. A copy found damaged is written again (`s.config_stale`)."""
    s.config_stale = False
    found = None
    for name in (CONFIG, CONFIG_COPY):
        path = s.root + '/' + name
        if storefile.size(path) < 0:
            s.config_stale = True
            continue
        cfg = parse_config(path)
        if cfg is None:
            s.report('%s damaged' % name)
            s.config_stale = True
        elif found is None:
            found = cfg
        elif cfg != found:
            s.config_stale = True
    return found


def _centroids(s, crc):
    """The store's centroids (checked against the CRC its config keeps), from the file or its
    copy; None when there are none or both are damaged."""
    if crc is None:
        return None
    found = None
    for name in (CENTROIDS, CENTROIDS_COPY):
        try:
            with open(s.root + '/' + name, 'rb') as f:
                data = f.read()
        except OSError:
            data = b''
        if data and binascii.crc32(data) & 0xffffffff == crc:
            found = found or data
        else:
            s.report('%s damaged' % name)
            s.config_stale = True
    return found


def save(s, centroids, crc=None):
    """Writes store.json and its copy; `centroids` (bytes) with their files, or only their CRC
    as the config already has it."""
    if centroids:
        data = bytes(centroids)
        crc = binascii.crc32(data) & 0xffffffff
        for name in (CENTROIDS_COPY, CENTROIDS):
            storefile.replace(s.root + '/' + name, data)
    cfg = {'labels': s.labels, 'dim': s.dim, 'format': layout.FORMAT, 'centroids': crc}
    if s.custom:
        cfg['custom'] = s.custom
    cfg['crc'] = config_crc(cfg)
    text = json.dumps(cfg)
    # The copy first: a cut between the two leaves one whole file, whichever it is.
    for name in (CONFIG_COPY, CONFIG):
        storefile.replace(s.root + '/' + name, text)
    s.config_stale = False



def segments(s):
    """Reads the segment table and repairs the tail: the state that flash really holds (on
    opening, and after a failed append)."""
    s.edits_cache = (-1, None)
    s.used = s.clip_bytes = 0  # measured once repaired
    s.edited = []  # first ids of the segments that have edits: most have none
    s.ids = array('I')
    s.firsts = array('q')
    s.counts = array('I')
    for name in layout.listdir(s.root):
        if name.endswith(storefile.TMP) and not s.readonly:
            storefile.remove(s.root + '/' + name)  # a copy cut short by a power cut
        elif name.startswith('s') and name.endswith('.ed') and len(name) == 12:
            s.edited.append(int(name[1:9], 16))
    names = _segment_names(s.root)
    head = bytearray(layout.SEG_HEADER_SIZE)
    s.next = 0   # the id after the last record on flash, a damaged segment's too
    for n, name in enumerate(names):
        path = s.root + '/' + name
        size = storefile.size(path)
        header = _header(path, head, name, s.report)
        if (n == len(names) - 1 and size < layout.SEG_HEADER_SIZE + layout.RECORD_SIZE and
                not s.readonly):
            # No whole record: a rotation cut short, or one whose first record never reached
            # flash. It never held an event. Removed even with its first copy whole, or the
            # next records would be appended where no reader looks for them; and with its
            # header whole, its first start (the lost event's) may be after the next event's,
            # whose offset from it would not fit.
            storefile.remove(path)
            continue
        count = max(0, size - layout.SEG_HEADER_SIZE) // layout.RECORD_SIZE
        if header is None:
            s.report('segment %s damaged, its events skipped' % name)
            # Kept as it is and its ids never used again: the next segment begins after its
            # records (a rotation at its first id, its name's, wrote over them).
            try:
                s.next = max(s.next, int(name[1:9], 16) + count)
            except ValueError:
                pass   # not a segment's name
            continue
        s.ids.append(header[1])
        s.firsts.append(header[2])
        s.counts.append(count)
        s.next = max(s.next, header[1] + count)
    s.void = 0
    if not s.readonly:
        # Until the repair is made, the next write makes it first (Store.writable): written
        # after a torn tail, a record would be unreadable, and its id could be one whose
        # embedding is on flash (the void count is the repair's).
        s.torn = True
        try:
            _with_room(s, _tail)
        except OSError:
            write.measure(s)   # a store left unrepaired (after a failed append) still counts
            raise              # what flash holds: status would say 0 bytes of a full flash
        s.torn = False
    s.last_start = -1
    for ident, rec, start in read.walk(s, s.ids[0] if s.ids else 0, s.next - 1):
        s.last_start = start  # the newest intact record (a damaged one says nothing)
        break
    s.rollup = rollup.Rollup(s.root, len(s.labels), s.report, s.grew)
    if s.readonly:
        s.rollup.readonly = True   # (the class's False otherwise: no attribute of its own)
    s.rollup.recover(lambda first: _after(s, first))
    write.measure(s)
    s.personal = None   # a personal head, put to each new event (Store.set_personal)
    if not s.readonly and storefile.size(s.root + layout.HEAD) >= 0:
        import personal   # here: a store with no personal sounds never loads it
        try:
            with open(s.root + layout.HEAD, 'rb') as f:
                s.personal = personal.load(f.read(), dim=s.dim, labels=s.labels)
        except ValueError as exc:
            s.report('personal head refused: %s' % exc)


def _after(s, first):
    """(start, label, id) of the events after id `first`, oldest first: what the roll-ups
    count again after a power cut."""
    lo = max(first + 1, s.ids[0] if s.ids else 0)
    for ident, rec, start in read.walk(s, lo, s.next - 1, False):
        yield start, rec[layout.LABEL_AT], ident


def _tail(s):
    """Undoes a torn last write, and only that: a partial record at the end of the newest
    segment, partial entries and edits, and the embedding (and clip) of an append whose
    record never reached flash."""
    if s.ids:
        path = layout.segment_path(s.root, s.ids[-1])
        whole = layout.SEG_HEADER_SIZE + s.counts[-1] * layout.RECORD_SIZE
        if storefile.size(path) > whole:
            storefile.cut(path, whole, bytearray(layout.RECORD_SIZE))
            s.report('cut a torn record off %s' % path)
    nxt = s.next
    entry = bytearray(s.sim.entry_size)
    top = nxt - 1
    for b in range(s.sim.buckets):
        storefile.fix_tail(s.sim.path(b), s.sim.entry_size, entry)
        top = max(top, s.sim.last_id(b))
    # An embedding whose record never reached flash stays where it is (removing it would
    # need room a full flash does not have); its id is not used again: the next append
    # writes VOID records in those slots first.
    s.void = top + 1 - nxt
    for first in s.edited:
        storefile.fix_tail(layout.edits_path(s.root, first), layout.EDIT_SIZE,
                           bytearray(layout.EDIT_SIZE))
    found = clips.ids(s.root)
    while found and found[-1] >= nxt:
        storefile.remove(clips.path(s.root, found.pop()))  # of an append that never returned


def _with_room(s, repair):
    """Runs a repair; on a full flash, makes room by the retention rules and tries again."""
    while True:
        try:
            return repair(s)
        except OSError as exc:
            if exc.args[:1] != (storefile.ENOSPC,):
                raise
        s.report('flash full: %s to repair the store' % _free_one(s))


def _segment_names(root):
    # A folder not there holds none (a new store). Not told by the folder's size: LittleFS
    # on the unix port gives a folder whatever its stack held, FAT gives 0.
    try:
        names = layout.listdir(root)
    except OSError:
        return []
    return sorted(name for name in names
                  if name.startswith('s') and name.endswith('.seg') and len(name) == 13)


def _header(path, head, name, report):
    """The segment header (magic, first id, first start, ...) from whichever of its two copies
    is intact and names this file, or None; a damaged copy of a whole header is reported."""
    try:
        with open(path, 'rb') as f:
            got = f.readinto(head)
    except OSError:
        return None
    found = None
    for at in (0, layout.HEAD_COPY):
        header = None
        one = memoryview(head)[at:at + layout.HEAD_COPY]
        if got >= at + layout.HEAD_COPY and storefile.intact(one, 0):
            header = struct.unpack_from(layout.SEG_HEADER, head, at)
            if (header[0] != layout.SEG_MAGIC or header[3] != layout.RECORD_SIZE or
                    '%08x' % header[1] != name[1:9]):
                header = None
        if header is None and got == layout.SEG_HEADER_SIZE:
            report('segment %s: header copy %d damaged' % (name, at // layout.HEAD_COPY + 1))
        found = found or header
    return found


def _free_one(s):
    """Deletes the oldest clip that may go or else the oldest segment that may go (a repair
    on a full flash needs the room)."""
    for ident in clips.ids(s.root):
        ev = read.get(s, ident)
        if ev is None or not ev['locked']:
            write.drop_clip(s, ident)
            return 'clip %d dropped' % ident
    for i in range(len(s.ids) - 1):
        if not write.locked_in(s, i):
            first = s.ids[i]
            write.drop_segment(s, i)
            return 'events from %d dropped' % first
    raise OSError(storefile.ENOSPC, 'store full: no room to repair it')
