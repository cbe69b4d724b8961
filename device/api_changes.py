"""The change feed: the store's log as a replication stream, for a hub that keeps every
appliance's history (hub/, docs/hub.md). routes.py registers the route and imports this module at
the first request, so an appliance that no hub pulls never loads it.

    GET /api/changes?after=CURSOR&limit=N
    {"thinned": 0, "changes": [{"op": "event", "id": 7, ..., "embedding": "base64"},
                               {"op": "relabel", "id": 3, "label": "doorbell"},
                               {"op": "personal", "id": 5, "label": "our doorbell"}, ...],
     "cursor": "8.7.1733400000123-0.4", "more": false}

A page holds, oldest first, the events appended after the cursor (as they are now, with their
int8 embedding) and then the edits written since it: relabel, lock, end (the duration of an
event stored while it still sounded), delete, and personal (a personal label given, or taken
away with null: the event is back to its model label, its `generic`). Every change sets a
value, so replaying one twice, or an edit after the event it is already part of, changes
nothing: a hub that applies pages in order holds what the device holds. The store keeps one
edit file per segment, so the cursor is the next id, the id and start (ms) of the last event
sent (to recognise its store: a device reset since answers 409, not someone else's events), and
the edit records read per segment: `NEXT.CHECK.START` then `-FIRST.N` for each segment with
edits.

It streams like the lists (api.stream_json): the heap it takes does not grow with the store, only
with the number of segments that have edits (a few dozen on a board).
"""
import binascii

import api
from api import Refused, query_arg, parse_int

LIMIT = 100   # changes a page holds by default
CURSOR_MAX = 900   # characters (the spec's maxLength): a store's segments all with edits fit
# store/layout.py's RELABEL, LOCK, DELETE, END, PERSONAL
KINDS = (None, 'relabel', 'lock', 'delete', 'end', 'personal')


def _cursor(text):
    """(next id, check id, check start ms or -1, {segment's first id: edits read}) of a cursor:
    `NEXT[.CHECK.START]` then `-FIRST.N` per segment with edits."""
    parts = text.split('-') if len(text) <= CURSOR_MAX else ['']   # longer: split nothing
    head = parts[0].split('.')
    numbers = head + [n for part in parts[1:] for n in part.split('.')]
    if (len(head) not in (1, 3) or not all(n.isdigit() for n in numbers)
            or any(part.count('.') != 1 for part in parts[1:])):
        raise Refused(400, 'bad cursor %r' % text[:40])
    edits = {}
    for part in parts[1:]:
        first, n = part.split('.')
        edits[int(first)] = int(n)
    if len(head) == 1:
        return int(head[0]), 0, -1, edits
    return int(head[0]), int(head[1]), int(head[2]), edits


def _next(log):
    try:
        return next(log)
    except StopIteration:
        return None


def _change(item):
    ident, start, ev, vector = item
    if ev is None:
        return '{"op":"delete","id":%d}' % ident
    return '{"op":"event",%s,"embedding":%s}' % (api.event_json(ev)[1:-1], '"%s"' % (
        binascii.b2a_base64(vector).decode().strip()) if vector else 'null')


def _edit(ident, kind, value, labels, custom):
    if kind == 1:
        more = ',"label":"%s"' % labels[value]
    elif kind == 5:   # personal labels have no '"' or '\\' (personal.check_label)
        more = ',"label":%s' % ('"%s"' % custom[value - 1] if value else 'null')
    elif kind == 2:
        more = ',"locked":%s' % ('true' if value else 'false')
    elif kind == 4:
        more = ',"duration":%d.%02d' % (value // 100, value % 100)
    else:
        more = ''
    return '{"op":"%s","id":%d%s}' % (KINDS[kind], ident, more)


async def changes(request):
    store = api.store
    after = request.args.get('after')   # none: from the oldest event kept ('' is a bad cursor)
    nxt, check, check_start, edits = (0, 0, -1, {}) if after is None else _cursor(after)
    limit = query_arg(request, 'limit', parse_int, LIMIT, 1, 1000)
    usage = store.usage()
    try:
        if nxt > usage['next_id'] or (check_start >= 0 and check >= nxt):
            raise ValueError
        found = store.log(edits=edits)   # checks the edit counts now, before any answer
    except ValueError:
        raise Refused(409, 'cursor %s is ahead of this store (next id %d): was the device '
                      'reset?' % (after[:40], usage['next_id']))
    log = store.log(check if check_start >= 0 else nxt)
    pending = _next(log)
    if pending and check_start >= 0 and pending[0] == check:
        if pending[1] != check_start:
            log.close()
            found.close()
            raise Refused(409, 'cursor %s is from another store: was the device reset?'
                          % after[:40])
        pending = _next(log)
    first_id = usage['first_id']
    for first in list(edits):
        if first < first_id:   # a segment that retention dropped
            del edits[first]
    cursor = [nxt, check, check_start, False]   # the new cursor's parts, and whether more

    def items():
        sent = 0
        item = pending
        try:
            while item:
                if sent == limit:
                    cursor[3] = True
                    return
                cursor[:3] = [item[0] + 1, item[0], item[1]]
                sent += 1
                yield _change(item)
                item = _next(log)
        finally:
            log.close()
        labels, custom = store.labels, store.custom
        last = None
        try:
            for first, n, ident, kind, value in found:
                # Each edit is on flash twice in a row: the copy says nothing new. Edits of
                # events past the cursor are read past: those events come later, as they are.
                if ident < cursor[0] and (ident, kind, value) != last and 0 < kind < 6 and (
                        kind != 1 or value < len(labels)) and (kind != 5 or value <= len(custom)):
                    if sent == limit:
                        cursor[3] = True
                        return
                    sent += 1
                    last = (ident, kind, value)
                    yield _edit(ident, kind, value, labels, custom)
                edits[first] = n
        finally:
            found.close()

    def tail():
        text = '%d.%d.%d' % tuple(cursor[:3]) if cursor[2] >= 0 else str(cursor[0])
        for first in sorted(edits):
            text += '-%d.%d' % (first, edits[first])
        return '],"cursor":"%s","more":%s}' % (text, 'true' if cursor[3] else 'false')
    return api.stream_json(request, '{"thinned":%d,"changes":[' % max(0, first_id - nxt), items(),
                       tail)
