"""The API's endpoints (webui/openapi.json): health and status, events, their clips and similar
events, search by recording, statistics and the live stream here; the level history's in
api_history (imported here); the change feed, personal sounds and webhooks in their modules,
loaded at their first request (an appliance that never serves them never holds their code).
The app they register on, its token and the helpers they share are api.py's.
"""
import asyncio
import json
import os
import sys

from microdot import Request
from microdot.sse import sse_response
from micropython import const

import api
import auth as auth_module
import compat
from api import (JSON, LIVE_PATH, TIME_MAX, Body, Refused, app, event_json, parse_int,
                 parse_seconds, query_arg, route, seconds_text, stream_json, drain_body)
from config import Config
from server import CHUNK

_WAV_TYPES = const(('audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'))
_LIVE_STALL = const(10)  # seconds a live message may wait for its client
_started = compat.ticks_ms()
live_streams = 0


def attach(event_store, detection_pipeline):
    """api.attach; then webhooks kept beside the store start delivering (notify.py is loaded
    only then, or once asked for)."""
    api.attach(event_store, detection_pipeline)
    try:
        os.stat(event_store.root + '.hooks.json')
    except (OSError, AttributeError):   # none kept, or no store
        return
    import notify
    notify.attach()


def _event(ident):
    if not ident.isdigit():
        raise Refused(400, 'bad event id')
    ev = api.store.get(int(ident))
    if ev is None:
        raise Refused(404, 'no event ' + ident)
    return ev


def _similar_events(found):
    for ident, similarity in found:
        ev = api.store.get(ident)
        if ev is not None:  # deleted since the search
            yield event_json(ev, similarity)


# ---- endpoints


@app.get('/api/health')
async def health(request):
    used, free = compat.heap()
    return {
        'ok': True,
        'runtime': sys.implementation.name,
        'uptime_s': compat.ticks_diff(compat.ticks_ms(), _started) // 1000,
        'heap_used': used,
        'heap_free': free,
    }


@route('GET', '/api/status')
async def status(request):
    used, free = compat.heap()
    p = api.pipeline.status()
    faults = p['faults']
    storage = None   # no store: it could not be opened (the fault store_error says so)
    if api.store is not None:
        u = api.store.usage()
        storage = {'used': u['bytes'], 'total': u['budget'], 'events': u['next_id'] - u['first_id'],
                   'clips': len(api.store.clip_ids()), 'problems': api.store.problems}
        if api.store.problems:
            faults = faults + ['store_damaged']
    return {
        'uptime_s': compat.ticks_diff(compat.ticks_ms(), _started) // 1000,
        'runtime': sys.implementation.name,
        'heap_used': used,
        'heap_free': free,
        'storage': storage,
        'model': p['model'],
        'sample_rate': p['sample_rate'],
        'level_db': p['level_db'],
        'faults': faults,
        'overruns': p['overruns'],
        'source': p['source'],
        'events_detected': p['events_detected'],
        'tls_sha256': api.tls_sha256,
        # The token's holder owns the board: the page shows them the setup network's password
        # (wifi.ap_password), which they need when the board cannot join the home WiFi.
        'setup_wifi': {'ssid': Config.ap_ssid, 'password': Config.ap_password}
        if Config.ap_fallback and Config.ap_password else None,
    }


@route('GET', '/api/events')
async def events(request):
    start = query_arg(request, 'start', parse_seconds)
    end = query_arg(request, 'end', parse_seconds)
    label = query_arg(request, 'label', api.store.labels.index)
    least = query_arg(request, 'min_confidence', float, None, 0, 1)
    limit = query_arg(request, 'limit', parse_int, 50, 1, 100)
    before = query_arg(request, 'before')
    more = []  # the cursor, once an event older than the page is known to exist

    def page():
        n = last = 0
        found = api.store.events(start, end, label, least, before)
        try:
            for ev in found:
                if n == limit:
                    more.append('"%d"' % last)
                    return
                n += 1
                last = ev['id']
                yield event_json(ev)
        finally:
            found.close()
    return stream_json(request, '{"events":[', page(),
                   lambda: '],"next":%s}' % (more[0] if more else 'null'))


