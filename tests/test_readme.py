"""Every command of the README, as a user types it: each has a test that runs it (COMMANDS
below, checked against README.md), and the API's curl lines run here verbatim against the
whole appliance in MicroPython (the token, the address, an event id and a page's cursor put
in for T, A, 42 and CURSOR, as the README says to)."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from earmark import ROOT
from test_api import get as api, serving

README = ROOT / 'README.md'
R = 'tests/test_readme.py::'

# Each README command (a line of its ```sh blocks, its first words) -> the test that runs it.
COMMANDS = [
    ('make demo', 'tests/test_demo.py::test_demo_command_serves_the_page_with_events_arriving'),
    ('make test ARGS=', 'Makefile (no test runs it: every targeted run of tests does)'),
    ('make test', '.ci/run (CI runs it on a fresh clone)'),
    ('earmark run --source FILE.wav', R + 'test_earmark_run_with_a_recording_as_the_microphone'),
    ('arecord ', R + 'test_earmark_run_with_a_model_and_a_live_microphone_on_standard_input'),
    ('earmark detect FILE.wav',
     'tests/test_commands.py::test_detect_prints_one_json_line_per_event'),
    ('earmark store dump', R + 'test_earmark_run_with_a_recording_as_the_microphone'),
    ('EARMARK_TOKEN=T earmark search',
     'tests/test_first_hour.py::test_search_with_the_devices_own_clip'),
    ('make micropython32 FREEZE=1', 'Makefile (make test: python -m earmark.firmware runs '
     'tools/micropython32 with FREEZE=1)'),
    ('EARMARK_MICROPYTHON=', 'Makefile (make test: the load test again in the frozen build)'),
    ('T=the-token; A=', R + 'test_the_api_curl_lines_as_typed'),
    ('curl ', R + 'test_the_api_curl_lines_as_typed'),
    ('python -c "import pyarrow', R + 'test_the_api_curl_lines_as_typed'),
    ('earmark personal teach --embedding',
     'tests/test_personal.py::test_teach_and_detect_on_the_command_line'),
    ('earmark personal teach', 'tests/test_pattern.py::'
     'test_the_appliance_opens_a_personal_event_where_the_pattern_is_heard'),
    ('earmark detect --personal',
     'tests/test_personal.py::test_teach_and_detect_on_the_command_line'),
    ('earmark lab --serve', R + 'test_earmark_lab_serve_as_typed'),
    ("pip install -e '.[hub]'", R + 'test_the_hub_extra_is_what_the_hub_tests_run_with'),
    ('cat > hub.toml', 'tests/test_hub.py::test_a_pull_holds_every_event_of_every_device_once'),
    ('earmark hub pull', 'tests/test_hub.py::test_a_pull_holds_every_event_of_every_device_once'),
    ('earmark hub sql', 'tests/test_hub.py::test_a_pull_holds_every_event_of_every_device_once'),
    ('python -c "import duckdb',
     'tests/test_hub.py::test_the_readme_duckdb_example_reads_the_files_as_they_lie'),
    ('earmark dataset', 'tests/test_dataset.py::test_builds_what_training_reads'),
    ('export EARMARK_DATA=', 'tests/conftest.py (DATA: every test of the sound data)'),
    ('earmark scenes --data $EARMARK_DATA',
     'tests/test_scenes.py::test_scenes_are_reproducible_and_true'),
    ('earmark train', 'tests/test_e2e.py::test_train_evaluate_and_detect_with_the_bundle'),
    ('earmark evaluate --model',
     'tests/test_e2e.py::test_train_evaluate_and_detect_with_the_bundle'),
    ('earmark classify',
     'tests/test_model.py::test_classify_gives_one_json_line_per_file_from_micropython'),
    ('earmark run --model',
     R + 'test_earmark_run_with_a_model_and_a_live_microphone_on_standard_input'),
    ('earmark scenes --data ../shared/data --out build/quiet',
     R + 'test_quiet_scenes_detected_and_scored_as_typed'),
    ('for w in build/quiet/*.wav', R + 'test_quiet_scenes_detected_and_scored_as_typed'),
    ('earmark evaluate-scenes', R + 'test_quiet_scenes_detected_and_scored_as_typed'),
    ('earmark deploy --model',
     'tests/test_deploy_cli.py::test_deploy_command_writes_the_rom_resets_and_reads_the_address'),
    ('earmark deploy --port',
     'tests/test_deploy_cli.py::test_deploy_command_writes_the_rom_resets_and_reads_the_address'),
    # named in the text
    ('earmark bench api', 'tests/test_e2e.py::test_bench_api'),
    ('earmark bench heap', 'tests/test_e2e.py::test_bench_heap'),
    ('earmark bench history', 'tests/test_e2e.py::test_bench_history'),
    ('earmark bench pipeline', 'tests/test_e2e.py::test_bench_pipeline'),
    ('earmark build [--arch xtensawin]', R + 'test_earmark_build_for_a_board'),
    ('earmark build --model', R + 'test_earmark_build_for_a_board'),
    ('earmark demo --',
     'tests/test_demo.py::test_demo_command_serves_the_page_with_events_arriving'),
    ('earmark deploy --https',
     'tests/test_https.py::test_deploy_puts_a_certificate_the_board_serves (deploy.run)'),
    ('earmark deploy', 'tests/test_deploy_cli.py::'
     'test_deploy_command_writes_the_rom_resets_and_reads_the_address'),
    ('earmark evaluate', 'tests/test_e2e.py::test_train_evaluate_and_detect_with_the_bundle'),
    ('earmark hub', 'tests/test_hub.py::test_a_pull_holds_every_event_of_every_device_once'),
    ('earmark run --https', R + 'test_earmark_run_https_as_typed'),
    ('earmark run', R + 'test_earmark_run_with_a_recording_as_the_microphone'),
    ('earmark scenes --kind', 'tests/test_door_scenes.py::'
     'test_plain_beds_have_empty_truth_every_bed_kind_and_realistic_levels'),
    ('earmark scenes', 'tests/test_scenes.py::test_scenes_are_reproducible_and_true'),
    ('make micropython32', 'Makefile (make test: python -m earmark.firmware runs '
     'tools/micropython32)'),
]


def readme_commands():
    """The commands of README.md's ```sh blocks: a line each (continued lines joined; the text
    a heredoc feeds is not a command); then those its text names in `earmark ...` and
    `make ...` spans."""
    commands, block, heredoc = [], False, None
    text = README.read_text()
    for line in text.splitlines():
        if line.startswith('```'):
            block = line == '```sh'
            continue
        if not block or not line.strip():
            continue
        if heredoc:
            heredoc = None if line.strip() == heredoc else heredoc
            continue
        if commands and commands[-1].endswith('\\'):
            commands[-1] = commands[-1][:-1] + ' ' + line.strip()
            continue
        commands.append(line.strip())
        here = re.search(r"<<'?(\w+)'?", line)
        heredoc = here and here.group(1)
    return commands + sorted({' '.join(span.split())
                              for span in re.findall(r'`((?:earmark|make) [^`]+)`', text)})


def test_every_readme_command_has_a_test_that_runs_it():
    """A command added to the README without a test that runs it fails here; so does a listed
    test that no longer exists."""
    for command in readme_commands():
        matches = [test for prefix, test in COMMANDS if command.startswith(prefix)]
        # (`earmark evaluate-scenes` and `earmark train` start like listed ones: both listed)
        assert matches, 'README command with no test listed in COMMANDS: %s' % command
    for _, test in COMMANDS:
        path, _, name = test.partition('::')
        name = name.split(' ')[0]
        source = (ROOT / path.split(' ')[0]).read_text()
        assert not name or re.search(r'^def %s\(' % re.escape(name), source, re.M), test


def test_the_hub_extra_is_what_the_hub_tests_run_with():
    # `pip install -e '.[hub]'` (no network here to run it): the extras tools/setup installs
    # pin every package of the hub extra alike, so the hub's tests run with exactly what that
    # line installs.
    import tomllib
    extras = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project'][
        'optional-dependencies']
    setup = (ROOT / 'tools' / 'setup').read_text()
    installed = re.search(r"pip install -q -e '\.\[([\w,]+)\]'", setup)
    pinned = {p for extra in installed.group(1).split(',') for p in extras[extra]}
    assert set(extras['hub']) <= pinned, (extras['hub'], installed.group(0))


# ---- earmark run, as typed: a recording as the microphone, then a live one on standard input

RATE = 16000


def earmark_cli():
    """`earmark` (its console script runs earmark.cli; this way, from this tree's sources)."""
    return [sys.executable, '-m', 'earmark.cli']


def dog_of_the_demo(tmp_path, seconds=12):
    """`seconds` of the demo scene from 24 s: a dog barking from 5.5 s (demo/scene.tsv)."""
    import soundfile
    from earmark import demo
    audio, rate = soundfile.read(str(demo.SCENE), dtype='int16')
    audio = audio[24 * RATE:(24 + seconds) * RATE]
    clip = tmp_path / 'dog.wav'
    soundfile.write(str(clip), audio, rate, subtype='PCM_16')
    return clip, audio


def dumped(store):
    done = subprocess.run(earmark_cli() + ['store', 'dump', str(store)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith('{')]
    return [row for row in rows if 'label' in row]   # (its first row: the store's usage)


def run_until_stored(argv, store, seconds, stdin=None):
    """Runs `earmark run ...` until its store holds an event (waiting at most four times the
    audio's length, and a minute to start), then Ctrl-C; returns (events, its output)."""
    import time
    from conftest import _device
    from earmark.harness import ctrl_c_able, interrupt
    _device('micropython')
    proc = subprocess.Popen(earmark_cli() + argv, cwd=ROOT,
                            stdin=subprocess.PIPE if stdin is not None else None,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            preexec_fn=ctrl_c_able)
    if stdin is not None:   # as arecord does: raw PCM, then the pipe stays open
        proc.stdin.write(stdin)
        proc.stdin.flush()
    deadline = time.monotonic() + 60 + 4 * seconds
    try:
        while True:
            events = dumped(store) if (store / 'store.json').exists() else []
            if events or proc.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(1)
    finally:
        stopped = interrupt(proc, 10)
        out = proc.stdout.read().decode()
    assert stopped, 'earmark run ignored Ctrl-C:\n' + out[-3000:]
    assert events, 'no event stored within %d s:\n%s' % (60 + 4 * seconds, out[-3000:])
    assert 'Traceback' not in out, out
    return events, out


def test_earmark_run_with_a_recording_as_the_microphone(tmp_path):
    # `earmark run --source FILE.wav --speed 1 --data my-store` (a free port: 8080 may be taken
    # here); then `earmark store dump my-store`: the dog heard at 5.5 s is stored.
    from conftest import free_port
    clip, _ = dog_of_the_demo(tmp_path)
    store = tmp_path / 'my-store'
    events, out = run_until_stored(
        ['run', '--source', str(clip), '--speed', '1', '--data', str(store),
         '--port', str(free_port())], store, 12)
    assert [e['label'] for e in events] == ['dog_bark'], events
    assert 'Open http://' in out or 'serving on' in out, out


def test_earmark_run_with_a_model_and_a_live_microphone_on_standard_input(tmp_path):
    # `arecord -f S16_LE -r 16000 -c 1 -t raw | earmark run --source - --data my-store` and
    # `earmark run --model my-model --source -`: raw 16 kHz PCM on standard input, here the
    # demo's dog, with the shipped model's bundle named as a trained one would be.
    from conftest import free_port
    from earmark import DEVICE
    _, audio = dog_of_the_demo(tmp_path)
    store = tmp_path / 'my-store'
    events, _ = run_until_stored(
        ['run', '--model', str(DEVICE / 'model'), '--source', '-', '--data',
         str(store), '--port', str(free_port())], store, 12, stdin=audio.tobytes())
    assert [e['label'] for e in events] == ['dog_bark'], events


# ---- the API's curl lines, verbatim

@pytest.fixture(scope='module')
def appliance(tmp_path_factory):
    """The whole appliance in MicroPython with the demo scene heard yesterday (test_api's)."""
    yield from serving(tmp_path_factory.mktemp('readme'), [1])


def curl_lines():
    """README's curl lines (and the pyarrow one that reads what a curl line saved), in order,
    with the line that sets T and A."""
    commands = readme_commands()
    setting = next(c for c in commands if c.startswith('T=the-token; A='))
    return setting, [c for c in commands
                     if c.startswith('curl ') or c.startswith('python -c "import pyarrow')]


def test_the_api_curl_lines_as_typed(appliance, tmp_path):
    assert shutil.which('curl'), 'curl is not installed (tools/system-packages.txt)'
    status, page = api(appliance, '/api/events?limit=1')
    cursor = page['next']
    _, every = api(appliance, '/api/events?limit=100')
    ident = next(e['id'] for e in every['events'] if e['has_clip'])
    setting, lines = curl_lines()
    setting = setting.replace('the-token', appliance.token).replace(
        'http://127.0.0.1:8080', appliance.base)
    # curl's own settings file adds what each answer's status was; the commands stay as typed.
    (tmp_path / '.curlrc').write_text('write-out = "\\nHTTP %{http_code}\\n"\n')
    env = dict(os.environ, HOME=str(tmp_path),
               PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ['PATH'])
    answers = {}
    for line in lines:
        command = line.replace('/42', '/%d' % ident).replace('CURSOR', cursor)
        if '@sound.wav' in command:   # a recording to search with: the clip saved before
            shutil.copy(tmp_path / 'clip.wav', tmp_path / 'sound.wav')
        live = ' -N ' in command
        done = subprocess.run(['bash', '-c', setting + '\n' + (
            'timeout 5 ' if live else '') + command], cwd=tmp_path, env=env,
            capture_output=True, text=True, timeout=120)
        answers[line] = done
        if live:   # the stream never ends by itself: 5 s of it
            assert done.returncode == 124 and 'data:' in done.stdout, (line, done)
            continue
        assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])
        if line.startswith('curl'):
            body, _, code = done.stdout.rpartition('\nHTTP ')
            # Every answer is a 200 but the DELETE's: the PATCH before it keeps the event
            # ("locked": true), and a kept event is not deleted (409), as the README says.
            assert code.strip() == ('409' if '-X DELETE' in line else '200'), (line, done.stdout)
            if '-o ' not in line and '$A/ ' not in line + ' ':
                json.loads(body)
    # What the lines did: the relabel and the lock hold, the clip and the export are files.
    _, ev = api(appliance, '/api/events/%d' % ident)
    assert ev['label'] == 'door_knock' and ev['locked'], ev
    assert (tmp_path / 'clip.wav').read_bytes()[:4] == b'RIFF'
    table = answers[lines[-1]].stdout
    assert 'label' in table and 'door_knock' in table, table
    _, hooks = api(appliance, '/api/webhooks')
    assert [h['url'] for h in hooks['hooks']] == ['http://192.168.1.30/earmark'], hooks


