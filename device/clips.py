"""Clips: a few seconds of audio per event (pre-roll included), IMA-ADPCM at 4 bits a sample.

One file per clip, `clips/<id as 8 hex digits>.adp`, so the oldest clips can go one by one while
chosen ones (locked events, the newest per label) stay. A clip is written under a temporary name
and renamed, so a power cut never leaves half a clip. A header (with its CRC) and blocks of
BLOCK_SAMPLES samples, each carrying the coder's state and its own CRC: a flipped bit silences
one block (reported), not the clip. Export is a 16-bit PCM WAV, produced in small chunks so a
long clip never has to fit in RAM.
"""
import os
import struct
import sys
from array import array

import micropython

import storefile

if sys.implementation.name != 'micropython':
    ptr8 = ptr16 = ptr32 = memoryview  # viper's pointer types; the annotations need names in CPython

HEADER = '<4sII'  # magic, sample rate, samples; then a CRC
HEADER_SIZE = 12 + 4
MAGIC = b'EMA2'
BLOCK = '<hBBH'  # the coder's state at the block's start (predictor, step index), 0, samples
BLOCK_HEAD = 6
BLOCK_SAMPLES = 512
BLOCK_SIZE = BLOCK_HEAD + BLOCK_SAMPLES // 2 + 4  # a full block and its CRC (seeded with its number)
DIR = 'clips'

# IMA-ADPCM step sizes (the standard table).
STEPS = array('H', [
    7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66,
    73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408,
    449, 494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066,
    2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630,
    9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794,
    32767])


@micropython.viper
def _encode(src: ptr8, at: int, n: int, dst: ptr8, steps: ptr16, state: ptr32):
    """n int16 samples (little-endian bytes) from sample `at` -> n/2 bytes, low nibble first.
    state holds the predictor + 32768 and the step index, carried from one chunk to the next."""
    pred = int(state[0]) - 32768
    index = int(state[1])
    i = 0
    while i < n:
        s = int(src[2 * (at + i)]) | (int(src[2 * (at + i) + 1]) << 8)
        if s & 0x8000:
            s -= 0x10000
        step = int(steps[index])
        diff = s - pred
        code = 0
        if diff < 0:
            code = 8
            diff = 0 - diff
        delta = step >> 3
        if diff >= step:
            code |= 4
            diff -= step
            delta += step
        step >>= 1
        if diff >= step:
            code |= 2
            diff -= step
            delta += step
        step >>= 1
        if diff >= step:
            code |= 1
            delta += step
        if code & 8:
            pred -= delta
        else:
            pred += delta
        if pred > 32767:
            pred = 32767
        elif pred < -32768:
            pred = -32768
        c = code & 7
        if c < 4:
            index -= 1
        else:
            index += (c - 3) * 2
        if index < 0:
            index = 0
        elif index > 88:
            index = 88
        if i & 1:
            dst[i >> 1] = int(dst[i >> 1]) | (code << 4)
        else:
            dst[i >> 1] = code
        i += 1
    state[0] = pred + 32768
    state[1] = index


@micropython.viper
def _decode(src: ptr8, n: int, dst: ptr8, steps: ptr16, state: ptr32):
    """n samples from n/2 bytes of IMA-ADPCM -> int16 little-endian bytes in dst."""
    pred = int(state[0]) - 32768
    index = int(state[1])
    i = 0
    while i < n:
        code = int(src[i >> 1])
        if i & 1:
            code >>= 4
        code &= 15
        step = int(steps[index])
        delta = step >> 3
        if code & 4:
            delta += step
        if code & 2:
            delta += step >> 1
        if code & 1:
            delta += step >> 2
        if code & 8:
            pred -= delta
        else:
            pred += delta
        if pred > 32767:
            pred = 32767
        elif pred < -32768:
            pred = -32768
        c = code & 7
        if c < 4:
            index -= 1
        else:
            index += (c - 3) * 2
        if index < 0:
            index = 0
        elif index > 88:
            index = 88
        dst[2 * i] = pred & 0xff
        dst[2 * i + 1] = (pred >> 8) & 0xff
        i += 1
    state[0] = pred + 32768
    state[1] = index


def path(root, ident):
    return '%s/%s/%08x.adp' % (root, DIR, ident)


