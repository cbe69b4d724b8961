"""The model: device classifier vs scikit-learn vs emlearn's C, bundles, splits, bad input."""
import json
import shutil
import subprocess
import sys
import wave
from array import array
from pathlib import Path

import numpy as np
import pytest

from earmark import DEVICE
from training import bundle, data, onboard
from training.data import Clip
from training.evaluate import splits
from training.model import Embedding, Recipe, centroids, export, votes, forest

from conftest import DATA

LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
FOLDERS = [DATA / 'train', DATA / 'other']
N_FEATURES = 123    # 40 mel bands: 2 x 40 + 3 x 12 cepstral + 7 (device/classifier.py)


def need_data():
    if not (DATA / 'train' / 'manifest.csv').is_file():
        pytest.skip('training data not found at %s (set EARMARK_DATA)' % DATA)


def device_scores(which, bundle_dir, X, heap='128K'):
    """(scores, embeddings) from the device classifier for int16 feature rows X."""
    code = '''
import classifier, json
from array import array
c = classifier.Classifier(%r)
buf = array('h', bytes(2 * c.n_features))
f = open(%r, 'rb')
while f.readinto(buf) == 2 * len(buf):
    s = c.scores(buf)
    print(json.dumps([s.index(max(s)), [round(v * len(s) * 1000) for v in s], list(c.embed(buf)),
                      c.event_threshold, c.event_thresholds]))
'''
    tmp = Path(bundle_dir).parent / 'features.bin'
    tmp.write_bytes(np.ascontiguousarray(X, dtype='<i2').tobytes())
    _, lines = onboard.run(code % (str(bundle_dir), str(tmp)), which, heap=heap)
    return lines


class Fake:
    """What bundle.write needs, fitted on made-up int16 features (no data required)."""
    learner = 'trees'

    def __init__(self, n=600, seed=1):
        rng = np.random.default_rng(seed)
        self.labels = LABELS
        self.y = np.arange(n) % len(LABELS)
        self.X = (rng.normal(0, 3000, (n, N_FEATURES)) + self.y[:, None] * 400).astype(np.int16)
        self.model = forest(self.X, self.y, len(LABELS))
        self.embedding = Embedding().fit(self.X, self.y, Recipe.EMBED_DIM, len(LABELS))
        self.centroids = centroids(self.embed(self.X), Recipe.CENTROIDS)

    def embed(self, X):
        return self.embedding(X, votes(self.model, X))


@pytest.fixture(autouse=True)
def recipe_restored(monkeypatch):
    """`evaluate` (commands.cross_validated) sets the recipe to a bundle's: each test gets the
    recipe back as it found it."""
    from training.cnn import CnnRecipe
    from training.openset import OpenSet
    for owner, name in ((Recipe, 'PAIR_NETS'), (Recipe, 'TREES_SHARE'), (CnnRecipe, 'CHANNELS'),
                        (OpenSet, 'DOOR_KEEP'), (OpenSet, 'DOOR_AGREE')):
        monkeypatch.setattr(owner, name, getattr(owner, name))


@pytest.fixture(scope='module')
def fake_bundle(tmp_path_factory):
    fake = Fake()
    folder = bundle.write(fake, tmp_path_factory.mktemp('b') / 'model', 'no-data',
                          {'thresholds': {l: 0.0 for l in LABELS}, 'event_threshold': 0.35,
                           'event_thresholds': {'glass_breaking': 0.6}})
    return fake, folder


@pytest.mark.parametrize('which', ['micropython', 'cpython'])
def test_bundle_round_trips_through_the_device_classifier(fake_bundle, which, device_image):
    fake, folder = fake_bundle
    X = fake.X[:200]
    lines = device_scores(which, folder, X)
    assert len(lines) == len(X)
    host = votes(fake.model, X)
    assert [l[0] for l in lines] == list(host.argmax(1))
    assert np.array_equal([l[1] for l in lines], np.round(host * len(LABELS) * 1000))
    assert np.array_equal([l[2] for l in lines], fake.embed(X))
    assert {l[3] for l in lines} == {0.35}     # the segmenter's threshold, from the bundle
    assert lines[0][4] == {'glass_breaking': 0.6}   # and a label's own operating point
    meta = bundle.read(folder)
    assert meta['labels'] == LABELS and meta['n_features'] == N_FEATURES
    assert sorted(p.name for p in folder.iterdir()) == sorted(bundle.FILES['trees'])


