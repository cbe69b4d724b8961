"""The store's parts checked against references made here on the host, independently of the
device code: clips against docs/store-format.md's layout and the IMA-ADPCM of Python's own
`audioop`, file helpers and roll-ups against counts kept in the test, the store's bookkeeping
(usage, cursors, retention) against what its files hold. Written to kill the mutants that the
store's other quick tests let live (`make mutants`, docs/testing.md)."""
import binascii
import io
import struct
import warnings
import wave
from pathlib import Path

import pytest

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
    short = signal(700, 2)
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
w.write(short)
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
got['sizes'] = [clips.stored_size(n) for n in (1100, 2000, 700, 900)]
got['reopened'] = open_store(root).usage()['clip_bytes']
out(**got)
''' % (str(tmp_path / 's'), pcm, short))
    r = rows[0]
    whole, streamed, short_file = (bytes.fromhex(h) for h in r['files'])
    assert streamed == whole
    decoded = reference_clip(whole, pcm)
    assert reference_clip(short_file, short) == list(struct.unpack(
        '<700h', bytes.fromhex(r['wav_short'])[44:]))
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
    assert r['fix'] == [4, 16]
    assert r['appended'] == '0123456789abcdefijklmn'
    assert r['range'] == '3456789abcdefijklm'
    assert r['kept'] == 'aaaaccccdddd'
    assert r['cut'] == '012' and r['empty'] == 0
    crc = binascii.crc32(b'abcdefgh', 7)
    assert r['seal'] == [(b'abcdefgh' + struct.pack('<I', crc)).hex(), True, False, False]
    assert r['flipped'] is False and r['crc_flipped'] is False
