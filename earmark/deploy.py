"""`earmark deploy`: puts the device image on a board with mpremote, copying only what changed.

The steps, each one mpremote session:
0. which model: with `--model auto` (the default), the board's heap picks the bundle the image
   carries: the PSRAM board's wider net where the heap has room for it, else the default, which
   fits a classic ESP32 (earmark/image.py's BUNDLES; hardware/README.md);
1. survey: one `exec` on the board prints the sha256 of every file the image holds (and of those
   the last deploy left), its config and auth files, and its mpy architecture and version;
2. code: on a board whose firmware has a ROM partition (MicroPython built with ROMFS), the
   image's compiled code and its model go there with `mpremote romfs deploy`, so the code runs in
   place from flash and takes no heap, nor do the model's trees; elsewhere they are copied as
   files like the rest (code then loads into the heap: fine on an ESP32-S3 with PSRAM, tight on
   a classic ESP32);
   copy: `fs cp` of the files whose hash differs, `fs rm` of the files an older image had and this
   one dropped, the config (merged into the board's through device/config.py's `update`) and, on a
   first deploy or when asked, a new token's salted hash (device/auth.py's record);
3. for a forest model, `mip install` of emlearn-micropython's `emlearn_trees` native module for
   the board's architecture; when it cannot be installed the classifier runs its MicroPython
   evaluator (forest.py), and the deploy says so (a net model runs in the image's cnn.py);
4. reset, then the board's address read from its serial console (wifi.py prints it).

Why the board hashes its own files rather than trusting a manifest of what was copied: a deploy cut
off half-way, or a file edited by hand, still reads as what it is. The list the board keeps
(`IMAGE_LIST`) only says which files belong to the image, so files an image drops get deleted and
nothing else (the config, the token, the event store) ever is.
"""
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import image, runtime
# The device's own code for the config and the token record, not a copy of it.
from .bridge import device_module

ARCH = 'xtensawin'                 # ESP32 and ESP32-S3
FLASH_BUDGET = 256 * 1024          # code, libraries, model and page together
# The browser lab (www/lab: MicroPython's WebAssembly port and the lab, gzipped: 296 KB), counted
# apart: a board's file system partition (2 MB on a 4 MB ESP32, MicroPython's partitions-4MiB)
# holds it beside the appliance and the store's 768 KB.
LAB_BUDGET = 320 * 1024
# Both budgets are the default bundle's. The PSRAM bundle's three wider nets make the image and
# the lab's copy larger (docs/lab.md); its board, an ESP32-S3 N8R8, has 8 MB of flash.
MORE_BUDGET = {'psram': 96 * 1024}
IMAGE_LIST = 'earmark-image.json'  # on the board: the paths the last deploy put there
NATIVE = 'lib/emlearn_trees.mpy'
# emlearn-micropython publishes its native modules per architecture and mpy version; this is the
# address its own install instructions use.
EMLEARN_BUILDS = 'https://emlearn.github.io/emlearn-micropython/builds/master'
# sys.implementation._mpy >> 10 indexes this list (MicroPython's py/persistentcode.h).
MPY_ARCHS = (None, 'x86', 'x64', 'armv6', 'armv6m', 'armv7m', 'armv7em', 'armv7emsp',
             'armv7emdp', 'xtensa', 'xtensawin', 'rv32imc', 'rv64imc')
ADDRESS = re.compile(r'earmark: (address|setup page) (https?://\S+)(.*)')
# A board whose heap is at least this runs the PSRAM bundle (a classic ESP32's firmware and
# WiFi leave it 100-160 KB).
PSRAM_HEAP = runtime.heap_bytes(runtime.PSRAM_HEAP)
MPREMOTE_TIMEOUT = 300  # seconds for one mpremote session (copying the image takes about a minute)

