"""The similarity index (device/similar.py) on its own, in both runtimes, against a reference
computed here with numpy: normalised int8 vectors, exact dot products, brute-force top-k. The
store's tests use it through Store.similar; these check every path of the index itself (both
search kernels, the bucket table, binary search, damaged entries, compaction)."""
import math

import numpy as np
import pytest

DIM = 16
NORM = 127
HEAP = '512K'   # room for the test's data as source literals; the store's tests watch the heap

RUN = '''
import json, os, similar, storefile
DIM = %(dim)d
ROOT = %(root)r
CENTROIDS = bytes(%(centroids)r)
EVENTS = %(events)r        # [(id, raw int8 values)]
QUERIES = %(queries)r
LO, HI = %(lo)d, %(hi)d      # ids of two stored events: the range's ends are inclusive
FEW = %(few)r
out = {}
ix = similar.Index(ROOT, DIM, CENTROIDS)
out['buckets'] = [ix.buckets, similar.Index(ROOT, DIM).buckets]
out['empty_last'] = ix.last_id(0)
out['empty_vector'] = ix.vector(0, 1) is None
out['empty_search'] = ix.search(similar.normalise(QUERIES[0], DIM), 3, range(ix.buckets), 0,
                                2 ** 32 - 1, lambda i: True)
placed = {}
for ident, raw in EVENTS:
    v = similar.normalise(raw, DIM)
    b = ix.nearest(v, 1)[0]
    placed[ident] = b
    assert ix.add(ident, b, v) == ix.entry_size
out['placed'] = placed
out['last'] = [ix.last_id(b) for b in range(ix.buckets)]
out['sizes'] = [storefile.size(ix.path(b)) for b in range(ix.buckets)]
out['vectors'] = {i: list(ix.vector(placed[i], i) or b'') for i, _ in EVENTS}
out['absent'] = [ix.vector(b, 2 ** 32 - 1) is None for b in range(ix.buckets)]
out['absent_low'] = [ix.vector(b, 1) is None for b in range(ix.buckets)]   # under every id
out['nearest'] = [ix.nearest(similar.normalise(q, DIM), 3) for q in QUERIES]
out['nearest_all'] = ix.nearest(similar.normalise(QUERIES[0], DIM), 99)
every = range(ix.buckets)
odd = lambda i: i %% 2 == 1
out['search'] = []
for q in QUERIES:
    v = similar.normalise(q, DIM)
    out['search'].append({
        'k5': ix.search(v, 5, every, 0, 2 ** 32 - 1, lambda i: True),
        'k1': ix.search(v, 1, every, 0, 2 ** 32 - 1, lambda i: True),
        'k12': ix.search(v, 12, every, 0, 2 ** 32 - 1, lambda i: True),
        'k30': ix.search(v, 30, every, 0, 2 ** 32 - 1, lambda i: True),
        'range': ix.search(v, 5, every, LO, HI, lambda i: True),
        'range_k20': ix.search(v, 20, every, LO, HI, lambda i: True),
        'one': ix.search(v, 5, every, LO, LO, lambda i: True),     # fewer than k there
        'odd': ix.search(v, 5, every, 0, 2 ** 32 - 1, odd),
        'odd_k20': ix.search(v, 20, every, 0, 2 ** 32 - 1, odd),
        'few': ix.search(v, 5, every, 0, 2 ** 32 - 1, lambda i: i in FEW),
        'bucket0': ix.search(v, 5, [0], 0, 2 ** 32 - 1, lambda i: True),
    })
print(json.dumps(out))
'''

DAMAGE = '''
import json, similar, storefile
DIM = %(dim)d
ix = similar.Index(%(root)r, DIM)
for ident, raw in %(events)r:
    ix.add(ident, 0, similar.normalise(raw, DIM))
path = ix.path(0)
with open(path, 'rb') as f:
    data = bytearray(f.read())
# One flipped byte in the vector of the entry of id %(bad)d: its CRC no longer matches.
at = %(index)d * ix.entry_size + 4 + 3
data[at] ^= 0x40
with open(path, 'wb') as f:
    f.write(data)
q = similar.normalise(%(query)r, DIM)
out = {'vector_bad': ix.vector(0, %(bad)d), 'vector_next': ix.vector(0, %(next)d) is not None,
       'k5': ix.search(q, 5, [0], 0, 2 ** 32 - 1, lambda i: True),
       'k30': ix.search(q, 30, [0], 0, 2 ** 32 - 1, lambda i: True)}
ix.compact(lambda i: i %% 3 != 0)
out['after'] = ix.search(q, 40, [0], 0, 2 ** 32 - 1, lambda i: True)
out['size'] = storefile.size(path) // ix.entry_size
# The last entry damaged too: the bucket's last id is the one before it.
with open(path, 'rb') as f:
    data = bytearray(f.read())
data[len(data) - ix.entry_size + 6] ^= 1
with open(path, 'wb') as f:
    f.write(data)
out['last'] = ix.last_id(0)
print(json.dumps(out))
'''


