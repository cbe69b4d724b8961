"""Fleet similar search: the events of every device most like a given one (or like an
embedding), by cosine of the devices' int8 embeddings: they are stored at norm 127 (to int8
rounding), so it is a dot product with the query scaled to norm 127, over 127 squared, as the
device reports its own similar events.

Every embedding is held in memory (float32), reloaded when a pull has committed. Below
EXACT_BELOW events a query reads them all (exact); from there on an inverted-file index, the
device's own scheme at the hub's scale: k-means buckets (about the square root of the count, at
most 1024), a query reading the PROBES buckets nearest it. Chosen by measurement (`earmark bench
hub`, docs/hub.md): at 1M events exact search on this machine's shared cores is over 100 ms at
p99; the index stays far under it with recall@10 above 0.95.
"""
import threading

import numpy as np

from . import sql

NORM = 127
EXACT_BELOW = 50000
PROBES = 16
SAMPLE = 100000   # events the k-means is fitted on


class Index:
    def __init__(self, store, exact_below=EXACT_BELOW, probes=PROBES):
        self.store = store
        self.exact_below, self.probes = exact_below, probes
        self.files = None
        self.keys = np.zeros((0, 3), np.int64)     # device number, epoch, id
        self.devices = []
        self.matrix = np.zeros((0, 1), np.float32)
        self.centers = None    # with the index: bucket centres, rows by bucket, bucket bounds
        self._loading = threading.Lock()

    def refresh(self):
        """Loads the embeddings again when a pull committed since the last load."""
        with self._loading:
            return self._refresh()

    def _refresh(self):
        files = self.store.files()
        if files == self.files:
            return self
        with self.store.lock(shared=True):
            con = sql.connect(self.store)
            t = con.sql('select device, epoch, id, embedding from events where embedding '
                        'is not null').to_arrow_table()
        self.files = files
        self.centers = None
        if t.num_rows == 0:
            self.keys, self.devices = np.zeros((0, 3), np.int64), []
            self.matrix = np.zeros((0, 1), np.float32)
            return self
        device = t.column('device').combine_chunks().dictionary_encode()
        self.devices = device.dictionary.to_pylist()
        self.keys = np.stack([device.indices.to_numpy(), t.column('epoch').to_numpy(),
                              t.column('id').to_numpy()], axis=1).astype(np.int64)
        values = t.column('embedding').combine_chunks().flatten().to_numpy()
        self.matrix = values.astype(np.float32).reshape(t.num_rows, -1)
        if len(self.matrix) >= self.exact_below:
            self._build()
        return self

    def _build(self):
        from sklearn.cluster import MiniBatchKMeans
        n = len(self.matrix)
        buckets = int(min(1024, max(16, np.sqrt(n))))
        rng = np.random.default_rng(0)
        sample = self.matrix[rng.choice(n, min(n, SAMPLE), replace=False)]
        km = MiniBatchKMeans(buckets, n_init=1, random_state=0, batch_size=4096).fit(sample)
        assign = km.predict(self.matrix)
        # Rows sorted by bucket: a bucket is a contiguous slice, read without a gather.
        order = np.argsort(assign, kind='stable')
        self.matrix, self.keys = self.matrix[order], self.keys[order]
        self.bounds = np.searchsorted(assign[order], np.arange(buckets + 1))
        self.centers = km.cluster_centers_.astype(np.float32)

    def __len__(self):
        return len(self.keys)

    def vector(self, device, epoch, ident):
        """The stored embedding of an event, or None."""
        if device not in self.devices:
            return None
        hit = np.flatnonzero((self.keys[:, 0] == self.devices.index(device)) &
                             (self.keys[:, 1] == epoch) & (self.keys[:, 2] == ident))
        return self.matrix[hit[0]] if len(hit) else None

    def _scored(self, q):
        """(scores, keys) of the rows a query reads: all, or the buckets nearest q."""
        if self.centers is None:
            return self.matrix @ q, self.keys
        near = np.argpartition(-(self.centers @ q), self.probes - 1)[:self.probes]
        spans = [slice(self.bounds[b], self.bounds[b + 1]) for b in near]
        return (np.concatenate([self.matrix[s] @ q for s in spans]),
                np.concatenate([self.keys[s] for s in spans]))

    def similar(self, vector, k=10, skip=None):
        """[(device, epoch, id, cosine)] of the k events most like vector, best first; skip:
        a (device, epoch, id) left out (the query event itself)."""
        if not len(self):
            return []
        q = np.asarray(vector, np.float32)
        q = q * (NORM / max(float(np.linalg.norm(q)), 1e-9))
        scores, keys = self._scored(q)
        if skip is not None and skip[0] in self.devices:
            mask = ((keys[:, 0] == self.devices.index(skip[0])) & (keys[:, 1] == skip[1]) &
                    (keys[:, 2] == skip[2]))
            scores[mask] = -np.inf
        n = min(k, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind='stable')]
        return [(self.devices[keys[i, 0]], int(keys[i, 1]), int(keys[i, 2]),
                 round(float(scores[i]) / (NORM * NORM), 4)) for i in top
                if scores[i] > -np.inf]
