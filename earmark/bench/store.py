"""`earmark bench store`: the event store at 1k, 10k and 100k events, in MicroPython (128 KB heap).

Embeddings are synthetic but clustered like a model's: a mixture of COMPONENTS Gaussian
components in `dim` dimensions (component centres N(0, 1), per-component spread 0.25..0.6,
each component tied to one label with 80 % probability), quantised to int8. The store's bucket
centroids come from k-means (scikit-learn) on a separate sample of the same mixture, as a model
bundle's centroids would come from training data. Queries are fresh draws from the mixture.
One store grows through the three sizes in one MicroPython process; each size is measured
before the next events go in. The store lives in a host folder (tmpfs when there is one), so the
times are the store's own work, not a flash chip's.
"""
import os
import tempfile
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from tqdm import tqdm

from .. import runtime
from . import run_micropython

LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
COMPONENTS = 40
T0 = 1735689600000  # 2025-01-01, ms
PER_DAY = 1000  # events a day, so a store of n events spans n / 1000 days
QUERIES = 20

DEVICE_SCRIPT = r'''
import gc, json, sys, time
import store
cfg = json.load(open(sys.argv[-1]))
gc.collect()
base = gc.mem_alloc()
s = store.Store(cfg['root'], cfg['labels'], cfg['dim'], centroids=open(cfg['centroids'], 'rb').read(),
                budget=1 << 30)
gc.collect()
print(json.dumps({'retained_new': gc.mem_alloc() - base}))
dim = cfg['dim']
events = open(cfg['events'], 'rb')  # label byte + embedding, read one event at a time
queries = open(cfg['queries'], 'rb').read()
row = bytearray(dim + 1)
vec = memoryview(row)[1:]
done = 0
DAY = 86400000
ROUNDS = 7
def ms(t0, t1):
    return time.ticks_diff(t1, t0) / 1000
for n in cfg['sizes']:
    t0 = time.ticks_us()
    while done < n:
        events.readinto(row)
        s.append(cfg['t0'] + done * DAY // cfg['per_day'], 1200, row[0], 0.75,
                 [(10, 0.1)], vec)
        done += 1
        if done % 1000 == 0:
            print('PROGRESS', done)
    t1 = time.ticks_us()
    out = {'n': n, 'append_per_s': (n - cfg.get('prev', 0)) / (time.ticks_diff(t1, t0) / 1e6)}
    cfg['prev'] = n
    days = n // cfg['per_day']
    dayq = lambda q, label: s.query(start=cfg['t0'] + (q * 7919) % days * DAY,
                                    end=cfg['t0'] + ((q * 7919) % days + 1) * DAY,
                                    label=label, limit=50)[0]
    tests = (('day_query', lambda q: len(dayq(q, None))),
             ('label_query', lambda q: len(dayq(q, 'dog_bark'))),
             ('exact', lambda q: [i for i, _ in s.similar(queries[q * dim:(q + 1) * dim], 10, True)]),
             ('bucketed', lambda q: [i for i, _ in s.similar(queries[q * dim:(q + 1) * dim], 10)]))
    for key, run in tests:
        best = None
        for rounds in range(ROUNDS):  # the best of a few rounds: other processes share the CPU
            t0 = time.ticks_us()
            found = [run(q) for q in range(cfg['n_queries'])]
            took = ms(t0, time.ticks_us()) / cfg['n_queries']
            best = took if best is None else min(best, took)
        out[key + '_ms'] = best
        out[key + '_ids' if isinstance(found[0], list) else key + '_events'] = found
        found = None
    u = s.usage()
    out['bytes_per_event'] = u['bytes'] / n
    s = None
    gc.collect()
    base = gc.mem_alloc()
    t0 = time.ticks_us()
    s = store.Store(cfg['root'], budget=1 << 30)
    out['open_ms'] = ms(t0, time.ticks_us())
    gc.collect()
    out['retained'] = gc.mem_alloc() - base
    out['problems'] = len(s.problems)
    print(json.dumps(out))
    out = found = None
'''