# Runs on the board: prints one JSON line. Kept to what every port has (os, hashlib, binascii).
SURVEY = '''
import os, sys, json, hashlib, binascii
os.chdir(%(root)r)
def text(p):
    try:
        with open(p) as f:
            return f.read()
    except OSError:
        return None
def digest(p):
    try:
        f = open(p, 'rb')
    except OSError:
        return None
    h = hashlib.sha256()
    b = bytearray(1024)
    m = memoryview(b)
    with f:
        while True:
            n = f.readinto(b)
            if not n:
                break
            h.update(m[:n])
    return binascii.hexlify(h.digest()).decode()
old = text(%(image_list)r)
try:
    old = json.loads(old) if old else []
except ValueError:
    old = []
paths = %(paths)r
for p in old:
    if p not in paths:
        paths.append(p)
try:
    import machine
    can_reset = hasattr(machine, 'reset')
except ImportError:
    can_reset = False
rom_size = rom_digest = None
try:
    import vfs
    dev = vfs.rom_ioctl(2, 0) if hasattr(vfs, 'rom_ioctl') and vfs.rom_ioctl(1) > 0 else -1
    if not isinstance(dev, int):
        if hasattr(dev, 'ioctl'):
            rom_size = dev.ioctl(4, 0) * dev.ioctl(5, 0)
        else:
            rom_size = len(dev)
            if rom_size >= %(rom_len)d:
                rom_digest = binascii.hexlify(
                    hashlib.sha256(memoryview(dev)[:%(rom_len)d]).digest()).decode()
except Exception:
    pass
try:
    s = os.statvfs(%(root)r)
    free = s[0] * s[4]
except (AttributeError, OSError):
    free = None
print(json.dumps({'hashes': {p: digest(p) for p in paths}, 'old': old,
                  'config': text(%(config)r), 'auth': text(%(auth)r),
                  'native': digest(%(native)r) is not None,
                  'mpy': getattr(sys.implementation, '_mpy', None), 'platform': sys.platform,
                  'version': '.'.join(str(v) for v in sys.implementation.version[:3]),
                  'can_reset': can_reset, 'free': free, 'rom_size': rom_size,
                  'rom_digest': rom_digest}))
'''
MKDIRS = '''
import os
os.chdir(%(root)r)
for d in %(dirs)r:
    try:
        os.mkdir(d)
    except OSError:
        pass
'''


class Board:
    """Runs mpremote sessions against one board. `root` is the folder on the board that holds the
    image ('/' on a real board; the tests use a temporary folder of the unix port)."""

    def __init__(self, port, root='/', resume=None, log=print):
        self.port = port
        self.root = root
        # mpremote soft-resets a board before its first command, which frees the heap the running
        # appliance holds. The unix port behind socket:// would end on it, so there: resume.
        self.resume = port.startswith('socket://') if resume is None else resume
        self.log = log

    def mpremote(self, *commands, check=True):
        """Runs one mpremote session; commands are lists of words, joined with '+'."""
        argv = [sys.executable, '-m', 'mpremote', 'connect', self.port]
        if self.resume:
            argv.append('resume')
        for i, command in enumerate(commands):
            argv += (['+'] if i else []) + list(command)
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=MPREMOTE_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise RuntimeError('mpremote got no answer from %s within %ds (is the board on that '
                               'port, and not busy?)' % (self.port, MPREMOTE_TIMEOUT))
        if check and done.returncode != 0:
            raise RuntimeError('mpremote failed (exit %d): %s\n%s' % (
                done.returncode, ' '.join(argv[3:])[:300], (done.stderr or done.stdout).strip()))
        return done

    def heap(self):
        """The board's MicroPython heap in bytes, free and used."""
        out = self.mpremote(['exec', 'import gc; gc.collect(); '
                             'print("heap", gc.mem_free() + gc.mem_alloc())']).stdout
        found = re.search(r'heap (\d+)', out)
        if not found:
            raise RuntimeError('the board did not say its heap size:\n' + out[-2000:])
        return int(found.group(1))

    def chdir(self):
        return ['exec', 'import os; os.chdir(%r)' % self.root]

    def survey(self, paths, rom_len=0):
        code = SURVEY % {'root': self.root, 'image_list': IMAGE_LIST, 'paths': sorted(paths),
                         'rom_len': rom_len,
                         'config': device_module('config').PATH,
                         'auth': device_module('config').Config.auth_file, 'native': NATIVE}
        out = self.mpremote(['exec', code]).stdout
        for line in reversed(out.splitlines()):
            if line.startswith('{'):
                return json.loads(line)
        raise RuntimeError('the board did not answer the survey:\n' + out[-2000:])


def image_files(folder):
    """{path in the image: sha256 hex} of a built image."""
    folder = Path(folder)
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob('*')) if p.is_file()}


def sizes(folder):
    """Bytes per part of the image: code, libraries, model, page, lab; and the total."""
    parts = {'code': 0, 'libraries': 0, 'model': 0, 'page': 0, 'lab': 0}
    for name, size in image.manifest(folder):
        top = name.split('/', 1)[0]
        if name.startswith('www/lab/'):
            top = 'lab'
        parts[{'lib': 'libraries', 'model': 'model', 'www': 'page', 'lab': 'lab'}
              .get(top, 'code')] += size
    parts['total'] = sum(parts.values())
    return parts


