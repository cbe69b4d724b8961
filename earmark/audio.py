"""Sound files as the device hears them: 16 kHz mono 16-bit, from what a user has at hand.

`earmark classify` and `earmark detect` take any file libsndfile reads (WAV, FLAC, ...) at 8 to
48 kHz, mono or stereo, such as a device's own 8 kHz clip.wav. Other rates are resampled with
soxr through librosa (its default, high quality), channels are averaged. A 16 kHz mono 16-bit
file is read as it is, sample for sample, so its results do not change.
"""
from pathlib import Path

import numpy as np

RATE = 16000
LOWEST, HIGHEST = 8000, 48000


def read(path):
    """int16 samples at RATE, mono; ValueError naming the file in one line otherwise."""
    import soundfile
    path = Path(path)
    if not path.is_file():
        raise ValueError('%s: no such file' % path)
    try:
        info = soundfile.info(str(path))
        as_is = info.samplerate == RATE and info.channels == 1 and info.subtype == 'PCM_16'
        pcm, rate = soundfile.read(str(path), dtype='int16' if as_is else 'float32',
                                   always_2d=not as_is)
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        # libsndfile's message names the file again: only its reason is kept.
        raise ValueError('%s: not a sound file this can read (%s)'
                         % (path, str(exc).rsplit(': ', 1)[-1].strip())) from None
    if not LOWEST <= rate <= HIGHEST:
        raise ValueError('%s: sample rate %d Hz; %d to %d Hz are taken' % (path, rate, LOWEST,
                                                                          HIGHEST))
    if len(pcm) == 0:
        raise ValueError('%s: no samples' % path)
    if as_is:
        return pcm
    import librosa
    mono = pcm.mean(axis=1)
    if rate != RATE:
        mono = librosa.resample(mono, orig_sr=rate, target_sr=RATE)
    return np.clip(np.round(mono * 32768), -32768, 32767).astype(np.int16)


def device_wav(path, folder):
    """A 16 kHz mono 16-bit WAV of `path` that the device code reads: the file itself when it is
    one already, else one written into `folder`."""
    import soundfile
    pcm = read(path)
    info = soundfile.info(str(path))
    if (info.format, info.samplerate, info.channels, info.subtype) == ('WAV', RATE, 1, 'PCM_16'):
        return Path(path)
    out = Path(folder) / (Path(path).stem + '.wav')
    soundfile.write(str(out), pcm, RATE, subtype='PCM_16')
    return out
