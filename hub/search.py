"""Fleet similar search: the events of every device most like a given one (or like an
embedding), by cosine of the devices' int8 embeddings: they are stored at norm 127 (to int8
rounding), so it is a dot product with the query scaled to norm 127, over 127 squared, as the
device reports its own similar events.

Exact search over a float32 matrix in memory, reloaded when the committed files change: at a
million events (128 MB) a query is one matrix-vector product and a partial sort, under the
issue's 100 ms at p99 with recall 1 (`earmark bench hub` measures it beside DuckDB's
array_inner_product over the Parquet files and an inverted-file index; docs/hub.md).
"""
import threading

import numpy as np

from . import sql

NORM = 127


class Index:
    def __init__(self, store):
        self.store = store
        self.files = None
        self.keys = np.zeros((0, 3), np.int64)     # device number, epoch, id
        self.devices = []
        self.matrix = np.zeros((0, 1), np.float32)
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
        return self

    def __len__(self):
        return len(self.keys)

    def vector(self, device, epoch, ident):
        """The stored embedding of an event, or None."""
        if device not in self.devices:
            return None
        hit = np.flatnonzero((self.keys[:, 0] == self.devices.index(device)) &
                             (self.keys[:, 1] == epoch) & (self.keys[:, 2] == ident))
        return self.matrix[hit[0]] if len(hit) else None

    def similar(self, vector, k=10, skip=None):
        """[(device, epoch, id, cosine)] of the k events most like vector, best first; skip:
        a (device, epoch, id) left out (the query event itself)."""
        if not len(self):
            return []
        q = np.asarray(vector, np.float32)
        scores = self.matrix @ (q * (NORM / max(float(np.linalg.norm(q)), 1e-9)))
        if skip is not None and skip[0] in self.devices:
            mask = ((self.keys[:, 0] == self.devices.index(skip[0])) &
                    (self.keys[:, 1] == skip[1]) & (self.keys[:, 2] == skip[2]))
            scores[mask] = -np.inf
        n = min(k, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind='stable')]
        return [(self.devices[self.keys[i, 0]], int(self.keys[i, 1]), int(self.keys[i, 2]),
                 round(float(scores[i]) / (NORM * NORM), 4)) for i in top
                if scores[i] > -np.inf]
