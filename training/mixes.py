"""Training windows cut from doorstep scenes, and the event threshold chosen on scenes.

A forest that learned only clean clips hears a bark over rain as rain: on held-out scenes it found
a sixth of the events. So training also lays the training clips over a background bed at 0-20 dB
SNR, with `other` sounds as distractors (the scene generator's own recipe, training/scenes.py),
and labels each window from the scene's truth.

On 6 held-out 5-minute scenes (folds 4, speaker:tuxpaint-*, src:Dashticz; the model trained on
the rest), this and the cepstral window features took event F1 @1 s from 0.17 to 0.34 and
segment F1 from 0.35 to 0.51 in the device pipeline in micropython;
docs/model-evaluation/experiments.md has the table of mixes and weights tried.
"""
import numpy as np
from tqdm import tqdm

from . import scenes, sed
from earmark.bridge import device_module as module
from .features import HOP, SAMPLE_RATE, logmel_frames
from .windows import HOP_FRAMES, WINDOW_FRAMES, WINDOW_SAMPLES, patches, starts

QUIET = ('background', 'other')


class Mixes:
    """Settings for the scene windows (class attributes)."""
    SCENES = 40                 # scenes per training set (about 14k windows kept)
    MINUTES = 5.0
    MIN_OVERLAP = 0.25          # seconds of an event inside a window that make it the label
    #                             (or half the event, if it is shorter); less: left out
    BACKGROUND_KEEP = 0.3       # share of event-free windows kept, as `background`
    WEIGHT = 0.5                # a scene window weighs half a clean one (experiments.md)
    # Out-of-fold scenes per split that choose the event threshold. With 2 (8 scenes in all) a
    # retrained model chose 0.30, where held-out scenes scored it worst (experiments.md, round
    # 9); 16 scenes hear about 450 events.
    EVAL_SCENES = 4
    # Thresholds tried for opening an event (the segmenter's ON, one for every label)
    EVENT_GRID = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


def pool_of(clips):
    """{label: [clip]} of the real recordings, as scenes.scene draws them."""
    pool = {}
    for clip in clips:
        if not clip.augmented:
            pool.setdefault(clip.label, []).append(clip)
    return pool


def _audio(clip):
    return clip.pcm.astype(np.float32) / 32768.0


def make_scene(rng, clips, minutes):
    """(int16 audio, truth marks [(onset s, offset s, label)]) of one scene of `clips`, or None
    when they hold no background for a bed or no event to lay on it."""
    pool = pool_of(clips)
    targets = [l for l in pool if l not in QUIET]
    if not pool.get('background') or not targets:
        return None
    audio, events, distractors, _ = scenes.scene(rng, pool, minutes, targets, _audio)
    pcm = np.clip(np.round(audio * 32768), -32768, 32767).astype(np.int16)
    marks = [(e['onset'], e['offset'], e['label']) for e in events]
    marks += [(e['onset'], e['offset'], 'other') for e in distractors]
    return pcm, marks


def window_label(start_frame, marks):
    """The label of the window starting at `start_frame`: the event most inside it, 'background'
    when nothing sounds in it, None when an event only grazes it."""
    t0 = start_frame * HOP / SAMPLE_RATE
    t1 = t0 + WINDOW_SAMPLES / SAMPLE_RATE
    best, label, touched = 0.0, None, False
    for onset, offset, name in marks:
        inside = min(t1, offset) - max(t0, onset)
        if inside > 0:
            touched = True
            if inside >= min(Mixes.MIN_OVERLAP, 0.5 * (offset - onset)) and inside > best:
                best, label = inside, name
    if label is None and not touched:
        return 'background'
    return label


