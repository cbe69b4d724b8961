"""`earmark bench history`: the level history (device/history.py) at one year of simulated rows,
in MicroPython (128 KB heap), with its default budget.

The year is made here: a level that follows the day (quiet nights, a busier day, weekends a
little louder), slow AR(1) drift and noise, and events (a few an hour by day) that raise the
level, carry a label and a score. Its 10 s rows go to the device through a file, read in pieces,
and are appended by History.append exactly as the appliance's recorder appends them. Then, in the
same process: queries of a day, a week and a year at N points (best of a few rounds), bytes per
stored second at each level, the smallest free heap in which open + appends + those queries + a
levels export run, the Arrow export's throughput (levels of the last day; the events of a store
of 100k events, read back by pyarrow and compared with the store), and the error of the sample
kept from dropped 10 s rows against the full series, next to keeping every k-th row.
The files live in /dev/shm where there is one, so the times are the history's own work.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
from tqdm import tqdm

from .. import runtime
from . import run_micropython

DAY = 8640                       # 10 s rows a day
T0 = 1735689600000               # 2025-01-01
LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
POINTS = 300

DEVICE_SCRIPT = r'''
import gc, json, sys, time
import history
cfg = json.load(open(sys.argv[-1]))
gc.collect()
base = gc.mem_alloc()
h = history.History(cfg['root'])
gc.collect()
print(json.dumps({'new': gc.mem_alloc() - base}))
rows = open(cfg['rows'], 'rb')
piece = bytearray(8 * 1024)
slot = cfg['t0'] // 10000
n = 0
t0 = time.ticks_us()
while True:
    got = rows.readinto(piece)
    if not got:
        break
    view = memoryview(piece)
    for at in range(0, got, 8):
        h.append(slot + n, view[at:at + 8])
        n += 1
    if n % (8640 * 7) < 1024:
        print('PROGRESS', n)
took = time.ticks_diff(time.ticks_us(), t0)
out = {'rows': n, 'append_us': took / n, 'usage': h.usage()}
end = (slot + n) * 10000
for name, days in (('day', 1), ('week', 7), ('year', 365)):
    for points in (cfg['points'], 1000):
        best = None
        for _ in range(5):
            t0 = time.ticks_us()
            count = 0
            for t, s, r in h.rows(end - days * 86400000, end, points):
                count += 1
            ms = time.ticks_diff(time.ticks_us(), t0) / 1000
            best = ms if best is None else min(best, ms)
        out['%s_%d' % (name, points)] = [best, count, h.plan(end - days * 86400000, end, points)]
h = piece = view = rows = None
gc.collect()
base = gc.mem_alloc()
h = history.History(cfg['root'])
gc.collect()
out['kept'] = gc.mem_alloc() - base
print(json.dumps(out))
with open(cfg['sample'], 'w') as f:
    for s, a, w in h.samples(0, 1 << 50):
        f.write('%d %s %f\n' % (s, ' '.join(str(x) for x in a), w))
import export
t0 = time.ticks_us()
size = 0
with open(cfg['levels_arrow'], 'wb') as f:
    for piece in export.packed(bytearray(1024), export.levels(
            h, cfg['labels'], end - 86400000, end, 1 << 30)):
        f.write(piece)
        size += len(piece)
print(json.dumps({'levels_export_s': time.ticks_diff(time.ticks_us(), t0) / 1e6,
                  'levels_export_bytes': size}))
'''

# open + appends + queries + a levels export with only `free` bytes of heap left over; with
# cfg['nothing'], none of it: the free heap the script's own frame, json and print need
PEAK_SCRIPT = r'''
import gc, json, sys
cfg = json.load(open(sys.argv[-1]))
import history, api_history, export
gc.collect()
ballast = bytearray(gc.mem_free() - cfg['free'])
gc.collect()
if cfg['nothing']:
    print(json.dumps({'ok': True}))
    sys.exit(0)
h = history.History(cfg['root'])
u = h.usage()
slot = cfg['t0'] // 10000 + cfg['rows'] + 1000
a = bytearray(b'\x50\x60\x40\x40\x40\x40\x20\x03')
for k in range(2000):
    h.append(slot + k, a)
end = (slot + 2000) * 10000
for days in (1, 7, 365):
    for t, s, r in h.rows(end - days * 86400000, end, 300):
        pass
for piece in export.packed(bytearray(1024), export.levels(
        h, cfg['labels'], end - 86400000, end, 1 << 30)):
    pass
print(json.dumps({'ok': True}))
'''

EVENTS_SCRIPT = r'''
import gc, json, sys, time
import store, api_history, export
cfg = json.load(open(sys.argv[-1]))
s = store.Store(cfg['store'], cfg['labels'], 32, centroids=bytes(32 * 4), budget=1 << 30)
vec = bytearray(32)
for i in range(cfg['events']):
    for j in range(32):
        vec[j] = (i * 7 + j * 13) & 0xff
    s.append(cfg['t0'] + i * 60000, 1200, i % 11, (i % 100) / 100, [((i + 1) % 11, 0.25)], vec)
    if i % 5000 == 0:
        print('PROGRESS', i)
gc.collect()
base = gc.mem_alloc()
peak = 0
t0 = time.ticks_us()
size = 0
with open(cfg['events_arrow'], 'wb') as f:
    for n, piece in enumerate(export.packed(bytearray(1024), export.events(s, 0, 1 << 50))):
        f.write(piece)
        size += len(piece)
        if n % 500 == 0:
            gc.collect()
            peak = max(peak, gc.mem_alloc() - base)
took = time.ticks_diff(time.ticks_us(), t0) / 1e6
print(json.dumps({'events_export_s': took, 'events_export_bytes': size, 'events_heap': peak}))
'''


def make_year(days=365, seed=7):
    """A year of 10 s rows (n x 8 bytes, as history.History.append takes them) and the event
    flags. Levels in dBFS, quantised as the recorder does."""
    rng = np.random.default_rng(seed)
    n = days * DAY
    t = np.arange(n) * 10.0
    hour = (t / 3600) % 24
    weekday = (t // 86400) % 7
    base = -62 + 17 * np.clip(np.sin((hour - 6) / 24 * 2 * np.pi) + 0.3, 0, 1.3) / 1.3
    base += np.where(weekday >= 5, 3.0, 0.0)
    drift = np.zeros(n)
    step = rng.normal(0, 0.35, n)
    for k in range(1, n):   # slow weather and traffic: AR(1)
        drift[k] = 0.995 * drift[k - 1] + step[k]
    level = base + drift + rng.normal(0, 2.0, n)
    rate = np.where((hour > 7) & (hour < 22), 4.0, 0.3) / 360   # events a row
    event = rng.random(n) < rate
    long = np.roll(event, 1) & (rng.random(n) < 0.5)   # half the events last two rows
    event |= long
    level = np.where(event, level + rng.uniform(12, 25, n), level)
    peak = level + rng.uniform(4, 12, n)
    bands = level[:, None] + np.array([2.0, -3.0, -8.0, -14.0]) + rng.normal(0, 1.5, (n, 4))
    score = np.where(event, rng.uniform(0.5, 1.0, n), rng.uniform(0.05, 0.45, n))
    label = np.where(event, rng.integers(0, 9, n), 9) | np.where(event, 128, 0)

    def lbyte(db):
        return np.clip(np.floor(2 * (db + 127.5) + 0.5), 1, 255)
    rows = np.stack([lbyte(level), lbyte(peak)] +
                    [np.clip((b * 100 + 10000) // 50, 0, 255) for b in bands.T] +
                    [np.clip(np.floor(score * 255 + 0.5), 0, 255), label], axis=1)
    return rows.astype(np.uint8), event


def _folder():
    shm = Path('/dev/shm')
    return tempfile.TemporaryDirectory(prefix='earmark-history-', dir=shm if shm.is_dir() and
                                       os.access(shm, os.W_OK) else None)


def _run(script, cfg, heap, folder, progress=None):
    return run_micropython(script, cfg, Path(folder) / 'settings.json', heap, progress)


def _weighted_quantiles(values, weights, qs):
    order = np.argsort(values)
    v, w = np.asarray(values)[order], np.asarray(weights)[order]
    cum = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(qs, cum, v)


def sampling_error(rows, event, sample, first_slot):
    """Per 15 minutes the sample covers whole: the error (dB) of the level's 10th, 50th and
    90th percentiles and of the mean from the weighted sample, and from every k-th row (the
    same number of rows); and the share of event rows each keeps."""
    level = rows[:, 0] / 2 - 127.5
    by_window = {}
    for slot, atom, weight in sample:
        by_window.setdefault(slot // 90, []).append((slot - first_slot, weight))
    windows = sorted(by_window)[1:-1]   # the first and last may be cut by trimming, a segment
    qs = [0.1, 0.5, 0.9]
    err_s, err_k, ev_s, ev_k, n_s = [], [], [0, 0], [0, 0], 0
    for w in windows:
        kept = by_window[w]
        idx = np.array([k for k, _ in kept])
        wts = np.array([x for _, x in kept])
        lo = w * 90 - first_slot
        full = level[lo:lo + 90]
        truth = np.quantile(full, qs)
        est = _weighted_quantiles(level[idx], wts, qs)
        step = max(1, 90 // len(idx))
        every = np.arange(lo, lo + 90, step)[:len(idx)]
        est_k = np.quantile(level[every], qs)
        err_s.append(np.abs(est - truth).tolist() + [abs(np.average(level[idx], weights=wts)
                                                         - full.mean())])
        err_k.append(np.abs(est_k - truth).tolist() + [abs(level[every].mean() - full.mean())])
        events = set(np.nonzero(event[lo:lo + 90])[0] + lo)
        ev_s[0] += len(events & set(idx.tolist()))
        ev_k[0] += len(events & set(every.tolist()))
        ev_s[1] += len(events)
        ev_k[1] += len(events)
        n_s += len(idx)
    return {'windows': len(windows), 'rows_per_window': n_s / max(1, len(windows)),
            'sample_err_db': np.mean(err_s, axis=0).tolist() if err_s else None,
            'every_kth_err_db': np.mean(err_k, axis=0).tolist() if err_k else None,
            'sample_events_kept': ev_s[0] / max(1, ev_s[1]),
            'every_kth_events_kept': ev_k[0] / max(1, ev_k[1])}


def run(days=365, events=100000, heap='128K'):
    if runtime.micropython_binary() is None:
        raise RuntimeError('the history benchmark runs in micropython, which is not installed')
    print('making %d days of 10 s rows...' % days)
    rows, event = make_year(days)
    with _folder() as tmp:
        tmp = Path(tmp)
        (tmp / 'rows').write_bytes(rows.tobytes())
        cfg = {'root': str(tmp / 'history'), 'rows': str(tmp / 'rows'), 't0': T0,
               'points': POINTS, 'labels': LABELS, 'sample': str(tmp / 'sample.txt'),
               'levels_arrow': str(tmp / 'levels.arrow'), 'store': str(tmp / 'store'),
               'events': events, 'events_arrow': str(tmp / 'events.arrow')}
        with tqdm(total=len(rows), desc='appending in micropython', unit='row') as bar:
            results = _run(DEVICE_SCRIPT, cfg, heap, tmp, bar)
        new = results[0]['new']
        r = results[1]
        r.update(results[2])
        r['new'] = new
        levels = pa.ipc.open_stream((tmp / 'levels.arrow').read_bytes()).read_all()
        levels.validate(full=True)
        r['levels_export_rows'] = levels.num_rows
        sample = []
        for line in (tmp / 'sample.txt').read_text().splitlines():
            parts = line.split()
            sample.append((int(parts[0]), [int(x) for x in parts[1:9]], float(parts[9])))
        r['sampling'] = sampling_error(rows, event, sample, T0 // 10000)
        for nothing in (True, False):
            key = 'baseline_free_kb' if nothing else 'peak_free_kb'
            r[key] = None
            for free in tqdm(range(1, 65), desc='smallest free heap'):
                try:
                    _run(PEAK_SCRIPT, dict(cfg, free=free * 1024, rows=len(rows),
                                           nothing=nothing), heap, tmp)
                except RuntimeError as exc:
                    if 'MemoryError' not in str(exc):
                        raise
                    continue
                r[key] = free
                break
        if events:
            # 256 KB: the store's 100k appends and microdot's import beside the export; the
            # export's own heap is measured by deltas
            with tqdm(total=events, desc='events into a store', unit='event') as bar:
                r.update(_run(EVENTS_SCRIPT, cfg, '256K', tmp, bar)[0])
            table = pa.ipc.open_stream((tmp / 'events.arrow').read_bytes()).read_all()
            table.validate(full=True)
            dump = subprocess.run([sys.executable, '-m', 'earmark.cli', 'store', 'dump',
                                   str(tmp / 'store')], capture_output=True, text=True,
                                  check=True).stdout
            stored = [json.loads(x) for x in dump.splitlines()]
            stored = sorted((x for x in stored if x['type'] == 'event'), key=lambda x: x['id'])
            r['events_rows'] = table.num_rows
            r['events_exact'] = (
                table.column('id').to_pylist() == [x['id'] for x in stored] and
                table.column('start').cast(pa.int64()).to_pylist() ==
                [round(x['start'] * 1000) if isinstance(x['start'], float) else x['start']
                 for x in stored] and
                table.column('embedding').to_pylist() == [x['embedding'] for x in stored])
    return r


def report(r):
    u = r['usage']
    print('\nlevel history: %d days of 10 s rows in micropython (128 KB heap), budget %d KB' % (
        r['rows'] // DAY, u['budget'] // 1024))
    print('append: %.1f us a row (roll-ups, thinning and sampling included)' % r['append_us'])
    print('\n%-8s %10s %10s %14s %14s' % ('level', 'bytes', 'segments', 'kept from (d)',
                                          'B / stored s'))
    end_s = T0 // 1000 + r['rows'] * 10
    for name, lv in u['levels'].items():
        span = end_s - lv['from'] / 1000 if lv['from'] else 0
        print('%-8s %10d %10d %14.1f %14.3f' % (name, lv['bytes'], lv['segments'],
                                                span / 86400, lv['bytes'] / span if span else 0))
    print('%-8s %10d' % ('sample', u['sample']))
    print('\n%-6s %8s %8s %12s   %s' % ('range', 'points', 'rows', 'query ms', 'levels used'))
    names = ['10s', '1min', '15min', '1h', '1d']
    for key in ('day', 'week', 'year'):
        for points in (POINTS, 1000):
            ms, count, plan = r['%s_%d' % (key, points)]
            print('%-6s %8d %8d %12.2f   %s' % (key, points, count, ms,
                                                ' + '.join(names[p[0]] for p in plan)))
    print('\nheap: %d B kept by an open history (new), %d B reopened after the year; '
          'open + 2000 appends + day/week/year queries + a levels export ran in %s KB of free '
          'heap, where the same script doing none of it needs %s KB: a peak of %s KB' % (
              r['new'], r['kept'], r['peak_free_kb'], r['baseline_free_kb'],
              r['peak_free_kb'] - r['baseline_free_kb']
              if r['peak_free_kb'] and r['baseline_free_kb'] else '?'))
    print('levels export (the last day at 10 s): %d rows, %.0f KB in %.2f s: %.0f rows/s' % (
        r['levels_export_rows'], r['levels_export_bytes'] / 1024, r['levels_export_s'],
        r['levels_export_rows'] / r['levels_export_s']))
    if 'events_rows' in r:
        print('events export: %d events, %.1f MB in %.1f s: %.0f events/s, %.0f KB/s; heap held '
              '%d B; pyarrow reads it equal to the store: %s' % (
                  r['events_rows'], r['events_export_bytes'] / 2 ** 20, r['events_export_s'],
                  r['events_rows'] / r['events_export_s'],
                  r['events_export_bytes'] / 1024 / r['events_export_s'], r['events_heap'],
                  r['events_exact']))
    s = r['sampling']
    if s['sample_err_db']:
        print('\nsample of dropped 10 s rows: %d whole 15 minutes, %.1f rows kept of 90 in '
              'each' % (
            s['windows'], s['rows_per_window']))
        print('  mean |error| dB    p10    p50    p90   mean   event rows kept')
        print('  sample           %5.2f  %5.2f  %5.2f  %5.2f   %.1f %%' % (
            *s['sample_err_db'], 100 * s['sample_events_kept']))
        print('  every k-th row   %5.2f  %5.2f  %5.2f  %5.2f   %.1f %%' % (
            *s['every_kth_err_db'], 100 * s['every_kth_events_kept']))
    finest = u['levels']['10s']
    goals = [
        ('day, week, year queries <= 50 ms', all(r['%s_%d' % (k, POINTS)][0] <= 50
                                                 for k in ('day', 'week', 'year'))),
        ('<= 1 byte a second at the finest level', finest['bytes'] / (
            end_s - finest['from'] / 1000) <= 1.0),
        ('events export read back exactly', r.get('events_exact', True)),
    ]
    for name, ok in goals:
        print('  %-42s %s' % (name, 'met' if ok else 'NOT met'))
    return all(ok for _, ok in goals)


def main(args):
    report(run(days=args.days, events=args.events))
