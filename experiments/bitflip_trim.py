"""The store's bit-flip test before and after its trim (issue 30): its time, the two versions
back to back, and its power, bugs put into a copy of the tree one at a time. Each run is in a
copy of the repository as committed (`git archive HEAD`) with the test files of BEFORE or of
HEAD; the timings print pytest's own durations (docs/testing.md, "The suite's time").

    .venv/bin/python experiments/bitflip_trim.py --time [--rounds 2]
    .venv/bin/python experiments/bitflip_trim.py --power [--before]
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = '6adcadb~1'   # the commit before the trim
TESTS = ('tests/store_bitflip.py', 'tests/test_store.py')
# Bugs the test is there to catch: (name, file, line as it is, line as the bug makes it).
BUGS = [
    ("a clip block's CRC check removed", 'device/store/clips.py',
     'good = got == len(piece) and storefile.intact(piece, n)', 'good = got == len(piece)'),
    ("the record walk's CRC check removed", 'device/store/read.py',
     '            if not storefile.intact(rec, ident):\n                damage',
     '            if False:\n                damage'),
    ("a posting-list entry's CRC check removed", 'device/similar.py',
     'if not storefile.intact(entry, 0) or not accept(ident):', 'if not accept(ident):'),
    ("store.json's CRC check removed", 'device/store/opening.py',
     "if cfg['crc'] != config_crc(cfg) or not", 'if not'),
    ("the centroids' CRC check removed", 'device/store/opening.py',
     'if data and binascii.crc32(data) & 0xffffffff == crc:', 'if data:'),
]


def tree(dest, tests_from=None):
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    archive = subprocess.run(['git', 'archive', 'HEAD'], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(['tar', '-x', '-C', str(dest)], input=archive, check=True)
    if tests_from:
        for name in TESTS:
            (dest / name).write_bytes(subprocess.run(
                ['git', 'show', '%s:%s' % (tests_from, name)], cwd=ROOT, check=True,
                capture_output=True).stdout)


def pytest(dest, select):
    done = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-x', '-p', 'no:cacheprovider',
                           '--durations=3', '-k', select, 'tests/test_store.py'],
                          cwd=dest, capture_output=True, text=True)
    lines = [x for x in done.stdout.splitlines() if ' call ' in x or 'passed' in x
             or 'failed' in x]
    return done.returncode, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--time', action='store_true', help='both versions, back to back')
    ap.add_argument('--rounds', type=int, default=2)
    ap.add_argument('--power', action='store_true', help='each bug, CPython')
    ap.add_argument('--before', action='store_true', help='--power with the untrimmed test')
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / 'tree'
        for k in range(a.rounds if a.time else 0):
            for version in ('before', 'after'):
                tree(dest, BEFORE if version == 'before' else None)
                for line in pytest(dest, 'flipped_bit')[1]:
                    print('%s, round %d: %s' % (version, k + 1, line), flush=True)
        for name, path, old, new in (BUGS if a.power else []):
            tree(dest, BEFORE if a.before else None)
            src = (dest / path).read_text()
            assert src.count(old) == 1, name
            (dest / path).write_text(src.replace(old, new))
            code, _ = pytest(dest, 'flipped_bit and cpython')
            print('%-42s %s' % (name, 'caught' if code else 'NOT caught'), flush=True)


if __name__ == '__main__':
    main()
