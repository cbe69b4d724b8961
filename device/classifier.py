"""Labels a window of log-mel frames and gives it an int8 embedding, from a model bundle folder.

A bundle holds one of two learners, or both (model.json 'format'):
- 3, a small int8 convolutional net over the frames, run by `cnn.py` (viper); its features are
  the net's embedding;
- 2, trees over summary features of the frames: in emlearn-micropython's `emlearn_trees` when it
  is installed, else in the project's fallback evaluator `forest.py` (same CSV, same votes);
- 4, a pair: trees and a net over the same window, each score the trees' times model.json's
  'trees_share' (0.5 when it does not say) plus the net's times the rest (on held-out scenes
  the pair scored higher than either alone), the trees' embedding; its features are (summary
  features, net scores, net embedding). A pair may hold further nets of other seeds
  (model.json 'more_nets', each with its prototypes): each net is paired with the trees as
  above and the pairs' scores averaged (at the same points a fifth fewer false events at the
  door and the same event F1; experiments.md round 25).
`Classifier.evaluator` says what runs.

A bundle with a net may hold open-set prototypes (model.json 'prototypes', training/openset.py):
a window whose net embedding lies nearest a prototype of `other` or `background` keeps only
'keep' of its event labels' scores, the rest going to `other`; one nearest a prototype of an
event label keeps 'agree' of every other event label's score (1 in bundles before round 21); an
unfamiliar sound is `other` more often than the nearest label. The scores the segmenter sees
(`scores(..., door=True)`) may take other shares (model.json 'door_check'): at the door the
per-label points do part of the check's work, clips need all of it (experiments.md round 29).

A window is a flat int16 buffer of centi-dB frames, frame-major (frame t, band b at t*n_mels+b),
as `frontend.LogMel.pop()` fills them.
"""
import json
import math
import sys
from array import array

import micropython
from micropython import const

if sys.implementation.name != 'micropython':
    ptr8 = ptr16 = None  # viper's pointer types: the annotations need names in CPython

try:
    import emlearn_trees as _trees
    TREES = 'emlearn_trees'
except ImportError:
    import forest as _trees
    TREES = 'forest.py fallback'

# Feature layout for N mel bands and K = CEPSTRA (2N + 3K + 7 int16 values, 123 for 40 bands):
#   [0, N)          band shape: band mean minus the mean over bands (level-free timbre)
#   [N, 2N)         peak: band maximum minus band mean (tones and bursts stand out)
#   [2N, 2N+K)      cepstrum (DCT-II of each frame over bands, coefficients 1..K): mean
#   [2N+K, 2N+2K)   cepstrum: mean absolute deviation over time
#   [2N+2K, 2N+3K)  cepstrum: mean absolute change from frame to frame
#   2N+3K           level: mean over all bands and frames
#   2N+3K+1..+6     frame loudness: max, min, spread, flux, largest rise, frames within 6 dB of max
# How the spectral envelope moves (cepstral spread and flux) is what the trees gained most from:
# on held-out clips and scenes, window macro-F1 0.50 -> 0.58 against per-band spread and flux
# (docs/model-evaluation/experiments.md); emlearn_trees takes at most 128 features.
CEPSTRA = 12
EXTRA_FEATURES = 7
NEAR_MAX = 600  # centi-dB: "within 6 dB of the loudest frame"
CEP_SHIFT = const(8)   # the DCT basis is scaled by 2**CEP_SHIFT to whole numbers


# The front end this device runs: pipeline.py's frontend.LogMel() with its defaults, over the
# 16 kHz audio of sources.py. A bundle records the one it was trained for (model.json
# 'frontend', training/features.py config()); one made for another is refused, as its windows
# would be other features than it learned from. Its 'amin' (1e-10) is not compared: MicroPython
# may parse that float a bit off the literal's. A tuple, frozen as a constant: no heap.
FRONTEND = (('sample_rate', 16000), ('n_fft', 512), ('hop', 256), ('n_mels', 40), ('fmin', 0.0),
            ('fmax', 8000.0), ('htk', False), ('norm', 'slaney'), ('window', 'hann-periodic'),
            ('center', False), ('power', 2.0), ('units', 'centi-dB int16'))


