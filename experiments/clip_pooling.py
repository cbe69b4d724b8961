"""How a clip's windows become its label (issue 22, round 21 screen): does another pooling name
the held-out clips better than the mean of the loud windows?

`earmark classify` labels a file by the mean of the scores of its windows within 15 dB of its
loudest (training.windows.ACTIVE_DB), then the top label or `other` under its threshold. A car
horn in traffic or a footstep between pauses is a few windows of a clip: the mean could dilute
them. Here the held-out students' (experiments/heldout.py) per-window scores, computed once by
the device's classifier in MicroPython (experiments/window_dump.py's, cached), are pooled by each
rule:

- `gate G`: the mean over windows within G dB of the loudest (G = 15 is the device's);
- `top K`: per label, the mean of its K best windows among those within 15 dB (K = 1: the max);
- `loudest K`: the mean over the K loudest windows;
- `students`: the three students' clip scores (device rule) averaged, as an ensemble would.

Each rule is scored as experiments/heldout.py scores (top label, the student's thresholds) on
the held-out clips (macro-F1, held-out `other` named an event) and the six unheard kinds (named
an event). Nothing is chosen here: a rule would have to win for every student to be worth a
choice on these few clips (about eight a label).

    .venv/bin/python experiments/clip_pooling.py --students build/heldout/distilled-r18-sounds \
        build/heldout/distilled-r18-sounds-seed1 build/heldout/distilled-r18-sounds-seed2
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import heldout   # noqa: E402
import window_dump   # noqa: E402
from training import data   # noqa: E402
from training.model import decide   # noqa: E402
from training.windows import ACTIVE_DB   # noqa: E402

RESULT = ROOT / 'experiments' / 'results' / 'clip_pooling.json'
RULES = (('gate', 15), ('gate', 6), ('gate', 10), ('gate', 25), ('gate', 40), ('top', 1),
         ('top', 3), ('top', 5), ('loudest', 1), ('loudest', 3), ('loudest', 5))


def window_scores(student, clips):
    """[(n, 1 + labels) array of each window's level and scores] a clip, by the device's
    classifier (window_dump.py's, cached there)."""
    d = window_dump.dump(student, clips)
    return [np.column_stack([d['level'][d['clip'] == i], d['scores'][d['clip'] == i]])
            for i in range(len(clips))]


def pooled(rows, rule):
    """A clip's scores a label under `rule`."""
    level, scores = rows[:, 0], rows[:, 1:]
    kind, n = rule
    if kind == 'gate':
        return scores[level >= level.max() - 100 * n].mean(0)
    if kind == 'top':
        loud = scores[level >= level.max() - ACTIVE_DB]
        return np.sort(loud, 0)[-min(n, len(loud)):].mean(0)
    return scores[np.argsort(level)[-n:]].mean(0)


def named(scores, labels, thresholds):
    """Each clip's label from its pooled scores, as the device decides (training.model)."""
    return [labels[i] for i in decide(np.array(scores), thresholds, labels)]


def figures(said, test, said_strange, labels):
    return dict(clip_macro_f1=heldout.figures([c.label for c in test], said,
                                              labels)['clip_macro_f1'],
                **heldout.open_set_figures(test, said, said_strange))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--students', nargs='+', required=True)
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    args = ap.parse_args()
    _, test, strange, _ = heldout.split(data.load(args.data))
    results, mean_scores = {}, []
    for student in args.students:
        model = json.loads(Path(student, 'model.json').read_text())
        labels, thresholds = model['labels'], model['thresholds']
        rows = window_scores(student, test + strange)
        results[student] = {}
        for rule in RULES:
            said = named([pooled(r, rule) for r in rows], labels, thresholds)
            results[student]['%s %d' % rule] = figures(said[:len(test)], test,
                                                       said[len(test):], labels)
        mean_scores.append([pooled(r, RULES[0]) for r in rows])
    ensemble = np.mean(mean_scores, 0)
    said = named(ensemble, labels, thresholds)
    results['students'] = figures(said[:len(test)], test, said[len(test):], labels)
    print('| rule | held-out clip macro-F1 (each student) | mean | held-out other / unheard '
          'kinds named an event (mean) |\n|---|---|---|---|')
    for rule in ['%s %d' % r for r in RULES]:
        each = [results[s][rule] for s in args.students]
        print('| %s | %s | %.3f | %.1f / %.1f %% |' % (
            rule, ' / '.join('%.3f' % e['clip_macro_f1'] for e in each),
            np.mean([e['clip_macro_f1'] for e in each]),
            100 * np.mean([e['held_out_other_given_an_event_label'] for e in each]),
            100 * np.mean([e['unheard_kinds_given_an_event_label'] for e in each])))
    e = results['students']
    print('| the students\' scores averaged | | %.3f | %.1f / %.1f %% |' % (
        e['clip_macro_f1'], 100 * e['held_out_other_given_an_event_label'],
        100 * e['unheard_kinds_given_an_event_label']))
    saved = json.loads(RESULT.read_text()) if RESULT.is_file() else {}
    saved[' '.join(args.students)] = results
    RESULT.write_text(json.dumps(saved, indent=1) + '\n')


if __name__ == '__main__':
    main()
