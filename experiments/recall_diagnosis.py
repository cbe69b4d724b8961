"""Where the held-out door scenes' events are lost (round 13): the segmenter's gate, the labels,
or the edges. Replays (experiments/scene_replay.py) of a bundle's window scores on the scene
sets of --seeds, with and without the gate, beside an ideal classifier (every window that
overlaps a true event by GRACE seconds or more scores that event's label 1, every other window
`other` 1) with and without the gate. Then every true event of the quiet and unfamiliar
doorsteps gets one fate under the bundle as shipped:
- hit: a detection of its label within the 1 s collar (onset 1 s, offset max(1 s, 20 %));
- edges: a detection of its label overlaps it, but not within that collar;
- wrong label: only detections of other labels overlap it;
- gated: nothing overlaps it, and without the gate a detection of its label would have;
- called other / background / below threshold (its own label top but under its point) /
  another label under its point: nothing overlaps it, by the top label of the mean scores
  over the windows that overlap it.
Counted by SNR band too. Writes experiments/results/recall_diagnosis.json.

    .venv/bin/python experiments/recall_diagnosis.py [--model B] [--seeds 0 1 2]
    .venv/bin/python experiments/recall_diagnosis.py --model A+B --points P --trees 0.2 \
        --out recall_diagnosis_r28.json

A+B is the bundle joining A's pair and B's net (scene_replay.joined_set), `--points` a bundle
whose per-label points and segmenter settings are replayed, `--trees` the trees' share.
"""
import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'experiments'))
import scene_replay as sr   # noqa: E402

GRACE = 0.1
NO_GATE = {'rise_db': -100.0, 'high_db': -100.0, 'gate_run': 1}
FS = 256 / 16000


def window_spans(n):
    return [(w * sr.HOP_FRAMES * FS, (w * sr.HOP_FRAMES + sr.WINDOW_FRAMES) * FS)
            for w in range(n)]


def ideal_scores(labels):
    def scores(scene):
        n = len(scene['scores'])
        out = np.zeros((n, len(labels)), np.float32)
        for w, (a, b) in enumerate(window_spans(n)):
            best, label = 0.0, 'other'
            for t in scene['truth']:
                over = min(b, t['offset']) - max(a, t['onset'])
                if over >= GRACE and over > best:
                    best, label = over, t['event_label']
            out[w, labels.index(label)] = 1.0
        return out
    return scores


def snr_of(seed):
    """{(kind/name, onset rounded to ms): snr_db} from the scene sets' scenes.json."""
    folder = sr.scene_folder(seed)
    out = {}
    for kind in sr.KINDS:
        import ast
        for s in json.loads((folder / kind / 'scenes.json').read_text())['scenes']:
            events = s['events']
            events = ast.literal_eval(events) if isinstance(events, str) else events
            for e in events:
                out[('%s/%s' % (kind, s['name']), round(e['onset'], 3))] = e.get('snr_db')
    return out


def overlaps(d, t):
    return d['onset'] < t['offset'] and t['onset'] < d['offset']


def within_1s(d, t):
    return (abs(d['onset'] - t['onset']) <= 1.0 and
            abs(d['offset'] - t['offset']) <= max(1.0, 0.2 * (t['offset'] - t['onset'])))


def fates(shipped, ungated, scenes, labels, thresholds, on):
    """[(fate, label, kind/name, onset)] of every true event (quiet and unfamiliar scenes)."""
    out = []
    by_name = {'%s/%s' % (s['kind'], s['name']): s for s in scenes}
    for run, free in zip(shipped['scenes'], ungated['scenes']):
        scene = by_name[run['name']]
        spans = window_spans(len(scene['scores']))
        det = [d for d in run['detected'] if d['event_label'] in sr.TARGETS]
        for t in run['truth']:
            label = t['event_label']
            same = [d for d in det if d['event_label'] == label and overlaps(d, t)]
            if any(within_1s(d, t) for d in same):
                fate = 'hit'
            elif same:
                fate = 'edges'
            elif any(overlaps(d, t) for d in det):
                fate = 'wrong label'
            elif any(d['event_label'] == label and overlaps(d, t) for d in free['detected']):
                fate = 'gated'
            else:
                ws = [w for w, (a, b) in enumerate(spans)
                      if min(b, t['offset']) - max(a, t['onset']) >= GRACE]
                mean = scene['scores'][ws].mean(0) if ws else np.zeros(len(labels))
                top = labels[int(np.argmax(mean))]
                if top in ('other', 'background'):
                    fate = 'called ' + top
                elif top == label:
                    fate = 'below its point'
                else:
                    fate = 'another label below its point'
            out.append((fate, label, run['name'], t['onset']))
    return out


def parts_called_other(members, seed, events, labels, trees):
    """Counter of what each part tops the mean of an event's windows with, over the `events`
    called `other` (the first member's trees, its net, the pair before the open-set check), and
    of the top label of every plain-bed window."""
    sets = [sr.joined_set([m], seed) for m in members]
    share = trees if trees is not None else 0.5
    by_name = {'%s/%s' % (s['kind'], s['name']): j for j, s in enumerate(sets[0])}
    c = Counter()
    for ev in events:
        j = by_name[ev['scene']]
        scene = sets[0][j]
        t = next(t for t in scene['truth'] if abs(t['onset'] - ev['onset']) < 1e-3)
        ws = [w for w, (a, b) in enumerate(window_spans(len(scene['trees'])))
              if min(b, t['offset']) - max(a, t['onset']) >= GRACE]
        nets = np.mean([s[j]['net'][ws] for s in sets], axis=0)
        for part, v in (('trees', scene['trees'][ws]), ('net', scene['net'][ws]),
                        ('pair before the check', share * scene['trees'][ws] +
                         (1 - share) * nets)):
            top = labels[int(v.mean(0).argmax())]
            c[part + ': ' + ('own' if top == ev['label'] else
                             top if top in ('other', 'background') else 'another')] += 1
    for scene in sr.joined_set(members, seed, trees):
        if scene['kind'] == 'plain':
            c.update('plain-bed window: ' + labels[i] for i in scene['scores'].argmax(1))
    return c