def scene_windows(clips, labels, seed, desc='scene windows', teach=None):
    """(P int16 windows of frames, y label indices, T) from Mixes.SCENES scenes of `clips`; T
    is what `teach(pcm, window starts)` says of the windows kept (one row each), or None."""
    rng_keep = np.random.default_rng([seed, 1])
    P, y, T = [], [], []
    for i in tqdm(range(Mixes.SCENES), desc=desc, unit='scene', leave=False):
        made = make_scene(np.random.default_rng([seed, 2, i]), clips, Mixes.MINUTES)
        if made is None:
            break
        pcm, marks = made
        frames = logmel_frames(pcm)
        keep, names = [], []
        for s in starts(len(frames)):
            name = window_label(s, marks)
            if name is None or (name == 'background'
                                and rng_keep.random() >= Mixes.BACKGROUND_KEEP):
                continue
            keep.append(s)
            names.append(labels.index(name if name in labels else 'other'))
        P.append(patches(frames, keep))
        y += names
        if teach is not None:
            T.append(teach(pcm, keep))
    if not P:
        return patches(None, []), np.zeros(0, int), None
    return (np.concatenate(P), np.array(y, dtype=int),
            np.concatenate(T) if teach is not None else None)


def energies(pcm):
    """Frame energies in centi-dBFS, computed by the device's own level.cdb."""
    level = module('level')
    hop = level.Level.HOP
    n = len(pcm) // hop
    sumsq = (pcm[:n * hop].astype(np.int64).reshape(n, hop) ** 2).sum(1)
    return [level.cdb(int(s), hop) for s in sumsq]


def detect(scores, energy, labels, thresholds):
    """Events from window scores through the device's segmenter, fed in stream order."""
    seg = module('segmenter').Segmenter(labels, WINDOW_FRAMES, HOP_FRAMES,
                                        thresholds=thresholds)
    fed = 0
    events = []
    for w, row in enumerate(scores):
        heard = min(w * HOP_FRAMES + WINDOW_FRAMES + 1, len(energy))
        while fed < heard:
            seg.frame(energy[fed])
            fed += 1
        events += seg.push([float(v) for v in row])
    return events + seg.flush()


def scored_scenes(model_scores, clips, labels, seed, count):
    """[(name, window scores, frame energies, truth marks)] of `count` scenes of `clips` scored
    by `model_scores` (windows of frames -> scores): for choosing the event threshold out of
    fold."""
    out = []
    for i in range(count):
        made = make_scene(np.random.default_rng([seed, 3, i]), clips, Mixes.MINUTES)
        if made is None:
            break
        pcm, marks = made
        frames = logmel_frames(pcm)
        scores = model_scores(patches(frames, starts(len(frames))))
        truth = [m for m in marks if m[2] != 'other']
        out.append(('scene %d-%d' % (seed, i), scores, energies(pcm), truth))
    return out


def _scene_result(scored, labels, thresholds):
    targets = [l for l in labels if l not in QUIET]
    runs = []
    for name, scores, energy, truth in scored:
        found = detect(scores, energy, labels, thresholds)
        runs.append((name, [{'onset': a, 'offset': b, 'event_label': l} for a, b, l in truth],
                     [{'onset': e['start'], 'offset': e['end'], 'event_label': e['label']}
                      for e in found]))
    result = sed.summary(*sed.score(runs, targets), labels=targets)
    return np.mean([result[k] or 0.0 for k in ('event_f1_200ms', 'event_f1_1s',
                                                 'segment_f1_1s')]), result


def choose_threshold(scored, labels):
    """(threshold, sed summary at it) maximising the mean of event F1 at 200 ms and 1 s and
    segment F1 over scored scenes, one threshold for every label; (None, None) without scenes.
    (A pass choosing each label's own scored lower on held-out scenes: 0.33 against 0.34 event
    F1 @1 s; a few dozen events per label are too few to tune on.)"""
    if not scored:
        return None, None
    _, result, threshold = max(
        (_scene_result(scored, labels, {l: t for l in labels}) + (t,) for t in Mixes.EVENT_GRID),
        key=lambda tried: tried[0])
    return threshold, result