def over_budget(size, model=None):
    """What of an image's sizes (sizes()) is over the flash budgets for `model`'s board."""
    more = MORE_BUDGET.get(model, 0)
    out = []
    if size['total'] - size['lab'] > FLASH_BUDGET + more:
        out.append('the image (%d bytes without the lab) is over the flash budget of %d bytes'
                   % (size['total'] - size['lab'], FLASH_BUDGET + more))
    if size['lab'] > LAB_BUDGET + more:
        out.append('the lab (%d bytes) is over its flash budget of %d bytes'
                   % (size['lab'], LAB_BUDGET + more))
    return out


def rom_plan(files, survey, rom):
    """(files to keep as files, where the code goes, whether the ROM partition needs writing).
    The code and the model (`rom`, the image's ROMFS) go to a ROM partition they fit in; then
    their files are not copied, and copies an older deploy left on the board get deleted."""
    if not rom or not survey.get('rom_size') or survey['rom_size'] < len(rom):
        return files, 'files', False
    kept = {p: h for p, h in files.items() if not image.in_rom(p)}
    return kept, 'rom', survey.get('rom_digest') != hashlib.sha256(rom).hexdigest()


def plan(files, survey):
    """(paths to copy, paths to delete): what differs from the board and what an older image left."""
    hashes = survey['hashes']
    copy = sorted(p for p, digest in files.items() if hashes.get(p) != digest)
    delete = sorted(p for p in survey['old'] if p not in files and hashes.get(p))
    return copy, delete


def config_changes(wifi=None, password=None, pins=None, microphone=None, settings=()):
    """The config overrides the command line asks for (checked later against device/config.py)."""
    changes = {}
    if wifi is not None:
        changes['wifi_ssid'] = wifi
        changes['wifi_password'] = password or None
    elif password is not None:
        raise ValueError('--password needs --wifi')
    if pins:
        try:
            sck, ws, sd = (int(p) for p in pins.split(','))
        except ValueError:
            raise ValueError('--pins takes SCK,WS,SD GPIO numbers, e.g. 14,13,4; got %r' % pins)
        changes.update(i2s_sck=sck, i2s_ws=ws, i2s_sd=sd)
    if microphone:
        changes['microphone'] = microphone
    for item in settings:
        name, sep, value = item.partition('=')
        if not sep:
            raise ValueError('--set takes NAME=VALUE (a JSON value), got %r' % item)
        try:
            changes[name] = json.loads(value)
        except ValueError:
            changes[name] = value  # a bare word is a string
    return changes


def merged_config(board_text, changes, tmp):
    """The config file text the board should hold, or None when it already does. Merged by
    device/config.py's `update`, so a bad setting is refused before anything is copied."""
    if not changes:
        return None
    config = device_module('config')
    path = Path(tmp) / 'config.json'
    if board_text is not None:
        path.write_text(board_text)
    merged = config.update(str(path), changes)
    if board_text is not None:
        try:
            if json.loads(board_text) == merged:
                return None
        except ValueError:
            pass  # a damaged file on the board: replaced by the merge's result
    return path


def token_record(board_text, new_token, tmp):
    """(path of a new auth file, token) when the board needs one, else (None, None)."""
    auth = device_module('auth')
    if board_text is not None and not new_token:
        try:
            auth.Auth.from_record(json.loads(board_text))
            return None, None
        except ValueError:
            pass  # damaged: the appliance would refuse it, so make a new one
    checker, token = auth.Auth.new()
    path = Path(tmp) / 'auth.json'
    path.write_text(json.dumps(checker.record()))
    return path, token


def native_url(mpy):
    """Where emlearn-micropython publishes `emlearn_trees` for a board's sys.implementation._mpy."""
    if mpy is None:
        raise ValueError('the firmware does not report its mpy version (MicroPython 1.23 or newer '
                         'is needed)')
    arch = MPY_ARCHS[mpy >> 10] if mpy >> 10 < len(MPY_ARCHS) else None
    if arch is None:
        raise ValueError('the firmware takes no native modules (mpy arch %d)' % (mpy >> 10))
    return '%s/%s_%d.%d/emlearn_trees.mpy' % (EMLEARN_BUILDS, arch, mpy & 0xff, mpy >> 8 & 3)


