"""`earmark dataset`: the data folder built from archives laid out as ESC-50's and the Free Spoken
Digit Dataset's downloads are (made here with short recordings of noise, at their own rates), read
back by training's own loader."""
import csv
import io
import zipfile

import numpy as np
import pytest
import soundfile

from earmark import cli, dataset
from training import data as training_data

PER_FOLD = {'chirping_birds': 3, 'cat': 5}   # more than a fold's share is taken of these
RNG = np.random.default_rng(0)


def noise(rate, seconds=0.3, channels=1):
    return (RNG.standard_normal((int(rate * seconds), channels)) * 0.1).astype(np.float32)


def wav_bytes(rate, channels=1, fmt='WAV'):
    buf = io.BytesIO()
    soundfile.write(buf, noise(rate, channels=channels), rate, format=fmt, subtype='PCM_16')
    return buf.getvalue()


@pytest.fixture(scope='module')
def archives(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('archives')
    categories = ([c for cats in dataset.ESC50_TRAIN.values() for c in cats] +
                  list(dataset.BACKGROUND) + list(dataset.OTHER) + list(dataset.NEGATIVES))
    assert len(set(categories)) == 50   # every ESC-50 category has its place
    esc50 = tmp / 'ESC-50-master.zip'
    with zipfile.ZipFile(esc50, 'w') as z:
        meta = io.StringIO()
        w = csv.writer(meta)
        w.writerow(['filename', 'fold', 'target', 'category', 'esc10', 'src_file', 'take'])
        clip = wav_bytes(44100)
        for target, cat in enumerate(categories):
            for fold in range(1, 6):
                for take in 'ABCDE'[:PER_FOLD.get(cat, 1)]:
                    name = '%d-%d-%s-%d.wav' % (fold, 1000 + target, take, target)
                    w.writerow([name, fold, target, cat, 'False', 1000 + target, take])
                    z.writestr('ESC-50-master/audio/' + name, clip)
        z.writestr('ESC-50-master/meta/esc50.csv', meta.getvalue())
    fsdd = tmp / 'free-spoken-digit-dataset-master.zip'
    with zipfile.ZipFile(fsdd, 'w') as z:
        for name in ('3_jackson_0.wav', '3_jackson_1.wav', '7_nicolas_0.wav'):
            z.writestr('free-spoken-digit-dataset-master/recordings/' + name, wav_bytes(8000))
    mine = tmp / 'bells'
    mine.mkdir()
    (mine / 'ding.flac').write_bytes(wav_bytes(48000, channels=2, fmt='FLAC'))
    return esc50, fsdd, mine


def test_builds_what_training_reads(archives, tmp_path, capsys):
    esc50, fsdd, mine = archives
    out = tmp_path / 'data'
    assert cli.main(['dataset', '--esc50', str(esc50), '--fsdd', str(fsdd),
                     '--add', 'doorbell=%s' % mine, '--out', str(out)]) is None
    assert 'export EARMARK_DATA=%s' % out in capsys.readouterr().out
    train = training_data.load_folder(out / 'train')
    other = training_data.load_folder(out / 'other')
    negatives = training_data.load_folder(out / 'negatives')
    count = lambda clips, label: sum(c.label == label for c in clips)   # noqa: E731
    for label in dataset.ESC50_TRAIN:
        assert count(train, label) == 4, label   # folds 1-4, never 5
    assert count(train, 'background') == 5 * 4 + 4   # birds: two of its three a fold
    assert count(train, 'speech') == 2                 # each speaker's first take only
    assert count(train, 'doorbell') == 1
    assert len(other) == 19 * 4 + 4 * 4 and {c.label for c in other} == {'other'}  # cat: 4 of 5
    assert len(negatives) == 18 * 4 and {c.label for c in negatives} == {'other'}
    folds = {c.fold for c in train + other + negatives}
    assert 'esc50-fold5' not in folds and {'speaker:fsdd-jackson', 'src:bells'} <= folds
    for clip in train + other + negatives:
        info = soundfile.info(clip.path)
        assert (info.samplerate, info.channels, info.subtype) == (16000, 1, 'PCM_16'), clip.path
    with open(out / 'train' / 'manifest.csv', newline='') as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == dataset.COLUMNS
    knock = next(r for r in rows if r['label'] == 'door_knock')
    assert knock['license'] == 'CC BY-NC 3.0' and knock['original_name'].endswith(
        '(door_wood_knock)')
    # ESC-50's takes of one recording stay together: training groups them by that name.
    birds = [c for c in train if 'chirping_birds' in c.path]
    assert len(birds) == 8 and len({c.source for c in birds}) == 4

    # A second build into the same folder changes nothing there.
    before = (out / 'train' / 'manifest.csv').read_bytes()
    assert cli.main(['dataset', '--esc50', str(esc50), '--out', str(out)]) == 2
    assert 'already holds a data folder' in capsys.readouterr().err
    assert (out / 'train' / 'manifest.csv').read_bytes() == before


@pytest.mark.parametrize('args, words', [
    (['--add', 'dorbell=/tmp'], 'LABEL=FOLDER'),
    (['--add', 'doorbell=/nonexistent-folder'], 'no recordings'),
])
def test_bad_arguments_are_one_line(archives, tmp_path, capsys, args, words):
    esc50, _, _ = archives
    assert cli.main(['dataset', '--esc50', str(esc50), '--out', str(tmp_path / 'd')] + args) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1, err


def test_an_archive_that_is_not_esc50_is_refused(tmp_path, capsys):
    wrong = tmp_path / 'wrong.zip'
    with zipfile.ZipFile(wrong, 'w') as z:
        z.writestr('x/readme.txt', 'hello')
    not_zip = tmp_path / 'ESC-50.tar.gz'
    not_zip.write_bytes(b'\x1f\x8b')
    for path, words in ((wrong, 'not ESC-50'), (not_zip, 'not a zip')):
        assert cli.main(['dataset', '--esc50', str(path), '--out', str(tmp_path / 'd')]) == 2
        err = capsys.readouterr().err
        assert words in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / 'd').exists()
