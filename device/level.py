"""Sound level (dBFS) and the microphone's health: dead, silent or clipping.

`update(chunk, energies)` measures each chunk once: its level, peak and clipped samples, and, for
the segmenter, the energy of every `hop`-sample frame in centi-dB (int, so nothing is allocated
per frame). A dead microphone (all zeros or a stuck value) is told apart from a quiet room by
the input being exactly constant; a silent one by a level lower than any real room's noise.
"""
import math
import sys
from array import array

import micropython

FLOOR_CDB = -12000     # energy of digital silence in centi-dBFS (-120 dB)
_FULL = 32768 * 32768


def cdb(sumsq, n):
    """Mean power of n int16 samples with square sum `sumsq`, in centi-dBFS."""
    if sumsq <= 0:
        return FLOOR_CDB
    return max(FLOOR_CDB, int(1000 * math.log10(sumsq / (n * _FULL))))


class Level:
    """Settings are class attributes; status is 'ok', 'dead', 'clipping' or 'silent'."""
    HOP = 256              # samples per energy frame (the front end's hop)
    CLIP_LEVEL = 32000     # |sample| at or above this counts as clipped
    CLIP_RATIO = 0.01      # clipped fraction over CLIP_SECONDS that flags 'clipping'
    CLIP_SECONDS = 2.0
    DEAD_SECONDS = 5.0     # constant input this long: 'dead'
    SILENT_DBFS = -85.0    # below this for SILENT_SECONDS: 'silent' (rooms are louder than that)
    SILENT_SECONDS = 30.0

    def __init__(self, rate=16000, hop=None):
        self.rate = rate
        self.hop = hop or self.HOP
        self.dbfs = FLOOR_CDB / 100       # level of the last chunk
        self.peak = 0                     # largest |sample| since the last summary()
        self.clip_ratio = 0.0             # over the last complete CLIP_SECONDS
        self.status = 'ok'
        self.clipped = 0                  # clipped samples, ever
        self._stats = array('i', [0] * 5)
        self._const_value = None
        self._const = 0                   # samples of unchanged constant input
        self._quiet = 0                   # samples below SILENT_DBFS
        self._clip_n = 0
        self._clip_total = 0

    def update(self, chunk, energies=None):
        """Measures a chunk; fills `energies` (array('h'), one per hop frame) when given and
        returns how many frames it filled."""
        n = len(chunk)
        frames = n // self.hop if energies is not None else 0
        if frames and n % self.hop:
            raise ValueError('level: chunk of %d samples is not whole %d-sample frames'
                             % (n, self.hop))
        hi = lo = clipped = 0
        top = -32768
        bottom = 32767
        step = self.hop if frames else n
        s = self._stats
        for f in range(frames if frames else 1):
            _measure(chunk, f * step, step, self.CLIP_LEVEL, s)
            if frames:
                energies[f] = cdb(s[0] * 65536 + s[1], step)
            hi += s[0]
            lo += s[1]
            clipped += s[2]
            if s[3] < bottom:
                bottom = s[3]
            if s[4] > top:
                top = s[4]
        self.dbfs = cdb(hi * 65536 + lo, n) / 100
        peak = max(top, -bottom)
        if peak > self.peak:
            self.peak = peak
        self.clipped += clipped
        self._judge(n, clipped, top == bottom, top)
        return frames

    def _judge(self, n, clipped, constant, value):
        if constant and value == self._const_value:
            self._const += n
        else:
            self._const = n if constant else 0
            self._const_value = value if constant else None
        self._quiet = self._quiet + n if self.dbfs < self.SILENT_DBFS else 0
        self._clip_n += n
        self._clip_total += clipped
        if self._clip_n >= self.CLIP_SECONDS * self.rate:
            self.clip_ratio = self._clip_total / self._clip_n
            self._clip_n = self._clip_total = 0
        if self._const >= self.DEAD_SECONDS * self.rate:
            self.status = 'dead'
        elif self.clip_ratio > self.CLIP_RATIO:
            self.status = 'clipping'
        elif self._quiet >= self.SILENT_SECONDS * self.rate:
            self.status = 'silent'
        else:
            self.status = 'ok'

    def summary(self):
        """The meter's state for logs and the API; starts a new peak interval."""
        peak = self.peak
        self.peak = 0
        return {'dbfs': round(self.dbfs, 1),
                'peak_dbfs': round(cdb(peak * peak, 1) / 100, 1),
                'clip_ratio': round(self.clip_ratio, 4), 'clipped': self.clipped,
                'status': self.status}


if sys.implementation.name == 'micropython':
    @micropython.viper
    def _measure(buf, start: int, n: int, clip: int, out):
        # The square sum is split in 16-bit halves: a 32-bit word holds one square, not two.
        p = ptr16(buf)
        o = ptr32(out)
        hi = 0
        lo = 0
        clipped = 0
        top = -32768
        bottom = 32767
        for i in range(start, start + n):
            v = int(p[i])
            if v & 0x8000:
                v -= 0x10000
            sq = v * v
            hi += sq >> 16
            lo += sq & 0xFFFF
            if v >= clip or v <= -clip:
                clipped += 1
            if v > top:
                top = v
            if v < bottom:
                bottom = v
        o[0] = hi + (lo >> 16)
        o[1] = lo & 0xFFFF
        o[2] = clipped
        o[3] = bottom
        o[4] = top
else:
    def _measure(buf, start, n, clip, out):
        sumsq = clipped = 0
        top = -32768
        bottom = 32767
        for v in buf[start:start + n]:
            sumsq += v * v
            if v >= clip or v <= -clip:
                clipped += 1
            if v > top:
                top = v
            if v < bottom:
                bottom = v
        out[0] = sumsq >> 16
        out[1] = sumsq & 0xFFFF
        out[2] = clipped
        out[3] = bottom
        out[4] = top
