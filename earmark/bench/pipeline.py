"""`earmark bench pipeline [DIR] [--model M]`: the whole appliance (pipeline, store and HTTP
server) over scenes, side by side in micropython (from the image: the MicroPython front end)
and CPython. Prints speed (x real time), live heap, the smallest heap it runs in, how long after
a sound's onset its event is stored, and the DCASE scores of the detections (`evaluate-scenes`).
Without DIR it mixes two 3-minute scenes from folds the default model did train on (a speed and
heap check only: score held-out scenes with a model that never heard them, see the report)."""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from .. import ROOT
from ..detect import appliance_args, appliance_heap, run_appliance
from training import sed

def free_port():
    import socket
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


HEAPS = [96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288]


def _scenes(folder):
    subprocess.run([sys.executable, '-m', 'earmark.cli', 'scenes', '--data',
                    os.environ.get('EARMARK_DATA', str(ROOT.parent / 'shared' / 'data')),
                    '--out', str(folder), '--folds', '4', 'speaker:tuxpaint-*', 'src:Dashticz',
                    '--seed', '7', '--count', '2', '--minutes', '3'], check=True,
                   capture_output=True)


def _run(wav, which, model, heap, port):
    from ..detect import STORED
    from ..store_dump import open_store
    with tempfile.TemporaryDirectory(prefix='earmark-') as tmp:
        data = Path(tmp) / 'events'
        args = appliance_args(wav, data, model, port=port, start_time=0, exit_at_end=True,
                              host='127.0.0.1')
        t0 = time.monotonic()
        code, lines = run_appliance(args, which, heap)
        wall = time.monotonic() - t0
        done = [l for l in lines if l.startswith('earmark: stopped ')]
        if code or not done:
            return None
        status = json.loads(done[-1][len('earmark: stopped '):])
        events = [{'start': e['start'] / 1000, 'end': e['end'] / 1000, 'label': e['label'],
                   'confidence': e['confidence']} for e in open_store(data).events(
                       oldest_first=True)]
    stored = [(m.group(2), float(m.group(3)), float(m.group(4)))
              for m in map(STORED.match, lines) if m]
    return {'status': status, 'events': events, 'stored': stored, 'wall': wall}


def _latency(truth, stored):
    """Seconds from each true onset to the storing of the first event of its label that
    overlaps it (true sounds never stored are left out: they are the recall's business)."""
    out = []
    for t in truth:
        for label, onset, at in stored:
            if label == t['event_label'] and onset < t['offset'] and at >= t['onset'] - 1:
                out.append(at - t['onset'])
                break
    return out


def smallest_heap(wav, model, port):
    """Binary search over HEAPS for the smallest in which a run ends with no fault."""
    lo, hi = 0, len(HEAPS)
    best = (None, None)
    while lo < hi:
        mid = (lo + hi) // 2
        r = _run(wav, 'micropython', model, '%dK' % HEAPS[mid], port)
        if r and not r['status']['faults']:
            best = (HEAPS[mid], r['status']['heap']['peak'])
            hi = mid
        else:
            lo = mid + 1
    return best


def main(args):
    folder = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix='earmark-scenes-'))
    if not args.dir:
        _scenes(folder)
    wavs = sorted(folder.glob('*.wav'))
    if not wavs:
        raise ValueError('%s: no scenes (<name>.wav + <name>.tsv)' % folder)
    from tqdm import tqdm
    rows = {}
    for which in ('micropython', 'cpython'):
        runs = []
        for wav in tqdm(wavs, desc=which, unit='scene'):
            r = _run(str(wav), which, args.model, appliance_heap(), free_port())
            if r is None:
                raise RuntimeError('%s failed on %s' % (which, wav))
            runs.append((wav, r))
        rows[which] = runs
    # Scores from the micropython runs (CPython stores the same events: `earmark detect` tests).
    with tempfile.TemporaryDirectory() as tmp:
        for wav, r in rows['micropython']:
            (Path(tmp) / (wav.stem + '.tsv')).write_text(wav.with_suffix('.tsv').read_text())
            with open(Path(tmp) / (wav.stem + '.detected.jsonl'), 'w') as f:
                for ev in r['events']:
                    f.write(json.dumps(ev) + '\n')
        scores = json.loads(subprocess.run(
            [sys.executable, '-m', 'earmark.cli', 'evaluate-scenes', tmp], capture_output=True,
            text=True, check=True).stdout.strip().splitlines()[-1])
    lat = []
    for wav, r in rows['micropython']:
        lat += _latency(sed.read_events(wav.with_suffix('.tsv')), r['stored'])
    # The heap question is the deployed appliance's: the image's model, from its ROM partition
    # (a --model folder is read from files: its trees land in the heap).
    kb, peak_at_min = smallest_heap(str(wavs[0]), None, free_port())
    audio = sum(r['status']['seconds'] for _, r in rows['micropython'])
    print('\n%d scenes, %.0f s of audio, model %s' % (len(wavs), audio, args.model or 'default'))
    print('%-12s %10s %10s %12s %12s %10s' % ('runtime', 'x realtime', 'ratio', 'x rt (wall)',
                                            'heap peak', 'events'))
    base = None
    for which, runs in rows.items():
        run_s = sum(r['status']['run_s'] for _, r in runs)
        wall = sum(r['wall'] for _, r in runs)
        speed = audio / run_s
        base = base or speed
        peak = max(r['status']['heap']['peak'] for _, r in runs)
        print('%-12s %10.1f %10.2f %12.1f %12s %10d' % (
            which, speed, speed / base, audio / wall, '%.1f KB' % (peak / 1024) if peak else '-',
            sum(len(r['events']) for _, r in runs)))
    onset_lat = [r['status']['latency_s'] for _, r in rows['micropython']]
    print('\nonset to stored (s of audio), %d true events found: median %.2f, p90 %.2f, max %.2f'
          % (len(lat), np.median(lat), np.percentile(lat, 90), max(lat)) if lat else
          '\nno true event found')
    print('detected onset to stored: mean %.2f s, max %.2f s' % (
        np.mean([l['mean'] for l in onset_lat if l['mean'] is not None]),
        max(l['max'] for l in onset_lat)))
    print('smallest heap (16K steps) without a fault, micropython + server, the image\'s model '
          'from ROM: %sK (live peak there %.1f KB)' % (kb, (peak_at_min or 0) / 1024))
    print('scores: event F1 200 ms %.3f, 1 s %.3f; onset F1 200 ms %.3f; segment F1 1 s %.3f' % (
        scores['event_f1_200ms'], scores['event_f1_1s'], scores['onset_f1_200ms'],
        scores['segment_f1_1s']))
    print(json.dumps({'x_realtime_micropython': round(audio / sum(
        r['status']['run_s'] for _, r in rows['micropython']), 1),
        'latency_median_s': round(float(np.median(lat)), 3) if lat else None,
        'latency_max_s': round(max(lat), 3) if lat else None,
        'heap_peak': max(r['status']['heap']['peak'] for _, r in rows['micropython']),
        'smallest_heap_kb': kb, 'event_f1_200ms': scores['event_f1_200ms'],
        'event_f1_1s': scores['event_f1_1s'], 'segment_f1_1s': scores['segment_f1_1s']}))
