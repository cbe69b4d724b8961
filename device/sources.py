"""Where audio comes from: an I2S microphone, a WAV file, or raw PCM on standard input.

Every source is read the same way, `chunk = await source.read()` (or `async for chunk in source`):
an array('h') of `chunk` samples at 16 kHz, mono, owned by the source and valid until the next read;
None at the end of a file. `position` is the stream sample index of the first sample of the chunk
just returned; it counts audio that was dropped, so times stay true to the microphone's clock.
`overruns` counts chunks dropped because the consumer fell behind a live (or paced) stream.
"""
import sys
from array import array

import asyncio
import micropython

import compat
from config import Config

if sys.implementation.name != 'micropython':
    def ptr16(buf):   # viper's pointer: CPython indexes the array itself
        return buf

RATE = 16000

_sleep_ms = getattr(asyncio, 'sleep_ms', None) or (lambda ms: asyncio.sleep(ms / 1000))


class Source:
    """The common part: stream position, overrun count, and the clock of a live stream."""
    CHUNK = 1024          # samples per chunk (64 ms): four front-end hops
    BUFFERED = 8          # chunks a live stream holds for a slow consumer before dropping audio

    def __init__(self, chunk=None, speed=0.0):
        self.chunk = chunk or self.CHUNK
        self.speed = speed      # > 0: the stream runs on a clock, `speed` times real time
        self.position = -self.chunk
        self.chunks = 0         # chunks delivered
        self.overruns = 0       # chunks dropped
        self._next = 0          # stream index of the next chunk
        self._t0 = None

    def __aiter__(self):
        return self

    async def __anext__(self):
        chunk = await self.read()
        if chunk is None:
            raise StopAsyncIteration
        return chunk

    def _chunk_ms(self):
        return self.chunk * 1000 / RATE / self.speed

    def _due(self, index):
        """Milliseconds from the clock's start until chunk `index` exists in the live stream."""
        return int(index * self._chunk_ms())

    def _behind(self, slack_ms):
        """How many chunks the consumer is late beyond `slack_ms`: a live stream lost those."""
        if self._t0 is None:
            self._t0 = compat.ticks_ms()
            return 0
        late = compat.ticks_diff(compat.ticks_ms(), self._t0) - self._due(self._next) - slack_ms
        return int(late / self._chunk_ms()) + 1 if late > 0 else 0

    def _deliver(self, chunk):
        self.position = self._next * self.chunk
        self._next += 1
        self.chunks += 1
        return chunk

    def status(self):
        return {'source': self.NAME, 'position': self.position, 'chunks': self.chunks,
                'overruns': self.overruns}

    def close(self):
        pass


class WavSource(Source):
    """A 16 kHz mono 16-bit PCM WAV file. With `speed` > 0 it plays like a microphone would:
    paced at `speed` times real time, dropping what a slow consumer misses; speed 0 reads as fast
    as the consumer goes and never drops. The last chunk is padded with silence; `samples` is
    the file's true length."""
    NAME = 'wav'

    def __init__(self, path, chunk=None, speed=0.0):
        super().__init__(chunk, speed)
        self.path = path
        self._file = open(path, 'rb')
        try:
            self.samples, self._data = self._header(self._file, path)
        except Exception:
            self._file.close()
            raise
        self._buf = array('h', bytes(2 * self.chunk))
        self._mv = memoryview(self._buf)

    @staticmethod
    def _header(f, path):
        """(samples, data offset) after checking the format; ValueError naming the file if not
        16 kHz mono 16-bit PCM."""
        import struct
        head = f.read(12)
        if len(head) < 12 or head[:4] != b'RIFF' or head[8:12] != b'WAVE':
            raise ValueError('%s: not a WAV file (no RIFF/WAVE header)' % path)
        fmt = None
        offset = 12
        while True:
            tag = f.read(8)
            if len(tag) < 8:
                raise ValueError('%s: WAV file has no data chunk' % path)
            name, size = tag[:4], struct.unpack('<I', tag[4:])[0]
            offset += 8
            if name == b'fmt ':
                if size < 16:
                    raise ValueError('%s: WAV fmt chunk too short' % path)
                fmt = struct.unpack('<HHIIHH', f.read(16))
                f.seek(offset + size + (size & 1))
            elif name == b'data':
                if fmt is None:
                    raise ValueError('%s: WAV data chunk before fmt chunk' % path)
                break
            else:
                f.seek(offset + size + (size & 1))
            offset += size + (size & 1)
        check_format(fmt, path)
        return size // 2, offset

    async def read(self):
        if self.speed > 0:
            lost = self._behind(self.BUFFERED * self._chunk_ms())
            if lost:
                self.overruns += lost
                self._next += lost
            wait = self._due(self._next) - compat.ticks_diff(compat.ticks_ms(), self._t0)
            if wait > 0:
                await _sleep_ms(wait)
        start = self._next * self.chunk
        if start >= self.samples:
            return None
        self._file.seek(self._data + 2 * start)
        got = self._file.readinto(self._mv) // 2
        if got < self.chunk:
            _fill(self._buf, got, self.chunk)
        if self.speed <= 0:
            await _sleep_ms(0)  # let the server run between chunks even at full speed
        return self._deliver(self._buf)

    def close(self):
        self._file.close()


