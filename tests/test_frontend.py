"""The front end: C core vs librosa, the MicroPython implementation vs the C core, streaming
(chunking) invariance, bad input in every binding, and heap use in MicroPython."""
import array
import csv
import os
import subprocess
import sys
from pathlib import Path

import librosa
import numpy as np
import pytest
import soundfile

from conftest import DATA
from earmark import ROOT, bridge, image, runtime

# Required: the extension is built by `pip install -e .` (make setup); a broken build fails here
# loudly rather than skipping every front-end test.
import logmel  # noqa: E402
frontend = bridge.device_module('frontend')   # run here in CPython

LABELS = ('dog_bark', 'glass_breaking', 'speech', 'doorbell')
CONFIGS = [dict(), dict(n_fft=256, hop=128, n_mels=64, htk=True),
           dict(n_fft=1024, hop=512, n_mels=32, norm=None)]
# The natmod built for this machine (native/logmel, `make ARCH=x64`): its tests run when present.
NATMOD = os.environ.get('EARMARK_LOGMEL_MPY')


@pytest.fixture(scope='module')
def clips(tmp_path_factory):
    """One real clip per label in LABELS: (path, int16 samples). From the sound data when it is
    there, else the same labels' clips shipped in demo/clips (decoded to WAV)."""
    manifest = Path(DATA) / 'train' / 'manifest.csv'
    if manifest.exists():
        with open(manifest) as f:
            rows = [(r['label'], manifest.parent / r['file']) for r in csv.DictReader(f)]
    else:
        from earmark import demo
        rows = demo.clips(tmp_path_factory.mktemp('clips'))
    found = []
    for label in LABELS:
        path = next(p for name, p in rows if name == label)
        pcm, rate = soundfile.read(path, dtype='int16')
        assert rate == 16000 and pcm.ndim == 1
        found.append((path, pcm))
    return found


