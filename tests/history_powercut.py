# Power cuts for the level history on a real VfsLfs2 in RAM (MicroPython only). Appended to
# store_device.py, store_powercut.py (its Flash, mount: the store's own harness) and
# history_device.py. A history with a small budget takes rows across the end of a day, so every
# roll-up level flushes, 10 s segments are dropped (and sampled) and the sample is trimmed.
# Every block write is logged; the flash a cut at the N-th write leaves is the first N-1 writes
# (every third N also half of the N-th). Each image is mounted and the history opened: every
# acknowledged row must be there, exactly, unless thinning had dropped it by then; every roll-up
# row must be exactly what the acknowledged rows give (with or without the row in flight); and
# the history must take the next row. A few cuts are made live too (OSError at the N-th write).
BS = 512   # the flash: 128 KB in 512-byte blocks (store_powercut.py's Flash reads these)
NB = 256
H_ROOT = MOUNT + '/h'
H_SETTINGS = dict(budget=2600, segment_bytes=300)
H_FIRST = (S0 // 8640 + 1) * 8640 - 200   # 200 rows before a day ends
H_ROWS = 330


def h_slot(k):
    return H_FIRST + k + (k // 50) * 2   # a short gap (filled) now and then


def h_expected(acked, inflight, level):
    """{period start (s): row} for the rows acknowledged (and the one in flight, when given)."""
    seconds = history.LEVELS[level][1]
    rows = {}
    for k in list(range(acked)) + ([inflight] if inflight is not None else []):
        a = atom(k)
        p = h_slot(k) * 10 // seconds * seconds
        r = rows.get(p)
        if r is None:
            rows[p] = [1, list(a[:7]), list(a[:7]), list(a[:7]), a[7]]
            continue
        best = a[7] if a[6] > r[2][6] else r[4]
        r[4] = (best & history.NO_LABEL) | ((r[4] | a[7]) & history.EVENT)
        r[0] += 1
        for i in range(7):
            r[1][i] = min(r[1][i], a[i])
            r[2][i] = max(r[2][i], a[i])
            r[3][i] += a[i]
    return rows


def h_rows(h, level):
    """{period start (s): row} the history holds at one level, from its oldest row on."""
    seconds = history.LEVELS[level][1]
    start = h.usage()['levels'][history.LEVELS[level][0]]['from']
    if start is None:
        return {}
    end = (h_slot(H_ROWS) + 1) * 10000
    points = (end - start) // (seconds * 1000)
    found = {}
    for t, step, r in h.rows(start, end, points):
        assert step == seconds, (level, t, step)
        c = history.COUNT
        found[t] = [r[c], list(r[history.MINS:history.MINS + 7]),
                    list(r[history.MAXS:history.MAXS + 7]),
                    list(r[history.SUMS:history.SUMS + 7]), r[history.LABEL]]
    return found


def h_record():
    base = bytearray(b'\xff' * (BS * NB))
    vfs.VfsLfs2.mkfs(Flash(base))
    data = bytearray(base)
    log = []
    mount(Flash(data, log=log))
    h = history.History(H_ROOT, **H_SETTINGS)
    done_at = [len(log)]   # done_at[k + 1]: writes when row k was acknowledged
    kept_from = [None]     # the 10 s level's oldest row then
    for k in range(H_ROWS):
        assert h.append(h_slot(k), atom(k))
        done_at.append(len(log))
        kept_from.append(h.usage()['levels']['10s']['from'])
    flushes = len([1 for level in range(1, 5) if h.usage()['levels'][
        history.LEVELS[level][0]]['segments']])
    usage = h.usage()
    vfs.umount(MOUNT)
    return base, log, done_at, kept_from, usage, flushes


def h_verify(flash, acked, kept_from, note):
    """Flash cut while row `acked` was being appended (rows before it acknowledged)."""
    mount(flash)
    h = history.History(H_ROOT, **H_SETTINGS)
    assert h.problems == [], (note, h.problems)
    inflight = acked if acked < H_ROWS else None
    # the 10 s rows: every acknowledged one not thinned away, exactly
    start = h.usage()['levels']['10s']['from']
    lo = kept_from[acked] or 0
    hi = kept_from[acked + 1] if acked < H_ROWS else lo
    assert start is None or lo <= start <= max(lo, hi or 0), (note, start, lo, hi)
    got = h_rows(h, 0)
    for k in range(acked + 1):
        t = h_slot(k) * 10
        if start is not None and t * 1000 >= start and k < acked:
            assert t in got, (note, 'lost row', k)
        if t in got:
            a = list(atom(k))
            assert got[t] == [1, a[:7], a[:7], a[:7], a[7]], (note, k, got[t])
    assert len(got) <= acked + 1, (note, 'rows never appended')
    # the roll-ups: exactly the acknowledged rows, or those and the row in flight
    for level in range(1, 5):
        got = h_rows(h, level)
        a = h_expected(acked, None, level)
        b = h_expected(acked, inflight, level)
        for t, row in got.items():
            assert row == a.get(t) or row == b.get(t), (note, level, t, row, a.get(t), b.get(t))
        first = min(got) if got else None
        for t in a:
            if first is not None and t > first:
                assert t in got, (note, level, 'lost roll-up', t)
    n = acked + 1 if acked < H_ROWS and h_slot(acked) * 10 in h_rows(h, 0) else acked
    if n < H_ROWS:
        assert h.append(h_slot(n), atom(n)), note   # takes the next row
    vfs.umount(MOUNT)


def run_history():
    gc.collect()
    base, log, done_at, kept_from, usage, flushes = h_record()
    writes = len(log)
    assert usage['sample'] > 0 and usage['bytes'] <= H_SETTINGS['budget'], usage
    acked = 0
    cases = 0
    for n, image, note in cut_images(base, log):
        while acked < H_ROWS and done_at[acked + 1] <= n - 1:
            acked += 1
        h_verify(Flash(image), acked, kept_from, note)
        cases += 1
        gc.collect()
    live = 0
    for n in range(5, writes, max(1, writes // 40)):
        flash = Flash(bytearray(base), fail_at=n)
        mount(flash)
        raised = None
        h = None
        try:
            h = history.History(H_ROOT, **H_SETTINGS)
            for k in range(H_ROWS):
                raised = k
                h.append(h_slot(k), atom(k))
            raised = None
        except OSError:
            pass
        assert raised is not None, 'no OSError reached the caller'
        assert done_at[raised] < n <= done_at[raised + 1], (n, raised)
        h = None
        gc.collect()
        vfs.umount(MOUNT)
        flash.fail_at = 0
        h_verify(flash, raised, kept_from, 'live cut at write %d' % n)
        live += 1
    out(writes=writes, cases=cases, live=live, thinned=usage['sample'], flushes=flushes)
