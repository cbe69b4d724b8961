"""Every window of the personal-doorbell scenes and example recordings, as the lab's analysis
(webui/lab/labcore.py, the device's modules in MicroPython) hears them: level, scores, the stored
embedding and the net's, and every frame's energy. Cached beside each WAV (`.rows.json`), for
experiments/personal_windows.py to try window-level personal matching on.

    .venv/bin/python experiments/personal_dump.py      # after personal_doorbell.py made the scenes
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqdm import tqdm  # noqa: E402

from earmark import audio, personal  # noqa: E402

CODE = '''import json, binascii, labcore
r = labcore.Lab("model").analyse(open(%r, "rb").read(), True, True)
print(json.dumps({"windows": [[w["level"], [round(s, 4) for s in w["scores"]], w["stored"],
                  w["net"], w["bands"]] for w in r["windows"]],
                  "energies": binascii.hexlify(bytes(r["energies"])).decode()}))
'''


def rows_of(path):
    """{'windows': [[level, scores, stored, net, bands], ...], 'energies': hex of int16 LE}."""
    cache = path.with_suffix('.rows.json')
    if not cache.exists():
        pcm = path.with_suffix('.pcm')
        pcm.write_bytes(audio.read(path).tobytes())
        try:
            out = personal.run_host(CODE % str(pcm.resolve()), heap='96M')
        finally:
            pcm.unlink()
        cache.write_text(out.splitlines()[-1])
    return json.loads(cache.read_text())


def main():
    folders = sorted(p for p in (ROOT / 'build' / 'personal' / 'seed1').iterdir() if p.is_dir())
    files = [f for d in folders for f in sorted(d.glob('*.wav'))]
    for f in tqdm(files, desc='recordings'):
        rows_of(f)


if __name__ == '__main__':
    main()
