"""Door-like scenes (quiet doorsteps, unfamiliar doorsteps, plain beds: training/scenes.py) and
their scoring: false events per hour and onset/offset errors (training/sed.py)."""
import json
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from conftest import DATA
from training import scenes, sed

FOLDS = ('4', 'speaker:tuxpaint-*', 'src:Dashticz')


def ev(onset, offset, label):
    return {'onset': onset, 'offset': offset, 'event_label': label}


# --- scoring on hand-made event lists ---------------------------------------------------------

TRUTH = [ev(1.0, 2.0, 'dog_bark'), ev(5.0, 9.0, 'siren'), ev(10.0, 11.0, 'dog_bark')]


def test_false_events_are_labelled_detections_that_overlap_no_truth_event():
    detected = [ev(1.5, 2.5, 'dog_bark'),        # a hit
                ev(8.5, 9.5, 'car_horn'),        # wrong label over a true event: a confusion
                ev(2.0, 3.0, 'glass_breaking'),  # only touches the bark's end: false
                ev(20.0, 21.0, 'speech'),        # nothing there: false
                ev(30.0, 31.0, 'other'),         # not one of the nine: not an event
                ev(40.0, 41.0, 'background')]
    false = sed.false_events(TRUTH, detected)
    assert [(e['onset'], e['event_label']) for e in false] == [(2.0, 'glass_breaking'),
                                                              (20.0, 'speech')]
    assert sed.false_events([], detected[:1]) == detected[:1]   # a plain bed: every one is false


def scene(name, kind, seconds, truth, detected):
    return {'name': name, 'folder': 'x', 'kind': kind, 'seconds': seconds, 'truth': truth,
            'detected': detected}


def test_false_events_per_hour_per_kind_of_scene():
    scored = [
        scene('plain_000', 'plain', 1800.0, [],
              [ev(10, 11, 'siren'), ev(100, 101, 'car_horn'), ev(200, 201, 'background')]),
        scene('quiet_000', 'quiet', 3600.0, TRUTH,
              [ev(1.0, 2.0, 'dog_bark'), ev(50, 51, 'door_knock'), ev(60, 61, 'other')]),
        scene('quiet_001', 'quiet', 3600.0, [], []),
    ]
    result = sed.door(scored)
    assert result['false_events_per_hour'] == {'quiet': 0.5, 'plain': 4.0, 'all': 1.2}
    assert result['kinds']['plain']['false_events'] == 2
    assert result['kinds']['plain']['detected_events'] == 2     # background is not an event
    assert result['kinds']['quiet']['hours'] == 2.0
    assert result['kinds']['quiet']['truth_events'] == 3
    # A scene of unknown length leaves the rate unknown rather than guessed.
    result = sed.door([dict(scored[0], seconds=None)])
    assert result['false_events_per_hour']['plain'] is None
    assert result['kinds']['plain']['false_events'] == 2


def test_onset_and_offset_errors_of_matched_events():
    detected = [ev(0.5, 1.5, 'dog_bark'),     # overlaps the first bark, but 0.5 s early...
                ev(1.1, 1.9, 'dog_bark'),     # ...this one is closer: it is the match
                ev(4.8, 9.4, 'siren'),
                ev(10.5, 11.0, 'speech')]     # wrong label: no match
    errors = sed.edge_errors(TRUTH, detected)
    assert errors == [pytest.approx((0.1, -0.1)), pytest.approx((-0.2, 0.4))]
    onset = sed.error_percentiles([e[0] for e in errors])
    offset = sed.error_percentiles([e[1] for e in errors])
    assert onset == {'median': 150.0, 'p90': 190.0, 'signed_median': -50.0}
    assert offset == {'median': 250.0, 'p90': 370.0, 'signed_median': 150.0}
    assert sed.error_percentiles([]) == {'median': None, 'p90': None, 'signed_median': None}
    # One detection across two true barks matches only one of them.
    assert len(sed.edge_errors(TRUTH, [ev(0.0, 12.0, 'dog_bark')])) == 1

    result = sed.door([scene('quiet_000', 'quiet', 60.0, TRUTH, detected)])
    assert result['matched_events'] == 2 and result['onset_error_ms'] == onset


