"""The setup access point's page and form, served for real by the device code in MicroPython (from
the image, 128 KB heap) and CPython. Opening the access point itself needs an ESP32's
`network.WLAN`, which the unix port lacks: `setup_ap.run()` and wifi.py are not run here."""
import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import RUNTIMES, free_port
from earmark import runtime

# As on a board, the answer goes out before the restart (here: the server stops).
SERVE = '''
import asyncio
import setup_ap
web = None
async def stop():
    await asyncio.sleep(setup_ap.RESTART_DELAY_S)
    web.shutdown()
def saved():
    print('saved')
    asyncio.create_task(stop())
web = setup_ap.app(%r, saved)
web.run(host='127.0.0.1', port=%d)
print('stopped')
'''


@pytest.fixture(params=RUNTIMES)
def page(request, device_image, tmp_path):
    if request.param == 'micropython' and runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    path = tmp_path / 'config.json'
    path.write_text(json.dumps({'i2s_sd': 5, 'wifi_ssid': 'old', 'wifi_password': 'oldpassword'}))
    port = free_port()
    argv, env, cwd = runtime.command(request.param, ['-c', SERVE % (str(path), port)])
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = 'http://127.0.0.1:%d/' % port
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base, timeout=2).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read()
            time.sleep(0.1)
    try:
        yield base, path, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()


def post(url, **fields):
    data = urllib.parse.urlencode(fields).encode()
    try:
        with urllib.request.urlopen(url, data=data, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_setup_page_saves_the_wifi_and_keeps_the_rest(page):
    base, path, proc = page
    with urllib.request.urlopen(base, timeout=10) as r:
        html = r.read().decode()
    assert r.status == 200 and r.headers['Content-Type'].startswith('text/html')
    assert '<form method="post">' in html and 'name="ssid"' in html and 'name="password"' in html
    assert 'oldpassword' not in html  # the page never shows what is stored

    before = path.read_text()
    status, html = post(base, ssid='home', password='short')
    assert status == 400 and '8 to 63 characters' in html
    status, html = post(base, ssid='', password='')
    assert status == 400 and '1 to 32 bytes' in html
    status, html = post(base, ssid='x' * 33)
    assert status == 400
    assert path.read_text() == before  # a refused form changes nothing

    status, html = post(base, ssid='Home <WiFi> é', password='correct horse')
    assert status == 200 and 'Saved' in html
    assert json.loads(path.read_text()) == {'i2s_sd': 5, 'wifi_ssid': 'Home <WiFi> é',
                                            'wifi_password': 'correct horse'}
    out, _ = proc.communicate(timeout=20)
    assert 'saved' in out and 'stopped' in out and 'Traceback' not in out, out


def test_open_network_is_saved_without_a_password(page):
    base, path, proc = page
    status, _ = post(base, ssid='cafe')
    assert status == 200
    config = json.loads(path.read_text())
    assert config['wifi_ssid'] == 'cafe' and config['wifi_password'] is None
    proc.communicate(timeout=20)


def test_wifi_needs_a_board(mpy):
    # The unix port has no `network`: main.py starts wifi.py only on a board (and the appliance
    # tests, which start main.py in micropython, show it does not try here).
    out = mpy.run('import wifi\ntry:\n    wifi.join("home", None)\nexcept ImportError as e:\n'
                  '    print("ImportError", e)')
    assert out.startswith('ImportError')
