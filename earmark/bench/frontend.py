"""`earmark bench frontend`: the front end's throughput side by side, on real clips.

Every row streams the same audio (n_fft 512, hop 256, 40 mel bands, 16 kHz) and reports
× real-time (seconds of audio per second of work). The C rows time only the front end inside a
small C harness (earmark/bench/frontend.c, gcc); MicroPython rows time inside `micropython`.
Instructions per second of audio come from valgrind's callgrind (deterministic): the difference
between two runs of the harness over different lengths of audio, so set-up cost cancels out.
Wall-clock rows on a shared machine are noisy (the C and native rows take milliseconds; those
are the best of three); the instruction counts are not.
"""
import json
import shutil
import subprocess
import sys
import time
from array import array
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .. import BUILD, DEVICE, ROOT, image, mpy, runtime

RATE, N_FFT, HOP, N_MELS = 16000, 512, 256, 40
ESP32_HZ = 240e6
# x86-64 instructions stand in for Xtensa ones at one instruction per cycle: an estimate only
# (the ESP32's FPU has no divide, its loads stall; the C core's hot path has one division per band).
ESP32_IPC = 1.0
HARNESS = Path(__file__).with_name('frontend.c')
MICROPYTHON_BENCH = '''
import array, time, sys
sys.path.insert(0, %(path)r)
%(make_import)s
m = %(make)s()
f = open(%(pcm)r, 'rb')
pcm = array.array('h', bytes(2048))
out = array.array('f', bytes(160))
total = %(samples)d
done = 0
t0 = time.ticks_us()
while done < total:
    n = f.readinto(pcm) // 2
    m.push(memoryview(pcm)[:n])
    while m.pop(out):
        pass
    done += n
elapsed = time.ticks_diff(time.ticks_us(), t0) / 1e6
print('{"seconds": %%f, "samples": %%d, "state": %%d}' %% (elapsed, done, m.state_size))
'''


def _audio(data, seconds):
    """At least `seconds` of real clips (one from each label in turn), as int16."""
    import soundfile
    folder = Path(data) / 'train'
    if not (folder / 'manifest.csv').exists():
        raise RuntimeError('no clips at %s: set EARMARK_DATA to the shared data folder' % folder)
    files = sorted(folder.rglob('*.wav'))[::7]
    parts, have = [], 0
    for path in files:
        pcm, rate = soundfile.read(path, dtype='int16')
        if rate == RATE and pcm.ndim == 1:
            parts.append(pcm)
            have += len(pcm)
        if have >= seconds * RATE:
            break
    return np.concatenate(parts)


def _compile(opt, out):
    import emlearn
    cmd = ['gcc', '-std=c99', opt, '-ffp-contract=off', '-w', '-I', str(ROOT / 'native' / 'logmel'),
           '-I', emlearn.includedir, str(HARNESS), '-lm', '-o', str(out)]
    subprocess.run(cmd, check=True)
    return out


def _harness(binary, which, pcm_file, seconds):
    """Best of three: the machine is shared, the fast rows last milliseconds."""
    return min(float(subprocess.run([str(binary), which, str(pcm_file), str(seconds)], check=True,
                                    capture_output=True, text=True).stdout.split()[0])
               for _ in range(3))


def _instructions(binary, which, pcm_file, short=1, long=6):
    """Instructions per second of audio, by callgrind, set-up cancelled out."""
    counts = []
    for seconds in (short, long):
        done = subprocess.run(['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null',
                               str(binary), which, str(pcm_file), str(seconds)],
                              capture_output=True, text=True, check=True)
        line = [x for x in done.stderr.splitlines() if 'Collected' in x][0]
        counts.append(int(line.split()[-1]))
    return (counts[1] - counts[0]) / (long - short)


def _librosa_warm():
    """librosa's first call pays for imports and JIT compilation; no row should."""
    import librosa
    y = np.zeros(RATE, dtype=np.float32)
    librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=RATE, n_fft=N_FFT, hop_length=HOP,
                                                       center=False, n_mels=N_MELS, fmax=8000.0))
    return librosa


def _librosa_frames(pcm, seconds):
    librosa = _librosa_warm()
    y = pcm[:int(seconds * RATE)].astype(np.float32) / 32768
    start = time.perf_counter()
    for i in range(0, len(y) - N_FFT + 1, HOP):
        s = librosa.feature.melspectrogram(y=y[i:i + N_FFT], sr=RATE, n_fft=N_FFT, hop_length=HOP,
                                           center=False, n_mels=N_MELS, fmax=8000.0)
        librosa.power_to_db(s, ref=1.0, amin=1e-10, top_db=None)
    return time.perf_counter() - start


def _librosa_clip(pcm, seconds):
    librosa = _librosa_warm()
    y = pcm[:int(seconds * RATE)].astype(np.float32) / 32768
    start = time.perf_counter()
    s = librosa.feature.melspectrogram(y=y, sr=RATE, n_fft=N_FFT, hop_length=HOP, center=False,
                                       n_mels=N_MELS, fmax=8000.0)
    librosa.power_to_db(s, ref=1.0, amin=1e-10, top_db=None)
    return time.perf_counter() - start


def _extension(pcm, seconds):
    import logmel
    out = array('f', bytes(4 * N_MELS))
    data = pcm[:int(seconds * RATE)]
    best = float('inf')
    for _ in range(3):
        m = logmel.LogMel()
        start = time.perf_counter()
        for i in range(0, len(data), 2048):
            m.push(data[i:i + 2048])
            while m.pop(out):
                pass
        best = min(best, time.perf_counter() - start)
    return best, m.state_size


