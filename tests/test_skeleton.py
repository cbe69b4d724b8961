"""The ground every other test stands on: the image, both runtimes, the server fixture."""
import subprocess
import sys
import time

import pytest

from earmark import DEVICE, image, runtime
from earmark.harness import interrupt


def device_modules():
    return sorted(p.stem for p in DEVICE.glob('*.py') if p.name != 'main.py')


def test_image_holds_only_compiled_code_and_main(device_image):
    names = [name for name, _ in image.manifest(device_image)]
    sources = [n for n in names if n.endswith('.py')]
    assert sources == ['main.py'], sources
    for module in device_modules():
        assert module + '.mpy' in names
    assert 'lib/microdot/microdot.mpy' in names


def test_every_device_module_imports_from_mpy_in_128k(mpy, device_image, capsys):
    """Each module on its own (with what it imports) in a fresh 128 KB heap, from the ROM image
    (or, in a MicroPython that froze the code, as a board's firmware can, from there). What the
    whole appliance needs at once is measured by the pipeline's end-to-end test."""
    if image.frozen_digest(runtime.micropython_binary()):
        where, check = 'frozen into the interpreter', 'not m.__file__.startswith("/")'
    else:
        where = 'from .mpy in the ROM image'
        check = 'm.__file__.startswith("/rom/") and m.__file__.endswith(".mpy")'
    code = ('import gc\n'
            'gc.collect(); base = gc.mem_alloc()\n'
            'm = __import__(%r)\n'
            'assert ' + check + ', m.__file__\n'
            'gc.collect()\n'
            'print(gc.mem_alloc() - base)\n')
    rows = [(name, int(mpy.run(code % name, heap='128K'))) for name in device_modules()]
    rows.append(('microdot', int(mpy.run(code % 'microdot', heap='128K'))))
    # The reference: the same module and what it imports loaded from .mpy files into the heap
    # (their bytecode in it), as before the ROM image. From ROM (or frozen) each must take
    # less: otherwise the figures above count the code, not what the code makes.
    ram = {name: ram_import(device_image, name) for name, _ in rows}
    with capsys.disabled():
        print('\n  heap in use after import, 128 KB heap, %s (from .mpy in RAM):' % where)
        for name, used in rows:
            print('  %8d  %s (%d)' % (used, name, ram[name]))
    assert [name for name, used in rows if not 0 < used < ram[name]] == [], (rows, ram)


