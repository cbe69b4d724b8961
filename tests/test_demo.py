"""The demo assets shipped in demo/: what earmark.demo unpacks, their truth, their attribution, and
(with the sound data) that they are what the generator makes."""
import csv
import json
import os

import pytest
import soundfile

from conftest import DATA
from earmark import demo, demo_assets, detect, firmware, image
from training import scenes, sed

MAX_BYTES = 4 * 1024 * 1024  # "a few MB at most" for everything in demo/


def test_shipped_demo_is_small():
    total = sum(p.stat().st_size for p in demo.DEMO.rglob('*') if p.is_file())
    print('\ndemo/: %d bytes' % total)
    assert total <= MAX_BYTES


def test_unpack_gives_the_scene_once(tmp_path):
    wav = demo.unpack(tmp_path)
    audio, rate = soundfile.read(str(wav), dtype='int16')
    assert rate == 16000 and audio.ndim == 1 and len(audio) == demo.MINUTES * 60 * 16000
    flac, _ = soundfile.read(str(demo.SCENE), dtype='int16')
    assert (audio == flac).all()
    stamp = os.stat(wav).st_mtime_ns
    assert demo.unpack(tmp_path) == wav and os.stat(wav).st_mtime_ns == stamp  # not redone
    truth = sed.read_events(tmp_path / 'scene.tsv')
    assert len(truth) >= 9 and {e['event_label'] for e in truth} == set(scenes.TARGETS)
    assert all(0 <= e['onset'] < e['offset'] <= demo.MINUTES * 60 for e in truth)


def test_every_source_is_attributed():
    record = json.loads((demo.DEMO / 'scene.json').read_text())
    attribution = (demo.DEMO / 'ATTRIBUTION.md').read_text()
    for e in record['events'] + record['distractors']:
        assert e['source'] in attribution, e['source']
    with open(demo.CLIPS / 'manifest.csv', newline='') as f:
        for row in csv.DictReader(f):
            assert row['original_name'] in attribution and row['license']
    for licence in ('CC BY-NC 3.0', 'CC BY 3.0', 'unknown'):
        assert licence in attribution


def test_clips_decode_to_wav(tmp_path):
    got = demo.clips(tmp_path)
    assert [label for label, _ in got] == list(demo.CLIP_LABELS)
    for _, path in got:
        audio, rate = soundfile.read(str(path), dtype='int16')
        assert path.suffix == '.wav' and rate == 16000 and len(audio) > 16000


def test_shipped_assets_are_what_the_generator_makes(tmp_path):
    if not (DATA / 'train' / 'manifest.csv').exists():
        pytest.skip('sound data not found at %s (set EARMARK_DATA): cannot remake the demo' % DATA)
    demo_assets.make(DATA, tmp_path)
    for name in ('scene.tsv', 'scene.json', 'ATTRIBUTION.md', 'clips/manifest.csv'):
        assert (tmp_path / name).read_text() == (demo.DEMO / name).read_text(), name
    for name in ['scene.flac'] + ['clips/%s.flac' % label for label in demo.CLIP_LABELS]:
        made, _ = soundfile.read(str(tmp_path / name), dtype='int16')
        shipped, _ = soundfile.read(str(demo.DEMO / name), dtype='int16')
        assert (made == shipped).all(), name


