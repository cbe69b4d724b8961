"""A model bundle records the front end it was trained for; the device loads only a bundle made for
its own (16 kHz, 512-point FFT, hop 256, 40 mel bands 0-8 kHz, ...) and refuses any other with a
one-line message, running as with a bad model: fault model_bad, the level meter still going."""
import json

import numpy as np
import pytest
import soundfile

from bundles import edited
from conftest import _device
from earmark import DEVICE
from earmark.detect import appliance_args, run_appliance

DEVICE_CODE = '''
import json, sys, classifier
print(json.dumps(dict(classifier.FRONTEND)))
if sys.implementation.name == 'cpython':   # MicroPython has no inspect
    import inspect, frontend
    print(json.dumps({k: p.default for k, p in inspect.signature(frontend.PyLogMel).parameters.items()
                      if k != 'max_frames'}))
'''


def shipped_frontend():
    return json.loads((DEVICE / 'model' / 'model.json').read_text())['frontend']


def test_the_device_front_end_is_what_the_pipeline_computes_and_training_records(device):
    front, *defaults = device.json_lines(DEVICE_CODE)
    # What training writes into every bundle (training/features.py config()), amin aside.
    recorded = dict(shipped_frontend())
    assert recorded.pop('amin') == 1e-10
    assert front == recorded
    # pipeline.py makes frontend.LogMel() with its defaults: those are the device's front end.
    for d in defaults:
        assert len(d) == 8 and d == {k: front[k] for k in d}


def bundle_with(tmp_path, change):
    """A copy of the shipped bundle whose model.json front end has `change` applied (None: no
    front end recorded at all)."""
    def frontend(meta):
        if change is None:
            del meta['frontend']
        else:
            meta['frontend'].update(change)
    return edited(DEVICE / 'model', tmp_path / 'model', frontend)


LOAD = '''
import classifier
try:
    c = classifier.Classifier(%r)
    print('loaded', c.n_mels)
except ValueError as e:
    print('ValueError:', e)
'''


@pytest.mark.parametrize('change, named', [
    ({'sample_rate': 22050}, ['sample_rate 22050 (device: 16000)']),
    ({'n_mels': 64}, ['n_mels 64 (device: 40)']),
    ({'n_fft': 400, 'hop': 160}, ['n_fft 400 (device: 512)', 'hop 160 (device: 256)']),
    ({'fmin': 50.0, 'fmax': 7600.0}, ['fmin 50.0 (device: 0.0)', 'fmax 7600.0 (device: 8000.0)']),
    ({'htk': True}, ['htk True (device: False)']),
    (None, ['records no front end']),
])
def test_a_bundle_for_another_front_end_is_refused_in_one_line(device, tmp_path, change, named):
    out = device.run(LOAD % str(bundle_with(tmp_path, change))).strip()
    assert out.startswith('ValueError: ') and '\n' not in out, out
    for what in named:
        assert what in out, out


def test_the_device_front_end_loads(device, tmp_path):
    # The same settings written again (ints where the bundle has floats, as another JSON writer
    # might): the values count, not how they are spelled.
    out = device.run(LOAD % str(bundle_with(tmp_path, {'fmax': 8000, 'fmin': 0}))).strip()
    assert out == 'loaded 40'


def run(tmp_path, extra):
    args = appliance_args(str(tmp_path / 'in.wav'), tmp_path / 'events', start_time=0,
                          exit_at_end=True) + extra
    code, lines = run_appliance(args, 'micropython', None)
    text = '\n'.join(lines)
    assert code == 0 and 'Traceback' not in text, text[-3000:]
    return json.loads([l for l in lines if l.startswith('earmark: stopped ')][-1][17:]), lines


def test_the_appliance_runs_its_meter_without_such_a_bundle(tmp_path, device_image):
    _device('micropython')
    rng = np.random.default_rng(0)
    audio = (rng.standard_normal(16000 * 6) * 3000).astype(np.int16)   # about -20 dBFS
    soundfile.write(str(tmp_path / 'in.wav'), audio, 16000, subtype='PCM_16')
    # A store made with the shipped model first, as on a board that had it: without a model a
    # new store cannot begin (it needs the labels), one already there opens.
    run(tmp_path, [])
    status, lines = run(tmp_path, ['--model', str(bundle_with(tmp_path, {'n_mels': 64})),
                                   '--start-time', '1000'])
    assert status['faults'] == ['model_bad'] and status['events_detected'] == 0, status
    fault = [l for l in lines if 'fault model_bad:' in l]
    assert len(fault) == 1 and 'n_mels 64 (device: 40)' in fault[0], fault
    assert status['level_db'] > -60   # the meter still runs
