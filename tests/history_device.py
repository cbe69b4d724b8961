# Device-side helpers for the history tests: prepended to each snippet; runs in MicroPython and
# CPython alike. The host imports the same functions (tests/test_history.py) to know what the
# device was given.
import json

import history

S0 = 1735689600000 // 10000   # slot of 2025-01-01


def slot_of(k):
    """The slot of the k-th row: mostly consecutive, a short gap every 97 rows (filled), a long
    one every 1500 (a new segment)."""
    return S0 + k + (k // 97) * 3 + (k // 1500) * 500


def atom(k):
    """The k-th row's 8 bytes: pseudo-random fields, an event every 41 rows."""
    x = (k * 2654435761) & 0xffffffff
    label = (x >> 8) % 11
    if k % 41 == 0:
        label |= history.EVENT
    return bytes([1 + x % 200, 1 + (x >> 3) % 250, (x >> 5) % 256, (x >> 11) % 256,
                  (x >> 13) % 256, (x >> 17) % 256, (x >> 19) % 256, label])


def out(**kw):
    print(json.dumps(kw))
