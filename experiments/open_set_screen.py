"""How many open-set prototypes, and how much a window near a quiet one keeps: a screen on the
host over the device's own window scores (experiments/window_dump.py), before
experiments/open_set.py writes the chosen settings into a bundle and scores it on the device.

Prototypes fit on the sounding windows of the clips --model trained on (heldout.py's split);
each setting is scored as heldout.py scores a clip (the mean of its loud windows' scores, then
the bundle's per-label thresholds) on the held-out clips, where the settings are chosen, and on
the clips of kinds never heard, which only check the choice. K-means seeds 0 and 1 show how much
a setting's figures owe to the draw.

    .venv/bin/python experiments/open_set_screen.py --model build/heldout/distilled
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))
import heldout   # noqa: E402
import window_dump   # noqa: E402
from training import data   # noqa: E402
from training.openset import OpenSet, Prototypes   # noqa: E402
from training.windows import ACTIVE_DB, frames_of, sounding   # noqa: E402

GRID = [(2, 16, 8), (3, 24, 8), (4, 32, 8)]   # prototypes: per event, other, background
KEEPS = [1.0, 0.6, 0.5, 0.3, 0.0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default=str(ROOT / 'build' / 'heldout' / 'distilled'))
    args = ap.parse_args()
    clips = data.load(['../shared/data/train', '../shared/data/other',
                       '../shared/data/negatives'])
    labels = data.labels_of(clips)
    meta = json.loads((Path(args.model) / 'model.json').read_text())
    if meta.get('prototypes'):
        sys.exit('%s: screen a bundle without prototypes (its scores are the raw ones)'
                 % args.model)
    th = np.array([meta['thresholds'][l] for l in labels])
    d = window_dump.dump(args.model, clips)
    train, test, strange, _ = heldout.split(clips)
    index = {id(c): i for i, c in enumerate(clips)}
    rows = {i: np.flatnonzero(d['clip'] == i) for i in range(len(clips))}
    fit_rows, fit_y = [], []
    for c in train:
        mine = rows[index[id(c)]]
        live = sounding(frames_of(c.pcm), c.label)[:len(mine)]
        fit_rows += list(mine[live])
        fit_y += [labels.index(c.label)] * int(live.sum())
    fit_rows, fit_y = np.array(fit_rows), np.array(fit_y)
    other = labels.index('other')
    events = [labels.index(l) for l in heldout.EVENTS]

    def said(cs, protos, keep):
        out = []
        for c in cs:
            mine = rows[index[id(c)]]
            level = d['level'][mine]
            loud = mine[level >= level.max() - ACTIVE_DB]
            s = protos.apply(d['scores'][loud], d['emb'][loud], labels, keep).mean(0)
            top = int(np.argmax(s))
            out.append(other if s[top] < th[top] else top)
        return np.array(out)

    truth = np.array([labels.index(c.label) for c in test])
    results = []
    print('| prototypes (event/other/background) | seed | keep | held-out clip macro-F1 | '
          'held-out other called an event | unheard kinds called an event | held-out events '
          'called other |\n|---|---|---|---|---|---|---|')
    for event, quiet_other, quiet_background in GRID:
        for seed in (0, 1):
            OpenSet.EVENT, OpenSet.QUIET_OTHER = event, quiet_other
            OpenSet.QUIET_BACKGROUND, OpenSet.SEED = quiet_background, seed
            protos = Prototypes.fit(d['emb'][fit_rows], fit_y, labels)
            for keep in KEEPS:
                a, b = said(test, protos, keep), said(strange, protos, keep)
                r = {'prototypes': [event, quiet_other, quiet_background], 'seed': seed,
                     'keep': keep,
                     'clip_macro_f1': round(float(f1_score(truth, a, labels=range(len(labels)),
                                                           average='macro')), 4),
                     'held_out_other_given_an_event_label': round(float(
                         np.isin(a[truth == other], events).mean()), 4),
                     'unheard_kinds_given_an_event_label': round(float(
                         np.isin(b, events).mean()), 4),
                     'held_out_events_called_other': round(float(
                         (a[np.isin(truth, events)] == other).mean()), 4)}
                results.append(r)
                print('| %d/%d/%d | %d | %.1f | %.3f | %.1f %% | %.1f %% | %.1f %% |' % (
                    event, quiet_other, quiet_background, seed, keep, r['clip_macro_f1'],
                    100 * r['held_out_other_given_an_event_label'],
                    100 * r['unheard_kinds_given_an_event_label'],
                    100 * r['held_out_events_called_other']), flush=True)
    out = ROOT / 'experiments' / 'results' / 'open_set_screen.json'
    out.write_text(json.dumps({'model': args.model, 'rows': results}, indent=1) + '\n')


if __name__ == '__main__':
    main()
