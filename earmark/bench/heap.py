"""`earmark bench heap`: the appliance's heap, part by part, on a 64-bit and a 32-bit MicroPython.

There is no board here, and MicroPython's unix port is 64-bit, where objects take about twice
what they take on an ESP32. MicroPython's webassembly port is 32-bit like an ESP32, but it has no
native emitter and no ROM partition: it runs the device code as portable bytecode (viper
decorators dropped, mpy.plain_bytecode) loaded into the heap. So the same steps (import the
device modules, load the model, make the ring, store and pipeline, import and attach the API; no
audio, no request) are measured three ways, each the live heap after a collection:
  x64, code in ROM     the unix port from the image's ROMFS, as `earmark run` runs
  x64, code in heap    the unix port importing the same .mpy files from the image folder
(with EARMARK_MICROPYTHON naming a 32-bit unix build, tools/micropython32, these two columns are
that build's, arch x86: measured, where the last column below estimates; a build that froze the
code imports it from the program in both, and the estimate then means nothing)
  32-bit, code in heap the webassembly port (npm @micropython/micropython-webassembly-pyscript)
and one more column that is an estimate, not a measurement: 32-bit with code in ROM, the 32-bit
figure scaled by what the ROM saves on x64 for that part.
Needs node and npm (Debian: nodejs, npm); the port is installed under build/npm on first use.
"""
import json
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from .. import BUILD, image, mpy, runtime

PORT_PACKAGE = '@micropython/micropython-webassembly-pyscript@1.27.0'
RUNNER = Path(__file__).resolve().parent / 'heap.mjs'
# Where the device code meets the webassembly port's gaps; nothing here runs on a board.
WASM_PRELUDE = '''
import sys, os
os.chdir('/image')
sys.path[:0] = ['/image', '/image/lib']
import asyncio
asyncio.start_server = getattr(asyncio, 'start_server', None)   # no sockets: never started
'''
# (part, code): each part's heap is the growth over the previous one. The first is the baseline,
# not counted: the interpreter's own heap and, in the ROM column, the ROM image that rom_boot.py
# holds in the heap to stand in for a board's flash.
STEPS = [
    ('runtime', 'import gc, asyncio'),
    ('device modules', 'import appliance, classifier, ring, pipeline, segmenter, sources, '
                       'store, frontend, windows'),
    ('model', 'c = classifier.Classifier(appliance.options([])["model"])'),
    ('ring', 'r = ring.AdpcmRing(appliance.RING_SECONDS)'),
    ('store', 'st = store.Store(DATA + "/store", c.labels, c.dim, centroids=c.centroids, '
              'clip_rate=r.rate)'),
    ('pipeline (front ends, windows, segmenter)',
     'p = pipeline.Pipeline(sources.open_source(DATA + "/quiet.wav"), c, st, r, '
     'segmenter.Segmenter(c.labels, c.window_frames, c.hop_frames), start_time=0)'),
    ('API modules (microdot)', 'import api, routes'),
    ('API attached', 'api.attach(st, p)'),
]


def _unix_script(data):
    lines = ['import gc, json', 'DATA = %r' % data]
    for name, code in STEPS:
        lines += [code, 'gc.collect()', 'print(json.dumps([%r, gc.mem_alloc()]))' % name]
    return '\n'.join(lines)


def _parse(out):
    return dict(json.loads(line) for line in out.splitlines() if line.startswith('['))


def _unix_rom(data):
    argv, env, cwd = runtime.command('micropython', ['-c', _unix_script(data)], heap='4M')
    return _parse(_run(argv, env=env, cwd=cwd))


def _unix_files(data, folder):
    script = Path(data) / 'probe.py'
    script.write_text(_unix_script(data))
    env = {'MICROPYPATH': '.frozen:.:lib', 'PATH': '/usr/bin:/bin'}
    return _parse(_run([runtime.micropython_binary(), '-X', 'heapsize=4M', str(script)],
                       env=env, cwd=str(folder)))


def _port():
    """The webassembly port's micropython.mjs, installed under build/npm when missing."""
    module = BUILD / 'npm/node_modules' / PORT_PACKAGE.rsplit('@', 1)[0] / 'micropython.mjs'
    if not module.exists():
        if not shutil.which('node') or not shutil.which('npm'):
            raise RuntimeError('bench heap runs MicroPython\'s webassembly port: install node '
                               'and npm (Debian: apt-get install nodejs npm)')
        _run(['npm', 'install', '--prefix', str(BUILD / 'npm'), PORT_PACKAGE])
    return module


def _wasm(data, work):
    # The image's files as image.build lays them out, its modules as portable bytecode.
    folder = work / 'image-bytecode'
    for rel, path in image.sources():
        compiled = path.suffix == '.py' and rel.name not in image.SOURCE_FILES
        target = folder / (rel.with_suffix('.mpy') if compiled else rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if compiled:
            mpy.plain_bytecode(path, target)
        else:
            shutil.copyfile(path, target)
    steps = [('runtime', WASM_PRELUDE + 'DATA = "/data"')] + STEPS[1:]
    steps_file = work / 'steps.json'
    steps_file.write_text(json.dumps(steps))
    return _parse(_run(['node', str(RUNNER), str(_port()), str(folder), data, str(steps_file)]))


def _run(argv, **kw):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, **kw)
    if done.returncode:
        raise RuntimeError('%s failed:\n%s' % (Path(argv[0]).name,
                                                (done.stderr or done.stdout)[-2000:]))
    return done.stdout


def _quiet_wav(path):
    with wave.open(str(path), 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(bytes(32000))


def run():
    """{column: {part: live heap bytes after it}}."""
    arch = image.host_arch()
    folder = image.build(arch)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        columns = {}
        for i, (name, measure) in enumerate((
                ('%s, code in ROM' % arch, _unix_rom),
                ('%s, code in heap' % arch, lambda data: _unix_files(data, folder)),
                ('32-bit, code in heap', lambda data: _wasm(data, work)))):
            data = work / ('data%d' % i)
            data.mkdir()
            _quiet_wav(data / 'quiet.wav')
            columns[name] = measure(str(data))
    return columns


def report(columns):
    names = list(columns)
    arch = image.host_arch()
    rom, files, wasm = (columns[n] for n in names)
    print('live heap per part, KB (after a collection; no audio played, no request served)')
    print('%-42s %18s %18s %21s %19s' % (('part',) + tuple(names) + ('32-bit, ROM (est.)',)))
    totals = [0.0] * 4
    for (prev, _), (part, _) in zip(STEPS, STEPS[1:]):
        grow = [c[part] - c[prev] for c in (rom, files, wasm)]
        row = grow + [grow[2] * grow[0] / grow[1] if grow[1] > 0 else grow[2]]
        totals = [t + v for t, v in zip(totals, row)]
        print('%-42s %18.1f %18.1f %21.1f %19.1f' % ((part,) + tuple(v / 1024 for v in row)))
    print('%-42s %18.1f %18.1f %21.1f %19.1f' % (('total',) + tuple(t / 1024 for t in totals)))
    print('ratio 32-bit / %s, code in heap: %.2f' % (arch, totals[2] / totals[1]))
    print(json.dumps({'%s_rom_kb' % arch: round(totals[0] / 1024, 1),
                      '%s_heap_kb' % arch: round(totals[1] / 1024, 1),
                      'wasm32_heap_kb': round(totals[2] / 1024, 1),
                      'wasm32_rom_estimate_kb': round(totals[3] / 1024, 1)}))
