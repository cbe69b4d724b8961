"""`earmark bench api`: requests per second and p50/p99 latency per endpoint of the whole appliance
running in MicroPython, its pipeline hearing a recording every few seconds meanwhile, and the
page's gzipped size.

The store holds what the pipeline detected in the demo scene heard on three days
(earmark/harness.py). Each endpoint is measured alone (one client, then `--clients` at once),
then four mixed, all in one run; then the four mixed again by one client while 16 hostile
connections (HOSTILE: slow-loris, stalled bodies without a token, idle) are open, each reconnecting
as soon as the server closes it (issue 26: its requests must be answered within 2 s).
"""
import select
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tqdm import tqdm

from .. import harness, webui_build

PLAY_EVERY = 4.0   # seconds between recordings played into the microphone
HOSTILE_ROW = 'mixed, with 16 hostile connections'
# The hostile row: 16 connections that each reconnect as soon as the server closes them.
HOSTILE = ['slowloris'] * 6 + ['stalled'] * 5 + ['idle'] * 5


class Hostile(threading.Thread):
    """One hostile client: opens a connection, misbehaves on it until the server closes it,
    then opens the next, until stopped. `closed` counts the connections the server ended, and
    `answers` the status lines it sent before."""

    def __init__(self, app, kind):
        super().__init__(daemon=True)
        self.port, self.kind = app.port, kind
        self.halt = threading.Event()
        self.closed = 0
        self.answers = {}
        self.connected = threading.Event()

    def run(self):
        while not self.halt.is_set():
            try:
                sock = socket.create_connection(('127.0.0.1', self.port), timeout=5)
            except OSError:
                time.sleep(0.05)
                continue
            self.connected.set()
            try:
                self.misbehave(sock)
            except OSError:
                self.closed += 1
            finally:
                sock.close()

    def misbehave(self, sock):
        if self.kind == 'slowloris':
            sock.sendall(b'GET /api/status HTTP/1.1\r\nHost: earmark\r\n')
        elif self.kind == 'stalled':   # a head with no token, then none of its body
            sock.sendall(b'PATCH /api/events/1 HTTP/1.1\r\nHost: earmark\r\n'
                         b'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n')
        got = b''
        while not self.halt.is_set():
            # slow-loris: a header line every 4 s; the others wait
            ready, _, _ = select.select([sock], [], [], 4.0 if self.kind == 'slowloris' else 0.5)
            if ready:
                data = sock.recv(4096)
                if not data:
                    break
                got += data
                continue
            if self.kind == 'slowloris':
                sock.sendall(b'X-Slow: 1\r\n')
        else:
            return
        self.closed += 1
        if got:
            status = got.split()[1].decode()
            self.answers[status] = self.answers.get(status, 0) + 1


def _run(app, paths, clients, count, bar):
    """[(path kind, seconds)] of `count` GETs spread over `clients` threads, and the wall time."""
    import http.client
    times = []
    lock = threading.Lock()
    auth = {'Authorization': 'Bearer ' + app.token}

    def client(n):
        for i in range(n, count, clients):
            kind, path = paths[i % len(paths)](i)
            t = time.perf_counter()
            conn = http.client.HTTPConnection('127.0.0.1', app.port, timeout=120)
            conn.request('GET', path, headers=auth)
            r = conn.getresponse()
            r.read()
            conn.close()
            if r.status != 200:
                raise RuntimeError('%s answered %d' % (path, r.status))
            with lock:
                times.append((kind, time.perf_counter() - t))
                bar.update()
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return times, time.perf_counter() - t0


