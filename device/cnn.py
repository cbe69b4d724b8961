"""A small int8 convolutional net over a window of log-mel frames, in viper.

The trees see a one-second summary of the frames; this net sees the time-frequency patch itself.
`earmark train --learner cnn` makes one alone; the default model is the pair of a forest and a
net (`--learner pair`), their scores averaged, which scored higher on held-out scenes than either
(docs/model-evaluation/experiments.md, rounds 7 and 8).
It is the project's own evaluator: emlearn-micropython's `emlearn_cnn` takes TinyMaix models,
which need TensorFlow to make, and neither is on the build machine.

    input   the window's frames (time x bands, centi-dB) minus their mean, >> IN_SHIFT, int8
    conv    3x3, zero padding, int8 weights (stored + 128) and an int32 bias; the sum is
            requantised by a right shift chosen per channel at export, then ReLU (0..127);
            every layer but the last is followed by 2x2 max pooling
    pool    the last layer's mean over positions, scaled to int8: the event's embedding
    bands   (a 'bands' head only) the last layer's mean over time, band by band, scaled to
            int8: what the label layer reads there, so it hears where a pattern sits
    dense   int8 weights (stored + 128) and int32 biases to one logit per label, from the
            embedding (a 'pooled' head, the default) or the bands, then softmax

Every step but the softmax is integer arithmetic that fits 32 bits, so a board gives the same
numbers as the host's reference (training/cnn.py), and tests/test_cnn.py holds them to that.
Activations are channel-last (row, column, channel) bytes in two buffers made once.
"""
import math
from array import array

import micropython
from micropython import const

try:
    ptr8
except NameError:       # CPython: viper's pointer types only need names there
    ptr8 = ptr16 = ptr32 = None

IN_SHIFT = const(6)             # input step 0.64 dB: +-127 steps hold +-81 dB around the mean
BIAS_OFFSET = const(0x20000000)  # biases are stored + 2**29: a ptr32 read is then positive on
#                                 any word size (x64 zero-extends, a board does not)
try:    # CPython only: numpy, same numbers (earmark/shims); it is told the offset, not importing us
    from cnn_host import convolutions
    _conv_at, _conv_input_at = convolutions(BIAS_OFFSET)
except ImportError:
    _conv_at = _conv_input_at = None


@micropython.viper
def _sum(frames: ptr16, n: int) -> int:
    # ptr16 reads unsigned: the sign of each centi-dB value is restored by hand
    total = 0
    for i in range(n):
        x = int(frames[i])
        if x > 32767:
            x -= 65536
        total += x
    return total


@micropython.viper
def _input(frames: ptr16, h: int, w: int, mean: int, dst: ptr8):
    """The window as int8 into the middle of an (h + 2, w + 2) map whose border is 0: the
    first layer's zero padding, so its 3x3 fields need no edge tests."""
    half = 1 << (IN_SHIFT - 1)
    pw = w + 2
    for i in range((h + 2) * pw):
        dst[i] = 0
    for r in range(h):
        for c in range(w):
            x = int(frames[r * w + c])
            if x > 32767:
                x -= 65536
            q = (x - mean + half) >> IN_SHIFT
            if q > 127:
                q = 127
            elif q < -127:
                q = -127
            dst[(r + 1) * pw + c + 1] = q & 0xff


# The convolutions take the buffers they hand on to this one as objects, not pointers: a viper
# call passes a pointer as an int object, and an address of 2**30 or more (a 32-bit host's heap)
# is a big int made in the heap, once for each output position.
@micropython.viper
def _requantise(best: ptr32, bias: ptr32, shift: ptr8, cout: int, dst: ptr8, at: int):
    # a rounding right shift per channel, then ReLU into dst[at:at + cout], 0..127
    for co in range(cout):
        k = int(shift[co])
        v = ((int(best[co]) - BIAS_OFFSET) + (int(bias[co]) - BIAS_OFFSET) + (1 << (k - 1))) >> k
        if v < 0:
            v = 0
        elif v > 127:
            v = 127
        dst[at + co] = v


