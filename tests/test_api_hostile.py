"""Hostile clients against the whole appliance (pipeline, store, server), with real sockets, in
MicroPython (at the appliance's heap) and in CPython: clients that send their head a line every
4 s (slow-loris), that send a head with a Content-Length and no body (stalled body), or nothing
(idle), each reconnecting as soon as it is closed, must not keep a real client waiting: each of
its requests is answered within SERVICE seconds, the deadline issue 26 sets. Live streams whose
clients vanish while no audio flows must give their place back.
"""
import http.client
import json
import socket
import time

import pytest

from earmark import runtime
from earmark.bench.api import Hostile
from earmark.harness import Microphone, RealAppliance

SERVICE = 2.0   # seconds: a real client's request is answered within this (issue 26)
RUNTIMES = ['micropython', 'cpython']


class Appliance(RealAppliance):
    """RealAppliance (no fill: an empty store) started in either runtime."""

    def silence(self):
        """The microphone stops: no audio flows (the pipeline waits on standard input)."""
        self.mic.halt.set()
        self.mic.join(5)

    def unsilence(self):
        self.mic = Microphone(self.proc.stdin)
        self.mic.start()


@pytest.fixture(scope='module', params=RUNTIMES)
def app(request, tmp_path_factory):
    if request.param == 'micropython' and runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    a = Appliance(tmp_path_factory.mktemp('hostile-' + request.param))
    a.runtime = request.param
    a.start(request.param, wait=60)
    try:
        yield a
    finally:
        out = a.stop()
    assert 'Traceback' not in out, out[-4000:]
    assert 'failed' not in out, out[-4000:]


def call(app, method, path, body=None, headers=None, token=True, timeout=10):
    conn = http.client.HTTPConnection('127.0.0.1', app.port, timeout=timeout)
    try:
        h = {'Authorization': 'Bearer ' + app.token} if token else {}
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


REAL = ['/api/status', '/api/events?limit=5', '/api/health', '/', '/api/stats?bucket=day']


@pytest.mark.parametrize('slowloris,stalled,idle', [(2, 2, 2), (6, 5, 5)])
def test_hostile_clients_do_not_starve_a_real_one(app, slowloris, stalled, idle):
    kinds = ['slowloris'] * slowloris + ['stalled'] * stalled + ['idle'] * idle
    hostile = [Hostile(app, k) for k in kinds]
    for h in hostile:
        h.start()
    for h in hostile:
        assert h.connected.wait(5)
    # The page is built into the image only: CPython runs the sources.
    real = REAL if app.runtime == 'micropython' else [p for p in REAL if p != '/']
    times = []
    try:
        time.sleep(0.5)   # every hostile connection is open (or waiting to be accepted)
        t_end = time.monotonic() + 8   # past Config.head_timeout: the idle ones are closed too
        i = 0
        while time.monotonic() < t_end or i < 2 * len(real):
            path = real[i % len(real)]
            t = time.monotonic()
            status, body = call(app, 'GET', path, token=path != '/')
            took = time.monotonic() - t
            assert status == 200, (path, status, body[:200])
            times.append((round(took, 3), path))
            i += 1
            time.sleep(0.1)
    finally:
        for h in hostile:
            h.halt.set()
        for h in hostile:
            h.join(10)
    slow = [t for t in times if t[0] > SERVICE]
    assert not slow, (slow, max(times))
    # Every kind of hostile connection was closed by the server, not left open.
    for kind in set(kinds):
        assert sum(h.closed for h in hostile if h.kind == kind) > 0, kind
    # The stalled bodies had no token: their 401 came as soon as their head was in.
    stalled_answers = {}
    for h in hostile:
        if h.kind == 'stalled':
            for k, v in h.answers.items():
                stalled_answers[k] = stalled_answers.get(k, 0) + v
    assert set(stalled_answers) <= {'401'} and stalled_answers, stalled_answers
    idle_answers = set(k for h in hostile if h.kind != 'stalled' for k in h.answers)
    assert idle_answers <= {'408'}, idle_answers
    status, s = call(app, 'GET', '/api/status')
    # Not `overruns == 0`: the microphone plays in real time, and on a busy machine audio then
    # arrives over a second late whatever the server does; faults would say it failed.
    assert status == 200 and json.loads(s)['faults'] == []