def test_emlearn_csv_has_int16_thresholds_and_small_feature_indices(fake_bundle):
    _, folder = fake_bundle
    lines = (folder / 'trees.csv').read_text().splitlines()
    assert lines[:3] == ['f,%d' % N_FEATURES, 'c,11', 'lb,0']
    for line in lines:
        if line.startswith('n,'):
            _, feature, threshold, _, _ = line.split(',')
            assert 0 <= int(feature) <= 127
            assert float(threshold) == int(float(threshold))
            assert -32768 <= float(threshold) <= 32767


def test_default_bundle_loads_and_answers_in_micropython_128k(mpy):
    """From the image's file copy (weights read into the heap) and from its ROM partition (the
    net's weights or the packed trees read in place): the same answers, the ROM's for a fraction
    of the heap."""
    meta = bundle.read(DEVICE / 'model')
    assert meta['labels'] == LABELS
    assert 'CC BY-NC' in (DEVICE / 'model' / 'LICENSE').read_text()
    assert bundle.size(DEVICE / 'model') <= 64 * 1024
    code = '''
import classifier, gc, json
from array import array
gc.collect(); before = gc.mem_alloc()
c = classifier.Classifier(%r)
gc.collect(); loaded = gc.mem_alloc() - before
frames = array('h', bytes(2 * c.window_frames * c.n_mels))
for k in range(20):    # an answer a line: the model is what must fit the heap, not the output
    for i in range(len(frames)):
        frames[i] = -6000 + (i * 7919 + k * 104729) %% (1000 + 300 * k)
    x = c.features(frames)
    s, e = c.scores(x), list(c.embed(x))
    if not k:
        n = len(x[0] if isinstance(x, tuple) else x)   # a pair's: (summary, net scores)
        print(json.dumps({'labels': c.labels, 'n': n, 'sum': sum(s), 'dim': c.dim,
            'e': len(e), 'centroids': len(c.centroids), 'decide': c.decide(s), 'heap': loaded,
            'evaluator': c.evaluator}))
    print(json.dumps([s, e]))
'''
    files, rom = ({**lines[0], 'answers': lines[1:]} for lines in (
        mpy.json_lines(code % folder) for folder in ('model', '/rom/model')))
    for out in (files, rom):
        assert out['labels'] == LABELS
        assert out['n'] == (out['dim'] if meta['format'] == 3 else N_FEATURES)
        assert abs(out['sum'] - 1.0) < 1e-5
        assert out['e'] == out['dim'] == (meta['cnn']['channels'][-1] if meta['format'] == 3
                                          else meta['embedding']['dim'])
        assert out['centroids'] == meta['centroids']['count'] * out['dim']
        assert out['decide'][0] in LABELS
    assert rom['answers'] == files['answers']
    assert len({str(a[0]) for a in rom['answers']}) > 5    # inputs the model tells apart
    if meta['format'] == 3:
        in_flash = 0.9 * (DEVICE / 'model' / meta['cnn']['file']).stat().st_size
    else:
        in_flash = 5 * meta['trees']['nodes']    # nodes (5 bytes each)
    assert rom['heap'] < files['heap'] - in_flash
    print('default bundle heap in micropython: %d bytes from files, %d from ROM (%s)' % (
        files['heap'], rom['heap'], rom['evaluator']))


def test_every_training_window_gets_the_same_class_from_device_sklearn_and_emlearn_c(
        tmp_path, device_image, monkeypatch):
    """MicroPython (features and trees on the device), scikit-learn (majority vote) and emlearn's
    compiled C agree on every sounding window of the training set."""
    need_data()
    monkeypatch.chdir(tmp_path)   # emlearn compiles its C into ./tmp
    from training.model import Trained
    clips = data.load(FOLDERS)
    trained = Trained(clips, data.labels_of(clips), learner='trees')
    W = trained.windows
    converted = export(trained.model, tmp_path / 'trees.csv')
    sk = votes(trained.model, W.X).argmax(1)
    c = np.asarray(converted.predict(W.X.astype(np.float32)))
    assert np.array_equal(sk, c), 'emlearn C disagrees on %d windows' % (sk != c).sum()
    folder = bundle.write(trained, tmp_path / 'model', 'test', {})
    lines = device_scores('micropython', folder, W.X)
    mp = np.array([l[0] for l in lines])
    assert len(mp) == len(W.X)
    assert np.array_equal(sk, mp), 'micropython disagrees on %d windows' % (sk != mp).sum()


