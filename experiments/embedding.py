"""Which int8 embedding ranks similar sounds best (issue 22, item 3), fold-grouped: the trees'
votes plus a projection of the summary features found by LDA on the labels (shipped), or by
regressing the teacher's (YAMNet's) embedding, or both halves. Clean clip windows only (no
augmentation or scenes: minutes, not an hour). Prints retrieval P@5 against the labels and the
share of each event's five nearest neighbours that are also the teacher's five nearest.

    .venv/bin/python experiments/embedding.py [--data DIR ...]
"""
import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from training import data, distil, evaluate, model, teacher as teaching   # noqa: E402
from training.windows import Windows   # noqa: E402


class Taught(model.Embedding):
    """The shipped embedding with `share` of its projection's directions regressing the
    teacher's leading principal components (ridge), each weighted by its component's spread."""
    RIDGE = 0.01

    def fit(self, X, y, dim, n_votes, teacher, share):
        super().fit(X, y, dim, n_votes)
        taught = int(round((dim - n_votes) * share))
        if not taught:
            return self
        Z = (X.astype(np.float64) - self.mu) / self.sd
        lda = LinearDiscriminantAnalysis(solver='eigen', shrinkage='auto').fit(Z, y)
        P = lda.scalings_[:, :dim - n_votes - taught].T
        P = P / np.linalg.norm(Z @ P.T, axis=0).reshape(-1, 1) * np.sqrt(len(Z))
        T = teacher - teacher.mean(0)
        _, sv, vt = np.linalg.svd(T, full_matrices=False)
        B = np.linalg.solve(Z.T @ Z + self.RIDGE * len(Z) * np.eye(Z.shape[1]),
                            Z.T @ (T @ vt[:taught].T)).T
        B = B / np.linalg.norm(Z @ B.T, axis=0).reshape(-1, 1) * np.sqrt(len(Z))
        A = np.vstack([P, B * (sv[:taught] / sv[0]).reshape(-1, 1)]) / self.sd
        b = -A @ self.mu
        rows = np.abs(A).max(1) / 127.0
        self.weights = np.round(A / rows[:, None]).astype(np.int8)
        self.bias = np.round(b / rows).astype(np.int64)
        self.scale = (self.PROJECTION_RANGE / np.percentile(np.abs(X @ A.T + b), 99)) * rows
        return self


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other'])
    args = ap.parse_args()
    clips = data.load(args.data)
    labels = data.labels_of(clips)
    t = teaching.Teacher()
    W = Windows(clips, labels)
    E = distil.window_embeddings(t, W)
    split = evaluate.splits(clips)
    wsplit = split[W.clip]
    X = W.X
    variants = {'lda (shipped)': dict(share=0.0),
                'teacher regression': dict(share=1.0),
                'half and half': dict(share=0.5)}
    out = {name: np.zeros((len(X), model.Recipe.EMBED_DIM)) for name in variants}
    for k in tqdm(np.unique(split), desc='folds'):
        tr, te = wsplit != k, wsplit == k
        f = model.forest(X[tr], W.y[tr], len(labels), labels.index('other'),
                         trees=model.Recipe.PAIR_TREES)
        Vtr, Vte = model.votes(f, X[tr]), model.votes(f, X[te])
        for name, kw in variants.items():
            emb = Taught().fit(X[tr], W.y[tr], model.Recipe.EMBED_DIM, len(labels), E[tr],
                               **kw)
            out[name][te] = emb(X[te], Vte)
    clip_split = split[np.unique(W.clip)]
    print('%-22s %8s %18s' % ('embedding', 'P@5', 'teacher agreement'))
    for name, vecs in list(out.items()) + [('teacher itself', E)]:
        p5 = evaluate.precision_at_5(vecs, W.clip, clips, clip_split)
        agree = evaluate.neighbour_agreement(vecs, E, W.clip, clips, clip_split)
        print('%-22s %8.3f %18.3f' % (name, p5, agree))


if __name__ == '__main__':
    main()
