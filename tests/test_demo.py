"""The demo assets shipped in demo/: what earmark.demo unpacks, their truth, their attribution, and
(with the sound data) that they are what the generator makes."""
import csv
import json
import os

import pytest
import soundfile

from conftest import DATA
from earmark import demo, firmware, image
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
    demo.make(DATA, tmp_path)
    for name in ('scene.tsv', 'scene.json', 'ATTRIBUTION.md', 'clips/manifest.csv'):
        assert (tmp_path / name).read_text() == (demo.DEMO / name).read_text(), name
    for name in ['scene.flac'] + ['clips/%s.flac' % label for label in demo.CLIP_LABELS]:
        made, _ = soundfile.read(str(tmp_path / name), dtype='int16')
        shipped, _ = soundfile.read(str(demo.DEMO / name), dtype='int16')
        assert (made == shipped).all(), name


def test_demo_command_serves_the_page_with_events_arriving(tmp_path):
    """The README's first command, as a newcomer runs it (but 8x real time, into a temp store):
    it builds the 32-bit MicroPython with the code frozen in when it has to, runs the appliance
    in it at 128 KB, prints the address and the token, serves the page, and events arrive."""
    import re
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    from conftest import free_port
    from earmark.harness import ctrl_c_able

    port = free_port()
    proc = subprocess.Popen([sys.executable, '-m', 'earmark.cli', 'demo', '--port', str(port),
                             '--speed', '8', '--data', str(tmp_path / 'store')],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=ctrl_c_able)
    lines = []
    try:
        token = None
        while token is None:
            line = proc.stdout.readline()
            assert line, 'demo ended early:\n' + ''.join(lines)
            lines.append(line)
            found = re.search(r'token \(shown this once\): (\w+)', line)
            token = found and found.group(1)
        assert any('http://127.0.0.1:%d/' % port in line for line in lines), lines
        if not image.chosen_interpreter():   # the newcomer's demo: a board's heap, 128 KB
            banner = next(line for line in lines if 'appliance in' in line)
            assert banner.rstrip().endswith('32-bit, code frozen in), heap 128K'), ''.join(lines)
        base = 'http://127.0.0.1:%d' % port
        events = []
        # No speed is asked of the machine: the scene's first sound is 4 s in, and at 8x the
        # whole scene plays in 22.5 s; four times that is a hang, not a slow machine (a paced
        # source that falls behind drops audio rather than lagging further).
        within = 4 * demo.MINUTES * 60 / 8
        deadline = time.monotonic() + within
        while not events and time.monotonic() < deadline:
            time.sleep(1)
            try:
                request = urllib.request.Request(base + '/api/events?limit=5',
                                                 headers={'Authorization': 'Bearer ' + token})
                with urllib.request.urlopen(request, timeout=5) as r:
                    events = json.loads(r.read())['events']
            except OSError:
                pass
        assert events, 'no event arrived within %d s (the whole scene plays in %g s):\n%s' % (
            within, within / 4, ''.join(lines))
        assert events[0]['label'] in json.loads(
            (demo.ROOT / 'device' / 'model' / 'model.json').read_text())['labels']
        with urllib.request.urlopen(base + '/', timeout=5) as r:
            assert r.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert 'Traceback' not in ''.join(lines) + out, ''.join(lines) + out


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
