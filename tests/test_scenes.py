"""Scene generation and DCASE scoring (host side)."""
import json
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from conftest import DATA
from training import scenes, sed


def test_sounding_finds_where_a_clip_sounds():
    rng = np.random.default_rng(0)
    clip = (rng.standard_normal(5 * 16000) * 0.001).astype(np.float32)   # -60 dB room
    clip[16000:24000] += np.sin(np.arange(8000) * 0.3) * 0.3              # 1.0 .. 1.5 s
    clip[30000:38000] += np.sin(np.arange(8000) * 0.2) * 0.3              # 1.875 .. 2.375 s
    clip[70000:72000] += np.sin(np.arange(2000) * 0.2) * 0.3              # 4.375 s: after a gap
    start, end = scenes.sounding(clip)
    # The first two sounds are one event (pause under MERGE_GAP); the third is not part of it.
    assert abs(start / 16000 - 1.0) <= 0.02 and abs(end / 16000 - 2.375) <= 0.03


def write_truth(path, rows):
    path.write_text(''.join('%.3f\t%.3f\t%s\n' % row for row in rows))


TRUTH = [(1.0, 2.0, 'dog_bark'), (5.0, 9.0, 'siren'), (12.0, 12.6, 'door_knock'),
         (20.0, 23.0, 'speech')]


def score(tmp_path, detected, jsonl=False):
    write_truth(tmp_path / 'scene_a.tsv', TRUTH)
    if jsonl:
        lines = ['earmark: a log line', json.dumps({'status': 'ok'})]
        lines += [json.dumps({'start': a, 'end': b, 'label': l, 'confidence': 0.9})
                  for a, b, l in detected]
        (tmp_path / 'scene_a.detected.jsonl').write_text('\n'.join(lines) + '\n')
    else:
        write_truth(tmp_path / 'scene_a.detected.tsv', detected)
    out = subprocess.run([sys.executable, '-m', 'earmark.cli', 'evaluate-scenes', str(tmp_path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1]), out


def test_perfect_detections_score_one(tmp_path):
    result, out = score(tmp_path, TRUTH, jsonl=True)
    for metric in ('event_f1_200ms', 'event_f1_1s', 'onset_f1_200ms', 'segment_f1_1s'):
        assert result[metric] == 1.0, (metric, out)
    assert result['per_class']['siren']['reference'] == 1
    assert 'overall (micro)' in out


def test_half_second_late_fails_200ms_but_passes_1s(tmp_path):
    late = [(a + 0.5, b + 0.5, l) for a, b, l in TRUTH]
    result, _ = score(tmp_path, late)
    assert result['event_f1_200ms'] == 0.0 and result['onset_f1_200ms'] == 0.0
    assert result['event_f1_1s'] == 1.0
    assert 0.5 < result['segment_f1_1s'] < 1.0


def test_offset_collar_grows_with_the_event(tmp_path):
    # Offsets 0.7 s late: beyond 200 ms, but within 20 % of the 4 s siren (0.8 s).
    result, _ = score(tmp_path, [(a, b + 0.7, l) for a, b, l in TRUTH])
    assert result['per_class']['siren']['event_f1_200ms'] == 1.0
    assert result['per_class']['dog_bark']['event_f1_200ms'] == 0.0
    assert result['onset_f1_200ms'] == 1.0


def test_wrong_labels_missing_events_and_ignored_labels(tmp_path):
    detected = [(1.0, 2.0, 'dog_bark'), (5.0, 9.0, 'car_horn'), (12.0, 12.6, 'background'),
                (30.0, 31.0, 'other')]
    result, _ = score(tmp_path, detected)
    # 1 hit of 4 truth events and 2 detections counted: P 0.5, R 0.25.
    assert result['event_f1_200ms'] == pytest.approx(2 * 0.5 * 0.25 / 0.75, abs=1e-4)
    assert result['ignored_detections'] == 2
    assert result['per_class']['car_horn']['detected'] == 1
    assert result['per_class']['dog_bark']['event_f1_200ms'] == 1.0


def test_bad_detection_files_are_errors(tmp_path):
    write_truth(tmp_path / 'scene_a.tsv', TRUTH)
    with pytest.raises(ValueError, match='no detections for scene scene_a'):
        sed.evaluate(tmp_path)
    (tmp_path / 'scene_a.detected.tsv').write_text('1.0\tnot-a-number\tdog_bark\n')
    with pytest.raises(ValueError, match='not an event'):
        sed.evaluate(tmp_path)
    (tmp_path / 'scene_a.detected.tsv').write_text('1.0\t2.0\tunicorn\n')
    with pytest.raises(ValueError, match='unknown label'):
        sed.evaluate(tmp_path)


@pytest.fixture
def data():
    if not (DATA / 'train' / 'manifest.csv').exists():
        pytest.skip('sound data not found at %s (set EARMARK_DATA)' % DATA)
    return DATA


def make(data, out, seed, folds=('4',)):
    subprocess.run([sys.executable, '-m', 'earmark.cli', 'scenes', '--data', str(data), '--out',
                    str(out), '--folds', *folds, '--seed', str(seed), '--count', '2',
                    '--minutes', '1'], check=True, capture_output=True)
    return json.loads((out / 'scenes.json').read_text())


def test_scenes_are_reproducible_and_true(data, tmp_path):
    a = make(data, tmp_path / 'a', 7)
    b = make(data, tmp_path / 'b', 7)
    c = make(data, tmp_path / 'c', 8)
    for name in ('scene_000.wav', 'scene_000.tsv', 'scene_001.wav'):
        assert (tmp_path / 'a' / name).read_bytes() == (tmp_path / 'b' / name).read_bytes()
    assert (tmp_path / 'a' / 'scene_000.wav').read_bytes() != \
        (tmp_path / 'c' / 'scene_000.wav').read_bytes()
    assert a['scenes'] == b['scenes']

    for s in a['scenes']:
        audio, rate = soundfile.read(str(tmp_path / 'a' / (s['name'] + '.wav')), dtype='float32')
        assert rate == 16000 and audio.ndim == 1 and len(audio) == 60 * 16000
        truth = sed.read_events(tmp_path / 'a' / (s['name'] + '.tsv'))
        assert [(e['onset'], e['offset'], e['event_label']) for e in truth] == \
            [(e['onset'], e['offset'], e['label']) for e in s['events']]
        sounds = sorted(s['events'] + s['distractors'], key=lambda e: e['onset'])
        assert all(x['offset'] < y['onset'] for x, y in zip(sounds, sounds[1:]))  # one at a time
        for e in s['events']:
            assert e['label'] in scenes.TARGETS and 0 <= e['snr_db'] <= 20
            assert '_4-' in e['source'], e['source']
            # Where the truth says a sound is, the scene is louder than the bed just before.
            inside = audio[int(e['onset'] * 16000):int(e['offset'] * 16000)]
            before = audio[int((e['onset'] - 1.5) * 16000):int((e['onset'] - 0.5) * 16000)]
            gain = 10 * np.log10(np.mean(inside ** 2) / np.mean(before ** 2))
            assert gain > -1.0, (e, gain)
        assert all(d['label'] == 'other' for d in s['distractors'])


def test_scenes_only_use_the_chosen_folds(data, tmp_path):
    record = make(data, tmp_path, 3, folds=('esc50-fold2', 'speaker:fsdd-*'))
    sources = [e['source'] for s in record['scenes'] for e in s['events'] + s['distractors']]
    assert sources
    for src in sources:
        assert '_2-' in src or 'fsdd' in src, src
    with pytest.raises(ValueError, match='no background clips'):
        scenes.select(data, ['speaker:*'])
