"""How long the teach-time bank guard takes (device/pattern.py guard(), issue 25): a pattern head
taught by the lab's code (labcore.pattern_head) in MicroPython's unix port on this computer,
from each held-out household's three examples (seed 1), without the bank (the examples' beds
only) and with webui/lab/pattern_bank.gz (20 minutes of other sounds' steps, read through
deflate). Times are MicroPython's own (time.ticks_ms around the teach). --browser: the same in
the browser lab (MicroPython WebAssembly in Debian's Chromium, headless; the lab's
teachPattern, timed by the page), the bank fetched first.

    .venv/bin/python experiments/pattern_guard_time.py [--browser]
"""
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

from earmark import audio, personal, runtime  # noqa: E402

CODE = '''import json, labcore, time
recordings = [open(p, 'rb').read() for p in %r]
t0 = time.ticks_ms()
h = labcore.pattern_head('our doorbell', 'm', recordings, %r)
print(json.dumps([time.ticks_diff(time.ticks_ms(), t0), h['sounds'][0]['reaches']]))
'''


def household_pcm(name):
    folder = ROOT / 'build' / 'personal' / 'seed1' / name
    return [audio.read(f).tobytes() for f in sorted(folder.glob('example_*.wav'))]


def browser():
    """[(household, ms without the bank, ms with it, thresholds)] in the browser lab."""
    import base64
    import tempfile
    import pattern_guard
    from playwright.sync_api import sync_playwright
    from earmark import labsite
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        httpd = labsite.server(labsite.build(Path(tmp) / 'www'))
        chromium = p.chromium.launch(executable_path='/usr/bin/chromium',
                                   args=['--no-sandbox', '--disable-gpu'])
        page = chromium.new_page()
        page.goto('http://127.0.0.1:%d/index.html' % httpd.server_address[1])
        page.evaluate('window.lab.ready')
        page.evaluate('window.lab.loadBank()')
        for name in pattern_guard.held_names():
            pcm = [base64.b64encode(b).decode() for b in household_pcm(name)]
            got = page.evaluate('''(pcm) => {
                const sounds = pcm.map((b) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0)));
                const out = [];
                for (const guarded of [false, true]) {
                    const t0 = performance.now();
                    const head = window.lab.teachPattern('our doorbell', sounds, guarded);
                    out.push([Math.round(performance.now() - t0), head.sounds[0].reaches]);
                }
                return out;
            }''', pcm)
            rows.append((name, got[0][0], got[1][0], got[1][1]))
            print('%-36s without the bank %5d ms, with it %6d ms: thresholds %s' % rows[-1])
        chromium.close()
        httpd.shutdown()
    return rows


def main():
    import pattern_guard
    if '--browser' in sys.argv:
        rows = browser()
        print('3 templates guarded against the bank, in the browser: %.0f ms on average'
              % (sum(r[2] for r in rows) / len(rows)))
        return
    print('MicroPython: %s' % runtime.micropython_binary())
    rows = []
    for name in pattern_guard.held_names():
        folder = ROOT / 'build' / 'personal' / 'seed1' / name
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, f in enumerate(sorted(folder.glob('example_*.wav'))):
                paths.append(str(Path(tmp) / ('%d.pcm' % i)))
                Path(paths[-1]).write_bytes(audio.read(f).tobytes())
            got = [json.loads(personal.run_host(CODE % (paths, bank)).splitlines()[-1])
                   for bank in (None, str(personal.PATTERN_BANK))]
        rows.append((name, got[0][0], got[1][0], got[1][1]))
        print('%-36s without the bank %5d ms, with it %6d ms: thresholds %s' % rows[-1])
    mean = sum(r[2] for r in rows) / len(rows)
    print('3 templates guarded against the bank: %.0f ms on average (%d households)'
          % (mean, len(rows)))


if __name__ == '__main__':
    main()
