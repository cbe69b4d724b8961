"""`earmark bench hub`: the hub at 10k, 100k and 1M events, side by side.

- feed: a real appliance (MicroPython, the frozen build when EARMARK_MICROPYTHON names it)
  serving a store of FEED_EVENTS events made by the device's own Store.append, pulled by
  `hub.pull.pull_one` with pages of 1,000: events a second from the feed, end to end.
- store: the same kind of pages (made here, as feed.check_page returns them) applied by
  hub.store.Store.apply to a fresh folder: events a second, and bytes a stored event takes on
  disk (Parquet files and manifest).
- search: 200 queries (stored events' embeddings) by three methods, p50/p99 latency and recall@10
  against exact search: hub/search.py's Index exact (every row read) and with its inverted-file
  index (k-means buckets, PROBES read: what the hub uses from EXACT_BELOW events on); DuckDB's
  array_inner_product over the Parquet files.
Embeddings are synthetic but shaped like the device's: 32 int8 values of norm 127, in clusters
(sounds of a kind), with noise. Results: experiments/results/hub_bench.json and a table.
"""
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
from tqdm import tqdm

from .. import ROOT, runtime

DIM = 32
CLUSTERS = 300
QUERIES = 200
PAGE = 1000
FEED_EVENTS = 20000
T0 = 1735689600.0
STEP = 30.0   # seconds between events: a million spans eleven months
LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
RESULTS = ROOT / 'experiments' / 'results' / 'hub_bench.json'


def embeddings(n, seed=24):
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(CLUSTERS, DIM))
    which = rng.integers(0, CLUSTERS, n)
    v = centers[which] + rng.normal(scale=0.45, size=(n, DIM))
    v *= 127 / np.linalg.norm(v, axis=1, keepdims=True)
    return np.clip(np.round(v), -127, 127).astype(np.int8), which


def pages(emb, which):
    for lo in range(0, len(emb), PAGE):
        changes = []
        for i in range(lo, min(lo + PAGE, len(emb))):
            start = T0 + i * STEP
            changes.append({'op': 'event', 'id': i, 'start': start, 'end': start + 1.5,
                            'label': LABELS[which[i] % 11], 'confidence': 0.8,
                            'runners_up': [{'label': 'other', 'confidence': 0.1}],
                            'has_clip': False, 'locked': False, 'embedding': emb[i].tobytes()})
        yield changes, '%d.%d.%d' % (i + 1, i, int(start * 1000))