@micropython.viper
def _conv_input(b: ptr8, acc: int, f0: int, src: ptr8, h: int, w: int, weights: ptr8, bias, shift,
                cout: int, pool: int, best, dst):
    """The first layer: _conv over the padded int8 input (one band per column), its 3x3 field
    held in nine locals and used by every channel; the general loop spent most of its time on
    runs of three bytes. The first three are working variables, passed as 0: see _conv."""
    top = ptr32(best)
    step = 1 + pool
    ow = w >> pool
    pw = w + 2
    for oy in range(h >> pool):
        for ox in range(ow):
            for dy in range(step):
                for dx in range(step):
                    a = ptr8(int(src) + (oy * step + dy) * pw + ox * step + dx)
                    f0 = (a[0] ^ 0x80) - 0x80
                    f1 = (a[1] ^ 0x80) - 0x80
                    f2 = (a[2] ^ 0x80) - 0x80
                    a = ptr8(int(a) + pw)
                    f3 = (a[0] ^ 0x80) - 0x80
                    f4 = (a[1] ^ 0x80) - 0x80
                    f5 = (a[2] ^ 0x80) - 0x80
                    a = ptr8(int(a) + pw)
                    f6 = (a[0] ^ 0x80) - 0x80
                    f7 = (a[1] ^ 0x80) - 0x80
                    f8 = (a[2] ^ 0x80) - 0x80
                    field = (f0 + f1 + f2 + f3 + f4 + f5 + f6 + f7 + f8) << 7
                    for co in range(cout):
                        b = ptr8(int(weights) + co * 9)
                        acc = (f0 * b[0] + f1 * b[1] + f2 * b[2] + f3 * b[3] + f4 * b[4]
                               + f5 * b[5] + f6 * b[6] + f7 * b[7] + f8 * b[8]
                               - field + BIAS_OFFSET)
                        if (dy == 0 and dx == 0) or acc > int(top[co]):
                            top[co] = acc
            _requantise(best, bias, shift, cout, dst, (oy * ow + ox) * cout)


@micropython.viper
def _conv(a: ptr8, b: ptr8, acc: int, src: ptr8, h: int, w: int, cin: int, weights: ptr8, bias,
          shift, cout: int, pool: int, best, dst):
    """3x3 'same' convolution of an (h, w, cin) map of 0..127 into (h, w, cout), or into
    (h // 2, w // 2, cout) taking the largest of each 2x2 block when `pool` is 1 (the shift and
    ReLU are monotonic, so the largest sum gives the largest output).

    Weights are stored plus 128 (viper reads bytes unsigned, and fixing the sign of each one
    cost a third of the time): sum(a * (w + 128)) - 128 * sum(a) is the sum wanted, and sum(a)
    over the 3x3 field is shared by every output channel. Channel-last maps make each row of the
    field one run of bytes in the map and in the weights; cin is a multiple of 8, so a row is
    3 x cin bytes inside the map (runs of 24 unrolled) and 2 x cin at its edges (runs of 8).

    a, b and acc, the inner loop's variables, are parameters (callers pass 0) because viper
    keeps a function's first locals in machine registers and parameters come first
    (py/emitnative.c): a quarter less time than with them on the stack."""
    top = ptr32(best)
    step = 1 + pool
    ow = w >> pool
    taps = 9 * cin
    for oy in range(h >> pool):
        for ox in range(ow):
            for dy in range(step):
                y = oy * step + dy
                y0 = y - 1 if y > 0 else 0
                y1 = y + 2 if y + 2 <= h else h
                for dx in range(step):
                    x = ox * step + dx
                    x0 = x - 1 if x > 0 else 0
                    x1 = x + 2 if x + 2 <= w else w
                    field = 0
                    yy = y0
                    while yy < y1:
                        p = (yy * w + x0) * cin
                        end = (yy * w + x1) * cin
                        while p < end:
                            a = ptr8(int(src) + p)
                            field += a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7]
                            p += 8
                        yy += 1
                    for co in range(cout):
                        acc = 0
                        yy = y0
                        while yy < y1:
                            p = (yy * w + x0) * cin
                            end = (yy * w + x1) * cin
                            q = co * taps + ((yy - y + 1) * 3 + x0 - x + 1) * cin
                            while p + 24 <= end:
                                a = ptr8(int(src) + p)
                                b = ptr8(int(weights) + q)
                                acc += (a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]
                                        + a[4] * b[4] + a[5] * b[5] + a[6] * b[6] + a[7] * b[7]
                                        + a[8] * b[8] + a[9] * b[9] + a[10] * b[10]
                                        + a[11] * b[11] + a[12] * b[12] + a[13] * b[13]
                                        + a[14] * b[14] + a[15] * b[15] + a[16] * b[16]
                                        + a[17] * b[17] + a[18] * b[18] + a[19] * b[19]
                                        + a[20] * b[20] + a[21] * b[21] + a[22] * b[22]
                                        + a[23] * b[23])
                                p += 24
                                q += 24
                            while p < end:
                                a = ptr8(int(src) + p)
                                b = ptr8(int(weights) + q)
                                acc += (a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]
                                        + a[4] * b[4] + a[5] * b[5] + a[6] * b[6] + a[7] * b[7])
                                p += 8
                                q += 8
                            yy += 1
                        # kept offset: a ptr32 read comes back unsigned on x64
                        acc = acc - (field << 7) + BIAS_OFFSET
                        if (dy == 0 and dx == 0) or acc > int(top[co]):
                            top[co] = acc
            _requantise(best, bias, shift, cout, dst, (oy * ow + ox) * cout)


