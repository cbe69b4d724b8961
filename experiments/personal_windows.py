"""What a personal head could find if it scored windows, not only events the appliance opens.

experiments/personal_doorbell.py shows the head labels 0.89 of the doorbell events the appliance
opens, but the appliance opens events on only half of them: recall is capped there. This asks what
the same head would find if the pipeline put every window's stored embedding to it (the change
that would be device/pipeline.py's): on the same scenes and heads, a run of windows within reach,
each louder than LOUDER_DB over the scene's quietest tenth of windows (a crude stand-in for the
segmenter's energy gate), is one detection; a detection overlapping the household's doorbell
(0.5 s slack) finds it, one overlapping nothing of it is a false match.

    .venv/bin/python experiments/personal_windows.py     # after personal_doorbell.py

Windows come from webui/lab/labcore.py in MicroPython (the device's modules), cached beside the
scenes; heads are taught as `earmark personal teach` teaches them (the cached examples).
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqdm import tqdm  # noqa: E402

from earmark import audio, labsite, personal  # noqa: E402
from training.device import module  # noqa: E402

LOUDER_DB = 6
HOP_SECONDS = 31 * 256 / 16000      # a window every hop_frames frames
WINDOW_SECONDS = 62 * 256 / 16000
SLACK = 0.5


def windows_of(path):
    cache = path.with_suffix('.windows.json')
    if not cache.exists():
        pcm = path.with_suffix('.pcm')
        pcm.write_bytes(audio.read(path).tobytes())
        out = labsite.run_host('import json, labcore\nr = labcore.Lab("model").analyse('
                           'open(%r, "rb").read(), True)\nprint(json.dumps([[w["level"], '
                           'w["stored"]] for w in r["windows"]]))' % str(pcm), heap='64M')
        pcm.unlink()
        cache.write_text(out.splitlines()[-1])
    return json.loads(cache.read_text())


def detections(head, rows):
    levels = sorted(level for level, _ in rows)
    floor = levels[len(levels) // 10] + 100 * LOUDER_DB
    found, run = [], None
    for k, (level, emb) in enumerate(rows):
        hit = level >= floor and head.match(emb)
        if hit and run is None:
            run = [k, k]
        elif hit:
            run[1] = k
        elif run is not None:
            found.append(run)
            run = None
    if run is not None:
        found.append(run)
    return [(a * HOP_SECONDS, b * HOP_SECONDS + WINDOW_SECONDS) for a, b in found]


def main():
    pers = module('personal')   # puts device/ on the path, which teach.py imports from
    sys.path.append(str(labsite.LAB_SOURCE))
    import teach
    model = personal.model_id()
    folders = sorted(p for p in (ROOT / 'build' / 'personal' / 'seed1').iterdir() if p.is_dir())
    runs = []
    for folder in tqdm(folders, desc='doorbells'):
        examples = {'ours': json.loads((folder / 'examples.json').read_text())}
        scenes = [(json.loads(s.with_suffix('.json').read_text())['truth'], windows_of(s))
                  for s in sorted(folder.glob('scene_*.wav'))]
        runs.append((examples, scenes))
    for reach in (1000, 2000, 3000, 5000):
        teach.REACH = reach
        own = found = bell = other = 0
        hours = 0.0
        for examples, scenes in runs:
            head = pers.load(json.dumps(teach.teach(examples, model, 32)))
            for truth, rows in scenes:
                hours += len(rows) * HOP_SECONDS / 3600
                hits = detections(head, rows)
                for t in truth:
                    if t['what'] == 'own':
                        own += 1
                        found += any(a < t['offset'] + SLACK and b > t['onset'] - SLACK
                                     for a, b in hits)
                for a, b in hits:
                    near = [t['what'] for t in truth
                            if a < t['offset'] + SLACK and b > t['onset'] - SLACK]
                    if 'own' not in near:
                        bell += 'doorbell' in near
                        other += 'doorbell' not in near
        print('windows put to the head (reach %d, louder than the quietest tenth by %d dB): '
              'recall %.3f (%d of %d), false matches %.2f an hour (%.2f not on a doorbell) in '
              '%.2f h' % (reach, LOUDER_DB, found / own, found, own, (bell + other) / hours,
                          other / hours, hours))


if __name__ == '__main__':
    main()
