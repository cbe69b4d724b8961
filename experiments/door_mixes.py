"""A held-out student that trains on many doorsteps like the door scenes (round 15, issues 22/23).

Round 13 found 69 % of the held-out door scenes' events called `other`: the student had not
learnt what our labels sound like quietly over a doorstep bed. This trains experiments/heldout.py's
student (its folds: never the held-out folds, never the six unheard kinds; ESC-50 fold 5 is not
in the data) with its scene windows drawn from *door-like* mixtures of the training clips instead
of the recipe's mixed scenes: one background kind a scene (training/scenes.py's bed kinds), the
bed at -50 to -30 dBFS, each sound 0 to 20 dB over it (scenes.door_scene, the door scenes' own
generator), a few seconds apart, a quarter of them `other` (other/ and the heard negatives), and
--scenes of them (the recipe: 40 mixed scenes). Every window of a mixture keeps the teacher's
target (training/distil.py), as the recipe's scene windows do.

    .venv/bin/python experiments/door_mixes.py --scenes 80 --epochs 12 --tag=-door80

Then, like any held-out student: experiments/decision_screen.py --model build/heldout/<name>.

`--head-mixes N`: the teacher's head (training/distil.Head, whose soft outputs are the targets)
learns from the windows of N more door mixtures of the training clips (their own seeds, hard
labels, weighed as scene windows are) beside the clean clips' windows. Fitted on clean clips
alone it calls half the held-out door events `other` (experiments/teacher_on_doors.py), so its
targets on mixtures would teach the student that too. (The clean clips' targets stay out of
fold, from heads of clean clips, as in the recipe.)
"""
import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import heldout   # noqa: E402
from training import distil, mixes, scenes   # noqa: E402
from training.cnn import CnnRecipe   # noqa: E402
from training.features import logmel_frames   # noqa: E402
from training.model import balanced   # noqa: E402
from training.windows import HOP_FRAMES, starts   # noqa: E402

KIND = 'training door'
# Sounds closer together than a real doorstep's (10-60 s): a training scene is for its windows,
# and bed alone is mostly left out of training anyway (mixes.Mixes.BACKGROUND_KEEP).
SETTINGS = {'bed_dbfs': (-50.0, -30.0), 'gap_seconds': (1.0, 6.0), 'target_share': 0.75,
            'snr_db': (0.0, 20.0)}


def bed_kind_of(data):
    """{clip path: background kind} (ESC-50's class in the manifest's original name)."""
    out = {}
    for folder in data:
        manifest = Path(folder) / 'manifest.csv'
        with open(manifest, newline='') as f:
            for row in csv.DictReader(f):
                if row['label'] == 'background':
                    name = row['original_name']
                    kind = name[name.rfind('(') + 1:-1] if name.endswith(')') else 'bed'
                    out[str(manifest.parent / row['file'])] = kind
    return out


def door_make_scene(kinds, mixed_too=False):
    """mixes.make_scene for door-like mixtures; `mixed_too`: every other scene is the recipe's
    own mixed scene (the door ones come on top of it)."""
    recipe = mixes.make_scene
    made = [0]

    def make_scene(rng, clips, minutes):
        made[0] += 1
        if mixed_too and made[0] % 2:
            return recipe(rng, clips, minutes)
        pool = mixes.pool_of(clips)
        beds = {}
        for clip in pool.get('background', ()):
            beds.setdefault(kinds.get(clip.path, 'bed'), []).append(clip)
        if not beds or not any(pool.get(l) for l in scenes.TARGETS):
            return None
        names = sorted(beds)
        bed = beds[names[rng.integers(len(names))]]
        audio, events, distractors, _ = scenes.door_scene(rng, pool, bed, minutes, KIND,
                                                          mixes._audio)
        pcm = np.clip(np.round(audio * 32768), -32768, 32767).astype(np.int16)
        marks = [(e['onset'], e['offset'], e['label']) for e in events]
        marks += [(e['onset'], e['offset'], 'other') for e in distractors]
        return pcm, marks
    return make_scene


