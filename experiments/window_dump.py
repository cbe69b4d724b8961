"""Every window of every clip through a bundle's device code (micropython): the scores it gives,
the net's own scores and its int8 embedding, and the window's level. Cached as an .npz per
bundle, so open-set rules (experiments/open_set.py) can be tried on the host without rerunning
the device.

    .venv/bin/python experiments/window_dump.py --model build/heldout/distilled
"""
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from training import data, onboard   # noqa: E402
from training.windows import frames_of   # noqa: E402

# One JSON line per window: clip index, level, scores, net scores, net embedding (signed).
DUMP = '''
import json, classifier
from array import array
c = classifier.Classifier(%(bundle)r)
buf = array('h', bytes(2 * c.window_frames * c.n_mels))
for index, path, n_frames in %(files)r:
    f = open(path, 'rb')
    start = 0
    while start + c.window_frames <= n_frames:
        f.seek(2 * start * c.n_mels)
        f.readinto(buf)
        x = c.features(buf)
        s = c.scores(x)
        net = list(x[1]) if c.format == 4 else s
        emb = x[2] if c.format == 4 else x
        print(json.dumps([index, c.level(x), [round(v, 5) for v in s],
                          [round(v, 5) for v in net],
                          [v - 256 if v > 127 else v for v in emb]]))
        start += c.hop_frames
    f.close()
'''


def dump(model, clips, batch=24):
    """{'clip': (n,), 'level': (n,), 'scores': (n, L), 'net': (n, L), 'emb': (n, dim)} over the
    windows of `clips` (index into clips), cached under build/window_dump."""
    model = Path(model).resolve()
    key = hashlib.sha1()
    for name in sorted(p.name for p in model.iterdir() if p.is_file()):
        key.update(name.encode() + (model / name).read_bytes())
    for c in clips:
        key.update(c.path.encode())
    cache = ROOT / 'build' / 'window_dump' / (key.hexdigest()[:16] + '.npz')
    if cache.is_file():
        return dict(np.load(cache))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for at in tqdm(range(0, len(clips), batch), desc='windows', unit='batch'):
            files = onboard.frame_files(tmp, [(i, frames_of(clips[i].pcm))
                                              for i in range(at, min(at + batch, len(clips)))])
            _, lines = onboard.run(DUMP % {'bundle': str(model), 'files': files})
            rows += lines
    out = {'clip': np.array([r[0] for r in rows]), 'level': np.array([r[1] for r in rows]),
           'scores': np.array([r[2] for r in rows], np.float32),
           'net': np.array([r[3] for r in rows], np.float32),
           'emb': np.array([r[4] for r in rows], np.int8)}
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, **out)
    return out


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', required=True)
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    args = ap.parse_args()
    clips = data.load(args.data)
    d = dump(args.model, clips)
    print(json.dumps({k: list(v.shape) for k, v in d.items()}))


if __name__ == '__main__':
    main()
