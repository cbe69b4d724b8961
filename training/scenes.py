"""Scenes for judging detection: long doorstep recordings mixed from the sound data, with the truth
of where every event sounds.

A scene is a background bed (the `background` clips, crossfaded, at one level per scene) with
sounds of the appliance's classes laid on it one at a time at SNRs from 0 to 20 dB, and `other`
sounds as distractors that the truth leaves out. Each sound is cut to where it actually sounds
(frame energy, not the whole 5 s ESC-50 clip), so the truth's onsets and offsets are the sound's.
Everything is drawn from a seeded generator: the same seed, folds and data give the same bytes.
Pick `folds` the model never trained on to get an honest score.

That is the `mixed` kind (the default). Three more kinds look like a real front door (`kind`):
- `quiet`: a quiet doorstep. The bed is one background kind (rain, wind, birds, crickets, an
  engine; every kind in turn over a set of scenes) at a realistic level, -50 to -30 dBFS, with
  long stretches of nothing (10 to 60 s) between the nine sounds, each 0 to 20 dB over the bed.
- `unfamiliar`: a doorstep full of sounds the appliance has no label for: such a bed, densely
  laid with `other` sounds (other/ and negatives/, 0.5 to 4 s apart, 0 to 20 dB over the bed;
  not in the truth), and now and then (1 sound in 20) one of the nine.
- `plain`: the bed alone, no sound laid on it: its truth is empty.
A sound is never louder than the headroom left over the bed (peak 0.98); a sound turned down for
that keeps its true SNR in the record, and one that would then be under the SNR range is left out
(the bed goes on alone). The bed keeps its level: these kinds are never rescaled.

Output per scene: `<name>.wav` (16 kHz mono 16-bit) and `<name>.tsv` (onset, offset, label in
seconds, tab-separated, no header: the DCASE event list format); plus `scenes.json` with the
settings and where every sound came from. Scenes are named `scene_NNN` (mixed) or
`<kind>_NNN`, and scenes.json says their kind and length, which `earmark evaluate-scenes` reads.
"""
import csv
import fnmatch
import json
import sys
from pathlib import Path

import numpy as np
import soundfile
from tqdm import tqdm

RATE = 16000
TARGETS = ('doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
           'baby_crying', 'car_horn', 'siren')
BED_DBFS = (-45.0, -30.0)     # RMS of the background bed, drawn per scene
SNR_DB = (0.0, 20.0)          # event RMS over the bed's RMS under it, drawn per event
QUIET_SECONDS = (2.0, 8.0)    # bed alone between two sounds
DISTRACTOR_SHARE = 0.25       # share of sounds that are `other` (not in the truth)
MAX_EVENT = 10.0              # seconds: longer sounding regions are cut here
MERGE_GAP = 1.0               # seconds: pauses shorter than this stay inside one event
ACTIVE_DB = 30.0              # a frame sounds when within this of the clip's loudest frame...
ABOVE_FLOOR_DB = 6.0          # ...and this far above the clip's own noise floor
FRAME, HOP = 320, 160         # 20 ms frames every 10 ms for finding where a clip sounds
CROSSFADE = 0.5               # seconds between bed clips
FADE = 0.01                   # seconds of fade at the cut edges of a sound
FOLDERS = ('train', 'other')  # the folders of the sound data the mixed kind draws from

KINDS = ('mixed', 'quiet', 'unfamiliar', 'plain')
# The door-like kinds: bed level (dBFS RMS), seconds of bed alone between two sounds (None: no
# sound at all), the share of sounds that are one of the nine (the rest are `other`), SNR (dB).
DOOR = {
    'quiet': {'bed_dbfs': (-50.0, -30.0), 'gap_seconds': (10.0, 60.0), 'target_share': 1.0,
              'snr_db': (0.0, 20.0)},
    'unfamiliar': {'bed_dbfs': (-50.0, -30.0), 'gap_seconds': (0.5, 4.0), 'target_share': 0.05,
                   'snr_db': (0.0, 20.0)},
    'plain': {'bed_dbfs': (-50.0, -30.0), 'gap_seconds': None, 'target_share': 0.0,
              'snr_db': None},
}
DOOR_FOLDERS = ('train', 'other', 'negatives')   # negatives/ (FLAC) are `other` too
PEAK = 0.98


