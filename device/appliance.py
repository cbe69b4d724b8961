"""Starts the appliance: options from the command line (unix port, CPython) or defaults (ESP32)."""
import sys

import asyncio

import api
import auth
from config import Config

DEFAULT_PORT = Config.port


def options(argv):
    """Parses `--name value` pairs; MicroPython has no argparse."""
    # On a board the token hash lives on the flash. On a host it does only with --auth FILE:
    # without one each run makes a new token, and no file lands in the image or source folder.
    opts = {'port': DEFAULT_PORT, 'host': '0.0.0.0', 'www': Config.www,
            'auth': Config.auth_file if sys.platform.startswith('esp') else ''}
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
    Config.www = opts['www']
    if opts['auth']:
        checker, token = auth.Auth.first_boot(opts['auth'])
    else:
        checker, token = auth.Auth.new()
    api.use_auth(checker)
    if token:
        print('earmark: API token (shown this once): %s' % token)
    print('earmark: serving on http://%s:%d/' % (opts['host'], opts['port']))
    try:
        asyncio.run(api.app.start_server(host=opts['host'], port=opts['port']))
    except KeyboardInterrupt:
        pass  # Ctrl-C or SIGINT from a supervisor: a normal stop
    print('earmark: stopped')
