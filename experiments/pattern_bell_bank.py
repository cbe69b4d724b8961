"""Other doorbells in the pattern bank: a part of real doorbells' rings, at its own margin,
keeps a household's templates off the neighbours' doorbells without losing its own rings
(issue 25; training/pattern_bank.py ships it).

The guard as judged on the 46 doorbells nobody had heard (experiments/personal_new_doorbells.py,
seed 18; format 2: floor 0.800, each template raised to its best r on its examples' beds and on
the bank of other sounds + 0.020): recall 0.960 at 1.37 false matches an hour, 15 of the 21 on
other doorbells. Its bank held no doorbell (pattern_doorbell_guard.py's 6 choosing doorbells
never bound). There are now 57 doorbells of 53 sources: the sound data's 11 and build/sounds'
46 (experiments/gather_sounds.py).

The doorbells part (training/pattern_bank.py bell_scenes, rings): each doorbell rung 3 to 5 times
in a 1.5-minute doorstep scene of its own (0 to 20 dB over a bed), the steps from 2 s before to
2 s after each ring a stretch. A rule (M, twin): each template raised to its best r on a stretch
+ M, save a stretch it reaches within `twin` of its own lowest r on its other examples (as like
it as its own recordings: the household's own make; None: no such check). The households are
personal_new_doorbells.py's, matched by its numpy simulation (pattern_guard; the simulation's
own teach, as the shipped one in 33 of 46). Two worlds: "unheard", a household's own source's
doorbells never in its bank; "ours in the bank", the household's doorbell one of ours (a stock
chime we have: the shipped bank holds every one). In both, a false match on another doorbell's
ring is counted with that doorbell's source left out of the bank, as it stands for a
neighbour's doorbell nobody has heard (pattern_doorbell_guard.py's leave-out).

Chosen by the most rings found less COST per false match, summed over both worlds (a false
alarm costs two missed rings: recall has the goal's room, false matches none), cross-fitted:
the households split in two by a CRC of their source, each half's choice judged on the other.
The weight and the twin came after a first look (the twin when our own harness doorbell, one of
the bank's, was no longer found; the grid widened twice as the choice sat on its edge), so the
cross-fitted figures, not the table, are the estimate:

  rule (M, twin)         unheard                       ours in the bank
  none (shipped before)  0.960 (723 of 753) at 1.37/h  0.960 at 1.37/h
  (0, None)              0.946 at 0.59/h               0.448 at 0.00/h
  (40, 90), chosen       0.955 (719) at 0.52/h         0.952 (717) at 0.52/h
  cross-fitted           0.955 (719) at 0.72/h         0.942 (709) at 0.59/h

Both halves of the goal (0.9, 1 an hour) are met in both worlds there.

--held-out judges the choice once on fresh households (seed 20) of the sound data's 5 held-out
doorbells (never in any choice here; 4 scenes each, 3.33 h, their other doorbells the other
held-out ones): before 0.935 (144 of 154) at 3.30 false/h (10 of the 11 in dshahin's
household), the choice 0.831 (128 of 154) at 0.00 unheard, 0.792 (122) ours in the bank. The
false matches go; so do 13 of Dashticz door_bell's 32 rings (other doorbells reach its plain
two-note templates at ~0.85, raising them from 0.800 to 0.891 and 0.858), so recall misses 0.9
there. By the choosing weight (a false match costs two rings) the choice still gains (128
against 122). Both held-out sets together: 0.934 (847 of 907) at 0.59 false/h.

The bank grows from 18,748 to 40,453 steps (0.80 -> 1.80 MB gzipped) and teaching takes about
twice as long.
--appliance K teaches the first K households (of those whose simulated teach is the shipped
one's) with the shipped bank (own doorbell in it) by `earmark personal teach --pattern` and runs
`earmark detect --personal` on their scenes: thresholds and tallies as the simulation's in
8 of 8.

    .venv/bin/python experiments/pattern_bell_bank.py [--held-out] [--appliance 8]

Writes build/personal/bells/ (scenes, once) and experiments/results/pattern_bell_bank.json.
"""
import json
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import numpy as np  # noqa: E402
from tqdm import tqdm  # noqa: E402

