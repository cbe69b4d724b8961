"""The change feed under power cuts, in MicroPython on VfsLfs2 (the store's own harness,
tests/store_powercut.py: its workload, flash and mount). The workload runs with the power cut at
its N-th block write, for cut points spread over all its writes; a replica pulls the feed (pages
of 4) every few ops, as a hub would. After the cut the flash is mounted again, the store opened
(its repair runs) and the replica resumes from the cursor it took before the cut: it must be
accepted (no 409) and leave the replica equal to one pulled from scratch, for every event the
store still holds; then more events are stored (ids after a cut may be used again) and pulled."""
from pathlib import Path

HERE = Path(__file__).parent

FEED = r'''
import asyncio, binascii, json
import api, api_changes


class Conn:
    buf = bytearray(1024)


class Request:
    def __init__(self, after, limit):
        self.args = {'limit': str(limit)}
        if after:
            self.args['after'] = after
        self.sock = [Conn()]


def page(after, limit=4):
    body = asyncio.run(api_changes.changes(Request(after, limit)))[0]
    out = bytearray()
    for piece in body:
        out += piece
    return json.loads(out.decode())


def pull(held, cursor):
    """Applies every change after cursor to held; returns the new cursor."""
    while True:
        p = page(cursor)
        for c in p['changes']:
            op, ident = c['op'], c['id']
            if op == 'event':
                held[ident] = [c['label'], c['locked'], c['start'], c['end'], c['embedding']]
            elif op == 'delete':
                held.pop(ident, None)
            elif ident in held:
                ev = held[ident]
                if op == 'relabel':
                    ev[0] = c['label']
                elif op == 'lock':
                    ev[1] = c['locked']
                else:
                    ev[3] = round(ev[2] + c['duration'], 3)
        cursor = p['cursor']
        if not p['more']:
            return cursor


def compare(s, held, note):
    fresh = {}
    pull(fresh, None)
    for ident, ev in fresh.items():
        assert held.get(ident) == ev, (note, ident, held.get(ident), ev)
    for ident in held:
        assert ident in fresh or s.get(ident) is None, (note, 'kept on the device', ident)
    return len(fresh)


def run_feed(every):
    base, log, done_at, acked = record()[:4]
    cases = resumed = 0
    for n in range(2, len(log) + 1, every):
        flash = Flash(bytearray(base), fail_at=n)
        mount(flash)
        r = Run()
        held, cursor = {}, None
        for k, (o, arg) in enumerate(OPS):
            try:
                r.do(o, arg)
            except OSError as exc:
                # the cut's EIO, or what the store made of it (a folder never made)
                assert flash.count >= n, (n, exc)
                break
            if r.s is not None and k % 5 == 4:
                api.attach(r.s, None)
                cursor = pull(held, cursor)
        r = None
        gc.collect()
        mount(Flash(flash.data))
        s = open_store(ROOT, **SETTINGS)
        api.attach(s, None)
        note = 'cut at write %d' % n
        cursor = pull(held, cursor)   # raises Refused (409) if the cursor were not accepted
        compare(s, held, note)
        new = []
        for i in range(3):
            try:
                new.append((2000 + i, add(s, 2000 + i)))
            except OSError as e:   # locked events may fill this small budget: refused, not lost
                if e.args[0] != 28:
                    raise
        pull(held, cursor)
        compare(s, held, note + ', then appended')
        assert all(held[i][2] == (T0 + k * STEP) / 1000 for k, i in new if s.get(i)), note
        resumed += len(held) > 0
        cases += 1
        gc.collect()
    out(cases=cases, resumed=resumed, writes=len(log))
'''


def test_a_cursor_from_before_a_power_cut_resumes_after_it(mpy):
    code = ((HERE / 'store_device.py').read_text() + '\n' +
            (HERE / 'store_powercut.py').read_text() + '\n' + FEED +
            "\nBS, NB, FULL, SETTINGS = 4096, 64, False, dict(budget=5 * 1024, "
            "segment_bytes=400, clip_share=0.3, keep_clips=1, thin_fraction=0.1)\nrun_feed(7)\n")
    r = mpy.json_lines(code, heap='8M', timeout=1800)[0]
    print(r)
    assert r['cases'] >= 50 and r['resumed'] >= 40, r