@micropython.viper
def _mean(src: ptr8, positions: int, c: int, mul: int, dst: ptr8):
    """int8 embedding: each channel's sum over positions times mul >> 15 (mul is 2**15 times
    the scale to int8 over the position count; the product stays under 2**30)."""
    for ch in range(c):
        total = 0
        for p in range(positions):
            total += int(src[p * c + ch])
        v = (total * mul) >> 15
        dst[ch] = 127 if v > 127 else v


@micropython.viper
def _band_mean(src: ptr8, rows: int, bands: int, c: int, mul: int, dst: ptr8):
    """Each band's channels: their sum over rows times mul >> 15, into dst[band * c + ch]."""
    for b in range(bands):
        for ch in range(c):
            total = 0
            for r in range(rows):
                total += int(src[(r * bands + b) * c + ch])
            v = (total * mul) >> 15
            dst[b * c + ch] = 127 if v > 127 else v


@micropython.viper
def _dense(emb: ptr8, dim: int, weights: ptr8, bias: ptr32, n: int, out: ptr32):
    # weights plus 128, as in _conv
    total = 0
    for i in range(dim):
        total += int(emb[i])
    for j in range(n):
        acc = int(bias[j]) - (total << 7)
        base = j * dim
        for i in range(dim):
            acc += int(emb[i]) * int(weights[base + i])
        out[j] = acc


def _buffer(shared, size, make=bytearray):
    """`shared` where it holds `size` items, else make(size)."""
    return shared if shared is not None and len(shared) >= size else make(size)


class Net:
    """A net from its bundle description (model.json 'cnn') and weights file; run() fills an
    embedding, scores() turns one into label probabilities."""

    def __init__(self, spec, blob, window_frames, n_mels, n_labels, share=None):
        """`share`: a Net this one runs after, never beside (a pair's further nets): its
        working buffers are taken where they are large enough, not allocated again."""
        self.rows, self.cols = window_frames, n_mels
        at, cin, layout = 0, 1, []          # where each layer's weights start in the blob
        for cout in spec['channels']:
            if cout % 8:
                raise ValueError('cnn layers: %d channels, not a multiple of 8' % cout)
            layout.append((at, cin, cout))
            at, cin = at + 9 * cin * cout + 5 * cout, cout
        self.dim = cin          # the last layer's channels: the embedding
        rows, bands = window_frames, n_mels
        for _ in layout[:-1]:
            rows, bands = rows >> 1, bands >> 1
        self.head = spec.get('head', 'pooled')
        if self.head == 'bands':
            self.band_mul = spec['band_mul']
            self._bands = bytearray(bands * cin)
            self.head_inputs = bands * cin
        elif self.head == 'pooled':
            self.head_inputs = cin
        else:
            raise ValueError('cnn head %r: pooled or bands' % self.head)
        n_d = n_labels * self.head_inputs
        if len(blob) != at + n_d + 4 * n_labels:
            raise ValueError('cnn weights: %d bytes, the layers take %d' % (
                len(blob), at + n_d + 4 * n_labels))
        self.dense = (blob[at:at + n_d], array('I', bytes(blob[at + n_d:])))
        self.layers = []
        h, w = window_frames, n_mels
        sizes = [(h + 2) * (w + 2), 0]  # the padded input and every other layer's output take
