"""How long the teach-time bank guard takes (device/pattern.py guard(), issue 25): a pattern head
taught by the lab's code (labcore.pattern_head) in MicroPython's unix port on this computer,
from each held-out household's three examples (seed 1), without the bank (the examples' beds
only) and with webui/lab/pattern_bank.gz (20 minutes of other sounds' steps, read through
deflate). Times are MicroPython's own (time.ticks_ms around the teach).

    .venv/bin/python experiments/pattern_guard_time.py
"""
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

from earmark import audio, personal, runtime  # noqa: E402

CODE = '''import json, labcore, time
recordings = [open(p, 'rb').read() for p in %r]
t0 = time.ticks_ms()
h = labcore.pattern_head('our doorbell', 'm', recordings, %r)
print(json.dumps([time.ticks_diff(time.ticks_ms(), t0), h['sounds'][0]['reaches']]))
'''


def main():
    import pattern_guard
    print('MicroPython: %s' % runtime.micropython_binary())
    rows = []
    for name in pattern_guard.held_names():
        folder = ROOT / 'build' / 'personal' / 'seed1' / name
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, f in enumerate(sorted(folder.glob('example_*.wav'))):
                paths.append(str(Path(tmp) / ('%d.pcm' % i)))
                Path(paths[-1]).write_bytes(audio.read(f).tobytes())
            got = [json.loads(personal.run_host(CODE % (paths, bank)).splitlines()[-1])
                   for bank in (None, str(personal.PATTERN_BANK))]
        rows.append((name, got[0][0], got[1][0], got[1][1]))
        print('%-36s without the bank %5d ms, with it %6d ms: thresholds %s' % rows[-1])
    mean = sum(r[2] for r in rows) / len(rows)
    print('3 templates guarded against the bank: %.0f ms on average (%d households)'
          % (mean, len(rows)))


if __name__ == '__main__':
    main()