import pattern_doorbell_guard as dg  # noqa: E402
import pattern_guard as g  # noqa: E402
import personal_doorbell as pd  # noqa: E402
import personal_new_doorbells as nd  # noqa: E402
import personal_pattern  # noqa: E402
from training import pattern_bank  # noqa: E402

BELLS = g.BANK.parent / 'bells'
HOUSEHOLDS = g.BANK.parent / ('new%d' % nd.SEED)
COST = 2   # rings a false match costs: few false alarms first (the goal's recall has room)
RULES = [(None, None)] + [(m, t) for m in (-40, -20, 0, 20, 40)
                          for t in (None, 0, 15, 30, 45, 60, 75, 90, 105, 120)]   # (margin, twin)


def bank_part():
    """[(source, stem, [(raw, over)] of its ring stretches)] of every doorbell at hand: the
    doorbells part as training/pattern_bank.py makes it for the shipped bank (scenes once)."""
    data = pd.data_folder()
    made = pattern_bank.bell_scenes(data, pattern_bank.doorbells(data, [nd.NEW]), BELLS)
    out = []
    for source, clip, path in tqdm(made, desc='bell scenes'):
        raw, over = (a.astype(np.int64) for a in pattern_bank.steps(path))
        out.append((source, clip.stem, [(raw[x:y], over[x:y])
                                        for x, y in pattern_bank.rings(path, raw)]))
    return out


def household(folder, bank, sources):
    """The simulation's head of a household (pattern_guard.case), its shipped-rule thresholds,
    each template's best r on each ring stretch of each bank doorbell (cached), and the
    source of each doorbell its scenes rang."""
    c = g.case(folder)
    cache = folder / ('stretches-%s-%d.json' % (g.DESIGN, len(bank)))
    if cache.exists():
        best = json.loads(cache.read_text())
    else:
        templates = [g.P.template(g.P.steps_of(personal_pattern.frames(f), g.N))
                     for f in sorted(folder.glob('example_*.wav'))]
        best = {stem: [[int(g.rs(t, *pair).max()) for t in templates] for pair in pairs]
                for _, stem, pairs in bank}
        cache.write_text(json.dumps(best))
    rung = [[sources.get(Path(p).stem) for p in json.loads(
        (folder / ('scene_%d.rung.json' % k)).read_text())] for k in range(len(c['truths']))]
    return {'name': folder.name, 'source': sources[folder.name], 'info': c, 'best': best,
            'shipped': g.thresholds(c, nd.SHIPPED), 'rung': rung}


def thresholds(h, rule, sources, left_out=None, own_in=False):
    """Each template's threshold under rule (margin, twin): the shipped rule's, raised to its
    best r on a ring stretch of the bank's doorbells + margin, save a stretch it reaches within
    `twin` of its lowest r on its other examples (as like it as its own recordings: the
    household's own make; twin None: no such check). The bank holds every source but
    left_out's and, unless own_in, the household's own."""
    margin, twin = rule
    if margin is None:
        return tuple(h['shipped'])
    out = []
    for i, th in enumerate(h['shipped']):
        own = min(v for v in h['info']['loo'][i] if v is not None)
        limit = own - twin if twin is not None else 10 ** 6
        reach = [r[i] for stem, stretches in h['best'].items() for r in stretches
                 if sources[stem] != left_out and (own_in or sources[stem] != h['source'])
                 and r[i] < limit]
        out.append(max([th] + [v + margin for v in reach]))
    return tuple(out)


