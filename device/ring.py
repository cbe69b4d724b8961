"""The last few seconds of audio, kept so a clip can start before the moment an event was noticed.

A classifier notices a sound a second or so after it began; the ring holds that pre-roll. It is
allocated once; writing a chunk allocates nothing. With `decimate` 2 it keeps 8 kHz audio (a
[1 2 1]/4 low-pass before dropping every other sample): half the heap for the same pre-roll, and
still enough to hear what a knock or a bark was.
"""
import sys
from array import array

import micropython

import adpcm


class Ring:
    """`seconds` of int16 audio at `rate / decimate`. Positions are stream sample indices at the
    input rate, so callers ask for clips in the same units the sources and segmenter use."""
    SECONDS = 2.0
    DECIMATE = 2

    def __init__(self, seconds=None, rate=16000, decimate=None):
        self.decimate = decimate or self.DECIMATE
        if self.decimate not in (1, 2):
            raise ValueError('ring: decimate must be 1 or 2, got %r' % self.decimate)
        self.rate = rate // self.decimate          # rate of the samples it holds
        self.size = int((seconds or self.SECONDS) * self.rate)
        self._buf = array('h', bytes(2 * self.size))
        self._state = array('h', bytes(4))         # filter history across chunks
        self.written = 0                           # samples held so far, at the ring's rate

    def write(self, chunk):
        """Appends a chunk (array('h'); with decimate 2 its length must be even)."""
        n = len(chunk) // self.decimate
        at = self.written % self.size
        first = min(n, self.size - at)
        _store(self._buf, at, chunk, 0, first, self.decimate, self._state)
        if first < n:
            _store(self._buf, 0, chunk, first * self.decimate, n - first, self.decimate,
                   self._state)
        self.written += n

    @property
    def end(self):
        """Input-rate position just after the newest sample held."""
        return self.written * self.decimate

    @property
    def start(self):
        """Input-rate position of the oldest sample still held."""
        return max(0, self.written - self.size) * self.decimate

    def read(self, position, out):
        """Copies held samples from input-rate `position` on into `out`; returns how many (0 when
        nothing newer is held yet). ValueError when that audio has already been overwritten."""
        at = position // self.decimate
        if at < self.written - self.size or at < 0:
            raise ValueError('ring: audio at %d is gone (oldest held %d)' % (position, self.start))
        n = min(len(out), self.written - at)
        if n <= 0:
            return 0
        i = at % self.size
        first = min(n, self.size - i)
        _copy(out, 0, self._buf, i, first)
        if first < n:
            _copy(out, first, self._buf, 0, n - first)
        return n


