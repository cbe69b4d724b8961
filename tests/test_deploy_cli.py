"""`earmark deploy` as a user types it, against the unix port's REPL behind socat and mpremote's
socket:// (../shared/ENVIRONMENT.md). The unix port stands in for a board, and BOOT gives it
what it lacks: its root is a folder (the board's flash), `vfs.rom_ioctl` serves a ROM partition
kept in a file, `machine.reset()` ends the process (socat starts a new one, a board's reboot),
and on booting with code in its ROM and main.py on its flash it prints the line device/wifi.py
(or setup_ap.py) prints: the deploy reads the board's address from that console after the
reset. Everything else is the real deploy: survey, ROM image written with `mpremote romfs
deploy`, files copied, config and token written, reset, address read."""
import json
import re
import shutil
import subprocess
import sys
import time

import pytest

from bundles import edited
from conftest import free_port
from earmark import DEVICE, deploy, image, runtime

ROM_SIZE = 512 * 1024   # a board's ROM partition

BOOT = r'''
import sys, os, vfs as real_vfs, machine as real_machine
ROM_FILE, ROM_SIZE, BOARD = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    rom_file = open(ROM_FILE, 'r+b')    # opened before the root moves to the board's folder
    rom = bytearray(rom_file.read())
    real_vfs.umount('/')
    real_vfs.mount(real_vfs.VfsPosix(BOARD), '/')
    os.chdir('/')
    assert 'board.txt' in os.listdir('/')
except BaseException as e:
    # Never a REPL whose root is the host's (-i starts one even after sys.exit): the deploy
    # would write there. No file system at all instead.
    print('boot failed:', repr(e))
    for mount in ('/', '/'):
        try:
            real_vfs.umount(mount)
        except OSError:
            pass
    raise


def rom_ioctl(op, *args):
    if op == 1:
        return 1                    # partitions
    if op == 2:
        return rom                  # the partition, as a buffer
    if op == 6:
        return 4096                 # erase block
    if op == 3:                     # prepare (offset, length) or (length): erase
        offset, length = args[1:] if len(args) == 3 else (0, args[1])
        rom[offset:offset + length] = b'\xff' * length
        return 4                    # smallest write
    if op == 4:
        offset, buf = args[1], args[2]
        rom[offset:offset + len(buf)] = buf
        return 0
    if op == 5:                     # done: to flash
        rom_file.seek(0)
        rom_file.write(rom)
        rom_file.flush()
        return 0
    return -22


class Module:
    def __init__(self, real, **more):
        for name in dir(real):
            if not name.startswith('__'):
                setattr(self, name, getattr(real, name))
        for name, value in more.items():
            setattr(self, name, value)


def reset():
    sys.exit(0)


sys.modules['vfs'] = Module(real_vfs, rom_ioctl=rom_ioctl)
sys.modules['machine'] = Module(real_machine, reset=reset)

if rom.startswith(b'\xd2\xcd\x31') and 'main.py' in os.listdir('/'):
    import json
    with open('config.json') as f:
        ssid = json.load(f).get('wifi_ssid')
    if ssid:
        print('earmark: address http://192.0.2.7/')
    else:
        print("earmark: setup page http://192.168.4.1/ on WiFi 'earmark-setup' (password 'x')")
'''


def _listening(port):
    import socket
    with socket.socket() as s:
        return s.connect_ex(('127.0.0.1', port)) == 0


@pytest.fixture
def board(tmp_path):
    if shutil.which('socat') is None:
        pytest.skip('socat is not installed (tools/system-packages.txt)')
    binary = runtime.micropython_binary()
    if binary is None:
        pytest.skip('micropython is not installed on this platform')
    root = tmp_path / 'board'
    root.mkdir()
    (root / 'board.txt').write_text('the stand-in board\'s flash')   # what BOOT checks
    rom = tmp_path / 'rom.bin'
    rom.write_bytes(b'\xff' * ROM_SIZE)
    boot = tmp_path / 'boot.py'
    boot.write_text(BOOT)
    port = free_port()
    command = '%s -X heapsize=4M -i %s %s %d %s' % (binary, boot, rom, ROM_SIZE, root)
    proc = subprocess.Popen(['socat', 'TCP-LISTEN:%d,bind=127.0.0.1,reuseaddr,fork' % port,
                             'EXEC:%s,pty,raw,echo=0' % command], cwd=tmp_path,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not _listening(port):
        assert time.monotonic() < deadline and proc.poll() is None, 'socat did not start'
        time.sleep(0.05)
    try:
        # The stand-in's root must be the board folder before any deploy runs against it.
        seen = subprocess.run([sys.executable, '-m', 'mpremote', 'connect', 'socket://127.0.0.1:%d'
                               % port, 'resume', 'exec', "import os; print(os.listdir('/'))"],
                              capture_output=True, text=True, timeout=60)
        assert seen.stdout.strip() == "['board.txt']", (seen.stdout, seen.stderr)
        yield 'socket://127.0.0.1:%d' % port, root, rom
    finally:
        proc.terminate()
        proc.wait(10)


def earmark_deploy(port, *args):
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'deploy', '--port', port,
                           '--no-native', '--wait', '60', *args],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout + done.stderr


def test_deploy_command_writes_the_rom_resets_and_reads_the_address(board, tmp_path):
    port, root, rom_file = board
    # The stand-in has 4 MB of heap, as a board with PSRAM: it gets the PSRAM bundle.
    folder = image.build(deploy.ARCH, model='psram')
    rom = image.rom_path(deploy.ARCH, 'psram').read_bytes()
    out = earmark_deploy(port, '--wifi', 'home', '--password', 'hunter2hunter2')
    assert re.search(r'model: psram \(the board has 40\d\d KB of heap', out), out
    written = rom_file.read_bytes()
    assert written[:len(rom)] == rom, out
    assert 'code and model written to the ROM partition (%d bytes)' % len(rom) in out, out
    assert 'board reset; waiting up to 60s for its address' in out, out
    assert 'Earmark is at http://192.0.2.7/' in out, out
    token = re.search(r'API token \(shown this once[^:]*: (\w+)', out)
    assert token, out
    # On flash: what the ROM does not hold (main.py, the page), the config and the token's hash.
    files = deploy.image_files(folder)
    in_rom = {p for p in files if p.endswith('.mpy') or p.startswith('model/')}
    for rel in set(files) - in_rom:
        assert (root / rel).read_bytes() == (folder / rel).read_bytes(), rel
    assert not any((root / rel).exists() for rel in in_rom)
    config = json.loads((root / 'config.json').read_text())
    assert config['wifi_ssid'] == 'home' and config['wifi_password'] == 'hunter2hunter2'
    assert token.group(1) not in (root / 'auth.json').read_text()
    # Again with nothing changed: the ROM is not written again, nothing is copied; without
    # WiFi the board opens its setup network, and the deploy says where.
    again = earmark_deploy(port, '--set', 'wifi_ssid=null')
    assert 'ROM partition' not in again and 'copied 0 files' in again, again
    assert 'open http://192.168.4.1/ to set it up' in again, again
    assert rom_file.read_bytes() == written
    # A bundle of your own by its folder (`earmark deploy --model my-model`): its own image, whose
    # ROM image the board does not hold yet; a dry run says so and writes nothing.
    mine = edited(DEVICE / 'model', tmp_path / 'my-model')
    dry = earmark_deploy(port, '--model', str(mine), '--dry-run')
    assert 'image-xtensawin-custom' in dry and 'would write the code and model' in dry, dry
    assert 'model: ' not in dry and rom_file.read_bytes() == written