def ingest(folder, emb, which):
    from hub.store import Store
    store = Store(folder)
    m = store.manifest('bench')
    t = time.perf_counter()
    for changes, cursor in tqdm(pages(emb, which), total=-(-len(emb) // PAGE),
                                desc='ingest %d' % len(emb), leave=False):
        m, _ = store.apply('bench', m, changes, cursor, {}, {})
    took = time.perf_counter() - t
    size = sum(p.stat().st_size for p in Path(folder).rglob('*') if p.is_file())
    return store, len(emb) / took, size / len(emb)


def exact_top(matrix, q, k=10):
    s = matrix @ q
    top = np.argpartition(-s, k - 1)[:k]
    return top[np.argsort(-s[top])]


def timed(fn, queries):
    times, answers = [], []
    for q in queries:
        t = time.perf_counter()
        answers.append(fn(q))
        times.append(time.perf_counter() - t)
    ms = np.array(times) * 1000
    return answers, float(np.percentile(ms, 50)), float(np.percentile(ms, 99))


def recall(answers, truth):
    return float(np.mean([len(set(map(int, a)) & set(map(int, t))) / len(t)
                          for a, t in zip(answers, truth)]))


def search(store, emb, rng):
    from hub.search import Index
    picks = rng.choice(len(emb), QUERIES, replace=False)
    queries = [emb[i].astype(np.float32) for i in picks]
    full = emb.astype(np.float32)
    truth = [exact_top(full, q) for q in queries]
    rows = {}
    exact = Index(store, exact_below=float('inf')).refresh()
    got, p50, p99 = timed(lambda q: [x[2] for x in exact.similar(q, 10)], queries)
    rows['exact, in memory'] = (p50, p99, recall(got, truth))
    con = duckdb.connect()
    con.execute('create view ev as select id, embedding from read_parquet(%s)' % store.files())
    got, p50, p99 = timed(lambda q: [r[0] for r in con.execute(
        'select id from ev order by array_inner_product(embedding::FLOAT[32], ?::FLOAT[32]) '
        'desc limit 10', [q.tolist()]).fetchall()], queries)
    rows['DuckDB array_inner_product, Parquet'] = (p50, p99, recall(got, truth))
    t = time.perf_counter()
    ivf = Index(store, exact_below=0).refresh()
    built = time.perf_counter() - t
    got, p50, p99 = timed(lambda q: [x[2] for x in ivf.similar(q, 10)], queries)
    rows['IVF %d buckets, %d probes (load+build %.1f s)' % (
        len(ivf.centers), ivf.probes, built)] = (p50, p99, recall(got, truth))
    return rows


FILL = r'''
import json, sys
import store
cfg = json.load(open(sys.argv[-1]))
s = store.Store(cfg['root'], cfg['labels'], 32, centroids=bytes(range(128)), budget=1 << 30)
vec = bytearray(32)
for i in range(cfg['events']):
    for j in range(32):
        vec[j] = (i * 7 + j * 13) & 0xff
    s.append(cfg['t0'] + i * 30000, 1200, i % 11, 0.8, [((i + 1) % 11, 0.25)], vec)
print('{"filled": %d}' % cfg['events'])
'''


def feed(folder):
    """Events a second pulled from a real appliance's feed (pages of PAGE, no clips)."""
    from earmark.harness import RealAppliance
    from hub.config import Device
    from hub.pull import pull_one
    from hub.store import Store
    app = RealAppliance(folder / 'appliance')
    cfg = folder / 'fill.json'
    cfg.write_text(json.dumps({'root': str(app.store), 'events': FEED_EVENTS, 'labels': LABELS,
                               't0': int(T0 * 1000)}))
    argv, env, cwd = runtime.command('micropython', ['-c', FILL, str(cfg)], heap='256K')
    subprocess.run(argv, env=env, cwd=cwd, check=True, capture_output=True)
    app.start()
    try:
        store = Store(folder / 'hub')
        t = time.perf_counter()
        line = pull_one(store, Device('bench', app.base, app.token), PAGE)
        took = time.perf_counter() - t
    finally:
        app.stop()
    if line['error'] or line['events'] != FEED_EVENTS:
        raise RuntimeError('feed pull: %s' % line)
    return FEED_EVENTS / took


def main(args):
    sizes = [int(s) for s in args.sizes.split(',')]
    rng = np.random.default_rng(7)
    out = {'sizes': {}, 'dim': DIM, 'queries': QUERIES,
           'interpreter': runtime.micropython_binary()}
    folder = Path(tempfile.mkdtemp(prefix='earmark-hub-bench-'))
    try:
        if not args.no_feed:
            out['feed_events_per_s'] = feed(folder)
            print('feed: %d events pulled from a real appliance at %.0f events/s' % (
                FEED_EVENTS, out['feed_events_per_s']), flush=True)
        for n in sizes:
            emb, which = embeddings(n)
            store, rate, per_event = ingest(folder / ('store%d' % n), emb, which)
            rows = search(store, emb, rng)
            out['sizes'][n] = {'ingest_events_per_s': rate, 'bytes_per_event': per_event,
                               'search': {k: {'p50_ms': v[0], 'p99_ms': v[1], 'recall_at_10': v[2]}
                                          for k, v in rows.items()}}
            print('\n%d events: ingest %.0f events/s, %.1f bytes/event on disk' % (
                n, rate, per_event))
            print('  %-42s %9s %9s %10s' % ('search', 'p50 ms', 'p99 ms', 'recall@10'))
            for k, (p50, p99, r) in rows.items():
                print('  %-42s %9.2f %9.2f %10.3f' % (k, p50, p99, r), flush=True)
            shutil.rmtree(folder / ('store%d' % n))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    RESULTS.write_text(json.dumps(out, indent=1))
    print('\nwrote %s' % RESULTS.relative_to(ROOT))
    return 0
