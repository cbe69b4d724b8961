"""The timeline page in a real browser (Debian's Chromium driven by Playwright) at a phone viewport.

RUNS AGAINST A FAKE until the appliance API lands: tests/fake_api.py serves the built page and the
endpoints of webui/openapi.json over in-memory events, and checks every JSON response and every
query the page sends against that spec. Switch the `api` fixture to the real appliance (fed a scene)
once the store, pipeline and endpoints exist.

Screenshots go to pytest's temporary folder; `EARMARK_SCREENSHOTS=1` writes them to docs/ for the
README instead (kept out of ordinary runs so tests do not dirty the work tree).
"""
import gzip
import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from earmark import ROOT, webui_build

from fake_api import FakeAPI

playwright_api = pytest.importorskip('playwright.sync_api', reason='pip install playwright')
CHROMIUM = Path('/usr/bin/chromium')
ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run']
PHONE = {'viewport': {'width': 390, 'height': 844}, 'device_scale_factor': 2, 'is_mobile': True,
         'has_touch': True, 'timezone_id': 'UTC', 'locale': 'en-GB'}
TOKEN = 'c0ffee' * 5 + 'ab'
DOCS = ROOT / 'docs'

TODAY = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)


def at(hour, minute, day=0):
    return (TODAY + timedelta(days=day, hours=hour, minutes=minute)).timestamp()


# (id, start, label, confidence, has clip, embedding): today's doorstep, and one event yesterday.
SCENE = [
    (1, at(7, 2), 'door_knock', 0.81, True, (1, 0.2)),
    (2, at(7, 40), 'footsteps', 0.66, True, (0.1, 1)),
    (3, at(8, 15), 'doorbell', 0.93, True, (1, 0)),
    (4, at(9, 30), 'dog_bark', 0.88, True, (0, -1)),
    (5, at(9, 31), 'dog_bark', 0.74, False, (0.1, -1)),
    (6, at(12, 5), 'speech', 0.71, True, (-1, 0.3)),
    (7, at(12, 6), 'doorbell', 0.58, True, (0.9, 0.1)),
    (8, at(16, 45), 'car_horn', 0.62, True, (-0.5, -0.5)),
    (9, at(18, 20), 'dog_bark', 0.91, True, (0.2, -1)),
    (10, at(21, 0, day=-1), 'siren', 0.77, True, (-1, -1)),
]


@pytest.fixture(scope='module')
def browser():
    if not CHROMIUM.exists():
        pytest.skip('Debian chromium is not installed (tools/system-packages.txt)')
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def api():
    page_gz = gzip.compress(webui_build.page().encode(), mtime=0)
    with FakeAPI(TOKEN, page_gz) as fake:
        for id, start, label, conf, clip, emb in SCENE:
            fake.add(id, start, label, conf, clip=clip, embedding=emb,
                     runners_up=[('door_knock' if label != 'door_knock' else 'doorbell',
                                  round(1 - conf, 2) / 2)])
        yield fake
        assert fake.errors == [], fake.errors


