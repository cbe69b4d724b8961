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

import adpcm
import storefile

HEADER = '<4sII'  # magic, sample rate, samples; then a CRC
HEADER_SIZE = 12 + 4
MAGIC = b'EMA2'
BLOCK = '<hBBH'  # the coder's state at the block's start (predictor, step index), 0, samples
BLOCK_HEAD = 6
BLOCK_SAMPLES = 512
BLOCK_SIZE = BLOCK_HEAD + BLOCK_SAMPLES // 2 + 4  # a full block and its CRC (seeded with its number)
DIR = 'clips'

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
            adpcm.encode(raw, at, k, memoryview(block)[BLOCK_HEAD + self._filled // 2:],
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
                pred, index, _, count = struct.unpack_from(BLOCK, block, 0)
                state[0], state[1] = pred + 32768, index
                # an intact block that says it holds another count, or an impossible coder
                # state (a step index past the table), is damaged all the same
                good = count == k and index <= 88
            if not good and damaged:
                damaged(n)
            for at in range(0, k, chunk):
                m = min(chunk, k - at)
                if good:
                    adpcm.decode(memoryview(block)[BLOCK_HEAD + at // 2:], m, out, state)
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
