"""The convolutional learner: Keras (JAX backend) on the host, int8 on the device (device/cnn.py).

Trains a small net on windows of log-mel frames, folds batch normalisation into the convolutions,
quantises it to the integer scheme device/cnn.py runs, and holds a numpy reference of that
scheme (`Quantized.forward`): the device's numbers must equal it exactly, and its labels are what
evaluation scores, so a report describes the int8 net a board runs rather than the float one.
"""
import os

import numpy as np
from tqdm import tqdm

from earmark.bridge import device_module as module

layer = module('cnn_host').layer            # the net's integer arithmetic, shared with CPython
IN_STEP = 1 << module('cnn').IN_SHIFT     # centi-dB per input step
BIAS_OFFSET = module('cnn').BIAS_OFFSET
MEAN_SHIFT = 15
HEADS = ('pooled', 'bands')


class CnnRecipe:
    """How the net is trained (class attributes; stored in the bundle's recipe)."""
    CHANNELS = (8, 16, 32)      # per 3x3 layer; the last is the embedding's size
    EPOCHS = 20
    BATCH = 128                 # 15 epochs of 128 took 420 s against 688 s for 30 of 64 and
    #                             scored a little lower at 200 ms (experiments.md, round 6)
    LEARNING_RATE = 2e-3
    DROPOUT = 0.3
    SEED = 0
    # Each batch is varied as it is drawn (SpecAugment's masks and a shift in pitch), so the net
    # cannot learn a window by heart over twenty epochs. On held-out scenes, 3 seeds, the pair
    # scored +0.03 event F1 (200 ms, 1 s) and +0.04 segment F1 with it (experiments.md, round 9).
    TIME_MASK = 8               # up to this many frames of the window set to its mean
    BAND_MASK = 6               # up to this many mel bands set to the mean
    BAND_SHIFT = 2              # the spectrum moved up or down by up to this many bands
    CALIBRATION = 2000          # windows that set each layer's int8 range
    RANGE_PERCENTILE = 99.99    # of a layer's activations: what int8's 127 stands for
    # What the label layer reads: 'pooled', the last map's mean over time and bands (the
    # embedding itself); 'bands', its mean over time only, every band's channels, so the head
    # hears where in the spectrum a pattern sits (round 22 of experiments.md: better on held-out
    # clips and at the door, at the same time a window). The embedding is the pooled mean either
    # way.
    HEAD = 'bands'

    @classmethod
    def as_dict(cls):
        recipe = {'learner': 'cnn', 'channels': list(cls.CHANNELS), 'epochs': cls.EPOCHS,
                  'batch': cls.BATCH, 'learning_rate': cls.LEARNING_RATE,
                  'dropout': cls.DROPOUT, 'seed': cls.SEED, 'time_mask': cls.TIME_MASK,
                  'band_mask': cls.BAND_MASK, 'band_shift': cls.BAND_SHIFT}
        if cls.HEAD != 'pooled':    # a bundle from before round 22 stays its recipe's
            recipe['head'] = cls.HEAD
        return recipe


def _keras():
    os.environ.setdefault('KERAS_BACKEND', 'jax')
    import keras
    if keras.backend.backend() != 'jax':
        raise RuntimeError('training/cnn.py expects Keras on JAX, found %s' % keras.backend.backend())
    return keras


