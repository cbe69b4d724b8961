"""The device's HTTP API, served by Microdot from flash (webui/openapi.json describes it).

`attach(store, pipeline)` hands the API the event store and the detection pipeline before the
server starts. Lists (events, similar events, stats) are streamed a few events at a time, so a
response never holds a page of event dicts (~15 KB of heap for 50); clips are streamed as WAV in
512-byte pieces and search bodies are read in pieces by the pipeline. Requests run at most
Config.max_requests at a time, each packing its answer into a buffer made once per slot.

Times on the wire are seconds since the epoch; the store keeps milliseconds. They are converted
as integers both ways, because an ESP32's single-precision float is off by minutes at 1.7e9.
"""
import asyncio
import json
import sys

from microdot import Microdot, Request, Response
from microdot.sse import sse_response

import auth as auth_module
import clips
import compat
import static
from config import Config

Request.max_content_length = Config.max_upload
Request.max_body_length = Config.max_json_body
Request.max_readline = Config.max_line

app = Microdot()
_started = compat.ticks_ms()
# Paths under /api/ that answer without a token.
PUBLIC = ('/api/health',)
# EventSource cannot send headers, so the page passes the token as ?token= on this path only.
QUERY_TOKEN = ('/api/live',)
JSON = {'Content-Type': 'application/json'}
WAV_TYPES = ('audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave')
TIME_MAX = 9999999999  # seconds (year 2286): the spec's Time maximum
LIVE_STALL = 10  # seconds a live message may wait for its client
CHUNK = 1024  # bytes of a streamed answer gathered per socket write
# The page is read into a request's CHUNK-byte slot buffer (static.py), a piece at a time.
Response.send_file_buffer_size = CHUNK
auth = None
store = None
pipeline = None
live_streams = 0


def use_auth(checker):
    """Sets the `auth.Auth` that guards the API (until then every guarded path answers 401)."""
    global auth
    auth = checker


def secure(auth_file):
    """Guards the API with the token whose hash `auth_file` keeps (made on first boot), or with
    no file, a token for this run only. A new token is printed this once and never again."""
    if auth_file:
        checker, token = auth_module.Auth.first_boot(auth_file)
    else:
        checker, token = auth_module.Auth.new()
    use_auth(checker)
    if token:
        print('earmark: API token (shown this once): %s' % token)


def attach(event_store, detection_pipeline):
    """Gives the API the store it serves and the pipeline (status, live messages, search)."""
    global store, pipeline
    store, pipeline = event_store, detection_pipeline


class Refused(Exception):
    """A 4xx answer {"error": text}; raised by the checks below, answered by `route`."""


def route(method, pattern):
    """Registers an endpoint whose `Refused` becomes its JSON error (not a logged traceback)."""
    def register(handler):
        async def checked(request, **args):
            try:
                return await handler(request, **args)
            except Refused as r:
                return {'error': r.args[1]}, r.args[0]
        app.route(pattern, methods=[method])(checked)
        return handler
    return register


class _Reader:
    """The connection's reader as Microdot sees it. It holds one of Config.max_requests slots
    while the request is handled, so the heap bounds how many run at once, not the clients; and
    it refuses a negative Content-Length, which Microdot passes to readexactly(): that then
    waits forever (-1) or raises MemoryError."""
    busy = 0
    free = asyncio.Event()

    buffers = []  # one per slot, made once: answers are packed here, not in fresh strings

    def __init__(self, reader):
        self.reader = reader
        self.held = False
        self.buf = None

    def __getattr__(self, name):
        return getattr(self.reader, name)

    async def readline(self):
        # A line of the request head, or b'' (as if the client had gone) when none comes in
        # Config.head_timeout: an idle connection (a browser's preconnect) would keep its
        # request slot, and two of them would keep everybody else waiting.
        try:
            return await asyncio.wait_for(self.reader.readline(), Config.head_timeout)
        except asyncio.TimeoutError:
            return b''

    async def readexactly(self, n):
        if n < 0:
            raise ValueError('negative Content-Length')
        return await self.reader.readexactly(n)

    async def hold(self):
        if getattr(self.reader, 'slot', False):   # taken for it by _Server, which accepted it
            self.reader.slot = False
        else:
            await _slot_free()
            _Reader.take()
        self.held = True
        self.buf = _Reader.buffers.pop() if _Reader.buffers else bytearray(CHUNK)

    def release(self):
        """Gives the slot back; a live stream does so once it starts, since it never ends."""
        if self.held:
            self.held = False
            if self.buf is not None:
                _Reader.buffers.append(self.buf)
                self.buf = None
            _Reader.give_back()

    @staticmethod
    def take():
        _Reader.busy += 1

    @staticmethod
    def give_back():
        _Reader.busy -= 1
        _Reader.free.set()