def normalise(raw):
    """The reference: int8 values scaled to norm 127, rounded half to even as Python's round."""
    raw = np.asarray(raw, dtype=np.int64)
    norm = math.sqrt(int((raw * raw).sum()))
    if not norm:
        return np.zeros(len(raw), dtype=np.int64)
    return np.array([max(-127, min(127, int(round(v * NORM / norm)))) for v in raw])


def int8(values):
    return [int(v) & 0xff for v in values]


def top(query, vectors, k, keep=lambda i: True):
    """Brute-force top-k [score, id] by exact integer dot product, best first."""
    q = normalise(query)
    scored = sorted(((int(np.dot(q, v)), i) for i, v in vectors.items() if keep(i)),
                    reverse=True)
    return [list(s) for s in scored[:k]]


@pytest.fixture(scope='module')
def scene():
    rng = np.random.default_rng(1)   # a draw whose scores are all distinct (asserted below)
    # Four random centroids and 60 events scattered around them; ids with gaps, as a store's
    # are after deletions, and large enough to use all four bytes of an entry's id.
    centroids = rng.integers(-100, 101, (4, DIM))
    ids = sorted((0x01020300 + rng.choice(np.arange(1, 90), 60, replace=False)).tolist())
    events = []
    for n, ident in enumerate(ids):
        raw = rng.integers(-20, 21, DIM) + centroids[n % 4] // 2
        events.append((ident, raw.clip(-128, 127).tolist()))
    queries = [rng.integers(-100, 101, DIM).tolist() for _ in range(3)]
    vectors = {i: normalise(raw) for i, raw in events}
    # Distinct scores, so "the top k" names one list (ties would be ordered by the kernel).
    for q in queries:
        scores = [s for s, _ in top(q, vectors, len(vectors))]
        assert len(set(scores)) == len(scores)
    return dict(centroids=centroids, events=events, queries=queries, vectors=vectors)


def test_index_against_a_brute_force_reference(device, tmp_path, scene):
    ids = [i for i, _ in scene['events']]
    lo, hi = ids[15], ids[40]
    few = (ids[3], ids[50], ids[59] + 1)
    got = device.json_lines(RUN % dict(
        dim=DIM, root=str(tmp_path), centroids=int8(scene['centroids'].ravel()),
        events=scene['events'], queries=scene['queries'], lo=lo, hi=hi, few=few),
        heap=HEAP)[0]
    vectors = scene['vectors']
    cents = [normalise(c) for c in scene['centroids']]
    assert got['buckets'] == [4, 1]
    assert got['empty_last'] == -1 and got['empty_vector'] and got['empty_search'] == []
    # Each event went to the centroid it is nearest to; each bucket's last id is its largest.
    placed = {int(i): b for i, b in got['placed'].items()}
    for i, v in vectors.items():
        assert placed[i] == int(np.argmax([np.dot(c, v) for c in cents])), i
    assert got['last'] == [max(i for i in placed if placed[i] == b) for b in range(4)]
    # Each entry: 4 bytes of id, the vector, 4 bytes of CRC.
    assert got['sizes'] == [sum(placed[i] == b for i in placed) * (8 + DIM) for b in range(4)]
    # Stored vectors read back by binary search, byte for byte; an absent id is None.
    for i, v in vectors.items():
        assert got['vectors'][str(i)] == int8(v), i
    assert got['absent'] == got['absent_low'] == [True] * 4
    for q, near in zip(scene['queries'], got['nearest']):
        order = sorted(range(4), key=lambda c: -int(np.dot(normalise(q), cents[c])))
        assert near == order[:3]
    assert len(got['nearest_all']) == 4
    for q, s in zip(scene['queries'], got['search']):
        assert s['k5'] == top(q, vectors, 5)
        assert s['k1'] == top(q, vectors, 1)
        assert s['k12'] == top(q, vectors, 12)     # beyond the kept buffers: the checked search
        assert s['k30'] == top(q, vectors, 30)
        assert s['range'] == top(q, vectors, 5, lambda i: lo <= i <= hi)
        assert s['range_k20'] == top(q, vectors, 20, lambda i: lo <= i <= hi)
        assert s['one'] == top(q, vectors, 5, lambda i: i == lo)
        assert s['odd'] == top(q, vectors, 5, lambda i: i % 2)
        assert s['odd_k20'] == top(q, vectors, 20, lambda i: i % 2)
        assert s['few'] == top(q, vectors, 5, lambda i: i in few)
        assert s['bucket0'] == top(q, vectors, 5, lambda i: placed[i] == 0)


