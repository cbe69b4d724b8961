"""Log-mel frames from int16 PCM: the appliance's front end.

`LogMel` is the native module `logmel` when it can be imported (the natmod .mpy or firmware
module on a device, the CPython extension on a computer), else `PyLogMel` below, written for
MicroPython's viper emitter. `IMPLEMENTATION` says which one runs: 'native', 'viper' or 'python'
(the same code as plain bytecode: under CPython, or where viper is missing).

PyLogMel computes what the C core computes (native/logmel/logmel.h) with integers where the work
is: the FFT runs in 32-bit fixed point (block-normalised input, Q30 twiddles split in 15-bit
halves so no product leaves 31 bits on a 32-bit ESP32), and the Hann window is applied in the
frequency domain (periodic Hann is exactly -1/4, 1/2, -1/4 across neighbouring bins), so no
rounded window touches the samples. Power, the mel sums and the logarithm are integers too: each
band's bins are scaled by a power of two of the band's own so that, again, nothing leaves 31 bits,
log2 is a bit length plus an interpolated table, and frames queue as centi-dB.
So a frame allocates nothing: in MicroPython every float is a heap object, and floats here made
about 110 KB of garbage a frame on a 64-bit port, which kept the collector busy in a small heap.
"""
import array
import math
import sys

import micropython
from micropython import const

try:
    from logmel import LogMel
    IMPLEMENTATION = 'native'
except ImportError:
    LogMel = None

MICROPYTHON = sys.implementation.name == 'micropython'
# True where the functions below compile with viper; `earmark bench frontend` measures a copy of
# this module without the decorators and with VIPER False (plain bytecode).
VIPER = MICROPYTHON
if not MICROPYTHON:
    ptr8 = ptr16 = ptr32 = None  # viper's annotations mean nothing to CPython

# viper reads ptr32 as unsigned on 64-bit ports: (v << _SIGN) >> _SIGN restores the sign there
# and is a no-op on 32-bit ports and in plain Python.
_SIGN = 32 if sys.maxsize > 2 ** 32 else 0
_Q30 = 1 << 30
_LOG_STEPS = const(64)        # log2(1 + i/64) tabulated, interpolated: within 0.0002 dB
_CENTI_DB = const(315652829)  # centi-dB per unit of log2, 1000 log10(2), times 2^20
_FLOOR = const(-10000)        # librosa's amin 1e-10 as centi-dB
_SHARED = {}   # configuration -> tables and scratch (see PyLogMel.__init__)
# The configuration the model bundles use (sample rate, FFT size, mels, fmin, fmax, htk, norm):
# its tables are frozen with the code (melbank.py).
DEFAULT_KEY = (16000, 512, 40, 0.0, 8000.0, False, 'slaney')


@micropython.viper
def _peak(x: ptr16, n: int) -> int:
    peak = 0
    for i in range(n):
        v = ((x[i] + 0x8000) & 0xffff) - 0x8000
        if v < 0:
            v = 0 - v
        if v > peak:
            peak = v
    return peak


@micropython.viper
def _copy(dst: ptr16, at: int, src: ptr8, start: int, n: int, width: int):
    # Samples start..start+n of src (an offset, not a slice: a slice is a heap object).
    # width 2: src is little-endian int16 bytes (ESP32 and x86-64 both are), any alignment;
    # width 1: src holds the int16 values (plain bytecode indexing an array('h'))
    if width == 2:
        for i in range(n):
            j = 2 * (start + i)
            dst[at + i] = (((src[j] | (src[j + 1] << 8)) + 0x8000) & 0xffff) - 0x8000
    else:
        for i in range(n):
            dst[at + i] = src[start + i]


@micropython.viper
def _shift(x: ptr16, hop: int, n: int):
    for i in range(n - hop):
        x[i] = x[i + hop]


@micropython.viper
def _load(z: ptr32, x: ptr16, m: int, shift: int):
    # The real frame read as m complex samples x[2i] + i*x[2i+1], placed in bit-reversed order.
    j = 0
    for i in range(m):
        z[2 * j] = (((x[2 * i] + 0x8000) & 0xffff) - 0x8000) << shift
        z[2 * j + 1] = (((x[2 * i + 1] + 0x8000) & 0xffff) - 0x8000) << shift
        bit = m >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j ^= bit


