"""The event store (device/store.py) in MicroPython (from the image, heap limited) and CPython."""
import io
import json
import subprocess
import sys
import wave
from pathlib import Path

import pytest

HELPERS = (Path(__file__).with_name('store_device.py')).read_text()


def run(dev, code, heap='256K', **kw):
    """Runs code after the helpers. Functional tests give MicroPython 256 KB because the test
    snippet itself is compiled in the heap; the store's own heap is measured at 128 KB in
    test_store_heap_is_small_and_flat and by `earmark bench store`."""
    return dev.json_lines(HELPERS + '\n' + code, heap=heap, **kw)


def test_append_get_query_pages(device, tmp_path):
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=600)
for i in range(120):
    assert add(s, i) == i
for i in (0, 1, 59, 119):
    check(s, s.get(i), i)
assert s.get(120) is None and s.get(-1) is None
# newest first, paged by cursor, no event twice or missing
seen, cursor = [], None
while True:
    page, cursor = s.query(limit=7, before=cursor)
    seen += [e['id'] for e in page]
    if cursor is None:
        break
assert seen == list(range(119, -1, -1)), seen
# every page stopped its walk early and gave the read buffer back: one made, reused since
assert len(s.chunks) == 1, s.chunks
# a time range [start, end)
page, cursor = s.query(start=T0 + 10 * STEP, end=T0 + 20 * STEP, limit=50)
assert [e['id'] for e in page] == list(range(19, 9, -1)) and cursor is None
page, _ = s.query(label='dog_bark', limit=50)
assert [e['id'] for e in page] == [i for i in range(119, -1, -1) if i %% 11 == 2]
page, _ = s.query(min_confidence=0.945, limit=50)
assert all(e['confidence'] >= 0.945 for e in page) and len(page) == 5
assert s.usage()['segments'] > 3  # rotation happened
s = open_store(root)  # reopen: same answers
check(s, s.get(77), 77)
assert add(s, 120) == 120
out(ok=True, problems=s.problems)
''' % str(tmp_path / 's'))
    assert rows == [{'ok': True, 'problems': []}]


def test_edits_override_and_rollups_count(device, tmp_path):
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=600)
for i in range(150):  # 150 minutes: 3 hours
    add(s, i)
assert s.relabel(3, 'siren')['label'] == 'siren'
assert s.lock(4)['locked'] is True
assert s.lock(4, False)['locked'] is False
s.lock(5)
s.delete(6)
assert s.get(6) is None
assert 6 not in [e['id'] for e in s.events()]
assert 3 in [e['id'] for e in s.events(label='siren')]
assert 3 not in [e['id'] for e in s.events(label='speech')]
for sim in (s.similar(emb(6), k=20, exact=True), s.similar(emb(6), k=20)):
    assert 6 not in [i for i, _ in sim]
hours = list(s.stats('hour', T0, T0 + 4 * 3600000))
days = list(s.stats('day', T0 - 86400000, T0 + 86400000))
s = open_store(root)
assert s.get(3)['label'] == 'siren' and s.get(5)['locked'] and s.get(6) is None
out(hours=hours, days=days, again=list(s.stats('hour', T0, T0 + 4 * 3600000)))
''' % str(tmp_path / 's'))
    r = rows[0]
    assert [h['start'] for h in r['hours']] == [1735689600000 + k * 3600000 for k in range(3)]
    assert [sum(h['counts'].values()) for h in r['hours']] == [59, 60, 30]  # 6 deleted
    first = r['hours'][0]['counts']
    labels = [i % 11 for i in range(60) if i != 6]
    assert first['siren'] == labels.count(8) + 1 and first['speech'] == labels.count(3) - 1
    assert sum(r['days'][0]['counts'].values()) == 149
    assert r['again'] == r['hours']