def mixture_windows(teacher, clips, labels, count, seed=7):
    """(teacher embeddings, label indices) of the windows of `count` mixtures of `clips` made by
    mixes.make_scene (seeds [seed, 5, i]: not the training scenes'), labelled as training
    labels scene windows (mixes.window_label; bed-only windows kept at BACKGROUND_KEEP)."""
    keep_rng = np.random.default_rng([seed, 6])
    E, y = [], []
    for i in range(count):
        made = mixes.make_scene(np.random.default_rng([seed, 5, i]), clips, mixes.Mixes.MINUTES)
        if made is None:
            break
        pcm, marks = made
        _, emb = teacher.outputs(pcm)
        for s in starts(len(logmel_frames(pcm))):
            name = mixes.window_label(s, marks)
            if name is None or (name == 'background'
                                and keep_rng.random() >= mixes.Mixes.BACKGROUND_KEEP):
                continue
            E.append(emb[s // HOP_FRAMES])
            y.append(labels.index(name if name in labels else 'other'))
    return np.array(E, np.float32), np.array(y, int)


def head_hearing_mixtures(count, data):
    """Patches distil.Teaching so its head (the one that labels mixture windows) also learns
    `count` door mixtures of the training clips."""
    fitted = distil.Teaching.__init__

    def init(self, teacher, windows, groups, n_labels, sample_weight=None):
        fitted(self, teacher, windows, groups, n_labels, sample_weight)
        labels = data.labels_of(windows.clips)
        real = [c for c in windows.clips if not c.augmented]
        Em, ym = mixture_windows(teacher, real, labels, count)
        E = distil.window_embeddings(teacher, windows)
        y = np.concatenate([windows.y, ym])
        w = np.concatenate([np.ones(len(windows.y)), np.full(len(ym), mixes.Mixes.WEIGHT)])
        self.head = distil.Head(n_labels).fit(
            np.concatenate([E, Em]), y, balanced(y, n_labels, labels.index('other'), w))
        print('teacher head: %d clip windows + %d mixture windows' % (len(E), len(Em)),
              file=sys.stderr)
    distil.Teaching.__init__ = init


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--scenes', type=int, default=80)
    ap.add_argument('--epochs', type=int, default=CnnRecipe.EPOCHS,
                    help='(more windows an epoch: fewer epochs give the net as many steps)')
    ap.add_argument('--tag', default='-door')
    ap.add_argument('--reuse', action='store_true')
    ap.add_argument('--target-share', type=float, default=SETTINGS['target_share'],
                    help='share of the mixtures\' sounds that are one of the nine (the rest '
                    '`other`)')
    ap.add_argument('--mixed-too', action='store_true', help="half the scenes the recipe's "
                    'mixed ones (its 40 with --scenes 80)')
    ap.add_argument('--default', metavar='OUT', help="train a default candidate instead: "
                    "`earmark train`'s own path (every fold, its cross-validation: about an hour "
                    'of both cores) with these mixtures, into OUT')
    ap.add_argument('--head-mixes', type=int, default=0, help="door mixtures the teacher's "
                    'head learns from too (0: clean clips only, the recipe)')
    args, rest = ap.parse_known_args()
    data = ['../shared/data/train', '../shared/data/other', '../shared/data/negatives']
    scenes.DOOR[KIND] = dict(SETTINGS, target_share=args.target_share)
    mixes.make_scene = door_make_scene(bed_kind_of(data[:1]), args.mixed_too)
    mixes.Mixes.SCENES = args.scenes
    CnnRecipe.EPOCHS = args.epochs
    if args.head_mixes:
        from training import data as data_module
        head_hearing_mixtures(args.head_mixes, data_module)
    if args.default:
        from training import commands
        folder, m = commands.train(data, Path(args.default))
        print(folder, m['macro_f1'], m['clip_macro_f1'])
        return
    sys.argv = [sys.argv[0], '--variants', 'distilled', '--tag=' + args.tag] + \
        (['--reuse'] if args.reuse else []) + rest
    heldout.main()


if __name__ == '__main__':
    main()