def read_address(lines, wait):
    """The first address line the board prints within `wait` seconds of `lines` (an iterator of
    text lines that yields '' when nothing arrived), as (kind, url, rest) or None."""
    deadline = time.monotonic() + wait
    for line in lines:
        found = ADDRESS.search(line)
        if found:
            return found.groups()
        if time.monotonic() > deadline:
            return None
    return None


def serial_lines(port, wait):
    """Lines from the board's serial console; the port may vanish while a USB board restarts."""
    import serial  # pyserial, installed with mpremote
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            with serial.serial_for_url(port, 115200, timeout=0.5) as link:
                while time.monotonic() < deadline:
                    yield link.readline().decode('utf-8', 'replace')
        except (OSError, serial.SerialException):
            time.sleep(0.5)


def resolve_port(port):
    """The serial device mpremote's `auto` would pick (the first USB serial port), so the console
    can be read from the same board after the reset."""
    if port != 'auto':
        return port
    from serial.tools import list_ports
    for p in sorted(list_ports.comports(), key=lambda p: p.device):
        if p.vid is not None:
            return p.device
    raise RuntimeError('no USB serial port found: plug the board in, or give --port')


def pick_model(heap):
    """The bundle for a board with `heap` bytes of MicroPython heap."""
    return 'psram' if heap >= PSRAM_HEAP else 'small'