def _micropython(pcm_file, seconds, path, make, make_import, heap='128K'):
    code = MICROPYTHON_BENCH % dict(path=str(path), make=make, make_import=make_import,
                                    pcm=str(pcm_file), samples=int(seconds * RATE))
    argv, env, _ = runtime.command('micropython', ['-c', code], heap=heap)
    env['MICROPYPATH'] = '%s:%s' % (path, env['MICROPYPATH'])
    # run in `path`: '' (the working folder) comes first on MicroPython's sys.path
    done = subprocess.run(argv, env=env, cwd=path, capture_output=True, text=True, timeout=1200)
    if done.returncode:
        raise RuntimeError('micropython failed:\n' + done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _plain_bytecode(folder):
    """device/frontend.py without its viper decorators, compiled to bytecode."""
    folder.mkdir(parents=True, exist_ok=True)
    mpy.plain_bytecode(DEVICE / 'frontend.py', folder / 'frontend.mpy')
    return folder


def run(data, seconds=30.0, natmod=None):
    """Measures every row; returns (rows, facts). Rows: (name, audio seconds, work seconds)."""
    work = BUILD / 'bench'
    work.mkdir(parents=True, exist_ok=True)
    pcm = _audio(data, max(seconds, 6) + 1)   # callgrind's counts read 6 s (_instructions)
    pcm_file = work / 'frontend.pcm'
    pcm.tofile(pcm_file)
    rows, facts = [], {}
    steps = tqdm(total=10, desc='bench frontend', unit='step')

    def step(name, audio, elapsed):
        rows.append((name, audio, elapsed))
        steps.update()

    fast, small = _compile('-O2', work / 'frontend-O2'), _compile('-Os', work / 'frontend-Os')
    step('C core (logmel.h, gcc -O2, C harness)', seconds, _harness(fast, 'logmel', pcm_file, seconds))
    step('emlearn eml_audio_melspectrogram (gcc -O2)', seconds,
         _harness(fast, 'emlearn', pcm_file, seconds))
    elapsed, facts['state C'] = _extension(pcm, seconds)
    step('C core via CPython extension `logmel`', seconds, elapsed)
    step('librosa, whole clip', seconds, _librosa_clip(pcm, seconds))
    short = min(seconds, 10.0)
    step('librosa, frame by frame (streaming)', short, _librosa_frames(pcm, short))

    image_dir = image.build()
    if natmod:
        r = _micropython(pcm_file, seconds, Path(natmod).parent, 'logmel.LogMel', 'import logmel')
        step('MicroPython: native module logmel.mpy (x64)', r['samples'] / RATE, r['seconds'])
    else:
        steps.update()
    r = _micropython(pcm_file, seconds, image_dir, 'frontend.PyLogMel', 'import frontend')
    facts['state viper'] = r['state']
    step('MicroPython: frontend.py, viper', r['samples'] / RATE, r['seconds'])
    plain = _plain_bytecode(work / 'plain')
    r = _micropython(pcm_file, min(seconds, 3.0), plain, 'frontend.PyLogMel', 'import frontend')
    step('MicroPython: frontend.py, plain bytecode', r['samples'] / RATE, r['seconds'])

    if shutil.which('valgrind'):
        facts['instructions C -Os'] = _instructions(small, 'logmel', pcm_file)
        facts['instructions C -O2'] = _instructions(fast, 'logmel', pcm_file)
        steps.update()
        facts['instructions emlearn -O2'] = _instructions(fast, 'emlearn', pcm_file)
        steps.update()
    steps.close()
    return rows, facts


def report(rows, facts, out=sys.stdout):
    speed = {name: audio / elapsed for name, audio, elapsed in rows}
    streaming = speed['librosa, frame by frame (streaming)']
    print('\nFront end: n_fft %d, hop %d, %d mel bands, %d Hz\n' % (N_FFT, HOP, N_MELS, RATE),
          file=out)
    print('%-46s %9s %10s %12s %14s' % ('implementation', 'audio s', 'work s', 'x real-time',
                                         'vs librosa f/f'), file=out)
    for name, audio, elapsed in rows:
        print('%-46s %9.1f %10.4f %12.1f %14.2f' % (name, audio, elapsed, audio / elapsed,
                                                   audio / elapsed / streaming), file=out)
    print(file=out)
    for key in ('instructions C -Os', 'instructions C -O2', 'instructions emlearn -O2'):
        if key in facts:
            share = 100 * facts[key] / (ESP32_HZ * ESP32_IPC)
            print('%-28s %12.0f instructions per audio second = %5.2f %% of a 240 MHz ESP32 core '
                  '(estimate: 1 instruction/cycle)' % (key, facts[key], share), file=out)
    for key in ('state C', 'state viper'):
        if key in facts:
            print('%-28s %12d bytes' % (key, facts[key]), file=out)
    c = speed['C core (logmel.h, gcc -O2, C harness)']
    goals = [
        ('C core >= 20x librosa frame by frame', c / streaming >= 20, '%.0fx' % (c / streaming)),
        ('C core <= 2 % of an ESP32 core', facts.get('instructions C -Os', 1e99) / ESP32_HZ <= 0.02,
         '%.2f %%' % (100 * facts.get('instructions C -Os', float('nan')) / ESP32_HZ)),
        ('MicroPython viper >= 5x real-time', speed['MicroPython: frontend.py, viper'] >= 5,
         '%.1fx' % speed['MicroPython: frontend.py, viper']),
        ('state <= 8 KB', facts['state C'] <= 8192, '%d bytes' % facts['state C']),
    ]
    print('\nGoals:', file=out)
    for name, met, value in goals:
        print('  [%s] %-40s %s' % ('x' if met else ' ', name, value), file=out)