def judge(households, rule, sources, leave_out=True, own_in=False):
    """[rings, found, false on other doorbells, false on anything else, hours]; leave_out
    False: every other doorbell's source in the bank, as the shipped bank holds them; own_in:
    the household's own doorbell in it too (a make we have)."""
    tot = np.zeros(5)
    for h in households:
        th = thresholds(h, rule, sources, own_in=own_in)
        for k, (s, sec) in enumerate(zip(h['info']['scenes'], h['info']['seconds'])):
            truth, who = s['truth'], h['rung'][k]
            own = [t for t in truth if t['what'] == 'own']
            evs = dg.found(h, k, th)
            tot[0] += len(own)
            tot[1] += sum(any(dg.near(e, t) for e in evs) for t in own)
            tot[3] += sum(1 for e in evs if not any(dg.near(e, t) for t in truth
                                                      if t['what'] in ('own', 'doorbell')))
            if not leave_out:
                tot[2] += sum(1 for e in evs if not any(dg.near(e, t) for t in own)
                              and any(dg.near(e, t) for t in truth if t['what'] == 'doorbell'))
                continue
            for y in sorted({w for t, w in zip(truth, who) if t['what'] == 'doorbell'}):
                ty = thresholds(h, rule, sources, left_out=y, own_in=own_in)
                tot[2] += sum(1 for e in dg.found(h, k, ty)
                              if not any(dg.near(e, t) for t in own)
                              and any(w == y and dg.near(e, t) for t, w in zip(truth, who)))
            tot[4] += sec / 3600
    return tot


def figures(t):
    return {'recall': round(t[1] / t[0], 3), 'found': int(t[1]), 'rings': int(t[0]),
            'false_per_hour': round((t[2] + t[3]) / t[4], 2),
            'false': [int(t[2]), int(t[3])], 'hours': round(t[4], 2)}


def half(h):
    return zlib.crc32(h['source'].encode()) % 2


WORLDS = (('unheard', False), ('ours in the bank', True))


HELD_SEED = 20   # fresh: seeds 1-7 and 18 made the earlier households


def held_out(bank, sources, rule):
    """The choice judged once on fresh households (HELD_SEED) of the sound data's 5 held-out
    doorbells (pattern_guard's held_names: the odd ones of their sorted names), made as
    pattern_guard.make_scenes makes its held-out ones (three recordings, 4 ten-minute scenes,
    the other held-out doorbells of other sources as confusers, other sounds never the bank's),
    each ring's clip logged; the shipped rule and the choice side by side, in both worlds."""
    bells = pd.doorbells(pd.data_folder())
    held = sorted(p.stem for _, p in bells)[1::2]
    folders = nd.households([(s, p) for s, p in bells if p.stem in held], HELD_SEED, 'seed', 4,
                            10.0)
    hs = [household(f, bank, sources) for f in tqdm(folders, desc='held-out households')]
    out = {'seed': HELD_SEED, 'doorbells': held, 'rule': rule}
    for name, r in (('before', RULES[0]), ('chosen', rule)):
        for w, own_in in WORLDS:
            f = figures(judge(hs, r, sources, own_in=own_in))
            out['%s, %s' % (name, w)] = f
            print('held out, seed %d, %s %s, %s: recall %.3f (%d of %d), false %.2f/h %s in '
                  '%.2f h' % (HELD_SEED, name, r, w, f['recall'], f['found'], f['rings'],
                              f['false_per_hour'], f['false'], f['hours']))
    return out


def appliance(hs, sources, count):
    """The first `count` households whose simulated teach is the shipped one's (personal_new_
    doorbells.json) through the appliance: `earmark personal teach --pattern` with the shipped
    bank (webui/lab/pattern_bank.gz: every doorbell in it, the household's own too), `earmark
    detect --personal` on its scenes (personal_pattern.heard_by_appliance); its thresholds and
    tally must be the simulation's with the same bank and the shipped rule."""
    from earmark import personal
    from personal_pattern import heard_by_appliance
    judged = ROOT / 'experiments' / 'results' / 'personal_new_doorbells.json'
    equal = {r['doorbell'] for r in json.loads(judged.read_text())['doorbells']
             if r['teach_equal']}
    rule = (pattern_bank.BELL_MARGIN, pattern_bank.BELL_TWIN)
    out = []
    for h in [h for h in hs if h['name'] in equal][:count]:
        folder = HOUSEHOLDS / h['name']
        head = personal.teach_pattern(nd.LABEL, sorted(folder.glob('example_*.wav')))
        tally, _ = heard_by_appliance(folder, head, nd.LABEL)
        sim = judge([h], rule, sources, leave_out=False, own_in=True)[:4]
        row = {'doorbell': h['name'], 'reaches': head['sounds'][0]['reaches'],
               'simulated': list(thresholds(h, rule, sources, own_in=True)),
               'appliance': [int(v) for v in tally], 'simulation': [int(v) for v in sim]}
        print('the appliance, %(doorbell)s: thresholds %(reaches)s (simulated %(simulated)s), '
              'tally %(appliance)s (simulated %(simulation)s)' % row)
        out.append(row)
    return {'households': out, 'equal': sum(r['appliance'] == r['simulation']
                                            and r['reaches'] == r['simulated'] for r in out)}


