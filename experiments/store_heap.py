"""The store's own heap in MicroPython: its import, a new store opened, and a store of 600 events
(three with clips, edits in two segments) opened again, as gc.mem_alloc() above what the snippet
itself holds before `import store` (the store's modules and the open store kept alive; objects
dropped between steps no longer count). Run it in the MicroPython the tests run (the ROM image of x64 code) and
in the frozen 32-bit build (a board's stand-in):

    .venv/bin/python experiments/store_heap.py
    EARMARK_MICROPYTHON=$(.venv/bin/python -m earmark.firmware) .venv/bin/python experiments/store_heap.py
"""
import argparse
import tempfile
from pathlib import Path

from earmark import runtime

STEPS = r'''
import gc
from array import array
def scrub(n):
    # MicroPython's collector treats any word on the C stack as a pointer: calls as deep as
    # the store's overwrite what compiling this snippet left there, which would otherwise keep
    # its garbage alive in the base figure and come off later steps
    return scrub(n - 1) + 1 if n else gc.collect()
def at(step):
    scrub(60)
    gc.collect()
    print('%%-34s %%7d' %% (step, gc.mem_alloc() - base))
LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
DIM = 32
CENTROIDS = bytes((((k * 53 + j * 29) %% 200) - 100) & 0xff for k in range(16) for j in range(DIM))
EMB = [bytes((((i * 37 + j * 11) %% 251) - 125) & 0xff for j in range(DIM)) for i in range(7)]
CLIP = array('h', bytes(8000))   # filled in place: a list of 4,000 ints would be garbage whose
for k in range(4000):            # stale pointer in this frame kept it alive into later steps
    CLIP[k] = (k %% 64 - 32) * 500
scrub(60)
gc.collect()
base = gc.mem_alloc()
import store
at('import store')
s = store.Store(%(root)r, LABELS, DIM, centroids=CENTROIDS, segment_bytes=4096)
at('open a new store')
for i in range(600):
    s.append(1735689600000 + i * 60000, 1000, LABELS[i %% 11], 0.5, [(LABELS[(i + 1) %% 11], 0.25)],
             EMB[i %% 7], CLIP if i %% 200 == 199 else None)
s.relabel(5, 'siren'); s.lock(300); s.delete(590)
s = None
at('600 events appended, store closed')
s = store.Store(%(root)r, LABELS, DIM, centroids=CENTROIDS, segment_bytes=4096)
at('open it again')
page, cursor = s.query(limit=50)
at('a page of 50 events held')
page = None
for piece in s.clip_wav(599):
    pass
n = len(s.similar(599, k=10))
at('a clip read, a similar search')
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--heap', default='256K')
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        code = STEPS % {'root': str(Path(tmp) / 'events')}
        done = runtime.run_code(code, args.heap, text=True)
        print(runtime.describe('micropython'), 'heap', args.heap, "(bytes above the snippet's own)")
        print(done.stdout + done.stderr)


if __name__ == '__main__':
    main()
