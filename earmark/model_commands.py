"""The `earmark` commands whose work is in training/: train, evaluate, classify, scenes and
evaluate-scenes. Their options are here, so `earmark --help` lists them on an appliance's host
too; training/ is imported only when one of them runs. It needs the `train` extra (Keras, JAX,
the teacher's runtime, scikit-learn...); without it the command says how to get it in one line.

classify's output is here too: a label per sound file, computed by the device code
(training/onboard.py), one JSON line per file. A file that cannot be read gets one line on
stderr and the others are still classified; the exit status is then 2. A file labelled `other`
because its top label scored under that label's threshold says so in "rule", with the score and
the threshold.
"""
import importlib
import json
import sys

from . import DEVICE

# The modules of pyproject.toml's `train` extra (tests/test_cli_layers.py holds the two together).
TRAIN_EXTRA = ('keras', 'jax', 'ai_edge_litert', 'sklearn', 'emlearn', 'sed_eval', 'matplotlib')
INSTALL = "pip install 'earmark[train]' (in a checkout: pip install -e '.[train]')"


def missing_extra(exc):
    """The module of the train extra that `exc` (an ImportError) found missing, or None."""
    name = (getattr(exc, 'name', None) or '').split('.')[0]
    return name if name in TRAIN_EXTRA else None


def needs_extra(work):
    """The command `work`, saying in one line how to get the train extra where it is missing
    (a module of it may be imported deep inside the work: keras only for a net)."""
    def run(args):
        try:
            return work(args)
        except ImportError as exc:
            if not missing_extra(exc):
                raise
            print('earmark: %s needs the train extra (no module %s here): %s'
                  % (args.command, missing_extra(exc), INSTALL), file=sys.stderr)
            return 2
    return run


def training(module, function='run'):
    """The command that runs training/<module>.py's `function`, imported when it runs."""
    return needs_extra(lambda args: getattr(importlib.import_module('training.' + module),
                                            function)(args))


def rule(line, thresholds):
    """Why a file came out `other`, or None for any other label."""
    if line['label'] != 'other':
        return None
    scores = dict(zip(line['labels'], line['scores']))
    top = max(scores, key=scores.get)
    if top == 'other':
        return 'other scored highest'
    return '%s scored highest, %.3f, under its threshold %.2f: other' % (
        top, scores[top], thresholds[top])


def classify(args):
    from training import bundle, onboard
    from training.windows import ACTIVE_DB, frames_of
    from . import audio
    meta = bundle.read(args.model)
    named, failed = [], 0
    for path in args.wav:
        try:
            named.append((path, frames_of(audio.read(path))))
        except ValueError as exc:
            print('earmark: error: %s' % exc, file=sys.stderr, flush=True)
            failed += 1
    if named:
        _, lines = onboard.classify(args.model, named, ACTIVE_DB, args.runtime)
        for line in lines:
            # MicroPython's dicts keep no order: scores come over as a list in label order.
            out = {'file': line['file'], 'label': line['label'],
                   'confidence': line['confidence'],
                   'scores': dict(zip(line['labels'], line['scores']))}
            why = rule(line, meta['thresholds'])
            if why:
                out['rule'] = why
            print(json.dumps(out), flush=True)
    return 2 if failed else 0


def channel_count(text):
    """A layer's channel count for `train --channels`: a whole number, 1 or more."""
    import argparse
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError('%r is not a channel count (a whole number, 1 or more)'
                                         % text)
    return int(text)


def add(sub):
    """The model's commands, as subparsers of `sub` (earmark/cli.py's)."""
    t = sub.add_parser('train', help='train a model bundle from sound data folders')
    t.add_argument('--data', nargs='+', required=True, help='folders with manifest.csv')
    t.add_argument('--out', required=True, help='bundle folder to write (replaced whole)')
    t.add_argument('--exclude-folds', nargs='+', default=None,
                   help='folds left out of training (patterns over the manifest fold column, N '
                   'for esc50-foldN), to score on scenes made from them')
    t.add_argument('--learner', choices=('trees', 'cnn', 'pair'), default=None,
                   help='a tree ensemble over summary features (minutes to train), a small '
                   'convolutional net over the frames, or the pair, their scores averaged '
                   '(the default; with the net, an hour to train on two cores)')
    t.add_argument('--teacher', default=None, help='YAMNet TFLite file the net learns '
                   'soft targets from (default: $EARMARK_TEACHER, else the development '
                   'copy in ../shared/models/yamnet; training/teacher.py)')
    t.add_argument('--no-teacher', action='store_true',
                   help='train on hard labels only (no teacher file needed)')
    t.add_argument('--channels', nargs=3, type=channel_count, default=None, metavar='N',
                   help="the net's channels in each of its three layers (default 8 16 32, "
                   "which the 128 KB build holds; 16 32 64 is the PSRAM board's candidate, "
                   "hardware/README.md)")
    t.set_defaults(func=training('commands', 'cmd_train'))

    e = sub.add_parser('evaluate', help='fold-grouped evaluation of a model recipe + bundle')
    e.add_argument('--model', default=str(DEVICE / 'model'))
    e.add_argument('--data', nargs='+', required=True)
    e.add_argument('--report', default='build/evaluation', help='folder for report.md + PNG')
    e.add_argument('--fresh', action='store_true', help='cross-validate again even when the '
                   'bundle was trained on this data with this recipe (its metrics.json)')
    e.add_argument('--teacher', default=None, help='the YAMNet file of a distilled recipe, '
                   'to cross-validate it again (see train)')
    e.set_defaults(func=training('commands', 'cmd_evaluate'))

    c = sub.add_parser('classify', help='label WAV files with the device code')
    c.add_argument('wav', nargs='+')
    c.add_argument('--model', default=str(DEVICE / 'model'))
    c.add_argument('--runtime', choices=('micropython', 'cpython'), default='micropython')
    # classify reads files as detect does (earmark/audio.py) and goes on past a bad one.
    c.set_defaults(func=needs_extra(classify))

    s = sub.add_parser('scenes', help='mix long test scenes with ground truth from the sound data')
    s.add_argument('--data', required=True, help='the sound data folder (train/, other/, '
                   'negatives/)')
    s.add_argument('--out', required=True, help='folder for the scenes')
    s.add_argument('--folds', nargs='+', required=True,
                   help='folds to draw clips from: shell patterns over the manifest fold column, '
                   'N for esc50-foldN (e.g. 4 "speaker:tuxpaint-*" "src:Dashticz")')
    s.add_argument('--seed', type=int, default=0)
    s.add_argument('--count', type=int, default=10, help='how many scenes')
    s.add_argument('--minutes', type=float, default=5.0, help='length of each scene')
    s.add_argument('--kind', choices=('mixed', 'quiet', 'unfamiliar', 'plain'), default='mixed',
                   help='mixed: the nine sounds and some others on a bed, a few seconds apart; '
                   'quiet: a -50..-30 dBFS bed of one background kind, the nine sounds 10-60 s '
                   'apart; unfamiliar: such a bed full of other sounds (other/, negatives/), '
                   'now and then one of the nine; plain: the bed alone (training/scenes.py)')
    s.set_defaults(func=training('scenes'))

    v = sub.add_parser('evaluate-scenes', help='score detections on scenes (DCASE, sed_eval): '
                       'event and segment F1, false events per hour, onset/offset errors')
    v.add_argument('dir', nargs='+', help='folders with <scene>.tsv truth and '
                   '<scene>.detected.tsv/.jsonl (and scenes.json or <scene>.wav for lengths)')
    v.add_argument('--json', metavar='FILE', help='also write the summary there')
    v.set_defaults(func=training('sed'))
