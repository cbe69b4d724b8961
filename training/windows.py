"""Clips -> overlapping ~1 s windows of log-mel frames -> int16 summary features per window.

A window is labelled only where its event is actually sounding: ESC-50 clips carry silence and
room tone between barks or knocks, and those windows are left out of training and scoring.
"""
from array import array

import numpy as np
from tqdm import tqdm

from .device import module
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


def clip_features(pcm, label=None, clean=None):
    """(features (n_windows, n_features) int16, sounding (n_windows,) bool) for one clip;
    `clean` (the event alone, when the clip is a mix) decides where it sounds."""
    summarise = module('classifier').summarise
    frames = frames_of(pcm)
    rows = [np.frombuffer(summarise(array('h', frames[s:s + WINDOW_FRAMES].tobytes()), N_MELS),
                          dtype=np.int16) for s in starts(len(frames))]
    live = sounding(frames if clean is None else frames_of(clean), label)
    return np.array(rows, dtype=np.int16), live


_CACHE = {}   # real clips' features, reused by every fold of a cross-validation


def _cached(clip):
    if clip.augmented:
        return clip_features(clip.pcm, clip.label, clip.clean)
    key = (clip.path, clip.label, len(clip.pcm))
    if key not in _CACHE:
        _CACHE[key] = clip_features(clip.pcm, clip.label)
    return _CACHE[key]


class Windows:
    """Every sounding window of a set of clips, with the clip each came from."""

    def __init__(self, clips, labels, desc='windows'):
        self.clips = clips
        X, y, clip_index = [], [], []
        for i, clip in enumerate(tqdm(clips, desc=desc, unit='clip', leave=False)):
            feats, live = _cached(clip)
            X.append(feats[live])
            y += [labels.index(clip.label if clip.label in labels else 'other')] * int(live.sum())
            clip_index += [i] * int(live.sum())
        self.X = np.concatenate(X) if X else np.zeros((0, 0), np.int16)
        self.y = np.array(y, dtype=int)
        self.clip = np.array(clip_index, dtype=int)

    def field(self, name):
        return np.array([getattr(self.clips[i], name) for i in self.clip])
