"""The teacher head's fold-grouped figures: the ceiling the device's model chases (issue 22).

Every sounding window of every clip in the data folders gets YAMNet's embedding (training/teacher
.py, cached); a logistic regression (training/distil.py Head) scores each window from a head fitted
on the other splits (training/evaluate.py splits: ESC-50 fold k is split k-1). Prints window and
clip macro-F1 per head C, per-class F1 and how often an `other` clip is called one of the nine
event labels, and writes experiments/results/teacher_head.json.

    .venv/bin/python experiments/teacher_head.py [--data DIR ...] [--teacher PATH]
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from training import data, distil, evaluate, model, teacher as teaching   # noqa: E402
from training.windows import Windows   # noqa: E402

EVENTS = 9   # the first nine labels are the event labels


def clip_level(probs, windows):
    ids = np.unique(windows.clip)
    p = np.array([probs[windows.clip == i].mean(0) for i in ids])
    y = np.array([windows.y[windows.clip == i][0] for i in ids])
    return p, y, ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', nargs='+', default=['../shared/data/train', '../shared/data/other',
                                                  '../shared/data/negatives'])
    ap.add_argument('--teacher')
    ap.add_argument('--c', nargs='+', type=float, default=[0.01, 0.1, 1.0])
    args = ap.parse_args()
    clips = data.load(args.data)
    labels = data.labels_of(clips)
    t = teaching.Teacher(args.teacher)
    W = Windows(clips, labels, desc='windows')
    E = distil.window_embeddings(t, W)
    groups = evaluate.splits(clips)[W.clip]
    weight = model.balanced(W.y, len(labels), labels.index('other'))
    other = labels.index('other')
    results, confusions = {}, {}
    for c in args.c:
        distil.Distil.C = c
        logits = distil.out_of_fold(E, W.y, groups, len(labels), weight)
        probs = distil.soften(logits, 1.0)
        pred = probs.argmax(1)
        cp, cy, ids = clip_level(probs, W)
        cpred = cp.argmax(1)
        unfamiliar = cy == other
        p, r, f, n = precision_recall_fscore_support(cy, cpred, labels=range(len(labels)),
                                                     zero_division=0)
        results[c] = {
            'window_macro_f1': round(float(f1_score(W.y, pred, average='macro')), 4),
            'clip_macro_f1': round(float(f1_score(cy, cpred, average='macro')), 4),
            'other_clips_given_an_event_label': round(float((cpred[unfamiliar] < EVENTS).mean()), 4),
            'per_class_clip_f1': {l: round(float(f[i]), 3) for i, l in enumerate(labels)},
            'windows': int(len(W.y)), 'clips': int(len(ids))}
        print('C %-5g window macro-F1 %.3f  clip macro-F1 %.3f  other clips given an event label '
              '%.1f %%' % (c, results[c]['window_macro_f1'], results[c]['clip_macro_f1'],
                           100 * results[c]['other_clips_given_an_event_label']))
        confusions[c] = confusion_matrix(W.y, pred, labels=range(len(labels))).tolist()
    best = max(results, key=lambda c: results[c]['clip_macro_f1'])
    png = ROOT / 'docs' / 'model-evaluation' / 'teacher-confusion.png'
    evaluate.confusion_png({'confusion': confusions[best], 'labels': labels,
                            'macro_f1': results[best]['window_macro_f1']}, png,
                           'Teacher head (YAMNet embedding + logistic regression), fold-grouped')
    print('wrote', png)
    print('per-class clip F1 at C=%g:' % best)
    for l, v in results[best]['per_class_clip_f1'].items():
        print('  %-15s %.3f' % (l, v))
    out = Path(__file__).resolve().parent / 'results' / 'teacher_head.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'data': args.data, 'teacher_sha256': t.sha256,
                               'by_c': {str(k): v for k, v in results.items()},
                               'best_c': best}, indent=1) + '\n')


if __name__ == '__main__':
    main()
