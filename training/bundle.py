"""Model bundle folders: what a device loads (device/classifier.py) plus where it came from.

Written into a temporary sibling folder and renamed into place, so a failed run never leaves a
half-written model where a good one was.
"""
import contextlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from . import features
from .model import MEAN_SHARE, export, tree_counts
from .openset import OpenSet
from .windows import HOP_FRAMES, WINDOW_FRAMES

LICENSE = """Earmark model bundle: data licence
=====================================
This model was trained on ESC-50 (K. J. Piczak, "ESC: Dataset for Environmental Sound
Classification", ACM MM 2015), licensed CC BY-NC 3.0: the model is for NON-COMMERCIAL use only.
https://creativecommons.org/licenses/by-nc/3.0/
Speech: Asterisk voice prompts (CC BY-SA 3.0 / CC BY 3.0), Free Spoken Digit Dataset
(CC BY-SA 4.0), Tux Paint stamps (GPL-2). Doorbell clips (and, where training/sounds'
gathered clips trained it, car horn and glass clips): public repositories, licence of the audio
unknown (see the data README and training/sounds/report.csv, which names each file's source).
"""
FILES = {'cnn': ('model.json', 'cnn.bin', 'prototypes.bin', 'centroids.bin', 'metrics.json',
                 'LICENSE'),
         'trees': ('model.json', 'trees.csv', 'embedding.bin', 'centroids.bin', 'metrics.json',
                   'LICENSE')}
FILES['pair'] = FILES['trees'] + ('cnn.bin', 'prototypes.bin')


@contextlib.contextmanager
def _replacing(folder):
    """A temporary sibling folder to fill; when the block succeeds it takes `folder`'s place
    (the old one removed after), when it fails it goes."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix='.' + folder.name + '.', dir=folder.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o755)
        old = None
        if folder.exists():
            old = folder.with_name('.' + folder.name + '.old')
            shutil.rmtree(old, ignore_errors=True)
            folder.rename(old)
        tmp.rename(folder)
        if old:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write(trained, folder, data_hash, metrics):
    folder = Path(folder)
    with _replacing(folder) as tmp:
        (tmp / 'centroids.bin').write_bytes(trained.centroids.tobytes())
        meta = {
            'labels': trained.labels,
            'thresholds': metrics.get('thresholds', {l: 0.0 for l in trained.labels}),
            'event_threshold': metrics.get('event_threshold'),
            'event_thresholds': metrics.get('event_thresholds') or {},
            'frontend': features.config(),
            'frontend_used_in_training': features.IMPLEMENTATION,
            'window_frames': WINDOW_FRAMES,
            'hop_frames': HOP_FRAMES,
            'centroids': {'count': int(len(trained.centroids)), 'file': 'centroids.bin'},
            'recipe': metrics.get('recipe', {}),
            'training_data_sha256': data_hash,
            'trained': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
            'license': 'CC BY-NC 3.0 (ESC-50): non-commercial use only, see LICENSE',
        }
        meta.update(_learner(trained, tmp))
        (tmp / 'model.json').write_text(json.dumps(meta, indent=1) + '\n')
        (tmp / 'metrics.json').write_text(json.dumps(metrics, indent=1) + '\n')
        (tmp / 'LICENSE').write_text(LICENSE)
    return folder


def _learner(trained, tmp):
    """Writes the learner's files; returns its part of model.json (format 2 trees, 3 a net, 4
    the pair)."""
    net = {}
    if trained.learner != 'trees':
        (tmp / 'cnn.bin').write_bytes(trained.net.blob())
        (tmp / 'prototypes.bin').write_bytes(trained.prototypes.blob())
        net = {'format': 3, 'cnn': trained.net.spec(), 'prototypes': trained.prototypes.spec(),
               **OpenSet.door_check()}
        if trained.learner == 'cnn':
            return net
        more = []
        for k, (q, protos) in enumerate(trained.more_nets, 2):
            names = more_files(k)
            (tmp / names[0]).write_bytes(q.blob())
            (tmp / names[1]).write_bytes(protos.blob())
            more.append({'cnn': q.spec(names[0]), 'prototypes': protos.spec(names[1])})
        if more:
            net['more_nets'] = more
    converted = export(trained.model, tmp / 'trees.csv')
    (tmp / 'embedding.bin').write_bytes(trained.embedding.weights.tobytes())
    return dict(net, **{
        'format': 4 if net else 2,
        **({'trees_share': trained.trees_share} if net else {}),
        'n_features': int(trained.model.n_features_in_),
        'trees': dict(tree_counts(converted), file='trees.csv', voting='majority'),
        'embedding': {'dim': trained.embedding.dim, 'votes': trained.embedding.n_votes,
                      'file': 'embedding.bin',
                      'bias': [int(b) for b in trained.embedding.bias],
                      'scale': [float(s) for s in trained.embedding.scale]}})


def more_files(k):
    """The weights and prototypes files of a pair's k-th net (2, 3, ...)."""
    return 'cnn-%d.bin' % k, 'prototypes-%d.bin' % k


