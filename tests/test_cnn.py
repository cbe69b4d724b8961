"""The convolutional learner: Keras net -> int8 (training/cnn.py) -> device/cnn.py, same numbers."""
import json
from pathlib import Path

import numpy as np
import pytest

from earmark import DEVICE, image, runtime
from training import bundle, cnn
from training.cnn import Batches, CnnRecipe, Quantized, fit, inputs
from earmark.bridge import device_module as module
from training.model import Embedding, Recipe, Trained, balanced, centroids, forest, votes
from training.openset import OpenSet, Prototypes
from training.windows import summarise

from bundles import edited
from test_model import LABELS

FRAMES, BANDS = 62, 40


def windows(n, seed):
    """Made-up windows whose label is which bands carry a tone, over noise at a random level."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % len(LABELS)
    P = rng.normal(-6000, 400, (n, FRAMES, BANDS)) + rng.uniform(-2000, 2000, (n, 1, 1))
    for i, label in enumerate(y):
        t0 = rng.integers(0, FRAMES - 20)
        P[i, t0:t0 + 20, 3 * label:3 * label + 3] += 2500
    return np.clip(P, -32768, 32767).astype(np.int16), y


def train(head):
    P, y = windows(660, 1)
    # The made-up labels are band positions, which the training's variations (a shift of two
    # bands, masks of six) would blur into each other: test_batches holds those to their job.
    with pytest.MonkeyPatch.context() as mp:   # module-scoped: the function fixture won't do
        for name, value in (('EPOCHS', 25), ('BATCH', 32), ('TIME_MASK', 0), ('BAND_MASK', 0),
                            ('BAND_SHIFT', 0), ('HEAD', head)):
            mp.setattr(CnnRecipe, name, value)
        net = fit(P, y, len(LABELS), balanced(y, len(LABELS)))
    return net, Quantized(net, P[:300])


@pytest.fixture(scope='module')
def trained():
    return train('pooled')


@pytest.fixture(scope='module')
def banded():
    """A net whose label layer reads every band's channels (CnnRecipe.HEAD 'bands')."""
    return train('bands')


@pytest.mark.parametrize('head', ['pooled', 'bands'])
def test_int8_net_agrees_with_the_float_net(head, trained, banded):
    net, q = trained if head == 'pooled' else banded
    assert q.head == head and q.spec().get('head', 'pooled') == head
    P, y = windows(220, 2)
    emb, scores = q.forward(P)
    floats = net.predict((inputs(P) / 16.0)[..., None], verbose=0)
    agree = (scores.argmax(1) == floats.argmax(1)).mean()
    assert agree >= 0.92, agree
    assert np.abs(scores - floats).mean() < 0.03
    assert (scores.argmax(1) == y).mean() >= 0.7     # it learned the made-up task
    assert emb.shape == (len(P), CnnRecipe.CHANNELS[-1]) and emb.min() >= 0
    assert len({tuple(e) for e in emb}) > 100        # embeddings tell windows apart


def test_batches_vary_each_window_and_keep_its_label_and_weight():
    P, y = windows(300, 3)
    weight = np.arange(300, dtype=float)
    batches = Batches(P, y, weight, seed=0)
    plain = inputs(P) / 16.0
    seen, shifted, masked = set(), 0, 0
    for i in range(len(batches)):
        x, labels, w = batches[i]
        assert x.shape[1:] == (FRAMES, BANDS, 1) and len(x) == len(labels) == len(w)
        for xi, label, wi in zip(x[..., 0], labels, w):
            k = int(wi)                   # the weight names the window it came from
            assert label == y[k]
            seen.add(k)
            masked += bool((xi == 0).all(axis=1).any() or (xi == 0).all(axis=0).any())
            shifted += not np.array_equal(np.where(xi == 0, plain[k], xi), plain[k])
    assert seen == set(range(300))        # every window once an epoch
    assert masked > 200 and shifted > 150   # most windows: widths and shifts of 0 are drawn too
    batches.epoch()
    assert not np.array_equal(batches[0][0], batches[0][0])   # drawn anew each time


class Fake:
    """What bundle.write needs for a net (no data required)."""
    learner = 'cnn'
    labels = LABELS

    def __init__(self, q, P, y):
        self.net = q
        self.centroids = centroids(q.forward(P)[0], Recipe.CENTROIDS)
        self.prototypes = Prototypes.fit(q.forward(P)[0], y, LABELS)


