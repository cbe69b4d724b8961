"""`earmark hub pull|serve|sql --config hub.toml`: added to the earmark command by earmark/cli.py.

Exit status: 0 once the pass ran, whatever the devices answered (each device's line says);
2 when hub.toml cannot be used or the query is not valid SQL, with one line on stderr.
"""
import json
import sys


def add_parser(sub):
    h = sub.add_parser('hub', help='pull every appliance into one history (Parquet + DuckDB): '
                                   'docs/hub.md')
    actions = h.add_subparsers(dest='hub_action', required=True)
    p = actions.add_parser('pull', help='one pass over every device, then exit: a JSON line '
                                        'per device {"device", "events", "clips", "cursor", '
                                        '"error"}')
    s = actions.add_parser('serve', help='keep pulling (with backoff for a failing device) '
                                         'and serve the hub API')
    s.add_argument('--port', type=int, default=8090, help='HTTP port (default 8090)')
    s.add_argument('--bind', default='127.0.0.1', help='address to serve on (default '
                                                       '127.0.0.1: this computer only)')
    s.add_argument('--every', type=float, default=10.0, help='seconds between pulls of a '
                                                             'device that answers (default 10)')
    q = actions.add_parser('sql', help='DuckDB over the store, with a view `events` (one row '
                                       'per live event); prints CSV with a header')
    q.add_argument('query')
    for a in (p, s, q):
        a.add_argument('--config', required=True, help='hub.toml')
    h.set_defaults(func=run)


def run(args):
    from . import config as hub_config
    try:
        cfg = hub_config.load(args.config)
    except hub_config.ConfigError as e:
        print('earmark hub: %s' % e, file=sys.stderr)
        return 2
    if args.hub_action == 'pull':
        from .pull import pull_all
        for line in pull_all(cfg):
            print(json.dumps(line), flush=True)
        return 0
    if args.hub_action == 'sql':
        import duckdb
        from . import sql
        from .store import Store
        try:
            sql.run(Store(cfg.data), args.query,
                    overrule=bool(cfg.second and cfg.second['overrule']))
        except duckdb.Error as e:
            print('earmark hub sql: %s' % str(e).splitlines()[0], file=sys.stderr)
            return 2
        return 0
    from . import serve
    return serve.run(cfg, args.port, args.bind, args.every)
