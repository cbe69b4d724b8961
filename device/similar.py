"""Similarity index: int8 embeddings in one append-only posting list per bucket.

Each event's embedding lives in exactly one place: an entry (id, int8 vector, CRC) at the end of
the posting list of its bucket (the nearest centroid from the model bundle). Exact search scans
every list; bucketed search scans the lists of the `probes` centroids nearest the query
(multi-probe). Both read the lists sequentially in small chunks, so RAM does not grow with the
number of events and the bucketed search reads about probes/buckets of the bytes.

Embeddings are L2-normalised to a norm of 127 when stored, so a dot product ranks by cosine.
"""
import math
import struct
import sys
from array import array

import micropython

import storefile

if sys.implementation.name != 'micropython':
    ptr8 = ptr32 = memoryview  # viper's pointer types; the annotations need names in CPython

NORM = 127
SCAN_CAP = 16  # candidates the kernel hands back per call
BIAS = 1 << 29  # added to scores the kernels keep, so they stay positive in uint32 slots


@micropython.viper
def _scan(buf: ptr8, n: int, size: int, q: ptr8, dim: int, lo: int, hi: int, thr: int,
          out: ptr32, start: int) -> int:
    """Dot products of q with the entries start.. of buf; writes (index, score) pairs beating
    thr to out (up to SCAN_CAP, count in out[2*SCAN_CAP]) and returns where it stopped."""
    m = 0
    i = start
    while i < n:
        p = i * size
        ident = int(buf[p]) | (int(buf[p + 1]) << 8) | (int(buf[p + 2]) << 16) | (
            int(buf[p + 3]) << 24)
        if lo <= ident and ident <= hi:
            s = 0
            j = 0
            e = p + 4
            while j < dim:
                s += ((int(buf[e + j]) ^ 128) - 128) * ((int(q[j]) ^ 128) - 128)
                j += 1
            if s > thr:
                out[2 * m] = i
                out[2 * m + 1] = s
                m += 1
                if m >= 16:
                    out[32] = m
                    return i + 1
        i += 1
    out[32] = m
    return n


@micropython.viper
def _top(buf: ptr8, n: int, size: int, q: ptr8, dim: int, lo: int, hi: int, scores: ptr32,
         winners: ptr8, k: int):
    """Keeps the k best entries of buf (ids in [lo, hi]) in scores (score + BIAS, best first,
    0 = empty) and a copy of each winning entry in winners, across calls."""
    i = 0
    while i < n:
        p = i * size
        ident = int(buf[p]) | (int(buf[p + 1]) << 8) | (int(buf[p + 2]) << 16) | (
            int(buf[p + 3]) << 24)
        if lo <= ident and ident <= hi:
            s = 0
            j = 0
            e = p + 4
            while j < dim:
                s += ((int(buf[e + j]) ^ 128) - 128) * ((int(q[j]) ^ 128) - 128)
                j += 1
            s += 0x20000000  # BIAS, as a literal viper keeps a machine word
            if s > int(scores[k - 1]):
                j = k - 1
                while j > 0 and int(scores[j - 1]) < s:
                    scores[j] = scores[j - 1]
                    c = 0
                    while c < size:
                        winners[j * size + c] = winners[(j - 1) * size + c]
                        c += 1
                    j -= 1
                scores[j] = s
                c = 0
                while c < size:
                    winners[j * size + c] = buf[p + c]
                    c += 1
        i += 1


def normalise(embedding, dim):
    """A bytearray of dim int8 values scaled to norm NORM; ValueError on a wrong length."""
    if embedding is None or len(embedding) != dim:
        raise ValueError('embedding must have %d int8 values, got %s' % (
            dim, 'none' if embedding is None else len(embedding)))
    values = embedding
    if isinstance(embedding, (bytes, bytearray, memoryview)):  # raw int8 bytes read as 0..255
        values = signed(embedding)
    norm = math.sqrt(sum(v * v for v in values))
    out = bytearray(dim)
    if norm:
        for i in range(dim):
            v = int(round(values[i] * NORM / norm))
            out[i] = max(-127, min(127, v)) & 0xff
    return out


