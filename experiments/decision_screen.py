"""Decision rules screened by replay (round 13): how window scores become the segmenter's input,
each with per-label operating points chosen again for it at the same false-alarm budget.

A rule is a function of a scene's window score parts (experiments/scene_replay.py: the trees'
votes, the net's scores, the nearest prototype's label) giving the scores the segmenter sees.
For every rule and every threshold of GRID, one replay of the choosing scene sets gives each
label's false events (a detection of it overlapping no true event) and its event F1 at 1 s
(labels open events independently in the segmenter, so one replay serves all nine). Each label
then gets, of the thresholds whose false events stay within --limit an hour over all choosing
hours, the one with its best event F1 at 1 s (round 11's rule, operating_points.py), else the
grid's highest. The rule and its points are then scored on the checking sets, which chose
nothing. Choosing sets never include ESC-50 fold 5 (door_scenes.py refuses it).

    .venv/bin/python experiments/decision_screen.py --choose 0 1 3 4 5 --check 2 6 7
"""
import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'experiments'))
import scene_replay as sr   # noqa: E402
import whole_sound   # noqa: E402
from training import sed   # noqa: E402

GRID = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8]
MODEL = sr.BUILD / 'op_openset' / 'bundles' / 'old-points'


def composer(labels, keep=0.5, net_weight=0.5, other_margin=None, ratio=False, pool=None,
             win='point'):
    """scores_of(scene) for a pair's parts: net_weight * net + (1 - net_weight) * trees; a
    window nearest a quiet prototype keeps `keep` of each event score (the rest to other);
    `other_margin`: an event label's score less what `other` scores over it by more than the
    margin (so it opens only when it is within the margin of `other`); `ratio`: each event
    label's score becomes s / (s + other); `pool`, `win`: events opened on the whole sound
    (experiments/whole_sound.py's variant; scores_of.make is the segmenter that replays it)."""
    quiet = [labels.index('background'), labels.index('other')]
    other = labels.index('other')
    events = [i for i in range(len(labels)) if i not in quiet]

    def scores_of(scene):
        s = net_weight * scene['net'] + (1 - net_weight) * scene['trees']
        near = np.isin(scene['near'], quiet)
        moved = s[near][:, events].sum(1)
        s[np.ix_(near, events)] *= keep
        s[near, other] += moved * (1 - keep)
        if ratio:
            s[:, events] = s[:, events] / (s[:, events] + s[:, [other]] + 1e-6)
        if other_margin is not None:
            over = s[:, [other]] - s[:, events] - other_margin
            s[:, events] = np.where(over > 0, 0.0, s[:, events])
        return s
    scores_of.rule = [keep, net_weight, other_margin, ratio]
    scores_of.make = None
    if pool is not None:
        scores_of.rule += [pool, win]
        scores_of.make = whole_sound.variant(pool, win)
    return scores_of


def per_label(sets, labels, scores_of, settings, threshold):
    """({label: false events}, {label: (hits at 1 s, truth, detections)}, hours) of one
    threshold for every label, over the scene sets."""
    false = {l: 0 for l in sr.TARGETS}
    counts = {l: [0, 0, 0] for l in sr.TARGETS}
    hours = 0.0
    points = {l: threshold for l in sr.TARGETS}
    for scenes in sets:
        r = sr.replay(scenes, labels, points, settings, threshold, scores_of=scores_of,
                      make=scores_of.make)
        hours += sum(s['seconds'] for s in scenes) / 3600
        for d in r['scenes']:
            for ev in sed.false_events(d['truth'], d['detected']):
                false[ev['event_label']] += 1
        for l in sr.TARGETS:
            row = r['per_class'][l]
            f1 = row['event_f1_1s'] or 0.0
            n_ref, n_det = row['reference'], row['detected']
            # hits from F1 = 2H / (ref + det)
            counts[l][0] += f1 * (n_ref + n_det) / 2
            counts[l][1] += n_ref
            counts[l][2] += n_det
    return false, counts, hours


