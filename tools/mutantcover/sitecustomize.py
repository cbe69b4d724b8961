"""Line coverage of device code run by a test in its own CPython process (the `device` fixture's
snippets), for tools/mutants: on PYTHONPATH only while tools/mutants maps which test runs which
line. Records only when mutantcover.py (the pytest plugin) named a data file for the test."""
import os

_FILE = os.environ.get('EARMARK_COVERAGE_FILE')
if _FILE:
    import atexit
    import coverage

    _cov = coverage.Coverage(data_file=_FILE, data_suffix=True,
                             include=[os.environ['EARMARK_COVERAGE_INCLUDE']])
    _cov.start()

    @atexit.register
    def _save():
        _cov.stop()
        _cov.save()
