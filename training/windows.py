"""Clips -> overlapping ~1 s windows of log-mel frames -> int16 summary features per window.

A window is labelled only where its event is actually sounding: ESC-50 clips carry silence and
room tone between barks or knocks, and those windows are left out of training and scoring.
"""
from array import array

import numpy as np
from tqdm import tqdm

from earmark.bridge import device_module as module
from .features import HOP, N_FFT, N_MELS, logmel_frames

WINDOW_FRAMES = 62          # 62 frames * 16 ms hop + the FFT = 1.008 s
HOP_FRAMES = 31             # half a window
WINDOW_SAMPLES = (WINDOW_FRAMES - 1) * HOP + N_FFT
SILENCE = -9500             # centi-dB mean over bands: digital silence (padding) sits at -10000
ACTIVE_DB = 1500            # a frame is sounding within 15 dB of the clip's loud frames
ACTIVE_FRAMES = 6           # ~0.1 s of sound makes a window count (a knock is short)
AMBIENT = ('background',)   # classes whose sound is the ambience itself


def frames_of(pcm):
    if len(pcm) < WINDOW_SAMPLES:   # a short word: pad to one window (silence, as on the device)
        pcm = np.concatenate([pcm, np.zeros(WINDOW_SAMPLES - len(pcm), np.int16)])
    return logmel_frames(pcm)


def starts(n_frames):
    return list(range(0, n_frames - WINDOW_FRAMES + 1, HOP_FRAMES))


def sounding(frames, label):
    """Per window: is the clip's event sounding in it?"""
    loud = frames.mean(axis=1)
    live = loud > SILENCE
    if label not in AMBIENT and live.any():
        live &= loud >= np.percentile(loud[live], 95) - ACTIVE_DB
    return np.array([live[s:s + WINDOW_FRAMES].sum() >= ACTIVE_FRAMES
                     for s in starts(len(frames))], dtype=bool)


def summaries(frames, window_starts):
    """(n, n_features) int16 features of the windows starting at those frames: the device's
    classifier.summarise, vectorised (integer arithmetic step for step, so the numbers are the
    same; tests/test_model.py holds it to that). Training summarises ~100k windows, which the
    device's loops would take half an hour over in CPython."""
    classifier = module('classifier')
    n_mels, k = N_MELS, classifier.CEPSTRA
    out = np.zeros((len(window_starts), classifier.n_features(n_mels)), np.int16)
    if not len(window_starts):
        return out
    idx = np.asarray(window_starts)[:, None] + np.arange(WINDOW_FRAMES)
    w = frames[idx].astype(np.int64)                          # (windows, time, bands)
    n = WINDOW_FRAMES
    sat = lambda x: np.clip(x, -32768, 32767)
    mean = w.sum(1) // n
    level = mean.sum(1, keepdims=True) // n_mels
    out[:, :n_mels] = sat(mean - level)
    out[:, n_mels:2 * n_mels] = sat(w.max(1) - mean)
    basis = np.frombuffer(classifier.dct_basis(n_mels), np.int8).reshape(k, n_mels)
    cep = sat((w @ basis.T.astype(np.int64)) >> classifier.CEP_SHIFT)   # (windows, time, k)
    m = cep.sum(1) // n
    at = 2 * n_mels
    out[:, at:at + k] = sat(m)
    out[:, at + k:at + 2 * k] = sat(np.abs(cep - m[:, None]).sum(1) // n)
    out[:, at + 2 * k:at + 3 * k] = sat(np.abs(np.diff(cep, axis=1)).sum(1) // (n - 1))
    at += 3 * k
    out[:, at] = level[:, 0]
    loud = w.sum(2) // n_mels                                  # (windows, time)
    hi, lo = loud.max(1), loud.min(1)
    lm = loud.sum(1) // n
    step = np.diff(loud, axis=1)
    out[:, at + 1] = hi
    out[:, at + 2] = lo
    out[:, at + 3] = sat(np.abs(loud - lm[:, None]).sum(1) // n)
    out[:, at + 4] = sat(np.abs(step).sum(1) // (n - 1))
    out[:, at + 5] = sat(np.maximum(step.max(1), 0))
    out[:, at + 6] = (loud >= (hi - classifier.NEAR_MAX)[:, None]).sum(1)
    return out


def patches(frames, window_starts):
    """(n, WINDOW_FRAMES, N_MELS) int16: the frames of each window, as the device's window
    buffer holds them (what the convolutional net sees)."""
    if not len(window_starts):
        return np.zeros((0, WINDOW_FRAMES, N_MELS), np.int16)
    idx = np.asarray(window_starts)[:, None] + np.arange(WINDOW_FRAMES)
    return np.ascontiguousarray(frames[idx], dtype=np.int16)


def summarise(P):
    """summaries() of windows already cut (n, WINDOW_FRAMES, N_MELS)."""
    return summaries(P.reshape(-1, P.shape[-1]), range(0, len(P) * WINDOW_FRAMES, WINDOW_FRAMES))


def clip_windows(pcm, label=None, clean=None):
    """(windows (n, WINDOW_FRAMES, N_MELS) int16, sounding (n,) bool) of one clip; `clean` (the
    event alone, when the clip is a mix) decides where it sounds."""
    frames = frames_of(pcm)
    live = sounding(frames if clean is None else frames_of(clean), label)
    return patches(frames, starts(len(frames))), live


_CACHE = {}   # real clips' windows, reused by every fold of a cross-validation


def _cached(clip):
    if clip.augmented:
        return clip_windows(clip.pcm, clip.label, clip.clean)
    key = (clip.path, clip.label, len(clip.pcm))
    if key not in _CACHE:
        _CACHE[key] = clip_windows(clip.pcm, clip.label)
    return _CACHE[key]


class Windows:
    """Every sounding window of a set of clips (P: frames, X: their summary features, made when
    first asked for), with the clip each came from; `live` holds each clip's sounding mask over
    all its windows."""

    def __init__(self, clips, labels, desc='windows'):
        self.clips = clips
        P, y, clip_index, self.live = [], [], [], []
        for i, clip in enumerate(tqdm(clips, desc=desc, unit='clip', leave=False)):
            windows, live = _cached(clip)
            self.live.append(live)
            P.append(windows[live])
            y += [labels.index(clip.label if clip.label in labels else 'other')] * int(live.sum())
            clip_index += [i] * int(live.sum())
        self.P = np.concatenate(P) if P else np.zeros((0, WINDOW_FRAMES, N_MELS), np.int16)
        self.y = np.array(y, dtype=int)
        self.clip = np.array(clip_index, dtype=int)
        self._X = None

    @property
    def X(self):
        if self._X is None:
            self._X = summarise(self.P)
        return self._X

    def field(self, name):
        return np.array([getattr(self.clips[i], name) for i in self.clip])