def choose(sets, labels, scores_of, settings, limit, budget=None, start=None, fixed=None):
    """Per-label points: within `limit` false events an hour each (round 11's rule), or with
    `budget`, greedily: every label starts at the grid's top, and the move (a label to a lower
    point) that gains most event F1 at 1 s over all labels per false event it adds is taken
    while the false events an hour of all labels together stay within the budget; `start`:
    the points to start from instead (then no label's point goes above its start); `fixed`:
    {label: point} kept as they are (their false events count in the budget)."""
    table = tables(sets, labels, scores_of, settings)
    if budget is not None:
        return greedy(table, budget, start, fixed)
    points = {}
    for l in sr.TARGETS:
        ok = []
        for t, (false, counts, hours) in table.items():
            hits, ref, det = counts[l]
            f1 = 2 * hits / (ref + det) if ref + det else 0.0
            if false[l] / hours <= limit:
                ok.append((round(f1, 4), t))
        points[l] = max(ok)[1] if ok else max(GRID)
    return points


def tables(sets, labels, scores_of, settings):
    """per_label() at every threshold of GRID, kept on disk by rule, settings and scene sets
    (budgets and later runs reuse them)."""
    key = hashlib.sha1(json.dumps([scores_of.rule, settings, GRID, [
        [s['name'], len(s['scores']), float(s['scores'].sum())] for scenes in sets
        for s in scenes]], sort_keys=True).encode()).hexdigest()[:16]
    path = sr.BUILD / 'decision_screen' / (key + '.pkl')
    if path.is_file():
        return pickle.loads(path.read_bytes())
    table = {t: per_label(sets, labels, scores_of, settings, t) for t in GRID}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(table))
    return table


def greedy(table, budget, start=None, fixed=None):
    hours = next(iter(table.values()))[2]
    at = dict(start) if start else {l: max(GRID) for l in sr.TARGETS}
    at.update(fixed or {})

    def totals(points):
        h = sum(table[t][1][l][0] for l, t in points.items())
        ref = sum(table[t][1][l][1] for l, t in points.items())
        det = sum(table[t][1][l][2] for l, t in points.items())
        false = sum(table[t][0][l] for l, t in points.items())
        return 2 * h / (ref + det) if ref + det else 0.0, false / hours

    f1, false = totals(at)
    while True:
        best = None
        for l in sr.TARGETS:
            if l in (fixed or {}):
                continue
            for t in GRID:
                if t >= at[l]:
                    continue
                tried = dict(at, **{l: t})
                f1_t, false_t = totals(tried)
                if false_t > budget or f1_t <= f1 + 1e-9:
                    continue
                gain = (f1_t - f1) / max(false_t - false, 0.01)
                if best is None or gain > best[0]:
                    best = (gain, tried, f1_t, false_t)
        if best is None:
            return at
        _, at, f1, false = best


def score(sets, labels, scores_of, settings, points):
    """Mean over the sets of sed.report's figures; false events an hour over all their hours."""
    rows = [sr.replay(scenes, labels, points, settings, max(GRID), scores_of=scores_of,
                      make=scores_of.make) for scenes in sets]
    hours = {k: sum(r['kinds'][k]['hours'] for r in rows) for k in ('quiet', 'unfamiliar',
                                                                    'plain', 'all')}
    false = {k: round(sum(r['kinds'][k]['false_events'] for r in rows) / hours[k], 2)
             for k in hours}
    m = lambda k: round(float(np.mean([r[k] for r in rows])), 3)
    return {'false_per_hour': false, 'event_f1_200ms': m('event_f1_200ms'),
            'event_f1_1s': m('event_f1_1s'), 'segment_f1_1s': m('segment_f1_1s'),
            'recall_1s': m('event_recall_1s'),
            'onset_median_ms': m_none([r['onset_error_ms']['median'] for r in rows]),
            'per_set': [{'false_unfamiliar': r['false_events_per_hour']['unfamiliar'],
                         'false_plain': r['false_events_per_hour']['plain'],
                         'f1': [r['event_f1_200ms'], r['event_f1_1s'], r['segment_f1_1s']]}
                        for r in rows]}


def m_none(values):
    values = [v for v in values if v is not None]
    return round(float(np.mean(values)), 1) if values else None


def row(name, r):
    f = r['false_per_hour']
    return '| %s | %s | %s | %s | %.3f | %.3f | %.3f | %.3f |' % (
        name, f['all'], f['unfamiliar'], f['plain'], r['event_f1_200ms'], r['event_f1_1s'],
        r['segment_f1_1s'], r['recall_1s'])