async def _slot_free():
    while _Reader.busy >= Config.max_requests:
        _Reader.free.clear()
        await _Reader.free.wait()


async def _handle(reader, writer, handle=app.handle_request):
    conn = None
    try:
        conn = _Reader(reader)
        await conn.hold()
        await handle(conn, writer)
    except Exception as e:
        # Raised while the answer streams (its headers gone): Microdot leaves the socket open
        # and the client would wait for its timeout; a closed socket tells it the answer broke.
        print('earmark: a request failed mid-answer: %r' % (e,))
        try:
            await writer.aclose()
        except OSError:
            pass
    finally:
        if conn is not None:
            conn.release()
app.handle_request = _handle


def _listen(*args, start=asyncio.start_server, **kw):
    # Microdot leaves MicroPython's listen backlog of 5: with more clients at once the rest of
    # the connections are dropped and retried by their TCP stacks after 1, 3, 7... seconds.
    kw['backlog'] = Config.backlog
    return start(*args, **kw)
asyncio.start_server = _listen

try:
    from asyncio import core, stream as _mp_stream   # MicroPython's asyncio
except ImportError:   # CPython's: it accepts every connection (a computer has heap to spare)
    _mp_stream = None
if _mp_stream:
    class _Server(_mp_stream.Server):
        """MicroPython's server, but a connection is accepted only when a request slot is free
        (and takes it): an accepted connection waiting its turn costs about 0.5 KB of heap (a
        task, streams, a socket), so 16 clients at once cost 8 KB, and nothing bounded that.
        The rest now wait in the listen backlog, in the network stack's memory. No TLS.
        Every server in the process gets it: the appliance runs one, the API's (the setup
        page runs alone, before the API is imported)."""
        async def _serve(self, s, cb, ssl):
            if ssl:
                raise ValueError('this server does not serve TLS')
            self.state = False
            while True:
                try:
                    await _slot_free()
                    yield core._io_queue.queue_read(s)
                except core.CancelledError as er:
                    s.close()
                    if self.state:   # close()d: the server's own end
                        return
                    raise er
                try:
                    s2, addr = s.accept()
                except OSError:
                    continue
                try:
                    s2.setblocking(False)
                    s2s = _mp_stream.Stream(s2, {'peername': addr})
                    s2s.slot = True   # _Reader.hold() finds its slot taken
                    core.create_task(_accepted(cb, s2s))
                except MemoryError:   # the client sees its connection closed, the server goes on
                    s2.close()
                    continue
                _Reader.take()

    async def _accepted(cb, stream):
        try:
            await cb(stream, stream)
        finally:
            if stream.slot:   # never held (no heap for its reader, or not an API connection)
                stream.slot = False
                _Reader.give_back()
    _mp_stream.Server = _Server


def _options(request):
    # Microdot knows only its routes; the page shell and openapi.json are files.
    if static.resolve(request.path):
        return {'Allow': 'GET, HEAD, OPTIONS'}
    return app.default_options_handler(request)
app.options_handler = _options


@app.before_request
async def authorize(request):
    path = request.path
    if not path.startswith('/api/') or path in PUBLIC:
        return None
    token = auth_module.bearer(request.headers.get('Authorization'))
    if token is None and path in QUERY_TOKEN:
        token = request.args.get('token')
    if auth is None or not auth.check(token):
        return {'error': 'missing or wrong token'}, 401, {'WWW-Authenticate': 'Bearer'}
    return None


@app.before_request
async def ready(request):
    if store is None and request.path.startswith('/api/') and request.path not in PUBLIC:
        return {'error': 'the appliance is starting; try again shortly'}, 503
    return None


REASONS = {204: 'No Content', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized',
           404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
           413: 'Content Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error',
           503: 'Service Unavailable'}