def stored_size(samples):
    full, rest = divmod(samples, BLOCK_SAMPLES)
    return HEADER_SIZE + full * BLOCK_SIZE + (BLOCK_HEAD + (rest + 1) // 2 + 4 if rest else 0)


class Encoder:
    """Encodes int16 samples, in calls of any (even) size, into checked blocks written to f.
    Each block starts with the coder's state, so a damaged block costs only its own samples."""

    def __init__(self, f):
        self.f = f
        self.samples = 0
        self._state = array('i', [32768, 0])
        self._block = bytearray(BLOCK_SIZE)
        self._filled = 0    # samples in the block being filled
        self._n = 0         # blocks written

    def add(self, raw, at, n):
        """Encodes n samples of raw (int16 little-endian bytes) from sample `at`."""
        block = self._block
        while n > 0:
            if not self._filled:
                struct.pack_into(BLOCK, block, 0, self._state[0] - 32768, self._state[1], 0, 0)
            k = min(BLOCK_SAMPLES - self._filled, n)
            _encode(raw, at, k, memoryview(block)[BLOCK_HEAD + self._filled // 2:], STEPS,
                    self._state)
            self._filled += k
            self.samples += k
            at += k
            n -= k
            if self._filled == BLOCK_SAMPLES:
                self._put()

    def end(self):
        """Writes the last, partly filled block."""
        if self._filled:
            self._put()

    def _put(self):
        k = self._filled
        struct.pack_into('<H', self._block, 4, k)
        piece = memoryview(self._block)[:BLOCK_HEAD + (k + 1) // 2 + 4]
        self.f.write(storefile.seal(piece, self._n))
        self._n += 1
        self._filled = 0


def header(rate, samples):
    return storefile.seal(bytearray(struct.pack(HEADER, MAGIC, rate, samples) + bytes(4)), 0)


def write(root, ident, pcm, rate):
    """Encodes pcm (int16 samples: array('h') or their little-endian bytes) into the clip of
    event ident; returns the bytes written."""
    if isinstance(pcm, array):
        if getattr(pcm, 'typecode', 'h') != 'h':  # MicroPython arrays do not say
            raise ValueError("clip must be array('h') or int16 bytes")
        samples = len(pcm)
        raw = pcm if sys.implementation.name == 'micropython' else pcm.tobytes()
    else:
        if len(pcm) % 2:
            raise ValueError('clip must be int16 samples (an even number of bytes)')
        samples = len(pcm) // 2
        raw = pcm
    final = path(root, ident)
    tmp = final + storefile.TMP
    with open(tmp, 'wb') as f:
        f.write(header(rate, samples))
        coder = Encoder(f)
        coder.add(raw, 0, samples)
        coder.end()
        storefile.sync(f)
    os.rename(tmp, final)
    return stored_size(samples)


def clear(root):
    """Removes clips left unfinished (a crash or power cut while their event was sounding)."""
    folder = '%s/%s' % (root, DIR)
    for name in os.listdir(folder):
        if name.endswith(storefile.TMP):
            storefile.remove(folder + '/' + name)


def wav_header(rate, samples):
    data = samples * 2
    return struct.pack('<4sI4s4sIHHIIHH4sI', b'RIFF', 36 + data, b'WAVE', b'fmt ', 16, 1, 1,
                       rate, rate * 2, 2, 16, b'data', data)


def wav(root, ident, chunk=512, out=None, rate=16000, damaged=None):
    """Yields the clip as a 16-bit mono WAV in pieces of at most 2*chunk bytes, decoded into
    `out` (a buffer of at least that; None: one made here). The same buffer is reused: write each
    piece out before asking for the next. OSError when there is no clip. A damaged block is
    silence, and damaged(block number) is called; a damaged header is rebuilt from the file's
    size and `rate` (the store's)."""
    chunk -= chunk % 2
    if out is None:
        out = bytearray(2 * chunk)
    elif len(out) < 2 * chunk or chunk < 2:
        raise ValueError('a clip piece of %d samples needs %d bytes' % (chunk, 2 * chunk))
    size = storefile.size(path(root, ident))
    with open(path(root, ident), 'rb') as f:
        head = bytearray(HEADER_SIZE)
        f.readinto(head)
        magic, got_rate, samples = struct.unpack_from(HEADER, head, 0)
        if magic != MAGIC or not storefile.intact(head, 0):
            if damaged:
                damaged(-1)
            full, rest = divmod(max(0, size - HEADER_SIZE), BLOCK_SIZE)
            samples = full * BLOCK_SAMPLES + max(0, rest - BLOCK_HEAD - 4) * 2
            got_rate = rate
        yield wav_header(got_rate, samples)
        block = bytearray(BLOCK_SIZE)
        state = array('i', [32768, 0])
        done = n = 0
        while done < samples:
            k = min(BLOCK_SAMPLES, samples - done)
            piece = memoryview(block)[:BLOCK_HEAD + (k + 1) // 2 + 4]
            got = f.readinto(piece)
            good = got == len(piece) and storefile.intact(piece, n)
            if good:
                pred, index, _, k = struct.unpack_from(BLOCK, block, 0)
                state[0], state[1] = pred + 32768, index
                good = 0 < k <= BLOCK_SAMPLES and index <= 88
            elif damaged:
                damaged(n)
            for at in range(0, k, chunk):
                m = min(chunk, k - at)
                if good:
                    _decode(memoryview(block)[BLOCK_HEAD + at // 2:], m, out, STEPS, state)
                else:
                    for i in range(2 * m):
                        out[i] = 0
                yield memoryview(out)[:2 * m]
            done += k
            n += 1


def ids(root):
    """Sorted ids of the clips on flash (RAM bounded by the clip budget, not the event count)."""
    found = []
    for entry in os.ilistdir('%s/%s' % (root, DIR)) if hasattr(os, 'ilistdir') else (
            (name,) for name in os.listdir('%s/%s' % (root, DIR))):
        name = entry[0]
        if name.endswith('.adp') and len(name) == 12:
            found.append(int(name[:8], 16))
    found.sort()
    return found
