"""Log-mel frames for training, computed by the device's own front end: the C core's CPython
extension `logmel` (native/logmel, built by every `pip install` of this package), so training
sees exactly the device's numbers. `config()` is the configuration every bundle records and the
device checks before it runs one (device/classifier.py, check_frontend).
"""
from array import array

import logmel
import numpy as np

SAMPLE_RATE = 16000
N_FFT = 512
HOP = 256
N_MELS = 40
FMIN = 0.0
FMAX = 8000.0

IMPLEMENTATION = 'logmel (front end CPython extension)'   # recorded in every bundle


def config():
    """The front-end configuration a model is trained for (stored in every bundle)."""
    return {'sample_rate': SAMPLE_RATE, 'n_fft': N_FFT, 'hop': HOP, 'n_mels': N_MELS,
            'fmin': FMIN, 'fmax': FMAX, 'htk': False, 'norm': 'slaney', 'window': 'hann-periodic',
            'center': False, 'power': 2.0, 'amin': 1e-10, 'units': 'centi-dB int16'}


def logmel_frames(pcm):
    """int16 PCM (16 kHz mono) -> (n_frames, N_MELS) int16 centi-dB, frame i = samples
    [i*HOP, i*HOP + N_FFT)."""
    pcm = np.ascontiguousarray(pcm, dtype=np.int16)
    front = logmel.LogMel(sample_rate=SAMPLE_RATE, n_fft=N_FFT, hop=HOP, n_mels=N_MELS,
                          fmin=FMIN, fmax=FMAX, htk=False, norm='slaney')
    out = array('h', bytes(2 * N_MELS))
    rows = []
    step = HOP * 4    # fewer frames per push than the front end's queue holds (max_frames 8)
    for start in range(0, len(pcm), step):
        front.push(array('h', pcm[start:start + step].tobytes()))
        while front.pop(out):
            rows.append(np.frombuffer(out, dtype=np.int16).copy())
    return np.array(rows, dtype=np.int16).reshape(-1, N_MELS)
