"""The level history's endpoints (device/history.py), added to the API by api.py:

    GET /api/levels?start&end&points=N       rows at the finest level that gives at most N
    GET /api/export.arrow?what=events|levels&start&end[&points=N]   an Arrow IPC stream

Both stream: rows are packed into the request's slot buffer as they are read. An Arrow export
fills record batches of BATCH rows in buffers made once per export, and one export runs at a
time, so the heap an export takes is bounded whatever its length.
"""
import api
import arrow
import compat
import history as hist
from api import JSON, TIME_MAX, Refused, _arg, _int, _seconds, _time, route

# Rows an Arrow record batch holds: a column's buffer for them stays near 256 bytes (an
# embedding of 32), since the appliance's heap, in pieces once it runs, has few larger holes.
BATCH = 8
WINDOW = 128               # bytes of the schema laid out at a time (arrow._pieces)
DAY = 86400000
ARROW = {'Content-Type': 'application/vnd.apache.arrow.stream'}
COLUMNS = ('t', 'step', 'n', 'level_min', 'level_mean', 'level_max', 'peak_max', 'band_low',
           'band_low_mid', 'band_high_mid', 'band_high', 'score', 'label', 'event')
exporting = False


def _history():
    h = getattr(api.pipeline, 'history', None)
    if h is None:
        raise Refused(503, 'no level history on this appliance (it needs a store folder)')
    return h


def _range(request, points_default, whole=False):
    """(start, end, points): by default the last day, or with `whole` everything."""
    end = _arg(request, 'end', _seconds, None)
    start = _arg(request, 'start', _seconds, None)
    if end is None:
        end = compat.wall_ms() if start is None and not whole else TIME_MAX * 1000
    if start is None:
        start = 0 if whole else max(0, end - DAY)
    if start >= end:
        raise Refused(400, 'start must be before end')
    return start, end, _arg(request, 'points', _int, points_default, 1, 100000)


def _values(seconds, r, labels):
    """A row's columns (COLUMNS but t and step): levels in dB, the score 0..1."""
    n = r[hist.COUNT]
    label = r[hist.LABEL] & hist.NO_LABEL
    return (n, r[hist.MINS] / 2 - 127.5, r[hist.SUMS] / n / 2 - 127.5,
            r[hist.MAXS] / 2 - 127.5, r[hist.MAXS + 1] / 2 - 127.5,
            r[hist.SUMS + 2] / n / 2 - 100, r[hist.SUMS + 3] / n / 2 - 100,
            r[hist.SUMS + 4] / n / 2 - 100, r[hist.SUMS + 5] / n / 2 - 100,
            r[hist.MAXS + 6] / 255, labels[label] if label < len(labels) else None,
            bool(r[hist.LABEL] & hist.EVENT))


@route('GET', '/api/levels')
async def levels(request):
    h = _history()
    start, end, points = _range(request, 300)
    labels = api.store.labels

    def rows():
        for t, seconds, r in h.rows(start, end, points):
            v = _values(seconds, r, labels)
            yield '[%d,%d,%d,%s,%.2f,%s,%s,%.2f,%.2f,%.2f,%.2f,%.3f,%s,%s]' % (
                (t, seconds, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                 '"%s"' % v[10] if v[10] else 'null', 'true' if v[11] else 'false'))
    return api._stream(request, '{"start":%s,"end":%s,"columns":["%s"],"rows":[' % (
        _time(start), _time(end), '","'.join(COLUMNS)), rows())


@route('GET', '/api/export.arrow')
async def export(request):
    global exporting
    what = request.args.get('what')
    if what not in ('events', 'levels'):
        raise Refused(400, 'what must be events or levels')
    if what == 'levels':
        h = _history()
    start, end, points = _range(request, 1 << 30, True)
    if exporting:
        raise Refused(503, 'an export is already running; try again when it ends')
    exporting = True
    rows = _events(api.store, start, end) if what == 'events' else _levels(
        h, api.store.labels, start, end, points)
    return _Export(_packed(request.sock[0].buf, rows)), 200, ARROW


class _Export:
    """The answer's body: api.py closes it however the answer ends (HEAD, a client gone), and
    that ends the export, even one whose generator never started."""

    def __init__(self, pieces):
        self.pieces = pieces

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.pieces)

    def close(self):
        global exporting
        exporting = False
        self.pieces.close()


def _events(store, start, end):
    w = arrow.Writer((('id', 'i64'), ('start', 'ts_ms'), ('end', 'ts_ms'), ('label', 'utf8'),
                      ('confidence', 'f32'), ('runner_up', 'utf8'),
                      ('runner_up_confidence', 'f32'), ('has_clip', 'bool'), ('locked', 'bool'),
                      ('embedding', 'i8x%d' % store.dim)), BATCH)
    yield from w.schema(bytearray(WINDOW))
    n = 0
    found = store.events(start, end, oldest_first=True)
    try:
        for ev in found:
            runner = ev['runners_up'][0] if ev['runners_up'] else ('', 0.0)
            for col, value in enumerate((
                    ev['id'], ev['start'], ev['end'], ev['label'].encode(), ev['confidence'],
                    runner[0].encode(), runner[1], ev['has_clip'], ev['locked'],
                    store.embedding(ev['id']))):
                w.set(col, n, value)
            n += 1
            if n == BATCH:
                yield from w.batch(n)
                n = 0
    finally:
        found.close()
    yield from w.batch(n)
    yield w.end()


def _levels(h, labels, start, end, points):
    kinds = ['ts_s', 'i32', 'i32'] + ['f32'] * 9 + ['utf8', 'bool']
    w = arrow.Writer(list(zip(COLUMNS, kinds)), BATCH)
    yield from w.schema(bytearray(WINDOW))
    n = 0
    for t, seconds, r in h.rows(start, end, points):
        w.set(0, n, t)
        w.set(1, n, seconds)
        for col, value in enumerate(_values(seconds, r, labels), 2):
            w.set(col, n, (value or '').encode() if col == 12 else value)
        n += 1
        if n == BATCH:
            yield from w.batch(n)
            n = 0
    yield from w.batch(n)
    yield w.end()


def _packed(buf, pieces):
    """The pieces gathered into buf (the request's slot buffer), one socket write each time it
    fills."""
    view = memoryview(buf)
    n = 0
    try:
        for piece in pieces:
            at = 0
            while at < len(piece):
                take = min(len(buf) - n, len(piece) - at)
                view[n:n + take] = piece[at:at + take]
                n += take
                at += take
                if n == len(buf):
                    yield view
                    n = 0
        if n:
            yield view[:n]
    finally:
        pieces.close()

