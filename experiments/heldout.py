"""Held-out comparison of students (issue 22): the same recipe trained on hard labels alone and
with the teacher's soft targets, scored on clips the model never heard, by the device's own code.

Held out: the clips of the project's held-out folds (`4 'speaker:tuxpaint-*' src:Dashticz`), and
whole kinds of unfamiliar sound: every third kind of ../shared/data/negatives (sorted by name)
never trains in any fold, so "an unfamiliar sound given one of the nine event labels" is
measured on kinds the student has never heard, as the judge's are. No threshold is tuned: both
students decide by their top score and a window's event threshold is the shipped 0.35 (a fair
comparison, not either's best). Bundles go to build/heldout/<variant>; run
experiments/door_scenes.py --model build/heldout/<variant> for the detector's figures.
A student trained now carries open-set prototypes (training/openset.py, round 12); round 11's
rows had none (experiments/open_set.py adds them to a bundle trained before).

    .venv/bin/python experiments/heldout.py [--variants hard distilled] [--learner pair]

More sound data (`--extra training/sounds training/datasets`, round 18): their folds are split
in two by a CRC of the fold's name; the first half is held out (scored apart, as `added`), the
second trains only for the folders named in `--extra-train`, so arms differ in that half alone.
Round 20's arm: `--extra build/sounds build/datasets --extra-train build/sounds build/datasets
--extra-without baby_crying --tag=-r20-us8k`. Round 22's: the default's recipe with `--head bands
--tag=-r22-bands` (the recipe's head since; `--head pooled` for rounds 12-21's students).

Round 11's other rows: `--variants hard --tag=-no-negatives --train-without-negatives`,
`--variants distilled --channels 16 32 64`, `--variants distilled --weight 0.8 --tag=-w0.8`,
`--variants distilled --temperature 4 --tag=-t4`; experiments/student_speed.py times them.
"""
import argparse
import fnmatch
import json
import sys
import zlib
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly
from sklearn.metrics import f1_score, recall_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from training import bundle, data, onboard   # noqa: E402
from training.data import Clip   # noqa: E402
from training.commands import sounding_windows   # noqa: E402
from training.cnn import HEADS, CnnRecipe   # noqa: E402
from training.distil import Distil   # noqa: E402
from training.model import Recipe, Trained   # noqa: E402
from training.teacher import Teacher   # noqa: E402
from training.windows import ACTIVE_DB, frames_of   # noqa: E402

FOLDS = ('esc50-fold4', 'speaker:tuxpaint-*', 'src:Dashticz')
EVENTS = ('doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren')
EVENT_THRESHOLD = 0.35


def kind(clip):
    return Path(clip.path).parent.name


def extra_half(clip):
    """0: held out, 1: may train (a stable split of an added folder by fold, never by clip)."""
    return zlib.crc32(clip.fold.encode()) % 2


def split(clips):
    negatives = sorted({kind(c) for c in clips if '/negatives/' in c.path})
    unheard = set(negatives[::3])
    held = lambda c: any(fnmatch.fnmatchcase(c.fold, p) for p in FOLDS)
    train = [c for c in clips if not held(c) and kind(c) not in unheard]
    test = [c for c in clips if held(c) and kind(c) not in unheard]
    strange = [c for c in clips if kind(c) in unheard]
    return train, test, strange, sorted(unheard)


def band_limited(clips, share, seed, spare='baby_crying'):
    """Copies of a `share` of the clips (none of label `spare`) through a 4 kHz low-pass (down to
    8 kHz and back, as a phone recording is): with donateacry's 8 kHz cries in training, a
    band-limited sound must not mean a baby (round 18)."""
    rng = np.random.default_rng(seed)
    out = []
    for clip in clips:
        if clip.label != spare and rng.random() < share:
            y = resample_poly(resample_poly(clip.pcm.astype(np.float64), 1, 2), 2, 1)
            pcm = np.clip(np.round(y[:len(clip.pcm)]), -32768, 32767).astype(np.int16)
            out.append(Clip(clip.path + '#band', clip.label, clip.fold, clip.source, pcm,
                            augmented=True))
    return out


