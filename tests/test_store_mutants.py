"""The store's parts checked against references made here on the host, independently of the
device code: clips against docs/store-format.md's layout and the IMA-ADPCM of Python's own
`audioop`, file helpers and roll-ups against counts kept in the test, the store's bookkeeping
(usage, cursors, retention) against what its files hold. Written to kill the mutants that the
store's other quick tests let live (`make mutants`, docs/testing.md)."""
import binascii
import io
import json
import struct
import warnings
import wave
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter('ignore', DeprecationWarning)
    import audioop    # Python's own IMA-ADPCM (3.11 has it): the reference for the clips

HELPERS = Path(__file__).with_name('store_device.py').read_text()
RATE = 16000
BLOCK = 512


def run(dev, code, heap='384K'):
    return dev.json_lines(HELPERS + '\n' + code, heap=heap)


def signal(n, seed):
    """Test audio: a sum of two tones and a ramp, loud enough to use most step sizes."""
    import math
    return [max(-32768, min(32767, int(9000 * math.sin(k * (0.03 + seed * 0.011)) +
                                       6000 * math.sin(k * 0.27) + (k * 37 % 2000) - 1000)))
            for k in range(n)]


def swap_nibbles(data):
    """The device keeps the first of two codes in the low nibble, audioop in the high one."""
    return bytes(((b & 15) << 4) | (b >> 4) for b in data)


def wav_bytes(rate, samples):
    f = io.BytesIO()
    with wave.open(f, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack('<%dh' % len(samples), *samples))
    return f.getvalue()


