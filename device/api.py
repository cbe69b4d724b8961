"""The device's HTTP API, served by Microdot from flash (webui/openapi.json describes it).

`attach(store, pipeline)` hands the API the event store and the detection pipeline before the
server starts. Lists (events, similar events, stats) are streamed a few events at a time, so a
response never holds a page of event dicts (~15 KB of heap for 50); clips are streamed as WAV in
512-byte pieces and search bodies are read in pieces by the pipeline. Requests run at most
Config.max_requests at a time, each packing its answer into a buffer made once per slot.

The server (server.py) keeps a few bad clients from starving it; this module tells it, as each
request's head comes in, whether the request carries the token (`Api.grant`): only such a
request has its body read.

Times on the wire are seconds since the epoch; the store keeps milliseconds. They are converted
as integers both ways, because an ESP32's single-precision float is off by minutes at 1.7e9.
"""
import asyncio
import json
import os
import sys

from micropython import const
from microdot import Request, Response
from microdot.microdot import HTTPException
from microdot.sse import sse_response

import auth as auth_module
import compat
import server
import static
from config import Config
from server import CHUNK

Request.max_content_length = Config.max_upload
Request.max_body_length = Config.max_json_body
Request.max_readline = Config.max_line
# Paths under /api/ that answer without a token (a constant: defined before its first use).
_PUBLIC = const(('/api/health',))


class Api(server.App):
    """The appliance's server, guarded by its token; the page's files answer OPTIONS too."""

    def __init__(self):
        super().__init__()
        self.options_handler = self.options

    def grant(self, path, query, authorization):
        if auth is not None and (auth.check(auth_module.bearer(authorization)) or
                                 path == LIVE_PATH and tickets.take(_ticket(query))):
            return server.TOKEN
        if not path.startswith('/api/') or path in _PUBLIC:
            return server.PUBLIC_PATH
        return server.DENIED   # answered 401 at once: no body read, no slot taken

    async def error_response(self, req, status_code, reason=None):
        if isinstance(reason, dict):   # a Refused's answer, not a status's generic one
            return reason, status_code
        return await super().error_response(req, status_code, reason)

    def options(self, request):
        # Microdot knows only its routes; the page shell and openapi.json are files.
        if static.resolve(request.path):
            return {'Allow': 'GET, HEAD, OPTIONS'}
        return self.default_options_handler(request)


app = Api()
_started = compat.ticks_ms()
# EventSource cannot send headers: the live stream also opens with ?ticket=, a single-use ticket
# from POST /api/live/ticket (auth.Tickets), so the token itself is never in a URL.
LIVE_PATH = '/api/live'
JSON = {'Content-Type': 'application/json'}
_WAV_TYPES = const(('audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'))
TIME_MAX = 9999999999  # seconds (year 2286): the spec's Time maximum
_LIVE_STALL = const(10)  # seconds a live message may wait for its client
# The page is read into a request's CHUNK-byte slot buffer (static.py), a piece at a time.
Response.send_file_buffer_size = CHUNK
auth = None
tickets = auth_module.Tickets()
tls_sha256 = None   # the HTTPS certificate's fingerprint (appliance.py), shown by /api/status
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
    try:   # webhooks kept beside the store: notify.py is loaded only then, or once asked for
        os.stat(store.root + '.hooks.json')
    except (OSError, AttributeError):   # none kept, or no store
        return
    import notify
    notify.attach()


class Refused(HTTPException):
    """A 4xx answer {"error": text}, raised by an endpoint's checks: Microdot answers it
    (Api.error_response) without logging a traceback."""

    def __init__(self, status, text):
        super().__init__(status, {'error': text})


def route(method, pattern):
    """Registers an endpoint for one method (its Refused answered as JSON, see Refused)."""
    return app.route(pattern, methods=[method])


def _ticket(query):
    """The value of `ticket=` in a raw query string (a ticket is hex: nothing to unquote)."""
    for pair in query.split('&'):
        if pair[:7] == 'ticket=':
            return pair[7:]
    return None


@app.before_request
async def authorize(request):
    path = request.path
    if not path.startswith('/api/') or path in _PUBLIC:
        return None
    if getattr(request.sock[0], 'grant', None) == server.TOKEN:   # checked as its head came in
        return None
    token = auth_module.bearer(request.headers.get('Authorization'))
    if auth is None or not (auth.check(token) or
                            path == LIVE_PATH and tickets.take(request.args.get('ticket'))):
        return {'error': 'missing or wrong token'}, 401, {'WWW-Authenticate': 'Bearer'}
    conn = request.sock[0]
    if not conn.held:   # a token its head did not show as such (say, %-encoded): a slot now
        await conn.hold()
    return None


