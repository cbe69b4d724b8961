"""More training sound from public repositories (round 18): doorbells, car horns, breaking glass.

Input: a candidate list (training/sounds/candidates.csv: label, repo, commit, path, license, one
row per file found in a public GitHub repository) and a folder of the originals as fetched, laid
out as ORIGINALS/<owner>+<name>/<path> (each one `git show COMMIT:PATH` of the repository's
snapshot). Output: a data folder (16 kHz mono 16-bit FLAC + manifest.csv, loadable by
training.data.load_folder) and report.csv, one row per candidate with what became of it.

Each candidate is
1. decoded (soundfile; MP3 through libsndfile >= 1.1), mixed to mono, resampled to 16 kHz, its
   leading and trailing silence trimmed (quieter than TRIM_DB below its peak), cut at MAX_SECONDS;
   no gain is applied. Git LFS pointers and files that do not decode are dropped;
2. vetted by the teacher (YAMNet): kept only if one of its label's AudioSet classes (VETTING) is
   among the top VETTING_TOP classes of the clip-mean scores (mean over the windows where it
   sounds), and no class of another of the appliance's events (EVENT_CLASSES) ranks above it.
   A file's name is no evidence: the same names hold spoken words, jingles and alarms;
3. deduplicated: the same freesound doorbell is copied into many repositories, re-encoded,
   trimmed or resampled. Two clips of a label are the same recording when the peak normalised
   cross-correlation of their waveforms is at least SAME_WAVEFORM (a re-encoded or trimmed
   copy; measured on the round-18 candidates: every copy 0.75-1.0, every clip kept 0.32 or less
   from its nearest), or that of their log-mel spectrograms is at least SAME_LOGMEL, or the
   cosine of their clip-mean teacher embeddings is at least SAME_EMBEDDING (these two would
   catch a copy played at another speed or pitch; on those candidates they dropped nothing the
   waveform rule had not). The reference folder's clips (../shared/data/train) come first, so a
   copy of one of them is dropped, and among new clips the first in candidate order is kept;
4. dropped if it copies (by the same rule) a recording under --exclude: the judge's ESC-50
   fold 5 is held out, and public repositories hold ESC-50 clips under names like shatter.wav.
   (Round 18 extracted fold 5's car_horn, glass_breaking, church_bells and clock_alarm clips
   into build/gather/exclude for this comparison only, and deleted them after the run: judge
   audio is kept nowhere here. Two glass files were such copies; they are named in
   training/sounds/judge_copies.csv, which --judge-copies drops whether or not --exclude is
   given, so the set can be built again without the judge's clips at hand.)

    .venv/bin/python experiments/gather_sounds.py --candidates training/sounds/candidates.csv \
        --originals build/gather/orig --out build/sounds --exclude build/gather/exclude
"""
import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

import librosa
import numpy as np
import soundfile as sf
from scipy.signal import fftconvolve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from earmark.dataset import COLUMNS   # noqa: E402
from training import data, windows   # noqa: E402
from training.features import SAMPLE_RATE   # noqa: E402
from training.teacher import Teacher   # noqa: E402

TRIM_DB = 40            # below the clip's peak counts as leading/trailing silence
MAX_SECONDS = 10.0
MIN_SECONDS = 0.25      # shorter than this after trimming is a click, not an event
VETTING_TOP = 5
VETTING = {
    'doorbell': ('Doorbell', 'Ding-dong', 'Ding', 'Bell', 'Chime', 'Buzzer', 'Jingle bell',
                 'Tubular bells', 'Telephone bell ringing'),
    'car_horn': ('Vehicle horn, car horn, honking', 'Air horn, truck horn'),
    # 'Glass' alone is also a clink or a toast: breaking is what the label says.
    'glass_breaking': ('Shatter', 'Breaking'),
}
# AudioSet classes of the appliance's events: a clip in which another event's class ranks above
# every class of its own label is a mixture or mislabelled (a knock then a bell, a prank
# soundboard's doorbell breaking glass) and teaches the wrong thing.
EVENT_CLASSES = dict(VETTING, **{
    'door_knock': ('Knock',), 'dog_bark': ('Dog', 'Bark'), 'speech': ('Speech',),
    'footsteps': ('Walk, footsteps',), 'baby_crying': ('Baby cry, infant cry',),
    'siren': ('Siren', 'Police car (siren)', 'Ambulance (siren)',
              'Fire engine, fire truck (siren)', 'Civil defense siren')})