def test_a_stalled_body_with_the_token_ends_by_the_rate_floor(app):
    """A client with the token that stops sending its body mid-way is answered 408 once the
    floor on its rate (Config.body_rate after Config.body_grace) is not met, and a real client
    is served meanwhile."""
    sock = socket.create_connection(('127.0.0.1', app.port), timeout=30)
    try:
        sock.sendall(('PATCH /api/events/1 HTTP/1.1\r\nHost: earmark\r\nAuthorization: Bearer '
                      '%s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"lab'
                      % app.token).encode())
        status, _ = call(app, 'GET', '/api/status')
        assert status == 200
        answer = sock.recv(4096)
        assert answer.split()[1] == b'408', answer
    finally:
        sock.close()


def test_a_refused_body_is_read_so_its_answer_arrives_whole(app):
    """A request refused without its body being read (no token: 401 at once) gets its whole
    answer and then an orderly end, never a reset: a socket closed with data unread is reset,
    and the reset can overtake the answer (schemathesis saw one once). Ten times, each a head
    and body sent at once, as http clients send a small request."""
    body = json.dumps({'hooks': []}).encode()
    for _ in range(10):
        sock = socket.create_connection(('127.0.0.1', app.port), timeout=10)
        try:
            sock.sendall(b'PUT /api/webhooks HTTP/1.1\r\nHost: earmark\r\nContent-Type: '
                         b'application/json\r\nContent-Length: %d\r\n\r\n%s' % (len(body), body))
            time.sleep(0.05)   # the server answers and closes before this client reads
            answer = b''
            while True:
                got = sock.recv(4096)   # ConnectionResetError: the bug
                if not got:
                    break
                answer += got
        finally:
            sock.close()
        head, _, text = answer.partition(b'\r\n\r\n')
        assert head.split()[1] == b'401' and json.loads(text)['error'], answer


def test_an_endless_header_line_is_refused(app):
    """A line with no end (Microdot measured it only once whole, in the heap) is cut at
    Config.max_line and answered 400; the heap is as before."""
    def heap():
        return json.loads(call(app, 'GET', '/api/health', token=False)[1])['heap_used']
    before = heap()
    for _ in range(3):
        sock = socket.create_connection(('127.0.0.1', app.port), timeout=10)
        try:
            sock.sendall(b'GET /api/status HTTP/1.0\r\nX-Long: ')
            answer = b''
            try:
                for _ in range(64):
                    sock.sendall(b'a' * 4096)
                answer = sock.recv(4096)
            except (ConnectionResetError, BrokenPipeError):
                pass   # closed with the rest of the line unread
            assert not answer or answer.split()[1] == b'400', answer[:200]
        finally:
            sock.close()
    assert call(app, 'GET', '/api/health', token=False)[0] == 200
    if app.runtime == 'micropython':
        assert heap() - before < 4096


def open_live(app):
    """(socket, status) of a live stream request, its head read."""
    s = socket.create_connection(('127.0.0.1', app.port), timeout=10)
    s.sendall(('GET /api/live HTTP/1.0\r\nAuthorization: Bearer %s\r\n\r\n'
               % app.token).encode())
    f = s.makefile('rb')
    status = int(f.readline().split()[1])
    for line in iter(f.readline, b'\r\n'):
        pass
    f.close()
    return s, status


def live_until_open(app, within=3):
    """The statuses of live stream requests (each closed at once) until one is answered 200 or
    `within` seconds are over."""
    deadline = time.monotonic() + within
    statuses = []
    while True:
        s, status = open_live(app)
        s.close()
        statuses.append(status)
        if status == 200 or time.monotonic() >= deadline:
            return statuses
        time.sleep(0.2)


def test_live_streams_that_vanish_without_audio_give_their_place_back(app):
    """With no audio flowing no message is ever written, so a stream whose client left was
    never noticed: after Config.max_live (4) such clients, /api/live answered 503 for good."""
    app.silence()
    try:
        time.sleep(1.5)   # the last level message went out
        for i in range(10):
            statuses = live_until_open(app)
            assert statuses[-1] == 200 and set(statuses[:-1]) <= {503}, (i, statuses)
        assert live_until_open(app)[-1] == 200, 'live streams were not released'
    finally:
        app.unsilence()
    status, _ = call(app, 'GET', '/api/status')
    assert status == 200
