"""The `earmark` command. Each subcommand lives in the module that does the work."""
import argparse
import os
import sys
from pathlib import Path

from . import BUILD, ROOT, image, model_commands
from .detect import add_run_options


def cmd_build(args):
    folder = image.build(args.arch, model=args.model)
    files = image.manifest(folder)
    for name, size in files:
        print('%8d  %s' % (size, name))
    print('%8d  total bytes in %s (%d files)' % (sum(s for _, s in files), folder, len(files)))
    rom = image.rom_path(args.arch or image.host_arch(), args.model)
    print('%8d  code and model as the ROMFS image %s (for a board with a ROM partition)'
          % (rom.stat().st_size, rom))


def cmd_run(args):
    from . import detect
    return detect.cmd_run(args)


def cmd_demo(args):
    from . import demo
    return demo.run(args)


def cmd_bench_browser(args):
    from .bench import browser as bench_browser
    return bench_browser.run(args)


def cmd_lab(args):
    from . import labsite
    return labsite.cmd_lab(args)


def cmd_personal_teach(args):
    from . import personal
    return personal.cmd_teach(args)


def cmd_detect(args):
    from . import detect
    return detect.cmd_detect(args)


def cmd_bench_pipeline(args):
    from .bench import pipeline as bench_pipeline
    if args.dir is None and not (sound_data() / 'train' / 'manifest.csv').is_file():
        raise ValueError('bench pipeline mixes its scenes from the sound data, and %s has none '
                         '(set EARMARK_DATA to its folder: README, "Getting sound data"), or '
                         'give it a folder of scenes' % sound_data())
    return bench_pipeline.main(args)


def sound_data():
    """The sound data folder: EARMARK_DATA, else a development checkout's ../shared/data."""
    return Path(os.environ.get('EARMARK_DATA', str(ROOT.parent / 'shared' / 'data')))


def cmd_search(args):
    from . import search
    return search.run(args)


def cmd_dataset(args):
    from . import dataset
    return dataset.run(args)


def cmd_bench_hub(args):
    from .bench import hub as hub_bench
    return hub_bench.main(args)


def cmd_bench_frontend(args):
    from .bench import frontend as bench_frontend
    data = os.environ.get('EARMARK_DATA', str(ROOT.parent / 'shared' / 'data'))
    rows, facts = bench_frontend.run(data, seconds=args.seconds,
                                     natmod=os.environ.get('EARMARK_LOGMEL_MPY'))
    bench_frontend.report(rows, facts)


def cmd_deploy(args):
    from . import deploy
    return deploy.run(args)


def cmd_store_dump(args):
    from . import store_dump
    store_dump.dump(args.folder)


def cmd_bench_store(args):
    from .bench import store as bench_store
    return bench_store.main(args)


def cmd_bench_history(args):
    from .bench import history as bench_history
    return bench_history.main(args)


def cmd_bench_heap(args):
    from .bench import heap as bench_heap
    bench_heap.report(bench_heap.run())


def cmd_bench_api(args):
    from .bench import api as bench_api
    bench_api.report(*bench_api.run(args.requests, args.clients, args.days))


HEAP_HELP = ('MicroPython heap size, e.g. 240K (default: what the whole appliance needs in the '
             'MicroPython that runs it: 320K in the x64 port, 160K in a 32-bit build, 128K in '
             'a 32-bit build with the code frozen in; EARMARK_HEAP sets it too)')
SOUND_FILE_HELP = ('a sound file: WAV, FLAC or anything libsndfile reads, 8 to 48 kHz, mono or '
                   'stereo (made 16 kHz mono first)')


