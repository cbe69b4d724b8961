"""Log-mel frames for training, computed exactly as the device computes them (CONTRACTS.md).

All feature computation on the host goes through `logmel_frames`. It uses the front end's CPython
extension `logmel` when that is importable, so training sees the device's own numbers. Until the
extension lands, it falls back to a librosa REFERENCE implementation of the same contracted
configuration (center=False, periodic Hann, Slaney mel with Slaney norm, power 2, 10*log10 with
amin 1e-10, int16 / 32768, centi-dB rounded and saturated); `IMPLEMENTATION` says which one ran.
"""
from array import array

import numpy as np

SAMPLE_RATE = 16000
N_FFT = 512
HOP = 256
N_MELS = 40
FMIN = 0.0
FMAX = 8000.0

try:
    import logmel
    IMPLEMENTATION = 'logmel (front end CPython extension)'
except ImportError:
    logmel = None
    IMPLEMENTATION = 'librosa reference (fallback until the logmel extension is installed)'

_MEL_BASIS = None


def config():
    """The front-end configuration a model is trained for (stored in every bundle)."""
    return {'sample_rate': SAMPLE_RATE, 'n_fft': N_FFT, 'hop': HOP, 'n_mels': N_MELS,
            'fmin': FMIN, 'fmax': FMAX, 'htk': False, 'norm': 'slaney', 'window': 'hann-periodic',
            'center': False, 'power': 2.0, 'amin': 1e-10, 'units': 'centi-dB int16'}


def _extension_frames(pcm):
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


def _librosa_frames(pcm):
    # REFERENCE path, used only until the logmel extension is importable.
    global _MEL_BASIS
    import librosa
    if _MEL_BASIS is None:
        _MEL_BASIS = librosa.filters.mel(sr=SAMPLE_RATE, n_fft=N_FFT, n_mels=N_MELS, fmin=FMIN,
                                         fmax=FMAX, htk=False, norm='slaney')
    if len(pcm) < N_FFT:
        return np.zeros((0, N_MELS), dtype=np.int16)
    y = pcm.astype(np.float32) / 32768.0
    power = np.abs(librosa.stft(y, n_fft=N_FFT, hop_length=HOP, window='hann',
                                center=False)) ** 2
    db = librosa.power_to_db(_MEL_BASIS @ power, ref=1.0, amin=1e-10, top_db=None)
    return np.clip(np.round(db.T * 100.0), -32768, 32767).astype(np.int16)


def logmel_frames(pcm):
    """int16 PCM (16 kHz mono) -> (n_frames, N_MELS) int16 centi-dB, frame i = samples
    [i*HOP, i*HOP + N_FFT)."""
    pcm = np.ascontiguousarray(pcm, dtype=np.int16)
    if logmel is not None:
        return _extension_frames(pcm)
    return _librosa_frames(pcm)
