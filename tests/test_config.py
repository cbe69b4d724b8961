"""The device's default settings, their overrides, and the hardware guide that documents them."""
import ast
import json
import re

import pytest

from earmark import DEVICE, ROOT


def test_defaults_and_overrides(device, tmp_path):
    path = tmp_path / 'settings.json'
    path.write_text(json.dumps({'wifi_ssid': 'home', 'i2s_sd': 5, 'port': 8080}))
    out = device.json_lines('''
import json
from config import Config
print(json.dumps([Config.i2s_sck, Config.i2s_ws, Config.i2s_sd, Config.microphone,
                  Config.wifi_ssid, Config.ap_fallback, Config.port]))
Config.load(%r)
print(json.dumps([Config.wifi_ssid, Config.i2s_sd, Config.port]))
''' % str(path))
    assert out == [[14, 13, 4, 'inmp441', None, True, 80], ['home', 5, 8080]]


@pytest.mark.parametrize('content, message', [
    ('{"wifi_sid": "typo"}', 'unknown setting'),
    ('{"load": 1}', 'unknown setting'),
    ('{"port": "80"}', "setting 'port' must be int"),
    ('{"port": 8080, "i2s_sd": "4"}', "setting 'i2s_sd' must be int"),
    ('{"microphone": "ics43434"}', "setting 'microphone' must be 'inmp441' or 'sph0645'"),
    ('{"sample_rate": 16000}', 'unknown setting'),     # not a setting: the device runs at 16 kHz
    ('[1]', 'must hold a JSON object'),
    ('{', 'not valid JSON'),
])
def test_bad_overrides_are_clear_errors(device, tmp_path, content, message):
    path = tmp_path / 'settings.json'
    path.write_text(content)
    out = device.run('''
from config import Config
try:
    Config.load(%r)
except ValueError as e:
    print("ValueError:", e)
print(Config.port)
''' % str(path))
    assert 'ValueError: ' in out and message in out
    assert out.strip().endswith('80')


def test_hardware_guide_wiring_matches_the_default_pins():
    source = (DEVICE / 'config.py').read_text()
    pins = {name: int(re.search(r'^\s+i2s_%s = (\d+)' % name, source, re.M).group(1))
            for name in ('sck', 'ws', 'sd')}
    guide = (ROOT / 'hardware' / 'README.md').read_text()
    for name, gpio in pins.items():
        # The wiring table has one row per microphone pin: `| SCK | GPIO 14 | ...`.
        row = re.search(r'^\|\s*%s\b[^|]*\|\s*GPIO\s*(\d+)' % name.upper(), guide, re.M | re.I)
        assert row and int(row.group(1)) == gpio, (name, gpio)
    diagram = (ROOT / 'hardware' / 'wiring.svg').read_text()
    for name, gpio in pins.items():
        assert 'GPIO %d' % gpio in diagram


def test_update_merges_and_refuses_bad_changes(device, tmp_path):
    path = tmp_path / 'config.json'
    out = device.run('''
import config
print(config.update(%r, {'i2s_sd': 5}) == {'i2s_sd': 5})
print(config.update(%r, {'wifi_ssid': 'home'}) == {'i2s_sd': 5, 'wifi_ssid': 'home'})
try:
    config.update(%r, {'port': 'eighty'})
except ValueError as e:
    print('ValueError:', e)
''' % ((str(path),) * 3))
    assert out.splitlines()[:2] == ['True', 'True']
    assert "ValueError: setting 'port' must be int" in out
    assert json.loads(path.read_text()) == {'i2s_sd': 5, 'wifi_ssid': 'home'}


def test_every_setting_is_read_by_device_code():
    """A setting nothing reads would be a promise the device does not keep (as sample_rate and
    microphone once were): each Config field is read as Config.<name> in the device's code."""
    config = ast.parse((DEVICE / 'config.py').read_text())
    body = next(n for n in config.body if isinstance(n, ast.ClassDef) and n.name == 'Config').body
    fields = [n.targets[0].id for n in body if isinstance(n, ast.Assign)]
    read = set()
    for path in DEVICE.rglob('*.py'):
        if path.name == 'config.py':
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == 'Config' and isinstance(node.ctx, ast.Load)):
                read.add(node.attr)
    assert len(fields) > 25 and 'microphone' in fields
    assert [f for f in fields if f not in read] == []
