"""The event store: every detected event on the device's own flash, append-only.

    s = Store('/flash/events', labels, dim, centroids=bundle_centroids, budget=512 * 1024)
    ident = s.append(start_ms, duration_ms, 'dog_bark', 0.91, [('speech', 0.05)], embedding, clip)
    events, cursor = s.query(start=day_start, end=day_end, label='dog_bark', limit=50)
    more, cursor = s.query(start=day_start, end=day_end, label='dog_bark', before=cursor)
    s.similar(ident, k=10)              # [(id, cosine)], bucketed; exact=True scans everything
    s.relabel(ident, 'doorbell'); s.lock(ident); s.delete(ident)
    for period in s.stats('day', week_start, week_end): ...   # {'start', 'counts': {label: n}}
    for piece in s.clip_wav(ident): stream.write(piece)   # a 16-bit WAV, in pieces
    s.usage(); s.clip_ids(); s.problems
    for ev in s.events(start, end, label): ...   # query() as a generator: stream these

Times are integer milliseconds since the Unix epoch; an event's duration is kept to 10 ms,
confidence and runner-up scores to 1/255. Events come back as dicts {id, start, end, label,
confidence, runners_up, has_clip, locked}, newest first. Ids grow by one per append (the id of
an append that never returned is used again, unless its embedding reached flash; the ids of a
segment whose header is lost are not). A page of 50 dicts takes ~15 KB of MicroPython heap:
the API should stream events() rather than hold query() pages. Settings are the class
attributes below, overridable by keyword (`segment_bytes=4096`); `readonly=True` opens a
store copied off a device without repairing or writing anything.

The parts, one idea each: layout.py (the bytes on flash), opening.py (store.json and the
centroids, the segment table, a torn last write undone: run once, then dropped), read.py
(records by id and by time, events, lists, similar events, counts, clips), write.py (appends
and edits, and retention: the room they need), rollup.py (counts per hour and day), clips.py;
imported at their first use: log.py (the replication stream), labels.py (personal labels),
clipwriter.py (a clip streamed while its event sounds). The posting lists are similar.py's and
the durable file helpers storefile.py's: both are shared with code outside the store (the level
history, the browser lab). Most methods below are those modules' functions, taking the store; the
store's state (its segment table `ids`/`firsts`/`counts`, byte counts `used`/`clip_bytes`,
`next`, the reused buffers) is the package's, not its callers'. Byte layout, write order and
what the repair may undo: docs/store-format.md.
"""
import sys
from array import array

import similar

from . import clips, layout, read, write

FormatError = layout.FormatError   # a store of another format: what callers catch


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
        self.damaged = []   # ids of damaged records met (read.damage)
        self.custom = []   # personal labels ("our doorbell"), by PERSONAL edits' index
        from . import opening   # dropped once the store is open (reopen)
        centroids = opening.config(self, labels, dim, centroids)
        self.sim = similar.Index(self.root, self.dim, centroids)
        self.rec = bytearray(layout.RECORD_SIZE)
        self.edit_buf = bytearray(2 * layout.EDIT_SIZE)
        # END edits of the cached segment. Made here, with the other buffers, because a 1.8 KB
        # block found later in a fragmented heap is what failed first in a long demo run.
        self.ends = array('H', bytes(2 * ((self.SEGMENT_BYTES - layout.SEG_HEADER_SIZE) //
                                          layout.RECORD_SIZE)))
        self.chunks = []   # read buffers of walks that ended, for the next (read.chunk)
        self.reopen()
        if not readonly:
            clips.clear(self.root)

    def reopen(self):
        """Reads the segment table and repairs a torn last write (opening.segments): on
        opening, and after a failed append, to be back to what flash holds. Nothing else runs
        opening.py's code, so it is dropped afterwards: a board gets its heap back (about 0.5 KB
        frozen in firmware, 1.5 KB loaded from a ROM partition)."""
        from . import opening
        opening.segments(self)
        sys.modules.pop(__name__ + '.opening', None)
        globals().pop('opening', None)   # the package's own reference to it

    def report(self, text):
        """Keeps a problem found (damage skipped, a repair made) in `problems`, once."""
        if text in self.problems:
            return  # a damaged edit is met again each time its segment is read
        self.problems.append(text)
        if len(self.problems) > self.PROBLEMS_KEPT:
            self.problems.pop(0)

    def grew(self, n):
        """Roll-up files count against the budget too: a month's hour records left out would
        let thinning stop short and refuse an event while old segments could go."""
        self.used += n

    def writable(self):
        if self.readonly:
            raise ValueError('store opened read-only')
        if self.torn:   # the last repair failed (a full flash): it comes first
            self.reopen()

    def append(self, start, duration, label, confidence, runners_up=(), embedding=None,
               clip=None):
        """Stores an event (write.append); a personal head then labels it (labels.put), here
        so that write.py, which labels.py uses, never imports labels.py."""
        ident = write.append(self, start, duration, label, confidence, runners_up, embedding,
                             clip)
        if self.personal is not None:
            from . import labels   # here: a store with no personal sounds never loads it
            labels.put(self, ident, embedding)
        return ident

    # Parts an appliance may never need, imported at their first use.
    def log(self, after=0, edits=None):
        """The replication stream (log.log)."""
        from . import log
        return log.log(self, after, edits)

    def add_label(self, name):
        """The index of a personal label, added if new (labels.add_label)."""
        from . import labels
        return labels.add_label(self, name)

    def set_personal(self, head, text=None):
        """Puts a personal head to the events from now on (labels.set_personal)."""
        from . import labels
        labels.set_personal(self, head, text)

    def label_personal(self, ident, name):
        """Gives an event a personal label (labels.label_personal)."""
        from . import labels
        return labels.label_personal(self, ident, name)

    # The rest are the parts' functions, each taking the store (see those modules).
    get = read.get
    events = read.events
    query = read.query
    embedding = read.embedding
    similar = read.similar_events
    stats = read.stats
    clip_wav = read.clip_wav
    usage = read.usage
    clip_ids = read.clip_ids
    clip_writer = write.clip_writer
    finish = write.finish
    relabel = write.relabel
    lock = write.lock
    delete = write.delete
