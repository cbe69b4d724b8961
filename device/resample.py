"""A WAV upload (POST /api/search) at 8 to 48 kHz, mono or stereo, read as the 16 kHz mono
16-bit WAV the front end takes, a piece at a time: the body is never held whole, and the heap
it takes is a few pieces whatever its length. Imported with the search, so it costs nothing
the rest of the time.

Channels are averaged. Output samples are interpolated linearly between their two input
neighbours (a device's own 8 kHz clip.wav); from 24 kHz up each input sample is first the mean
of the 2h + 1 around it, h half the ratio of the rates (a box filter against aliasing: some is
left, which a search by embedding shrugs off).
Positions are kept as a whole input index and a remainder in 1/16000ths, so no product grows
past a small int (a big int would take heap on every sample).
"""
import struct
from array import array

RATE = 16000
PIECE = 512   # input bytes read at a time


class Resampled:
    """read(n) gives the upload as a 16 kHz mono 16-bit WAV (its header first); `length` the
    bytes it will give in all, known once the upload's header was read (opened())."""

    def __init__(self, stream, length):
        self._stream = stream
        self._left = length   # bytes of the body not read yet
        self._out = b''       # bytes ready to give
        self._mono = array('h')
        self._base = 0        # input index of self._mono[0]
        self._i = 0           # input index of the next output sample, and its remainder
        self._f = 0
        self.length = None

    async def _bytes(self, n):
        data = b''
        while len(data) < n and self._left > 0:
            piece = self._stream.read(min(n - len(data), self._left))
            if hasattr(piece, 'send'):
                piece = await piece
            if not piece:
                self._left = 0
                break
            self._left -= len(piece)
            data += piece
        return data

    async def opened(self):
        """Reads the upload's header; ValueError (one line) when it is not a WAV taken."""
        head = await self._bytes(12)
        if len(head) < 12 or head[:4] != b'RIFF' or head[8:12] != b'WAVE':
            raise ValueError('upload: not a WAV file (no RIFF/WAVE header)')
        fmt = None
        while True:
            tag = await self._bytes(8)
            if len(tag) < 8:
                raise ValueError('upload: WAV file has no data chunk')
            name, size = tag[:4], struct.unpack('<I', tag[4:])[0]
            if name == b'data':
                break
            body = await self._bytes(min(size, 16))
            skip = size + (size & 1) - len(body)
            while skip > 0:                   # the rest of a chunk not needed: read, dropped
                got = len(await self._bytes(min(skip, PIECE)))
                if not got:
                    raise ValueError('upload: WAV file ends inside its header')
                skip -= got
            if name == b'fmt ':
                if len(body) < 16:
                    raise ValueError('upload: WAV fmt chunk too short')
                fmt = struct.unpack('<HHIIHH', body)
        if fmt is None:
            raise ValueError('upload: WAV data chunk before fmt chunk')
        kind, channels, rate, _, _, bits = fmt
        if kind not in (1, 0xFFFE) or bits != 16 or channels not in (1, 2) or \
                not 8000 <= rate <= 48000:
            raise ValueError('upload: %d Hz, %d channel(s), %d bits, format %d; 16-bit PCM at '
                             '8 to 48 kHz, mono or stereo, is taken' % (rate, channels, bits,
                                                                         kind))
        self._channels, self._rate = channels, rate
        self._frames = min(size, self._left) // (2 * channels)
        self._data = self._frames * 2 * channels   # bytes of audio still to read
        self._todo = self._frames * RATE // rate    # samples still to give
        # Above 16 kHz, each input sample is first the mean of its neighbours as far as half an
        # output sample's span: a box filter against aliasing, centred so nothing is delayed.
        self._half = (rate + RATE // 2) // RATE // 2
        n = 2 * self._todo
        self._out = b'RIFF' + struct.pack('<I', 36 + n) + b'WAVEfmt ' + struct.pack(
            '<IHHIIHH', 16, 1, 1, RATE, 2 * RATE, 2, 16) + b'data' + struct.pack('<I', n)
        self.length = 44 + n

    async def read(self, n=-1):
        if self.length is None:
            await self.opened()
        if n < 0:
            n = self.length
        while len(self._out) < n and self._todo > 0:
            await self._more()
        piece, self._out = self._out[:n], self._out[n:]
        return piece

    async def _more(self):
        frame = 2 * self._channels
        raw = await self._bytes(min(PIECE // frame * frame, self._data))
        self._data -= len(raw)
        end = len(raw) // frame * frame
        if self._channels == 1 and self._rate == RATE:   # already as the front end takes it
            self._todo -= end // 2
            self._out += raw[:end]
            if not end:
                self._todo = 0
            return
        samples = array('h', raw[:end])
        if self._channels == 2:
            samples = array('h', [(samples[k] + samples[k + 1]) >> 1
                                  for k in range(0, len(samples), 2)])
        self._mono.extend(samples)
        self._out += self._produce(final=not end or self._data <= 0)

    def _produce(self, final):
        mono, base, rate, h = self._mono, self._base, self._rate, self._half
        end = base + len(mono)
        last = len(mono) - 1
        out = array('h')
        i, f, todo = self._i, self._f, self._todo
        while todo > 0:
            if i + 1 + h >= end and not final:
                break
            # this input sample and the next, each the mean of its 2h + 1 neighbours
            a = b = 0
            for k in range(i - h - base, i + h + 1 - base):
                a += mono[min(max(k, 0), last)] if last >= 0 else 0
                b += mono[min(max(k + 1, 0), last)] if last >= 0 else 0
            n = 2 * h + 1
            out.append((a * RATE + (b - a) * f) // (n * RATE))
            f += rate
            while f >= RATE:
                f -= RATE
                i += 1
            todo -= 1
        self._i, self._f, self._todo = i, f, todo
        keep = max(0, min(i - h, end) - base)
        self._mono = mono[keep:]
        self._base = base + keep
        return bytes(out)