def ram_import(folder, name):
    """Heap in use after importing `name` from the image's .mpy files as plain files (no ROM
    image, no frozen code), in a heap big enough for any of them."""
    code = ('import gc\n'
            'gc.collect(); base = gc.mem_alloc()\n'
            'm = __import__(%r)\n'
            'assert not m.__file__.startswith("/rom/"), m.__file__\n'
            'gc.collect()\n'
            'print(gc.mem_alloc() - base)\n' % name)
    env = {'MICROPYPATH': '.frozen:%s:%s' % (folder, folder / 'lib')}   # .frozen: asyncio
    done = subprocess.run([runtime.micropython_binary(), '-X', 'heapsize=1M', '-c', code],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return int(done.stdout)


def test_the_rom_image_is_the_image_code_and_not_counted_as_heap(mpy, device_image):
    """MicroPython imports the image's code from its ROMFS (mounted at /rom as a board's ROM
    partition is), and the heap the device code sees is the heap asked for, not that plus the
    block standing in for flash."""
    code = ('import gc, sys, compat\n'
            'print(sorted(__import__("os").listdir("/rom")))\n'
            'print(sys.path)\n'
            'used, free = compat.heap()\n'
            'print(used + free, compat.FLASH)\n')
    listing, path, sizes = mpy.run(code, heap='128K').splitlines()
    compiled = [n for n, _ in image.manifest(device_image) if n.endswith('.mpy')]
    # device modules, device packages (the store), libraries and the model, at the top
    top = {n.split('/')[0] for n in compiled}
    assert eval(listing) == sorted(top | {'lib', 'model'})
    assert 'store' in top and 'store.mpy' not in top
    assert eval(path)[-2:] == ['/rom', '/rom/lib'] and '' not in eval(path)
    total, flash = map(int, sizes.split())
    assert flash >= image.rom_path(image.host_arch()).stat().st_size
    # What a plain `micropython -X heapsize=128K` gives (129,536 bytes on x64: tables take the
    # rest), less at most 1 %.
    plain = subprocess.run([runtime.micropython_binary(), '-X', 'heapsize=128K', '-c',
                            'import gc; print(gc.mem_alloc() + gc.mem_free())'],
                           capture_output=True, text=True, check=True)
    assert 0.99 * int(plain.stdout) <= total <= int(plain.stdout)


# Collects over and over with a heap full of objects, so that a SIGINT mostly lands inside a
# collection; then asks, as the appliance's shutdown does, allocating nothing.
INTERRUPTED_COLLECTION = """
import gc, compat
def main():
    junk = [bytearray(64) for _ in range(3000)]
    print('collecting')
    try:
        while True:
            gc.collect()
    except KeyboardInterrupt:
        print('broken' if compat.collection_broken() else 'whole')
main()
"""


def test_a_collection_broken_off_by_sigint_is_recognised(device_image):
    """The unix port's SIGINT can land inside a garbage collection, which leaves the heap locked
    and half marked. compat.collection_broken() says so without allocating, and the appliance
    then stops as after a power cut. (It used to collect again to unlock the heap: that freed
    objects still in use, and once a shutdown crashed on a string turned into a memoryview.)"""
    if runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    seen = set()
    for _ in range(5):
        argv, env, cwd = runtime.command('micropython', ['-c', INTERRUPTED_COLLECTION], heap='1M')
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        assert proc.stdout.readline().strip() == 'collecting'
        time.sleep(0.3)
        assert interrupt(proc, 10)
        out = proc.stdout.read()
        assert 'Traceback' not in out, out
        seen.add(out.strip())
        if 'broken' in seen:
            break
    assert 'broken' in seen, seen   # the broken-off collection did happen, and was recognised


def test_micropython_exceptions_fail_the_test(mpy):
    # The harness must not let a device-side exception pass as success.
    try:
        mpy.run('raise ValueError("boom")')
    except AssertionError as exc:
        assert 'boom' in str(exc)
    else:
        raise AssertionError('a MicroPython exception went unnoticed')


def test_heap_limit_is_real(mpy):
    try:
        mpy.run('b = bytearray(200 * 1024)', heap='128K')
    except AssertionError as exc:
        assert 'MemoryError' in str(exc)
    else:
        raise AssertionError('allocated 200 KB in a 128 KB heap')


def test_device_options_in_both_runtimes(device):
    out = device.run('import appliance\n'
                     'print(appliance.options(["--port", "9000"])["port"])\n'
                     'try:\n'
                     '    appliance.options(["--nonsense", "1"])\n'
                     'except ValueError as e:\n'
                     '    print("error:", e)\n')
    assert out.split('\n')[0] == '9000'
    assert 'error: unknown option --nonsense' in out


def test_server_answers_and_stops(appliance):
    status, body = appliance.get('/api/health')
    assert status == 200 and body['ok'] is True
    assert body['runtime'] in ('micropython', 'cpython')
    if body['runtime'] == 'micropython':
        assert 0 < body['heap_used'] and body['heap_used'] + body['heap_free'] <= 128 * 1024


def test_build_is_incremental(device_image):
    before = {n: (device_image / n).stat().st_mtime_ns for n, _ in image.manifest(device_image)}
    image.build()
    after = {n: (device_image / n).stat().st_mtime_ns for n, _ in image.manifest(device_image)}
    assert before == after


def test_cli_build_prints_image(device_image):
    out = subprocess.run([sys.executable, '-m', 'earmark.cli', 'build'], capture_output=True,
                         text=True, check=True).stdout
    assert 'total bytes' in out and 'main.py' in out and 'as the ROMFS image' in out


def test_another_micropython_runs_with_images_for_its_own_arch(tmp_path, monkeypatch):
    """EARMARK_MICROPYTHON (e.g. the 32-bit build tools/micropython32 makes) replaces the
    interpreter, and the images are compiled for the native arch that interpreter reports."""
    def fake(name, mpy_arch):
        path = tmp_path / name
        path.write_text('#!/bin/sh\necho %d\n' % mpy_arch)
        path.chmod(0o755)
        return str(path)
    monkeypatch.setenv(image.INTERPRETER_ENV, fake('mp32', 1))
    assert runtime.micropython_binary() == str(tmp_path / 'mp32')
    assert image.host_arch() == 'x86' and image.pointer_bytes() == 4
    monkeypatch.setenv(image.INTERPRETER_ENV, fake('mp-xtensa', 10))
    assert image.host_arch() == 'xtensawin' and image.pointer_bytes() == 4
    for name, arch in (('no-native', 0), ('unknown', 99)):
        monkeypatch.setenv(image.INTERPRETER_ENV, fake(name, arch))
        with pytest.raises(RuntimeError, match='native emitter'):
            image.host_arch()
    monkeypatch.setenv(image.INTERPRETER_ENV, str(tmp_path / 'missing'))
    with pytest.raises(RuntimeError, match='not a MicroPython'):
        image.host_arch()
    monkeypatch.delenv(image.INTERPRETER_ENV)
    assert image.host_arch() == 'x64' and image.pointer_bytes() == 8
