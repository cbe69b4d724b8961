"""CPython stand-in for device/cnn.py's convolution, on the path only when device code runs in
CPython: the same integer arithmetic with numpy, because the viper loops run as plain Python
there and would not keep up with a microphone. training/cnn.py's reference uses `layer` too, so
the host holds one copy of the net's arithmetic, and the device's viper copy is tested against it
(tests/test_cnn.py runs it in micropython)."""
import numpy as np


def layer(x, wq, bq, shift, pool):
    """(n, h, w, cin) int maps -> (n, h', w', cout) maps of 0..127: 3x3 zero-padded convolution
    with weights wq (3, 3, cin, cout), bias bq (cout,), a rounding right shift per channel and
    ReLU, after 2x2 max pooling of the sums when `pool`."""
    n, h, w, _ = x.shape
    pad = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    acc = np.zeros((n, h, w, wq.shape[3]), np.int64)
    for ky in range(3):
        for kx in range(3):
            acc += pad[:, ky:ky + h, kx:kx + w, :] @ wq[ky, kx]
    if pool:
        oh, ow = h // 2, w // 2
        acc = acc[:, :2 * oh, :2 * ow].reshape(n, oh, 2, ow, 2, -1).max(axis=(2, 4))
    return np.clip((acc + bq + (1 << (shift - 1))) >> shift, 0, 127)


def convolutions(bias_offset):
    """(conv, conv_input): device/cnn.py's _conv and _conv_input, same bytes out from the same
    arguments (less the viper kernels' three leading working variables),
    for biases stored + `bias_offset` (cnn.BIAS_OFFSET: cnn.py passes it, so this module
    imports nothing of the device's)."""
    def conv(src, h, w, cin, weights, bias, shift, cout, pool, best, dst, signed=False):
        x = np.frombuffer(src, np.int8 if signed else np.uint8, h * w * cin).astype(np.int64)
        wq = np.frombuffer(weights, np.uint8, cout * 9 * cin).astype(np.int64) - 128
        out = layer(x.reshape(1, h, w, cin), wq.reshape(cout, 3, 3, cin).transpose(1, 2, 3, 0),
                    np.frombuffer(bias, np.uint32, cout).astype(np.int64) - bias_offset,
                    np.frombuffer(shift, np.uint8, cout).astype(np.int64), pool)
        dst[:out.size] = out.astype(np.uint8).tobytes()

    def conv_input(src, h, w, weights, bias, shift, cout, pool, best, dst):
        # the int8 input sits inside a one-cell zero border
        x = np.frombuffer(src, np.int8, (h + 2) * (w + 2)).reshape(h + 2, w + 2)[1:-1, 1:-1]
        conv(x.tobytes(), h, w, 1, weights, bias, shift, cout, pool, best, dst, signed=True)

    return conv, conv_input
