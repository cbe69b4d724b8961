"""What a pattern head (device/pattern.py) costs a device, in MicroPython: loading personal.py and
pattern.py, a head of the most one holds (3 templates of MAX_STEPS steps of 40 bands), its
Watch, the garbage a step makes, and the time a step takes here (the step is 64 ms of audio).
Run it with the frozen 32-bit build for a board's heap figures:

    EARMARK_MICROPYTHON=$(.venv/bin/python -m earmark.firmware) \
        .venv/bin/python experiments/pattern_heap.py

Writes experiments/results/pattern_heap.json and prints it.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from earmark import runtime   # noqa: E402

SCRIPT = r'''
import gc, json, time, binascii
from array import array
def live():
    gc.collect()
    return gc.mem_alloc()
out = {}
a = live()
import personal, pattern
out['import personal, pattern'] = live() - a
N = 40
t = bytes((k * 7) % 50 for k in range(pattern.MAX_STEPS * N))
text = json.dumps({'format': 1, 'model': 'm', 'dim': N, 'embedding': 'pattern',
                   'sounds': [{'label': 'our doorbell', 'reach': 850,
                               'templates': [binascii.b2a_base64(t).decode().strip()] * 3}]})
out['head file bytes'] = len(text)
a = live()
head = personal.load(text)
out['head, 3 x %d steps x 40'] = live() - a
del text
a = live()
w = pattern.watch(head)
out['Watch'] = live() - a
frame = array('h', bytes(2 * N))
for k in range(4 * 40):
    for b in range(N):
        frame[b] = -5000 + (k * 31 + b * 17) % 700
    w.frame(frame)
before = gc.mem_alloc()
t0 = time.ticks_ms()
steps = 20
for k in range(4 * steps):
    for b in range(N):
        frame[b] = -5000 + (k * 31 + b * 17) % 700
    w.frame(frame)
ms = time.ticks_diff(time.ticks_ms(), t0)
out['garbage a step (bytes, incl. the loop)'] = (gc.mem_alloc() - before) // steps
out['ms a step here (a step is 64 ms of audio)'] = ms / steps
print(json.dumps(out).replace('%d', str(pattern.MAX_STEPS)))
'''


def main():
    done = runtime.run_code(SCRIPT, '128K', text=True, timeout=300)
    if done.returncode or 'Traceback' in done.stderr:
        raise SystemExit(done.stderr or done.stdout)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    got['micropython'] = runtime.micropython_binary()
    for k, v in got.items():
        print('%-46s %s' % (k, v))
    out = ROOT / 'experiments' / 'results' / 'pattern_heap.json'
    out.write_text(json.dumps(got, indent=1) + '\n')


if __name__ == '__main__':
    main()
