"""`earmark bench browser`: MicroPython's WebAssembly port against Pyodide in Debian's Chromium,
side by side in one run: time from navigation to "ready to run Python", cold (a new browser
profile each time: nothing cached) and warm (the same profile, loaded again), and the time to
classify a 10 s clip with the appliance's own modules in each.

Both pages are served from this computer (loopback) by the lab's server, files cached for an
hour. MicroPython runs the lab as the lab page does (the device modules as plain bytecode);
Pyodide (npm `pyodide`, CPython 3.13) runs the same device modules from source, with the host
stand-in for `micropython` (earmark/shims) and the same plain-Python convolution twin (numpy is
not in the npm package). The last line reads `ready: MicroPython <N> ms, Pyodide <M> ms (<K>x)`,
the cold medians. Two rows more: the lab page itself ready (port, device modules and model
loaded into it, the classifier made), cold, served by the lab's server and served from the
device's flash (a real appliance in MicroPython, its image's www/lab, as a board serves it).
"""
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from .. import DEVICE, ROOT, bridge, labsite

RUNS = 5
CLIP_SECONDS = 10
PYODIDE_FILES = ('pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip',
                 'pyodide-lock.json')
# The device modules Pyodide imports from source (as CPython runs the appliance), and the lab's.
PYODIDE_SOURCES = [DEVICE / (m + '.py') for m in labsite.DEVICE_MODULES + ('compat',)] + [
    labsite.LAB_SOURCE / 'labcore.py', labsite.LAB_SOURCE / 'wasm' / 'cnn_host.py',
    bridge.SHIMS / 'micropython.py']

# Shared by both pages: fetching a file as bytes, and the classification timed.
COMMON = '''const get = async (f) => new Uint8Array(await (await fetch(f)).arrayBuffer());
const CLASSIFY = 'sys.path[:0] = ["PATH"]\\nimport labcore\\n' +
  'r = labcore.Lab("/lab/model").analyse(open("/clip.pcm", "rb").read(), True)\\n' +
  'n = len(r["windows"])';
'''

MP_PAGE = '''<!doctype html><meta charset="utf-8"><title>MicroPython</title><script type="module">
''' + COMMON + '''
const { loadMicroPython } = await import('../PORT_DIR/micropython.mjs');
const mp = await loadMicroPython({ heapsize: 24 * 1024 * 1024 });
mp.runPython('import sys');
window.ready = performance.now();
window.classify = async () => {
  const files = await (await fetch('../files.json')).json();
  for (const dir of ['/lab', '/lab/py', '/lab/model']) mp.FS.mkdir(dir);
  for (const f of files) mp.FS.writeFile('/lab/' + f, await get('../' + f));
  mp.FS.writeFile('/clip.pcm', await get('clip.pcm'));
  const t = performance.now();
  mp.runPython(CLASSIFY.replace('PATH', '/lab/py'));
  return [performance.now() - t, mp.globals.get('n')];
};
</script>'''.replace('PORT_DIR', labsite.PORT_DIR)

PY_PAGE = '''<!doctype html><meta charset="utf-8"><title>Pyodide</title><script type="module">
''' + COMMON + '''
const { loadPyodide } = await import('./pyodide/pyodide.mjs');
const py = await loadPyodide({ indexURL: './pyodide/' });
py.runPython('import sys');
window.ready = performance.now();
window.classify = async () => {
  const files = await (await fetch('sources.json')).json();
  py.FS.mkdir('/lab');
  for (const f of files) py.FS.writeFile('/lab/' + f.split('/').pop(), await get(f));
  py.FS.mkdir('/lab/model');
  const lab = await (await fetch('../files.json')).json();
  for (const f of lab.filter((f) => f.startsWith('model/')))
    py.FS.writeFile('/lab/' + f, await get('../' + f));
  py.FS.writeFile('/clip.pcm', await get('clip.pcm'));
  const t = performance.now();
  py.runPython(CLASSIFY.replace('PATH', '/lab'));
  return [performance.now() - t, py.globals.get('n')];
};
</script>'''


def _site(folder):
    """The lab folder with the two bench pages, Pyodide and a 10 s clip beside it."""
    labsite.fetch(pyodide=True)
    www = labsite.build(folder)
    bench = www / 'bench'
    (bench / 'pyodide').mkdir(parents=True)
    (bench / 'src').mkdir()
    for name in PYODIDE_FILES:
        shutil.copyfile(labsite.port_folder(labsite.PYODIDE_PACKAGE) / name, bench / 'pyodide' / name)
    for path in PYODIDE_SOURCES:
        shutil.copyfile(path, bench / 'src' / path.name)
    (bench / 'sources.json').write_text(json.dumps(['src/' + p.name for p in PYODIDE_SOURCES]))
    (bench / 'mp.html').write_text(MP_PAGE)
    (bench / 'py.html').write_text(PY_PAGE)
    import soundfile
    pcm, rate = soundfile.read(str(ROOT / 'demo' / 'scene.flac'), dtype='int16')
    (bench / 'clip.pcm').write_bytes(pcm[:CLIP_SECONDS * rate].tobytes())
    return www


