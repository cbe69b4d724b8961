"""A personal doorbell found by its spectro-temporal pattern (device/pattern.py) in the scenes of
experiments/personal_doorbell.py: templates of the three examples' steps over the bed, matched by
Pearson's r at every step of a scene (issue 25).

Four designs were judged on the held-out doorbells, each chosen on the choosing ones first:
- this one, shipped (templates of the steps' rise over the bed, r over every cell, r >= 0.850):
  choosing recall 0.564 at 1.00 false matches an hour; held out 0.613 at 0.60 (a first look);
- commit b057a1f (the sound's own level in the cells it lit over its bed, r over those cells
  where the steps heard stand 3 dB over theirs, r >= 0.925): choosing 0.787 at 1.00; held out
  0.813 at 26.4, all but 1.8 of it in one household (41 matches on other sounds). A second look
  (found after the first judgement, by --diagnose over all eleven doorbells). At r >= 0.94,
  0.95 or 0.96 it holds 0.733 at 6.0, 0.533 at 4.2 and 0.467 at 0.6 there (a third look, to
  decide, not to choose): under the budget it finds fewer rings than this one.
- commit b057a1f guarded (experiments/pattern_guard.py, commit c85ea05: two of the three
  templates reach r >= 0.890 within 16 steps, chosen on 24 choosing households, 8 h, at
  <= 0.75/h): choosing 0.754 at 0.62; held out 0.813 at 14.4, judged once, 23 of its 24 false
  matches in the same household as above; with a teach-time bank guard instead (each
  template's threshold over the best r it reaches on other sounds, pattern_guard.py --bank,
  commit 98336a0, chosen on the choosing doorbells and 24 non-doorbell households): choosing
  0.869 at 0.75; held out 0.880 at 2.40 (all on other doorbells), and 0.947 at 0.60 on fresh
  households of the held-out doorbells (seed 5; this design there: 0.632 at 0.00).
The false alarm comes first (issue 23's rule: an alarm that fires at other sounds is worse than
one that misses a ring), so this design is the device's.

Frames are the device front end's (the native logmel module, bit-identical to the device's);
the bed, templates, r and events are device/pattern.py's integer code run here in CPython (the
same arithmetic MicroPython runs). The threshold is chosen on the choosing doorbells only (the
even ones of the sound data's list, as personal_windows.py splits them): the highest recall at
<= 1 false match an hour, either a fixed r or max(fixed, share x the examples' leave-one-out r).
The held-out doorbells are then judged once with it, and again through the appliance itself
(MicroPython: `earmark personal teach --pattern`, `earmark detect --personal`). Scored as personal_windows.py scores
(0.5 s slack; a false match is an event on no ring of the household's doorbell).

    .venv/bin/python experiments/personal_doorbell.py     # the scenes, once
    .venv/bin/python experiments/personal_pattern.py      # the choosing doorbells' table
    .venv/bin/python experiments/personal_pattern.py --judge   # and the held out, once
    .venv/bin/python experiments/personal_pattern.py --diagnose   # found by level, all 11
"""
import array
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
from tqdm import tqdm  # noqa: E402

from earmark import audio  # noqa: E402
from earmark.bridge import device_module  # noqa: E402
from personal_windows import SLACK, score  # noqa: E402  (scored alike)

DESIGN = '817808f'   # the first design's device/pattern.py (format 1 heads), the last commit with it


def pattern_at(rev, name):
    """device/pattern.py as it was at commit `rev`, a module called `name` (a design the
    device no longer teaches, read from git)."""
    import subprocess
    import types
    src = subprocess.run(['git', '-C', str(ROOT), 'show', rev + ':device/pattern.py'],
                         capture_output=True, text=True, check=True).stdout
    mod = types.ModuleType(name)
    exec(compile(src, name, 'exec'), mod.__dict__)
    return mod


pattern = pattern_at(DESIGN, 'pattern1')   # the first design: format 1 heads, matched
#                                            by device/pattern.py now as this did
frontend = device_module('frontend')
SCENES = ROOT / 'build' / 'personal' / 'seed1'
FRAME_SECONDS = 256 / 16000
FIXED = (500, 600, 700, 750, 800, 825, 850, 875, 900, 925, 950)
SHARES = (None, 0.8, 0.9)


def frames(path):
    """The front end's frames of a recording, whole chunks only (as a source hands them to
    the pipeline and labcore.frames_of reads them)."""
    lm = frontend.LogMel()
    pcm = audio.read(path)
    f = array.array('h', bytes(2 * 40))
    out = []
    for i in range(0, len(pcm) - 1023, 1024):
        lm.push(array.array('h', pcm[i:i + 1024].tobytes()))
        while lm.pop(f):
            out.append(array.array('h', f))
    return out


def scene_steps(frames):
    """A scene's steps as the device hears them: the bed followed from the first step."""
    bed = pattern.Bed(40)
    return [array.array('b', bed.step) for f in frames if bed.frame(f)]


