"""What a pattern head (device/pattern.py) costs a device, in MicroPython: loading personal.py and
pattern.py, a head of the most one holds (3 templates of MAX_STEPS steps of 40 bands; format 2
and format 1), its Watch, the garbage a step makes, the time a step takes here (the step is 64 ms of audio),
and what noting a pattern event for a later correction costs (device/corrections.py).
Run it with the frozen 32-bit build for a board's heap figures:

    EARMARK_MICROPYTHON=$(.venv/bin/python -m earmark.firmware) \
        .venv/bin/python experiments/pattern_heap.py

Writes experiments/results/pattern_heap.json and prints it.
"""
import json
import sys
import tempfile
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
sound = {'label': 'our doorbell', 'templates': [binascii.b2a_base64(t).decode().strip()] * 3}
sound.update(FIELDS)
text = json.dumps({'format': FORMAT, 'model': 'm', 'dim': N, 'embedding': 'pattern',
                   'sounds': [sound]})
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
for k in range(4 * steps):   # 15 dB over the bed: every step passes the gate (the most work)
    for b in range(N):
        frame[b] = -3500 + (k * 31 + b * 17) % 700
    w.frame(frame)
ms = time.ticks_diff(time.ticks_ms(), t0)
out['garbage a step (bytes, incl. the loop)'] = (gc.mem_alloc() - before) // steps
out['ms a step here (a step is 64 ms of audio)'] = ms / steps
a = live()
import corrections   # "that was not our doorbell": loaded at a pattern event's close
out['import corrections'] = live() - a
before = gc.mem_alloc()
for k in range(corrections.SLOTS + 2):   # a full record: the oldest entry leaves
    corrections.note(ROOT, k, head, [900, 870, -1000])
out['garbage noting an event (bytes)'] = (gc.mem_alloc() - before) // (corrections.SLOTS + 2)
print(json.dumps(out).replace('%d', str(pattern.MAX_STEPS)))
'''


# a format 2 head (device/pattern.py's own: a threshold a template, every cell lit and every
# step over the gate, the most a step computes) and a format 1 head (the first design's)
HEADS = (('format 2', "FORMAT, FIELDS = 2, {'reaches': [800, 800, 800]}\n"),
         ('format 1', "FORMAT, FIELDS = 1, {'reach': 850}\n"))


def main():
    got = {}
    for name, fields in HEADS:
        with tempfile.TemporaryDirectory() as root:   # the record of pattern events' matches
            done = runtime.run_code(fields + 'ROOT = %r\n' % (root + '/') + SCRIPT, '128K',
                                    text=True, timeout=300)
        if done.returncode or 'Traceback' in done.stderr:
            raise SystemExit(done.stderr or done.stdout)
        got[name] = json.loads(done.stdout.strip().splitlines()[-1])
        for k, v in got[name].items():
            print('%-10s %-46s %s' % (name, k, v))
    got['micropython'] = runtime.micropython_binary()
    out = ROOT / 'experiments' / 'results' / 'pattern_heap.json'
    out.write_text(json.dumps(got, indent=1) + '\n')


if __name__ == '__main__':
    main()
