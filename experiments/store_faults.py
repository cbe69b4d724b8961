"""The store's fault figures for issue 26: every bit of every byte of a small store flipped
(tests/store_bitflip.py with BITS = 8) in MicroPython on VfsLfs2 and in CPython, and the power-cut
harness (tests/store_powercut.py) on each flash geometry the tests use. Each run stops at the
first intact record lost or acknowledged event missing, so a table means none was. Prints the
table; writes experiments/results/store_faults.json.

    .venv/bin/python experiments/store_faults.py [--quick]   # --quick: one bit per byte
"""
import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'tests'))

from earmark import runtime  # noqa: E402
from test_store import FLASHES  # noqa: E402  the geometries the tests cut power on

TESTS = ROOT / 'tests'


def run(name, code, heap):
    argv, env, cwd = runtime.command(name, ['-c', code], heap=heap)
    t0 = time.monotonic()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        sys.exit('%s failed:\n%s' % (name, done.stderr[-3000:]))
    row = json.loads([line for line in done.stdout.splitlines() if line.startswith('{')][-1])
    row['wall_s'] = round(time.monotonic() - t0, 1)
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--quick', action='store_true', help='one bit per byte, as the tests do')
    bits = 1 if ap.parse_args().quick else 8
    helpers = (TESTS / 'store_device.py').read_text()
    flips = helpers + (TESTS / 'store_bitflip.py').read_text()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, target in (('micropython', "ram_flash('/flash') + '/s'"),
                             ('cpython', repr(tmp + '/s'))):
            r = run(name, flips + '\nBITS = %d\nflip_all(%s)\n' % (bits, target), '2M')
            rows.append({'test': 'bit flips', 'runtime': name, 'where': (
                'VfsLfs2, 4 KB blocks' if name == 'micropython' else 'host folder'),
                'cases': r['cases'], 'seconds': r['wall_s']})
            print(rows[-1], flush=True)
    cuts = helpers + (TESTS / 'store_powercut.py').read_text()
    for flash, (bs, nb, full, settings) in FLASHES.items():
        r = run('micropython', cuts + '\nBS, NB, FULL, SETTINGS = %d, %d, %r, %r\nrun()\n' % (
            bs, nb, full, settings), '8M')
        rows.append({'test': 'power cuts', 'runtime': 'micropython', 'where': '%s, %d blocks%s' % (
            flash.replace('full-', ''), nb, ', full' if full else ''),
            'cases': r['cases'] + r['live'], 'seconds': r['wall_s']})
        print(rows[-1], flush=True)
    print('\n%-11s %-12s %-26s %8s %8s' % ('test', 'runtime', 'where', 'cases', 'seconds'))
    for r in rows:
        print('%-11s %-12s %-26s %8d %8.1f' % (r['test'], r['runtime'], r['where'], r['cases'],
                                               r['seconds']))
    print('power-cut points in all: %d' % sum(r['cases'] for r in rows if r['test'] == 'power cuts'))
    out = ROOT / 'experiments' / 'results' / 'store_faults.json'
    out.write_text(json.dumps({'bits_per_byte': bits, 'rows': rows}, indent=1) + '\n')


if __name__ == '__main__':
    main()
