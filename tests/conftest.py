"""Fixtures that run device code where it really runs: MicroPython from the built image (with a
heap limit) and CPython from source."""
import json
import os
import socket
import sys
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from earmark import ROOT, image, runtime
from earmark.harness import ctrl_c_able, interrupt

DATA = Path(os.environ.get('EARMARK_DATA', ROOT.parent / 'shared' / 'data'))
RUNTIMES = ['micropython', 'cpython']
# Seconds a device snippet may take before it counts as hung. make mutants lowers it: many
# mutants loop forever, and each would otherwise hold a test for this long.
SNIPPET_TIMEOUT = float(os.environ.get('EARMARK_SNIPPET_TIMEOUT', '120'))
# Only the skips tests/skips.py lists may skip; any other fails its test (its hooks, here).
from skips import pytest_make_collect_report, pytest_runtest_makereport  # noqa: E402,F401


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

    def run(self, code, heap=None, timeout=None, stdin=None):
        """stdout of `code`. `timeout` is there to end a hang, far beyond what a snippet takes
        (seconds; callers with whole scenes to run pass more)."""
        timeout = timeout or SNIPPET_TIMEOUT
        argv, env, cwd = runtime.command(self.name, ['-c', code], heap=heap or self.heap)
        try:
            done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True,
                                  timeout=timeout, input=stdin)
        except subprocess.TimeoutExpired as e:
            raise DeviceError('%s did not finish within %d s: a hang (output so far: %s)' % (
                self.name, timeout, (e.stdout or b'')[-2000:])) from None
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
def device(request):
    """Device code in each runtime the appliance supports: core device tests take this one.
    Only MicroPython needs the image (CPython runs the sources), so a CPython-only run, as the
    mutation tests make (make mutants), never rebuilds it for each changed source."""
    if request.param == 'micropython':
        request.getfixturevalue('device_image')
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