def score(folder, clips, batch=32):
    """The device code's label for each clip (in batches: the file list is part of the code the
    device runs, and a few hundred names fill its heap)."""
    said = []
    for at in range(0, len(clips), batch):
        _, lines = onboard.classify(folder, [(c.path, frames_of(c.pcm))
                                             for c in clips[at:at + batch]], ACTIVE_DB)
        said += [line['label'] for line in lines]
    return said


def figures(truth, said, labels):
    """Clip macro-F1 over the labels present, and F1 and recall a label."""
    present = [l for l in labels if l in truth]
    f1 = f1_score(truth, said, labels=labels, average=None, zero_division=0)
    recall = recall_score(truth, said, labels=labels, average=None, zero_division=0)
    return {'clip_macro_f1': round(float(f1_score(truth, said, labels=present, average='macro',
                                                  zero_division=0)), 4),
            'clip_f1': dict(zip(labels, np.round(f1, 3).tolist())),
            'clip_recall': dict(zip(labels, np.round(recall, 3).tolist()))}


def open_set_figures(test, said, said_strange):
    """Held-out `other` clips and clips of unheard kinds named one of the event labels; and for
    each kind of held-out `other` that was, what it was named (church bells and clock alarms
    as doorbell: round 22's default)."""
    other = [(s, kind(c)) for s, c in zip(said, test) if c.label == 'other']
    named = {}
    for s, k in other:
        named.setdefault(k, {'clips': 0})
        named[k]['clips'] += 1
        if s in EVENTS:
            named[k][s] = named[k].get(s, 0) + 1
    return {'held_out_other_given_an_event_label': round(
                float(np.mean([s in EVENTS for s, _ in other])), 4),
            'unheard_kinds_given_an_event_label': round(
                float(np.mean([s in EVENTS for s in said_strange])), 4),
            'held_out_other_named_an_event_by_kind': {
                k: n for k, n in sorted(named.items()) if len(n) > 1}}


