"""The device's own modules, imported into CPython, so training summarises windows with exactly
the code that runs on the device (one implementation, no host copy)."""
import importlib
import sys

from earmark import DEVICE
from earmark.runtime import SHIMS


def module(name):
    for path in (str(SHIMS), str(DEVICE)):
        if path not in sys.path:
            sys.path.append(path)
    return importlib.import_module(name)
