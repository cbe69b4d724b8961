"""Webhooks: each new event of a chosen label is POSTed, as the API's event JSON, to a URL on the
LAN (a self-hosted ntfy topic, a Home Assistant webhook), with no cloud in between. An event a
personal sound named ("our doorbell", docs/lab.md) is a hook's by the model label kept beside
it (`generic`): a "doorbell" hook still hears the doorbell once the household has taught its
own, and the JSON's `label` says whose it was. A hook may also name a personal sound ("our
doorbell": names()) and hears only that one.

    GET  /api/webhooks        {"hooks": [{"url", "labels"}], "labels" (what a hook may name),
                               "delivered", "failed", "dropped", "last_error"}
    PUT  /api/webhooks        {"hooks": [...]}: replaces them all (kept beside the store)
    POST /api/webhooks/test   one try at each hook now: {"results": [{"url", "error"}]}

Nothing here may hold up the audio: deliveries run in their own task, a URL must name its host
by a numeric address (a name would need the blocking resolver), and every step of a delivery
has a deadline. A delivery that fails is tried TRIES times in all, BACKOFF_S seconds apart,
doubling; deliveries waiting are at most QUEUE, the oldest dropped when one more comes. With no
hook set, no task runs and nothing is subscribed to.
"""
import asyncio
import json

from microdot import Request

import api
import storefile
from api import JSON, Refused, drain_body, event_json

HOOKS = '.hooks.json'   # beside the store (routes.attach looks for it)
MAX_HOOKS = 3
MAX_URL = 160   # with MAX_HOOKS and every model label, the longest PUT fits in 1 KB
QUEUE = 4
TRIES = 4
BACKOFF_S = 2
TIMEOUT_S = 5

hooks = []        # [{'url', 'labels'}]
path = None       # their file, once the store is known (_open)
queue = []        # deliveries waiting (not the one being sent): (url, label, body)
counts = {'delivered': 0, 'failed': 0, 'dropped': 0, 'last_error': None}
# The running tasks (None when not): kept here, as CPython holds only weak references to tasks.
listening = None
sending = None
# Events are told when they open, when the label beside a personal one is learnt, and when
# they end: each goes to a hook once, at the first telling that is the hook's. [event id, hooks
# done (bit i: hooks[i])] of the last TOLD events told; an older one told again is not sent.
_told = []
TOLD = 4


def _address(url):
    """(host, port, path) of a plain-HTTP URL with a numeric IPv4 host; ValueError otherwise."""
    if not isinstance(url, str) or len(url) > MAX_URL or not url.startswith('http://'):
        raise ValueError
    rest = url[7:]
    cut = rest.find('/')
    where, target = (rest, '/') if cut < 0 else (rest[:cut], rest[cut:])
    host, colon, port = where.partition(':')
    parts = host.split('.')
    if (len(parts) != 4 or not all(p.isdigit() and len(p) <= 3 and int(p) < 256 for p in parts) or
            (colon and not (port.isdigit() and port[0] != '0' and int(port) < 65536)) or
            [c for c in target if c <= ' ' or c > '~' or c in '"[]{}\\']):
        raise ValueError
    return host, int(port or 80), target


def names():
    """What a hook may name: the model's labels and the personal ones, those the store holds
    (given to an event) and the personal head's sounds ("our doorbell")."""
    head = api.store.personal
    return api.store.labels + api.store.custom + ([s[0] for s in head.sounds] if head else [])


def check(new, labels):
    """The hooks in a PUT body, checked against `labels` (names(); None: any text, as for the
    hooks kept, whose personal sound may since be gone: they stay and match nothing); ValueError
    (its text the reason) when one is bad."""
    if not isinstance(new, list) or len(new) > MAX_HOOKS:
        raise ValueError('"hooks" must be a list of at most %d' % MAX_HOOKS)
    for h in new:
        if not isinstance(h, dict) or sorted(h) != ['labels', 'url']:
            raise ValueError('each hook is {"url", "labels"}')
        try:
            _address(h['url'])
        except ValueError:
            raise ValueError('url must be http://A.B.C.D[:port]/path (a numeric LAN address, '
                             'at most %d characters)' % MAX_URL)
        if (not isinstance(h['labels'], list) or not h['labels'] or
                [l for l in h['labels'] if not isinstance(l, str) or
                 labels is not None and l not in labels] or
                len(set(h['labels'])) != len(h['labels'])):
            raise ValueError('labels must be a non-empty list of the model\'s labels or the '
                             'personal ones, each once')
    return new


def _open():
    """Reads the hooks kept beside the store, the first time they are needed."""
    global path, hooks
    if path is None:
        path = api.store.root + HOOKS
        hooks = _load()


def _load():
    """The hooks kept beside the store ([] when none are, or they cannot be read)."""
    try:
        with open(path) as f:
            return check(json.load(f)['hooks'], None)
    except OSError:   # none kept: the usual case
        return []
    except (ValueError, KeyError, TypeError) as exc:
        counts['last_error'] = '%s: %s' % (path, exc)
        return []