def test_earmark_lab_serve_as_typed(tmp_path):
    # `earmark lab --serve` (on a free port: 8090 may be taken here) serves the lab's page and
    # the MicroPython WebAssembly port it runs the appliance's modules in; Ctrl-C stops it.
    import time
    import urllib.request
    from conftest import free_port
    from earmark.harness import ctrl_c_able, interrupt
    port = free_port()
    proc = subprocess.Popen(earmark_cli() + ['lab', '--serve', '--port', str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            preexec_fn=ctrl_c_able)
    base = 'http://127.0.0.1:%d/' % port
    deadline = time.monotonic() + 120   # it builds the lab's files first
    try:
        while True:
            try:
                with urllib.request.urlopen(base, timeout=5) as r:
                    page = r.read().decode()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read()
                time.sleep(0.5)
        assert '<html' in page.lower(), page[:500]
        scripts = re.findall(r'src="([^"]+\.m?js)"', page)
        assert scripts, page[:2000]
        for script in scripts:
            with urllib.request.urlopen(base + script.lstrip('./'), timeout=10) as r:
                assert r.status == 200 and r.read(), script
    finally:
        stopped = interrupt(proc, 10)
        out = proc.stdout.read().decode()
    assert stopped and 'Traceback' not in out, out


def typed(tmp_path):
    """An environment in which bash runs `earmark` as typed: this tree's earmark.cli."""
    bin_dir = tmp_path / 'bin'
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / 'earmark'
    shim.write_text('#!/bin/sh\nexec %s -m earmark.cli "$@"\n' % sys.executable)
    shim.chmod(0o755)
    return dict(os.environ, PYTHONPATH=str(ROOT),
                PATH=os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent),
                                      os.environ['PATH']]))


