"""Starts the appliance: options from the command line (unix port, CPython) or defaults (ESP32);
builds the store and the detection pipeline and runs them beside the HTTP server in one loop.

Options are `--name value` pairs. Keep values short: the MicroPython unix port crashes on an
argument of about 300 bytes or more (a long path is best given relative to the working folder).
"""
import gc
import os
import sys

import asyncio

import compat
from config import Config

ESP = sys.platform.startswith('esp')
DEFAULT_PORT = Config.port
# The ring holds the audio between an onset and the moment the event is stored (about 1.5 s,
# up to the segmenter's lookback), plus the clip's pre-roll.
RING_SECONDS = 3.0


def _image_model():
    """The image's model folder: on the ROM partition when the image is there (its trees are
    read in place from flash: see forest.py), else the file system's copy."""
    try:
        os.stat('/rom/model/model.json')
        return '/rom/model'
    except OSError:
        return 'model'


def options(argv):
    """Parses `--name value` pairs; MicroPython has no argparse."""
    cert = key = ''
    if ESP:
        import https
        cert, key = https.provisioned()
    # On a board the token hash lives on the flash. On a host it does only with --auth FILE:
    # without one each run makes a new token, and no file lands in the image or source folder.
    opts = {'port': Config.https_port if cert else DEFAULT_PORT, 'host': '0.0.0.0',
            'www': Config.www,
            'cert': cert, 'key': key,   # DER files: HTTPS with them, else plain HTTP
            # The address phones use, where the runtime cannot find it (the unix port has no
            # getsockname(): `earmark run` finds it and passes it); '' to look it up here.
            'lan': '',
            'auth': Config.auth_file if ESP else '',
            # i2s, - (raw PCM on stdin), a WAV file, or '' (a host: no audio, the server only)
            'source': 'i2s' if ESP else '',
            'speed': 0.0,          # a WAV file: 0 as fast as it goes, else x real time
            'data': '/events' if ESP else '',   # the store's folder ('': none)
            'model': _image_model(),   # the model bundle's folder
            'start-time': -1.0,    # epoch seconds of a file's first sample (-1: now)
            'exit-at-end': 0,      # 1: stop when a file source ends (tests, `earmark detect`)
            'budget': 0}           # store bytes (0: the store's default)
    args = list(argv)
    while args:
        name = args.pop(0)
        if not name.startswith('--') or not args:
            raise ValueError('expected --name value, got ' + repr(name))
        key = name[2:]
        if key not in opts:
            raise ValueError('unknown option ' + name)
        value = args.pop(0)
        kind = type(opts[key])
        try:
            opts[key] = kind(value)
        except ValueError:
            raise ValueError('%s needs a %s, got %r' % (name, kind.__name__, value))
    return opts


def lan_address():
    """This machine's address on the home network, or None: a board's WiFi address, else the
    one the default route leaves from (a UDP connect() sends nothing, it only picks the route;
    CPython has getsockname(), MicroPython's unix port has not)."""
    if ESP:
        import network
        sta = network.WLAN(network.STA_IF)
        return sta.ifconfig()[0] if sta.isconnected() else None
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(socket.getaddrinfo('192.0.2.1', 9)[0][-1])   # TEST-NET-1
        address = s.getsockname()[0]
    except (AttributeError, OSError):
        return None
    finally:
        s.close()
    return None if address.startswith('127.') or address == '0.0.0.0' else address


def addresses(host, port, lan, scheme='http'):
    """Where the server listens and the addresses to open it at: a phone's (`lan`, or found
    with lan_address()), and this computer's own (a board has none to offer)."""
    def url(address):
        return '%s://%s:%d/' % (scheme, address, port)
    if host.startswith('127.') or host == 'localhost':
        return ('serving on %s:%d only: %s on this computer (phones cannot reach it; '
                '--bind 0.0.0.0 for them)' % (host, port, url(host)))
    if host not in ('0.0.0.0', ''):
        return 'serving on %s:%d: %s' % (host, port, url(host))
    lan = lan or lan_address()
    where = ['%s from a phone on the same network' % url(lan) if lan
             else 'no LAN address found for phones']
    if not ESP:
        where.insert(0, '%s on this computer' % url('127.0.0.1'))
    return 'serving on all interfaces (0.0.0.0:%d): %s' % (port, ', '.join(where))


def _log(line):
    print(line)


def _model(folder):
    """(classifier, model info, error): a bundle that cannot be loaded gives an error, not a
    crash, so the appliance still serves its events and its sound level."""
    try:
        import classifier
        c = classifier.Classifier(folder)
    except Exception as exc:   # bad JSON, CSV, sizes: whatever is wrong, say so and go on
        return None, {'name': folder, 'labels': []}, '%s: %r' % (folder, exc)
    info = {'name': folder.rstrip('/').split('/')[-1], 'labels': c.labels,
            'evaluator': c.evaluator}
    return c, info, None