def run(requests=400, clients=16, days=3):
    with tempfile.TemporaryDirectory() as tmp:
        app = harness.RealAppliance(tmp)
        app.fill(app.days_ago(range(days, 0, -1)))
        app.start()
        app.play_every(PLAY_EVERY)
        try:
            import json
            import urllib.request

            def get(path):
                req = urllib.request.Request(app.base + path,
                                             headers={'Authorization': 'Bearer ' + app.token})
                with urllib.request.urlopen(req) as r:
                    return json.loads(r.read())
            ids = [e['id'] for e in get('/api/events?limit=100')['events']]
            day = int(time.time() // 86400 * 86400)
            endpoints = {
                'list (limit 50)': lambda i: '/api/events',
                'detail': lambda i: '/api/events/%d' % ids[i % len(ids)],
                'similar (k 10)': lambda i: '/api/events/%d/similar' % ids[i % len(ids)],
                'stats (hour, 2 days)': lambda i: '/api/stats?bucket=hour&start=%d&end=%d' % (
                    day - 86400, day + 86400),
            }
            clip = next(e for e in get('/api/events?limit=20')['events'] if e['has_clip'])
            endpoints['clip.wav (%.1f s event)' % (clip['end'] - clip['start'])] = \
                lambda i: '/api/events/%d/clip.wav' % clip['id']
            rows = []
            facts = {}
            plan = [(name, [lambda i, n=name, f=f: (n, f(i))], c)
                    for name, f in endpoints.items() for c in (1, clients)]
            mixed = [lambda i, n=n, f=f: (n, f(i)) for n, f in list(endpoints.items())[:4]]
            plan.append(('mixed: list/detail/similar/stats', mixed, clients))
            # The same four with 16 hostile connections open meanwhile (see HOSTILE).
            plan.append((HOSTILE_ROW, mixed, 1))
            total = requests * len(plan)
            with tqdm(total=total, desc='bench api', unit='req') as bar:
                for name, paths, c in plan:
                    hostile = []
                    if name == HOSTILE_ROW:
                        hostile = [Hostile(app, kind) for kind in HOSTILE]
                        for h in hostile:
                            h.start()
                        time.sleep(1)   # all open, or waiting to be accepted
                    try:
                        times, wall = _run(app, paths, c, requests, bar)
                    finally:
                        for h in hostile:
                            h.halt.set()
                        for h in hostile:
                            h.join(10)
                    lat = sorted(t for _, t in times)
                    rows.append((name, c, requests / wall, statistics.median(lat) * 1000,
                                 lat[int(0.99 * (len(lat) - 1))] * 1000, lat[-1] * 1000))
                    if hostile:
                        answers = {}
                        for h in hostile:
                            for k, v in h.answers.items():
                                answers[k] = answers.get(k, 0) + v
                        facts['hostile'] = (sum(h.closed for h in hostile), answers)
            status = get('/api/status')
            health = get('/api/health')
        finally:
            out = app.stop()
    return rows, status, health, out, app.heap, facts


def report(rows, status, health, out, heap, facts=None):
    raw, packed = webui_build.page_size()
    print('\nThe appliance in micropython (-X heapsize=%s), source %s, model %s; store filled by '
          'its pipeline from the demo scene; a recording played every %.0f s, %d events '
          'detected during the run.' % (heap, status['source'], status['model']['name'],
                                        PLAY_EVERY, status['events_detected']))
    base = {name: rps for name, c, rps, _, _, _ in rows if c == 1}
    print('%-36s %7s %9s %9s %9s %9s %12s' % ('endpoint', 'clients', 'req/s', 'p50 ms',
                                              'p99 ms', 'max ms', 'vs 1 client'))
    for name, c, rps, p50, p99, top in rows:
        ratio = '%.2fx' % (rps / base[name]) if name in base and name != HOSTILE_ROW else ''
        print('%-36s %7d %9.1f %9.1f %9.1f %9.1f %12s' % (name, c, rps, p50, p99, top, ratio))
    if facts and 'hostile' in facts:
        closed, answers = facts['hostile']
        print('hostile connections (%s) closed by the server during their row: %d; answers '
              'they got: %s' % (', '.join('%d %s' % (HOSTILE.count(k), k) for k in
                                          sorted(set(HOSTILE))), closed, answers))
    print('audio overruns during the run: %d' % status['overruns'])
    print('heap after the run: %d bytes used, %d free' % (health['heap_used'],
                                                         health['heap_free']))
    print('page: %d bytes minified, %d bytes gzipped (budget %d)' % (
        raw, packed, webui_build.PAGE_BUDGET))
    if 'Traceback' in out:
        print('appliance output had tracebacks:\n' + out)