def test_similar_exact_and_bucketed(device, tmp_path):
    rows = run(device, '''
s = open_store(%r)
for i in range(200):
    add(s, i)
exact = s.similar(17, k=5, exact=True)
bucketed = s.similar(17, k=5, probes=4)  # all 4 buckets: must equal exact
one = s.similar(17, k=5, probes=1)
assert 17 not in [i for i, _ in exact]
# the same ranking as a brute force over the stored vectors
q = s.embedding(17)
def dot(a, b):
    return sum(((a[j] ^ 128) - 128) * ((b[j] ^ 128) - 128) for j in range(DIM))
brute = sorted(((dot(q, s.embedding(i)), i) for i in range(200) if i != 17), reverse=True)[:5]
out(exact=exact, bucketed=bucketed, one=one, brute=[[i, c / 127 / 127] for c, i in brute],
    cos=[similar.cosine(q, s.embedding(i)) for i, _ in exact])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['exact'] == r['bucketed']
    assert [i for i, _ in r['exact']] == [i for i, _ in r['brute']]
    for (_, a), (_, b), c in zip(r['exact'], r['brute'], r['cos']):
        assert abs(a - b) < 1e-3 and abs(a - c) < 0.02
    assert len(r['one']) == 5


def test_an_event_stored_without_an_embedding_has_no_similar_events(device, tmp_path):
    """A pattern head's event is stored with a zero embedding (device/pipeline.py): nothing is
    like it, rather than every event at similarity 0 in whatever order the index keeps."""
    rows = run(device, '''
s = open_store(%r)
for i in range(20):
    add(s, i)
ring = s.append(T0 + 20 * STEP, 1000, 'other', 0.5, [], bytes(DIM))
out(ring=s.similar(ring, k=5, exact=True), bucketed=s.similar(ring, k=5),
    other=s.similar(3, k=30, exact=True))
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['ring'] == [] and r['bucketed'] == []
    assert len(r['other']) == 20   # the others still find each other, the ring at 0
    assert dict(r['other'])[20] == 0.0


def test_a_young_store_finds_its_few_similar_events_beyond_the_nearest_buckets(device,
                                                                               tmp_path):
    rows = run(device, '''
s = open_store(%r)
for i in range(7):
    add(s, i)
one = s.similar(3, k=5, probes=1)
exact = s.similar(3, k=5, exact=True)
import store
store.Store.WHOLE_BELOW = 0      # as a store of many events: the nearest bucket only
alone = s.similar(3, k=5, probes=1)
out(one=one, exact=exact, alone=alone)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert len(r['exact']) == 5 and r['one'] == r['exact']
    assert len(r['alone']) < 5      # what the nearest bucket alone held


def test_clip_round_trip_as_wav(device, tmp_path):
    rows = run(device, '''
s = open_store(%r)
import math
n = 16000 * 3
samples = array('h', bytes(2 * n))
for k in range(n):
    samples[k] = int(8000 * math.sin(2 * math.pi * 440 * k / 16000))
ident = s.append(T0, 3000, 'doorbell', 0.9, [], emb(0), samples)
assert s.get(ident)['has_clip']
class Sink:
    def __init__(self):
        self.pieces = 0
        self.f = open(%r, 'wb')
    def write(self, b):
        self.pieces += 1
        self.f.write(b)
sink = Sink()
size = 0
for piece in s.clip_wav(ident):   # the pieces, as the API writes them out
    sink.write(piece)
    size += len(piece)
sink.f.close()
out(size=size, pieces=sink.pieces, stored=storefile.size(clips.path(s.root, ident)))
''' % (str(tmp_path / 's'), str(tmp_path / 'clip.wav')), heap='384K')   # 3 s of int16 made twice
    r = rows[0]
    # 4 bits a sample, a 16-byte header, 10 bytes (state, count, CRC) per 512-sample block
    assert r['stored'] == 48000 // 2 + 16 + 10 * 94
    assert r['pieces'] > 50  # streamed in chunks
    with wave.open(str(tmp_path / 'clip.wav')) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        data = w.readframes(w.getnframes())
    import numpy as np
    got = np.frombuffer(data, '<i2').astype(float)
    want = np.array([int(8000 * np.sin(2 * np.pi * 440 * k / 16000)) for k in range(48000)])
    snr = 10 * np.log10(np.sum(want ** 2) / np.sum((want - got) ** 2))
    assert len(got) == 48000 and snr > 20, snr


def test_bad_input_is_refused_and_loses_nothing(device, tmp_path):
    rows = run(device, '''
s = open_store(%r)
for i in range(5):
    add(s, i)
errors = []
def refused(f, *a, **kw):
    try:
        f(*a, **kw)
    except ValueError as e:
        errors.append(str(e))
        return
    raise AssertionError('accepted %%r' %% (a,))
refused(s.append, T0 + 9 * STEP, 100, 'unicorn', 0.5, [], emb(9))
refused(s.append, T0 + 9 * STEP, 100, 'speech', 0.5, [], emb(9)[:-1])
refused(s.append, T0 + 9 * STEP, 100, 'speech', 0.5, [], None)
refused(s.append, T0 + 2 * STEP, 100, 'speech', 0.5, [], emb(9))
refused(s.append, T0 + 9 * STEP, 100, 'speech', 1.5, [], emb(9))
refused(s.append, T0 + 9 * STEP, -5, 'speech', 0.5, [], emb(9))
refused(s.append, T0 + 9 * STEP, 100, 'speech', 0.5, [('unicorn', 0.1)], emb(9))
refused(s.relabel, 2, 'unicorn')
refused(s.relabel, 99, 'speech')
refused(s.similar, [1] * (DIM + 1))
refused(s.query, label='unicorn')
refused(store.Store, %r, LABELS[:3], DIM)
for i in range(5):
    check(s, s.get(i), i)
assert add(s, 5) == 5
out(errors=errors)
''' % (str(tmp_path / 's'), str(tmp_path / 's')))
    errors = rows[0]['errors']
    assert len(errors) == 12
    assert 'unknown label' in errors[0] and 'embedding must have 8' in errors[1]
    assert 'time went backwards' in errors[3]


def test_torn_tail_at_every_byte_is_cut(device, tmp_path):
    rows = run(device, '''
root = %r
pristine = root + '-pristine'
s = open_store(pristine, segment_bytes=4096)
for i in range(30):
    add(s, i)
seg = '/s00000000.seg'
full = storefile.size(pristine + seg)
cases = 0
for cut in range(0, layout.RECORD_SIZE + 1):
    rmtree(root)
    copytree(pristine, root)
    if cut:
        storefile.cut(root + seg, full - cut, bytearray(64))
    s = open_store(root)
    n = 30 if cut == 0 else 29
    assert s.usage()['next_id'] == n, (cut, s.usage())
    for i in range(n):
        check(s, s.get(i), i)
    assert s.get(29) is None or cut == 0
    assert [e['id'] for e in s.query(limit=100)[0]] == list(range(n - 1, -1, -1))
    # keeps appending; the torn record's embedding had reached flash, so its id is void
    assert add(s, 30) == 30
    check(s, s.get(30), 30)
    s = open_store(root)
    check(s, s.get(30), 30)
    assert s.get(29) is None or cut == 0
    assert s.similar(emb(30), k=1, exact=True)[0][0] == 30
    cases += 1
# an append cut between its embedding and its record (every byte of the embedding written): the
# embedding stays, harmless, and its id is never used again; the events before it stay whole
s0 = store.Store(pristine)
bucket = s0.sim.nearest(similar.normalise(emb(30), DIM), 1)[0]
entry = bytearray(s0.sim.entry_size)
struct.pack_into('<I', entry, 0, 30)
entry[4:4 + DIM] = similar.normalise(emb(30), DIM)
storefile.seal(entry, 0)
for cut in range(1, len(entry) + 1):
    rmtree(root)
    copytree(pristine, root)
    with open(root + '/b%%02x.ix' %% bucket, 'ab') as f:
        f.write(entry[:cut])
    s = open_store(root)
    assert s.usage()['next_id'] == 30 and s.problems == [], (cut, s.problems)
    check(s, s.get(29), 29)
    whole = cut == len(entry)
    got = add(s, 31)
    assert got == (31 if whole else 30), (cut, got)
    for s in (s, open_store(root)):
        assert s.get(30) is None or not whole, (cut, s.get(30))
        check(s, s.get(31 if whole else 30), 31)
        found = s.similar(emb(30), k=3, exact=True)
        assert (30 not in [i for i, _ in found]) or not whole, found
        got = [e['id'] for e in s.query(limit=2)[0]]
        assert got == ([31, 29] if whole else [30, 29]), (cut, got)
    assert s.problems == [], (cut, s.problems)
    cases += 1
out(cases=cases)
''' % str(tmp_path / 's'))
    assert rows[0]['cases'] == 19 + 16  # 16: an embedding entry of 8 int8 values


def test_bit_flips_are_skipped_and_reported(device, tmp_path):
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=4096)
for i in range(40):
    add(s, i)
seg = root + '/s00000000.seg'
with open(seg, 'rb') as f:
    data = bytearray(f.read())
off = layout.SEG_HEADER_SIZE + 12 * layout.RECORD_SIZE + 5  # inside event 12
data[off] ^= 0x10
with open(seg, 'wb') as f:
    f.write(data)
s = open_store(root)
assert s.get(12) is None
ids = [e['id'] for e in s.query(limit=100)[0]]
assert 12 not in ids and len(ids) == 39
for i in range(40):
    if i != 12:
        check(s, s.get(i), i)
assert any('event 12 damaged' in p for p in s.problems), s.problems
# a flipped embedding: that event never comes back from a similarity search
read.record(s, 20)
bucket = s.rec[13]
path = s.sim.path(bucket)
with open(path, 'rb') as f:
    data = bytearray(f.read())
size = s.sim.entry_size
for k in range(len(data) // size):
    if struct.unpack_from('<I', data, k * size)[0] == 20:
        data[k * size + 6] ^= 0x01
with open(path, 'wb') as f:
    f.write(data)
s = open_store(root)
found = [i for i, _ in s.similar(emb(20), k=40, exact=True)]
assert 20 not in found and 12 not in found and len(found) == 38, found
assert s.embedding(20) is None
assert add(s, 40) == 40
out(problems=s.problems)
''' % str(tmp_path / 's'))
    problems = rows[0]['problems']
    assert 'embedding of event 20 damaged' in problems, problems
    assert 'event 12 damaged, skipped' in problems, problems


def test_retention_thins_clips_first_then_old_segments(device, tmp_path):
    rows = run(device, '''
root = %r
budget = 24 * 1024
s = open_store(root, budget=budget, segment_bytes=1024, keep_clips=1, clip_share=0.5,
               thin_fraction=0.05)
s.lock(add(s, 0, clip=True))
add(s, 1, clip=True)
clip_gone_at = None
for i in range(2, 1500):
    add(s, i, clip=(i %% 3 == 0))
    u = s.usage()
    assert u['bytes'] <= budget, u
    if clip_gone_at is None and s.get(3) is not None and not s.get(3)['has_clip']:
        clip_gone_at = i
        assert s.get(2) is not None  # no events gone yet: clips go first
u = s.usage()
assert s.get(1) is not None and s.get(60) is None and s.get(200) is None, u  # old segments went, not the locked one's
assert s.get(1499) is not None
e0 = s.get(0)
assert e0 is not None and e0['locked'] and e0['has_clip']  # locked: kept with its clip
with_clip = {}
for ev in s.events():
    if ev['has_clip']:
        with_clip[ev['label']] = with_clip.get(ev['label'], 0) + 1
total = sum(sum(d['counts'].values()) for d in s.stats('day', T0 - 86400000, T0 + 3 * 86400000))
s = open_store(root, budget=budget)
out(clip_gone_at=clip_gone_at, usage=u, with_clip=with_clip, total=total,
    again=s.usage()['next_id'])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['clip_gone_at'] is not None
    assert r['total'] == 1500  # roll-ups outlive the events they count
    assert r['again'] == 1500
    # at least the newest KEEP_CLIPS=1 per label among events that had clips (labels of i%3==0)
    assert len(r['with_clip']) >= 8, r['with_clip']


def test_readers_see_a_fixed_view_while_the_writer_appends(device, tmp_path):
    rows = run(device, '''
s = open_store(%r, segment_bytes=600)
for i in range(50):
    add(s, i)
reader = s.events()
seen = []
pages, cursor = [], None
page, cursor = s.query(limit=10)
pages += [e['id'] for e in page]
i = 50
for ev in reader:
    seen.append(ev['id'])
    add(s, i)  # the writer appends (and rotates segments) between every read
    i += 1
    if cursor is not None:
        page, cursor = s.query(limit=10, before=cursor)
        pages += [e['id'] for e in page]
assert seen == list(range(49, -1, -1)), seen
assert pages == list(range(49, -1, -1)), pages
out(ok=True, appended=i)
''' % str(tmp_path / 's'))
    assert rows == [{'ok': True, 'appended': 100}]


def test_store_dump_cli(tmp_path, mpy):
    run(mpy, '''
s = open_store(%r)
for i in range(12):
    add(s, i, clip=(i == 3))
s.relabel(2, 'siren')
s.delete(5)
''' % str(tmp_path / 's'))
    out = subprocess.run([sys.executable, '-m', 'earmark.cli', 'store', 'dump',
                          str(tmp_path / 's')], capture_output=True, text=True, check=True).stdout
    lines = [json.loads(line) for line in out.splitlines()]
    events = [x for x in lines if x['type'] == 'event']
    assert [e['id'] for e in events] == [i for i in range(12) if i != 5]
    assert events[2]['label'] == 'siren' and events[3]['has_clip']
    assert len(events[0]['embedding']) == 8
    assert lines[-1]['type'] == 'usage' and lines[-1]['next_id'] == 12
    assert any(x['type'] == 'day' for x in lines)


def test_store_heap_is_small_and_flat(mpy, tmp_path):
    """The store's own heap, by gc.mem_alloc() deltas, in the 128 KB MicroPython."""
    rows = run(mpy, '''
import gc
root = %r
gc.collect()
base = gc.mem_alloc()
s = open_store(root, segment_bytes=2048)
gc.collect()
new = gc.mem_alloc() - base
for i in range(3000):
    add(s, i)
s = None
gc.collect()
base = gc.mem_alloc()
s = open_store(root)
gc.collect()
reopened = gc.mem_alloc() - base
for ev in s.events(start=T0, end=T0 + 86400000, label='speech'):
    pass
s.similar(emb(1), exact=True)
list(s.stats('hour', T0, T0 + 2 * 86400000))
gc.collect()
after = gc.mem_alloc() - base
out(new=new, reopened=reopened, after=after)
''' % str(tmp_path / 's'), heap='128K')
    r = rows[0]
    assert r['new'] < 8 * 1024 and r['reopened'] < 8 * 1024, r
    assert r['after'] - r['reopened'] < 2048, r  # queries leave nothing behind


def test_every_flipped_bit_costs_at_most_the_record_it_is_in(device, tmp_path):
    """One bit of every byte of every file of a small store (store_bitflip.py), in MicroPython
    on VfsLfs2 and in CPython on a folder: every byte of headers, records, edits, roll-ups,
    store.json and CRCs; in the runs of bytes one CRC covers alike (clip samples, embedding and
    centroid values, store.json's copy) their ends and every 7th (SAMPLED: 1,159 of the 2,274
    bytes). experiments/store_faults.py flips all eight bits of every byte."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text()
    if device.name == 'micropython':
        code += "BITS = 1\nSAMPLED = True\nflip_all(ram_flash('/flash') + '/s')\n"
    else:
        code += 'BITS = 1\nSAMPLED = True\nflip_all(%r)\n' % str(tmp_path / 's')
    r = device.json_lines(code, heap='2M', timeout=1800)[0]
    print(r)
    assert r['kinds'] == ['adp', 'bak', 'bin', 'ed', 'ix', 'json', 'ru', 'seg'], r
    assert r['files'] >= 16 and r['cases'] == sum(n for n, _ in r['flipped'].values()), r
    for name, (n, size) in r['flipped'].items():
        if name.endswith(('.seg', '.ed', '.ru', '.json')):
            assert n == size, (name, n, size)   # every byte
        else:   # sampled runs: each alike byte of 7, and the bytes around them
            assert size // 7 < n < size, (name, n, size)


# Flash geometries for the power-cut harness: 512-byte blocks, an ESP32's 4 KB blocks, and each
# with a flash smaller than the budget, so that the cuts fall while it is full.
FLASHES = {
    '512B': (512, 256, False, dict(budget=5 * 1024, segment_bytes=400, clip_share=0.3,
                                   keep_clips=1, thin_fraction=0.1)),
    '4KB': (4096, 64, False, dict(budget=5 * 1024, segment_bytes=400, clip_share=0.3,
                                  keep_clips=1, thin_fraction=0.1)),
    'full-512B': (512, 56, True, dict(budget=1 << 20, segment_bytes=400)),
    'full-4KB': (4096, 26, True, dict(budget=1 << 20, segment_bytes=400)),
}


@pytest.mark.parametrize('flash', list(FLASHES))
def test_power_cuts_lose_nothing_acknowledged(mpy, flash):
    """Power cuts on VfsLfs2 at every write of a workload that stores events the appliance's way
    (see store_powercut.py). The flash image lives in the heap, so this MicroPython gets 8 MB;
    the store's own heap is measured elsewhere."""
    bs, nb, full, settings = FLASHES[flash]
    code = HELPERS + '\n' + Path(__file__).with_name('store_powercut.py').read_text() + (
        '\nBS, NB, FULL, SETTINGS = %d, %d, %r, %r\nrun()\n' % (bs, nb, full, settings))
    r = mpy.json_lines(code, heap='8M', timeout=3600)[0]
    print(r)
    assert r['cases'] >= 500 and r['live'] >= 30, r
    assert r['clips'] >= 5, r   # clips acknowledged, then checked byte for byte after each cut
    if full:
        assert r['refused'] >= 10, r   # the flash really was full for part of the workload
    else:
        assert r['thinned'] > 0 and r['refused'] == 0, r


def test_a_repair_on_a_full_flash_makes_room_first(mpy):
    """A torn record to cut (a copy of its segment) on a LittleFS with no room for the copy: the
    oldest clip goes first, by the retention rules, and nothing else."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text() + '''
root = ram_flash('/flash', blocks=24) + '/s'
s = open_store(root)
n = 60   # a segment of 1,128 bytes: more than LittleFS keeps inline in its metadata
for i in range(n):
    add(s, i, clip=(i % 10 == 0))
seg = root + '/s00000000.seg'
with open(seg, 'ab') as f:
    f.write(b'torn!')   # a record cut short, as a power cut leaves one on some file systems
filler = 0
f = open('/flash/filler', 'wb')   # kept open: closed, LittleFS would give its last blocks back
try:
    while True:
        f.write(bytes(512))
        f.flush()
        filler += 512
except OSError as exc:
    assert exc.args[0] == 28, exc
s = open_store(root)
for i in range(n):
    ev = s.get(i)
    check(s, ev, i)
    assert ev['has_clip'] == (i % 10 == 0 and i != 0), (ev, s.problems)  # the oldest clip went
assert storefile.size(seg) == layout.SEG_HEADER_SIZE + n * layout.RECORD_SIZE
out(problems=s.problems, filler=filler)
'''
    r = mpy.json_lines(code, heap='1M')[0]
    print(r)
    assert r['filler'] > 0 and 'flash full: clip 0 dropped to repair the store' in r['problems'], r
