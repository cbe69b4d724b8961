"""The personal sounds' endpoints (device/personal.py), imported at their first request:

    GET    /api/personal          the head the appliance uses ({"sounds": [...]}, none: [])
    PUT    /api/personal          a new head (the lab's, or `earmark personal teach`'s JSON)
    DELETE /api/personal          no personal sounds from now on
    POST   /api/personal/label    {"ids": [...], "label": "our doorbell"}: events labelled by hand
    GET    /api/personal/embeddings?ids=1,2,3   the events' stored embeddings, to teach on
    POST   /api/personal/not      {"ids": [...]}: events a pattern head labelled that were not
                                  its sound (device/corrections.py raises its thresholds)

and renamed(), for PATCH /api/events/<id>: a pattern event renamed by hand corrects the head too.

A head is checked whole before anything changes (size, JSON, this model's embedding and
labels): a refused one leaves the old head in use and on flash. An accepted one is written
beside the store new-then-switched (store.set_personal) and applies to the next event.
"""
import json

import api
import personal
from api import JSON, Refused

_model = None   # personal.model_id of the appliance's model.json, read once


def _model_id():
    global _model
    if _model is None:   # read in pieces: 3 KB in one block is what a busy heap lacks
        with open(api.pipeline.classifier.folder + '/model.json', 'rb') as f:
            _model = personal.model_id(f)
    return _model


async def _body(request):
    if (request.content_type or '').split(';')[0].strip().lower() != 'application/json':
        await api.drain_body(request)
        raise Refused(415, 'send the head as application/json')
    n = request.content_length
    if n > personal.MAX_BYTES:   # a bad request, as an oversized list of webhooks is
        await api.drain_body(request)
        raise Refused(400, 'a personal head is at most %d bytes' % personal.MAX_BYTES)
    if n <= api.Request.max_body_length:
        return request.body
    # Past Microdot's JSON body size: read here in pieces, so that a heap too busy for them
    # costs this request a 503 (the rest of its body drained: a close on unread data resets the
    # connection) and never the head in use.
    body = api.Body(request.stream, n)
    pieces = []
    try:
        while body.left:
            piece = await body.read(512)
            if not piece:   # the client stopped sending
                raise Refused(400, 'the head ended before its Content-Length')
            pieces.append(piece)
        return b''.join(pieces)
    except MemoryError:
        pieces = None
        await body.drain()
        raise Refused(503, 'not enough free memory to read the head now; try again')


def _summary():
    head = api.store.personal
    return '{"sounds":%s}' % json.dumps(
        [{'label': label, 'prototypes': head.count(protos)} for label, _, protos in head.sounds]
        if head else [])


async def answer(request):
    """Every request under /api/personal (routes.py registers one pattern a path, not one a
    method and path: each costs heap for good)."""
    action = request.path[len('/api/personal/'):]
    return await (label if action == 'label' else not_ours if action == 'not'
                  else embeddings if action else _head)(request)


async def _head(request):
    store = api.store
    if store is None:
        raise Refused(503, 'no store: personal sounds need one')
    if request.method == 'PUT':
        text = await _body(request)
        c = api.pipeline.classifier if api.pipeline else None
        if c is None:
            raise Refused(503, 'no usable model to check the head against')
        try:
            head = personal.load(text, _model_id(), c.dim, c.labels)
        except ValueError as exc:   # well-formed but for another model: 409
            raise Refused(409 if isinstance(exc, personal.Conflict) else 400, str(exc))
        except MemoryError:   # 6 KB of floats parse into several times that: not now
            text = None
            raise Refused(503, 'not enough free memory to read the head now; try again')
        store.set_personal(head, text)
    elif request.method == 'DELETE':
        store.set_personal(None)
    return _summary(), 200, JSON