def with_nets(first, others, out):
    """A pair bundle at `out`: `first` with the nets (and their prototypes) of the bundles
    `others` as its further nets, what a recipe of `Recipe.PAIR_NETS` nets trains in one go
    (training/model.further_net). Each other must hold a net of the first's recipe and labels
    with the seeds that recipe gives its k-th net (the first's + k - 1), so that the bundle is
    the recipe's and can be trained again. Returns `out`. Its metrics.json is the first's, a
    cross-validation of one net: `earmark evaluate` sees another recipe in model.json and
    cross-validates anew."""
    first, out = Path(first), Path(out)
    meta = read(first)
    if meta.get('format') != 4 or meta.get('more_nets'):
        raise ValueError('%s: only a pair of one net takes more nets' % first)
    net = meta['recipe']['net']
    more = []
    for k, other in enumerate(others, 2):
        om = read(other)
        theirs = om['recipe'].get('net', om['recipe'])
        wanted = dict(net, seed=net['seed'] + k - 1)
        if om['labels'] != meta['labels'] or {n: theirs.get(n) for n in net} != wanted:
            raise ValueError('%s: not a net of the recipe and labels of %s with seed %d' % (
                other, first, net['seed'] + k - 1))
        names = more_files(k)
        more.append({'cnn': dict(om['cnn'], file=names[0]),
                     'prototypes': dict(om['prototypes'], file=names[1])})
    with _replacing(out) as tmp:
        for p in first.iterdir():
            if p.is_file():
                shutil.copyfile(p, tmp / p.name)
        for other, spec in zip(others, more):
            shutil.copyfile(Path(other) / 'cnn.bin', tmp / spec['cnn']['file'])
            shutil.copyfile(Path(other) / 'prototypes.bin', tmp / spec['prototypes']['file'])
        meta['more_nets'] = more
        meta['recipe'] = dict(meta['recipe'], nets=1 + len(more))
        (tmp / 'model.json').write_text(json.dumps(meta, indent=1) + '\n')
    return out


def read(folder):
    folder = Path(folder)
    path = folder / 'model.json'
    if not path.is_file():
        raise ValueError('%s: not a model bundle (no model.json)' % folder)
    return json.loads(path.read_text())


def trees_share(meta):
    """The forest's share of each of a pair's scores (model.json 'trees_share')."""
    return meta.get('trees_share', MEAN_SHARE)


def door_check(meta):
    """(keep, agree) of the open-set check in the scores the segmenter sees: model.json's
    'door_check', else (a bundle before round 29) those of its net's prototypes."""
    if meta.get('door_check'):
        return meta['door_check']['keep'], meta['door_check']['agree']
    return meta['prototypes']['keep'], meta['prototypes'].get('agree', 1.0)


def has_trees(meta):
    """Does the bundle (model.json's meta) hold trees: a forest (format 2) or a pair (4), not a
    net alone (3)?"""
    return meta['format'] != 3


def weights_file(meta):
    """The name of the file a bundle's learner keeps its weights in (model.json's meta; a
    pair's trees)."""
    return (meta['trees'] if has_trees(meta) else meta['cnn'])['file']


def size(folder):
    return sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file())