# The store's work with only `free` bytes of heap left over: open, append, every kind of query.
# 'stream' reads events one at a time (as the API streams JSON); 'page' also builds a list of
# 50 event dicts, which the caller holds.
PEAK_SCRIPT = r'''
import gc, json, sys
cfg = json.load(open(sys.argv[-1]))
import store, similar, storefile   # the store loads its parts (clips, roll-ups...) with it
gc.collect()
ballast = bytearray(gc.mem_free() - cfg['free'])
gc.collect()
s = store.Store(cfg['root'], budget=1 << 30)
dim = cfg['dim']
vec = bytearray(dim)
q = open(cfg['queries'], 'rb').read(dim)
DAY = 86400000
for i in range(20):
    vec[i % dim] = 40
    s.append(s.last_start + 1000, 1200, 'dog_bark', 0.8, [('speech', 0.1)], vec)
day = cfg['t0'] + DAY * (cfg['n'] // cfg['per_day'] // 2)
if cfg['mode'] == 'page':
    s.query(start=day, end=day + DAY, limit=50)
    s.query(start=day, end=day + DAY, label='dog_bark', limit=50)
else:
    for n, ev in enumerate(s.events(start=day, end=day + DAY)):
        if n == 50:
            break
    for n, ev in enumerate(s.events(start=day, end=day + DAY, label='dog_bark')):
        if n == 50:
            break
s.similar(q, 10, True)
s.similar(q, 10, False)
for period in s.stats('hour', cfg['t0'], cfg['t0'] + 7 * DAY):
    pass
for period in s.stats('day', cfg['t0'], cfg['t0'] + 31 * DAY):
    pass
print(json.dumps({'ok': True, 'free': cfg['free']}))
'''


