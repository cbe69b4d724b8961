"""The pre-roll ring buffer and the sound-level meter, in both runtimes."""
import math

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


def test_adpcm_ring_takes_a_quarter_of_the_heap_of_ring(mpy):
    """The ADPCM ring's promise (ring.py): 4 bits a sample instead of 16, so 3 s at 8 kHz take
    about 12 KB instead of 48 KB. Measured with its block states and scratch: under a third."""
    out = mpy.run('''
import gc
from ring import AdpcmRing, Ring
def size(make):
    gc.collect()
    before = gc.mem_alloc()
    r = make(seconds=3.0, decimate=2)
    gc.collect()
    return gc.mem_alloc() - before, r
adpcm, a = size(AdpcmRing)
del a
plain, r = size(Ring)
print(adpcm, plain)
''', heap='256K')
    adpcm, plain = map(int, out.split())
    assert plain >= 48000 and 12000 <= adpcm < plain / 3, out


def test_adpcm_ring_write_allocates_only_small_views(mpy):
    """AdpcmRing.write makes a small view per block it codes (garbage), never a buffer of
    audio: its scratch for a source's chunk is made once, with the ring."""
    out = mpy.run('''
import gc
from array import array
from ring import AdpcmRing
chunk = array('h', range(1024))
r = AdpcmRing(seconds=1.0, decimate=2)
gc.collect()
before = gc.mem_alloc()
r.write(chunk)
first = gc.mem_alloc() - before
before = gc.mem_alloc()
for _ in range(10):
    r.write(chunk)
print(first, gc.mem_alloc() - before)
''')
    first, ten = map(int, out.split())
    # Measured 96 and 640 bytes: two blocks' views a write; a scratch array would be 1 KB.
    assert first < 512 and ten < 10 * 256, out


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


# ---- the ADPCM ring against a reference: the same audio decimated here and coded in one go ----

ADPCM = '''
import json, sys
from array import array
import adpcm, ring
MICRO = sys.implementation.name == 'micropython'
def raw(a):                               # int16 samples as the coder reads them
    return a if MICRO else a.tobytes()
def run(seconds, decimate, chunk, chunks, reads):
    r = ring.AdpcmRing(seconds=seconds, decimate=decimate)
    seed = 3
    stream = array('h', bytes(2 * chunk * chunks))
    for i in range(len(stream)):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        stream[i] = ((i * 37) % 2000 - 1000) * 6 + (seed >> 8) % 801 - 400
    early = array('h', bytes(2 * 200))
    for c in range(chunks):
        r.write(stream[c * chunk:(c + 1) * chunk])
        if c == 0:      # before the ring wraps: all of it from position 0
            first = [r.start, r.read(0, early)]
    # The reference: [1 2 1] / 4 then every other sample (decimate 2), coded and decoded whole.
    if decimate == 2:
        held = array('h', bytes(len(stream)))
        prev = 0
        for i in range(len(held)):
            held[i] = (prev + 2 * stream[2 * i] + stream[2 * i + 1]) >> 2
            prev = stream[2 * i + 1]
    else:
        held = stream
    coded = bytearray(len(held) // 2)
    adpcm.encode(raw(held), 0, len(held), memoryview(coded), array('i', [32768, 0]))
    decoded = array('h', bytes(2 * len(held)))
    out = memoryview(decoded) if MICRO else memoryview(decoded).cast('B')
    adpcm.decode(memoryview(coded), len(held), out, array('i', [32768, 0]))
    got = {'start': r.start, 'end': r.end, 'size': r.size, 'reads': [],
           'first': first + [list(early[:first[1]]) == list(decoded[:first[1]])]}
    for position, n in reads:
        buf = array('h', bytes(2 * n))
        try:
            k = r.read(position, buf)
            at = (position // decimate) & ~1
            # a read that returns nothing leaves the buffer as it was
            got['reads'].append([k, list(buf[:k]) == list(decoded[at:at + k])] +
                                ([] if k else [list(buf) == [0] * n]))
        except ValueError as e:
            got['reads'].append(str(e))
    print(json.dumps(got))
'''


