"""The appliance with a damaged store (issue 26): it always starts, serves what it can read, and
names the damage in /api/status (fault store_damaged, storage.problems) instead of dying."""
import http.client
import json
import os

import pytest

from earmark import DEVICE, runtime
from earmark.harness import RealAppliance
from earmark.store_dump import store_module

MODEL = json.loads((DEVICE / 'model' / 'model.json').read_text())
LABELS = MODEL['labels']
DIM = MODEL['embedding']['dim']
CENTROIDS = (DEVICE / 'model' / MODEL['centroids']['file']).read_bytes()
T0 = 1735689600000


def make_store(folder, events=5, labels=LABELS):
    s = store_module().Store(str(folder), labels, DIM, centroids=CENTROIDS if labels == LABELS else None)
    for i in range(events):
        s.append(T0 + i * 60000, 1000, labels[i % len(labels)], 0.8, [],
                 bytes((i * 7 + j) % 200 for j in range(DIM)))
    return s


def call(app, path):
    conn = http.client.HTTPConnection('127.0.0.1', app.port, timeout=10)
    try:
        conn.request('GET', path, headers={'Authorization': 'Bearer ' + app.token})
        r = conn.getresponse()
        return r.status, json.loads(r.read() or b'null')
    finally:
        conn.close()


@pytest.fixture
def appliance(tmp_path):
    if runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    a = RealAppliance(tmp_path)
    yield a
    out = a.stop()
    assert 'Traceback' not in out, out[-4000:]


def test_both_copies_of_store_json_damaged_are_made_again_from_the_model(appliance):
    make_store(appliance.store)
    for name in ('store.json', 'store.bak'):
        path = appliance.store / name
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x04
        path.write_bytes(bytes(data))
    appliance.start()
    code, status = call(appliance, '/api/status')
    assert code == 200 and 'store_damaged' in status['faults'], status
    problems = status['storage']['problems']
    assert "store.json made again from the model's labels" in problems, problems
    code, page = call(appliance, '/api/events?limit=50')
    assert code == 200 and len(page['events']) == 5, page


def test_a_store_of_an_older_format_is_kept_aside_and_a_new_one_begun(appliance):
    make_store(appliance.store)
    cfg = appliance.store / 'store.json'
    cfg.write_text(json.dumps({'labels': LABELS, 'dim': DIM, 'format': 1}))
    before = sorted(os.listdir(appliance.store))
    appliance.start()
    code, status = call(appliance, '/api/status')
    assert code == 200 and status['storage']['events'] == 0, status
    assert any('moved to' in p and 'format 1' in p for p in status['storage']['problems']), status
    assert sorted(os.listdir(str(appliance.store) + '.old')) == before   # nothing of it lost
    code, page = call(appliance, '/api/events')
    assert code == 200 and page['events'] == [], page


def test_a_store_that_cannot_open_leaves_the_status_to_say_so(appliance):
    make_store(appliance.store, labels=['knock', 'bell'])   # not the model's labels
    appliance.start()
    code, status = call(appliance, '/api/status')
    assert code == 200 and status['storage'] is None, status
    assert 'store_error' in status['faults'], status
    code, body = call(appliance, '/api/events')
    assert code == 503, body


def test_the_page_shows_the_damage_and_the_events(appliance):
    """The Status sheet of a real appliance whose store met a flipped bit in an event record."""
    from playwright import sync_api as playwright_api
    s = make_store(appliance.store)
    seg = appliance.store / 's00000000.seg'
    data = bytearray(seg.read_bytes())
    data[-3] ^= 0x10   # inside the newest event's record
    seg.write_bytes(bytes(data))
    appliance.start()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path='/usr/bin/chromium',
                                    args=['--no-sandbox', '--disable-gpu'])
        try:
            page = browser.new_page(viewport={'width': 390, 'height': 844})
            page.goto(appliance.base + '/')
            page.fill('#tok', appliance.token)
            page.click('#tokform button')
            page.wait_for_selector('#tokdlg', state='hidden')   # the token was taken
            page.click('#statusbtn')
            page.wait_for_selector('#status[open]')
            text = page.inner_text('#sbody')
        finally:
            browser.close()
    assert 'store_damaged' in text and 'event %d damaged, skipped' % (s.usage()['next_id'] - 1) in text, text
    code, page = call(appliance, '/api/events?limit=50')
    assert code == 200 and len(page['events']) == 4, page   # the other four still served
