"""`earmark bench ...`: measurements side by side, a table each (one module per bench: api,
browser, frontend, heap, history, hub, pipeline, store). Developer tools: they may use anything
below them, training/ and the hub included; nothing of the appliance imports them. Here: what
the benches that run a script in MicroPython share."""
import json
import subprocess

from .. import runtime


def run_micropython(script, cfg, settings, heap, progress=None):
    """The JSON lines `script` prints, run in MicroPython with `heap`, its settings `cfg` in the
    file `settings` (argv[1]: the unix port dies, "uncaught NLR", on an argument of ~300 bytes).
    Its `PROGRESS n` lines move `progress` (a tqdm bar) to n."""
    settings.write_text(json.dumps(cfg))
    argv, env, cwd = runtime.command('micropython', ['-c', script, str(settings)], heap=heap)
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    results, tail = [], []
    for line in proc.stdout:
        if line.startswith('PROGRESS') and progress is not None:
            progress.update(int(line.split()[1]) - progress.n)
        elif line.startswith('{'):
            results.append(json.loads(line))
        else:
            tail.append(line)
    if proc.wait() != 0:
        raise RuntimeError('micropython failed:\n' + ''.join(tail[-30:]))
    return results
