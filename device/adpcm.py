"""IMA-ADPCM at 4 bits a sample: the codec the pre-roll ring (ring.py) and the clips (clips.py)
share. Samples are int16 little-endian bytes; two codes a byte, low nibble first. The coder's
state (predictor + 32768, step index) lives in the caller's array('i', [32768, 0]), carried from
one call to the next, so a stream can be coded in chunks of any even size.
"""
import sys
from array import array

import micropython

if sys.implementation.name != 'micropython':
    ptr8 = ptr16 = ptr32 = memoryview  # viper's pointer types; the annotations need names in CPython

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


def encode(src, at, n, dst, state):
    """n int16 samples of src (bytes) from sample `at` -> (n + 1) // 2 bytes of dst."""
    _encode(src, at, n, dst, STEPS, state)


def decode(src, n, dst, state):
    """n samples from the codes in src -> 2n bytes of int16 in dst."""
    _decode(src, n, dst, STEPS, state)