def _rows(data, folds, folders):
    """(manifest row, clip path) for the clips of `folders` whose fold matches `folds`."""
    patterns = ['esc50-fold%s' % f if f.isdigit() else f for f in folds]
    for folder in folders:
        manifest = Path(data) / folder / 'manifest.csv'
        if not manifest.exists():
            if folder == 'negatives':
                continue        # older copies of the data have no negatives/
            raise ValueError('%s: no such manifest (is --data the sound data folder?)' % manifest)
        with open(manifest, newline='') as f:
            for row in csv.DictReader(f):
                if any(fnmatch.fnmatchcase(row['fold'], p) for p in patterns):
                    yield row, manifest.parent / row['file']


def select(data, folds, folders=FOLDERS):
    """{label: [clip path]} for clips whose fold matches one of `folds` (shell patterns over the
    manifest's fold column; a bare number N means esc50-foldN), from the `folders` of the data."""
    pool = {}
    for row, path in _rows(data, folds, folders):
        pool.setdefault(row['label'], []).append(path)
    if not pool.get('background'):
        raise ValueError('no background clips in folds %s: a scene needs a bed' % ' '.join(folds))
    if not any(pool.get(label) for label in TARGETS):
        raise ValueError('no event clips in folds %s' % ' '.join(folds))
    return {label: sorted(paths) for label, paths in pool.items()}


def bed_kinds(data, folds):
    """{background kind: [clip path]}: the kind is ESC-50's class, in brackets after the
    manifest's original name ("4-160999-A-10.wav (rain)"), else the clip's folder."""
    kinds = {}
    for row, path in _rows(data, folds, ('train',)):
        if row['label'] != 'background':
            continue
        name = row['original_name']
        kind = name[name.rfind('(') + 1:-1] if name.endswith(')') else path.parent.name
        kinds.setdefault(kind, []).append(path)
    return {kind: sorted(paths) for kind, paths in sorted(kinds.items())}


def load(path):
    audio, rate = soundfile.read(str(path), dtype='float32', always_2d=True)
    if rate != RATE or audio.shape[1] != 1:
        raise ValueError('%s: need 16 kHz mono audio, got %d Hz, %d channels'
                         % (path, rate, audio.shape[1]))
    return audio[:, 0]


def frame_db(audio):
    if len(audio) < FRAME:
        audio = np.pad(audio, (0, FRAME - len(audio)))
    frames = np.lib.stride_tricks.sliding_window_view(audio, FRAME)[::HOP]
    return 10 * np.log10(np.maximum(np.mean(frames.astype(np.float64) ** 2, axis=1), 1e-10))


def sounding(audio):
    """(start, end) in samples of the first place the clip sounds: frames near its loudest and
    clear of its own noise floor, pauses under MERGE_GAP bridged, at most MAX_EVENT long."""
    db = frame_db(audio)
    peak = db.max()
    floor = max(np.percentile(db, 10), -100.0)
    level = min(peak - 3.0, max(peak - ACTIVE_DB, floor + ABOVE_FLOOR_DB))
    active = np.flatnonzero(db >= level)
    first = last = active[0]
    for f in active[1:]:
        if (f - last) * HOP > MERGE_GAP * RATE:
            break
        last = f
    start = first * HOP
    end = min(last * HOP + FRAME, len(audio), start + int(MAX_EVENT * RATE))
    return start, end


def rms(audio):
    return float(np.sqrt(np.mean(audio.astype(np.float64) ** 2)) + 1e-12)


def bed(rng, clips, n, dbfs, read=None):
    """n samples of crossfaded background clips, each brought to `dbfs` RMS."""
    read = read or load
    fade = int(CROSSFADE * RATE)
    out = np.zeros(n + fade, np.float32)
    at = 0
    ramp = np.linspace(0, 1, fade, dtype=np.float32)
    while at < n:
        path = clips[rng.integers(len(clips))]
        voiced = read(path)
        voiced = voiced[np.abs(voiced) > 0]   # ESC-50 pads short clips with digital silence
        if len(voiced) < 2 * fade:
            raise ValueError('%s: too short for a background bed' % path)
        voiced = voiced * (10 ** (dbfs / 20) / rms(voiced))
        voiced[:fade] *= ramp
        voiced[-fade:] *= ramp[::-1]
        part = voiced[:len(out) - at]
        out[at:at + len(part)] += part
        at += len(voiced) - fade
    return out[:n]


