"""The setup access point's page and form, served for real by the device code in MicroPython (from
the image, 128 KB heap) and CPython; its WPA2 password made and kept (wifi.ap_password). Opening
the access point itself needs an ESP32's `network.WLAN`, which the unix port lacks: its calls are
checked against a stand-in (`open_network` is handed the module), `setup_ap.run()` and
`wifi.start()` are not run here."""
import json
import re
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


def form_key(url):
    """The form's secret, as a phone gets it with the page."""
    with urllib.request.urlopen(url, timeout=10) as r:
        return re.search(r'name="key" value="([0-9a-f]{32})"', r.read().decode()).group(1)


def post(url, key=True, **fields):
    if key:
        fields['key'] = form_key(url) if key is True else key
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


def test_the_form_posts_only_with_its_secret(page):
    base, path, proc = page
    before = path.read_text()
    for key in (False, '', '0' * 32, form_key(base)[:-1]):
        status, html = post(base, key=key, ssid='evil', password='takeover1')
        assert status == 403 and 'expired' in html, (key, status)
    assert path.read_text() == before   # nothing written
    status, html = post(base, ssid='home', password='correct horse')
    assert status == 200 and json.loads(path.read_text())['wifi_ssid'] == 'home'
    proc.communicate(timeout=20)


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


PASSWORD = '''
import json, os, wifi
from config import Config
path = %(path)r
first = wifi.ap_password(path)
again = wifi.ap_password(path)
saved = json.load(open(path))
Config.ap_password = None
other = wifi.ap_password(%(other)r)
Config.ap_password = "short"
fixed = wifi.ap_password(%(other)r)
Config.ap_password = None
unsaved = wifi.ap_password(%(nowhere)r)
for _ in range(200):
    print(wifi.new_password())
print(json.dumps({"first": first, "again": again, "saved": saved, "other": other,
                  "fixed": fixed, "unsaved": unsaved}))
'''


def test_setup_password_is_random_per_device_and_kept(device, tmp_path):
    path = tmp_path / 'config.json'
    path.write_text(json.dumps({'wifi_ssid': 'home'}))
    out = device.run(PASSWORD % {'path': str(path), 'other': str(tmp_path / 'other.json'),
                                 'nowhere': str(tmp_path / 'no' / 'config.json')})
    lines = out.splitlines()
    got, many = json.loads(lines[-1]), lines[-201:-1]
    notes = '\n'.join(lines[:-201])
    shape = re.compile(r'^[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}$')
    assert shape.match(got['first']) and got['again'] == got['first']   # made once
    assert got['saved'] == {'wifi_ssid': 'home', 'ap_password': got['first']}   # kept on flash
    assert shape.match(got['other']) and got['other'] != got['first']   # another device
    assert shape.match(got['fixed']) and got['fixed'] != 'short'   # a WPA2 key has 8+
    assert json.loads((tmp_path / 'other.json').read_text())['ap_password'] == got['fixed']
    assert 'ap_password needs 8 to 63 characters' in notes
    assert shape.match(got['unsaved']) and 'setup password not saved' in notes
    assert all(shape.match(p) for p in many) and len(set(many)) == 200
    # Every character of the alphabet turns up, none more than chance allows (2400 draws of
    # 32: 75 each on average).
    counts = {c: ''.join(many).count(c) for c in 'abcdefghijkmnpqrstuvwxyz23456789'}
    assert min(counts.values()) > 35 and max(counts.values()) < 125, counts


OPEN = '''
import json, setup_ap
calls = []
class Network:
    AP_IF = 1
    AUTH_WPA2_PSK = 3
    class WLAN:
        def __init__(self, which):
            calls.append(["WLAN", which])
        def active(self, on):
            calls.append(["active", on])
        def config(self, **kw):
            calls.append(["config", kw])
        def ifconfig(self):
            return ("192.168.4.1", "255.255.255.0", "192.168.4.1", "0.0.0.0")
class Newer(Network):
    class WLAN(Network.WLAN):
        SEC_WPA2 = 3
del Network.AUTH_WPA2_PSK   # current firmware: only WLAN.SEC_WPA2
for network in (Newer, type("Older", (), {"AP_IF": 1, "AUTH_WPA2_PSK": 3, "WLAN": Network.WLAN})):
    address = setup_ap.open_network(network, "abcd-efgh-ijkm")
    print(json.dumps({"address": address, "calls": calls}))
    calls.clear()
'''


def test_access_point_is_wpa2_with_the_password(device):
    # The real `network` exists only on a board: a stand-in records what is asked of it.
    for out in device.json_lines(OPEN):
        assert out['address'] == '192.168.4.1'
        assert out['calls'] == [['WLAN', 1], ['active', True],
                                ['config', {'essid': 'earmark-setup', 'password': 'abcd-efgh-ijkm',
                                            'authmode': 3}]]