class Demo:
    """`earmark demo` in the background, its output lines gathered as they come."""

    def __init__(self, port, store, *extra):
        import queue
        import subprocess
        import sys
        import threading

        from earmark.harness import ctrl_c_able
        self.proc = subprocess.Popen(
            [sys.executable, '-m', 'earmark.cli', 'demo', '--port', str(port), '--speed', '8',
             '--data', str(store), *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, preexec_fn=ctrl_c_able)
        self.said = queue.Queue()   # its lines, then '' at its end
        threading.Thread(target=self._read, daemon=True).start()
        self.lines = []

    def _read(self):
        for line in self.proc.stdout:
            self.said.put(line)
        self.said.put('')

    def next_line(self, wait):
        """Its next line, or '' when it ended or said nothing for `wait` seconds."""
        import queue
        try:
            line = self.said.get(timeout=wait)
        except queue.Empty:
            return ''
        self.lines.append(line)
        return line

    def stop(self):
        """Ctrl-C; its whole output, which must hold no traceback."""
        import signal
        import subprocess
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        while self.next_line(5):
            pass
        text = ''.join(self.lines)
        assert 'Traceback' not in text, text
        return text


def start_demo(port, store, *extra):
    """(the demo, the token, the URL to open) once it printed the one line a person acts on
    and its server answers."""
    import re
    import time
    import urllib.request
    demo_run = Demo(port, store, *extra)
    while True:
        # The first run builds the 32-bit MicroPython (about a minute) before it says more.
        line = demo_run.next_line(120)
        if not line:
            demo_run.stop()
            raise AssertionError('demo ended or went quiet before the line to act on:\n'
                                 + ''.join(demo_run.lines))
        found = re.fullmatch(r'earmark: Open (http://[\d.]+:%d) on (your phone|this computer) '
                             r'\(token (\w+)\)\. Ctrl-C stops\.\n' % port, line)
        if found:
            break
    # The line comes as the server starts; it answers a moment later.
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen('http://127.0.0.1:%d/api/health' % port, timeout=2):
                return demo_run, found.group(3), found.group(1)
        except OSError:
            if time.monotonic() > deadline:
                demo_run.stop()
                raise
            time.sleep(0.1)


def ask(base, path, token):
    """(status, JSON answer) of the API."""
    import urllib.error
    import urllib.request
    request = urllib.request.Request(base + path, headers={'Authorization': 'Bearer ' + token})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, None


def test_demo_command_serves_the_page_with_events_arriving(tmp_path):
    """The README's first command, as a newcomer runs it (but 8x real time, into a temp store):
    it builds the 32-bit MicroPython with the code frozen in when it has to, runs the appliance
    in it at the heap detect.py gives that build, prints one line to act on (the address for a
    phone, the token, how to stop), serves the page, events arrive, and it says when the scene
    ended. The next run keeps the token and the store (a phone that saved the token is let in);
    --fresh starts both over."""
    import time
    import urllib.request

    from conftest import free_port

    port = free_port()
    store = tmp_path / 'store'
    run, token, url = start_demo(port, store)
    try:
        if not image.chosen_interpreter():   # the newcomer's demo: a board's heap
            banner = next(line for line in run.lines if 'appliance in' in line)
            assert banner.rstrip().endswith(
                '32-bit, code frozen in), heap %s' % detect.FROZEN_HEAP), run.lines
        base = 'http://127.0.0.1:%d' % port
        events = []
        # No speed is asked of the machine: the scene's first sound is 4 s in, and at 8x the
        # whole scene plays in 22.5 s; four times that is a hang, not a slow machine (a paced
        # source that falls behind drops audio rather than lagging further).
        within = 4 * demo.MINUTES * 60 / 8
        deadline = time.monotonic() + within
        # Two events: the second is half a minute into the scene, stamped ahead of the clock.
        while len(events) < 2 and time.monotonic() < deadline:
            time.sleep(1)
            try:
                events = ask(base, '/api/events?limit=5', token)[1]['events']
            except (OSError, TypeError):
                pass
        assert len(events) >= 2, ('no two events arrived within %d s (the whole scene plays in '
                                  '%g s):\n%s' % (within, within / 4, ''.join(run.lines)))
        assert events[0]['label'] in json.loads(
            (demo.ROOT / 'device' / 'model' / 'model.json').read_text())['labels']
        with urllib.request.urlopen(url + '/', timeout=5) as r:   # the address it told
            assert r.status == 200
    finally:
        run.stop()

    run, again, _ = start_demo(port, store)
    try:
        assert again == token
        status, kept = ask(base, '/api/events?limit=100', token)
        assert status == 200 and {e['id'] for e in events} <= {e['id'] for e in kept['events']}
        # The scene heard again goes into the same store: its first run stamped its events
        # ahead of the clock (8x), and this run's come after them, not refused as earlier.
        before = len(kept['events'])
        deadline = time.monotonic() + within
        while len(kept['events']) == before and time.monotonic() < deadline:
            time.sleep(0.5)
            kept = ask(base, '/api/events?limit=100', token)[1]
        assert len(kept['events']) > before, ''.join(run.lines)
    finally:
        said = run.stop()
    assert 'store_error' not in said, said

    began = time.time()
    run, fresh, _ = start_demo(port, store, '--fresh')
    try:
        assert fresh != token
        assert ask(base, '/api/status', token)[0] == 401
        status, now = ask(base, '/api/events?limit=100', fresh)
        assert status == 200 and all(e['start'] >= began - 1 for e in now['events']), now
        # Heard to its end, the scene is said to have ended (the meter goes quiet then).
        deadline = time.monotonic() + within
        while time.monotonic() < deadline and not any(demo.ENDED in l for l in run.lines):
            run.next_line(1)
        assert any(l == 'earmark: %s\n' % demo.ENDED for l in run.lines), ''.join(run.lines)
    finally:
        run.stop()


def test_a_taken_port_is_one_line_before_anything_starts(tmp_path, capsys):
    """A second `make demo` (or anything on 8080) used to print the address to open, then a
    MicroPython traceback (EADDRINUSE), then go on listening with no server."""
    import socket

    from earmark import cli
    with socket.socket() as taken:
        taken.bind(('127.0.0.1', 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli.main(['demo', '--port', str(port), '--bind', '127.0.0.1',
                         '--data', str(tmp_path / 'store')])
    err = capsys.readouterr()
    assert code == 2 and err.out == '', err
    assert err.err.startswith('earmark: error: port %d is in use' % port), err.err
    assert len(err.err.strip().splitlines()) == 1 and not (tmp_path / 'store').exists()


def test_a_firmware_that_cannot_be_built_is_a_clear_error(tmp_path, monkeypatch):
    """The demo falls back to the x64 MicroPython on this error and says so (earmark/demo.py)."""
    script = tmp_path / 'micropython32'
    script.write_text('#!/bin/sh\necho "gcc: error: unrecognized option -m32" >&2\nexit 2\n')
    script.chmod(0o755)
    monkeypatch.setattr(firmware, 'SCRIPT', script)
    monkeypatch.setattr(firmware, 'ROOT', tmp_path)
    monkeypatch.setattr(firmware, 'BINARY', tmp_path / 'micropython-frozen')
    with pytest.raises(RuntimeError, match=r'(?s)micropython32 failed \(exit 2\).*-m32'):
        firmware.ensure()
