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

Then, per kind of scene (training/scenes.py: mixed, quiet, unfamiliar, plain; from the folder's
scenes.json, else the name's `<kind>_` prefix, else mixed) and over all:
- false events per hour: detections with one of the nine labels that overlap no truth event (of
  any label), per hour of scene audio (the length from scenes.json, else the scene's WAV);
- event F1 at 200 ms and 1 s and segment F1 on that kind's scenes alone;
- onset and offset errors of matched events (a detection and a truth event of the same label that
  overlap, paired one to one, closest onsets first): median and 90th percentile of the absolute
  error in ms, and the median signed error (detected minus true: > 0 is late).
Several folders can be scored together (`earmark evaluate-scenes A B C`); `--json` also writes the
summary to a file.
"""
import json
import math
from pathlib import Path

import numpy as np
import sed_eval

from .scenes import KINDS, TARGETS

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


def scene_facts(folder):
    """{scene name: {'kind', 'seconds'}} from the folder's scenes.json ({} without one)."""
    path = Path(folder) / 'scenes.json'
    if not path.exists():
        return {}
    record = json.loads(path.read_text())
    facts = {}
    for s in record.get('scenes', []):
        seconds = s.get('seconds')
        if seconds is None and record.get('minutes') is not None:
            seconds = int(record['minutes'] * 60 * 16000) / 16000
        facts[s['name']] = {'kind': s.get('kind', record.get('kind', 'mixed')),
                            'seconds': seconds}
    return facts


def collect(folders, labels=TARGETS):
    """[{'name', 'kind', 'seconds', 'truth', 'detected'}] for every scene in the folders (truth
    and detections in read_events' form; seconds None when neither scenes.json nor a WAV says).
    Names clashing between folders get the folder's name in front."""
    import soundfile
    found = []
    for folder in folders:
        facts = scene_facts(folder)
        for name, truth_path, detected_path in pairs(folder):
            detected = read_events(detected_path)
            unknown = [e for e in detected if e['event_label'] not in tuple(labels) + NOT_EVENTS]
            if unknown:
                raise ValueError('%s: unknown label %r'
                                 % (detected_path, unknown[0]['event_label']))
            fact = facts.get(name, {})
            prefix = name.split('_')[0]
            kind = fact.get('kind') or (prefix if prefix in KINDS else 'mixed')
            seconds = fact.get('seconds')
            wav = Path(folder) / (name + '.wav')
            if seconds is None and wav.exists():
                seconds = soundfile.info(str(wav)).duration
            found.append({'name': name, 'folder': str(folder), 'kind': kind,
                          'seconds': seconds, 'truth': read_events(truth_path),
                          'detected': detected})
    names = [s['name'] for s in found]
    for s in found:
        if names.count(s['name']) > 1:
            s['name'] = '%s/%s' % (Path(s['folder']).name, s['name'])
    return found


def evaluate(folder, labels=TARGETS):
    """{metric: sed_eval metrics object} over every scene in the folder, and the count of
    detections left out as not events."""
    return score([(s['name'], s['truth'], s['detected']) for s in collect([folder], labels)],
                 labels)


def overlap(a, b):
    """Do two events (onset, offset in seconds) share any time?"""
    return a['onset'] < b['offset'] and b['onset'] < a['offset']


def false_events(truth, detected, labels=TARGETS):
    """The detections with one of `labels` that overlap no truth event at all (a wrong label
    over a true event is a confusion, not a false event)."""
    return [d for d in detected if d['event_label'] in labels
            and not any(overlap(d, t) for t in truth)]


def edge_errors(truth, detected):
    """[(onset error, offset error)] in seconds (detected minus true) of matched events: a
    detection and a truth event of the same label that overlap, paired one to one, the pairs
    with the closest onsets first."""
    candidates = sorted((abs(d['onset'] - t['onset']), i, j)
                        for i, t in enumerate(truth) for j, d in enumerate(detected)
                        if d['event_label'] == t['event_label'] and overlap(d, t))
    used_t, used_d, pairs_ = set(), set(), []
    for _, i, j in candidates:
        if i in used_t or j in used_d:
            continue
        used_t.add(i)
        used_d.add(j)
        pairs_.append((i, j))
    return [(detected[j]['onset'] - truth[i]['onset'], detected[j]['offset'] - truth[i]['offset'])
            for i, j in sorted(pairs_)]


def error_percentiles(errors):
    """{'median', 'p90', 'signed_median'} in ms of signed errors in seconds (None without any)."""
    if not len(errors):
        return {'median': None, 'p90': None, 'signed_median': None}
    e = np.asarray(errors, dtype=float) * 1000
    return {'median': round(float(np.percentile(np.abs(e), 50)), 1),
            'p90': round(float(np.percentile(np.abs(e), 90)), 1),
            'signed_median': round(float(np.median(e)), 1)}


def per_hour(count, seconds):
    return None if not seconds else round(count * 3600.0 / seconds, 2)


def door(scenes, labels=TARGETS):
    """False events per hour, F1s and edge errors per kind of scene and over all, for
    collect()'s scenes."""
    labels = tuple(labels)
    kinds = [k for k in KINDS if any(s['kind'] == k for s in scenes)]
    kinds += sorted({s['kind'] for s in scenes} - set(kinds))
    out = {'kinds': {}, 'false_events_per_hour': {}}
    onsets, offsets = [], []
    for kind in kinds + ['all']:
        chosen = [s for s in scenes if kind == 'all' or s['kind'] == kind]
        kept = [[e for e in s['detected'] if e['event_label'] not in NOT_EVENTS] for s in chosen]
        false = sum(len(false_events(s['truth'], d, labels)) for s, d in zip(chosen, kept))
        known = [s['seconds'] for s in chosen if s['seconds'] is not None]
        seconds = sum(known) if len(known) == len(chosen) else None
        metrics, _ = score([(s['name'], s['truth'], s['detected']) for s in chosen], labels)
        row = {'scenes': len(chosen), 'hours': None if seconds is None else
               round(seconds / 3600, 4), 'truth_events': sum(len(s['truth']) for s in chosen),
               'detected_events': sum(map(len, kept)), 'false_events': false,
               'false_events_per_hour': per_hour(false, seconds)}
        for name in ('event_f1_200ms', 'event_f1_1s', 'segment_f1_1s'):
            row[name] = _number(metrics[name].results_overall_metrics()['f_measure']['f_measure'])
        if kind != 'all':
            for s, d in zip(chosen, kept):
                errors = edge_errors(s['truth'], d)
                onsets += [e[0] for e in errors]
                offsets += [e[1] for e in errors]
        out['kinds'][kind] = row
        out['false_events_per_hour'][kind] = row['false_events_per_hour']
    out['matched_events'] = len(onsets)
    out['onset_error_ms'] = error_percentiles(onsets)
    out['offset_error_ms'] = error_percentiles(offsets)
    return out


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


def door_table(result):
    def cell(v, fmt='%9.3f'):
        return '%9s' % '-' if v is None else fmt % v

    lines = ['%-11s %6s %7s %6s %6s %6s %8s %9s %9s %9s' % (
        'scenes', 'count', 'hours', 'truth', 'det', 'false', 'false/h', 'F1 200ms', 'F1 1s',
        'seg F1')]
    for kind, row in result['kinds'].items():
        lines.append('%-11s %6d %7s %6d %6d %6d %8s %s %s %s' % (
            kind, row['scenes'], '-' if row['hours'] is None else '%.3f' % row['hours'],
            row['truth_events'], row['detected_events'], row['false_events'],
            '-' if row['false_events_per_hour'] is None else '%.1f' % row['false_events_per_hour'],
            cell(row['event_f1_200ms']), cell(row['event_f1_1s']), cell(row['segment_f1_1s'])))
    for edge in ('onset', 'offset'):
        e = result[edge + '_error_ms']
        lines.append('%s error of %d matched events: median %s ms, 90th percentile %s ms, '
                     'median signed %s ms' % (edge, result['matched_events'], e['median'],
                                               e['p90'], e['signed_median']))
    return '\n'.join(lines)


def report(folders, labels=TARGETS):
    """The whole summary (summary() and door()) of the scenes in `folders`."""
    scenes = collect(folders, labels)
    result = summary(*score([(s['name'], s['truth'], s['detected']) for s in scenes], labels),
                     labels=labels)
    result.update(door(scenes, labels))
    return result


def run(args):
    folders = args.dir if isinstance(args.dir, list) else [args.dir]
    result = report(folders)
    print(table(result))
    print()
    print(door_table(result))
    if getattr(args, 'json', None):
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=1, sort_keys=True) + '\n')
    print(json.dumps(result, sort_keys=True))