def micropython_summaries(windows):
    """The device's summarise, run in micropython, of each window (WINDOW_FRAMES x N_MELS)."""
    from training.features import N_MELS
    from training.windows import WINDOW_FRAMES
    tmp = Path(bundle.__file__).parent.parent / 'build' / 'test-frames.bin'
    tmp.parent.mkdir(exist_ok=True)
    tmp.write_bytes(np.array(windows, dtype='<i2').tobytes())
    _, lines = onboard.run('''
import classifier, json
from array import array
buf = array('h', bytes(2 * %d * %d))
f = open(%r, 'rb')
while f.readinto(buf) == 2 * len(buf):
    print(json.dumps(list(classifier.summarise(buf, %d))))
''' % (WINDOW_FRAMES, N_MELS, str(tmp), N_MELS), 'micropython')
    tmp.unlink()
    return np.array(lines)


def test_host_features_are_the_device_summarise_vectorised(device_image):
    """Training's numpy summaries give the device's numbers, in CPython and in micropython,
    including saturated and extreme frames."""
    from earmark.bridge import device_module as module
    from training.features import N_MELS
    from training.windows import HOP_FRAMES, WINDOW_FRAMES, starts, summaries
    rng = np.random.default_rng(3)
    frames = rng.integers(-12000, 3000, (WINDOW_FRAMES * 6, N_MELS)).astype(np.int16)
    frames[40:60] = 32767                   # a clipped burst
    frames[100:130] = -32768                # and digital silence below the floor
    frames[200:, ::3] += 2000               # a tone's harmonics
    at = starts(len(frames))
    host = summaries(frames, at)
    summarise = module('classifier').summarise
    cpython = [list(summarise(array('h', frames[s:s + WINDOW_FRAMES].tobytes()), N_MELS))
               for s in at]
    assert np.array_equal(host, cpython)
    windows = [frames[s:s + WINDOW_FRAMES] for s in at]
    assert np.array_equal(micropython_summaries(windows), host)


def test_device_features_in_micropython_equal_the_host_training_features(device_image):
    need_data()
    from training.windows import WINDOW_FRAMES, clip_windows, frames_of, starts, summarise
    clips = data.load(FOLDERS)[::5]
    frames, host = [], []
    for clip in clips:
        fr = frames_of(clip.pcm)
        host.append(summarise(clip_windows(clip.pcm)[0]))
        frames += [fr[s:s + WINDOW_FRAMES] for s in starts(len(fr))]
    assert np.array_equal(micropython_summaries(frames), np.concatenate(host))


def test_evaluation_splits_never_share_a_fold():
    def clip(label, fold):
        return Clip('/x/%s/%s.wav' % (label, fold), label, fold, fold, np.zeros(1, np.int16))
    clips = [clip(l, 'esc50-fold%d' % k) for l in ('dog_bark', 'other') for k in (1, 2, 3, 4)]
    clips += [clip('speech', 'speaker:%d' % i) for i in range(9)]
    clips += [clip('doorbell', 'src:%d' % i) for i in range(8) for _ in range(2)]
    if (DATA / 'train' / 'manifest.csv').is_file():
        clips += data.load(FOLDERS)
    split = splits(clips)
    assert set(split) == {0, 1, 2, 3}
    for k in range(4):
        inside = {c.fold for c, s in zip(clips, split) if s == k}
        outside = {c.fold for c, s in zip(clips, split) if s != k}
        assert inside and not inside & outside
        assert {c.label for c, s in zip(clips, split) if s == k} >= {'doorbell', 'speech'}


# Bad input -------------------------------------------------------------------------------------

def write_wav(path, pcm, rate=16000, channels=1, width=2):
    with wave.open(str(path), 'wb') as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(np.asarray(pcm, dtype='<i2').tobytes())
    return path


