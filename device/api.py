"""The device's HTTP API (webui/openapi.json describes it): the app the endpoints register on
(routes.py and the modules it loads), its token, and what the endpoints share.

`attach(store, pipeline)` hands the API the event store and the detection pipeline before the
server starts. Lists (events, similar events, stats) are streamed a few events at a time
(stream_json), so a response never holds a page of event dicts (~15 KB of heap for 50); clips are
streamed as WAV in 512-byte pieces and search bodies are read in pieces (Body). Requests run at
most Config.max_requests at a time, each packing its answer into a buffer made once per slot.

The server (server.py) keeps a few bad clients from starving it; this module tells it, as each
request's head comes in, whether the request carries the token (`Api.grant`): only such a
request has its body read.

Times on the wire are seconds since the epoch; the store keeps milliseconds. They are converted
as integers both ways, because an ESP32's single-precision float is off by minutes at 1.7e9.
"""

from micropython import const
from microdot import Request, Response
from microdot.microdot import HTTPException

import auth as auth_module
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
# EventSource cannot send headers: the live stream also opens with ?ticket=, a single-use ticket
# from POST /api/live/ticket (auth.Tickets), so the token itself is never in a URL.
LIVE_PATH = '/api/live'
JSON = {'Content-Type': 'application/json'}
TIME_MAX = 9999999999  # seconds (year 2286): the spec's Time maximum
# The page is read into a request's CHUNK-byte slot buffer (static.py), a piece at a time.
Response.send_file_buffer_size = CHUNK
auth = None
tickets = auth_module.Tickets()
tls_sha256 = None   # the HTTPS certificate's fingerprint (appliance.py), shown by /api/status
store = None
pipeline = None


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


# ---- writing events


def seconds_text(ms):
    return '%d.%03d' % (ms // 1000, ms % 1000)


def event_json(ev, similarity=None):
    """The wire form of a store event (openapi.json: Event, or SimilarEvent with similarity)."""
    runners = ','.join('{"label":"%s","confidence":%s}' % (r[0], r[1]) for r in ev['runners_up'])
    generic = ev.get('generic')   # a personal label's model label, kept beside it
    return ('{"id":%d,"start":%s,"end":%s,"label":"%s"%s,"confidence":%s,"runners_up":[%s],'
            '"has_clip":%s,"locked":%s%s}') % (
        ev['id'], seconds_text(ev['start']), seconds_text(ev['end']), ev['label'],
        '' if generic is None else ',"generic":"%s"' % generic, ev['confidence'], runners,
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
