"""Webhooks' heap (device/notify.py) in MicroPython: what the API's two webhook routes cost
when no hook is set (notify.py is not loaded then), what loading notify.py costs, and the most
live heap while events are delivered, with their tries, to a hook that answers and to one that
refuses (503, so every try and backoff runs). Run it with the frozen 32-bit build for a board's
figures:

    EARMARK_MICROPYTHON=$(.venv/bin/python -m earmark.firmware) \
        .venv/bin/python experiments/notify_heap.py

In one MicroPython process: a real store, the API attached to it and to a stand-in pipeline that
tells its subscribers events as the pipeline does (pipeline.py needs the model and a source),
notify's backoff shortened to 10 ms so
all tries run in a second. The hook server is this (host) process's: every server in the
device's process is the API's (api.py). The heap is collected and read every 5 ms while
deliveries run.
Writes experiments/results/notify_heap.json and prints a table.
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
gc.collect()
start = gc.mem_alloc()
import api, routes
gc.collect()
api_heap = gc.mem_alloc() - start
import store
from live import Subscriber
cfg = json.load(open(sys.argv[-1]))
LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
s = store.Store(cfg['root'], LABELS, 32, centroids=bytes(range(128)), budget=1 << 30)


class Pipeline:   # what notify uses of pipeline.Pipeline
    def __init__(self):
        self.subs = []

    def subscribe(self):
        sub = Subscriber(8)
        self.subs.append(sub)
        return sub

    def unsubscribe(self, sub):
        self.subs.remove(sub)

    def tell(self, kind, payload):
        for sub in self.subs:
            sub.put((kind, payload))


p = Pipeline()
api.attach(s, p)
gc.collect()
before = gc.mem_alloc()
# What routes.py's two webhook routes hold for good, hook or none: the same made again here.
api.app.route('/api/webhookz', methods=['GET', 'PUT'])(routes._webhooks)
api.app.route('/api/webhookz/test', methods=['POST'])(routes._webhooks)
gc.collect()
route_heap = gc.mem_alloc() - before
before = gc.mem_alloc()
import notify
gc.collect()
module = gc.mem_alloc() - before
notify.BACKOFF_S = 0.01
async def main():
    base = 'http://127.0.0.1:%d/' % cfg['port']
    notify._open()
    notify.hooks = [{'url': base + 'ok', 'labels': ['doorbell']},
                    {'url': base + 'refuse', 'labels': ['doorbell']}]
    gc.collect()
    idle = gc.mem_alloc()
    notify._listen()
    peak = 0
    for i in range(cfg['events']):
        ident = s.append(1735689600000 + i * 60000, 1200, 0, 0.9, [(1, 0.05)], bytes(32))
        p.tell('event', s.get(ident))
        p.tell('level', {'t': 0, 'level_db': -40})
        for _ in range(4):
            await asyncio.sleep_ms(5)
            gc.collect()
            peak = max(peak, gc.mem_alloc() - idle)
    while notify.sending:
        await asyncio.sleep_ms(5)
        gc.collect()
        peak = max(peak, gc.mem_alloc() - idle)
    notify.hooks = []
    p.tell('level', {'t': 0, 'level_db': -40})   # the listener sees no hook and ends
    await asyncio.sleep_ms(50)
    gc.collect()
    after = gc.mem_alloc() - idle
    print(json.dumps({'api_import': api_heap, 'routes_heap': route_heap, 'module_heap': module,
                      'delivery_peak': peak,
                      'after_deliveries': after, 'events': cfg['events'],
                      'delivered': notify.counts['delivered'],
                      'failed': notify.counts['failed'], 'dropped': notify.counts['dropped'],
                      'last_error': notify.counts['last_error']}))

asyncio.run(main())
'''


def hook_server():
    """An HTTP server on 127.0.0.1 answering POSTs to /ok with 200, others with 503."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers['Content-Length']))
            self.server.posts += 1
            self.send_response(200 if self.path == '/ok' else 503)
            self.end_headers()

        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.posts = 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(events, port, heap):
    with tempfile.TemporaryDirectory(dir='/dev/shm' if Path('/dev/shm').is_dir() else None) as d:
        cfg = Path(d) / 'cfg.json'
        cfg.write_text(json.dumps({'root': d + '/store', 'events': events, 'port': port}))
        done = runtime.run_code(SCRIPT, heap, [str(cfg)], text=True, timeout=300)
        lines = [l for l in done.stdout.splitlines() if l.startswith('{')]
        if done.returncode or not lines:
            raise RuntimeError(done.stdout[-3000:] + done.stderr[-2000:])
        return json.loads(lines[-1])


def main():
    binary = runtime.micropython_binary()
    build = runtime.describe('micropython')
    heap = '128K'
    rows = []
    for events in (1, 10):
        server = hook_server()
        r = dict(measure(events, server.server_address[1], heap), build=build)
        server.shutdown()
        r['posts'] = server.posts
        rows.append(r)
        print('%-22s %2d events, %2d posts (%d delivered, %d failed, %d dropped): routes %d B '
              'always; notify.py %5d B to load; %5d B most while delivering; %4d B left after' % (
                  build, r['events'], r['posts'], r['delivered'], r['failed'], r['dropped'],
                  r['routes_heap'], r['module_heap'], r['delivery_peak'], r['after_deliveries']),
              flush=True)
    out = ROOT / 'experiments' / 'results' / 'notify_heap.json'
    out.write_text(json.dumps({'interpreter': binary, 'heap': heap, 'rows': rows}, indent=1))
    print('wrote', out.relative_to(ROOT))


if __name__ == '__main__':
    main()
