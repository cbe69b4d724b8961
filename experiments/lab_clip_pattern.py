"""What the lab's "Teach by its sound" makes of an appliance's events (issue 25): their stored
clips (8 kHz, 0.5 s of room before the onset and after the end) are the examples, and a pattern
head (device/pattern.py) taught on them is asked about new rings of the same doorbell.

The appliance (MicroPython, the image, microphone fed by the harness as tests/test_lab.py does)
hears a synthetic doorbell three times; its three clips are fetched from the API, read at 16 kHz
(scipy's polyphase resampler, as the browser resamples them) and taught by labcore.pattern_head
in MicroPython, as the lab does; beside them, three recordings of the ring made at 16 kHz with
1.5 s of the room around it (what the lab teaches on when such a file is dropped). Each head then
hears new rings in the harness's room (16 kHz, as the appliance hears them), one at each of
PHASES offsets within a pattern step (a ring starts anywhere on the appliance's 64 ms steps):
the best r (thousandths) of its templates, found when it reaches the head's threshold. Beside
the shipped teaching (a recording's bed at its median step: pattern.steps_of), the same with the
bed at a lower quantile of its steps, a variant computed here only (pattern.py is not changed).

    .venv/bin/python experiments/lab_clip_pattern.py

Writes experiments/results/lab_clip_pattern.json and prints a table.
"""
import io
import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
import soundfile
from scipy.signal import resample_poly

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / 'tests')]
from earmark import personal   # noqa: E402
from earmark.harness import ROOM, RealAppliance   # noqa: E402
from test_pattern import OURS, chime   # noqa: E402

RATE = 16000
RINGS = {'1.25 s ring (tests/test_pattern.py OURS)': OURS,
         '0.8 s ring (tests/test_lab.py)': chime([(660, 0.3), (523, 0.5)], 0.8)}
QUANTILES = (0.5, 0.2)   # 0.5: pattern.steps_of as shipped
PHASES = 8               # new rings, at k * 1024 / PHASES samples into a step

CODE = '''import json, labcore, pattern, binascii
from array import array

def steps_at(frames, n, q):
    # pattern.steps_of with the recording's bed at quantile q of its steps (0.5: its median)
    acc = array('i', bytes(4 * n))
    means = []
    k = 0
    for f in frames:
        for b in range(n):
            acc[b] += f[b]
        k += 1
        if k == pattern.STEP:
            means.append(array('h', [v // pattern.STEP for v in acc]))
            for b in range(n):
                acc[b] = 0
            k = 0
    at = int(q * len(means))
    bed = pattern.Bed(n, array('i', [sorted(m[b] for m in means)[at] for b in range(n)]))
    out = []
    for m in means:
        bed.over(m)
        out.append(array('b', bed.step))
    return out

def best(templates, path):
    m = pattern.Matcher(templates, 40, pattern.THRESHOLD)
    bed = pattern.Bed(40)
    r = -1000
    for f in labcore.frames_of(open(path, 'rb').read()):
        if bed.frame(f):
            r = max(r, m.push(bed.step))
    return r

examples, rings, quantiles = %r, %r, %r
out = {}
for kind, paths in examples.items():
    head = labcore.pattern_head('x', 'm', [open(p, 'rb').read() for p in paths])
    shipped = [binascii.a2b_base64(t) for t in head['sounds'][0]['templates']]
    out['threshold'] = head['sounds'][0]['reach']
    for q in quantiles:
        ts = [pattern.template(steps_at(labcore.frames_of(open(p, 'rb').read()), 40, q))
              for p in paths]
        if q == 0.5:
            assert ts == shipped, 'the variant at 0.5 is not steps_of'
        out['%%s %%s' %% (kind, q)] = {'steps': [len(t) // 40 for t in ts],
                                     'r': [best(ts, p) for p in rings]}
print(json.dumps(out))
'''


def pcm_file(folder, name, x):
    path = folder / name
    path.write_bytes(np.clip(x, -32768, 32767).astype('<i2').tobytes())
    return str(path)


def clips_of(ring, folder):
    """Three clips of `ring` as an appliance stores them, at 16 kHz in `folder`."""
    from test_lab import _call, _heard
    app = RealAppliance(folder / 'app').start()
    try:
        time.sleep(5)   # the room first: a short ring as the stream starts opens no event
        out = []
        for k in range(3):
            ev = _heard(app, ring)
            ask = urllib.request.Request(app.base + '/api/events/%d/clip.wav' % ev['id'],
                                         headers={'Authorization': 'Bearer ' + app.token})
            with urllib.request.urlopen(ask, timeout=10) as r:
                x, rate = soundfile.read(io.BytesIO(r.read()), dtype='float64')
            print('  event %d %s, clip %.2f s at %d Hz' % (ev['id'], ev['label'],
                                                          len(x) / rate, rate), flush=True)
            out.append(pcm_file(folder, 'clip%d.pcm' % k,
                                resample_poly(x, RATE // rate, 1) * 32767))
        assert _call(app, 'GET', '/api/health')[0] == 200
        return out
    finally:
        app.stop()


def main():
    rng = np.random.default_rng(1)
    results = {}
    for name, ring in RINGS.items():
        print(name, flush=True)
        with tempfile.TemporaryDirectory(prefix='earmark-') as tmp:
            folder = Path(tmp)
            clips = clips_of(ring, folder)
            loud = ring * 12000 / np.abs(ring).max()   # as the harness plays it

            def room(n):
                return rng.normal(0, ROOM, n)
            files = [pcm_file(folder, 'file%d.pcm' % k, np.concatenate(
                [room(24000), loud + room(len(loud)), room(24000)])) for k in range(3)]
            rings = [pcm_file(folder, 'ring%d.pcm' % k, np.concatenate(
                [room(4 * RATE + k * 1024 // PHASES), loud + room(len(loud)), room(4 * RATE)]))
                for k in range(PHASES)]
            out = personal.run_host(CODE % ({'clips': clips, 'files': files}, rings, QUANTILES),
                                    heap='16M')
            results[name] = json.loads(out.splitlines()[-1])
    (ROOT / 'experiments' / 'results' / 'lab_clip_pattern.json').write_text(
        json.dumps(results, indent=1) + '\n')
    print('\n| ring | taught on | bed at quantile | template steps | r of new rings, by phase '
          '| found |')
    print('|---|---|---|---|---|---|')
    for name, res in results.items():
        for kind in ('clips', 'files'):
            for q in QUANTILES:
                row = res['%s %s' % (kind, q)]
                print('| %s | %s | %s%s | %s | %s | %d of %d |' % (
                    name, 'appliance clips' if kind == 'clips' else '16 kHz files', q,
                    ' (shipped)' if q == 0.5 else '', row['steps'],
                    ' '.join(str(r) for r in row['r']),
                    sum(r >= res['threshold'] for r in row['r']), PHASES))


if __name__ == '__main__':
    main()
