"""Does the net name held-out sounds better when its head knows which bands a pattern sits in?
(issue 22, round 22, a screen)

training/cnn.py's net averages its last feature map over time *and* bands before the label
layer, so the head hears that a pattern of harmonics or a tap is there, not where in the
spectrum: a car horn's partials and a siren's, a footstep's thud and a knock's, differ in
place. Its receptive field is about 18 frames by 18 bands, so nothing before the pooling can
say it either. Arm "bands kept": the same convolutions, the map averaged over time only, and
the label layer reads every band's channels (10 bands x 32: 3,520 weights against 352, about
3 KB more int8; the 32-d embedding for prototypes and search can stay the band average).

Arms, the same windows, seed and epochs (round 16's screen, experiments/floor_input.py's
functions and its mean arm: hard labels of the windows of --scenes door mixtures of
experiments/heldout.py's training clips, never the held-out folds or the unheard kinds; ESC-50
fold 5 is not in the data):
  pooled       cnn.build's net with the recipe's head before round 22 ('pooled');
  bands kept   the same convolutions, pooled over time only (head 'bands').
Both are scored in float (Keras, the recipe's inputs), as floor_input.py scores its int8 nets:
the held-out event clips laid after 5 s of a held-out bed at 0/10/20/40 dB, the held-out
`other` and unheard kinds named one of the nine, clean held-out clips' macro-F1.

    nice -n 10 .venv/bin/python experiments/frequency_head.py --scenes 80 [--seed 1]

-> experiments/results/frequency_head.json, .png (`--seed N`: frequency_head_seedN.*); the
mixtures' windows are cached in build/frequency_head/.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import floor_input   # noqa: E402
import heldout   # noqa: E402
from training import cnn, data, mixes   # noqa: E402
from training.cnn import CnnRecipe   # noqa: E402
from training.model import balanced   # noqa: E402

RISE, FALL = 1, 4      # floor_input's settings; only its mean-arm windows are used here
MEAN_ARM = 0
HEADS = {'pooled': 'pooled', 'bands kept': 'bands'}    # arm -> training/cnn.py's head
ARMS = tuple(HEADS)


def fit(arm, P, y, n_labels, sample_weight):
    """cnn.fit's training (seed, optimiser, varied batches, epochs) of the arm's net."""
    keras = cnn._keras()
    keras.utils.set_random_seed(CnnRecipe.SEED)
    net = cnn.build(P.shape[1:], n_labels, head=HEADS[arm])
    net.compile(optimizer=keras.optimizers.Adam(CnnRecipe.LEARNING_RATE),
                loss='sparse_categorical_crossentropy')
    losses = cnn.run_epochs(net, cnn.Batches(P, y, sample_weight, CnnRecipe.SEED), arm)
    return net, losses


class Float:
    """floor_input.names's `q`: forward(P) -> (None, scores) of the float net."""

    def __init__(self, net):
        self.net = net

    def forward(self, P):
        return None, self.net.predict(cnn._float_inputs(P), batch_size=512, verbose=0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--scenes', type=int, default=80, help='training door mixtures (5 min each)')
    ap.add_argument('--epochs', type=int, default=CnnRecipe.EPOCHS)
    ap.add_argument('--seed', type=int, default=CnnRecipe.SEED, help="the nets' seed (the "
                    'mixtures stay the same)')
    ap.add_argument('--arms', nargs='+', choices=ARMS, default=list(ARMS))
    ap.add_argument('--out', default=str(ROOT / 'experiments' / 'results' /
                                         'frequency_head.json'))
    args = ap.parse_args()
    CnnRecipe.SEED = args.seed
    CnnRecipe.EPOCHS = args.epochs
    clips = data.load(floor_input.DATA)
    labels = data.labels_of(clips)
    train, test, strange, unheard = heldout.split(clips)
    cache = ROOT / 'build' / 'frequency_head' / ('windows-%d.npz' % args.scenes)
    if cache.is_file():
        z = np.load(cache)
        A, y = z['A'], z['y']
    else:
        A, _, y = floor_input.training_windows(floor_input.door_setup(), train, labels,
                                               args.scenes, RISE, FALL)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, A=A, y=y)
    n_labels = len(labels)
    w = balanced(y, n_labels, labels.index('other'))
    results = {'settings': {'scenes': args.scenes, 'minutes': mixes.Mixes.MINUTES,
                            'epochs': args.epochs, 'snrs': floor_input.SNRS,
                            'unheard_kinds': unheard, 'labels': labels, 'hard_labels': True,
                            'net_seed': args.seed, 'training_windows': int(len(y)),
                            'scored': 'float (Keras)'}, 'arms': {}}
    events, laid, clean, clean_strange = floor_input.held_out_sets(test, strange, RISE, FALL)
    for arm in args.arms:
        t0 = time.time()
        net, losses = fit(arm, A, y, n_labels, w)
        q = Float(net)
        r = {'train_seconds': round(time.time() - t0), 'weights': int(net.count_params()),
             'last_epoch_losses': losses,
             'laid': floor_input.laid_figures(q, laid, events, MEAN_ARM, labels)}
        said = floor_input.names(q, clean, MEAN_ARM, labels)
        r['clean_clip_macro_f1'] = round(float(f1_score([c.label for c in test], said,
                                                        labels=labels, average='macro')), 4)
        r['clean_clip_f1'] = dict(zip(labels, np.round(f1_score(
            [c.label for c in test], said, labels=labels, average=None), 3).tolist()))
        r['clean_unheard_kinds_named_an_event'] = floor_input.named_an_event(
            q, clean_strange, MEAN_ARM, labels)
        results['arms'][arm] = r
        print(arm, json.dumps(r), flush=True)
    floor_input.print_laid(results)
    arms = list(results['arms'])
    print('| clean | %s |' % ' | '.join('F1 %.3f, unheard named %.1f %%' % (
        results['arms'][a]['clean_clip_macro_f1'],
        100 * results['arms'][a]['clean_unheard_kinds_named_an_event']) for a in arms))
    floor_input.save(results, args.out, args.seed)


if __name__ == '__main__':
    main()
