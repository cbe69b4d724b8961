"""`earmark train` and `earmark evaluate`: the host side of the model (their options, and
`earmark classify`, are in earmark/model_commands.py)."""
import json
import sys
from pathlib import Path

# Heavy imports (numpy, scikit-learn, librosa) wait until a model command runs.


def held_out(clips, patterns):
    """The clips whose fold matches none of `patterns` (shell patterns over the fold column; N
    means esc50-foldN, as `earmark scenes --folds` reads them): scenes made from the excluded
    folds then score a model that never heard them."""
    import fnmatch
    patterns = ['esc50-fold%s' % p if p.isdigit() else p for p in patterns or ()]
    kept = [c for c in clips if not any(fnmatch.fnmatchcase(c.fold, p) for p in patterns)]
    if not kept:
        raise ValueError('--exclude-folds %s leaves no clips' % ' '.join(patterns))
    return kept


def teacher_of(path, off):
    """The teacher a model learns from (training/teacher.py), or None with --no-teacher."""
    if off:
        return None
    from .teacher import Teacher
    return Teacher(path)


def train(folders, out, exclude=None, learner=None, teacher_path=None, no_teacher=False,
          channels=None):
    """`channels`: the net's channels per layer, when not the recipe's (a PSRAM board's wider
    net); the bundle's recipe records them."""
    from . import bundle, data
    from .cnn import CnnRecipe
    from .evaluate import cross_validate, metrics
    from .features import IMPLEMENTATION
    from .model import Trained
    if channels:
        CnnRecipe.CHANNELS = tuple(channels)
    clips = held_out(data.load(folders), exclude)
    labels = data.labels_of(clips)
    teacher = teacher_of(teacher_path, no_teacher)
    print('earmark: %d clips, labels %s; front end: %s; teacher: %s' % (
        len(clips), ', '.join(labels), IMPLEMENTATION,
        teacher.path if teacher else 'none (hard labels only)'), file=sys.stderr)
    m = metrics(cross_validate(clips, labels, learner=learner, teacher=teacher), clips, labels,
                learner, teacher)
    final = Trained(clips, labels, desc='final model', learner=learner, teacher=teacher)
    m['augmented_clips'] = final.n_augmented
    folder = bundle.write(final, out, data.data_hash(clips), m)
    return folder, m


def sample_windows(folders, limit=64):
    """Real sounding windows of log-mel frames, a few per clip, for timing on the device."""
    from . import data
    return sounding_windows(data.load(folders)[::7], limit)


def sounding_windows(clips, limit=64):
    """Up to `limit` sounding windows of the clips, in their order."""
    import numpy as np
    from .windows import clip_windows
    out = []
    for clip in clips:
        windows, live = clip_windows(clip.pcm, clip.label)
        out += list(windows[live][:limit - len(out)])
    return np.array(out, dtype=np.int16)


def cross_validated(model, meta, clips, fresh=False, teacher_path=None):
    """The fold-grouped metrics of the bundle's recipe on `clips`. `earmark train` ran that very
    cross-validation and kept it in metrics.json: when the data (its hash) and the recipe are the
    bundle's own, that is reused (a pair's takes an hour to redo), unless `fresh`."""
    from . import data
    from .evaluate import cross_validate, metrics
    from .cnn import CnnRecipe
    from .model import MEAN_SHARE, Recipe
    from .openset import OpenSet
    labels = meta['labels']
    recipe = meta.get('recipe', {})
    learner = recipe.get('learner', 'trees')
    net = recipe.get('net', recipe if learner == 'cnn' else {})
    if net.get('channels'):   # a wider net's bundle (train --channels) is its own recipe
        CnnRecipe.CHANNELS = tuple(net['channels'])
    Recipe.PAIR_NETS = recipe.get('nets', 1)
    Recipe.TREES_SHARE = recipe.get('trees_share', MEAN_SHARE)
    checks = recipe.get('open_set', {})
    OpenSet.DOOR_KEEP = checks.get('door_keep', checks.get('keep', OpenSet.KEEP))
    OpenSet.DOOR_AGREE = checks.get('door_agree', checks.get('agree', OpenSet.AGREE))
    teacher = teacher_of(teacher_path, 'teacher' not in recipe)
    saved = Path(model) / 'metrics.json'
    # the metrics' own recipe too: a pair joined with more nets (training/bundle.with_nets)
    # keeps the first's metrics, a cross-validation of one net
    same = (meta.get('training_data_sha256') == data.data_hash(clips) and saved.is_file()
            and recipe == json.loads(json.dumps(Recipe.as_dict(learner, teacher)))
            and json.loads(saved.read_text()).get('recipe') == recipe)
    if same and not fresh:
        print('earmark: %s was cross-validated on this data with this recipe when it was '
              'trained; its metrics.json is the evaluation (--fresh redoes it)' % model,
              file=sys.stderr)
        return json.loads(saved.read_text())
    return metrics(cross_validate(clips, labels, learner=learner, teacher=teacher), clips,
                   labels, learner, teacher)


def evaluate(model, folders, report_dir, fresh=False, teacher_path=None):
    from . import bundle, data, onboard
    from .evaluate import confusion_png, report
    meta = bundle.read(model)
    clips = data.load(folders)
    labels = meta['labels']
    unknown = sorted({c.label for c in clips} - set(labels))
    if unknown:
        raise ValueError('data has labels the model does not know: %s' % ', '.join(unknown))
    m = cross_validated(model, meta, clips, fresh, teacher_path)
    device = onboard.measure(model, sample_windows(folders))
    report_dir = Path(report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    confusion_png(m, report_dir / 'confusion.png')
    size = bundle.size(model)
    report(m, device, size, report_dir / 'report.md', 'confusion.png')
    summary = {'macro_f1': m['macro_f1'], 'macro_f1_thresholded': m['macro_f1_thresholded'],
               'clip_macro_f1': m['clip_macro_f1'], 'retrieval_p5': m['retrieval_p5'],
               'retrieval_p5_raw_baseline': m['retrieval_p5_raw_baseline'],
               'other_given_a_label': m['open_set']['other_windows_given_a_label'],
               'event_threshold': m['event_threshold'], 'scenes': m['scenes'],
               'bundle_bytes': size, 'ms_per_window': round(device['ms_window'], 3),
               'heap_model': device['heap_model'], 'heap_window': device['heap_window'],
               'runtime': device['runtime'], 'evaluator': device['evaluator'],
               'report': str(report_dir / 'report.md')}
    return summary


def cmd_train(args):
    from . import bundle
    folder, m = train(args.data, Path(args.out), args.exclude_folds, args.learner,
                      args.teacher, args.no_teacher, args.channels)
    print(json.dumps({'model': str(folder), 'macro_f1': m['macro_f1'],
                      'retrieval_p5': m['retrieval_p5'], 'bytes': bundle.size(folder)}))


def cmd_evaluate(args):
    print(json.dumps(evaluate(args.model, args.data, args.report, args.fresh, args.teacher)))
