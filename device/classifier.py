"""Labels a window of log-mel frames and gives it an int8 embedding, from a model bundle folder.

Trees run in emlearn-micropython's `emlearn_trees` when it is installed, else in the project's
fallback evaluator `forest.py` (same CSV, same votes); `TREES` says which one ran.

A window is a flat int16 buffer of centi-dB frames, frame-major (frame t, band b at t*n_mels+b),
as `frontend.LogMel.pop()` fills them.
"""
import json
from array import array

import micropython

try:
    import emlearn_trees as _trees
    TREES = 'emlearn_trees'
except ImportError:
    import forest as _trees
    TREES = 'forest.py fallback'

# Feature layout for N mel bands (N even; 3N + 7 int16 values, 127 for 40 bands):
#   [0, N)        band shape: band mean minus the mean over bands (level-free timbre)
#   [N, 3N/2)     spread: mean absolute deviation over time, per pair of adjacent bands
#   [3N/2, 2N)    flux: mean absolute change from frame to frame, per pair of bands
#   [2N, 3N)      peak: band maximum minus band mean (tones and bursts stand out)
#   3N            level: mean over all bands and frames
#   3N+1..3N+6    frame loudness: max, min, spread, flux, largest rise, frames within 6 dB of max
# Pairs of bands keep spread and flux to half the features: trees scored better (fold-grouped,
# no augmentation: macro-F1 0.59 against 0.55) spending the rest on the peak.
EXTRA_FEATURES = 7
NEAR_MAX = 600  # centi-dB: "within 6 dB of the loudest frame"


def n_features(n_mels):
    return 3 * n_mels + EXTRA_FEATURES


def _sat(x):
    return 32767 if x > 32767 else (-32768 if x < -32768 else x)


@micropython.native
def _bands(frames, n, n_mels, out):
    end = n * n_mels
    half = n_mels // 2
    total = 0
    last_spread = last_flux = 0
    for b in range(n_mels):
        s = 0
        top = -32768
        i = b
        while i < end:
            x = frames[i]
            s += x
            top = x if x > top else top
            i += n_mels
        m = s // n
        total += m
        spread = 0
        flux = 0
        prev = frames[b]
        i = b
        while i < end:
            x = frames[i]
            d = x - m
            spread += d if d >= 0 else -d
            d = x - prev
            flux += d if d >= 0 else -d
            prev = x
            i += n_mels
        out[b] = m
        out[2 * n_mels + b] = top - m
        if b & 1:
            out[n_mels + b // 2] = _sat((spread + last_spread) // (2 * n))
            out[n_mels + half + b // 2] = _sat((flux + last_flux) // (2 * (n - 1)))
        last_spread = spread
        last_flux = flux
    level = total // n_mels
    for b in range(n_mels):
        out[b] = _sat(out[b] - level)
    out[3 * n_mels] = level


@micropython.native
def _loudness(frames, n, n_mels, out):
    view = memoryview(frames)
    loud = array('i', bytes(4 * n))
    hi = -32768
    lo = 32767
    s = 0
    for t in range(n):
        x = sum(view[t * n_mels:(t + 1) * n_mels]) // n_mels
        loud[t] = x
        s += x
        hi = x if x > hi else hi
        lo = x if x < lo else lo
    m = s // n
    spread = 0
    flux = 0
    rise = 0
    near = 0
    prev = loud[0]
    for x in loud:
        d = x - m
        spread += d if d >= 0 else -d
        d = x - prev
        flux += d if d >= 0 else -d
        rise = d if d > rise else rise
        near += 1 if x >= hi - NEAR_MAX else 0
        prev = x
    k = 3 * n_mels
    out[k + 1] = hi
    out[k + 2] = lo
    out[k + 3] = _sat(spread // n)
    out[k + 4] = _sat(flux // (n - 1))
    out[k + 5] = _sat(rise)
    out[k + 6] = near


def summarise(frames, n_mels, out=None):
    """int16 features of a window of centi-dB frames (see the layout above)."""
    n = len(frames) // n_mels
    if n < 2 or n * n_mels != len(frames) or n_mels & 1:
        raise ValueError('a window needs at least 2 whole frames of %d (even) bands' % n_mels)
    if out is None:
        out = array('h', bytes(2 * n_features(n_mels)))
    _bands(frames, n, n_mels, out)
    _loudness(frames, n, n_mels, out)
    return out


@micropython.native
def _project(weights, bias, scale, features, out, first):
    nf = len(features)
    for d in range(len(bias)):
        acc = bias[d]
        base = d * nf
        for j in range(nf):
            acc += weights[base + j] * features[j]
        q = int(acc * scale[d] + 0.5) if acc >= 0 else -int(0.5 - acc * scale[d])
        out[first + d] = 127 if q > 127 else (-127 if q < -127 else q)


class Classifier:
    """A model bundle, loaded once. Settings come from the bundle's model.json."""

    def __init__(self, bundle_dir):
        self.folder = bundle_dir.rstrip('/')
        with open(self.folder + '/model.json') as f:
            meta = json.load(f)
        if meta.get('format') != 1:
            raise ValueError('%s: unknown bundle format %r' % (self.folder, meta.get('format')))
        self.labels = meta['labels']
        self.thresholds = meta['thresholds']
        self.n_mels = meta['frontend']['n_mels']
        self.window_frames = meta['window_frames']
        self.hop_frames = meta['hop_frames']
        self.n_features = n_features(self.n_mels)
        t = meta['trees']
        self.model = _trees.new(t['trees'], t['nodes'], t['leaves'])
        with open(self.folder + '/' + t['file']) as f:
            _trees.load_model(self.model, f)
        if self.model.outputs() != len(self.labels):
            raise ValueError('%s: trees have %d classes for %d labels' % (
                self.folder, self.model.outputs(), len(self.labels)))
        e = meta['embedding']
        self.dim = e['dim']
        self._votes = e['votes']
        self._bias = e['bias']
        self._scale = e['scale']
        if self._votes != len(self.labels) or self.dim != self._votes + len(self._bias):
            raise ValueError('%s: embedding does not match the labels' % self.folder)
        self._weights = self._int8(e['file'], len(self._bias) * self.n_features)
        c = meta['centroids']
        self.centroids = self._int8(c['file'], c['count'] * self.dim)
        self._scores = array('f', bytes(4 * len(self.labels)))

    def _int8(self, name, size):
        with open(self.folder + '/' + name, 'rb') as f:
            data = f.read()
        if len(data) != size:
            raise ValueError('%s/%s: %d bytes, expected %d' % (self.folder, name, len(data), size))
        return array('b', data)

    def features(self, frames):
        return summarise(frames, self.n_mels)

    def scores(self, features):
        """Fraction of trees voting for each label, in label order."""
        self.model.predict(features, self._scores)
        return list(self._scores)

    def decide(self, scores):
        """(label, confidence): the top label, or `other` when the top label scores below its
        calibrated threshold; confidence is the returned label's score."""
        top = 0
        for i in range(1, len(scores)):
            if scores[i] > scores[top]:
                top = i
        label = self.labels[top]
        if scores[top] < self.thresholds[label] and 'other' in self.labels:
            label = 'other'
            top = self.labels.index(label)
        return label, scores[top]

    def embed(self, features):
        """int8 embedding: the tree votes (x127), then a learned projection of the features."""
        out = array('b', bytes(self.dim))
        self.model.predict(features, self._scores)
        for i in range(self._votes):
            out[i] = int(self._scores[i] * 127 + 0.5)
        _project(self._weights, self._bias, self._scale, features, out, self._votes)
        return out
