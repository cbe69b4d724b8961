# MicroPython on the host: runs device code from the image's ROMFS, as a board does from its ROM
# partition. Usage: micropython -X heapsize=H rom_boot.py IMAGE.romfs (main.py | -c) ARGS...
# With -c the code comes in the environment variable EARMARK_CODE: the unix port dies on a
# command-line argument of about 256 bytes or more.
#
# A board maps its ROM partition straight from flash; the unix port has no flash, so the image is
# read into one block at the bottom of the heap, before anything else can split it, and
# runtime.command makes the heap larger by that block. The device's heap figures (compat.heap)
# leave the block out, so they count what a board's RAM would hold.
import gc
import os
import sys
import vfs

gc.collect()
_before = gc.mem_alloc()
_rom = bytearray(os.stat(sys.argv[1])[6])
with open(sys.argv[1], 'rb') as _f:
    _f.readinto(_rom)
vfs.mount(vfs.VfsRom(_rom), '/rom')
gc.collect()
_flash = gc.mem_alloc() - _before
# MICROPYPATH (frozen modules, and whatever a caller puts before them), then the image, as a
# board's firmware orders them. Not this script's folder, nor the working folder: the image
# folder's .mpy copies would load into the heap.
sys.path[:] = sys.path[1:] + ['/rom', '/rom/lib']
import compat
compat.FLASH = _flash
del _before
sys.argv[:] = sys.argv[2:]
if sys.argv[0] == '-c':
    _code = os.getenv('EARMARK_CODE')
else:
    with open(sys.argv[0]) as _f:
        _code = _f.read()
exec(_code, {'__name__': '__main__'})