@micropython.viper
def _fft(z: ptr32, m: int, sine: ptr32, q: int, sg: int):
    # Radix-2 butterflies, halving after each stage so values stay below 2^27; x*t>>30 is built
    # from 15-bit halves of x and t so that no partial product reaches 2^31.
    size = 2
    while size <= m:
        half = size >> 1
        step = (2 * m) // size
        for j in range(half):
            k = j * step
            if k <= q:
                c = sine[q - k]
                s = sine[k]
            else:
                c = 0 - sine[k - q]
                s = sine[2 * q - k]
            ch = c >> 15
            cl = c & 32767
            sh = s >> 15
            sl = s & 32767
            i = j
            while i < m:
                a = 2 * i
                b = 2 * (i + half)
                br = (z[b] << sg) >> sg
                bi = (z[b + 1] << sg) >> sg
                xh = br >> 15
                xl = br & 32767
                yh = bi >> 15
                yl = bi & 32767
                tr = (xh * ch + ((xh * cl + xl * ch + ((xl * cl) >> 15)) >> 15)
                      + yh * sh + ((yh * sl + yl * sh + ((yl * sl) >> 15)) >> 15))
                ti = (yh * ch + ((yh * cl + yl * ch + ((yl * cl) >> 15)) >> 15)
                      - xh * sh - ((xh * sl + xl * sh + ((xl * sl) >> 15)) >> 15))
                ar = (z[a] << sg) >> sg
                ai = (z[a + 1] << sg) >> sg
                z[a] = (ar + tr + 1) >> 1
                z[a + 1] = (ai + ti + 1) >> 1
                z[b] = (ar - tr + 1) >> 1
                z[b + 1] = (ai - ti + 1) >> 1
                i += size
        size <<= 1


@micropython.viper
def _spectrum(z: ptr32, m: int, sine: ptr32, q: int, sg: int):
    # Splits the half-size complex FFT into the real frame's bins X[0..m] (z grows to 2m+2
    # values), then windows: Y[k] = (2X[k] - X[k-1] - X[k+1]) / 4, the periodic Hann window,
    # keeping |Re Y| and |Im Y|: the power needs no signs.
    zr = (z[0] << sg) >> sg
    zi = (z[1] << sg) >> sg
    z[0] = zr + zi
    z[1] = 0
    z[2 * m] = zr - zi
    z[2 * m + 1] = 0
    for k in range(1, (m >> 1) + 1):
        a = 2 * k
        b = 2 * (m - k)
        ar = (z[a] << sg) >> sg
        ai = (z[a + 1] << sg) >> sg
        br = (z[b] << sg) >> sg
        bi = (z[b + 1] << sg) >> sg
        er = (ar + br) >> 1
        ei = (ai - bi) >> 1
        dr = (ar - br) >> 1
        di = (ai + bi) >> 1
        if k <= q:
            c = sine[q - k]
            s = sine[k]
        else:
            c = 0 - sine[k - q]
            s = sine[2 * q - k]
        ch = c >> 15
        cl = c & 32767
        sh = s >> 15
        sl = s & 32767
        xh = di >> 15
        xl = di & 32767
        yh = dr >> 15
        yl = dr & 32767
        # T = W^k * (di - i*dr) with W^k = c - i*s
        tr = (xh * ch + ((xh * cl + xl * ch + ((xl * cl) >> 15)) >> 15)
              - yh * sh - ((yh * sl + yl * sh + ((yl * sl) >> 15)) >> 15))
        ti = 0 - (yh * ch + ((yh * cl + yl * ch + ((yl * cl) >> 15)) >> 15)
                  + xh * sh + ((xh * sl + xl * sh + ((xl * sl) >> 15)) >> 15))
        z[a] = er + tr
        z[a + 1] = ei + ti
        z[b] = er - tr
        z[b + 1] = ti - ei
    pr = (z[2] << sg) >> sg   # X[-1] = conj(X[1])
    pi = 0 - ((z[3] << sg) >> sg)
    for k in range(m + 1):
        cr = (z[2 * k] << sg) >> sg
        ci = (z[2 * k + 1] << sg) >> sg
        if k < m:
            nr = (z[2 * k + 2] << sg) >> sg
            ni = (z[2 * k + 3] << sg) >> sg
        else:
            nr = (z[2 * m - 2] << sg) >> sg   # X[m+1] = conj(X[m-1])
            ni = 0 - ((z[2 * m - 1] << sg) >> sg)
        yr = (2 * cr - pr - nr) >> 2
        yi = (2 * ci - pi - ni) >> 2
        if yr < 0:
            yr = 0 - yr
        if yi < 0:
            yi = 0 - yi
        z[2 * k] = yr
        z[2 * k + 1] = yi
        pr = cr
        pi = ci