@app.before_request
async def ready(request):
    # A store that could not be opened still leaves the status to answer, naming the fault.
    if store is None and request.path.startswith('/api/') and request.path not in _PUBLIC and not (
            pipeline is not None and request.path == '/api/status'):
        return {'error': 'the appliance is starting; try again shortly'}, 503
    return None


# Status codes and their phrases, frozen as a constant (no heap): a linear scan per answer.
_REASONS = const(((204, 'No Content'), (304, 'Not Modified'), (400, 'Bad Request'),
                  (401, 'Unauthorized'), (404, 'Not Found'), (405, 'Method Not Allowed'),
                  (409, 'Conflict'), (413, 'Content Too Large'), (415, 'Unsupported Media Type'),
                  (500, 'Internal Server Error'), (503, 'Service Unavailable')))


@app.after_request
@app.after_error_request
async def reason(request, response):
    # Microdot says 'N/A' after every status but 200; browsers show the phrase in their logs.
    response.reason = None
    for code, phrase in _REASONS:
        if code == response.status_code:
            response.reason = phrase
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


def parse_int(text):
    if not text.isdigit():  # int() would take ' 5', '+5' and (CPython) '5_0'
        raise ValueError
    return int(text)


def parse_seconds(text):
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


def query_arg(request, name, parse=parse_int, default=None, lo=0, hi=TIME_MAX * 1000):
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