class StdinSource(Source):
    """Raw 16-bit little-endian mono PCM at 16 kHz on standard input, e.g. from
    `arecord -f S16_LE -r 16000 -c 1 -t raw`. The producer is live: when data arrives later than
    the wall clock says it should by more than SLACK_MS, the producer dropped audio (arecord's
    "overrun!!!") and the position jumps ahead so event times stay true."""
    NAME = 'stdin'
    SLACK_MS = 1000       # arrival jitter tolerated before audio counts as lost
    # Bytes per read. MicroPython's readinto waits until it has all it asked for, and a pipe
    # gives no count of what is waiting: a read larger than what the producer last wrote
    # would hold the whole appliance (the HTTP server too) until its next write. Producers
    # write whole multiples of 16 samples (arecord periods, earmark's test microphone).
    BLOCK = 32
    POLL_MS = 10

    def __init__(self, chunk=None, stream=None, live=True):
        super().__init__(chunk, speed=1.0 if live else 0.0)
        self._stream = stream or getattr(sys.stdin.buffer, 'raw', sys.stdin.buffer)
        self._buf = array('h', bytes(2 * self.chunk))
        self._mv = _byte_view(self._buf)
        self._bytes = 2 * self.chunk
        import select
        self._poll = select.poll()
        self._poll.register(self._stream, select.POLLIN)
        self._have = 0

    async def read(self):
        while self._have < self._bytes:
            if not self._poll.poll(0):
                await _sleep_ms(self.POLL_MS)
                continue
            n = _readinto(self._stream, self._mv, self._have, min(self.BLOCK, self._bytes - self._have))
            if not n:
                if self._have:  # a partial chunk at the end: pad with silence
                    _fill(self._buf, self._have // 2, self.chunk)
                    self._have = self._bytes
                    break
                return None
            self._have += n
        self._have = 0
        if self.speed > 0:
            lost = self._behind(self.SLACK_MS)
            if lost:
                self.overruns += lost
                self._next += lost
        return self._deliver(self._buf)


class I2SSource(Source):
    """The I2S MEMS microphone on an ESP32 via machine.I2S, as device/config.py's Config sets it
    up: i2s_id, the i2s_sck/i2s_ws/i2s_sd pins, i2s_ibuf, mic_shift and microphone. Read without
    blocking: an `irq` callback collects each filled buffer and re-arms the next read, so the
    asyncio loop (and the HTTP server) never waits on the microphone. Filled chunks queue in
    SLOTS preallocated arrays; when all are full the newest audio is dropped and counted.
    `i2s` stands in for machine.I2S (tests)."""
    NAME = 'i2s'
    SLOTS = 4

    def __init__(self, chunk=None, i2s=None):
        super().__init__(chunk)
        self._gain = 16 - Config.mic_shift
        if not 0 <= self._gain <= 8:
            raise ValueError('mic_shift must be 8..16, got %r' % Config.mic_shift)
        # The SPH0645 clocks its data out one bit late for the ESP32 (hardware/README.md).
        self._late = 1 if Config.microphone == 'sph0645' else 0
        if i2s is None:
            from machine import I2S, Pin
            i2s = I2S(Config.i2s_id, sck=Pin(Config.i2s_sck), ws=Pin(Config.i2s_ws),
                      sd=Pin(Config.i2s_sd), mode=I2S.RX, bits=32, format=I2S.MONO, rate=RATE,
                      ibuf=Config.i2s_ibuf)
        self._i2s = i2s
        self._raw = array('h', bytes(4 * self.chunk))
        self._slots = [array('h', bytes(2 * self.chunk)) for _ in range(self.SLOTS)]
        self._index = [0] * self.SLOTS   # stream index of the chunk in each slot
        self._head = 0
        self._count = 0
        self._produced = 0
        self._flag = asyncio.ThreadSafeFlag()
        i2s.irq(self._filled)
        i2s.readinto(self._raw)

    def _filled(self, _):
        # Runs as a scheduled callback: no allocation, then re-arm at once.
        if self._count == self.SLOTS:
            self.overruns += 1
        else:
            slot = (self._head + self._count) % self.SLOTS
            narrow(self._raw, self._slots[slot], self.chunk, self._gain, self._late)
            self._index[slot] = self._produced
            self._count += 1
        self._produced += 1
        self._i2s.readinto(self._raw)
        self._flag.set()

    async def read(self):
        while not self._count:
            await self._flag.wait()
        slot = self._head
        self._head = (slot + 1) % self.SLOTS
        self._count -= 1
        self._next = self._index[slot]
        return self._deliver(self._slots[slot])

    def close(self):
        self._i2s.irq(None)
        self._i2s.deinit()


def check_format(fmt, name):
    """ValueError naming the file unless the WAV fmt fields (tag, channels, rate, byte rate,
    block align, bits) say 16 kHz mono 16-bit PCM."""
    tag, channels, rate, _, _, bits = fmt
    if tag not in (1, 0xFFFE) or bits != 16 or channels != 1 or rate != RATE:
        raise ValueError('%s: need 16 kHz mono 16-bit PCM WAV, got %d Hz, %d channel(s), '
                         '%d bits, format %d' % (name, rate, channels, bits, tag))


def open_source(spec, chunk=None, speed=0.0):
    """'i2s', '-' (standard input) or a WAV file path -> a Source."""
    if spec == 'i2s':
        return I2SSource(chunk)
    if spec == '-':
        return StdinSource(chunk)
    return WavSource(spec, chunk, speed)


def _readinto(stream, mv, offset, n):
    """One read of up to n bytes into mv[offset:]; 0 at the end of the stream."""
    if sys.implementation.name == 'micropython':
        return stream.readinto(mv[offset:], n) or 0
    return stream.readinto(mv[offset:offset + n]) or 0


def _byte_view(buf):
    """A memoryview of an array's bytes, so reads can end mid-sample."""
    if sys.implementation.name == 'micropython':
        import uctypes
        return memoryview(uctypes.bytearray_at(uctypes.addressof(buf), len(buf) * 2))
    return memoryview(buf).cast('B')


def _fill(buf, start, end):
    for i in range(start, end):
        buf[i] = 0


@micropython.viper
def narrow(raw, out, n: int, gain: int, late: int):
    """n 32-bit I2S slots in `raw` (an array('h') of 2n) to int16 in `out`: the sample's top 16
    bits, shifted left by `gain` (0..8) with the bits below moving in, saturated. A microphone
    whose data comes `late` bits late leaves as many bits of the slot before at the top of
    each slot: they are dropped and the sample moved up by as many bits."""
    src = ptr16(raw)
    dst = ptr16(out)
    sign = 0x8000 >> late     # the sample's sign bit in the slot's high half
    shift = gain + late
    for i in range(n):
        # Little-endian: the slot's high half is the second int16. Masks make both viper's
        # unsigned and CPython's signed reads give the same bits.
        h = int(src[2 * i + 1]) & (2 * sign - 1)
        if h & sign:
            h -= 2 * sign
        v = h << shift
        if shift:
            v += (int(src[2 * i]) & 0xFFFF) >> (16 - shift)
        if v > 32767:
            v = 32767
        elif v < -32768:
            v = -32768
        dst[i] = v
