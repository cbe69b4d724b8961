"""Open-set prototypes: where in the net's embedding the sounds we have no label for lie.

A net trained on eleven labels still puts an unfamiliar sound somewhere among them; its softmax
says "nearest label", not "a sound like this one". The net's embedding says more: an unfamiliar
sound lands nearer the many kinds of `other` it learnt (20 + 18 kinds, told apart by the
teacher) than near any event's few modes. So the bundle keeps a few prototypes per label
(k-means of the net's embeddings of its training windows, centred on their mean): EVENT per
event label, QUIET_OTHER for `other` and QUIET_BACKGROUND for `background`, which hold many
kinds. A window whose embedding is nearest (cosine) a prototype of `other` or `background`
keeps only KEEP of each event label's score on the device (device/classifier.py); the rest
moves to `other`. A window nearest a prototype of an event label keeps AGREE of every *other*
event label's score (the rest to `other` too): an event opens on a label where the embedding
agrees with it, not on the nearest label of a sound near another's mode (round 21). Soft, per
window: the segmenter's smoothing and a clip's mean still weigh it with the windows around it
(measured: docs/model-evaluation/experiments.md, rounds 12 and 21).

prototypes.bin: the mean (dim int8), each prototype's label index (count uint8), then the
prototypes (count x dim int8, unit length x 127).
"""
import json
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans

QUIET = ('background', 'other')


class OpenSet:
    """Settings (class attributes; the recipe stores them)."""
    EVENT = 3               # prototypes per event label
    QUIET_OTHER = 24        # ... for `other` (38 kinds of sound)
    QUIET_BACKGROUND = 8    # ... for `background` (rain, wind, birds, engine, crickets)
    KEEP = 0.5              # share of its event scores a window nearest a quiet prototype keeps
    AGREE = 0.85            # share of the other events' scores a window nearest an event's keeps
    # ... and the same two in the scores the segmenter sees (model.json 'door_check'): at the
    # door the per-label points do part of the check's work (docs/model-evaluation/
    # experiments.md, round 29), clips and searches keep KEEP and AGREE
    DOOR_KEEP = 0.7
    DOOR_AGREE = 1.0
    SEED = 0

    @classmethod
    def as_dict(cls):
        out = {'event': cls.EVENT, 'other': cls.QUIET_OTHER,
               'background': cls.QUIET_BACKGROUND, 'keep': cls.KEEP, 'agree': cls.AGREE}
        if cls.door() != (cls.KEEP, cls.AGREE):   # a bundle before round 29 stays its recipe's
            out.update(door_keep=cls.DOOR_KEEP, door_agree=cls.DOOR_AGREE)
        return out

    @classmethod
    def door(cls):
        """(keep, agree) of the segmenter's scores."""
        return cls.DOOR_KEEP, cls.DOOR_AGREE

    @classmethod
    def door_check(cls):
        """model.json's 'door_check' of a bundle trained now ({} when it is the clips' own)."""
        if cls.door() == (cls.KEEP, cls.AGREE):
            return {}
        return {'door_check': {'keep': cls.DOOR_KEEP, 'agree': cls.DOOR_AGREE}}


def _unit(X):
    return X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-9)