def make_data(n, dim, buckets, seed=1):
    """Clustered int8 embeddings, their labels, k-means centroids and fresh queries."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(COMPONENTS, dim))
    spread = rng.uniform(0.25, 0.6, size=COMPONENTS)
    weights = rng.dirichlet(np.ones(COMPONENTS) * 2)
    home = rng.integers(0, len(LABELS), size=COMPONENTS)

    def draw(m):
        comp = rng.choice(COMPONENTS, size=m, p=weights)
        x = centres[comp] + rng.normal(size=(m, dim)) * spread[comp, None]
        labels = np.where(rng.random(m) < 0.8, home[comp], rng.integers(0, len(LABELS), m))
        return x, labels

    def quantise(x):
        x = x / np.linalg.norm(x, axis=1, keepdims=True) * 127
        return np.clip(np.round(x), -127, 127).astype(np.int8)

    x, labels = draw(n)
    train, _ = draw(20000)
    km = KMeans(n_clusters=buckets, n_init=3, random_state=seed).fit(
        train / np.linalg.norm(train, axis=1, keepdims=True))
    queries, _ = draw(QUERIES)
    return quantise(x), labels.astype(np.uint8), quantise(km.cluster_centers_), quantise(queries)


def _folder():
    shm = Path('/dev/shm')
    return tempfile.TemporaryDirectory(prefix='earmark-bench-',
                                       dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None)


def _run(script, cfg, heap, progress=None):
    return run_micropython(script, cfg, Path(cfg['root']).with_name('settings.json'), heap,
                           progress)


def run(sizes=(1000, 10000, 100000), dim=32, buckets=64, heap='128K'):
    if runtime.micropython_binary() is None:
        raise RuntimeError('the store benchmark runs in micropython, which is not installed')
    n = max(sizes)
    print('making %d clustered embeddings (dim %d) and %d k-means centroids...' % (
        n, dim, buckets))
    x, labels, centroids, queries = make_data(n, dim, buckets)
    with _folder() as tmp:
        tmp = Path(tmp)
        files = {'events': np.concatenate([labels[:, None], x.view(np.uint8)], axis=1),
                 'centroids': centroids, 'queries': queries}
        for name, array in files.items():
            (tmp / name).write_bytes(array.tobytes())
        cfg = {name: str(tmp / name) for name in files}
        cfg.update(root=str(tmp / 'store'), labels=LABELS, dim=dim, sizes=list(sizes),
                   t0=T0, per_day=PER_DAY, n_queries=QUERIES)
        with tqdm(total=n, desc='appending in micropython', unit='event') as bar:
            results = _run(DEVICE_SCRIPT, cfg, heap, bar)
        new_store = results.pop(0)['retained_new']
        peak = {}
        for mode in ('stream', 'page'):
            for free in tqdm(range(8, 65, 4), desc='smallest free heap (%s)' % mode):
                try:
                    _run(PEAK_SCRIPT, dict(cfg, free=free * 1024, mode=mode, n=n), heap)
                except RuntimeError as exc:
                    if 'MemoryError' not in str(exc):
                        raise
                    continue
                peak[mode] = free
                break
    rows = []
    for r in results:
        r.update(dim=dim, buckets=buckets)
        recall = np.mean([len(set(a) & set(b)) / max(1, len(a))
                          for a, b in zip(r['exact_ids'], r['bucketed_ids'])])
        rows.append(dict(r, recall=recall, speedup=r['exact_ms'] / r['bucketed_ms']))
    return rows, new_store, peak


def report(rows, new_store, peak):
    base = rows[0]
    print('\nstore benchmark (micropython, 128 KB heap, dim %d, %d-bucket k-means centroids)' % (
        base['dim'], base['buckets']))
    head = ('events', 'append/s', 'day-50 ms', 'x 1k', 'label ms', 'exact ms', 'bucket ms',
            'speedup', 'recall@10', 'B/event', 'open ms', 'RAM kept')
    print(' '.join('%10s' % h for h in head))
    for r in rows:
        print(' '.join('%10s' % v for v in (
            r['n'], '%.0f' % r['append_per_s'], '%.2f' % r['day_query_ms'],
            '%.2f' % (r['day_query_ms'] / base['day_query_ms']), '%.2f' % r['label_query_ms'],
            '%.1f' % r['exact_ms'], '%.2f' % r['bucketed_ms'], '%.1f' % r['speedup'],
            '%.3f' % r['recall'], '%.1f' % r['bytes_per_event'], '%.0f' % r['open_ms'],
            r['retained'])))
    last = rows[-1]
    print('\nheap kept by an open store: %d B (new), %d B (reopened at %d events)' % (
        new_store, last['retained'], last['n']))
    for mode, what in (('stream', 'events read one by one, as the API streams them'),
                       ('page', 'query() pages of 50 event dicts held by the caller')):
        print('smallest free heap in which open + 20 appends + day, label, exact, bucketed and '
              'roll-up queries ran at %d events, %s: %s' % (
                  last['n'], what, '%d KB' % peak[mode] if mode in peak else 'over 64 KB'))
    goals = [
        ('bucketed >= 10x faster than exact', last['speedup'] >= 10),
        ('recall@10 >= 0.95', last['recall'] >= 0.95),
        ('day query within 2x of 1k', last['day_query_ms'] <= 2 * base['day_query_ms']),
        ('<= 64 bytes per event', last['bytes_per_event'] <= 64),
        ('store peak heap <= 32 KB', peak.get('stream', 99) <= 32),
    ]
    for name, ok in goals:
        print('  %-36s %s' % (name, 'met' if ok else 'NOT met'))
    return all(ok for _, ok in goals)


def main(args):
    sizes = tuple(int(s) for s in args.sizes.split(','))
    rows, new_store, peak = run(sizes=sizes, dim=args.dim, buckets=args.buckets)
    report(rows, new_store, peak)
