"""The browser lab's files: MicroPython's WebAssembly port, the device's modules and model bundle,
and the lab page (webui/lab), laid out in one folder a static server serves (`earmark lab
--serve`, the tests).

The port comes from npm (@micropython/micropython-webassembly-pyscript, pinned): installed under
build/lab/npm on first use (or by tools/setup where npm is present), never committed. The device
modules go to the browser as the device has them, compiled by mpy-cross, but as portable bytecode
with their viper decorators dropped (the port has no native emitter): the same source, run as
plain Python, as mpy.plain_bytecode makes it. cnn.py's convolutions are the one kernel with no
plain-Python path in the module itself; webui/lab/wasm/cnn_host.py is their twin.

earmark/personal.py's `run_host` runs the same lab modules in MicroPython on this computer, the
device modules there coming from the image with their viper kernels, as a device runs them.
"""
import functools
import hashlib
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import zlib
from pathlib import Path

from . import BUILD, DEVICE, ROOT, mpy

PORT_PACKAGE = '@micropython/micropython-webassembly-pyscript'
PORT_VERSION = '1.27.0'
PYODIDE_PACKAGE = 'pyodide'          # `earmark bench browser`'s comparison only
PYODIDE_VERSION = '314.0.8'
NPM = BUILD / 'lab' / 'npm'
LAB_SOURCE = ROOT / 'webui' / 'lab'
OUT = BUILD / 'lab' / 'www'
# What the lab runs of the device, and the model bundle beside it.
DEVICE_MODULES = ('classifier', 'cnn', 'forest', 'frontend', 'windows', 'level', 'segmenter',
                  'similar', 'storefile', 'personal', 'pattern')
LAB_MODULES = ('labcore', 'teach', 'wasm/cnn_host')
PAGE_FILES = ('index.html', 'lab.js', 'lab.css')
# The bank of other sounds a pattern head is guarded against (training/pattern_bank.py), fetched
# by the page when it first teaches by a sound's pattern; 1.8 MB, so not in a device's image
# (its lab teaches without it, the fallback the page names).
BANK_FILE = 'pattern_bank.gz'
# The port's folder in the lab, named for its version: a device serves what is under it to be
# kept a year (device/static.py PINNED), as it never changes under that name.
PORT_DIR = 'port-' + PORT_VERSION
# Viper kernels whose plain twin sits behind a guard that names MicroPython rather than viper:
# (module, guard as written, what it becomes where there is no viper). A guard that changes
# fails the build rather than shipping a kernel that cannot run.
NO_VIPER = {'level': ("if sys.implementation.name == 'micropython':\n    @micropython.viper",
                      "if False:\n    @micropython.viper")}


def port_folder(package=PORT_PACKAGE):
    return NPM / 'node_modules' / package


def fetch(pyodide=False):
    """Installs the pinned port (and Pyodide when asked) under build/lab/npm when missing."""
    wanted = [(PORT_PACKAGE, PORT_VERSION)] + ([(PYODIDE_PACKAGE, PYODIDE_VERSION)]
                                               if pyodide else [])
    missing = ['%s@%s' % (name, version) for name, version in wanted
               if not _installed(name, version)]
    if not missing:
        return
    if not shutil.which('npm'):
        raise RuntimeError('the lab needs npm to fetch %s (Debian: apt-get install nodejs npm)'
                           % ', '.join(missing))
    NPM.mkdir(parents=True, exist_ok=True)
    # saved to build/lab/npm/package.json: an install of one never prunes the other
    done = subprocess.run(['npm', 'install', '--no-audit', '--no-fund',
                           '--prefix', str(NPM)] + missing, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError('npm install %s failed:\n%s' % (' '.join(missing),
                                                            done.stderr[-2000:]))


def _installed(name, version):
    try:
        meta = json.loads((port_folder(name) / 'package.json').read_text())
    except (OSError, ValueError):
        return False
    return meta.get('version') == version


def _plain(source, target):
    """A device module as portable bytecode for a port without viper (mpy.plain_bytecode),
    its MicroPython-named guards turned to the plain twins first."""
    text = source.read_text()
    name = source.stem
    if name in NO_VIPER:
        guard, plain = NO_VIPER[name]
        if guard not in text:
            raise RuntimeError('%s: its viper guard changed; update earmark/labsite.py NO_VIPER'
                               % source)
        text = text.replace(guard, plain)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / source.name
        copy.write_text(text)
        mpy.plain_bytecode(copy, target)


def build(out=OUT, model=None, bank=True):
    """Brings the lab folder up to date; returns its path. Layout: the page, the port,
    py/*.mpy (device and lab modules), model/ (the bundle), files.json (what the page loads
    into the port's file system) and, with `bank`, BANK_FILE."""
    fetch()
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / 'py').mkdir(parents=True)
    for name in PAGE_FILES + ((BANK_FILE,) if bank else ()):
        shutil.copyfile(LAB_SOURCE / name, out / name)
    script = (out / 'lab.js').read_text()
    if "'./micropython.mjs'" not in script:
        raise RuntimeError('webui/lab/lab.js no longer imports ./micropython.mjs; update '
                           'earmark/labsite.py build()')
    (out / 'lab.js').write_text(script.replace("'./micropython.mjs'",
                                               "'./%s/micropython.mjs'" % PORT_DIR))
    (out / PORT_DIR).mkdir()
    for name in ('micropython.mjs', 'micropython.wasm'):
        shutil.copyfile(port_folder() / name, out / PORT_DIR / name)
    for name in DEVICE_MODULES:
        _plain(DEVICE / (name + '.py'), out / 'py' / (name + '.mpy'))
    for name in LAB_MODULES:
        mpy.plain_bytecode(LAB_SOURCE / (name + '.py'),
                             out / 'py' / (name.rsplit('/', 1)[-1] + '.mpy'))
    model = Path(model) if model else DEVICE / 'model'
    shutil.copytree(model, out / 'model', ignore=shutil.ignore_patterns('LICENSE'))
    files = sorted(str(p.relative_to(out)) for p in out.rglob('*')
                   if p.is_file() and p.parts[len(out.parts)] in ('py', 'model'))
    (out / 'files.json').write_text(json.dumps(files))
    return out


