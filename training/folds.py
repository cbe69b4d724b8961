"""Which evaluation split each clip is in: a fold value (an ESC-50 fold, a speaker, a doorbell's
repository) never in two, so a score never comes from a source the model trained on. Training's
teacher targets (model.py) and the evaluation (evaluate.py) both split this way."""
import re
from collections import defaultdict

import numpy as np

SPLITS = 4
ESC50_FOLD = re.compile(r'^esc50-fold(\d+)$')


def splits(clips, n=SPLITS):
    """Split index per clip. A fold value is never in two splits: ESC-50 fold k is split k-1,
    other fold values (a speaker, a doorbell's repository) go round-robin within their label."""
    by_label = defaultdict(set)
    for c in clips:
        if not ESC50_FOLD.match(c.fold):
            by_label[c.label].add(c.fold)
    assign = {}
    for label in sorted(by_label):
        for i, fold in enumerate(sorted(by_label[label] - set(assign))):
            assign[fold] = i % n
    out = []
    for c in clips:
        m = ESC50_FOLD.match(c.fold)
        out.append((int(m.group(1)) - 1) % n if m else assign[c.fold])
    return np.array(out)