async def label(request):
    body = await _body(request)
    try:
        ask = json.loads(body)
        ids, name = ask['ids'], ask['label']
        if len(ask) != 2 or not isinstance(ids, list) or not 0 < len(ids) <= 50 or not all(
                isinstance(i, int) and 0 <= i < 1 << 32 for i in ids):
            raise ValueError
    except Exception:   # not JSON, not an object, keys missing or more, ids wrong
        raise Refused(400, 'body must be {"ids": [1 to 50 event ids], "label": a name}')
    try:
        personal.check_label(name, api.store.labels)
    except ValueError as exc:
        raise Refused(409 if isinstance(exc, personal.Conflict) else 400, str(exc))
    for ident in ids:
        if api.store.get(ident) is None:
            raise Refused(404, 'no event %d' % ident)
    for ident in ids:
        api.store.label_personal(ident, name)
    # streamed, as GET /api/events: 50 events' JSON at once is a block a board may not have
    return api.stream_json(request, '{"events":[',
                       (api.event_json(api.store.get(ident)) for ident in ids))


async def not_ours(request):
    """{"raised": [template indices], "dropped": [...], "reaches": [the head's thresholds now]}"""
    body = await _body(request)
    try:
        ask = json.loads(body)
        ids = ask['ids']
        if len(ask) != 1 or not isinstance(ids, list) or not 0 < len(ids) <= 16 or not all(
                isinstance(i, int) and 0 <= i < 1 << 32 for i in ids):
            raise ValueError
    except Exception:   # not JSON, not an object, keys missing or more, ids wrong
        raise Refused(400, 'body must be {"ids": [1 to 16 event ids]}')
    if api.store is None or api.store.personal is None:
        raise Refused(409, 'no pattern head: nothing to correct')
    if api.pipeline is None or api.pipeline.classifier is None:
        raise Refused(503, 'no usable model to check the head against')
    import corrections   # here: only a correction loads it
    try:
        raised, dropped, reaches = corrections.correct(api.store, ids, _model_id())
    except LookupError as exc:
        raise Refused(404, str(exc))
    except ValueError as exc:
        raise Refused(409, str(exc))
    except MemoryError:   # the old head stays, or the new one is on flash: a retry is the same
        raise Refused(503, 'not enough free memory to correct the head now; try again')
    return json.dumps({'raised': raised, 'dropped': dropped, 'reaches': reaches}), 200, JSON


def renamed(ev):
    """An event a pattern head labelled, renamed by hand (PATCH /api/events/<id>): it was not
    that sound, so the head is corrected as POST /api/personal/not does, when that event's
    match is on record (the last corrections.SLOTS of this head). Without one (labelled by hand,
    by an embedding head, or long ago) the rename is all there is. Refused (503) with nothing
    changed when the heap cannot hold the correction now."""
    if api.store.personal.embedding != 'pattern' or api.pipeline is None or \
            api.pipeline.classifier is None:
        return   # an embedding head, or no model to write a head for: only the rename
    import corrections
    try:
        corrections.correct(api.store, [ev['id']], _model_id())
    except ValueError:   # not this head's, no record, a format 1 head, or every template
        pass             # would be dropped: the head stays as it is
    except MemoryError:
        raise Refused(503, 'not enough free memory to correct the personal head now; try again')


async def embeddings(request):
    """{"embeddings": {id: [int8 ...]}} of up to 50 events, as the store keeps them (norm 127):
    what a head taught in the lab is matched against on the device."""
    try:
        ids = [int(x) for x in request.args.get('ids', '').split(',')]
        if not 0 < len(ids) <= 50:
            raise ValueError
    except ValueError:
        raise Refused(400, 'ids: 1 to 50 event ids, comma-separated')
    for ident in ids:
        if api.store.get(ident) is None:
            raise Refused(404, 'no event %d' % ident)

    def items():
        for ident in ids:
            v = api.store.embedding(ident) or b''   # damaged since: an empty list
            yield '"%d":[%s]' % (ident, ','.join(str((b ^ 128) - 128) for b in v))
    return api.stream_json(request, '{"embeddings":{', items(), lambda: '}}')
