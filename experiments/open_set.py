"""Open-set prototypes (training/openset.py) on a bundle already trained, held out (issue 23,
item 3; issue 22's "unfamiliar sounds called an event").

Fits the prototypes on the net of --model over the clips it trained on (experiments/heldout.py's
split: never the held-out folds, never the unheard kinds), writes a copy of the bundle with them
for each --keep, and scores each copy with the device's own code as heldout.py does: held-out
clip macro-F1, held-out `other` clips and clips of unheard kinds called an event. Copies go to
build/open_set/<model>-keep<K>; experiments/door_scenes.py and operating_points.py take them.

    .venv/bin/python experiments/open_set.py --model build/heldout/distilled --keep 1 0.6 0.5 0.3
    .venv/bin/python experiments/open_set.py --apply device/model    # every clip, in place

--apply fits the prototypes of a bundle's net on every training clip (what `earmark train`
does for a new model) and writes them into it.
"""
import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import heldout   # noqa: E402
from training import data   # noqa: E402
from training.cnn import Quantized   # noqa: E402
from training.openset import OpenSet, fit_for   # noqa: E402
from training.windows import Windows   # noqa: E402


def with_prototypes(model, folder, clips, labels, keep):
    """A copy of `model` in `folder` (or the bundle itself when they are one) with prototypes
    fitted on `clips`."""
    model, folder = Path(model), Path(folder)
    if folder.resolve() != model.resolve():
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(model, folder)
    OpenSet.KEEP = keep
    protos = fit_for(Quantized.load(model), Windows(clips, labels, desc='prototype windows'),
                     labels)
    (folder / 'prototypes.bin').write_bytes(protos.blob())
    for name in ('model.json', 'metrics.json'):
        path = folder / name
        meta = json.loads(path.read_text())
        if name == 'model.json':
            meta['prototypes'] = protos.spec()
        recipe = meta.get('recipe')
        if isinstance(recipe, dict):
            recipe['open_set'] = OpenSet.as_dict()
        path.write_text(json.dumps(meta, indent=1) + '\n')
    return folder


def figures(folder, test, strange, labels):
    said = heldout.score(folder, test)
    truth = [c.label for c in test]
    other = [s for s, c in zip(said, test) if c.label == 'other']
    events = [s for s, c in zip(said, test) if c.label in heldout.EVENTS]
    said_strange = heldout.score(folder, strange)
    return {
        'clip_macro_f1': round(float(f1_score(truth, said, labels=labels, average='macro')), 4),
        'held_out_other_given_an_event_label': round(float(np.mean(
            [s in heldout.EVENTS for s in other])), 4),
        'unheard_kinds_given_an_event_label': round(float(np.mean(
            [s in heldout.EVENTS for s in said_strange])), 4),
        'held_out_events_called_other': round(float(np.mean([s == 'other' for s in events])), 4),
        'bundle': str(folder)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    ap.add_argument('--model', default=str(ROOT / 'build' / 'heldout' / 'distilled'))
    ap.add_argument('--keep', nargs='+', type=float, default=[OpenSet.KEEP])
    ap.add_argument('--out', default=str(ROOT / 'build' / 'open_set'))
    ap.add_argument('--apply', metavar='BUNDLE', help='fit on every clip and write the '
                    'prototypes into BUNDLE (keep: the first --keep)')
    args = ap.parse_args()
    clips = data.load(args.data)
    labels = data.labels_of(clips)
    if args.apply:
        with_prototypes(args.apply, args.apply, clips, labels, args.keep[0])
        print('%s: %d prototypes, keep %s' % (args.apply, json.loads(
            (Path(args.apply) / 'model.json').read_text())['prototypes']['count'], args.keep[0]))
        return
    train, test, strange, unheard = heldout.split(clips)
    results = {}
    for keep in args.keep:
        name = '%s-keep%g' % (Path(args.model).name, keep)
        folder = Path(args.model) if keep == 1 else with_prototypes(
            args.model, Path(args.out) / name, train, labels, keep)
        results[name] = figures(folder, test, strange, labels)
        print(name, json.dumps(results[name]), flush=True)
    print('\n| keep | held-out clip macro-F1 | held-out other called an event | unheard kinds '
          'called an event | held-out events called other |\n|---|---|---|---|---|')
    for name, r in results.items():
        print('| %s | %.3f | %.1f %% | %.1f %% | %.1f %% |' % (
            name, r['clip_macro_f1'], 100 * r['held_out_other_given_an_event_label'],
            100 * r['unheard_kinds_given_an_event_label'],
            100 * r['held_out_events_called_other']))
    out = ROOT / 'experiments' / 'results' / 'open_set.json'
    saved = json.loads(out.read_text()) if out.is_file() else {}
    saved.update(results)
    out.write_text(json.dumps(saved, indent=1) + '\n')


if __name__ == '__main__':
    main()
