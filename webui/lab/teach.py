"""Teaching a personal head (device/personal.py) from labelled examples' embeddings, and judging
it by leave-one-out. Plain Python that runs in MicroPython (the browser's port; the unix port
for `earmark personal teach`) and CPython alike: the one copy of the teaching.

An example is the int8 embedding of the window that opened an event (what the device stores and
the head is later asked about). Every example becomes a prototype. A sound's reach (squared
distance) is REACH_SCALE times the farthest any example lies from its nearest fellow example
(leave-one-out), never under MIN_REACH, and, where negatives are given (events of the same
recordings or the household's store that are not this sound), under NEGATIVE_MARGIN times the
nearest negative's distance: the scale and floors are chosen on generated scenes
(experiments/personal_doorbell.py).
"""
import personal

MIN_EXAMPLES = 3        # fewer: taught, with a warning
REACH_SCALE = 4         # squared distance: twice the farthest leave-one-out distance
MIN_REACH = 2500        # squared: 50 int8 steps of distance
NEGATIVE_MARGIN = 0.5   # squared: 0.7 of the way to the nearest negative


def distance(a, b):
    d = 0
    for i in range(len(a)):
        x = a[i] - b[i]
        d += x * x
    return d


def reach(protos, negatives=()):
    spread = 0
    for i, p in enumerate(protos):
        near = None
        for j, q in enumerate(protos):
            if i != j:
                d = distance(p, q)
                near = d if near is None or d < near else near
        if near is not None and near > spread:
            spread = near
    r = max(MIN_REACH, REACH_SCALE * spread)
    for n in negatives:
        for p in protos:
            cap = int(NEGATIVE_MARGIN * distance(p, n))
            if cap < r:
                r = cap
    return r


def teach(examples, model, dim, negatives=()):
    """A head (a dict, personal.load's format) from {label: [embedding, ...]}."""
    sounds = []
    for label in sorted(examples):
        protos = [list(e) for e in examples[label]][:personal.MAX_PROTOTYPES]
        if not protos:
            raise ValueError('personal: %s has no examples' % label)
        others = list(negatives)
        for other in examples:
            if other != label:
                others += examples[other]
        sounds.append({'label': label, 'reach': reach(protos, others), 'prototypes': protos})
    return {'format': personal.FORMAT, 'model': model, 'dim': dim, 'sounds': sounds}


def warnings(examples):
    return ['%s: %d example%s; %d or more make a surer sound' % (
        label, len(e), '' if len(e) == 1 else 's', MIN_EXAMPLES)
        for label, e in sorted(examples.items()) if len(e) < MIN_EXAMPLES]


def cross_validate(examples, model, dim, negatives=()):
    """Leave-one-out: each example (and each negative, as 'none') judged by a head taught on
    the rest. Returns {'accuracy': share right, 'confusion': {truth: {answer: count}}}; an
    answer is a label or 'none'."""
    confusion = {}
    right = total = 0
    cases = [(label, i) for label in sorted(examples) for i in range(len(examples[label]))]
    cases += [('none', i) for i in range(len(negatives))]
    for truth, i in cases:
        if truth == 'none':
            rest, negs, probe = examples, negatives[:i] + negatives[i + 1:], negatives[i]
        else:
            probe = examples[truth][i]
            rest = {k: (v[:i] + v[i + 1:] if k == truth else v) for k, v in examples.items()}
            rest = {k: v for k, v in rest.items() if v}
            negs = negatives
        if not rest:
            continue
        head = personal.load(_dumps(teach(rest, model, dim, negs)), dim=dim)
        m = head.match(probe)
        answer = m[0] if m else 'none'
        row = confusion.setdefault(truth, {})
        row[answer] = row.get(answer, 0) + 1
        right += answer == truth
        total += 1
    return {'accuracy': right / total if total else None, 'confusion': confusion}


def _dumps(head):
    import json
    return json.dumps(head)


def session(examples, negatives, model, dim):
    """What the lab shows after Teach: the head, its leave-one-out judgement, the warnings."""
    return {'head': teach(examples, model, dim, negatives),
            'cv': cross_validate(examples, model, dim, negatives),
            'warnings': warnings(examples)}