def test_bad_wavs_are_refused_with_the_file_named(tmp_path):
    tone = (3000 * np.sin(np.arange(16000) * 0.2)).astype(np.int16)
    cases = {
        'rate': (write_wav(tmp_path / 'rate.wav', tone, rate=44100), 'sample rate 44100'),
        'stereo': (write_wav(tmp_path / 'stereo.wav', np.repeat(tone, 2), channels=2),
                   '2 channels'),
        'empty': (write_wav(tmp_path / 'empty.wav', []), 'no samples'),
    }
    (tmp_path / 'corrupt.wav').write_bytes(b'RIFF\x10\x00\x00\x00WAVEjunkjunk')
    cases['corrupt'] = (tmp_path / 'corrupt.wav', 'not a readable WAV')
    for path, message in cases.values():
        with pytest.raises(ValueError) as err:
            data.read_wav(path)
        assert str(path) in str(err.value) and message in str(err.value)


def test_manifest_naming_a_missing_file_fails_and_leaves_the_old_model(tmp_path):
    folder = tmp_path / 'data'
    folder.mkdir()
    (folder / 'manifest.csv').write_text('file,label,source,original_name,license,fold\n'
                                         'gone.wav,doorbell,x,x,x,src:x\n')
    out = tmp_path / 'model'
    out.mkdir()
    (out / 'model.json').write_text('{"keep": true}')
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'train', '--data', str(folder),
                           '--out', str(out)], capture_output=True, text=True)
    assert done.returncode == 2
    assert 'gone.wav does not exist' in done.stderr
    assert json.loads((out / 'model.json').read_text()) == {'keep': True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ['data', 'model']


def test_a_failed_bundle_write_leaves_nothing_half_written(tmp_path, fake_bundle):
    fake, _ = fake_bundle
    out = tmp_path / 'model'

    class Broken(Fake):
        pass
    broken = Fake.__new__(Broken)
    broken.__dict__.update(fake.__dict__, centroids=None)
    with pytest.raises(AttributeError):
        bundle.write(broken, out, 'x', {})
    assert list(tmp_path.iterdir()) == []


def test_classify_gives_one_json_line_per_file_from_micropython(tmp_path, device_image):
    rng = np.random.default_rng(0)
    noise = write_wav(tmp_path / 'noise.wav', rng.normal(0, 2000, 24000).astype(np.int16))
    short = write_wav(tmp_path / 'short.wav', rng.normal(0, 500, 4000).astype(np.int16))
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'classify', str(noise),
                           str(short)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(l) for l in done.stdout.splitlines()]
    assert [l['file'] for l in lines] == [str(noise), str(short)]
    for line in lines:
        # `other` says which rule made it so (earmark/model_commands.py); no other label has a rule
        other = line['label'] == 'other'
        assert set(line) == {'file', 'label', 'confidence', 'scores'} | ({'rule'} if other else set())
        assert line['label'] in LABELS and list(line['scores']) == LABELS
    bad = tmp_path / 'bad.wav'
    bad.write_bytes(b'RIFF but not a sound')
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'classify', str(bad)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and str(bad) in done.stderr and 'not a sound file' in done.stderr


def test_augmented_doorbells_stay_in_their_fold_and_are_flagged():
    from training.augment import Augmenter
    rng = np.random.default_rng(0)
    t = np.arange(24000) / 16000
    bell = Clip('/x/doorbell/a.wav', 'doorbell', 'src:a', 'src:a',
                (8000 * np.sin(2 * np.pi * 660 * t) * np.exp(-3 * t)).astype(np.int16))
    rain = Clip('/x/background/r.wav', 'background', 'esc50-fold2', 'esc50:2-1',
                rng.normal(0, 800, 40000).astype(np.int16))
    copies = Augmenter(0)([bell, rain])
    assert len(copies) == Augmenter.COPIES
    for c in copies:
        assert c.augmented and c.label == 'doorbell' and (c.fold, c.source) == ('src:a', 'src:a')
        assert c.pcm.dtype == np.int16 and len(c.clean) == len(c.pcm)
        assert not np.array_equal(c.pcm, c.clean)   # mixed with the background it was given
    assert Augmenter(0)([rain]) == []


