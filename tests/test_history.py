"""The level history (device/history.py) in MicroPython (from the image, heap limited) and CPython:
exact roll-ups, thinning under a budget and its sample, the level a query picks, the recorder,
heap, and power cuts on a real VfsLfs2 (tests/history_powercut.py)."""
import os
import tempfile
from pathlib import Path

import pytest

from earmark import bridge

H = bridge.device_module('history')   # its constants and layout
from history_device import atom, slot_of   # noqa: E402  (device code too: after the bridge)

HELPERS = Path(__file__).with_name('history_device.py').read_text()
SHARES_BUDGET = 16 * 1024


@pytest.fixture
def tmp_path():
    """A folder in memory where there is one: a row is a file append, which the disk here makes
    fifty times slower than the rest of the work (the device's flash is not what is tested)."""
    shm = Path('/dev/shm')
    where = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix='earmark-history-', dir=where) as folder:
        yield Path(folder)


def run(dev, code, heap='256K', **kw):
    return dev.json_lines(HELPERS + '\n' + code, heap=heap, **kw)


def brute(rows, seconds):
    """{period start (s): [count, mins, maxs, sums, label byte]} straight from the rows."""
    out = {}
    for slot, a in rows:
        p = slot * 10 // seconds * seconds
        r = out.get(p)
        if r is None:
            out[p] = [1, list(a[:7]), list(a[:7]), list(a[:7]), a[7]]
            continue
        best = a[7] if a[6] > r[2][6] else r[4]
        r[4] = (best & H.NO_LABEL) | ((r[4] | a[7]) & H.EVENT)
        r[0] += 1
        for i in range(7):
            r[1][i] = min(r[1][i], a[i])
            r[2][i] = max(r[2][i], a[i])
            r[3][i] += a[i]
    return out


def as_rows(found):
    """The device's (t, step, row) lists as brute()'s dict."""
    return {t: [r[H.COUNT], r[H.MINS:H.MINS + 7], r[H.MAXS:H.MAXS + 7], r[H.SUMS:H.SUMS + 7],
                r[H.LABEL]] for t, step, r in found}


def test_rollups_are_exact_and_rebuilt_after_reopening(device, tmp_path):
    n = 3 * 8640
    found = run(device, '''
root = %r
h = history.History(root, budget=1 << 30)
for k in range(%d):
    assert h.append(slot_of(k), atom(k))
    if k in (5000, 5001, 12345):   # reopened now and then: the running roll-ups are rebuilt
        h = history.History(root, budget=1 << 30)
assert not h.append(slot_of(10), atom(10))   # not after the last: refused
end = (slot_of(%d) + 1) * 10000
for level, (name, seconds, _) in enumerate(history.LEVELS):
    points = (end - S0 * 10000) // (seconds * 1000)
    assert h.choose(S0 * 10000, end, points) == level
    for t, step, r in h.rows(S0 * 10000, end, points):   # a line a row: no list in the heap
        print(json.dumps([level, t, step, list(r)]))
out(problems=h.problems, dropped=h.dropped, usage=h.usage())
''' % (str(tmp_path / 'h'), n, n))
    rows = [(slot_of(k), atom(k)) for k in range(n)]
    for level, (name, seconds, _) in enumerate(H.LEVELS):
        got = [line[1:] for line in found[:-1] if line[0] == level]
        assert all(step == seconds for _, step, _ in got)
        times = [t for t, _, _ in got]
        assert times == sorted(set(times)), name
        assert as_rows(got) == brute(rows, seconds), name
    last = found[-1]
    assert last['problems'] == [] and last['dropped'] == 1
    # the 10 s level: 10 bytes a row; a gap of up to GAP_FILL rows is filled, a longer one (or
    # one the segment has no room for) starts a segment
    stored, segment, last_slot = 0, 0, None
    for slot, _ in rows:
        gap = 0 if last_slot is None else slot - last_slot - 1
        if (last_slot is None or gap > H.History.GAP_FILL or
                (segment + gap + 1) * 10 > H.History.SEGMENT_BYTES):
            segment, gap = 0, 0
        segment += gap + 1
        stored += gap + 1
        last_slot = slot
    assert last['usage']['levels']['10s']['bytes'] == 10 * stored, last['usage']
    assert stored < 1.04 * n   # the filled gaps: 3 rows in 100