def scene(rng, pool, minutes, targets=TARGETS, read=None):
    """(audio, events, distractors): events and distractors as dicts with onset/offset in s.
    `pool` maps labels to sounds that `read` turns into float audio (paths and `load` by
    default, looked up when called)."""
    read = read or load
    n = int(minutes * 60 * RATE)
    bed_dbfs = float(rng.uniform(*BED_DBFS))
    audio = bed(rng, pool['background'], n, bed_dbfs, read)
    labels = [label for label in targets if pool.get(label)]
    order = []
    events, distractors = [], []
    t = float(rng.uniform(*QUIET_SECONDS))
    while True:
        distractor = bool(pool.get('other')) and rng.random() < DISTRACTOR_SHARE
        if distractor:
            label = 'other'
        else:
            if not order:
                order = list(rng.permutation(labels))
            label = str(order.pop())
        path = pool[label][rng.integers(len(pool[label]))]
        clip = read(path)
        sound, start, end = cut(clip)
        at = int(t * RATE)
        if at + len(sound) > n - RATE:
            break
        snr = float(rng.uniform(*SNR_DB))
        under = audio[at:at + len(sound)]
        sound *= rms(under) * 10 ** (snr / 20) / rms(clip[start:end])
        audio[at:at + len(sound)] += sound
        record = {'onset': round(at / RATE, 3), 'offset': round((at + len(sound)) / RATE, 3),
                  'label': label, 'snr_db': round(snr, 1), 'source': str(path),
                  'cut': [round(start / RATE, 3), round(end / RATE, 3)]}
        (distractors if distractor else events).append(record)
        t = (at + len(sound)) / RATE + float(rng.uniform(*QUIET_SECONDS))
    peak = float(np.max(np.abs(audio)))
    if peak > 0.98:   # scale the whole scene, so every SNR stays as drawn
        audio *= 0.98 / peak
    return audio, events, distractors, bed_dbfs


