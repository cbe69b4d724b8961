"""Device code on the host: the one place that puts device/ on a Python's path and loads it.

Device modules import each other by bare name (`import store`), as on a board, so CPython finds
them the same way: device/ on the path, then earmark/shims, the stand-ins for what only
MicroPython has (the `micropython` module; cnn_host, numpy for the net's viper loops). In this
process device_module() loads one; a CPython subprocess gets the same path from pythonpath()
(earmark/runtime.py). MicroPython never needs this: it runs the built image (earmark/image.py).
"""
import importlib
import os
import sys
from pathlib import Path

from . import DEVICE

SHIMS = Path(__file__).resolve().parent / 'shims'
# device/ first: a shim stands in only for a module the device code does not have.
PATH = (str(DEVICE), str(SHIMS))


def on_path():
    """Puts device/ and the shims at the front of sys.path, once."""
    for folder in reversed(PATH):
        if folder not in sys.path:
            sys.path.insert(0, folder)


def device_module(name):
    """The device's module `name` ('store', 'auth', 'forest', ...), loaded in this CPython."""
    on_path()
    return importlib.import_module(name)


def pythonpath(existing=None):
    """PYTHONPATH for a CPython that runs device code: the same folders, then `existing`."""
    return os.pathsep.join(PATH + ((existing,) if existing else ()))
