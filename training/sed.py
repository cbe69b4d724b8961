"""Scores detections against the scenes' truth with the DCASE conventions, through sed_eval.

For every `<scene>.tsv` truth in a folder (onset, offset, label; see training/scenes.py) the
detections are `<scene>.detected.tsv` (same format) or `<scene>.detected.jsonl` (what
`earmark detect` prints: one {"start", "end", "label", "confidence"} object a line). Scores:
- event-based F1, onset collar 200 ms, offset collar max(200 ms, 20 % of the event);
- the same with a 1 s collar;
- event-based F1 on onsets alone (200 ms), which says whether misses come from the offsets;
- segment-based F1 over 1 s segments;
overall (micro-averaged over events) and per class; a JSON summary is the last line printed.
Detections labelled `background` or `other` are not events; they are counted and left out.
"""
import json
import math
from pathlib import Path

import sed_eval

from .scenes import TARGETS

NOT_EVENTS = ('background', 'other')
METRICS = {
    'event_f1_200ms': lambda labels: sed_eval.sound_event.EventBasedMetrics(
        labels, t_collar=0.2, percentage_of_length=0.2),
    'event_f1_1s': lambda labels: sed_eval.sound_event.EventBasedMetrics(
        labels, t_collar=1.0, percentage_of_length=0.2),
    'onset_f1_200ms': lambda labels: sed_eval.sound_event.EventBasedMetrics(
        labels, t_collar=0.2, evaluate_offset=False),
    'segment_f1_1s': lambda labels: sed_eval.sound_event.SegmentBasedMetrics(
        labels, time_resolution=1.0),
}


def read_events(path):
    """[{'onset', 'offset', 'event_label'}] from a .tsv event list or JSON lines."""
    path = Path(path)
    events = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                if path.suffix == '.jsonl':
                    if not line.startswith('{'):
                        continue        # log lines around the events
                    item = json.loads(line)
                    if 'label' not in item:
                        continue        # a status or summary object
                    onset, offset, label = float(item['start']), float(item['end']), item['label']
                else:
                    fields = line.split('\t')
                    if n == 1 and fields[0] in ('onset', 'filename'):
                        continue        # a header
                    onset, offset, label = float(fields[-3]), float(fields[-2]), fields[-1]
            except (ValueError, KeyError, IndexError) as exc:
                raise ValueError('%s:%d: not an event (%s): %r' % (path, n, exc, line))
            if offset < onset:
                raise ValueError('%s:%d: event ends before it starts: %r' % (path, n, line))
            events.append({'onset': onset, 'offset': offset, 'event_label': label})
    return events


def pairs(folder):
    """[(scene name, truth path, detections path)] for every truth in the folder."""
    folder = Path(folder)
    found = []
    for truth in sorted(folder.glob('*.tsv')):
        if truth.name.endswith('.detected.tsv'):
            continue
        name = truth.stem
        for suffix in ('.detected.tsv', '.detected.jsonl'):
            detected = folder / (name + suffix)
            if detected.exists():
                found.append((name, truth, detected))
                break
        else:
            raise ValueError('%s: no detections for scene %s (%s.detected.tsv or .jsonl)'
                             % (folder, name, name))
    if not found:
        raise ValueError('%s: no scene truth (*.tsv) here' % folder)
    return found


def evaluate(folder, labels=TARGETS):
    """{metric: sed_eval metrics object} over every scene in the folder, and the count of
    detections left out as not events."""
    scenes = []
    for name, truth_path, detected_path in pairs(folder):
        detected = read_events(detected_path)
        unknown = [e for e in detected if e['event_label'] not in tuple(labels) + NOT_EVENTS]
        if unknown:
            raise ValueError('%s: unknown label %r' % (detected_path, unknown[0]['event_label']))
        scenes.append((name, read_events(truth_path), detected))
    return score(scenes, labels)


def score(scenes, labels=TARGETS):
    """({metric: sed_eval metrics object}, detections left out as not events) for
    [(scene name, truth events, detected events)] in read_events' form."""
    metrics = {name: make(list(labels)) for name, make in METRICS.items()}
    ignored = 0
    for name, truth, detected in scenes:
        kept = [dict(e, filename=name) for e in detected if e['event_label'] not in NOT_EVENTS]
        ignored += len(detected) - len(kept)
        truth = [dict(e, filename=name) for e in truth]
        for m in metrics.values():
            m.evaluate(reference_event_list=truth, estimated_event_list=kept)
    return metrics, ignored


def _number(x):
    """JSON has no NaN: a score with nothing to count (a class absent from truth and
    detections) is null."""
    return None if x is None or math.isnan(x) else round(float(x), 4)


def summary(metrics, ignored, labels=TARGETS):
    out = {'ignored_detections': ignored, 'per_class': {}}
    for name, m in metrics.items():
        overall = m.results_overall_metrics()
        out[name] = _number(overall['f_measure']['f_measure'])
        out[name.replace('f1', 'precision')] = _number(overall['f_measure']['precision'])
        out[name.replace('f1', 'recall')] = _number(overall['f_measure']['recall'])
        out[name + '_class_average'] = _number(
            m.results_class_wise_average_metrics()['f_measure']['f_measure'])
        for label, r in m.results_class_wise_metrics().items():
            row = out['per_class'].setdefault(label, {})
            row[name] = _number(r['f_measure']['f_measure'])
            if name == 'event_f1_200ms':
                row['reference'] = int(r['count']['Nref'])
                row['detected'] = int(r['count']['Nsys'])
    return out


def table(result, labels=TARGETS):
    names = list(METRICS)

    def cells(values):
        return ' '.join('%14s' % ('-' if v is None else '%.3f' % v) for v in values)

    lines = ['%-15s %5s %5s ' % ('class', 'ref', 'det') + ' '.join('%14s' % n for n in names)]
    for label in labels:
        row = result['per_class'][label]
        lines.append('%-15s %5d %5d ' % (label, row['reference'], row['detected'])
                     + cells(row[n] for n in names))
    lines.append('%-27s ' % 'overall (micro)' + cells(result[n] for n in names))
    lines.append('%-27s ' % 'class average' + cells(result[n + '_class_average'] for n in names))
    return '\n'.join(lines)


def run(args):
    metrics, ignored = evaluate(args.dir)
    result = summary(metrics, ignored)
    print(table(result))
    print(json.dumps(result, sort_keys=True))
