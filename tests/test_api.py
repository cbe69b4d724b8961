"""Every endpoint of webui/openapi.json against the whole appliance (pipeline, store, server)
running in real MicroPython from the image, with every error path. Answers are checked against
the spec. The store holds what the pipeline detected in the demo scene, heard on nine days; the
microphone (standard input) hears a quiet room and, when a test plays one, a recording
(earmark/harness.py). Heap: RealAppliance.heap, what the appliance needs in the MicroPython
that runs it (earmark/detect.py; README, "Heap").
"""
import http.client
import io
import json
import math
import socket
import struct
import threading
import time
import wave
from concurrent.futures import ThreadPoolExecutor

import pytest

from earmark.harness import LIVE_SOUND, RealAppliance
from earmark import runtime
from spec import check

DAYS = range(9, 0, -1)   # more events than a page of 50 (the demo scene makes 6)
LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']


def _need_micropython():
    if runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')


def serving(folder, days, heap=None):
    """The appliance (in `heap`, or its default) with the demo scene heard on `days` (days back),
    until the module's tests are done; its output must be clean."""
    _need_micropython()
    app = RealAppliance(folder, heap=heap)
    app.filled = app.fill(app.days_ago(days))
    app.start()
    try:
        yield app
    finally:
        out = app.stop()
    assert_clean(out)


@pytest.fixture(scope='module')
def dev(tmp_path_factory):
    yield from serving(tmp_path_factory.mktemp('api'), DAYS)


def assert_clean(out):
    """No traceback but Microdot's note of a request it could not parse (Request.create)."""
    for block in out.split('Traceback (most recent call last):')[1:]:
        assert 'in create' in block and 'MemoryError' not in block, block


def call(dev, method, path, body=None, headers=None, token=True, timeout=30):
    conn = http.client.HTTPConnection('127.0.0.1', dev.port, timeout=timeout)
    try:
        h = {}
        if token:
            h['Authorization'] = 'Bearer ' + (dev.token if token is True else token)
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def get(dev, path, **kw):
    status, headers, body = call(dev, 'GET', path, **kw)
    assert headers['content-type'].startswith('application/json'), headers
    return status, json.loads(body)


def error(dev, method, path, status, **kw):
    got, headers, body = call(dev, method, path, **kw)
    assert got == status, (method, path, got, body[:300])
    check('Error', json.loads(body))
    return json.loads(body)['error']


def every_event(dev, query='', limit=17):
    """All events by following the cursor, checking each page against the spec."""
    found, cursor = [], None
    while True:
        q = query + '&limit=%d' % limit + ('&before=' + cursor if cursor else '')
        status, page = get(dev, '/api/events?' + q)
        assert status == 200
        check('EventPage', page)
        assert len(page['events']) <= limit
        found += page['events']
        cursor = page['next']
        if cursor is None:
            return found
        assert len(page['events']) == limit


def wav_bytes(samples, rate=16000, channels=1, width=2):
    buf = io.BytesIO()
    with wave.open(buf, 'wb') as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(samples)
    return buf.getvalue()


def tone(freq, seconds=0.5, rate=16000):
    return wav_bytes(b''.join(struct.pack('<h', int(8000 * math.sin(2 * math.pi * freq * i / rate)))
                              for i in range(int(seconds * rate))), rate)


# ---- reading


def test_status(dev):
    status, s = get(dev, '/api/status')
    assert status == 200
    check('Status', s)
    assert s['runtime'] == 'micropython' and s['source'] == 'stdin'
    assert s['model']['labels'] == LABELS and s['sample_rate'] == 16000
    # Deleted events count until retention drops their segment (openapi.json): the pipeline
    # deletes an event it stored on opening when it turns out shorter than the minimum.
    assert s['storage']['events'] >= len(dev.filled) > 50
    assert s['storage']['clips'] == len([e for e in dev.filled if e['has_clip']]) > 0
    # No `overruns == 0`: on standard input an overrun is audio arriving over a second behind
    # the wall clock, which a loaded machine makes (earmark bench api reports them).
    assert s['faults'] == []
    # Plain HTTP, and a host opens no setup network (tests/test_https.py, the page test).
    assert s['tls_sha256'] is None and s['setup_wifi'] is None
    assert 0 < s['storage']['used'] <= s['storage']['total']
    assert 0 < s['heap_used'] and s['heap_used'] + s['heap_free'] <= 1024 * int(dev.heap[:-1])


