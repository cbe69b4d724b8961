"""The rule on skips (tests/skips.py) in a pytest of its own: the listed skips pass as skips,
any other skip fails, a module skipped at import too."""
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

LISTED = '''
import pytest
@pytest.mark.parametrize('device', ['micropython', 'cpython'])
def test_serving_the_page_does_not_leak_heap(device):
    if device == 'cpython':
        pytest.skip(%r)
'''


def outcomes(tmp_path, files):
    """{node id: outcome} of a pytest run over files laid out as the suite's, with its rule."""
    (tmp_path / 'pytest.ini').write_text('[pytest]\ntestpaths = tests\n')
    (tmp_path / 'tests').mkdir()
    (tmp_path / 'tests' / 'conftest.py').write_text(
        'import sys\nsys.path.insert(0, %r)\n'
        'from skips import pytest_make_collect_report, pytest_runtest_makereport\n' % str(TESTS))
    for name, text in files.items():
        (tmp_path / 'tests' / name).write_text(text)
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD='1')   # none is needed: 1 s faster
    done = subprocess.run([sys.executable, '-m', 'pytest', '-v', '-p', 'no:cacheprovider'],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    got = {}
    for line in done.stdout.splitlines():   # -v: "node id OUTCOME ... [ nn%]" a test
        words = line.split()
        if len(words) < 2:
            continue
        if '::' in words[0] and words[1] in ('PASSED', 'FAILED', 'SKIPPED', 'ERROR'):
            got[words[0]] = words[1]
        elif words[0] == 'ERROR' and words[1].startswith('tests/'):   # did not collect
            got.setdefault(words[1], 'ERROR')
    return done.returncode, got, done.stdout


def test_only_the_listed_skips_pass(tmp_path):
    code, got, out = outcomes(tmp_path, {
        # A skip listed in BY_DESIGN, with its reason: a skip.
        'test_static.py': LISTED % 'CPython has no fixed heap to watch',
        # The same test skipping for another reason: a failure.
        'test_search_rates.py': LISTED.replace('test_serving_the_page_does_not_leak_heap',
                                               'test_heap_does_not_grow_with_the_upload')
        % 'socat is not installed',
        # A tool that is missing, data that is not there: failures.
        'test_tools.py': 'import pytest\n'
                         'def test_needs_a_tool():\n    pytest.skip("socat is not installed")\n'
                         '@pytest.mark.skipif(True, reason="sound data not found at /x")\n'
                         'def test_needs_data():\n    pass\n'
                         'def test_plain():\n    pass\n',
    })
    assert got == {
        'tests/test_static.py::test_serving_the_page_does_not_leak_heap[micropython]': 'PASSED',
        'tests/test_static.py::test_serving_the_page_does_not_leak_heap[cpython]': 'SKIPPED',
        'tests/test_search_rates.py::test_heap_does_not_grow_with_the_upload[micropython]':
            'PASSED',
        'tests/test_search_rates.py::test_heap_does_not_grow_with_the_upload[cpython]': 'FAILED',
        'tests/test_tools.py::test_needs_a_tool': 'FAILED',
        'tests/test_tools.py::test_needs_data': 'ERROR',     # (a skipif mark: at setup)
        'tests/test_tools.py::test_plain': 'PASSED',
    }, out
    assert code == 1 and 'not listed as one by design' in out


def test_a_module_skipped_at_import_fails_the_run(tmp_path):
    # pytest.importorskip at module level (a broken extension) skipped every test in the file.
    code, got, out = outcomes(tmp_path, {
        'test_extension.py': 'import pytest\npytest.importorskip("no_such_extension_here")\n'
                             'def test_front_end():\n    pass\n'})
    assert code != 0 and got == {'tests/test_extension.py': 'ERROR'}, out


def test_a_run_whose_only_skips_are_listed_passes(tmp_path):
    code, got, out = outcomes(tmp_path, {
        'test_static.py': LISTED % 'CPython has no fixed heap to watch'})
    assert code == 0 and sorted(got.values()) == ['PASSED', 'SKIPPED'], out
