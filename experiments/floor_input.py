"""Does the net name a faint event better when it sees the window less a running background floor?
(round 16, a screen)

Round 15 (experiments/level_check.py) found the student fails on the bed under a sound, not on
its level: 14 % of held-out events named at 0 dB SNR, 62 % at 40 dB. The net's input today is
the window less its own mean (training/cnn.inputs), so a bed's spectrum is all over its input.
Here a second input takes each band's running floor away instead, as a board could keep it on
frames as they come: one int per band (centi-dB), starting at the first frame, falling towards a
frame below it at once (or by a fixed share of the gap) and rising a fixed step a frame
otherwise. Each frame goes in less the floor the frames before it left (frame - floor, then the
floor moves), quantised as inputs() quantises (IN_STEP, clipped to int8).

Two arms, the same in all but that input: training/cnn.py's net (build, fit, the int8
Quantized and its integer forward pass), trained on hard labels of the windows of --scenes door
mixtures of experiments/heldout.py's training clips (experiments/door_mixes.py's generator:
training/scenes.door_scene, one bed kind a mixture at -50 to -30 dBFS, sounds 0-20 dB over it;
never the held-out folds, never the unheard kinds; ESC-50 fold 5 is not in the data), the floor
run over the whole mixture, windows labelled as training labels scene windows
(mixes.window_label; bed-only windows kept at mixes.Mixes.BACKGROUND_KEEP), one net seed a run.

The floor's constants are chosen first, on other door mixtures of the training clips only: the
pair under which a frame's band mean less the floor best tells frames inside a laid sound from
bed frames (ROC AUC).

Scored: each held-out event clip (heldout.py's held-out folds), cut to where it sounds
(scenes.cut) and laid on a held-out background clip (looped by scenes.bed, -50 to -30 dBFS)
after LEAD_SECONDS of that bed, at 0, 10, 20, 40 dB SNR (RMS of the sound over the bed under
it, as door_scene measures it; a stream louder than PEAK is turned down whole). A clip's label
is the top label of the mean of the int8 net's scores over the windows that mixes.window_label
gives to it. The same for the held-out `other` clips and the unheard kinds' clips (named one of
the nine = a false name). Clean held-out clips too (sounding windows, the floor from the clip's
first frame).

    nice -n 10 .venv/bin/python experiments/floor_input.py --scenes 60 --epochs 12

-> experiments/results/floor_input.json and floor_input.png (`--seed N`: the nets' seed, into
floor_input_seedN.json/.png, the same mixtures); windows cached in build/floor_input/.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score
from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import door_mixes   # noqa: E402
import heldout   # noqa: E402
from training import cnn, data, mixes, scenes   # noqa: E402
from training.cnn import CnnRecipe, IN_STEP   # noqa: E402
from training.features import HOP, SAMPLE_RATE, logmel_frames   # noqa: E402
from training.model import balanced   # noqa: E402
from training.windows import clip_windows, frames_of, patches, starts   # noqa: E402

DATA = ['../shared/data/train', '../shared/data/other', '../shared/data/negatives']
SNRS = (0.0, 10.0, 20.0, 40.0)
LEAD_SECONDS = 5.0          # bed alone before a scored clip: the floor has heard it
TAIL_SECONDS = 1.0
EVAL_BED_DBFS = (-50.0, -30.0)
PEAK = 0.98
# Floor constants tried: rise in centi-dB a frame (62.5 frames a second: 1 = 0.625 dB/s) and
# how it falls to a lower frame (0: at once; k: by the gap >> k a frame)
RISES = (1, 2, 4)
FALL_SHIFTS = (0, 2, 4)
CHOOSE_SCENES = 8           # training-clip mixtures (their own seeds) that choose them
CALIBRATION_SEED = 5
# scenes.bed fades its first clip in from silence: a floor started there sits tens of dB under
# the bed for minutes (it rises 0.6 dB a second). A board starts on the doorstep's sound, so the
# floor starts after the fade: the first frame whose samples are all past it.
SETTLED = -(-int(scenes.CROSSFADE * SAMPLE_RATE) // HOP)


def floor_less(frames, rise, fall_shift):
    """(n, bands) int16 centi-dB: each frame less its band's running floor before it. The floor
    is what a board keeps (one int per band, integer steps): it starts at the first frame, goes
    down towards a lower frame (at once, or by the gap >> fall_shift), else up by `rise`."""
    x = np.asarray(frames, np.int32)
    out = np.empty_like(x)
    if not len(x):
        return out.astype(np.int16)
    floor = x[0].copy()
    for t in range(len(x)):
        out[t] = x[t] - floor
        gap = floor - x[t]
        floor = np.where(gap > 0, floor - (gap >> fall_shift), floor + rise)
    return np.clip(out, -32768, 32767).astype(np.int16)


def floor_inputs(P):
    """int8 net inputs of windows already less the floor: inputs()'s step and clip, no mean."""
    q = (np.asarray(P, np.int64) + IN_STEP // 2) >> (IN_STEP.bit_length() - 1)
    return np.clip(q, -127, 127)


MEAN_INPUTS = cnn.inputs
ARMS = {'window less its mean': MEAN_INPUTS, 'window less the running floor': floor_inputs}


def use_arm(name):
    # cnn.fit, Quantized and forward all read the module's inputs(): one switch changes the arm
    cnn.inputs = ARMS[name]


def door_setup():
    scenes.DOOR[door_mixes.KIND] = dict(door_mixes.SETTINGS)
    return door_mixes.door_make_scene(door_mixes.bed_kind_of(DATA[:1]))


def frame_times(n):
    return (np.arange(n) * HOP + 256) / SAMPLE_RATE    # a frame's centre, seconds


def choose_floor(make_scene, train, count):
    """{(rise, fall_shift): AUC} over `count` door mixtures of the training clips: a frame's
    band mean less the floor, frames inside a laid sound against frames 0.5 s clear of any."""
    streams = []
    for i in tqdm(range(count), desc='floor choice mixtures', unit='mix'):
        pcm, marks = make_scene(np.random.default_rng([11, i]), train, mixes.Mixes.MINUTES)
        frames = logmel_frames(pcm)
        t = frame_times(len(frames))
        inside = np.zeros(len(t), bool)
        near = np.zeros(len(t), bool)
        for onset, offset, _ in marks:
            inside |= (t >= onset) & (t <= offset)
            near |= (t >= onset - 0.5) & (t <= offset + 0.5)
        streams.append((frames[SETTLED:], inside[SETTLED:], ~near[SETTLED:]))
    auc = {}
    for rise in RISES:
        for fall in FALL_SHIFTS:
            score, truth = [], []
            for frames, inside, clear in streams:
                d = floor_less(frames, rise, fall).mean(1)
                keep = inside | clear
                score.append(d[keep])
                truth.append(inside[keep])
            auc[(rise, fall)] = round(float(roc_auc_score(np.concatenate(truth),
                                                          np.concatenate(score))), 4)
            print('floor rise %d fall >>%d: AUC %.4f' % (rise, fall, auc[(rise, fall)]),
                  flush=True)
    return auc


def training_windows(make_scene, train, labels, count, rise, fall, seed=0):
    """(mean-arm windows, floor-arm windows, label indices) of `count` door mixtures: the
    windows after SETTLED, the floor run from there."""
    keep_rng = np.random.default_rng([seed, 1])
    A, B, y = [], [], []
    for i in tqdm(range(count), desc='training mixtures', unit='mix'):
        pcm, marks = make_scene(np.random.default_rng([seed, 2, i]), train, mixes.Mixes.MINUTES)
        frames = logmel_frames(pcm)
        less = np.zeros_like(frames)
        less[SETTLED:] = floor_less(frames[SETTLED:], rise, fall)
        keep, ys = kept_windows(len(frames), marks, labels, keep_rng)
        y += ys
        A.append(patches(frames, keep))
        B.append(patches(less, keep))
    return np.concatenate(A), np.concatenate(B), np.array(y, int)


def kept_windows(n_frames, marks, labels, keep_rng):
    """(window starts, label indices) a mixture trains with: those after SETTLED, labelled as
    training labels scene windows, bed-only ones kept at mixes.Mixes.BACKGROUND_KEEP."""
    keep, y = [], []
    for s in starts(n_frames):
        if s < SETTLED:
            continue
        name = mixes.window_label(s, marks)
        if name is None or (name == 'background'
                            and keep_rng.random() >= mixes.Mixes.BACKGROUND_KEEP):
            continue
        keep.append(s)
        y.append(labels.index(name if name in labels else 'other'))
    return keep, y


def laid_streams(clips, beds, snr, rise, fall):
    """Per clip: (mean-arm windows, floor-arm windows) of the windows that cover it, laid after
    LEAD_SECONDS of a held-out bed at `snr` dB. Clip i's bed and level are drawn from its own
    seed, so every SNR lays it on the same bed."""
    out = []
    for i, clip in enumerate(clips):
        rng = np.random.default_rng([16, i])
        bed_clip = beds[rng.integers(len(beds))]
        dbfs = float(rng.uniform(*EVAL_BED_DBFS))
        audio = mixes._audio(clip)
        sound, start, end = scenes.cut(audio)
        at = int(LEAD_SECONDS * SAMPLE_RATE)
        n = at + len(sound) + int(TAIL_SECONDS * SAMPLE_RATE)
        fade = int(scenes.CROSSFADE * SAMPLE_RATE)   # the bed's fade-in from silence: left off
        mix = scenes.bed(rng, [bed_clip], n + fade, dbfs, mixes._audio)[fade:].astype(np.float64)
        gain = scenes.rms(mix[at:at + len(sound)]) * 10 ** (snr / 20) / scenes.rms(audio[start:end])
        mix[at:at + len(sound)] += sound * gain
        peak = np.max(np.abs(mix))
        if peak > PEAK:   # the whole stream turned down: the SNR stays as laid
            mix *= PEAK / peak
        pcm = np.clip(np.round(mix * 32768), -32768, 32767).astype(np.int16)
        frames = logmel_frames(pcm)
        marks = [(at / SAMPLE_RATE, (at + len(sound)) / SAMPLE_RATE, 'sound')]
        cover = [s for s in starts(len(frames)) if mixes.window_label(s, marks) == 'sound']
        out.append((patches(frames, cover), patches(floor_less(frames, rise, fall), cover)))
    return out


def clean_windows(clips, rise, fall):
    """Per clip: (mean-arm, floor-arm) sounding windows of the clip alone (all if none sound)."""
    out = []
    for clip in clips:
        windows, live = clip_windows(clip.pcm, clip.label)
        live = live if live.any() else np.ones(len(live), bool)
        less = floor_less(frames_of(clip.pcm), rise, fall)
        out.append((windows[live], patches(less, starts(len(less)))[live]))
    return out


def names(q, per_clip, arm, labels):
    """Each clip's label: the top of the mean of the int8 net's scores over its windows."""
    P = np.concatenate([w[arm] for w in per_clip])
    _, scores = q.forward(P)
    said, at = [], 0
    for w in per_clip:
        k = len(w[arm])
        said.append(labels[int(np.argmax(scores[at:at + k].mean(0)))])
        at += k
    return said


def held_out_sets(test, strange, rise, fall):
    """What the screens score: the held-out event clips, every held-out clip group laid after
    LEAD_SECONDS of a held-out bed at each SNR ({snr: {'events', 'other', 'unheard': streams}}),
    and the clean held-out and unheard-kind clips' windows."""
    events = [c for c in test if c.label in heldout.EVENTS]
    others = [c for c in test if c.label == 'other']
    beds = [c for c in test if c.label == 'background']
    print('held-out: %d event clips, %d other, %d unheard-kind clips, %d beds'
          % (len(events), len(others), len(strange), len(beds)), flush=True)
    laid = {}
    for snr in tqdm(SNRS, desc='laying held-out clips', unit='snr'):
        laid[snr] = {name: laid_streams(group, beds, snr, rise, fall)
                     for name, group in (('events', events), ('other', others),
                                         ('unheard', strange))}
    return events, laid, clean_windows(test, rise, fall), clean_windows(strange, rise, fall)


def named_an_event(q, per_clip, arm, labels):
    """Share of the clips the net names one of the nine events."""
    said = names(q, per_clip, arm, labels)
    return round(float(np.mean([s in heldout.EVENTS for s in said])), 3)


def laid_figures(q, laid, events, arm, labels):
    """{snr: own label, called other / background, held-out other and unheard kinds named an
    event} of a net `q` over held_out_sets' laid streams."""
    truth = [c.label for c in events]
    out = {}
    for snr in SNRS:
        said = names(q, laid[snr]['events'], arm, labels)
        out[snr] = {
            'own_label': round(float(np.mean([s == t for s, t in zip(said, truth)])), 3),
            'called_other': round(float(np.mean([s == 'other' for s in said])), 3),
            'called_background': round(float(np.mean([s == 'background' for s in said])), 3),
            'held_out_other_named_an_event': named_an_event(q, laid[snr]['other'], arm, labels),
            'unheard_kinds_named_an_event': named_an_event(q, laid[snr]['unheard'], arm, labels)}
    return out


def print_laid(results):
    """The arms' laid_figures side by side, an SNR a row (markdown)."""
    arms = list(results['arms'])
    print('\n| SNR | %s |\n|---|%s' % (' | '.join(arms), '---|' * len(arms)))
    for snr in SNRS:
        print('| %g dB | %s |' % (snr, ' | '.join(
            '%.1f %% own (other %.1f, background %.1f) named %.1f / %.1f %%' % tuple(
                100 * results['arms'][a]['laid'][snr][k] for k in (
                    'own_label', 'called_other', 'called_background',
                    'held_out_other_named_an_event', 'unheard_kinds_named_an_event'))
            for a in arms)))


def plot(results, path):
    """Own label against SNR, and unfamiliar sounds named, per arm (round 16's and round 17's
    screens)."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(1, 2, figsize=(10, 4))
    for arm, r in results['arms'].items():
        snrs = [float(s) for s in r['laid']]
        line = ax[0].plot(snrs, [100 * r['laid'][s]['own_label'] for s in r['laid']], 'o-',
                          label=arm)[0]
        ax[1].plot(snrs, [100 * r['laid'][s]['unheard_kinds_named_an_event'] for s in r['laid']],
                   'o-', color=line.get_color(), label=arm + ' (unheard kinds)')
        ax[1].plot(snrs, [100 * r['laid'][s]['held_out_other_named_an_event'] for s in r['laid']],
                   's--', color=line.get_color(), label=arm + ' (held-out other)')
    ax[0].set(xlabel='SNR (dB)', ylabel='% given its own label',
              title='held-out events after 5 s of a held-out bed (net seed %d)'
              % results['settings']['net_seed'])
    ax[1].set(xlabel='SNR (dB)', ylabel='% named one of the nine', title='unfamiliar sounds')
    for a in ax:
        a.grid(alpha=0.3)
        a.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--scenes', type=int, default=60, help='training door mixtures (5 min each)')
    ap.add_argument('--epochs', type=int, default=CnnRecipe.EPOCHS)
    ap.add_argument('--rise', type=int, default=None, help='skip the choice: centi-dB a frame')
    ap.add_argument('--fall-shift', type=int, default=None)
    ap.add_argument('--seed', type=int, default=CnnRecipe.SEED, help="the nets' seed (their "
                    'first weights and batch order; the mixtures stay the same); a seed but '
                    "the recipe's writes to --out's name + _seed<N>")
    ap.add_argument('--time-epoch', action='store_true',
                    help='train the mean arm one epoch on the windows, print its time, stop')
    ap.add_argument('--out', default=str(ROOT / 'experiments' / 'results' / 'floor_input.json'))
    args = ap.parse_args()
    CnnRecipe.SEED = args.seed
    CnnRecipe.HEAD = 'pooled'     # the recipe's head when this screen ran (round 22 added 'bands')
    clips = data.load(DATA)
    labels = data.labels_of(clips)
    train, test, strange, unheard = heldout.split(clips)
    make_scene = door_setup()
    results = {'settings': {'scenes': args.scenes, 'minutes': mixes.Mixes.MINUTES,
                            'epochs': args.epochs, 'door_mixture': door_mixes.SETTINGS,
                            'snrs': SNRS, 'lead_seconds': LEAD_SECONDS,
                            'eval_bed_dbfs': EVAL_BED_DBFS, 'unheard_kinds': unheard,
                            'labels': labels, 'hard_labels': True, 'net_seed': args.seed}}
    if args.rise is None:
        auc = choose_floor(make_scene, train, CHOOSE_SCENES)
        rise, fall = max(auc, key=auc.get)
        results['floor_choice_auc'] = {'rise %d, fall >>%d' % k: v for k, v in auc.items()}
    else:
        rise, fall = args.rise, args.fall_shift or 0
    results['floor'] = {'rise_centi_db_per_frame': rise, 'rise_db_per_second': rise * 0.625,
                        'fall_shift': fall}
    print('floor: rise %d centi-dB a frame, fall >>%d' % (rise, fall), flush=True)

    cache = ROOT / 'build' / 'floor_input' / ('windows-%d-r%d-f%d.npz' % (args.scenes, rise, fall))
    if cache.is_file():
        z = np.load(cache)
        A, B, y = z['A'], z['B'], z['y']
    else:
        A, B, y = training_windows(make_scene, train, labels, args.scenes, rise, fall)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, A=A, B=B, y=y)
    n_labels = len(labels)
    w = balanced(y, n_labels, labels.index('other'))
    results['settings']['training_windows'] = int(len(y))
    results['settings']['windows_per_label'] = dict(zip(labels, np.bincount(
        y, minlength=n_labels).tolist()))
    print('training windows %d' % len(y), flush=True)
    if args.time_epoch:
        CnnRecipe.EPOCHS = 1
        t0 = time.time()
        use_arm('window less its mean')
        cnn.fit(A, y, n_labels, w, desc='timing')
        print('one epoch of %d windows: %.0f s' % (len(y), time.time() - t0))
        return

    events, laid, clean, clean_strange = held_out_sets(test, strange, rise, fall)

    CnnRecipe.EPOCHS = args.epochs
    calibration = np.random.default_rng(CALIBRATION_SEED).choice(
        len(y), min(CnnRecipe.CALIBRATION, len(y)), replace=False)
    results['arms'] = {}
    for i, (arm, P) in enumerate((('window less its mean', A),
                                  ('window less the running floor', B))):
        use_arm(arm)
        t0 = time.time()
        net = cnn.fit(P, y, n_labels, w, desc=arm)
        q = cnn.Quantized(net, P[calibration])
        r = {'train_seconds': round(time.time() - t0),
             'laid': laid_figures(q, laid, events, i, labels)}
        said = names(q, clean, i, labels)
        r['clean_clip_macro_f1'] = round(float(f1_score([c.label for c in test], said,
                                                        labels=labels, average='macro')), 4)
        r['clean_unheard_kinds_named_an_event'] = named_an_event(q, clean_strange, i, labels)
        results['arms'][arm] = r
        print(arm, json.dumps(r), flush=True)
    use_arm('window less its mean')

    print_laid(results)
    save(results, args.out, args.seed)


def save(results, out, seed):
    """The results as JSON at `out` (a seed but the recipe's: `out`'s name + _seed<N>), and
    their plot beside it."""
    out = Path(out)
    if seed != 0:
        out = out.with_name('%s_seed%d%s' % (out.stem, seed, out.suffix))
    out.parent.mkdir(exist_ok=True)
    results['arms'] = {a: dict(r, laid={'%g' % k: v for k, v in r['laid'].items()})
                       for a, r in results['arms'].items()}
    out.write_text(json.dumps(results, indent=1) + '\n')
    plot(results, out.with_suffix('.png'))


if __name__ == '__main__':
    main()
