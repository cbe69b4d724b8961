"""TEST STAND-IN for the detection pipeline, used by the API tests until device/pipeline.py lands.

Not device code and never on a device. It offers what CONTRACTS.md asks of `Pipeline` (status,
subscribe/unsubscribe with bounded queues, embed_wav) over a REAL device/store.py Store, and
says what it is wherever it reports (status `source` and the model name say 'stand-in'). No model
runs. Events are synthetic: label i is a tone of 200 + 330*i Hz (clips made by `fill`), and an
embedding is a zero-crossing fingerprint (energy per zero-crossing-rate bin), so a recording of
a clip finds events of its label first. An `audio` task wakes every 32 ms as a microphone reader
would and counts an overrun whenever the event loop kept it away longer than the I2S DMA buffer
lasts: what a slow request would do to the real pipeline.

Runs in MicroPython from the image (the tests compile it with mpy-cross):
    micropython -X heapsize=128K run.py fill --store DIR --events N --hours H
    micropython -X heapsize=128K run.py serve --store DIR --port P [--auth FILE]
        [--every SECONDS] [--trigger FILE]
`fill` appends N events spread evenly from H hours ago to a minute ago (a clip for three in
four);
`serve` appends a live event every SECONDS, or one when FILE appears (its content is the
label; the file is then deleted).
"""
import json
import struct
import sys
import time
from array import array

import micropython
from live import Subscriber

RATE = 16000
FRAME = 256  # samples per fingerprint frame


@micropython.viper
def _frames(buf: ptr16, n: int, acc: ptr32, dim: int):
    """Adds each whole frame's mean |x| to the bin of its zero-crossing count."""
    f = 0
    while f + 256 <= n:
        z = 0
        e = 0
        prev = int(buf[f]) & 0x8000
        i = f
        while i < f + 256:
            s = int(buf[i])
            neg = s & 0x8000
            if neg != prev:
                z += 1
            prev = neg
            e += (0x10000 - s) if neg else s
            i += 1
        b = z * dim // 128
        if b >= dim:
            b = dim - 1
        acc[b] += e >> 8
        f += 256


