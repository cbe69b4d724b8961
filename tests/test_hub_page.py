"""The hub page (hub/page/, served at / by `earmark hub serve`) in Debian's Chromium driven by
Playwright at a phone viewport, against a real `hub serve` over a store filled by a real pull of
two real appliances (test_hub's fixtures). Every expectation is read from `hub sql` or the
hub's files, not from the page's own API answers, except the similar list (test_hub checks
/api/similar against a brute force). With the teacher and the sound data at hand the pull keeps
a second opinion, and the page is checked to show it beside the device's label."""
import http.client
import json
import urllib.parse
import wave
from datetime import datetime, timezone

import pytest

from earmark import ROOT
from test_hub import served, sql
from test_page import PHONE, browser, phone, shots   # noqa: F401 (fixtures)

FLEET = {'front': (2, 1), 'back': (1,)}   # both heard yesterday, only front the day before
DATA = ROOT.parent / 'shared' / 'data'


def second_opinion():
    """[second] for hub.toml when the teacher and the sound data are here, else ''."""
    from training import teacher
    try:
        teacher.Teacher()
    except teacher.TeacherError:
        return ''
    if not (DATA / 'train' / 'manifest.csv').is_file():
        return ''
    return '[second]\ndata = [%s]\n' % ', '.join(
        '"%s"' % (DATA / d) for d in ('train', 'other', 'negatives'))


@pytest.fixture(scope='module')
def hub(tmp_path_factory):
    extra = second_opinion()
    for served_hub in served(tmp_path_factory, 'page', FLEET, extra):
        yield dict(served_hub, second=bool(extra))


def held(hub, where=''):
    """The hub's live events as the page should list them: newest first."""
    head, rows = sql(hub['config'], 'select device, epoch, id, label, start, has_clip, '
                     'second_label, second_confidence, clip from events %s '
                     'order by start desc' % where)
    return [dict(zip(head, r)) for r in rows]


def day_of(t):
    return datetime.fromtimestamp(float(t), timezone.utc).strftime('%Y-%m-%d')


def on_day(hub, day, extra=''):
    start = datetime.strptime(day, '%Y-%m-%d').replace(tzinfo=timezone.utc).timestamp()
    return held(hub, 'where start >= %f and start < %f %s' % (start, start + 86400, extra))


def shown(page):
    page.wait_for_function('() => !document.getElementById("empty").hidden || '
                           'document.querySelectorAll("#list li").length > 0')
    return page.eval_on_selector_all('#list li', 'ls => ls.map(l => l.dataset.key)')


def keys(events):
    return ['%s/%s/%s' % (e['device'], e['epoch'], e['id']) for e in events]


def settle(page, want):
    """The list once it shows `want` (a choice reloads it; the old rows stay until then)."""
    page.wait_for_function('w => [...document.querySelectorAll("#list li")].map('
                           'l => l.dataset.key).join() === w', arg=','.join(want))
    return want


def test_the_page_lists_every_devices_events_of_the_newest_day(hub, phone, shots):
    phone.goto(hub['base'] + '/')
    newest = day_of(held(hub)[0]['start'])
    want = on_day(hub, newest)
    assert {e['device'] for e in want} == set(FLEET)   # both devices, in one list
    assert shown(phone) == keys(want)
    assert phone.input_value('#day') == newest
    # the device page's look: its stylesheet, its header, nothing wider than the phone
    assert phone.eval_on_selector('header', 'h => getComputedStyle(h).backgroundColor') == \
        'rgb(29, 36, 48)'
    width = phone.evaluate('() => document.documentElement.scrollWidth')
    assert width <= PHONE['viewport']['width']
    phone.screenshot(path=str(shots / 'hub.png'))
    first = phone.locator('#list li').first
    assert first.locator('.lbl').inner_text().splitlines()[0] == want[0]['label'].replace('_', ' ')
    assert first.locator('.dev').inner_text() == want[0]['device']
    # the devices sheet: each device and what the hub holds of it
    phone.click('#statusbtn')
    phone.wait_for_selector('#status[open] dd')
    text = phone.inner_text('#sbody')
    for name in FLEET:
        assert '%s\n%d events' % (name, len(held(hub, "where device = '%s'" % name))) in text
    phone.click('#sclose')


