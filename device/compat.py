"""What differs between MicroPython (ESP32, unix port) and CPython (a Linux box as the appliance).

Device modules import these names from here instead of guarding every import themselves. Under
CPython, `import micropython` finds the host's stand-in (earmark/shims), so `const` and the
`@micropython.viper`/`native` decorators need no guard.
"""
import gc
import time

if hasattr(time, 'ticks_ms'):
    ticks_ms = time.ticks_ms
    ticks_diff = time.ticks_diff
else:
    def ticks_ms():
        return int(time.monotonic() * 1000)

    def ticks_diff(a, b):
        return a - b


def heap():
    """(used, free) bytes of the GC heap, or (None, None) where the runtime has no fixed heap."""
    if hasattr(gc, 'mem_alloc'):
        gc.collect()
        return gc.mem_alloc(), gc.mem_free()
    return None, None