def _store(root, c, budget, clip_rate):
    import store
    kw = {'clip_rate': clip_rate}
    if budget:
        kw['budget'] = budget
    if not root:
        return None, 'no store folder given (--data)'
    try:
        try:
            if c is None:   # no model: an existing store still opens with its own labels
                return store.Store(root, **kw), None
            return store.Store(root, c.labels, c.dim, centroids=c.centroids, **kw), None
        except store.FormatError as exc:
            if c is None:
                raise   # a new store needs the model's labels
            # Written by an older version: kept whole beside the new store (earmark store dump
            # of that version reads it), and the appliance goes on recording.
            aside = root.rstrip('/') + '.old'
            os.rename(root, aside)
            s = store.Store(root, c.labels, c.dim, centroids=c.centroids, **kw)
            s.problems.append('%s; it was moved to %s and a new store begun' % (exc, aside))
            return s, None
    except (OSError, ValueError) as exc:
        return None, '%s: %s' % (root, exc)


def _history(data):
    """(the level history kept beside the store, in <data>.history, or None; an error)."""
    if not data:
        return None, None
    try:
        import history
        return history.History(data.rstrip('/') + '.history'), None
    except (OSError, ValueError, MemoryError) as exc:
        return None, '%s.history: %s' % (data, exc)


def _ntp():
    """Sets the clock on a device when WiFi is up; the pipeline follows the jump."""
    if not ESP:
        return
    try:
        import ntptime
        ntptime.settime()
    except Exception as exc:   # no network yet: events keep the board's clock until a later sync
        _log('earmark: no NTP time (%r)' % exc)


def build(opts, log=_log):
    """(store, pipeline) from the options."""
    # Largest first, while the heap is in one piece: the model's trees, then the ring.
    c, info, error = _model(opts['model'])
    gc.collect()
    import ring
    r = ring.AdpcmRing(RING_SECONDS)
    import pipeline
    import segmenter
    import sources
    st, store_error = _store(opts['data'], c, opts['budget'], r.rate)
    gc.collect()
    hist, hist_error = _history(opts['data'])
    gc.collect()
    src = sources.open_source(opts['source'], speed=opts['speed'])   # i2s: as Config says
    seg = None
    if c is not None:
        seg = segmenter.Segmenter(c.labels, c.window_frames, c.hop_frames,
                                  thresholds=c.event_thresholds,
                                  on=c.event_threshold or segmenter.Segmenter.ON)
    start = opts['start-time']
    p = pipeline.Pipeline(src, c, st, r, seg, start_time=None if start < 0 else start,
                          model=info, model_error=error, log=log)
    p.history = hist
    if hist_error:
        p.fault('history_error', True, hist_error)
    if store_error:
        p.fault('store_error', True, store_error)
    gc.collect()
    return st, p


async def _serve(opts, p, app, tls):
    server = None
    if app is not None:
        server = asyncio.create_task(app.start_server(host=opts['host'], port=opts['port'],
                                                      ssl=tls))
    if p is None:
        await server
        return
    await p.run()
    print('earmark: %s ended' % opts['source'])   # a file: what was heard stays served
    if server is None:
        return
    if not opts['exit-at-end']:
        await server
        return
    while app.server is None and not server.done():
        await asyncio.sleep(0.01)   # a file shorter than the server's start-up
    if app.server is not None:
        app.shutdown()
    await server


def main(argv=None):
    opts = options(sys.argv[1:] if argv is None else argv)
    _ntp()
    # The pipeline's big buffers (model, ring, windows) are made first, while the heap is still
    # in one piece; the server's many small objects come after.
    st = p = None
    if opts['source']:
        st, p = build(opts)
    app = tls = None
    if opts['port']:
        import api
        import routes   # the endpoints, registered on api.app
        Config.www = opts['www']
        if opts['cert']:
            import https
            try:
                tls, api.tls_sha256 = https.context(opts['cert'], opts['key'])
            except ValueError as e:   # no plain-HTTP fallback: the owner asked for HTTPS
                print('earmark: %s' % e)
                sys.exit(1)
            print('earmark: HTTPS certificate SHA-256 %s (the browser shows the same for a '
                  'self-signed one)' % api.tls_sha256)
        print('earmark: ' + addresses(opts['host'], opts['port'], opts['lan'],
                                      'https' if tls else 'http'))
        api.secure(opts['auth'])
        if p is not None:
            routes.attach(st, p)
        app = api.app
    if p is not None:
        print('earmark: listening to %s' % opts['source'])
    try:
        asyncio.run(_serve(opts, p, app, tls))
    except KeyboardInterrupt:
        if compat.collection_broken():
            # Nothing more may run safely: the store is left as after a power cut, which
            # loses nothing it acknowledged (open events keep what they had so far).
            print('earmark: Ctrl-C inside a garbage collection: stopping as a power cut would')
            return
        if p is not None:
            p.finish()   # events still sounding end now, their clips are sealed
    if p is None:
        print('earmark: stopped')
        return
    import json
    print('earmark: stopped ' + json.dumps(p.status()))