def fingerprint(acc):
    top = max(acc) or 1
    return bytes(int(v * 127 // top) for v in acc)


def freq(label_index):
    return 200 + 330 * label_index


def synthetic(label_index, dim):
    """The fingerprint of label i's tone, without making the tone: all energy in one bin."""
    acc = array('I', bytes(4 * dim))
    acc[min(dim - 1, freq(label_index) * 2 * FRAME // RATE * dim // 128)] = 1
    return fingerprint(acc)


def now_ms():
    return time.time_ns() // 1000000


def options(argv, **opts):
    while argv:
        key, value = argv.pop(0)[2:], argv.pop(0)
        if key not in opts:
            raise ValueError('unknown option --' + key)
        opts[key] = type(opts[key])(value)
    return opts


def fill(argv):
    import math
    opts = options(argv, store='events', events=100, hours=48)
    from store import Store
    with open('model/model.json') as f:
        bundle = json.load(f)
    with open('model/centroids.bin', 'rb') as f:
        centroids = f.read()
    store = Store(opts['store'], bundle['labels'], bundle['recipe']['embed_dim'], centroids)
    del bundle
    labels = store.labels
    n = opts['events']
    t0 = now_ms() - opts['hours'] * 3600000
    step = (opts['hours'] * 3600000 - 60000) // max(1, n - 1)  # the last one a minute ago
    pcm = array('h', bytes(RATE))  # 0.5 s
    for i in range(n):
        li = (i * 7) % len(labels)
        w = 2 * math.pi * (freq(li) + i % 7 * 5) / RATE
        for j in range(len(pcm)):
            pcm[j] = int(8000 * math.sin(w * j))
        acc = array('I', bytes(4 * store.dim))
        _frames(pcm, len(pcm), acc, store.dim)
        conf = 0.5 + (i * 37 % 50) / 100
        runner = labels[(li + 1 + i % 3) % len(labels)]
        store.append(t0 + i * step, 500 + i % 5 * 100, labels[li], conf,
                     [(runner, round((1 - conf) / 2, 2))], fingerprint(acc),
                     pcm if i % 4 else None)
    print(json.dumps(store.usage()))


class StandIn:
    AUDIO_MS = 32  # how often a microphone reader would run

    def __init__(self, store, asyncio, buffer_ms):
        self.store = store
        self.asyncio = asyncio
        self.buffer_ms = buffer_ms
        self.model = {'name': 'stand-in (tests/standin.py): no model runs',
                      'labels': store.labels}
        self.subscribers = []
        self.level_db = None
        self.overruns = 0
        self.detected = 0
        self.late_ms = 0  # the longest the audio task was kept waiting

    # ---- the Pipeline interface (CONTRACTS.md, "Pipeline <-> API")

    def status(self):
        return {'sample_rate': RATE, 'model': self.model, 'level_db': self.level_db,
                'faults': [], 'overruns': self.overruns, 'source': 'stand-in',
                'events_detected': self.detected}

    def subscribe(self):
        sub = Subscriber(8)   # messages it may fall behind before the oldest are dropped
        self.subscribers.append(sub)
        return sub

    def unsubscribe(self, sub):
        if sub in self.subscribers:
            self.subscribers.remove(sub)

    async def embed_wav(self, stream, length):
        head = await stream.read(12)
        if len(head) < 12 or head[:4] != b'RIFF' or head[8:12] != b'WAVE':
            raise ValueError('not a RIFF/WAVE file')
        fmt = None
        while True:
            chunk = await stream.read(8)
            if len(chunk) < 8:
                raise ValueError('no data chunk')
            kind, size = chunk[:4], struct.unpack('<I', chunk[4:])[0]
            if kind == b'data':
                break
            data = await stream.read(min(size, 64))
            if kind == b'fmt ':
                fmt = struct.unpack('<HHIIHH', data[:16]) if len(data) >= 16 else ()
            elif size > 64:
                raise ValueError('chunk %r too long' % kind)
        if fmt is None or (fmt[0], fmt[1], fmt[2], fmt[5]) != (1, 1, RATE, 16):
            raise ValueError('need 16-bit PCM mono at %d Hz' % RATE)
        acc = array('I', bytes(4 * self.store.dim))
        frame = bytearray(2 * FRAME)
        have = 0
        while size:
            data = await stream.read(min(size, len(frame) - have))
            if not data:
                break
            frame[have:have + len(data)] = data
            have += len(data)
            size -= len(data)
            if have == len(frame):
                _frames(frame, FRAME, acc, self.store.dim)
                have = 0
        emb = fingerprint(acc)
        # The label whose tone is nearest the strongest bin.
        best = list(emb).index(max(emb))
        guess = min(range(len(self.store.labels)), key=lambda i: abs(
            list(synthetic(i, self.store.dim)).index(127) - best))
        return emb, self.store.labels[guess], 0.5

    # ---- live events

    def publish(self, kind, payload):
        for sub in self.subscribers:
            sub.put((kind, payload))

    def live_event(self, li):
        labels = self.store.labels
        ident = self.store.append(now_ms(), 700, labels[li], 0.8,
                                  [(labels[(li + 1) % len(labels)], 0.1)],
                                  synthetic(li, self.store.dim))
        self.detected += 1
        self.publish('event', self.store.get(ident))

    async def audio(self, ticks_ms, ticks_diff):
        last = ticks_ms()
        while True:
            await self.asyncio.sleep_ms(self.AUDIO_MS)
            t = ticks_ms()
            late = ticks_diff(t, last)
            self.late_ms = max(self.late_ms, late)
            if late > self.buffer_ms:
                self.overruns += 1
            last = t

    async def feed(self, every, trigger):
        import os
        waited = n = 0
        while True:
            await self.asyncio.sleep_ms(200)
            waited += 200
            n += 1
            if n % 5 == 0:
                self.level_db = -50.0 + n // 5 % 5
                self.publish('level', {'t': now_ms() // 1000, 'level_db': self.level_db})
            if every and waited >= every * 1000:
                waited = 0
                self.live_event(self.store.usage()['next_id'] % len(self.store.labels))
            if trigger:
                try:
                    with open(trigger) as f:
                        name = f.read().strip()
                except OSError:
                    continue
                os.remove(trigger)
                self.live_event(self.store.labels.index(name))


def serve(argv):
    opts = options(argv, store='events', port=8080, host='127.0.0.1', auth='', every=0.0,
                   trigger='')
    import gc
    import asyncio
    import api  # first, while the heap is in one piece: it is the biggest
    import compat
    from config import Config
    gc.collect()
    from store import Store
    store = Store(opts['store'])  # made by fill: it knows its labels, size and centroids
    pipeline = StandIn(store, asyncio, Config.i2s_ibuf * 1000 // (4 * Config.sample_rate))
    api.attach(store, pipeline)
    api.secure(opts['auth'])
    print('earmark: stand-in pipeline, %d events stored' % store.usage()['next_id'])
    print('earmark: serving on http://%s:%d/' % (opts['host'], opts['port']))

    async def run():
        asyncio.create_task(pipeline.audio(compat.ticks_ms, compat.ticks_diff))
        asyncio.create_task(pipeline.feed(opts['every'], opts['trigger']))
        await api.app.start_server(host=opts['host'], port=opts['port'])
    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass
    print('earmark: stopped; overruns %d, longest audio wait %d ms' % (
        pipeline.overruns, pipeline.late_ms))


def main():
    {'fill': fill, 'serve': serve}[sys.argv[1]](sys.argv[2:])