@pytest.fixture(scope='module')
def cnn_bundle(trained, tmp_path_factory):
    P, y = windows(200, 3)
    folder = bundle.write(Fake(trained[1], P, y), tmp_path_factory.mktemp('c') / 'model', 'no-data',
                          {'thresholds': {l: 0.0 for l in LABELS}, 'event_threshold': 0.4})
    return folder


def naive_layer(x, wq, bq, shift, pool):
    """training/cnn.py's `layer`, written again independently of it: each output cell's 3x3
    field laid out as a row (im2col) times the weights, then 2x2 max pooling cell by cell, a
    rounding right shift as a floor division, ReLU to 0..127. In CPython the device's net runs
    `layer` itself (earmark/shims/cnn_host.py), so only this makes its test more than the host
    compared with itself."""
    n, h, w, cin = x.shape
    cout = wq.shape[3]
    pad = np.zeros((n, h + 2, w + 2, cin), np.int64)
    pad[:, 1:-1, 1:-1] = x
    fields = np.lib.stride_tricks.sliding_window_view(pad, (3, 3), axis=(1, 2))
    cols = fields.transpose(0, 1, 2, 4, 5, 3).reshape(n, h, w, 9 * cin)   # (ky, kx, cin) order
    acc = cols @ wq.reshape(9 * cin, cout).astype(np.int64)
    if pool:
        pooled = np.empty((n, h // 2, w // 2, cout), np.int64)
        for i in range(h // 2):
            for j in range(w // 2):
                pooled[:, i, j] = acc[:, 2 * i:2 * i + 2, 2 * j:2 * j + 2].max(axis=(1, 2))
        acc = pooled
    step = 2 ** np.asarray(shift, np.int64)
    return np.clip((acc + bq + step // 2) // step, 0, 127)


def reference(q, P):
    """(embeddings, probabilities) of Quantized.forward with naive_layer for the convolutions;
    the host's own forward must give the same."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cnn, 'layer', naive_layer)
        emb, scores = q.forward(P)
    host = q.forward(P)
    assert np.array_equal(host[0], emb) and np.allclose(host[1], scores)
    return emb, scores


EACH_WINDOW = '''
import classifier, json
from array import array
c = classifier.Classifier(%r)
buf = array('h', bytes(2 * c.window_frames * c.n_mels))
f = open(%r, 'rb')
while f.readinto(buf) == 2 * len(buf):%s
'''


def each_window(device, folder, P, tmp, body, **kw):
    """The device's output lines of `body` (code indented under a loop over the windows P,
    each in `buf`, with `c` the bundle's classifier)."""
    path = Path(tmp) / 'windows.bin'
    path.write_bytes(np.ascontiguousarray(P, '<i2').tobytes())
    return device.json_lines(EACH_WINDOW % (str(folder), str(path), body), **kw)


def device_run(device, folder, P, tmp):
    path = Path(tmp) / 'windows.bin'
    path.write_bytes(np.ascontiguousarray(P, '<i2').tobytes())
    return device.json_lines('''
import classifier, gc, json
from array import array
c = classifier.Classifier(%r)
buf = array('h', bytes(2 * c.window_frames * c.n_mels))
f = open(%r, 'rb')
worst = 0
alloc = getattr(gc, 'mem_alloc', lambda: 0)     # MicroPython's; CPython measures nothing
while f.readinto(buf) == 2 * len(buf):
    gc.collect(); gc.disable()
    before = alloc()
    x = c.features(buf)
    s = c.scores(x)
    worst = max(worst, alloc() - before)
    gc.enable()
    print(json.dumps([list(c.embed(x)), s, c.level(x)]))
print(json.dumps({'evaluator': c.evaluator, 'garbage': worst}))
''' % (str(folder), str(path)))


def test_bundle_runs_on_the_device_with_the_host_numbers(device, cnn_bundle, trained, tmp_path):
    """Embeddings equal to the last bit, probabilities to float rounding, in micropython (128 KB
    heap) and CPython; a window makes little garbage (the activations live in two buffers)."""
    meta = bundle.read(cnn_bundle)
    assert meta['format'] == 3 and sorted(p.name for p in cnn_bundle.iterdir()) == sorted(
        bundle.FILES['cnn'])
    P, _ = windows(12 if device.name == 'micropython' else 2, 4)
    P[0, :, :] = 32767          # clipped
    P[1, :, :] = -32768         # silence below the floor
    *rows, info = device_run(device, cnn_bundle, P, tmp_path)
    emb, raw = reference(trained[1], P)
    again = Quantized.load(cnn_bundle).forward(P)     # the bundle read back on the host
    assert np.array_equal(again[0], emb) and np.allclose(again[1], raw)
    protos = Prototypes.load(cnn_bundle)              # with the bundle's keep and agree
    scores = protos.apply(raw, emb, LABELS)           # the open-set check (training/openset.py)
    assert np.array_equal(np.array([r[0] for r in rows]), emb)
    assert np.abs(np.array([r[1] for r in rows]) - scores).max() < 1e-5
    assert [r[2] for r in rows] == list(P.reshape(len(P), -1).astype(np.int64).sum(1) //
                                        (FRAMES * BANDS))
    assert info['evaluator'].startswith('cnn.py')
    if device.name == 'micropython':
        # The embedding, the scores list and the softmax's floats (boxed on this port), and
        # the open-set check's (about 1 KB, in windows nearest a quiet prototype); the
        # activation maps (20 KB) are made once, not per window.
        assert info['garbage'] <= 3584, info


class FakePair(Fake):
    """A pair: the net and a forest over the summary features of the same windows."""
    learner = 'pair'
    trees_share = Recipe.TREES_SHARE

    def __init__(self, q, P, y, more=()):
        self.net = q
        X = summarise(P)
        self.model = forest(X, y, len(LABELS), trees=Recipe.PAIR_TREES)
        self.embedding = Embedding().fit(X, y, Recipe.EMBED_DIM, len(LABELS))
        self.centroids = centroids(self.embedding(X, votes(self.model, X)), Recipe.CENTROIDS)
        self.prototypes = Prototypes.fit(q.forward(P)[0], y, LABELS)
        self.more_nets = [(m, Prototypes.fit(m.forward(P)[0], y, LABELS)) for m in more]


def test_a_bands_head_runs_on_the_device_with_the_host_numbers(device, banded, tmp_path_factory,
                                                              tmp_path):
    """The 'bands' head: the bundle says so, and the device's band means and label layer give
    the host's numbers, read back from the bundle too, with no more garbage a window."""
    P, y = windows(200, 3)
    folder = bundle.write(Fake(banded[1], P, y), tmp_path_factory.mktemp('b') / 'model',
                          'no-data', {'thresholds': {l: 0.0 for l in LABELS},
                                      'event_threshold': 0.4})
    spec = bundle.read(folder)['cnn']
    assert spec['head'] == 'bands' and spec['band_mul'] == banded[1].band_mul
    Q, _ = windows(12 if device.name == 'micropython' else 3, 4)
    *rows, info = device_run(device, folder, Q, tmp_path)
    emb, raw = reference(Quantized.load(folder), Q)
    again = banded[1].forward(Q)
    assert np.array_equal(again[0], emb) and np.allclose(again[1], raw)
    scores = Prototypes.load(folder).apply(raw, emb, LABELS)
    assert np.array_equal(np.array([r[0] for r in rows]), emb)
    assert np.abs(np.array([r[1] for r in rows]) - scores).max() < 1e-5
    if device.name == 'micropython':
        assert info['garbage'] <= 3584, info


@pytest.mark.parametrize('said', [True, False], ids=['trees_share', 'before-round-28'])
def test_a_pair_weighs_its_trees_and_its_net_on_the_device(device, trained, tmp_path, said):
    """A pair bundle (format 4): the device's scores are the forest's votes times the bundle's
    trees_share plus the net's probabilities times the rest (half and half in a bundle that
    does not say), its embedding the forest's, the same numbers as the host's."""
    P, y = windows(330, 5)
    pair = FakePair(trained[1], P, y)
    folder = bundle.write(pair, tmp_path / 'model', 'no-data',
                          {'thresholds': {l: 0.0 for l in LABELS}, 'event_threshold': 0.4})
    meta = bundle.read(folder)
    assert meta['format'] == 4 and meta['trees']['trees'] == Recipe.PAIR_TREES
    assert meta['trees_share'] == Recipe.TREES_SHARE != 0.5
    if not said:
        del meta['trees_share']
        (folder / 'model.json').write_text(json.dumps(meta))
    assert sorted(p.name for p in folder.iterdir()) == sorted(bundle.FILES['pair'])
    Q, _ = windows(8 if device.name == 'micropython' else 2, 6)
    *rows, info = device_run(device, folder, Q, tmp_path)
    X = summarise(Q)
    V = votes(pair.model, X)
    emb, net = reference(trained[1], Q)
    w = Recipe.TREES_SHARE if said else 0.5
    scores = pair.prototypes.apply(w * V + (1 - w) * net, emb, LABELS)
    if said:   # a share that is not a half changes the scores
        assert np.abs(scores - pair.prototypes.apply((V + net) / 2, emb, LABELS)).max() > 0.01
    assert np.abs(np.array([r[1] for r in rows]) - scores).max() < 1e-5
    assert np.array_equal(np.array([r[0] for r in rows]), pair.embedding(X, V))
    assert [r[2] for r in rows] == list(X[:, 2 * BANDS + 3 * module('classifier').CEPSTRA])
    assert info['evaluator'].startswith('cnn.py (viper, int8) + ')


@pytest.mark.parametrize('said', [True, False], ids=['door_check', 'before-round-29'])
def test_the_segmenter_s_scores_take_the_bundle_s_door_check(device, trained, tmp_path, said):
    """A bundle trained now says the open-set check of the scores the segmenter sees
    (model.json door_check: OpenSet.DOOR_KEEP and DOOR_AGREE): the device's scores(door=True)
    are the host's with those shares, its other scores keep the prototypes' own; a bundle that
    does not say gives the same scores both ways."""
    P, y = windows(330, 5)
    pair = FakePair(trained[1], P, y)
    folder = bundle.write(pair, tmp_path / 'model', 'no-data',
                          {'thresholds': {l: 0.0 for l in LABELS}, 'event_threshold': 0.4})
    meta = bundle.read(folder)
    door = (OpenSet.DOOR_KEEP, OpenSet.DOOR_AGREE)
    assert bundle.door_check(meta) == door != (pair.prototypes.keep, pair.prototypes.agree)
    if not said:
        del meta['door_check']
        (folder / 'model.json').write_text(json.dumps(meta))
    Q, _ = windows(8 if device.name == 'micropython' else 3, 6)
    rows = each_window(device, folder, Q, tmp_path, '''
    x = c.features(buf)
    print(json.dumps([c.scores(x), c.scores(x, door=True)]))''')
    X = summarise(Q)
    V = votes(pair.model, X)
    emb, net = reference(trained[1], Q)
    both = Recipe.TREES_SHARE * V + (1 - Recipe.TREES_SHARE) * net
    clips = pair.prototypes.apply(both, emb, LABELS)
    doors = pair.prototypes.apply(both, emb, LABELS, *door) if said else clips
    assert np.abs(np.array([r[0] for r in rows]) - clips).max() < 1e-5
    assert np.abs(np.array([r[1] for r in rows]) - doors).max() < 1e-5
    assert (np.abs(doors - clips).max() > 0.01) == said
    if said:   # training scores a pair's scenes (the door) and clips the same way
        assert np.allclose(as_trained(pair).predict(Q, door=True)[0], doors)
        assert np.allclose(as_trained(pair).predict(Q)[0], clips)


def model_heap(device, folder):
    """Bytes the device's classifier of `folder` holds once loaded."""
    return int(device.run('''
import gc, classifier
gc.collect(); before = gc.mem_alloc()
c = classifier.Classifier(%r)
gc.collect(); print(gc.mem_alloc() - before)
''' % str(folder)).split()[-1])


def test_a_pair_of_two_nets_averages_each_net_s_pair_on_the_device(device, trained, banded,
                                                                   tmp_path):
    """A pair with a further net (model.json 'more_nets'): each net is paired with the trees and
    passes its own prototypes' check, the scores are the mean of the two pairs, on the device as
    on the host (the bundle read back too); the second net runs in the first's buffers."""
    P, y = windows(330, 5)
    pair = FakePair(trained[1], P, y, more=[banded[1]])
    folder = bundle.write(pair, tmp_path / 'model', 'no-data',
                          {'thresholds': {l: 0.0 for l in LABELS}, 'event_threshold': 0.4})
    meta = bundle.read(folder)
    assert [m['cnn']['file'] for m in meta['more_nets']] == ['cnn-2.bin']
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        bundle.FILES['pair'] + bundle.more_files(2))
    Q, _ = windows(8 if device.name == 'micropython' else 2, 6)
    *rows, info = device_run(device, folder, Q, tmp_path)
    X = summarise(Q)
    V = votes(pair.model, X)
    pairs = []
    for k, q in enumerate((trained[1], banded[1])):
        emb, net = reference(Quantized.load(folder, k), Q)
        assert np.array_equal(emb, q.forward(Q)[0])
        w = Recipe.TREES_SHARE
        pairs.append(Prototypes.load(folder, k).apply(w * V + (1 - w) * net, emb, LABELS))
    scores = (pairs[0] + pairs[1]) / 2
    assert np.abs(pairs[0] - pairs[1]).max() > 0.05     # the second net changes the scores
    assert np.abs(as_trained(pair).predict(Q)[0] - scores).max() < 1e-9   # training's twin
    assert np.abs(np.array([r[1] for r in rows]) - scores).max() < 1e-5
    assert np.array_equal(np.array([r[0] for r in rows]), pair.embedding(X, V))
    assert info['evaluator'].startswith('cnn.py (viper, int8) x2 + ')
    if device.name == 'micropython':
        one = bundle.write(FakePair(trained[1], P, y), tmp_path / 'one', 'no-data',
                           {'thresholds': {l: 0.0 for l in LABELS}, 'event_threshold': 0.4})
        *_, alone = device_run(device, one, Q, tmp_path)
        # per window, the second net's scores and their mean with the first's (floats, boxed
        # on this port); not another set of activation maps (20 KB for these nets)
        assert info['garbage'] - alone['garbage'] <= 8192, (info, alone)
        # the second net's weights and prototypes (read into the heap off a ROM), its band
        # means and embedding: not another set of activation maps either
        more = sum((folder / n).stat().st_size for n in bundle.more_files(2))
        assert model_heap(device, folder) - model_heap(device, one) < more + 3072


def as_trained(pair):
    """A training.model.Trained holding a FakePair's parts (its predict() is what training
    scores a pair by)."""
    t = Trained.__new__(Trained)
    t.__dict__.update(pair.__dict__, learner='pair', labels=LABELS, trees_share=pair.trees_share)
    return t


def test_nets_of_the_recipe_s_next_seeds_join_a_pair(trained, banded, tmp_path):
    """bundle.with_nets: a pair and a net bundle of the recipe's next seed make the pair of two
    nets that bundle.write makes of both; a net of another seed, recipe or labels is refused."""
    P, y = windows(330, 5)
    recipe = Recipe.as_dict('pair')
    first = bundle.write(FakePair(trained[1], P, y), tmp_path / 'first', 'no-data',
                         {'thresholds': {l: 0.0 for l in LABELS}, 'recipe': recipe})
    second = Fake(banded[1], P, y)
    net_recipe = dict(Recipe.as_dict('cnn'), seed=recipe['net']['seed'] + 1)
    other = bundle.write(second, tmp_path / 'other', 'no-data', {'recipe': net_recipe})
    joined = bundle.with_nets(first, [other], tmp_path / 'joined')
    meta = bundle.read(joined)
    assert meta['recipe'] == dict(recipe, nets=2)
    assert meta['more_nets'] == [{'cnn': dict(banded[1].spec('cnn-2.bin')),
                                  'prototypes': second.prototypes.spec('prototypes-2.bin')}]
    assert (joined / 'cnn-2.bin').read_bytes() == banded[1].blob()
    assert (joined / 'prototypes-2.bin').read_bytes() == second.prototypes.blob()
    assert (joined / 'trees.csv').read_bytes() == (first / 'trees.csv').read_bytes()
    with pytest.raises(ValueError, match='only a pair of one net'):
        bundle.with_nets(joined, [other], tmp_path / 'three')
    for name, edit in (('same seed', lambda m: m['recipe'].update(seed=recipe['net']['seed'])),
                       ('wider', lambda m: m['recipe'].update(channels=[16, 32, 64])),
                       ('labels', lambda m: m.update(labels=LABELS[::-1]))):
        bad = edited(other, tmp_path / name, edit)
        with pytest.raises(ValueError, match='not a net of the recipe and labels'):
            bundle.with_nets(first, [bad], tmp_path / ('joined ' + name))
        assert not (tmp_path / ('joined ' + name)).exists()


def test_a_further_net_that_does_not_fit_is_refused(device, trained, tmp_path):
    """Weights of other layers than model.json says, or further nets without prototypes to
    check them against, are refused when the bundle loads (one line, not a traceback)."""
    P, y = windows(200, 3)
    folder = bundle.write(FakePair(trained[1], P, y, more=[trained[1]]), tmp_path / 'model',
                          'no-data', {'thresholds': {l: 0.0 for l in LABELS}})
    narrow = edited(folder, tmp_path / 'narrow',
                    lambda meta: meta['more_nets'][0]['cnn'].update(channels=[8, 16, 24]))
    out = refusal(device, narrow)
    assert 'refused' in out and 'cnn weights' in out
    alone = edited(folder, tmp_path / 'alone', lambda meta: meta.pop('prototypes'))
    out = refusal(device, alone)
    assert 'refused' in out and 'more nets need a pair with prototypes' in out


def refusal(device, folder):
    """What the device says loading the bundle `folder` (its ValueError, as 'refused: ...')."""
    return device.run('''
import classifier
try:
    classifier.Classifier(%r)
except ValueError as e:
    print('refused:', e)
''' % str(folder))


def test_a_net_bundle_with_the_wrong_weight_size_is_refused(device, cnn_bundle, tmp_path):
    bad = edited(cnn_bundle, tmp_path / 'model')
    (bad / 'cnn.bin').write_bytes((cnn_bundle / 'cnn.bin').read_bytes()[:-3])
    out = refusal(device, bad)
    assert 'refused' in out and 'cnn weights' in out
    sideways = edited(cnn_bundle, tmp_path / 'sideways',
                      lambda meta: meta['cnn'].update(head='sideways'))
    out = refusal(device, sideways)
    assert 'refused' in out and "cnn head 'sideways'" in out
    with pytest.raises(ValueError, match="cnn head 'sideways'"):
        Quantized.load(sideways)


def test_a_bundle_s_own_shares_rule_on_the_device_and_the_host(device, cnn_bundle, tmp_path):
    """The open-set rule's keep and agree come from the bundle (model.json), on the device and in
    Prototypes.load alike; a bundle from before the agreement rule (no `agree`) keeps 1."""
    P, _ = windows(12 if device.name == 'micropython' else 4, 8)
    for keep, agree in ((0.2, 0.4), (OpenSet.KEEP, None)):
        def shares(meta):
            meta['prototypes']['keep'] = keep
            meta['prototypes'].pop('agree')
            if agree is not None:
                meta['prototypes']['agree'] = agree
        folder = edited(cnn_bundle, tmp_path / ('model-%s-%s' % (keep, agree)), shares)
        protos = Prototypes.load(folder)
        assert (protos.keep, protos.agree) == (keep, 1.0 if agree is None else agree)
        *rows, _ = device_run(device, folder, P, tmp_path)
        emb, raw = reference(Quantized.load(folder), P)
        scores = protos.apply(raw, emb, LABELS)
        assert np.abs(np.array([r[1] for r in rows]) - scores).max() < 1e-5
        if agree is not None:   # the shares matter here: the recipe's would give other numbers
            recipe = protos.apply(raw, emb, LABELS, OpenSet.KEEP, OpenSet.AGREE)
            assert np.abs(recipe - scores).max() > 1e-3
def test_a_net_on_the_demo_scene_gives_the_host_numbers(mpy, cnn_bundle, tmp_path):
    """A net run by the device in micropython over windows of the demo scene (real doorstep
    sounds, not made-up ones) equals the host's integer reference that training scores."""
    import soundfile
    from training.windows import frames_of, patches, starts
    pcm, _ = soundfile.read(str(DEVICE.parent / 'demo' / 'scene.flac'), dtype='int16')
    frames = frames_of(pcm)
    P = patches(frames, starts(len(frames))[::3])
    *rows, info = device_run(mpy, cnn_bundle, P, tmp_path)
    emb, raw = reference(Quantized.load(cnn_bundle), P)
    scores = Prototypes.load(cnn_bundle).apply(raw, emb, LABELS)
    assert len(rows) == len(P) > 50
    assert np.array_equal(np.array([r[0] for r in rows]), emb)
    assert np.abs(np.array([r[1] for r in rows]) - scores).max() < 1e-5


def test_the_psram_bundle_gives_the_host_numbers_on_the_demo_scene(mpy, tmp_path):
    """The PSRAM board's bundle (models/psram: a pair of three nets of 16-32-64 channels), run
    by the device in micropython at a PSRAM board's heap over windows of the demo scene: its
    first net's embedding equal to the host's integer reference to the last bit, its
    probabilities to float rounding (the further net's: test_a_pair_of_two_nets_...), and the
    label of the prototype nearest that embedding (Classifier.nearest) the host's."""
    import soundfile
    from training.windows import frames_of, patches, starts
    folder = image.BUNDLES['psram']
    meta = bundle.read(folder)
    assert meta['format'] == 4 and meta['labels'] == LABELS
    assert meta['cnn']['channels'] == [16, 32, 64] and meta['cnn']['head'] == 'bands'
    assert [m['cnn']['channels'] for m in meta['more_nets']] == [[16, 32, 64]] * 2
    # over the 128 KB build's 64 KB, as the issue allows a PSRAM default (hardware/README.md)
    assert bundle.size(folder) <= 136 * 1024
    assert 'CC BY-NC' in (folder / 'LICENSE').read_text()
    # A pair's event embedding is its trees' (device/classifier.py): the two bundles share them,
    # so events of a PSRAM board and of a small one compare in the hub's search.
    for name in ('trees.csv', 'embedding.bin', 'centroids.bin'):
        assert (folder / name).read_bytes() == (DEVICE / 'model' / name).read_bytes(), name
    pcm, _ = soundfile.read(str(DEVICE.parent / 'demo' / 'scene.flac'), dtype='int16')
    frames = frames_of(pcm)
    P = patches(frames, starts(len(frames))[::6])
    rows = each_window(mpy, folder, P, tmp_path, '''
    summary, net, emb = c.features(buf)     # a pair's: the net's own scores and embedding
    print(json.dumps([list(emb), list(net), c.nearest(emb)]))''', heap=runtime.PSRAM_HEAP)
    emb, raw = reference(Quantized.load(folder), P)
    assert len(rows) == len(P) > 25
    assert np.array_equal(np.array([r[0] for r in rows]), emb)
    assert np.abs(np.array([r[1] for r in rows]) - raw).max() < 1e-5
    near = Prototypes.load(folder).nearest(emb)
    assert np.array_equal([r[2] for r in rows], near) and len(set(near)) > 2


def test_windows_nearest_a_quiet_prototype_give_their_event_scores_to_other(trained):
    """The open-set check (training/openset.py) on the host: windows of the made-up `other` and
    `background` land nearest their own prototypes and lose KEEP of their event scores to
    `other`; event windows keep their scores (agree 1), or with agree < 1 lose that share of
    every event label's score but their nearest prototype's; every window's scores still sum
    to one."""
    from training.openset import OpenSet
    P, y = windows(330, 7)
    emb, raw = trained[1].forward(P)
    protos = Prototypes.fit(emb, y, LABELS)
    assert len(protos.owners) == 9 * OpenSet.EVENT + OpenSet.QUIET_OTHER + OpenSet.QUIET_BACKGROUND
    near = protos.nearest(emb)
    assert (near == y).mean() > 0.8                  # the prototypes are the labels' modes
    out = protos.apply(raw, emb, LABELS, keep=0.25, agree=1)
    quiet = np.isin(near, [LABELS.index('background'), LABELS.index('other')])
    assert quiet.any() and (~quiet).any()
    assert np.allclose(out[~quiet], raw[~quiet])
    assert np.allclose(out[quiet][:, :9], 0.25 * raw[quiet][:, :9])
    assert np.allclose(out.sum(1), 1.0)
    agreed = protos.apply(raw, emb, LABELS, keep=1, agree=0.5)
    assert np.allclose(agreed[quiet], raw[quiet])
    own = np.zeros_like(raw, bool)
    own[np.arange(len(near)), near] = True
    event = ~quiet[:, None] & (np.arange(len(LABELS)) < 9)[None, :]
    assert np.allclose(agreed[event & own], raw[event & own])
    assert np.allclose(agreed[event & ~own], 0.5 * raw[event & ~own])
    assert (agreed[~quiet, LABELS.index('other')] > raw[~quiet, LABELS.index('other')]).all()
    assert np.allclose(agreed.sum(1), 1.0)
    blob = protos.blob()
    back = Prototypes.read_bytes(blob, emb.shape[1])
    assert np.array_equal(back.nearest(emb), near)