SAME_EMBEDDING = 0.97
SAME_LOGMEL = 0.95
SAME_WAVEFORM = 0.5
LOGMEL_FLOOR_DB = 60.0
# Lags must overlap this share of the shorter clip: a chance match of a short stretch is no copy.
XCORR_MIN_OVERLAP = 0.5


def decode(path):
    """int16 16 kHz mono samples of an audio file, trimmed and capped, or ValueError."""
    head = Path(path).read_bytes()[:64]
    if head.startswith(b'version https://git-lfs'):
        raise ValueError('Git LFS pointer, no audio')
    try:
        audio, rate = sf.read(str(path), dtype='float32', always_2d=True)
    except (RuntimeError, sf.LibsndfileError) as exc:
        raise ValueError('does not decode (%s)' % exc) from None
    audio = audio.mean(axis=1)
    if rate != SAMPLE_RATE:
        audio = librosa.resample(audio, orig_sr=rate, target_sr=SAMPLE_RATE)
    if not np.any(audio):
        raise ValueError('all silence')
    audio, _ = librosa.effects.trim(audio, top_db=TRIM_DB)
    audio = audio[:int(MAX_SECONDS * SAMPLE_RATE)]
    if len(audio) < MIN_SECONDS * SAMPLE_RATE:
        raise ValueError('too short (%.2f s after trimming)' % (len(audio) / SAMPLE_RATE))
    # Resampling can overshoot full scale by a little: clip rather than scale.
    return np.clip(np.round(audio * 32768.0), -32768, 32767).astype(np.int16)


def logmel(pcm):
    """Log-mel (bands, frames) in dB below the clip's peak, floored at LOGMEL_FLOOR_DB so that
    digital silence and a quiet room look alike."""
    mel = librosa.feature.melspectrogram(y=pcm.astype(np.float32) / 32768.0, sr=SAMPLE_RATE,
                                         n_fft=1024, hop_length=512, n_mels=40)
    return librosa.power_to_db(mel, ref=np.max, top_db=LOGMEL_FLOOR_DB)


def peak_xcorr(a, b):
    """Highest Pearson correlation of two log-mels over every time lag at which they overlap by
    at least XCORR_MIN_OVERLAP of the shorter one (all bands of the overlap taken together)."""
    bands, na = a.shape
    nb = b.shape[1]
    sxy = sum(fftconvolve(a[k], b[k][::-1], mode='full') for k in range(bands))
    lags = np.arange(-(nb - 1), na)           # a's frame i meets b's frame i - lag
    a0, a1 = np.maximum(0, lags), np.minimum(na, lags + nb)
    b0, b1 = a0 - lags, a1 - lags
    ca = np.concatenate([[0], np.cumsum(a.sum(axis=0))])
    caa = np.concatenate([[0], np.cumsum((a * a).sum(axis=0))])
    cb = np.concatenate([[0], np.cumsum(b.sum(axis=0))])
    cbb = np.concatenate([[0], np.cumsum((b * b).sum(axis=0))])
    n = (a1 - a0) * bands
    sx, sxx = ca[a1] - ca[a0], caa[a1] - caa[a0]
    sy, syy = cb[b1] - cb[b0], cbb[b1] - cbb[b0]
    cov = sxy - sx * sy / n
    var = np.maximum(sxx - sx * sx / n, 0) * np.maximum(syy - sy * sy / n, 0)
    valid = ((a1 - a0) >= XCORR_MIN_OVERLAP * min(na, nb)) & (var > 0)
    return float(np.max(cov[valid] / np.sqrt(var[valid]))) if valid.any() else 0.0


