"""What the device's clip format costs the hub's second opinion (issue 24, item 5).

The second opinion is the teacher head: YAMNet's embedding (training/teacher.py) and a logistic
regression to our labels (training/distil.py Head), scored fold-grouped as
experiments/teacher_head.py scores it (a clip's label from the mean of its sounding windows'
probabilities). Here every clip is scored twice: as recorded (16 kHz), and as the hub gets it
from a device: the ring's [1 2 1]/4 low-pass and decimation to 8 kHz (device/ring.py, same
arithmetic), IMA-ADPCM at 4 bits twice (the ring keeps ADPCM, the store writes the clip as ADPCM
again; the codec here is the standard IMA one of Python's audioop, the algorithm of
device/adpcm.py, checked against it on the first clips below), then back to 16 kHz with soxr
(what the hub does to a pulled clip before YAMNet hears it). Heads are fitted on recorded clips
of the other splits (what the hub ships) and, for comparison, on device-format clips. Two more
formats say what each step costs: 8 kHz PCM (no ADPCM, 4x the flash) and 16 kHz ADPCM (no
decimation, 2x the flash).

    .venv/bin/python experiments/hub_second_opinion.py
Writes experiments/results/hub_second_opinion.json.
"""
import audioop   # noqa: deprecated in 3.11, gone in 3.13; only this experiment uses it
import json
import sys
from pathlib import Path

import librosa
import numpy as np
from sklearn.metrics import f1_score
from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from training import data, distil, evaluate, model, teacher as teaching   # noqa: E402
from training.windows import Windows   # noqa: E402
from earmark.bridge import device_module   # noqa: E402

DATA = ['../shared/data/train', '../shared/data/other', '../shared/data/negatives']


def decimate(pcm):
    """device/ring.py's _store with decimate 2: (prev + 2a + b) >> 2, every other sample."""
    x = pcm.astype(np.int32)
    if len(x) % 2:
        x = np.append(x, 0)
    a, b = x[0::2], x[1::2]
    prev = np.concatenate([[0], b[:-1]])
    return ((prev + 2 * a + b) >> 2).astype(np.int16)


def adpcm(pcm):
    coded, _ = audioop.lin2adpcm(pcm.tobytes(), 2, None)
    return np.frombuffer(audioop.adpcm2lin(coded, 2, None)[0], np.int16)


def device_format(pcm, decimated=True, coded=True):
    """A 16 kHz clip as the hub hears it after the device kept it: 16 kHz int16 again. Without
    `decimated` or `coded`, that step is left out (what each costs)."""
    kept = decimate(pcm) if decimated else pcm
    if coded:
        kept = adpcm(adpcm(kept))
    if not decimated:
        return kept
    up = librosa.resample(kept.astype(np.float32) / 32768, orig_sr=8000, target_sr=16000,
                          res_type='soxr_hq')
    up = np.clip(np.round(up * 32768), -32768, 32767).astype(np.int16)
    out = np.zeros(len(pcm), np.int16)
    out[:min(len(pcm), len(up))] = up[:len(pcm)]
    return out


# variant: (decimated to 8 kHz, IMA-ADPCM twice), and the flash a second of clip takes
VARIANTS = {'device': (True, True, 4000), 'pcm_8k': (True, False, 16000),
            'adpcm_16k': (False, True, 8000)}


def snr(clean, coded):
    err = clean.astype(float) - coded.astype(float)
    return 10 * np.log10((clean.astype(float) ** 2).sum() / max((err ** 2).sum(), 1e-9))


def device_codec_check(clips, n=20):
    """SNR of audioop's IMA-ADPCM and of device/adpcm.py (CPython, its plain-Python path) on
    the 8 kHz audio of the first n clips: the same algorithm should give the same quality."""
    device_adpcm = device_module('adpcm')
    from array import array
    ours, theirs = [], []
    for clip in clips[:n]:
        eight = decimate(clip.pcm)[:8000 * 2]
        src = eight.tobytes()
        dst = bytearray((len(eight) + 1) // 2)
        state = array('i', [32768, 0])
        device_adpcm.encode(src, 0, len(eight), dst, state)
        out = bytearray(2 * len(eight))
        state = array('i', [32768, 0])
        device_adpcm.decode(dst, len(eight), out, state)
        ours.append(snr(eight, np.frombuffer(bytes(out), np.int16)))
        theirs.append(snr(eight, adpcm(eight)))
    return float(np.median(ours)), float(np.median(theirs))


def clip_f1(probs, windows, ids_all):
    p = np.array([probs[windows.clip == i].mean(0) for i in ids_all])
    y = np.array([windows.y[windows.clip == i][0] for i in ids_all])
    return float(f1_score(y, p.argmax(1), average='macro')), p.argmax(1), y


def main():
    clips = data.load(DATA)
    labels = data.labels_of(clips)
    t = teaching.Teacher()
    W = Windows(clips, labels, desc='windows')
    E = distil.window_embeddings(t, W)
    formats = {}
    for name, (decimated, coded, _) in VARIANTS.items():
        embs = []
        for clip, live in tqdm(list(zip(W.clips, W.live)), desc=name, unit='clip'):
            _, emb = t.outputs(device_format(clip.pcm, decimated, coded))
            embs.append(emb[live])
        formats[name] = np.concatenate(embs)
    groups = evaluate.splits(clips)[W.clip]
    weight = model.balanced(W.y, len(labels), labels.index('other'))
    n = len(labels)
    logits = {k: np.zeros((len(E), n)) for k in ['recorded', 'device_trained'] + list(formats)}
    for g in np.unique(groups):
        test, train = groups == g, groups != g
        head = distil.Head(n).fit(E[train], W.y[train], weight[train])
        logits['recorded'][test] = head.logits(E[test])
        for name, D in formats.items():
            logits[name][test] = head.logits(D[test])
        own = distil.Head(n).fit(formats['device'][train], W.y[train], weight[train])
        logits['device_trained'][test] = own.logits(formats['device'][test])
    ids = np.unique(W.clip)
    out = {'data': DATA, 'teacher_sha256': t.sha256, 'clips': int(len(ids)),
           'windows': int(len(E)), 'head_c': distil.Distil.C,
           'flash_bytes_per_second': {k: v[2] for k, v in VARIANTS.items()}}
    for k, v in logits.items():
        f, pred, y = clip_f1(distil.soften(v, 1.0), W, ids)
        out['clip_macro_f1_' + k] = round(f, 4)
        out['window_macro_f1_' + k] = round(float(f1_score(W.y, v.argmax(1), average='macro')), 4)
    ours, theirs = device_codec_check(clips)
    out['adpcm_snr_db_device_code'], out['adpcm_snr_db_audioop'] = round(ours, 2), round(theirs, 2)
    print(json.dumps(out, indent=1))
    path = ROOT / 'experiments' / 'results' / 'hub_second_opinion.json'
    path.write_text(json.dumps(out, indent=1) + '\n')
    print('wrote', path.relative_to(ROOT))


if __name__ == '__main__':
    main()
