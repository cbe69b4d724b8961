"""The device's HTTP API, served by Microdot from flash (webui/openapi.json describes it).

`attach(store, pipeline)` hands the API the event store and the detection pipeline before the
server starts. Lists (events, similar events, stats) are streamed a few events at a time, so a
response never holds a page of event dicts (~15 KB of heap for 50); clips are streamed as WAV in
512-byte pieces and search bodies are read in pieces by the pipeline. Requests run at most
Config.max_requests at a time, each packing its answer into a buffer made once per slot.

A few bad clients cannot starve it (_Conn, _reap, _make_room): a request's head has one deadline
in all, not one per line; only a request with the token has its body read, at a floor on its
rate, and takes a slot only once its head is in; a stalled answer, an idle connection and a live
stream whose client left (audio flowing or not) all give back what they held.

Times on the wire are seconds since the epoch; the store keeps milliseconds. They are converted
as integers both ways, because an ESP32's single-precision float is off by minutes at 1.7e9.
"""
import asyncio
import json
import os
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



class Path:
    """A route's URL pattern, matched without a regular expression. Microdot's URLPattern
    compiles one for every route a request's path is tried against and keeps it (150 B a route
    in the frozen 32-bit build), and makes a dict for each route it tries: 3.3 KB held for good
    and a dict per route per request, in the heap sixteen clients share. This allocates only
    the matching route's arguments. A segment is literal or `<name>` (a string, not empty)."""

    def __init__(self, pattern):
        at = pattern.find('<')
        self.prefix = pattern if at < 0 else pattern[:at]
        self.parts = None if at < 0 else pattern[at:].split('/')

    def match(self, path):
        """The arguments (a dict) where `path` matches, else None (as URLPattern.match)."""
        if self.parts is None:
            return {} if path == self.prefix else None
        if not path.startswith(self.prefix):
            return None
        got = path[len(self.prefix):].split('/')
        if len(got) != len(self.parts):
            return None
        args = {}
        for want, have in zip(self.parts, got):
            if want[:1] == '<':
                if not have:
                    return None
                args[want[1:-1]] = have
            elif want != have:
                return None
        return args


class App(Microdot):
    """Microdot with routes matched by Path."""

    def route(self, url_pattern, methods=None):
        def decorated(f):
            self.url_map.append(([m.upper() for m in (methods or ['GET'])], Path(url_pattern),
                                 f, '', None))
            return f
        return decorated


app = App()
_started = compat.ticks_ms()
# Paths under /api/ that answer without a token.
PUBLIC = ('/api/health',)
# EventSource cannot send headers: the live stream also opens with ?ticket=, a single-use ticket
# from POST /api/live/ticket (auth.Tickets), so the token itself is never in a URL.
LIVE_PATH = '/api/live'
JSON = {'Content-Type': 'application/json'}
WAV_TYPES = ('audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave')
TIME_MAX = 9999999999  # seconds (year 2286): the spec's Time maximum
LIVE_STALL = 10  # seconds a live message may wait for its client
CHUNK = 1024  # bytes of a streamed answer gathered per socket write
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


try:
    asyncio.start_server   # MicroPython's asyncio loads its stream module at a first use
    from asyncio import core, stream as _mp_stream   # MicroPython's asyncio
except ImportError:   # CPython's: it accepts every connection (a computer has heap to spare)
    _mp_stream = None

# What a connection is doing, for the deadlines (_Conn.limit) and the places (_make_room).
HEAD, RUN, LIVE = 0, 1, 2
# What its head's token allows (_Conn.grant): no token for a guarded path (its 401 needs neither
# a body nor a slot), a public path (a slot, no body), the token (a slot and the body).
DENIED, PUBLIC_PATH, TOKEN = 0, 1, 2
REAP = 0.2   # seconds between the reaper's rounds (deadlines, live streams), while any is open
LINE_PIECE = 128   # bytes of a head line read at a time in MicroPython (see _mp_readline)
MUTED = (32, 54, 104, 128)   # errnos of a client that went away (as Microdot's)
TIMEOUT_ANSWER = (b'HTTP/1.0 408 Request Timeout\r\nContent-Type: application/json\r\n'
                  b'Content-Length: 37\r\nConnection: close\r\n\r\n'
                  b'{"error": "request not sent in time"}')


def _mp_readline(conn):
    # MicroPython's Stream.readline gathers a line however long it is (Microdot measures it
    # only afterwards): one client sending no newline could fill the heap. A generator, awaited
    # (one frame less per waiting connection than an async def around one).
    if conn.phase != HEAD:
        return (yield from conn.reader.readline())
    s = conn.reader.s
    line = b''
    while True:
        yield core._io_queue.queue_read(s)
        piece = s.readline(LINE_PIECE)
        if piece is None:
            continue
        line += piece
        if not piece or line[-1] == 10 or len(line) > Config.max_line:
            return conn._took(line)


