"""A pull: each device's change feed from its cursor to its end, page by page, each page (its
clips first) committed before the next is asked for. One device's failure is its own line's
`error`; the others go on.

    for line in pull_all(config): print(json.dumps(line))
    # {"device": "front-door", "events": 12, "clips": 3, "cursor": "...", "error": null}
"""
from concurrent.futures import ThreadPoolExecutor

from . import feed
from .store import Store, now

PAGE = 200      # changes asked for at a time by default (config.page)
WORKERS = 4     # devices pulled at once


def pull_device(store, device, page=PAGE, client=None, second=None):
    """Pulls one device (config.Device) to the end of its feed; its result line. `second`: a
    second.SecondOpinion that labels each clip pulled."""
    client = client or feed.Client(device)
    name = device.name
    store.recover(name)
    m = store.manifest(name)
    events = clips = 0
    error = None
    resets = 0
    while True:
        try:
            got = client.changes(m['cursor'], page)
            saved, opinions = {}, {}
            for c in got['changes']:
                if c['op'] == 'event' and c['has_clip']:
                    wav = client.clip(c['id'])
                    if wav is not None:
                        saved[c['id']] = store.save_clip(name, m['epoch'], c['id'], wav)
                        if second is not None:
                            opinions[c['id']] = second.label(wav)
        except feed.FeedError as e:
            if e.reset and resets == 0:
                # Not merged blindly: the new store's ids start a new epoch beside the old.
                resets += 1
                error = ('reset detected (%s): its history so far is kept as epoch %d, new '
                         'events go to epoch %d' % (e, m['epoch'], m['epoch'] + 1))
                m = dict(m, epoch=m['epoch'] + 1, cursor=None,
                         status=dict(m['status'], reset_at=now()))
                store.commit(name, m)
                continue
            error = str(e) if error is None else error + '; then ' + str(e)
            m = dict(m, status=dict(m['status'], error=error, failed_at=now()))
            store.commit(name, m)
            break
        status = dict(m['status'], ok_at=now(), error=None,
                      thinned=m['status'].get('thinned', 0) + got['thinned'])
        m, gone = store.apply(name, m, got['changes'], got['cursor'], saved, status, opinions)
        for ident in gone:
            store.drop_clip(name, m['epoch'], ident)
        events += sum(1 for c in got['changes'] if c['op'] == 'event')
        clips += len(saved)
        if not got['more']:
            break
    return {'device': name, 'events': events, 'clips': clips, 'cursor': m['cursor'],
            'error': error}


def opinion(config):
    """The config's SecondOpinion, or None."""
    if not config.second:
        return None
    from .second import SecondOpinion
    return SecondOpinion(config.second['data'], config.second['teacher'])


def pull_all(config):
    """Yields each device's result line, in the config's order, all pulled side by side."""
    store = Store(config.data)
    second = opinion(config)
    # The teacher's interpreter is one per process: with a second opinion, one device at a time.
    with store.puller(), ThreadPoolExecutor(1 if second else WORKERS) as pool:
        futures = [pool.submit(pull_one, store, d, config.page, second)
                   for d in config.devices]
        for f in futures:
            yield f.result()


def pull_one(store, device, page=PAGE, second=None):
    """pull_device, with anything unforeseen one device's error, not the pass's end."""
    try:
        return pull_device(store, device, page, second=second)
    except Exception as e:   # noqa: BLE001 (a disk error, a bug): reported, the rest go on
        return {'device': device.name, 'events': 0, 'clips': 0,
                'cursor': store.manifest(device.name)['cursor'],
                'error': 'hub error: %s: %s' % (e.__class__.__name__, str(e)[:200])}
