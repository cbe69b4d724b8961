"""Plain-Python twins of device/cnn.py's two convolutions, for a MicroPython with no viper
emitter (the browser's WebAssembly port). cnn.py takes `convolutions(BIAS_OFFSET)` (`conv` and
`conv_input`) from a module of this name when one is importable (on a computer's CPython it is
earmark/shims' numpy one), so the net's other steps run as the device runs them. Same arguments
(less the viper kernels' three leading working variables), same bytes out: the sums are
integers, so every port gives the same embedding.

Plain bytecode has no fast loop over bytes, so the work is cut two ways: the maps after the first
layer are ReLU outputs, mostly 0, so each non-zero input adds its share into the outputs it touches
(scatter) instead of every output gathering its 3x3xcin field; and an output's channels are packed
into one big integer (LANE bits each), so one multiply-add serves them all. 5x faster than the
gather loop in the WebAssembly port. Only the browser's port loads this folder (earmark/labsite.py):
on a computer's MicroPython cnn.py keeps its viper kernels.
"""
from array import array

BIAS_OFFSET = 0x20000000   # cnn.BIAS_OFFSET, which convolutions() is given


LANE = 32   # bits of a packed channel sum: 127 * 255 * 9 taps * 32 channels < 2**24


def _packed_rows(weights, cout, taps):
    """The weights (stored plus 128, so 0..255) of each tap for every output channel, packed
    into one integer, channel co in bits [LANE*co, LANE*co + LANE): one multiply-add then adds
    an input's share to all of an output's channels at once."""
    rows = []
    for t in range(taps):
        v = 0
        for co in range(cout - 1, -1, -1):
            v = (v << LANE) | weights[co * taps + t]
        rows.append(v)
    return rows


_ROWS = {}   # (id of a layer's weights, its size) -> its packed rows, made once per layer


def _rows(weights, cout, taps):
    key = (id(weights), cout, taps)
    rows = _ROWS.get(key)
    if rows is None:
        rows = _ROWS[key] = _packed_rows(weights, cout, taps)
    return rows


def _unpack(packed, field, cout, sums, sign):
    """Adds sign * each packed channel sum, less 128 times its field's input sum (the weights'
    offset), into sums[pos * cout + co]."""
    for pos in range(len(packed)):
        lanes = array('I', packed[pos].to_bytes(4 * cout, 'little'))
        off = 128 * field[pos]
        at = pos * cout
        for co in range(cout):
            sums[at + co] += sign * (lanes[co] - off)


def _pool_out(sums, h, w, bias, shift, cout, pool, dst):
    """2x2 max pooling of the sums when `pool`, then cnn.py's rounding shift and ReLU."""
    oh, ow = (h >> 1, w >> 1) if pool else (h, w)
    for oy in range(oh):
        for ox in range(ow):
            out = (oy * ow + ox) * cout
            for co in range(cout):
                if pool:
                    a = ((2 * oy) * w + 2 * ox) * cout + co
                    b = a + w * cout
                    best = max(sums[a], sums[a + cout], sums[b], sums[b + cout])
                else:
                    best = sums[out + co]
                k = shift[co]
                v = (best + (bias[co] - BIAS_OFFSET) + (1 << (k - 1))) >> k
                dst[out + co] = 0 if v < 0 else (127 if v > 127 else v)


def _scatter(values, h, w, cin, rows, packed, field):
    """Adds the 3x3 'same' convolution of `values` (an (h, w, cin) map, row-major, of
    non-negative ints) into packed[pos] and each output's input sum into field[pos]."""
    i = 0
    for y in range(h):
        for x in range(w):
            for ci in range(cin):
                a = values[i]
                i += 1
                if not a:
                    continue
                # this input feeds output (y - dy + 1, x - dx + 1) through tap (dy, dx)
                for dy in range(3):
                    oy = y - dy + 1
                    if oy < 0 or oy >= h:
                        continue
                    for dx in range(3):
                        ox = x - dx + 1
                        if ox < 0 or ox >= w:
                            continue
                        pos = oy * w + ox
                        packed[pos] += a * rows[(dy * 3 + dx) * cin + ci]
                        field[pos] += a


def conv(src, h, w, cin, weights, bias, shift, cout, pool, best, dst):
    """device/cnn.py's _conv: an (h, w, cin) map of 0..127, channel-last."""
    n = h * w
    packed, field = [0] * n, [0] * n
    _scatter(src, h, w, cin, _rows(weights, cout, 9 * cin), packed, field)
    sums = array('i', bytes(4 * n * cout))
    _unpack(packed, field, cout, sums, 1)
    _pool_out(sums, h, w, bias, shift, cout, pool, dst)


def conv_input(src, h, w, weights, bias, shift, cout, pool, best, dst):
    """device/cnn.py's _conv_input: int8 bytes inside a one-cell zero border. Positive and
    negative inputs are summed apart (a packed sum has no room for a negative lane)."""
    n = h * w
    pw = w + 2
    plus, minus = bytearray(n), bytearray(n)
    for y in range(h):
        for x in range(w):
            v = src[(y + 1) * pw + x + 1]
            if v > 127:
                minus[y * w + x] = 256 - v
            else:
                plus[y * w + x] = v
    rows = _rows(weights, cout, 9)
    sums = array('i', bytes(4 * n * cout))
    for values, sign in ((plus, 1), (minus, -1)):
        packed, field = [0] * n, [0] * n
        _scatter(values, h, w, 1, rows, packed, field)
        _unpack(packed, field, cout, sums, sign)
    _pool_out(sums, h, w, bias, shift, cout, pool, dst)


def convolutions(bias_offset):
    """(conv, conv_input), as cnn.py asks its twin for them: biases are stored + bias_offset."""
    global BIAS_OFFSET
    BIAS_OFFSET = bias_offset
    return conv, conv_input
