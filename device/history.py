"""Sound-level history: a 10 s row of features, rolled up into 1 min, 15 min, 1 h and 1 day rows,
each level its own append-only files, thinned under a byte budget (see docs/history.md).

    h = History('/history')                  # opens (and repairs) what is on flash
    h.sound(t_ms, dbfs); h.window(frame, label, score, sounding)   # from the pipeline
    for row in h.rows(start_ms, end_ms, points=300): ...          # the right level for 300

A 10 s row (an atom) is 8 bytes: the slot's mean level and its loudest chunk, four log-mel
band levels, the top label's best window score and that label (its top bit: an event sounded).
Levels are in half-dB steps (level: 0.5 * b - 127.5 dBFS, 0 meaning no audio; bands 0.5 * b -
100 dB), the score in 1/255. A roll-up row holds, for each of those seven fields, the min, the
max and the sum over its atoms, and their count: exact integers, so a mean is sum / count and a
coarser row is exactly what its atoms give, whatever level it was made from. Roll-ups are kept
in RAM for the running period (constant heap) and appended when the next period begins.

On flash (root folder): `<level>_<first period>.h`, segments of fixed-size records for
consecutive periods (so a period is one seek away; a short gap is filled with empty records, a
long one starts a segment), each record with a CRC seeded with its period; `sample.h`: rows kept
from dropped 10 s segments (slot, atom, weight, CRC). An atom is acknowledged once it is synced;
on open a torn last record is cut, an empty newest segment removed, and the running roll-ups are
rebuilt (and any roll-up record a power cut kept from being written is written) from the tail of
the level below: at most a few dozen records. After a failed write the files are read again
before the next row. A damaged record elsewhere is skipped and noted in `problems`.

Thinning: when the files pass `budget` bytes, the oldest segment of the finest level holding
more than its share of the budget goes (never a level's newest segment); unused shares of coarse
levels are thus used by fine ones first. A dropped 10 s segment leaves a sample: every row in
which an event sounded and its neighbours, and a reservoir of SAMPLE_K other rows per 15
minutes.
"""
import binascii
import os
import struct
from array import array

import storefile

# level name, seconds a row, the sum's struct code; level 0 is the atoms
LEVELS = (('10s', 10, None), ('1min', 60, 'H'), ('15min', 900, 'H'), ('1h', 3600, 'I'),
          ('1d', 86400, 'I'))
SLOT_MS = 10000
FIELDS = 7          # level, loudest chunk, four bands, top score
ATOM = 8            # the fields and the label byte
EVENT = 128         # label byte: an event sounded
NO_LABEL = 127
SAMPLE = '<I8sH'    # slot, atom, weight (rows it stands for, x256); then a 16-bit CRC
# A running roll-up (array('i')): period, count, label byte, then FIELDS mins, maxs, sums.
PERIOD, COUNT, LABEL, MINS = 0, 1, 2, 3
MAXS, SUMS = MINS + FIELDS, MINS + 2 * FIELDS
RUN = MINS + 3 * FIELDS
# A row as the API and the exports give it: its time and seconds, then values()'s.
COLUMNS = ('t', 'step', 'n', 'level_min', 'level_mean', 'level_max', 'peak_max', 'band_low',
           'band_low_mid', 'band_high_mid', 'band_high', 'score', 'label', 'event')


def values(seconds, r, labels):
    """A row's columns (COLUMNS but t and step): levels in dB, the score 0..1."""
    n = r[COUNT]
    label = r[LABEL] & NO_LABEL
    return (n, r[MINS] / 2 - 127.5, r[SUMS] / n / 2 - 127.5,
            r[MAXS] / 2 - 127.5, r[MAXS + 1] / 2 - 127.5,
            r[SUMS + 2] / n / 2 - 100, r[SUMS + 3] / n / 2 - 100,
            r[SUMS + 4] / n / 2 - 100, r[SUMS + 5] / n / 2 - 100,
            r[MAXS + 6] / 255, labels[label] if label < len(labels) else None,
            bool(r[LABEL] & EVENT))


