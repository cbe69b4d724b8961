"""The second opinion: the teacher (YAMNet, training/teacher.py) with our label head
(training/distil.py Head) on each clip the hub pulls, its label and confidence kept beside the
device's (`second_label`, `second_confidence`). The code is the training code's, imported.

    [second]                          # in hub.toml
    data = ["../shared/data/train", "../shared/data/other", "../shared/data/negatives"]
    teacher = "yamnet.tflite"         # optional: else EARMARK_TEACHER, else the development copy
    overrule = false                  # true: the events view shows the second label as `label`

The head is fitted once on the labelled clips in `data` (fold-grouped C, distil.Distil.C) and
kept beside the teacher's cache under the data's and the teacher's hashes. A clip is
resampled to 16 kHz (soxr), its sounding windows found as training finds them, and the head's
probabilities averaged over them. experiments/hub_second_opinion.py measures what the device's
8 kHz ADPCM clips cost.
"""
import io
import pickle

import numpy as np


class SecondOpinion:
    def __init__(self, data_dirs, teacher_path=None):
        from training import data, distil, model, teacher, windows
        self.teacher = teacher.Teacher(teacher_path)
        clips = data.load(data_dirs)
        self.labels = data.labels_of(clips)
        key = '%s-%s-%g' % (data.data_hash(clips)[:16], self.teacher.sha256[:16],
                            distil.Distil.C)
        # beside the teacher's cached embeddings: a head is a function of the data and teacher
        path = self.teacher.cache / 'heads' / ('head-%s.pkl' % key)
        if path.is_file():
            self.head = pickle.loads(path.read_bytes())
        else:
            W = windows.Windows(clips, self.labels, desc='second opinion: windows')
            E = distil.window_embeddings(self.teacher, W)
            weight = model.balanced(W.y, len(self.labels), self.labels.index('other'))
            self.head = distil.Head(len(self.labels)).fit(E, W.y, weight)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix('.tmp')
            tmp.write_bytes(pickle.dumps(self.head))
            tmp.replace(path)
        self._windows, self._soften = windows, distil.soften

    def label(self, wav):
        """(label, confidence) of a WAV file's bytes (any rate libsndfile reads)."""
        import librosa
        import soundfile
        pcm, rate = soundfile.read(io.BytesIO(wav), dtype='float32', always_2d=True)
        mono = pcm.mean(axis=1)
        if rate != 16000:
            mono = librosa.resample(mono, orig_sr=rate, target_sr=16000, res_type='soxr_hq')
        pcm16 = np.clip(np.round(mono * 32768), -32768, 32767).astype(np.int16)
        _, live = self._windows.clip_windows(pcm16)
        _, emb = self.teacher.outputs(pcm16)
        if not live.any():
            live = np.ones(len(emb), bool)   # too quiet to find: every window counts
        probs = self._soften(self.head.logits(emb[live[:len(emb)]]), 1.0).mean(0)
        best = int(probs.argmax())
        return self.labels[best], round(float(probs[best]), 3)