def parser():
    p = argparse.ArgumentParser(prog='earmark', description=__doc__)
    sub = p.add_subparsers(dest='command', required=True)

    b = sub.add_parser('build', help='compile the device image (the files that go to flash)')
    b.add_argument('--arch', default=None, help='mpy-cross -march (default: this machine; '
                   'xtensawin for an ESP32)')
    b.add_argument('--model', default=None, metavar='small|psram|FOLDER',
                   help='the model bundle the image carries (default small, device/model)')
    b.set_defaults(func=cmd_build)

    for name, helptext in (('run', 'run the appliance'), ('demo', 'run the appliance demo')):
        r = sub.add_parser(name, help=helptext)
        r.add_argument('--port', type=int, default=8080,
                       help='HTTP port of the page and the API (default 8080; 0: no server)')
        r.add_argument('--runtime', choices=('micropython', 'cpython'), default='micropython')
        r.add_argument('--heap', help=HEAP_HELP)
        add_run_options(r)
        r.set_defaults(func=cmd_run)
        if name == 'demo':
            # The shipped doorstep scene at real time, into a store under build/.
            r.set_defaults(func=cmd_demo, speed=1.0, data=str(BUILD / 'demo' / 'store'))
            r.add_argument('--fresh', action='store_true', help='start over: a new store and '
                           'a new token (else both are kept from the last demo)')

    d = sub.add_parser('detect', help='run the detection pipeline over a WAV file: one JSON '
                       'line per event, seconds from the file\'s start')
    d.add_argument('file', help=SOUND_FILE_HELP)
    d.add_argument('--model', default=None, help='model bundle folder (default: the image\'s)')
    d.add_argument('--runtime', choices=('micropython', 'cpython'), default='micropython')
    d.add_argument('--heap', help=HEAP_HELP)
    d.add_argument('--personal', metavar='DIR', help='a personal head (earmark personal teach '
                   '--out DIR): events that match it carry its label, the generic one as '
                   '"generic"')
    d.set_defaults(func=cmd_detect)

    ps = sub.add_parser('personal', help='personal sounds: teach one from a few recordings')
    pt = ps.add_subparsers(dest='action', required=True).add_parser(
        'teach', help='a personal head from example recordings, taught by the lab\'s code in '
        'MicroPython; written to DIR/personal.json')
    pt.add_argument('--label', required=True, help='the sound\'s name, e.g. "our doorbell"')
    pt.add_argument('--out', required=True, metavar='DIR', help='folder for personal.json')
    pt.add_argument('--model', default=None, help='model bundle folder (default: the image\'s)')
    kind = pt.add_mutually_exclusive_group()
    kind.add_argument('--pattern', action='store_true', help='(the default) match the '
                      'recordings\' pattern of frames over time in every frame heard '
                      '(device/pattern.py: one sound that is the same every time, as a doorbell)')
    kind.add_argument('--embedding', action='store_true', help='match events\' embeddings '
                      'instead (a sound that varies from one time to the next)')
    pt.add_argument('--bank', default=None, metavar='FILE', help='for a pattern head: the bank of '
                    'other sounds\' steps each template\'s threshold is raised over '
                    '(training/pattern_bank.py; default webui/lab/pattern_bank.gz)')
    pt.add_argument('--generic', default=None, metavar='LABEL', help='for a pattern head: the '
                    'model\'s label for the sound (e.g. doorbell): the events it opens carry it '
                    'beside the personal label, so that label\'s webhooks and counts hear them '
                    '(default: other)')
    pt.add_argument('files', nargs='+', metavar='FILE', help=SOUND_FILE_HELP)
    pt.set_defaults(func=cmd_personal_teach)

    lb = sub.add_parser('lab', help='the browser lab: the appliance\'s own code in MicroPython '
                        'WebAssembly in a browser, to try a recording and teach personal sounds')
    lb.add_argument('--serve', action='store_true', help='serve it (the default action)')
    lb.add_argument('--fetch', action='store_true', help='only fetch MicroPython\'s '
                    'WebAssembly port and Pyodide from npm (tools/setup does)')
    lb.add_argument('--bind', default='127.0.0.1', help='address to listen on (default '
                    '127.0.0.1)')
    lb.add_argument('--port', type=int, default=8090, help='port (default 8090)')
    lb.add_argument('--device', metavar='URL', help='an appliance (e.g. http://127.0.0.1:8080) '
                    'whose API the lab reaches behind /api/, to deploy to')
    lb.set_defaults(func=cmd_lab)

    q = sub.add_parser('search', help='the events a running appliance stored that sound most '
                       'like a recording, one JSON line each (the token from EARMARK_TOKEN)')
    q.add_argument('file', help=SOUND_FILE_HELP + '; up to 10 s')
    q.add_argument('--url', default='http://127.0.0.1:8080', help='the appliance (default '
                   'http://127.0.0.1:8080)')
    q.add_argument('-k', type=int, default=5, choices=range(1, 51), metavar='1..50',
                   help='how many events (default 5)')
    q.set_defaults(func=cmd_search)

    ds = sub.add_parser('dataset', help='build the sound data folder (train/, other/, negatives/) '
                        'from the public archives as downloaded (README, "Getting sound data")')
    ds.add_argument('--esc50', required=True, help="ESC-50's zip as downloaded "
                    '(github.com/karolpiczak/ESC-50, master.zip)')
    ds.add_argument('--fsdd', help="the Free Spoken Digit Dataset's zip (speech; "
                    'github.com/Jakobovski/free-spoken-digit-dataset, master.zip)')
    ds.add_argument('--add', action='append', metavar='LABEL=FOLDER',
                    help='your own recordings of a label, e.g. doorbell=~/doorbells (repeatable)')
    ds.add_argument('--out', required=True, help='the data folder to make (then EARMARK_DATA)')
    ds.set_defaults(func=cmd_dataset)

    model_commands.add(sub)   # train, evaluate, classify, scenes, evaluate-scenes

    dep = sub.add_parser('deploy', help='put the device image on a board with mpremote (only '
                         'what changed), write its config and token, reset it')
    dep.add_argument('--port', default='auto', help='serial port (default: the first USB one), '
                     'or any mpremote device (socket://HOST:PORT)')
    dep.add_argument('--model', default='auto', metavar='auto|small|psram|FOLDER',
                     help='the model bundle the board runs: small (fits a classic ESP32), psram '
                     '(the wider net of an ESP32-S3 with PSRAM), a folder `earmark train` made, '
                     'or auto (default): psram where the board\'s heap has room for it')
    dep.add_argument('--wifi', metavar='SSID', help='home WiFi to join (else the board opens '
                     'its setup access point)')
    dep.add_argument('--password', help='WiFi password (kept on the board: WiFi needs it)')
    dep.add_argument('--pins', metavar='SCK,WS,SD', help='I2S GPIOs (default 14,13,4)')
    dep.add_argument('--microphone', choices=('inmp441', 'sph0645'))
    dep.add_argument('--set', action='append', metavar='NAME=VALUE',
                     help='any other device setting (device/config.py), VALUE as JSON')
    dep.add_argument('--new-token', action='store_true',
                     help='replace the API token (one is made on the first deploy)')
    dep.add_argument('--https', action='store_true',
                     help='serve HTTPS (port 443): write a new self-signed certificate and key '
                     'to the board (give it again only to replace them)')
    dep.add_argument('--no-native', action='store_true',
                     help='do not install emlearn_trees (the MicroPython evaluator runs)')
    dep.add_argument('--no-reset', action='store_true', help='leave the board running as it is')
    dep.add_argument('--wait', type=float, default=30.0,
                     help='seconds to wait for the address after the reset')
    dep.add_argument('--dry-run', action='store_true',
                     help='only say what would be copied (reads the board, writes nothing)')
    dep.set_defaults(func=cmd_deploy)


    bench = sub.add_parser('bench', help='measure side by side and print a table of ratios')
    targets = bench.add_subparsers(dest='target', required=True)
    f = targets.add_parser('frontend', help='log-mel front end: C core, librosa, emlearn, '
                           'MicroPython (set EARMARK_LOGMEL_MPY to include the native .mpy)')
    f.add_argument('--seconds', type=float, default=30.0, help='seconds of audio per row')
    f.set_defaults(func=cmd_bench_frontend)

    store = sub.add_parser('store', help='read an event store copied off a device')
    store_sub = store.add_subparsers(dest='store_command', required=True)
    d = store_sub.add_parser('dump', help='print a store as JSON lines')
    d.add_argument('folder', help='the store folder (e.g. /flash/events copied with mpremote)')
    d.set_defaults(func=cmd_store_dump)

    bp = targets.add_parser('pipeline', help='whole appliance on scenes in micropython: speed, '
                            'heap, onset-to-stored latency')
    bp.add_argument('dir', nargs='?', default=None, help='scenes folder (default: generate)')
    bp.add_argument('--model', default=None)
    bp.set_defaults(func=cmd_bench_pipeline)

    b = targets.add_parser('store', help='event store at 1k/10k/100k events in micropython')
    b.add_argument('--sizes', default='1000,10000,100000', help='store sizes, comma-separated')
    b.add_argument('--dim', type=int, default=32, help='embedding length')
    b.add_argument('--buckets', type=int, default=64, help='k-means centroids (buckets)')
    b.set_defaults(func=cmd_bench_store)

    hb = targets.add_parser('history', help='level history at a year of 10 s rows in '
                            'micropython: append cost, day/week/year queries, bytes per second '
                            'per level, heap, Arrow export, sampling error')
    hb.add_argument('--days', type=int, default=365, help='days of simulated rows')
    hb.add_argument('--events', type=int, default=100000,
                    help='events in the store whose Arrow export is timed (0: none)')
    hb.set_defaults(func=cmd_bench_history)

    a = targets.add_parser('api', help='HTTP API in micropython: req/s and p50/p99 per endpoint '
                           'while the pipeline runs, and the page size')
    a.add_argument('--requests', type=int, default=400, help='requests per row')
    a.add_argument('--clients', type=int, default=16, help='concurrent clients')
    a.add_argument('--days', type=int, default=3,
                   help='days of the demo scene the store is filled with')
    a.set_defaults(func=cmd_bench_api)

    h = targets.add_parser('heap', help="the appliance's heap part by part: unix x64 (code in "
                           'ROM, code in heap) and MicroPython\'s 32-bit webassembly port (node)')
    h.set_defaults(func=cmd_bench_heap)

    bb = targets.add_parser('browser', help='MicroPython WebAssembly vs Pyodide in Chromium: '
                            'ready time cold and warm, and a 10 s clip classified by the '
                            'appliance\'s modules in each')
    bb.set_defaults(func=cmd_bench_browser)

    hub_bench = targets.add_parser('hub', help='the hub at 10k/100k/1M events: feed and '
                                   'Parquet ingest rates, bytes per event, similar search p50/p99 '
                                   'and recall@10 by three methods')
    hub_bench.add_argument('--sizes', default='10000,100000,1000000',
                           help='events, comma-separated')
    hub_bench.add_argument('--no-feed', action='store_true',
                           help='leave out the pull from a real appliance')
    hub_bench.set_defaults(func=cmd_bench_hub)

    from hub import cli as hub_cli   # its subcommands: hub/cli.py (pyarrow, duckdb load on use)
    hub_cli.add_parser(sub)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, RuntimeError, OSError) as exc:
        print('earmark: error: %s' % exc, file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
