"""The device net's time a window with device/cnn.py as it is and as it was at another commit,
side by side in one MicroPython run (the earlier module compiled by mpy-cross for this host, as
the image's is), on real sounding windows of the held-out split. Rounds alternate between the
two and each keeps its fastest, since this machine's timings wander by half between runs; both
must give the same embedding and scores.

    .venv/bin/python experiments/net_speed.py [--then REV] [--bundle device/model]
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import heldout   # noqa: E402
from earmark import image, mpy, runtime   # noqa: E402
from training import data   # noqa: E402

CODE = '''
import sys, json, time
sys.path.append(%(then_dir)r)
import cnn, cnn_then, classifier
from array import array
c = classifier.Classifier(%(bundle)r)
spec = json.load(open(%(bundle)r + '/model.json'))['cnn']
blob = open(%(bundle)r + '/' + spec['file'], 'rb').read()
nets = {'now': c.net, 'then': cnn_then.Net(spec, blob, c.window_frames, c.n_mels,
                                           len(c.labels))}
buf = array('h', bytes(2 * c.window_frames * c.n_mels))
f = open(%(frames)r, 'rb')
windows = []
while f.readinto(buf) == 2 * len(buf):
    windows.append(bytes(buf))
f.close()
best = {'now': 1e9, 'then': 1e9}
emb = {k: bytearray(n.dim) for k, n in nets.items()}
out = {k: [0.0] * len(c.labels) for k in nets}
for _ in range(%(rounds)d):
    for k, net in nets.items():
        t = 0
        for w in windows:
            x = array('h', w)
            t0 = time.ticks_us()
            net.run(x, emb[k])
            t += time.ticks_diff(time.ticks_us(), t0)
            net.scores(emb[k], out[k])
        best[k] = min(best[k], t / len(windows) / 1000)
    if emb['now'] != emb['then'] or out['now'] != out['then']:
        raise SystemExit('the two nets differ')
print(json.dumps(best))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--then', default='602c49d', help='the commit to compare with')
    ap.add_argument('--bundle', default=str(ROOT / 'device' / 'model'))
    ap.add_argument('--rounds', type=int, default=7)
    args = ap.parse_args()
    clips = data.load(['../shared/data/train', '../shared/data/other', '../shared/data/negatives'])
    _, test, _, _ = heldout.split(clips)
    windows = heldout.windows_of(test)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / 'cnn_then.py'
        source.write_text(subprocess.run(['git', 'show', args.then + ':device/cnn.py'], cwd=ROOT,
                                         check=True, capture_output=True, text=True).stdout)
        mpy.compile_file(source, tmp / 'mpy' / 'cnn_then.mpy', image.host_arch())
        frames = tmp / 'frames.bin'
        frames.write_bytes(np.ascontiguousarray(windows, dtype='<i2').tobytes())
        done = runtime.run_code(CODE % {'then_dir': str(tmp / 'mpy'), 'frames': str(frames),
                                        'bundle': str(Path(args.bundle).resolve()),
                                        'rounds': args.rounds}, heap='4M', text=True)
    if done.returncode != 0:
        raise SystemExit(done.stdout[-2000:] + done.stderr[-2000:])
    best = [l for l in done.stdout.splitlines() if l.startswith('{')][-1]
    best = json.loads(best)
    print('| device/cnn.py | ms a net run (fastest of %d rounds, %d windows) | ratio |'
          % (args.rounds, len(windows)))
    print('|---|---|---|')
    for k, name in (('then', args.then), ('now', 'working tree')):
        print('| %s | %.3f | %.2f |' % (name, best[k], best[k] / best['then']))


if __name__ == '__main__':
    main()
