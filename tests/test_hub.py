"""`earmark hub pull` and `earmark hub sql` against three real appliances (MicroPython, each
with the demo scene heard on a few days): everything each device lists reaches the hub's Parquet
files once, edits and deletes follow, a failing device (wrong token, garbage, unreachable) is its
own line's error, tokens never show, and a device reset since the last pull starts a new epoch
beside the history already pulled. Ends with the reset, which changes a device."""
import csv
import http.server
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import numpy as np
import pytest

from earmark import ROOT
from earmark.harness import RealAppliance
from test_api import _need_micropython, assert_clean, call, every_event

FLEET = {'front': (2, 1), 'back': (3,), 'garage': (1,)}   # device: days the scene was heard


def start_fleet(folder, fleet=FLEET):
    _need_micropython()
    devs = {}
    try:
        for name, days in fleet.items():
            d = RealAppliance(folder / name)
            d.filled = d.fill(d.days_ago(days))
            d.start()
            devs[name] = d
    except BaseException:
        stop_fleet(devs)
        raise
    return devs


def stop_fleet(devs):
    for d in devs.values():
        assert_clean(d.stop())


def write_config(folder, devs, extra=(), page=None):
    """hub.toml for the devices (tokens in 0600 files) and `extra` (name, url, token) entries."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ['data = "data"'] + (['page = %d' % page] if page else [])
    entries = [(n, d.base, d.token) for n, d in devs.items()] + list(extra)
    for name, url, token in entries:
        tf = folder / (name + '.token')
        tf.write_text(token + '\n')
        tf.chmod(0o600)
        lines += ['[[devices]]', 'name = "%s"' % name, 'url = "%s"' % url,
                  'token_file = "%s"' % tf.name]
    path = folder / 'hub.toml'
    path.write_text('\n'.join(lines) + '\n')
    return path


def hub(*args, timeout=300):
    return subprocess.run([sys.executable, '-m', 'earmark.cli', 'hub'] + [str(a) for a in args],
                          cwd=str(ROOT), capture_output=True, text=True, timeout=timeout)


def pull(config):
    done = hub('pull', '--config', config)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(l) for l in done.stdout.splitlines()]
    for line in lines:
        assert set(line) == {'device', 'events', 'clips', 'cursor', 'error'}, line
    return {line['device']: line for line in lines}, done


def sql(config, query):
    done = hub('sql', '--config', config, query)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    return rows[0], rows[1:]


def held(config, device, epoch=1):
    """{id: (label, locked, start, end, has_clip)} of a device's live events in the hub."""
    _, rows = sql(config, "select id, label, locked, start, \"end\", has_clip from events "
                          "where device = '%s' and epoch = %d order by id" % (device, epoch))
    return {int(r[0]): (r[1], r[2] == 'True', float(r[3]), float(r[4]), r[5] == 'True')
            for r in rows}


def listed(dev):
    return {e['id']: (e['label'], e['locked'], e['start'], e['end'], e['has_clip'])
            for e in every_event(dev, limit=50)}


@pytest.fixture(scope='module')
def fleet(tmp_path_factory):
    devs = start_fleet(tmp_path_factory.mktemp('fleet'))
    yield devs
    stop_fleet(devs)


@pytest.fixture(scope='module')
def config(fleet, tmp_path_factory):
    return write_config(tmp_path_factory.mktemp('hub'), fleet, page=5)


def test_a_pull_holds_every_event_of_every_device_once(fleet, config):
    lines, done = pull(config)
    data = config.parent / 'data'
    for name, dev in fleet.items():
        assert lines[name]['error'] is None, lines[name]
        want = listed(dev)
        assert lines[name]['events'] == len(want) == len(dev.filled)
        assert held(config, name) == want
        clips = sorted((data / 'clips' / name).glob('1-*.wav'))
        assert lines[name]['clips'] == len(clips) == sum(e[4] for e in want.values()) > 0
        for c in clips:
            ident = int(c.stem.split('-')[1])
            status, _, body = call(dev, 'GET', '/api/events/%d/clip.wav' % ident)
            assert status == 200 and c.read_bytes() == body
        # one Parquet file per device and day, in the documented hive layout
        days = {p.parent.name for p in (data / 'events' / ('device=' + name)).glob(
            'date=*/part-*.parquet')}
        assert len(days) == len(list((data / 'events' / ('device=' + name)).iterdir()))
    # No duplicates, and DuckDB reads the files as they lie, as README says.
    _, rows = sql(config, 'select count(*), count(distinct (device, epoch, id)) from events')
    assert rows[0][0] == rows[0][1] == str(sum(len(d.filled) for d in fleet.values()))
    con = duckdb.connect()
    n = con.execute("select count(*) from read_parquet('%s/events/*/*/*.parquet', "
                    "hive_partitioning = true)" % data).fetchone()[0]
    assert n == int(rows[0][0])
    dims = con.execute("select distinct len(embedding) from read_parquet('%s/events/*/*/*."
                       "parquet')" % data).fetchall()
    assert dims == [(32,)]
    again, _ = pull(config)
    for name in fleet:
        assert (again[name]['events'], again[name]['clips']) == (0, 0)
        assert again[name]['cursor'] == lines[name]['cursor']


