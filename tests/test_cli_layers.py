"""The host's layers (docs/architecture.md, tools/imports.py): no import circle through the host,
every import allowed by the layer rules, and the appliance's commands run without the `train`
extra and never import training/, while the model's commands without it say how to get it."""
import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib

import pytest

from earmark import ROOT, demo, model_commands

sys.path.insert(0, str(ROOT / 'tools'))
import imports  # noqa: E402  (tools/imports.py)

# Imports across the rules allowed for now (none).
PENDING = set()

# Runs the `earmark` command with some modules missing, as on a machine without them.
WITHOUT = r'''
import importlib.abc, sys
BARRED = set(sys.argv[1].split(','))


class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in BARRED:
            raise ModuleNotFoundError('No module named %r' % name, name=name)


sys.meta_path.insert(0, Missing())
from earmark.cli import main
code = main(sys.argv[2:])
imported = sorted({m.split('.')[0] for m in sys.modules} & BARRED)
assert not imported, imported
sys.exit(code)
'''


def train_extra_modules():
    """{distribution: its top-level modules} of pyproject.toml's train extra (installed here)."""
    extra = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project'][
        'optional-dependencies']['train']
    norm = lambda name: re.sub(r'[-_.]+', '-', name).lower()   # noqa: E731
    modules = {}
    for module, dists in importlib.metadata.packages_distributions().items():
        for dist in dists:
            modules.setdefault(norm(dist), set()).add(module)
    wanted = [norm(re.match(r'[A-Za-z0-9_.-]+', r).group()) for r in extra]
    return {dist: modules.get(dist, set()) for dist in wanted}


def earmark_without(barred, *args, cwd=None):
    return subprocess.run([sys.executable, '-c', WITHOUT, ','.join(sorted(barred)), *args],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def test_no_import_circle_through_the_host():
    edges = imports.graph()
    host = [part for part in imports.cycles(edges)
            if any(not n.startswith('device/') for n in part)]
    assert not host, '\n'.join('circle: ' + ' -> '.join(imports.circle(edges, part))
                               for part in host)


def test_every_import_keeps_the_layer_rules():
    broken = imports.broken_rules(imports.graph())
    assert not [b for b in broken if b[:2] not in PENDING], '\n'.join(
        '%s -> %s: %s' % b for b in broken if b[:2] not in PENDING)
    # An exception that is no longer needed goes from PENDING.
    assert {b[:2] for b in broken} >= PENDING


def test_the_train_extra_is_the_modules_the_command_line_names():
    """model_commands.TRAIN_EXTRA (what a missing module is recognised by) holds a module of
    each distribution of the extra, and nothing else."""
    found = train_extra_modules()
    assert all(found.values()), found    # installed here: make test installs the extra
    assert all(set(model_commands.TRAIN_EXTRA) & mods for mods in found.values()), found
    assert set(model_commands.TRAIN_EXTRA) <= set().union(*found.values()), found


def test_appliance_commands_run_without_training(tmp_path):
    """build, detect, run, store dump, deploy and search with training/ and every module of the
    train extra missing: each works (or fails as it would anyway: no board, no appliance), and
    none of them imported any of it."""
    barred = set().union(*train_extra_modules().values()) | {'training', 'tensorflow'}
    (label, wav), = [c for c in demo.clips(tmp_path / 'clips') if c[0] == 'glass_breaking']

    done = earmark_without(barred, 'build')
    assert done.returncode == 0, done.stderr
    done = earmark_without(barred, 'detect', str(wav))
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)['label'] for line in done.stdout.splitlines()] == [label]
    store = tmp_path / 'store'
    done = earmark_without(barred, 'run', '--source', str(wav), '--data', str(store),
                           '--port', '0', '--exit-at-end')
    assert done.returncode == 0, done.stderr
    done = earmark_without(barred, 'store', 'dump', str(store))
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)['label'] for line in done.stdout.splitlines()
            if '"type": "event"' in line] == [label]
    # No board and no appliance here: each gets as far as reaching one and says it cannot.
    for args in (['deploy', '--port', 'socket://127.0.0.1:9', '--dry-run'],
                 ['search', str(wav), '--url', 'http://127.0.0.1:9']):
        done = earmark_without(barred, *args)
        assert done.returncode == 2 and 'Traceback' not in done.stderr, done.stderr
        assert done.stderr.startswith('earmark: error:'), done.stderr


@pytest.mark.parametrize('args', [['train', '--data', 'x', '--out', 'y', '--no-teacher'],
                                  ['classify', 'a.wav'], ['evaluate-scenes', 'x']])
def test_model_commands_without_the_extra_say_how_to_get_it(args):
    barred = set().union(*train_extra_modules().values())
    done = earmark_without(barred, *args)
    assert done.returncode == 2 and not done.stdout, done
    assert done.stderr.count('\n') == 1 and 'Traceback' not in done.stderr, done.stderr
    assert done.stderr.startswith('earmark: %s needs the train extra' % args[0]), done.stderr
    assert "pip install 'earmark[train]'" in done.stderr, done.stderr
