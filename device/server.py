"""The appliance's HTTP server: Microdot, extended by subclassing (`App`), so that a few bad
clients cannot starve it. The API's endpoints live in routes.py and its neighbours (api.py: the app, its token).

- Routes match without a regular expression (`Path`).
- Each accepted connection is a `Conn`: a request's head has one deadline in all, not one per
  line; only a request its app grants a body (`App.grant`) has its body read, at a floor on its
  rate, and takes one of Config.max_requests slots only once its head is in; a stalled answer,
  an idle connection and a live stream whose client left all give back what they held
  (`_reap`).
- In MicroPython a connection is accepted only when one of Config.max_connections places is
  free (`Listener`); the rest wait in the listen backlog, and the oldest connection still
  sending its head makes room once it had Config.evict_after seconds (`_make_room`).
"""
import asyncio

from micropython import const
from microdot import Microdot, Request, Response

import compat
from config import Config

try:
    asyncio.start_server   # MicroPython's asyncio loads its stream module at a first use
    from asyncio import core, stream as _mp_stream   # MicroPython's asyncio
except ImportError:   # CPython's: it accepts every connection (a computer has heap to spare)
    _mp_stream = None

# What a connection is doing, for the deadlines (Conn.limit) and the places (_make_room).
_HEAD = const(0)
_RUN = const(1)
_LIVE = const(2)
# What its head allows (App.grant): nothing yet, an answer without a body (a slot: a public
# path, or a 401 without one), an answer with its body read (a slot and the body).
DENIED, PUBLIC_PATH, TOKEN = 0, 1, 2
REAP = 0.2   # seconds between the reaper's rounds (deadlines, live streams), while any is open
_LINE_PIECE = const(128)   # bytes of a head line read at a time in MicroPython (_mp_readline)
_MUTED = const((32, 54, 104, 128))   # errnos of a client that went away (as Microdot's)
CHUNK = 1024  # bytes of a slot's buffer: a streamed answer gathered per socket write
_TIMEOUT_ANSWER = const(b'HTTP/1.0 408 Request Timeout\r\nContent-Type: application/json\r\n'
                         b'Content-Length: 37\r\nConnection: close\r\n\r\n'
                         b'{"error": "request not sent in time"}')


class Path:
    """A route's URL pattern, matched without a regular expression. Microdot's URLPattern
    compiles one for every route a request's path is tried against and keeps it, and makes a
    dict for each route it tries: heap held for good, and a dict per route per request, in the
    heap sixteen clients share. This allocates only the matching route's arguments. A segment
    is literal or `<name>` (a string, not empty)."""

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
    """Microdot with routes matched by Path, connections kept by Conn, and, in MicroPython,
    connections accepted by Listener. One App serves in a process (the setup page's plain
    Microdot runs alone, before it)."""

    def __init__(self):
        super().__init__()
        self.on_start = []   # functions run once the server's loop runs (notify's listener)

    def route(self, url_pattern, methods=None):
        def decorated(f):
            self.url_map.append(([m.upper() for m in (methods or ['GET'])], Path(url_pattern),
                                 f, '', None))
            return f
        return decorated

    def grant(self, path, query, authorization):
        """What a request may have, decided once its head is in (DENIED, PUBLIC_PATH or
        TOKEN): only TOKEN has its body read. The API's app decides by its token."""
        return TOKEN

    async def start_server(self, host='0.0.0.0', port=5000, debug=False, ssl=None):
        for start in self.on_start:
            start()
        self.debug, self.ssl = debug, ssl
        # The slots' buffers, made now: once requests come and go the heap is in pieces, and
        # a 1 KB block may no longer be found when a slot is first taken.
        while len(Conn.buffers) + Conn.busy < Config.max_requests:
            Conn.buffers.append(bytearray(CHUNK))
        if not _mp_stream:
            return await super().start_server(host=host, port=port, debug=debug, ssl=ssl)
        import socket
        addr = socket.getaddrinfo(host, port)[0][-1]
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(addr)
        # Not MicroPython's listen backlog of 5: with more clients at once the rest of the
        # connections are dropped and retried by their TCP stacks after 1, 3, 7... seconds.
        s.listen(Config.backlog)
        self.server = Listener()
        self.server.task = core.create_task(self.server._serve(s, self, ssl))
        await self.server.wait_closed()

    async def handle_request(self, reader, writer):
        """Microdot's handle_request, with the connection's deadlines and slots (Conn). In
        MicroPython the Listener runs it straight from the accept."""
        try:
            conn = Conn(self, reader, writer)
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
                req = await Request.create(self, conn, conn, writer.get_extra_info('peername'))
            except (ValueError, IndexError, EOFError):
                pass   # a malformed or cut head: answered 400 (UnicodeError is a ValueError)
            if req is not None and conn.grant != DENIED:
                await conn.hold()
            res = await self.dispatch_request(req)
            if res != Response.already_handled:
                await res.write(conn)
            await _close_body(res)   # a stream whose headers could not go out is closed here
            conn.discard()
            await conn.aclose()
        except asyncio.CancelledError:   # a deadline passed (Conn.expire), or the server stops
            conn.abort()
            await _close_body(res)
        except Exception as e:
            # Negative errnos are mbedtls's: a client that failed its TLS handshake (plain
            # HTTP on the HTTPS port, say) is no fault of ours either.
            code = e.args[0] if isinstance(e, OSError) and e.args else None
            if not (code in _MUTED or isinstance(code, int) and code < 0):
                # Raised while the answer streams (its headers gone): Microdot would leave the
                # socket open and the client would wait; a closed socket says the answer broke.
                print('earmark: a request failed mid-answer: %r' % (e,))
            conn.abort()
            await _close_body(res)
        finally:
            conn.close()