@app.after_request
@app.after_error_request
async def reason(request, response):
    # Microdot says 'N/A' after every status but 200; browsers show the phrase in their logs.
    response.reason = REASONS.get(response.status_code)
    return response


@app.errorhandler(404)
async def not_found(request):
    # The page shell and openapi.json are served here, after every route had its chance, so no
    # catch-all route can shadow an API path whatever the order modules register routes in.
    if request is not None and static.resolve(request.path):
        if request.method in ('GET', 'HEAD'):
            return static.respond(request, request.path, buf=request.sock[0].buf)
        return {'error': 'method not allowed'}, 405, {'Allow': 'GET, HEAD'}
    return {'error': 'not found'}, 404


@app.errorhandler(400)
async def bad_request(request):
    return {'error': 'bad request'}, 400


@app.errorhandler(405)
async def not_allowed(request):
    # RFC 9110 wants the methods that would work in an Allow header.
    return {'error': 'method not allowed'}, 405, app.default_options_handler(request)


@app.errorhandler(413)
async def too_large(request):
    return {'error': 'request body larger than %d bytes' % Request.max_content_length}, 413


@app.errorhandler(500)
async def server_error(request):
    return {'error': 'internal error'}, 500


# ---- parameters


def _int(text):
    if not text.isdigit():  # int() would take ' 5', '+5' and (CPython) '5_0'
        raise ValueError
    return int(text)


def _seconds(text):
    """A time in seconds as sent (a JSON number) -> integer ms, exact for plain decimals."""
    whole, frac = (text.split('.', 1) + [''])[:2]
    if whole.isdigit() and (not frac or frac.isdigit()):
        # Rounded up to the ms: events start on whole ms, and a time just past TIME_MAX
        # stays past it.
        return int(whole) * 1000 + int((frac + '000')[:3]) + (1 if frac[3:].strip('0') else 0)
    if 'e' not in text and 'E' not in text:
        raise ValueError
    ms = float(text) * 1000  # exponent forms: 1.5e-05; 'nan', 'inf' never get here
    return int(ms) + (ms > int(ms))


def _arg(request, name, parse=_int, default=None, lo=0, hi=TIME_MAX * 1000):
    text = request.args.get(name)
    if text is None:
        return default
    try:
        value = parse(text)
        if lo <= value <= hi:
            return value
    except (ValueError, OverflowError):
        pass
    raise Refused(400, 'bad %s %r' % (name, text[:40]))


def _event(ident):
    if not ident.isdigit():
        raise Refused(400, 'bad event id')
    ev = store.get(int(ident))
    if ev is None:
        raise Refused(404, 'no event ' + ident)
    return ev


# ---- writing events


