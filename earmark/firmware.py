"""The demo's MicroPython: the unix port built for 32 bits (an ESP32's pointer width, so the heap
the appliance needs in it is a board's) with the device code frozen in as a board's firmware
holds it. tools/micropython32 builds it from the MicroPython sources shipped in tools/micropython,
once, and again whenever the device code changed (its digest is kept beside the binary)."""
import os
import subprocess
import sys

from . import BUILD, ROOT, image

BINARY = BUILD / 'micropython32' / 'micropython-frozen'
SCRIPT = ROOT / 'tools' / 'micropython32'


def current():
    """True when BINARY exists and froze the device code as it is now."""
    return BINARY.exists() and image.frozen_digest(str(BINARY)) == image.code_digest()


def ensure():
    """BINARY's path, built first (about a minute on two cores) unless current(); RuntimeError
    with the build's last lines when it cannot be built here (no make, no 32-bit gcc)."""
    if current():
        return str(BINARY)
    print('earmark: building the 32-bit MicroPython with the device code frozen in (once, about '
          'a minute): %s' % SCRIPT.relative_to(ROOT), file=sys.stderr, flush=True)
    try:
        done = subprocess.run([str(SCRIPT)], cwd=str(ROOT), capture_output=True, text=True,
                              env=dict(os.environ, FREEZE='1', PYTHON=sys.executable))
    except OSError as e:
        raise RuntimeError('%s: %s' % (SCRIPT, e))
    if done.returncode or not current():
        tail = (done.stdout + done.stderr).strip().splitlines()[-12:]
        raise RuntimeError('%s failed (exit %d):\n%s' % (SCRIPT.relative_to(ROOT), done.returncode,
                                                         '\n'.join(tail)))
    return str(BINARY)


if __name__ == '__main__':   # `python -m earmark.firmware`: its path on stdout (make test)
    try:
        path = ensure()
    except RuntimeError as e:
        sys.exit('earmark.firmware: %s' % e)
    print(path)