def reference_clip(data, pcm):
    """Checks a clip file byte by byte against the documented layout and audioop's coder run
    over `pcm`; returns audioop's decoding of it (the WAV's samples a reader must get)."""
    magic, rate, samples = struct.unpack_from('<4sII', data, 0)
    assert (magic, rate, samples) == (b'EMA2', RATE, len(pcm)), (magic, rate, samples)
    assert struct.unpack_from('<I', data, 12)[0] == binascii.crc32(data[:12], 0)
    at, n, state, decoded = 16, 0, None, []
    while n * BLOCK < samples:
        k = min(BLOCK, samples - n * BLOCK)
        size = 6 + (k + 1) // 2 + 4
        piece = data[at:at + size]
        assert len(piece) == size, (n, len(piece))
        pred, index, zero, count = struct.unpack_from('<hBBH', piece, 0)
        assert (zero, count) == (0, k), (n, zero, count)
        # each block starts where the coder left the one before (the first at 0, index 0)
        assert (pred, index) == (state or (0, 0)), (n, pred, index, state)
        assert struct.unpack_from('<I', piece, size - 4)[0] == binascii.crc32(piece[:-4], n), n
        raw = struct.pack('<%dh' % k, *pcm[n * BLOCK:n * BLOCK + k])
        codes, state = audioop.lin2adpcm(raw, 2, (pred, index))
        if k % 2:   # audioop drops an odd last code: code one padding sample after it, cut it
            padded, _ = audioop.lin2adpcm(raw + b'\0\0', 2, (pred, index))
            codes = padded[:-1] + bytes([padded[-1] & 0xf0])
        assert swap_nibbles(piece[6:6 + (k + 1) // 2]) == codes, n
        out, _ = audioop.adpcm2lin(codes, 2, (pred, index))
        decoded += struct.unpack('<%dh' % k, out[:2 * k])
        at += size
        n += 1
    assert at == len(data), (at, len(data))
    return decoded


def test_clips_are_ima_adpcm_blocks_as_documented_whole_or_streamed(device, tmp_path):
    """A clip given whole and the same audio streamed in odd pieces through clip_writer() make
    the same file; its blocks are what audioop's IMA coder makes of the audio, and the WAV
    export is audioop's decoding, piece by piece. The store counts the room a streamed clip
    reserves and gives back what it did not use."""
    pcm = signal(1100, 1)
    short = signal(701, 2)   # an odd length: the last write is one sample
    rows = run(device, '''
import binascii
root = %r
pcm = array('h', %r)
short = array('h', %r)
s = open_store(root)
def hexfile(ident):
    with open(clips.path(root, ident), 'rb') as f:
        return binascii.hexlify(f.read()).decode()
def wav(ident, chunk):
    pieces = [bytes(p) for p in s.clip_wav(ident, chunk)]
    return binascii.hexlify(b''.join(pieces)).decode(), [len(p) for p in pieces]
got = {}
got['whole'] = s.append(T0, 1000, 'doorbell', 0.5, [], emb(0), pcm)
u0 = s.usage()
ident = s.append(T0 + STEP, 1000, 'doorbell', 0.5, [], emb(1), 1100)
u1 = s.usage()
w = s.clip_writer(ident, 1100)
got['open_has_clip'] = s.get(ident)['has_clip']
for a, b in ((0, 300), (300, 512), (512, 1100)):
    w.write(pcm[a:], b - a)
got['samples'] = w.samples
w.write(pcm, 200)   # past the reserved length: left out
got['closed'] = w.close()
u2 = s.usage()
short_id = s.append(T0 + 2 * STEP, 1000, 'doorbell', 0.5, [], emb(2), 2000)
u3 = s.usage()
w = s.clip_writer(short_id, 2000)
w.write(short, 700)
w.write(short[700:])
got['short'] = w.close()
u4 = s.usage()
gone = s.append(T0 + 3 * STEP, 1000, 'doorbell', 0.5, [], emb(3), 900)
w = s.clip_writer(gone, 900)
w.write(short, 400)
w.abandon()
u5 = s.usage()
none = s.append(T0 + 4 * STEP, 1000, 'doorbell', 0.5, [], emb(4))
got['writer_without_clip'] = s.clip_writer(none, 100) is None
got['has_clip'] = [s.get(i)['has_clip'] for i in range(5)]
got['files'] = [hexfile(0), hexfile(1), hexfile(short_id)]
got['gone_left'] = [n for n in os.listdir(root + '/clips') if n.startswith('%%08x' %% gone)]
got['wav'], got['pieces'] = wav(1, 101)
got['wav_short'], _ = wav(short_id, 512)
got['usage'] = [(u['bytes'], u['clip_bytes']) for u in (u0, u1, u2, u3, u4, u5)]
got['sizes'] = [clips.stored_size(n) for n in (1100, 2000, 701, 900)]
got['reopened'] = open_store(root).usage()['clip_bytes']
out(**got)
''' % (str(tmp_path / 's'), pcm, short))
    r = rows[0]
    whole, streamed, short_file = (bytes.fromhex(h) for h in r['files'])
    assert streamed == whole
    decoded = reference_clip(whole, pcm)
    assert reference_clip(short_file, short) == list(struct.unpack(
        '<701h', bytes.fromhex(r['wav_short'])[44:]))
    wav_data = bytes.fromhex(r['wav'])
    assert wav_data == wav_bytes(RATE, decoded)
    # pieces: the header, then at most 2 * 100 bytes (a chunk of 101 rounds down to even)
    assert r['pieces'][0] == 44 and max(r['pieces'][1:]) == 200, r['pieces']
    assert sum(r['pieces']) == len(wav_data)
    assert r['samples'] == 1100 and r['closed'] == len(whole) == r['sizes'][0]
    assert not r['open_has_clip'] and r['has_clip'] == [True, True, True, False, False]
    assert r['writer_without_clip'] and r['gone_left'] == []
    assert r['short'] == len(short_file) == r['sizes'][2]
    full, long_, part, abandoned = r['sizes']
    (b0, c0), (b1, c1), (b2, c2), (b3, c3), (b4, c4), (b5, c5) = r['usage']
    assert c0 == full and c1 == 2 * full and c2 == 2 * full     # reserved, then used whole
    assert c3 == 2 * full + long_ and c4 == 2 * full + part     # what it did not use came back
    assert c5 == c4 and r['reopened'] == c4                     # an abandoned clip takes nothing
    assert b2 - b1 == 0 and b4 - b3 == part - long_


def test_a_damaged_clip_block_is_silence_and_a_damaged_header_is_rebuilt(device, tmp_path):
    """One flipped bit in a block silences that block only (and says which); in the header, the
    clip's length comes from the file's size and its rate from the store (here a store opened at
    8 kHz reads a clip written at 16 kHz); a clip cut short loses its last block; asking for a
    clip that is not there, or with too small a buffer, is a ValueError."""
    pcm = signal(1100, 3)
    rows = run(device, '''
import binascii
root = %r
pcm = array('h', %r)
s = open_store(root)
s.append(T0, 1000, 'doorbell', 0.5, [], emb(0), pcm)
s.append(T0 + STEP, 1000, 'doorbell', 0.5, [], emb(1))
s.delete(s.append(T0 + 2 * STEP, 1000, 'doorbell', 0.5, [], emb(2), pcm))
path = clips.path(root, 0)
with open(path, 'rb') as f:
    good = f.read()
def wav(s, chunk=512, out=None):
    return binascii.hexlify(b''.join(bytes(p) for p in s.clip_wav(0, chunk, out))).decode()
def damaged(at):
    bad = bytearray(good)
    bad[at] ^= 0x04
    with open(path, 'wb') as f:
        f.write(bad)
    t = open_store(root, clip_rate=8000)
    return wav(t), t.problems
got = {'good': wav(open_store(root, clip_rate=8000))}
got['block1'] = damaged(clips.HEADER_SIZE + clips.BLOCK_SIZE + 20)
got['block2_state'] = damaged(clips.HEADER_SIZE + 2 * clips.BLOCK_SIZE + 1)
got['header'] = damaged(5)
with open(path, 'wb') as f:
    f.write(good[:-7])
t = open_store(root)
got['cut'] = wav(t), t.problems
with open(path, 'wb') as f:
    f.write(good)
errors = []
for ident in (1, 2, 3):
    try:
        t.clip_wav(ident)
    except ValueError as e:
        errors.append(str(e))
try:
    list(t.clip_wav(0, 256, bytearray(511)))
except ValueError as e:
    errors.append(str(e))
got['small_ok'] = wav(t, 256, bytearray(512)) == got['good']
got['errors'] = errors
out(**got)
''' % (str(tmp_path / 's'), pcm))
    r = rows[0]
    good = bytes.fromhex(r['good'])
    assert good[:44] == wav_bytes(RATE, [0] * 1100)[:44]   # the rate written in the clip
    samples = struct.unpack('<1100h', good[44:])

    def blocks_silenced(data, *silent):
        got = struct.unpack('<%dh' % ((len(data) - 44) // 2), data[44:])
        for n in range(3):
            part, want = got[n * BLOCK:(n + 1) * BLOCK], samples[n * BLOCK:(n + 1) * BLOCK]
            assert part == ((0,) * len(want) if n in silent else want), (n, silent)
    wav1, problems = r['block1']
    blocks_silenced(bytes.fromhex(wav1), 1)
    assert problems == ['clip 0: block 1 damaged, silenced'], problems
    wav2, problems = r['block2_state']
    blocks_silenced(bytes.fromhex(wav2), 2)
    assert problems == ['clip 0: block 2 damaged, silenced'], problems
    wav_h, problems = r['header']
    assert bytes.fromhex(wav_h) == wav_bytes(8000, samples), 'header rebuilt: length and rate'
    assert problems == ['clip 0: header damaged, made again'], problems
    cut, problems = r['cut']
    cut = bytes.fromhex(cut)
    assert len(cut) == len(good) and cut[:44] == good[:44]
    blocks_silenced(cut, 2)
    assert problems == ['clip 0: block 2 damaged, silenced'], problems
    assert r['small_ok']
    assert [e.split(' has')[0] for e in r['errors'][:3]] == ['event 1', 'event 2', 'event 3']
    assert r['errors'][3] == 'a clip piece of 256 samples needs 512 bytes', r['errors']


def test_file_helpers(device, tmp_path):
    """storefile: sizes, durable writes, cutting and filtering records, seals and their seeds,
    the last whole record and a torn tail."""
    rows = run(device, '''
root = %r
os.mkdir(root)
p = root + '/f'
got = {'missing': [storefile.size(p), storefile.last_record(p, 4, bytearray(4)),
                   storefile.fix_tail(p, 4, bytearray(4))]}
storefile.remove(p)   # nothing there: no error
storefile.replace(p, 'text')
storefile.replace(p, b'0123456789abcdefgh')   # 4 records of 4 bytes and 2 torn
got['tmp_left'] = sorted(os.listdir(root))
buf = bytearray(4)
got['last'] = [storefile.last_record(p, 4, buf), bytes(buf).decode(),
               storefile.last_record(p, 20, bytearray(20))]
got['fix'] = [storefile.fix_tail(p, 4, bytearray(4)), storefile.size(p)]
storefile.replace(p + '1', b'wxyz')
got['one'] = [storefile.last_record(p + '1', 4, buf), bytes(buf).decode()]
storefile.remove(p + '1')
storefile.append(p, b'ijklmn')
with open(p, 'rb') as f:
    got['appended'] = f.read().decode()
storefile.copy_range(p, 3, 21, bytearray(5))
with open(p, 'rb') as f:
    got['range'] = f.read().decode()
storefile.replace(p, b'aaaabbbbccccdddde')
storefile.copy_range(p, 0, 17, bytearray(4), lambda r: r[0] != 98)
with open(p, 'rb') as f:
    got['kept'] = f.read().decode()
storefile.replace(p, b'0123456789')
storefile.cut(p, 3, bytearray(2))
with open(p, 'rb') as f:
    got['cut'] = f.read().decode()
storefile.cut(p, 0, bytearray(2))
got['empty'] = storefile.size(p)
rec = storefile.seal(bytearray(b'abcdefgh\\0\\0\\0\\0'), 7)
got['seal'] = [bytes(rec).hex(), storefile.intact(rec, 7), storefile.intact(rec, 6),
               storefile.intact(rec, 0)]
rec[2] ^= 1
got['flipped'] = storefile.intact(rec, 7)
rec[2] ^= 1
rec[9] ^= 0x80
got['crc_flipped'] = storefile.intact(rec, 7)
got['tmp_left_end'] = sorted(os.listdir(root))
out(**got)
''' % str(tmp_path / 'f'))
    r = rows[0]
    assert r['missing'] == [-1, -1, 0]
    assert r['tmp_left'] == ['f'] and r['tmp_left_end'] == ['f']
    assert r['last'] == [3, 'cdef', -1]
    assert r['fix'] == [4, 16] and r['one'] == [0, 'wxyz']
    assert r['appended'] == '0123456789abcdefijklmn'
    assert r['range'] == '3456789abcdefijklm'
    assert r['kept'] == 'aaaaccccdddd'
    assert r['cut'] == '012' and r['empty'] == 0
    crc = binascii.crc32(b'abcdefgh', 7)
    assert r['seal'] == [(b'abcdefgh' + struct.pack('<I', crc)).hex(), True, False, False]
    assert r['flipped'] is False and r['crc_flipped'] is False


HOUR, DAY = 3600000, 86400000
T0 = 1735689600000


def events_and_fixes(seed=7, n=400, labels=3):
    """Events over three days at uneven gaps (some hours empty), and fixes (relabels, deletes)
    of some of them, as the store makes them: (start, label) and (start, old, new)."""
    import random
    rng = random.Random(seed)
    t, events = T0 + 1234, []
    for _ in range(n):
        t += rng.choice([60000, 300000, 900000, 2 * HOUR + 5])
        events.append((t, rng.randrange(labels)))
    fixes = []
    for i in rng.sample(range(n), 40):
        t, old = events[i]
        fixes.append((t, old, rng.choice([(old + 1) % labels, 255])))
    return events, fixes


def reference_stats(events, fixes, per, start, end, labels=3):
    """{period start: counts} that stats(kind, start, end) must give, counted here."""
    want = {}
    for t, label in events:
        if start // per <= t // per <= (end - 1) // per:
            want.setdefault(t // per * per, [0] * labels)[label] += 1
    for t, old, new in fixes:
        p = t // HOUR * HOUR // per * per
        if start // per <= p // per <= (end - 1) // per:
            counts = want.setdefault(p, [0] * labels)
            counts[old] -= 1
            if new != 255:
                counts[new] += 1
    return want


def test_rollups_count_what_a_reference_counts_and_rebuild_after_a_cut(device, tmp_path):
    """rollup.Rollup on its own: hour and day counts with relabels and deletes applied, over
    ranges that start and end inside periods, equal counts made here from the events; opened
    again (the running hour and day lost, as a power cut loses them) it rebuilds the same
    counts from the events after the last one counted; a damaged record costs its period only
    and is reported; the hour file is trimmed to HOURS_KEPT; read-only writes nothing."""
    events, fixes = events_and_fixes()
    ranges = [(T0, T0 + 4 * DAY), (T0 + 5 * HOUR + 17, T0 + DAY + 3 * HOUR),
              (T0 + DAY, T0 + 2 * DAY), (T0 + 2 * DAY + 1, T0 + 2 * DAY + HOUR)]
    rows = run(device, '''
from store import rollup
root = %r
os.mkdir(root)
events, fixes, ranges = %r, %r, %r
HOUR, DAY = rollup.HOUR, rollup.DAY
problems = []
grown = [0]
def grew(n):
    grown[0] += n
def ru_bytes(*roots):
    return sum(max(0, storefile.size(r + '/' + name)) for r in roots
               for name in ('hours.ru', 'days.ru', 'fixes.ru'))
def stats(r):
    return [[list(r.stats(kind, a, b)) for a, b in ranges] for kind in ('hour', 'day')]
stored = 0
def after(upto):
    return ((t, l, i) for i, (t, l) in enumerate(events[:stored]) if i > upto)
r = rollup.Rollup(root, 3, problems.append, grew)
r.recover(after)   # a new store: nothing to rebuild
for i, (t, l) in enumerate(events):
    r.add(t, l, i)
stored = len(events)
for t, old, new in fixes:
    r.fix(t, old, new)
got = {'live': stats(r), 'grown_live': [grown[0], ru_bytes(root)]}
again = rollup.Rollup(root, 3, problems.append, grew)
again.recover(after)
got['reopened'] = stats(again)
got['upto'] = [again.last('hour'), again.last('day'), again.upto]
got['problems'] = list(problems)
# a flush (before the store deletes events) writes the running counts; reopened, they stay
again.flush()
third = rollup.Rollup(root, 3, problems.append, grew)
third.recover(after)
got['flushed'] = stats(third)
got['grown_flushed'] = [grown[0], ru_bytes(root)]
# one damaged hour record in the middle of the file
size = third.sizes[0]
path = root + '/hours.ru'
with open(path, 'rb') as f:
    data = bytearray(f.read())
k = len(data) // size // 2
got['damaged_hour'] = struct.unpack_from('<I', data, k * size)[0]
data[k * size + 9] ^= 0x20
with open(path, 'wb') as f:
    f.write(data)
del problems[:]
grown[0] = 0
fourth = rollup.Rollup(root, 3, problems.append, grew)
fourth.recover(after)
got['damaged'] = [list(fourth.stats('hour', a, b)) for a, b in ranges]
got['damaged_problems'] = list(problems)
try:
    list(fourth.stats('week', T0, T0 + DAY))
except ValueError as e:
    got['bad_kind'] = str(e)
# the hour file trimmed to the last HOURS_KEPT records once it holds twice that
grown[0] = 0
trimmed = rollup.Rollup(root + 't', 3, problems.append, grew)
os.mkdir(root + 't')
trimmed.HOURS_KEPT = 4
for i, (t, l) in enumerate(events[:120]):
    trimmed.add(t, l, i)
    got.setdefault('records', []).append(storefile.size(root + 't/hours.ru') // size)
got['trimmed'] = list(trimmed.stats('hour', T0, T0 + 4 * DAY))
got['trimmed_days'] = list(trimmed.stats('day', T0, T0 + 4 * DAY))
# more than 65,535 events in an hour: written as 65,535
big = rollup.Rollup(root + 'b', 3, problems.append, grew)
os.mkdir(root + 'b')
big.add(T0, 1, 0)
big.counts[0][1] = 70000
big.counts[1][1] = 70000
big.add(T0 + HOUR, 2, 1)
big.add(T0 + DAY, 2, 2)
got['big'] = [list(big.stats('hour', T0, T0 + 2 * HOUR)), list(big.stats('day', T0, T0 + DAY))]
# read-only: counts in RAM, no file written
ro = rollup.Rollup(root + 'r', 3, problems.append, grew)
ro.readonly = True
for i, (t, l) in enumerate(events[:50]):
    ro.add(t, l, i)
ro.flush()
got['readonly_files'] = storefile.size(root + 'r/hours.ru'), storefile.size(root + 'r/days.ru')
got['grown'] = [grown[0], ru_bytes(root + 't', root + 'b', root + 'r')]
out(**got)
''' % (str(tmp_path / 'r'), events, fixes, ranges), heap='2M')
    r = rows[0]
    for kind, per, got in (('hour', HOUR, r['live'][0]), ('day', DAY, r['live'][1])):
        for (a, b), found in zip(ranges, got):
            want = reference_stats(events, fixes, per, a, b)
            assert [p for p, _ in found] == sorted(want), (kind, a, b)
            assert {p: c for p, c in found} == want, (kind, a, b)
    assert r['reopened'] == r['live'] and r['flushed'] == r['live']
    assert r['problems'] == []
    last_hour = max(t // HOUR for t, _ in events)
    # the last hour record counted the last event of an earlier hour
    assert r['upto'][0] == max(i for i, (t, _) in enumerate(events) if t // HOUR < last_hour)
    assert r['upto'][2] == len(events) - 1
    hour = r['damaged_hour'] * HOUR
    for (a, b), found, live in zip(ranges, r['damaged'], r['live'][0]):
        assert [x for x in found if x[0] != hour] == [x for x in live if x[0] != hour]
    assert r['damaged_problems'] and all(
        p.startswith('a roll-up record in ') and p.endswith('hours.ru damaged, skipped')
        for p in r['damaged_problems']), r['damaged_problems']
    assert r['bad_kind'] == "bucket must be hour or day, not 'week'"
    records = r['records']
    assert max(records) == 8 and min(records[20:]) >= 4 and 4 in records, records
    hours = sorted({t // HOUR * HOUR for t, _ in events[:120]})
    kept = [p for p, _ in r['trimmed']]
    assert kept == hours[-len(kept):] and len(kept) == records[-1] + 1, (kept, records[-1])
    assert {p: c for p, c in r['trimmed_days']} == reference_stats(events[:120], [], DAY, T0,
                                                                    T0 + 4 * DAY)
    assert r['big'] == [[[T0, [0, 65535, 0]], [T0 + HOUR, [0, 0, 1]]], [[T0, [0, 70000, 1]]]]
    assert r['readonly_files'] == [-1, -1]
    # what the files grew by (trims included) is what the store is told: its budget counts it
    for key in ('grown_live', 'grown_flushed', 'grown'):
        assert r[key][0] == r[key][1] > 0, (key, r[key])


def store_workload(seed=3, n=260):
    """Events with uneven gaps, some at the same millisecond, then edits: (start, duration,
    label, confidence), deletes, relabels."""
    import random
    rng = random.Random(seed)
    t, events = T0, []
    for i in range(n):
        t += rng.choice([0, 1, 999, 60000, 3 * HOUR])
        events.append((t, rng.randrange(0, 20000), rng.randrange(11), rng.randrange(101) / 100))
    deletes = rng.sample(range(n), 25)
    relabels = [(i, rng.randrange(11)) for i in rng.sample(range(n), 25)]
    return events, deletes, relabels


def test_queries_give_what_a_reference_filter_gives(device, tmp_path):
    """Random time ranges, labels, confidence floors and cursors over a store with rotated
    segments, a gap left by thinning (a locked event keeps its old segment), deletes, relabels
    and events at the same millisecond: events() and query()'s pages give exactly the events a
    filter over the appended list (each event present as get() says) gives, in order."""
    import random
    events, deletes, relabels = store_workload()
    rng = random.Random(5)
    queries = []
    for _ in range(120):
        a = rng.choice([None, events[rng.randrange(len(events))][0] + rng.choice([-1, 0, 1])])
        b = rng.choice([None, events[rng.randrange(len(events))][0] + rng.choice([-1, 0, 1])])
        queries.append({'start': a, 'end': b, 'label': rng.choice([None, 'speech', 'siren']),
                        'min_confidence': rng.choice([None, 0.305, 0.7]),
                        'before': rng.choice([None, rng.randrange(len(events) + 5)]),
                        'oldest_first': rng.random() < 0.3, 'limit': rng.choice([1, 7, 50])})
    rows = run(device, '''
root = %r
events, deletes, relabels, queries = %r, %r, %r, %r
s = open_store(root, segment_bytes=400, budget=8 * 1024)
for i, (t, d, l, c) in enumerate(events):
    if i == 8:
        s.lock(7)
    s.append(t, d, LABELS[l], c, [], emb(i))
for i in deletes:
    if s.get(i) is not None:
        s.delete(i)
for i, l in relabels:
    if s.get(i) is not None:
        s.relabel(i, LABELS[l])
present = [i for i in range(len(events)) if s.get(i) is not None]
out(present=present, segments=s.usage()['segments'], first=s.usage()['first_id'])
for q in queries:
    limit = q.pop('limit')
    oldest = q.pop('oldest_first')
    walked = [e['id'] for e in s.events(oldest_first=oldest, **q)]
    paged, cursor, pages = [], None, 0
    while True:
        before = cursor if cursor is not None else q['before']
        page, cursor = s.query(q['start'], q['end'], q['label'], q['min_confidence'], limit,
                               before)
        paged += [e['id'] for e in page]
        pages += 1
        if cursor is None:
            break
    out(walked=walked, paged=paged, pages=pages)
''' % (str(tmp_path / 's'), events, deletes, relabels, queries), heap='2M')
    present = set(rows[0]['present'])
    # 19 records a segment: the locked event's (ids 0-18) stayed, the next ones went
    assert 7 in present and not present & set(range(19, 60)), str(sorted(present))
    label = {i: l for i, (_, _, l, _) in enumerate(events)}
    for i, l in relabels:
        label[i] = l
    names = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
             'baby_crying', 'car_horn', 'siren', 'background', 'other']
    for q, got in zip(queries, rows[1:]):
        want = [i for i, (t, _, _, c) in enumerate(events)
                if i in present and (q['start'] is None or t >= q['start'])
                and (q['end'] is None or t < q['end'])
                and (q['label'] is None or names[label[i]] == q['label'])
                and (q['min_confidence'] is None
                     or round(int(c * 255 + 0.5) / 255, 3) >= q['min_confidence'])
                and (q['before'] is None or i < q['before'])]
        assert got['walked'] == (want if q['oldest_first'] else want[::-1]), q
        assert got['paged'] == want[::-1], q
        assert got['pages'] == max(1, -(-len(want) // q['limit'])), (q, got['pages'])


def test_usage_counts_the_bytes_on_flash(device, tmp_path):
    """usage() kept as the store writes (appends, rotations, clips streamed or of whole blocks,
    edits, roll-ups) equals the bytes its files hold; measured again on opening, likewise, clips
    apart as clip_bytes. (It left the roll-up files' growth out: thinning then stopped short and the
    store refused an event while old segments could go; see the next test.)"""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=400)
checks = []
def check():
    u = s.usage()
    checks.append([u['bytes'], disk(root), u['clip_bytes'],
                   disk(root + '/clips')])
for i in range(60):
    add(s, i, clip=(i %% 9 == 0))
    if i %% 10 == 3:
        w = s.clip_writer(s.append(T0 + i * STEP + 1, 500, 'siren', 0.5, [], emb(i), 900), 900)
        w.write(pcm(i, 700))
        w.close()
        s.finish(s.usage()['next_id'] - 1, 4000)
    if i %% 10 == 5:   # a clip of whole blocks (two of 512 samples): no partial block
        s.append(T0 + i * STEP + 2, 500, 'siren', 0.5, [], emb(i), pcm(i, 1024))
    if i %% 7 == 0:
        s.relabel(i, 'siren')
        s.lock(i)
    if i %% 13 == 0:
        s.delete(i)
    check()
u = s.usage()
t = open_store(root, segment_bytes=400)
v = t.usage()
out(checks=checks, reopened=[v['bytes'], disk(root), v['clip_bytes'], disk(root + '/clips')],
    same=[u[k] == v[k] for k in ('first_id', 'next_id', 'segments', 'budget', 'clip_budget')])
''' % str(tmp_path / 's'))
    r = rows[0]
    for k, (used, on_disk, clip_used, clip_disk) in enumerate(r['checks']):
        assert (used, clip_used) == (on_disk, clip_disk), (k, r['checks'][k])
    used, on_disk, clip_used, clip_disk = r['reopened']
    assert used == on_disk and clip_used == clip_disk and all(r['same']), r


def test_thinning_makes_room_while_old_segments_can_go(device, tmp_path):
    """A store at its budget for weeks of events (roll-up records grow all the while) takes
    every event: old segments go, the locked event's stays. Before the store counted its
    roll-up files, this store refused event 208 ('store full: locked events and clips fill the
    budget') with seven old segments it could have deleted."""
    events, _, _ = store_workload()
    rows = run(device, '''
events = %r
s = open_store(%r, segment_bytes=400, budget=8 * 1024)
first_thinned = None
for i, (t, d, l, c) in enumerate(events):
    if i == 8:
        s.lock(7)
    if i == 30:
        s.relabel(20, 'siren')   # an edit, not a lock: its segment may go
    before = s.usage()['bytes']
    assert s.append(t, d, LABELS[l], c, [], emb(i)) == i
    assert s.usage()['bytes'] <= 8 * 1024, (i, s.usage())
    if first_thinned is None and i > 19 and s.get(19) is None:
        # what the append needed: a record, an embedding entry, maybe a segment header
        first_thinned = [before, layout.RECORD_SIZE + s.sim.entry_size + layout.SEG_HEADER_SIZE]
out(first=[e['id'] for e in s.events(oldest_first=True) if e['id'] > 18][0], problems=s.problems,
    next=s.usage()['next_id'], locked=s.get(7)['locked'], relabelled=s.get(20),
    first_thinned=first_thinned)
''' % (events, str(tmp_path / 's')), heap='1M')
    r = rows[0]
    assert r['next'] == len(events) and r['problems'] == [], r
    assert r['first'] > 37 and r['locked'], r   # the locked segment stayed, the next ones went
    assert r['relabelled'] is None, r
    before, need = r['first_thinned']
    assert before + need > 8 * 1024, 'thinning began only when an append would go over budget'


def test_a_flash_with_no_room_refuses_the_event_and_keeps_the_store(mpy):
    """On a LittleFS with no room left (MicroPython: a RAM flash), an append is refused with
    'store full' (errno 28) and nothing stored is lost; a torn record to cut on a full flash
    costs the oldest clip that may go, by the retention rules, reported."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text() + '''
root = ram_flash('/flash', blocks=24) + '/s'
s = open_store(root)
for i in range(40):
    add(s, i, clip=(i % 10 == 0))
with open(root + '/s00000000.seg', 'ab') as g:
    g.write(b'torn!')   # as a power cut leaves a record on some file systems
f = open('/flash/filler', 'wb')   # kept open: closed, LittleFS would give its last blocks back
try:
    while True:
        f.write(bytes(512))
        f.flush()
except OSError as exc:
    assert exc.args[0] == 28, exc
refused = []
for i in range(40, 60):
    try:
        add(s, i, clip=True)
    except OSError as exc:
        refused.append((exc.args[0], str(exc.args[1])))
        break
for i in range(40):
    check(s, s.get(i), i)
n = s.usage()['next_id']
t = open_store(root)
out(refused=refused, next=[n, t.usage()['next_id']], problems=s.problems + t.problems,
    clip0=t.get(0)['has_clip'], clip10=t.get(10)['has_clip'])
'''
    r = mpy.json_lines(code, heap='1M')[0]
    assert r['refused'] == [[28, 'store full: the flash has no room left']], r
    assert r['next'][0] == r['next'][1] >= 40, r
    assert 'flash full: clip 0 dropped to repair the store' in r['problems'], r
    assert r['clip0'] is False and r['clip10'] is True, r


def test_a_clip_cut_off_by_a_crash_is_removed_and_strays_are_ignored(device, tmp_path):
    """A clip still being written when the power goes stays a temporary file: opening the store
    removes it, its event says it has no clip; files in the clip folder that are not clips are
    left alone and never taken for one."""
    rows = run(device, '''
root = %r
s = open_store(root)
add(s, 0, clip=True)
ident = s.append(T0 + STEP, 1000, 'siren', 0.5, [], emb(1), 1000)
w = s.clip_writer(ident, 1000)
w.write(pcm(1, 600), 600)      # the power goes: never closed
with open(root + '/clips/notes.txt', 'w') as f:
    f.write('not a clip')
with open(root + '/clips/1.adp', 'w') as f:
    f.write('nor this')
t = open_store(root)
out(files=sorted(os.listdir(root + '/clips')), ids=clips.ids(root),
    has_clip=[t.get(0)['has_clip'], t.get(ident)['has_clip']], problems=t.problems)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['files'] == ['00000000.adp', '1.adp', 'notes.txt'], r
    assert r['ids'] == [0] and r['has_clip'] == [True, False] and r['problems'] == [], r


def test_runners_up_starts_at_the_epoch_and_a_budget_of_one_segment(device, tmp_path):
    """Runner-up scores, however given, come back best first, as many as the store keeps (a
    store keeping one took an event with two runners-up for an IndexError); a new store takes
    an event at 0 ms; a budget with room for less than two segments keeps the newest and takes
    every event."""
    rows = run(device, '''
root = %r
s = open_store(root)
got = {}
three = {'siren': 0.2, 'speech': 0.6, 'doorbell': 0.4}
try:
    s.append(-1, 100, 'dog_bark', 0.5, [], emb(0))
except ValueError as e:
    got['negative'] = str(e)
got['zero'] = s.append(0, 100, 'dog_bark', 0.5, three, emb(0))
got['two'] = s.get(got['zero'])['runners_up']
got['pairs'] = s.get(s.append(5, 100, 'dog_bark', 0.5, [('siren', 0.3)], emb(1)))['runners_up']
one = open_store(root + '1', runners_up=1)
got['one'] = one.get(one.append(T0, 100, 'dog_bark', 0.5, three, emb(2)))['runners_up']
small = open_store(root + 's', segment_bytes=400, budget=2048)
for i in range(120):
    assert small.append(T0 + i * 1000, 100, 'speech', 0.5, [], emb(i)) == i
    assert small.usage()['bytes'] <= 2048, (i, small.usage())
u = small.usage()
got['small'] = [u['segments'], u['first_id'], u['next_id'], small.get(119) is not None]
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['negative'] == 'start must be ms since the epoch, not -1', r
    assert r['zero'] == 0 and r['two'] == [['speech', 0.6], ['doorbell', 0.4]], r
    assert r['pairs'] == [['siren', 0.302]], r
    assert r['one'] == [['speech', 0.6]], r
    segments, first, nxt, newest = r['small']
    assert segments <= 2 and first > 19 and nxt == 120 and newest, r['small']


def test_both_configs_damaged_on_littlefs_are_made_again(mpy):
    """On LittleFS, a store with events whose store.json and its copy are both damaged is made
    whole again from the model's labels, and says so; its events stay."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text() + '''
root = ram_flash('/flash') + '/s'
s = open_store(root)
for i in range(5):
    add(s, i)
for name in ('store.json', 'store.bak'):
    with open(root + '/' + name, 'wb') as f:
        f.write(b'{"labels": [')
t = open_store(root)
for i in range(5):
    check(t, t.get(i), i)
out(problems=t.problems)
'''
    r = mpy.json_lines(code, heap='1M')[0]
    assert "store.json made again from the model's labels" in r['problems'], r


def test_a_bucketed_search_reads_only_its_buckets_when_they_hold_k(device, tmp_path):
    """A young store reads every bucket only when its nearest ones hold fewer than k answers:
    when they hold k, the answer is the best k of those buckets, as a brute force over their
    events gives, not the exact search's."""
    rows = run(device, '''
s = open_store(%r)
for i in range(200):
    add(s, i)
out(bucket={i: s.rec[13] for i in range(200) if read.record(s, i)},
    vectors={i: list(s.embedding(i)) for i in range(200)},
    nearest=[s.sim.nearest(s.embedding(q), 1)[0] for q in (17, 60, 111)],
    one=[s.similar(q, k=5, probes=1) for q in (17, 60, 111)],
    exact=[s.similar(q, k=5, exact=True) for q in (17, 60, 111)])
''' % str(tmp_path / 's'), heap='2M')
    r = rows[0]
    vec = {int(i): [(x ^ 128) - 128 for x in v] for i, v in r['vectors'].items()}
    differs = 0
    for q, b, one, exact in zip((17, 60, 111), r['nearest'], r['one'], r['exact']):
        mine = [i for i, bb in r['bucket'].items() if bb == b and int(i) != q]
        brute = sorted(mine, key=lambda i: (-sum(x * y for x, y in zip(vec[q], vec[int(i)])),
                                            int(i)))[:5]
        assert len(mine) >= 5 and [i for i, _ in one] == [int(i) for i in brute], (q, one, brute)
        differs += one != exact
    assert differs, 'some bucketed answer differs from the exact one (else this proves nothing)'


def test_damage_opened_read_only_is_left_as_found(device, tmp_path):
    """A store opened read-only (copied off a device) writes nothing, even with a damaged
    config copy or segment header to mend; opened to write, a newest segment whose two header
    copies are damaged is kept and reported, not taken for a rotation cut short. Also refused:
    255 labels (a record keeps the label in a byte, 255 meaning none), a negative duration."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=400)
for i in range(30):
    add(s, i)
errors = []
many = ['l%%d' %% i for i in range(255)]
for f, a in ((s.finish, (3, -1)), (store.Store, (root + 'x', many, 8))):
    try:
        f(*a)
    except ValueError as e:
        errors.append(str(e))
def files():
    return {n: open(root + '/' + n, 'rb').read() for n in sorted(os.listdir(root))
            if n != 'clips'}
with open(root + '/store.bak', 'wb') as f:
    f.write(b'{')
newest = sorted(n for n in os.listdir(root) if n.endswith('.seg'))[-1]
damage_headers(root + '/' + newest)
before = files()
ro = store.Store(root, readonly=True)
got = {'same': files() == before, 'ro_problems': ro.problems, 'ro_next': ro.usage()['next_id']}
rw = open_store(root, segment_bytes=400)
got['kept'] = newest in os.listdir(root)
got['rw_problems'] = rw.problems
got['errors'] = errors
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['same'], 'a read-only store wrote to its files'
    assert 'store.bak damaged' in r['ro_problems'], r
    assert r['kept'] and any('damaged, its events skipped' in p for p in r['rw_problems']), r
    assert r['errors'] == ['duration must be 0..655340 ms, not -1', 'at most 254 labels'], r


def test_a_clip_given_as_bytes_and_a_block_with_an_impossible_state(device, tmp_path):
    """A clip given as int16 little-endian bytes is the clip given as an array; a block whose
    CRC holds but whose coder state is impossible (step index 89: the table has 89 steps, 0-88)
    is silence and reported, never decoded past the table."""
    pcm = signal(700, 4)
    rows = run(device, '''
import binascii, sys
root = %r
pcm = array('h', %r)
s = open_store(root)
s.append(T0, 1000, 'doorbell', 0.5, [], emb(0), pcm)
raw = bytes(pcm) if sys.implementation.name == 'micropython' else pcm.tobytes()
s.append(T0 + STEP, 1000, 'doorbell', 0.5, [], emb(1), raw)
files = [open(clips.path(root, i), 'rb').read() for i in (0, 1)]
bad = bytearray(files[0])
at = clips.HEADER_SIZE + clips.BLOCK_SIZE      # block 1: 188 samples, 6 + 94 + 4 bytes
block = memoryview(bad)[at:at + 6 + 94 + 4]
block[2] = 89
storefile.seal(block, 1)
with open(clips.path(root, 0), 'wb') as f:
    f.write(bad)
t = open_store(root)
wav = b''.join(bytes(p) for p in t.clip_wav(0))
out(same=files[0] == files[1], tail=binascii.hexlify(wav[44 + 2 * 512:]).decode(),
    problems=t.problems)
''' % (str(tmp_path / 's'), pcm))
    r = rows[0]
    assert r['same'], 'bytes and array make the same clip'
    assert bytes.fromhex(r['tail']) == bytes(2 * 188), 'the impossible block is silence'
    assert r['problems'] == ['clip 0: block 1 damaged, silenced'], r


def test_rollups_rebuilt_from_hour_records_and_torn_or_damaged_tails(device, tmp_path):
    """The running day rebuilt on opening from the hour records written since the last day
    record (labels 1 and 2 only: no count of label 0 to confuse with an id); a torn record at
    the end of each roll-up file is cut before new ones follow; a damaged last hour record
    costs only its hour, the events after the one before it counted again."""
    day2 = T0 + DAY
    events = [(day2 - HOUR + 60000 * k, 1 + k % 2) for k in range(3)]   # the day before
    events += [(day2 + h * HOUR + 60000 * k, 1 + (h + k) % 2) for h in range(6) for k in range(4)]
    later = [(day2 + 7 * HOUR + 60000 * k, 2) for k in range(3)]
    rows = run(device, '''
from store import rollup
root = %r
os.mkdir(root)
events, later = %r, %r
HOUR, DAY = rollup.HOUR, rollup.DAY
problems = []
stored = 0
def after(upto):
    return ((t, l, i) for i, (t, l) in enumerate((events + later)[:stored]) if i > upto)
def opened():
    r = rollup.Rollup(root, 3, problems.append, lambda n: None)
    r.recover(after)
    return r
def stats(r):
    return [list(r.stats(kind, T0, T0 + 3 * DAY)) for kind in ('hour', 'day')]
r = opened()
for i, (t, l) in enumerate(events):
    r.add(t, l, i)
stored = len(events)
got = {'live': stats(r), 'reopened': stats(opened())}
for name in ('hours.ru', 'days.ru', 'fixes.ru'):
    with open(root + '/' + name, 'ab') as f:
        f.write(b'torn')
r = opened()
for i, (t, l) in enumerate(later):
    r.add(t, l, len(events) + i)
stored += len(later)
r.fix(later[0][0], 2, 1)
got['after_torn'] = stats(opened())
size = r.sizes[0]
with open(root + '/hours.ru', 'rb') as f:
    data = bytearray(f.read())
got['last_hour'] = struct.unpack_from('<I', data, len(data) - size)[0]
data[len(data) - size + 9] ^= 0x40
with open(root + '/hours.ru', 'wb') as f:
    f.write(data)
got['damaged_last'] = stats(opened())
got['problems'] = problems
out(**got)
''' % (str(tmp_path / 'r'), events, later))
    r = rows[0]
    fixes = [(later[0][0], 2, 1)]

    def want(evs, fx):
        return [[[p, c] for p, c in sorted(
            reference_stats(evs, fx, per, T0, T0 + 3 * DAY).items())] for per in (HOUR, DAY)]
    assert r['live'] == r['reopened'] == want(events, []), r['reopened']
    assert r['after_torn'] == want(events + later, fixes), r['after_torn']
    # The damaged record was the last hour written before the running one: the events after
    # the record before it are counted again, so every hour and the day come out whole.
    assert r['damaged_last'] == want(events + later, fixes), (r['last_hour'], r['damaged_last'])
    assert any('hours.ru damaged' in p for p in r['problems']), r['problems']


def test_roll_up_ranges_name_only_periods_with_events_from_the_epoch_to_far_out(device,
                                                                                tmp_path):
    """rollup.Rollup.stats gives each period of [start, end) that has events, and no other:
    a new roll-up asked from the epoch gives nothing; a clock never set (events in the epoch's
    first hours and days) is counted like any other; a range ending 1 ms into an hour or a day
    holds that period, one ending at a period's start does not, also far out (day 150,000,000,
    where a float division of the range rounds up: in the host's doubles only there, in a
    board's single-precision floats already today); a damaged record where the search looks
    first costs only its own period, even when its damage makes it read as an earlier hour,
    and one long before a range is not even read (the search starts where the range does);
    and a query closes the file it read (MicroPython closes an abandoned one only when it next
    collects garbage)."""
    K = 150000000
    cases = {
        'epoch': ([(5, 2), (HOUR + 5, 0), (HOUR + 6, 1), (DAY + 7, 2), (2 * DAY + 8, 1)],
                  [(0, 3 * DAY), (DAY, 3 * DAY), (HOUR, HOUR + 1)]),
        'edge': ([(T0 + 5, 0), (T0 + HOUR, 1), (T0 + DAY, 2), (T0 + DAY + HOUR, 0)],
                 [(T0, T0 + HOUR + 1), (T0, T0 + HOUR), (T0, T0 + DAY + 1), (T0, T0 + DAY)]),
        'far': ([(K * DAY - 1000, 0), (K * DAY + 1000, 1), ((K + 1) * DAY, 2)],
                [((K - 1) * DAY, K * DAY), ((K - 1) * DAY, K * DAY + 1), (K * DAY, (K + 1) * DAY)]),
        'damaged': ([(T0 + 5, 0), (T0 + 6, 1), (T0 + HOUR + 5, 2), (T0 + 2 * HOUR + 5, 1)],
                    [(T0, T0 + 3 * HOUR)]),
    }
    rows = run(device, '''
from store import rollup
root = %r
cases = %r
problems = []
def made(name):
    os.mkdir(root + name)
    r = rollup.Rollup(root + name, 3, problems.append, lambda n: None)
    r.recover(lambda upto: iter(()))
    return r
def fds():
    return len(os.listdir('/proc/self/fd'))
got = {}
r = made('new')
got['new'] = [list(r.stats(kind, 0, 3 * rollup.DAY)) for kind in ('hour', 'day')]
for name in sorted(cases):
    events, ranges = cases[name]
    r = made(name)
    for i, (t, l) in enumerate(events):
        r.add(t, l, i)
    if name == 'damaged':   # hour 1's record read as an hour long before (its top bit cleared)
        path = root + name + '/hours.ru'
        with open(path, 'rb') as f:
            data = bytearray(f.read())
        size = r.sizes[0]
        p = struct.unpack_from('<I', data, size)[0]
        top = 1
        while top * 2 <= p:
            top *= 2
        struct.pack_into('<I', data, size, p ^ top)
        with open(path, 'wb') as f:
            f.write(data)
    got[name] = [[list(r.stats(kind, a, b)) for a, b in ranges] for kind in ('hour', 'day')]
got['problems'] = problems[:]
# hours 0 to 15, hour 1's record damaged; asked for hours 12 to 15
r = made('old')
for i in range(16):
    r.add(T0 + i * rollup.HOUR, i %% 3, i)
with open(root + 'old/hours.ru', 'r+b') as f:
    f.seek(r.sizes[0] + 9)
    f.write(b'X')
got['recent'] = list(r.stats('hour', T0 + 12 * rollup.HOUR, T0 + 16 * rollup.HOUR))
got['recent_problems'] = problems[len(got['problems']):]
# hours 0 to 3 on flash, asked for hour 0 only, three times: no file left open
r = made('open')
for i in range(5):
    r.add(T0 + i * rollup.HOUR, i %% 3, i)
before = fds()
for _ in range(3):
    got['first_hour'] = list(r.stats('hour', T0, T0 + rollup.HOUR))
got['open'] = fds() - before
out(**got)
''' % (str(tmp_path / 'r'), cases), heap='2M')
    r = rows[0]
    assert r['new'] == [[], []], r['new']
    for name, (events, ranges) in cases.items():
        for k, per in enumerate((HOUR, DAY)):
            for (a, b), found in zip(ranges, r[name][k]):
                want = reference_stats(events, [], per, a, b)
                if name == 'damaged' and per == HOUR:
                    del want[T0 + HOUR]    # the damaged record's hour, and only it, is lost
                assert found == [[p, want[p]] for p in sorted(want)], (name, per, a, b, found)
    assert r['problems'] == ['a roll-up record in %s damaged, skipped'
                             % (tmp_path / 'rdamaged' / 'hours.ru')], r['problems']
    assert r['first_hour'] == [[T0, [1, 0, 0]]] and r['open'] == 0, r
    assert r['recent'] == [[T0 + h * HOUR, [int(h % 3 == k) for k in range(3)]]
                           for h in range(12, 16)] and r['recent_problems'] == [], r


def test_roll_ups_reopened_after_a_flush_damage_a_torn_day_or_ids_past_2_to_the_24(device,
                                                                                 tmp_path):
    """What opening rebuilds: counts flushed before the store deletes events (for space) are
    neither lost with those events nor counted twice while they are still there, hour and day,
    and a damaged hour record then costs only its hour (the day's record was written too);
    an hour file whose every record is damaged is reported and its events are counted again
    from the first; a damaged day record is made again from the hour records (the next day's
    hours counted in that day only), and opened once more the days stay; a torn day record (a
    power cut mid-append) is cut, so the next day's record reads back whole; ids past 2**24
    (years of a busy street) find the hour records written since the last day record, so the
    running day is whole again."""
    big = 1 << 24
    flush = [(T0 + k * 600000, k % 3) for k in range(12)]                      # hours 0 and 1
    damaged = [(T0 + 5, 1), (T0 + 6, 2), (T0 + 7, 2), (T0 + HOUR + 5, 1)]
    torn = [(T0 + d * DAY + h * HOUR, (d + h) % 3) for d in range(3) for h in range(3)]
    days = torn[:6]
    ids = [(T0 + h * HOUR, h % 3) for h in range(3)] + \
          [(T0 + DAY + h * HOUR + 60000 * k, (h + k) % 3) for h in range(4) for k in range(2)]
    rows = run(device, '''
from store import rollup
root = %r
flush, damaged, torn, days, ids, big = %r, %r, %r, %r, %r, %r
problems = []
held = {}      # the events on flash: id -> (start, label)
def after(upto):
    return ((held[i][0], held[i][1], i) for i in sorted(held) if i > upto)
def opened(name):
    r = rollup.Rollup(root + name, 3, problems.append, lambda n: None)
    r.recover(after)
    return r
def stats(r, a, b):
    return [list(r.stats(kind, a, b)) for kind in ('hour', 'day')]
def added(name, events, first=0, fresh=True):
    if fresh:
        os.mkdir(root + name)
    r = opened(name)
    for i, (t, l) in enumerate(events):
        r.add(t, l, first + i)
        held[first + i] = (t, l)
    return r
got = {}
added('flush', flush).flush()
got['flush_held'] = stats(opened('flush'), T0, T0 + rollup.DAY)
held.clear()                     # the events the flush was for, deleted
got['flush_gone'] = stats(opened('flush'), T0, T0 + rollup.DAY)
# the same, and then hour 0's record damaged: it costs that hour only, the day was written
added('flushed', flush).flush()
held.clear()
with open(root + 'flushed/hours.ru', 'r+b') as f:
    f.seek(9)
    f.write(b'X')
got['flushed_damaged'] = stats(opened('flushed'), T0, T0 + rollup.DAY)
del problems[:]
held.clear()
r = added('damaged', damaged)
path = root + 'damaged/hours.ru'
with open(path, 'rb') as f:
    data = bytearray(f.read())
data[9] ^= 0x01                  # the one hour record (hour 0's)
with open(path, 'wb') as f:
    f.write(data)
got['damaged_records'] = len(data) // r.sizes[0]
got['damaged'] = stats(opened('damaged'), T0, T0 + rollup.DAY)
held.clear()
added('days', days)              # day 0's record written, day 1 running
with open(root + 'days/days.ru', 'r+b') as f:
    f.seek(9)
    f.write(b'X')
got['days'] = stats(opened('days'), T0, T0 + 2 * rollup.DAY)
got['days_again'] = stats(opened('days'), T0, T0 + 2 * rollup.DAY)
got['damaged_problems'] = problems[:]
held.clear()
del problems[:]
added('torn', torn[:6])          # day 0's record written
with open(root + 'torn/days.ru', 'ab') as f:
    f.write(b'torn')
added('torn', torn[6:], 6, False)    # day 1's record written after the cut
got['torn'] = stats(opened('torn'), T0, T0 + 3 * rollup.DAY)
held.clear()
added('ids', ids, big)
got['ids'] = stats(opened('ids'), T0, T0 + 2 * rollup.DAY)
got['problems'] = problems
out(**got)
''' % (str(tmp_path / 'r'), flush, damaged, torn, days, ids, big))
    r = rows[0]

    def want(events, a, b):
        return [[[p, c] for p, c in sorted(reference_stats(events, [], per, a, b).items())]
                for per in (HOUR, DAY)]
    assert r['flush_held'] == r['flush_gone'] == want(flush, T0, T0 + DAY), r
    by_hour, by_day = want(flush, T0, T0 + DAY)
    assert r['flushed_damaged'] == [by_hour[1:], by_day], r['flushed_damaged']
    assert r['damaged_records'] == 1 and r['damaged'] == want(damaged, T0, T0 + DAY), r
    assert r['days'] == r['days_again'] == want(days, T0, T0 + 2 * DAY), r
    found = r['damaged_problems']
    assert found[0].endswith('hours.ru damaged, skipped') and all(
        p.endswith(('hours.ru damaged, skipped', 'days.ru damaged, skipped')) for p in found) \
        and found[-1].endswith('days.ru damaged, skipped'), found
    assert r['torn'] == want(torn, T0, T0 + 3 * DAY), r['torn']
    assert r['ids'] == want(ids, T0, T0 + 2 * DAY), r['ids']
    assert r['problems'] == [], r['problems']


def test_roll_ups_keep_62_days_of_hours_count_read_only_and_apply_fixes_past_a_damaged_one(
        device, tmp_path):
    """Hour records are trimmed, but after every event the last 62 days' hours (1,488) are on
    flash and asked for, all come out (here the hour file starts one record short of twice
    that, laid out as docs/store-format.md says); a store read off a device (read-only)
    counts its running day from every hour record written since the last day record, as the
    device does; a damaged fix costs only itself: the fixes after it still apply; a relabel
    of an event whose hour and day hold no count (their records trimmed or damaged) comes out
    in its place, oldest first."""
    kept = 62 * 24
    month = [(T0 + h * HOUR, h % 3) for h in range(5)]
    day = [(T0 + h * HOUR + 60000 * k, (h + k) % 3) for h in range(4) for k in range(2)]
    fixed = [(T0 + 5, 0), (T0 + 6, 1), (T0 + HOUR + 5, 1), (T0 + 2 * HOUR + 5, 2)]
    fixes = [(T0 + 5, 0, 2), (T0 + HOUR + 5, 1, 255), (T0 + 6, 1, 0), (T0 - 2 * HOUR + 5, 1, 2)]
    rows = run(device, '''
from store import rollup
import binascii
root = %r
kept, month, day, fixed, fixes = %r, %r, %r, %r, %r
HOUR = rollup.HOUR
problems = []
held = {}
def after(upto):
    return ((held[i][0], held[i][1], i) for i in sorted(held) if i > upto)
def opened(name, readonly=False):
    r = rollup.Rollup(root + name, 3, problems.append, lambda n: None)
    r.readonly = readonly
    r.recover(after)
    return r
got = {}
# the 2 * kept - 1 hours before T0, one event each (ids 0...), as records on flash
os.mkdir(root + 'month')
first = T0 // HOUR - (2 * kept - 1)
rec = bytearray(18)
with open(root + 'month/hours.ru', 'wb') as f:
    for k in range(2 * kept - 1):
        struct.pack_into('<II3H', rec, 0, first + k, k, 1, 0, 0)
        struct.pack_into('<I', rec, 14, binascii.crc32(memoryview(rec)[:14], 0) & 0xffffffff)
        f.write(rec)
r = opened('month')
got['records'] = []
for i, (t, l) in enumerate(month):
    r.add(t, l, 2 * kept - 1 + i)
    got['records'].append(storefile.size(root + 'month/hours.ru') // 18)
got['hours'] = [t // HOUR - first for t, c in r.stats('hour', 0, month[-1][0] + 1)]
held.clear()
os.mkdir(root + 'day')
r = opened('day')
for i, (t, l) in enumerate(day):
    r.add(t, l, i)
    held[i] = (t, l)
got['read_only'] = [list(opened('day', True).stats(k, T0, T0 + rollup.DAY))
                   for k in ('hour', 'day')]
got['writable'] = [list(opened('day').stats(k, T0, T0 + rollup.DAY)) for k in ('hour', 'day')]
held.clear()
os.mkdir(root + 'fixed')
r = opened('fixed')
for i, (t, l) in enumerate(fixed):
    r.add(t, l, i)
for t, old, new in fixes:
    r.fix(t, old, new)
with open(root + 'fixed/fixes.ru', 'r+b') as f:
    f.seek(7)
    f.write(b'X')                # the first fix's CRC
got['fixed'] = [list(r.stats(k, T0 - 3 * HOUR, T0 + rollup.DAY)) for k in ('hour', 'day')]
got['problems'] = problems
out(**got)
''' % (str(tmp_path / 'r'), kept, month, day, fixed, fixes), heap='2M')
    r = rows[0]
    newest = 2 * kept - 1 + len(month) - 1     # the running hour's, from the first record's
    assert min(r['records']) >= kept, r['records']
    assert r['hours'][-kept - 1:] == list(range(newest - kept, newest + 1)), r['hours'][-3:]
    assert r['hours'] == sorted(set(r['hours'])), 'hours in order, each once'

    def want(events, fx, start=T0):
        return [[[p, c] for p, c in sorted(reference_stats(events, fx, per, start,
                                                           T0 + DAY).items())]
                for per in (HOUR, DAY)]
    assert r['read_only'] == r['writable'] == want(day, []), r['read_only']
    assert r['fixed'] == want(fixed, fixes[1:], T0 - 3 * HOUR), r['fixed']
    assert r['problems'] == ['a roll-up fix in %s damaged, skipped'
                             % (tmp_path / 'rfixed' / 'fixes.ru')] * 2, r['problems']


def test_a_repair_that_meets_a_full_disk_as_cpython_reports_it_makes_room(device, tmp_path):
    """CPython's OSError for a full disk carries its text too, (28, 'No space left on device'):
    the repair must know it as ENOSPC all the same, make room by the retention rules and go on
    (the first cut of the torn record here meets it, as a full disk would)."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(30):
    add(s, i, clip=(i %% 10 == 0))
with open(root + '/s00000000.seg', 'ab') as f:
    f.write(b'torn!')
cut = storefile.cut
storefile.cut = full_once(cut)
t = open_store(root)
storefile.cut = cut
out(problems=t.problems, next=t.usage()['next_id'], clip0=t.get(0)['has_clip'])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert 'flash full: clip 0 dropped to repair the store' in r['problems'], r
    assert r['next'] == 30 and r['clip0'] is False, r


def test_the_details_a_second_sample_found(device, tmp_path):
    """What a second sample of store.py's mutants showed untested: the longest clip taken and
    one sample more refused; a copy cut short in the store's folder and the clip of an append
    that never returned removed on opening; which header copy is damaged; a range that starts
    before the first event; finish() to 0 and past its limit; confidences to three places;
    a label given by its index; two runners-up scored 1 (ties: the later label first)."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=400)
got = {}
got['longest'] = s.append(T0, 1000, 'siren', 0.004, [('doorbell', 1.0), ('speech', 1.0)],
                          emb(0), 160000)     # 10 s, streamed: only its room is kept now
try:
    s.append(T0, 1000, 'siren', 0.5, [], emb(1), 160001)
except ValueError as e:
    got['too_long'] = str(e)
for i in range(1, 40):
    add(s, i, clip=(i == 5))
got['ev0'] = s.get(0)
s.finish(1, 0)
got['end0'] = s.get(1)['end'] - s.get(1)['start']
s.finish(2, 655340)
got['end_max'] = s.get(2)['end'] - s.get(2)['start']
try:
    s.finish(3, 655350)
except ValueError as e:
    got['past'] = str(e)
got['by_index'] = s.relabel(4, 0)['label']
got['before_all'] = [e['id'] for e in s.events(start=T0 - 5, end=T0 + 3 * STEP)]
with open(root + '/store.json.tmp', 'w') as f:
    f.write('{')
with open(clips.path(root, 40), 'wb') as f:    # an append that never returned
    f.write(bytes(40))
with open(root + '/s00000013.seg', 'r+b') as f:
    f.seek(3)
    f.write(b'X')    # the first header copy only
t = open_store(root)
got['left'] = sorted(n for n in os.listdir(root) if n.endswith('.tmp'))
got['clips'] = clips.ids(root)
got['problems'] = t.problems
got['ev20'] = t.get(20) is not None
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['longest'] == 0 and r['too_long'] == 'clip longer than 10 s', r
    assert r['ev0']['confidence'] == 0.004, r['ev0']
    assert r['ev0']['runners_up'] == [['speech', 1.0], ['doorbell', 1.0]], r['ev0']
    assert r['end0'] == 0 and r['end_max'] == 655340, r
    assert r['past'] == 'duration must be 0..655340 ms, not 655350', r
    assert r['by_index'] == 'doorbell'
    assert r['before_all'] == [2, 1, 0], r['before_all']
    assert r['left'] == [] and r['clips'] == [5], r
    assert 'segment s00000013.seg: header copy 1 damaged' in r['problems'] and r['ev20'], r


def test_the_smallest_clip_piece_and_a_fix_after_every_record(device, tmp_path):
    """A clip read two samples at a time into a buffer of 4 bytes is the clip; roll-up fixes
    for periods after the last one counted (a relabel whose hour record was lost) still come
    out, after the counted ones."""
    rows = run(device, '''
from store import rollup
root = %r
s = open_store(root)
ident = add(s, 0, clip=True)
whole = b''.join(bytes(p) for p in s.clip_wav(ident))
small = [bytes(p) for p in s.clip_wav(ident, 2, bytearray(4))]
os.mkdir(root + 'r')
r = rollup.Rollup(root + 'r', 3, lambda text: None, lambda n: None)
r.add(T0, 1, 0)
r.add(T0 + rollup.HOUR, 2, 1)       # hour 0's record written; hour 1 running
r.fix(T0 + 3 * rollup.HOUR, 1, 2)    # hour 3: nothing counted there
out(same=b''.join(small) == whole, most=max(len(p) for p in small[1:]),
    hours=list(r.stats('hour', T0, T0 + 4 * rollup.HOUR)))
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['same'] and r['most'] == 4, r
    hour = 3600000
    assert r['hours'] == [[T0, [0, 1, 0]], [T0 + hour, [0, 0, 1]],
                          [T0 + 3 * hour, [0, -1, 1]]], r['hours']


def test_a_store_of_another_format_and_a_deleted_lock(device, tmp_path):
    """A store.json of another format (format 1 kept no CRC) is refused as FormatError, not
    taken for damage and written over; a locked event deleted afterwards no longer holds its
    segment against thinning."""
    rows = run(device, '''
root = %r
os.mkdir(root)
with open(root + '/store.json', 'w') as f:
    f.write(json.dumps({'labels': LABELS, 'dim': DIM, 'format': 1}))
got = {}
try:
    open_store(root)
except store.FormatError as e:
    got['refused'] = str(e)
got['untouched'] = sorted(os.listdir(root))
s = open_store(root + 'b', segment_bytes=400, budget=6 * 1024)
add(s, 0)
s.lock(0)
s.delete(0)
for i in range(1, 200):
    add(s, i, start=T0 + i * 1000)
got['first'] = s.usage()['first_id']
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['refused'] == 'store in %s is format 1; this version reads format 2' % (
        tmp_path / 's'), r   # the folder named, as the appliance's problem says it
    assert r['untouched'] == ['store.json'], r
    assert r['first'] > 0, 'the deleted lock kept its segment'


def test_a_repair_with_no_room_to_make_loses_no_event(mpy):
    """A torn record to cut on a full LittleFS where nothing may go (no clips, the only older
    segment locked): opening says so and deletes nothing; the newest segment is never the one
    that goes."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text() + '''
root = ram_flash('/flash', blocks=24) + '/s'
s = open_store(root, segment_bytes=1200)
for i in range(100):
    add(s, i)
s.lock(0)
segments = sorted(n for n in os.listdir(root) if n.endswith('.seg'))
with open(root + '/' + segments[-1], 'ab') as g:
    g.write(b'torn!')
f = open('/flash/filler', 'wb')
try:
    while True:
        f.write(bytes(512))
        f.flush()
except OSError:
    pass
try:
    open_store(root, segment_bytes=1200)
    refused = None
except OSError as exc:
    refused = str(exc.args[-1])
out(refused=refused, segments=segments,
    after=sorted(n for n in os.listdir(root) if n.endswith('.seg')))
'''
    r = mpy.json_lines(code, heap='1M')[0]
    assert len(r['segments']) == 2, r
    assert r['refused'] == 'store full: no room to repair it' and r['after'] == r['segments'], r


def test_an_empty_store_and_offsets_past_49_days(device, tmp_path):
    """An empty store answers a day's query with nothing; a segment's times are offsets of 32
    bits (49.7 days of ms) from its first start: an event later than that starts a new segment,
    and the next ones go on in it."""
    rows = run(device, '''
s = open_store(%r)
got = {'empty': s.query(start=T0, end=T0 + 86400000)[0]}
far = T0 + 50 * 86400000
for t in (T0, far, far + 60000, far + 120000):
    s.append(t, 100, 'siren', 0.5, [], emb(t %% 7))
got['segments'] = s.usage()['segments']
got['starts'] = [e['start'] - T0 for e in s.events(oldest_first=True)]
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['empty'] == [] and r['segments'] == 2, r
    assert r['starts'] == [0, 50 * 86400000, 50 * 86400000 + 60000, 50 * 86400000 + 120000], r


def test_centroids_of_any_crc_and_a_config_without_its_crc(device, tmp_path):
    """Centroids whose CRC-32 is odd open again without a word (the store keeps the whole CRC);
    a store.json of this format that lost its CRC is damage, mended from its copy, not a store
    of another format."""
    k = 0
    while True:   # centroids whose CRC's low bit is 1 (half of all), found here
        cents = bytes((j * 7 + k) % 256 for j in range(32))
        if binascii.crc32(cents) & 1:
            break
        k += 1
    rows = run(device, '''
root = %r
s = store.Store(root, LABELS, DIM, centroids=%r)
add(s, 0)
t = store.Store(root, LABELS, DIM, centroids=%r)
got = {'reopened': t.problems}
cfg = json.loads(open(root + '/store.json').read())
del cfg['crc']
with open(root + '/store.json', 'w') as f:
    f.write(json.dumps(cfg))
u = store.Store(root, LABELS, DIM, centroids=%r)
got['no_crc'] = u.problems
got['event'] = u.get(0) is not None
out(**got)
''' % (str(tmp_path / 's'), cents, cents, cents))
    r = rows[0]
    assert r['reopened'] == [], r
    assert r['no_crc'] == ['store.json damaged'] and r['event'], r


def test_a_segment_with_no_readable_header_keeps_its_events_clips_to_itself(device, tmp_path):
    """Both copies of a segment's header damaged: its events are skipped (and said to be), and
    so is what hangs on them: their clips are not served, their embeddings not given, no similar
    event named among them. The other segments' events and clips read as stored; a flipped bit
    in a clip's first block silences that block, named as block 0."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(12):
    add(s, i, clip=i in (1, 5, 9))
seg = root + '/s%%08x.seg' %% 4                      # events 4..7
damage_headers(seg)
path = clips.path(root, 1)
with open(path, 'rb') as f:
    data = bytearray(f.read())
data[clips.HEADER_SIZE + 20] ^= 4
with open(path, 'wb') as f:
    f.write(data)
t = open_store(root)
got = {'read': [i for i in range(12) if t.get(i) is not None]}
got['embeddings'] = [i for i in range(12) if t.embedding(i) is not None]
got['clips'] = {}
for i in (1, 5, 9):
    try:
        wav = b''.join(bytes(p) for p in t.clip_wav(i))
        got['clips'][i] = [len(wav), sum(1 for k in range(44, len(wav), 2) if wav[k] or wav[k + 1])]
    except ValueError as e:
        got['clips'][i] = str(e)
got['similar'] = sorted(i for i, _ in t.similar(emb(5), k=20, exact=True))
got['listed'] = [e['id'] for e in t.events(oldest_first=True)]
got['problems'] = t.problems
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    kept = [0, 1, 2, 3, 8, 9, 10, 11]
    assert r['read'] == kept and r['embeddings'] == kept and r['listed'] == kept, r
    assert r['similar'] == kept, r['similar']
    assert r['clips']['5'] == 'event 5 has no clip', r['clips']
    # 400 samples: 44 + 800 bytes; clip 1's first block (its 400 samples) is silence
    assert r['clips']['1'] == [844, 0] and r['clips']['9'][0] == 844, r['clips']
    assert r['clips']['9'][1] > 300, r['clips']
    assert 'segment s00000004.seg damaged, its events skipped' in r['problems'], r['problems']
    assert 'clip 1: block 0 damaged, silenced' in r['problems'], r['problems']


def test_similar_names_ten_events_unless_asked_for_more(device, tmp_path):
    """similar() without k gives the ten most similar events (its documented default), by id
    and by embedding alike; fewer only when the store holds fewer."""
    rows = run(device, '''
s = open_store(%r)
for i in range(15):
    add(s, i)
got = {'by_id': len(s.similar(3)), 'by_vector': len(s.similar(emb(3))),
       'k4': len(s.similar(3, k=4)), 'k20': len(s.similar(3, k=20))}
out(**got)
''' % str(tmp_path / 's'))
    assert rows[0] == {'by_id': 10, 'by_vector': 10, 'k4': 4, 'k20': 14}, rows


def test_a_segment_file_gone_under_the_store_is_skipped_without_false_damage(device, tmp_path):
    """A segment's file gone behind the store's back (a file system that lost it): lists walk on
    to the next segment, either way round, and name no event damaged; what is left reads as
    stored."""
    rows = run(device, '''
import os
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(12):
    add(s, i)
s.events(oldest_first=True)      # a walk made and dropped: its buffer holds records
list(s.events())
os.remove(root + '/s%%08x.seg' %% 4)                 # events 4..7
got = {'oldest': [e['id'] for e in s.events(oldest_first=True)],
       'newest': [e['id'] for e in s.events()],
       'page': [e['id'] for e in s.query(limit=5)[0]]}
walk = s.events(oldest_first=True)
got['paused'] = [next(walk)['id'] for _ in range(2)]
os.remove(root + '/s%%08x.seg' %% 8)                 # events 8..11, while a list is under way
got['paused'] += [e['id'] for e in walk]
got['problems'] = s.problems
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['oldest'] == [0, 1, 2, 3, 8, 9, 10, 11], r
    assert r['newest'] == [11, 10, 9, 8, 3, 2, 1, 0] and r['page'] == [11, 10, 9, 8, 3], r
    assert r['paused'] == [0, 1, 2, 3], r
    assert r['problems'] == [], r['problems']


def test_thinning_keeps_the_newest_clips_a_label_may_keep_and_a_full_clip_budget_drops_the_clip(
        device, tmp_path):
    """Clips go oldest first down to the newest KEEP_CLIPS (2) of a label when the clip budget
    asks for that much room; when clips that must be kept (locked events') fill the clip budget,
    a new event is stored without its clip: no clip file, has_clip false, said in problems, and
    the clip bytes stay within their budget."""
    rows = run(device, '''
root = %r
c = clips.stored_size(400)                 # add(..., clip=True) stores 400 samples
s = open_store(root, budget=100000, clip_share=5.5 * c / 100000, thin_fraction=2.6 * c / 100000)
for i in range(6):
    s.append(T0 + i * STEP, 1000, 'siren', 0.5, [], emb(i), pcm(i))
got = {'thinned': s.clip_ids(), 'flags': [s.get(i)['has_clip'] for i in range(6)]}
t = open_store(root + 'l', budget=100000, clip_share=3.5 * c / 100000, thin_fraction=0)
for i in range(3):
    t.lock(t.append(T0 + i * STEP, 1000, LABELS[i], 0.5, [], emb(i), pcm(i)))
ident = t.append(T0 + 3 * STEP, 1000, LABELS[3], 0.5, [], emb(3), pcm(3))
got['locked'] = [t.clip_ids(), t.get(ident)['has_clip'], t.problems,
                 t.usage()['clip_bytes'] <= t.usage()['clip_budget']]
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['thinned'] == [3, 4, 5], r
    assert r['flags'] == [False, False, False, True, True, True], r
    assert r['locked'] == [[0, 1, 2], False,
                           ['clip dropped: clips that must be kept fill the clip budget'], True], r


def test_a_store_at_its_budget_thins_clips_before_any_event_goes(device, tmp_path):
    """Over its budget with clips within their own share, the store makes room by thinning
    clips, oldest first (each label keeping its newest two), and keeps every event while that
    is enough; usage stays within the budget."""
    rows = run(device, '''
s = open_store(%r, budget=20000, clip_share=0.9, segment_bytes=600)
over = None
for i in range(90):
    s.append(T0 + i * STEP, 1000, LABELS[i %% 3], 0.5, [], emb(i), pcm(i))
    if over is None and s.clip_ids()[0] > 0:
        over = i
u = s.usage()
out(over=over, events=[i for i in range(90) if s.get(i) is None], clips=s.clip_ids(),
    used=u['bytes'] <= u['budget'], problems=s.problems)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['over'] is not None and r['events'] == [] and r['used'], r
    assert r['clips'][-6:] == list(range(84, 90)) and r['clips'] == sorted(r['clips']), r
    assert len(r['clips']) < 90 - 10 and r['problems'] == [], r


def test_two_torn_appends_in_a_row_void_their_ids_and_a_runner_up_may_score_0(device, tmp_path):
    """Two appends cut off in a row after their embeddings (two power cuts): both ids are
    voided by the next append, which takes the id after them, and the store reads on without
    naming anything damaged; a runner-up scored 0 is kept as given."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(3):
    add(s, i)
seg = root + '/s%%08x.seg' %% 0
storefile.cut(seg, storefile.size(seg) - 2 * layout.RECORD_SIZE, bytearray(64))   # ids 1, 2
t = open_store(root)
ident = t.append(T0 + 5 * STEP, 1000, 'siren', 0.5, [('speech', 0.0)], emb(5))
u = open_store(root)
out(ident=ident, read=[i for i in range(5) if u.get(i) is not None],
    listed=[e['id'] for e in u.events()], runners=u.get(ident)['runners_up'],
    problems=t.problems + u.problems)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['ident'] == 3 and r['read'] == [0, 3] and r['listed'] == [3, 0], r
    assert r['runners'] == [['speech', 0.0]] and r['problems'] == [], r


def test_a_store_in_a_folder_that_exists_and_edits_past_the_first_segment(device, tmp_path):
    """A new store opens in a folder that is already there (made by hand, or left empty); edits
    of events in later segments (first ids past 15: the edits file's name carries eight hex
    digits) apply again after the store is opened anew."""
    rows = run(device, '''
import os
root = %r
os.mkdir(root)
os.mkdir(root + '/clips')
s = open_store(root, segment_bytes=48 + 18 * 4)
for i in range(60):
    add(s, i)
s.relabel(41, 'siren'); s.lock(53); s.delete(58); s.finish(33, 5000)
t = open_store(root)
out(label=t.get(41)['label'], locked=t.get(53)['locked'], gone=t.get(58) is None,
    end=t.get(33)['end'] - t.get(33)['start'], problems=s.problems + t.problems)
''' % str(tmp_path / 's'))
    assert rows[0] == {'label': 'siren', 'locked': True, 'gone': True, 'end': 5000,
                       'problems': []}, rows


def test_a_rotation_cut_after_its_headers_first_copy_loses_no_later_event(device, tmp_path):
    """A rotation cut off after its header's first copy (30 of its 48 bytes on flash: a file
    system without atomic appends can leave that): opened read-only, the events before it read
    as stored; opened to write, the torn file goes, and events appended next are read back
    after a reopen (they were appended after the torn header, where no reader looked)."""
    rows = run(device, '''
import struct
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(4):
    add(s, i)
head = bytearray(layout.SEG_HEADER_SIZE)
struct.pack_into(layout.SEG_HEADER, head, 0, layout.SEG_MAGIC, 4, T0 + 4 * STEP,
                 layout.RECORD_SIZE, layout.FORMAT)
storefile.seal(memoryview(head)[:layout.HEAD_COPY], 0)
with open(root + '/s%%08x.seg' %% 4, 'wb') as f:
    f.write(head[:30])
r = store.Store(root, readonly=True)
got = {'readonly': [e['id'] for e in r.events(oldest_first=True)], 'next': r.usage()['next_id']}
t = open_store(root, segment_bytes=48 + 18 * 4)
got['appended'] = [add(t, i) for i in range(4, 7)]
u = open_store(root)
got['read'] = [e['id'] for e in u.events(oldest_first=True)]
got['problems'] = r.problems + t.problems + u.problems
out(**got)
''' % str(tmp_path / 's'))
    assert rows[0] == {'readonly': [0, 1, 2, 3], 'next': 4, 'appended': [4, 5, 6],
                       'read': [0, 1, 2, 3, 4, 5, 6], 'problems': []}, rows


def test_what_a_store_keeps_beside_its_events_is_mended_from_its_copy_or_the_model(device,
                                                                                   tmp_path):
    """store.json and centroids.bin each keep a copy (docs/store-format.md, "Opening"): one gone
    or damaged is written again from the other (a damaged one said so); both centroid copies
    damaged, they are made again from the model's centroids and said so, and opening without
    the model's is refused, the files left for a later open; a model with other centroids is
    told the store keeps its own, one of another embedding size is refused; a store made
    without centroids opens again as it was. A personal head emptied is refused and said so;
    a folder with no store, opened read-only or with no embedding size, is refused with one
    line, as is one whose two configs are damaged opened without the model's labels."""
    rows = run(device, '''
root = %r
def data(name):
    with open(root + '/' + name, 'rb') as f:
        return f.read()
def damage(name):
    d = bytearray(data(name))
    d[len(d) // 2] ^= 4
    with open(root + '/' + name, 'wb') as f:
        f.write(d)
names = ('store.json', 'store.bak', 'centroids.bin', 'centroids.bak')
got = {}
try:
    store.Store(root, readonly=True)
except ValueError as e:
    got['readonly'] = str(e)
try:
    store.Store(root, LABELS)
except ValueError as e:
    got['new_no_dim'] = str(e)
s = open_store(root)
add(s, 0)
made = dict((n, data(n)) for n in names)
def same():
    return [data(n) == made[n] for n in names]
os.remove(root + '/store.bak')
got['bak_gone'] = [open_store(root).problems, same()]
os.remove(root + '/store.json')
got['json_gone'] = [open_store(root).problems, same()]
with open(root + '/store.json', 'wb') as f:
    pass
got['json_empty'] = [open_store(root).problems, same()]
with open(root + '/store.json', 'wb') as f:
    f.write(made['store.json'].replace(b'doorbell', b'doorbelm'))   # one bit: 'l' to 'm'
got['json_flipped'] = [open_store(root).problems, same()]
damage('centroids.bak')
got['one_damaged'] = [open_store(root).problems, same()]
os.remove(root + '/centroids.bak')
got['one_gone'] = [open_store(root).problems, same()]
try:
    store.Store(root, LABELS, 2 * DIM, centroids=CENTROIDS)
except ValueError as e:
    got['other_dim'] = str(e)
damage('centroids.bin')
damage('centroids.bak')
try:
    store.Store(root, LABELS, DIM)
except ValueError as e:
    got['no_model'] = str(e)
got['left'] = same()
t = open_store(root)
got['remade'] = [t.problems, same(), t.get(0) is not None]
u = store.Store(root, LABELS, DIM, centroids=bytes(reversed(CENTROIDS)))
got['other'] = [u.problems, same()]
root = root + 'n'
v = store.Store(root, LABELS, DIM)
add(v, 0)
w = store.Store(root, LABELS, DIM, centroids=CENTROIDS)
got['none'] = [store.Store(root, LABELS, DIM).problems, w.problems,
               sorted(n for n in os.listdir(root) if n.startswith('centroids'))]
with open(root + layout.HEAD, 'wb') as f:
    pass
x = store.Store(root, LABELS, DIM)
got['head'] = [x.problems, x.personal is None, x.get(0) is not None]
for name in ('store.json', 'store.bak'):
    damage(name)
got['no_labels'] = []
for a in ((), (LABELS,)):   # neither the labels nor the embedding size, or only the labels
    try:
        store.Store(root, *a)
    except ValueError as e:
        got['no_labels'].append(str(e))
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['readonly'] == 'no store in %s (or its store.json is damaged)' % (tmp_path / 's'), r
    assert r['new_no_dim'] == 'a new store needs labels and dim', r
    whole = [True] * 4
    assert r['bak_gone'] == [[], whole] and r['json_gone'] == [[], whole], r
    assert r['json_empty'] == r['json_flipped'] == [['store.json damaged'], whole], r
    assert r['one_damaged'] == r['one_gone'] == [['centroids.bak damaged'], whole], r
    assert r['other_dim'] == 'store in %s has embeddings of 8, not 16' % (tmp_path / 's'), r
    assert r['no_model'] == ("%s/centroids.bin and its copy are damaged: open the store with "
                             "the model's centroids to make them again" % (tmp_path / 's')), r
    assert r['left'] == [True, True, False, False], r
    assert r['remade'] == [['centroids.bin damaged', 'centroids.bak damaged',
                            "centroids.bin made again from the model's centroids"], whole,
                           True], r
    assert r['other'] == [['store keeps the centroids it was made with, not the new ones'],
                          whole], r
    assert r['none'] == [[], [], []], r
    assert r['head'] == [['personal head refused: personal: not JSON'], True, True], r
    damaged = ("%sn/store.json and its copy are damaged: open the store with the model's "
               "labels to make them again" % (tmp_path / 's'))
    assert r['no_labels'] == [damaged, damaged], r


def test_edits_apply_again_after_opening_whatever_their_segments_first_id(device, tmp_path):
    """Edits are read again when the store opens anew, in a segment that begins at id 1 (one
    event a segment) as in one whose first id needs all eight hex digits of its name (ids past
    2**28: a store that took an event a second for eight and a half years; its segment written
    here by hand, as docs/store-format.md lays it out: header <4sIqHH and CRC, twice, and one
    event record <IHBBBBBBBB sealed with its id)."""
    one = struct.pack('<4sIqHH', b'EMS2', 0x10000000, T0, 18, 2)
    header = (one + struct.pack('<I', binascii.crc32(one))) * 2
    rec = struct.pack('<IHBBBBBBBB', 0, 100, 0, 128, 255, 0, 255, 0, 0, 0)
    header += rec + struct.pack('<I', binascii.crc32(rec, 0x10000000))
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18)         # one event a segment
for i in range(3):
    add(s, i)
s.relabel(1, 'siren')
s.lock(2)
t = open_store(root, segment_bytes=48 + 18)
got = {'small': [t.get(1)['label'], t.get(2)['locked'], t.get(0)['label']]}
root = root + 'big'
open_store(root)
with open(root + '/s10000000.seg', 'wb') as f:
    f.write(bytes.fromhex(%r))
s = open_store(root)
got['ids'] = [add(s, i) for i in range(1, 4)]
s.relabel(got['ids'][1], 'siren')
s.relabel(0x10000000, 'speech')
t = open_store(root)
got['big'] = [[e['id'], e['label']] for e in t.events(oldest_first=True)]
got['problems'] = t.problems
out(**got)
''' % (str(tmp_path / 's'), header.hex()))
    r = rows[0]
    first = 0x10000000
    assert r['small'] == ['siren', True, 'doorbell'], r
    assert r['ids'] == [first + 1, first + 2, first + 3], r
    assert r['big'] == [[first, 'speech'], [first + 1, 'door_knock'], [first + 2, 'siren'],
                        [first + 3, 'speech']], r
    assert r['problems'] == [], r


def test_an_append_cut_off_in_a_new_segment_leaves_no_segment_behind(device, tmp_path):
    """An append whose record never reached flash just after it began a segment (the write
    failed, or the power went with 10 of its 18 bytes written): that segment holds no event and
    goes, so the next event, which may start before the lost one (two labels' onsets out of
    order; a clock set again after a restart), is stored with its own start, not 49.7 days
    later (MicroPython wrapped the offset from the lost event's start) nor refused with a
    struct error (CPython); the lost event's id and clip are not used again, in a new store as
    in one with older segments."""
    rows = run(device, '''
root = %r
real = storefile.append
def failing(path, data):
    if path.endswith('.seg'):
        raise OSError(5, 'the write failed')
    return real(path, data)
got = {}
s = open_store(root)
storefile.append = failing
try:
    s.append(T0 + 10 * STEP, 1000, 'siren', 0.5, [], emb(10), pcm(10))
except OSError as e:
    got['failed'] = e.args[0]
storefile.append = real
got['new'] = [add(s, 5, start=T0 + 5 * STEP), clips.ids(root)]
def read(t):
    return [[e['id'], (e['start'] - T0) // STEP] for e in t.events(oldest_first=True)]
got['new_read'] = read(open_store(root))
root = root + 'b'
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(4):
    add(s, i)
add(s, 10)                                           # a new segment...
seg = root + '/s%%08x.seg' %% 4
storefile.cut(seg, layout.SEG_HEADER_SIZE + 10, bytearray(64))   # ...whose record was torn
t = open_store(root, segment_bytes=48 + 18 * 4)
got['old'] = [add(t, 5), read(t), read(open_store(root)), t.problems]
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['failed'] == 5 and r['new'] == [1, []], r
    assert r['new_read'] == [[1, 5]], r
    assert r['old'] == [5, [[0, 0], [1, 1], [2, 2], [3, 3], [5, 5]],
                        [[0, 0], [1, 1], [2, 2], [3, 3], [5, 5]], []], r

def test_a_cut_between_store_json_and_its_copy_is_settled_by_store_json(device, tmp_path):
    """Both copies of store.json whole but different (the power went between writing the copy
    and switching the file, as a personal label was added): the store goes by store.json and
    writes the copy again to match it, so a later damage to store.json cannot bring back a
    label whose change never finished. A folder under a segment's name (nothing the store
    writes: left by a file system check, or by hand) is skipped and named damaged; the other
    segments read as stored."""
    rows = run(device, '''
root = %r
def data(name):
    with open(root + '/' + name, 'rb') as f:
        return f.read()
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(8):
    add(s, i)
before = data('store.json')
s.add_label('our bell')
with open(root + '/store.json', 'wb') as f:
    f.write(before)                                  # only the copy had been written
os.mkdir(root + '/s00000002.seg')
t = open_store(root)
out(custom=t.custom, same=[data('store.bak') == before, data('store.json') == before],
    read=[e['id'] for e in t.events(oldest_first=True)], problems=t.problems)
''' % str(tmp_path / 's'))
    assert rows[0] == {'custom': [], 'same': [True, True], 'read': list(range(8)),
                       'problems': ['segment s00000002.seg damaged, its events skipped']}, rows


# An append torn by a full flash: half its record written, its repair refused (the older
# segment locked, no clips), with the store's six events before it; `e` is the refusal
TORN_BY_FULL_FLASH = '''s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(6):
    add(s, i)
s.lock(0)
append, cut = storefile.append, storefile.cut
def torn(path, data):
    if path.endswith('.seg'):
        append(path, data[:len(data) // 2])
        raise OSError(28, 'No space left on device')
    return append(path, data)
def full(*a):
    raise OSError(28, 'No space left on device')
storefile.append, storefile.cut = torn, full
try:
    add(s, 6)
except OSError as e:
'''


def test_an_append_whose_repair_finds_no_room_leaves_the_store_counting_its_bytes(device,
                                                                                 tmp_path):
    """An append torn by a full flash (half its record written) whose repair can make no room
    (no clips, the older segment locked) is refused as 'store full'; the store, still in use
    by the appliance, counts the bytes on flash as they are (it said 0 before: its count was
    made only once a repair succeeded)."""
    rows = run(device, ('''
root = %r
''' + TORN_BY_FULL_FLASH + '''    refused = [e.args[0], str(e.args[-1])]
storefile.append, storefile.cut = append, cut
out(refused=refused, counted=s.usage()['bytes'], disk=disk(root), problems=s.problems)
''') % str(tmp_path / 's'))
    r = rows[0]
    assert r['refused'] == [28, 'store full: no room to repair it'], r
    assert r['counted'] == r['disk'] > 0, r

def test_a_restart_after_a_torn_edit_and_with_the_newest_record_damaged(device, tmp_path):
    """A power cut in the middle of an edit (5 of its 22 bytes written) and a flipped bit in the
    newest event's record, the only one of its segment: after the restart the torn edit is cut,
    so edits made afterwards are read back (appended after the torn bytes, none would be), and
    the store knows its last intact event's start (in the segment before), so an event before
    it is refused: a segment's events stay in time order."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(5):
    add(s, i)
s.relabel(1, 'siren')
with open(root + '/s00000000.ed', 'ab') as f:
    f.write(b'\\x02\\x00\\x00\\x00\\x01')
with open(root + '/s00000004.seg', 'r+b') as f:
    f.seek(layout.SEG_HEADER_SIZE + 5)
    b = f.read(1)
    f.seek(layout.SEG_HEADER_SIZE + 5)
    f.write(bytes([b[0] ^ 16]))
t = open_store(root, segment_bytes=48 + 18 * 4)
got = {}
try:
    t.append(T0 + 2 * STEP + 30000, 1000, 'siren', 0.5, [], emb(9))
except ValueError as e:
    got['refused'] = str(e)
t.relabel(2, 'speech')
u = open_store(root)
got['labels'] = [u.get(i)['label'] for i in range(4)]
got['newest'] = u.get(4)
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    t3 = 1735689600000 + 3 * 60000
    assert r['refused'] == ('time went backwards: event at %d ms is before the last one at %d ms'
                            % (t3 - 30000, t3)), r
    assert r['labels'] == ['doorbell', 'siren', 'speech', 'speech'] and r['newest'] is None, r

def test_a_reopened_store_knows_when_its_last_event_began(device, tmp_path):
    """After a restart the store knows when its newest event began (read back from flash, as
    it knew before): stats() with no end reaches that event's day, and an event before it is
    refused as time going backwards, as it was before the restart."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(3):
    add(s, i)
add(s, 3, start=T0 + 86400000 + STEP)                # the next day
t = open_store(root)
got = {'days': [(d['start'] - T0) // 86400000 for d in t.stats('day', T0)]}
try:
    t.append(T0 + 86400000, 1000, 'siren', 0.5, [], emb(4))
except ValueError as e:
    got['backwards'] = str(e)
got['ok'] = t.append(T0 + 86400000 + STEP, 1000, 'siren', 0.5, [], emb(4))
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    last = 1735689600000 + 86400000 + 60000
    assert r['days'] == [0, 1], r
    assert r['backwards'] == ('time went backwards: event at %d ms is before the last one at '
                              '%d ms' % (last - 60000, last)), r
    assert r['ok'] == 4, r


def test_read_only_repairs_nothing_and_a_rotation_cut_short_goes_when_writing(device, tmp_path):
    """A store copied off a device with a rotation cut short (10 bytes of its newest segment's
    header on flash), a torn hour record and a roll-up copy cut short (fixes.ru.tmp) opens
    read-only with every file as it was, its events read; opened to write, the torn segment,
    the torn tail and the copy go, nothing is called damaged, and the next event opens its
    segment anew."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(8):
    add(s, i, start=T0 + i * 40 * 60000)             # hour records written as hours pass
head = bytearray(layout.SEG_HEADER_SIZE)
with open(root + '/s%%08x.seg' %% 4, 'rb') as f:
    f.readinto(head)
with open(root + '/s%%08x.seg' %% 8, 'wb') as f:
    f.write(head[:10])
with open(root + '/hours.ru', 'ab') as f:
    f.write(b'torn')
with open(root + '/fixes.ru.tmp', 'wb') as f:     # a copy cut short by a power cut
    f.write(b'torn')
def files():
    return dict((n, open(root + '/' + n, 'rb').read()) for n in os.listdir(root)
                if n != 'clips')
before = files()
r = store.Store(root, readonly=True)
got = {'readonly': [e['id'] for e in r.events(oldest_first=True)],
       'hours': [sum(h['counts'].values()) for h in r.stats('hour', T0, T0 + 86400000)]}
got['same'] = files() == before
t = open_store(root, segment_bytes=48 + 18 * 4)
got['gone'] = [n for n in before if n not in files()]
got['hours_cut'] = len(before['hours.ru']) - len(files()['hours.ru'])
got['problems'] = t.problems
got['next'] = add(t, 8, start=T0 + 8 * 40 * 60000)
u = open_store(root)
got['read'] = [e['id'] for e in u.events(oldest_first=True)]
got['later'] = u.problems
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['readonly'] == list(range(8)) and r['same'], r
    # 40 minutes apart from the hour's start: 2, 1, 2, 1, 2 events in hours 0 to 4
    assert r['hours'] == [2, 1, 2, 1, 2], r
    assert sorted(r['gone']) == ['fixes.ru.tmp', 's00000008.seg'] and r['hours_cut'] == 4, r
    assert r['problems'] == [] and r['later'] == [], r
    assert r['next'] == 8 and r['read'] == list(range(9)), r


def test_a_segment_header_comes_only_from_an_intact_copy_naming_its_file(device, tmp_path):
    """A flipped bit in a segment header's first copy, in its first start: the events keep
    their times (from the second copy), and the damaged copy is named; a segment file holding
    another segment's bytes (a copy under the wrong name) is skipped and called damaged, its
    events not read twice; so is one whose header, whole, is not this format's (magic EMS1,
    not EMS2)."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(16):
    add(s, i)
def edit(name, change):
    with open(root + '/' + name, 'rb') as f:
        d = bytearray(f.read())
    d = change(d)
    with open(root + '/' + name, 'wb') as f:
        f.write(d)
def flip(d):
    d[9] ^= 1      # the first start's second byte: 256 ms
    return d
edit('s00000004.seg', flip)
edit('s00000008.seg', lambda d: open(root + '/s00000000.seg', 'rb').read())
def other(d):
    for at in (0, layout.HEAD_COPY):
        d[at + 3] = ord('1')
        storefile.seal(memoryview(d)[at:at + layout.HEAD_COPY], 0)
    return d
edit('s0000000c.seg', other)
t = open_store(root)
out(events=[[e['id'], e['start'] - T0] for e in t.events(oldest_first=True)],
    problems=t.problems)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['events'] == [[i, i * 60000] for i in range(8)], r
    assert r['problems'] == ['segment s00000004.seg: header copy 1 damaged',
                             'segment s00000008.seg: header copy 1 damaged',
                             'segment s00000008.seg: header copy 2 damaged',
                             'segment s00000008.seg damaged, its events skipped',
                             'segment s0000000c.seg: header copy 1 damaged',
                             'segment s0000000c.seg: header copy 2 damaged',
                             'segment s0000000c.seg damaged, its events skipped'], r


def test_a_flipped_bit_in_the_newest_embedding_costs_only_that_embedding(device, tmp_path):
    """The newest event's embedding entry damaged (one flipped bit in its posting list): after
    a restart that event reads as stored, without its embedding, nothing older is lost, and
    the next event takes the next id."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(5):
    add(s, i)
path = s.sim.path([b for b in range(s.sim.buckets) if s.sim.last_id(b) == 4][0])
with open(path, 'rb') as f:
    d = bytearray(f.read())
d[-6] ^= 2       # a value of its embedding
with open(path, 'wb') as f:
    f.write(d)
t = open_store(root)
got = {'next': add(t, 5), 'embedding': t.embedding(4)}
for i in range(6):
    if i != 4:
        check(t, t.get(i), i)
got['ids'] = [e['id'] for e in t.events(oldest_first=True)]
got['newest'] = t.get(4)['label']
out(**got)
''' % str(tmp_path / 's'))
    assert rows[0] == {'next': 5, 'embedding': None, 'ids': [0, 1, 2, 3, 4, 5],
                       'newest': 'footsteps'}, rows


def test_store_json_is_laid_out_as_documented(device, tmp_path):
    """store.json and its copy, read here on the host, against docs/store-format.md: labels,
    dim, format 2, the CRC-32 of the centroids (centroids.bin and .bak: the model's bytes), and
    a `crc` field that is the CRC-32 of the text `labels|dim|format|centroids` (labels joined
    by commas; `|` and the personal labels after it once there are any), checked on a CRC
    that is odd and one that is even."""
    cents = bytes((((k * 53 + j * 29) % 200) - 100) & 0xff for k in range(4) for j in range(8))
    labels = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
              'baby_crying', 'car_horn', 'siren', 'background', 'other']
    text = '%s|8|2|%d' % (','.join(labels), binascii.crc32(cents))
    k = 0   # a personal label whose text's CRC has the other low bit (half of all names)
    while binascii.crc32(('%s|our sound %d' % (text, k)).encode()) % 2 == binascii.crc32(
            text.encode()) % 2:
        k += 1
    root = tmp_path / 's'
    rows = run(device, '''
root = %r
s = open_store(root)
import binascii
def files():
    return dict((n, binascii.hexlify(open(root + '/' + n, 'rb').read()).decode())
                for n in ('store.json', 'store.bak', 'centroids.bin', 'centroids.bak'))
got = {'made': files()}
s.add_label('our sound %%d' %% %d)
got['custom'] = files()
out(**got)
''' % (str(root), k))
    r = rows[0]
    for step, custom in (('made', []), ('custom', ['our sound %d' % k])):
        files = {n: bytes.fromhex(h) for n, h in r[step].items()}
        assert files['centroids.bin'] == cents, step
        assert files['centroids.bak'] == files['centroids.bin'], step
        assert files['store.bak'] == files['store.json'], step
        cfg = json.loads(files['store.json'])
        crc = cfg.pop('crc')
        want = {'labels': labels, 'dim': 8, 'format': 2, 'centroids': binascii.crc32(cents)}
        if custom:
            want['custom'] = custom
        assert cfg == want, (step, cfg)
        signed = text + ('|' + ','.join(custom) if custom else '')
        assert crc == binascii.crc32(signed.encode()), (step, crc)

def test_a_repair_with_no_clip_that_may_go_drops_the_oldest_segment(device, tmp_path):
    """A torn record to cut when the flash has no room (the cut meets ENOSPC once) in a store
    of two segments whose one clip is a locked event's: by the retention rules the clip stays
    and the older segment is the one that may go; it goes, said so, and the newest segment's
    events stay, the locked one with its clip."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(6):
    add(s, i, clip=i == 4)
s.lock(4)
with open(root + '/s00000004.seg', 'ab') as f:
    f.write(b'torn!')
cut = storefile.cut
storefile.cut = full_once(cut)
t = open_store(root, segment_bytes=48 + 18 * 4)
storefile.cut = cut
out(problems=t.problems, events=[e['id'] for e in t.events(oldest_first=True)],
    next=t.usage()['next_id'], kept=[t.get(4)['locked'], t.get(4)['has_clip']])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['problems'] == ['flash full: events from 0 dropped to repair the store',
                             'cut a torn record off %s/s00000004.seg' % (tmp_path / 's')], r
    assert r['events'] == [4, 5] and r['next'] == 6 and r['kept'] == [True, True], r


def test_hours_whose_record_was_torn_are_counted_again_oldest_first(device, tmp_path):
    """A power cut while an hour's record was written (its last bytes never reached flash):
    opening cuts it and counts every event after the record before it again, oldest first, so
    the hours come out as the events say, also after the next hour's record is written and the
    store opens once more (no hour counted twice)."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(9):
    add(s, i, start=T0 + i * 20 * 60000)             # three events in each of hours 0, 1, 2
storefile.cut(root + '/hours.ru', storefile.size(root + '/hours.ru') - 3, bytearray(64))
def hours(t):
    return [[(h['start'] - T0) // 3600000, h['counts']]
            for h in t.stats('hour', T0, T0 + 86400000)]
t = open_store(root)
got = {'reopened': hours(t)}
add(t, 9, start=T0 + 9 * 20 * 60000)                 # hour 3: hour 2's record written
got['again'] = hours(open_store(root))
got['problems'] = t.problems
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    labels = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
              'baby_crying', 'car_horn', 'siren', 'background', 'other']
    want = {}
    for i in range(10):
        want.setdefault(i // 3, {})[labels[i % 11]] = 1
    assert r['reopened'] == [[h, want[h]] for h in range(3)], r
    assert r['again'] == [[h, want[h]] for h in range(4)], r
    assert r['problems'] == [], r


def test_a_store_on_a_fat_flash_with_both_configs_damaged_is_made_again(mpy):
    """On FAT (the other file system a board may have; a folder's size reads 0 there) a store
    whose store.json and its copy are both damaged is made again from the model's labels and
    says so, as on LittleFS; its events and edits stay."""
    code = HELPERS + '''
import vfs

class Sectors:
    """A FAT block device in RAM: 512-byte sectors."""
    def __init__(self, n):
        self.data = bytearray(512 * n)

    def readblocks(self, n, buf):
        buf[:] = self.data[n * 512:n * 512 + len(buf)]

    def writeblocks(self, n, buf):
        self.data[n * 512:n * 512 + len(buf)] = buf

    def ioctl(self, op, arg):
        return {4: len(self.data) // 512, 5: 512}.get(op, 0)

flash = Sectors(400)
vfs.VfsFat.mkfs(flash)
vfs.mount(vfs.VfsFat(flash), '/fat')
root = '/fat/s'
s = open_store(root)
for i in range(5):
    add(s, i)
s.relabel(2, 'siren')
for name in ('store.json', 'store.bak'):
    with open(root + '/' + name, 'wb') as f:
        f.write(b'{"labels": [')
t = open_store(root)
for i in range(5):
    check(t, t.get(i), i, 'siren' if i == 2 else None)
out(problems=t.problems, size=storefile.size(root))
'''
    r = mpy.json_lines(code, heap='1M')[0]
    assert r['size'] == 0, r   # else this would show nothing FAT's own
    assert r['problems'] == ['store.json damaged', 'store.bak damaged',
                             "store.json made again from the model's labels"], r


def test_the_running_hour_is_counted_again_across_segments_after_a_restart(device, tmp_path):
    """The running hour's counts live in RAM until the hour ends: after a restart they are
    counted again from the events on flash, all of them, also those in older segments than the
    newest (the hour began before the last rotation)."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(10):
    add(s, i)                                        # ten minutes of one hour
t = open_store(root)
want = {}
for i in range(10):                                  # add() gives event i the label LABELS[i %% 11]
    want[LABELS[i %% 11]] = want.get(LABELS[i %% 11], 0) + 1
out(hours=[p['counts'] for p in t.stats('hour', T0, T0 + 3600000)], want=want)
''' % str(tmp_path / 's'))
    assert rows[0]['hours'] == [rows[0]['want']], rows


def test_hour_counts_of_the_last_two_months_stay(device, tmp_path):
    """Hour records are trimmed as they grow, but the last 62 days' hours (two months) are always
    there to be asked for: here one event an hour, asked just before and just after a trim."""
    rows = run(device, '''
import os
from store import rollup
os.mkdir(%r)
r = rollup.Rollup(%r, 3, lambda text: None, lambda n: None)
H = rollup.HOUR
got = []
for n in (2930, 2980):
    for h in range(len(got) and 2930, n):
        r.add(h * H, h %% 3, h)
    kept = [t // H for t, counts in r.stats('hour', 0, n * H)]
    got.append([n - len(kept), kept == list(range(n - len(kept), n))])
out(got=got)
''' % (str(tmp_path / 'r'), str(tmp_path / 'r')))
    (gone1, whole1), (gone2, whole2) = rows[0]['got']
    assert whole1 and whole2, rows
    assert 2930 - gone1 >= 62 * 24 and 2980 - gone2 >= 62 * 24, rows   # two months at least
    assert gone2 > 0, rows   # and trimmed by then


def test_segments_and_edits_are_laid_out_as_documented(device, tmp_path):
    """The segment and edits files byte for byte against docs/store-format.md, read here on the
    host: the header `<4sIqHH` + CRC twice (48 bytes), 18-byte records `<IHBBBBBBBB` sealed with
    their id (flags 1: has a clip), edits `<IBH` + CRC sealed with 0, 11 bytes, each twice, of
    each kind a user makes (relabel, lock, a personal label)."""
    root = tmp_path / 's'
    run(device, '''
s = open_store(%r)
add(s, 0)
add(s, 1, clip=True)
s.relabel(0, 'siren')
s.lock(1)
s.label_personal(1, 'our doorbell')
''' % str(root))
    seg = (root / 's00000000.seg').read_bytes()
    assert len(seg) == 48 + 2 * 18, len(seg)
    for at in (0, 24):
        assert struct.unpack_from('<4sIqHH', seg, at) == (b'EMS2', 0, 1735689600000, 18, 2)
        assert struct.unpack_from('<I', seg, at + 20)[0] == binascii.crc32(seg[at:at + 20], 0)
    flags = []
    for ident in (0, 1):
        rec = seg[48 + 18 * ident:48 + 18 * (ident + 1)]
        assert struct.unpack_from('<I', rec, 14)[0] == binascii.crc32(rec[:14], ident), ident
        fields = struct.unpack_from('<IHBBBBBBBB', rec, 0)
        assert fields[0] == 60000 * ident and fields[1] == 100 + ident, fields
        flags.append(fields[8])
    assert flags == [0, 1], flags
    edits = (root / 's00000000.ed').read_bytes()
    assert len(edits) == 6 * 11, len(edits)
    got = []
    for at in range(0, 66, 11):
        one = edits[at:at + 11]
        assert struct.unpack_from('<I', one, 7)[0] == binascii.crc32(one[:7], 0), at
        got.append(struct.unpack_from('<IBH', one, 0))
    # relabel to siren, lock, the first personal label (kind 5, 1 + its index)
    assert got == [(0, 1, 8), (0, 1, 8), (1, 2, 1), (1, 2, 1), (1, 5, 1), (1, 5, 1)], got


def test_the_replication_stream_gives_what_was_stored_and_edited(device, tmp_path):
    """Store.log(), the change feed's source, against what the test stored: events oldest first
    from an id on (a deleted one as None, each with its stored embedding), fixed when it begins;
    edit records past the counts a reader has, per segment, a damaged copy counted but not
    given; more edits claimed than a file holds refused at once; an edits file gone while the
    stream is paused skipped."""
    rows = run(device, '''
import os
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(10):
    add(s, i)
s.relabel(1, 'siren'); s.delete(2); s.lock(5); s.finish(9, 3000)
got = {}
rows = list(s.log())
got['ids'] = [r[0] for r in rows]
got['starts'] = [r[1] == T0 + r[0] * STEP for r in rows]
got['events'] = [r[2] and [r[2]['id'], r[2]['label'], r[2]['locked']] for r in rows]
got['embeddings'] = [r[3] == bytes(similar.normalise(emb(r[0]), DIM)) if r[3] else None
                     for r in rows]
walk = s.log(3)
got['from3'] = [next(walk)[0]]
add(s, 10)                                           # appended while the stream is under way
got['from3'] += [r[0] for r in walk]
got['edits'] = [list(e) for e in s.log(edits={})]
got['past'] = [list(e) for e in s.log(edits={0: 3, 4: 2})]
got['all_read'] = [list(e) for e in s.log(edits={0: 4, 4: 2, 8: 2})]
try:
    s.log(edits={0: 5})
    got['too_many'] = None
except ValueError as e:
    got['too_many'] = str(e)
path = root + '/s%%08x.ed' %% 4
with open(path, 'rb') as f:
    data = bytearray(f.read())
data[3] ^= 1                                         # the first copy of the lock
with open(path, 'wb') as f:
    f.write(data)
got['damaged'] = [list(e) for e in s.log(edits={0: 4})]
stream = s.log(edits={})
got['paused'] = [list(next(stream))]
os.remove(path)
got['paused'] += [list(e) for e in stream]
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['ids'] == list(range(10)) and all(r['starts']), r
    labels = ['doorbell', 'siren', None, 'speech', 'footsteps', 'glass_breaking', 'baby_crying',
              'car_horn', 'siren', 'background']
    assert r['events'] == [None if i == 2 else [i, labels[i], i == 5] for i in range(10)], r
    assert r['embeddings'] == [None if i == 2 else True for i in range(10)], r
    assert r['from3'] == [3, 4, 5, 6, 7, 8, 9], r
    relabel, delete, lock, end = [1, 1, 8], [2, 3, 0], [5, 2, 1], [9, 4, 300]
    assert r['edits'] == [[0, 1] + relabel, [0, 2] + relabel, [0, 3] + delete, [0, 4] + delete,
                          [4, 1] + lock, [4, 2] + lock, [8, 1] + end, [8, 2] + end], r
    assert r['past'] == [[0, 4] + delete, [8, 1] + end, [8, 2] + end], r
    assert r['all_read'] == [] and r['too_many'] == 'segment 0 has fewer than 5 edits', r
    assert r['damaged'] == [[4, 2] + lock, [8, 1] + end, [8, 2] + end], r
    assert r['paused'] == [[0, 1] + relabel, [0, 2] + relabel, [0, 3] + delete,
                           [0, 4] + delete, [8, 1] + end, [8, 2] + end], r


def test_a_personal_label_taken_away_and_at_most_32_of_them(device, tmp_path):
    """A personal label given by hand and taken away again ('') leaves the model's label alone,
    as before, after a reopen too; a store keeps at most 32 personal labels: the 33rd is
    refused, and nothing of it is kept."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(3):
    add(s, i)
got = {'given': s.label_personal(1, 'our doorbell')['label']}
e = s.label_personal(1, '')
got['taken'] = [e['label'], 'generic' in e]
t = open_store(root)
got['reopened'] = [t.get(1)['label'], 'generic' in t.get(1)]
got['added'] = [t.add_label('sound %%d' %% k) for k in range(1, 32)]
try:
    t.add_label('one too many')
    got['33rd'] = None
except ValueError as e:
    got['33rd'] = str(e)
got['kept'] = len(open_store(root).custom)
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['given'] == 'our doorbell' and r['taken'] == ['door_knock', False], r
    assert r['reopened'] == ['door_knock', False] and r['added'] == list(range(1, 32)), r
    assert r['33rd'] == "label 'one too many' is a model label or one too many", r
    assert r['kept'] == 32, r


def test_a_personal_label_with_no_room_on_flash_is_refused_and_not_kept(mpy):
    """A personal label given by hand when the flash has no room left for store.json's new
    copy: refused (errno 28) and not kept, so the next label given takes its place, after a
    reopen too (MicroPython: a LittleFS in RAM, filled)."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text() + '''
root = ram_flash('/flash', blocks=24) + '/s'
s = open_store(root)
for i in range(3):
    add(s, i)
s.label_personal(0, 'our doorbell')
f = fill('/flash')
try:
    s.label_personal(1, 'garden gate')
    refused = None
except OSError as exc:
    refused = exc.args[0]
f.close()
os.remove('/flash/filler')
given = s.label_personal(2, 'our cat')['label']
t = open_store(root)
out(refused=refused, custom=s.custom, reopened=t.custom, given=given,
    labels=[t.get(i)['label'] for i in range(3)])
'''
    r = mpy.json_lines(code, heap='1M')[0]
    assert r['refused'] == 28 and r['given'] == 'our cat', r
    assert r['custom'] == r['reopened'] == ['our doorbell', 'our cat'], r
    assert r['labels'] == ['our doorbell', 'door_knock', 'our cat'], r


def test_the_replication_stream_after_an_edit_refused_for_want_of_room(mpy):
    """A segment's first edit refused (no room left for its edits file, not even its name) leaves
    nothing to stream, and the stream still opens for a reader that has read none of that
    segment's edits (it raised KeyError); once there is room, the next edit streams
    (MicroPython: a LittleFS in RAM, filled)."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text() + '''
root = ram_flash('/flash', blocks=24) + '/s'
s = open_store(root)
for i in range(3):
    add(s, i)
f = fill('/flash')
small = 0   # LittleFS keeps a small file inline in its folder's metadata: fill the store's,
for size in (22, 0):   # then its names, so that not even an empty edits file can be made
    try:
        while True:
            with open(root + '/small%d' % small, 'wb') as g:
                g.write(bytes(size))
            small += 1
    except OSError as exc:
        assert exc.args[0] in (28, 36), exc   # LittleFS: no room, or no room for a name
        small += 1
try:
    s.relabel(1, 'siren')
    refused = None
except OSError as exc:
    refused = exc.args[0]
made = storefile.size(root + '/s00000000.ed')
before = [list(e) for e in s.log(edits={})]
f.close()
os.remove('/flash/filler')
for k in range(small):
    try:
        os.remove(root + '/small%d' % k)
    except OSError:
        pass   # the last one may not have been made
s.relabel(2, 'siren')
out(refused=refused, made=made, before=before, after=[list(e) for e in s.log(edits={})],
    label=s.get(1)['label'])
'''
    r = mpy.json_lines(code, heap='1M')[0]
    siren = 8   # LABELS.index('siren'); a relabel is edit kind 1; each edit is written twice
    assert r['refused'] in (28, 36) and r['made'] == -1, r   # no edits file made
    assert r['before'] == [] and r['label'] == 'door_knock', r
    assert r['after'] == [[0, 1, 2, 1, siren], [0, 2, 2, 1, siren]], r


def test_the_default_store_rotates_at_16_kb_and_keeps_the_newest_16_problems(device, tmp_path):
    """docs/store-format.md, for a store of the default settings: a segment is rotated at 16 KB
    (a 48-byte header, then 18-byte records: the 908th event begins the second segment) and
    `problems` keeps 16, the newest; its budget is the appliance's, 768 KB, half for clips; a
    setting it does not have is refused."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(908):
    add(s, i)
segs = sorted(n for n in os.listdir(root) if n.endswith('.seg'))
first = storefile.size(root + '/' + segs[0])
with open(root + '/' + segs[0], 'r+b') as f:
    for k in range(20):   # a byte of each of the first 20 records flipped
        f.seek(48 + 18 * k + 1)
        b = f.read(1)[0]
        f.seek(48 + 18 * k + 1)
        f.write(bytes([b ^ 0x10]))
s = open_store(root)
opened = list(s.problems)
gone = [s.get(i) for i in range(20)]
try:
    open_store(root, segment_kb=8)
    unknown = None
except ValueError as exc:
    unknown = str(exc)
out(segs=segs, first=first, opened=opened, gone=gone, problems=s.problems, usage=s.usage(),
    unknown=unknown)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['unknown'] == "unknown store setting 'segment_kb'", r
    # the appliance's store: 768 KB, half of it for clips (docs/lab.md, docs/hub.md)
    assert (r['usage']['budget'], r['usage']['clip_budget']) == (768 * 1024, 384 * 1024), r
    assert r['segs'] == ['s00000000.seg', 's%08x.seg' % 907] and r['first'] == 48 + 907 * 18, r
    assert r['opened'] == [] and r['gone'] == [None] * 20, r
    assert r['problems'] == ['event %d damaged, skipped' % i for i in range(4, 20)], r


def test_a_default_search_reads_4_buckets_and_every_one_below_1000_events(device, tmp_path):
    """A store of eight buckets and the default settings: a bucketed search reads the 4 buckets
    nearest the query (its answer is the best k of their events, as a brute force over them
    gives, up to the order of equal scores); while the store holds fewer than 1,000 events
    and those hold fewer than k, every
    bucket (999 events: k come back); at 1,000, still only those 4 (fewer than k)."""
    rows = run(device, '''
C8 = bytes((((k * 53 + j * 29) %% 200) - 100) & 0xff for k in range(8) for j in range(DIM))
s = store.Store(%r, LABELS, DIM, centroids=C8)
for i in range(999):
    add(s, i)
out(bucket=[s.rec[13] if read.record(s, i) else None for i in range(999)])
out(vectors=[list(s.embedding(i)) for i in range(999)])
for q in range(0, 999, 25):   # a line each: one line of them all is too long for the heap
    out(near=s.sim.nearest(s.embedding(q), 8), four=s.similar(q, k=100),
        five=s.similar(q, k=100, probes=5))
out(below=len(s.similar(0, k=700)))
add(s, 999)
out(at=len(s.similar(0, k=700)), last=s.rec[13] if read.record(s, 999) else None)
''' % str(tmp_path / 's'), heap='4M')
    r = {'bucket': rows[0]['bucket'], 'near': [row['near'] for row in rows[2:-2]],
         'below': rows[-2]['below']}
    at, last = rows[-1]['at'], rows[-1]['last']
    vec = [[(x ^ 128) - 128 for x in v] for v in rows[1]['vectors']]
    differs = 0
    for q, row in zip(range(0, 999, 25), rows[2:-2]):
        near, four, five = row['near'], row['four'], row['five']
        dot = {i: sum(x * y for x, y in zip(vec[q], vec[i])) for i in range(999)
               if r['bucket'][i] in near[:4] and i != q}
        best = sorted(dot.values(), reverse=True)[:100]   # equal scores come in list order
        assert all(i in dot for i, _ in four) and [dot[i] for i, _ in four] == best, (q, four)
        differs += four != five
    assert differs, 'a fifth bucket changes some answer (else this proves nothing)'
    assert r['below'] == 700, r['below']
    four = r['near'][0][:4]   # query 0's buckets: their events but 0 itself, and the 1,000th
    assert len(set(r['bucket'])) == 8, set(r['bucket'])
    assert at == sum(b in four for b in r['bucket']) - 1 + (last in four) < 700, at


def test_a_clip_at_the_coders_largest_step_and_one_cut_shorter_than_its_header(device, tmp_path):
    """A loud clip whose coder is at its largest step (index 88) where a block starts reads back
    whole, as audioop decodes it, nothing reported damaged; a clip file cut shorter than its
    16-byte header is a WAV of no samples, its header reported made again."""
    loud = [32000 if k % 2 else -32000 for k in range(1024)]
    rows = run(device, '''
import binascii
root = %r
s = open_store(root)
a = s.append(T0, 1000, 'doorbell', 0.5, [], emb(0), array('h', %r))
b = s.append(T0 + STEP, 1000, 'doorbell', 0.5, [], emb(1), pcm(1))
with open(clips.path(root, a), 'rb') as f:
    data = f.read()
got = binascii.hexlify(b''.join(bytes(p) for p in s.clip_wav(a))).decode()
problems = list(s.problems)
with open(clips.path(root, b), 'rb') as f:
    head = f.read(10)
with open(clips.path(root, b), 'wb') as f:
    f.write(head)
short = binascii.hexlify(b''.join(bytes(p) for p in s.clip_wav(b))).decode()
out(file=binascii.hexlify(data).decode(), wav=got, problems=problems, short=short,
    after=s.problems)
''' % (str(tmp_path / 's'), loud))
    r = rows[0]
    data = bytes.fromhex(r['file'])
    assert data[16 + 266 + 2] == 88, data[16 + 266 + 2]   # the second block's step index
    assert bytes.fromhex(r['wav']) == wav_bytes(RATE, reference_clip(data, loud)), 'decoded'
    assert r['problems'] == [], r['problems']
    assert bytes.fromhex(r['short']) == wav_bytes(RATE, []), r['short']
    assert r['after'] == ['clip 1: header damaged, made again'], r['after']


def test_a_clip_streamed_in_pieces_across_its_blocks_is_the_whole_clips_file(device, tmp_path):
    """Pieces of 300 samples (a block holds 512: each piece but the first starts inside a
    block and most end in the next) make the file the whole clip makes."""
    pcm = signal(1100, 3)
    rows = run(device, '''
import binascii
root = %r
pcm = array('h', %r)
s = open_store(root)
whole = s.append(T0, 1000, 'doorbell', 0.5, [], emb(0), pcm)
streamed = s.append(T0 + STEP, 1000, 'doorbell', 0.5, [], emb(1), 1100)
w = s.clip_writer(streamed, 1100)
for at in range(0, 1100, 300):
    w.write(pcm[at:], min(300, 1100 - at))
w.close()
files = []
for ident in (whole, streamed):
    with open(clips.path(root, ident), 'rb') as f:
        files.append(binascii.hexlify(f.read()).decode())
out(files=files)
''' % (str(tmp_path / 's'), pcm))
    whole, streamed = (bytes.fromhex(x) for x in rows[0]['files'])
    assert streamed == whole, 'streamed in pieces of 300'
    reference_clip(whole, pcm)


def test_a_clip_of_an_odd_number_of_bytes_is_refused_and_nothing_is_stored(device, tmp_path):
    """int16 samples given as bytes must be an even number of them: three bytes are refused in
    one line, and neither the event nor a clip is kept."""
    rows = run(device, '''
s = open_store(%r)
add(s, 0)
try:
    s.append(T0 + STEP, 1000, 'doorbell', 0.5, [], emb(1), b'\\x01\\x02\\x03')
    refused = None
except ValueError as exc:
    refused = str(exc)
out(refused=refused, next=s.usage()['next_id'], clips=s.clip_ids(), got=s.get(1))
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['refused'] == 'clip must be int16 samples (an even number of bytes)', r
    assert (r['next'], r['clips'], r['got']) == (1, [], None), r


def test_a_roll_up_fix_is_laid_out_as_documented(device, tmp_path):
    """docs/store-format.md: a relabel of an event whose hour's roll-up record is written
    appends to fixes.ru `<IBB` (hour, old label, new label) + CRC sealed with 0: 10 bytes."""
    root = tmp_path / 's'
    run(device, '''
s = open_store(%r)
add(s, 0)
s.append(T0 + 2 * 3600000, 1000, 'speech', 0.5, [], emb(1))   # hour 0's record is written
s.relabel(0, 'siren')
''' % str(root))
    fixes = (root / 'fixes.ru').read_bytes()
    assert len(fixes) == 10, fixes.hex()
    assert struct.unpack_from('<IBB', fixes, 0) == (1735689600000 // 3600000, 0, 8), fixes.hex()
    assert struct.unpack_from('<I', fixes, 6)[0] == binascii.crc32(fixes[:6], 0), fixes.hex()


def test_durations_round_to_10_ms_and_a_start_2_to_the_32_ms_on_opens_a_segment(device, tmp_path):
    """A duration is kept to the nearest 10 ms (1,004 ms as 1,000, 1,005 as 1,010); an event
    exactly 2**32 ms after its segment's first start (past what a record's offset holds) begins
    a new segment, and both read back."""
    rows = run(device, '''
s = open_store(%r)
a = s.append(T0, 1004, 'speech', 0.5, [], emb(0))
b = s.append(T0 + 1, 1005, 'speech', 0.5, [], emb(1))
c = s.append(T0 + 2 ** 32, 1000, 'speech', 0.5, [], emb(2))
out(ends=[s.get(i)['end'] - s.get(i)['start'] for i in (a, b, c)], starts=[s.get(c)['start']],
    segments=s.usage()['segments'])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['ends'] == [1000, 1010, 1000] and r['starts'] == [1735689600000 + 2 ** 32], r
    assert r['segments'] == 2, r


def test_segments_thinned_away_leave_usage_and_posting_lists_as_flash_holds_them(device,
                                                                                 tmp_path):
    """When old segments go to make room, the posting lists are compacted to the events kept
    (one entry each, in the bucket files) and usage() counts what flash then holds, before and
    after the store is opened again."""
    rows = run(device, '''
root = %r
def entries():
    return sum(os.stat(root + '/' + n)[6] for n in os.listdir(root) if n.endswith('.ix'))
s = open_store(root, segment_bytes=400, budget=2500)
checks = []
for i in range(80):
    add(s, i)
    kept = len(list(s.events()))
    checks.append([s.usage()['bytes'], disk(root), entries(), kept * s.sim.entry_size])
t = open_store(root, segment_bytes=400, budget=2500)
out(checks=checks, first=s.usage()['first_id'], reopened=[t.usage()['bytes'], disk(root)])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['first'] > 20, r   # segments went
    for k, (used, on_disk, entries, kept) in enumerate(r['checks']):
        assert used == on_disk and entries == kept, (k, r['checks'][k])
    assert r['reopened'][0] == r['reopened'][1], r


def test_deleting_an_event_whose_clip_file_is_empty_removes_it(device, tmp_path):
    """A clip file found empty (a FAT flash's power cut can leave a renamed file with no
    bytes) counts no bytes and goes with its event: after delete() no clip of it is listed or
    left in clips/."""
    rows = run(device, '''
root = %r
s = open_store(root)
add(s, 0, clip=True)
add(s, 1, clip=True)
with open(clips.path(root, 0), 'wb') as f:
    pass
s = open_store(root)
got = [s.clip_ids(), s.get(0)['has_clip'], s.usage()['clip_bytes']]
s.delete(0)
got += [s.clip_ids(), sorted(os.listdir(root + '/clips')), s.usage()['clip_bytes']]
out(got=got, one=clips.stored_size(400))
''' % str(tmp_path / 's'))
    r = rows[0]
    one = r['one']
    assert r['got'] == [[0, 1], False, one, [1], ['00000001.adp'], one], r


def test_an_append_over_budget_by_one_clip_thins_exactly_that_clip(device, tmp_path):
    """Thinning takes clips only as far as the append needs: a store whose next event with its
    clip would go over its budget by exactly one clip's bytes loses the oldest clip alone."""
    rows = run(device, '''
root = %r
c = clips.stored_size(400)
s = open_store(root)
for i in range(6):
    s.append(T0 + i * STEP, 1000, 'siren', 0.5, [], emb(i), pcm(i))
need = layout.RECORD_SIZE + s.sim.entry_size + layout.SEG_HEADER_SIZE   # what an append asks
budget = s.usage()['bytes'] + need   # the new clip (c bytes) fits once one clip goes
t = open_store(root, budget=budget, thin_fraction=0, clip_share=1)
t.append(T0 + 6 * STEP, 1000, 'siren', 0.5, [], emb(6), pcm(6))
out(clips=t.clip_ids(), events=len(list(t.events())), problems=t.problems)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r == {'clips': [1, 2, 3, 4, 5, 6], 'events': 7, 'problems': []}, r


def test_values_out_of_range_are_refused_and_the_limits_themselves_taken(device, tmp_path):
    """An append or a finish() with a value out of its documented range is refused with a
    one-line error and nothing stored; the limits themselves are taken: confidence and runner-up
    scores 0..1, a duration 0..655,350 ms (655,354 rounds to it), an end 0..655,340 ms (655,344
    rounds to it: the next 10 ms step is the 'no end yet' mark), a clip of up to 10 s."""
    rows = run(device, '''
s = open_store(%r)
refused = []
def tried(f, *a, **kw):
    try:
        f(*a, **kw)
    except ValueError as e:
        refused.append(str(e))
def ev(duration=1000, confidence=0.5, score=0.5, clip=None):
    return s.append(T0, duration, 'speech', confidence, [('siren', score)], emb(0), clip)
for bad in ({'confidence': 1.5}, {'confidence': -0.5}, {'score': 1.5}, {'score': -0.5},
            {'duration': -1}, {'duration': 655355}, {'clip': 160001}):
    tried(ev, **bad)
n = s.usage()['next_id']
taken = [ev(confidence=1, score=1), ev(confidence=0, score=0), ev(duration=0),
         ev(duration=655354), ev(clip=160000)]
got = [[e['end'] - e['start'], e['confidence'], e['runners_up']] for e in map(s.get, taken)]
for bad in (-1, 655345):
    tried(s.finish, taken[0], bad)
ends = [s.finish(taken[0], 0)['end'] - T0, s.finish(taken[1], 655344)['end'] - T0]
out(refused=refused, n=n, taken=taken, got=got, ends=ends, clip=s.clip_writer(taken[4], 160000) is not None)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['refused'] == [
        'confidence must be in 0..1, not 1.5', 'confidence must be in 0..1, not -0.5',
        'runner-up score must be in 0..1, not 1.5', 'runner-up score must be in 0..1, not -0.5',
        'duration must be 0..655350 ms, not -1', 'duration must be 0..655350 ms, not 655355',
        'clip longer than 10 s',
        'duration must be 0..655340 ms, not -1', 'duration must be 0..655340 ms, not 655345'], r
    assert r['n'] == 0 and r['taken'] == [0, 1, 2, 3, 4], r
    assert r['got'] == [[1000, 1.0, [['siren', 1.0]]], [1000, 0.0, [['siren', 0.0]]],
                        [0, 0.502, [['siren', 0.502]]], [655350, 0.502, [['siren', 0.502]]],
                        [1000, 0.502, [['siren', 0.502]]]], r
    assert r['ends'] == [0, 655340] and r['clip'], r


def test_edits_of_an_event_after_a_clock_jump_read_back_at_once(device, tmp_path):
    """A device whose first event was stored before its clock was set, and the next 50 days
    or more later (past what a record's offset holds: a new segment at id 1), reads each edit
    of that next event back at once: relabel, lock, finish, delete."""
    rows = run(device, '''
s = open_store(%r)
a = s.append(1000, 1000, 'speech', 0.5, [], emb(0))
b = s.append(T0, 1000, 'speech', 0.5, [], emb(1))
got = [a, b, s.usage()['segments'], s.relabel(b, 'siren')['label'], s.lock(b)['locked'],
       s.finish(b, 2500)['end'] - T0]
s.delete(b)
got += [s.get(b), s.get(a)['label']]
out(got=got)
''' % str(tmp_path / 's'))
    assert rows[0]['got'] == [0, 1, 2, 'siren', True, 2500, None, 'speech'], rows[0]


def test_an_edit_with_a_damaged_copy_applies_and_damage_is_named_once(device, tmp_path):
    """A flipped bit in an edit's first copy: its second copy applies it, and the edits after it
    apply too (the damaged copy is named, once while its segment's edits are in use). A damaged
    event record is named once in problems however often it is read again, so reading it again
    never pushes a newer problem out of the few kept."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(8):
    add(s, i)
s.relabel(1, 'siren')
s.lock(2)
ed = root + '/s%%08x.ed' %% 0
with open(ed, 'rb') as f:
    data = bytearray(f.read())
data[5] ^= 1                                         # the relabel's first copy
with open(ed, 'wb') as f:
    f.write(data)
t = open_store(root, problems_kept=4)
got = {'opened': list(t.problems)}
seg = root + '/s%%08x.seg' %% 0
with open(seg, 'rb') as f:
    data = bytearray(f.read())
for i in (0, 3, 4, 5, 6):
    data[48 + i * 18 + 2] ^= 1                       # a bit of records 0, 3, 4, 5, 6
with open(seg, 'wb') as f:
    f.write(data)
got['read'] = [t.get(i) is None for i in (0, 3, 4, 5, 6)]
ev1, ev2 = t.get(1), t.get(2)
got['edited'] = [ev1['label'], ev1['locked'], ev2['label'], ev2['locked']]
got['again'] = t.get(3) is None     # named before, no longer among the problems kept
got['problems'] = list(t.problems)
got['cycle'] = [t.get(i) is None for i in (0, 3, 4, 5)]    # four more: the edit's goes
got['label'] = t.get(1)['label']    # its segment's edits still in use: not named again
got['last'] = t.problems
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['opened'] == [] and r['read'] == [True] * 5 and r['again'], r
    assert r['edited'] == ['siren', False, 'dog_bark', True], r
    assert r['problems'] == ['event %d damaged, skipped' % i for i in (4, 5, 6)] + [
        'an edit in segment 0 damaged, skipped'], r
    assert r['cycle'] == [True] * 4 and r['label'] == 'siren', r
    assert r['last'] == ['event %d damaged, skipped' % i for i in (0, 3, 4, 5)], r


def test_each_segment_reads_its_own_finished_durations(device, tmp_path):
    """finish() sets the duration of an event stored while it sounded; events in another
    segment, read after it, keep theirs (first slots and later ones, newest or oldest first)."""
    rows = run(device, '''
s = open_store(%r, segment_bytes=48 + 18 * 4)       # four events a segment
for i in range(8):
    add(s, i)
s.finish(0, 4000)
s.finish(1, 5000)
s.finish(6, 7000)
s.finish(4, 6000)
got = {'one_by_one': [s.get(i)['end'] - s.get(i)['start'] for i in (6, 2, 1, 5, 4, 0, 3, 7)]}
got['newest'] = [e['end'] - e['start'] for e in s.events()]
got['oldest'] = [e['end'] - e['start'] for e in s.events(oldest_first=True)]
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    stored = [4000, 5000, 1020, 1030, 6000, 1050, 7000, 1070]
    assert r['one_by_one'] == [stored[i] for i in (6, 2, 1, 5, 4, 0, 3, 7)], r
    assert r['newest'] == stored[::-1] and r['oldest'] == stored, r


def test_files_lost_under_an_open_store_cost_only_what_they_held(device, tmp_path):
    """An edits file or a segment file gone behind an open store's back (a file system that
    lost it): the events read without those edits, the lost segment's events are gone, and
    nothing is named damaged."""
    rows = run(device, '''
import os
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(8):
    add(s, i)
s.relabel(1, 'siren')
s.relabel(5, 'siren')
got = {'before': [s.get(i)['label'] for i in (1, 5)]}
os.remove(root + '/s%%08x.ed' %% 0)
got['edits_lost'] = [s.get(i)['label'] for i in (1, 5, 1)]
os.remove(root + '/s%%08x.seg' %% 4)
got['gone'] = [s.get(i) is None for i in range(8)]
got['problems'] = s.problems
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['before'] == ['siren', 'siren'], r
    assert r['edits_lost'] == ['door_knock', 'siren', 'door_knock'], r
    assert r['gone'] == [False] * 4 + [True] * 4, r
    assert r['problems'] == [], r


def test_a_time_range_from_an_event_at_a_segments_edge(device, tmp_path):
    """events(start=t) holds every event starting at t: two at the same millisecond on either
    side of a rotation, and the last event before a segment skipped as unreadable (its header's
    copies both damaged), newest first or oldest first."""
    rows = run(device, '''
root, other = %r, %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(8):
    add(s, i, start=T0 + (3 if i == 4 else i) * STEP)   # 3 and 4 at the same ms
t3 = T0 + 3 * STEP
got = {'same_ms': [e['id'] for e in s.events(start=t3)],
       'same_ms_oldest': [e['id'] for e in s.events(start=t3, oldest_first=True)],
       'to_same_ms': [e['id'] for e in s.events(end=t3 + 1)]}
s = open_store(other, segment_bytes=48 + 18 * 4)
for i in range(11):                                  # the newest segment holds 3
    add(s, i)
seg = other + '/s%%08x.seg' %% 4                     # events 4..7
damage_headers(seg)
s = open_store(other)
got['past_gap'] = [e['id'] for e in s.events(start=t3)]
got['past_gap_oldest'] = [e['id'] for e in s.events(start=t3, oldest_first=True)]
got['page'] = s.query(start=t3, limit=3)
out(**got)
''' % (str(tmp_path / 's'), str(tmp_path / 'o')))
    r = rows[0]
    assert r['same_ms'] == [7, 6, 5, 4, 3] and r['same_ms_oldest'] == [3, 4, 5, 6, 7], r
    assert r['to_same_ms'] == [4, 3, 2, 1, 0], r
    assert r['past_gap'] == [10, 9, 8, 3] and r['past_gap_oldest'] == [3, 8, 9, 10], r
    page, cursor = r['page']
    assert [e['id'] for e in page] == [10, 9, 8] and cursor == 8, r


def test_a_relabelled_event_in_a_store_with_personal_labels_keeps_its_new_label(device,
                                                                                tmp_path):
    """A store that has two personal labels: the events given one show theirs (the model's
    label beside, as generic); an event relabelled, and one never edited, show their own label
    and no generic one."""
    rows = run(device, '''
s = open_store(%r)
for i in range(4):
    add(s, i)
s.label_personal(0, 'our doorbell')
s.label_personal(3, 'the gate')
s.relabel(1, 'siren')
out(events=[s.get(i) for i in range(4)])
''' % str(tmp_path / 's'))
    ev = rows[0]['events']
    assert [(e['label'], e.get('generic')) for e in ev] == [
        ('our doorbell', 'doorbell'), ('siren', None), ('dog_bark', None),
        ('the gate', 'speech')], ev
    assert [e['locked'] for e in ev] == [False] * 4, ev


def test_segments_hold_what_fits_and_span_up_to_2_to_the_32_ms(device, tmp_path):
    """A segment of 48 + 5 x 18 bytes holds exactly five records, VOID ones included (an append
    after a torn one writes the VOID and its event into a new segment rather than past the
    size); a segment takes events up to 2**32 - 1 ms after its own first start, whatever the
    older segments' starts; times read back and a query from an event's time finds it."""
    rows = run(device, '''
root = %r
def sizes(root):
    return [os.stat(root + '/' + n)[6] for n in sorted(os.listdir(root)) if n.endswith('.seg')]
s = open_store(root, segment_bytes=138)
starts = [T0, T0 + 0xffffffff, T0 + 0xffffffff, T0 + 0xffffffff, T0 + 0xffffffff + 5,
          T0 + 0xffffffff + 20, T0 + 0xffffffff + 1020]   # a new segment from the fifth on
for i, t in enumerate(starts):
    assert s.append(t, 1000, 'speech', 0.5, [], emb(i)) == i
got = {'sizes': sizes(root), 'starts': [s.get(i)['start'] - T0 for i in range(7)],
       'found': [[e['id'] for e in s.query(start=t, end=t + 1)[0]] for t in starts[4:]]}
v = root + 'v'
t = open_store(v, segment_bytes=138)
for i in range(10):
    t.append(T0 + i * STEP, 1000, 'speech', 0.5, [], emb(i))
seg = v + '/s%%08x.seg' %% 5
storefile.cut(seg, storefile.size(seg) - layout.RECORD_SIZE, bytearray(64))   # id 9 torn
t = open_store(v, segment_bytes=138)
for i in (10, 11, 12):
    t.append(T0 + i * STEP, 1000, 'speech', 0.5, [], emb(i))
def found(t, n):
    return [[e['id'] for e in t.query(start=T0 + i * STEP, end=T0 + (i + 1) * STEP)[0]]
            for i in range(n)]
got['void'] = [sizes(v), [e['id'] for e in t.events()], t.problems, found(t, 13)]
w = root + 'w'
t = open_store(w, segment_bytes=138)
for i in range(8):
    t.append(T0 + i * STEP, 1000, 'speech', 0.5, [], emb(i))
seg = w + '/s%%08x.seg' %% 5
storefile.cut(seg, storefile.size(seg) - layout.RECORD_SIZE, bytearray(64))   # id 7 torn
t = open_store(w, segment_bytes=138)
for i in (8, 9):
    t.append(T0 + i * STEP, 1000, 'speech', 0.5, [], emb(i))
got['mid'] = [sizes(w), found(t, 10)]   # the VOID between two events of a later segment
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['sizes'] == [120, 102], r
    assert r['starts'] == [0, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff + 5,
                           0xffffffff + 20, 0xffffffff + 1020], r
    assert r['found'] == [[4], [5], [6]], r
    sizes, ids, problems, found = r['void']
    assert sizes == [138, 120, 120] and problems == [], r   # ids 0-4; 5-8; VOID 9 and 10-12
    assert ids == [12, 11, 10, 8, 7, 6, 5, 4, 3, 2, 1, 0], r
    assert found == [[0], [1], [2], [3], [4], [5], [6], [7], [8], [], [10], [11], [12]], r
    assert r['mid'] == [[138, 138], [[0], [1], [2], [3], [4], [5], [6], [], [8], [9]]], r


def test_a_clip_given_as_bytes_counts_as_its_samples_and_ends_round_to_10_ms(device, tmp_path):
    """A clip given as int16 bytes is held to the clip length in samples (two bytes each) and
    counted in whole bytes as flash holds it; finish() rounds an end to the nearest 10 ms like
    an append; two runners-up both scored 1 keep both scores."""
    rows = run(device, '''
root = %r
def disk():
    return sum(os.stat(root + '/clips/' + n)[6] for n in os.listdir(root + '/clips'))
s = open_store(root, clip_seconds=1)
got = []
a = s.append(T0, 1000, 'speech', 0.5, [], emb(0), bytes(pcm(0, 400)))
got.append([s.usage()['clip_bytes'], disk()])
try:
    s.append(T0 + 1, 1000, 'speech', 0.5, [], emb(1), bytes(pcm(1, 16001)))
except ValueError as e:
    got.append(str(e))
b = s.append(T0 + 2, 1000, 'speech', 0.5, [], emb(2), bytes(pcm(2, 16000)))
got.append([s.usage()['clip_bytes'], disk(), s.get(b)['has_clip']])
got.append([s.finish(a, 1005)['end'] - T0, s.finish(a, 1004)['end'] - T0])
c = s.append(T0 + 3, 1000, 'speech', 0.5, [('siren', 1), ('dog_bark', 1)], emb(3))
got.append(s.get(c)['runners_up'])
out(got=got, one=clips.stored_size(400), two=clips.stored_size(400) + clips.stored_size(16000))
''' % str(tmp_path / 's'))
    r = rows[0]
    one, two = r['one'], r['two']
    assert r['got'] == [[one, one], 'clip longer than 1 s', [two, two, True], [1010, 1000],
                        [['siren', 1.0], ['dog_bark', 1.0]]], r
    assert all(type(n) is int for n in r['got'][0] + r['got'][2][:2]), r   # whole bytes


def test_similar_by_an_embedding_names_any_event_its_cosine_to_4_places_at_most_1(device,
                                                                                 tmp_path):
    """similar() given an embedding (not an id) may name any event, the first one included, with
    its cosine to four places, and never more than 1 (an int8 vector's own dot product can pass
    127 * 127). References: the vectors normalised here, on the host."""
    import math

    def normalised(i):
        v = [(((i * 37 + j * 11 + (i % 5) * j * j) % 251) - 125) for j in range(8)]  # emb(i)
        n = math.sqrt(sum(x * x for x in v))
        return [max(-127, min(127, int(round(x * 127 / n)))) for x in v]

    def cos(a, b):
        return min(1.0, round(sum(x * y for x, y in zip(normalised(a), normalised(b))) / 16129,
                              4))
    rows = run(device, '''
s = open_store(%r)
for i in range(6):
    add(s, i)
out(by0=s.similar(emb(0), k=2, exact=True), by5=s.similar(emb(5), k=3, exact=True),
    bucketed=s.similar(emb(0), k=6))
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['by0'] == [[0, cos(0, 0)], [1, cos(0, 1)]], r
    assert r['by5'] == [[5, 1.0], [3, cos(5, 3)], [4, cos(5, 4)]], r
    assert cos(0, 0) == 0.9952 and sum(x * x for x in normalised(5)) > 16129
    assert r['bucketed'] == sorted([[i, cos(0, i)] for i in range(6)], key=lambda p: -p[1]), r


def test_labels_and_limits_out_of_range_are_refused(device, tmp_path):
    """A list by label takes a label's name or its index among the model's labels; an index
    past them, a negative one, True or an unknown name is refused with the labels named, and so
    is a page of fewer than one event, and similar() to an event the store does not hold."""
    rows = run(device, '''
s = open_store(%r)
for i in range(13):
    add(s, i)
got = {'by_index': [e['id'] for e in s.events(label=0)],
       'last_index': [e['id'] for e in s.events(label=10)],
       'by_name': [e['id'] for e in s.events(label='doorbell')],
       'one': [[e['id'] for e in s.query(limit=1)[0]], s.query(limit=1)[1]]}
for name, call in (('past', lambda: list(s.events(label=11))),
                   ('negative', lambda: list(s.events(label=-1))),
                   ('true', lambda: list(s.events(label=True))),
                   ('unknown', lambda: list(s.events(label='cat'))),
                   ('limit0', lambda: s.query(limit=0)),
                   ('no_event', lambda: s.similar(99))):
    try:
        got[name] = call()
    except ValueError as e:
        got[name] = str(e)
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['by_index'] == r['by_name'] == [11, 0] and r['last_index'] == [10], r
    assert r['one'] == [[12], 12], r
    labels = "(labels: doorbell, door_knock, dog_bark, speech, footsteps, glass_breaking, " \
        "baby_crying, car_horn, siren, background, other)"
    assert [r[k] for k in ('past', 'negative', 'true', 'unknown')] == [
        'unknown label %s %s' % (v, labels) for v in ('11', '-1', 'True', "'cat'")], r
    assert r['limit0'] == 'limit must be at least 1', r
    assert r['no_event'] == 'no event 99 with an embedding', r


def test_thinning_begins_at_the_first_byte_over_budget_and_never_takes_the_newest_segment(
        device, tmp_path):
    """An append that fits the budget exactly thins nothing; one byte less and the oldest clip
    that may go goes (an append asks room for a record, an embedding entry and a segment
    header). Thinning freeing half the budget at a time still keeps the segment being
    written: the event before each append is there after it."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(5):
    s.append(T0 + i * STEP, 1000, 'siren', 0.5, [], emb(i), pcm(i))
used = s.usage()['bytes']
need = layout.RECORD_SIZE + s.sim.entry_size + layout.SEG_HEADER_SIZE
c = clips.stored_size(400)
got = {}
for name, budget, clip in (('exact', used + need, None), ('over', used + need - 1, None),
                           ('clip', used + need + c, pcm(5)), ('clip_over', used + need + c - 1, pcm(5))):
    copytree(root, root + name)
    t = open_store(root + name, budget=budget, clip_share=1)   # clips may take it all
    t.append(T0 + 5 * STEP, 1000, 'speech', 0.5, [], emb(5), clip)
    got[name] = [t.clip_ids(), len(list(t.events())), t.problems]
t = open_store(root + 'half', segment_bytes=400, budget=1800, thin_fraction=0.5)
lost = []
for i in range(120):
    t.append(T0 + i * STEP, 1000, 'speech', 0.5, [], emb(i))
    if i and t.get(i - 1) is None:
        lost.append(i - 1)
got['half'] = [lost, t.usage()['first_id'] > 40, t.problems]
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['exact'] == [[0, 1, 2, 3, 4], 6, []], r
    assert r['over'] == [[1, 2, 3, 4], 6, []], r
    assert r['clip'] == [[0, 1, 2, 3, 4, 5], 6, []], r
    assert r['clip_over'] == [[1, 2, 3, 4, 5], 6, []], r
    assert r['half'] == [[], True, []], r


def test_clips_fill_their_share_exactly_before_any_goes(device, tmp_path):
    """Clips may fill their share of the budget to the byte: the clip that fills it exactly is
    kept and thins nothing; the next one makes room by thinning, past a locked event's clip to
    the oldest that may go, and a clip whose event's record is damaged goes first without
    ending the thinning."""
    rows = run(device, '''
root = %r
c = clips.stored_size(400)
def opened(name, **kw):
    # the clip share three clips exactly (an eighth is exact in binary)
    return open_store(root + name, budget=24 * c, clip_share=0.125, **kw)
def clip(t, i, label='siren'):
    return t.append(T0 + i * STEP, 1000, label, 0.5, [], emb(i), pcm(i))
got = {}
t = opened('slack', thin_fraction=0.05, keep_clips=0)
got['slack'] = []
for i in range(3):
    clip(t, i)
    got['slack'].append(t.clip_ids())
t = opened('next', thin_fraction=0, keep_clips=0)
for i in range(4):
    clip(t, i)
got['next'] = [t.clip_ids(), t.problems]
t = opened('locked', thin_fraction=0)
t.lock(clip(t, 0))
for i in range(1, 4):
    clip(t, i)
got['locked'] = [t.clip_ids(), t.problems]
t = opened('damaged', thin_fraction=0.03, keep_clips=0)
for i in range(3):
    clip(t, i)
seg = root + 'damaged/s00000000.seg'
with open(seg, 'r+b') as f:
    f.seek(layout.SEG_HEADER_SIZE + 1)
    b = f.read(1)
    f.seek(layout.SEG_HEADER_SIZE + 1)
    f.write(bytes([b[0] ^ 1]))   # event 0's record
t = opened('damaged', thin_fraction=0.03, keep_clips=0)
clip(t, 3)
got['damaged'] = t.clip_ids()
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['slack'] == [[0], [0, 1], [0, 1, 2]], r
    assert r['next'] == [[1, 2, 3], []], r
    assert r['locked'] == [[0, 2, 3], []], r
    assert r['damaged'] == [2, 3], r


def test_a_store_whose_ids_begin_past_600_searches_every_bucket_while_young(device, tmp_path):
    """A store whose oldest segment begins at id 600 (its older ones gone; written here by hand,
    as docs/store-format.md lays it out) holds 56 events: fewer than 1,000, so a bucketed search
    whose bucket holds fewer than k reads every bucket, as an exact one does; a page holds 50
    events unless asked otherwise. An empty store lists nothing from any time and refuses a clip
    of any event (and has none to give), as a store refuses the clip of an event stored without
    one (the one-line error)."""
    one = struct.pack('<4sIqHH', b'EMS2', 600, T0, 18, 2)
    seg = (one + struct.pack('<I', binascii.crc32(one))) * 2
    rec = struct.pack('<IHBBBBBBBB', 0, 100, 0, 128, 255, 0, 255, 0, 0, 0)
    seg += rec + struct.pack('<I', binascii.crc32(rec, 600))
    rows = run(device, '''
root = %r
s = open_store(root + 'empty')
try:
    s.clip_wav(0)
    empty = None
except ValueError as e:
    empty = str(e)
empty = [empty, list(s.events(start=T0)), s.query(start=T0, end=T0 + STEP), s.get(0)]
open_store(root)
with open(root + '/s%%08x.seg' %% 600, 'wb') as f:
    f.write(bytes.fromhex(%r))
s = open_store(root)
for i in range(1, 56):
    add(s, i)
try:
    s.clip_wav(601)
    no_clip = None
except ValueError as e:
    no_clip = str(e)
page, cursor = s.query()
out(empty=empty, usage=s.usage(), one=s.similar(emb(3), k=25, probes=1),
    exact=s.similar(emb(3), k=25, exact=True), no_clip=no_clip,
    page=[[e['id'] for e in page], cursor])
''' % (str(tmp_path / 's'), seg.hex()))
    r = rows[0]
    assert r['empty'] == ['event 0 has no clip', [], [[], None], None], r
    assert (r['usage']['first_id'], r['usage']['next_id']) == (600, 656), r['usage']
    assert len(r['one']) == 25 and r['one'] == r['exact'], r
    assert r['no_clip'] == 'event 601 has no clip', r
    assert r['page'] == [list(range(655, 605, -1)), 606], r


def test_a_segment_that_goes_takes_its_clips_and_edits_and_nothing_else(device, tmp_path):
    """Old segments going for room take their events' clips (kept ones too: the only clip of a
    label) and their edits file, even one a repair left empty, and no clip of the next
    segment; usage() stays what flash holds. A locked event in a segment begun after a clock
    jump (its first id 1) keeps its segment and its edits when the one before goes."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=138)
def event(t, i):
    # the first event of each segment of five has a clip, of a label of its own
    return t.append(T0 + i * STEP, 1000, LABELS[i // 5] if i %% 5 == 0 else 'speech', 0.5,
                    [], emb(i), pcm(i) if i %% 5 == 0 else None)
event(s, 0)
s.relabel(0, 'siren')
ed = root + '/s00000000.ed'
storefile.cut(ed, 5, bytearray(64))   # a torn edit: the repair leaves the file empty
s = open_store(root, segment_bytes=138, budget=2300)
bad = []
for i in range(1, 40):
    event(s, i)
    alive = [k for k in range(i + 1) if s.get(k) is not None]
    with_clips = [k for k in alive if k %% 5 == 0]
    u = s.usage()
    if s.clip_ids() != with_clips or u['bytes'] != disk(root):
        bad.append([i, s.clip_ids(), with_clips, u['bytes'], disk(root)])
j = open_store(root + 'j', segment_bytes=138, budget=1500)
j.append(1000, 1000, 'speech', 0.5, [], emb(0))   # before the clock was set
j.append(T0, 1000, 'speech', 0.5, [], emb(1))
j.relabel(1, 'siren')
j.lock(1)
for i in range(2, 30):
    j.append(T0 + i * STEP, 1000, 'speech', 0.5, [], emb(i))
    if j.get(0) is None:
        break
out(bad=bad, first=s.usage()['first_id'], files=sorted(n for n in os.listdir(root) if n.endswith('.ed')),
    jump=[j.get(0), j.get(1)['label'], j.get(1)['locked'], j.usage()['first_id'],
          [k for k in range(1, 6) if j.get(k) is None]])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['bad'] == [] and r['first'] >= 15 and r['files'] == [], r
    assert r['jump'] == [None, 'siren', True, 1, []], r   # its segment's ids 1-5 all there


def test_old_segments_go_only_as_far_as_the_room_an_append_needs(device, tmp_path):
    """Each append over budget deletes the fewest oldest segments that bring the store (its
    running roll-up counts just written) down to the budget less the append's room and the
    thinning slack, by a reference made here from the files' sizes: a segment frees its file,
    its edits file and its events' embedding entries. At an exact tie the next segment stays."""
    rows = run(device, '''
root = %r
def size(path):
    try:
        return os.stat(path)[6]
    except OSError:
        return 0
def segments(t):
    firsts = sorted(int(n[1:9], 16) for n in os.listdir(t.root) if n.endswith('.seg'))
    return [(f, size(layout.segment_path(t.root, f)) + size(layout.edits_path(t.root, f)) +
             (size(layout.segment_path(t.root, f)) - layout.SEG_HEADER_SIZE) //
             layout.RECORD_SIZE * t.sim.entry_size) for f in firsts]
def rollups(t):
    return size(t.root + '/hours.ru') + size(t.root + '/days.ru')
need = layout.RECORD_SIZE + 16 + layout.SEG_HEADER_SIZE
budget = 3000
s = open_store(root, segment_bytes=200, budget=budget)
slack = int(budget * s.THIN_FRACTION)
bad, thinned = [], 0
for i in range(150):
    if i %% 7 == 0 and i > 2:
        s.relabel(i - 2, 'siren')
    before, segs, ru = s.usage()['bytes'], segments(s), rollups(s)
    s.append(T0 + i * STEP, 1000, 'speech', 0.5, [], emb(i))
    after = [f for f, _ in segments(s)]
    gone = len([f for f, _ in segs if f not in after])
    k = 0
    if before + need > budget:
        used = before + rollups(s) - ru   # what the flush of the running counts wrote
        while used > budget - need - slack and k < len(segs) - 1:
            used -= segs[k][1]
            k += 1
    thinned += k
    if gone != k:
        bad.append([i, gone, k])
u = open_store(root + 'u', segment_bytes=200)
for i in range(20):
    u.append(T0 + i * STEP, 1000, 'speech', 0.5, [], emb(i))
copytree(root + 'u', root + 't')
before, segs = u.usage()['bytes'], segments(u)
tie = open_store(root + 't', segment_bytes=200, budget=before + 90 - segs[0][1] + need,
                 thin_fraction=0)   # 90: an hour and a day record of the running counts
tie.append(T0 + 20 * STEP, 1000, 'speech', 0.5, [], emb(20))
out(bad=bad, thinned=thinned, tie=[len(segs), tie.usage()['first_id'], segs[1][0],
                                   rollups(tie) - rollups(u)])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['bad'] == [] and r['thinned'] > 10, r
    n, first, second, flushed = r['tie']
    assert n == 3 and first == second and flushed == 90, r


def test_a_flipped_bit_in_a_records_time_costs_only_that_record_in_a_time_range(device,
                                                                               tmp_path):
    """A bit flipped in one event record's start (its CRC now fails) where the binary search on
    start times looks: events(start=t) and events(end=t) still give every other event of the
    range (docs/store-format.md: a search that meets a damaged record reads on in turn rather
    than trust its time), whether the flip makes the start earlier or later."""
    rows = run(device, '''
root = %r
s = open_store(root)
for i in range(8):
    add(s, i)
seg = root + '/s%%08x.seg' %% 0
def flip(at, bit):
    with open(seg, 'rb') as f:
        data = bytearray(f.read())
    data[at] ^= bit
    with open(seg, 'wb') as f:
        f.write(data)
got = {}
flip(48 + 4 * 18 + 2, 2)           # record 4's start 240,000 ms on: 108,928, before event 3's
s = open_store(root)
got['earlier'] = [[e['id'] for e in s.events(start=T0 + k * STEP)] for k in (3, 6)]
got['earlier_to'] = [e['id'] for e in s.events(end=T0 + 6 * STEP)]
flip(48 + 4 * 18 + 2, 2)
flip(48 + 4 * 18 + 3, 64)          # record 4's start far later
s = open_store(root)
got['later'] = [[e['id'] for e in s.events(end=T0 + k * STEP)] for k in (6, 3)]
got['later_from'] = [e['id'] for e in s.events(start=T0 + 3 * STEP, oldest_first=True)]
got['problems'] = s.problems
flip(48 + 4 * 18 + 3, 64)
flip(48 + 6 * 18 + 2, 4)           # record 6's, met by the search's second look
s = open_store(root)
got['second'] = [[e['id'] for e in s.events(start=T0 + k * STEP)] for k in (5, 6)]
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['earlier'] == [[7, 6, 5, 3], [7, 6]] and r['earlier_to'] == [5, 3, 2, 1, 0], r
    assert r['later'] == [[5, 3, 2, 1, 0], [2, 1, 0]] and r['later_from'] == [3, 5, 6, 7], r
    assert r['problems'] == ['event 4 damaged, skipped'], r
    assert r['second'] == [[7, 5], [7]], r


def test_edits_write_one_record_each_and_a_relabel_to_the_same_label_none(device, tmp_path):
    """Each edit appends one edit record, twice (22 bytes; a relabel or a delete a roll-up fix
    of 10 bytes too), which the replication stream gives as (segment, records read, id, kind,
    value) for each copy: a relabel (kind 1, the label's index), a lock and an unlock (kind 2,
    1 and 0), a delete (kind 3, 0); relabelling an event to the label it already has writes
    nothing; an edit of an event that is not there is refused."""
    rows = run(device, '''
s = open_store(%r)
a = s.append(T0, 1000, 'speech', 0.5, [], emb(0))
sizes = [s.usage()['bytes']]
s.relabel(a, 'speech')
sizes.append(s.usage()['bytes'])
for edit in (lambda: s.relabel(a, 'siren'), lambda: s.relabel(a, 'siren'), lambda: s.lock(a),
             lambda: s.lock(a, False), lambda: s.delete(a)):
    edit()
    sizes.append(s.usage()['bytes'])
missing = []
for edit, args in ((s.relabel, (99, 'siren')), (s.lock, (99,)), (s.delete, (99,)),
                   (s.finish, (99, 2000))):
    try:
        edit(*args)
    except ValueError as e:
        missing.append(str(e))
out(grew=[b - a for a, b in zip(sizes, sizes[1:])], edits=[list(e) for e in s.log(0, {})],
    missing=missing)
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['grew'] == [0, 32, 0, 22, 22, 32], r
    assert r['edits'] == [[0, n, 0, kind, value] for n, (kind, value) in enumerate(
        [(1, 8), (1, 8), (2, 1), (2, 1), (2, 0), (2, 0), (3, 0), (3, 0)], 1)], r
    assert r['missing'] == ['no event 99'] * 4, r


def test_scores_read_back_to_their_255ths_and_a_list_is_fixed_when_it_begins(device,
                                                                            tmp_path):
    """Confidence and runner-up scores are kept to 1/255 and read back as n / 255 to three
    places (a score of 1/255 is 0.004, 254/255 is 0.996). A list walked oldest first holds
    what the store held when it began: an event appended while it is paused is not in it.
    Locked events and events with a personal label are found by similar() like any other,
    and their clips are served."""
    confs = [1 / 255, 2 / 255, 77 / 255, 128 / 255, 254 / 255, 1.0, 0.0]
    rows = run(device, '''
s = open_store(%r)
for i, c in enumerate(%r):
    s.append(T0 + i * STEP, 1000, 'speech', c, [('siren', c), ('dog_bark', 1 / 255)], emb(i),
             pcm(i))
walk = s.events(oldest_first=True)
first = [next(walk)['id'] for _ in range(2)]
add(s, 7)
got = {'walked': first + [e['id'] for e in walk]}
got['scores'] = [[e['confidence'], e['runners_up']] for e in s.events(oldest_first=True)]
got['floor'] = [e['id'] for e in s.events(min_confidence=0.502, oldest_first=True)]
s.lock(2)
s.label_personal(3, 'our doorbell')
got['similar'] = sorted(i for i, _ in s.similar(emb(2), k=20, exact=True))
got['clips'] = [len(b''.join(bytes(p) for p in s.clip_wav(i))) for i in (2, 3)]
out(**got)
''' % (str(tmp_path / 's'), confs))
    r = rows[0]
    assert r['walked'] == [0, 1, 2, 3, 4, 5, 6], r
    assert r['floor'] == [3, 4, 5], r     # a floor equal to a confidence (0.502) keeps it
    want = [round(n / 255, 3) for n in (1, 2, 77, 128, 254, 255, 0)]
    assert [c for c, _ in r['scores'][:7]] == want, r
    for (c, runners), w in zip(r['scores'], want):
        # runners-up sorted by score, the higher first; 1/255 ties with the first event's
        assert sorted(runners, key=lambda p: -p[1]) == runners, runners
        assert sorted(runners) == sorted([['siren', w], ['dog_bark', 0.004]]), runners
    assert r['similar'] == list(range(8)) and r['clips'] == [844, 844], r


def test_edits_on_a_full_flash_are_refused_as_store_full_and_lose_nothing(mpy):
    """Edits appended until a LittleFS has no room left (MicroPython: a RAM flash) end with
    'store full: the flash has no room left' (errno 28); every edit acknowledged before it
    reads back, and with room again the next edit is taken."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text() + '''
root = ram_flash('/flash', blocks=24) + '/s'
s = open_store(root)
for i in range(3):
    add(s, i)
s.lock(0)   # the edits file exists
f = fill('/flash')
done, refused = 0, None
for k in range(200):
    try:
        s.lock(1 + k % 2, k % 4 < 2)
        done += 1
    except OSError as exc:
        refused = [exc.args[0], str(exc.args[1]) if len(exc.args) > 1 else None]
        break
f.close()
os.remove('/flash/filler')
t = open_store(root)
locked = [t.get(i)['locked'] for i in (1, 2)]
t.relabel(0, 'siren')
out(done=done, refused=refused, locked=locked, label=t.get(0)['label'], problems=t.problems)
'''
    r = mpy.json_lines(code, heap='1M')[0]
    assert r['refused'] == [28, 'store full: the flash has no room left'], r
    k = r['done'] - 1   # the last edit acknowledged: event 1 + k % 2 locked if k % 4 < 2
    assert r['done'] >= 1 and r['locked'][k % 2] == (k % 4 < 2), r
    assert r['label'] == 'siren' and r['problems'] == [], r


def test_a_store_written_with_larger_segments_reads_back_and_clips_stream_a_block_a_piece(
        device, tmp_path):
    """A store written with segments of eight events and opened with a setting of four reads
    every event back, finish()ed ones with their durations (it crashed listing them before). A
    clip streams by default as its WAV header, then a piece per 512-sample block."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18 * 8)
for i in range(8):
    add(s, i)
s.append(T0 + 8 * STEP, 1000, 'speech', 0.5, [], emb(8), pcm(8, 1100))
s.finish(3, 5000)
s.finish(4, 6000)
t = open_store(root, segment_bytes=48 + 18 * 4)
out(ids=[e['id'] for e in t.events()], got=[t.get(i) is not None for i in range(9)],
    durations=[t.get(i)['end'] - t.get(i)['start'] for i in (3, 4, 5)],
    pieces=[len(p) for p in t.clip_wav(8)])
''' % str(tmp_path / 's'))
    r = rows[0]
    assert r['ids'] == list(range(8, -1, -1)) and r['got'] == [True] * 9, r
    assert r['durations'] == [5000, 6000, 1050], r
    assert r['pieces'] == [44, 1024, 1024, 152], r


def test_the_replication_stream_from_before_the_oldest_segment_begins_there(device, tmp_path):
    """Once the oldest segments went to make room, the replication stream asked for every event
    (after id 0, or after one that went) gives every event the store still holds, from the
    oldest on."""
    rows = run(device, '''
s = open_store(%r, segment_bytes=48 + 18 * 4, budget=4096)   # four events a segment
i = 0
while s.usage()['first_id'] < 6:
    add(s, i)
    i += 1
u = s.usage()
out(first=u['first_id'], next=u['next_id'], all=[r[0] for r in s.log(0)],
    after=[r[0] for r in s.log(u['first_id'] - 2)])
''' % str(tmp_path / 's'))
    r = rows[0]
    kept = list(range(r['first'], r['next']))
    assert r['first'] % 4 == 0 and len(kept) > 4 and r['all'] == r['after'] == kept, r


def test_a_segment_whose_starts_go_back_lists_only_the_range_asked(device, tmp_path):
    """A segment whose events' starts are out of order (written by hand, as docs/store-format.md
    lays it out: a store from before appends refused an earlier start): a list up to a time
    holds only the events that start before it, one starting exactly then left out."""
    one = struct.pack('<4sIqHH', b'EMS2', 0, T0, 18, 2)
    seg = (one + struct.pack('<I', binascii.crc32(one))) * 2
    for i, k in enumerate((0, 3, 2, 6)):   # starts in minutes: event 1 at 3, event 2 at 2
        rec = struct.pack('<IHBBBBBBBB', k * 60000, 100, 0, 128, 255, 0, 255, 0, 0, 0)
        seg += rec + struct.pack('<I', binascii.crc32(rec, i))
    rows = run(device, '''
root = %r
open_store(root)
with open(root + '/s%%08x.seg' %% 0, 'wb') as f:
    f.write(bytes.fromhex(%r))
s = open_store(root)
out(before3=[e['id'] for e in s.events(end=T0 + 3 * STEP)], problems=s.problems)
''' % (str(tmp_path / 's'), seg.hex()))
    assert rows[0] == {'before3': [2, 0], 'problems': []}, rows


def test_a_store_that_cannot_thin_refuses_exactly_the_append_that_would_pass_its_budget(device,
                                                                                       tmp_path):
    """Nothing can go (one segment: the newest never does): events are taken while they fit the
    budget and the first that would pass it is refused as store full, never stored over it; with
    room left for an event but not for its clip, the event with a clip is refused too, and the
    same event without one still fits."""
    rows = run(device, '''
root = %r
B = 4000
s = open_store(root, budget=B, segment_bytes=1 << 14)
sizes, refused, i = [s.usage()['bytes']], None, 0
while refused is None:
    try:
        add(s, i)
        sizes.append(s.usage()['bytes'])
        i += 1
    except OSError as e:
        refused = str(e.args[-1])
out(sizes=sizes, refused=refused, B=B)
t = open_store(root + '2', budget=B, segment_bytes=1 << 14)
before, i = 0, 0
while True:   # events without clips while an event and a clip would still fit
    add(t, i)
    i += 1
    grew = t.usage()['bytes'] - before
    before = t.usage()['bytes']
    if before + 2 * grew + 250 > B:
        break
try:
    add(t, i, clip=True)
    clip = 'taken'
except OSError as e:
    clip = str(e.args[-1])
out(clip=clip, after=t.usage()['bytes'], B=B, plain=add(t, i) >= 0, last=t.usage()['bytes'])
''' % str(tmp_path / 's'))
    first, second = rows
    sizes = first['sizes']
    grew = max(b - a for a, b in zip(sizes, sizes[1:]))   # an event's bytes, with its index's
    assert len(sizes) > 20 and all(b <= first['B'] for b in sizes), sizes
    assert first['refused'] == 'store full: locked events and clips fill the budget', first
    assert sizes[-1] + grew > first['B'], sizes   # refused only when the next could not fit
    assert second['clip'] == 'store full: locked events and clips fill the budget', second
    assert second['after'] <= second['B'] and second['plain'], second
    assert second['last'] <= second['B'], second


# ---- Hardening: what the mutation runs found (docs/testing.md, "Found, not fixed")

def test_a_segment_whose_header_copies_are_both_damaged_is_never_written_over(device, tmp_path):
    """Both copies of the newest segment's header damaged (its events 8 and 9, 9 with a clip):
    opening reports it and skips its events, as for any segment; the next appends rotate to a
    fresh segment after its ids, never over it (rotation began a new segment at id 8 and wrote
    over its records). Its file and clip stay as they were, its ids are not used again, and the
    events appended next read back after a reopen, the damage still named."""
    rows = run(device, '''
root = %r
s = open_store(root, segment_bytes=48 + 18 * 4)     # four events a segment
for i in range(10):                                  # segments 0, 4 (full) and 8 (8, 9)
    add(s, i, clip=i in (5, 9))
seg = root + '/s%%08x.seg' %% 8
kept = damage_headers(seg)
t = open_store(root, segment_bytes=48 + 18 * 4)
got = {'next': t.usage()['next_id'], 'problems': list(t.problems)}
got['appended'] = [add(t, i) for i in range(10, 13)]
with open(seg, 'rb') as f:
    got['kept'] = f.read() == kept
got['clip9'] = storefile.size(clips.path(root, 9)) > 0
for i in range(10, 13):
    check(t, t.get(i), i)
u = open_store(root)
for i in range(10, 13):
    check(u, u.get(i), i)
got['read'] = [e['id'] for e in u.events(oldest_first=True)]
got['segments'] = sorted(n for n in os.listdir(root) if n.endswith('.seg'))
got['reopened'] = u.problems
out(**got)
''' % str(tmp_path / 's'))
    r = rows[0]
    named = 'segment s00000008.seg damaged, its events skipped'
    assert named in r['problems'] and named in r['reopened'], r
    assert r['next'] == 10 and r['appended'] == [10, 11, 12], r
    assert r['kept'] and r['clip9'], r
    assert r['read'] == [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12], r
    assert r['segments'] == ['s00000000.seg', 's00000004.seg', 's00000008.seg',
                             's0000000a.seg'], r


def test_after_a_repair_that_failed_the_next_write_repairs_first_and_reuses_no_id(device,
                                                                                 tmp_path):
    """An append torn by a full flash (its embedding on flash, half its record) whose repair
    could make no room: once there is room, the next append repairs first. Its id is the one
    after the torn append's (whose embedding is on flash: that id is void), never the same
    one (two embeddings for one id, and a record written after the torn half, unreadable)."""
    rows = run(device, ('''
root = %r
''' + TORN_BY_FULL_FLASH + '''    refused = str(e.args[-1])
storefile.append, storefile.cut = append, cut
got = {'refused': refused, 'ident': add(s, 7)}
check(s, s.get(got['ident']), 7)
u = open_store(root)
check(u, u.get(got['ident']), 7)
got['read'] = [e['id'] for e in u.events(oldest_first=True)]
got['embedded'] = [i for i in range(9) if u.embedding(i) is not None]
got['problems'] = u.problems
out(**got)
''') % str(tmp_path / 's'))
    r = rows[0]
    assert r['refused'] == 'store full: no room to repair it', r
    assert r['ident'] == 7 and r['read'] == [0, 1, 2, 3, 4, 5, 7], r
    assert r['embedded'] == [0, 1, 2, 3, 4, 5, 7] and r['problems'] == [], r


def test_opening_on_littlefs_never_asks_a_folders_size(mpy):
    """The unix port's VfsLfs2 gives a folder's size as whatever its stack held (32,696 here
    once): opening must not decide anything by it. Whether a store is new is told by its
    folder and segments: a new store in a folder not there, one in an empty folder, and one
    with both configs damaged (made again, reported), with no folder's size asked."""
    code = HELPERS + '\n' + Path(__file__).with_name('store_bitflip.py').read_text() + '''
ram_flash('/flash')
size = storefile.size
sized = []
def size_of(path):
    try:
        folder = os.stat(path)[0] & 0x4000
    except OSError:
        folder = 0
    if folder:
        sized.append(path)
    return size(path)
storefile.size = size_of
s = open_store('/flash/s')
for i in range(3):
    add(s, i)
os.mkdir('/flash/e')
e = open_store('/flash/e')
add(e, 0)
for name in ('store.json', 'store.bak'):
    with open('/flash/s/' + name, 'wb') as f:
        f.write(b'{"labels": [')
t = open_store('/flash/s')
for i in range(3):
    check(t, t.get(i), i)
storefile.size = size
out(sized=sized, problems=t.problems, empty=e.usage()['next_id'], stat=os.stat('/flash/s')[6])
'''
    r = mpy.json_lines(code, heap='1M')[0]
    assert r['sized'] == [], r
    assert r['problems'] == ['store.json damaged', 'store.bak damaged',
                             "store.json made again from the model's labels"], r
    assert r['empty'] == 1, r


def test_counts_of_a_range_starting_before_the_epoch(device, tmp_path):
    """stats() over a range that starts before 0 answers as any other range: nothing in an
    empty store (it raised TypeError when nothing had been counted), and in a store with
    events the same periods as the range from 0."""
    rows = run(device, '''
root = %r
s = open_store(root)
got = {'empty': [list(s.stats(kind, -3 * 86400000, 86400000)) for kind in ('hour', 'day')]}
got['rollup'] = [list(s.rollup.stats(kind, -1, 1)) for kind in ('hour', 'day')]
for i in range(3):
    add(s, i)
t = open_store(root)
got['counted'] = [list(u.stats(kind, -86400000, T0 + 86400000)) == list(
    u.stats(kind, 0, T0 + 86400000)) != [] for u in (s, t) for kind in ('hour', 'day')]
out(**got)
''' % str(tmp_path / 's'))
    assert rows[0] == {'empty': [[], []], 'rollup': [[], []],
                       'counted': [True, True, True, True]}, rows
