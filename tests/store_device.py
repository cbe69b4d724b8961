# Device-side helpers for the store tests: prepended to each snippet, runs in MicroPython and
# CPython alike (so only what both have).
import json
import os
import struct
from array import array

import similar
import store
import storefile
from store import clips, layout, read

LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
DIM = 8
T0 = 1735689600000
STEP = 60000  # ms between events
CENTROIDS = bytes((((k * 53 + j * 29) % 200) - 100) & 0xff for k in range(4) for j in range(DIM))


def rmtree(path):
    try:
        names = os.listdir(path)
    except OSError:
        return
    for name in names:
        p = path + '/' + name
        try:
            os.remove(p)
        except OSError:
            rmtree(p)
    os.rmdir(path)


def copytree(src, dst):
    os.mkdir(dst)
    for name in os.listdir(src):
        a, b = src + '/' + name, dst + '/' + name
        try:
            with open(a, 'rb') as f:
                data = f.read()
        except OSError:
            copytree(a, b)
            continue
        with open(b, 'wb') as f:
            f.write(data)


def emb(i):
    return bytes((((i * 37 + j * 11 + (i % 5) * j * j) % 251) - 125) & 0xff for j in range(DIM))


def pcm(i, n=400):
    return array('h', [((k * (i + 3)) % 64 - 32) * 500 for k in range(n)])


def add(s, i, clip=False, start=None):
    return s.append(T0 + i * STEP if start is None else start, 1000 + 10 * (i % 50),
                    LABELS[i % 11], (i % 100) / 100, [(LABELS[(i + 1) % 11], 0.25)], emb(i),
                    pcm(i) if clip else None)


def check(s, ev, i, label=None):
    """ev is event i exactly as add() stored it."""
    assert ev is not None, 'event %d missing' % i
    assert ev['id'] >= 0
    assert ev['start'] == T0 + i * STEP, (ev, i)
    assert ev['end'] == ev['start'] + 1000 + 10 * (i % 50), ev
    assert ev['label'] == (label or LABELS[i % 11]), (ev, label)
    assert abs(ev['confidence'] - (i % 100) / 100) < 0.003, ev
    assert ev['runners_up'] == [[LABELS[(i + 1) % 11], 0.251]], ev
    assert s.embedding(ev['id']) == bytes(similar.normalise(emb(i), DIM)), ev


def disk(path, only=None):
    """Bytes of the files under `path` (those whose name `only` takes), as flash holds them."""
    total = 0
    for name in os.listdir(path):
        p = path + '/' + name
        if os.stat(p)[0] & 0x4000:
            total += disk(p, only)
        elif only is None or only(name):
            total += os.stat(p)[6]
    return total


def damage_headers(seg):
    """Flips a bit in both copies of a segment file's header, so neither reads whole; the
    file's bytes after."""
    with open(seg, 'rb') as f:
        data = bytearray(f.read())
    data[5] ^= 1
    data[layout.HEAD_COPY + 5] ^= 1
    with open(seg, 'wb') as f:
        f.write(data)
    return bytes(data)


def full_once(fn):
    """fn, but its first call fails as on a full flash (CPython's ENOSPC, with its text)."""
    met = []

    def call(*a):
        if not met:
            met.append(1)
            raise OSError(28, 'No space left on device')
        return fn(*a)
    return call


def open_store(root, **kw):
    return store.Store(root, LABELS, DIM, centroids=CENTROIDS, **kw)


def out(**kw):
    print(json.dumps(kw))
