"""The heap the microphone's side of the appliance takes, in the MicroPython the tests run (the
frozen 32-bit build with EARMARK_MICROPYTHON=$(python -m earmark.firmware)): importing config and
sources, an I2S source as the appliance opens it (`open_source('i2s')`, machine.I2S replaced by a
stand-in that allocates nothing), and loading the image's model bundle.

    .venv/bin/python experiments/source_heap.py [--heap 128K]
"""
import argparse

from earmark import runtime

STEPS = r'''
import gc, sys
def used():
    gc.collect()
    return gc.mem_alloc()
class I2S:
    RX = MONO = 0
    def __init__(self, *a, **kw):
        pass
    def irq(self, cb):
        pass
    def readinto(self, buf):
        pass
class machine:
    I2S = I2S
    Pin = int
sys.modules['machine'] = machine
import asyncio, micropython, compat, json, os   # what the appliance has imported already
steps = []
def at(step, before):
    steps.append('%-32s %7d' % (step, used() - before))
u = used(); import config;  at('import config', u)
u = used(); import sources; at('import sources', u)
u = used(); src = sources.open_source('i2s'); at('I2S source (1024-sample chunks)', u)
try:
    os.stat('/rom/model/model.json')
    model = '/rom/model'   # the image's ROM partition, as on a board (appliance._image_model)
except OSError:
    model = 'model'
u = used(); import classifier; c = classifier.Classifier(model); at('model bundle loaded', u)
print('\n'.join(steps))
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--heap', default='128K')
    args = ap.parse_args()
    done = runtime.run_code(STEPS, args.heap, text=True)
    print(runtime.describe('micropython'), 'heap', args.heap, '(bytes each step adds)')
    print(done.stdout + done.stderr)


if __name__ == '__main__':
    main()