@micropython.viper
def _mel(z: ptr32, bands: ptr32, weights: ptr32, sums: ptr32, n: int):
    # Band b's weighted power sum(w * (re^2 + im^2)) / 2^30 as sums[2b] * 2^sums[2b+1] with
    # sums[2b] < 2^30. A block exponent e leaves the band's largest |Re|/|Im| 14 bits, so a
    # square p is at most 2^29 and so is p * w >> 30 (w up to 2^30, multiplied in 15-bit halves
    # like the FFT's twiddles); the sum is kept as carry * 2^30 + total.
    w = 0
    for b in range(n):
        first = 2 * bands[3 * b]
        count = bands[3 * b + 1]
        top = 0
        for i in range(first, first + 2 * count):
            top |= z[i]      # as many bits as the largest
        e = -14
        while top:
            top >>= 1
            e += 1
        down = e if e > 0 else 0
        half = (1 << down) >> 1
        up = 0 - 2 * e if e < 0 else 0     # small values move up to keep the weights' precision
        carry = 0
        total = 0
        for j in range(count):
            re = (z[first + 2 * j] + half) >> down
            im = (z[first + 2 * j + 1] + half) >> down
            p = (re * re + im * im) << up
            ph = p >> 15
            pl = p & 32767
            wh = weights[w] >> 15
            wl = weights[w] & 32767
            total += ph * wh + ((ph * wl + pl * wh + ((pl * wl) >> 15)) >> 15)
            if total >> 30:   # not >= 1 << 30: no small int on a 32-bit port, viper rejects it
                total &= 0x3fffffff
                carry += 1
            w += 1
        extra = 0
        while carry >> extra:
            extra += 1
        if extra:
            total = (carry << (30 - extra)) | (total >> extra)
        sums[2 * b] = total
        sums[2 * b + 1] = 2 * e + extra


@micropython.viper
def _decibels(sums: ptr32, bands: ptr32, table: ptr32, out: ptr16, at: int, n: int,
              exponent: int, sg: int):
    # out[at + b] = 1000 log10(sums[2b] * 2^(sums[2b+1] + exponent) * band b's weight unit)
    # with log2 in Q16 from the sum's bit length and a table of log2(1 + i/64), floored at amin.
    for b in range(n):
        total = sums[2 * b]
        if total == 0:
            out[at + b] = _FLOOR
            continue
        bits = 0
        x = total
        while x:
            x >>= 1
            bits += 1
        f = (total << (30 - bits)) - (1 << 29)     # the mantissa's fraction, 29 bits
        i = f >> 23
        t = table[i] + (((table[i + 1] - table[i]) * ((f >> 8) & 32767)) >> 15)
        e = (sums[2 * b + 1] << sg) >> sg
        log2 = ((bits - 1 + e + exponent) << 16) + t + ((bands[3 * b + 2] << sg) >> sg)
        if log2 < -34 << 16:   # below amin (2^-33.2); and the product below stays in 31 bits
            out[at + b] = _FLOOR
            continue
        # log2 * _CENTI_DB >> 30 from 15-bit halves: 64 times the centi-dB, then rounded
        lh = log2 >> 15
        ll = log2 & 32767
        kh = _CENTI_DB >> 15
        kl = _CENTI_DB & 32767
        v = lh * kh + ((lh * kl + ll * kh + ((ll * kl) >> 15)) >> 15)
        v = (v + 32) >> 6
        out[at + b] = v if v > _FLOOR else _FLOOR


def _hz_to_mel(hz, htk):
    if htk:
        return 2595.0 * math.log10(1.0 + hz / 700.0)
    if hz >= 1000.0:
        return 15.0 + math.log(hz / 1000.0) / (math.log(6.4) / 27.0)
    return hz / (200.0 / 3)


def _mel_to_hz(mel, htk):
    if htk:
        return 700.0 * (10.0 ** (mel / 2595.0) - 1.0)
    if mel >= 15.0:
        return 1000.0 * math.exp(math.log(6.4) / 27.0 * (mel - 15.0))
    return mel * (200.0 / 3)


def _itemsize(buf):
    """Bytes per element of a buffer (MicroPython arrays do not say), None when empty."""
    if isinstance(buf, (bytes, bytearray)):
        return 1
    one = bytes(memoryview(buf)[:1])
    return len(one) or None