def test_evaluate_reuses_the_bundles_own_cross_validation_only_for_its_data_and_recipe(
        tmp_path, monkeypatch):
    from training import commands, evaluate
    clips = [Clip('a.wav', 'dog_bark', 'esc50-fold1', 'x', np.arange(100, dtype=np.int16))]
    meta = {'labels': LABELS, 'training_data_sha256': data.data_hash(clips),
            'recipe': json.loads(json.dumps(Recipe.as_dict('trees')))}
    saved = {'macro_f1': 0.5, 'recipe': meta['recipe']}
    (tmp_path / 'metrics.json').write_text(json.dumps(saved))
    redone = []
    monkeypatch.setattr(evaluate, 'cross_validate', lambda *a, **k: redone.append(1))
    monkeypatch.setattr(evaluate, 'metrics', lambda *a, **k: {'macro_f1': 'redone'})
    assert commands.cross_validated(tmp_path, meta, clips)['macro_f1'] == 0.5
    assert commands.cross_validated(tmp_path, meta, clips, fresh=True) == {'macro_f1': 'redone'}
    other_recipe = dict(meta, recipe=dict(meta['recipe'], trees=3))
    assert commands.cross_validated(tmp_path, other_recipe, clips) == {'macro_f1': 'redone'}
    other_data = clips + [Clip('b.wav', 'siren', 'esc50-fold2', 'x', np.ones(9, np.int16))]
    assert commands.cross_validated(tmp_path, meta, other_data) == {'macro_f1': 'redone'}
    # a pair joined with more nets keeps its first's metrics, of another recipe than its own
    (tmp_path / 'metrics.json').write_text(json.dumps({'macro_f1': 0.5, 'recipe': {}}))
    assert commands.cross_validated(tmp_path, meta, clips) == {'macro_f1': 'redone'}
    assert len(redone) == 4


def test_evaluate_takes_a_wider_nets_bundle_as_its_own_recipe(tmp_path, monkeypatch):
    """A pair trained with `train --channels 16 32 64` records them; evaluating it reuses its
    cross-validation and leaves the recipe with its channels (not the default 8-16-32)."""
    from training import commands, evaluate
    from training.cnn import CnnRecipe
    monkeypatch.setattr(CnnRecipe, 'CHANNELS', (16, 32, 64))
    wide = json.loads(json.dumps(Recipe.as_dict('pair')))
    CnnRecipe.CHANNELS = (8, 16, 32)
    clips = [Clip('a.wav', 'dog_bark', 'esc50-fold1', 'x', np.arange(100, dtype=np.int16))]
    meta = {'labels': LABELS, 'training_data_sha256': data.data_hash(clips), 'recipe': wide}
    (tmp_path / 'metrics.json').write_text(json.dumps({'macro_f1': 0.5, 'recipe': wide}))
    monkeypatch.setattr(evaluate, 'metrics', lambda *a, **k: {'macro_f1': 'redone'})
    monkeypatch.setattr(evaluate, 'cross_validate', lambda *a, **k: None)
    assert commands.cross_validated(tmp_path, meta, clips)['macro_f1'] == 0.5
    assert CnnRecipe.CHANNELS == (16, 32, 64)


def test_evaluate_takes_a_pair_of_two_nets_as_its_own_recipe(tmp_path, monkeypatch):
    """A pair of two nets records them (recipe 'nets'); evaluating it cross-validates that
    recipe, two nets a fold, and one net's bundle goes back to one."""
    from training import commands, evaluate
    monkeypatch.setattr(Recipe, 'PAIR_NETS', 2)
    two = json.loads(json.dumps(Recipe.as_dict('pair')))
    assert two['nets'] == 2
    clips = [Clip('a.wav', 'dog_bark', 'esc50-fold1', 'x', np.arange(100, dtype=np.int16))]
    meta = {'labels': LABELS, 'training_data_sha256': data.data_hash(clips), 'recipe': two}
    (tmp_path / 'metrics.json').write_text(json.dumps({'macro_f1': 0.5, 'recipe': two}))
    monkeypatch.setattr(evaluate, 'metrics', lambda *a, **k: {'macro_f1': 'redone'})
    nets = []
    monkeypatch.setattr(evaluate, 'cross_validate', lambda *a, **k: nets.append(Recipe.PAIR_NETS))
    Recipe.PAIR_NETS = 1
    assert commands.cross_validated(tmp_path, meta, clips)['macro_f1'] == 0.5
    assert Recipe.PAIR_NETS == 2
    one = dict(meta, recipe={k: v for k, v in two.items() if k != 'nets'})
    assert commands.cross_validated(tmp_path, one, clips) == {'macro_f1': 'redone'}
    assert nets == [1] and Recipe.PAIR_NETS == 1