def seconds_text(ms):
    return '%d.%03d' % (ms // 1000, ms % 1000)


def event_json(ev, similarity=None):
    """The wire form of a store event (openapi.json: Event, or SimilarEvent with similarity)."""
    runners = ','.join('{"label":"%s","confidence":%s}' % (r[0], r[1]) for r in ev['runners_up'])
    return ('{"id":%d,"start":%s,"end":%s,"label":"%s","confidence":%s,"runners_up":[%s],'
            '"has_clip":%s,"locked":%s%s}') % (
        ev['id'], seconds_text(ev['start']), seconds_text(ev['end']), ev['label'],
        ev['confidence'], runners,
        'true' if ev['has_clip'] else 'false', 'true' if ev['locked'] else 'false',
        '' if similarity is None else ',"similarity":%s' % similarity)


def stream_json(request, head, items, tail=lambda: ']}'):
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
            yield event_json(ev, similarity)


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
    faults = p['faults']
    storage = None   # no store: it could not be opened (the fault store_error says so)
    if store is not None:
        u = store.usage()
        storage = {'used': u['bytes'], 'total': u['budget'], 'events': u['next_id'] - u['first_id'],
                   'clips': len(store.clip_ids()), 'problems': store.problems}
        if store.problems:
            faults = faults + ['store_damaged']
    return {
        'uptime_s': compat.ticks_diff(compat.ticks_ms(), _started) // 1000,
        'runtime': sys.implementation.name,
        'heap_used': used,
        'heap_free': free,
        'storage': storage,
        'model': p['model'],
        'sample_rate': p['sample_rate'],
        'level_db': p['level_db'],
        'faults': faults,
        'overruns': p['overruns'],
        'source': p['source'],
        'events_detected': p['events_detected'],
        'tls_sha256': tls_sha256,
        # The token's holder owns the board: the page shows them the setup network's password
        # (wifi.ap_password), which they need when the board cannot join the home WiFi.
        'setup_wifi': {'ssid': Config.ap_ssid, 'password': Config.ap_password}
        if Config.ap_fallback and Config.ap_password else None,
    }


@route('GET', '/api/events')
async def events(request):
    start = query_arg(request, 'start', parse_seconds)
    end = query_arg(request, 'end', parse_seconds)
    label = query_arg(request, 'label', store.labels.index)
    least = query_arg(request, 'min_confidence', float, None, 0, 1)
    limit = query_arg(request, 'limit', parse_int, 50, 1, 100)
    before = query_arg(request, 'before')
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
                yield event_json(ev)
        finally:
            found.close()
    return stream_json(request, '{"events":[', page(),
                   lambda: '],"next":%s}' % (more[0] if more else 'null'))


@route('GET', '/api/events/<ident>')
async def event(request, ident):
    return event_json(_event(ident)), 200, JSON


@route('PATCH', '/api/events/<ident>')
async def update(request, ident):
    ev = _event(ident)
    if (request.content_type or '').split(';')[0].strip().lower() != 'application/json':
        await drain_body(request)
        raise Refused(415, 'send the changes as application/json')
    if request.content_length > Request.max_body_length:
        await drain_body(request)
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
    return event_json(ev), 200, JSON


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
        # 256 samples: 512-byte pieces, decoded into the request's slot buffer (server.Conn)
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
    k = query_arg(request, 'k', parse_int, 10, 1, 50)
    try:
        found = store.similar(ev['id'], k)
    except ValueError:  # an event stored without an embedding has nothing to compare
        found = []
    return stream_json(request, '{"events":[', _similar_events(found))


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


async def drain_body(request):
    await Body(request.stream, request.content_length).drain()


@route('POST', '/api/search')
async def search(request):
    body = Body(request.stream, request.content_length)
    try:   # every answer, refusals too, waits for the whole upload (see Body)
        k = query_arg(request, 'k', parse_int, 10, 1, 50)
        if (request.content_type or '').split(';')[0].strip().lower() not in _WAV_TYPES:
            raise Refused(415, 'send a WAV recording as audio/wav')
        if not request.content_length:
            raise Refused(400, 'send a WAV recording (with a Content-Length)')
        try:
            import resample   # any rate, mono or stereo: read as 16 kHz mono (device/resample.py)
            wav = resample.Resampled(body, request.content_length)
            await wav.opened()
            embedding, label, confidence = await pipeline.embed_wav(wav, wav.length)
        except (ValueError, EOFError) as exc:
            raise Refused(400, 'not a usable WAV: %s' % exc)
    finally:
        await body.drain()
    found = store.similar(bytes(embedding), k)
    return stream_json(request, '{"query":{"label":"%s","confidence":%s},"events":[' % (
        label, round(confidence, 3)), _similar_events(found))


@route('GET', '/api/stats')
async def stats(request):
    bucket = request.args.get('bucket', 'hour')
    if bucket not in ('hour', 'day'):
        raise Refused(400, 'bad bucket (hour or day)')
    start = query_arg(request, 'start', parse_seconds, 0)
    end = query_arg(request, 'end', parse_seconds, TIME_MAX * 1000)
    rows = ('{"start":%s,"counts":%s}' % (seconds_text(b['start']), json.dumps(b['counts']))
            for b in (store.stats(bucket, start, end) if end > start else ()))
    return stream_json(request, '{"bucket":"%s","start":%s,"end":%s,"buckets":[' % (
        bucket, seconds_text(start), seconds_text(end)), rows)


@route('POST', '/api/live/ticket')
async def live_ticket(request):
    return {'ticket': tickets.issue(), 'expires_in': auth_module.TICKET_S}


@route('GET', LIVE_PATH)
async def live(request):
    global live_streams
    if live_streams >= Config.max_live:
        raise Refused(503, 'already %d live streams open' % live_streams)
    live_streams += 1
    request.sock[0].go_live()
    body, code, headers = sse_response(request, _live)
    headers['Cache-Control'] = 'no-cache'
    return body, code, headers


async def _live(request, sse):
    global live_streams
    conn = request.sock[0]
    sub = pipeline.subscribe()
    conn.sub = sub   # the reaper puts ('end', None) when the client left, ('ping', None) when
    conn.since = compat.ticks_ms()   # nothing was sent for Config.live_keepalive seconds
    try:
        while True:
            kind, payload = await sub.get()
            if kind == 'end':
                return
            if kind == 'ping':
                await sse.send('', comment=True)   # a failing write ends a vanished client
            else:
                await sse.send(event_json(payload) if kind == 'event' else payload, event=kind)
            conn.since = compat.ticks_ms()
            # sse.send only queues: wait for the socket, so a slow client never piles up heap
            # (the pipeline's own queue for it drops the oldest instead). A message unsent for
            # _LIVE_STALL seconds ends the stream (a write that stalls Config.send_timeout ends
            # the connection too, and _handle then closes this task's stream).
            waited = 0
            while sse.queue:
                if waited >= _LIVE_STALL * 50:
                    return
                waited += 1
                await asyncio.sleep(0.02)
    finally:
        live_streams -= 1
        conn.sub = None
        pipeline.unsubscribe(sub)


import api_history  # noqa: E402,F401 (its routes register themselves; it imports this module)


async def _webhooks(request):
    import notify   # here: an appliance without webhooks never loads it (device/notify.py)
    return await notify.answer(request)
# Registered with Microdot directly, GET and PUT as one: 352 bytes of heap, not 592 (notify.py
# answers its own refusals).
app.route('/api/webhooks', methods=['GET', 'PUT'])(_webhooks)
app.route('/api/webhooks/test', methods=['POST'])(_webhooks)


async def _personal(request):
    import api_personal   # here: loaded at the first request about personal sounds
    return await api_personal.answer(request)
app.route('/api/personal', methods=['GET', 'PUT', 'DELETE'])(_personal)
app.route('/api/personal/label', methods=['POST'])(_personal)
app.route('/api/personal/embeddings', methods=['GET'])(_personal)


async def _changes(request):
    import api_changes   # here: an appliance that no hub pulls never loads it
    return await api_changes.changes(request)
route('GET', '/api/changes')(_changes)
