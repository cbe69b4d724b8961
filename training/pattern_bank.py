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
written as pattern.bank_steps reads them, gzipped (webui/lab/pattern_bank.gz), each with the
margin (--margin, r in thousandths) a template must keep over the best r it reaches there.

The doorbells part: every doorbell of the sound data's train/ and of each --bells FOLDER
(build/sounds, experiments/gather_sounds.py), each rung in a 1.5-minute doorstep scene of its
own, the steps from 2 s before to 2 s after each ring a stretch at --bell-margin with a twin
(--bell-twin: a ring a template reaches within that of its own examples' r is taken for the
household's own make and raises nothing; pattern.guard()). Chosen by
experiments/pattern_bell_bank.py. --no-bells leaves it out (the bank before round 20).
--also FILE adds another bank's stretches with their own margins; write() takes stretches from
any source.

    .venv/bin/python -m training.pattern_bank --bells build/sounds [--fold esc50-fold1]
        [--margin 20] [--bell-margin 40] [--bell-twin 90] [--no-bells] [--also FILE]
        [--out FILE]
"""
import argparse
import array
import gzip
import json
import struct
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

from earmark.bridge import device_module

ROOT = Path(__file__).resolve().parents[1]
frontend, pattern = device_module('frontend'), device_module('pattern')
OUT = ROOT / 'webui' / 'lab' / 'pattern_bank.gz'
BELL_MINUTES = 1.5   # each doorbell's scene in the bank's doorbells part (3 to 5 rings)
BELL_MARGIN = 40     # r a template keeps over the best it reaches on another doorbell
BELL_TWIN = 90       # r under a template's own lowest on its other examples a ring must stay
#                      under to count (nearer: our own doorbell's make, not another)


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


def live(raw, over):
    """[(first, end)] of the steps any template's window could pass the gate on."""
    live = np.flatnonzero(over.max(1).astype(int) * pattern.UNIT >= pattern.GATE)
    keep = np.zeros(len(raw), bool)
    for k in live:
        keep[max(0, k - pattern.MAX_STEPS + 1):k + pattern.MAX_STEPS] = True
    return spans(keep)


def spans(keep):
    """[(first, end)] of each run of True in `keep`."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], keep.astype(int), [0]])))
    return list(zip(edges[0::2], edges[1::2]))


def write(out, stretches, n_mels=40):
    """A bank file of `stretches` ((margin, twin, raw, over): twin None for none, raw and over
    int8 arrays of steps x bands each); its size in bytes."""
    body = [pattern.BANK_MAGIC, bytes([pattern.BANK_VERSION, n_mels])]
    for margin, twin, raw, over in stretches:
        for first in range(0, len(raw), 0xffff):
            last = min(len(raw), first + 0xffff)
            body.append(struct.pack('<HbB', last - first, margin, twin or 0))
            body.append(np.concatenate([raw[first:last], over[first:last]], 1)
                        .astype(np.int8).tobytes())
    blob = gzip.compress(b''.join(body), 9, mtime=0)   # mtime 0: the same bank, the same bytes
    Path(out).write_bytes(blob)
    return len(blob)


def read(path):
    """The stretches of a bank file, as write() takes them."""
    out = []
    with gzip.open(path) as f:
        for step in pattern.bank_steps(f):
            if isinstance(step[0], int):
                out.append(step + ([], []))
            else:
                out[-1][2].append(bytes(step[0]))
                out[-1][3].append(bytes(step[1]))
    return [(m, t, np.frombuffer(b''.join(r), np.int8).reshape(len(r), -1),
             np.frombuffer(b''.join(o), np.int8).reshape(len(o), -1)) for m, t, r, o in out]


def doorbells(data, folders=()):
    """[(source, clip path)] of the bank's doorbells: the sound data's (train/) and those of each
    sound folder in `folders` (as training.data.load_folder reads one; source: its fold)."""
    from training.data import load_folder
    out = [(c.fold, Path(c.path)) for folder in [data / 'train'] + [Path(f) for f in folders]
           for c in load_folder(folder) if c.label == 'doorbell']
    return sorted(out, key=lambda x: (x[0], x[1].name))


def rings(path, raw):
    """[(first, end)] of a scene's steps from MAX_STEPS - 1 before each of its sounds (its truth)
    to MAX_STEPS after: every step a template's window holding some of the sound ends on."""
    keep = np.zeros(len(raw), bool)
    step = pattern.STEP * pattern.FRAME_SECONDS
    for t in json.loads(Path(path).with_suffix('.json').read_text())['truth']:
        first = max(0, int(t['onset'] / step) - pattern.MAX_STEPS + 1)
        keep[first:int(t['offset'] / step) + pattern.MAX_STEPS + 1] = True
    return spans(keep)


def bell_scenes(data, bells, folder, minutes=BELL_MINUTES):
    """Each doorbell of `bells` rung in a short doorstep scene of its own (`minutes`, seeded
    [96, CRC of its file name]: the same scene whichever others are there; experiments/
    personal_doorbell.py's scene: 0 to 20 dB over a bed, 8 to 30 s apart), made once in
    `folder`; [(source, clip path, scene path)]."""
    sys.path.insert(0, str(ROOT / 'experiments'))
    import personal_doorbell as pd
    from training import scenes
    beds = scenes.bed_kinds(data, ['*'])
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for source, clip in bells:
        path = folder / (clip.stem + '.wav')
        if not path.exists():
            rng = np.random.default_rng([96, zlib.crc32(clip.name.encode())])
            pd.scene(rng, clip, [clip], [clip], beds, minutes, path)
        out.append((source, clip, path))
    return out


def bell_stretches(scenes_, margin, twin):
    """The doorbells part: the ring stretches of each bell scene, at `margin` and `twin`; and
    the scenes' steps in all."""
    out, total = [], 0
    for _, _, path in scenes_:
        raw, over = steps(path)
        out += [(margin, twin, raw[a:b], over[a:b]) for a, b in rings(path, raw)]
        total += len(raw)
    return out, total


def build(data, fold, count=2, minutes=10.0, out=OUT, margin=None, also=(), bells=None,
          bell_margin=BELL_MARGIN, bell_twin=BELL_TWIN):
    """Lays the scenes, keeps their stretches (at `margin`, pattern.BANK_MARGIN by default),
    the doorbells part (`bells`: [(source, clip)] as doorbells() gives them, at `bell_margin`
    and `bell_twin`; None: no doorbells part) and the stretches of the banks `also`, writes the
    bank; (steps kept, steps, bytes)."""
    sys.path.insert(0, str(ROOT / 'experiments'))
    import personal_doorbell as pd
    from training import scenes
    bank = clips(data, fold)
    if not bank:
        raise SystemExit('no clips of fold %r under %s' % (fold, data))
    beds = scenes.bed_kinds(data, ['*'])
    margin = pattern.BANK_MARGIN if margin is None else margin
    stretches = []
    kept = total = 0
    with tempfile.TemporaryDirectory(prefix='earmark-bank-') as tmp:
        for k in range(count):
            rng = np.random.default_rng([99, k])
            path = Path(tmp) / ('scene_%d.wav' % k)
            pd.scene(rng, bank[int(rng.integers(len(bank)))], bank, bank, beds, minutes, path)
            raw, over = steps(path)
            total += len(raw)
            for a, b in live(raw, over):
                stretches.append((margin, None, raw[a:b], over[a:b]))
                kept += b - a
        if bells is not None:
            parts, heard = bell_stretches(bell_scenes(data, bells, Path(tmp) / 'bells'),
                                          bell_margin, bell_twin)
            stretches += parts
            kept += sum(len(p[2]) for p in parts)
            total += heard
    for path in also:
        for part in read(path):
            stretches.append(part)
            kept += len(part[2])
            total += len(part[2])
    return kept, total, write(out, stretches)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--fold', default='esc50-fold1', help='the sound data\'s fold of the bank\'s '
                    'clips (manifest.csv\'s fold column)')
    ap.add_argument('--scenes', type=int, default=2)
    ap.add_argument('--minutes', type=float, default=10.0)
    ap.add_argument('--data', default=None, help='the sound data (default ../shared/data or '
                    '$EARMARK_DATA)')
    ap.add_argument('--margin', type=int, default=None, help='r (thousandths) a template keeps '
                    'over the best it reaches on these sounds (default pattern.BANK_MARGIN)')
    ap.add_argument('--also', action='append', default=[], metavar='FILE',
                    help='add the stretches of another bank file, with their own margins')
    ap.add_argument('--bells', action='append', default=[], metavar='FOLDER',
                    help='a sound folder whose doorbells join the sound data\'s in the doorbells '
                         'part (build/sounds: experiments/gather_sounds.py)')
    ap.add_argument('--bell-margin', type=int, default=BELL_MARGIN, help='r (thousandths) a '
                    'template keeps over the best it reaches on another doorbell')
    ap.add_argument('--bell-twin', type=int, default=BELL_TWIN, help='r (thousandths) under '
                    'a template\'s own lowest on its other examples another doorbell\'s best '
                    'must stay under to raise it (nearer: the household\'s own make)')
    ap.add_argument('--no-bells', action='store_true', help='no doorbells part')
    ap.add_argument('--out', default=str(OUT))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / 'experiments'))
    import personal_doorbell as pd
    data = Path(args.data) if args.data else pd.data_folder()
    kept, total, size = build(data, args.fold, args.scenes, args.minutes, args.out,
                              args.margin, args.also,
                              None if args.no_bells else doorbells(data, args.bells),
                              args.bell_margin, args.bell_twin)
    print('bank: %d of %d steps kept (%.1f min), %d bytes gzipped: %s'
          % (kept, total, kept * 0.064 / 60, size, args.out))


if __name__ == '__main__':
    main()