def main():
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--held-out', action='store_true', help='judge the choice once on fresh '
                    'households of the sound data\'s held-out doorbells (seed HELD_SEED)')
    ap.add_argument('--appliance', type=int, default=0, metavar='K',
                    help='check the first K households through the appliance')
    args = ap.parse_args()
    folders = sorted(p for p in HOUSEHOLDS.iterdir() if p.is_dir())
    bank = bank_part()
    sources = {stem: s for s, stem, _ in bank}
    hs = [household(f, bank, sources) for f in tqdm(folders, desc='households')]
    result = {'bells': len(bank), 'sources': len(set(sources.values())), 'households': len(hs),
              'steps': sum(len(r) for *_, pairs in bank for r, _ in pairs), 'every': {}}
    print('%(bells)d doorbells of %(sources)d sources, %(steps)d steps; every rule on all '
          '%(households)d households (the record, not the choice):' % result)
    print('%6s %5s | %-34s | %s' % ('M', 'twin', WORLDS[0][0], WORLDS[1][0]))
    for rule in RULES:
        fs = [figures(judge(hs, rule, sources, own_in=own_in)) for _, own_in in WORLDS]
        result['every'][str(rule)] = dict(zip([w for w, _ in WORLDS], fs))
        print('%6s %5s | ' % rule + ' | '.join(
            '%.3f (%d of %d) at %.2f/h %-7s' % (f['recall'], f['found'], f['rings'],
                                                f['false_per_hour'], f['false']) for f in fs))

    def choice(households):
        def worth(rule):
            t = sum(judge(households, rule, sources, own_in=own_in) for _, own_in in WORLDS)
            return (t[1] - COST * (t[2] + t[3]), -t[2] - t[3])   # a tie: fewer false
        return max(RULES, key=worth)

    chosen = {'all': choice(hs)}
    print('chosen on all households: %s (training/pattern_bank.py ships %s)'
          % (chosen['all'], (pattern_bank.BELL_MARGIN, pattern_bank.BELL_TWIN)))
    judged = {w: np.zeros(5) for w, _ in WORLDS}
    for part in (0, 1):
        choose = [h for h in hs if half(h) == part]
        judge_on = [h for h in hs if half(h) != part]
        rule = choice(choose)
        chosen['half %d' % part] = rule
        for w, own_in in WORLDS:
            judged[w] += judge(judge_on, rule, sources, own_in=own_in)
        print('chosen on half %d (%d households): %s; judged on the other %d' % (
            part, len(choose), rule, len(judge_on)))
    result.update({'chosen': chosen, 'shipped_rule': figures(judge(hs, RULES[0], sources)),
                   'cross_fitted': {w: figures(t) for w, t in judged.items()}})
    for w, f in result['cross_fitted'].items():
        print('cross-fitted, %s: recall %.3f (%d of %d), false %.2f/h %s' % (
            w, f['recall'], f['found'], f['rings'], f['false_per_hour'], f['false']))
    if args.held_out:
        result['held_out'] = held_out(bank, sources, chosen['all'])
    if args.appliance:
        result['appliance_check'] = appliance(hs, sources, args.appliance)
    out = ROOT / 'experiments' / 'results' / 'pattern_bell_bank.json'
    out.write_text(json.dumps(result, indent=1) + '\n')


if __name__ == '__main__':
    main()
