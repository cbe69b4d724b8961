"""A stand-in for the appliance's HTTP API, for the page's browser tests until the real endpoints
land: the paths, parameters and bodies of webui/openapi.json over in-memory events.

It is a fake, not the appliance: no store, no pipeline, no MicroPython. Every JSON response it
sends and every query the page sends is checked against openapi.json; mismatches are collected in
`errors` for the test to assert on, so the page is held to the spec rather than to this fake.
"""
import copy
import io
import json
import math
import queue
import re
import struct
import threading
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import jsonschema

from earmark import webui_build

SPEC = json.loads((webui_build.WEBUI / 'openapi.json').read_text())


def _jsonschema(node):
    """OpenAPI 3.0 schema -> JSON Schema (draft 7): `nullable` becomes a "null" type."""
    if isinstance(node, list):
        return [_jsonschema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _jsonschema(v) for k, v in node.items() if k != 'nullable'}
    if node.get('nullable') and 'type' in out:
        out['type'] = [out['type'], 'null']
    return out


COMPONENTS = _jsonschema(SPEC['components'])


def validator(schema):
    return jsonschema.Draft7Validator(dict(_jsonschema(schema), components=COMPONENTS))


def _resolve(node):
    while '$ref' in node:
        kind, name = node['$ref'].split('/')[-2:]
        node = SPEC['components'][kind][name]
    return node


