"""Schemathesis (PyPI) against the served /openapi.json of the API running in MicroPython: no 5xx,
every response matches the schema, every check schemathesis has (`--checks all`). /api/live is
an endless stream, so it is left to test_api.py. The whole appliance serves, its store filled by
its own pipeline from the demo scene (earmark/harness.py)."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from earmark import runtime
from earmark.harness import RealAppliance
from test_api import assert_clean

MAX_EXAMPLES = 25  # per operation and phase; schemathesis adds its own boundary cases


def test_schemathesis_finds_nothing(tmp_path):
    if runtime.micropython_binary() is None:
        pytest.skip('micropython is not installed on this platform')
    st = shutil.which('schemathesis', path=str(Path(sys.executable).parent)) or \
        shutil.which('schemathesis')
    if st is None:
        pytest.skip('schemathesis is not installed (pip install -e ".[test]")')
    app = RealAppliance(tmp_path)
    app.fill(app.days_ago([2, 1]))
    app.start()
    try:
        env = dict(os.environ, SCHEMATHESIS_HOOKS='schemathesis_hooks',
                   PYTHONPATH=os.pathsep.join(filter(None, [
                       str(Path(__file__).parent), os.environ.get('PYTHONPATH')])))
        done = subprocess.run(
            [st, 'run', app.base + '/openapi.json', '-H', 'Authorization: Bearer ' + app.token,
             '--checks', 'all', '--exclude-path', '/api/live', '--max-examples',
             str(MAX_EXAMPLES), '--workers', '1', '--request-timeout', '30', '--seed', '1'],
            capture_output=True, text=True, timeout=1200, env=env, cwd=tmp_path)
    finally:
        out = app.stop()
    print(done.stdout[-3000:])
    assert done.returncode == 0, (done.stdout[-12000:] + done.stderr[-3000:] +
                                 '\nthe appliance said:\n' + out[-4000:])
    # every operation schemathesis found was run, but the live stream it was told to leave out
    selected, total = map(int, re.search(r'Operations: +(\d+) selected / (\d+) total',
                                         done.stdout).groups())
    assert selected == total - 1 >= 14, done.stdout[:2000]
    assert_clean(out)
    # a request that ran out of heap is answered with a reset, which schemathesis may retry
    # past: the appliance's own log says so
    assert 'MemoryError' not in out, out[-3000:]