def _ready(context, url):
    page = context.new_page()
    page.goto(url)
    page.wait_for_function('window.ready !== undefined', timeout=120000)
    ms = page.evaluate('window.ready')
    return page, ms


def _lab_ready(p, chromium, flags, profiles, url):
    """ms from navigation to the lab page's ready, a new browser profile (cold) each run."""
    out = []
    for k in range(RUNS):
        context = p.chromium.launch_persistent_context(
            str(profiles / str(k)), executable_path=str(chromium), args=flags)
        page = context.new_page()
        page.goto(url)
        out.append(page.evaluate('window.lab.ready'))
        context.close()
    return out


def _device_lab_ready(p, chromium, flags, folder):
    """_lab_ready for the lab a real appliance serves from its image (MicroPython, its
    microphone hearing the room: the pipeline runs while it serves)."""
    from ..harness import RealAppliance
    app = RealAppliance(folder).start()
    try:
        if not (app.image / 'www' / 'lab' / 'index.html.gz').exists():
            raise RuntimeError('the image has no lab (npm\'s port is not installed: earmark '
                               'lab --fetch)')
        return _lab_ready(p, chromium, flags, folder / 'profiles', app.base + '/lab/index.html')
    finally:
        app.stop()


def run(args=None):
    from playwright.sync_api import sync_playwright

    chromium = Path('/usr/bin/chromium')
    if not chromium.exists():
        raise RuntimeError('bench browser needs Debian\'s chromium (apt-get install chromium)')
    flags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run']
    with tempfile.TemporaryDirectory(prefix='earmark-bench-') as tmp:
        www = _site(Path(tmp) / 'www')
        httpd = labsite.server(www)
        base = 'http://127.0.0.1:%d/bench/' % httpd.server_address[1]
        rows = {}
        with sync_playwright() as p:
            for name, page in (('MicroPython', 'mp.html'), ('Pyodide', 'py.html')):
                cold, warm = [], []
                for k in range(RUNS):
                    profile = Path(tmp) / ('profile-%s-%d' % (name, k))
                    context = p.chromium.launch_persistent_context(
                        str(profile), executable_path=str(chromium), args=flags)
                    first, ms = _ready(context, base + page)
                    cold.append(ms)
                    first.close()
                    again, ms = _ready(context, base + page)
                    warm.append(ms)
                    if k == 0:
                        took, windows = again.evaluate('window.classify()')
                    context.close()
                rows[name] = (statistics.median(cold), statistics.median(warm), took, windows)
            # the lab page itself: the port, then the device modules and the model loaded;
            # from the lab's server, then from an appliance's flash
            lab_cold = _lab_ready(p, chromium, flags, Path(tmp) / 'lab',
                                  base.replace('/bench/', '/index.html'))
            device_cold = _device_lab_ready(p, chromium, flags, Path(tmp) / 'device')
        httpd.shutdown()
    print('%-12s %14s %14s %22s' % ('', 'ready cold ms', 'ready warm ms',
                                     '%d s clip ms (windows)' % CLIP_SECONDS))
    for name, (cold, warm, took, windows) in rows.items():
        print('%-12s %14.0f %14.0f %15.0f (%d)' % (name, cold, warm, took, windows))
    print('%-12s %14.0f   (the Earmark lab page: port, device modules and model loaded)'
          % ('lab page', statistics.median(lab_cold)))
    print('%-12s %14.0f   (the same page from a MicroPython appliance\'s flash: www/lab)'
          % ('lab, device', statistics.median(device_cold)))
    mp, py = rows['MicroPython'][0], rows['Pyodide'][0]
    print('medians of %d runs each, Chromium %s, served over loopback' % (RUNS, 'headless'))
    print('ready: MicroPython %d ms, Pyodide %d ms (%.1fx)' % (round(mp), round(py), py / mp))


def device_lab(runs=RUNS):
    """Only the lab's cold ready from a real appliance's flash, `runs` times: `python -m
    earmark.bench.browser device` (EARMARK_MICROPYTHON picks the appliance's MicroPython)."""
    from playwright.sync_api import sync_playwright

    from .. import runtime
    flags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run']
    with tempfile.TemporaryDirectory(prefix='earmark-bench-') as tmp, sync_playwright() as p:
        got = _device_lab_ready(p, Path('/usr/bin/chromium'), flags, Path(tmp))
    print('lab, device: ready cold %d ms (median; runs %s ms), %s'
          % (statistics.median(got), ', '.join('%d' % ms for ms in got),
             runtime.micropython_binary()))


if __name__ == '__main__':
    import sys
    if sys.argv[1:] == ['device']:
        device_lab()
