"""The suite's one rule on skips: only those listed here, by test and reason, may skip; any
other skip fails its test, in `make test` and in CI alike. A missing tool, a broken extension,
data that is not there or a module skipped as a whole at import would otherwise pass unnoticed.
tests/conftest.py takes these hooks; tests/test_skips.py checks the rule in a pytest of its own.
docs/testing.md lists the skips with their reasons."""
import pytest

# node id -> the skip's reason: the only skips there are, each one that cannot apply by design.
BY_DESIGN = {
    # Heap figures exist only in MicroPython; CPython has no fixed heap.
    'tests/test_search_rates.py::test_heap_does_not_grow_with_the_upload[cpython]':
        'CPython has no fixed heap to watch',
    'tests/test_static.py::test_serving_the_page_does_not_leak_heap[cpython]':
        'CPython has no fixed heap to watch',
}


def skip_reason(report):
    """The message of a skipped report (skipif marks and pytest.skip() keep it last in a tuple)."""
    reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return reason[len('Skipped: '):] if reason.startswith('Skipped: ') else reason


def _fail_unexpected_skip(report):
    if report.skipped and not hasattr(report, 'wasxfail'):
        reason = skip_reason(report)
        if BY_DESIGN.get(report.nodeid) != reason:
            report.outcome = 'failed'
            report.longrepr = ('a skip that is not listed as one by design (tests/skips.py '
                               'BY_DESIGN, docs/testing.md) fails: %s: %s' % (report.nodeid,
                                                                              reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_unexpected_skip(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """A whole module skipped at import (pytest.importorskip at module level) counts too."""
    outcome = yield
    _fail_unexpected_skip(outcome.get_result())
