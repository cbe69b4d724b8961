"""Teaching a personal head (device/personal.py) from labelled examples' embeddings, and judging
it by leave-one-out. Plain Python that runs in MicroPython (the browser's port; the unix port
for `earmark personal teach`) and CPython alike: the one copy of the teaching.

An example is the stored embedding (labcore.stored) of a window of the sound: the window that
opened an event, or one of a recording's loudest windows. Every example becomes a prototype (at
most personal.MAX_PROTOTYPES, taken in turn from each recording). A sound's reach (squared
distance) is REACH, and where negatives are given (the recordings' or the household's events
that are not this sound, or another taught sound's examples) less than NEGATIVE_MARGIN times the
nearest one's distance. REACH is measured (experiments/personal_doorbell.py, 11 doorbells, 3.7 h
of generated doorsteps): squared distances of a doorbell's own events to its prototypes have a
median of 2,900 and a 90th percentile of 4,800; other doorbells 3,100 at their 10th percentile,
other sounds 11,300. Squared distances are integers: a board, the browser and a computer agree.
"""
import personal

MIN_EXAMPLES = 3        # fewer recordings: taught, with a warning
REACH = 5000            # squared int8 distance (about 71 steps): see above
NEGATIVE_MARGIN = 0.5   # squared: 0.7 of the way to the nearest negative


def distance(a, b):
    d = 0
    for i in range(len(a)):
        x = a[i] - b[i]
        d += x * x
    return d


def reach(protos, negatives=()):
    r = REACH
    for n in negatives:
        for p in protos:
            cap = int(NEGATIVE_MARGIN * distance(p, n))
            if cap < r:
                r = cap
    return r


def _flat(recordings):
    """Examples taken in turn from each recording, so a cut at MAX_PROTOTYPES keeps them all."""
    out = []
    for k in range(max([len(r) for r in recordings] or [0])):
        out += [r[k] for r in recordings if k < len(r)]
    return out


def teach(examples, model, dim, negatives=(), embedding='stored', windows=1):
    """A head (a dict, personal.load's format) from {label: [recording, ...]}, a recording being
    the list of its examples' embeddings (one for a labelled event, more for a file);
    `embedding` says which: 'stored' (events' embeddings as the store keeps them) or 'net' (the
    net's own, or another of personal.KINDS, put to every window by personal.Watch, which
    wants `windows` in a row to match)."""
    sounds = []
    for label in sorted(examples):
        protos = [list(e) for e in _flat(examples[label])][:personal.MAX_PROTOTYPES]
        if not protos:
            raise ValueError('personal: %s has no examples' % label)
        others = list(negatives)
        for other in examples:
            if other != label:
                others += _flat(examples[other])
        sounds.append({'label': label, 'reach': reach(protos, others), 'prototypes': protos})
    head = {'format': personal.FORMAT, 'model': model, 'dim': dim, 'sounds': sounds}
    if embedding != 'stored':
        head['embedding'] = embedding
    if windows != 1:
        head['windows'] = windows
    return head


def warnings(examples):
    return ['%s: %d recording%s; %d or more make a surer sound' % (
        label, len(recs), '' if len(recs) == 1 else 's', MIN_EXAMPLES)
        for label, recs in sorted(examples.items()) if len(recs) < MIN_EXAMPLES]


def cross_validate(examples, model, dim, negatives=()):
    """Leave one recording out: each (and each negative, as 'none') judged by a head taught on
    the rest. Returns {'accuracy': share right, 'confusion': {truth: {answer: count}}}; an
    answer is a label or 'none'. A recording counts as found when most of its examples are."""
    confusion = {}
    right = total = 0
    cases = [(label, i) for label in sorted(examples) for i in range(len(examples[label]))]
    cases += [('none', i) for i in range(len(negatives))]
    for truth, i in cases:
        if truth == 'none':
            rest, negs, probes = examples, negatives[:i] + negatives[i + 1:], [negatives[i]]
        else:
            probes = examples[truth][i]
            rest = {k: (v[:i] + v[i + 1:] if k == truth else v) for k, v in examples.items()}
            rest = {k: v for k, v in rest.items() if v}
            negs = negatives
        if not rest:
            continue
        head = personal.load(_dumps(teach(rest, model, dim, negs)), dim=dim)
        votes = {}
        for p in probes:
            m = head.match(p)
            a = m[0] if m else 'none'
            votes[a] = votes.get(a, 0) + 1
        answer = max(sorted(votes), key=lambda a: votes[a])
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
