"""Which part of a pair calls the held-out door events `other` (round 15): the trees' votes, the
net's scores, or the scores the segmenter sees (their mean, after the open-set prototypes). Every
true event of the quiet and unfamiliar doorsteps of --seeds gets the top label of the mean of its
windows (those overlapping it by 0.1 s or more) for each part: its own label, `other`, or else.
Window parts are experiments/scene_replay.py's (cached per bundle).

    .venv/bin/python experiments/part_fates.py --models build/op_openset/bundles/old-points ...
"""
import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'experiments'))
import recall_diagnosis as rd   # noqa: E402
import scene_replay as sr   # noqa: E402


def fates(model, seeds):
    labels = sr.labels_of(model)
    out = {}
    for part in ('trees', 'net', 'scores'):
        c = Counter()
        for seed in seeds:
            for s in sr.scored_set(model, seed):
                if s['kind'] == 'plain':
                    continue
                spans = rd.window_spans(len(s['scores']))
                for t in s['truth']:
                    ws = [w for w, (a, b) in enumerate(spans)
                          if min(b, t['offset']) - max(a, t['onset']) >= rd.GRACE]
                    if ws:
                        top = labels[int(s[part][ws].mean(0).argmax())]
                        c['own' if top == t['event_label'] else
                          'other' if top == 'other' else 'else'] += 1
        n = sum(c.values())
        out[part] = {k: round(c[k] / n, 3) for k in ('own', 'other', 'else')}
        out[part]['events'] = n
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--models', nargs='+', required=True)
    ap.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2])
    ap.add_argument('--out', default=str(ROOT / 'experiments' / 'results' / 'part_fates.json'))
    args = ap.parse_args()
    results = {}
    print('| student | trees: own / other | net: own / other | scores (pair + prototypes): '
          'own / other |\n|---|---|---|---|')
    for model in args.models:
        r = results[Path(model).name] = fates(model, args.seeds)
        print('| %s | %s |' % (Path(model).name, ' | '.join(
            '%.1f / %.1f %%' % (100 * r[p]['own'], 100 * r[p]['other'])
            for p in ('trees', 'net', 'scores'))))
    Path(args.out).write_text(json.dumps({'seeds': args.seeds, 'results': results}, indent=1)
                              + '\n')


if __name__ == '__main__':
    main()
