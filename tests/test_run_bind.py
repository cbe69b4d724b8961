"""`earmark run` says where it really listens, and --bind chooses it (issue 26, item 5)."""
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from earmark import detect
from earmark.harness import ctrl_c_able, interrupt
from conftest import free_port


def test_addresses_name_the_bound_address_and_the_lan_one():
    text = detect.addresses('0.0.0.0', 8080)
    assert '0.0.0.0:8080' in text and 'http://127.0.0.1:8080/' in text
    lan = detect.lan_address()
    if lan:
        assert 'http://%s:8080/' % lan in text and not lan.startswith('127.')
    text = detect.addresses('127.0.0.1', 8080)
    assert 'http://127.0.0.1:8080/' in text and 'phones cannot' in text
    assert 'http://192.168.1.5:80/' in detect.addresses('192.168.1.5', 80)


def test_run_binds_where_it_says(tmp_path):
    port = free_port()
    earmark = str(Path(sys.executable).with_name('earmark'))
    proc = subprocess.Popen([earmark, 'run', '--runtime', 'cpython', '--bind', '127.0.0.1',
                             '--port', str(port), '--source', '-', '--data',
                             str(tmp_path / 'events')], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=ctrl_c_able)
    try:
        first = proc.stdout.readline()
        assert 'listening on 127.0.0.1:%d only' % port in first, first
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen('http://127.0.0.1:%d/api/health' % port,
                                            timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        lan = detect.lan_address()
        if lan:   # bound to loopback only: the LAN address does not answer
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((lan, port)) != 0
    finally:
        interrupt(proc, 10)
        proc.stdout.close()
