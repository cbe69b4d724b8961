"""Where the appliance's heap goes: the appliance's start-up, step by step, in the MicroPython
the tests run (the frozen 32-bit build with EARMARK_MICROPYTHON=$(python -m earmark.firmware)),
printing the heap in use after each step (compat.heap(): the ROM image's block not counted).

    .venv/bin/python experiments/appliance_heap.py [--heap 128K]
"""
import argparse
import tempfile
from pathlib import Path

import numpy as np
import soundfile

from earmark import runtime

STEPS = r'''
import gc, compat
def at(step):
    used, free = compat.heap()
    print('%%-28s %%7d' %% (step, used))
at('start')
import appliance
opts = appliance.options(['--source', %(wav)r, '--data', %(data)r, '--start-time', '0'])
at('appliance imported')
c, info, error = appliance._model(opts['model'])
at('model')
import ring
r = ring.AdpcmRing(appliance.RING_SECONDS)
at('ring')
import pipeline, segmenter, sources
at('pipeline modules')
import store
at('store module')
st, e = appliance._store(opts['data'], c, 0, r.rate)
at('store')
hist, e = appliance._history(opts['data'])
at('level history' if hist else 'level history (off)')
src = sources.open_source(opts['source'])
at('source')
seg = segmenter.Segmenter(c.labels, c.window_frames, c.hop_frames, thresholds=c.event_thresholds,
                          on=c.event_threshold or segmenter.Segmenter.ON)
at('segmenter')
import frontend, windows
at('frontend, windows modules')
p = pipeline.Pipeline(src, c, st, r, seg, start_time=0, model=info, model_error=error)
at('pipeline')
import microdot
at('microdot')
import api, routes
at('api')
api.secure('')
api.attach(st, p)
at('api attached')
for methods, pattern, handler, prefix, subapp in api.app.url_map:
    pattern.match('/api/x')   # as a request does: Microdot's URLPattern compiles at a first try
at('routes tried once')
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--heap', default='128K')
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / 'quiet.wav'
        soundfile.write(str(wav), np.zeros(16000, np.int16), 16000, subtype='PCM_16')
        code = STEPS % {'wav': str(wav), 'data': str(Path(tmp) / 'events')}
        done = runtime.run_code(code, args.heap, text=True)
        print(runtime.describe('micropython'), 'heap', args.heap)
        print(done.stdout + done.stderr)


if __name__ == '__main__':
    main()