def c_frames(pcm, chunk=4000, typecode='f', **config):
    m = logmel.LogMel(max_frames=1 + chunk // config.get('hop', 256), **config)
    out = array.array(typecode, bytes((4 if typecode == 'f' else 2) * m.n_mels))
    frames = []
    for i in range(0, len(pcm), chunk):
        m.push(pcm[i:i + chunk].tobytes())
        while m.pop(out):
            frames.append(list(out))
    return np.array(frames)


def within_80db(reference):
    return reference >= reference.max(axis=1, keepdims=True) - 80


@pytest.mark.parametrize('n_fft', [256, 512, 1024])
@pytest.mark.parametrize('n_mels', [32, 40, 64])
@pytest.mark.parametrize('htk', [False, True], ids=['slaney', 'htk'])
def test_c_core_matches_librosa(clips, n_fft, n_mels, htk):
    hop = n_fft // 2
    for path, pcm in clips:
        y = pcm.astype(np.float32) / 32768
        power = librosa.feature.melspectrogram(
            y=y, sr=16000, n_fft=n_fft, hop_length=hop, center=False, power=2.0, n_mels=n_mels,
            fmin=0.0, fmax=8000.0, htk=htk)
        reference = librosa.power_to_db(power, ref=1.0, amin=1e-10, top_db=None).T
        got = c_frames(pcm, n_fft=n_fft, hop=hop, n_mels=n_mels, htk=htk)
        assert got.shape == reference.shape
        diff = np.abs(got - reference)[within_80db(reference)]
        assert diff.max() <= 0.05, (path.name, diff.max())


def test_norm_none_matches_librosa(clips):
    path, pcm = clips[0]
    power = librosa.feature.melspectrogram(
        y=pcm.astype(np.float32) / 32768, sr=16000, n_fft=512, hop_length=160, center=False,
        n_mels=40, fmin=125.0, fmax=7000.0, norm=None)
    reference = librosa.power_to_db(power, ref=1.0, amin=1e-10, top_db=None).T
    got = c_frames(pcm, n_fft=512, hop=160, n_mels=40, fmin=125.0, fmax=7000.0, norm=None)
    assert np.abs(got - reference)[within_80db(reference)].max() <= 0.05


def test_state_size_of_the_model_configuration():
    assert logmel.LogMel().state_size <= 8 * 1024


def test_centi_db_is_rounded_db(clips):
    _, pcm = clips[1]
    a, b = logmel.LogMel(max_frames=64), logmel.LogMel(max_frames=64)
    a.push(pcm[:16000].tobytes())
    b.push(pcm[:16000].tobytes())
    db, centi = array.array('f', bytes(160)), array.array('h', bytes(80))
    while a.pop(db):
        assert b.pop(centi)
        v = np.array(db, dtype=np.float32) * np.float32(100)
        expected = np.clip(np.sign(v) * np.floor(np.abs(v) + 0.5), -32768, 32767)
        assert list(centi) == expected.astype(int).tolist()
    assert not b.pop(centi)


@pytest.mark.parametrize('config', CONFIGS, ids=['model', '256-htk', '1024-nonorm'])
def test_python_implementation_in_cpython_matches_c_core(clips, config):
    for _, pcm in clips[:2]:
        pcm = pcm[:32000]
        m = frontend.PyLogMel(**config)
        out = array.array('f', bytes(4 * m.n_mels))
        got = np.array([list(f) for f in frontend.frames(m, array.array('h', pcm.tobytes()), out)])
        reference = c_frames(pcm, **config)
        assert got.shape == reference.shape
        assert np.abs(got - reference)[within_80db(reference)].max() <= 0.1


WAV_READER = '''
import array, json, frontend
def wav(path):
    f = open(path, 'rb')
    f.read(12)
    while True:
        head = f.read(8)
        if head[:4] == b'data':
            return f
        f.read(int.from_bytes(head[4:], 'little'))
def frames(m, path, chunk, typecode='f'):
    f = wav(path)
    pcm = array.array('h', bytes(2 * chunk))
    out = array.array(typecode, bytes((4 if typecode == 'f' else 2) * m.n_mels))
    while True:
        n = f.readinto(pcm) // 2
        if not n:
            break
        m.push(memoryview(pcm)[:n])
        while m.pop(out):
            yield out
'''


def mpy_frames(mpy, path, config, chunk=1000, make='frontend.PyLogMel', seconds=None,
               typecode='f'):
    limit = '' if seconds is None else 'if i >= %d: break' % (seconds * 16000 // config.get('hop', 256))
    code = WAV_READER + '''
import %s
m = %s(**%r)
for i, f in enumerate(frames(m, %r, %d, %r)):
    %s
    print(json.dumps(list(f)))
''' % (make.split('.')[0], make, config, str(path), chunk, typecode, limit or 'pass')
    return np.array(mpy.json_lines(code))


@pytest.mark.parametrize('config', CONFIGS, ids=['model', '256-htk', '1024-nonorm'])
def test_micropython_implementation_matches_c_core(mpy, clips, config):
    for path, pcm in clips:
        got = mpy_frames(mpy, path, config)
        reference = c_frames(pcm, **config)
        assert got.shape == reference.shape
        assert np.abs(got - reference)[within_80db(reference)].max() <= 0.1, path.name


def test_chunking_gives_identical_frames_c_core(clips):
    _, pcm = clips[0]
    pcm = pcm[:16000]
    runs = [c_frames(pcm, chunk=chunk) for chunk in (1, 7, 160, 2000)]
    assert len(runs[0]) == (16000 - 512) // 256 + 1
    for run in runs[1:]:
        assert np.array_equal(run, runs[0])


def test_chunking_gives_identical_frames_python_in_cpython(clips):
    _, pcm = clips[2]
    pcm = pcm[:8000]
    runs = []
    for chunk in (1, 7, 160, 2000):
        m = frontend.PyLogMel()
        out = array.array('f', bytes(160))
        frames = []
        for i in range(0, len(pcm), chunk):
            m.push(array.array('h', pcm[i:i + chunk].tobytes()))
            while m.pop(out):
                frames.append(list(out))
        runs.append(frames)
    assert len(runs[0]) == (8000 - 512) // 256 + 1
    assert all(run == runs[0] for run in runs[1:])


def test_chunking_gives_identical_frames_micropython(mpy, clips):
    path, _ = clips[3]
    runs = [mpy_frames(mpy, path, {}, chunk=chunk, seconds=1) for chunk in (1, 7, 160, 2000)]
    assert len(runs[0]) > 50
    for run in runs[1:]:
        assert np.array_equal(run, runs[0])


BAD_CONSTRUCTORS = [
    (dict(n_fft=500), 'power of two'),
    (dict(n_fft=4096), 'power of two'),
    (dict(n_fft=256, n_mels=200), 'n_mels'),
    (dict(fmax=9000.0), 'Nyquist'),
    (dict(hop=0), 'hop'),
    (dict(fmin=8000.0), 'fmin'),
    (dict(norm='l2'), 'norm'),
    (dict(max_frames=0), 'max_frames'),
]
BAD_CALLS = '''
import array
def expect(fn, words):
    try:
        fn()
    except ValueError as exc:
        assert words in str(exc), (words, str(exc))
        return
    raise AssertionError('no ValueError for ' + words)
def check(LogMel, bad_constructors):
    for kwargs, words in bad_constructors:
        expect(lambda: LogMel(**kwargs), words)
    m = LogMel()
    expect(lambda: m.push(array.array('f', [0.0] * 10)), 'int16')
    expect(lambda: m.push(array.array('i', [0] * 10)), 'int16')
    expect(lambda: m.push([1, 2, 3]), 'int16')
    expect(lambda: m.push(b'abc'), 'odd')
    expect(lambda: m.push(array.array('h', bytes(2 * 256 * 12))), 'max_frames')
    assert m.push(array.array('h', bytes(2 * 256 * 8))) == 7
    expect(lambda: m.pop(array.array('f', [0.0] * 39)), 'n_mels')
    expect(lambda: m.pop(array.array('i', [0] * 40)), 'array')
    expect(lambda: m.pop(bytearray(160)), 'array')
    out = array.array('f', [0.0] * 40)
    n = 0
    while m.pop(out):
        n += 1
    assert n == 7 and out[0] == -100.0, (n, out[0])
    print('bad input ok')
'''


@pytest.mark.parametrize('binding', ['extension', 'python'])
def test_bad_input_cpython(binding):
    scope = {}
    exec(BAD_CALLS, scope)
    scope['check'](logmel.LogMel if binding == 'extension' else frontend.PyLogMel,
                   BAD_CONSTRUCTORS)


def test_bad_input_micropython(mpy):
    code = BAD_CALLS + 'import frontend\ncheck(frontend.PyLogMel, %r)\n' % BAD_CONSTRUCTORS
    assert 'bad input ok' in mpy.run(code)


def test_micropython_heap_and_no_leak(mpy, clips):
    """The state a LogMel holds, and no growth over five rounds of pushing the same audio; a
    second one of the same configuration shares the tables and scratch, and owns only its
    samples and frame queue."""
    path, _ = clips[0]
    code = WAV_READER + """
import gc
f = wav(%r)
start = f.tell()
pcm = array.array('h', bytes(2048))
out = array.array('f', bytes(160))
gc.collect()
before = gc.mem_alloc()
m = frontend.PyLogMel()
gc.collect()
owned = gc.mem_alloc() - before
second = frontend.PyLogMel()
gc.collect()
owned_second = gc.mem_alloc() - before - owned
used = [0] * 6  # allocated up front: appending would grow the heap itself
for round in range(6):
    f.seek(start)
    for i in range(30):
        m.push(memoryview(pcm)[:f.readinto(pcm) // 2])
        while m.pop(out):
            pass
    gc.collect()
    used[round] = gc.mem_alloc()
print(json.dumps({'owned': owned, 'second': owned_second, 'state': m.state_size, 'used': used}))
""" % str(path)
    report = mpy.json_lines(code)[0]
    print(report)
    assert report['state'] <= 8 * 1024 + 1024      # fixed-point buffers are a little wider
    assert report['owned'] <= report['state'] + 1536
    # samples (2 x n_fft) and centi-dB queue (2 x n_mels x max_frames) of its own, and the object
    assert report['second'] <= 2 * 512 + 2 * 40 * 8 + 512
    assert max(report['used'][1:]) - min(report['used'][1:]) == 0


def test_micropython_frames_allocate_nothing(mpy):
    """Frames pushed and popped into array('h') (as the pipeline does) leave no garbage: 300 of
    them with the collector off in a 224 KB heap. Float arithmetic would not fit:
    each float is a heap object (the float version made ~110 KB a frame and ran out at once)."""
    code = """
import array, gc, json, frontend
m = frontend.PyLogMel()
pcm = array.array('h', (((i * 7919) % 20011) - 10005 for i in range(256)))
out = array.array('h', bytes(80))
for i in range(3):  # a full buffer, and pop's check of a new buffer, before measuring
    m.push(pcm)
    while m.pop(out):
        pass
gc.collect()
gc.disable()
before = gc.mem_alloc()
frames = 0
try:
    for i in range(300):
        m.push(pcm)
        while m.pop(out):
            frames += 1
except MemoryError:
    pass
used = gc.mem_alloc() - before
gc.enable()
print(json.dumps({'frames': frames, 'bytes': used}))
"""
    report = mpy.json_lines(code, heap='224K')[0]
    print(report)
    # a few bytes once (this snippet's own new globals), none per frame
    assert report['frames'] == 300 and report['bytes'] <= 64, report


def test_implementation_is_reported(mpy):
    assert frontend.IMPLEMENTATION == 'native'   # CPython with the extension built
    assert mpy.run('import frontend; print(frontend.IMPLEMENTATION)').strip() == 'viper'


# ---- the MicroPython native module (.mpy), when one was built for this machine ----

def _natmod_skip():
    """Why the native module's tests cannot run here, or None."""
    if not NATMOD:
        return ('EARMARK_LOGMEL_MPY not set: no native .mpy built here (make test builds one; '
                'make -C native/logmel ARCH=x64 MPY_DIR=...)')
    built = image.NATIVE_ARCHS[Path(NATMOD).read_bytes()[2] >> 2]   # .mpy header: arch << 2
    if built != image.host_arch():
        return '%s is for %s; the MicroPython here runs %s' % (NATMOD, built, image.host_arch())
    return None


NATMOD_SKIP = _natmod_skip()
natmod = pytest.mark.skipif(NATMOD_SKIP is not None, reason=str(NATMOD_SKIP))


@pytest.fixture
def mpy_native(mpy, monkeypatch):
    """MicroPython with the native module on its path."""
    command = runtime.command

    def with_natmod(*args, **kw):
        argv, env, cwd = command(*args, **kw)
        env['MICROPYPATH'] = str(Path(NATMOD).parent) + ':' + env['MICROPYPATH']
        return argv, env, str(Path(NATMOD).parent)
    monkeypatch.setattr(runtime, 'command', with_natmod)
    return mpy


@natmod
def test_native_module_matches_c_core(mpy_native, clips):
    for path, pcm in clips[:2]:
        for config in CONFIGS:
            got = mpy_frames(mpy_native, path, config, make='logmel.LogMel')
            reference = c_frames(pcm, **config)
            assert got.shape == reference.shape
            assert np.abs(got - reference).max() <= 1e-4   # same C, same float32 arithmetic


@natmod
def test_native_module_and_cpython_build_agree_to_the_bit(mpy_native, clips):
    """The centi-dB the classifier reads: the hub's front end (the C core's CPython build) and
    a board's (the native module) give the same integers, not merely close ones."""
    for path, pcm in clips[:2]:
        got = mpy_frames(mpy_native, path, {}, make='logmel.LogMel', typecode='h')
        reference = c_frames(pcm, typecode='h')
        assert got.shape == reference.shape and (got == reference).all()


@natmod
def test_native_module_is_picked(mpy_native):
    assert mpy_native.run('import frontend; print(frontend.IMPLEMENTATION)').strip() == 'native'


@natmod
def test_native_module_bad_input(mpy_native):
    code = BAD_CALLS + 'import logmel\ncheck(logmel.LogMel, %r)\n' % BAD_CONSTRUCTORS
    assert 'bad input ok' in mpy_native.run(code)


@natmod
def test_native_module_chunking_and_heap(mpy_native, clips):
    path, _ = clips[3]
    runs = [mpy_frames(mpy_native, path, {}, chunk=chunk, make='logmel.LogMel', seconds=1)
            for chunk in (1, 7, 160, 2000)]
    for run in runs[1:]:
        assert np.array_equal(run, runs[0])
    code = '''
import array, gc, logmel
gc.collect()
before = gc.mem_alloc()
m = logmel.LogMel()
gc.collect()
print(gc.mem_alloc() - before, m.state_size)
'''
    owned, state = map(int, mpy_native.run(code).split())
    assert state <= 8 * 1024 and owned <= state + 128


@pytest.fixture
def synthetic_wav(tmp_path):
    """A chirp over deterministic noise, for the checks CI can run without the data set."""
    t = np.arange(3 * 16000) / 16000
    noise = np.random.default_rng(3).normal(0, 300, t.size)
    pcm = (8000 * np.sin(2 * np.pi * (100 + 1200 * t) * t) + noise).astype(np.int16)
    path = tmp_path / 'chirp.wav'
    soundfile.write(path, pcm, 16000, subtype='PCM_16')
    return path, pcm


@natmod
def test_native_module_on_a_synthetic_signal(mpy_native, synthetic_wav):
    path, pcm = synthetic_wav
    for config in CONFIGS:
        got = mpy_frames(mpy_native, path, config, chunk=777, make='logmel.LogMel')
        assert np.abs(got - c_frames(pcm, **config)).max() <= 1e-4


def test_micropython_implementation_on_a_synthetic_signal(mpy, synthetic_wav):
    path, pcm = synthetic_wav
    got = mpy_frames(mpy, path, {}, chunk=777)
    reference = c_frames(pcm)
    assert np.abs(got - reference)[within_80db(reference)].max() <= 0.1


def test_plain_bytecode_variant_matches_viper(mpy, synthetic_wav, tmp_path, monkeypatch):
    """The copy `earmark bench frontend` times as plain bytecode computes the same frames."""
    from earmark.bench import frontend as bench_frontend
    path, _ = synthetic_wav
    viper = mpy_frames(mpy, path, {}, chunk=500, seconds=1)
    folder = bench_frontend._plain_bytecode(tmp_path / 'plain')
    command = runtime.command

    def plain_first(*args, **kw):
        argv, env, cwd = command(*args, **kw)
        env['MICROPYPATH'] = str(folder) + ':' + env['MICROPYPATH']
        return argv, env, str(folder)   # '' (the working folder) comes first on sys.path
    monkeypatch.setattr(runtime, 'command', plain_first)
    assert mpy.run('import frontend; print(frontend.IMPLEMENTATION)').strip() == 'python'
    assert np.array_equal(mpy_frames(mpy, path, {}, chunk=500, seconds=1), viper)


def test_melbank_is_current():
    """device/melbank.py is what tools/melbank.py writes from the front end's own tables."""
    done = subprocess.run([sys.executable, str(ROOT / 'tools' / 'melbank.py'), '--check'],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_micropython_frozen_tables_are_the_computed_ones(mpy):
    """The default configuration's tables come from melbank.py in MicroPython (no heap), and
    equal what the device computes itself, byte for byte; another configuration still
    computes its own."""
    code = '''
import gc, json, frontend, melbank
key = frontend.DEFAULT_KEY
used = frontend.PyLogMel.tables(*key)
frontend.VIPER = False   # what plain bytecode computes, the tables' source
made = frontend.PyLogMel.tables(*key)
frontend.VIPER = True
other = frontend.PyLogMel.tables(16000, 256, 40, 0.0, 8000.0, False, 'slaney')
print(json.dumps({
    'frozen': [used[i] is t for i, t in zip((0, 3, 4, 5), (melbank.SINE, melbank.LOG2,
                                                            melbank.BANDS, melbank.WEIGHTS))],
    'equal': [bytes(made[i]) == bytes(used[i]) for i in (0, 3, 4, 5)],
    'other_computed': [type(other[i]).__name__ for i in (0, 3, 4, 5)]}))
'''
    report = mpy.json_lines(code)[0]
    assert report['frozen'] == [True] * 4
    assert report['equal'] == [True] * 4
    assert report['other_computed'] == ['array'] * 4