def peak_wave_xcorr(a, b):
    """Highest |normalised cross-correlation| of two waveforms over lags at which they overlap
    by at least XCORR_MIN_OVERLAP of the shorter one: near 1 for one recording however it was
    re-encoded or trimmed, near 0 for two recordings of even the same chime (phase differs)."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    na, nb = len(a), len(b)
    sxy = fftconvolve(a, b[::-1], mode='full')
    lags = np.arange(-(nb - 1), na)
    a0, a1 = np.maximum(0, lags), np.minimum(na, lags + nb)
    b0, b1 = a0 - lags, a1 - lags
    caa = np.concatenate([[0], np.cumsum(a * a)])
    cbb = np.concatenate([[0], np.cumsum(b * b)])
    energy = (caa[a1] - caa[a0]) * (cbb[b1] - cbb[b0])
    valid = ((a1 - a0) >= XCORR_MIN_OVERLAP * min(na, nb)) & (energy > 0)
    return float(np.max(np.abs(sxy[valid]) / np.sqrt(energy[valid]))) if valid.any() else 0.0


class Sound:
    """A clip's samples and its teacher scores and embedding, averaged over the windows where
    the clip sounds (training.windows.sounding): a clip's silent stretches would otherwise
    dominate both, and two unrelated clips that are mostly silence would look alike."""

    def __init__(self, pcm, label, scores, embeddings):
        self.pcm = pcm
        self.sha = hashlib.sha256(pcm.tobytes()).hexdigest()
        live = windows.sounding(windows.frames_of(pcm), label)
        if not live.any():
            live[:] = True
        self.scores = scores[live].mean(axis=0)
        mean = embeddings[live].mean(axis=0)
        self.embedding = mean / (np.linalg.norm(mean) + 1e-12)
        self.logmel = logmel(pcm)


def same_recording(x, y):
    """(is a copy, embedding cosine, log-mel peak correlation, waveform peak correlation)."""
    cosine = float(x.embedding @ y.embedding)
    xcorr = peak_xcorr(x.logmel, y.logmel)
    wave = peak_wave_xcorr(x.pcm, y.pcm)
    copy = (x.sha == y.sha or cosine >= SAME_EMBEDDING or xcorr >= SAME_LOGMEL
            or wave >= SAME_WAVEFORM)
    return copy, cosine, xcorr, wave


def short_name(repo, path):
    owner, name = repo.split('/')
    stem = re.sub(r'[^A-Za-z0-9]+', '-', Path(path).stem).strip('-')
    return ('%s_%s_%s' % (owner, name, stem))[:80]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--candidates', required=True)
    ap.add_argument('--originals', required=True, help='ORIGINALS/<owner>+<name>/<path>')
    ap.add_argument('--out', required=True)
    ap.add_argument('--reference', default=str(ROOT.parent / 'shared' / 'data' / 'train'),
                    help='data folder whose clips a new one must not copy')
    ap.add_argument('--exclude', metavar='DIR',
                    help='DIR/<label>/*.wav: recordings a new clip must not copy and that are '
                         'never kept (the judge\'s ESC-50 fold 5: public repositories hold '
                         'ESC-50 clips under other names)')
    ap.add_argument('--judge-copies', default=str(ROOT / 'training' / 'sounds' /
                                                  'judge_copies.csv'),
                    help='candidates (repo, path) found to copy the judge\'s clips: never kept')
    args = ap.parse_args(argv)
    with open(args.judge_copies, newline='') as f:
        judge_copies = {(r['repo'], r['path']): r['copy_of'] for r in csv.DictReader(f)}

    teacher = Teacher()
    names = teacher.class_names()
    with open(args.candidates, newline='') as f:
        candidates = list(csv.DictReader(f))
    columns = ('label', 'repo', 'commit', 'path', 'license')
    if not candidates or any(col not in candidates[0] for col in columns):
        raise SystemExit('%s: needs rows with columns %s' % (args.candidates, ', '.join(columns)))
    labels = sorted({c['label'] for c in candidates})
    unknown = [l for l in labels if l not in VETTING]
    if unknown:
        raise SystemExit('candidates: no vetting classes for label(s) %s' % ', '.join(unknown))

    kept = {label: [] for label in labels}     # (Sound, name): reference clips first
    for clip in data.load_folder(args.reference):
        if clip.label in kept:
            kept[clip.label].append((Sound(clip.pcm, clip.label, *teacher.outputs(clip.pcm)),
                                     'reference:' + Path(clip.path).name))
    excluded = {label: [] for label in labels}
    for path in sorted(Path(args.exclude).glob('*/*.wav')) if args.exclude else []:
        if path.parent.name in excluded:
            pcm = data.read_wav(path)
            excluded[path.parent.name].append(
                (Sound(pcm, path.parent.name, *teacher.outputs(pcm)), 'excluded:' + path.name))
    out = Path(args.out)
    report, manifest = [], []
    for c in candidates:
        row = dict(c, outcome='', teacher_top='', top5='', nearest='', cosine='', xcorr='', wave='')
        report.append(row)
        if (c['repo'], c['path']) in judge_copies:
            row['outcome'] = 'dropped: copy of an excluded recording'
            row['nearest'] = judge_copies[c['repo'], c['path']]
            continue
        original = Path(args.originals) / c['repo'].replace('/', '+') / c['path']
        try:
            pcm = decode(original)
        except (ValueError, OSError) as exc:
            row['outcome'] = 'dropped: %s' % exc
            continue
        sound = Sound(pcm, c['label'], *teacher.outputs(pcm))
        top = [names[i] for i in np.argsort(-sound.scores)[:VETTING_TOP]]
        row['teacher_top'], row['top5'] = top[0], '; '.join(top)
        own = [i for i, name in enumerate(top) if name in VETTING[c['label']]]
        if not own:
            row['outcome'] = 'dropped: not vetted'
            continue
        rivals = [name for name in top[:own[0]] for label, classes in EVENT_CLASSES.items()
                  if label != c['label'] and name in classes]
        if rivals:
            row['outcome'] = 'dropped: another event first (%s)' % rivals[0]
            continue
        # Compared with every clip kept so far and every excluded one; the report names the
        # closest, copy or not.
        nearest = max(((same_recording(sound, other), other_name)
                       for other, other_name in kept[c['label']] + excluded[c['label']]),
                      key=lambda x: max(x[0][1:]), default=None)
        if nearest:
            (copy, cosine, xcorr, wave), other_name = nearest
            row.update(nearest=other_name, cosine='%.3f' % cosine, xcorr='%.3f' % xcorr,
                       wave='%.3f' % wave)
            if copy:
                row['outcome'] = ('dropped: copy of an excluded recording'
                                  if other_name.startswith('excluded:') else 'dropped: duplicate')
                continue
        name = '%s/%s.flac' % (c['label'], short_name(c['repo'], c['path']))
        if any(m['file'] == name for m in manifest):    # one stem at two paths of a repo
            name = name[:-5] + '-%d.flac' % len(manifest)
        (out / c['label']).mkdir(parents=True, exist_ok=True)
        sf.write(str(out / name), pcm, SAMPLE_RATE, format='FLAC', subtype='PCM_16')
        kept[c['label']].append((sound, name))
        row['outcome'] = 'kept'
        manifest.append({'file': name, 'label': c['label'],
                         'source': 'github:%s@%s:%s' % (c['repo'], c['commit'], c['path']),
                         'original_name': Path(c['path']).name, 'license': c['license'],
                         'fold': 'src:' + c['repo']})
    out.mkdir(parents=True, exist_ok=True)
    with open(out / 'manifest.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, COLUMNS)
        w.writeheader()
        w.writerows(manifest)
    with open(out / 'report.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, list(report[0]))
        w.writeheader()
        w.writerows(report)
    for label in labels:
        outcomes = [r['outcome'].split(' (')[0] for r in report if r['label'] == label]
        print('%s: %d candidates; %s' % (label, len(outcomes), ', '.join(
            '%s %d' % (o, outcomes.count(o)) for o in sorted(set(outcomes)))))
    data.load_folder(out)     # the folder must load as training data


if __name__ == '__main__':
    main()