def test_thinning_keeps_shares_newest_segments_and_a_sample(device, tmp_path):
    n = 8 * 8640
    found = run(device, '''
root = %r
h = history.History(root, budget=%d, segment_bytes=1024)
for k in range(%d):
    h.append(S0 + k, atom(k))
u = h.usage()
end = (S0 + %d) * 10000
for days in (1, 3, 8):
    for points in (100, 1000, 100000):
        key = '%%d %%d' %% (days, points)
        print(json.dumps(['plan', key, h.plan(end - days * 86400000, end, points)]))
        for t, step, r in h.rows(end - days * 86400000, end, points):
            print(json.dumps(['row', key, t, step, r[history.COUNT]]))
for s, a, w in h.samples(0, 1 << 50):
    print(json.dumps(['sample', s, list(a), w]))
h = history.History(root, budget=%d, segment_bytes=1024)   # reopened: the same files
out(usage=u, again=h.usage(), problems=h.problems)
''' % (str(tmp_path / 'h'), SHARES_BUDGET, n, n, SHARES_BUDGET), heap='512K')
    lines = found[:-1]
    found = found[-1]
    found['plans'] = {line[1]: [line[2], [x[2:] for x in lines if x[:2] == ['row', line[1]]]]
                      for line in lines if line[0] == 'plan'}
    found['sample'] = [line[1:] for line in lines if line[0] == 'sample']
    u = found['usage']
    assert found['again'] == u and found['problems'] == []
    assert u['bytes'] <= SHARES_BUDGET
    levels = u['levels']
    names = [name for name, _, _ in H.LEVELS]
    # fine levels go first: the finer a level, the later its oldest row
    starts = [levels[name]['from'] for name in names]
    assert starts == sorted(starts, reverse=True), starts
    assert levels['10s']['bytes'] <= H.History.SHARES[0] * SHARES_BUDGET
    assert all(levels[name]['segments'] >= 1 for name in names)
    for key, (plan, rows) in found['plans'].items():
        days, points = map(int, key.split())
        end = (H_S0 + n) * 10
        # parts are oldest first, coarse to fine, and touch: no gap, no overlap
        assert [lvl for lvl, _, _ in plan] == sorted([lvl for lvl, _, _ in plan], reverse=True)
        for (_, _, hi), (_, lo, _) in zip(plan, plan[1:]):
            assert hi == lo
        assert plan[0][1] == end * 1000 - days * 86400000 and plan[-1][2] == end * 1000
        # rows follow each other: each starts where the one before ended (the data has no gaps)
        for (t0, s0, _), (t1, _, _) in zip(rows, rows[1:]):
            assert t1 == t0 + s0, (key, t0, s0, t1)
        total = sum(c for _, _, c in rows)
        covered = (min(n, (rows[-1][0] + rows[-1][1]) // 10 - H_S0) -
                   max(0, rows[0][0] // 10 - H_S0))
        assert total == covered, (key, total, covered)
    # a day at 100000 points ends at 10 s; 8 days are days at 100 points, and at 1000 points
    # 15 minutes as far back as they are kept, coarser rows before
    assert found['plans']['1 100000'][0][-1][0] == 0
    assert [lvl for lvl, _, _ in found['plans']['8 100'][0]] == [4]
    parts = [lvl for lvl, _, _ in found['plans']['8 1000'][0]]
    assert parts[-1] == 2 and len(parts) > 1, parts
    # the sample: every event row of the dropped 10 s rows and its neighbours, and a weighted
    # reservoir of the rest, in time order
    first_kept = levels['10s']['from'] // 10000
    sample = found['sample']
    slots = [s for s, _, _ in sample]
    assert slots == sorted(set(slots)) and slots[-1] < first_kept
    assert all(a == list(atom(s - H_S0)) for s, a, _ in sample)
    kept = set(slots)
    lo = (slots[0] // 90 + 1) * 90   # the older half may have been trimmed: whole windows on
    for slot in range(lo, first_kept // 90 * 90):
        if atom(slot - H_S0)[7] & H.EVENT:
            for near in (slot - 1, slot, slot + 1):
                if near // 90 == slot // 90:
                    assert near in kept, (slot, near)
    per_window = {}
    for s, a, w in sample:
        per_window.setdefault(s // 90, []).append(w)
    for window, weights in list(per_window.items())[1:-1]:   # whole 15 minutes
        assert abs(sum(weights) - 90) < 1, (window, weights)
        # a window split between two segments has a reservoir in each
        assert 0 < sum(1 for w in weights if w > 1) <= 2 * H.History.SAMPLE_K, weights


H_S0 = 1735689600000 // 10000


def test_query_picks_the_finest_level_within_points(device, tmp_path):
    found = run(device, '''
h = history.History(%r)
day = 86400000
out(picks=[h.choose(0, span, points) for span, points in
           ((day, 8640), (day, 8639), (day, 1440), (day, 96), (day, 95), (day, 24), (7 * day, 168),
            (365 * day, 365), (365 * day, 1), (10 * 365 * day, 300))])
''' % str(tmp_path / 'h'))[0]
    assert found['picks'] == [0, 1, 1, 2, 3, 3, 3, 4, 4, 4]


def test_the_recorder_makes_10_s_rows_from_chunks_and_windows(device, tmp_path):
    found = run(device, '''
from array import array
h = history.History(%r)
t = S0 * 10000
frame = array('h', [-4000] * 10 + [-2000] * 10 + [0] * 10 + [500] * 10)
for i in range(40):   # 4 slots of 10 chunks of 1 s
    h.sound(t + i * 1000, -40.0 if i %% 10 else -20.0)
    if i < 20 and i %% 5 == 0:
        h.window(frame, 3, 0.5 + i / 100, i == 15)
h.sound(t + 40000, -50.0)   # a chunk of the next slot closes the fourth
out(rows=[[tt, list(r)] for tt, s, r in h.rows(t, t + 60000, 6)])
''' % str(tmp_path / 'h'))[0]
    rows = found['rows']
    assert [t for t, _ in rows] == [H_S0 * 10 + 10 * k for k in range(4)]
    mean = (2 * (H.level_byte(-20.0) + 9 * H.level_byte(-40.0)) + 10) // 20
    for k, (_, r) in enumerate(rows):
        assert r[H.COUNT] == 1
        assert r[H.SUMS] == mean, (k, r)
        assert r[H.SUMS + 1] == H.level_byte(-20.0)
    bands = [H.band_byte(c) for c in (-4000, -2000, 0, 500)]
    assert [rows[0][1][H.SUMS + 2 + b] for b in range(4)] == bands
    assert rows[0][1][H.SUMS + 6] == int(0.55 * 255 + 0.5) and rows[0][1][H.LABEL] == 3
    assert rows[1][1][H.LABEL] == 3 | H.EVENT   # an event sounded in the second slot
    assert rows[2][1][H.SUMS + 6] == 0 and rows[2][1][H.LABEL] == H.NO_LABEL   # no windows


def test_heap_is_small_and_flat(mpy, tmp_path):
    """The history's own heap, by gc.mem_alloc() deltas, in the 128 KB MicroPython."""
    found = run(mpy, '''
import gc
root = %r
gc.collect()
base = gc.mem_alloc()
h = history.History(root, budget=64 * 1024, segment_bytes=2048)
gc.collect()
new = gc.mem_alloc() - base
a = bytearray(8)
for k in range(2 * 8640):   # two days: every level rolls over, thinning and sampling run
    h.append(S0 + k, atom(k))
gc.collect()
grown = gc.mem_alloc() - base
h = None
gc.collect()
base = gc.mem_alloc()
h = history.History(root, budget=64 * 1024, segment_bytes=2048)
gc.collect()
reopened = gc.mem_alloc() - base
end = (S0 + 2 * 8640) * 10000
for points in (300, 100000):
    for t, s, r in h.rows(end - 2 * 86400000, end, points):
        pass
for k in range(2 * 8640, 3 * 8640):
    h.append(S0 + k, atom(k))
gc.collect()
after = gc.mem_alloc() - base
out(new=new, grown=grown, reopened=reopened, after=after, usage=h.usage())
''' % str(tmp_path / 'h'), heap='128K')[0]
    print(found)
    assert found['new'] < 3 * 1024 and found['reopened'] < 4 * 1024, found
    assert found['grown'] - found['new'] < 1024, found    # a list entry per segment, no more
    assert found['after'] - found['reopened'] < 1024, found


def test_power_cuts_lose_no_acknowledged_row(mpy):
    """Power cuts on VfsLfs2 (tests/history_powercut.py, on store_powercut.py's flash)."""
    code = (Path(__file__).with_name('store_device.py').read_text() + '\n' +
            Path(__file__).with_name('store_powercut.py').read_text() + '\n' + HELPERS + '\n' +
            Path(__file__).with_name('history_powercut.py').read_text() + '\nrun_history()\n')
    found = mpy.json_lines(code, heap='8M', timeout=1200)[0]
    print(found)
    assert found['cases'] >= 1000 and found['live'] >= 30, found
    assert found['thinned'] > 0 and found['flushes'] > 0, found