def write(path, rows):
    path.write_text(''.join('%.3f\t%.3f\t%s\n' % row for row in rows))


def test_evaluate_scenes_reads_kinds_and_lengths_from_several_folders(tmp_path):
    quiet, plain = tmp_path / 'quiet', tmp_path / 'plain'
    quiet.mkdir()
    plain.mkdir()
    write(quiet / 'quiet_000.tsv', [(1.0, 2.0, 'dog_bark'), (30.0, 32.0, 'siren')])
    write(quiet / 'quiet_000.detected.tsv', [(1.3, 2.1, 'dog_bark'), (30.0, 31.9, 'siren'),
                                             (50.0, 51.0, 'door_knock')])
    (quiet / 'scenes.json').write_text(json.dumps(
        {'kind': 'quiet', 'scenes': [{'name': 'quiet_000', 'kind': 'quiet', 'seconds': 900.0}]}))
    # No scenes.json here: the kind comes from the name, the length from the WAV.
    write(plain / 'plain_000.tsv', [])
    (plain / 'plain_000.detected.jsonl').write_text(
        json.dumps({'start': 3.0, 'end': 4.0, 'label': 'glass_breaking', 'confidence': 0.5})
        + '\n')
    soundfile.write(str(plain / 'plain_000.wav'), np.zeros(16000 * 60, np.int16), 16000)
    saved = tmp_path / 'out' / 'result.json'
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'evaluate-scenes', str(quiet),
                           str(plain), '--json', str(saved)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert json.loads(saved.read_text()) == result
    assert result['false_events_per_hour'] == {'quiet': 4.0, 'plain': 60.0, 'all': 7.5}
    assert result['kinds']['quiet']['event_f1_1s'] == pytest.approx(0.8)
    assert result['onset_error_ms']['median'] == 150.0
    # The 300 ms late bark misses at 200 ms: 1 hit of 2 true, 4 detected (the plain bed's too).
    assert result['event_f1_200ms'] == pytest.approx(1 / 3, abs=1e-3)
    assert 'false/h' in done.stdout and 'onset error of 2 matched events' in done.stdout


# --- the scenes themselves ----------------------------------------------------------------------

@pytest.fixture
def data():
    if not (DATA / 'train' / 'manifest.csv').exists():
        pytest.skip('sound data not found at %s (set EARMARK_DATA)' % DATA)
    return DATA


def make(data, out, kind, count, minutes, seed=0):
    subprocess.run([sys.executable, '-m', 'earmark.cli', 'scenes', '--data', str(data), '--out',
                    str(out), '--folds', *FOLDS, '--seed', str(seed), '--count', str(count),
                    '--minutes', str(minutes), '--kind', kind], check=True, capture_output=True)
    return json.loads((out / 'scenes.json').read_text())


def level(audio, record=None):
    """dBFS RMS of the audio outside every sound of the record (the bed alone)."""
    keep = np.ones(len(audio), bool)
    for e in (record or {}).get('events', []) + (record or {}).get('distractors', []):
        keep[int(e['onset'] * 16000):int(e['offset'] * 16000)] = False
    return 10 * np.log10(np.mean(audio[keep].astype(np.float64) ** 2))


def read(folder, s):
    audio, rate = soundfile.read(str(folder / (s['name'] + '.wav')), dtype='float32')
    assert rate == 16000 and len(audio) == int(s['seconds'] * 16000)
    return audio


def from_folds(source):
    return '_4-' in source or 'tuxpaint' in source or 'Dashticz' in source


def test_plain_beds_have_empty_truth_every_bed_kind_and_realistic_levels(data, tmp_path):
    record = make(data, tmp_path, 'plain', 5, 0.5)
    assert record['kind'] == 'plain'
    assert sorted(s['bed_kind'] for s in record['scenes']) == sorted(record['bed_kinds']) == \
        ['chirping_birds', 'crickets', 'engine', 'rain', 'wind']
    for s in record['scenes']:
        assert s['name'].startswith('plain_') and s['events'] == s['distractors'] == []
        assert (tmp_path / (s['name'] + '.tsv')).read_text() == ''
        assert -50 <= s['bed_dbfs'] <= -30
        measured = level(read(tmp_path, s))
        assert abs(measured - s['bed_dbfs']) < 1.0, (s, measured)


