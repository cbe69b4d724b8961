"""Does the nearest prototype's label have to agree? (issue 23, round 21 screen)

The device's open-set rule (training/openset.py, device/classifier.py) looks at the prototype
nearest a window's net embedding only when it is one of `other` or `background`: the window's
event scores keep `keep` of themselves, the rest goes to `other`. A window of an unfamiliar sound
nearest a *dog_bark* prototype but scored highest as glass_breaking passes untouched. Here the
rule is extended: a window nearest a prototype of event label j keeps `agree` of every other
event label's score (the rest to `other`), so an event opens on a label only where the
embedding agrees with it or is not near any event's prototype.

Screened on the door-scene replays (scene_replay's cached window scores and nearest prototype,
the appliance's segmenter) of the default recipe's held-out students: for each `agree`, the
per-label points are chosen over the students' scene sets 0-1 as points_over_students.py
chooses them and checked on fresh sets 2-4, beside agree 1 (the rule before); the shipped
points (device/model's) are checked there too. With --clips,
the students' held-out clips too (heldout.py's figures, by the device's classifier from a copy
of each bundle with the rule's `agree`, under build/agreement/).

    S=build/heldout/distilled-r18-sounds
    .venv/bin/python experiments/agreement_screen.py --students $S $S-seed{1,2,3,4} \\
        --agree 1 0.85 0.7 0.5 0.3
    .venv/bin/python experiments/agreement_screen.py --students $S $S-seed{1,2,3,4} \\
        --agree 1 0.7 --clips
"""
import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import heldout   # noqa: E402
import operating_points   # noqa: E402
import points_over_students as pos   # noqa: E402
import scene_replay   # noqa: E402
from training import data   # noqa: E402
from training.openset import open_set   # noqa: E402

RESULT = ROOT / 'experiments' / 'results' / 'agreement_screen.json'
GRID = (0.35, 0.45, 0.55, 0.65, 0.75)


def agreeing(agree):
    """scores_of for points_over_students.figures: the scene's window scores with the rule (the
    cached scores already hold the quiet prototypes' share: keep 1 here)."""
    return lambda scene, labels: open_set(scene['scores'], scene['near'], labels, 1.0, agree)


def clip_figures(students, agree, test, strange):
    """heldout.py's clip figures of each student with the rule, and their mean."""
    each = []
    for student in students:
        folder = ROOT / 'build' / 'agreement' / ('%s-agree%s' % (Path(student).name, agree))
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(student, folder)
        meta = json.loads((folder / 'model.json').read_text())
        meta['prototypes']['agree'] = agree
        (folder / 'model.json').write_text(json.dumps(meta, indent=1) + '\n')
        said = heldout.score(folder, test)
        each.append(dict(heldout.figures([c.label for c in test], said, meta['labels']),
                         **heldout.open_set_figures(test, said, heldout.score(folder, strange))))
    keys = ('clip_macro_f1', 'held_out_other_given_an_event_label',
            'unheard_kinds_given_an_event_label')
    return {'mean': {k: round(float(np.mean([e[k] for e in each])), 4) for k in keys},
            'each': each}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--students', nargs='+', required=True)
    ap.add_argument('--agree', nargs='+', type=float, default=[1, 0.85, 0.7, 0.5])
    ap.add_argument('--limit', type=float, default=0.5)
    ap.add_argument('--clips', action='store_true', help="the held-out clips' figures too")
    args = ap.parse_args()
    if args.clips:
        _, test, strange, _ = heldout.split(data.load(['../shared/data/train',
                                                       '../shared/data/other',
                                                       '../shared/data/negatives']))
    shipped = scene_replay.bundle_points(ROOT / 'device' / 'model')[0]
    saved = json.loads(RESULT.read_text()) if RESULT.is_file() else {}
    results = saved.get('results', {}) if saved.get('students') == args.students else {}
    print('| agree | points | where | false/h all | unfamiliar | plain | event F1 200 ms | 1 s '
          '| segment F1 |\n|---|---|---|---|---|---|---|---|---|')
    for agree in args.agree:
        rule = agreeing(agree)
        clips = results.get(str(agree), {}).get('clips')
        curve = [(t, pos.figures(args.students, [0, 1], {}, t, rule)) for t in GRID]
        per_label = operating_points.choose(curve, args.limit, GRID)
        chosen = pos.figures(args.students, [0, 1], per_label, max(GRID), rule)
        checked = pos.figures(args.students, [2, 3, 4], per_label, max(GRID), rule)
        at_shipped = pos.figures(args.students, [2, 3, 4], shipped, max(GRID), rule)
        results[str(agree)] = {'per_label': per_label, 'chosen': chosen, 'checked': checked,
                               'shipped points, checked': at_shipped}
        for points, where, r in ((per_label, 'sets 0-1', chosen),
                                 (per_label, 'fresh 2-4', checked),
                                 (shipped, 'fresh 2-4', at_shipped)):
            points = ' '.join('%.2f' % points[l] for l in operating_points.TARGETS)
            print(pos.line('%s | %s | %s' % (agree, points, where), r), flush=True)
        if clips and not args.clips:
            results[str(agree)]['clips'] = clips
        if args.clips:
            results[str(agree)]['clips'] = clip_figures(args.students, agree, test, strange)
            print('held-out clips, mean of the students: %s'
                  % json.dumps(results[str(agree)]['clips']['mean']), flush=True)
    RESULT.write_text(json.dumps({'students': args.students, 'limit': args.limit,
                                  'results': results}, indent=1) + '\n')


if __name__ == '__main__':
    main()
