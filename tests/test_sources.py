"""Audio sources (WAV file, standard input, I2S through a stand-in), in real MicroPython and CPython."""
import json
import struct
import subprocess
import time

import numpy as np
import pytest
import soundfile

from earmark import runtime

CHUNK = 1024


def marked(n):
    """int16 samples whose value is the index of the chunk they belong to, so every chunk read
    tells where in the stream it came from."""
    return (np.arange(n) // CHUNK).astype(np.int16)


def write_wav(path, samples, rate=16000, channels=1, subtype='PCM_16'):
    data = np.repeat(samples[:, None], channels, axis=1) if channels > 1 else samples
    soundfile.write(str(path), data, rate, subtype=subtype)
    return str(path)


READ_ALL = '''
import asyncio, json, sources
async def main(src, delay_at=-1, delay_ms=0):
    n = 0
    async for chunk in src:
        assert len(chunk) == %d
        # Each chunk must be the audio at its position: the samples carry their chunk index.
        tail = src.samples - src.position if hasattr(src, "samples") else %d
        want = src.position // %d
        ok = all(chunk[i] == want for i in range(min(len(chunk), tail)))
        print(json.dumps({"position": src.position, "ok": ok, "last": chunk[-1]}))
        n += 1
        if n == delay_at:
            await asyncio.sleep(delay_ms / 1000)
    print(json.dumps(src.status()))
''' % (CHUNK, CHUNK, CHUNK)


def test_wav_reads_every_sample_in_order(device, tmp_path):
    n = 10 * CHUNK + 300                      # a partial last chunk
    path = write_wav(tmp_path / 'a.wav', marked(n))
    lines = device.json_lines(READ_ALL + 'asyncio.run(main(sources.WavSource(%r)))' % path)
    chunks, status = lines[:-1], lines[-1]
    assert [c['position'] for c in chunks] == [i * CHUNK for i in range(11)]
    assert all(c['ok'] for c in chunks)
    assert chunks[-1]['last'] == 0            # padded with silence
    assert status == {'source': 'wav', 'position': 10 * CHUNK, 'chunks': 11, 'overruns': 0}


def test_wav_with_extra_chunks_and_extensible_format(device, tmp_path):
    # WAVE_FORMAT_EXTENSIBLE (as some recorders write) and a LIST chunk of odd size before data.
    pcm = marked(3 * CHUNK).tobytes()
    fmt = struct.pack('<HHIIHHHHIH14s', 0xFFFE, 1, 16000, 32000, 2, 16, 22, 16, 4, 1,
                      bytes.fromhex('000000001000800000aa00389b71'))
    body = (b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt
            + b'LIST' + struct.pack('<I', 5) + b'INFOx\x00'
            + b'data' + struct.pack('<I', len(pcm)) + pcm)
    path = tmp_path / 'ext.wav'
    path.write_bytes(b'RIFF' + struct.pack('<I', len(body)) + body)
    lines = device.json_lines(READ_ALL + 'asyncio.run(main(sources.WavSource(%r)))' % str(path))
    assert [c['position'] for c in lines[:-1]] == [0, CHUNK, 2 * CHUNK]
    assert all(c['ok'] for c in lines[:-1])


@pytest.mark.parametrize('kind, message', [
    ('rate', '44100 Hz'), ('stereo', '2 channel'), ('float', 'format 3'), ('bits', '8 bits'),
    ('text', 'not a WAV file'), ('nodata', 'no data chunk')])
def test_wav_rejects_other_formats_naming_the_file(device, tmp_path, kind, message):
    path = tmp_path / ('bad-%s.wav' % kind)
    samples = marked(CHUNK)
    if kind == 'rate':
        write_wav(path, samples, rate=44100)
    elif kind == 'stereo':
        write_wav(path, samples, channels=2)
    elif kind == 'float':
        write_wav(path, samples.astype(np.float32) / 32768, subtype='FLOAT')
    elif kind == 'bits':
        write_wav(path, samples, subtype='PCM_U8')
    elif kind == 'text':
        path.write_text('hello, I am not audio')
    else:
        fmt = struct.pack('<HHIIHH', 1, 1, 16000, 32000, 2, 16)
        path.write_bytes(b'RIFF' + struct.pack('<I', 28) + b'WAVEfmt ' + struct.pack('<I', 16)
                         + fmt)
    out = device.run('import sources\n'
                     'try:\n'
                     '    sources.WavSource(%r)\n'
                     'except ValueError as e:\n'
                     '    print("error:", e)\n' % str(path))
    assert out.startswith('error: %s: ' % path), out
    assert message in out, out


def test_paced_wav_drops_what_a_slow_consumer_misses(device, tmp_path):
    # At 4x real time a chunk lasts 16 ms; the consumer stalls 1 s after its fifth chunk, far
    # beyond the source's 8 buffered chunks, so a microphone would have lost audio there.
    path = write_wav(tmp_path / 'p.wav', marked(100 * CHUNK))
    lines = device.json_lines(READ_ALL + 'asyncio.run(main(sources.WavSource(%r, speed=4), 5, '
                              '1000))' % path)
    chunks, status = lines[:-1], lines[-1]
    assert all(c['ok'] for c in chunks)      # what was delivered is the audio at its position
    assert status['overruns'] >= 30, status  # 1 s at 16 ms a chunk, minus the buffered 8
    assert status['chunks'] + status['overruns'] == 100
    jump = [b['position'] - a['position'] for a, b in zip(chunks, chunks[1:])]
    assert max(jump) > CHUNK and jump.index(max(jump)) == 4


def stdin_process(which, code):
    argv, env, cwd = runtime.command(which, ['-c', code])
    return subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def finish(proc):
    proc.stdin = None   # already closed by the test: end of stream
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and b'Traceback' not in err, err.decode()
    return [json.loads(line) for line in out.decode().splitlines()]


def test_stdin_reads_raw_pcm(device):
    n = 20 * CHUNK + 101                   # odd byte count at the end: half a sample
    proc = stdin_process(device.name, READ_ALL + 'asyncio.run(main(sources.StdinSource(live=False)))')
    data = marked(n).tobytes() + b'\x07'
    for i in range(0, len(data), 3001):    # uneven writes, as a pipe delivers them
        proc.stdin.write(data[i:i + 3001])
        proc.stdin.flush()
    proc.stdin.close()
    lines = finish(proc)
    chunks, status = lines[:-1], lines[-1]
    assert [c['position'] for c in chunks] == [i * CHUNK for i in range(21)]
    assert all(c['ok'] for c in chunks[:-1])
    assert status['overruns'] == 0


def test_stdin_live_counts_audio_the_producer_lost(device):
    # A producer that goes quiet for 2.5 s (as arecord does when it overruns) lost that audio:
    # the source counts it and moves the position on, so later events keep true times.
    proc = stdin_process(device.name, READ_ALL + 'asyncio.run(main(sources.StdinSource()))')
    samples = marked(40 * CHUNK)
    half = 8 * CHUNK
    proc.stdin.write(samples[:half].tobytes())
    proc.stdin.flush()
    time.sleep(2.5)
    proc.stdin.write(samples[half:half + 8 * CHUNK].tobytes())
    proc.stdin.close()
    lines = finish(proc)
    status = lines[-1]
    assert 8 <= status['overruns'] <= 40, status
    assert status['chunks'] == 16
    positions = [c['position'] for c in lines[:-1]]
    assert positions[8] - positions[7] == (status['overruns'] + 1) * CHUNK


FAKE_I2S = '''
import asyncio, json, sources
from array import array
from config import Config

class FakeI2S:
    """Stands in for machine.I2S: readinto() arms a read, complete() is the DMA finishing it
    (each 32-bit slot `value`, or the next of `values`)."""
    def __init__(self):
        self.cb, self.armed = None, None
    def irq(self, cb):
        self.cb = cb
    def readinto(self, buf):
        self.armed = buf
    def complete(self, value=0, values=None):
        buf, self.armed = self.armed, None
        for i in range(len(buf)):
            half = (values[i // 2] if values else value) >> (16 if i % 2 else 0)
            half &= 0xFFFF
            buf[i] = half - 0x10000 if half & 0x8000 else half
        self.cb(self)
    def deinit(self):
        pass
'''


def test_i2s_queue_narrowing_and_overruns(mpy):
    code = FAKE_I2S + '''
async def main():
    hw = FakeI2S()
    src = sources.I2SSource(chunk=256, i2s=hw)   # Config.mic_shift 14: a gain of 2 bits
    # 10 buffers complete while nobody reads: 4 slots fill, 6 are dropped.
    values = [(i * 1000) << 16 | 0xC000 for i in range(10)]
    for v in values:
        hw.complete(v)
    got = []
    for _ in range(4):
        chunk = await src.read()
        got.append([src.position // 256, chunk[0], chunk[-1]])
    # The reader waits on the flag until the next buffer completes.
    async def later():
        await asyncio.sleep(0.01)
        hw.complete(-3 << 16)
        hw.complete(20000 << 16)
    asyncio.create_task(later())
    for _ in range(2):
        chunk = await src.read()
        got.append([src.position // 256, chunk[0]])
    print(json.dumps({"got": got, "status": src.status()}))
asyncio.run(main())
'''
    out = mpy.json_lines(code)[0]
    # gain 2: (high << 2) | (low >> 14); 0xC000 >> 14 == 3; 20000 << 2 saturates.
    assert out['got'][:4] == [[i, i * 4000 + 3, i * 4000 + 3] for i in range(4)]
    assert out['got'][4:] == [[10, -12], [11, 32767]]
    assert out['status']['overruns'] == 6 and out['status']['chunks'] == 6


def sph0645_slots(n, seed=0):
    """(18-bit samples, the left 32-bit slots an ESP32 reads on time, the same read one bit late):
    built as the serial line carries them, MSB first, each left slot followed by a right slot the
    SPH0645 (SEL to ground) leaves floating (random bits here), then delayed by one bit clock."""
    rng = np.random.default_rng(seed)
    samples = rng.integers(-1 << 17, 1 << 17, n)
    samples[:6] = [-(1 << 17), (1 << 17) - 1, -1, 0, 1, -300]    # the extremes and small ones
    left = (samples.astype(np.int64) & 0x3FFFF) << 14            # left-aligned in the slot
    right = rng.integers(0, 1 << 32, n, dtype=np.uint64)
    frames = np.stack([left, right], axis=1).astype('>u4')     # big-endian: MSB first
    line = np.unpackbits(frames.view(np.uint8))                  # the SD line, bit by bit
    late = np.concatenate([[1], line[:-1]])                      # one bit clock late
    late_left = np.packbits(late).view('>u4').reshape(n, 2)[:, 0]
    return samples, left.astype(np.uint32), late_left.astype(np.uint32)


def narrow_on_device(device, tmp_path, slots, gain, late):
    path = tmp_path / 'slots.raw'
    path.write_bytes(slots.astype('<u4').tobytes())              # as the I2S DMA fills memory
    return device.json_lines('''
import json, sources
from array import array
raw = array('h', open(%r, 'rb').read())
out = array('h', bytes(len(raw)))
sources.narrow(raw, out, len(raw) // 2, %d, %d)
print(json.dumps(list(out[:len(raw) // 2])))
''' % (str(path), gain, late))[0]


@pytest.mark.parametrize('gain', [0, 2, 8])
def test_sph0645_late_bit_is_undone(device, tmp_path, gain):
    n = 512
    samples, on_time, late = sph0645_slots(n)
    # The sample's 32-bit value dropping 16 - gain bits, saturated: what an on-time read gives.
    want = np.clip((samples << 14) >> (16 - gain), -32768, 32767).tolist()
    assert narrow_on_device(device, tmp_path, on_time, gain, 0) == want
    assert narrow_on_device(device, tmp_path, late, gain, 1) == want
    # Read as on time, the late slots are wrong (about half of them: the stray top bit).
    wrong = narrow_on_device(device, tmp_path, late, gain, 0)
    assert sum(a != b for a, b in zip(wrong, want)) > n // 4


def test_i2s_source_follows_config(mpy, tmp_path):
    """The microphone, its gain and its pins come from Config, on the real constructor path
    (machine.I2S replaced by a recorder)."""
    samples, _, late = sph0645_slots(256, seed=1)
    path = tmp_path / 'slots.raw'
    path.write_bytes(late.astype('<u4').tobytes())
    code = FAKE_I2S + '''
import struct, sys
made = []
class I2S(FakeI2S):
    RX, MONO = 'rx', 'mono'
    def __init__(self, id, **kw):
        super().__init__()
        made.append([id, kw['sck'], kw['ws'], kw['sd'], kw['bits'], kw['rate'], kw['ibuf']])
class machine:
    I2S = I2S
    Pin = int
sys.modules['machine'] = machine
Config.microphone = 'sph0645'
Config.mic_shift = 16
Config.i2s_sd = 5
values = list(struct.unpack('<256I', open(%r, 'rb').read()))
async def main():
    src = sources.open_source('i2s', chunk=256)
    src._i2s.complete(values=values)
    print(json.dumps({"made": made, "chunk": list(await src.read())}))
    src.close()
asyncio.run(main())
''' % str(path)
    out = mpy.json_lines(code)[0]
    assert out['made'] == [[0, 14, 13, 5, 32, 16000, 16000]]
    assert out['chunk'] == ((samples << 14) >> 16).tolist()
