"""Held-out students of two recipes, seed by seed and their mean: clips (experiments/heldout.py's
results) beside the door scenes (experiments/students_on_doors.py's). Round 24 compares the
default's 8-16-32 net with the PSRAM board's 16-32-64 over three seeds; both scripts must have
run for every student named.

    .venv/bin/python experiments/seed_table.py \
        --recipe small distilled-r22-bands-kinds distilled-r24-small-s1 distilled-r24-small-s2 \
        --recipe wide distilled-16-32-64-r23-wide distilled-16-32-64-r24-wide-s1 \
            distilled-16-32-64-r24-wide-s2
"""
import argparse
import json
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).resolve().parent / 'results'
COLUMNS = (('clip macro-F1', 'clip', 'clip_macro_f1', 1, 3),
           ('held-out other named an event %', 'clip', 'held_out_other_given_an_event_label',
            100, 1),
           ('unheard kinds named an event %', 'clip', 'unheard_kinds_given_an_event_label', 100, 1),
           ('false/h', 'door', 'false_all', 1, 2),
           ('unfamiliar false/h', 'door', 'false_unfamiliar', 1, 1),
           ('event F1 200 ms', 'door', 'event_f1_200ms', 1, 3),
           ('event F1 1 s', 'door', 'event_f1_1s', 1, 3),
           ('segment F1', 'door', 'segment_f1_1s', 1, 3))


def figures(student, clips, doors):
    if student not in clips or student not in doors:
        raise SystemExit('%s: run heldout.py and students_on_doors.py for it first' % student)
    return {name: scale * (clips[student][key] if part == 'clip' else doors[student]['mean'][key])
            for name, part, key, scale, _ in COLUMNS}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--recipe', nargs='+', action='append', required=True,
                    metavar=('NAME', 'STUDENT'), help='a name, then its students')
    args = ap.parse_args()
    clips = json.loads((RESULTS / 'heldout.json').read_text())
    doors = json.loads((RESULTS / 'students_on_doors.json').read_text())
    print('| recipe | student | ' + ' | '.join(c[0] for c in COLUMNS) + ' |')
    print('|---|---|' + '---|' * len(COLUMNS))
    for name, *students in args.recipe:
        rows = [figures(s, clips, doors) for s in students]
        for student, r in zip(students, rows):
            print('| %s | %s | ' % (name, student) + ' | '.join(
                '%.*f' % (c[4], r[c[0]]) for c in COLUMNS) + ' |')
        print('| **%s** | **mean of %d** | ' % (name, len(rows)) + ' | '.join(
            '**%.*f**' % (c[4], np.mean([r[c[0]] for r in rows])) for c in COLUMNS) + ' |')


if __name__ == '__main__':
    main()
