"""The change feed's heap (GET /api/changes, device/api_changes.py) in MicroPython: what loading
it costs and the most live heap a page takes while it streams, for stores of 1,000 to 40,000
events with edits in every segment. Run it with the frozen 32-bit build for a board's figures:

    EARMARK_MICROPYTHON=$(.venv/bin/python -m earmark.firmware) \
        .venv/bin/python experiments/hub_feed_heap.py

Each store is filled in MicroPython by Store.append (32-byte embeddings, as the model's), every
50th event relabelled and every 70th locked; then every page of 1,000 changes is answered by the
handler itself into a 1 KB slot buffer, as the server does, with the heap collected and measured
every 20 pieces. Writes experiments/results/hub_feed_heap.json and prints a table.
"""
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from earmark import runtime   # noqa: E402

SCRIPT = r'''
import asyncio, gc, json, sys
import store, api
cfg = json.load(open(sys.argv[-1]))
LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
s = store.Store(cfg['root'], LABELS, 32, centroids=bytes(range(128)), budget=1 << 30)
vec = bytearray(32)
for i in range(cfg['events']):
    for j in range(32):
        vec[j] = (i * 7 + j * 13) & 0xff
    s.append(cfg['t0'] + i * 60000, 1200, i % 11, (i % 100) / 100, [((i + 1) % 11, 0.25)], vec)
for i in range(0, cfg['events'], 50):
    s.relabel(i, (i + 3) % 11)
for i in range(0, cfg['events'], 70):
    s.lock(i)
api.attach(s, None)


class Conn:
    buf = bytearray(1024)


class Request:
    def __init__(self, args):
        self.args = args
        self.sock = [Conn()]


gc.collect()
before = gc.mem_alloc()
import api_changes
gc.collect()
module = gc.mem_alloc() - before
peak = 0
cursor = None
changes = pages = 0
while True:
    args = {'limit': '1000'}
    if cursor:
        args['after'] = cursor
    gc.collect()
    base = gc.mem_alloc()
    body = asyncio.run(api_changes.changes(Request(args)))[0]
    for n, piece in enumerate(body):
        changes += bytes(piece).count(b'"op":')
        if n % 20 == 0:
            gc.collect()
            peak = max(peak, gc.mem_alloc() - base)
    gc.collect()
    peak = max(peak, gc.mem_alloc() - base)
    # The tail is packed whole into the last piece: a view of the slot buffer, not a copy.
    tail = bytes(piece)
    page = json.loads('{' + tail[tail.rindex(b'"cursor"'):].decode())
    cursor = page['cursor']
    pages += 1
    if not page['more']:
        break
print(json.dumps({'events': cfg['events'], 'segments': s.usage()['segments'],
                  'changes': changes, 'pages': pages, 'module_heap': module,
                  'page_heap_peak': peak, 'cursor_chars': len(cursor)}))
'''


def measure(events, heap='128K'):
    with tempfile.TemporaryDirectory(dir='/dev/shm' if Path('/dev/shm').is_dir() else None) as d:
        cfg = Path(d) / 'cfg.json'
        cfg.write_text(json.dumps({'root': d + '/store', 'events': events,
                                   't0': 1735689600000}))
        done = runtime.run_code(SCRIPT, heap, [str(cfg)], text=True)
        lines = [l for l in done.stdout.splitlines() if l.startswith('{')]
        if done.returncode or not lines:
            raise RuntimeError(done.stdout[-3000:] + done.stderr[-2000:])
        return json.loads(lines[-1])


def main():
    binary = runtime.micropython_binary()
    build = runtime.describe('micropython')
    rows = []
    for events in (1000, 5000, 20000, 40000):
        r = measure(events)
        r['build'] = build
        rows.append(r)
        print('%-14s %7d events %3d segments %6d changes %3d pages: module %5d B, page peak '
              '%5d B, cursor %d chars' % (r['build'], r['events'], r['segments'], r['changes'],
                                          r['pages'], r['module_heap'], r['page_heap_peak'],
                                          r['cursor_chars']), flush=True)
    out = ROOT / 'experiments' / 'results' / 'hub_feed_heap.json'
    out.write_text(json.dumps({'interpreter': binary, 'heap': '128K', 'rows': rows}, indent=1))
    print('wrote', out.relative_to(ROOT))


if __name__ == '__main__':
    main()
