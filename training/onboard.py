"""Runs the device's classifier on the host: in `micropython` from the built image (128 KB heap),
or in CPython where there is no micropython. Frames go over in a raw int16 file."""
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from earmark import runtime

MEASURE = '''
import gc, json, time, classifier, compat
from array import array
gc.collect(); h0 = gc.mem_alloc()
c = classifier.Classifier(%(bundle)r)
gc.collect(); h1 = gc.mem_alloc()
buf = array('h', bytes(2 * c.window_frames * c.n_mels))
f = open(%(frames)r, 'rb')
n = tf = ts = te = peak = 0
while f.readinto(buf) == 2 * len(buf):
    gc.collect(); a = gc.mem_alloc()
    t0 = time.ticks_us(); x = c.features(buf)
    t1 = time.ticks_us(); s = c.scores(x)
    t2 = time.ticks_us(); e = c.embed(x)
    t3 = time.ticks_us()
    peak = max(peak, gc.mem_alloc() - a)
    tf += time.ticks_diff(t1, t0); ts += time.ticks_diff(t2, t1); te += time.ticks_diff(t3, t2)
    n += 1
f.close()
print(json.dumps({'evaluator': c.evaluator, 'windows': n, 'heap_model': h1 - h0,
    'heap_window': peak, 'heap_total': sum(compat.heap()),
    'ms_features': tf / n / 1000, 'ms_scores': ts / n / 1000, 'ms_embed': te / n / 1000,
    'ms_window': (tf + ts + te) / n / 1000}))
'''

# One JSON line per file. A file's label is the mean of its windows' scores, over the windows
# within `gate` centi-dB of its loudest one (quiet stretches of a recording say nothing).
CLASSIFY = '''
import json, classifier
from array import array
c = classifier.Classifier(%(bundle)r)
buf = array('h', bytes(2 * c.window_frames * c.n_mels))
def windows(f, n_frames):
    start = 0
    while start + c.window_frames <= n_frames:
        f.seek(2 * start * c.n_mels)
        f.readinto(buf)
        yield c.features(buf)
        start += c.hop_frames
for name, path, n_frames in %(files)r:
    f = open(path, 'rb')
    levels = [c.level(x) for x in windows(f, n_frames)]
    gate = max(levels) - %(gate)d
    total = [0.0] * len(c.labels)
    used = 0
    for x, level in zip(windows(f, n_frames), levels):
        if level >= gate:
            for i, s in enumerate(c.scores(x)):
                total[i] += s
            used += 1
    f.close()
    scores = [s / used for s in total]
    label, confidence = c.decide(scores)
    print(json.dumps({'file': name, 'label': label, 'confidence': round(confidence, 4),
        'labels': c.labels, 'scores': [round(s, 4) for s in scores], 'windows': used}))
'''


def run_fitting(code, which='micropython'):
    """run() with a 128 KB heap, or a PSRAM board's where the bundle does not load in that:
    (runtime, lines, the heap it ran with)."""
    try:
        return run(code, which) + (runtime.DEFAULT_HEAP,)
    except RuntimeError as e:
        if 'MemoryError' not in str(e):
            raise
    return run(code, which, runtime.PSRAM_HEAP) + (runtime.PSRAM_HEAP,)


def run(code, which='micropython', heap=runtime.DEFAULT_HEAP):
    which = runtime.choose(which)
    argv, env, cwd = runtime.command(which, ['-c', code], heap=heap)
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0 or 'Traceback' in done.stderr:
        raise RuntimeError('device code failed in %s:\n%s%s' % (which, done.stdout[-2000:],
                                                                done.stderr[-2000:]))
    return which, [json.loads(l) for l in done.stdout.splitlines()
                   if l.startswith(('{', '['))]


def measure(bundle, windows, which='micropython'):
    """Per-window time and heap of the bundle's classifier on real windows
    ((n, window_frames, n_mels) int16), in micropython with a 128 KB heap, or a PSRAM board's
    where the bundle does not load in 128 KB ('heap_limit' says which)."""
    with tempfile.TemporaryDirectory() as tmp:
        frames = Path(tmp) / 'frames.bin'
        frames.write_bytes(np.ascontiguousarray(windows, dtype='<i2').tobytes())
        code = MEASURE % {'bundle': str(Path(bundle).resolve()), 'frames': str(frames)}
        which, lines, heap = run_fitting(code, which)
    return dict(lines[-1], runtime=which, heap_limit=heap)


def frame_files(folder, named_frames):
    """[(name, path, n_frames)] of [(name, (n_frames, n_mels) int16)], each written into
    `folder` as the device code reads frames (little-endian int16, frame-major)."""
    files = []
    for i, (name, frames) in enumerate(named_frames):
        path = Path(folder) / ('%d.bin' % i)
        path.write_bytes(np.ascontiguousarray(frames, dtype='<i2').tobytes())
        files.append((name, str(path), len(frames)))
    return files


def classify(bundle, named_frames, gate, which='micropython'):
    """[(name, (n_frames, n_mels) int16)] -> one dict per file, computed by the device code
    (at a PSRAM board's heap where the bundle does not load in 128 KB, as measure)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = frame_files(tmp, [(str(name), frames) for name, frames in named_frames])
        which, lines, _ = run_fitting(CLASSIFY % {'bundle': str(Path(bundle).resolve()),
                                                  'files': files, 'gate': gate}, which)
    return which, lines
