"""What the teacher (training/teacher.py) tells the device's model: soft label targets for every
training window, from a small head on the teacher's embeddings.

The head is a logistic regression from YAMNet's 1,024-d embedding to our labels. A head scores
only windows of folds it never trained on (out of fold, fold-grouped as evaluation splits them),
since on its own training windows it would repeat the hard labels and teach nothing. Windows of
generated doorstep scenes get the head fitted on every training clip: a scene is a mix the head
never heard as such, and its windows gain a target even where no clip was laid (a distractor half
under the bed, a bark's tail in rain).

A target is (1 - WEIGHT) * the hard label + WEIGHT * softmax(head logits / TEMPERATURE).
"""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from tqdm import tqdm

from .windows import HOP_FRAMES


class Distil:
    """Settings (class attributes; the recipe stores them)."""
    WEIGHT = 0.5          # share of a training target that is the teacher's
    TEMPERATURE = 2.0     # softens the head's logits: what else a window sounds like shows
    C = 0.1               # the head's inverse regularisation (fold-grouped, see experiments)

    @classmethod
    def as_dict(cls):
        return {'weight': cls.WEIGHT, 'temperature': cls.TEMPERATURE, 'head_c': cls.C}


class Head:
    """Our labels from teacher embeddings (scaled, then a multinomial logistic regression)."""

    def __init__(self, n_labels):
        self.n_labels = n_labels

    def fit(self, E, y, sample_weight=None):
        self.scale = StandardScaler().fit(E)
        self.model = LogisticRegression(C=Distil.C, max_iter=2000).fit(
            self.scale.transform(E), y, sample_weight=sample_weight)
        return self

    def logits(self, E):
        """(n, n_labels) logits; labels the head never saw get a very low one."""
        out = np.full((len(E), self.n_labels), -30.0)
        out[:, self.model.classes_] = self.model.decision_function(self.scale.transform(E))
        return out


def soften(logits, temperature=None):
    z = logits / (temperature or Distil.TEMPERATURE)
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def targets(y, soft, n_labels):
    """Training targets: the hard labels y blended with the teacher's soft ones."""
    hard = np.eye(n_labels)[y]
    return ((1 - Distil.WEIGHT) * hard + Distil.WEIGHT * soft).astype(np.float32)


def window_embeddings(teacher, windows):
    """(n, 1024) teacher embeddings of a training.windows.Windows's windows, in its order."""
    out = []
    for clip, live in tqdm(list(zip(windows.clips, windows.live)), desc='teacher', unit='clip',
                           leave=False):
        _, emb = teacher.outputs(clip.pcm)
        if len(emb) != len(live):
            raise ValueError('teacher: %d frames for %d windows of %s' % (len(emb), len(live),
                                                                          clip.path))
        out.append(emb[live])
    return np.concatenate(out) if out else np.zeros((0, 1024), np.float32)


def out_of_fold(E, y, groups, n_labels, sample_weight=None):
    """Head logits of every window from a head that never trained on its group."""
    logits = np.zeros((len(E), n_labels))
    for g in np.unique(groups):
        test = groups == g
        w = None if sample_weight is None else sample_weight[~test]
        logits[test] = Head(n_labels).fit(E[~test], y[~test], w).logits(E[test])
    return logits


class Teaching:
    """The teacher's targets for one training set: `clip_targets` for its clip windows (out of
    fold), `scene(pcm, starts)` for windows of scenes mixed from it."""

    def __init__(self, teacher, windows, groups, n_labels, sample_weight=None):
        self.teacher = teacher
        E = window_embeddings(teacher, windows)
        self.head = Head(n_labels).fit(E, windows.y, sample_weight)
        if len(np.unique(groups)) > 1:
            logits = out_of_fold(E, windows.y, groups, n_labels, sample_weight)
        else:   # one fold only (a toy set): nothing is out of fold, the teacher adds nothing
            logits = np.eye(n_labels)[windows.y] * 30.0
        self.clip_soft = soften(logits)

    def scene(self, pcm, starts):
        _, emb = self.teacher.outputs(pcm)
        return soften(self.head.logits(emb[np.asarray(starts, int) // HOP_FRAMES]))
