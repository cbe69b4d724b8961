"""How long the teach-time bank guard takes (device/pattern.py guard(), issue 25): a pattern head
taught by the lab's code (labcore.pattern_head) in MicroPython's unix port on this computer,
from the three examples of each of the first HOUSEHOLDS households of personal_new_doorbells.py
(seed 18), without the bank (the examples' beds only), with design B's (pattern_guard.bank_b():
20 minutes of other sounds' steps) and with webui/lab/pattern_bank.gz (those and the doorbells
part, round 20), read through deflate, side by side. Times are MicroPython's own
(time.ticks_ms around the teach). --browser: without and with the shipped bank in the browser
lab (MicroPython WebAssembly in Debian's Chromium, headless; the lab's teachPattern, timed by
the page), the bank fetched first.

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


HOUSEHOLDS = 5


def households():
    return sorted(p for p in (ROOT / 'build' / 'personal' / 'new18').iterdir()
                  if p.is_dir())[:HOUSEHOLDS]


def household_pcm(folder):
    return [audio.read(f).tobytes() for f in sorted(folder.glob('example_*.wav'))]


def browser():
    """[(household, ms without the bank, ms with it, thresholds)] in the browser lab."""
    import base64
    import tempfile
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
        for folder in households():
            pcm = [base64.b64encode(b).decode() for b in household_pcm(folder)]
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
            rows.append((folder.name, got[0][0], got[1][0], got[1][1]))
            print('%-40s without the bank %5d ms, with it %6d ms: thresholds %s' % rows[-1])
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
    banks = (None, str(pattern_guard.bank_b()), str(personal.PATTERN_BANK))
    rows = []
    for folder in households():
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, f in enumerate(sorted(folder.glob('example_*.wav'))):
                paths.append(str(Path(tmp) / ('%d.pcm' % i)))
                Path(paths[-1]).write_bytes(audio.read(f).tobytes())
            got = [json.loads(personal.run_host(CODE % (paths, bank)).splitlines()[-1])
                   for bank in banks]
        rows.append((folder.name, got[0][0], got[1][0], got[2][0], got[2][1]))
        print('%-40s no bank %5d ms, design B\'s %6d ms, shipped %6d ms: thresholds %s'
              % rows[-1])
    print('3 templates guarded, on average over %d households: no bank %.0f ms, design B\'s '
          'bank %.0f ms, the shipped bank %.0f ms (%.2fx design B\'s)' % (
              len(rows), *(sum(r[k] for r in rows) / len(rows) for k in (1, 2, 3)),
              sum(r[3] for r in rows) / sum(r[2] for r in rows)))


if __name__ == '__main__':
    main()
