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


#: Bytes of the heap that stand in for flash: on the unix port the ROM image is read into the heap
#: (earmark/rom_boot.py sets this); a board maps it from flash. Not counted as used.
FLASH = 0


def heap():
    """(used, free) bytes of the GC heap, or (None, None) where the runtime has no fixed heap."""
    if hasattr(gc, 'mem_alloc'):
        gc.collect()
        return gc.mem_alloc() - FLASH, gc.mem_free()
    return None, None


def collection_broken():
    """True when a KeyboardInterrupt broke off a garbage collection: the unix port raises it the
    moment SIGINT comes, a collection included. The heap then stays locked (every allocation
    fails), and it must not be unlocked by collecting again: the broken collection left objects
    marked whose children it had not reached, which a new one would free while still in use.
    Whoever catches the interrupt checks this first and, if so, writes nothing more."""
    try:
        bytearray(1)
    except MemoryError:
        return True
    return False


# Embedded ports count time.time() from 2000-01-01; the store keeps Unix time.
_EPOCH_MS = 946684800000 if time.gmtime(0)[0] == 2000 else 0


def wall_ms():
    """Milliseconds since the Unix epoch by the wall clock (NTP-set on a device)."""
    if hasattr(time, 'time_ns'):
        return time.time_ns() // 1000000 + _EPOCH_MS
    return int(time.time() * 1000) + _EPOCH_MS
