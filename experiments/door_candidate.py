"""A held-out student with its chosen points as a bundle, checked on what a default must keep
(round 15): its door-scene figures (decision_screen.score on the choosing and checking sets),
whether it still hears the demo scene's first event (a baby crying at 4.2 s; tests/test_readme.py
waits for it) and, by the shared quiet-door check, plain background.

    .venv/bin/python experiments/door_candidate.py --screen results/door_mixes_screen_X.json \
        --rule 'shipped (keep 0.5), budget 1.0/h' [--point baby_crying=0.55] --out build/door15-candidate

The quiet-door check (../shared/tools/quiet-door-check.py) runs `earmark detect` with the image's
model; for a candidate it is run through a `.venv/bin/earmark` that adds --model (printed here).
"""
import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import decision_screen as ds   # noqa: E402
import scene_replay as sr   # noqa: E402
from earmark import demo   # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--screen', required=True, help="decision_screen.py's output")
    ap.add_argument('--rule', default='shipped (keep 0.5), budget 1.0/h')
    ap.add_argument('--point', nargs='*', default=[], metavar='LABEL=POINT')
    ap.add_argument('--out', default=str(ROOT / 'build' / 'door15-candidate'))
    args = ap.parse_args()
    screen = json.loads(Path(args.screen).read_text())
    chosen = screen['results'][args.rule]
    points = dict(chosen['points'], **{p.split('=')[0]: float(p.split('=')[1])
                                       for p in args.point})
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(screen['model'], out)
    meta = json.loads((out / 'model.json').read_text())
    meta['event_thresholds'] = points
    meta['event_threshold'] = max(ds.GRID)    # as decision_screen.score replays them
    (out / 'model.json').write_text(json.dumps(meta, indent=1))
    labels = sr.labels_of(out)
    rule = dict(chosen.get('rule') or {})
    settings = dict(sr.bundle_points(out)[2] or {}, **rule.pop('settings', {}))
    scores_of = ds.composer(labels, **rule)
    figures = {'points': points}
    for part in ('choose', 'check'):
        sets = [sr.scored_set(out, s) for s in screen[part]]
        figures[part] = ds.score(sets, labels, scores_of, settings, points)
        print('%s sets %s: %s' % (part, screen[part], ds.row(args.rule, figures[part])))
    run = subprocess.run([str(ROOT / '.venv' / 'bin' / 'earmark'), 'detect', '--model', str(out),
                          str(demo.SCENE)], capture_output=True, text=True, check=True)
    events = [json.loads(l) for l in run.stdout.splitlines() if l.strip().startswith('{')]
    figures['demo'] = [[round(e['start'], 1), e['label']] for e in events]
    print('demo scene: %d events, first %s' % (len(events), figures['demo'][:1]))
    (out / 'candidate.json').write_text(json.dumps(figures, indent=1) + '\n')
    result = ROOT / 'experiments' / 'results' / 'door_candidate.json'
    saved = json.loads(result.read_text()) if result.is_file() else {}
    saved['%s, %s%s' % (Path(screen['model']).name, args.rule,
                        ''.join(', ' + p for p in args.point))] = figures
    result.write_text(json.dumps(saved, indent=1) + '\n')
    print('quiet-door check: a folder with .venv/bin/earmark running `%s/.venv/bin/earmark "$1" '
          '--model %s "${@:2}"`, then from it: %s/.venv/bin/python %s/../shared/tools/'
          'quiet-door-check.py' % (ROOT, out, ROOT, ROOT))


if __name__ == '__main__':
    main()
