"""The Arrow exports of GET /api/export.arrow (api_history.py): the events of the store or the
level history's rows as an Arrow IPC stream (arrow.py), packed into the request's slot buffer.
Imported at the first export, so an appliance nobody exports from keeps its heap.
"""
import arrow
import history

running = False   # an export streams (one at a time: api_history.py refuses a second)

# Rows an Arrow record batch holds: a column's buffer for them stays near 256 bytes (an
# embedding of 32), since the appliance's heap, in pieces once it runs, has few larger holes.
BATCH = 8
WINDOW = 128   # bytes of the schema laid out at a time (arrow._pieces)


class Export:
    """The answer's body: server.py closes it however the answer ends (HEAD, a client gone), and
    that ends the export, even one whose generator never started."""

    def __init__(self, pieces):
        self.pieces = pieces

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.pieces)

    def close(self):
        global running
        running = False
        self.pieces.close()


def events(store, start, end):
    """`label`: the event's (a personal one where a sound the household taught named it);
    `generic`: the model's, always (the API's `generic` is there only beside a personal one)."""
    w = arrow.Writer((('id', 'i64'), ('start', 'ts_ms'), ('end', 'ts_ms'), ('label', 'utf8'),
                      ('generic', 'utf8'), ('confidence', 'f32'), ('runner_up', 'utf8'),
                      ('runner_up_confidence', 'f32'), ('has_clip', 'bool'), ('locked', 'bool'),
                      ('embedding', 'i8x%d' % store.dim)), BATCH)
    yield from w.schema(bytearray(WINDOW))
    n = 0
    found = store.events(start, end if end > start else start, oldest_first=True)
    try:
        for ev in found:
            runner = ev['runners_up'][0] if ev['runners_up'] else ('', 0.0)
            for col, value in enumerate((
                    ev['id'], ev['start'], ev['end'], ev['label'].encode(),
                    ev.get('generic', ev['label']).encode(), ev['confidence'],
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


def levels(h, labels, start, end, points):
    kinds = ['ts_s', 'i32', 'i32'] + ['f32'] * 9 + ['utf8', 'bool']
    w = arrow.Writer(list(zip(history.COLUMNS, kinds)), BATCH)
    yield from w.schema(bytearray(WINDOW))
    n = 0
    found = h.rows(start, end, points) if h is not None and start < end else ()
    for t, seconds, r in found:
        w.set(0, n, t)
        w.set(1, n, seconds)
        for col, value in enumerate(history.values(seconds, r, labels), 2):
            w.set(col, n, (value or '').encode() if col == 12 else value)
        n += 1
        if n == BATCH:
            yield from w.batch(n)
            n = 0
    yield from w.batch(n)
    yield w.end()


def packed(buf, pieces):
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