class Prototypes:
    """The prototypes and the rule's shares (`keep`, `agree`: OpenSet's when fitted, a bundle's
    own when loaded)."""

    def __init__(self, mean, owners, vectors, keep=None, agree=None):
        self.mean = np.asarray(mean, np.int8)
        self.owners = np.asarray(owners, np.uint8)
        self.vectors = np.asarray(vectors, np.int8)
        self.keep = OpenSet.KEEP if keep is None else keep
        self.agree = OpenSet.AGREE if agree is None else agree

    @classmethod
    def fit(cls, emb, y, labels):
        """From int8 net embeddings of training windows and their label indices."""
        E = emb.astype(np.float64)
        mean = np.clip(np.round(E.mean(0)), -127, 127)
        X = _unit(E - mean)
        owners, vectors = [], []
        for k, label in enumerate(labels):
            mine = X[y == k]
            n = {'other': OpenSet.QUIET_OTHER,
                 'background': OpenSet.QUIET_BACKGROUND}.get(label, OpenSet.EVENT)
            n = min(n, len(mine))
            if n == 0:
                continue
            km = KMeans(n_clusters=n, n_init=10, random_state=OpenSet.SEED).fit(mine)
            vectors.append(np.round(127 * _unit(km.cluster_centers_)))
            owners += [k] * n
        return cls(mean, owners, np.clip(np.concatenate(vectors), -127, 127))

    @classmethod
    def load(cls, folder, which=0):
        """A bundle folder's prototypes with its rule's shares, as device/classifier.py reads
        them (model.json's 'prototypes'; a bundle from before round 21 has no `agree`: 1);
        `which` > 0: those of a pair's further net (model.json 'more_nets')."""
        meta = json.loads((Path(folder) / 'model.json').read_text())
        spec = meta['more_nets'][which - 1]['prototypes'] if which else meta['prototypes']
        blob = (Path(folder) / spec['file']).read_bytes()
        return cls.read_bytes(blob, meta['cnn']['channels'][-1], spec['keep'],
                              spec.get('agree', 1.0))

    @classmethod
    def read_bytes(cls, data, dim, keep=None, agree=None):
        blob = np.frombuffer(data, np.uint8)
        count = (len(blob) - dim) // (dim + 1)
        return cls(blob[:dim].view(np.int8), blob[dim:dim + count],
                   blob[dim + count:].view(np.int8).reshape(count, dim), keep, agree)

    def blob(self):
        return self.mean.tobytes() + self.owners.tobytes() + self.vectors.tobytes()

    def spec(self, file='prototypes.bin'):
        return {'file': file, 'count': int(len(self.owners)), 'keep': self.keep,
                'agree': self.agree}

    def nearest(self, emb):
        """Label index of the nearest prototype of each int8 embedding (as the device: the
        largest integer dot product with the centred embedding)."""
        E = emb.astype(np.int64) - self.mean.astype(np.int64)
        return self.owners[np.argmax(E @ self.vectors.astype(np.int64).T, 1)]

    def apply(self, scores, emb, labels, keep=None, agree=None):
        """Scores after the open-set check (the host's twin of the device's), with the
        prototypes' own shares unless given."""
        keep = self.keep if keep is None else keep
        agree = self.agree if agree is None else agree
        return open_set(scores, self.nearest(emb), labels, keep, agree)


def open_set(scores, near, labels, keep=None, agree=None):
    """Window scores after the open-set check, given each window's nearest prototype's label
    index `near` (Prototypes.apply; a replay that cached `near` applies it without embeddings)."""
    keep = OpenSet.KEEP if keep is None else keep
    agree = OpenSet.AGREE if agree is None else agree
    out = np.array(scores, np.float64)
    near = np.asarray(near)
    quiet = np.isin(near, [labels.index(l) for l in QUIET if l in labels])
    event = [i for i, l in enumerate(labels) if l not in QUIET]
    # each window's share kept of each event label: keep near a quiet prototype; agree, but 1
    # for the prototype's own label, near an event's
    share = np.where(quiet[:, None], keep, agree) * np.ones((1, len(event)))
    share[np.array(event)[None, :] == near[:, None]] = 1.0
    moved = (1 - share) * out[:, event]
    out[:, event] -= moved
    if 'other' in labels:
        out[:, labels.index('other')] += moved.sum(1)
    return out


def fit_for(net, windows, labels):
    """The prototypes of a net (training.cnn.Quantized) over the sounding windows of the
    recorded clips of a training.windows.Windows (augmented copies left out: they are the same
    sounds again)."""
    real = ~windows.field('augmented')
    return Prototypes.fit(net.forward(windows.P[real])[0], windows.y[real], labels)
