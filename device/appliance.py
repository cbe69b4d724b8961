"""Starts the appliance: options from the command line (unix port, CPython) or defaults (ESP32)."""
import sys

import asyncio

import api

DEFAULT_PORT = 80


def options(argv):
    """Parses `--name value` pairs; MicroPython has no argparse."""
    opts = {'port': DEFAULT_PORT, 'host': '0.0.0.0'}
    args = list(argv)
    while args:
        name = args.pop(0)
        if not name.startswith('--') or not args:
            raise ValueError('expected --name value, got ' + repr(name))
        key = name[2:]
        if key not in opts:
            raise ValueError('unknown option ' + name)
        value = args.pop(0)
        opts[key] = int(value) if isinstance(opts[key], int) else value
    return opts


def main(argv=None):
    opts = options(sys.argv[1:] if argv is None else argv)
    print('earmark: serving on http://%s:%d/' % (opts['host'], opts['port']))
    try:
        asyncio.run(api.app.start_server(host=opts['host'], port=opts['port']))
    except KeyboardInterrupt:
        pass  # Ctrl-C or SIGINT from a supervisor: a normal stop
    print('earmark: stopped')