#                                         turns in two buffers
        for i, (at, cin, cout) in enumerate(layout):
            n_w = 9 * cin * cout
            pool = 0 if i == len(layout) - 1 else 1
            shift = blob[at + n_w + 4 * cout:at + n_w + 5 * cout]
            for k in shift:
                if not 1 <= k <= 30:
                    raise ValueError('cnn layer %d: shift %d outside 1..30' % (i, k))
            self.layers.append((cin, blob[at:at + n_w],
                                array('I', bytes(blob[at + n_w:at + n_w + 4 * cout])), shift,
                                cout, pool))
            h, w = h >> pool, w >> pool
            sizes[(i + 1) & 1] = max(sizes[(i + 1) & 1], h * w * cout)
        self.positions = h * w
        self.mean_mul = spec['mean_mul']
        self.logit_scale = spec['logit_scale']
        self.n_labels = n_labels
        self._a = _buffer(share and share._a, sizes[0])
        self._b = _buffer(share and share._b, sizes[1])
        self._logits = array('I', bytes(4 * n_labels))
        self._best = _buffer(share and share._best, max(spec['channels']),
                             lambda n: array('I', bytes(4 * n)))
        self.level = 0      # the last window's mean, centi-dB

    def run(self, frames, emb):
        """The window's int8 embedding into `emb` (a bytearray or array('b') of dim)."""
        if len(frames) != self.rows * self.cols:
            raise ValueError('a window is %d frames of %d bands' % (self.rows, self.cols))
        src, dst = self._a, self._b
        n = len(frames)
        h, w = self.rows, self.cols
        self.level = _sum(frames, n) // n   # floor, as numpy's on the host
        _input(frames, h, w, self.level, src)
        for i, (cin, weights, bias, shift, cout, pool) in enumerate(self.layers):
            if _conv_at:
                if i == 0:
                    _conv_input_at(src, h, w, weights, bias, shift, cout, pool, self._best, dst)
                else:
                    _conv_at(src, h, w, cin, weights, bias, shift, cout, pool, self._best, dst)
            elif i == 0:
                _conv_input(0, 0, 0, src, h, w, weights, bias, shift, cout, pool, self._best,
                            dst)
            else:
                _conv(0, 0, 0, src, h, w, cin, weights, bias, shift, cout, pool, self._best, dst)
            src, dst = dst, src
            h, w = h >> pool, w >> pool
        _mean(src, self.positions, self.dim, self.mean_mul, emb)
        if self.head == 'bands':
            _band_mean(src, h, w, self.dim, self.band_mul, self._bands)
        return emb

    def scores(self, emb, out):
        """Softmax over the labels into `out` (a list or array('f') of n_labels); a 'bands'
        head reads the bands of the window run() was last given, not `emb`."""
        weights, bias = self.dense
        head = self._bands if self.head == 'bands' else emb
        _dense(head, self.head_inputs, weights, bias, self.n_labels, self._logits)
        logits = self._logits     # all offset alike: compared and subtracted as they are
        top = logits[0]
        for j in range(1, self.n_labels):
            if logits[j] > top:
                top = logits[j]
        total = 0.0
        for j in range(self.n_labels):
            e = math.exp((logits[j] - top) * self.logit_scale)
            out[j] = e
            total += e
        total = 1.0 / total
        for j in range(self.n_labels):
            out[j] *= total
        return out
