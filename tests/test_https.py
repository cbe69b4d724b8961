"""Optional HTTPS (issue 26, item 5): the host makes a self-signed certificate once
(earmark/certificate.py), and the appliance serves the API and the page over TLS with it, in
MicroPython (from the image) and CPython, its SHA-256 fingerprint printed and on /api/status.
A board gets its certificate from `earmark deploy --https`; no board's TLS runs here."""
import hashlib
import http.client
import json
import re
import socket
import ssl
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import RUNTIMES, Appliance, DeviceError
from earmark import certificate, deploy, detect, runtime
from test_deploy import board, esp32_image, run   # noqa: F401 (fixtures: the unix port as a board)


def openssl_fingerprint(cert):
    out = subprocess.run(['openssl', 'x509', '-inform', 'DER', '-in', str(cert), '-noout',
                          '-fingerprint', '-sha256'], capture_output=True, text=True,
                         check=True).stdout
    return out.strip().split('=', 1)[1]


def test_certificate_is_made_once_and_fingerprinted_as_openssl_does(tmp_path, device):
    cert, key = certificate.make(tmp_path / 'tls', ['192.168.1.5', 'door.lan'])
    made = cert.read_bytes(), key.read_bytes()
    assert certificate.make(tmp_path / 'tls') == (cert, key)
    assert (cert.read_bytes(), key.read_bytes()) == made   # kept: the browser's exception holds
    assert key.stat().st_mode & 0o077 == 0
    text = subprocess.run(['openssl', 'x509', '-inform', 'DER', '-in', str(cert), '-noout',
                           '-text'], capture_output=True, text=True, check=True).stdout
    assert 'prime256v1' in text and 'CN = earmark' in text
    for name in ('IP Address:192.168.1.5', 'DNS:door.lan', 'IP Address:127.0.0.1'):
        assert name in text
    out = device.run('import https\nprint(https.fingerprint(open(%r, "rb").read()))' % str(cert))
    assert out.strip() == openssl_fingerprint(cert)


def client_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE   # self-signed: the fingerprint is what the owner checks
    return ctx


def fetch(port, method, path, token=None, timeout=20):
    """(status, body, the server certificate's SHA-256 hex) of one HTTPS request."""
    conn = http.client.HTTPSConnection('127.0.0.1', port, context=client_context(),
                                       timeout=timeout)
    try:
        conn.connect()
        der = conn.sock.getpeercert(binary_form=True)
        conn.request(method, path, headers={'Authorization': 'Bearer ' + token} if token else {})
        r = conn.getresponse()
        return r.status, r.read(), hashlib.sha256(der).hexdigest()
    finally:
        conn.close()


@pytest.fixture(params=RUNTIMES)
def served(request, tmp_path, device_image):
    if request.param == 'micropython' and runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    cert, key = certificate.make(tmp_path / 'tls')
    # The whole appliance (a store, audio from standard input: none comes), so /api/status
    # answers, in the heap it is given by default.
    app = Appliance(request.param, ['--cert', str(cert), '--key', str(key), '--www',
                                    str(device_image / 'www'), '--source', '-', '--data',
                                    str(tmp_path / 'events')], heap=detect.appliance_heap())
    lines = []
    while not lines or 'API token' not in lines[-1]:
        line = app.proc.stdout.readline()
        if not line:
            app.stop()
            raise DeviceError('the appliance ended early:\n' + ''.join(lines))
        lines.append(line)
    try:
        deadline = time.monotonic() + 30   # the token is printed before the server listens
        while True:
            try:
                fetch(app.port, 'GET', '/api/health', timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline and app.proc.poll() is None
                time.sleep(0.1)
        yield app, cert, ''.join(lines)
    finally:
        out = app.stop()
        assert 'Traceback' not in out, out


def test_appliance_serves_https_with_its_certificate(served):
    app, cert, out = served
    token = re.search(r'API token \(shown this once\): (\w+)', out).group(1)
    printed = re.search(r'HTTPS certificate SHA-256 ([0-9A-F:]{95})', out).group(1)
    assert printed == openssl_fingerprint(cert)
    assert 'https://127.0.0.1:%d/ on this computer' % app.port in out
    status, body, peer = fetch(app.port, 'GET', '/api/health')
    assert status == 200 and json.loads(body)['ok']
    assert peer == hashlib.sha256(cert.read_bytes()).hexdigest()   # the very certificate
    status, body, _ = fetch(app.port, 'GET', '/api/status', token)
    assert status == 200 and json.loads(body)['tls_sha256'] == printed
    assert fetch(app.port, 'GET', '/api/status')[0] == 401
    status, body, _ = fetch(app.port, 'GET', '/')
    assert status == 200 and len(body) > 1000   # the page, gzipped
    # Four clients at once (the connections the server holds), each with its own TLS session.
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: fetch(app.port, 'GET', '/api/health')[0], range(8)))
    assert answers == [200] * 8


def test_plain_http_gets_no_answer_on_the_https_port(served):
    app, _, _ = served
    with socket.create_connection(('127.0.0.1', app.port), timeout=10) as s:
        s.sendall(b'GET /api/health HTTP/1.0\r\n\r\n')
        try:
            answer = s.recv(100)
        except ConnectionResetError:
            answer = b''
    assert not answer.startswith(b'HTTP/')   # a TLS alert or a closed connection, never HTTP
    assert fetch(app.port, 'GET', '/api/health')[0] == 200   # and the server goes on


@pytest.mark.parametrize('which', RUNTIMES)
def test_files_that_are_no_certificate_are_one_line_error(tmp_path, which, device_image):
    if which == 'micropython' and runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    cert, key = certificate.make(tmp_path / 'tls')
    junk = tmp_path / 'junk.der'
    junk.write_bytes(b'not a certificate')
    for args, words in (([str(junk), str(key)], 'do not load'),
                        ([str(cert), str(tmp_path / 'missing.der')], 'cannot read the HTTPS key')):
        app = Appliance(which, ['--cert', args[0], '--key', args[1]])
        out = app.proc.communicate(timeout=60)[0]
        assert app.proc.returncode == 1 and words in out and 'Traceback' not in out, out


def test_deploy_puts_a_certificate_the_board_serves(board, esp32_image, mpy):
    port, root = board
    lines = []
    report = run(port, root, lines, folder=esp32_image, https=True)
    assert report['https'] == openssl_fingerprint(root / 'cert.der')
    assert report['https'] in '\n'.join(lines)
    # What a board does at start (appliance.options): finds the pair on its flash and loads it.
    out = mpy.run('''
import os, https
os.chdir(%r)
cert, key = https.provisioned()
ctx, fp = https.context(cert, key)
print(cert, key, fp)
''' % str(root))
    assert out.split() == ['cert.der', 'key.der', report['https']]