def series(steps, templates, length=None):
    """[(r, template length)] at every step."""
    m = pattern.Matcher(templates, 40, 0)
    out = []
    for s in steps:
        r = m.push(s)
        out.append((r, m.length))
    return out


def merged(templates, recordings, n_mels):
    """One template from several: the stretch of each recording's steps where the longest
    template correlates best (its own recording: itself), averaged, cells under ZERO set to 0:
    the sound without most of each recording's bed."""
    first = max(templates, key=len)
    length = len(first) // n_mels
    total = array.array('i', bytes(4 * len(first)))
    for steps in recordings:
        m = pattern.Matcher([first], n_mels, 0)
        best, at = -1001, 0
        for k, s in enumerate(steps):
            r = m.push(s)
            if r > best:
                best, at = r, k + 1
        for i in range(length):
            step = steps[at - length + i] if at - length + i >= 0 else bytes(n_mels)
            for b in range(n_mels):
                total[i * n_mels + b] += step[b] if step[b] < 128 else step[b] - 256
    count = len(recordings)
    out = array.array('b', bytes(len(total)))
    for i in range(len(total)):
        v = total[i] // count
        out[i] = 0 if v < ZERO else v
    return bytes(out)


AVERAGE = 0   # 1: one template, merged(); 2: merged() and the three (more than a head holds)
ZERO = 0      # merged(): a cell under this is 0


def case(folder):
    cache = folder / ('pattern2-%d-%d-%d-%d%s%s.json' % (
        pattern.TRACK, pattern.MARGIN, pattern.LOW, pattern.SOUNDING,
        '-%d-%d' % (AVERAGE, ZERO) if AVERAGE else '',
        '-%d' % pattern.MAX_STEPS if pattern.MAX_STEPS != 32 else ''))
    if cache.exists():
        return json.loads(cache.read_text())
    examples = [pattern.steps_of(frames(f), 40) for f in sorted(folder.glob('example_*.wav'))]
    templates = [pattern.template(s) for s in examples]
    loo = [max(r for r, _ in series(examples[j], [templates[i]]))
           for i in range(3) for j in range(3) if i != j]
    if AVERAGE:
        templates = ([merged(templates, examples, 40)]
                     + (templates if AVERAGE == 2 else []))
    scenes = []
    for s in sorted(folder.glob('scene_*.wav')):
        truth = json.loads(s.with_suffix('.json').read_text())['truth']
        scenes.append({'truth': truth,
                       'series': series(scene_steps(frames(s)), templates)})
    out = {'loo': loo, 'steps': [len(t) // 40 for t in templates], 'scenes': scenes,
           'bytes': sum(len(t) for t in templates)}
    cache.write_text(json.dumps(out))
    return out


def watched(rs, threshold):
    w = pattern.Watch('ours', [], 40, threshold, FRAME_SECONDS)
    found = []
    for now, (r, length) in enumerate(rs, 1):
        found += w.step(r, now, length)
    found += w.flush()
    return [(ev['start'], ev['end']) for ev in found]


def threshold_of(c, fixed, share):
    return fixed if share is None else max(fixed, int(share * min(c['loo'])))


def judge(cases, fixed, share, verbose=False):
    tot, hours = np.zeros(4), 0.0
    for name, c in cases:
        th = threshold_of(c, fixed, share)
        mine = np.zeros(4)
        for k, s in enumerate(c['scenes']):
            mine += score(watched(s['series'], th), s['truth'])
            hours += soundfile.info(str(SCENES / name / ('scene_%d.wav' % k))).duration / 3600
        if verbose:
            print('  %-34s threshold %4d, loo %s: rings %d, found %d, false on doorbells %d, '
                  'on others %d' % ((name, th, c['loo']) + tuple(int(v) for v in mine)))
        tot += mine
    own, hit, bell, other = tot
    return hit / own, (bell + other) / hours, other / hours, int(hit), int(own), hours


def appliance(cases, threshold):
    """(recall, found, rings, false matches an hour) of the held-out doorbells as the
    command line does it: `personal teach --pattern` on the examples (the lab's code in
    MicroPython), then the appliance (`detect --personal`) over each scene, its pipeline
    watching every frame. The command line teaches format 2 heads now: this design's format 1
    head is taught here (the same integers as the lab's code) and the appliance matches it."""
    from earmark import personal
    tot, hours = np.zeros(4), 0.0
    for name, _ in tqdm(cases, desc='held out, the appliance'):
        folder = SCENES / name
        head = pattern.teach('our doorbell', personal.model_id(),
                             [frames(f) for f in sorted(folder.glob('example_*.wav'))], 40,
                             threshold)
        tally, h = heard_by_appliance(folder, head, 'our doorbell')
        tot += tally
        hours += h
    own, hit, bell, other = tot
    return hit / own, int(hit), int(own), (bell + other) / hours


def heard_by_appliance(folder, head, label):
    """([rings, found, false on doorbells, on others], hours) of a personal head (JSON) over
    the household's scenes: the appliance (`earmark detect --personal`, MicroPython) over each,
    its events labelled `label` scored against the scene's truth."""
    import tempfile
    from earmark import detect, personal
    tally, hours = np.zeros(4), 0.0
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / personal.HEAD_FILE).write_text(json.dumps(head))
        loaded = personal.load_head(tmp)
        for s in sorted(folder.glob('scene_*.wav')):
            events, _, _ = detect.detect(s, personal=loaded)
            truth = json.loads(s.with_suffix('.json').read_text())['truth']
            tally += score([(e['start'], e['end']) for e in events if e['label'] == label],
                           truth)
            hours += soundfile.info(str(s)).duration / 3600
    return tally, hours


