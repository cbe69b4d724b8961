"""The pre-roll ring buffer and the sound-level meter, in both runtimes."""
import pytest

RING = '''
import json
from array import array
from ring import Ring
r = Ring(seconds=0.5, decimate=%d)      # 8000 or 4000 samples held
chunk = array('h', [0] * 1024)
for c in range(20):                     # 20480 input samples: the ring wrapped several times
    for i in range(1024):
        chunk[i] = (c * 1024 + i) %% 30000 - 15000
    r.write(chunk)
out = array('h', [0] * 300)
n = r.read(r.end - 600, out)
head = list(out[:4])
tail = r.read(r.end - 4, out)
print(json.dumps({"start": r.start, "end": r.end, "n": n, "head": head, "tail": tail,
                  "last": out[tail - 1], "later": r.read(r.end, out)}))
try:
    r.read(r.start - 2, out)
except ValueError as e:
    print(json.dumps({"error": str(e)}))
'''


def ramp(i):
    return i % 30000 - 15000


@pytest.mark.parametrize('decimate', [1, 2])
def test_ring_keeps_the_newest_audio(device, decimate):
    got, error = device.json_lines(RING % decimate)
    held = 8000 // decimate
    assert got['end'] == 20480 and got['start'] == 20480 - held * decimate
    if decimate == 1:
        assert got['n'] == 300 and got['head'] == [ramp(20480 - 600 + k) for k in range(4)]
        assert got['tail'] == 4 and got['last'] == ramp(20479)
    else:
        # 8 kHz: every other sample, low-passed ([1 2 1] / 4 leaves a ramp as it is).
        assert got['n'] == 300 and got['head'] == [ramp(20480 - 600 + 2 * k) for k in range(4)]
        assert got['tail'] == 2 and got['last'] == ramp(20478)
    assert got['later'] == 0
    assert 'is gone' in error['error']


def test_ring_write_allocates_nothing(mpy):
    out = mpy.run('''
import gc
from array import array
from ring import Ring
chunk = array('h', range(1024))
before = 0   # bound before measuring: a new global can grow the globals dict
def feed(r, n):
    for _ in range(n):
        r.write(chunk)
for decimate in (1, 2):
    r = Ring(seconds=1.0, decimate=decimate)
    feed(r, 5)
    gc.collect()
    before = gc.mem_alloc()
    feed(r, 500)                        # 32 s of audio, the ring wraps 16 times
    print(decimate, gc.mem_alloc() - before)
''')
    for line in out.split('\n')[:2]:
        decimate, grown = map(int, line.split())
        assert grown == 0, line


LEVEL = '''
import json, math
from array import array
from level import Level
chunk = array('h', [0] * 1024)
energies = array('h', [0] * 4)
def feed(meter, seconds, make):
    for c in range(int(seconds * 16000) // 1024):
        for i in range(1024):
            chunk[i] = make(c * 1024 + i)
        meter.update(chunk, energies)
    return meter.summary()
seed = [12345]
def noise(amplitude):
    def make(i):
        seed[0] = (seed[0] * 1103515245 + 12345) & 0x7FFFFFFF
        return (seed[0] >> 8) % (2 * amplitude + 1) - amplitude
    return make
'''


def test_level_of_a_sine_and_frame_energies(device):
    out = device.json_lines(LEVEL + '''
m = Level()
s = feed(m, 1.0, lambda i: int(16384 * math.sin(2 * math.pi * 1000 * i / 16000)))
print(json.dumps(s))
print(json.dumps(list(energies)))
''')
    summary, frames = out
    # A sine at half full scale: peak -6 dBFS, RMS 3 dB lower.
    assert abs(summary['dbfs'] + 9.03) < 0.1 and abs(summary['peak_dbfs'] + 6.02) < 0.1
    assert all(abs(e + 903) <= 10 for e in frames), frames
    assert summary['status'] == 'ok' and summary['clipped'] == 0


@pytest.mark.parametrize('signal, seconds, status', [
    ('lambda i: 0', 6, 'dead'),                         # no microphone on the bus
    ('lambda i: -1', 6, 'dead'),                        # a stuck data line
    ('lambda i: 0', 3, 'ok'),                           # not for long enough yet
    ('lambda i: 32767 if (i // 8) % 2 else -32768', 3, 'clipping'),
    ('noise(1)', 31, 'silent'),                         # ~ -90 dBFS: nothing a room makes
    ('noise(300)', 31, 'ok'),                           # a quiet room
])
def test_microphone_faults(device, signal, seconds, status):
    out = device.json_lines(LEVEL + 'print(json.dumps(feed(Level(), %r, %s)))' % (seconds, signal))
    assert out[0]['status'] == status, out


def test_clipping_clears_and_dead_recovers(device):
    out = device.json_lines(LEVEL + '''
m = Level()
feed(m, 3, lambda i: 32767 if (i // 8) % 2 else -32768)
feed(m, 6, lambda i: 0)
print(json.dumps([m.status]))
print(json.dumps(feed(m, 4.2, noise(300))))
''')
    assert out[0] == ["dead"] and out[1]['status'] == 'ok' and out[1]['clip_ratio'] == 0