def _mp_readline(conn):
    # MicroPython's Stream.readline gathers a line however long it is (Microdot measures it
    # only afterwards): one client sending no newline could fill the heap. A generator, awaited
    # (one frame less per waiting connection than an async def around one).
    if conn.phase != _HEAD:
        return (yield from conn.reader.readline())
    s = conn.reader.s
    line = b''
    while True:
        yield core._io_queue.queue_read(s)
        piece = s.readline(_LINE_PIECE)
        if piece is None:
            continue
        line += piece
        if not piece or line[-1] == 10 or len(line) > Config.max_line:
            return conn._took(line)


class Conn:
    """One accepted connection: its reader and writer as Microdot sees them, with its deadlines.

    - The head (request line and headers, Config.max_head bytes) has Config.head_timeout
      seconds from the accept, in all, and less under pressure (_make_room).
    - Once the head is in, its app's `grant` decides: a body is read only for TOKEN (the
      request without gets its 401 at once, without a slot), and a body has a floor on its
      rate (Config.body_rate after Config.body_grace).
    - Each piece of the answer has Config.send_timeout seconds to go out.
    A deadline that passes cancels the connection's task (the reaper, _reap): its client gets a
    408 when no answer had begun, and the connection closes, giving back whatever it held. A
    request holds one of Config.max_requests slots (and a CHUNK-byte buffer made once per slot,
    where its answer is packed) only from its head to its answer's end, so the heap bounds how
    many run at once, not the clients. A negative Content-Length is refused: Microdot passes
    it to readexactly(), which then waits forever (-1) or raises MemoryError. Attributes are
    few: a connection waiting for its head costs about 1.1 KB of heap in the 32-bit build."""
    busy = 0                    # request slots taken
    open = 0                    # places taken (Config.max_connections; live streams aside)
    slot_free = asyncio.Event()
    place_free = asyncio.Event()
    buffers = []                # one per slot, made once
    conns = []                  # open connections, oldest first
    reaper = None               # the task of _reap() while it runs

    def __init__(self, app, reader, writer):
        self.app = app
        self.reader = reader
        self.writer = writer
        self.task = asyncio.current_task()
        # The place the Listener took for it at the accept (MicroPython), now this connection's.
        self.place = getattr(reader, 'place', False)
        if self.place:
            reader.place = False
        self.buf = None         # the slot's buffer while it holds a slot
        self.phase = _HEAD
        self.late = False       # a deadline passed: the task was cancelled
        self.sent = False       # some of the answer went out
        self.grant = DENIED
        self.head = 0           # bytes of head so far, then of body
        self.unread = 0         # bytes of body a refused request sent (or will) and not read
        self.path = None        # the request line
        self.authz = None       # the Authorization header's value
        self.since = compat.ticks_ms()   # the accept, then the start of what `limit` times
        self.limit = int(Config.head_timeout * 1000)   # ms after `since`; None: no deadline
        Conn.conns.append(self)
        if Conn.reaper is None:
            Conn.reaper = asyncio.create_task(_reap())

    def __getattr__(self, name):
        return getattr(self.reader, name)

    def get_extra_info(self, name):
        return self.writer.get_extra_info(name)

    def expire(self):
        """A deadline passed (or the place is needed): the task ends where it waits."""
        self.late = True
        self.limit = None
        self.task.cancel()

    # ---- reading: the head, then (when granted) the body

    if _mp_stream:
        readline = _mp_readline
    else:
        async def readline(self):
            line = await self.reader.readline()
            return self._took(line) if self.phase == _HEAD else line

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
        """The head is in: its grant decides whether a body is read and a slot waited for."""
        self.phase = _RUN
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
        self.grant = self.app.grant(path, query, authz)

    async def readexactly(self, n):
        if n < 0:
            raise ValueError('negative Content-Length')
        if self.grant != TOKEN or self.late:
            self.unread = n
            return b''   # never read: not granted (answered 401), or a public path (no body)
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

    def discard(self):
        """Reads and drops what a refused request's body sent already (Config.max_json_body
        bytes at most), once its answer is out. Closing a socket with data unread makes the
        network stack reset the connection, and the reset can overtake the answer's last
        piece: the client, a page asking for its token say, would see its connection broken,
        not its 401. Only what has come is read, never waited for: a client that announces a
        body and never sends it holds nothing longer for it. CPython's streams have read it
        all already."""
        left = min(self.unread, Config.max_json_body) if _mp_stream else 0
        while left > 0:
            try:
                got = self.reader.s.read(min(left, 512))
            except OSError:
                return
            if not got:   # None: nothing more has come; b'': the client closed its end
                return
            left -= len(got)

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
                self.writer.write(_TIMEOUT_ANSWER)   # never waits (both runtimes buffer it)
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
        while Conn.busy >= Config.max_requests:
            Conn.slot_free.clear()
            await Conn.slot_free.wait()
        Conn.busy += 1
        self.buf = Conn.buffers.pop() if Conn.buffers else bytearray(CHUNK)   # start_server made them

    @property
    def held(self):
        return self.buf is not None

    def release(self):
        """Gives the slot back (a live stream does so once it starts, since it never ends)."""
        if self.buf is not None:
            Conn.buffers.append(self.buf)
            self.buf = None
            Conn.busy -= 1
            Conn.slot_free.set()

    def give_place(self):
        if self.place:
            self.place = False
            _give_place()

    def go_live(self):
        """The request became a live stream: its slot and place go back (Config.max_live
        bounds the streams). The stream sets `sub`, its queue: the reaper puts ('end', None)
        there when its client left, and ('ping', None) when nothing was sent for
        Config.live_keepalive seconds (the stream sets `since` as it sends)."""
        self.release()
        self.give_place()
        self.phase = _LIVE
        self.since = compat.ticks_ms()

    def close(self):
        self.release()
        self.give_place()
        if self in Conn.conns:
            Conn.conns.remove(self)
        raw = getattr(self.reader, 'raw', None)   # the Listener's, with TLS
        if raw is not None:
            raw.close()