def test_filters_by_device_label_and_day(hub, phone):
    phone.goto(hub['base'] + '/')
    newest = day_of(held(hub)[0]['start'])
    shown(phone)
    phone.select_option('#device', 'back')
    settle(phone, keys(on_day(hub, newest, "and device = 'back'")))
    label = on_day(hub, newest, "and device = 'back'")[-1]['label']
    phone.click('#chips button[data-label="%s"]' % label)
    want = settle(phone, keys(on_day(hub, newest, "and device = 'back' and label = '%s'" % label)))
    assert want and all(l == label for l in phone.eval_on_selector_all(
        '#list li', 'ls => ls.map(l => l.dataset.label)'))
    phone.click('#chips button[data-label=""]')
    phone.select_option('#device', '')
    settle(phone, keys(on_day(hub, newest)))
    # the day before (front heard the scene then)
    phone.click('#prev')
    before = on_day(hub, day_of(float(held(hub)[0]['start']) - 86400))
    assert before
    settle(phone, keys(before))
    phone.fill('#day', '2001-01-01')
    phone.wait_for_function('() => !document.getElementById("empty").hidden')
    assert phone.locator('#list li').count() == 0


def test_a_clip_plays_and_similar_sounds_come_from_every_device(hub, phone, shots):
    phone.goto(hub['base'] + '/')
    shown(phone)
    newest = on_day(hub, day_of(held(hub)[0]['start']))
    ev = next(e for e in newest if e['has_clip'] == 'True')
    with wave.open(str(hub['config'].parent / 'data' / ev['clip'])) as w:
        seconds = w.getnframes() / w.getframerate()
    k = keys([ev])[0]
    phone.click('#list li[data-key="%s"] .play' % k)
    phone.wait_for_function('() => document.getElementById("player").currentTime > 0.1')
    assert phone.eval_on_selector('#player', 'a => a.duration') == pytest.approx(seconds, abs=0.05)
    # the sheet: the clip, then the similar sounds of every device, as /api/similar ranks them
    phone.click('#list li[data-key="%s"] .open' % k)
    phone.wait_for_function('() => document.getElementById("daudio").readyState >= 1')
    assert phone.eval_on_selector('#daudio', 'a => a.duration') == pytest.approx(seconds, abs=0.05)
    assert ev['device'] in phone.inner_text('#dmeta')
    phone.wait_for_function('() => document.querySelectorAll("#dsim li").length > 0')
    found = phone.evaluate('k => fetch("/api/similar?device=" + k[0] + "&epoch=" + k[1] + '
                           '"&id=" + k[2] + "&k=10").then(r => r.json())', k.split('/'))['events']
    close = [f for f in found if f['similarity'] >= 0.5]
    sims = phone.eval_on_selector_all('#dsim li', 'ls => ls.map(l => l.dataset.key)')
    assert sims == keys(close)
    phone.screenshot(path=str(shots / 'hub-event.png'))
    # the same scene, heard at both doors: the other door's hearing of this sound is close
    assert {f['device'] for f in close} >= set(FLEET) - {ev['device']}, (ev, close)
    assert k not in sims
    other = next(f for f in close if f['device'] != ev['device'] and f['has_clip'])
    phone.click('#dsim li[data-key="%s"] .play' % keys([other])[0])
    phone.wait_for_function('k => document.getElementById("player").src.endsWith(k)',
                            arg='/clips/%s/%d-%d.wav' % (other['device'], other['epoch'],
                                                         other['id']))
    phone.wait_for_function('() => document.getElementById("player").currentTime > 0.1')


def test_a_missing_clip_or_device_is_a_404_not_a_file(hub):
    host = urllib.parse.urlsplit(hub['base']).netloc
    for path in ('/clips/nobody/1-1.wav', '/clips/front/1-999999.wav', '/clips/../hub.toml',
                 '/clips/front/..%2f..%2fhub.toml', '/clips/front/../../hub.toml',
                 '/../hub.toml', '/%2e%2e/hub.toml', '/index.html', '//etc/passwd',
                 '/hub.js/../hub.toml', '/clips/front/1-1.wav/../../../hub.toml'):
        con = http.client.HTTPConnection(host, timeout=30)
        con.request('GET', path)   # sent as written: no client resolves the dots
        r = con.getresponse()
        assert (r.status, r.getheader('Content-Type')) == (404, 'application/json'), path
        assert 'error' in json.loads(r.read())
        con.close()


def test_the_second_opinion_stands_beside_the_devices_label(hub, phone):
    if not hub['second']:
        pytest.skip('no teacher or sound data here: the pull kept no second opinion')
    phone.goto(hub['base'] + '/')
    shown(phone)
    want = on_day(hub, day_of(held(hub)[0]['start']))
    assert all(e['second_label'] for e in want if e['has_clip'] == 'True')
    for e in want:
        li = phone.locator('#list li[data-key="%s"]' % keys([e])[0])
        if not e['second_label']:
            assert li.locator('.second').count() == 0
            continue
        tag = li.locator('.second')
        assert tag.inner_text() == 'hub: %s %d%%' % (
            e['second_label'].replace('_', ' '), round(float(e['second_confidence']) * 100))
        assert ('differs' in tag.get_attribute('class')) == (e['second_label'] != e['label'])