def test_a_damaged_entry_is_never_returned_and_compaction_drops_it(device, tmp_path, scene):
    events = scene['events'][:40]
    vectors = {i: normalise(raw) for i, raw in events}
    query = scene['queries'][0]
    # Damage the best answer, so both kernels meet it first.
    bad = top(query, vectors, 1)[0][1]
    index = [i for i, _ in events].index(bad)
    nxt = events[index + 1][0]
    got = device.json_lines(DAMAGE % dict(dim=DIM, root=str(tmp_path), events=events, bad=bad,
                                          index=index, next=nxt, query=query), heap=HEAP)[0]
    assert got['vector_bad'] is None and got['vector_next']
    intact = {i: v for i, v in vectors.items() if i != bad}
    assert got['k5'] == top(query, intact, 5)
    assert got['k30'] == top(query, intact, 30)
    alive = {i: v for i, v in intact.items() if i % 3}
    assert got['after'] == top(query, alive, 40)
    assert got['size'] == len(alive)
    assert got['last'] == sorted(alive)[-2]


NORMALISE = '''
import json, similar
out = {'list': list(similar.normalise([3, -4] + [0] * 14, 16)),
       'bytes': list(similar.normalise(bytes([3, 252] + [0] * 14), 16)),
       'big': list(similar.normalise([127] * 16, 16)),
       'one': list(similar.normalise([0] * 15 + [-1], 16)),
       'one_up': list(similar.normalise([0] * 15 + [5], 16)),
       'zero': list(similar.normalise([0] * 16, 16)),
       'cos': [similar.cosine(bytes([3, 4]), bytes([3, 4])),
               similar.cosine(bytes([3, 4]), bytes([253, 252])),
               similar.cosine(bytes([1, 0]), bytes([0, 1])),
               similar.cosine(bytes([0, 0]), bytes([0, 1])),
               similar.cosine(bytes([0, 1]), bytes([0, 0])),
               similar.cosine(bytes([1, 2, 3]), bytes([253, 5, 0]))],
       'signed': similar.signed(bytes([0, 127, 128, 255]))}
errors = []
for bad in (None, [1] * 15, [1] * 17):
    try:
        similar.normalise(bad, 16)
    except ValueError as e:
        errors.append(str(e))
try:
    similar.Index('.', 16, bytes(16 * 2 + 1))
except ValueError as e:
    errors.append(str(e))
out['errors'] = errors
print(json.dumps(out))
'''


def test_normalise_cosine_and_bad_input(device):
    got = device.json_lines(NORMALISE)[0]
    assert got['list'] == int8(normalise([3, -4] + [0] * 14))          # 76, -102
    assert got['bytes'] == got['list']                                 # raw int8 bytes alike
    assert got['big'] == int8(normalise([127] * 16))                    # 127 / 4 each: 32
    assert got['one'] == int8([0] * 15 + [-127])
    assert got['one_up'] == int8([0] * 15 + [127])                     # the norm, whole
    assert got['zero'] == [0] * 16
    a, b = np.array([1, 2, 3]), np.array([-3, 5, 0])
    assert got['cos'][:5] == [1.0, -1.0, 0.0, 0.0, 0.0]
    assert got['cos'][5] == pytest.approx(float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)))
    assert got['signed'] == [0, 127, -128, -1]
    assert got['errors'] == ['embedding must have 16 int8 values, got none',
                             'embedding must have 16 int8 values, got 15',
                             'embedding must have 16 int8 values, got 17',
                             'centroids must be K*16 int8 values']


DAMAGED_LISTS = '''
import json, similar, storefile
DIM = %(dim)d
ix = similar.Index(%(root)r, DIM)
def damage(k):
    with open(ix.path(0), 'rb') as f:
        data = bytearray(f.read())
    data[k * ix.entry_size + 5] ^= 1
    with open(ix.path(0), 'wb') as f:
        f.write(data)
RAWS = %(raws)r
out = {'none': ix.last_id(0)}
ix.add(0x05060708, 0, similar.normalise(RAWS[0], DIM))
out['one'] = ix.last_id(0)
out['one_vector'] = list(ix.vector(0, 0x05060708) or b'')   # a list of one entry
for k, ident in enumerate((0x05060709, 0x0506070A, 0x0506070B, 0x0506070C)):
    ix.add(ident, 0, similar.normalise(RAWS[k + 1], DIM))
damage(2)                       # the middle one: the binary search meets it first
out['found'] = [list(ix.vector(0, i) or b'') for i in (0x05060708, 0x05060709, 0x0506070A,
                                                        0x0506070B, 0x0506070C, 0x0506070D)]
# Searches skip a bucket with no file, wherever it is in the list.
q = similar.normalise(%(query)r, DIM)
out['missing'] = [ix.search(q, 3, [5, 0], 0, 2 ** 32 - 1, lambda i: True),
                  ix.search(q, 3, [0, 5], 0, 2 ** 32 - 1, lambda i: True)]
for k in (4, 3, 1):
    damage(k)
out['last_first'] = ix.last_id(0)     # only the first entry intact
damage(0)
out['last_none'] = ix.last_id(0)
print(json.dumps(out))
'''