def figures(r):
    f = r['false_events_per_hour']
    return {'false_per_hour': {k: f[k] for k in ('all', 'quiet', 'unfamiliar', 'plain')},
            'event_f1_200ms': r['event_f1_200ms'], 'event_f1_1s': r['event_f1_1s'],
            'segment_f1_1s': r['segment_f1_1s'],
            'event_recall_1s': r['event_recall_1s'], 'event_precision_1s': r['event_precision_1s'],
            'onset_median_ms': r['onset_error_ms']['median']}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default=str(sr.BUILD / 'op_openset' / 'bundles' / 'old-points'))
    ap.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2])
    ap.add_argument('--points', help='bundle whose points are replayed (default: --model\'s)')
    ap.add_argument('--trees', type=float, help="the trees' share (default: the bundle's)")
    ap.add_argument('--out', default='recall_diagnosis.json')
    args = ap.parse_args()
    members = args.model.split('+')
    model = Path(members[0])
    labels = sr.labels_of(model)
    thresholds, on, settings = sr.bundle_points(Path(args.points or model))
    ideal = ideal_scores(labels)
    rows, all_fates = {}, []
    for seed in args.seeds:
        scenes = sr.joined_set(members, seed, args.trees)
        runs = {
            'model, gated (shipped)': sr.replay(scenes, labels, thresholds, settings, on),
            'model, no gate': sr.replay(scenes, labels, thresholds, dict(settings or {},
                                                                        **NO_GATE), on),
            'ideal classifier, gated': sr.replay(scenes, labels, thresholds, settings, on,
                                                 scores_of=ideal),
            'ideal classifier, no gate': sr.replay(scenes, labels, thresholds,
                                                   dict(settings or {}, **NO_GATE), on,
                                                   scores_of=ideal),
        }
        for name, r in runs.items():
            rows.setdefault(name, []).append(figures(r))
        snr = snr_of(seed)
        for fate, label, name, onset in fates(runs['model, gated (shipped)'],
                                              runs['model, no gate'], scenes, labels,
                                              thresholds, on):
            all_fates.append({'seed': seed, 'fate': fate, 'label': label, 'scene': name,
                              'onset': onset, 'snr_db': snr.get((name, round(onset, 3)))})
    table = {}
    print('| replay | false/h all | unfamiliar | plain | event F1 200 ms | 1 s | segment F1 | '
          'recall 1 s | precision 1 s |\n|---|---|---|---|---|---|---|---|---|')
    for name, per_seed in rows.items():
        m = lambda get: round(float(np.mean([get(r) for r in per_seed])), 3)
        table[name] = {'false_all': m(lambda r: r['false_per_hour']['all']),
                       'false_unfamiliar': m(lambda r: r['false_per_hour']['unfamiliar']),
                       'false_plain': m(lambda r: r['false_per_hour']['plain']),
                       'event_f1_200ms': m(lambda r: r['event_f1_200ms']),
                       'event_f1_1s': m(lambda r: r['event_f1_1s']),
                       'segment_f1_1s': m(lambda r: r['segment_f1_1s']),
                       'recall_1s': m(lambda r: r['event_recall_1s']),
                       'precision_1s': m(lambda r: r['event_precision_1s'])}
        print('| %s | %s |' % (name, ' | '.join(str(v) for v in table[name].values())))
    counts = Counter(f['fate'] for f in all_fates)
    n = len(all_fates)
    print('\n%d true events (quiet and unfamiliar doorsteps, seeds %s):' % (n, args.seeds))
    bands = [(-99, 5), (5, 10), (10, 15), (15, 99)]
    print('| fate | events | share | ' + ' | '.join('SNR %d-%d dB' % (max(a, 0), min(b, 20))
                                                  for a, b in bands) + ' |')
    print('|---|---|---|' + '---|' * len(bands))
    for fate, k in counts.most_common():
        per_band = [sum(1 for f in all_fates if f['fate'] == fate and f['snr_db'] is not None
                        and a <= f['snr_db'] < b) for a, b in bands]
        print('| %s | %d | %.1f %% | %s |' % (fate, k, 100 * k / n,
                                              ' | '.join(str(v) for v in per_band)))
    parts = Counter()
    for seed in args.seeds:
        parts += parts_called_other(members, seed, [f for f in all_fates if f['seed'] == seed
                                                    and f['fate'] == 'called other'],
                                    labels, args.trees)
    print('\nwhat each part says of the events called other, and plain-bed windows:')
    for k, v in sorted(parts.items()):
        print('  %-40s %d' % (k, v))
    per_label = {}
    for f in all_fates:
        per_label.setdefault(f['label'], Counter())[f['fate']] += 1
    print('\nper label:')
    for label, c in sorted(per_label.items()):
        print('  %-15s %s' % (label, dict(c.most_common())))
    out = {'model': args.model, 'points': args.points, 'trees': args.trees, 'seeds': args.seeds,
           'grace_s': GRACE, 'replays': table, 'per_seed': rows, 'fates': dict(counts),
           'parts_of_called_other': dict(parts),
           'per_label': {k: dict(v) for k, v in per_label.items()},
           'events': all_fates}
    (ROOT / 'experiments' / 'results' / args.out).write_text(
        json.dumps(out, indent=1) + '\n')


if __name__ == '__main__':
    main()