def attach():
    """Has the server start delivering with it (routes.attach: when hooks are kept)."""
    _open()
    api.app.on_start.append(_listen)   # the listener needs the server's running loop


def _listen():
    global listening
    if hooks and not listening and api.pipeline is not None:
        listening = asyncio.create_task(_events(api.pipeline.subscribe()))


async def _events(sub):
    """Picks the events the hooks want out of the live messages while any hook is set."""
    global listening
    try:
        while hooks:
            kind, ev = await sub.get()
            told = _told_of(ev['id']) if kind == 'event' else None
            if told is None:
                continue
            body = None
            for i, h in enumerate(hooks):
                if not told[1] & 1 << i and (ev['label'] in h['labels'] or
                                             ev.get('generic') in h['labels']):
                    told[1] |= 1 << i
                    body = body or event_json(ev)
                    _queue(h['url'], ev['label'], body)
    finally:
        listening = None
        api.pipeline.unsubscribe(sub)


def _told_of(ident):
    """[id, hooks done] of event `ident`: new for an event newer than those followed (the
    oldest then leaves), None for one older than them all."""
    for told in _told:
        if told[0] == ident:
            return told
    if _told and ident < _told[0][0]:
        return None
    if len(_told) >= TOLD:
        _told.pop(0)
    _told.append([ident, 0])
    return _told[-1]


def _queue(url, label, body):
    global sending
    if len(queue) >= QUEUE:
        queue.pop(0)
        counts['dropped'] += 1
    queue.append((url, label, body))
    if not sending:
        sending = asyncio.create_task(_send())


async def _send():
    global sending
    try:
        while queue:
            url, label, body = queue.pop(0)   # the one being sent is no longer waiting
            wait = BACKOFF_S
            for n in range(TRIES):
                error = await post(url, label, body)
                if error is None:
                    counts['delivered'] += 1
                    break
                counts['last_error'] = '%s: %s' % (url, error)
                if n + 1 < TRIES:
                    await asyncio.sleep(wait)
                    wait *= 2
            else:
                counts['failed'] += 1
    finally:
        sending = None


async def post(url, label, body):
    """One try at delivering `body`: None when the hook answered 2xx, else what went wrong."""
    host, port, target = _address(url)
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), TIMEOUT_S)
        # Title: what ntfy shows as the notification's title; others ignore it.
        head = ('POST %s HTTP/1.0\r\nHost: %s\r\nContent-Type: application/json\r\n'
                'Title: Earmark: %s\r\nContent-Length: %d\r\n\r\n') % (
            target, host, label.replace('_', ' '), len(body))
        writer.write((head + body).encode())   # CPython's streams take bytes only
        await asyncio.wait_for(writer.drain(), TIMEOUT_S)
        line = await asyncio.wait_for(reader.readline(), TIMEOUT_S)
        status = line.split(b' ')[1] if line.startswith(b'HTTP/') else b''
        if status[:1] != b'2':
            return 'answered %r' % line[:40]
        return None
    except (OSError, asyncio.TimeoutError, IndexError) as exc:
        return repr(exc)
    finally:
        if writer is not None:
            writer.close()


def _status():
    return dict(counts, hooks=hooks, labels=names())


async def answer(request):
    """The answer to one of the webhook routes routes.py registers (it loads this module then)."""
    _open()
    if request.method == 'GET':
        return _status()
    if request.method == 'PUT':
        return await _put(request)
    body = '{"test":true}'
    results = []
    for h in hooks:
        results.append({'url': h['url'], 'error': await post(h['url'], 'test', body)})
    return json.dumps({'results': results}), 200, JSON


async def _put(request):
    global hooks
    shape = 'body must be {"hooks": [{"url": ..., "labels": [...]}]}'
    if (request.content_type or '').split(';')[0].strip().lower() != 'application/json':
        await drain_body(request)
        raise Refused(415, 'send the hooks as application/json')
    if request.content_length > Request.max_body_length:   # no valid one is (MAX_URL)
        await drain_body(request)
        raise Refused(400, 'JSON body larger than %d bytes' % Request.max_body_length)
    # A list per hook and an object around each at most (a URL has no brackets or braces): 1 KB
    # of '[' must not nest in the heap.
    if request.body.count(b'[') > MAX_HOOKS + 1 or request.body.count(b'{') > MAX_HOOKS + 1:
        raise Refused(400, shape)
    try:
        body = json.loads(request.body.decode())
        new = body['hooks']
    except (ValueError, KeyError, TypeError, RuntimeError):
        raise Refused(400, shape)
    if len(body) != 1:
        raise Refused(400, shape)
    try:
        check(new, names())
    except ValueError as exc:
        raise Refused(400, str(exc))
    storefile.replace(path, json.dumps({'hooks': new}))
    hooks = new
    _listen()
    return _status()