@pytest.fixture
def phone(browser):
    """A phone-sized page; tests take it after `api`, so the page closes before the API stops."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.problems = []  # script errors and console errors: none are expected unless a test says
    page.on('pageerror', lambda exc: page.problems.append(str(exc)))
    page.on('console', lambda m: page.problems.append(m.text) if m.type == 'error' else None)
    yield page
    context.close()
    assert page.problems == [], page.problems


def rows(page):
    return page.locator('#list li')


def login(page, api):
    page.goto(api.base + '/')
    page.fill('#tok', TOKEN)
    page.click('#tokform button')
    today = sum(1 for e in SCENE if e[1] >= TODAY.timestamp())
    page.wait_for_function('n => document.querySelectorAll("#list li").length === n', arg=today)
    return today


@pytest.fixture
def shots(tmp_path):
    return DOCS if os.environ.get('EARMARK_SCREENSHOTS') else tmp_path


def test_timeline_on_a_phone(api, phone, shots):
    page = phone
    today = login(page, api)

    # The day strip has a mark per event, the histogram has bars per label and hour.
    assert page.locator('#strip rect').count() == today
    # The histogram comes from /api/stats, fetched alongside the list.
    page.wait_for_function('n => Number(document.getElementById("hist").dataset.total) === n',
                           arg=today)
    first = rows(page).first
    assert first.get_attribute('data-label') == 'dog_bark'  # newest first
    assert '18:20:00' in first.inner_text() and '91%' in first.inner_text()

    # Filter by label, then back to all.
    page.click('#chips button[data-label="dog_bark"]')
    page.wait_for_function('() => { const li = [...document.querySelectorAll("#list li")];'
                           ' return li.length === 3 && li.every(x => x.dataset.label === "dog_bark"); }')
    page.click('#chips button[data-label=""]')
    page.wait_for_function('n => document.querySelectorAll("#list li").length === n', arg=today)

    # Filter by day: yesterday holds one siren.
    page.click('#prev')
    page.wait_for_function('() => document.querySelectorAll("#list li").length === 1')
    assert rows(page).first.get_attribute('data-label') == 'siren'
    page.click('#next')
    page.wait_for_function('n => document.querySelectorAll("#list li").length === n', arg=today)

    # Event detail: the clip is fetched with the token and plays.
    page.click('#list li[data-id="3"] .open')
    page.wait_for_selector('#detail[open]')
    page.wait_for_function('() => document.getElementById("daudio").src.startsWith("blob:")')
    page.evaluate('() => document.getElementById("daudio").play()')
    page.wait_for_function('() => document.getElementById("daudio").currentTime > 0.1')
    assert page.eval_on_selector('#daudio', 'a => a.duration') == pytest.approx(0.6, abs=0.01)

    # Similar sounds: listed most similar first, and playable.
    page.wait_for_selector('#dsim li[data-id]')
    similar = [li.get_attribute('data-id') for li in page.locator('#dsim li[data-id]').all()]
    assert similar[:2] == ['7', '1'], similar  # the other doorbell, then the knock
    page.click('#dsim li[data-id="7"] .play')
    page.wait_for_function('() => document.getElementById("simaudio").currentTime > 0.1')

    # Relabel and lock; both reach the device and survive a reload.
    page.select_option('#dsel', 'door_knock')
    page.click('#dform button[type=submit]')
    page.wait_for_function('() => document.querySelector("#list li[data-id=\\"3\\"]")'
                           '.dataset.label === "door_knock"')
    page.check('#dlock')
    deadline = time.monotonic() + 10
    while not api.snapshot()[3]['locked'] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert api.snapshot()[3] == dict(api.snapshot()[3], label='door_knock', locked=True)
    page.click('#dclose')
    page.reload()
    page.wait_for_selector('#list li[data-id="3"]')  # no token prompt: it is kept
    assert not page.is_visible('#tokdlg')
    row3 = page.locator('#list li[data-id="3"]')
    assert row3.get_attribute('data-label') == 'door_knock' and 'kept' in row3.inner_text()

    # A new event arrives over SSE without a reload.
    page.wait_for_function('() => document.getElementById("live").classList.contains("on")')
    api.push(11, at(19, 5), 'glass_breaking', 0.84, clip=True, embedding=(-1, 1))
    page.wait_for_selector('#list li[data-id="11"].new')
    assert rows(page).first.get_attribute('data-id') == '11'
    page.wait_for_function('n => Number(document.getElementById("hist").dataset.total) === n',
                           arg=today + 1)
    assert page.locator('#strip rect').count() == today + 1
    # The sound level arrives over the same stream.
    page.wait_for_function('() => document.getElementById("level").textContent === "-52 dB"')

    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / 'timeline.png'))

    page.click('#list li[data-id="11"] .open')
    page.wait_for_selector('#dsim li[data-id]')
    page.wait_for_function('() => document.getElementById("daudio").src.startsWith("blob:")')
    page.screenshot(path=str(shots / 'event.png'))
    page.click('#dclose')

    # Status view.
    page.click('#statusbtn')
    page.wait_for_selector('#status[open]')
    status = page.inner_text('#sbody')
    for words in ('Storage', '402.3 KB of 1024.0 KB', 'Heap', 'fake-model', '16000 Hz',
                  '-48.5 dBFS', 'none'):
        assert words in status, (words, status)

    # Nothing the page asked for went past the spec, and /api/live used the query token only.
    live = [p for m, p in api.requests if p.startswith('/api/live')]
    assert live and all('token=' + TOKEN in p for p in live)
    assert not [p for m, p in api.requests if 'token=' in p and not p.startswith('/api/live')]


def test_wrong_token_is_asked_again(api, phone):
    page = phone
    page.goto(api.base + '/')
    page.fill('#tok', 'not-the-token')
    page.click('#tokform button')
    page.wait_for_function('() => document.getElementById("tokmsg").textContent'
                           '.includes("did not accept")')
    assert page.is_visible('#tokdlg')
    assert page.evaluate('() => localStorage.getItem("earmark.token")') is None
    page.fill('#tok', TOKEN)
    page.click('#tokform button')
    page.wait_for_selector('#list li')
    # Chromium logs the refused request itself; that one is expected here.
    refused = 'Failed to load resource: the server responded with a status of 401 (Unauthorized)'
    assert page.problems == [refused]
    page.problems.clear()


def test_page_fits_the_budget():
    raw, packed = webui_build.page_size()
    print('\n  page: %d bytes minified, %d bytes gzipped' % (raw, packed))
    assert packed <= webui_build.PAGE_BUDGET