def _inputs_digest(model):
    """What the lab on a device is made of: a new digest whenever any of it changes."""
    h = hashlib.sha256(PORT_VERSION.encode())
    paths = ([DEVICE / (n + '.py') for n in DEVICE_MODULES]
             + [LAB_SOURCE / (n + '.py') for n in LAB_MODULES]
             + [LAB_SOURCE / n for n in PAGE_FILES] + [Path(__file__)]
             + sorted(p for p in Path(model).iterdir() if p.is_file() and p.name != 'LICENSE'))
    for p in paths:
        h.update(str(p.name).encode() + b'\0' + p.read_bytes())
    return h.hexdigest()


def write_device(folder, model=None):
    """The lab as a device serves it from its flash: every file of build()'s folder gzipped
    (webui_build's WBITS, so device/static.py can inflate one for a client without gzip) under
    `folder` (the image's www/lab). Returns the paths written (kept), or [] when the port is not
    installed here (npm): the image then has no lab, and `earmark lab --serve` is the fallback.
    Redone only when its inputs changed."""
    from . import webui_build
    if not _installed(PORT_PACKAGE, PORT_VERSION):
        return []
    folder = Path(folder)
    model = Path(model) if model else DEVICE / 'model'
    stamp = BUILD / 'stamps-lab' / (hashlib.sha256(str(folder.resolve()).encode())
                                    .hexdigest()[:16] + '.sha256')
    digest = _inputs_digest(model)
    if not (stamp.exists() and stamp.read_text() == digest):
        if folder.exists():
            shutil.rmtree(folder)
        with tempfile.TemporaryDirectory(prefix='earmark-lab-') as tmp:
            site = build(Path(tmp) / 'www', model, bank=False)
            for path in sorted(p for p in site.rglob('*') if p.is_file()):
                target = folder / (str(path.relative_to(site)) + '.gz')
                target.parent.mkdir(parents=True, exist_ok=True)
                # mtime 0 in the header: the same file gives the same bytes
                z = zlib.compressobj(9, zlib.DEFLATED, 16 + webui_build.WBITS)
                target.write_bytes(z.compress(path.read_bytes()) + z.flush())
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest)
    return [p for p in folder.rglob('*') if p.is_file()]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The lab's files; with a device, /api/... goes on to it (the lab deploys to ../api)."""
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                          **{'.mjs': 'text/javascript', '.wasm': 'application/wasm',
                             '.mpy': 'application/octet-stream', '.json': 'application/json',
                             '.gz': 'application/gzip'})
    device = None

    def log_message(self, *args):
        pass

    def end_headers(self):
        if not self.path.startswith('/api/'):
            self.send_header('Cache-Control', 'max-age=3600')   # a warm load asks nothing
        super().end_headers()

    def _forward(self):
        import urllib.error
        import urllib.request
        if not self.device:
            self.send_error(404, 'no appliance behind this lab (earmark lab --serve --device URL)')
            return
        length = int(self.headers.get('Content-Length') or 0)
        ask = urllib.request.Request(self.device.rstrip('/') + self.path, method=self.command,
                                     data=self.rfile.read(length) if length else None,
                                     headers={k: v for k, v in self.headers.items()
                                              if k.lower() in ('authorization', 'content-type')})
        try:
            with urllib.request.urlopen(ask, timeout=30) as r:
                status, body, kind = r.status, r.read(), r.headers.get('Content-Type')
        except urllib.error.HTTPError as e:
            status, body, kind = e.code, e.read(), e.headers.get('Content-Type')
        except OSError as e:
            self.send_error(502, 'the appliance did not answer: %s' % e)
            return
        self.send_response(status)
        self.send_header('Content-Type', kind or 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith('/api/'):
            return self._forward()
        return super().do_GET()

    do_PUT = do_POST = do_DELETE = do_PATCH = _forward


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a page closed or reloaded while a file was on its way: the browser's doing, and no
        # reason to print a traceback beside `earmark lab`
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def server(folder, host='127.0.0.1', port=0, device=None):
    """A server for the lab folder in a daemon thread (with `device`, an appliance's URL, its
    API behind /api/); returns it (server_address)."""
    handler = functools.partial(type('Handler', (_Handler,), {'device': device}),
                                directory=str(folder))
    httpd = _Server((host, port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def cmd_lab(args):
    if args.fetch:
        fetch(pyodide=True)
        print('earmark: %s %s and %s %s are in %s' % (PORT_PACKAGE, PORT_VERSION,
                                                     PYODIDE_PACKAGE, PYODIDE_VERSION, NPM))
        return 0
    folder = build()
    httpd = server(folder, args.bind, args.port, args.device)
    print('earmark: the lab at http://%s:%d/ (drop a WAV file on it)%s. Ctrl-C stops.'
          % (args.bind, httpd.server_address[1],
             '; deploys to %s' % args.device if args.device else ''), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        httpd.shutdown()
    return 0
