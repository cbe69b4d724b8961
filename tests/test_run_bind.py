"""The appliance says where it really listens and where a phone can reach it, and `earmark run
--bind` chooses where that is (issue 26, item 5): in MicroPython (from the image) and CPython."""
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from earmark import detect, runtime
from earmark.harness import ctrl_c_able, interrupt
from conftest import RUNTIMES, free_port

ADDRESSES = '''
import appliance
for host, lan in (("0.0.0.0", "192.168.1.5"), ("0.0.0.0", ""), ("127.0.0.1", ""),
                  ("10.0.0.7", "")):
    print(appliance.addresses(host, 8080, lan))
print(appliance.lan_address())
'''


def test_addresses_name_the_bound_address_and_the_lan_one(device):
    lines = device.run(ADDRESSES).splitlines()
    everywhere, found, loopback, one, lan = lines
    assert everywhere == ('serving on all interfaces (0.0.0.0:8080): http://127.0.0.1:8080/ on '
                          'this computer, http://192.168.1.5:8080/ from a phone on the same '
                          'network')
    if device.name == 'micropython':   # the unix port has no getsockname(): earmark run tells it
        assert lan == 'None' and found.endswith('no LAN address found for phones')
    elif lan != 'None':   # CPython finds it as earmark run does (none on a host without a route)
        assert lan == detect.lan_address() and not lan.startswith('127.')
        assert found.endswith('http://%s:8080/ from a phone on the same network' % lan)
    assert loopback.startswith('serving on 127.0.0.1:8080 only: http://127.0.0.1:8080/ ')
    assert 'phones cannot reach it' in loopback
    assert one == 'serving on 10.0.0.7:8080: http://10.0.0.7:8080/'


def start(which, bind, port, data):
    earmark = str(Path(sys.executable).with_name('earmark'))
    argv = [earmark, 'run', '--runtime', which, '--port', str(port), '--source', '-', '--data',
            str(data)] + (['--bind', bind] if bind else [])
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, preexec_fn=ctrl_c_able)


def serving_line(proc):
    lines = []
    while True:
        line = proc.stdout.readline()
        assert line, 'the appliance ended early:\n' + ''.join(lines)
        lines.append(line)
        if line.startswith('earmark: serving on'):
            return line


def wait_health(proc, port):
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen('http://127.0.0.1:%d/api/health' % port, timeout=2) as r:
                assert r.status == 200
                return
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.2)


@pytest.mark.parametrize('which', RUNTIMES)
def test_run_binds_where_it_says(tmp_path, which, device_image):
    if which == 'micropython' and runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    port = free_port()
    proc = start(which, '127.0.0.1', port, tmp_path / 'events')
    try:
        line = serving_line(proc)
        assert 'serving on 127.0.0.1:%d only' % port in line, line
        wait_health(proc, port)
        lan = detect.lan_address()
        if lan:   # bound to loopback only: the LAN address does not answer
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((lan, port)) != 0
    finally:
        interrupt(proc, 10)
        proc.stdout.close()


@pytest.mark.parametrize('which', RUNTIMES)
def test_run_names_the_lan_address_for_phones(tmp_path, which, device_image):
    if which == 'micropython' and runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    lan = detect.lan_address()
    if lan is None:
        pytest.skip('this computer has no LAN address (no default route)')
    port = free_port()
    proc = start(which, None, port, tmp_path / 'events')   # the default: every interface
    try:
        line = serving_line(proc)
        assert 'http://%s:%d/ from a phone' % (lan, port) in line, line
        wait_health(proc, port)
        with urllib.request.urlopen('http://%s:%d/api/health' % (lan, port), timeout=5) as r:
            assert r.status == 200   # the address it names answers
    finally:
        interrupt(proc, 10)
        proc.stdout.close()