def diagnose(cases, threshold):
    """Rings found and missed by their level over the bed: a ring's mean frame energy (the
    front end's bands' mean) over that of the 2 s before it, in dB bands."""
    bands = ((-99, 3), (3, 6), (6, 10), (10, 15), (15, 99))
    seen = []
    for name, c in cases:
        for k, s in enumerate(c['scenes']):
            mel = np.array(frames(SCENES / name / ('scene_%d.wav' % k)), float).mean(1) / 100
            power = 10 ** (mel / 10)
            found = watched(s['series'], threshold)
            for t in s['truth']:
                if t['what'] != 'own':
                    continue
                a, b = int(t['onset'] / FRAME_SECONDS), int(t['offset'] / FRAME_SECONDS)
                bed = power[max(0, a - 125):a].mean()
                snr = 10 * np.log10(max(power[a:b].mean() - bed, 1e-12) / bed)
                seen.append((snr, any(x < t['offset'] + SLACK and y > t['onset'] - SLACK
                                      for x, y in found)))
    for lo, hi in bands:
        got = [f for snr, f in seen if lo <= snr < hi]
        if got:
            print('rings %3s to %3s dB over the bed: %3d, found %.2f'
                  % (lo if lo > -99 else '', hi if hi < 99 else '', len(got), sum(got) / len(got)))


def main():
    if '--diagnose' in sys.argv:
        folders = sorted(p for p in SCENES.iterdir() if p.is_dir())
        diagnose([(f.name, case(f)) for f in folders], pattern.THRESHOLD)
        return
    judging = '--judge' in sys.argv
    for arg in sys.argv[1:]:   # settings tried: NAME=VALUE of device/pattern.py's
        if arg == '--judge':
            continue
        name, value = arg.split('=')
        if name in ('AVERAGE', 'ZERO'):
            globals()[name] = int(value)
        else:
            setattr(pattern, name, int(value))
    folders = sorted(p for p in SCENES.iterdir() if p.is_dir())
    every = [(f.name, case(f)) for f in tqdm(folders, desc='doorbells')]
    choosing, held = every[0::2], every[1::2]
    print('chosen on: %s' % ', '.join(n for n, _ in choosing))
    print('%6s %6s %7s %8s %11s' % ('fixed', 'share', 'recall', 'false/h', 'not bell/h'))
    best = None
    for share in SHARES:
        for fixed in FIXED:
            recall, false, other, _, _, _ = judge(choosing, fixed, share)
            print('%6d %6s %7.3f %8.2f %11.2f' % (fixed, share or '-', recall, false, other))
            key = (false <= 1.0, recall if false <= 1.0 else -false)
            if best is None or key > best[0]:
                best = (key, fixed, share)
    _, fixed, share = best
    print('choosing doorbells at the chosen point (r >= %d, share %s):' % (fixed, share))
    c = judge(choosing, fixed, share, verbose=True)
    print('choosing: recall %.3f (%d of %d), false matches %.2f an hour (%.2f not on a doorbell)'
          ' in %.2f h' % (c[0], c[3], c[4], c[1], c[2], c[5]))
    if not judging:
        return
    print('held out (judged once):')
    h = judge(held, fixed, share, verbose=True)
    print('held out: recall %.3f (%d of %d), false matches %.2f an hour (%.2f not on a doorbell)'
          ' in %.2f h' % (h[0], h[3], h[4], h[1], h[2], h[5]))
    a = appliance(held, fixed)
    print('held out through the appliance (this design\'s format 1 head, earmark detect '
          '--personal: MicroPython): recall %.3f (%d of %d), false matches %.2f an hour'
          % a)
    out = ROOT / 'experiments' / 'results' / 'personal_pattern.json'
    out.write_text(json.dumps({
        'appliance_held_out': {'recall': round(a[0], 3), 'false_matches_per_hour': round(a[3], 2)},
        'threshold': fixed, 'share_of_loo': share,
        'choosing': {'recall': round(c[0], 3), 'false_matches_per_hour': round(c[1], 2),
                     'names': [n for n, _ in choosing]},
        'held_out': {'recall': round(h[0], 3), 'false_matches_per_hour': round(h[1], 2),
                     'found': h[3], 'own': h[4], 'hours': round(h[5], 2),
                     'names': [n for n, _ in held]}}, indent=1) + '\n')


if __name__ == '__main__':
    main()