def test_quiet_doorsteps_have_long_gaps_and_events_over_a_quiet_bed(data, tmp_path):
    record = make(data, tmp_path, 'quiet', 3, 2.0, seed=4)
    assert sum(len(s['events']) for s in record['scenes']) >= 3
    for s in record['scenes']:
        audio = read(tmp_path, s)
        assert -50 <= s['bed_dbfs'] <= -30 and abs(level(audio, s) - s['bed_dbfs']) < 1.0
        assert s['distractors'] == []
        truth = sed.read_events(tmp_path / (s['name'] + '.tsv'))
        assert [(e['onset'], e['offset'], e['event_label']) for e in truth] == \
            [(e['onset'], e['offset'], e['label']) for e in s['events']]
        assert s['events'][0]['onset'] >= 10.0
        for a, b in zip(s['events'], s['events'][1:]):
            assert b['onset'] - a['offset'] >= 10.0 - 1e-3     # long stretches of bed alone
        for e in s['events']:
            assert e['label'] in scenes.TARGETS and from_folds(e['source']), e
            assert 0.0 <= e['snr_db'] <= 20.0
            inside = audio[int(e['onset'] * 16000):int(e['offset'] * 16000)]
            over = 10 * np.log10(np.mean(inside.astype(np.float64) ** 2)) - s['bed_dbfs']
            assert over > -1.0, (e, over)


def test_unfamiliar_doorsteps_keep_their_unfamiliar_sounds_out_of_the_truth(data, tmp_path):
    record = make(data, tmp_path, 'unfamiliar', 2, 1.5, seed=1)
    distractors = [d for s in record['scenes'] for d in s['distractors']]
    events = [e for s in record['scenes'] for e in s['events']]
    assert len(distractors) >= 20 and len(events) <= len(distractors) / 5
    assert any(d['source'].endswith('.flac') for d in distractors)     # negatives/ too
    assert any('/other/' in d['source'] for d in distractors)
    for s in record['scenes']:
        assert -50 <= s['bed_dbfs'] <= -30
        assert abs(level(read(tmp_path, s), s) - s['bed_dbfs']) < 1.0
        truth = sed.read_events(tmp_path / (s['name'] + '.tsv'))
        assert all(e['event_label'] in scenes.TARGETS for e in truth)
        assert len(truth) == len(s['events'])
        spans = {(e['onset'], e['offset']) for e in truth}
        for d in s['distractors']:
            assert d['label'] == 'other' and (d['onset'], d['offset']) not in spans
            assert '/train/' not in d['source'] and from_folds(d['source']), d
            assert 0.0 <= d['snr_db'] <= 20.0
        gaps = [b['onset'] - a['offset'] for a, b in
                zip(sorted(s['events'] + s['distractors'], key=lambda e: e['onset']),
                    sorted(s['events'] + s['distractors'], key=lambda e: e['onset'])[1:])]
        assert max(gaps) <= 4.0 + 1e-3 and min(gaps) >= 0.5 - 1e-3       # dense


def test_door_scenes_are_reproducible(data, tmp_path):
    a = make(data, tmp_path / 'a', 'unfamiliar', 1, 0.5, seed=3)
    b = make(data, tmp_path / 'b', 'unfamiliar', 1, 0.5, seed=3)
    c = make(data, tmp_path / 'c', 'unfamiliar', 1, 0.5, seed=5)
    assert a == dict(b, scenes=[dict(s) for s in b['scenes']])
    wav = 'unfamiliar_000.wav'
    assert (tmp_path / 'a' / wav).read_bytes() == (tmp_path / 'b' / wav).read_bytes()
    assert (tmp_path / 'a' / wav).read_bytes() != (tmp_path / 'c' / wav).read_bytes()
    with pytest.raises(ValueError, match='unknown scene kind'):
        scenes.generate(data, tmp_path / 'd', FOLDS, kind='noisy')
