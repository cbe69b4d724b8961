"""README commands end to end, as a user types them, on tiny workloads: `earmark train` on a few
clips of the sound data, `evaluate` on the bundle it made (its metrics checked against its own
confusion matrix), `detect` running that bundle in MicroPython, and every `earmark bench`
(exit 0, its table printed). Seconds to a few minutes each; none asserts a speed."""
import csv
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from conftest import DATA, _device
from earmark import demo

PER_LABEL = 4


def earmark(*args, timeout=1800):
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, (args, done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout


def need_data():
    if not (DATA / 'train' / 'manifest.csv').is_file():
        pytest.skip('training data not found at %s (set EARMARK_DATA)' % DATA)


@pytest.fixture(scope='module')
def scene(tmp_path_factory):
    """The demo scene's first 40 s (three of its sounds) and its truth, as a scenes folder."""
    folder = tmp_path_factory.mktemp('scenes')
    audio, rate = soundfile.read(str(demo.SCENE), dtype='int16')
    soundfile.write(str(folder / 'start.wav'), audio[:40 * rate], rate, subtype='PCM_16')
    truth = [line for line in demo.TRUTH.read_text().splitlines()
             if float(line.split('\t')[1]) <= 40]
    (folder / 'start.tsv').write_text('\n'.join(truth) + '\n')
    return folder


@pytest.fixture(scope='module')
def few_clips(tmp_path_factory):
    """A data folder of PER_LABEL clips of each label of the sound data (train and other),
    spread over its folds, linked, with their manifest."""
    need_data()
    folder = tmp_path_factory.mktemp('few')
    rows = []
    for sub in ('train', 'other'):
        with open(DATA / sub / 'manifest.csv', newline='') as f:
            found = list(csv.DictReader(f))
        for label in sorted({r['label'] for r in found}):
            of_label = [r for r in found if r['label'] == label]
            for r in of_label[::max(1, len(of_label) // PER_LABEL)][:PER_LABEL]:
                link = folder / sub / r['file']
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(DATA / sub / r['file'])
                rows.append(dict(r, file=sub + '/' + r['file']))
    with open(folder / 'manifest.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return folder


def test_train_evaluate_and_detect_with_the_bundle(few_clips, scene, tmp_path):
    """`earmark train` (trees, no teacher: minutes on two cores) writes a bundle and prints its
    cross-validated macro F1; `earmark evaluate` reports that bundle's metrics, which agree
    with its own confusion matrix; `earmark detect --model` runs it in MicroPython."""
    _device('micropython')
    bundle = tmp_path / 'bundle'
    trained = json.loads(earmark('train', '--data', few_clips, '--out', bundle,
                                 '--learner', 'trees', '--no-teacher').strip().splitlines()[-1])
    assert {'model.json', 'trees.csv', 'metrics.json', 'centroids.bin'} <= {
        p.name for p in bundle.iterdir()}
    report = tmp_path / 'report'
    got = json.loads(earmark('evaluate', '--model', bundle, '--data', few_clips, '--report',
                             report).strip().splitlines()[-1])
    assert got['macro_f1'] == trained['macro_f1']
    assert (report / 'report.md').is_file() and (report / 'confusion.png').is_file()
    metrics = json.loads((bundle / 'metrics.json').read_text())
    labels = metrics['labels']
    assert metrics['clips'] == len(labels) * PER_LABEL
    # The metrics, counted again from the confusion matrix (rows: truth, columns: answers).
    m = np.array(metrics['confusion'])
    assert m.shape == (len(labels), len(labels)) and m.sum() == metrics['windows']
    assert abs(np.trace(m) / m.sum() - metrics['accuracy']) < 1e-3
    f1s = []
    for i, label in enumerate(labels):
        p = m[i, i] / max(1, m[:, i].sum())
        r = m[i, i] / max(1, m[i].sum())
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        one = metrics['per_class'][label]
        assert one['windows'] == m[i].sum(), label
        assert abs(one['precision'] - p) < 1e-3 and abs(one['recall'] - r) < 1e-3, label
        assert abs(one['f1'] - f1) < 2e-3, label
        f1s.append(f1)
    assert abs(np.mean(f1s) - got['macro_f1']) < 1e-3
    assert 0 <= got['scenes']['segment_f1_1s'] <= 1 and got['runtime'] == 'micropython'
    events = [json.loads(line) for line in earmark(
        'detect', '--model', bundle, scene / 'start.wav').splitlines()]
    for ev in events:
        assert ev['label'] in labels and 0 <= ev['start'] < ev['end'] <= 40, ev


def test_bench_frontend(few_clips):
    """Its instruction counts read 6 s of audio: a 1 s run failed before the file held them."""
    out = earmark('bench', 'frontend', '--seconds', 1)
    assert 'MicroPython: frontend.py, viper' in out and 'instructions C -Os' in out, out
    assert 'Goals:' in out


def test_bench_pipeline(scene):
    out = earmark('bench', 'pipeline', scene)
    assert '1 scenes, 40 s of audio, model default' in out, out
    assert out.splitlines()[3].startswith('micropython') and 'smallest heap' in out, out
    figures = json.loads(out.strip().splitlines()[-1])
    assert 0 <= figures['segment_f1_1s'] <= 1 and figures['heap_peak'] > 0, figures


def test_bench_store():
    out = earmark('bench', 'store', '--sizes', 1000)
    lines = out.splitlines()
    head = [i for i, line in enumerate(lines) if line.split()[:2] == ['events', 'append/s']]
    assert head and lines[head[0] + 1].split()[0] == '1000', out
    assert 'recall@10 >= 0.95' in out, out


def test_bench_history():
    out = earmark('bench', 'history', '--days', 1, '--events', 0)
    assert 'level history: 1 days of 10 s rows' in out and 'range    points' in out, out


def test_bench_api():
    out = earmark('bench', 'api', '--requests', 5, '--clients', 2, '--days', 1)
    rows = [line for line in out.splitlines() if line.startswith(('list', 'detail', 'similar',
                                                                   'stats', 'clip.wav'))]
    assert len(rows) == 10, out   # each endpoint with 1 and 2 clients
    assert 'page:' in out and 'heap after the run' in out, out


def test_bench_heap():
    if shutil.which('node') is None:   # this skip fails (tests/skips.py)
        pytest.skip('node is not installed (README: earmark bench heap)')
    out = earmark('bench', 'heap')
    figures = json.loads(out.strip().splitlines()[-1])
    assert set(figures) == {'x64_rom_kb', 'x64_heap_kb', 'wasm32_heap_kb',
                            'wasm32_rom_estimate_kb'}, out
    assert 0 < figures['x64_rom_kb'] < figures['x64_heap_kb'], figures
