"""`earmark classify FILE...`: a label per sound file, computed by the device code
(training/onboard.py), one JSON line per file.

A file that cannot be read gets one line on stderr and the others are still classified; the exit
status is then 2. A file labelled `other` because its top label scored under that label's
threshold says so in "rule", with the score and the threshold.
"""
import json
import sys


def rule(line, thresholds):
    """Why a file came out `other`, or None for any other label."""
    if line['label'] != 'other':
        return None
    scores = dict(zip(line['labels'], line['scores']))
    top = max(scores, key=scores.get)
    if top == 'other':
        return 'other scored highest'
    return '%s scored highest, %.3f, under its threshold %.2f: other' % (
        top, scores[top], thresholds[top])


def run(args):
    from training import bundle, onboard
    from training.windows import ACTIVE_DB, frames_of
    from . import audio
    meta = bundle.read(args.model)
    named, failed = [], 0
    for path in args.wav:
        try:
            named.append((path, frames_of(audio.read(path))))
        except ValueError as exc:
            print('earmark: error: %s' % exc, file=sys.stderr, flush=True)
            failed += 1
    if named:
        _, lines = onboard.classify(args.model, named, ACTIVE_DB, args.runtime)
        for line in lines:
            # MicroPython's dicts keep no order: scores come over as a list in label order.
            out = {'file': line['file'], 'label': line['label'],
                   'confidence': line['confidence'],
                   'scores': dict(zip(line['labels'], line['scores']))}
            why = rule(line, meta['thresholds'])
            if why:
                out['rule'] = why
            print(json.dumps(out), flush=True)
    return 2 if failed else 0
