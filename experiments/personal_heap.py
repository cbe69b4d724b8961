"""What a window-level personal head (personal.Shape, personal.Watch) costs a device's heap, in
MicroPython: loading personal.py, a Watch over a head of the most a head holds (3 sounds of 12
prototypes of 40 bands), its Shape, and the garbage one window makes; and what static.py's
lab entries add. Run it with the frozen 32-bit build for a board's figures:

    EARMARK_MICROPYTHON=$(.venv/bin/python -m earmark.firmware) \
        .venv/bin/python experiments/personal_heap.py

Writes experiments/results/personal_heap.json and prints it.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from earmark import runtime   # noqa: E402

SCRIPT = r'''
import gc, json
from array import array
def live():
    gc.collect()
    return gc.mem_alloc()
out = {}
a = live()
import personal
out['import personal'] = live() - a
N = 40
protos = [[(k * 7 + j * 3) % 20 for j in range(N)] for k in range(12)]
text = json.dumps({'format': 1, 'model': 'm', 'dim': N, 'embedding': 'shape',
                   'sounds': [{'label': 'sound %d' % s, 'reach': 2000, 'prototypes': protos}
                              for s in range(3)]})
a = live()
head = personal.load(text)
out['head, 3 x 12 x 40'] = live() - a
a = live()
watch = personal.Watch(head, 62, 31)
shape = personal.Shape(N)
out['Watch and Shape'] = live() - a
frames = array('h', bytes(2 * 62 * N))
for i in range(len(frames)):
    frames[i] = -6000 + (i * 37) % 900
for k in range(40):
    for f in range(31):
        watch.frame(-6000 + (f * 13) % 60)
    watch.window(shape.window(frames))
a = live()
before = gc.mem_alloc()
for f in range(31):
    watch.frame(-6000 + (f * 13) % 60)
watch.window(shape.window(frames))
out['garbage a window'] = gc.mem_alloc() - before
import microdot, config   # what static imports: the appliance has them already
a = live()
import static
out['import static'] = live() - a
a = live()
lab = dict((k, static.TYPES[k]) for k in ('mjs', 'wasm', 'mpy', 'bin', 'csv'))
out['static: its lab types, as a dict of their own'] = live() - a
print(json.dumps(out))
'''


def main():
    done = runtime.run_code(SCRIPT, '128K', text=True, timeout=300)
    if done.returncode or 'Traceback' in done.stderr:
        raise SystemExit(done.stderr or done.stdout)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    got['micropython'] = runtime.micropython_binary()
    for k, v in got.items():
        print('%-46s %s' % (k, v))
    out = ROOT / 'experiments' / 'results' / 'personal_heap.json'
    out.write_text(json.dumps(got, indent=1) + '\n')


if __name__ == '__main__':
    main()