def level_byte(dbfs):
    """A level in dBFS as its byte (half-dB from -127 dBFS; 0 is kept for 'no audio')."""
    return max(1, min(255, int(2 * (dbfs + 127.5) + 0.5)))


def band_byte(cdb):
    """A log-mel band in centi-dB (-100 .. +27.5 dB) as its byte."""
    return max(0, min(255, (cdb + 10000) // 50))


def _crc(data, n, seed):
    return binascii.crc32(memoryview(data)[:n], seed) & 0xffff


class History:
    BUDGET = 512 * 1024
    # shares of the budget, finest first, then the sample: a level over its share is thinned
    SHARES = (0.30, 0.25, 0.20, 0.12, 0.08, 0.05)
    SEGMENT_BYTES = 10240
    GAP_FILL = 64       # a gap of at most this many periods is filled with empty records
    SAMPLE_K = 9        # reservoir rows per 15 minutes of a dropped 10 s segment
    readonly = False

    def __init__(self, root, budget=None, **settings):
        for k, v in settings.items():
            setattr(self, k.upper(), v)
        self.root = root
        self.budget = budget or self.BUDGET
        self.broken = False     # a write failed: what RAM knows is read again from flash
        self.problems = []
        self.dropped = 0        # atoms refused for going back in time (the clock moved)
        fmts = ['<%dB' % ATOM]
        for name, seconds, s in LEVELS[1:]:
            fmts.append('<H' + ('BB' + s) * FIELDS + 'B')
        self.formats = fmts
        self.sizes = [struct.calcsize(f) + (2 if i == 0 else 4) for i, f in enumerate(fmts)]
        self.run = [array('i', bytes(4 * RUN)) for _ in LEVELS]   # [0] is unused
        self.scratch = array('i', bytes(4 * RUN))
        self.buf = bytearray(max(self.sizes))
        self.ebuf = bytearray(max(self.sizes))   # empty records filling a gap
        self.sbuf = bytearray(struct.calcsize(SAMPLE) + 2)
        # the slot being heard: slot, chunks, their level bytes' sum, the loudest, four band
        # sums, windows, the best score, the label byte
        self._acc = [-1, 0, 0, 0, 0, 0, 0, 0, 0, -1, NO_LABEL]
        self._rand = 12345
        try:
            os.mkdir(root)
        except OSError:
            pass
        self._open()

    # ---- opening

    def _path(self, level, first):
        return '%s/%s_%d.h' % (self.root, LEVELS[level][0], first)

    def _open(self):
        # per level, oldest first: first period, rows, first period, rows... (8 bytes each)
        self.segments = [array('i') for _ in LEVELS]
        self.bytes = [0] * (len(LEVELS) + 1)   # per level, then the sample
        for r in self.run:
            for i in range(RUN):
                r[i] = 0
        names = {name: i for i, (name, _, _) in enumerate(LEVELS)}
        firsts = [[] for _ in LEVELS]
        for name in os.listdir(self.root):
            level, _, rest = name.partition('_')
            if level in names and rest.endswith('.h'):
                firsts[names[level]].append(int(rest[:-2]))
        self.bytes[-1] = max(0, storefile.size(self.root + '/sample.h'))
        for level, found in enumerate(firsts):
            found.sort()
            size = self.sizes[level]
            segs = self.segments[level]
            for i, first in enumerate(found):
                path = self._path(level, first)
                if i == len(found) - 1 and not self.readonly:
                    rows = storefile.fix_tail(path, size, self.buf)
                    if not rows:   # made, then the power went before its first row
                        storefile.remove(path)
                        continue
                else:
                    rows = max(0, storefile.size(path)) // size
                segs.append(first)
                segs.append(rows)
                self.bytes[level] += rows * size
        for level in range(1, len(LEVELS)):
            self._recover(level)

    def _recover(self, level):
        """Rebuilds the running roll-up of `level` from the rows below it not yet rolled up,
        writing the records of periods that had ended."""
        ratio = LEVELS[level][1] // LEVELS[level - 1][1]
        last = self._last(level)
        first = (last + 1) * ratio if last >= 0 else 0
        below = self.scratch
        for p in self._periods(level - 1, first, 1 << 30, bytearray(len(self.buf)), below):
            self._fold(level, p // ratio, below)
        r = self.run[level - 1]
        if level > 1 and r[COUNT]:
            self._fold(level, r[PERIOD] // ratio, r)

    def _last(self, level):
        segs = self.segments[level]
        return segs[-2] + segs[-1] - 1 if len(segs) else -1

    # ---- appending

    def _write(self, level, period, record):
        """Appends a sealed record for `period`, after empty ones for a short gap, or in a new
        segment. Returns False for a period not after the last one."""
        segs = self.segments[level]
        size = self.sizes[level]
        last = self._last(level)
        if last >= 0 and period <= last:
            return False
        gap = period - last - 1
        if (not len(segs) or gap > self.GAP_FILL or
                (segs[-1] + gap + 1) * size > self.SEGMENT_BYTES):
            segs.append(period)
            segs.append(0)
            gap = 0
        if not self.readonly:
            with open(self._path(level, segs[-2]), 'ab') as f:
                for p in range(last + 1, last + 1 + gap):
                    f.write(self._empty(level, p))
                f.write(record)
                storefile.sync(f)
        segs[-1] += gap + 1
        self.bytes[level] += (gap + 1) * size
        return True

    def _seal(self, buf, n, period):
        """The CRC after n bytes of buf; returns the record."""
        if n == ATOM:
            struct.pack_into('<H', buf, n, _crc(buf, n, period))
            return memoryview(buf)[:n + 2]
        struct.pack_into('<I', buf, n, binascii.crc32(memoryview(buf)[:n], period) & 0xffffffff)
        return memoryview(buf)[:n + 4]

    def _empty(self, level, period):
        n = self.sizes[level] - (2 if level == 0 else 4)
        buf = self.ebuf
        for i in range(n):
            buf[i] = 0
        return self._seal(buf, n, period)

    def append(self, slot, atom):
        """Stores the 10 s row of `slot` (t // 10000 ms): ATOM bytes (see the module's doc);
        rolls it up. Returns False when the slot is not after the last one stored."""
        if self.broken:   # a partial write left files RAM does not know: open them again
            self._open()
            self.broken = False
        buf = self.buf
        buf[:ATOM] = atom
        try:
            if not self._write(0, slot, self._seal(buf, ATOM, slot)):
                self.dropped += 1
                return False
            self._atom(buf, slot, self.scratch)
            for level in range(1, len(LEVELS)):
                self._fold(level, slot * 10 // LEVELS[level][1], self.scratch)
            self._thin()
        except OSError:
            self.broken = True
            raise
        return True

    def _atom(self, buf, slot, out):
        """The atom in buf as a one-row roll-up in out."""
        out[PERIOD] = slot
        out[COUNT] = 1 if buf[0] else 0
        out[LABEL] = buf[FIELDS]
        for i in range(FIELDS):
            out[MINS + i] = out[MAXS + i] = out[SUMS + i] = buf[i]

    def _fold(self, level, period, src):
        """Adds a row (a roll-up array) to the running roll-up of `level`; the running one is
        written first when `period` is a new one."""
        r = self.run[level]
        if r[PERIOD] != period:
            if r[COUNT]:
                self._flush(level)
            for i in range(RUN):
                r[i] = 0
            r[PERIOD] = period
        if not src[COUNT]:
            return
        if not r[COUNT]:
            for i in range(LABEL, RUN):
                r[i] = src[i]
        else:
            # the label of the best score (the earliest of equals); an event marks the period
            label = src[LABEL] if src[MAXS + 6] > r[MAXS + 6] else r[LABEL]
            r[LABEL] = (label & NO_LABEL) | ((r[LABEL] | src[LABEL]) & EVENT)
            for i in range(FIELDS):
                if src[MINS + i] < r[MINS + i]:
                    r[MINS + i] = src[MINS + i]
                if src[MAXS + i] > r[MAXS + i]:
                    r[MAXS + i] = src[MAXS + i]
                r[SUMS + i] += src[SUMS + i]
        r[COUNT] += src[COUNT]

    def _flush(self, level):
        r = self.run[level]
        values = [r[COUNT]]
        for i in range(FIELDS):
            values += (r[MINS + i], r[MAXS + i], r[SUMS + i])
        values.append(r[LABEL])
        n = self.sizes[level] - 4
        struct.pack_into(self.formats[level], self.buf, 0, *values)
        self._write(level, r[PERIOD], self._seal(self.buf, n, r[PERIOD]))

    # ---- thinning

    def _thin(self):
        budget = self.budget
        while sum(self.bytes) > budget:
            segs = self.segments
            if self.bytes[0] > self.SHARES[0] * budget and len(segs[0]) > 2:
                self._drop(0)
            elif self.bytes[-1] > self.SHARES[-1] * budget:
                self._trim_sample()
            else:
                over = [i for i in range(1, len(LEVELS))
                        if self.bytes[i] > self.SHARES[i] * budget and len(segs[i]) > 2]
                # else the finest level that still has an old segment (levels with little
                # data leave their shares to the others)
                over = over or [i for i in range(len(LEVELS)) if len(segs[i]) > 2]
                if not over:
                    return   # every level is down to its newest segment: the budget is too small
                self._drop(over[0])

    def _drop(self, level):
        segs = self.segments[level]
        first, rows = segs[0], segs[1]
        if level == 0 and not self.readonly:
            self._sample(first, rows)
        storefile.remove(self._path(level, first))
        self.segments[level] = segs[2:]   # a new array: a query reading the old one goes on
        self.bytes[level] -= rows * self.sizes[level]

    def _trim_sample(self):
        """Drops the older half of the sample."""
        path = self.root + '/sample.h'
        size = len(self.sbuf)
        n = self.bytes[-1] // size
        storefile.copy_range(path, n // 2 * size, n * size, bytearray(256))
        self.bytes[-1] = (n - n // 2) * size

    def _sample(self, first, rows):
        """Appends what is kept of a 10 s segment about to go: rows in which an event sounded,
        with the rows either side, and a reservoir (Algorithm R) of SAMPLE_K of the other rows
        of each 15 minutes, each weighted by how many rows it stands for (x256)."""
        path = self.root + '/sample.h'
        last = -1
        if storefile.last_record(path, len(self.sbuf), self.sbuf) >= 0:
            last = struct.unpack_from('<I', self.sbuf, 0)[0]   # a cut mid-drop: not twice
        window = 900 // LEVELS[0][1]
        size = self.sizes[0]
        rows_buf = bytearray(window * size)
        marks = bytearray(window)
        pick = array('H', bytes(2 * self.SAMPLE_K))
        out = self.sbuf
        with open(self._path(0, first), 'rb') as src, open(path, 'ab') as dst:
            lo = first
            while lo < first + rows:
                hi = min(first + rows, (lo // window + 1) * window)
                n = hi - lo
                src.readinto(memoryview(rows_buf)[:n * size])
                for i in range(n):
                    rec = memoryview(rows_buf)[i * size:(i + 1) * size]
                    ok = rec[0] and _crc(rec, ATOM, lo + i) == rec[ATOM] | rec[ATOM + 1] << 8
                    marks[i] = 0 if not ok else (2 if rec[FIELDS] & EVENT else 1)
                for i in range(n):   # the rows either side of an event's
                    if marks[i] == 2:
                        for j in (i - 1, i + 1):
                            if 0 <= j < n and marks[j] == 1:
                                marks[j] = 3
                seen = 0
                for i in range(n):
                    if marks[i] == 1:
                        seen += 1
                        if seen <= len(pick):
                            pick[seen - 1] = i
                        else:
                            self._rand = (self._rand * 75 + 74) % 65537
                            j = self._rand % seen
                            if j < len(pick):
                                pick[j] = i
                drawn = min(seen, len(pick))
                weight = seen * 256 // drawn if drawn else 0
                for j in range(drawn):
                    marks[pick[j]] = 4
                for i in range(n):
                    if marks[i] > 1 and lo + i > last:
                        struct.pack_into(SAMPLE, out, 0, lo + i,
                                         bytes(rows_buf[i * size:i * size + ATOM]),
                                         weight if marks[i] == 4 else 256)
                        struct.pack_into('<H', out, len(out) - 2, _crc(out, len(out) - 2, 0))
                        dst.write(out)
                        self.bytes[-1] += len(out)
                lo = hi
            storefile.sync(dst)

    def samples(self, start, end):
        """Yields (slot, atom bytes, weight) of the sampled rows in [start, end) ms."""
        out = bytearray(len(self.sbuf))
        try:
            f = open(self.root + '/sample.h', 'rb')
        except OSError:
            return
        with f:
            while f.readinto(out) == len(out):
                slot, atom, weight = struct.unpack_from(SAMPLE, out, 0)
                if (_crc(out, len(out) - 2, 0) == struct.unpack_from('<H', out, len(out) - 2)[0]
                        and start <= slot * SLOT_MS < end):
                    yield slot, atom, weight / 256

    # ---- reading

    def _periods(self, level, first, end, buf, out):
        """Yields each stored period p with first <= p < end, oldest first, its row decoded
        into out (a roll-up array); empty records are skipped, damaged ones noted."""
        size = self.sizes[level]
        view = memoryview(buf)[:size]
        segs = self.segments[level]
        for i in range(0, len(segs), 2):
            seg_first, rows = segs[i], segs[i + 1]
            lo = max(first, seg_first)
            hi = min(end, seg_first + rows)
            if lo >= hi:
                continue
            try:
                f = open(self._path(level, seg_first), 'rb')
            except OSError:   # thinned away while this was read
                continue
            with f:
                f.seek((lo - seg_first) * size)
                for p in range(lo, hi):
                    if f.readinto(view) != size:
                        break
                    if level == 0:
                        ok = _crc(buf, ATOM, p) == buf[ATOM] | buf[ATOM + 1] << 8
                    else:
                        ok = binascii.crc32(memoryview(buf)[:size - 4], p) & 0xffffffff == \
                            struct.unpack_from('<I', buf, size - 4)[0]
                    if not ok:
                        self.problems.append('%s row %d damaged' % (LEVELS[level][0], p))
                        continue
                    if level == 0:
                        self._atom(buf, p, out)
                    else:
                        v = struct.unpack_from(self.formats[level], buf, 0)
                        out[PERIOD] = p
                        out[COUNT] = v[0]
                        out[LABEL] = v[-1]
                        for i in range(FIELDS):
                            out[MINS + i] = v[1 + 3 * i]
                            out[MAXS + i] = v[2 + 3 * i]
                            out[SUMS + i] = v[3 + 3 * i]
                    if out[COUNT]:
                        yield p

    def _first_ms(self, level):
        """The start (ms) of the oldest row a level holds, or None."""
        segs = self.segments[level]
        if len(segs):
            return segs[0] * LEVELS[level][1] * 1000
        r = self.run[level]
        return r[PERIOD] * LEVELS[level][1] * 1000 if level and r[COUNT] else None

    def _before(self, level, t):
        """True when `level` holds a row that ends before the row holding t (ms) begins."""
        first = self._first_ms(level)
        step = LEVELS[level][1] * 1000
        return first is not None and first < t // step * step

    def choose(self, start, end, points):
        """The finest level that gives at most `points` rows over [start, end) ms."""
        for level, (_, seconds, _) in enumerate(LEVELS):
            if (end - start) // (seconds * 1000) <= points:
                return level
        return len(LEVELS) - 1

    def plan(self, start, end, points):
        """[(level, lo, hi)] oldest first: each part of [start, end) ms at the finest level
        chosen for `points` that still holds it. A thinned level leaves its past to the next
        coarser level holding older rows, up to a boundary of that level's periods, so no row
        of one part overlaps another's."""
        parts = []
        hi = end
        level = self.choose(start, end, points)
        n = len(LEVELS)
        while hi > start and level < n:
            first = self._first_ms(level)
            if first is None:
                level += 1
                continue
            older = level + 1   # the next level with a whole row before this level's first
            while older < n and not self._before(older, min(first, hi)):
                older += 1
            lo = start
            if first > start and older < n:
                step = LEVELS[older][1] * 1000
                lo = min(hi, (first + step - 1) // step * step)
            if lo < hi:
                parts.append((level, lo, hi))
            hi = lo
            level = older
        parts.reverse()
        return parts

    def rows(self, start, end, points):
        """Yields (t in s, seconds a row, row) for the rows starting in [start, end) ms, oldest
        first, from plan(); row is a roll-up array (COUNT atoms; MINS, MAXS, SUMS of each
        field; LABEL), reused from one row to the next."""
        buf = bytearray(len(self.buf))
        out = array('i', bytes(4 * RUN))
        for level, lo, hi in self.plan(start, end, points):
            seconds = LEVELS[level][1]
            step = seconds * 1000
            first = (lo + step - 1) // step
            end_p = (hi + step - 1) // step
            for p in self._periods(level, first, end_p, buf, out):
                yield p * seconds, seconds, out
            r = self.run[level]
            if level and r[COUNT] and first <= r[PERIOD] < end_p and r[PERIOD] > self._last(level):
                yield r[PERIOD] * seconds, seconds, r

    def usage(self):
        return {'bytes': sum(self.bytes), 'budget': self.budget,
                'levels': {name: {'bytes': self.bytes[i], 'segments': len(self.segments[i]) // 2,
                                  'from': self._first_ms(i)}
                           for i, (name, _, _) in enumerate(LEVELS)},
                'sample': self.bytes[-1], 'dropped': self.dropped}

    # ---- the recorder: the pipeline's chunks and windows into 10 s rows

    def sound(self, t, dbfs):
        """A chunk of audio starting at t (ms) measured `dbfs` (its level)."""
        a = self._acc
        slot = t // SLOT_MS
        if slot != a[0]:
            if a[1]:
                self._emit()
            a[0] = slot
            a[1] = a[2] = a[3] = a[4] = a[5] = a[6] = a[7] = a[8] = 0
            a[9] = -1
            a[10] = NO_LABEL
        a[1] += 1
        b = level_byte(dbfs)
        a[2] += b
        if b > a[3]:
            a[3] = b

    def window(self, frame, label, score, sounding):
        """A classified window heard in the current slot: its newest log-mel frame (centi-dB),
        its top label (index) and score, and whether an event was sounding."""
        a = self._acc
        if a[1] == 0:
            return
        n = len(frame)
        for band in range(4):
            lo, hi = band * n // 4, (band + 1) * n // 4
            total = 0
            for i in range(lo, hi):
                total += frame[i]
            a[4 + band] += band_byte(total // (hi - lo))
        a[8] += 1
        s = max(0, min(255, int(score * 255 + 0.5)))
        if s > a[9]:
            a[9] = s
            a[10] = (a[10] & EVENT) | min(label, NO_LABEL - 1)
        if sounding:
            a[10] |= EVENT

    def _emit(self):
        a = self._acc
        atom = self.sbuf   # not in use between samples: the atom is copied by append()
        atom[0] = (2 * a[2] + a[1]) // (2 * a[1])   # the mean level, rounded
        atom[1] = a[3]
        for band in range(4):
            atom[2 + band] = a[4 + band] // a[8] if a[8] else 0
        atom[6] = max(0, a[9])
        atom[7] = a[10]
        self.append(a[0], memoryview(atom)[:ATOM])