def test_the_readme_duckdb_example_reads_the_files_as_they_lie(fleet, config):
    pull(config)
    line = next(l for l in (ROOT / 'README.md').read_text().splitlines()
                if "read_parquet('hub-data/" in l)
    data = config.parent / 'data'
    done = subprocess.run(line.replace('hub-data', str(data)), shell=True, cwd=str(ROOT),
                          capture_output=True, text=True, env=dict(
                              os.environ, PATH='%s:%s' % (Path(sys.executable).parent,
                                                          os.environ['PATH'])))
    assert done.returncode == 0, done.stderr
    _, rows = sql(config, 'select device, label, count(*) n from events group by all '
                          'order by all')
    table = [l.strip('│ ').split('│') for l in done.stdout.splitlines() if l.count('│') == 4]
    assert [[c.strip() for c in r] for r in table[-len(rows):]] == rows


def test_edits_and_deletes_reach_the_hub(fleet, config):
    pull(config)
    front, back = fleet['front'], fleet['back']
    a, b = sorted(listed(front))[:2]
    for ident, body in ((a, {'label': 'siren'}), (b, {'locked': True})):
        assert call(front, 'PATCH', '/api/events/%d' % ident, json.dumps(body).encode(),
                    {'Content-Type': 'application/json'})[0] == 200
    gone = next(i for i, e in sorted(listed(back).items()) if e[4])   # one with a clip
    assert call(back, 'DELETE', '/api/events/%d' % gone)[0] == 204
    lines, _ = pull(config)
    assert all(line['error'] is None for line in lines.values())
    assert held(config, 'front') == listed(front)
    assert held(config, 'front')[a][0] == 'siren' and held(config, 'front')[b][1]
    assert held(config, 'back') == listed(back) and gone not in held(config, 'back')
    assert not (config.parent / 'data' / 'clips' / 'back' / ('1-%d.wav' % gone)).exists()


