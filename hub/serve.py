"""`earmark hub serve`: pulls every device again and again (each `every` seconds while it
answers; a failing one waits longer each time, up to BACKOFF_MAX) and serves a small JSON API:

    GET /api/devices                 each device: epoch, cursor, events held, last success, error
    GET /api/events?device=&label=&start=&end=&limit=N   the newest live events (default 50,
                                     at most 1000), start in [start, end) seconds when given
    GET /api/similar?device=&epoch=&id=&k=N   the events of every device most like that one
    POST /api/search?k=N             a WAV body: the events of every device most like it, as an
                                     appliance's own POST /api/search finds them (hub/embed.py)
    GET /clips/NAME/EPOCH-ID.wav     a clip the hub holds
    GET /                            the hub page (hub/page/), styled by the device's webui/app.css

It prints a JSON line (as `hub pull` does) for each pull that brought something or failed.
With [mqtt] in hub.toml it publishes each device's events to Home Assistant (hub/mqtt.py).
SIGINT or SIGTERM stops it.
"""
import json
import re
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from earmark import ROOT

from . import sql
from .embed import MAX_BYTES, Embedder
from .pull import opinion, pull_one
from .search import Index
from .store import Store

BACKOFF_MAX = 300   # seconds between tries of a device that keeps failing
PAGE = ROOT / 'hub' / 'page'
# The page's files by path; the device's stylesheet is shared so both pages look the same.
FILES = {'/': (PAGE / 'index.html', 'text/html; charset=utf-8'),
         '/hub.js': (PAGE / 'hub.js', 'text/javascript; charset=utf-8'),
         '/hub.css': (PAGE / 'hub.css', 'text/css; charset=utf-8'),
         '/app.css': (ROOT / 'webui' / 'app.css', 'text/css; charset=utf-8')}
CLIP = re.compile(r'/clips/([^/]+)/(\d+)-(\d+)\.wav')


def devices(store, config):
    out = []
    with store.lock(shared=True):
        con = sql.connect(store)
        counts = dict(con.execute('select device, count(*) from events group by device')
                      .fetchall())
    for d in config.devices:
        m = store.manifest(d.name)
        s = m['status']
        out.append({'device': d.name, 'epoch': m['epoch'], 'cursor': m['cursor'],
                    'events': counts.get(d.name, 0), 'ok_at': s.get('ok_at'),
                    'error': s.get('error'), 'thinned': s.get('thinned', 0)})
    return out


def events(store, query, overrule=False):
    device = query.get('device', [None])[0]
    label = query.get('label', [None])[0]
    try:
        limit = int(query.get('limit', ['50'])[0])
    except ValueError:
        raise ValueError('limit must be a number')
    if not 1 <= limit <= 1000:
        raise ValueError('limit must be 1..1000')
    where, args = [], []
    if device is not None:
        where.append('device = ?')
        args.append(device)
    if label is not None:   # a model label finds the events a personal sound named over it too
        where.append('(label = ? or generic = ?)')
        args += [label, label]
    for key, test in (('start', 'start >= ?'), ('end', 'start < ?')):
        if key in query:
            try:
                args.append(float(query[key][0]))
            except ValueError:
                raise ValueError('%s must be seconds since the epoch' % key)
            where.append(test)
    with store.lock(shared=True):
        cur = sql.connect(store, overrule).execute(
            'select device, epoch, id, start, "end", label, generic, confidence, has_clip, '
            'locked, second_label, second_confidence from events %s order by start desc '
            'limit %d' % (
                'where ' + ' and '.join(where) if where else '', limit), args)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


def similar(index, query):
    try:
        device = query['device'][0]
        epoch, ident = int(query.get('epoch', ['1'])[0]), int(query['id'][0])
        k = int(query.get('k', ['10'])[0])
    except (KeyError, ValueError):
        raise ValueError('give device, id (and epoch, k) as numbers')
    if not 1 <= k <= 100:
        raise ValueError('k must be 1..100')
    vector = index.refresh().vector(device, epoch, ident)
    if vector is None:
        raise LookupError('no event %s/%d/%d with an embedding' % (device, epoch, ident))
    return [{'device': d, 'epoch': e, 'id': i, 'similarity': s}
            for d, e, i, s in index.similar(vector, k, skip=(device, epoch, ident))]


def search(index, embedder, query, body):
    """(the query's label and confidence, the k events most like the recording `body`)."""
    try:
        k = int(query.get('k', ['10'])[0])
    except ValueError:
        raise ValueError('k must be a number')
    if not 1 <= k <= 100:
        raise ValueError('k must be 1..100')
    vector, label, confidence = embedder(body)
    found = [{'device': d, 'epoch': e, 'id': i, 'similarity': s}
             for d, e, i, s in index.refresh().similar(vector, k)]
    return {'label': label, 'confidence': round(confidence, 3)}, found