class PyLogMel:
    """Streaming log-mel spectrogram, the same API and numbers as the native module."""
    max_n_fft = 2048
    min_n_fft = 256

    def __init__(self, sample_rate=16000, n_fft=512, hop=256, n_mels=40, fmin=0.0, fmax=8000.0,
                 htk=False, norm='slaney', max_frames=8):
        if not (self.min_n_fft <= n_fft <= self.max_n_fft) or n_fft & (n_fft - 1):
            raise ValueError('n_fft must be a power of two from 256 to 2048')
        if not 1 <= hop <= n_fft:
            raise ValueError('hop must be from 1 to n_fft')
        if not 1 <= n_mels <= n_fft // 2 + 1:
            raise ValueError('n_mels must be from 1 to n_fft/2+1 (the FFT bins)')
        if not sample_rate > 0:
            raise ValueError('sample_rate must be positive')
        if not fmax <= sample_rate / 2:
            raise ValueError('fmax must not exceed sample_rate/2 (Nyquist)')
        if not 0 <= fmin < fmax:
            raise ValueError('fmin must be >= 0 and below fmax')
        if norm not in (None, 'slaney'):
            raise ValueError("norm must be None or 'slaney'")
        if not 1 <= max_frames <= 1024:
            raise ValueError('max_frames must be from 1 to 1024')
        m = n_fft // 2
        self.n_fft, self.hop, self.n_mels, self.max_frames = n_fft, hop, n_mels, max_frames
        self._m = m
        self._q = n_fft // 4
        self._stages = 0
        while (1 << self._stages) < m:
            self._stages += 1
        # each stage may grow values by (1 + sqrt 2) / 2 even though it halves them
        self._limit = int((1 << 27) / 1.2072 ** self._stages)
        # Tables, and the scratch a frame is computed in, are shared by instances of one
        # configuration (the pipeline's and a search's): a frame is computed in one go, with no
        # yield to the event loop, so two never use the scratch at once.
        key = (sample_rate, n_fft, n_mels, fmin, fmax, htk, norm)
        shared = _SHARED.get(key)
        if shared is None:
            shared = _SHARED[key] = self.tables(*key)
        self._sine, self._z, self._sums, self._log2, self._bands, self._weights = shared
        self._samples = array.array('h', bytes(2 * n_fft))
        self._fill = 0
        self._queue = array.array('h', bytes(2 * n_mels * max_frames))   # centi-dB
        self._head = self._ready = 0
        self._checked = self._out = None
        self.state_size = sum(_itemsize(a) * len(a) for a in (
            self._sine, self._samples, self._z, self._sums, self._log2, self._bands,
            self._weights, self._queue))

    @staticmethod
    def tables(sample_rate, n_fft, n_mels, fmin, fmax, htk, norm):
        """(sine, z, sums, log2, bands, weights): the constant tables and the scratch of a
        configuration. The default's constant ones come from melbank.py, frozen with the code
        (no heap: viper reads them in place); plain Python indexes bytes as bytes, so it
        computes them, as for any other configuration."""
        z = array.array('i', bytes(4 * (n_fft + 2)))
        sums = array.array('i', bytes(8 * n_mels))
        if VIPER and (sample_rate, n_fft, n_mels, fmin, fmax, htk, norm) == DEFAULT_KEY:
            import melbank
            if melbank.KEY == DEFAULT_KEY:
                return melbank.SINE, z, sums, melbank.LOG2, melbank.BANDS, melbank.WEIGHTS
        sine = array.array('i', (round(math.sin(2 * math.pi * k / n_fft) * _Q30)
                                 for k in range(n_fft // 4 + 1)))
        log2 = array.array('i', (round(math.log(1 + i / _LOG_STEPS) / math.log(2) * 65536)
                                 for i in range(_LOG_STEPS + 1)))
        bands = array.array('i', bytes(12 * n_mels))
        weights = array.array('i')
        for b, (first, ws) in enumerate(PyLogMel._filterbank(sample_rate, n_fft, n_mels, fmin,
                                                             fmax, htk, norm)):
            # each band's weights in units of its largest / 2^30, that unit's log2 in Q16
            top = max(ws) if ws else 1.0
            ints = [round(w * _Q30 / top) for w in ws]
            while ints and not ints[-1]:   # e.g. 1e-17 at Nyquist: a loud bin there would
                ints.pop()                 # set the block exponent for nothing
            while ints and not ints[0]:
                ints.pop(0)
                first += 1
            bands[3 * b] = first
            bands[3 * b + 1] = len(ints)
            bands[3 * b + 2] = round(math.log(top) / math.log(2) * 65536)
            weights.extend(ints)
        return sine, z, sums, log2, bands, array.array('i', weights)  # a grown array has spare room

    @staticmethod
    def _filterbank(sample_rate, n_fft, n_mels, fmin, fmax, htk, norm):
        """Yields the nonzero weights of librosa.filters.mel band after band, each with its
        first bin."""
        lo, hi = _hz_to_mel(fmin, htk), _hz_to_mel(fmax, htk)
        points = [_mel_to_hz(lo + (hi - lo) * i / (n_mels + 1), htk) for i in range(n_mels + 2)]
        for b in range(n_mels):
            f0, f1, f2 = points[b:b + 3]
            scale = 2.0 / (f2 - f0) if norm else 1.0
            first, weights = 0, []
            for k in range(n_fft // 2 + 1):
                f = k * sample_rate / n_fft
                w = min((f - f0) / (f1 - f0), (f2 - f) / (f2 - f1))
                if w > 0:
                    if not weights:
                        first = k
                    weights.append(w * scale)
                elif weights:
                    break
            yield first, weights

    def _frames_in(self, n):
        total = self._fill + n
        return 0 if total < self.n_fft else (total - self.n_fft) // self.hop + 1

    def push(self, samples):
        """Adds int16 PCM (array('h') or bytes-like) of any length; returns frames ready."""
        if samples is not self._checked:
            try:
                size = _itemsize(samples)
            except TypeError:
                size = 0
            if size not in (1, 2, None):
                raise ValueError("samples must be an int16 buffer: array('h') or bytes")
            self._checked = samples
            self._bytewise = size == 1
        if self._bytewise:
            if len(samples) % 2:
                raise ValueError('samples: odd number of bytes is not int16 PCM')
            n = len(samples) // 2
        else:
            n = len(samples)
        if self._ready + self._frames_in(n) > self.max_frames:
            raise ValueError('push would complete more frames than max_frames: pop() first or '
                             'push fewer samples')
        if MICROPYTHON:
            view = samples
            width = 2 if self._bytewise or VIPER else 1     # viper's ptr8 always sees bytes
        else:
            view = memoryview(samples).cast('B')
            width = 2
        done = 0
        while done < n:
            take = min(self.n_fft - self._fill, n - done)
            _copy(self._samples, self._fill, view, done, take, width)
            self._fill += take
            done += take
            if self._fill == self.n_fft:
                self._frame()
                _shift(self._samples, self.hop, self.n_fft)
                self._fill = self.n_fft - self.hop
        return self._ready

    def _frame(self):
        peak = _peak(self._samples, self.n_fft)
        shift = 0
        while peak and (peak << (shift + 1)) < self._limit:
            shift += 1
        m = self._m
        _load(self._z, self._samples, m, shift)
        _fft(self._z, m, self._sine, self._q, _SIGN)
        _spectrum(self._z, m, self._sine, self._q, _SIGN)
        _mel(self._z, self._bands, self._weights, self._sums, self.n_mels)
        slot = self._head + self._ready
        if slot >= self.max_frames:
            slot -= self.max_frames
        # the exponent undoes the block scaling and librosa's 1/32768, both powers of two
        _decibels(self._sums, self._bands, self._log2, self._queue, slot * self.n_mels,
                  self.n_mels, 2 * (self._stages - shift) - 30, _SIGN)
        self._ready += 1

    def pop(self, out):
        """Oldest ready frame into `out`: array('f') gets dB, array('h') centi-dB. False if none."""
        if out is not self._out or len(out) != self.n_mels:
            self._in_db = self._check_out(out)   # the check allocates: once per buffer
            self._out = out
        if not self._ready:
            return False
        at = self._head * self.n_mels
        queue = self._queue
        if self._in_db:
            for b in range(self.n_mels):
                out[b] = queue[at + b] / 100
        else:
            for b in range(self.n_mels):
                out[b] = queue[at + b]
        self._head = 0 if self._head + 1 == self.max_frames else self._head + 1
        self._ready -= 1
        return True

    def _check_out(self, out):
        """True for array('f'), False for array('h'), else ValueError."""
        try:
            size = _itemsize(out)
        except TypeError:
            size = 0
        if isinstance(out, bytes) or size is None or len(out) != self.n_mels or not (
                size == 4 and isinstance(out[0], float) or size == 2 and not isinstance(out[0], float)):
            raise ValueError("out must be a writable array('f') or array('h') of n_mels=%d values"
                             % self.n_mels)
        return size == 4

    def reset(self):
        """Forgets buffered samples and ready frames (e.g. after a gap in the audio)."""
        self._fill = self._head = self._ready = 0


if LogMel is None:
    LogMel = PyLogMel
    IMPLEMENTATION = 'viper' if VIPER else 'python'


def frames(logmel, samples, out):
    """Yields `out` filled with each frame of `samples` (array('h') of any length), pushing no
    more at a time than the queue can hold."""
    step = logmel.max_frames * logmel.hop
    view = memoryview(samples)
    for i in range(0, len(samples), step):
        logmel.push(view[i:i + step])
        while logmel.pop(out):
            yield out
