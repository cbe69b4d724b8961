"""Roll-ups: events per label per hour and per day, kept apart from the events they count.

The running hour and day are counted in RAM and appended as a record (period, last event id
counted, counts per label, CRC) when the next one begins, or earlier when the store is about to
delete events for space; records of one period add up. A relabel or delete appends a fix (hour,
old label, new label) instead of rewriting a count. After a power cut the running counts are
rebuilt from the events after the last id counted, at most an hour of them. Deleting events
never touches these files, so a month's histogram outlives the events behind it.
"""
import struct

import storefile

HOUR = 3600000
DAY = 86400000
KINDS = ('hour', 'day')  # a kind's index picks its file, format, counts...: tuples, not dicts,
SPANS = (HOUR, DAY)      # which a board's heap pays for per store
LIMITS = (0xffff, 0xffffffff)  # a count's largest value in an hour (H) and a day (I) record
FIX = '<IBB'  # hour, old label, new label (DELETED when the event went)
FIX_SIZE = 6 + 4
DELETED = 255


class Rollup:
    HOURS_KEPT = 24 * 62  # hour records kept (two months); day records are kept for good
    readonly = False  # a store read off a device: count in RAM, write nothing

    def __init__(self, root, labels, report, grew):
        self.report = report  # report(text): a damaged record, skipped
        self.grew = grew  # grew(bytes): what the files grew (or shrank) by, for the store's budget
        self.files = (root + '/hours.ru', root + '/days.ru')
        self.fixes = root + '/fixes.ru'
        self.formats = ('<II%dH' % labels, '<II%dI' % labels)
        self.sizes = (struct.calcsize(self.formats[0]) + 4, struct.calcsize(self.formats[1]) + 4)
        self.current = [-1, -1]  # the running hour and day
        self.counts = ([0] * labels, [0] * labels)
        self.upto = -1  # the last event id counted
        self.buf = (bytearray(self.sizes[0]), bytearray(self.sizes[1]))
        self.fix_buf = bytearray(FIX_SIZE)

    def _flush(self, kind):
        counts = self.counts[kind]
        if self.current[kind] >= 0 and any(counts) and not self.readonly:
            buf = self.buf[kind]
            limit = LIMITS[kind]
            struct.pack_into(self.formats[kind], buf, 0, self.current[kind], self.upto,
                             *[min(c, limit) for c in counts])
            storefile.append(self.files[kind], storefile.seal(buf, 0))
            self.grew(len(buf))
        for i in range(len(counts)):
            counts[i] = 0

    def flush(self):
        """Writes the running counts now: the events they count are about to be deleted."""
        self._flush(0)
        self._flush(1)

    def add(self, t, label, ident):
        """Counts event ident starting at t (ms); appends the records of periods that ended."""
        for kind in (0, 1):
            p = t // SPANS[kind]
            if p != self.current[kind]:
                self._flush(kind)
                self.current[kind] = p
            self.counts[kind][label] += 1
        self.upto = ident
        if not self.readonly and storefile.size(self.files[0]) > (
                2 * self.HOURS_KEPT * self.sizes[0]):
            self._trim()

    def _trim(self):
        path = self.files[0]
        before = storefile.size(path)
        n = before // self.sizes[0]
        storefile.copy_range(path, (n - self.HOURS_KEPT) * self.sizes[0],
                             n * self.sizes[0], bytearray(256))
        self.grew(storefile.size(path) - before)

    def fix(self, t, old, new):
        buf = self.fix_buf
        struct.pack_into(FIX, buf, 0, t // HOUR, old, new)
        storefile.append(self.fixes, storefile.seal(buf, 0))
        self.grew(FIX_SIZE)

    def _records(self, kind, first, field=0):
        """(period, upto, counts) of intact records whose field (0: period, 1: last id) is at
        least first, in file order."""
        path = self.files[kind]
        size = self.sizes[kind]
        buf = self.buf[kind]
        n = storefile.size(path) // size
        if n <= 0:
            return
        with open(path, 'rb') as f:
            lo, hi = 0, n
            while lo < hi:  # first record whose field >= first
                mid = (lo + hi) // 2
                f.seek(mid * size)
                f.readinto(buf)
                if not storefile.intact(buf, 0):
                    lo = 0  # a damaged value could send the search past good records: read all
                    break
                if struct.unpack_from('<I', buf, 4 * field)[0] < first:
                    lo = mid + 1
                else:
                    hi = mid
            f.seek(lo * size)
            for _ in range(lo, n):
                f.readinto(buf)
                if not storefile.intact(buf, 0):
                    self.report('a roll-up record in %s damaged, skipped' % path)
                    continue
                values = struct.unpack_from(self.formats[kind], buf, 0)
                if values[field] >= first:
                    yield values[0], values[1], values[2:]

    def last(self, kind):
        """The last id counted in the intact records on flash (-1 when none); kind 0 (or
        'hour') or 1 ('day')."""
        kind = KINDS.index(kind) if isinstance(kind, str) else kind
        path = self.files[kind]
        buf = self.buf[kind]
        n = storefile.size(path) // self.sizes[kind]
        if n <= 0:
            return -1
        with open(path, 'rb') as f:
            for k in range(n - 1, -1, -1):
                f.seek(k * self.sizes[kind])
                f.readinto(buf)
                if storefile.intact(buf, 0):
                    return struct.unpack_from('<i', buf, 4)[0]
                self.report('a roll-up record in %s damaged, skipped' % path)
        return -1

    def recover(self, events_after):
        """Rebuilds the running counts; events_after(id) yields (start, label, id) of the
        events after that id."""
        if not self.readonly:
            for kind in (0, 1):
                storefile.fix_tail(self.files[kind], self.sizes[kind], bytearray(256))
            storefile.fix_tail(self.fixes, FIX_SIZE, bytearray(FIX_SIZE))
        hour_upto = self.last(0)
        # Hour records written after the last day record count towards the running day.
        for hour, upto, counts in self._records(0, self.last(1) + 1, 1):
            day = hour // 24
            if day != self.current[1]:
                self._flush(1)
                self.current[1] = day
            self.upto = upto
            for i in range(len(counts)):
                self.counts[1][i] += counts[i]
        for t, label, ident in events_after(hour_upto):
            self.add(t, label, ident)

    def stats(self, kind, start, end):
        """Yields (period start in ms, counts per label) for each period in [start, end) that has
        events, oldest first, with relabels and deletes applied."""
        if kind not in KINDS:
            raise ValueError('bucket must be hour or day, not %r' % (kind,))
        kind = KINDS.index(kind)
        per = SPANS[kind]
        n = len(self.counts[0])   # labels
        first = max(0, start // per)   # no period before the epoch: current's -1 is none
        last = (end - 1) // per
        fixes = {}  # period -> deltas; relabels are user edits, few next to events
        try:
            f = open(self.fixes, 'rb')
        except OSError:
            f = None
        if f:
            with f:
                buf = self.fix_buf
                while f.readinto(buf) == FIX_SIZE:
                    if not storefile.intact(buf, 0):
                        self.report('a roll-up fix in %s damaged, skipped' % self.fixes)
                        continue
                    hour, old, new = struct.unpack_from(FIX, buf, 0)
                    p = hour * HOUR // per
                    if first <= p <= last:
                        d = fixes.setdefault(p, [0] * n)
                        d[old] -= 1
                        if new != DELETED:
                            d[new] += 1

        def merged():
            held, total = -1, None
            for p, upto, counts in self._records(kind, first):
                if p > last:
                    continue  # read to the end, so the generator closes its file now
                if p != held:
                    if total:
                        yield held, total
                    held, total = p, [0] * n
                for i in range(n):
                    total[i] += counts[i]
            if first <= self.current[kind] <= last:
                if held != self.current[kind]:
                    if total:
                        yield held, total
                    held, total = self.current[kind], [0] * n
                for i in range(n):
                    total[i] += self.counts[kind][i]
            if total:
                yield held, total
        for p, counts in merged():
            for q in sorted(q for q in fixes if q < p):
                yield q * per, fixes.pop(q)
            counts = list(counts)
            delta = fixes.pop(p, None)
            if delta:
                for i in range(n):
                    counts[i] += delta[i]
            yield p * per, counts
        for q in sorted(fixes):
            yield q * per, fixes[q]