def test_damaged_posting_lists(device, tmp_path):
    raws = [[3, -4, k] + [0] * (DIM - 3) for k in range(5)]
    query = [3, -4, 9] + [0] * (DIM - 3)
    got = device.json_lines(DAMAGED_LISTS % dict(dim=DIM, root=str(tmp_path), raws=raws,
                                                 query=query))[0]
    assert got['none'] == -1 and got['one'] == 0x05060708
    assert got['one_vector'] == int8(normalise(raws[0]))
    # The damaged entry's vector is gone; the others are found by reading the whole list,
    # byte for byte what was stored.
    assert got['found'] == [int8(normalise(raws[0])), int8(normalise(raws[1])), [],
                            int8(normalise(raws[3])), int8(normalise(raws[4])), []]
    ids = [0x05060708 + k for k in range(5)]
    intact = {i: normalise(raw) for i, raw in zip(ids, raws) if i != ids[2]}
    assert got['missing'] == [top(query, intact, 3)] * 2
    assert got['last_first'] == 0x05060708 and got['last_none'] == -1


UNEVEN = '''
import json, similar
DIM = %(dim)d
ix = similar.Index(%(root)r, DIM, bytes(%(centroids)r))
for ident, bucket, raw in %(events)r:
    ix.add(ident, bucket, similar.normalise(raw, DIM))
q = similar.normalise(%(query)r, DIM)
every = lambda i: True
print(json.dumps({k: ix.search(q, k, [0, 1, 2], 0, 2 ** 32 - 1, every) for k in (3, 12, 20)}))
'''


def test_buckets_of_uneven_sizes_give_each_event_once(device, tmp_path):
    # Bucket 0 holds seven entries, bucket 1 two, bucket 2 four: each bucket is read into the
    # same buffer, whose slots past a short bucket's entries still hold the bucket before's.
    # Every search, the kept winners' (k 3) and the checked one's (k 12, 20: more than there
    # are), gives each event once, ranked as the brute force ranks them.
    rng = np.random.default_rng(7)
    events = [(100 + n, 0 if n < 7 else 1 if n < 9 else 2, rng.integers(-90, 91, DIM).tolist())
              for n in range(13)]
    query = rng.integers(-90, 91, DIM).tolist()
    vectors = {i: normalise(raw) for i, _, raw in events}
    got = device.json_lines(UNEVEN % dict(dim=DIM, root=str(tmp_path), events=events,
                                          centroids=[1] * (3 * DIM), query=query))[0]
    assert got == {'3': top(query, vectors, 3), '12': top(query, vectors, 12),
                   '20': top(query, vectors, 20)}


TIES = '''
import json, similar
DIM = %(dim)d
ix = similar.Index(%(root)r, DIM)
v = similar.normalise(%(raw)r, DIM)
for ident in range(10, 30):          # twenty events alike: every score the same
    ix.add(ident, 0, v)
later = lambda i: i > 15
print(json.dumps({'k3': ix.search(v, 3, [0], 0, 2 ** 32 - 1, lambda i: True),
                  'k12': ix.search(v, 12, [0], 0, 2 ** 32 - 1, lambda i: True),
                  'k1_later': ix.search(v, 1, [0], 0, 2 ** 32 - 1, later),
                  'k12_later': ix.search(v, 12, [0], 0, 2 ** 32 - 1, later)}))
'''


def test_equal_scores_rank_in_the_order_they_were_stored(device, tmp_path):
    # The same sound stored twenty times: every score is equal. Both searches (the kept
    # winners' up to k 10, the checked one beyond) rank them as stored, the oldest first, and a
    # search whose check turns down the first six gives the next ones in that order. (The
    # checked search ranked equal scores newest first, the kept winners' oldest first.)
    raw = [3, -4, 9] + [0] * (DIM - 3)
    got = device.json_lines(TIES % dict(dim=DIM, root=str(tmp_path), raw=raw))[0]
    v = normalise(raw)
    score = int(np.dot(v, v))
    assert got == {'k3': [[score, i] for i in range(10, 13)],
                   'k12': [[score, i] for i in range(10, 22)],
                   'k1_later': [[score, 16]],
                   'k12_later': [[score, i] for i in range(16, 28)]}
