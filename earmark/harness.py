"""The whole appliance (device/appliance.py: pipeline, store, HTTP server) in MicroPython from the
image behind a simulated microphone, for the API, page and schema tests and `earmark bench api`.

fill() runs the appliance over the shipped demo scene a few times, each as if heard on another
day, so the store holds real detected events with clips and embeddings (and each sound again,
stored days apart: the answer "find similar" must give first). start() then serves that store
with its microphone on standard input: a thread plays a quiet room in real time, and play()
mixes a recording into it, which the real pipeline detects and tells /api/live about.

Heap: detect.appliance_heap(), what the whole appliance runs in on the MicroPython that runs it
(320K on the unix x64 port, 128K on a 32-bit build with the code frozen in, as a board: see
earmark/detect.py).
"""
import json
import queue
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import soundfile

from . import demo, image, runtime
from .detect import appliance_args, appliance_heap, run_appliance
from .store_dump import open_store

RATE = 16000
ROOM = 60            # RMS of the quiet room the microphone hears between sounds (-55 dBFS)
DEMO_SECONDS = demo.MINUTES * 60
# The recording the live tests play: the one of the demo's four that the default model hears
# surest over a quiet room (glass 0.97; its dog bark reads as a door knock at 0.38, just over the
# event threshold, so it may or may not make an event).
LIVE_SOUND = 'glass_breaking'


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def ctrl_c_able():
    """Popen's preexec_fn for a process that is stopped with SIGINT: a run started in the
    background of a shell inherits SIGINT ignored, and CPython then never raises
    KeyboardInterrupt (MicroPython installs its own handler either way)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt(proc, wait):
    """SIGINT to `proc`, as Ctrl-C would; True when it ended by itself within `wait` seconds,
    else it is killed and False."""
    if proc.poll() is not None:
        return True
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(wait)
        return True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False


class Microphone(threading.Thread):
    """Writes raw 16 kHz PCM to the appliance's standard input in real time: a quiet room, with
    the sounds given to play() mixed in as they come."""
    CHUNK = RATE // 10

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream = stream
        self.sounds = queue.Queue()
        self.halt = threading.Event()
        self.rng = np.random.default_rng(0)

    def run(self):
        playing = np.zeros(0)
        next_at = time.monotonic()
        while not self.halt.is_set():
            if not len(playing) and not self.sounds.empty():
                playing = self.sounds.get()
            chunk = self.rng.normal(0, ROOM, self.CHUNK)
            n = min(len(playing), self.CHUNK)
            chunk[:n] += playing[:n]
            playing = playing[n:]
            try:
                self.stream.write(chunk.clip(-32768, 32767).astype('<i2').tobytes())
                self.stream.flush()
            except (BrokenPipeError, ValueError, OSError):
                return
            next_at += self.CHUNK / RATE
            time.sleep(max(0.0, next_at - time.monotonic()))


class RealAppliance:
    """fill() then start(); stop() returns the output."""

    def __init__(self, folder, heap=None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.heap = heap or appliance_heap()
        self.image = image.build()
        self.store = self.folder / 'events'
        # The demo's test recordings, by label: what play() plays into the microphone.
        self.recordings = dict(demo.clips(self.folder / 'clips'))
        self.log = self.folder / 'serve.log'
        self.proc = None
        self.mic = None
        self._player = None
        self._quiet = threading.Event()

    def fill(self, starts):
        """The demo scene, heard once from each of `starts` (epoch seconds, ascending; the
        scene lasts DEMO_SECONDS); returns the events stored, newest first."""
        scene = demo.unpack(self.folder / 'demo')
        for start in starts:
            code, lines = run_appliance(appliance_args(
                scene, self.store, start_time=int(start), exit_at_end=True),
                'micropython', self.heap)
            if code or any('Traceback' in l for l in lines):
                raise RuntimeError('filling the store failed:\n' + '\n'.join(lines[-30:]))
        return list(open_store(self.store).events())

    @staticmethod
    def days_ago(days):
        """Start times for fill(): the scene heard at this time of day, `days` days back, for
        each of days (ints, largest first)."""
        now = time.time()
        return [now - d * 86400 for d in days]

    def start(self, which='micropython', wait=30):
        """Starts the appliance in `which` runtime; returns once it answers (at most `wait` s)."""
        self.token = demo.make_token(self.folder / 'auth.json')
        self.port = free_port()
        self.base = 'http://127.0.0.1:%d' % self.port
        args = appliance_args('-', self.store, port=self.port, host='127.0.0.1')
        args += ['--auth', str(self.folder / 'auth.json')]
        argv, env, cwd = runtime.command(which, args, heap=self.heap)
        self._out = open(self.log, 'w')
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=self._out, stderr=subprocess.STDOUT)
        self.mic = Microphone(self.proc.stdin)
        self.mic.start()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError('the appliance exited:\n' + self.log.read_text())
            try:
                with urllib.request.urlopen(self.base + '/api/health', timeout=2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError('the appliance did not answer')

    def call(self, method, path, body=None):
        """(status, the answer's JSON) of an API request with the appliance's token; `body` is
        sent as JSON. An error status is returned, not raised."""
        ask = urllib.request.Request(self.base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={'Authorization': 'Bearer ' + self.token,
                                              'Content-Type': 'application/json'})
        try:
            with urllib.request.urlopen(ask, timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    def play(self, label):
        """Plays the demo's recording of `label` into the microphone, clearly over the room."""
        wav = self.recordings[label]
        audio, rate = soundfile.read(str(wav), dtype='float64')
        if rate != RATE:
            raise ValueError('%s: %d Hz' % (wav, rate))
        self.mic.sounds.put(audio * 12000 / max(np.abs(audio).max(), 1e-9))

    def heard(self, label, settle=6):
        """Plays the demo's recording of `label` and waits `settle` seconds (heard, stored and
        ended); the events newer than before it, as GET /api/events lists them."""
        last = (self.call('GET', '/api/events?limit=1')[1]['events'] or [{'id': -1}])[0]['id']
        self.play(label)
        time.sleep(settle)
        return [ev for ev in self.call('GET', '/api/events?limit=10')[1]['events']
                if ev['id'] > last]

    def play_every(self, seconds):
        """Plays the recordings in turn, one every `seconds`, until quiet() or stop()."""
        def player():
            labels = sorted(self.recordings)
            k = 0
            while not self._quiet.wait(seconds):
                self.play(labels[k % len(labels)])
                k += 1
        self._player = threading.Thread(target=player, daemon=True)
        self._player.start()

    def quiet(self):
        """Stops play_every(); the microphone goes on hearing the room."""
        self._quiet.set()
        if self._player:
            self._player.join(10)
            self._player = None

    def stop(self):
        self.quiet()
        if self.mic:
            self.mic.halt.set()
            self.mic.join(5)
        if self.proc:
            interrupt(self.proc, 15)
            self._out.close()
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        self.proc = None
        return self.log.read_text()
