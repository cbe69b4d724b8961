"""The `earmark` command. Each subcommand lives in the module that does the work."""
import argparse
import os
import sys

from . import image, runtime
from training import commands as model_commands


def cmd_build(args):
    folder = image.build(args.arch)
    files = image.manifest(folder)
    for name, size in files:
        print('%8d  %s' % (size, name))
    print('%8d  total bytes in %s (%d files)' % (sum(s for _, s in files), folder, len(files)))


def cmd_run(args):
    which = runtime.choose(args.runtime)
    argv, env, cwd = runtime.command(which, ['main.py', '--port', str(args.port)], heap=args.heap)
    print('earmark: appliance in %s, http://127.0.0.1:%d/' % (which, args.port), flush=True)
    os.chdir(cwd)
    os.execvpe(argv[0], argv, env)


def parser():
    p = argparse.ArgumentParser(prog='earmark', description=__doc__)
    sub = p.add_subparsers(dest='command', required=True)

    b = sub.add_parser('build', help='compile the device image (the files that go to flash)')
    b.add_argument('--arch', default=None, help='mpy-cross -march (default: this machine; '
                   'xtensawin for an ESP32)')
    b.set_defaults(func=cmd_build)

    for name, helptext in (('run', 'run the appliance'), ('demo', 'run the appliance demo')):
        r = sub.add_parser(name, help=helptext)
        r.add_argument('--port', type=int, default=8080)
        r.add_argument('--runtime', choices=('micropython', 'cpython'), default='micropython')
        r.add_argument('--heap', default=runtime.DEFAULT_HEAP, help='MicroPython heap size')
        r.set_defaults(func=cmd_run)

    model_commands.add(sub)
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