def deploy(port, folder=None, root='/', changes=None, new_token=False, native=True, reset=True,
           dry_run=False, wait=30.0, log=print, https=False, model='auto'):
    """Brings the board at `port` up to date with the image in `folder` (built for ARCH when
    None, carrying `model`: a name of image.BUNDLES, a bundle folder, or 'auto' for pick_model's
    choice); `https` puts a new self-signed certificate on it. Returns a report dict: copied,
    deleted, config, token, native, address, https (the certificate's fingerprint), model."""
    port = resolve_port(port)
    board = Board(port, root, log=log)
    if folder:
        folder, model = Path(folder), None
    else:
        if model == 'auto':
            heap = board.heap()
            model = pick_model(heap)
            log('model: %s (the board has %d KB of heap; --model chooses another)'
                % (model, heap // 1024))
        folder = image.build(ARCH, model=model)
    files = image_files(folder)
    size = sizes(folder)
    log('image %s: %s' % (folder, ', '.join('%s %.1f KB' % (k, v / 1024) for k, v in size.items())))
    for over in over_budget(size, model):
        log('warning: ' + over)
    built = folder == image.image_dir(ARCH, model)
    rom = image.rom_path(ARCH, model).read_bytes() if built else b''
    survey = board.survey(files, len(rom))
    files, code, rom_step = rom_plan(files, survey, rom)
    copy, delete = plan(files, survey)
    report = {'copied': copy, 'deleted': delete, 'config': None, 'token': None, 'native': None,
              'code': code, 'rom_written': rom_step,
              'address': None, 'https': None, 'image_bytes': size['total'],
              'board': survey['platform'], 'model': model,
              'firmware': survey['version']}
    log('board: %s, MicroPython %s, %s bytes free; %d of %d files to copy (%d bytes), %d to delete'
        % (survey['platform'], survey['version'], survey['free'], len(copy), len(files),
           sum((folder / p).stat().st_size for p in copy), len(delete)))
    with tempfile.TemporaryDirectory() as tmp:
        config_file = merged_config(survey['config'], changes or {}, tmp)
        if dry_run:
            if rom_step:
                log('would write the code and model (%d bytes) to the ROM partition' % len(rom))
            for p in copy:
                log('would copy ' + p)
            for p in delete:
                log('would delete ' + p)
            if config_file:
                log('would write the config: %s' % ', '.join(sorted(changes)))
            if https:
                log('would write a new HTTPS certificate and key')
            return report
        auth_file, token = token_record(survey['auth'], new_token, tmp)
        list_file = Path(tmp) / IMAGE_LIST
        list_file.write_text(json.dumps(sorted(files)))
        commands = []
        if rom_step:
            board.mpremote(['romfs', 'deploy', str(image.rom_path(ARCH, model))])
            log('code and model written to the ROM partition (%d bytes)' % len(rom))
        dirs = sorted({str(Path(p).parent) for p in copy} - {'.'}, key=lambda d: d.count('/'))
        commands.append(['exec', MKDIRS % {'root': board.root, 'dirs': _parents(dirs)}])
        commands += [['fs', 'cp', '-f', str(folder / p), ':' + p] for p in copy]
        commands += [['fs', 'rm', ':' + p] for p in delete]
        config = device_module('config')
        if config_file:
            commands.append(['fs', 'cp', '-f', str(config_file), ':' + config.PATH])
        if auth_file:
            commands.append(['fs', 'cp', '-f', str(auth_file), ':' + config.Config.auth_file])
        if https:   # made here: MicroPython cannot make a key pair
            from . import certificate
            cert, key = certificate.make(Path(tmp) / 'https')
            commands.append(['fs', 'cp', '-f', str(cert), ':' + config.Config.tls_cert])
            commands.append(['fs', 'cp', '-f', str(key), ':' + config.Config.tls_key])
            report['https'] = device_module('https').fingerprint(cert.read_bytes())
        # Last, so a deploy cut off earlier still knows the old image's files next time.
        if copy or delete or survey['old'] != sorted(files):
            commands.append(['fs', 'cp', '-f', str(list_file), ':' + IMAGE_LIST])
        if len(commands) > 1:
            board.mpremote(*commands)
        report['config'] = json.loads(config_file.read_text()) if config_file else None
        report['token'] = token
    log('copied %d files, deleted %d%s%s' % (
        len(copy), len(delete), '; config written' if report['config'] else '',
        '; new token written (its salted hash)' if token else ''))
    if token:  # now, not at the end: the hash is on the board whatever happens next
        log('API token (shown this once; the board keeps only its salted hash): %s' % token)
    if report['https']:
        log('HTTPS certificate written; its SHA-256 (the browser shows the same, and so does the '
            'page\'s status sheet): %s' % report['https'])
    if not native:
        report['native'] = 'skipped'
    elif not needs_native(folder):
        log('emlearn_trees: not needed, the model is a net (cnn.py)')
        report['native'] = 'not needed'
    else:
        report['native'] = install_native(board, survey)
    if reset:
        report['address'] = restart(board, survey, wait)
    return report


def _parents(dirs):
    """Every folder that must exist for `dirs`, parents first."""
    out = []
    for d in dirs:
        parts = d.split('/')
        for i in range(1, len(parts) + 1):
            p = '/'.join(parts[:i])
            if p not in out:
                out.append(p)
    return out


def needs_native(folder):
    """emlearn_trees runs trees (a forest's, model.json format 2, or a pair's, 4); a net alone
    (format 3) runs in the image's own cnn.py (device/classifier.py reads the formats)."""
    return json.loads((Path(folder) / 'model' / 'model.json').read_text())['format'] != 3


def install_native(board, survey):
    """'installed', 'present', or 'fallback: <why>' (the classifier then runs forest.py)."""
    if survey['native']:
        board.log('emlearn_trees: already on the board')
        return 'present'
    try:
        url = native_url(survey['mpy'])
    except ValueError as e:
        why = str(e)
    else:
        done = board.mpremote(board.chdir(), ['mip', 'install', '--target', 'lib', url],
                              check=False)
        if done.returncode == 0:
            board.log('emlearn_trees: installed from %s' % url)
            return 'installed'
        lines = (done.stderr or done.stdout).strip().splitlines() or ['mip failed']
        why = lines[-1] if url in lines[-1] else '%s (%s)' % (lines[-1], url)
    board.log('emlearn_trees: not installed: %s. FALLBACK: the classifier runs its MicroPython '
              'evaluator (forest.py): same votes, slower.' % why)
    return 'fallback: ' + why


def restart(board, survey, wait):
    """Resets the board and returns the address it prints, or None."""
    if not survey['can_reset']:
        board.log('this board cannot be reset over the REPL (no machine.reset: the unix port?); '
                  'restart it by hand')
        return None
    board.mpremote(['reset'])
    board.log('board reset; waiting up to %ds for its address on the serial console' % wait)
    found = read_address(serial_lines(board.port, wait), wait)
    if found is None:
        board.log('no address seen; open the serial console (mpremote connect %s repl) and look for '
                  'an "earmark:" line' % board.port)
        return None
    kind, url, rest = found
    if kind == 'setup page':
        board.log('no WiFi configured or joined: join the WiFi%s and open %s to set it up'
                  % (rest.replace(' on WiFi', ''), url))
    else:
        board.log('Earmark is at %s' % url)
    return url


def run(args):
    changes = config_changes(args.wifi, args.password, args.pins, args.microphone, args.set or ())
    deploy(args.port, changes=changes, new_token=args.new_token, native=not args.no_native,
           reset=not args.no_reset, dry_run=args.dry_run, wait=args.wait, https=args.https,
           model=args.model)
