"""Clips: a few seconds of audio per event (pre-roll included), IMA-ADPCM at 4 bits a sample.

One file per clip, `clips/<id as 8 hex digits>.adp`, so the oldest clips can go one by one while
chosen ones (locked events, the newest per label) stay. A clip is written under a temporary name
and renamed, so a power cut never leaves half a clip. Export is a 16-bit PCM WAV, produced in
small chunks so a long clip never has to fit in RAM.
"""
import os
import struct
import sys
from array import array

import micropython

import storefile

if sys.implementation.name != 'micropython':
    ptr8 = ptr16 = ptr32 = memoryview  # viper's pointer types; the annotations need names in CPython

HEADER = '<4sII'  # magic, sample rate, samples
HEADER_SIZE = 12
MAGIC = b'EMA1'
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
    return HEADER_SIZE + (samples + 1) // 2


def write(root, ident, pcm, rate, chunk=512):
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
    state = array('i', [32768, 0])
    out = bytearray(chunk // 2)
    with open(tmp, 'wb') as f:
        f.write(struct.pack(HEADER, MAGIC, rate, samples))
        for at in range(0, samples, chunk):
            n = min(chunk, samples - at)
            _encode(raw, at, n, out, STEPS, state)
            f.write(memoryview(out)[:(n + 1) // 2])
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


def wav(root, ident, chunk=512, out=None):
    """Yields the clip as a 16-bit mono WAV in pieces of at most 2*chunk bytes, decoded into
    `out` (a buffer of at least that; None: one made here). The same buffer is reused: write each
    piece out before asking for the next. OSError when there is no clip."""
    with open(path(root, ident), 'rb') as f:
        head = f.read(HEADER_SIZE)
        magic, rate, samples = struct.unpack(HEADER, head)
        if magic != MAGIC:
            raise ValueError('clip %d is damaged' % ident)
        yield wav_header(rate, samples)
        state = array('i', [32768, 0])
        src = bytearray(chunk // 2)
        if out is None:
            out = bytearray(2 * chunk)
        elif len(out) < 2 * chunk:
            raise ValueError('a clip piece of %d samples needs %d bytes' % (chunk, 2 * chunk))
        done = 0
        while done < samples:
            n = min(chunk, samples - done)
            got = f.readinto(src)
            if not got:
                break
            n = min(n, 2 * got)
            _decode(src, n, out, STEPS, state)
            done += n
            yield memoryview(out)[:2 * n]


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