@pytest.mark.parametrize('decimate, chunk', [(1, 1024), (2, 1024), (2, 300)])
def test_adpcm_ring_reads_what_the_whole_stream_decodes_to(device, decimate, chunk):
    # 0.1 s at the ring's rate: 1600 / decimate samples, rounded down to blocks of 256, plus
    # two blocks; 40 chunks wrap it many times over (chunks of 300 samples end mid-block).
    held = (int(0.1 * 16000 / decimate) // 256 + 2) * 256
    written = 40 * chunk // decimate
    start = (written // 256 - held // 256 + 1) * 256 * decimate   # a block at a time
    end = written * decimate
    reads = [
        (start, 300),                  # the oldest held, from a block's start
        (start - 1, 4),                # just before it: gone
        (start + 2 * 77 * decimate + decimate, 251),   # mid-block, odd: read from the even one
        (end - 600 * decimate, 1000),  # more asked than held after it: what there is, even
        (end - 2 * decimate, 8),       # the last two samples
        (end, 8),                      # nothing newer yet
        (end + 64, 8),
        (start + 256 * decimate, 256 * 3),   # across blocks, and across the ring's wrap
    ]
    got = device.json_lines(ADPCM + 'run(0.1, %d, %d, 40, %r)' % (decimate, chunk, reads),
                            heap='512K')[0]
    assert got['size'] == held and got['start'] == start and got['end'] == end, got
    # After the first chunk: nothing dropped yet, all of it read back from position 0.
    assert got['first'] == [0, min(200, chunk // decimate), True]
    assert got['reads'][0] == [300, True]
    assert got['reads'][1] == 'ring: audio at %d is gone (oldest held %d)' % (start - 1, start)
    assert got['reads'][2] == [250, True]    # 251 asked: an even count
    assert got['reads'][3] == [600, True]
    assert got['reads'][4] == [2, True]
    assert got['reads'][5] == [0, True, True] and got['reads'][6] == [0, True, True]
    assert got['reads'][7] == [768, True]


# ---- the level meter against figures computed here from the samples ----

def make_chunk(kind, n):
    """The chunks both runtimes and the references here build (same code, run in each)."""
    if kind == 'zeros':
        return [0] * n
    if kind == 'five':
        return [5] * n
    if kind == 'max':
        return [32767] * n
    if kind == 'min':
        return [-32768] * n
    if kind == 'one':
        return [1 if i == 3 else 0 for i in range(n)]
    if kind == 'minus_one':
        return [-1 if i == n - 300 else 0 for i in range(n)]
    if kind == 'small':
        return [i % 7 - 3 for i in range(n)]
    if kind == 'ramp':
        return [(i * 64) % 65536 - 32768 for i in range(n)]
    if kind == 'mid':       # squares under 2**16 whose sum carries past 16 bits
        return [i % 401 - 200 for i in range(n)]
    if kind == 'late_peak':     # the chunk's peak in its third frame
        return [5 if i == 600 else 0 for i in range(n)]
    if kind == 'edges':     # at and just under the clipping level, both signs
        return [(32000, -32000, 31999, -31999, 0, -32768, 32767, 7)[i % 8] for i in range(n)]
    if kind.startswith('clip'):   # clipN: N samples at the clipping level, the rest quiet
        k = int(kind[4:])
        return [32000 if i < k else (i % 5) - 2 for i in range(n)]
    if kind.startswith('quiet'):  # quietA: A samples at +-2 then 1000 - A... at +-1: a level
        a, b = [int(x) for x in kind[5:].split('_')]
        return [(2 if i < a else 1 if i < a + b else 0) * (1 if i % 2 else -1) for i in range(n)]
    raise ValueError(kind)


LEVEL_RUN = '''
import json, math
from array import array
from level import Level
%s
def run(plan, energies_too):
    m = Level()
    print(json.dumps(m.summary()))
    print(json.dumps(m.summary()))       # a new peak interval, nothing heard in it
    energies = array('h', bytes(8))
    for kind, count, n in plan:
        chunk = array('h', make_chunk(kind, n))
        for _ in range(count):
            frames = m.update(chunk, energies if energies_too else None)
            print(json.dumps([frames, list(energies)[:frames], m.summary()]))
'''


def level_run(device, plan, energies_too, heap=None):
    import inspect
    code = LEVEL_RUN % inspect.getsource(make_chunk)
    return device.json_lines(code + 'run(%r, %r)' % (plan, energies_too), heap=heap)


def cdb(sumsq, n):
    if sumsq <= 0:
        return -12000
    return max(-12000, int(1000 * math.log10(sumsq / (n * 32768 * 32768))))


def test_level_figures_of_each_chunk(device):
    kinds = ['zeros', 'one', 'minus_one', 'small', 'ramp', 'mid', 'late_peak', 'edges', 'max',
             'five']
    out = level_run(device, [(k, 1, 1024) for k in kinds], True)
    # Before any audio: digital silence, no peak, no clipping measured yet.
    assert out[0] == out[1] == {'dbfs': -120.0, 'peak_dbfs': -120.0, 'clip_ratio': 0.0,
                                'clipped': 0, 'status': 'ok'}
    clipped = 0
    for kind, (frames, energies, summary) in zip(kinds, out[2:]):
        x = make_chunk(kind, 1024)
        clipped += sum(abs(v) >= 32000 for v in x)
        peak = max(abs(v) for v in x)
        assert frames == 4, kind
        assert energies == [cdb(sum(v * v for v in x[f * 256:(f + 1) * 256]), 256)
                            for f in range(4)], kind
        assert summary == {'dbfs': round(cdb(sum(v * v for v in x), 1024) / 100, 1),
                           'peak_dbfs': round(cdb(peak * peak, 1) / 100, 1),
                           'clip_ratio': 0.0, 'clipped': clipped, 'status': 'ok'}, kind


def statuses(out):
    return [line[2]['status'] for line in out[2:]]


def test_dead_microphone_timing(device):
    # 5 s of constant input (80,000 samples, chunks of 1000) is dead from the 80th chunk on; a
    # different constant starts the count again; a line stuck at full scale is dead too (and
    # clipping before that: from the end of the first whole 2 s stretch of it, chunk 192, whose
    # ratio still stands after it), at either end of the scale.
    plan = [('zeros', 80, 1000), ('five', 80, 1000), ('max', 80, 1000), ('small', 1, 1000),
            ('min', 80, 1000)]
    got = statuses(level_run(device, plan, False))
    want = ((['ok'] * 79 + ['dead']) * 2 + ['ok'] * 31 + ['clipping'] * 48 + ['dead', 'clipping']
            + ['clipping'] * 79 + ['dead'])
    assert got == want


def test_clipping_is_judged_on_whole_two_second_stretches(device):
    # Stretches of 32 chunks of 1000 samples (2 s), N of them clipped: 321 (a ratio of 0.01003,
    # over CLIP_RATIO: clipping from the stretch's last chunk, the 32nd, as the ratio is only
    # measured when a stretch is complete), 320 twice (exactly 0.01: not over it), 336
    # (0.0105, reported to four places), then none.
    plan = [('clip10', 31, 1000), ('clip11', 1, 1000), ('clip10', 64, 1000),
            ('clip10', 16, 1000), ('clip11', 16, 1000), ('small', 32, 1000)]
    out = level_run(device, plan, False)
    assert statuses(out) == ['ok'] * 31 + ['clipping'] * 32 + ['ok'] * 64 + ['clipping'] * 32 + [
        'ok']
    ratios = [line[2]['clip_ratio'] for line in out[2:]]
    assert [ratios[k] for k in (30, 31, 63, 95, 127, 159)] == [0.0, 0.01, 0.01, 0.01, 0.0105,
                                                                0.0]
    assert out[-1][2]['clipped'] == 321 + 2 * 320 + 336


@pytest.mark.parametrize('plan, want', [
    # 30 s under -85 dBFS to the sample: 479,999 quiet samples are not silent, one more is.
    ([('quiet0_480000', 1, 479999), ('quiet0_480000', 1, 1)], ['ok', 'silent']),
    # ... counted from the last chunk that was not quiet
    ([('small', 1, 1000), ('quiet0_480000', 1, 479999), ('quiet0_480000', 1, 1)],
     ['ok', 'ok', 'silent']),
])
def test_silent_is_timed_to_the_sample(device, plan, want):
    # (a heap for a chunk of half a million samples, made from a list)
    assert statuses(level_run(device, plan, False, heap='16M')) == want


def test_level_refuses_a_chunk_of_part_frames(device):
    out = device.run(LEVEL_RUN % '' + '''
try:
    Level().update(array('h', bytes(2000)), array('h', bytes(8)))
except ValueError as e:
    print(e)
''')
    assert out.strip() == 'level: chunk of 1000 samples is not whole 256-sample frames'


@pytest.mark.parametrize('kind, cdb_level, silent', [
    ('quiet750_26', -8550, True),     # -85.5 dBFS: under SILENT_DBFS
    ('quiet800_195', -8500, False),   # exactly -85.0: not under it
])
def test_silent_microphone_timing(device, kind, cdb_level, silent):
    x = make_chunk(kind, 1000)
    assert cdb(sum(v * v for v in x), 1000) == cdb_level    # the chunk is the level named
    got = statuses(level_run(device, [(kind, 481, 1000)], False))
    # 30 s under -85 dBFS (480,000 samples) is silent from the 480th chunk on.
    assert got == ['ok'] * 479 + ['silent' if silent else 'ok'] * 2


RING_EXACT = '''
import json
from array import array
from ring import Ring, AdpcmRing
out = {'sizes': [Ring().size, Ring(decimate=1).size, Ring().rate, type(Ring().rate).__name__,
                 AdpcmRing().size, AdpcmRing(decimate=1).size,
                 type(AdpcmRing().rate).__name__]}
errors = []
for make in (Ring, AdpcmRing):
    try:
        make(decimate=3)
    except ValueError as e:
        errors.append(str(e))
out['errors'] = errors
seed = 11
stream = array('h', bytes(2 * 300 * 30))
for i in range(len(stream)):
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    stream[i] = (seed >> 8) % 20001 - 10000
r = Ring(seconds=0.5, decimate=2)       # 4000 samples held
buf = array('h', bytes(2 * 1500))
def chunks(a, b):
    for c in range(a, b):
        r.write(stream[c * 300:(c + 1) * 300])
def gone(position):
    try:
        r.read(position, buf)
    except ValueError as e:
        return str(e)
chunks(0, 10)                           # 3000 input samples, 1500 held: no wrap yet
out['fresh'] = [r.start, r.end, r.read(0, buf), list(buf), gone(-2), gone(-1)]
chunks(10, 30)                          # 9000: 4500 held, the oldest 500 overwritten
out['wrapped'] = [r.start, r.end, r.read(r.start, buf), list(buf), gone(r.start - 2)]
for i in range(len(buf)):
    buf[i] = 12345                      # a read writes only what it returns
out['newest'] = [r.read(r.end - 2000, buf), list(buf[:1000]),   # across the ring's end
                 all(v == 12345 for v in buf[1000:])]
one = Ring(seconds=0.01, decimate=1)    # 160 samples
one.write(stream[:100])
out['last'] = [one.read(99, buf), buf[0] == stream[99], one.read(100, buf)]
print(json.dumps(out))
'''


def test_ring_decimates_with_a_1_2_1_filter_across_chunks(device):
    got = device.json_lines(RING_EXACT, heap='256K')[0]
    # Defaults: 2 s at 8 kHz; 2 s at 16 kHz; the ADPCM ring in whole blocks of 256, plus two.
    assert got['sizes'] == [16000, 32000, 8000, 'int', (16000 // 256 + 2) * 256,
                            (32000 // 256 + 2) * 256, 'int']
    assert got['errors'] == ['ring: decimate must be 1 or 2, got 3'] * 2
    # The reference: y[i] = (x[2i-1] + 2 x[2i] + x[2i+1]) >> 2 over the whole stream (x[-1] = 0),
    # whatever the chunks were.
    rand = lcg(11)
    x = [next(rand) % 20001 - 10000 for _ in range(9000)]
    y = [((x[2 * i - 1] if i else 0) + 2 * x[2 * i] + x[2 * i + 1]) >> 2 for i in range(4500)]
    assert got['fresh'] == [0, 3000, 1500, y[:1500], 'ring: audio at -2 is gone (oldest held 0)',
                            'ring: audio at -1 is gone (oldest held 0)']
    assert got['wrapped'] == [1000, 9000, 1500, y[500:2000],
                              'ring: audio at 998 is gone (oldest held 1000)']
    assert got['newest'] == [1000, y[3500:], True]
    assert got['last'] == [1, True, 0]


def lcg(seed):
    while True:
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        yield seed >> 8