def _give_place():
    Conn.open -= 1
    Conn.place_free.set()


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
        while Conn.conns:
            await asyncio.sleep(REAP)
            now = compat.ticks_ms()
            for c in Conn.conns:
                if c.limit is not None and compat.ticks_diff(now, c.since) >= c.limit:
                    c.expire()
                elif c.phase == _LIVE:
                    sub = getattr(c, 'sub', None)   # set by the stream once it runs
                    if sub is None:
                        continue
                    if _gone(c):
                        sub.put(('end', None))
                        c.sub = None
                    elif compat.ticks_diff(now, c.since) >= Config.live_keepalive * 1000:
                        c.since = now
                        sub.put(('ping', None))
    finally:
        Conn.reaper = None


async def _close_body(res):
    body = getattr(res, 'body', None)
    try:
        if hasattr(body, 'aclose'):
            await body.aclose()
        elif hasattr(body, 'close'):
            body.close()
    except Exception as e:
        print('earmark: closing an answer failed: %r' % (e,))


if _mp_stream:
    class Listener(_mp_stream.Server):
        """MicroPython's server, but a connection is accepted only when one of
        Config.max_connections places is free (and takes it): an accepted connection costs
        about 1.1 KB of heap (a task, streams, a socket, its head so far), and nothing bounded
        that. The rest wait in the listen backlog, in the network stack's memory. When someone
        waits there and every place is taken, _make_room frees the place of the oldest
        connection still sending its head. Connections go straight to the app's handle_request
        (one task frame less than through Microdot's serve()). With `ssl` (a TLS context:
        appliance.py, https.py) each accepted socket is wrapped as MicroPython's own server
        does; its handshake runs at the first read, inside the head's deadline."""
        async def _serve(self, s, app, ssl):
            self.state = False
            while True:
                try:
                    yield core._io_queue.queue_read(s)   # a connection waits to be accepted
                    while Conn.open >= Config.max_connections:
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
                    s2s.place = True   # Conn takes it over
                    core.create_task(app.handle_request(s2s, s2s))
                except (MemoryError, OSError):   # no heap (or a TLS session) for it: the client
                    s2.close()                     # sees its connection closed, the server goes on
                    continue
                Conn.open += 1

    async def _make_room():
        """Someone waits to connect and every place is taken: the oldest connection still
        sending its head goes once it had Config.evict_after seconds; else this waits for a
        place (polling while a young head may yet age)."""
        now = compat.ticks_ms()
        wait = None
        for c in Conn.conns:
            if c.place and c.phase == _HEAD and not c.late:
                wait = int(Config.evict_after * 1000) - compat.ticks_diff(now, c.since)
                if wait <= 0:
                    c.expire()
                    wait = None
                break
        Conn.place_free.clear()
        if wait is None:
            await Conn.place_free.wait()
            return
        try:   # a place, or the time that head may have
            await asyncio.wait_for_ms(Conn.place_free.wait(), wait)
        except asyncio.TimeoutError:
            pass