def tone(freq, seconds=0.6, rate=16000):
    """A short 16-bit mono WAV, so the browser has a real clip to decode and play."""
    frames = b''.join(struct.pack('<h', int(12000 * math.sin(2 * math.pi * freq * i / rate)))
                      for i in range(int(seconds * rate)))
    buf = io.BytesIO()
    with wave.open(buf, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return buf.getvalue()


class FakeAPI:
    def __init__(self, token, page_gz):
        self.token = token
        self.page_gz = page_gz
        self.events = {}
        self.clips = {}
        self.errors = []
        self.requests = []
        self.listeners = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(('127.0.0.1', 0), self._handler())
        self.server.daemon_threads = True
        self.base = 'http://127.0.0.1:%d' % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        for q in list(self.listeners):
            q.put(None)
        self.server.shutdown()
        self.server.server_close()

    # --- data -----------------------------------------------------------------------------

    def add(self, id, start, label, confidence, clip=True, runners_up=(), embedding=(1, 0)):
        event = {'id': id, 'start': start, 'end': start + 1.5, 'label': label,
                 'confidence': confidence,
                 'runners_up': [{'label': l, 'confidence': c} for l, c in runners_up],
                 'has_clip': clip, 'locked': False}
        with self.lock:
            self.events[id] = event
            self.clips[id] = tone(300 + 40 * id) if clip else None
            event['_embedding'] = embedding
        return self.public(event)

    def push(self, *args, **kw):
        """Adds an event and announces it on /api/live, as the pipeline will."""
        event = self.add(*args, **kw)
        for q in list(self.listeners):
            q.put(('event', event))
        return event

    @staticmethod
    def public(event):
        return {k: v for k, v in event.items() if not k.startswith('_')}

    def similar(self, id, k):
        a = self.events[id]['_embedding']
        scored = []
        for other in self.events.values():
            if other['id'] == id:
                continue
            b = other['_embedding']
            cos = sum(x * y for x, y in zip(a, b)) / (
                math.hypot(*a) * math.hypot(*b) or 1)
            scored.append(dict(self.public(other), similarity=round(cos, 4)))
        scored.sort(key=lambda e: -e['similarity'])
        return scored[:k]

    # --- HTTP -----------------------------------------------------------------------------

    def _handler(fake):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.0'

            def log_message(self, *args):
                pass

            def __getattr__(self, name):
                # do_GET, do_PATCH, ... and any method a client invents (405 or 404 then).
                if name.startswith('do_'):
                    return lambda: fake._dispatch(self, name[3:].lower())
                raise AttributeError(name)

        return Handler

    def _operation(self, path, method):
        """(path template, path item, operation or None, path arguments) for a request."""
        for template, item in SPEC['paths'].items():
            pattern = '^' + re.sub(r'\{(\w+)\}', r'(?P<\1>[^/]+)', re.escape(template)
                                   .replace(r'\{', '{').replace(r'\}', '}')) + '$'
            m = re.match(pattern, path)
            if m:
                return template, item, item.get(method), m.groupdict()
        return None, None, None, {}

    def _params(self, item, op, query, url_args):
        """Query and path parameters converted and checked against the spec."""
        values = {}
        declared = [_resolve(p) for p in item.get('parameters', []) + op.get('parameters', [])]
        names = {p['name'] for p in declared if p['in'] == 'query'}
        for name in query:
            if name not in names and not (name == 'token' and 'liveToken' in str(op)):
                self.errors.append('undeclared query parameter %r' % name)
        for p in declared:
            raw = (query if p['in'] == 'query' else url_args).get(p['name'])
            if raw is None:
                continue
            schema = _resolve(p['schema'])
            try:
                value = {'integer': int, 'number': float}.get(schema.get('type'), str)(raw)
                validator(p['schema']).validate(value)
            except (ValueError, jsonschema.ValidationError) as exc:
                return None, 'bad %s: %s' % (p['name'], str(exc).split('\n')[0])
            values[p['name']] = value
        return values, None

    def _send(self, h, status, body, template, method, headers=()):
        op = SPEC['paths'].get(template, {}).get(method, {})
        spec = op.get('responses', {}).get(str(status))
        if spec is None:
            self.errors.append('%s %s: status %d is not in the spec' % (method, template, status))
        elif body is not None:
            schema = _resolve(spec)['content']['application/json']['schema']
            for err in validator(schema).iter_errors(body):
                self.errors.append('%s %s %d: %s' % (method, template, status, err.message))
        data = b'' if body is None else json.dumps(body).encode()
        h.send_response(status)
        for k, v in headers:
            h.send_header(k, v)
        if body is not None:
            h.send_header('Content-Type', 'application/json')
        h.send_header('Content-Length', str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    def _dispatch(self, h, method):
        url = urlsplit(h.path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        self.requests.append((method.upper(), h.path))
        if method == 'get' and url.path in ('/', '/index.html'):
            h.send_response(200)
            for k, v in (('Content-Type', 'text/html; charset=utf-8'),
                         ('Content-Encoding', 'gzip'), ('Cache-Control', 'no-cache'),
                         ('Content-Length', str(len(self.page_gz)))):
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(self.page_gz)
            return
        template, item, op, url_args = self._operation(url.path, method)
        if op is None:
            allowed = [k.upper() for k in (item or {}) if k != 'parameters']
            status = 405 if allowed else 404
            h.send_response(status)
            if allowed:
                h.send_header('Allow', ', '.join(allowed))
            h.send_header('Content-Type', 'application/json')
            h.end_headers()
            h.wfile.write(json.dumps({'error': 'not found' if status == 404 else
                                      'method not allowed'}).encode())
            return
        if op.get('security', SPEC['security']):
            header = h.headers.get('Authorization', '')
            token = header[7:] if header.startswith('Bearer ') else None
            if token is None and template == '/api/live':
                token = query.get('token')
            if token != self.token:
                return self._send(h, 401, {'error': 'missing or wrong token'}, template, method,
                                  [('WWW-Authenticate', 'Bearer')])
        args, problem = self._params(item, op, query, url_args)
        if problem:
            return self._send(h, 400, {'error': problem}, template, method)
        getattr(self, 'op_' + op['operationId'])(h, template, method, args)

    def _event_or_404(self, h, template, method, args):
        event = self.events.get(args['id'])
        if event is None:
            self._send(h, 404, {'error': 'no event %d' % args['id']}, template, method)
        return event

    # --- operations (named by operationId) ------------------------------------------------

    def op_health(self, h, t, m, args):
        self._send(h, 200, {'ok': True, 'runtime': 'cpython', 'uptime_s': 5,
                            'heap_used': None, 'heap_free': None}, t, m)

    def op_status(self, h, t, m, args):
        self._send(h, 200, {
            'uptime_s': 3725, 'runtime': 'micropython', 'heap_used': 61440, 'heap_free': 69632,
            'storage': {'used': 412000, 'total': 1048576, 'events': len(self.events),
                        'clips': sum(1 for c in self.clips.values() if c)},
            'model': {'name': 'fake-model (test stand-in)', 'labels': SPEC['components']
                      ['schemas']['Label']['enum']},
            'sample_rate': 16000, 'level_db': -48.5, 'faults': []}, t, m)

    def op_listEvents(self, h, t, m, args):
        events = sorted(self.events.values(), key=lambda e: (e['start'], e['id']), reverse=True)
        events = [e for e in events
                  if args.get('start', -1) <= e['start'] < args.get('end', math.inf)
                  and e['label'] == args.get('label', e['label'])
                  and e['confidence'] >= args.get('min_confidence', 0)]
        if 'before' in args:  # the cursor is an id: ids grow as events are stored
            events = [e for e in events if e['id'] < int(args['before'])]
        limit = args.get('limit', 50)
        page = events[:limit]
        cursor = str(page[-1]['id']) if len(events) > limit else None
        self._send(h, 200, {'events': [self.public(e) for e in page], 'next': cursor}, t, m)

    def op_getEvent(self, h, t, m, args):
        event = self._event_or_404(h, t, m, args)
        if event:
            self._send(h, 200, self.public(event), t, m)

    def op_updateEvent(self, h, t, m, args):
        event = self._event_or_404(h, t, m, args)
        if not event:
            return
        if h.headers.get('Content-Type', '').split(';')[0] != 'application/json':
            return self._send(h, 415, {'error': 'send JSON'}, t, m)
        body = h.rfile.read(int(h.headers.get('Content-Length', 0)))
        try:
            patch = json.loads(body)
            validator(SPEC['components']['schemas']['EventPatch']).validate(patch)
        except (ValueError, jsonschema.ValidationError) as exc:
            return self._send(h, 400, {'error': 'bad body: %s' % str(exc).split('\n')[0]}, t, m)
        event.update(patch)
        self._send(h, 200, self.public(event), t, m)

    def op_deleteEvent(self, h, t, m, args):
        event = self._event_or_404(h, t, m, args)
        if not event:
            return
        if event['locked']:
            return self._send(h, 409, {'error': 'event %d is locked' % event['id']}, t, m)
        with self.lock:
            del self.events[event['id']]
        self._send(h, 204, None, t, m)

    def op_openapi(self, h, t, m, args):
        data = json.dumps(SPEC).encode()
        h.send_response(200)
        h.send_header('Content-Type', 'application/json')
        h.send_header('Content-Length', str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    def op_getClip(self, h, t, m, args):
        event = self._event_or_404(h, t, m, args)
        if not event:
            return
        clip = self.clips.get(event['id'])
        if not clip:
            return self._send(h, 404, {'error': 'event %d has no clip' % event['id']}, t, m)
        h.send_response(200)
        h.send_header('Content-Type', 'audio/wav')
        h.send_header('Content-Length', str(len(clip)))
        h.end_headers()
        h.wfile.write(clip)

    def op_similarEvents(self, h, t, m, args):
        if self._event_or_404(h, t, m, args):
            self._send(h, 200, {'events': self.similar(args['id'], args.get('k', 10))}, t, m)

    def op_stats(self, h, t, m, args):
        size = 3600 if args.get('bucket', 'hour') == 'hour' else 86400
        start, end = args.get('start', 0), args.get('end', 2 ** 40)
        buckets = {}
        for e in self.events.values():
            if start <= e['start'] < end:
                b = buckets.setdefault(e['start'] // size * size, {})
                b[e['label']] = b.get(e['label'], 0) + 1
        self._send(h, 200, {'bucket': args.get('bucket', 'hour'), 'start': start, 'end': end,
                            'buckets': [{'start': k, 'counts': v}
                                        for k, v in sorted(buckets.items())]}, t, m)

    def op_live(self, h, t, m, args):
        q = queue.Queue()
        self.listeners.append(q)
        try:
            h.send_response(200)
            h.send_header('Content-Type', 'text/event-stream')
            h.send_header('Cache-Control', 'no-cache')
            h.end_headers()
            h.wfile.write(b': hello\n\n')
            h.wfile.flush()
            level = validator(SPEC['components']['schemas']['Level'])
            event = validator(SPEC['components']['schemas']['Event'])
            while True:
                try:
                    item = q.get(timeout=1)
                except queue.Empty:
                    item = ('level', {'t': 1.7e9, 'level_db': -52.0})
                if item is None:
                    return
                kind, data = item
                for err in (event if kind == 'event' else level).iter_errors(data):
                    self.errors.append('live %s: %s' % (kind, err.message))
                h.wfile.write(b'event: %s\ndata: %s\n\n' % (kind.encode(), json.dumps(data).encode()))
                h.wfile.flush()
        except OSError:
            pass  # the browser went away
        finally:
            self.listeners.remove(q)

    def snapshot(self):
        with self.lock:
            return copy.deepcopy({i: self.public(e) for i, e in self.events.items()})
