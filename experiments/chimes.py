"""Synthetic doorbells for a teach-time bank (issue 25): two- and three-tone ding-dongs,
Westminster-like four-note phrases and buzzers, pitches 300 to 2000 Hz, with harmonic,
bar-like or bell-like partials and their own decays. A template of a household's doorbell that
such chimes reach is one other doorbells may reach too, and they cost no recordings.

Made from a fixed seed, so the bank is the same on every computer:

    .venv/bin/python experiments/chimes.py build/personal/chimes   # 60 clips, 16 kHz
"""
import sys
from pathlib import Path

import numpy as np
import soundfile

RATE = 16000
SEED = 2025
PARTIALS = {'harmonic': (1.0, 2.0, 3.0, 4.0, 5.0),
            'bar': (1.0, 2.756, 5.404, 8.933),
            'bell': (0.5, 1.0, 1.183, 1.506, 2.0, 2.514, 2.662)}
WESTMINSTER = ((9, 5, 7, 0), (5, 9, 7, 0), (5, 7, 9, 5), (9, 7, 5, 0), (0, 7, 9, 5))
#               semitones over the phrase's lowest note (B E F# G#), the clock's five changes


def note(rng, f, seconds, tau, partials, amps):
    """One struck note: each partial under Nyquist's reach, the higher ones dying sooner."""
    t = np.arange(int(seconds * RATE)) / RATE
    out = np.zeros_like(t)
    for ratio, a in zip(partials, amps):
        if f * ratio < 0.45 * RATE:
            out += a * np.sin(2 * np.pi * f * ratio * t + rng.uniform(0, 2 * np.pi)) \
                * np.exp(-t * np.sqrt(ratio) / tau)
    attack = min(len(t), int(0.004 * RATE))
    out[:attack] *= np.linspace(0, 1, attack)
    return out


def struck(rng, freqs, spacing):
    """Notes struck `spacing` s apart, each ringing on under the next."""
    kind = sorted(PARTIALS)[int(rng.integers(len(PARTIALS)))]
    partials = PARTIALS[kind]
    amps = [rng.uniform(0.2, 1.0) / (k + 1) for k in range(len(partials))]
    amps[partials.index(1.0)] = 1.0
    tau = rng.uniform(0.3, 1.5)
    tail = 3 * tau
    out = np.zeros(int((spacing * (len(freqs) - 1) + tail) * RATE) + 1)
    for k, f in enumerate(freqs):
        n = note(rng, f, tail, tau, partials, amps) * rng.uniform(0.7, 1.0)
        at = int(k * spacing * RATE)
        out[at:at + len(n)] += n
    return out


def fit(low, steps):
    """A lowest pitch for notes `steps` semitones over it, all within 300 to 2000 Hz."""
    top = max(steps)
    return low if low * 2 ** (top / 12) <= 2000 else 2000 / 2 ** (top / 12)


def buzzer(rng):
    """A buzz or two of a square- or saw-like tone."""
    f = rng.uniform(300, 2000)
    odd = rng.random() < 0.5
    out = []
    for _ in range(int(rng.integers(1, 4))):
        t = np.arange(int(rng.uniform(0.3, 1.5) * RATE)) / RATE
        tone = sum(np.sin(2 * np.pi * f * k * t) / k for k in range(1, 12, 2 if odd else 1)
                   if f * k < 0.45 * RATE)
        edge = int(0.01 * RATE)
        tone[:edge] *= np.linspace(0, 1, edge)
        tone[-edge:] *= np.linspace(1, 0, edge)
        out += [tone, np.zeros(int(rng.uniform(0.1, 0.4) * RATE))]
    return np.concatenate(out)


def chime(rng):
    """(kind, audio) of one synthetic doorbell."""
    kind = ('ding-dong', 'three-tone', 'westminster', 'buzzer')[int(rng.integers(4))]
    if kind == 'buzzer':
        return kind, buzzer(rng)
    if kind == 'westminster':
        steps = list(WESTMINSTER[int(rng.integers(len(WESTMINSTER)))])
        if rng.random() < 0.5:
            steps += list(WESTMINSTER[int(rng.integers(len(WESTMINSTER)))])
        spacing = rng.uniform(0.4, 0.7)
    else:
        count = 2 if kind == 'ding-dong' else 3
        steps = [int(rng.choice((0, 3, 4, 5, 7, 8, 9, 12))) for _ in range(count - 1)] + [0]
        if rng.random() < 0.3:
            steps = steps[::-1]
        spacing = rng.uniform(0.3, 0.9)
    low = fit(rng.uniform(300, 2000), steps)
    return kind, struck(rng, [low * 2 ** (s / 12) for s in steps], spacing)


def write_all(folder, count=60, seed=SEED):
    """`count` clips chime_NN.wav (peak -6 dBFS, 50 ms of silence each side) in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for k in range(count):
        kind, audio = chime(rng)
        audio = 0.5 * audio / np.max(np.abs(audio))
        pad = np.zeros(int(0.05 * RATE))
        path = folder / ('chime_%02d_%s.wav' % (k, kind))
        if not path.exists():
            soundfile.write(str(path), np.concatenate([pad, audio, pad]).astype(np.float32),
                            RATE, subtype='PCM_16')
        paths.append(path)
    return paths


if __name__ == '__main__':
    print('\n'.join(str(p) for p in write_all(sys.argv[1] if len(sys.argv) > 1
                                              else 'build/personal/chimes')))