class _Conn:
    """One accepted connection: its reader and writer as Microdot sees them, with its deadlines.

    - The head (request line and headers, Config.max_head bytes) has Config.head_timeout
      seconds from the accept, in all, and less under pressure (_make_room).
    - Once the head is in, the token is checked: a body is read only for a request that carries
      it (the one without gets its 401 at once, without a slot), and a body has a floor on its
      rate (Config.body_rate after Config.body_grace).
    - Each piece of the answer has Config.send_timeout seconds to go out.
    A deadline that passes cancels the connection's task (the reaper, _reap): its client gets a
    408 when no answer had begun, and the connection closes, giving back whatever it held. A
    request holds one of Config.max_requests slots (and a buffer made once per slot, where its
    answer is packed) only from its head to its answer's end, so the heap bounds how many run at
    once, not the clients. A negative Content-Length is refused: Microdot passes it to
    readexactly(), which then waits forever (-1) or raises MemoryError. Attributes are few: a
    connection waiting for its head costs about 1.1 KB of heap in the 32-bit build."""
    busy = 0                    # request slots taken
    open = 0                    # places taken (Config.max_connections; live streams aside)
    slot_free = asyncio.Event()
    place_free = asyncio.Event()
    buffers = []                # one per slot, made once
    conns = []                  # open connections, oldest first
    reaper = None               # the task of _reap() while it runs

    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer
        self.task = asyncio.current_task()
        # The place _Server took for it at the accept (MicroPython), now this connection's.
        self.place = getattr(reader, 'place', False)
        if self.place:
            reader.place = False
        self.buf = None         # the slot's buffer while it holds a slot
        self.phase = HEAD
        self.late = False       # a deadline passed: the task was cancelled
        self.sent = False       # some of the answer went out
        self.grant = DENIED
        self.head = 0           # bytes of head so far, then of body
        self.path = None        # the request line
        self.authz = None       # the Authorization header's value
        self.since = compat.ticks_ms()   # the accept, then the start of what `limit` times
        self.limit = int(Config.head_timeout * 1000)   # ms after `since`; None: no deadline
        _Conn.conns.append(self)
        if _Conn.reaper is None:
            _Conn.reaper = asyncio.create_task(_reap())

    def __getattr__(self, name):
        return getattr(self.reader, name)

    def get_extra_info(self, name):
        return self.writer.get_extra_info(name)

    def expire(self):
        """A deadline passed (or the place is needed): the task ends where it waits."""
        self.late = True
        self.limit = None
        self.task.cancel()

    # ---- reading: the head, then (with the token only) the body

    if _mp_stream:
        readline = _mp_readline
    else:
        async def readline(self):
            line = await self.reader.readline()
            return self._took(line) if self.phase == HEAD else line

    def _took(self, line):
        self.head += len(line)
        if len(line) > Config.max_line or self.head > Config.max_head:
            raise ValueError('request head too long')
        if self.path is None:
            self.path = line
        elif line in (b'\r\n', b'\n', b''):
            self._headed()
        elif line[:14].lower() == b'authorization:':
            self.authz = line[14:]
        return line

    def _headed(self):
        """The head is in: its token decides whether a body is read and a slot waited for."""
        self.phase = RUN
        self.limit = None
        self.since = compat.ticks_ms()
        self.head = 0
        try:
            url = self.path.split()[1].decode()
            authz = self.authz.strip().decode() if self.authz else None
        except (IndexError, ValueError):   # answered 400 by Microdot (UnicodeError included)
            return
        self.path = self.authz = None
        path, _, query = url.partition('?')
        if auth is not None and (auth.check(auth_module.bearer(authz)) or
                                 path == LIVE_PATH and tickets.take(_ticket(query))):
            self.grant = TOKEN
        elif not path.startswith('/api/') or path in PUBLIC:
            self.grant = PUBLIC_PATH

    async def readexactly(self, n):
        if n < 0:
            raise ValueError('negative Content-Length')
        if self.grant != TOKEN or self.late:
            return b''   # never read: no token (answered 401), or a public path (no body)
        return await self._body(self.reader.readexactly(n), n)

    async def read(self, n=-1):
        if self.grant != TOKEN or self.late or not n:
            return b''
        return await self._body(self.reader.read(n), 1)

    async def _body(self, reading, want):
        # The floor: `head + want` bytes (self.head counts the body now) by grace +
        # (head + want) / rate after the head came in.
        self.limit = int(Config.body_grace * 1000 + (self.head + want) * 1000 // Config.body_rate)
        try:
            data = await reading
        finally:
            self.limit = None
        self.head += len(data)
        return data

    # ---- writing

    async def awrite(self, data):
        self.sent = True
        self.since = compat.ticks_ms()
        self.limit = int(Config.send_timeout * 1000)
        try:
            await self.writer.awrite(data)
        finally:
            self.limit = None

    async def aclose(self):
        self.since = compat.ticks_ms()
        self.limit = int(Config.send_timeout * 1000)
        try:
            await self.writer.aclose()
        finally:
            self.limit = None

    def abort(self):
        """Closes at once, whatever is unsent (a 408 is tried first when nothing was sent)."""
        try:
            if self.late and not self.sent:
                self.sent = True
                self.writer.write(TIMEOUT_ANSWER)   # never waits (both runtimes buffer it)
            transport = getattr(self.writer, 'transport', None)
            if transport is not None:
                transport.abort()     # CPython
            else:
                self.writer.s.close()   # MicroPython
        except OSError:
            pass

    # ---- slots and places

    async def hold(self):
        """Waits for a request slot and takes it, with its buffer."""
        while _Conn.busy >= Config.max_requests:
            _Conn.slot_free.clear()
            await _Conn.slot_free.wait()
        _Conn.busy += 1
        self.buf = _Conn.buffers.pop() if _Conn.buffers else bytearray(CHUNK)

    @property
    def held(self):
        return self.buf is not None

    def release(self):
        """Gives the slot back (a live stream does so once it starts, since it never ends)."""
        if self.buf is not None:
            _Conn.buffers.append(self.buf)
            self.buf = None
            _Conn.busy -= 1
            _Conn.slot_free.set()

    def give_place(self):
        if self.place:
            self.place = False
            _give_place()

    def go_live(self):
        """The request became a live stream: its slot and place go back (Config.max_live
        bounds the streams); the reaper now watches for its client leaving."""
        self.release()
        self.give_place()
        self.phase = LIVE
        self.since = compat.ticks_ms()

    def close(self):
        self.release()
        self.give_place()
        if self in _Conn.conns:
            _Conn.conns.remove(self)
        raw = getattr(self.reader, 'raw', None)   # _Server, with TLS
        if raw is not None:
            raw.close()


def _ticket(query):
    """The value of `ticket=` in a raw query string (a ticket is hex: nothing to unquote)."""
    for pair in query.split('&'):
        if pair[:7] == 'ticket=':
            return pair[7:]
    return None


def _give_place():
    _Conn.open -= 1
    _Conn.place_free.set()


def _gone(conn):
    """True when a live stream's client closed its end (it never sends after its request)."""
    try:
        s = conn.reader.s
    except AttributeError:   # CPython
        return conn.reader.at_eof() or conn.reader.exception() is not None
    try:
        return s.read(1) == b''   # None: nothing to read, the client is there
    except OSError:
        return True


async def _reap():
    """Ends connections whose deadline passed; tells live streams whose client left to stop,
    and the quiet ones to send a keep-alive. Runs while any connection is open."""
    try:
        while _Conn.conns:
            await asyncio.sleep(REAP)
            now = compat.ticks_ms()
            for c in _Conn.conns:
                if c.limit is not None and compat.ticks_diff(now, c.since) >= c.limit:
                    c.expire()
                elif c.phase == LIVE:
                    sub = getattr(c, 'sub', None)
                    if sub is None:
                        continue
                    if _gone(c):
                        sub.put(('end', None))
                        c.sub = None
                    elif compat.ticks_diff(now, c.since) >= Config.live_keepalive * 1000:
                        c.since = now
                        sub.put(('ping', None))
    finally:
        _Conn.reaper = None


async def _close_body(res):
    body = getattr(res, 'body', None)
    try:
        if hasattr(body, 'aclose'):
            await body.aclose()
        elif hasattr(body, 'close'):
            body.close()
    except Exception as e:
        print('earmark: closing an answer failed: %r' % (e,))


async def _handle(reader, writer):
    """Microdot's handle_request, with the connection's deadlines and slots (_Conn). In
    MicroPython _Server runs it straight from the accept."""
    try:
        conn = _Conn(reader, writer)
    except MemoryError:   # the client sees its connection closed, the server goes on
        if getattr(reader, 'place', False):
            reader.place = False
            _give_place()
        writer.s.close() if _mp_stream else writer.close()
        return
    res = None
    try:
        req = None
        try:
            req = await Request.create(app, conn, conn, writer.get_extra_info('peername'))
        except (ValueError, IndexError, EOFError):
            pass   # a malformed or cut head: answered 400 (UnicodeError is a ValueError)
        if req is not None and conn.grant != DENIED:
            await conn.hold()
        res = await app.dispatch_request(req)
        if res != Response.already_handled:
            await res.write(conn)
        await _close_body(res)   # a stream whose headers could not go out is closed here too
        await conn.aclose()
    except asyncio.CancelledError:   # a deadline passed (_Conn.expire), or the server stops
        conn.abort()
        await _close_body(res)
    except Exception as e:
        # Negative errnos are mbedtls's: a client that failed its TLS handshake (plain HTTP
        # on the HTTPS port, say) is no fault of ours either.
        code = e.args[0] if isinstance(e, OSError) and e.args else None
        if not (code in MUTED or isinstance(code, int) and code < 0):
            # Raised while the answer streams (its headers gone): Microdot would leave the
            # socket open and the client would wait; a closed socket tells it the answer broke.
            print('earmark: a request failed mid-answer: %r' % (e,))
        conn.abort()
        await _close_body(res)
    finally:
        conn.close()
app.handle_request = _handle


def _listen(*args, start=asyncio.start_server, **kw):
    # Microdot leaves MicroPython's listen backlog of 5: with more clients at once the rest of
    # the connections are dropped and retried by their TCP stacks after 1, 3, 7... seconds.
    kw['backlog'] = Config.backlog
    return start(*args, **kw)
asyncio.start_server = _listen

if _mp_stream:
    class _Server(_mp_stream.Server):
        """MicroPython's server, but a connection is accepted only when one of
        Config.max_connections places is free (and takes it): an accepted connection costs
        about 1.1 KB of heap (a task, streams, a socket, its head so far), and nothing bounded
        that. The rest wait in the listen backlog, in the network stack's memory. When someone
        waits there and every place is taken, _make_room frees the place of the oldest
        connection still sending its head. Connections go straight to the API's _handle (one
        task frame less than through Microdot's serve()): every server in the process is the
        API's (the setup page runs alone, before the API is imported). With `ssl` (a TLS
        context: appliance.py, https.py) each accepted socket is wrapped as MicroPython's own
        server does; its handshake runs at the first read, inside the head's deadline."""
        async def _serve(self, s, cb, ssl):
            self.state = False
            while True:
                try:
                    yield core._io_queue.queue_read(s)   # a connection waits to be accepted
                    while _Conn.open >= Config.max_connections:
                        await _make_room()
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
                    raw = s2
                    if ssl:
                        s2 = ssl.wrap_socket(s2, server_side=True, do_handshake_on_connect=False)
                    s2.setblocking(False)
                    s2s = _mp_stream.Stream(s2, {'peername': addr})
                    if ssl:   # closing a TLS socket after a TLS error leaves this one open
                        s2s.raw = raw
                    s2s.place = True   # _Conn takes it over
                    core.create_task(_handle(s2s, s2s))
                except (MemoryError, OSError):   # no heap (or a TLS session) for it: the client
                    s2.close()                     # sees its connection closed, the server goes on
                    continue
                _Conn.open += 1

    async def _make_room():
        """Someone waits to connect and every place is taken: the oldest connection still
        sending its head goes once it had Config.evict_after seconds; else this waits for a
        place (polling while a young head may yet age)."""
        now = compat.ticks_ms()
        wait = None
        for c in _Conn.conns:
            if c.place and c.phase == HEAD and not c.late:
                wait = int(Config.evict_after * 1000) - compat.ticks_diff(now, c.since)
                if wait <= 0:
                    c.expire()
                    wait = None
                break
        _Conn.place_free.clear()
        if wait is None:
            await _Conn.place_free.wait()
            return
        try:   # a place, or the time that head may have
            await asyncio.wait_for_ms(_Conn.place_free.wait(), wait)
        except asyncio.TimeoutError:
            pass
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
    if getattr(request.sock[0], 'grant', None) == TOKEN:   # checked as its head came in
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
    if store is None and request.path.startswith('/api/') and request.path not in PUBLIC and not (
            pipeline is not None and request.path == '/api/status'):
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
                   'clips': len(clips.ids(store.root)), 'problems': store.problems}
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
        # 256 samples: 512-byte pieces, decoded into the request's slot buffer (_Conn)
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
        if (request.content_type or '').split(';')[0].strip().lower() not in WAV_TYPES:
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
            # LIVE_STALL seconds ends the stream (a write that stalls Config.send_timeout ends
            # the connection too, and _handle then closes this task's stream).
            waited = 0
            while sse.queue:
                if waited >= LIVE_STALL * 50:
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