def check_frontend(front):
    """ValueError in one line naming each front-end setting of a bundle (model.json 'frontend')
    that is not this device's (the caller names the bundle)."""
    if not isinstance(front, dict):
        raise ValueError('model.json records no front end')
    wrong = ['%s %r (device: %r)' % (k, front.get(k), v) for k, v in FRONTEND if front.get(k) != v]
    if wrong:
        raise ValueError('bundle made for another front end: ' + ', '.join(wrong))


def n_features(n_mels):
    return 2 * n_mels + 3 * CEPSTRA + EXTRA_FEATURES


def dct_basis(n_mels, k=CEPSTRA):
    """Orthonormal DCT-II rows 1..k as int8 bytes (two's complement), scaled by 2**CEP_SHIFT."""
    out = bytearray(k * n_mels)
    for c in range(k):
        for b in range(n_mels):
            w = round((1 << CEP_SHIFT) * math.sqrt(2 / n_mels) *
                      math.cos(math.pi * (b + 0.5) * (c + 1) / n_mels))
            out[c * n_mels + b] = w & 0xff
    return out


def _sat(x):
    return 32767 if x > 32767 else (-32768 if x < -32768 else x)


@micropython.viper
def _cepstra(frames: ptr16, n: int, n_mels: int, basis: ptr8, k: int, out: ptr16):
    # ptr16/ptr8 read unsigned under viper (signed arrays under CPython): the sign is restored
    # by hand, so both give the same numbers.
    for t in range(n):
        row = t * n_mels
        for c in range(k):
            acc = 0
            base = c * n_mels
            for b in range(n_mels):
                x = int(frames[row + b])
                if x > 32767:
                    x -= 65536
                w = int(basis[base + b])
                if w > 127:
                    w -= 256
                acc += w * x
            acc = acc >> CEP_SHIFT
            if acc > 32767:
                acc = 32767
            elif acc < -32768:
                acc = -32768
            out[t * k + c] = acc


@micropython.native
def _bands(frames, n, n_mels, out):
    end = n * n_mels
    total = 0
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
        out[b] = m
        out[n_mels + b] = _sat(top - m)
    level = total // n_mels
    for b in range(n_mels):
        out[b] = _sat(out[b] - level)
    out[2 * n_mels + 3 * CEPSTRA] = level