def answering(body):
    """An HTTP handler class that answers every GET with `body` (bytes)."""
    class Fixed(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass
    return Fixed


Garbage = answering(b'{"changes": 5, "cursor": "x"}')


def test_one_failing_device_never_stops_the_rest(fleet, tmp_path):
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Garbage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with __import__('socket').socket() as s:
            s.bind(('127.0.0.1', 0))
            closed = s.getsockname()[1]   # a port nobody listens on
        wrong = 'f' * len(fleet['front'].token)
        config = write_config(tmp_path, {'back': fleet['back']}, extra=[
            ('wrong-token', fleet['front'].base, wrong),
            ('garbage', 'http://127.0.0.1:%d' % server.server_address[1], 'secret-garbage'),
            ('offline', 'http://127.0.0.1:%d' % closed, 'secret-offline')])
        lines, done = pull(config)
    finally:
        server.shutdown()
    assert lines['back']['error'] is None and lines['back']['events'] == len(listed(fleet['back']))
    assert lines['wrong-token']['error'] == 'token refused (HTTP 401)'
    assert lines['garbage']['error'].startswith('answered garbage (not a change page) after 3')
    assert lines['offline']['error'].startswith('unreachable')
    for line in lines.values():
        assert '\n' not in (line['error'] or '')
    # the errors are kept in the device's manifest, the tokens nowhere
    status = json.loads((tmp_path / 'data' / 'devices' / 'garbage.json').read_text())['status']
    assert status['error'] == lines['garbage']['error']
    for token in (fleet['back'].token, wrong, 'secret-garbage', 'secret-offline'):
        assert token not in done.stdout + done.stderr
        for f in (tmp_path / 'data').rglob('*'):
            assert not f.is_file() or token.encode() not in f.read_bytes(), f


def test_a_device_that_never_answers_times_out_and_is_retried():
    from hub.config import Device
    from hub.feed import Client, FeedError
    with __import__('socket').socket() as s:
        s.bind(('127.0.0.1', 0))
        s.listen(8)   # accepts, never answers
        client = Client(Device('mute', 'http://127.0.0.1:%d' % s.getsockname()[1], 'x'),
                        timeout=0.3, tries=3, backoff=0.05)
        with pytest.raises(FeedError) as e:
            client.changes(None, 10)
    assert str(e.value) == 'unreachable (timed out) after 3 attempts' and e.value.retry


def test_an_unusable_config_is_one_line_and_exit_2(fleet, tmp_path):
    config = write_config(tmp_path, {'back': fleet['back']})
    (tmp_path / 'back.token').chmod(0o644)
    for text, fix in ((None, 'chmod 600'), ('data = 5\n', 'data = "FOLDER"'),
                      ('data = "d"\n[[devices]]\nname = "a b"\n', 'name must be'),
                      ('data = "d"\n[[devices]]\nname = "x"\nurl = "http://h"\ntoken = "t"\n',
                       'chmod 600'),
                      ('data = [\n', 'not TOML')):
        if text is not None:
            config.write_text(text)
            config.chmod(0o644)
        done = hub('pull', '--config', config)
        assert done.returncode == 2 and done.stdout == '', done
        assert len(done.stderr.splitlines()) == 1 and fix in done.stderr, done.stderr
        assert fleet['back'].token not in done.stderr


def serve(config):
    """`earmark hub serve` on a free port, pulling once an hour: (process, its base URL)."""
    proc = subprocess.Popen([sys.executable, '-m', 'earmark.cli', 'hub', 'serve', '--config',
                             str(config), '--port', '0', '--every', '3600'], cwd=str(ROOT),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, proc.stderr.readline().split()[3].rsplit('/api/', 1)[0]


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 0


def served(tmp_path_factory, name, fleet, extra=''):
    """A fleet pulled once (with `extra` config lines) and hub serve over it, until the tests
    that use it end: {'base', 'port', 'config', 'devs'}."""
    devs = start_fleet(tmp_path_factory.mktemp(name + 'fleet'), fleet)
    try:
        config = write_config(tmp_path_factory.mktemp(name + 'hub'), devs)
        with open(config, 'a') as f:
            f.write(extra)
        lines, _ = pull(config)
        assert all(line['error'] is None for line in lines.values()), lines
        proc, base = serve(config)
        try:
            yield {'base': base, 'port': int(base.rsplit(':', 1)[1]), 'config': config,
                   'devs': devs}
        finally:
            stop(proc)
    finally:
        stop_fleet(devs)


def test_serve_answers_devices_events_and_similar_across_devices(fleet, config):
    pull(config)
    proc, base = serve(config)
    try:
        def api(path):
            try:
                with urllib.request.urlopen(base + path, timeout=30) as r:
                    return r.status, json.loads(r.read())
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read())
        status, body = api('/api/devices')
        assert status == 200
        assert {d['device']: d['events'] for d in body['devices']} == {
            n: len(listed(d)) for n, d in fleet.items()}
        status, body = api('/api/events?device=back&limit=3')
        want = sorted(listed(fleet['back']).items(), key=lambda e: -e[1][2])[:3]
        assert [e['id'] for e in body['events']] == [i for i, _ in want]
        # similar across devices, against a brute force over every stored embedding
        _, rows = sql(config, "select device, epoch, id, embedding from events")
        keys = [(r[0], int(r[1]), int(r[2])) for r in rows]
        m = np.array([json.loads(r[3]) for r in rows], float)
        q = keys.index(('front', 1, min(listed(fleet['front']))))
        scores = m @ (m[q] * 127 / np.linalg.norm(m[q])) / (127 * 127)   # query at norm 127
        scores[q] = -9
        status, body = api('/api/similar?device=front&epoch=1&id=%d&k=5' % keys[q][2])
        assert status == 200
        got = [(e['device'], e['epoch'], e['id']) for e in body['events']]
        assert [round(e['similarity'], 3) for e in body['events']] == [
            round(s, 3) for s in sorted(scores, reverse=True)[:5]]
        assert set(got) <= set(keys) and keys[q] not in got
        assert len({d for d, _, _ in keys}) == 3
        assert api('/api/similar?device=front&id=999999')[0] == 404
        assert api('/api/similar?device=front&id=x')[0] == 400
    finally:
        stop(proc)


def test_a_reset_device_starts_a_new_epoch_beside_its_history(fleet, config):
    pull(config)
    garage = fleet['garage']
    before = held(config, 'garage')
    assert before
    garage.stop()
    shutil.move(str(garage.store), str(garage.store) + '.before-reset')
    garage.filled = garage.fill(garage.days_ago((2, 1)))   # a new store, more events than before
    garage.start()   # on another port, with another token
    write_config(config.parent, fleet, page=5)
    lines, _ = pull(config)
    assert 'reset detected' in lines['garage']['error'], lines['garage']
    assert lines['front']['error'] is None and lines['back']['error'] is None
    assert held(config, 'garage', epoch=1) == before        # kept, not overwritten
    assert held(config, 'garage', epoch=2) == listed(garage)
    again, _ = pull(config)
    assert again['garage']['error'] is None and again['garage']['events'] == 0
