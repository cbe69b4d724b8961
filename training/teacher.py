"""The teacher: Google's YAMNet (AudioSet, 521 classes, TFLite) run on the host, one frame for
every device window, so the device's small model can learn from it. The appliance never runs it.

A device window is WINDOW_SAMPLES (16,128) samples starting at frame s * HOP; the teacher hears
the 15,600 samples (its 0.975 s frame) centred in it. For each window it gives the 521 AudioSet
scores and the 1,024-d embedding (the global average pooling before YAMNet's last layer, read with
`experimental_preserve_all_tensors`).

The weights are a file the user supplies (`--teacher PATH`, else EARMARK_TEACHER, else the
development copy in ../shared/models/yamnet/); its sha256 must be the one below, since the two
TFLite runtimes, or another conversion, move a score by up to 0.07. Results are cached on disk,
keyed by the audio's bytes and the teacher's hash, so retraining computes nothing twice.
"""
import csv
import hashlib
import os
import warnings
from pathlib import Path

import numpy as np

from earmark import ROOT
from .features import HOP, N_FFT
from .windows import WINDOW_SAMPLES, starts

ENV = 'EARMARK_TEACHER'
CACHE_ENV = 'EARMARK_TEACHER_CACHE'
DEVELOPMENT_COPY = ROOT.parent / 'shared' / 'models' / 'yamnet' / 'yamnet.tflite'
SHA256 = '469be6a3421cbc52cf97e9f2f966cba984198e8e7af9854d68b3e3ebb1e04194'
WHERE = ('YAMNet as TFLite (Apache-2.0, tensorflow/models research/audioset/yamnet; the file '
         'checked here is the conversion in github.com/Jaskaran197/Speaker-Detector at commit '
         '4ec29b6, yamnet.tflite, 4,078,224 bytes)')
FRAME = 15600                              # samples YAMNet hears per call
OFFSET = (WINDOW_SAMPLES - FRAME) // 2     # where that frame sits in a device window
EMBEDDING = 'global_average_pooling2d/Mean'
VERSION = b'earmark-teacher-1'             # alignment and cache layout: bump when they change


class TeacherError(ValueError):
    """The teacher file is missing, unreadable or not the expected one."""


def locate(path=None):
    """The teacher file: `path`, else EARMARK_TEACHER, else the development copy."""
    chosen = Path(path or os.environ.get(ENV) or DEVELOPMENT_COPY)
    if not chosen.is_file():
        raise TeacherError('teacher: %s does not exist; get %s and pass --teacher PATH or set %s'
                           % (chosen, WHERE, ENV))
    return chosen


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def window_frames(pcm):
    """(n, FRAME) float32 teacher frames for the device windows of int16 `pcm` (padded as the
    device pads a short sound)."""
    pcm = np.asarray(pcm, np.int16)
    if len(pcm) < WINDOW_SAMPLES:
        pcm = np.concatenate([pcm, np.zeros(WINDOW_SAMPLES - len(pcm), np.int16)])
    n_frames = 1 + (len(pcm) - N_FFT) // HOP      # as features.logmel_frames makes them
    at = np.asarray(starts(n_frames)) * HOP + OFFSET
    idx = at[:, None] + np.arange(FRAME)
    return (pcm[idx].astype(np.float32) / 32768.0) if len(at) else np.zeros((0, FRAME), np.float32)


class Teacher:
    """YAMNet on the host: `outputs(pcm)` gives (scores (n, 521), embeddings (n, 1024)) for the
    device windows of a sound, from the cache when it has them."""

    def __init__(self, path=None, cache=None, threads=1):
        self.path = locate(path)
        self.sha256 = file_sha256(self.path)
        if self.sha256 != SHA256:
            raise TeacherError('teacher: %s has sha256 %s, expected %s: not the file Earmark '
                               'was built with; get %s' % (self.path, self.sha256, SHA256, WHERE))
        self.cache = Path(cache or os.environ.get(CACHE_ENV) or ROOT / 'build' / 'teacher-cache')
        self.threads = threads
        self.computed = 0          # windows run through the network (not from the cache)
        self._it = None

    def _interpreter(self):
        if self._it is None:
            try:
                from ai_edge_litert.interpreter import Interpreter
            except ImportError:
                raise TeacherError('teacher: the TFLite runtime is missing: pip install '
                                   "'earmark[train]' (ai-edge-litert)") from None
            with warnings.catch_warnings():
                # Keeping every tensor is how the embedding is read (it is not an output); the
                # runtime warns that this is for debugging.
                warnings.filterwarnings('ignore', message='.*experimental_preserve_all_tensors')
                it = Interpreter(model_path=str(self.path), num_threads=self.threads,
                                 experimental_preserve_all_tensors=True)
            it.allocate_tensors()
            self._in = it.get_input_details()[0]['index']
            self._out = it.get_output_details()[0]['index']
            found = [d['index'] for d in it.get_tensor_details()
                     if d['name'].endswith(EMBEDDING)]
            if not found:
                raise TeacherError('teacher: %s has no %s tensor' % (self.path, EMBEDDING))
            self._emb = found[0]
            self._it = it
        return self._it

    def run(self, frames):
        """(scores (n, 521), embeddings (n, 1024)) float32 of teacher frames (n, FRAME)."""
        it = self._interpreter()
        scores = np.zeros((len(frames), 521), np.float32)
        embs = np.zeros((len(frames), 1024), np.float32)
        for i, frame in enumerate(frames):
            it.set_tensor(self._in, frame[None])
            it.invoke()
            scores[i] = it.get_tensor(self._out)[0]
            embs[i] = it.get_tensor(self._emb)[0]
        self.computed += len(frames)
        return scores, embs

    def class_names(self):
        """The AudioSet class names of the scores' columns, from the class map beside the file
        (yamnet_class_map.csv, as the model's README gives it)."""
        path = self.path.parent / 'yamnet_class_map.csv'
        try:
            with open(path, newline='') as f:
                names = [row['display_name'].strip() for row in csv.DictReader(f)]
        except (OSError, KeyError) as exc:
            raise TeacherError('teacher: %s: no class map beside the model (%s)'
                               % (path, exc)) from None
        if len(names) != 521:
            raise TeacherError('teacher: %s names %d classes, the model scores 521'
                               % (path, len(names)))
        return names

    def key(self, pcm):
        h = hashlib.sha256(VERSION)
        h.update(self.sha256.encode())
        h.update(np.ascontiguousarray(pcm, np.int16).tobytes())
        return h.hexdigest()

    def outputs(self, pcm):
        """(scores, embeddings) of every device window of int16 `pcm`, cached."""
        key = self.key(pcm)
        path = self.cache / key[:2] / (key + '.npz')
        if path.is_file():
            with np.load(path) as saved:
                return saved['scores'].astype(np.float32), saved['embeddings'].astype(np.float32)
        scores, embs = self.run(window_frames(pcm))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix('.tmp.npz')
        # Kept as float16 (within half a per mille of each value); a fresh answer is rounded the
        # same way, so the first run and every later one see the same numbers.
        scores, embs = scores.astype(np.float16), embs.astype(np.float16)
        np.savez(tmp, scores=scores, embeddings=embs)
        os.replace(tmp, path)   # a run stopped half-way leaves no torn entry
        return scores.astype(np.float32), embs.astype(np.float32)