@micropython.native
def _cepstral_stats(cep, n, k, out, at):
    """Per coefficient of `cep` (n rows of k): mean, mean absolute deviation and mean absolute
    change over time, at out[at + c], out[at + k + c], out[at + 2k + c]."""
    end = n * k
    for c in range(k):
        s = 0
        i = c
        while i < end:
            s += cep[i]
            i += k
        m = s // n
        spread = 0
        flux = 0
        prev = cep[c]
        i = c
        while i < end:
            v = cep[i]
            d = v - m
            spread += d if d >= 0 else -d
            d = v - prev
            flux += d if d >= 0 else -d
            prev = v
            i += k
        out[at + c] = _sat(m)
        out[at + k + c] = _sat(spread // n)
        out[at + 2 * k + c] = _sat(flux // (n - 1))


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
    k = 2 * n_mels + 3 * CEPSTRA
    out[k + 1] = hi
    out[k + 2] = lo
    out[k + 3] = _sat(spread // n)
    out[k + 4] = _sat(flux // (n - 1))
    out[k + 5] = _sat(rise)
    out[k + 6] = near


_BASIS = {}   # n_mels -> DCT basis, made once (its floats are garbage a window need not make)


def _basis(n_mels):
    basis = _BASIS.get(n_mels)
    if basis is None:
        basis = _BASIS[n_mels] = dct_basis(n_mels)
    return basis


def summarise(frames, n_mels, out=None, scratch=None):
    """int16 features of a window of centi-dB frames (see the layout above); `scratch` (an
    array('h') of frames * CEPSTRA) saves an allocation per window."""
    n = len(frames) // n_mels
    if n < 2 or n * n_mels != len(frames) or n_mels & 1:
        raise ValueError('a window needs at least 2 whole frames of %d (even) bands' % n_mels)
    if out is None:
        out = array('h', bytes(2 * n_features(n_mels)))
    if scratch is None or len(scratch) < n * CEPSTRA:
        scratch = array('h', bytes(2 * n * CEPSTRA))
    _bands(frames, n, n_mels, out)
    _cepstra(frames, n, n_mels, _basis(n_mels), CEPSTRA, scratch)
    _cepstral_stats(scratch, n, CEPSTRA, out, 2 * n_mels)
    _loudness(frames, n, n_mels, out)
    return out


@micropython.native
def _project(weights, bias, scale, features, out, first):
    # `weights` are the int8 values as bytes (read in place from flash): the sign by hand
    nf = len(features)
    for d in range(len(bias)):
        acc = bias[d]
        base = d * nf
        for j in range(nf):
            w = weights[base + j]
            acc += (w - 256 if w > 127 else w) * features[j]
        q = int(acc * scale[d] + 0.5) if acc >= 0 else -int(0.5 - acc * scale[d])
        out[first + d] = 127 if q > 127 else (-127 if q < -127 else q)


@micropython.native
def _nearest(blob, dim, count, emb, centred):
    """The label index of the prototype nearest `emb` (int8 as bytes): the largest dot product
    with emb minus the mean. `blob` is prototypes.bin (training/openset.py's layout)."""
    for j in range(dim):
        e = emb[j]
        m = blob[j]
        centred[j] = (e - 256 if e > 127 else e) - (m - 256 if m > 127 else m)
    best = -(1 << 30)
    who = 0
    at = dim + count
    for k in range(count):
        acc = 0
        for j in range(dim):
            w = blob[at + j]
            acc += (w - 256 if w > 127 else w) * centred[j]
        if acc > best:
            best = acc
            who = k
        at += dim
    return blob[dim + who]


class Classifier:
    """A model bundle, loaded once. Settings come from the bundle's model.json."""

    def __init__(self, bundle_dir):
        self.folder = bundle_dir.rstrip('/')
        with open(self.folder + '/model.json') as f:
            meta = json.load(f)
        # 3: the convolutional net; 2: trees on cepstral features (1 had per-band spread and
        # flux); 4: both
        self.format = meta.get('format')
        if self.format not in (2, 3, 4):
            raise ValueError('%s: unknown bundle format %r' % (self.folder, self.format))
        check_frontend(meta.get('frontend'))
        self.labels = meta['labels']
        self.thresholds = meta['thresholds']
        # The segmenter opens an event at this score (chosen on scenes); None: its default.
        self.event_threshold = meta.get('event_threshold')
        # Per label, where a label has its own operating point ({label: score}; the rest open
        # at event_threshold): few false alarms first (README, "Operating points").
        self.event_thresholds = meta.get('event_thresholds') or {}
        self.n_mels = meta['frontend']['n_mels']
        self.window_frames = meta['window_frames']
        self.hop_frames = meta['hop_frames']
        self._scores = array('f', bytes(4 * len(self.labels)))
        if self.format != 2:
            self._load_cnn(meta['cnn'])
        if self.format != 3:
            self._load_trees(meta)   # a pair's embedding is the trees'
        if self.format == 4:
            self.evaluator = 'cnn.py (viper, int8) + ' + TREES
            self._net_emb = bytearray(self.net.dim)
            self._net_scores = array('f', bytes(4 * len(self.labels)))
        self._protos = None
        if self.format != 2 and meta.get('prototypes'):
            self._protos = self._load_prototypes(meta['prototypes'])
        # (keep, agree) of the check in the scores the segmenter sees, where a bundle says
        # (round 29); None: each net's prototypes' own, as in clips' and searches' scores
        door = meta.get('door_check')
        self.door_check = (door['keep'], door['agree']) if door else None
        self._more = []
        if self.format == 4:
            # each net of a pair: (net, its embedding and scores, its prototypes)
            self._nets = [(self.net, self._net_emb, self._net_scores, self._protos)]
            self._trees = array('f', bytes(4 * len(self.labels)))
            self.trees_share = meta.get('trees_share', 0.5)
        if meta.get('more_nets'):
            self._load_more_nets(meta['more_nets'])
        c = meta['centroids']
        self.centroids = array('b', bytes(self._mapped(c['file'], c['count'] * self.dim)))

    def _load_cnn(self, spec):
        import cnn
        self.evaluator = 'cnn.py (viper, int8)'
        self.net = cnn.Net(spec, self._mapped(spec['file']), self.window_frames, self.n_mels,
                           len(self.labels))
        self.dim = self.net.dim

    def _load_prototypes(self, spec):
        """(prototypes' bytes, keep, agree) of a net's prototypes."""
        dim, count = self.net.dim, spec['count']
        self._centred = array('h', bytes(2 * dim))
        self._other = self.labels.index('other')
        quiet = [self.labels.index(l) for l in ('background', 'other') if l in self.labels]
        self._event = [i for i in range(len(self.labels)) if i not in quiet]
        self._quiet = bytes(1 if i in quiet else 0 for i in range(len(self.labels)))
        return (self._mapped(spec['file'], dim + count * (dim + 1)), spec['keep'],
                spec.get('agree', 1.0))

    def _load_more_nets(self, specs):
        """A pair's further nets: each runs in the first's working buffers and keeps its own
        embedding and scores (arrays features() fills and scores() reads)."""
        import cnn
        if self.format != 4 or self._protos is None:
            raise ValueError('%s: more nets need a pair with prototypes' % self.folder)
        for spec in specs:
            net = cnn.Net(spec['cnn'], self._mapped(spec['cnn']['file']), self.window_frames,
                          self.n_mels, len(self.labels), share=self.net)
            if net.dim != self.net.dim:
                raise ValueError('%s: nets of %d and %d channels' % (self.folder, self.net.dim,
                                                                    net.dim))
            self._more.append((net, bytearray(net.dim), array('f', bytes(4 * len(self.labels))),
                               self._load_prototypes(spec['prototypes'])))
        self._nets += self._more
        self.evaluator = 'cnn.py (viper, int8) x%d + %s' % (1 + len(specs), TREES)

    def nearest(self, emb, protos=None):
        """The label index of the prototype nearest an int8 net embedding (the first net's
        prototypes unless `protos` says whose), or -1 for a bundle without prototypes."""
        protos = protos or self._protos
        if protos is None:
            return -1
        n = self.net.dim
        blob = protos[0]
        return _nearest(blob, n, (len(blob) - n) // (n + 1), emb, self._centred)

    def _open_set(self, emb, scores, protos, shares=None):
        """Scores of a window nearest a quiet prototype keep `keep` of each event's score,
        nearest an event's prototype `agree` of each other event's (a few boxed floats a
        label, in the windows the rule changes); `protos`: _load_prototypes' triple, `shares`
        another (keep, agree) than its own."""
        near = self.nearest(emb, protos)
        quiet = self._quiet[near]
        if shares is None:   # the prototypes' own: indexed, not sliced (no garbage a window)
            keep = protos[1] if quiet else protos[2]
        else:
            keep = shares[0] if quiet else shares[1]
        if keep == 1.0:
            return
        moved = 0.0
        for i in self._event:
            if i != near:
                s = scores[i]
                moved += s
                scores[i] = s * keep
        scores[self._other] += moved * (1 - keep)

    def _load_trees(self, meta):
        self.evaluator = TREES
        self.n_features = n_features(self.n_mels)
        if meta['n_features'] != self.n_features:
            raise ValueError('%s: model takes %d features, this classifier makes %d' % (
                self.folder, meta['n_features'], self.n_features))
        t = meta['trees']
        self.model = self._mapped_trees(t)
        if self.model is None:
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
        self._weights = self._mapped(e['file'], len(self._bias) * self.n_features)
        self._scratch = array('h', bytes(2 * self.window_frames * CEPSTRA))
        _basis(self.n_mels)

    def _mapped(self, name, size=None):
        """A bundle file's bytes, read in place where it lies on the ROM partition (a
        memoryview of a ROM file is flash), else read into the heap; `size`: what it must be."""
        f = open(self.folder + '/' + name, 'rb')
        try:
            data = memoryview(f)
        except TypeError:   # not a ROM file system
            data = memoryview(f.read())
            f.close()
        if size is not None and len(data) != size:
            raise ValueError('%s/%s: %d bytes, expected %d' % (self.folder, name, len(data), size))
        return data

    def _mapped_trees(self, t):
        """The fallback evaluator over the packed trees the image build puts beside the CSV,
        read in place on the ROM partition; None where there are none (emlearn_trees, or a
        model folder on an ordinary file system)."""
        if TREES == 'emlearn_trees':
            return None
        try:
            buf = self._mapped(_trees.PACKED)
        except OSError:
            return None
        model = _trees.mapped(buf)
        if (model.n_trees, model.n_nodes, model.n_leaves) != (t['trees'], t['nodes'], t['leaves']):
            raise ValueError('%s: packed trees do not match model.json' % self.folder)
        return model

    def features(self, frames):
        """What scores() and embed() take: the net's embedding (a new bytearray), the trees'
        summary features, or for a pair the summary features, the net's scores and its embedding
        (in arrays the next call reuses: embed() needs only the features)."""
        if self.format == 3:
            return self.net.run(frames, bytearray(self.dim))
        x = summarise(frames, self.n_mels, scratch=self._scratch)
        if self.format == 4:
            emb = self.net.run(frames, self._net_emb)
            scores = self.net.scores(emb, self._net_scores)
            for net, more_emb, more_scores, _ in self._more:
                net.scores(net.run(frames, more_emb), more_scores)
            return x, scores, emb
        return x

    def level(self, features):
        """The window's mean level in centi-dB, of the window features() was last given."""
        if self.format == 3:
            return self.net.level
        if self.format == 4:
            features = features[0]
        return features[2 * self.n_mels + 3 * CEPSTRA]

    def scores(self, features, door=False):
        """Label probabilities (net), the fraction of trees voting for each label, or for a
        pair the two weighed by trees_share, in label order; `door`: the scores the segmenter
        sees, after the bundle's door_check."""
        shares = self.door_check if door else None
        if self.format == 4:
            return self._scores_of_pairs(features, shares)
        if self.format == 3:
            self.net.scores(features, self._scores)
            if self._protos is not None:
                self._open_set(features, self._scores, self._protos, shares)
        else:
            self.model.predict(features, self._scores)
        return list(self._scores)

    def _scores_of_pairs(self, features, shares):
        """A pair's: the mean over its nets of each net's pair with the trees (the trees'
        share of each score trees_share), after that net's open-set check at its own shares
        or `shares` (each net's scores and embedding: the arrays features() filled)."""
        trees, out, n = self._trees, self._scores, len(self.labels)
        self.model.predict(features[0], trees)
        w = self.trees_share
        v = 1 - w
        total = [0.0] * n
        for _, net_emb, net_scores, protos in self._nets:
            for i in range(n):
                out[i] = w * trees[i] + v * net_scores[i]
            if protos is not None:
                self._open_set(net_emb, out, protos, shares)
            for i in range(n):
                total[i] += out[i]
        each = 1 / len(self._nets)
        return [t * each for t in total]

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
        """int8 embedding: the net's (features itself), or the tree votes (x127) then a learned
        projection of the features."""
        out = array('b', bytes(self.dim))
        if self.format == 3:
            for i in range(self.dim):
                out[i] = features[i]
            return out
        if self.format == 4:
            features = features[0]
        self.model.predict(features, self._scores)
        for i in range(self._votes):
            out[i] = int(self._scores[i] * 127 + 0.5)
        _project(self._weights, self._bias, self._scale, features, out, self._votes)
        return out
