"""Scene windows for training and the event threshold chosen on scenes (training/mixes.py)."""
import numpy as np
import pytest

from training import data, mixes
from training.mixes import Mixes, choose_threshold, scene_windows, window_label
from training.features import N_MELS
from training.windows import HOP_FRAMES, WINDOW_FRAMES

from test_model import FOLDERS, LABELS, need_data

FRAME_S = 256 / 16000


def test_a_window_takes_the_label_of_the_event_most_inside_it():
    knock = (1.0, 1.3, 'door_knock')
    bark = (1.5, 4.0, 'dog_bark')
    at = lambda seconds: int(round(seconds / FRAME_S))
    assert window_label(at(10.0), [knock, bark]) == 'background'
    assert window_label(at(0.6), [knock, bark]) == 'door_knock'     # all 0.3 s of it inside
    assert window_label(at(1.2), [knock, bark]) == 'dog_bark'       # 0.1 s knock, 0.7 s bark
    assert window_label(at(0.0), [(0.95, 3.0, 'siren')]) is None    # grazed: left out
    # A short event counts when half of it is inside (a 0.2 s knock, 0.1 s in the window).
    assert window_label(at(0.0), [(0.90, 1.10, 'door_knock')]) == 'door_knock'


def test_scene_windows_are_labelled_from_the_clips_given_and_reproducible(monkeypatch):
    need_data()
    monkeypatch.setattr(Mixes, 'SCENES', 2)
    monkeypatch.setattr(Mixes, 'MINUTES', 0.5)
    clips = [c for c in data.load(FOLDERS) if c.fold == 'esc50-fold1']
    X, y, _ = scene_windows(clips, LABELS, seed=5)
    X2, y2, _ = scene_windows(clips, LABELS, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert X.dtype == np.int16 and X.shape == (len(y), WINDOW_FRAMES, N_MELS)
    found = {LABELS[i] for i in y}
    assert 'background' in found and len(found - {'background', 'other'}) >= 3
    assert 'doorbell' not in found     # fold 1 has no doorbell: nothing comes from elsewhere
    # No background clip, no bed: no scene windows rather than made-up ones.
    X, y, _ = scene_windows([c for c in clips if c.label != 'background'], LABELS, seed=5)
    assert len(X) == len(y) == 0


def oracle(marks, n_windows, labels):
    """Window scores that know the truth: 1 for the label of what sounds in the window."""
    S = np.zeros((n_windows, len(labels)))
    for w in range(n_windows):
        label = window_label(w * HOP_FRAMES, marks) or 'background'
        S[w, labels.index(label)] = 1.0
    return S


def test_choose_threshold_runs_the_device_segmenter_and_sed_eval():
    rng = np.random.default_rng(0)
    seconds = 120
    n_frames = int(seconds / FRAME_S)
    energy = list(rng.integers(-5200, -4800, n_frames))
    truth, t = [], 3.0
    for label in ['dog_bark', 'siren', 'speech', 'car_horn'] * 4:
        onset, offset = t, t + 1.5
        truth.append((onset, offset, label))
        for f in range(int(onset / FRAME_S), int(offset / FRAME_S)):
            energy[f] = -2500      # 25 dB over the bed
        t = offset + 5.0
    n_windows = (n_frames - WINDOW_FRAMES) // HOP_FRAMES + 1
    scored = [('oracle', oracle(truth, n_windows, LABELS), energy, truth)]
    threshold, result = choose_threshold(scored, LABELS)
    assert threshold in Mixes.EVENT_GRID
    assert result['event_f1_1s'] >= 0.9 and result['segment_f1_1s'] >= 0.9, result
    silent = [('deaf', np.zeros((n_windows, len(LABELS))), energy, truth)]
    _, result = choose_threshold(silent, LABELS)
    assert result['event_recall_1s'] == 0.0 and not result['event_f1_1s']
