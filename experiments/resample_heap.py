"""The heap a search upload's resampling takes (device/resample.py) in MicroPython: what loading
it costs, and the most live heap while it reads 1 s and 10 s uploads at each rate it takes (the
WAV comes in 700-byte pieces, as a socket gives them; the 16 kHz output is read 512 bytes at a
time, as the front end does). Run it with the frozen 32-bit build for a board's figures:

    EARMARK_MICROPYTHON=$(.venv/bin/python -m earmark.firmware) \
        .venv/bin/python experiments/resample_heap.py

Writes experiments/results/resample_heap.json and prints a table.
"""
import io
import json
import sys
from pathlib import Path

import numpy as np
import soundfile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from earmark import runtime   # noqa: E402

SCRIPT = r'''
import asyncio, gc, json, sys
stdin = sys.stdin.buffer if hasattr(sys.stdin, 'buffer') else sys.stdin
gc.collect()
start = gc.mem_alloc()
import resample
gc.collect()
module = gc.mem_alloc() - start


class Stream:
    def read(self, n):
        return stdin.read(min(n, 700))


async def main():
    gc.collect()
    base = gc.mem_alloc()
    r = resample.Resampled(Stream(), LENGTH)
    got = peak = 0
    while True:
        piece = await r.read(512)
        if not piece:
            break
        got += len(piece)
        del piece
        gc.collect()
        peak = max(peak, gc.mem_alloc() - base)
    print(json.dumps({'module_heap': module, 'peak': peak, 'out_bytes': got}))

asyncio.run(main())
'''


def wav(rate, channels, seconds):
    t = np.arange(int(rate * seconds)) / rate
    mono = 0.3 * np.sin(2 * np.pi * 440 * t)
    buf = io.BytesIO()
    soundfile.write(buf, np.stack([mono] * channels, axis=1), rate, format='WAV',
                    subtype='PCM_16')
    return buf.getvalue()


def measure(rate, channels, seconds, heap='128K'):
    data = wav(rate, channels, seconds)
    done = runtime.run_code(SCRIPT.replace('LENGTH', str(len(data))), heap, input=data,
                            timeout=600)
    if done.returncode:
        raise RuntimeError(done.stdout.decode()[-2000:] + done.stderr.decode()[-2000:])
    return dict(json.loads(done.stdout.decode().splitlines()[-1]), rate=rate, channels=channels,
                seconds=seconds, in_bytes=len(data))


def main():
    binary = runtime.micropython_binary()
    build = runtime.describe('micropython')
    rows = []
    for rate, channels in ((8000, 1), (22050, 2), (44100, 2), (48000, 1)):
        for seconds in (1, 10):
            r = measure(rate, channels, seconds)
            rows.append(r)
            print('%-22s %5d Hz x%d %2d s (%7d B in): resample.py %4d B to load, %5d B most '
                  'while reading' % (build, rate, channels, seconds, r['in_bytes'],
                                     r['module_heap'], r['peak']), flush=True)
    out = ROOT / 'experiments' / 'results' / 'resample_heap.json'
    out.write_text(json.dumps({'interpreter': binary, 'build': build, 'rows': rows}, indent=1))
    print('wrote', out.relative_to(ROOT))


if __name__ == '__main__':
    main()
