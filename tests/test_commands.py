"""README commands run end to end as a user types them (the cheap ones): `earmark detect`'s JSON
lines, and a frozen build's refusal to run device code it did not freeze."""
import json
import os
import subprocess
import sys

import numpy as np
import soundfile

from earmark import DEVICE, demo, image, runtime

from conftest import _device

RATE = 16000


def earmark(*args, env=None):
    return subprocess.run([sys.executable, '-m', 'earmark.cli', *args], capture_output=True,
                          text=True, env=env)


def test_detect_prints_one_json_line_per_event(tmp_path):
    """`earmark detect FILE.wav`: one JSON line per event, {"start", "end", "label",
    "confidence"} in seconds from the file's start, and a summary on stderr. The demo scene
    (3 minutes) holds 18 sounds of the nine event labels (demo/scene.tsv)."""
    _device('micropython')
    audio, rate = soundfile.read(str(demo.SCENE), dtype='int16')
    seconds = len(audio) / rate
    clip = tmp_path / 'scene.wav'
    soundfile.write(str(clip), audio, rate, subtype='PCM_16')
    done = earmark('detect', str(clip))
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    labels = json.loads((DEVICE / 'model' / 'model.json').read_text())['labels']
    assert events, done.stderr
    for ev in events:
        assert sorted(ev) == ['confidence', 'end', 'label', 'start'], ev
        assert 0 <= ev['start'] < ev['end'] <= seconds and ev['label'] in labels, ev
        assert 0 < ev['confidence'] <= 1, ev
    assert [ev['start'] for ev in events] == sorted(ev['start'] for ev in events)
    summary = done.stderr.strip().splitlines()[-1]
    assert summary.startswith('earmark: %d events; {' % len(events)), summary
    status = json.loads(summary.split('; ', 1)[1])
    assert abs(status['seconds'] - seconds) < 0.1 and status['faults'] == [], status
    # Each event lies on a sound of its label in the scene's truth, and a third of the sounds
    # are found: six, by round 19's default (the dog, two knocks, two doorbells, speech) and by
    # round 22's (the dog, two doorbells, speech, a knock, the last glass crash).
    truth = [(float(a), float(b), label) for a, b, label in
             (line.split('\t') for line in demo.TRUTH.read_text().splitlines())]

    def on(ev, sound):
        return ev['label'] == sound[2] and ev['start'] < sound[1] and ev['end'] > sound[0]
    assert all(any(on(ev, sound) for sound in truth) for ev in events), (truth, events)
    assert sum(any(on(ev, sound) for ev in events) for sound in truth) >= len(truth) // 3, (
        truth, events)


def test_a_frozen_build_refuses_device_code_it_did_not_freeze(tmp_path):
    """A MicroPython that froze the device code (make micropython32 FREEZE=1) runs only that
    code: once the device code changed, `earmark detect` (as run, demo, benches) says to rebuild
    and exits 2, instead of running stale code. The interpreter here is the ordinary one named
    as a frozen build whose record of the code (<binary>.frozen-code) is another digest."""
    _device('micropython')
    binary = tmp_path / 'micropython-frozen'
    binary.symlink_to(runtime.micropython_binary())
    (tmp_path / ('micropython-frozen' + image.FROZEN_SUFFIX)).write_text('0' * 64 + '\n')
    clip = tmp_path / 'quiet.wav'
    soundfile.write(str(clip), np.zeros(RATE, np.int16), RATE, subtype='PCM_16')
    env = dict(os.environ, **{image.INTERPRETER_ENV: str(binary)})
    done = earmark('detect', str(clip), env=env)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert ('froze other device code than this: rebuild it (make micropython32 FREEZE=1)'
            in done.stderr), done.stderr
    assert done.stdout == ''