def test_evaluate_weighs_a_pair_s_trees_as_its_recipe_says(tmp_path, monkeypatch):
    """A pair's recipe records the trees' share of its scores (round 28); a bundle whose recipe
    does not say is the plain mean of before, and evaluating it cross-validates that."""
    from training import commands, evaluate
    now = json.loads(json.dumps(Recipe.as_dict('pair')))
    assert now['trees_share'] == Recipe.TREES_SHARE != 0.5
    clips = [Clip('a.wav', 'dog_bark', 'esc50-fold1', 'x', np.arange(100, dtype=np.int16))]
    meta = {'labels': LABELS, 'training_data_sha256': data.data_hash(clips), 'recipe': now}
    (tmp_path / 'metrics.json').write_text(json.dumps({'macro_f1': 0.5, 'recipe': now}))
    monkeypatch.setattr(evaluate, 'metrics', lambda *a, **k: {'macro_f1': 'redone'})
    shares = []
    monkeypatch.setattr(evaluate, 'cross_validate',
                        lambda *a, **k: shares.append(Recipe.TREES_SHARE))
    assert commands.cross_validated(tmp_path, meta, clips)['macro_f1'] == 0.5
    before = dict(meta, recipe={k: v for k, v in now.items() if k != 'trees_share'})
    assert commands.cross_validated(tmp_path, before, clips) == {'macro_f1': 'redone'}
    assert shares == [0.5]
    assert 'trees_share' not in Recipe.as_dict('pair')


def test_evaluate_checks_the_door_s_scores_as_the_recipe_says(tmp_path, monkeypatch):
    """A recipe records the open-set check of the scores the segmenter sees (round 29), and
    evaluating a bundle scores its out-of-fold scenes with that check; a bundle whose recipe
    does not say checks them as its clips (its prototypes' keep and agree)."""
    from training import commands, evaluate
    from training.openset import OpenSet
    now = json.loads(json.dumps(Recipe.as_dict('pair')))
    assert (now['open_set']['door_keep'], now['open_set']['door_agree']) == OpenSet.door()
    assert OpenSet.door() != (OpenSet.KEEP, OpenSet.AGREE)
    clips = [Clip('a.wav', 'dog_bark', 'esc50-fold1', 'x', np.arange(100, dtype=np.int16))]
    monkeypatch.setattr(evaluate, 'metrics', lambda *a, **k: {'macro_f1': 'redone'})
    doors = []
    monkeypatch.setattr(evaluate, 'cross_validate', lambda *a, **k: doors.append(OpenSet.door()))
    checks = {k: v for k, v in now['open_set'].items() if not k.startswith('door')}
    before = {'labels': LABELS, 'recipe': dict(now, open_set=checks)}
    assert commands.cross_validated(tmp_path, before, clips) == {'macro_f1': 'redone'}
    assert doors == [(checks['keep'], checks['agree'])]
    assert 'door_keep' not in Recipe.as_dict('pair')['open_set']
    assert commands.cross_validated(tmp_path, {'labels': LABELS, 'recipe': now}, clips)
    assert doors[1] == (now['open_set']['door_keep'], now['open_set']['door_agree'])


def test_train_refuses_a_channel_count_that_is_not_one_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'train', '--data', str(tmp_path),
                           '--out', str(tmp_path / 'model'), '--channels', '16', '0', '64'],
                          capture_output=True, text=True)
    assert done.returncode == 2 and not (tmp_path / 'model').exists()
    assert done.stderr.strip().splitlines()[-1].endswith(
        "argument --channels: '0' is not a channel count (a whole number, 1 or more)")
