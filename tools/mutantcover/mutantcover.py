"""pytest plugin for tools/mutants: each test's line coverage of one module, in the test's process
and in the CPython processes it starts (sitecustomize.py beside this file), into a data file
named after the test function (EARMARK_COVERAGE_DIR/<quoted test id>.<suffix>)."""
import os
from urllib.parse import quote

import coverage
import pytest


def data_name(nodeid):
    """The file name's stem for a test (its parameters left out: each runtime's variant of a
    test is one test here); '.' quoted too, so the stem ends at the first dot."""
    return quote(nodeid.split('[')[0], safe='').replace('.', '%2E')


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    path = os.path.join(os.environ['EARMARK_COVERAGE_DIR'], data_name(item.nodeid))
    os.environ['EARMARK_COVERAGE_FILE'] = path
    cov = coverage.Coverage(data_file=path, data_suffix=True,
                            include=[os.environ['EARMARK_COVERAGE_INCLUDE']])
    cov.start()
    try:
        yield
    finally:
        cov.stop()
        cov.save()
        del os.environ['EARMARK_COVERAGE_FILE']
