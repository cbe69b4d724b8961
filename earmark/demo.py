"""The demo doorstep scene and the short clips the core tests use, shipped in demo/ (FLAC, lossless)
so that a clone runs the demo and those tests without the sound data.

earmark/demo_assets.py makes them from the sound data. `unpack()` gives the scene as a WAV for
the demo; `clips()` gives the test clips as WAVs (MicroPython reads WAV, not FLAC).
"""
import csv
import hashlib
import os
import shutil
from pathlib import Path

from . import BUILD, ROOT, image
from .bridge import device_module

DEMO = ROOT / 'demo'
SCENE = DEMO / 'scene.flac'
TRUTH = DEMO / 'scene.tsv'
CLIPS = DEMO / 'clips'
MINUTES = 3.0
# One clip per label for the front-end tests, as their fixture picks from the sound data.
CLIP_LABELS = ('dog_bark', 'glass_breaking', 'speech', 'doorbell')
# Said when the scene has been heard to its end: the meter goes quiet then, not frozen or broken.
ENDED = ('The demo scene ended: nothing more will be heard, the page keeps its events. '
         'Ctrl-C stops; `make demo` again plays it once more (--fresh starts over).')


def _stamp(source):
    return hashlib.sha256(source.read_bytes()).hexdigest()


def _decode(source, target):
    """FLAC -> 16-bit WAV, redone only when the FLAC changed (a stamp beside the WAV)."""
    stamp = target.with_name(target.name + '.sha256')
    digest = _stamp(source)
    if target.exists() and stamp.exists() and stamp.read_text() == digest:
        return target
    import soundfile
    audio, rate = soundfile.read(str(source), dtype='int16')
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix('.tmp')
    soundfile.write(str(tmp), audio, rate, format='WAV', subtype='PCM_16')
    tmp.replace(target)
    stamp.write_text(digest)
    return target


def unpack(dest=None):
    """build/demo/scene.wav (and scene.tsv, its truth) from the shipped scene; returns the WAV's
    path. Idempotent: the WAV is rewritten only when the shipped scene changed."""
    dest = Path(dest) if dest else BUILD / 'demo'
    wav = _decode(SCENE, dest / 'scene.wav')
    shutil.copyfile(TRUTH, dest / 'scene.tsv')
    return wav


def _kept(data):
    """(token file, auth file) of the demo's store `data`: kept beside it."""
    return data.with_name(data.name + '.token'), data.with_name(data.name + '.auth.json')


def start_over(data):
    """Removes the demo's store, its level history and its token (`earmark demo --fresh`)."""
    if data.is_dir() and any(data.iterdir()) and not (data / 'store.json').exists():
        raise ValueError('%s is not an event store: --fresh leaves it alone' % data)
    for folder in (data, data.with_name(data.name + '.history')):
        shutil.rmtree(folder, ignore_errors=True)
    for f in _kept(data):
        f.unlink(missing_ok=True)


def make_token(path):
    """A token and its auth file, made by the device's own auth module (run in CPython)."""
    checker, token = device_module('auth').Auth.new()
    checker.save(str(path))
    return token


def token(data):
    """The demo's API token. It is kept beside the store (the appliance keeps only its hash), so
    a phone that saved it is let in again at the next run, which serves the same store."""
    tok, auth = _kept(data)
    if tok.is_file() and auth.is_file():
        return tok.read_text().strip()
    data.parent.mkdir(parents=True, exist_ok=True)
    made = make_token(auth)
    tok.touch(0o600)
    tok.write_text(made + '\n')
    return made


def after_stored(data):
    """Epoch seconds just after the newest event in the demo's store, or None (none, or no store
    this version reads: the appliance sets that aside). Faster than real time, a run stamps its
    events ahead of the clock; the next run's must not come before them, or the store refuses
    them as time going backwards."""
    from .store_dump import open_store
    try:
        newest = next(iter(open_store(data).events()), None)
    except (OSError, ValueError):
        return None
    return newest and newest['end'] / 1000 + 1


def open_line(args, secret):
    """The one line a person acts on: where to open the page, with what token, how to stop."""
    from .detect import phone_address
    scheme = 'https' if getattr(args, 'https', False) else 'http'
    lan = phone_address(args)
    if lan:
        where = '%s://%s:%d on your phone' % (scheme, lan, args.port)
    else:
        host = args.bind if args.bind not in ('0.0.0.0', '') else '127.0.0.1'
        where = '%s://%s:%d on this computer' % (scheme, host, args.port)
    return 'Open %s (token %s). Ctrl-C stops.' % (where, secret)


def port_free(args):
    """RuntimeError (one line) when the demo's port is taken, before anything starts: the
    appliance would otherwise print its address, fail to listen and go on serving nobody."""
    import socket
    if not args.port:
        return
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as the appliance binds
        try:
            s.bind(('' if args.bind in ('0.0.0.0', '') else args.bind, args.port))
        except OSError as e:
            raise RuntimeError('port %d is in use (%s): is another `earmark demo` running? Stop '
                               'it (Ctrl-C), or give a second one --port N and a store of its '
                               'own, --data DIR' % (args.port, e.strerror)) from None


def run(args):
    """`earmark demo`: the appliance (MicroPython, the device image) fed the shipped scene, in the
    32-bit MicroPython with the code frozen in (earmark/firmware.py) unless another is chosen.
    Its store and token are kept between runs; --fresh starts both over."""
    import signal
    import subprocess
    import time
    from . import detect, firmware
    port_free(args)
    data = Path(args.data)
    if args.fresh:
        start_over(data)
    secret = token(data)
    if args.start_time is None:
        after = after_stored(data)
        if after and after > time.time():
            args.start_time = after
    if args.runtime == 'micropython' and not image.chosen_interpreter():
        try:
            os.environ[image.INTERPRETER_ENV] = firmware.ensure()
        except RuntimeError as e:
            print('earmark: %s\nearmark: fallback: the demo runs in the x64 MicroPython, whose '
                  'pointers and heap are twice a board\'s' % e, flush=True)
    args.source = str(unpack())
    print('earmark: demo scene %s (%s)' % (args.source, 'real time' if args.speed == 1 else
                                           '%gx real time' % args.speed if args.speed else
                                           'as fast as it goes'), flush=True)
    argv, env, cwd = detect.command(args, auth=_kept(data)[1])
    # The appliance's output is passed on, the line to act on right after it says it serves.
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    act = 'earmark: ' + open_line(args, secret)
    try:
        _relay(proc, act)
    except KeyboardInterrupt:
        # A terminal's Ctrl-C reaches the appliance too, and it stops by itself; a SIGINT sent
        # to this process alone must be passed on, or the appliance would go on serving.
        try:
            proc.wait(2)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGINT)
        _relay(proc, act)   # what it says as it stops
    return proc.wait()


def _relay(proc, act):
    for line in proc.stdout:
        print(line, end='', flush=True)
        if line.startswith('earmark: serving on'):
            print(act, flush=True)
        elif line.startswith('earmark: ') and line.rstrip().endswith(' ended'):
            print('earmark: ' + ENDED, flush=True)


def clips(dest):
    """[(label, WAV path)] of the shipped test clips, decoded into `dest`."""
    with open(CLIPS / 'manifest.csv', newline='') as f:
        rows = list(csv.DictReader(f))
    return [(r['label'], _decode(CLIPS / r['file'], Path(dest) / r['file'].replace('.flac', '.wav')))
            for r in rows]

