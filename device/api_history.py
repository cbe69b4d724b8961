"""The level history's endpoints (device/history.py), added to the API by routes.py:

    GET /api/levels?start&end&points=N       rows at the finest level that gives at most N
    GET /api/export.arrow?what=events|levels&start&end[&points=N]   an Arrow IPC stream

Both stream: rows are packed into the request's slot buffer as they are read. An export
(export.py) fills record batches in buffers made once per export, and one export runs at a
time, so the heap an export takes is bounded whatever its length.
"""
import api
import compat
from api import TIME_MAX, Refused, query_arg, parse_int, parse_seconds, seconds_text, route

DAY = 86400000
ARROW = {'Content-Type': 'application/vnd.apache.arrow.stream'}


def _history():
    """The appliance's history, or None where it keeps none (no store, or it could not be
    opened: a fault says why): then there are no rows, which is not an error."""
    return getattr(api.pipeline, 'history', None)


def _range(request, points_default, whole=False):
    """(start, end, points): by default the last day, or with `whole` everything."""
    end = query_arg(request, 'end', parse_seconds, None)
    start = query_arg(request, 'start', parse_seconds, None)
    if end is None:
        end = compat.wall_ms() if start is None and not whole else TIME_MAX * 1000
    if start is None:
        start = 0 if whole else max(0, end - DAY)
    return start, end, query_arg(request, 'points', parse_int, points_default, 1, 100000)


@route('GET', '/api/levels')
async def levels(request):
    import history as hist   # here: an appliance that keeps none never loads it
    h = _history()
    start, end, points = _range(request, 300)
    labels = api.store.labels

    def rows():
        if h is None or start >= end:
            return
        for t, seconds, r in h.rows(start, end, points):
            v = hist.values(seconds, r, labels)
            yield '[%d,%d,%d,%s,%.2f,%s,%s,%.2f,%.2f,%.2f,%.2f,%.3f,%s,%s]' % (
                (t, seconds, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                 '"%s"' % v[10] if v[10] else 'null', 'true' if v[11] else 'false'))
    return api.stream_json(
        request, '{"start":%s,"end":%s,"history":%s,"columns":["%s"],"rows":[' % (
            seconds_text(start), seconds_text(end), 'false' if h is None else 'true',
            '","'.join(hist.COLUMNS)), rows())


@route('GET', '/api/export.arrow')
async def export(request):
    what = request.args.get('what')
    if what not in ('events', 'levels'):
        raise Refused(400, 'what must be events or levels')
    h = _history()
    start, end, points = _range(request, 1 << 30, True)
    import export   # here, not above: its code and the Arrow writer's stay out of the heap
    #                 until someone exports
    if export.running:
        raise Refused(503, 'an export is already running; try again when it ends')
    export.running = True
    rows = export.events(api.store, start, end) if what == 'events' else export.levels(
        h, api.store.labels, start, end, points)
    return export.Export(export.packed(request.sock[0].buf, rows)), 200, ARROW