def _time(ms):
    return '%d.%03d' % (ms // 1000, ms % 1000)


def _event_json(ev, similarity=None):
    """The wire form of a store event (openapi.json: Event, or SimilarEvent with similarity)."""
    runners = ','.join('{"label":"%s","confidence":%s}' % (r[0], r[1]) for r in ev['runners_up'])
    return ('{"id":%d,"start":%s,"end":%s,"label":"%s","confidence":%s,"runners_up":[%s],'
            '"has_clip":%s,"locked":%s%s}') % (
        ev['id'], _time(ev['start']), _time(ev['end']), ev['label'], ev['confidence'], runners,
        'true' if ev['has_clip'] else 'false', 'true' if ev['locked'] else 'false',
        '' if similarity is None else ',"similarity":%s' % similarity)


def _stream(request, head, items, tail=lambda: ']}'):
    """A streamed JSON answer: head, the items comma-separated, tail(). The pieces are packed
    into the request's slot buffer: a socket write per event would cost a trip through the
    event loop each, and a 1 KB string per write is what a fragmented heap refuses first."""
    buf = request.sock[0].buf

    def texts():
        yield head
        sep = False
        for item in items:
            if sep:
                yield ','
            yield item
            sep = True
        yield tail()

    def pieces():
        view = memoryview(buf)
        n = 0
        for text in texts():
            data = text.encode()
            if n + len(data) > len(buf):
                yield view[:n]
                n = 0
            view[n:n + len(data)] = data  # an item never comes near CHUNK bytes
            n += len(data)
        yield view[:n]
    return pieces(), 200, JSON


def _similar_events(found):
    for ident, similarity in found:
        ev = store.get(ident)
        if ev is not None:  # deleted since the search
            yield _event_json(ev, similarity)


# ---- endpoints


@app.get('/api/health')
async def health(request):
    used, free = compat.heap()
    return {
        'ok': True,
        'runtime': sys.implementation.name,
        'uptime_s': compat.ticks_diff(compat.ticks_ms(), _started) // 1000,
        'heap_used': used,
        'heap_free': free,
    }


@route('GET', '/api/status')
async def status(request):
    used, free = compat.heap()
    p = pipeline.status()
    u = store.usage()
    return {
        'uptime_s': compat.ticks_diff(compat.ticks_ms(), _started) // 1000,
        'runtime': sys.implementation.name,
        'heap_used': used,
        'heap_free': free,
        'storage': {'used': u['bytes'], 'total': u['budget'],
                    'events': u['next_id'] - u['first_id'],
                    'clips': len(clips.ids(store.root))},
        'model': p['model'],
        'sample_rate': p['sample_rate'],
        'level_db': p['level_db'],
        'faults': p['faults'],
        'overruns': p['overruns'],
        'source': p['source'],
        'events_detected': p['events_detected'],
    }


@route('GET', '/api/events')
async def events(request):
    start = _arg(request, 'start', _seconds)
    end = _arg(request, 'end', _seconds)
    label = _arg(request, 'label', store.labels.index)
    least = _arg(request, 'min_confidence', float, None, 0, 1)
    limit = _arg(request, 'limit', _int, 50, 1, 100)
    before = _arg(request, 'before')
    more = []  # the cursor, once an event older than the page is known to exist

    def page():
        n = last = 0
        found = store.events(start, end, label, least, before)
        try:
            for ev in found:
                if n == limit:
                    more.append('"%d"' % last)
                    return
                n += 1
                last = ev['id']
                yield _event_json(ev)
        finally:
            found.close()
    return _stream(request, '{"events":[', page(),
                   lambda: '],"next":%s}' % (more[0] if more else 'null'))


@route('GET', '/api/events/<ident>')
async def event(request, ident):
    return _event_json(_event(ident)), 200, JSON


@route('PATCH', '/api/events/<ident>')
async def update(request, ident):
    ev = _event(ident)
    if (request.content_type or '').split(';')[0].strip().lower() != 'application/json':
        await _drain(request)
        raise Refused(415, 'send the changes as application/json')
    if request.content_length > Request.max_body_length:
        await _drain(request)
        raise Refused(413, 'JSON body larger than %d bytes' % Request.max_body_length)
    if request.body.count(b'{') > 1 or b'[' in request.body:
        # A patch is one flat object; 1 KB of '[' would otherwise nest 1000 lists in the heap.
        raise Refused(400, 'body must be one flat JSON object')
    try:
        patch = json.loads(request.body.decode())
    except (ValueError, RuntimeError):  # RuntimeError: CPython's json nested too deep
        raise Refused(400, 'body is not JSON')
    if (not isinstance(patch, dict) or not patch or
            [k for k in patch if k not in ('label', 'locked')] or
            ('label' in patch and patch['label'] not in store.labels) or
            ('locked' in patch and not isinstance(patch['locked'], bool))):
        raise Refused(400, 'body must be {"label": one of the labels, "locked": true|false}')
    label = patch.get('label')
    locked = patch.get('locked')
    if label is not None and label != ev['label']:
        ev = store.relabel(ev['id'], label)
    if locked is not None and locked != ev['locked']:
        ev = store.lock(ev['id'], locked)
    return _event_json(ev), 200, JSON


@route('DELETE', '/api/events/<ident>')
async def delete(request, ident):
    ev = _event(ident)
    if ev['locked']:
        raise Refused(409, 'event %d is locked; unlock it first' % ev['id'])
    store.delete(ev['id'])
    return '', 204


@route('GET', '/api/events/<ident>/clip.wav')
async def clip(request, ident):
    ev = _event(ident)
    try:
        # 256 samples: 512-byte pieces, decoded into the request's slot buffer (_Reader)
        pieces = store.clip_wav(ev['id'], CHUNK // 4, request.sock[0].buf)
        head = next(pieces)  # opens the clip: gone or damaged shows here, not mid-answer
    except (ValueError, OSError):
        raise Refused(404, 'event %d has no clip' % ev['id'])
    if request.method == 'HEAD':
        pieces.close()  # no body follows: close the clip file now
    size = 8 + int.from_bytes(head[4:8], 'little')

    def wav():
        yield head
        yield from pieces
    return wav(), 200, {'Content-Type': 'audio/wav', 'Content-Length': str(size)}


@route('GET', '/api/events/<ident>/similar')
async def similar(request, ident):
    ev = _event(ident)
    k = _arg(request, 'k', _int, 10, 1, 50)
    try:
        found = store.similar(ev['id'], k)
    except ValueError:  # an event stored without an embedding has nothing to compare
        found = []
    return _stream(request, '{"events":[', _similar_events(found))


class Body:
    """The request body, `length` bytes at most, read in pieces; counts what was read so the
    rest can be drained before answering (closing on unread data resets the connection)."""

    def __init__(self, stream, length):
        self.stream = stream
        self.left = length

    async def read(self, n=-1):
        n = self.left if n < 0 else min(n, self.left)
        data = await self.stream.read(n) if n else b''
        self.left -= len(data)
        return data

    async def readexactly(self, n):
        if n > self.left:
            raise EOFError
        data = await self.stream.readexactly(n)
        self.left -= n
        return data

    async def drain(self):
        while self.left and await self.read(512):
            pass


async def _drain(request):
    await Body(request.stream, request.content_length).drain()


@route('POST', '/api/search')
async def search(request):
    body = Body(request.stream, request.content_length)
    try:   # every answer, refusals too, waits for the whole upload (see Body)
        k = _arg(request, 'k', _int, 10, 1, 50)
        if (request.content_type or '').split(';')[0].strip().lower() not in WAV_TYPES:
            raise Refused(415, 'send a WAV recording as audio/wav')
        if not request.content_length:
            raise Refused(400, 'send a WAV recording (with a Content-Length)')
        try:
            embedding, label, confidence = await pipeline.embed_wav(body, request.content_length)
        except (ValueError, EOFError) as exc:
            raise Refused(400, 'not a usable WAV: %s' % exc)
    finally:
        await body.drain()
    found = store.similar(bytes(embedding), k)
    return _stream(request, '{"query":{"label":"%s","confidence":%s},"events":[' % (
        label, round(confidence, 3)), _similar_events(found))


@route('GET', '/api/stats')
async def stats(request):
    bucket = request.args.get('bucket', 'hour')
    if bucket not in ('hour', 'day'):
        raise Refused(400, 'bad bucket (hour or day)')
    start = _arg(request, 'start', _seconds, 0)
    end = _arg(request, 'end', _seconds, TIME_MAX * 1000)
    rows = ('{"start":%s,"counts":%s}' % (_time(b['start']), json.dumps(b['counts']))
            for b in (store.stats(bucket, start, end) if end > start else ()))
    return _stream(request, '{"bucket":"%s","start":%s,"end":%s,"buckets":[' % (
        bucket, _time(start), _time(end)), rows)


@route('GET', '/api/live')
async def live(request):
    global live_streams
    if live_streams >= Config.max_live:
        raise Refused(503, 'already %d live streams open' % live_streams)
    live_streams += 1
    request.sock[0].release()
    body, code, headers = sse_response(request, _live)
    headers['Cache-Control'] = 'no-cache'
    return body, code, headers


async def _live(request, sse):
    global live_streams
    sub = pipeline.subscribe()
    try:
        while True:
            kind, payload = await sub.get()
            await sse.send(_event_json(payload) if kind == 'event' else payload, event=kind)
            # sse.send only queues: wait for the socket, so a slow client never piles up heap
            # (the pipeline's own queue for it drops the oldest instead). Microdot drops a
            # stream whose client left while its headers were written without cancelling this
            # task: a message unsent for LIVE_STALL seconds ends it.
            waited = 0
            while sse.queue:
                if waited >= LIVE_STALL * 50:
                    return
                waited += 1
                await asyncio.sleep(0.02)
    finally:
        live_streams -= 1
        pipeline.unsubscribe(sub)