def inputs(P):
    """int8 net inputs of int16 centi-dB windows (n, frames, bands), as device/cnn.py makes them."""
    P = np.asarray(P, np.int64)
    n = P.shape[1] * P.shape[2]
    mean = P.reshape(len(P), -1).sum(1) // n
    q = (P - mean[:, None, None] + IN_STEP // 2) >> (IN_STEP.bit_length() - 1)
    return np.clip(q, -127, 127)


def _float_inputs(P):
    # 1/16 per int8 step is the input scale Quantized starts from: about 10 dB per unit
    return (inputs(P) / 16.0).astype(np.float32)[..., None]


def build(shape, n_labels, channels=None, head=None):
    keras = _keras()
    channels = channels or CnnRecipe.CHANNELS   # read when used: a recipe may change it
    head = head or CnnRecipe.HEAD
    if head not in HEADS:
        raise ValueError('cnn head %r: one of %s' % (head, ', '.join(HEADS)))
    layers = keras.layers
    x = inp = keras.Input(shape + (1,))
    for i, c in enumerate(channels):
        x = layers.Conv2D(c, 3, padding='same', use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.ReLU()(x)
        if i < len(channels) - 1:
            x = layers.MaxPooling2D(2)(x)
    if head == 'bands':
        x = layers.AveragePooling2D((x.shape[1], 1))(x)     # over time: (1, bands, channels)
        x = layers.Flatten()(x)
    else:
        x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(CnnRecipe.DROPOUT)(x)
    out = layers.Dense(n_labels, activation='softmax')(x)
    return keras.Model(inp, out)


class Batches:
    """Shuffled training batches, each varied as it is drawn (CnnRecipe's TIME_MASK, BAND_MASK,
    BAND_SHIFT): a few hundred clips are all there is, and a net that sees the same window every
    epoch learns the window. A masked stretch reads as the window's mean (input 0)."""

    def __init__(self, P, y, sample_weight, seed):
        self.x = _float_inputs(P)[..., 0]
        self.y = np.asarray(y)
        self.w = sample_weight.astype(np.float32)
        self.rng = np.random.default_rng(seed)
        self.epoch()

    def __len__(self):
        return -(-len(self.x) // CnnRecipe.BATCH)

    def epoch(self):
        self.order = self.rng.permutation(len(self.x))

    def __getitem__(self, i):
        pick = self.order[i * CnnRecipe.BATCH:(i + 1) * CnnRecipe.BATCH]
        x, y, w = self.x[pick], self.y[pick], self.w[pick]
        n, bands = len(x), x.shape[2]
        rng = self.rng
        if CnnRecipe.BAND_SHIFT:
            shift = rng.integers(-CnnRecipe.BAND_SHIFT, CnnRecipe.BAND_SHIFT + 1, n)
            src = np.clip(np.arange(bands)[None, :] - shift[:, None], 0, bands - 1)
            x = np.take_along_axis(x, np.broadcast_to(src[:, None, :], x.shape), axis=2)
        for size, axis in ((CnnRecipe.TIME_MASK, 1), (CnnRecipe.BAND_MASK, 2)):
            if size:
                width = rng.integers(0, size + 1, n)
                start = rng.integers(0, x.shape[axis] - width + 1)
                at = np.arange(x.shape[axis])[None, :]
                masked = (at >= start[:, None]) & (at < (start + width)[:, None])
                x = np.where(masked[:, :, None] if axis == 1 else masked[:, None, :], 0.0, x)
        return x[..., None], y, w


def fit(P, y, n_labels, sample_weight, desc='cnn'):
    """A trained Keras net on int16 windows P (n, frames, bands) and targets y: label indices,
    or (n, n_labels) label distributions (a teacher's soft targets blended in)."""
    keras = _keras()
    keras.utils.set_random_seed(CnnRecipe.SEED)
    net = build(P.shape[1:], n_labels)
    soft = np.ndim(y) == 2
    net.compile(optimizer=keras.optimizers.Adam(CnnRecipe.LEARNING_RATE),
                loss='categorical_crossentropy' if soft else 'sparse_categorical_crossentropy')
    run_epochs(net, Batches(P, y, sample_weight, CnnRecipe.SEED), desc)
    return net


def run_epochs(net, batches, desc):
    """Trains a compiled net on `batches` (Batches: drawn anew each epoch) for the recipe's
    epochs with a progress bar; returns the last epoch's losses."""
    keras = _keras()

    class Feed(keras.utils.PyDataset):
        def __len__(self):
            return len(batches)

        def __getitem__(self, i):
            return batches[i]

        def on_epoch_end(self):
            batches.epoch()

    bar = tqdm(total=CnnRecipe.EPOCHS, desc=desc + ' epochs', unit='epoch', leave=False)
    last = {}

    class Progress(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            last.update({k: round(float(v), 4) for k, v in logs.items()})
            bar.update(1)
            bar.set_postfix(loss='%.3f' % logs['loss'])

    net.fit(Feed(), epochs=CnnRecipe.EPOCHS, verbose=0, callbacks=[Progress()])
    bar.close()
    return last


def _folded(net):
    """[(weights (3, 3, cin, cout), bias (cout,))] of the convolutions with batch normalisation
    folded in, and the dense layer's (weights (dim, n), bias (n,))."""
    convs, bns, dense = [], [], None
    for layer in net.layers:
        kind = type(layer).__name__
        if kind == 'Conv2D':
            convs.append(layer.get_weights()[0])
        elif kind == 'BatchNormalization':
            gamma, beta, mean, var = layer.get_weights()
            bns.append((gamma / np.sqrt(var + layer.epsilon), beta, mean))
        elif kind == 'Dense':
            dense = layer.get_weights()
    folded = [(w * g, beta - mu * g) for w, (g, beta, mu) in zip(convs, bns)]
    return folded, dense


def _multiplier(s_in, count, scale, what):
    """2**MEAN_SHIFT times the step from a sum of `count` activations of scale s_in to int8 at
    `scale`; the product of a sum and it stays under 2**30."""
    mul = int(round((1 << MEAN_SHIFT) * s_in / (count * scale)))
    if not 0 < mul * 127 * count < 1 << 30:
        raise ValueError('cnn: %s multiplier %d overflows 30 bits' % (what, mul))
    return mul


class Quantized:
    """The int8 net: what device/cnn.py loads, and a numpy reference that computes as it does."""

    def __init__(self, net, calibration):
        keras = _keras()
        folded, (wd, bd) = _folded(net)
        relus = [l.output for l in net.layers if type(l).__name__ == 'ReLU']
        probe = keras.Model(net.input, relus)
        acts = probe.predict(_float_inputs(calibration), verbose=0, batch_size=256)
        acts = acts if isinstance(acts, list) else [acts]
        s_in = 1.0 / 16.0
        self.convs = []
        for (w, b), act in zip(folded, acts):
            s_out = np.percentile(act, CnnRecipe.RANGE_PERCENTILE) / 127.0
            big = np.abs(w).reshape(-1, w.shape[3]).max(0) + 1e-12
            shift = np.floor(np.log2(127.0 * s_out / (s_in * big))).astype(int)
            if shift.min() < 1 or shift.max() > 30:
                raise ValueError('cnn: requantising shifts %s outside 1..30' % shift)
            wq = np.round(w * s_in * 2.0 ** shift / s_out).astype(np.int64)
            bq = np.round(b * 2.0 ** shift / s_out).astype(np.int64)
            if np.abs(bq).max() >= BIAS_OFFSET:
                raise ValueError('cnn: a bias overflows 29 bits')
            self.convs.append((np.clip(wq, -127, 127), bq, shift.astype(np.int64)))
            s_in = s_out
        # Embedding: a channel's mean over positions, 127 at its calibration range
        emb_scale = np.percentile(acts[-1].mean(axis=(1, 2)), CnnRecipe.RANGE_PERCENTILE) / 127.0
        self.shape = calibration.shape[1:]
        self.mean_mul = _multiplier(s_in, self.positions, emb_scale, 'embedding')
        self.head = 'bands' if any(type(l).__name__ == 'Flatten' for l in net.layers) else 'pooled'
        head_scale = emb_scale
        if self.head == 'bands':   # each band's channels: their mean over rows, in int8
            head_scale = np.percentile(acts[-1].mean(axis=1),
                                       CnnRecipe.RANGE_PERCENTILE) / 127.0
            self.band_mul = _multiplier(s_in, self.rows, head_scale, 'band')
        s_wd = np.abs(wd).max() / 127.0
        self.wd = np.clip(np.round(wd / s_wd), -127, 127).astype(np.int64)
        self.logit_scale = float(head_scale * s_wd)
        self.bd = np.round(bd / self.logit_scale).astype(np.int64)

    @classmethod
    def load(cls, folder, which=0):
        """The int8 net of a bundle folder (its model.json 'cnn' and cnn.bin; `which` > 0: a
        pair's further net, model.json 'more_nets')."""
        import json
        from pathlib import Path
        meta = json.loads((Path(folder) / 'model.json').read_text())
        spec = meta['more_nets'][which - 1]['cnn'] if which else meta['cnn']
        blob = (Path(folder) / spec['file']).read_bytes()
        q = cls.__new__(cls)
        q.shape = (meta['window_frames'], meta['frontend']['n_mels'])
        q.mean_mul, q.logit_scale = spec['mean_mul'], spec['logit_scale']
        q.head = spec.get('head', 'pooled')
        if q.head not in HEADS:
            raise ValueError('%s: cnn head %r, not one of %s' % (folder, q.head, ', '.join(HEADS)))
        if q.head == 'bands':
            q.band_mul = spec['band_mul']
        q.convs, at, cin = [], 0, 1
        for cout in spec['channels']:
            n = 9 * cin * cout
            wq = np.frombuffer(blob, np.uint8, n, at).reshape(cout, 3, 3, cin).transpose(1, 2, 3, 0)
            bq = np.frombuffer(blob, '<u4', cout, at + n).astype(np.int64) - BIAS_OFFSET
            shift = np.frombuffer(blob, np.uint8, cout, at + n + 4 * cout).astype(np.int64)
            q.convs.append((wq.astype(np.int64) - 128, bq, shift))
            at, cin = at + n + 5 * cout, cout
        n_labels, n_in = len(meta['labels']), q.head_inputs
        q.wd = np.frombuffer(blob, np.uint8, n_labels * n_in, at).reshape(
            n_labels, n_in).T.astype(np.int64) - 128
        q.bd = np.frombuffer(blob, '<u4', n_labels,
                             at + n_labels * n_in).astype(np.int64) - BIAS_OFFSET
        return q

    @property
    def dim(self):
        return self.convs[-1][0].shape[3]

    @property
    def last_map(self):
        """(rows, bands) of the last layer's map."""
        h, w = self.shape
        for _ in self.convs[:-1]:
            h, w = h // 2, w // 2
        return h, w

    @property
    def positions(self):
        h, w = self.last_map
        return h * w

    @property
    def rows(self):
        return self.last_map[0]

    @property
    def head_inputs(self):
        """What the label layer reads: the embedding, or every band's channels."""
        return self.dim * (self.last_map[1] if self.head == 'bands' else 1)

    def spec(self, file='cnn.bin'):
        spec = {'channels': [int(w.shape[3]) for w, _, _ in self.convs], 'file': file,
                'mean_mul': self.mean_mul, 'logit_scale': self.logit_scale,
                'input': 'window minus its mean, >> %d (centi-dB), int8'
                % (IN_STEP.bit_length() - 1)}
        if self.head == 'bands':
            spec.update(head='bands', band_mul=self.band_mul)
        return spec

    def blob(self):
        """cnn.bin: per conv layer int8 weights + 128 as bytes [cout][3][3][cin], uint32 biases
        (+2**29), uint8 shifts; then the dense layer's weights + 128 [label][input] (the
        embedding, or band by band each band's channels) and uint32 biases."""
        out = bytearray()
        for wq, bq, shift in self.convs:
            out += (wq.transpose(3, 0, 1, 2) + 128).astype(np.uint8).tobytes()
            out += (bq + BIAS_OFFSET).astype('<u4').tobytes()
            out += shift.astype(np.uint8).tobytes()
        out += (self.wd.T + 128).astype(np.uint8).tobytes()
        out += (self.bd + BIAS_OFFSET).astype('<u4').tobytes()
        return bytes(out)

    def forward(self, P, batch=256):
        """(int8 embeddings (n, dim), label probabilities (n, labels)) of int16 windows, with the
        device's integer steps."""
        embs, heads = [], []
        for at in range(0, len(P), batch):
            x = inputs(P[at:at + batch])[..., None]
            for i, (wq, bq, shift) in enumerate(self.convs):
                x = layer(x, wq, bq, shift, i < len(self.convs) - 1)
            total = x.sum(axis=(1, 2))
            embs.append(np.minimum((total * self.mean_mul) >> MEAN_SHIFT, 127))
            if self.head == 'bands':
                bands = np.minimum((x.sum(axis=1) * self.band_mul) >> MEAN_SHIFT, 127)
                heads.append(bands.reshape(len(x), -1))     # band by band, channels within
        emb = np.concatenate(embs) if embs else np.zeros((0, self.dim), np.int64)
        read = emb if self.head == 'pooled' else (
            np.concatenate(heads) if heads else np.zeros((0, self.head_inputs), np.int64))
        logits = (read @ self.wd + self.bd) * self.logit_scale
        e = np.exp(logits - logits.max(1, keepdims=True))
        return emb.astype(np.int8), e / e.sum(1, keepdims=True)