def test_quiet_scenes_detected_and_scored_as_typed(tmp_path):
    # The README's three lines (quiet doorstep scenes, `earmark detect` on each in a shell loop,
    # `earmark evaluate-scenes`), on a smaller workload: one scene of one minute.
    from conftest import DATA
    assert (DATA / 'train' / 'manifest.csv').exists(), (
        'sound data not found at %s (set EARMARK_DATA)' % DATA)
    commands = [c for c in readme_commands() if 'build/quiet' in c]
    assert len(commands) == 3, commands
    script = '\n'.join(commands).replace('../shared/data', str(DATA)).replace(
        '--count 3 --minutes 8', '--count 1 --minutes 1')
    done = subprocess.run(['bash', '-e', '-c', script], cwd=tmp_path, env=typed(tmp_path),
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    quiet = tmp_path / 'build' / 'quiet'
    scenes = sorted(quiet.glob('*.wav'))
    assert len(scenes) == 1
    detected = [json.loads(line) for line in
                (quiet / (scenes[0].stem + '.detected.jsonl')).read_text().splitlines()]
    result = json.loads((quiet / 'result.json').read_text())
    assert result == json.loads(done.stdout.strip().splitlines()[-1])
    # The score counts what detect wrote and the scene's truth holds: a detection that
    # overlaps no true event is a false one.
    truth = [line.split('\t') for line in
             (quiet / (scenes[0].stem + '.tsv')).read_text().splitlines() if line.strip()]
    false = [e for e in detected if not any(
        e['start'] < float(b) and e['end'] > float(a) for a, b, _ in truth)]
    kind = result['kinds']['quiet']
    assert (kind['truth_events'], kind['detected_events'], kind['false_events']) == (
        len(truth), len(detected), len(false)), result
    assert all(sorted(e) == ['confidence', 'end', 'label', 'start'] for e in detected)


def test_earmark_build_for_a_board(tmp_path):
    # `earmark build --arch xtensawin`: the image an ESP32 takes, its code compiled for the
    # board (every .mpy's header names the xtensawin arch) and its ROM image.
    done = subprocess.run(earmark_cli() + ['build', '--arch', 'xtensawin'], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    folder = ROOT / 'build' / 'image-xtensawin'
    assert str(folder) in done.stdout or 'image-xtensawin' in done.stdout, done.stdout
    mpys = list(folder.rglob('*.mpy'))
    assert mpys and (ROOT / 'build' / 'image-xtensawin.romfs').stat().st_size > 0
    # .mpy header: b'M', version 6, then the native arch in the top bits of byte 2: xtensawin
    # (10) in every module with viper code, none (0) in the others.
    assert {m.read_bytes()[:2] for m in mpys} == {b'M\x06'}
    arches = {m.stem: m.read_bytes()[2] >> 2 for m in mpys}
    assert set(arches.values()) == {0, 10} and arches['similar'] == arches['level'] == 10, arches
    # `earmark build --model psram`: the PSRAM board's image, the same code with its bundle.
    done = subprocess.run(earmark_cli() + ['build', '--arch', 'xtensawin', '--model', 'psram'],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    psram = ROOT / 'build' / 'image-xtensawin-psram'
    assert 'image-xtensawin-psram.romfs' in done.stdout, done.stdout
    assert (psram / 'model' / 'cnn.bin').read_bytes() == (ROOT / 'models' / 'psram' /
                                                          'cnn.bin').read_bytes()
    done = subprocess.run(earmark_cli() + ['build', '--model', 'psarm'], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode != 0 and done.stderr.count('\n') == 1, done.stderr
    assert 'psarm: not a model bundle' in done.stderr


def test_earmark_run_https_as_typed(tmp_path):
    # `earmark run --https`: a self-signed certificate made beside the store (earmark-https/),
    # its SHA-256 printed, the API served over TLS with it.
    import hashlib
    import http.client
    import ssl
    import time
    from conftest import _device, free_port
    from earmark.harness import ctrl_c_able, interrupt
    _device('micropython')
    port = free_port()
    proc = subprocess.Popen(earmark_cli() + ['run', '--https', '--port', str(port), '--bind',
                                             '127.0.0.1', '--source', '-', '--data',
                                             str(tmp_path / 'my-store')], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, preexec_fn=ctrl_c_able)
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                context = ssl._create_unverified_context()
                conn = http.client.HTTPSConnection('127.0.0.1', port, timeout=5,
                                                   context=context)
                conn.connect()
                der = conn.sock.getpeercert(binary_form=True)
                conn.request('GET', '/api/health')
                status = conn.getresponse().status
                conn.close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
    finally:
        stopped = interrupt(proc, 10)
        out = proc.stdout.read().decode()
    assert stopped and status == 200, out
    assert (tmp_path / 'earmark-https').is_dir()
    sha = hashlib.sha256(der).hexdigest()
    assert sha[:16].lower() in out.replace(':', '').lower(), (sha, out)