@route('GET', '/api/events/<ident>')
async def event(request, ident):
    return event_json(_event(ident)), 200, JSON


@route('PATCH', '/api/events/<ident>')
async def update(request, ident):
    ev = _event(ident)
    if (request.content_type or '').split(';')[0].strip().lower() != 'application/json':
        await drain_body(request)
        raise Refused(415, 'send the changes as application/json')
    if request.content_length > Request.max_body_length:
        await drain_body(request)
        raise Refused(413, 'JSON body larger than %d bytes' % Request.max_body_length)
    if request.body.count(b'{') > 1 or b'[' in request.body:
        # A patch is one flat object; 1 KB of '[' would otherwise nest 1000 lists in the heap.
        raise Refused(400, 'body must be one flat JSON object')
    try:
        patch = json.loads(request.body.decode())
    except (ValueError, RuntimeError):  # RuntimeError: CPython's json nested too deep
        raise Refused(400, 'body is not JSON')
    if (not isinstance(patch, dict) or not patch or
            [k for k in patch if k not in ('label', 'locked')] or
            ('label' in patch and patch['label'] not in api.store.labels) or
            ('locked' in patch and not isinstance(patch['locked'], bool))):
        raise Refused(400, 'body must be {"label": one of the labels, "locked": true|false}')
    label = patch.get('label')
    locked = patch.get('locked')
    if label is not None and label != ev['label']:
        if 'generic' in ev and api.store.personal is not None:
            import api_personal   # a personal event renamed by hand: its head may learn from it
            api_personal.renamed(ev)
        ev = api.store.relabel(ev['id'], label)
    if locked is not None and locked != ev['locked']:
        ev = api.store.lock(ev['id'], locked)
    return event_json(ev), 200, JSON


@route('DELETE', '/api/events/<ident>')
async def delete(request, ident):
    ev = _event(ident)
    if ev['locked']:
        raise Refused(409, 'event %d is locked; unlock it first' % ev['id'])
    api.store.delete(ev['id'])
    return '', 204