class AdpcmRing(Ring):
    """The same ring, IMA-ADPCM coded at 4 bits a sample (the clips' own coding): a quarter of
    the heap of Ring for the same pre-roll (3 s at 8 kHz: 12 KB instead of 48 KB), for a little
    coding noise (about 25 dB SNR on a tone; a clip is coded once more when stored).

    Audio is coded in blocks of BLOCK samples; the coder's state at the start of each block is
    kept, so a read decodes from the start of the block it begins in. The block being written
    is the one overwritten, so `start` moves a block at a time. Reads and writes begin on even
    samples (at the ring's rate): two samples share a byte. A write allocates only a small view
    per block it codes (garbage, never audio-sized)."""
    BLOCK = 256
    SCRATCH = 512     # samples of a decimated chunk (a source's 1024); longer ones grow it

    def __init__(self, seconds=None, rate=16000, decimate=None):
        self.decimate = decimate or self.DECIMATE
        if self.decimate not in (1, 2):
            raise ValueError('ring: decimate must be 1 or 2, got %r' % self.decimate)
        self.rate = rate // self.decimate
        self.blocks = int((seconds or self.SECONDS) * self.rate) // self.BLOCK + 2
        self.size = self.blocks * self.BLOCK
        self._data = bytearray(self.size // 2)
        self._mv = memoryview(self._data)
        self._starts = array('i', bytes(8 * self.blocks))   # coder state at each block start
        self._coder = array('i', [32768, 0])
        self._decoder = array('i', [32768, 0])
        self._state = array('h', bytes(4))
        self._scratch = array('h', bytes(2 * self.SCRATCH))
        self.written = 0

    @property
    def start(self):
        return max(0, (self.written // self.BLOCK - self.blocks + 1) * self.BLOCK) * self.decimate

    def write(self, chunk):
        n = len(chunk) // self.decimate
        if len(self._scratch) < n:
            self._scratch = array('h', bytes(2 * n))
        scratch = self._scratch
        _store(scratch, 0, chunk, 0, n, self.decimate, self._state)
        raw = _raw(scratch)
        done = 0
        while done < n:
            at = self.written % self.size
            off = at % self.BLOCK
            if not off:
                b = 2 * (at // self.BLOCK)
                self._starts[b] = self._coder[0]
                self._starts[b + 1] = self._coder[1]
            k = min(n - done, self.BLOCK - off)
            adpcm.encode(raw, done, k, self._mv[at // 2:], self._coder)
            done += k
            self.written += k

    def read(self, position, out):
        at = (position // self.decimate) & ~1
        if at * self.decimate < self.start or at < 0:
            raise ValueError('ring: audio at %d is gone (oldest held %d)' % (position, self.start))
        n = min(len(out), self.written - at) & ~1
        if n <= 0:
            return 0
        dst = _bytes(out)
        block = at - at % self.BLOCK
        b = 2 * ((block % self.size) // self.BLOCK)
        state = self._decoder
        state[0] = self._starts[b]
        state[1] = self._starts[b + 1]
        pos = block   # decode from the block's start: the part before `at` only sets the state
        put = 0
        while pos < at + n:
            i = pos % self.size
            k = min(self.size - i, at + n - pos, len(out))
            if pos < at:
                k = min(k, at - pos)
                adpcm.decode(self._mv[i // 2:], k, dst, state)
            else:
                adpcm.decode(self._mv[i // 2:], k, dst[_UNIT * put:], state)
                put += k
            pos += k
        return n


if sys.implementation.name == 'micropython':
    @micropython.viper
    def _copy(dst, d: int, src, s: int, n: int):
        out = ptr16(dst)
        inp = ptr16(src)
        for i in range(n):
            out[d + i] = inp[s + i]

    @micropython.viper
    def _store(dst, d: int, src, s: int, n: int, decimate: int, state):
        out = ptr16(dst)
        inp = ptr16(src)
        if decimate == 1:
            for i in range(n):
                out[d + i] = inp[s + i]
            return
        hist = ptr16(state)
        prev = int(hist[0])
        if prev & 0x8000:
            prev -= 0x10000
        for i in range(n):
            a = int(inp[s + 2 * i])
            b = int(inp[s + 2 * i + 1])
            if a & 0x8000:
                a -= 0x10000
            if b & 0x8000:
                b -= 0x10000
            out[d + i] = (prev + 2 * a + b) >> 2
            prev = b
        hist[0] = prev
else:
    def _copy(dst, d, src, s, n):
        dst[d:d + n] = src[s:s + n]

    def _store(dst, d, src, s, n, decimate, state):
        if decimate == 1:
            dst[d:d + n] = src[s:s + n]
            return
        prev = state[0]
        for i in range(n):
            a = src[s + 2 * i]
            b = src[s + 2 * i + 1]
            dst[d + i] = (prev + 2 * a + b) >> 2
            prev = b
        state[0] = prev


def _raw(samples):
    """int16 samples as the bytes the ADPCM coder reads."""
    return samples if sys.implementation.name == 'micropython' else samples.tobytes()


# A view of an int16 array that the ADPCM decoder writes bytes into; view[_UNIT * k:] starts
# at sample k (MicroPython slices a view of an array by items, viper then sees its bytes).
_UNIT = 1 if sys.implementation.name == 'micropython' else 2


def _bytes(samples):
    return memoryview(samples) if _UNIT == 1 else memoryview(samples).cast('B')