RULES = {
    'shipped (keep 0.5)': {},
    'no prototypes (keep 1)': {'keep': 1.0},
    'keep 0.7': {'keep': 0.7},
    'net 2 : trees 1': {'net_weight': 2 / 3},
    'ratio to other': {'ratio': True},
    'keep 1, ratio to other': {'keep': 1.0, 'ratio': True},
    'net alone': {'net_weight': 1.0},
    'trees alone': {'net_weight': 0.0},
    'net alone, no prototypes (keep 1)': {'net_weight': 1.0, 'keep': 1.0},   # round 15
    'no smoothing': {'settings': {'smooth': 1}},
    'smoothing over 3': {'settings': {'smooth': 3}},
    'gate 5 / 3 / 5 dB': {'settings': {'rise_db': 5.0}},
    'gate 4 / 2 / 5 dB': {'settings': {'rise_db': 4.0, 'high_db': 2.0}},
}
# round 14: the whole sound's pooled scores open its event (experiments/whole_sound.py)
RULES.update({'whole sound, %s, %s' % (pool, win): {'pool': pool, 'win': win}
              for pool in whole_sound.POOLS for win in whole_sound.WINS})
# ... with no window's score moved to `other` by its nearest prototype: `other` wins a sound
# only on the pooled scores
RULES.update({'whole sound, %s, all, keep 1' % pool: {'pool': pool, 'win': 'all', 'keep': 1.0}
              for pool in whole_sound.POOLS})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default=str(MODEL))
    ap.add_argument('--choose', nargs='+', type=int, default=[0, 1, 3, 4, 5])
    ap.add_argument('--check', nargs='+', type=int, default=[2, 6, 7])
    ap.add_argument('--limit', type=float, default=0.5)
    ap.add_argument('--budget', type=float, nargs='+', default=None, help='false events an hour of all '
                    'labels together over the choosing sets (greedy choice; default: --limit '
                    'per label)')
    ap.add_argument('--from-shipped', action='store_true', help='greedy moves start from the '
                    "bundle's own points and only lower them (recall only)")
    ap.add_argument('--keep-point', nargs='+', default=[], metavar='LABEL',
                    help="labels whose point stays the bundle's own")
    ap.add_argument('--rules', nargs='+', default=list(RULES))
    ap.add_argument('--out', default=str(ROOT / 'experiments' / 'results' /
                                         'decision_screen.json'))
    args = ap.parse_args()
    model = Path(args.model)
    labels = sr.labels_of(model)
    shipped_points, on, settings = sr.bundle_points(model)
    # a bundle without per-label points (a held-out student) opens every label at its one point
    shipped_points = shipped_points or {l: on for l in sr.TARGETS}
    choose_sets = [sr.scored_set(model, s) for s in args.choose]
    check_sets = [sr.scored_set(model, s) for s in args.check]
    results = {}
    base = composer(labels)
    results['shipped, its points'] = {
        'points': shipped_points,
        'choose': score(choose_sets, labels, base, settings, shipped_points),
        'check': score(check_sets, labels, base, settings, shipped_points)}
    for name in tqdm(args.rules, desc='rules'):
        rule = dict(RULES[name])
        used = dict(settings or {}, **rule.pop('settings', {}))
        scores_of = composer(labels, **rule)
        for budget in args.budget or [None]:
            points = choose(choose_sets, labels, scores_of, used, args.limit, budget,
                            shipped_points if args.from_shipped else None,
                            {l: shipped_points[l] for l in args.keep_point})
            tag = name if budget is None else '%s, budget %s/h' % (name, budget)
            tag += ', lowered from its points' if args.from_shipped else ''
            tag += ''.join(', %s kept' % l for l in args.keep_point)
            results[tag] = {'rule': RULES[name], 'budget': budget, 'points': points,
                            'choose': score(choose_sets, labels, scores_of, used, points),
                            'check': score(check_sets, labels, scores_of, used, points)}
    for part, seeds in (('choose', args.choose), ('check', args.check)):
        print('\n%s sets (seeds %s)\n| rule, points chosen again | false/h all | unfamiliar | '
              'plain | event F1 200 ms | 1 s | segment F1 | recall 1 s |\n'
              '|---|---|---|---|---|---|---|---|' % (part, seeds))
        for name, r in results.items():
            print(row(name, r[part]))
    for name, r in results.items():
        print(name, json.dumps(r['points']))
    Path(args.out).write_text(json.dumps({'model': str(model), 'choose': args.choose,
                                          'check': args.check, 'limit': args.limit,
                                          'budget': args.budget,
                                          'from_shipped': args.from_shipped,
                                          'kept': args.keep_point,
                                          'results': results}, indent=1) + '\n')


if __name__ == '__main__':
    main()