@route('GET', '/api/events/<ident>/clip.wav')
async def clip(request, ident):
    ev = _event(ident)
    try:
        # 256 samples: 512-byte pieces, decoded into the request's slot buffer (server.Conn)
        pieces = api.store.clip_wav(ev['id'], CHUNK // 4, request.sock[0].buf)
        head = next(pieces)  # opens the clip: gone or damaged shows here, not mid-answer
    except (ValueError, OSError):
        raise Refused(404, 'event %d has no clip' % ev['id'])
    if request.method == 'HEAD':
        pieces.close()  # no body follows: close the clip file now
    size = 8 + int.from_bytes(head[4:8], 'little')

    def wav():
        yield head
        yield from pieces
    return wav(), 200, {'Content-Type': 'audio/wav', 'Content-Length': str(size)}


@route('GET', '/api/events/<ident>/similar')
async def similar(request, ident):
    ev = _event(ident)
    k = query_arg(request, 'k', parse_int, 10, 1, 50)
    try:
        found = api.store.similar(ev['id'], k)
    except ValueError:  # an event stored without an embedding has nothing to compare
        found = []
    return stream_json(request, '{"events":[', _similar_events(found))


@route('POST', '/api/search')
async def search(request):
    body = Body(request.stream, request.content_length)
    try:   # every answer, refusals too, waits for the whole upload (see Body)
        k = query_arg(request, 'k', parse_int, 10, 1, 50)
        if (request.content_type or '').split(';')[0].strip().lower() not in _WAV_TYPES:
            raise Refused(415, 'send a WAV recording as audio/wav')
        if not request.content_length:
            raise Refused(400, 'send a WAV recording (with a Content-Length)')
        try:
            import resample   # any rate, mono or stereo: read as 16 kHz mono (device/resample.py)
            wav = resample.Resampled(body, request.content_length)
            await wav.opened()
            embedding, label, confidence = await api.pipeline.embed_wav(wav, wav.length)
        except (ValueError, EOFError) as exc:
            raise Refused(400, 'not a usable WAV: %s' % exc)
    finally:
        await body.drain()
    found = api.store.similar(bytes(embedding), k)
    return stream_json(request, '{"query":{"label":"%s","confidence":%s},"events":[' % (
        label, round(confidence, 3)), _similar_events(found))


@route('GET', '/api/stats')
async def stats(request):
    bucket = request.args.get('bucket', 'hour')
    if bucket not in ('hour', 'day'):
        raise Refused(400, 'bad bucket (hour or day)')
    start = query_arg(request, 'start', parse_seconds, 0)
    end = query_arg(request, 'end', parse_seconds, TIME_MAX * 1000)
    rows = ('{"start":%s,"counts":%s}' % (seconds_text(b['start']), json.dumps(b['counts']))
            for b in (api.store.stats(bucket, start, end) if end > start else ()))
    return stream_json(request, '{"bucket":"%s","start":%s,"end":%s,"buckets":[' % (
        bucket, seconds_text(start), seconds_text(end)), rows)


@route('POST', '/api/live/ticket')
async def live_ticket(request):
    return {'ticket': api.tickets.issue(), 'expires_in': auth_module.TICKET_S}


@route('GET', LIVE_PATH)
async def live(request):
    global live_streams
    if live_streams >= Config.max_live:
        raise Refused(503, 'already %d live streams open' % live_streams)
    live_streams += 1
    request.sock[0].go_live()
    body, code, headers = sse_response(request, _live)
    headers['Cache-Control'] = 'no-cache'
    return body, code, headers


async def _live(request, sse):
    global live_streams
    conn = request.sock[0]
    sub = api.pipeline.subscribe()
    conn.sub = sub   # the reaper puts ('end', None) when the client left, ('ping', None) when
    conn.since = compat.ticks_ms()   # nothing was sent for Config.live_keepalive seconds
    try:
        while True:
            kind, payload = await sub.get()
            if kind == 'end':
                return
            if kind == 'ping':
                await sse.send('', comment=True)   # a failing write ends a vanished client
            else:
                await sse.send(event_json(payload) if kind == 'event' else payload, event=kind)
            conn.since = compat.ticks_ms()
            # sse.send only queues: wait for the socket, so a slow client never piles up heap
            # (the pipeline's own queue for it drops the oldest instead). A message unsent for
            # _LIVE_STALL seconds ends the stream (a write that stalls Config.send_timeout ends
            # the connection too, and _handle then closes this task's stream).
            waited = 0
            while sse.queue:
                if waited >= _LIVE_STALL * 50:
                    return
                waited += 1
                await asyncio.sleep(0.02)
    finally:
        live_streams -= 1
        conn.sub = None
        api.pipeline.unsubscribe(sub)


import api_history  # noqa: E402,F401 (its routes register themselves)


async def _webhooks(request):
    import notify   # here: an appliance without webhooks never loads it (device/notify.py)
    return await notify.answer(request)
# Registered with Microdot directly, GET and PUT as one: 352 bytes of heap, not 592 (notify.py
# answers its own refusals).
app.route('/api/webhooks', methods=['GET', 'PUT'])(_webhooks)
app.route('/api/webhooks/test', methods=['POST'])(_webhooks)


async def _personal(request):
    import api_personal   # here: loaded at the first request about personal sounds
    return await api_personal.answer(request)
app.route('/api/personal', methods=['GET', 'PUT', 'DELETE'])(_personal)
app.route('/api/personal/label', methods=['POST'])(_personal)
app.route('/api/personal/embeddings', methods=['GET'])(_personal)
app.route('/api/personal/not', methods=['POST'])(_personal)


async def _changes(request):
    import api_changes   # here: an appliance that no hub pulls never loads it
    return await api_changes.changes(request)
route('GET', '/api/changes')(_changes)
