"""POST /api/search takes a WAV at 8 to 48 kHz, mono or stereo: device/resample.py reads it as
16 kHz mono. Its output against soxr's (the host's resampler) for tones in each runtime with the
heap limited, its heap against the upload's length, and the whole appliance finding an event from
its own 8 kHz clip and from that clip made 44.1 kHz mono and 22.05 kHz stereo."""
import io
import json
import urllib.error
import urllib.request

import numpy as np
import pytest
import soundfile
import soxr

from test_api import serving

SNIPPET = r'''
import asyncio, binascii, gc, json, sys
import resample

stdin = sys.stdin.buffer if hasattr(sys.stdin, 'buffer') else sys.stdin


class Stream:   # the request body, read in pieces from standard input
    def read(self, n):
        return stdin.read(min(n, 700))


async def main():
    gc.collect()
    base = gc.mem_alloc() if hasattr(gc, 'mem_alloc') else 0
    r = resample.Resampled(Stream(), LENGTH)
    got = peak = 0
    while True:
        piece = await r.read(512)
        if not piece:
            break
        got += len(piece)
        print(binascii.hexlify(piece).decode())
        if hasattr(gc, 'mem_alloc'):
            del piece
            gc.collect()
            peak = max(peak, gc.mem_alloc() - base)
    print(json.dumps({'length': r.length, 'got': got, 'peak': peak}))

asyncio.run(main())
'''


def wav(samples, rate):
    buf = io.BytesIO()
    soundfile.write(buf, samples, rate, format='WAV', subtype='PCM_16')
    return buf.getvalue()


def tone(rate, seconds, channels, freq=440.0):
    t = np.arange(int(rate * seconds)) / rate
    mono = 0.4 * np.sin(2 * np.pi * freq * t) + 0.2 * np.sin(2 * np.pi * 2.5 * freq * t)
    return np.stack([mono, mono * 0.6], axis=1) if channels == 2 else mono


def resampled(device, data, heap='128K'):
    import binascii
    from earmark.runtime import command
    import subprocess
    code = SNIPPET.replace('LENGTH', str(len(data)))
    argv, env, cwd = command(device.name, ['-c', code], heap=heap)
    done = subprocess.run(argv, env=env, cwd=cwd, input=data, capture_output=True, timeout=300)
    assert done.returncode == 0, (done.stdout.decode()[-2000:], done.stderr.decode()[-2000:])
    lines = done.stdout.decode().splitlines()
    return json.loads(lines[-1]), b''.join(binascii.unhexlify(l) for l in lines[:-1])


@pytest.mark.parametrize('rate, channels', [(8000, 1), (16000, 2), (22050, 1), (44100, 2),
                                            (48000, 1)])
def test_any_rate_reads_as_16k_mono_like_soxr(device, rate, channels):
    samples = tone(rate, 1.5, channels)
    info, out = resampled(device, wav(samples, rate))
    assert info['got'] == info['length'] == len(out)
    got, got_rate = soundfile.read(io.BytesIO(out), dtype='float64')
    assert got_rate == 16000 and got.ndim == 1
    mono = samples.mean(axis=1) if channels == 2 else samples
    want = soxr.resample(mono, rate, 16000)
    n = min(len(got), len(want))
    assert abs(len(got) - len(want)) <= 1
    # Away from the ends (soxr's filter starts from silence): within 2% of full scale as RMS.
    err = got[200:n - 200] - want[200:n - 200]
    assert np.sqrt(np.mean(err ** 2)) < 0.02, np.sqrt(np.mean(err ** 2))
    if device.name == 'micropython':   # a few pieces at most, whatever the length
        assert info['peak'] < 6 * 1024, info


def test_heap_does_not_grow_with_the_upload(device):
    if device.name != 'micropython':
        pytest.skip('CPython has no fixed heap to watch')
    short = resampled(device, wav(tone(44100, 0.5, 2), 44100))[0]['peak']
    long = resampled(device, wav(tone(44100, 3.0, 2), 44100), heap='128K')[0]['peak']
    assert long <= short + 512, (short, long)


@pytest.mark.parametrize('body, words', [
    (b'RIFF\0\0\0\0WAVEfmt ', 'no data chunk'),
    (wav(tone(8000, 0.2, 1), 8000)[:20] + b'\x03\x00' + wav(tone(8000, 0.2, 1), 8000)[22:],
     'format 3'),
    (wav(tone(96000, 0.2, 1), 96000), '96000 Hz'),
])
def test_what_is_not_taken_is_one_line(device, body, words):
    code = SNIPPET.replace('LENGTH', str(len(body))).replace(
        "asyncio.run(main())", "try:\n    asyncio.run(main())\nexcept ValueError as e:\n"
        "    print('refused', e)")
    from earmark.runtime import command
    import subprocess
    argv, env, cwd = command(device.name, ['-c', code], heap='128K')
    done = subprocess.run(argv, env=env, cwd=cwd, input=body, capture_output=True, timeout=60)
    out = done.stdout.decode()
    assert out.startswith('refused upload:') and words in out, out + done.stderr.decode()


@pytest.fixture(scope='module')
def dev(tmp_path_factory):
    yield from serving(tmp_path_factory.mktemp('rates'), [1])


def ask(dev, path, body=None, kind='audio/wav'):
    req = urllib.request.Request(dev.base + path, data=body, headers={
        'Authorization': 'Bearer ' + dev.token, 'Content-Type': kind})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read()) if r.headers['Content-Type'] == 'application/json' \
            else r.read()


def test_the_device_finds_an_event_from_its_own_clip(dev):
    """The 8 kHz clip as the device serves it, and made 44.1 kHz mono and 22.05 kHz stereo (cut
    to the 330 KB an upload may have)."""
    events = ask(dev, '/api/events?limit=100')['events']
    ev = next(e for e in events if e['has_clip'] and e['label'] == 'dog_bark')
    clip = ask(dev, '/api/events/%d/clip.wav' % ev['id'])
    audio, rate = soundfile.read(io.BytesIO(clip))
    assert rate == 8000
    bodies = [clip]
    for to, channels in ((44100, 1), (22050, 2)):
        up = soxr.resample(audio, rate, to)[:320 * 1024 // (2 * channels)]
        bodies.append(wav(np.stack([up, up * 0.8], axis=1) if channels == 2 else up, to))
    for body in bodies:
        found = ask(dev, '/api/search?k=3', body)
        assert ev['id'] in [e['id'] for e in found['events']], (ev, found)