def test_list_is_newest_first_and_pages_cover_everything(dev):
    events = every_event(dev)
    assert len(events) == len(dev.filled)
    ids = [e['id'] for e in events]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(events)
    starts = [e['start'] for e in events]
    assert starts == sorted(starts, reverse=True)
    status, page = get(dev, '/api/events')
    assert len(page['events']) == 50 and page['events'] == events[:50]  # default limit
    assert page['next'] == str(events[49]['id'])
    status, page = get(dev, '/api/events?limit=40&before=' + page['next'])
    assert page['events'] == events[50:90]


def test_filters_agree_with_the_full_list(dev):
    events = every_event(dev)
    lo, hi = events[len(events) * 3 // 4]['start'], events[len(events) // 5]['start']
    common = max(LABELS, key=lambda l: sum(e['label'] == l for e in events))
    middle = sorted(e['confidence'] for e in events)[len(events) // 2]
    # the three filters at once, with values that leave some of the events and not all
    recent = [e for e in events if e['start'] >= lo]
    label = max(LABELS, key=lambda l: sum(e['label'] == l for e in recent))
    confident = sorted(e['confidence'] for e in recent if e['label'] == label)
    floor = confident[len(confident) // 2]
    cases = {
        'label=' + common: lambda e: e['label'] == common,
        'min_confidence=%s' % middle: lambda e: e['confidence'] >= middle,
        'start=%s&end=%s' % (lo, hi): lambda e: lo <= e['start'] < hi,
        'start=%s&label=%s&min_confidence=%s' % (lo, label, floor):
            lambda e: e['start'] >= lo and e['label'] == label and e['confidence'] >= floor,
        'end=%s' % hi: lambda e: e['start'] < hi,
    }
    for query, keep in cases.items():
        want = [e for e in events if keep(e)]
        assert 0 < len(want) < len(events), query
        assert every_event(dev, query, limit=9) == want, query


@pytest.mark.parametrize('query', [
    'start=abc', 'start=-1', 'start=nan', 'start=inf', 'start=', 'start=1e400',
    'end=10000000000', 'end=9999999999.5', 'label=cat', 'label=', 'min_confidence=1.5',
    'min_confidence=-0.1', 'min_confidence=nan', 'min_confidence=x', 'limit=0', 'limit=101',
    'limit=5.5', 'limit=+5', 'limit=%205', 'before=x', 'before=-3', 'before=12345678901234',
])
def test_list_refuses_bad_parameters(dev, query):
    name = query.split('=')[0]
    assert name in error(dev, 'GET', '/api/events?' + query, 400)


def test_event_detail(dev):
    status, page = get(dev, '/api/events?limit=3')
    for ev in page['events']:
        status, got = get(dev, '/api/events/%d' % ev['id'])
        assert status == 200 and check('Event', got) == ev


@pytest.mark.parametrize('ident,status', [
    ('abc', 400), ('-1', 400), ('1.5', 400), ('%201', 400), ('0x10', 400), ('1e3', 400),
    ('999999', 404), ('99999999999999999999999', 404),
])
def test_bad_event_ids(dev, ident, status):
    for suffix in ('', '/clip.wav', '/similar'):
        error(dev, 'GET', '/api/events/' + ident + suffix, status)
    error(dev, 'DELETE', '/api/events/' + ident, status)
    error(dev, 'PATCH', '/api/events/' + ident, status, body=b'{"locked": true}',
          headers={'Content-Type': 'application/json'})


def test_clip_is_a_streamed_wav(dev):
    events = every_event(dev)
    ev = next(e for e in events if e['has_clip'])
    status, headers, body = call(dev, 'GET', '/api/events/%d/clip.wav' % ev['id'])
    assert status == 200 and headers['content-type'] == 'audio/wav'
    assert int(headers['content-length']) == len(body)
    with wave.open(io.BytesIO(body)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
        # the event, from half a second before its onset
        assert w.getnframes() >= (ev['end'] - ev['start'] + 0.4) * 8000
        samples = w.readframes(w.getnframes())
    assert max(abs(v) for v in struct.unpack('<%dh' % (len(samples) // 2), samples)) > 1000
    status, headers, body = call(dev, 'HEAD', '/api/events/%d/clip.wav' % ev['id'])
    assert status == 200 and body == b'' and int(headers['content-length']) > 8000
    # Nine days of the demo scene overflow the clip budget: old clips made room.
    without = [e for e in events if not e['has_clip']]
    assert without
    assert 'no clip' in error(dev, 'GET', '/api/events/%d/clip.wav' % without[0]['id'], 404)


def twins(ev, events):
    """The same sound heard on the other days of the fill: same label, same time of day."""
    return [e for e in events if e['id'] != ev['id'] and e['label'] == ev['label']
            and abs((e['start'] - ev['start']) % 86400 - 43200) > 43199]


def test_similar(dev):
    events = every_event(dev)
    ev = events[len(events) // 2]
    status, res = get(dev, '/api/events/%d/similar' % ev['id'])
    assert status == 200
    check('SimilarList', res)
    found = res['events']
    assert len(found) == 10 and ev['id'] not in [e['id'] for e in found]
    sims = [e['similarity'] for e in found]
    assert sims == sorted(sims, reverse=True)
    # The same sound stored on other days comes first, and is all but identical.
    same = {e['id'] for e in twins(ev, events)}
    assert len(same) >= 3 and {e['id'] for e in found[:len(same)]} == same, (ev, found)
    # Identical int8 vectors, each rounded to norm 127: their cosine is 0.98-1.0, not exactly 1.
    assert min(sims[:len(same)]) >= 0.98
    status, res = get(dev, '/api/events/%d/similar?k=3' % ev['id'])
    assert len(res['events']) == 3
    for k in ('0', '51', 'x', '-1', ''):
        assert 'k' in error(dev, 'GET', '/api/events/%d/similar?k=%s' % (ev['id'], k), 400)


LOW_SOUNDS = ('dog_bark', 'speech', 'door_knock', 'footsteps', 'baby_crying')


def test_search_with_a_recording(dev):
    """A recording sent to /api/search goes through the device's own pipeline (its 8 kHz clip
    through the device's resampler, as a phone's recording would): the same sound as a stored
    event finds that event (and its twins) among the first."""
    events = every_event(dev)
    # The stored clip is 8 kHz: a sound heard mostly below 4 kHz comes back as the same sound
    # (breaking glass or a siren loses what made it that).
    ev = next(e for e in events if e['label'] in LOW_SOUNDS and e['has_clip']
              and e['end'] - e['start'] >= 1.0)
    _, _, clip = call(dev, 'GET', '/api/events/%d/clip.wav' % ev['id'])
    with wave.open(io.BytesIO(clip)) as w:
        assert w.getframerate() == 8000
    # Sent as it is stored: the device resamples it to 16 kHz. (Each sample twice, as this test
    # once sent it, mirrors the band below 4 kHz into the one above: round 28's default found
    # such a knock nearer a speech event of the scene than its own.)
    status, headers, data = call(dev, 'POST', '/api/search?k=5', clip,
                                 {'Content-Type': 'audio/wav'})
    assert status == 200, data
    res = check('SimilarList', json.loads(data))
    assert res['query']['label'] in LABELS and len(res['events']) == 5
    sims = [e['similarity'] for e in res['events']]
    assert sims == sorted(sims, reverse=True)
    same = {e['id'] for e in twins(ev, events)} | {ev['id']}
    assert same & {e['id'] for e in res['events']}, (ev, res)


def test_search_refuses_bad_bodies(dev):
    wav = {'Content-Type': 'audio/wav'}
    path = '/api/search'
    error(dev, 'POST', path, 415, body=tone(440), headers={'Content-Type': 'text/plain'})
    error(dev, 'POST', path, 415, body=b'RIFF', headers={'Content-Type': 'application/json'})
    error(dev, 'POST', path, 400, body=b'', headers=wav)
    error(dev, 'POST', path, 400, body=b'not a wav at all', headers=wav)
    error(dev, 'POST', path, 400, body=bytes(range(256)) * 200, headers=wav)  # 50 KB of junk
    # 8 to 48 kHz, mono or stereo, are taken (tests/test_search_rates.py); not beyond.
    error(dev, 'POST', path, 400, body=wav_bytes(b'\0' * 3200, rate=96000), headers=wav)
    error(dev, 'POST', path, 400, body=wav_bytes(b'\0' * 3600, channels=3), headers=wav)
    error(dev, 'POST', path, 400, body=wav_bytes(b'\0' * 3200, width=1), headers=wav)
    error(dev, 'POST', path, 400, body=tone(440)[:30], headers=wav)  # cut in the header
    error(dev, 'POST', path + '?k=0', 400, body=tone(440), headers=wav)
    # Larger than the upload limit: refused before the body is read.
    assert 'larger than' in error(dev, 'POST', path, 413, body=None,
                                  headers=dict(wav, **{'Content-Length': str(400 * 1024)}))
    status, _, _ = call(dev, 'GET', '/api/health', token=False)
    assert status == 200


# ---- changing


def test_relabel_lock_delete(dev):
    events = every_event(dev)
    ev = next(e for e in events[1:] if e['label'] != 'siren' and e['has_clip'])
    day = int(ev['start'] // 86400 * 86400)
    stats = '/api/stats?bucket=day&start=%d&end=%d' % (day, day + 86400)

    def counts():
        return get(dev, stats)[1]['buckets'][0]['counts']
    before = counts()
    json_type = {'Content-Type': 'application/json'}
    status, _, body = call(dev, 'PATCH', '/api/events/%d' % ev['id'], b'{"label": "siren"}',
                           json_type)
    assert status == 200 and check('Event', json.loads(body))['label'] == 'siren'
    assert get(dev, '/api/events/%d' % ev['id'])[1]['label'] == 'siren'
    assert ev['id'] in [e['id'] for e in every_event(dev, 'label=siren', limit=50)]
    after = counts()
    assert after.get('siren', 0) == before.get('siren', 0) + 1
    assert after.get(ev['label'], 0) == before[ev['label']] - 1

    status, _, body = call(dev, 'PATCH', '/api/events/%d' % ev['id'],
                           b'{"locked": true, "label": "siren"}', json_type)
    assert status == 200 and json.loads(body)['locked'] is True
    assert 'locked' in error(dev, 'DELETE', '/api/events/%d' % ev['id'], 409)
    assert get(dev, '/api/events/%d' % ev['id'])[1]['locked'] is True
    status, _, body = call(dev, 'PATCH', '/api/events/%d' % ev['id'], b'{"locked": false}',
                           json_type)
    assert status == 200 and json.loads(body)['locked'] is False
    status, _, body = call(dev, 'DELETE', '/api/events/%d' % ev['id'])
    assert status == 204 and body == b''
    error(dev, 'GET', '/api/events/%d' % ev['id'], 404)
    error(dev, 'GET', '/api/events/%d/clip.wav' % ev['id'], 404)
    error(dev, 'DELETE', '/api/events/%d' % ev['id'], 404)
    assert ev['id'] not in [e['id'] for e in every_event(dev)]
    assert counts().get('siren', 0) == before.get('siren', 0)
    similar = get(dev, '/api/events/%d/similar?k=50' % events[0]['id'])[1]['events']
    assert ev['id'] not in [e['id'] for e in similar]


@pytest.mark.parametrize('body,ctype,status', [
    (b'{"label": "siren"}', 'text/plain', 415),
    (b'{"label": "siren"}', None, 415),
    (b'{"label": "cat"}', 'application/json', 400),
    (b'{"label": 3}', 'application/json', 400),
    (b'{"locked": "yes"}', 'application/json', 400),
    (b'{"locked": 1}', 'application/json', 400),
    (b'{"colour": "red"}', 'application/json', 400),
    (b'{"label": "siren", "x": 1}', 'application/json', 400),
    (b'{}', 'application/json', 400),
    (b'[]', 'application/json', 400),
    (b'"siren"', 'application/json', 400),
    (b'null', 'application/json', 400),
    (b'{"label": ', 'application/json', 400),
    (b'\xff\xfe{', 'application/json', 400),
    (b'[' * 1000, 'application/json', 400),
    (b'', 'application/json', 400),
    (b'{"label": "siren", "pad": "' + b'x' * 2000 + b'"}', 'application/json', 413),
])
def test_patch_refuses_bad_bodies(dev, body, ctype, status):
    ev = get(dev, '/api/events?limit=1')[1]['events'][0]
    headers = {'Content-Type': ctype} if ctype else {}
    error(dev, 'PATCH', '/api/events/%d' % ev['id'], status, body=body, headers=headers)
    assert get(dev, '/api/events/%d' % ev['id'])[1] == ev  # nothing changed


# ---- stats


def test_stats_count_what_the_list_holds(dev):
    events = every_event(dev)
    for bucket, size in (('hour', 3600), ('day', 86400)):
        start = int(events[-1]['start'] // size * size)
        end = int(events[0]['start'] // size * size) + size
        status, res = get(dev, '/api/stats?bucket=%s&start=%d&end=%d' % (bucket, start, end))
        assert status == 200
        check('Stats', res)
        assert (res['bucket'], res['start'], res['end']) == (bucket, start, end)
        want = {}
        for e in events:
            b = want.setdefault(int(e['start'] // size * size), {})
            b[e['label']] = b.get(e['label'], 0) + 1
        assert {b['start']: b['counts'] for b in res['buckets']} == want
        starts = [b['start'] for b in res['buckets']]
        assert starts == sorted(starts)
    status, res = get(dev, '/api/stats')  # defaults: hourly, everything
    assert res['bucket'] == 'hour' and sum(sum(b['counts'].values()) for b in res['buckets']) \
        == len(events)
    status, res = get(dev, '/api/stats?start=100&end=50')
    assert status == 200 and res['buckets'] == []


@pytest.mark.parametrize('query', ['bucket=week', 'bucket=', 'start=x', 'start=-5', 'end=inf',
                                   'end=1e11'])
def test_stats_refuse_bad_parameters(dev, query):
    assert query.split('=')[0] in error(dev, 'GET', '/api/stats?' + query, 400)


# ---- level history and Arrow export


@pytest.fixture(scope='module')
def hist_dev(tmp_path_factory):
    """An appliance (in its default heap) with the demo scene heard on three days."""
    yield from serving(tmp_path_factory.mktemp('history'), range(3, 0, -1))


def levels(dev, query):
    status, res = get(dev, '/api/levels?' + query)
    assert status == 200, res
    check('Levels', res)
    assert res['columns'][:3] == ['t', 'step', 'n']
    return res


def test_levels_agree_across_resolutions(hist_dev):
    """The scene heard on three days: its 10 s rows, and the coarser rows made from them by the
    device's roll-ups, give the same counts, extremes and (exact) means."""
    now = int(time.time())
    start, end = now - 4 * 86400, now
    fine = levels(hist_dev, 'start=%d&end=%d&points=100000' % (start, end))['rows']
    assert fine and all(r[1] == 10 for r in fine)
    assert [r[0] for r in fine] == sorted(set(r[0] for r in fine))
    assert sum(r[13] for r in fine) > 0   # events sounded in some 10 s rows
    for points, step in ((4 * 1440, 60), (4 * 96, 900), (4 * 24, 3600), (4, 86400)):
        res = levels(hist_dev, 'start=%d&end=%d&points=%d' % (start, end, points))
        assert res['rows'] and all(r[1] == step for r in res['rows']), (points, res['rows'][:2])
        for r in res['rows']:
            inside = [f for f in fine if r[0] <= f[0] < r[0] + step]
            assert r[2] == len(inside), (step, r, len(inside))
            assert r[3] == min(f[3] for f in inside) and r[5] == max(f[5] for f in inside)
            assert abs(r[4] - sum(f[4] for f in inside) / len(inside)) < 0.006
            assert r[6] == max(f[6] for f in inside)
            assert r[13] == any(f[13] for f in inside)
    default = levels(hist_dev, '')   # the last day at 15 minutes
    assert default['end'] - default['start'] == 86400 and default['history'] is True
    assert levels(hist_dev, 'start=%d&end=%d' % (end, start))['rows'] == []   # backwards: none


def test_level_history_in_the_default_heap(dev):
    """The appliance keeps its level history in the heap it runs in by default (the load test
    runs it in the frozen 32-bit build's 128 KB)."""
    now = int(time.time())
    res = levels(dev, 'start=%d&end=%d' % (now - 30 * 86400, now))
    assert res['history'] is True and res['rows']
    assert arrow(dev, 'what=levels').num_rows > 0


@pytest.mark.parametrize('query', ['points=0', 'points=x', 'points=100001', 'start=-1',
                                   'end=inf'])
def test_levels_refuse_bad_parameters(hist_dev, query):
    assert error(hist_dev, 'GET', '/api/levels?' + query, 400)


def arrow(hist_dev, query):
    import pyarrow as pa
    status, headers, body = call(hist_dev, 'GET', '/api/export.arrow?' + query)
    assert status == 200, body[:200]
    assert headers['content-type'] == 'application/vnd.apache.arrow.stream'
    table = pa.ipc.open_stream(body).read_all()
    table.validate(full=True)
    return table


def test_arrow_export_of_events_is_the_event_list(hist_dev):
    events = every_event(hist_dev)[::-1]   # oldest first
    table = arrow(hist_dev, 'what=events')
    assert table.column('id').to_pylist() == [e['id'] for e in events]
    assert table.column('label').to_pylist() == [e['label'] for e in events]
    starts = table.column('start').cast('int64').to_pylist()
    assert [round(t / 1000, 3) for t in starts] == [e['start'] for e in events]
    assert table.column('locked').to_pylist() == [e['locked'] for e in events]
    assert table.schema.field('embedding').type.list_size == 32
    assert all(v is not None for v in table.column('embedding').to_pylist())
    assert arrow(hist_dev, 'what=events&start=10&end=20').num_rows == 0   # an empty range


def test_arrow_export_of_levels_is_the_levels_answer(hist_dev):
    now = int(time.time())
    query = 'start=%d&end=%d&points=3000' % (now - 4 * 86400, now)
    rows = levels(hist_dev, query)['rows']
    table = arrow(hist_dev, 'what=levels&' + query)
    assert table.num_rows == len(rows)
    assert table.column('t').cast('int64').to_pylist() == [r[0] for r in rows]
    assert table.column('n').to_pylist() == [r[2] for r in rows]
    for col, k in (('level_min', 3), ('level_mean', 4), ('peak_max', 6), ('score', 11)):
        got = table.column(col).to_pylist()
        assert all(abs(a - b) < 0.006 for a, b in zip(got, [r[k] for r in rows])), col
    assert table.column('label').to_pylist() == [r[12] or '' for r in rows]
    assert table.column('event').to_pylist() == [r[13] for r in rows]


@pytest.mark.parametrize('query', ['', 'what=clips', 'what=events&points=0',
                                   'what=levels&points=x'])
def test_arrow_export_refuses_bad_parameters(hist_dev, query):
    assert error(hist_dev, 'GET', '/api/export.arrow?' + query, 400)


# ---- live


def sse_messages(dev, path, count, timeout=10, until=None, headers=''):
    """Opens the stream and returns (status, [(event, data)]) once count messages came, or
    sooner, with a message of kind `until`."""
    sock = socket.create_connection(('127.0.0.1', dev.port), timeout=timeout)
    try:
        sock.sendall(('GET %s HTTP/1.0\r\n%s\r\n' % (path, headers)).encode())
        f = sock.makefile('rb')
        status = int(f.readline().split()[1])
        headers = {}
        for line in iter(f.readline, b'\r\n'):
            k, v = line.decode().split(':', 1)
            headers[k.strip().lower()] = v.strip()
        if status != 200:
            return status, headers, json.loads(f.read())
        messages, kind = [], None
        while len(messages) < count:
            line = f.readline().decode()
            if line.startswith('event: '):
                kind = line[7:].strip()
            elif line.startswith('data: '):
                messages.append((kind, json.loads(line[6:])))
                if kind == until:
                    break
        return status, headers, messages
    finally:
        sock.close()


def ticket(dev):
    """A live-stream ticket, asked for with the token as the page does."""
    status, body = get_ticket(dev)
    assert status == 200, body
    return check('LiveTicket', body)['ticket']


def get_ticket(dev, **kw):
    status, headers, body = call(dev, 'POST', '/api/live/ticket', **kw)
    return status, json.loads(body)


def test_live_sends_levels_and_new_events(dev):
    status, headers, messages = sse_messages(dev, '/api/live?ticket=' + ticket(dev), 2)
    assert status == 200 and headers['content-type'] == 'text/event-stream'
    assert [k for k, _ in messages] == ['level', 'level']
    for _, data in messages:
        check('Level', data)
    newest = get(dev, '/api/events?limit=1')[1]['events'][0]['id']
    got = []
    t = threading.Thread(target=lambda: got.append(
        sse_messages(dev, '/api/live?ticket=' + ticket(dev), 30, until='event')))
    t.start()
    time.sleep(1)
    dev.play(LIVE_SOUND)
    t.join(30)
    events = [data for kind, data in got[0][2] if kind == 'event']
    assert events, got
    ev = check('Event', events[0])
    assert ev['label'] in LABELS and ev['id'] == newest + 1
    assert abs(ev['start'] - time.time()) < 30      # heard now, on the wall clock
    stored = get(dev, '/api/events/%d' % ev['id'])[1]
    assert (stored['label'], stored['start']) == (ev['label'], ev['start'])


def test_live_opens_with_a_ticket_once_never_with_the_token_in_the_url(dev):
    assert get_ticket(dev, token=False)[0] == 401
    assert get_ticket(dev, token='wrong')[0] == 401
    assert sse_messages(dev, '/api/live', 1)[0] == 401
    assert sse_messages(dev, '/api/live?token=' + dev.token, 1)[0] == 401   # the old way
    assert sse_messages(dev, '/api/live?ticket=' + dev.token, 1)[0] == 401
    assert sse_messages(dev, '/api/live?ticket=' + '0' * 32, 1)[0] == 401
    once = ticket(dev)
    assert sse_messages(dev, '/api/live?ticket=' + once, 1)[0] == 200
    assert sse_messages(dev, '/api/live?ticket=' + once, 1)[0] == 401   # spent
    first = [ticket(dev) for _ in range(5)]   # the device keeps the 4 newest
    assert sse_messages(dev, '/api/live?ticket=' + first[0], 1)[0] == 401
    assert sse_messages(dev, '/api/live?ticket=' + first[-1], 1)[0] == 200
    # A client that can send headers (curl) needs no ticket.
    status, _, messages = sse_messages(dev, '/api/live', 1, headers='Authorization: Bearer %s\r\n'
                                       % dev.token)
    assert status == 200 and len(messages) == 1, (status, messages)


def test_live_streams_are_bounded(dev):
    def hold(n):
        """n open streams and their statuses; each 200 one has had a message (a client that
        leaves while the headers are being written is only noticed after LIVE_STALL)."""
        held = []
        for _ in range(n):
            s = socket.create_connection(('127.0.0.1', dev.port), timeout=10)
            s.sendall(('GET /api/live?ticket=%s HTTP/1.0\r\n\r\n' % ticket(dev)).encode())
            f = s.makefile('rb')
            status = int(f.readline().split()[1])
            while status == 200 and not f.readline().startswith(b'data: '):
                pass
            held.append((s, f, status))
        return held

    def release(held):
        for s, f, _ in held:
            f.close()
            s.close()
    # Streams closed by earlier tests are noticed at their next write (a level a second).
    deadline = time.monotonic() + 25
    while True:
        streams = hold(4)  # Config.max_live
        if all(status == 200 for _, _, status in streams):
            break
        release(streams)
        assert time.monotonic() < deadline, [status for _, _, status in streams]
        time.sleep(1)
    try:
        status, _, body = sse_messages(dev, '/api/live?ticket=' + ticket(dev), 1)
        assert status == 503 and 'live streams' in body['error']
    finally:
        release(streams)
    deadline = time.monotonic() + 25
    while True:
        streams = hold(1)
        release(streams)
        if streams[0][2] == 200:
            break
        assert time.monotonic() < deadline, 'live streams were not released'
        time.sleep(1)


# ---- auth and malformed requests

GUARDED = [('GET', '/api/status'), ('GET', '/api/events'), ('GET', '/api/events/1'),
           ('PATCH', '/api/events/1'), ('DELETE', '/api/events/1'),
           ('GET', '/api/events/1/clip.wav'), ('GET', '/api/events/1/similar'),
           ('POST', '/api/search'), ('GET', '/api/stats'), ('GET', '/api/live'),
           ('POST', '/api/live/ticket'), ('GET', '/api/levels'), ('GET', '/api/export.arrow')]


@pytest.mark.parametrize('method,path', GUARDED)
def test_every_guarded_endpoint_needs_the_token(dev, method, path):
    for token, query in ((False, ''), ('wrong', ''), ('', ''), (False, '?token=' + dev.token)):
        status, headers, body = call(dev, method, path + query, token=token)
        assert status == 401 and headers['www-authenticate'] == 'Bearer', (method, path, token)
        check('Error', json.loads(body))
    status, _, _ = call(dev, method, path, token='x' * 1500)  # longer than a header line may be
    assert status in (400, 401)


@pytest.mark.parametrize('raw', [
    b'GARBAGE\r\n\r\n', b'GET /api/status\r\n\r\n', b'GET /api/status HTTP/1.0\r\nNoColon\r\n\r\n',
    b'POST /api/search HTTP/1.0\r\nContent-Length: abc\r\n\r\n',
    b'POST /api/search HTTP/1.0\r\nContent-Length: -5\r\n\r\n',
    b'GET /api/health HTTP/1.0\r\nContent-Length: -1\r\n\r\n',
    b'\r\n\r\n', b'\x00\xff\xfe\r\n\r\n',
])
def test_malformed_requests_get_4xx_and_the_server_goes_on(dev, raw):
    sock = socket.create_connection(('127.0.0.1', dev.port), timeout=10)
    try:
        sock.sendall(raw)
        answer = sock.recv(4096)
    except ConnectionResetError:
        answer = b''  # closed with the rest of the request unread
    finally:
        sock.close()
    if answer:
        assert answer.split()[1] in (b'400', b'401', b'413'), answer
    assert call(dev, 'GET', '/api/health', token=False)[0] == 200


def test_idle_connections_do_not_hold_the_server(dev):
    """Connections that send nothing (a browser's preconnect) never take a request slot; each
    is answered 408 and closed after Config.head_timeout (5 s) and everybody else is served
    meanwhile. Before, two were enough to keep every client waiting."""
    idle = [socket.create_connection(('127.0.0.1', dev.port), timeout=30) for _ in range(3)]
    try:
        time.sleep(0.5)
        assert call(dev, 'GET', '/api/health', token=False, timeout=30)[0] == 200
        for sock in idle:
            answer = sock.recv(4096)
            assert answer.split()[1] == b'408', answer
            assert sock.recv(4096) == b''   # and closed
    finally:
        for sock in idle:
            sock.close()


def settled_heap(dev):
    """The lowest of three readings of the appliance's heap over 1.5 s. One reading can come out
    3-6 KB high (a request's or a chunk's buffers still held when it is taken); a leak shows in
    every reading."""
    readings = []
    for _ in range(3):
        time.sleep(0.5)
        readings.append(get(dev, '/api/health', token=False)[1]['heap_used'])
    return min(readings)


def test_heap_is_flat_after_the_error_paths(dev):
    ev = get(dev, '/api/events?limit=1')[1]['events'][0]['id']
    paths = ['/api/events?limit=0', '/api/events/abc', '/api/events/%d/similar?k=0' % ev,
             '/api/stats?bucket=x', '/api/events/999999/clip.wav']

    def errors():
        for p in paths:
            call(dev, 'GET', p)
        call(dev, 'PATCH', '/api/events/%d' % ev, b'{', {'Content-Type': 'application/json'})
        call(dev, 'POST', '/api/search', b'junk', {'Content-Type': 'audio/wav'})
    errors()   # the first time loads the modules a search needs (embedwav, resample): kept
    before = settled_heap(dev)
    for _ in range(20):
        errors()
    assert settled_heap(dev) - before < 2048


# ---- load

LOAD_REQUESTS = 10000
LOAD_CLIENTS = 16


@pytest.fixture(scope='module')
def busy(tmp_path_factory):
    """The appliance hearing a recording every few seconds while the clients call."""
    _need_micropython()
    app = RealAppliance(tmp_path_factory.mktemp('load'))
    app.fill(app.days_ago(range(3, 0, -1)))
    app.start()
    app.play_every(4.0)
    try:
        yield app
    finally:
        app.output = app.stop()


def test_load_16_clients_10000_requests(busy, capsys):
    """16 clients on list, detail, similar and stats while the pipeline hears and stores sounds:
    every answer 200 and the pipeline detecting; then, with nothing new heard, more requests
    leave the heap as they found it (new events legitimately grow the store's index, requests
    must not). Overruns are printed, not asserted: the microphone plays in real time, so a
    machine busy with other work makes them (earmark bench api measures them side by side)."""
    events = every_event(busy, limit=100)
    ids = [e['id'] for e in events]
    day = int(events[0]['start'] // 86400 * 86400)
    paths = ['/api/events?limit=20', '/api/events/%d', '/api/events/%d/similar?k=5',
             '/api/stats?bucket=hour&start=%d&end=%d' % (day - 86400, day + 86400)]

    def heap():
        return get(busy, '/api/health', token=False)[1]['heap_used']

    def load(count, statuses):
        lock = threading.Lock()

        def client(n):
            for i in range(n, count, LOAD_CLIENTS):
                p = paths[i % 4]
                if '%d' in p and 'stats' not in p:
                    p = p % ids[i % len(ids)]
                try:
                    status, _, body = call(busy, 'GET', p, timeout=60)
                except OSError as exc:
                    status = repr(exc)
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
        with ThreadPoolExecutor(LOAD_CLIENTS) as pool:
            list(pool.map(client, range(LOAD_CLIENTS)))
    for p in paths:  # warm up: first use compiles the route patterns
        call(busy, 'GET', p % ids[0] if '%d' in p and 'stats' not in p else p)
    heap_before = heap()
    statuses = {}
    t0 = time.monotonic()
    load(LOAD_REQUESTS, statuses)
    sent = LOAD_REQUESTS
    # A fast machine can finish before the sounds played so far made an event (the first ones
    # played need not be recognised): the load goes on in short rounds until one is detected.
    while get(busy, '/api/status')[1]['events_detected'] == 0 and time.monotonic() - t0 < 180:
        load(400, statuses)
        sent += 400
    wall = time.monotonic() - t0
    heap_loaded = heap()
    status = get(busy, '/api/status')[1]
    busy.quiet()
    detected = status['events_detected']
    time.sleep(8)      # the last sound played ends and its event closes
    while get(busy, '/api/status')[1]['events_detected'] != detected:
        detected = get(busy, '/api/status')[1]['events_detected']
        time.sleep(4)
    heap_quiet = settled_heap(busy)
    load(LOAD_REQUESTS // 5, statuses)
    heap_after = settled_heap(busy)
    final = get(busy, '/api/status')[1]
    with capsys.disabled():
        print('\n  load: %d requests by %d clients in %.1f s; statuses %s; heap %d -> %d bytes '
              'with %d events detected meanwhile; %d more requests, nothing heard: heap %d -> %d;'
              ' overruns %d' % (sent, LOAD_CLIENTS, wall, statuses, heap_before,
                                heap_loaded, status['events_detected'], LOAD_REQUESTS // 5,
                                heap_quiet, heap_after, final['overruns']))
    if statuses != {200: sent + LOAD_REQUESTS // 5}:
        # A request of ~12,000 now and then times out (cause not found yet): keep what the
        # appliance logged, so the failure says where it went.
        raise AssertionError('statuses %s; the appliance logged:\n%s' % (
            statuses, busy.stop()[-6000:]))
    assert status['events_detected'] > 0  # the pipeline really was detecting meanwhile
    assert final['events_detected'] == detected
    assert heap_after - heap_quiet < 2048
    assert_clean(busy.stop())
