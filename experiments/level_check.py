"""Does the device's classifier hear the level, not only the sound? (round 15)

The net sees each window less its own mean (training/cnn.inputs: a per-window gain
normalisation already), but the forest's summary features include the window's absolute level
(its mean, loudest and quietest frame). If the pair names a sound by how loud it is, a quiet
event at a door differs from the clean clip it learnt, whatever the SNR. Measured on the held-out
folds' event clips (experiments/heldout.py's split), by the device's own classifier
(`earmark classify`'s code, in MicroPython): each clip laid on a held-out background clip at a
fixed SNR, then the whole mix brought to a peak of -6 to -46 dBFS (never clipped; the door
scenes' events lie about -50 to -10 dBFS RMS). Same sound, same SNR, only the level moves: the
share of clips given their own label, called `other`, and the clip macro-F1 over the nine
labels, per level.

    .venv/bin/python experiments/level_check.py [--model B] [--snr 10]
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import heldout   # noqa: E402
from training import data   # noqa: E402

LEVELS = (-6.0, -16.0, -26.0, -36.0, -46.0)   # the mix's peak, dBFS


def rms(x):
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2)) + 1e-12)


def mixes_at(test, snr, level, seed=0):
    """Each event clip of `test` over a background clip of `test` at `snr` dB (RMS over the
    clip's non-silent part), the mix scaled to a peak of `level` dBFS."""
    rng = np.random.default_rng(seed)
    beds = [c for c in test if c.label == 'background']
    out = []
    for clip in test:
        if clip.label not in heldout.EVENTS:
            continue
        x = clip.pcm.astype(np.float64) / 32768
        bed = beds[rng.integers(len(beds))].pcm.astype(np.float64) / 32768
        bed = np.resize(bed[np.abs(bed) > 0], len(x))
        voiced = x[np.abs(x) > 0]
        x = x * (rms(bed) * 10 ** (snr / 20) / rms(voiced))
        mix = x + bed
        mix *= 10 ** (level / 20) / np.max(np.abs(mix))
        pcm = np.clip(np.round(mix * 32768), -32768, 32767).astype(np.int16)
        out.append(data.Clip(clip.path, clip.label, clip.fold, clip.source, pcm))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--model', default=str(ROOT / 'build' / 'op_openset' / 'bundles' /
                                           'old-points'))
    ap.add_argument('--snr', type=float, default=10.0)
    ap.add_argument('--out', default=str(ROOT / 'experiments' / 'results' / 'level_check.json'))
    args = ap.parse_args()
    clips = data.load(['../shared/data/train', '../shared/data/other',
                       '../shared/data/negatives'])
    _, test, _, _ = heldout.split(clips)
    rows = {}
    for level in LEVELS:
        mixed = mixes_at(test, args.snr, level)
        said = heldout.score(args.model, mixed)
        truth = [c.label for c in mixed]
        rows[level] = {
            'clips': len(mixed),
            'own_label': round(float(np.mean([s == t for s, t in zip(said, truth)])), 3),
            'called_other': round(float(np.mean([s == 'other' for s in said])), 3),
            'macro_f1_nine': round(float(f1_score(truth, said, labels=list(heldout.EVENTS),
                                                  average='macro', zero_division=0)), 3)}
        print(level, rows[level], flush=True)
    print('\n| peak | own label | called `other` | macro-F1 (nine labels) |\n|---|---|---|---|')
    for level, r in rows.items():
        print('| %d dBFS | %.1f %% | %.1f %% | %.3f |' % (level, 100 * r['own_label'],
                                                       100 * r['called_other'],
                                                       r['macro_f1_nine']))
    out = Path(args.out)
    saved = json.loads(out.read_text()) if out.is_file() else {}
    saved['%s, snr %g' % (Path(args.model).name, args.snr)] = rows
    out.write_text(json.dumps(saved, indent=1) + '\n')


if __name__ == '__main__':
    main()