def cut(clip):
    """(sound, start, end): the part of a clip that sounds (samples start:end), with short fades
    at its cut edges."""
    start, end = sounding(clip)
    sound = clip[start:end].copy()
    edge = min(int(FADE * RATE), len(sound) // 4)
    if edge:
        sound[:edge] *= np.linspace(0, 1, edge)
        sound[-edge:] *= np.linspace(1, 0, edge)
    return sound, start, end


def door_scene(rng, pool, beds, minutes, kind, read=None):
    """(audio, events, distractors, bed dBFS) of a door-like scene (`kind` in DOOR) on a bed of
    the clips `beds` (one background kind); `pool` as for scene()."""
    read = read or load
    settings = DOOR[kind]
    n = int(minutes * 60 * RATE)
    bed_dbfs = float(rng.uniform(*settings['bed_dbfs']))
    audio = bed(rng, beds, n, bed_dbfs, read)
    events, distractors = [], []
    if settings['gap_seconds'] is None:
        return audio, events, distractors, bed_dbfs
    labels = [label for label in TARGETS if pool.get(label)]
    order = []
    t = float(rng.uniform(*settings['gap_seconds']))
    while True:
        target = bool(labels) and (not pool.get('other')
                                   or rng.random() < settings['target_share'])
        if target:
            if not order:
                order = list(rng.permutation(labels))
            label = str(order.pop())
        else:
            label = 'other'
        path = pool[label][rng.integers(len(pool[label]))]
        clip = read(path)
        sound, start, end = cut(clip)
        at = int(t * RATE)
        if at + len(sound) > n - RATE:
            break
        under = audio[at:at + len(sound)]
        gain = rms(under) * 10 ** (float(rng.uniform(*settings['snr_db'])) / 20) \
            / rms(clip[start:end])
        room = max(PEAK - float(np.max(np.abs(under))), 0.01)
        gain = min(gain, room / max(float(np.max(np.abs(sound))), 1e-9))
        snr = 20 * np.log10(gain * rms(clip[start:end]) / rms(under))
        if snr < settings['snr_db'][0]:
            # So impulsive (a crackle, a click) that its headroom leaves it under the bed by
            # RMS: left out, the bed goes on alone for a gap.
            t = at / RATE + float(rng.uniform(*settings['gap_seconds']))
            continue
        audio[at:at + len(sound)] += sound * np.float32(gain)
        record = {'onset': round(at / RATE, 3), 'offset': round((at + len(sound)) / RATE, 3),
                  'label': label, 'snr_db': round(float(snr), 1), 'source': str(path),
                  'cut': [round(start / RATE, 3), round(end / RATE, 3)]}
        (events if target else distractors).append(record)
        t = (at + len(sound)) / RATE + float(rng.uniform(*settings['gap_seconds']))
    return audio, events, distractors, bed_dbfs


def write_truth(path, events):
    with open(path, 'w') as f:
        for e in events:
            f.write('%.3f\t%.3f\t%s\n' % (e['onset'], e['offset'], e['label']))


def generate(data, out, folds, seed=0, count=10, minutes=5.0, kind='mixed'):
    """Writes `count` scenes of `kind` (KINDS) into `out`; returns the scenes.json record."""
    if kind != 'mixed':
        return generate_door(data, out, folds, seed, count, minutes, kind)
    pool = select(data, folds)
    missing = [label for label in TARGETS if not pool.get(label)]
    if missing:
        print('scenes: no clips of %s in folds %s; scenes go without them'
              % (', '.join(missing), ' '.join(folds)), file=sys.stderr)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    record = {'seed': seed, 'folds': list(folds), 'minutes': minutes, 'count': count,
              'settings': {'bed_dbfs': BED_DBFS, 'snr_db': SNR_DB, 'quiet_seconds': QUIET_SECONDS,
                           'distractor_share': DISTRACTOR_SHARE, 'max_event': MAX_EVENT,
                           'merge_gap': MERGE_GAP, 'active_db': ACTIVE_DB,
                           'above_floor_db': ABOVE_FLOOR_DB},
              'clips': {label: len(paths) for label, paths in sorted(pool.items())},
              'scenes': []}
    for i in tqdm(range(count), desc='scenes', unit='scene'):
        name = 'scene_%03d' % i
        rng = np.random.default_rng([seed, i])
        audio, events, distractors, bed_dbfs = scene(rng, pool, minutes)
        soundfile.write(str(out / (name + '.wav')), audio, RATE, subtype='PCM_16')
        write_truth(out / (name + '.tsv'), events)
        record['scenes'].append({'name': name, 'bed_dbfs': round(bed_dbfs, 1), 'events': events,
                                 'distractors': distractors})
    (out / 'scenes.json').write_text(json.dumps(record, indent=1))
    return record


def generate_door(data, out, folds, seed, count, minutes, kind):
    """generate() for the door-like kinds: scene i of a set lies on the background kind
    (i + seed) mod the number of kinds, so a set of as many scenes hears every kind."""
    if kind not in DOOR:
        raise ValueError('unknown scene kind %r (one of %s)' % (kind, ', '.join(KINDS)))
    pool = select(data, folds, DOOR_FOLDERS)
    beds = bed_kinds(data, folds)
    if kind == 'unfamiliar' and not pool.get('other'):
        raise ValueError('no other/ or negatives/ clips in folds %s: an unfamiliar doorstep '
                         'needs them' % ' '.join(folds))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    record = {'kind': kind, 'seed': seed, 'folds': list(folds), 'minutes': minutes,
              'count': count, 'settings': dict(DOOR[kind], max_event=MAX_EVENT,
                                               merge_gap=MERGE_GAP, active_db=ACTIVE_DB,
                                               above_floor_db=ABOVE_FLOOR_DB),
              'clips': {label: len(paths) for label, paths in sorted(pool.items())},
              'bed_kinds': {k: len(paths) for k, paths in beds.items()},
              'scenes': []}
    names = list(beds)
    for i in tqdm(range(count), desc='%s scenes' % kind, unit='scene'):
        name = '%s_%03d' % (kind, i)
        bed_kind = names[(i + seed) % len(names)]
        rng = np.random.default_rng([seed, KINDS.index(kind), i])
        audio, events, distractors, bed_dbfs = door_scene(rng, pool, beds[bed_kind], minutes,
                                                          kind)
        soundfile.write(str(out / (name + '.wav')), audio, RATE, subtype='PCM_16')
        write_truth(out / (name + '.tsv'), events)
        record['scenes'].append({'name': name, 'kind': kind, 'bed_kind': bed_kind,
                                 'bed_dbfs': round(bed_dbfs, 1), 'seconds': len(audio) / RATE,
                                 'events': events, 'distractors': distractors})
    (out / 'scenes.json').write_text(json.dumps(record, indent=1))
    return record


def run(args):
    record = generate(args.data, args.out, args.folds, args.seed, args.count, args.minutes,
                      getattr(args, 'kind', 'mixed'))
    events = sum(len(s['events']) for s in record['scenes'])
    distractors = sum(len(s['distractors']) for s in record['scenes'])
    print(json.dumps({'scenes': len(record['scenes']), 'events': events,
                      'distractors': distractors, 'out': str(args.out)}))
