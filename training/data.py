"""Sound data folders: manifest.csv + 16 kHz mono 16-bit WAV files.

Each row says file, label, fold (the grouping key: never split a fold) and where the sound came
from. Any bad input stops with a ValueError that names the file.
"""
import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile as sf

from .features import SAMPLE_RATE

# Bundle order (model.json's labels); labels a folder brings that are not here come before `other`.
LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']
COLUMNS = ('file', 'label', 'fold')
ESC50_NAME = re.compile(r'^(\d+-\d+)-[A-Z]+-\d+\.wav')


@dataclass(eq=False)
class Clip:
    path: str
    label: str
    fold: str
    source: str         # the original recording: clips sharing it are never each other's match
    pcm: np.ndarray = field(repr=False)
    augmented: bool = False   # augmented or synthetic: trains, never counts in an evaluation
    clean: np.ndarray = field(default=None, repr=False)   # the event alone, before mixing


def read_wav(path):
    """int16 samples of a 16 kHz mono 16-bit WAV, or ValueError naming the file."""
    path = Path(path)
    try:
        info = sf.info(str(path))
    except (RuntimeError, sf.LibsndfileError) as exc:
        raise ValueError('%s: not a readable WAV file (%s)' % (path, exc)) from None
    if info.samplerate != SAMPLE_RATE:
        raise ValueError('%s: sample rate %d Hz, expected %d' % (path, info.samplerate,
                                                                 SAMPLE_RATE))
    if info.channels != 1:
        raise ValueError('%s: %d channels, expected mono' % (path, info.channels))
    if info.subtype != 'PCM_16':
        raise ValueError('%s: %s samples, expected 16-bit PCM' % (path, info.subtype))
    try:
        pcm, _ = sf.read(str(path), dtype='int16')
    except (RuntimeError, sf.LibsndfileError) as exc:
        raise ValueError('%s: unreadable audio (%s)' % (path, exc)) from None
    if len(pcm) == 0:
        raise ValueError('%s: no samples' % path)
    return pcm


def _source(row):
    # ESC-50 names are <fold>-<freesound id>-<take>-<class>.wav: takes of one recording share it.
    match = ESC50_NAME.match(row.get('original_name') or '')
    return 'esc50:' + match.group(1) if match else row['fold']


def load_folder(folder):
    folder = Path(folder)
    manifest = folder / 'manifest.csv'
    if not manifest.is_file():
        raise ValueError('%s: no manifest.csv in this data folder' % folder)
    with open(manifest, newline='') as f:
        rows = list(csv.DictReader(f))
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise ValueError('%s: needs rows with columns %s' % (manifest, ', '.join(COLUMNS)))
    clips = []
    for n, row in enumerate(rows, 2):
        path = folder / row['file']
        if not row['label'] or not row['fold']:
            raise ValueError('%s line %d: empty label or fold' % (manifest, n))
        if not path.is_file():
            raise ValueError('%s line %d: %s does not exist' % (manifest, n, path))
        clips.append(Clip(str(path), row['label'], row['fold'], _source(row), read_wav(path)))
    return clips


def load(folders):
    clips = [clip for folder in folders for clip in load_folder(folder)]
    if not clips:
        raise ValueError('no clips in %s' % ', '.join(map(str, folders)))
    return clips


def labels_of(clips):
    present = {c.label for c in clips}
    extra = sorted(present - set(LABELS))
    return [l for l in LABELS[:-1] if l in present] + extra + ['other']


def data_hash(clips):
    """sha256 over every clip's label, fold and samples, in a stable order."""
    h = hashlib.sha256()
    for clip in sorted(clips, key=lambda c: (c.label, Path(c.path).name, c.fold)):
        h.update(('%s|%s|%s|%d\n' % (clip.label, clip.fold, Path(clip.path).name,
                                     len(clip.pcm))).encode())
        h.update(clip.pcm.tobytes())
    return h.hexdigest()