def described(store, found, overrule=False):
    """The similar events `found` with what the page shows of each (label, start, clip...)."""
    if not found:
        return found
    keys = ', '.join('(?, ?, ?)' for _ in found)
    args = [v for f in found for v in (f['device'], f['epoch'], f['id'])]
    with store.lock(shared=True):
        cur = sql.connect(store, overrule).execute(
            'select device, epoch, id, start, label, generic, confidence, has_clip, locked, '
            'second_label, second_confidence from events where (device, epoch, id) in (%s)'
            % keys, args)
        names = [d[0] for d in cur.description]
        rows = {r[:3]: dict(zip(names, r)) for r in cur.fetchall()}
    # an event deleted since the index was loaded is left out
    return [dict(rows[k], similarity=f['similarity']) for f in found
            if (k := (f['device'], f['epoch'], f['id'])) in rows]


def handler(store, config):
    index = Index(store)
    embedder = Embedder()
    overrule = bool(config.second and config.second['overrule'])
    names = {d.name for d in config.devices}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            u = urllib.parse.urlsplit(self.path)
            try:
                if u.path == '/api/devices':
                    body = {'devices': devices(store, config)}
                elif u.path == '/api/events':
                    body = {'events': events(store, urllib.parse.parse_qs(u.query), overrule)}
                elif u.path == '/api/similar':
                    body = {'events': described(store, similar(
                        index, urllib.parse.parse_qs(u.query)), overrule)}
                elif u.path in FILES:
                    path, kind = FILES[u.path]
                    return self._file(path, kind)
                elif CLIP.fullmatch(u.path):
                    return self._clip(*CLIP.fullmatch(u.path).groups())
                else:
                    return self._send(404, {'error': 'no such path'})
            except ValueError as e:
                return self._send(400, {'error': str(e)})
            except LookupError as e:
                return self._send(404, {'error': str(e)})
            self._send(200, body)

        def do_POST(self):
            u = urllib.parse.urlsplit(self.path)
            if u.path != '/api/search':
                return self._send(404, {'error': 'no such path'})
            try:
                size = int(self.headers.get('Content-Length') or 0)
            except ValueError:
                size = -1
            if size > MAX_BYTES:   # refused unread; the connection closes after the answer
                self.close_connection = True
                return self._send(413, {'error': 'upload: %d bytes; at most %d are taken'
                                        % (size, MAX_BYTES)})
            if size <= 0:
                self.close_connection = True
                return self._send(400, {'error': 'send a WAV recording with a Content-Length'})
            body = self.rfile.read(size)
            try:
                q, found = search(index, embedder, urllib.parse.parse_qs(u.query), body)
            except ValueError as e:
                return self._send(400, {'error': str(e)})
            self._send(200, {'query': q, 'events': described(store, found, overrule)})

        def _clip(self, name, epoch, ident):
            if name not in names:   # only a configured device's folder, never a path given
                return self._send(404, {'error': 'no such device'})
            return self._file(store.clip_path(name, int(epoch), int(ident)), 'audio/wav')

        def _file(self, path, kind):
            try:
                data = path.read_bytes()
            except FileNotFoundError:   # a clip deleted with its event by a pull
                return self._send(404, {'error': 'no such file'})
            self.send_response(200)
            self.send_header('Content-Type', kind)
            self.send_header('Content-Length', str(len(data)))
            self.send_header('Cache-Control', 'no-cache')
            self.end_headers()
            self.wfile.write(data)

        def _send(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass   # a request line is no news; pulls print their own lines
    return Handler


def run(config, port, bind, every):
    store = Store(config.data)
    second = opinion(config)
    stop = threading.Event()
    publisher = None
    if config.mqtt:
        from . import mqtt
        publisher = mqtt.Publisher(config, store)
    server = ThreadingHTTPServer((bind, port), handler(store, config))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print('earmark hub: serving http://%s:%d/api/devices, pulling %d devices' % (
        bind, server.server_address[1], len(config.devices)), file=sys.stderr, flush=True)

    def finish(*_):
        stop.set()
    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    due = {d.name: 0.0 for d in config.devices}
    fails = {d.name: 0 for d in config.devices}
    try:
        while not stop.is_set():
            for d in config.devices:
                if stop.is_set() or time.monotonic() < due[d.name]:
                    continue
                with store.puller():
                    line = pull_one(store, d, config.page, second)
                if line['error'] is None:
                    fails[d.name] = 0
                    due[d.name] = time.monotonic() + every
                else:
                    fails[d.name] += 1
                    due[d.name] = time.monotonic() + min(every * 2 ** fails[d.name],
                                                         BACKOFF_MAX)
                if line['events'] or line['error']:
                    print(json.dumps(line), flush=True)
                if publisher:
                    publisher.update(d.name, line)
            stop.wait(0.2)
    finally:
        server.shutdown()
        if publisher:
            publisher.close()
    return 0