def signed(buf):
    return [(v ^ 128) - 128 for v in buf]


def cosine(a, b):
    a = signed(a)
    b = signed(b)
    na = math.sqrt(sum(v * v for v in a))
    nb = math.sqrt(sum(v * v for v in b))
    if not na or not nb:
        return 0.0
    return sum(a[i] * b[i] for i in range(len(a))) / (na * nb)


class Index:
    """The posting lists of one store: files b00.ix, b01.ix, ... under the store's root."""
    CHUNK_ENTRIES = 48  # entries read per file read: the scan's whole buffer
    SPARE = 6  # winners kept beyond k, for those a check turns down
    KEPT_K = 10  # searches up to this k use winner buffers kept from the start (the page's k)

    def __init__(self, root, dim, centroids=None):
        self.root = root
        self.dim = dim
        self.entry_size = 4 + dim + 4
        if centroids:
            if len(centroids) % dim:
                raise ValueError('centroids must be K*%d int8 values' % dim)
            self.buckets = len(centroids) // dim
        else:
            self.buckets = 1  # one bucket: bucketed search is the exact one
        # The centroids, normalised, laid out as entries (bucket number, vector) so the scan
        # kernel ranks them like any posting list.
        self._table = bytearray(self.buckets * (4 + dim))
        for i in range(self.buckets):
            o = i * (4 + dim)
            struct.pack_into('<I', self._table, o, i)
            if centroids:
                self._table[o + 4:o + 4 + dim] = normalise(
                    memoryview(centroids)[i * dim:(i + 1) * dim], dim)
        self.entry = bytearray(self.entry_size)
        self._out = array('i', bytes(4 * (2 * SCAN_CAP + 1)))
        # Kept, not made per search: a search then allocates next to nothing, so it does not
        # set off collections of a heap the rest of the appliance fills.
        self._buf = bytearray(self.CHUNK_ENTRIES * self.entry_size)
        # Likewise the winners of a search of the usual k: made fresh, their 640 bytes were
        # what a heap fragmented by 8 busy clients refused first (at 208K).
        self._scores = array('i', bytes(4 * (self.KEPT_K + self.SPARE)))
        self._winners = bytearray(len(self._scores) * self.entry_size)

    def path(self, bucket):
        return '%s/b%02x.ix' % (self.root, bucket)

    def nearest(self, q, probes):
        """The `probes` buckets whose centroids are nearest to q (by dot product), nearest first."""
        probes = min(probes, self.buckets)
        scores = array('i', bytes(4 * probes))
        winners = bytearray(probes * (4 + self.dim))
        _top(self._table, self.buckets, 4 + self.dim, q, self.dim, 0, self.buckets, scores,
             winners, probes)
        return [struct.unpack_from('<I', winners, j * (4 + self.dim))[0] for j in range(probes)]

    def add(self, ident, bucket, vector):
        e = self.entry
        struct.pack_into('<I', e, 0, ident)
        e[4:4 + self.dim] = vector
        storefile.append(self.path(bucket), storefile.seal(e, 0))
        return self.entry_size

    def last_id(self, bucket):
        """The id of the last intact entry of the bucket, or -1."""
        path = self.path(bucket)
        e = self.entry
        n = storefile.size(path) // self.entry_size
        if n <= 0:
            return -1
        with open(path, 'rb') as f:
            for k in range(n - 1, -1, -1):
                f.seek(k * self.entry_size)
                f.readinto(e)
                ident = struct.unpack_from('<I', e, 0)[0]
                if storefile.intact(e, 0):
                    return ident
        return -1

    def vector(self, bucket, ident):
        """The stored vector of event `ident` (binary search in its bucket), or None."""
        path = self.path(bucket)
        n = storefile.size(path) // self.entry_size
        if n <= 0:
            return None
        e = self.entry
        lo, hi = 0, n - 1
        with open(path, 'rb') as f:
            while lo <= hi:
                mid = (lo + hi) // 2
                f.seek(mid * self.entry_size)
                f.readinto(e)
                if not storefile.intact(e, 0):
                    break   # its id may be anything: the search cannot trust it
                got = struct.unpack_from('<I', e, 0)[0]
                if got == ident:
                    return bytes(e[4:4 + self.dim])
                if got < ident:
                    lo = mid + 1
                else:
                    hi = mid - 1
            else:
                return None
        return self._find(path, ident)

    def _find(self, path, ident):
        """The vector of ident by reading the whole list: for a list with a damaged entry."""
        size = self.entry_size
        buf = self._buf
        with open(path, 'rb') as f:
            while True:
                n = (f.readinto(buf) or 0) // size
                if not n:
                    return None
                for k in range(n):
                    entry = memoryview(buf)[k * size:(k + 1) * size]
                    if (struct.unpack_from('<I', entry, 0)[0] == ident and
                            storefile.intact(entry, 0)):
                        return bytes(entry[4:4 + self.dim])

    def _chunks(self, buckets, buf):
        """Yields the number of whole entries read into buf, chunk after chunk of the buckets."""
        size = self.entry_size
        for b in buckets:
            try:
                f = open(self.path(b), 'rb')
            except OSError:
                continue
            with f:
                while True:
                    n = (f.readinto(buf) or 0) // size
                    if not n:
                        break
                    yield n

    def search(self, q, k, buckets, lo, hi, accept):
        """Top-k (score, id) over the given buckets for ids in [lo, hi] that accept(id) takes.
        Scores are dot products of normalised vectors (cosine * NORM**2).

        The kernel keeps the k + SPARE best entries by itself, in buffers kept for k up to
        KEPT_K; only those are checked (CRC, accept). A larger k, or checks that turn down so
        many that fewer than k remain, take the search that checks every candidate as it comes:
        it needs no block of k entries, which a busy heap may not have."""
        spare = k + self.SPARE
        if spare > len(self._scores):
            return self._search_checked(q, k, buckets, lo, hi, accept)
        size = self.entry_size
        scores, winners = self._scores, self._winners
        for j in range(spare):
            scores[j] = 0      # an empty slot (search runs in one go: nothing else uses it)
        buf = self._buf
        for n in self._chunks(buckets, buf):
            _top(buf, n, size, q, self.dim, lo, hi, scores, winners, spare)
        top = []
        for j in range(spare):
            if not scores[j]:
                return top  # fewer entries than spare: every one was seen
            entry = memoryview(winners)[j * size:(j + 1) * size]
            ident = struct.unpack_from('<I', entry, 0)[0]
            if storefile.intact(entry, 0) and accept(ident):
                top.append((scores[j] - BIAS, ident))
                if len(top) == k:
                    return top
        return self._search_checked(q, k, buckets, lo, hi, accept)

    def _search_checked(self, q, k, buckets, lo, hi, accept):
        top = []
        thr = -(1 << 30)
        size = self.entry_size
        buf = self._buf
        out = self._out
        for n in self._chunks(buckets, buf):
            start = 0
            while start < n:
                start = _scan(buf, n, size, q, self.dim, lo, hi, thr, out, start)
                for j in range(out[2 * SCAN_CAP]):
                    entry = memoryview(buf)[out[2 * j] * size:(out[2 * j] + 1) * size]
                    ident = struct.unpack_from('<I', entry, 0)[0]
                    if not storefile.intact(entry, 0) or not accept(ident):
                        continue
                    # After those of an equal score: ties keep the order the lists hold
                    # them in, as the kernel of the kept winners does.
                    score = out[2 * j + 1]
                    at = len(top)
                    while at and top[at - 1][0] < score:
                        at -= 1
                    top.insert(at, (score, ident))
                    if len(top) > k:
                        top.pop()
                    if len(top) == k:
                        thr = top[-1][0]
        return top

    def compact(self, alive):
        """Rewrites every posting list without the entries of events that no longer exist."""
        e = bytearray(self.entry_size)

        def keep(entry):
            ident = struct.unpack_from('<I', entry, 0)[0]
            return storefile.intact(entry, 0) and alive(ident)
        for b in range(self.buckets):
            path = self.path(b)
            n = storefile.size(path)
            if n > 0:
                storefile.copy_range(path, 0, n, e, keep)
