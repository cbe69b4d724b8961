"""Does the net name a faint held-out event better when it also learns the teacher's embedding?
(round 17, a screen)

Rounds 15-16: training/cnn.py's 8-16-32 net calls most held-out events heard at a door (0-20 dB
over a quiet bed) `other`, while a logistic head on the teacher's (YAMNet's) 1024-d embedding
names far more of them. The student has only ever learned from the teacher's outputs. Here the
net gets a second, training-only output: a linear Dense layer on its pooled 32-d features that
regresses the teacher's embedding of the same window, projected on its leading principal
components and whitened (the PCA fitted on the training windows' teacher embeddings only), an MSE
loss times a weight beside the label loss. The device net is the same net less that layer: the
bundle, the int8 net and its cost do not change.

Arms, the same windows, net seed and epochs (floor_input.py's mean arm: the recipe's input, hard
labels of the windows of --scenes door mixtures of experiments/heldout.py's training clips, never
the held-out folds or the unheard kinds; ESC-50 fold 5 is not in the data):
  hard           the labels only (floor_input.py's mean arm again, side by side);
  teacher x1     the labels + the teacher's embedding (TOP_COMPONENTS whitened), weight 1;
  teacher x3     the same, weight 3.
The weights were chosen before any result.

Scored as floor_input.py scores (its functions): the int8 net (cnn.Quantized of the device net)
on the 77 held-out event clips laid after 5 s of a held-out bed at 0/10/20/40 dB, the held-out
`other` and unheard kinds' clips named one of the nine, clean held-out clips' macro-F1. And the
embedding (issue 22's retrieval): on the clean held-out clips, P@5 of clip-mean int8 embeddings
(training/evaluate.precision_at_5: cosine, other clips of the same recording left out; relevant
= the same label, and by kind of sound) and the share of each clip's 5 nearest that are also its
5 nearest by the teacher's clip-mean embedding.

    nice -n 10 .venv/bin/python experiments/teacher_embedding.py --scenes 80 --epochs 20

-> experiments/results/teacher_embedding.json and .png (`--seed N`: the nets' seed, into
teacher_embedding_seedN.json/.png, the same mixtures; `--arms` runs some of them); windows and
their teacher embeddings cached in build/teacher_embedding/.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import floor_input   # noqa: E402
import heldout   # noqa: E402
from training import cnn, data, evaluate, mixes   # noqa: E402
from training.cnn import CnnRecipe   # noqa: E402
from training.features import logmel_frames   # noqa: E402
from training.model import balanced   # noqa: E402
from training.teacher import Teacher   # noqa: E402
from training.windows import HOP_FRAMES, clip_windows, patches   # noqa: E402

TOP_COMPONENTS = 32
ARMS = {'hard': 0.0, 'teacher x1': 1.0, 'teacher x3': 3.0}   # the embedding loss's weight
# floor_input's laid_streams and clean_windows make both of its arms' windows; only the first
# (the window less its mean, the recipe's input) is used here. Its floor settings (round 16).
RISE, FALL = 1, 4
MEAN_ARM = 0


def training_windows(make_scene, train, labels, count, teacher, seed=0):
    """(windows, teacher embeddings, label indices): floor_input.training_windows's mean-arm
    windows of the same mixtures (the same seeds, the same windows kept), each with the
    teacher's embedding of that window."""
    keep_rng = np.random.default_rng([seed, 1])
    A, E, y = [], [], []
    for i in tqdm(range(count), desc='training mixtures + teacher', unit='mix'):
        pcm, marks = make_scene(np.random.default_rng([seed, 2, i]), train, mixes.Mixes.MINUTES)
        frames = logmel_frames(pcm)
        _, emb = teacher.outputs(pcm)
        keep, ys = floor_input.kept_windows(len(frames), marks, labels, keep_rng)
        y += ys
        A.append(patches(frames, keep))
        E.append(emb[np.asarray(keep, int) // HOP_FRAMES])
    return np.concatenate(A), np.concatenate(E), np.array(y, int)


def whitened_components(E, k):
    """(targets (n, k), share of the embedding's variance they hold): E on its k leading
    principal components, each scaled to unit variance."""
    mu = E.mean(0)
    _, sv, vt = np.linalg.svd(E - mu, full_matrices=False)
    T = (E - mu) @ vt[:k].T / (sv[:k] / np.sqrt(len(E) - 1))
    return T.astype(np.float32), float((sv[:k] ** 2).sum() / (sv ** 2).sum())


class TaughtBatches(cnn.Batches):
    """cnn.Batches (the same order and augmentation) with each window's teacher target beside
    its label; the sample weights weigh the label loss only."""

    def __init__(self, P, y, T, sample_weight, seed):
        super().__init__(P, y, sample_weight, seed)
        self.t = T

    def __getitem__(self, i):
        pick = self.order[i * CnnRecipe.BATCH:(i + 1) * CnnRecipe.BATCH]
        x, y, w = super().__getitem__(i)
        return x, (y, self.t[pick]), (w, np.ones(len(pick), np.float32))


def fit_taught(P, y, T, n_labels, sample_weight, weight, desc):
    """(device net, last epoch's losses): cnn.build's net trained as cnn.fit trains it, with a
    Dense layer on its pooled features regressing T (MSE times `weight`) during training only.
    The device net is cnn.build's model, which shares every layer but that one."""
    keras = cnn._keras()
    keras.utils.set_random_seed(CnnRecipe.SEED)
    device = cnn.build(P.shape[1:], n_labels)
    pooled = next(l for l in device.layers if type(l).__name__ == 'GlobalAveragePooling2D')
    taught = keras.layers.Dense(T.shape[1], name='teacher_embedding')(pooled.output)
    net = keras.Model(device.input, [device.output, taught])
    net.compile(optimizer=keras.optimizers.Adam(CnnRecipe.LEARNING_RATE),
                loss=['sparse_categorical_crossentropy', 'mse'], loss_weights=[1.0, weight])
    batches = TaughtBatches(P, y, T, sample_weight, CnnRecipe.SEED)
    return device, cnn.run_epochs(net, batches, desc)


def clean_with_teacher(clips, teacher):
    """(windows, clip index per window, teacher embeddings) of the clips' sounding windows (all
    of a clip's if none sound), as floor_input.clean_windows picks them."""
    W, ids, E = [], [], []
    for i, clip in enumerate(tqdm(clips, desc='clean clips + teacher', unit='clip')):
        windows, live = clip_windows(clip.pcm, clip.label)
        live = live if live.any() else np.ones(len(live), bool)
        _, emb = teacher.outputs(clip.pcm)
        W.append(windows[live])
        E.append(emb[:len(live)][live])
        ids += [i] * int(live.sum())
    return np.concatenate(W), np.array(ids), np.concatenate(E)


def retrieval(vectors, ids, clips, reference):
    """P@5 by label and by kind of sound, and agreement with `reference`'s 5 nearest."""
    one = np.zeros(len(clips), int)    # the held-out clips are one pool
    return {'p_at_5_label': round(evaluate.precision_at_5(vectors, ids, clips, one), 4),
            'p_at_5_kind': round(evaluate.precision_at_5(vectors, ids, clips, one,
                                                         relevance=heldout.kind), 4),
            'teacher_neighbours_shared': round(evaluate.neighbour_agreement(
                vectors, reference, ids, clips, one), 4)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--scenes', type=int, default=80, help='training door mixtures (5 min each)')
    ap.add_argument('--epochs', type=int, default=CnnRecipe.EPOCHS)
    ap.add_argument('--seed', type=int, default=CnnRecipe.SEED, help="the nets' seed (their "
                    'first weights and batch order; the mixtures stay the same); a seed but '
                    "the recipe's writes to --out's name + _seed<N>")
    ap.add_argument('--arms', nargs='+', choices=list(ARMS), default=list(ARMS))
    ap.add_argument('--out', default=str(ROOT / 'experiments' / 'results' /
                                         'teacher_embedding.json'))
    args = ap.parse_args()
    CnnRecipe.SEED = args.seed
    CnnRecipe.HEAD = 'pooled'     # the recipe's head when this screen ran (round 22 added 'bands')
    clips = data.load(floor_input.DATA)
    labels = data.labels_of(clips)
    train, test, strange, unheard = heldout.split(clips)
    make_scene = floor_input.door_setup()
    teacher = Teacher()
    results = {'settings': {'scenes': args.scenes, 'minutes': mixes.Mixes.MINUTES,
                            'epochs': args.epochs, 'snrs': floor_input.SNRS,
                            'lead_seconds': floor_input.LEAD_SECONDS,
                            'eval_bed_dbfs': floor_input.EVAL_BED_DBFS,
                            'unheard_kinds': unheard, 'labels': labels, 'hard_labels': True,
                            'net_seed': args.seed, 'top_components': TOP_COMPONENTS,
                            'embedding_loss_weights': {a: ARMS[a] for a in args.arms}}}

    cache = ROOT / 'build' / 'teacher_embedding' / ('windows-%d.npz' % args.scenes)
    if cache.is_file():
        z = np.load(cache)
        A, E, y = z['A'], z['E'], z['y']
    else:
        A, E, y = training_windows(make_scene, train, labels, args.scenes, teacher)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, A=A, E=E, y=y)
    T, held = whitened_components(E, TOP_COMPONENTS)
    results['settings']['teacher_variance_in_components'] = round(held, 4)
    n_labels = len(labels)
    w = balanced(y, n_labels, labels.index('other'))
    results['settings']['training_windows'] = int(len(y))
    results['settings']['windows_per_label'] = dict(zip(labels, np.bincount(
        y, minlength=n_labels).tolist()))
    print('training windows %d; the teacher embedding\'s %d leading components hold %.1f %% of '
          'its variance' % (len(y), TOP_COMPONENTS, 100 * held), flush=True)

    events, laid, clean, clean_strange = floor_input.held_out_sets(test, strange, RISE, FALL)
    Wc, ids, Ec = clean_with_teacher(test, teacher)
    results['teacher_itself'] = retrieval(Ec, ids, test, Ec)

    CnnRecipe.EPOCHS = args.epochs
    calibration = np.random.default_rng(floor_input.CALIBRATION_SEED).choice(
        len(y), min(CnnRecipe.CALIBRATION, len(y)), replace=False)
    results['arms'] = {}
    for arm in args.arms:
        t0 = time.time()
        if ARMS[arm]:
            net, losses = fit_taught(A, y, T, n_labels, w, ARMS[arm], arm)
        else:
            net, losses = cnn.fit(A, y, n_labels, w, desc=arm), {}
        q = cnn.Quantized(net, A[calibration])
        r = {'train_seconds': round(time.time() - t0), 'last_epoch_losses': losses,
             'laid': floor_input.laid_figures(q, laid, events, MEAN_ARM, labels)}
        said = floor_input.names(q, clean, MEAN_ARM, labels)
        r['clean_clip_macro_f1'] = round(float(f1_score([c.label for c in test], said,
                                                        labels=labels, average='macro')), 4)
        r['clean_unheard_kinds_named_an_event'] = floor_input.named_an_event(
            q, clean_strange, MEAN_ARM, labels)
        emb, _ = q.forward(Wc)
        r['clean_retrieval_int8'] = retrieval(emb.astype(np.float64), ids, test, Ec)
        results['arms'][arm] = r
        print(arm, json.dumps(r), flush=True)

    floor_input.print_laid(results)
    arms = list(results['arms'])
    print('| clean | %s |' % ' | '.join('F1 %.3f, unheard named %.1f %%, P@5 %.3f, teacher '
                                       'nearest %.3f' % (
        results['arms'][a]['clean_clip_macro_f1'],
        100 * results['arms'][a]['clean_unheard_kinds_named_an_event'],
        results['arms'][a]['clean_retrieval_int8']['p_at_5_label'],
        results['arms'][a]['clean_retrieval_int8']['teacher_neighbours_shared']) for a in arms))
    floor_input.save(results, args.out, args.seed)


if __name__ == '__main__':
    main()