def windows_of(clips):
    """Sounding windows of some of the clips, to time the device's classifier on."""
    return sounding_windows(clips[::5])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    ap.add_argument('--variants', nargs='+', default=['hard', 'distilled'])
    ap.add_argument('--learner', default=None)
    ap.add_argument('--out', default=str(ROOT / 'build' / 'heldout'))
    ap.add_argument('--reuse', action='store_true', help='score bundles already trained')
    ap.add_argument('--channels', nargs=3, type=int, default=None,
                    help="the net's channels per layer (default the recipe's %s); the variant's "
                    'bundle is named after them' % list(CnnRecipe.CHANNELS))
    ap.add_argument('--head', choices=HEADS, default=None, help="what the net's label layer "
                    "reads (default the recipe's %s; round 22: bands)" % CnnRecipe.HEAD)
    ap.add_argument('--extra', nargs='*', default=(), help='folders of more sound data: half '
                    'their folds held out, the other half trains with --extra-train')
    ap.add_argument('--extra-train', nargs='*', default=(), help='of those folders, the ones '
                    'whose other half trains')
    ap.add_argument('--extra-without', nargs='*', default=(), metavar='LABEL',
                    help="labels of the --extra folders' clips left out everywhere (round 20: "
                    "baby_crying, donateacry's 8 kHz cries)")
    ap.add_argument('--band-limit', type=float, default=0, metavar='SHARE',
                    help='train also on 4 kHz low-passed copies of this share of the training '
                    'clips (round 21; baby cries excepted)')
    ap.add_argument('--seed', type=int, default=None, help="the recipe's seed (scenes, "
                    'augmentation, trees, net; default %d)' % Recipe.SEED)
    ap.add_argument('--net-seed', type=int, default=None, help="the net's seed alone (its "
                    'start and batches), after --seed: a net of another seed on the same '
                    "scenes and trees (round 25's members)")
    ap.add_argument('--tag', default='', help='added to the variant names (bundles, results)')
    ap.add_argument('--train-without-negatives', action='store_true', help='train as the '
                    'recipe did before ../shared/data/negatives (scored on the same clips)')
    ap.add_argument('--weight', type=float, default=None, help="the teacher's share of a "
                    'target (default the recipe\'s %s)' % Distil.WEIGHT)
    ap.add_argument('--temperature', type=float, default=None,
                    help='(default the recipe\'s %s)' % Distil.TEMPERATURE)
    ap.add_argument('--other-weight', type=float, default=None,
                    help="how much more `other` weighs than each label (default the recipe's "
                    '%s)' % Recipe.OTHER_WEIGHT)
    args = ap.parse_args()
    Recipe.OTHER_WEIGHT = args.other_weight or Recipe.OTHER_WEIGHT
    Distil.WEIGHT = args.weight if args.weight is not None else Distil.WEIGHT
    Distil.TEMPERATURE = args.temperature or Distil.TEMPERATURE
    if args.seed is not None:
        Recipe.SEED = CnnRecipe.SEED = args.seed
    if args.net_seed is not None:
        CnnRecipe.SEED = args.net_seed
    if args.channels:
        CnnRecipe.CHANNELS = tuple(args.channels)
    CnnRecipe.HEAD = args.head or CnnRecipe.HEAD
    clips = data.load(args.data)
    labels = data.labels_of(clips)
    train, test, strange, unheard = split(clips)
    added = []
    for folder in args.extra:
        extra = [c for c in data.load_folder(folder) if c.label not in args.extra_without]
        labels = data.labels_of(clips + added + extra)
        added += [c for c in extra if extra_half(c) == 0]
        train += [c for c in extra if extra_half(c) == 1 and folder in args.extra_train]
    if args.train_without_negatives:
        train = [c for c in train if '/negatives/' not in c.path]
    if args.band_limit:
        train += band_limited(train, args.band_limit, Recipe.SEED)
    print('training clips %d, held-out clips %d, clips of %d unheard kinds (%s) %d'
          % (len(train), len(test), len(unheard), ', '.join(unheard), len(strange)))
    results = {}
    for variant in args.variants:
        teacher = Teacher() if variant == 'distilled' else None
        name = variant + ('-%d-%d-%d' % tuple(args.channels) if args.channels else '') + args.tag
        folder = Path(args.out) / name
        if not (args.reuse and (folder / 'model.json').is_file()):
            trained = Trained(train, labels, desc=variant, learner=args.learner, teacher=teacher)
            bundle.write(trained, folder, data.data_hash(train),
                         {'event_threshold': EVENT_THRESHOLD,
                          'recipe': Recipe.as_dict(args.learner, teacher)})
        said = score(folder, test)
        said_added = score(folder, added) if added else []
        said_strange = score(folder, strange)
        results[name] = dict(figures([c.label for c in test], said, labels),
                             **open_set_figures(test, said, said_strange), **{
            'test_clips': len(test), 'train_clips': len(train),
            'bundle': str(folder), 'bundle_bytes': bundle.size(folder),
            'device': onboard.measure(folder, windows_of(test))})
        if added:
            # the added half apart: recordings of another kind than ESC-50's
            results[name]['added'] = dict(figures([c.label for c in added], said_added, labels),
                                          clips=len(added))
        print(name, json.dumps(results[name]))
    print('\n| student | held-out clip macro-F1 | held-out other called an event | unheard kinds '
          'called an event | ms a window | heap: model / window | bundle |\n|---|---|---|---|---|---|---|')
    for variant, r in results.items():
        d = r['device']
        print('| %s | %.3f | %.1f %% | %.1f %% | %.2f (%s) | %d / %d B | %d B |' % (
            variant, r['clip_macro_f1'], 100 * r['held_out_other_given_an_event_label'],
            100 * r['unheard_kinds_given_an_event_label'], d['ms_window'], d['runtime'],
            d['heap_model'], d['heap_window'], r['bundle_bytes']))
    out = ROOT / 'experiments' / 'results' / 'heldout.json'
    out.parent.mkdir(exist_ok=True)
    saved = json.loads(out.read_text()) if out.is_file() else {}
    saved.update(results)
    out.write_text(json.dumps(saved, indent=1) + '\n')


if __name__ == '__main__':
    main()
