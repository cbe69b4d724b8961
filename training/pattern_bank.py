"""The bank of other sounds a pattern head's templates are guarded against when taught
(device/pattern.py guard(), issue 25): the steps the appliance would hear of other sounds on
doorstep beds, precomputed, so that the lab (a browser) and `earmark personal teach --pattern`
read them rather than computing 20 minutes of front end.

The sounds: every clip of train/, other/ and negatives/ of the sound data (../shared/data) in
the chosen fold (--fold, ESC-50 fold 1 by default: the bank experiments/pattern_guard.py --bank
chose the guard with), doorbells and background left out, laid 0 to 20 dB over doorstep beds in
--scenes scenes of --minutes each, as pattern_guard.make_bank lays them (experiments/
personal_doorbell.py's scene, seeded [99, k]: the same bank every run). Their steps are the
device's front end and pattern.Bed in this CPython (integers: the same as MicroPython's).

Kept: the stretches of steps within MAX_STEPS - 1 of a step with a cell GATE over the bed (no
window of a template elsewhere can pass the gate, so the rest can never raise a threshold),
written as pattern.bank_steps reads them, gzipped (webui/lab/pattern_bank.gz).

    .venv/bin/python -m training.pattern_bank [--fold esc50-fold1] [--out FILE]
"""
import argparse
import array
import gzip
import struct
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / 'webui' / 'lab' / 'pattern_bank.gz'


def clips(data, fold):
    """The bank's clips: every non-doorbell, non-background clip of `fold`."""
    import csv
    out = []
    for folder in ('train', 'other', 'negatives'):
        with open(data / folder / 'manifest.csv', newline='') as f:
            out += [data / folder / row['file'] for row in csv.DictReader(f)
                    if row['fold'] == fold and row['label'] not in ('doorbell', 'background')]
    return sorted(out)


def steps(path, n_mels=40):
    """(raw, over) of every step of a recording as the appliance hears it (int8, T x bands)."""
    from earmark import audio
    from earmark.bridge import device_module
    frontend, pattern = device_module('frontend'), device_module('pattern')
    lm = frontend.LogMel()
    bed = pattern.Bed(n_mels)
    pcm = audio.read(path)
    frame = array.array('h', bytes(2 * n_mels))
    raw, over = [], []
    for i in range(0, len(pcm) - 1023, 1024):
        lm.push(array.array('h', pcm[i:i + 1024].tobytes()))
        while lm.pop(frame):
            if bed.frame(frame):
                raw.append(bytes(bed.raw))
                over.append(bytes(bed.step))
    return (np.frombuffer(b''.join(raw), np.int8).reshape(-1, n_mels),
            np.frombuffer(b''.join(over), np.int8).reshape(-1, n_mels))


def stretches(raw, over):
    """[(first, end)] of the steps any template's window could pass the gate on."""
    from earmark.bridge import device_module
    pattern = device_module('pattern')
    live = np.flatnonzero(over.max(1).astype(int) * pattern.UNIT >= pattern.GATE)
    keep = np.zeros(len(raw), bool)
    for k in live:
        keep[max(0, k - pattern.MAX_STEPS + 1):k + pattern.MAX_STEPS] = True
    edges = np.flatnonzero(np.diff(np.concatenate([[0], keep.astype(int), [0]])))
    return list(zip(edges[0::2], edges[1::2]))


def build(data, fold, count=2, minutes=10.0, out=OUT):
    """Lays the scenes, keeps their stretches, writes the bank; (steps kept, steps, bytes)."""
    sys.path.insert(0, str(ROOT / 'experiments'))
    import personal_doorbell as pd
    from earmark.bridge import device_module
    from training import scenes
    pattern = device_module('pattern')
    bank = clips(data, fold)
    if not bank:
        raise SystemExit('no clips of fold %r under %s' % (fold, data))
    beds = scenes.bed_kinds(data, ['*'])
    body = [pattern.BANK_MAGIC, bytes([1, 40])]
    kept = total = 0
    with tempfile.TemporaryDirectory(prefix='earmark-bank-') as tmp:
        for k in range(count):
            rng = np.random.default_rng([99, k])
            path = Path(tmp) / ('scene_%d.wav' % k)
            pd.scene(rng, bank[int(rng.integers(len(bank)))], bank, bank, beds, minutes, path)
            raw, over = steps(path)
            total += len(raw)
            for a, b in stretches(raw, over):
                for first in range(a, b, 0xffff):
                    last = min(b, first + 0xffff)
                    body.append(struct.pack('<H', last - first))
                    body.append(np.concatenate([raw[first:last], over[first:last]], 1).tobytes())
                    kept += last - first
    blob = gzip.compress(b''.join(body), 9, mtime=0)
    Path(out).write_bytes(blob)
    return kept, total, len(blob)


def main(argv=None):
    sys.path.insert(0, str(ROOT))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--fold', default='esc50-fold1', help='the sound data\'s fold of the bank\'s '
                    'clips (manifest.csv\'s fold column)')
    ap.add_argument('--scenes', type=int, default=2)
    ap.add_argument('--minutes', type=float, default=10.0)
    ap.add_argument('--data', default=None, help='the sound data (default ../shared/data or '
                    '$EARMARK_DATA)')
    ap.add_argument('--out', default=str(OUT))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / 'experiments'))
    import personal_doorbell as pd
    data = Path(args.data) if args.data else pd.data_folder()
    kept, total, size = build(data, args.fold, args.scenes, args.minutes, args.out)
    print('bank: %d of %d steps kept (%.1f min), %d bytes gzipped: %s'
          % (kept, total, kept * 0.064 / 60, size, args.out))


if __name__ == '__main__':
    main()
