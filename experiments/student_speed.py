"""Time and heap of the held-out students' classifiers side by side, in one run, in MicroPython
(training/onboard.py `measure`: features + scores + embedding of 64 real windows, each bundle in
turn, five rounds, each bundle's fastest kept: this machine's timings wander by half between
runs): the cost side of round 11's model-size decision. Prints a table with each bundle's time as
a ratio to the first.

    .venv/bin/python experiments/student_speed.py [BUNDLE ...]   # default: build/heldout/*
"""
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import heldout   # noqa: E402
from training import bundle, data, onboard   # noqa: E402

ROUNDS = 5


def main():
    folders = [Path(p) for p in sys.argv[1:]] or sorted(
        p for p in (ROOT / 'build' / 'heldout').iterdir() if (p / 'model.json').is_file())
    clips = data.load(['../shared/data/train', '../shared/data/other', '../shared/data/negatives'])
    _, test, _, _ = heldout.split(clips)
    windows = heldout.windows_of(test)
    ms = {f: [] for f in folders}
    heap = {}
    for _ in range(ROUNDS):
        for f in folders:
            d = onboard.measure(f, windows)
            ms[f].append(d['ms_window'])
            heap[f] = (d['heap_model'], d['heap_window'], d['runtime'])
    base = min(ms[folders[0]])
    print('| bundle | ms a window (fastest of %d, %s) | ratio | heap: model / window | bundle |'
          % (ROUNDS, heap[folders[0]][2]))
    print('|---|---|---|---|---|')
    for f in folders:
        m = min(ms[f])
        print('| %s | %.2f | %.2f | %d / %d B | %d B |' % (f.name, m, m / base, heap[f][0],
                                                          heap[f][1], bundle.size(f)))


if __name__ == '__main__':
    main()
