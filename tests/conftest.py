"""Fixtures that run device code where it really runs: MicroPython from the built image (with a
heap limit) and CPython from source."""
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from earmark import ROOT, image, runtime
from earmark.harness import ctrl_c_able, interrupt

DATA = Path(os.environ.get('EARMARK_DATA', ROOT.parent / 'shared' / 'data'))
RUNTIMES = ['micropython', 'cpython']


def pytest_report_header(config):
    return 'micropython: %s' % (runtime.micropython_binary() or 'absent (device tests use CPython)')


@pytest.fixture(scope='session')
def device_image():
    """The image folder, built once per session for this machine's architecture."""
    return image.build()


class DeviceError(AssertionError):
    pass


class Device:
    """Runs snippets of device code in one runtime and returns their stdout."""

    def __init__(self, name, heap):
        self.name = name
        self.heap = heap

    def run(self, code, heap=None, timeout=120, stdin=None):
        argv, env, cwd = runtime.command(self.name, ['-c', code], heap=heap or self.heap)
        done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, input=stdin)
        if done.returncode != 0 or 'Traceback (most recent call last)' in done.stderr:
            raise DeviceError('%s failed (exit %d):\n%s\n%s' % (
                self.name, done.returncode, done.stdout[-4000:], done.stderr[-4000:]))
        return done.stdout

    def json_lines(self, code, **kw):
        return [json.loads(line) for line in self.run(code, **kw).splitlines()
                if line.startswith(('{', '['))]


def _device(name, heap='128K'):
    if name == 'micropython' and runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    return Device(name, heap)


@pytest.fixture
def mpy(device_image):
    """Device code in real MicroPython with a 128 KB heap; any exception fails the test."""
    return _device('micropython')


@pytest.fixture(params=RUNTIMES)
def device(request, device_image):
    """Device code in each runtime the appliance supports: core device tests take this one."""
    return _device(request.param)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Appliance:
    def __init__(self, name, args=(), heap='128K'):
        self.port = free_port()
        self.base = 'http://127.0.0.1:%d' % self.port
        argv, env, cwd = runtime.command(
            name, ['main.py', '--host', '127.0.0.1', '--port', str(self.port)] + list(args),
            heap=heap)
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, preexec_fn=ctrl_c_able)

    def wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise DeviceError('appliance exited early:\n' + self.proc.stdout.read())
            try:
                with urllib.request.urlopen(self.base + '/api/health', timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise DeviceError('appliance did not answer within %ds' % timeout)

    def get(self, path, **kw):
        with urllib.request.urlopen(self.base + path, timeout=kw.get('timeout', 10)) as r:
            return r.status, json.loads(r.read())

    def stop(self):
        """SIGINT, as Ctrl-C would: the server must shut down by itself."""
        if not interrupt(self.proc, 10):
            raise DeviceError('appliance ignored SIGINT; its output:\n' +
                              self.proc.stdout.read()[-3000:])
        out = self.proc.stdout.read()
        self.proc.stdout.close()
        return out


@pytest.fixture(params=RUNTIMES)
def appliance(request, device_image):
    """The appliance serving on a free loopback port, ready; stopped cleanly afterwards."""
    _device(request.param)
    app = Appliance(request.param)
    try:
        app.wait_ready()
        yield app
    finally:
        output = app.stop()
    assert 'Traceback' not in output, output
