"""A spill guard for the shipped personal doorbell (format 2: design B of pattern_guard.py --bank,
floor 800, bank +20, beds +0), chosen on the choosing side only, then judged once on fresh
held-out households (issue 25).

Every held-out false match of the shipped rule is on another doorbell. r is taken over a
template's LIT cells only, so a sound that is also loud in the template's UNLIT cells (another
chime at other pitches, where our doorbell is quiet) is not penalised. The spill: at a step, over
the template's span of heard steps, the rise over the bed (the steps' `over`, UNIT half-dB) in
the template's unlit cells against that in its lit cells, in integers (thousandths):
- ratio: their mean rises, 1000 * unlit_rise * lit_cells // (lit_rise * unlit_cells);
- share: the share of the span's whole rise in unlit cells, 1000 * unlit_rise // all_rise.
A device needs one more sum a step (the step's whole rise, kept in a ring of MAX_STEPS ints);
a span's whole rise is then a sum over the template's steps, its lit rise the Matcher's own.
A template matches where r reaches its threshold AND its spill <= its limit: a global limit, or
a limit per template set at teach time from its own examples (its spill at each example's ring,
the step of its best r there, the highest of the three, times a factor, at least a floor).

Chosen as pattern_doorbell_guard.py chose (its judge, choose's criterion): the 6 choosing
doorbells' 24 households (seeds 1-4) and the 24 surrogate households, each at <= BUDGET false
matches an hour; the most rings found less false matches on the doorbells' households, then
(among ties) the strictest limit (the safer guess for doorbells nobody has heard). The other rule
parts are the shipped ones. CHOSEN is written below and committed before any held-out run; then
--judge runs it ONCE on fresh seed 7 (new recordings and 4 scenes a household of the held-out
doorbells, other doorbells held-out ones only, other sounds never the bank's), and, as further
looks, seeds 1, 5, 6, beside the shipped rule.

Chosen (commit 2ac99c3, before any held-out run): share <= 575 (choosing 0.869 at 0.75 false/h,
the shipped rule's own figures; no limit that keeps the choosing rings removes any choosing false
match). Judged once, fresh seed 7 (3.33 h, 4 scenes a household): 0.806 (133 of 165) at 1.50
false/h, all on other doorbells; the shipped rule there 0.812 (134 of 165) at 2.70 (the spill
removes 4 of the 9 false matches of one household, dshahin, and one ring of PeterPerhac). Further
looks: seed 1 and 5 as shipped (0.880 at 2.40, 0.947 at 0.60); seed 6 0.893 (150 of 168) at 2.10
against 0.905 at 2.10. All four (10 h): 0.870 (421 of 484) at 1.70 against 0.876 (424 of 484) at
2.10. --look (after the judgement, no choice): the least share at which each shipped event would
survive; own rings and other doorbells' false matches overlap (a limit of 300 would cost 38 of
481 rings for 12 of 21 false matches), so the spill does not tell other doorbells apart. Not worth
shipping.

    .venv/bin/python experiments/pattern_spill.py            # choosing table
    .venv/bin/python experiments/pattern_spill.py --judge    # and held out, once (seed 7 made)
    .venv/bin/python experiments/pattern_spill.py --look     # the look after judging
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import numpy as np  # noqa: E402
from tqdm import tqdm  # noqa: E402

import pattern_doorbell_guard as dg  # noqa: E402
import pattern_guard as g  # noqa: E402
import personal_pattern  # noqa: E402

P, N = g.P, g.N
SHIPPED = dg.B   # floor 800, beds +0, bank +20 (format 2 as shipped)
CHOSEN = {'fixed': 800, 'beds': 0, 'bank': 20, 'bells': None, 'chimes': None, 'spill': 'share',
          'limit': 575, 'factor': None}
#   written here from the choosing table and committed before any held-out run: a match's
#   share of its span's rise in the template's unlit cells <= 575 thousandths. Choosing
#   doorbells 0.869 (346 of 398) at 0.75 false/h, surrogates 0.728 (262 of 360) at 0.63: the
#   shipped rule's figures but one surrogate ring. The spill removes none of the choosing side's
#   false matches at any limit that keeps its rings (share <= 100 still leaves 4 of 6); every
#   limit from 575 to 1000 ties, and the tie-break takes the strictest. On the chime bank
#   (a look, not the choice) the choosing heads match 0.67 an hour, the spill at <= 575 too;
#   only share <= 400 (0.54) and <= 300 (0.25) cut it, at 0.824 and 0.749 recall
JUDGED_SEED = 7


def sums(template, raw, over):
    """(lit rise, whole rise, lit cells, unlit cells) of a template's span ending at every
    step of (raw, over), aligned with g.rs (0 before it fits)."""
    t = np.frombuffer(bytes(template), np.int8).astype(np.int64).reshape(-1, N)
    length = len(t)
    m = (t != P.UNLIT).astype(np.int64)
    T = len(over)
    lit, whole = np.zeros(T, np.int64), np.zeros(T, np.int64)
    if T < length:
        return lit, whole, int(m.sum()), int(m.size - m.sum())
    n = T - length + 1
    rows = over.sum(1)
    for i in range(length):
        lit[length - 1:] += over[i:i + n] @ m[i]
        whole[length - 1:] += rows[i:i + n]
    return lit, whole, int(m.sum()), int(m.size - m.sum())


def spill(kind, lit, whole, c, u):
    """The spill (thousandths, int) from sums(): 'ratio' or 'share' (0 where nothing rose)."""
    unlit = whole - lit
    if kind == 'ratio':
        den = lit * u
        return np.where(den > 0, unlit * c * 1000 // np.maximum(den, 1), 0)
    return np.where(whole > 0, unlit * 1000 // np.maximum(whole, 1), 0)


KINDS = ('ratio', 'share')


def spills(folder):
    """Each scene's spill per template and step, and each template's spill at its examples'
    rings (the step of its best r on each), both kinds (cached)."""
    cache = folder / ('spill-%s-%d-%d-%d.npz' % (g.DESIGN, P.TRACK, P.LIT, P.GATE))
    if cache.exists():
        z = np.load(cache)
        return {k: z[k] for k in z.files}
    examples = [P.steps_of(personal_pattern.frames(f), N)
                for f in sorted(folder.glob('example_*.wav'))]
    templates = [P.template(s) for s in examples]
    ex = [(np.array([list(r) for _, r in s], np.int64),
           np.array([list(o) for o, _ in s], np.int64)) for s in examples]
    out = {}
    for kind in KINDS:
        out['ex_' + kind] = np.array([[int(spill(kind, *sums(t, *e))[int(np.argmax(g.rs(t, *e)))])
                                       for e in ex] for t in templates], np.int64)
    for k, s in enumerate(sorted(folder.glob('scene_*.wav'), key=lambda p: p.name)):
        raw, over = g.scene_steps(personal_pattern.frames(s))
        per = [sums(t, raw, over) for t in templates]
        for kind in KINDS:
            out['%s%d' % (kind, k)] = np.stack([spill(kind, *x) for x in per])
    np.savez_compressed(cache, **out)
    return out


def on_chimes(folder):
    """Each template's r and spill (both kinds) at every step of the chime bank's scenes
    (pattern_doorbell_guard.py's 60 synthetic doorbells, teach-time data: a look at whether the
    spill tells other doorbells apart, never part of the choice; cached)."""
    cache = folder / ('spillchime-%s-%d-%d-%d.npz' % (g.DESIGN, P.TRACK, P.LIT, P.GATE))
    if cache.exists():
        z = np.load(cache)
        return {k: z[k] for k in z.files}
    templates = [P.template(P.steps_of(personal_pattern.frames(f), N))
                 for f in sorted(folder.glob('example_*.wav'))]
    out = {}
    for k, path in enumerate(sorted(dg.CHIMES.glob('scene_*.wav'))):
        raw, over = dg.steps(path)
        out['r%d' % k] = np.stack([g.rs(t, raw, over) for t in templates])
        per = [sums(t, raw, over) for t in templates]
        for kind in KINDS:
            out['%s%d' % (kind, k)] = np.stack([spill(kind, *x) for x in per])
    np.savez_compressed(cache, **out)
    return out


def chime_matches(households, rule):
    """Matches an hour on the chime bank's scenes (every sound there is a synthetic doorbell)
    of the choosing households' heads under `rule`."""
    count, hours = 0, 0.0
    for h, sp in households:
        ch = h['chimes']
        th = np.array(dg.thresholds(h, rule, []))[:, None]
        lim = limits(sp, rule)
        k = 0
        while 'r%d' % k in ch:
            r = ch['r%d' % k]
            if lim is not None:
                r = np.where(ch['%s%d' % (rule['spill'], k)] <= lim[:, None], r, -1000)
            count += len(g.events((r >= th).any(0), r, h['info']['lengths']))
            hours += r.shape[1] * g.SECONDS / 3600
            k += 1
    return round(count / hours, 2)


def limits(sp, rule):
    """Each template's spill limit under `rule` (None: no spill guard)."""
    if rule['spill'] is None:
        return None
    if rule['factor'] is None:
        return np.full(3, rule['limit'])
    ex = sp['ex_' + rule['spill']].max(1)
    return np.maximum(rule['limit'], ex * rule['factor'] // 100)


def guarded(h, sp, rule):
    """The household `h` (dg.household) with each template's r at a step over its spill limit
    set to -1000 (no match there), named for the rule (dg.found caches by name)."""
    lim = limits(sp, rule)
    if lim is None:
        return h
    info = dict(h['info'])
    info['scenes'] = [dict(s, r=np.where(sp['%s%d' % (rule['spill'], k)] <= lim[:, None],
                                         s['r'], -1000))
                      for k, s in enumerate(h['info']['scenes'])]
    return dict(h, info=info, name=h['name'] + ' ' + tag(rule))


def tag(rule):
    return ('%s<=%s' % (rule['spill'], rule['limit']) if rule['factor'] is None else
            '%s<=max(%s,%d%% of its examples)' % (rule['spill'], rule['limit'], rule['factor']))


def judge(households, rule, leave_out=False, verbose=False):
    """pattern_doorbell_guard.judge of the rule's other parts over the spill-guarded r."""
    dg._found.clear()
    return dg.judge([guarded(h, sp, rule) for h, sp in households], rule, leave_out, verbose)


def rules():
    yield dict(SHIPPED, spill=None, limit=None, factor=None)
    for limit in range(100, 1001, 25):
        yield dict(SHIPPED, spill='share', limit=limit, factor=None)
    for limit in range(100, 2001, 50):
        yield dict(SHIPPED, spill='ratio', limit=limit, factor=None)
    for kind in KINDS:
        for factor in (100, 125, 150, 200, 300, 400):
            for limit in (0, 100, 200, 300, 400):
                yield dict(SHIPPED, spill=kind, limit=limit, factor=factor)


SWEEP = [dict(SHIPPED, spill=kind, limit=limit, factor=None)
         for kind, top in (('share', 1000), ('ratio', 2000)) for limit in range(100, top + 1, 100)]
SWEEP += [dict(SHIPPED, spill=kind, limit=0, factor=f) for kind in KINDS for f in (150, 200, 300)]


def strictness(rule):
    """Among ties, the strictest limit first: the lowest (global) limit or factor and floor."""
    if rule['spill'] is None:
        return (1, 0, 0)
    return (0, rule['factor'] or 0, rule['limit'])


def households(seed, names=None, own=True):
    if seed == 0:
        folders = sorted(g.SURROGATES.iterdir())
    else:
        folders = [f for f in g.folders_of(seed) if f.name in names]
    return [(dict(dg.household(seed, f, own), folder=f), spills(f))
            for f in tqdm(folders, desc='seed %d' % seed if seed else 'surrogates')]


def main():
    choose = g.choosing_names()
    bells = [x for seed in (1, 2, 3, 4) for x in households(seed, choose)]
    sur = households(0, own=False)
    for h, _ in tqdm(bells, desc='chime bank'):
        h['chimes'] = on_chimes(h['folder'])
    rows = [(rule, dg.figures(judge(bells, rule, leave_out=True)),
             dg.figures(judge(sur, rule, leave_out=True)))
            for rule in tqdm(list(rules()), desc='rules', mininterval=5)]
    for rule, fb, fs in rows:
        fb['chime_matches_per_hour'] = chime_matches(bells, rule)
    ok = [x for x in rows if x[1]['false_per_hour'] <= dg.BUDGET
          and x[2]['false_per_hour'] <= dg.BUDGET]
    ok.sort(key=lambda x: (-(x[1]['found'] - sum(x[1]['false'])), strictness(x[0])))
    print('%-40s | %-32s | %-12s | %s' % ('spill rule', 'doorbells: recall, false/h',
                                          'surrogates', 'chimes/h'))
    for rule, fb, fs in ok[:20] + [x for x in rows if x[0] in SWEEP]:
        print('%-40s | %.3f (%d of %d) at %.2f %-9s | %.3f at %.2f | %.2f' % (
            tag(rule) if rule['spill'] else 'none (shipped)', fb['recall'], fb['found'],
            fb['rings'], fb['false_per_hour'], fb['false'], fs['recall'], fs['false_per_hour'],
            fb['chime_matches_per_hour']))
    best = ok[0][0]
    print('the choice: %s' % (best,))
    if CHOSEN and CHOSEN != best:
        raise SystemExit('CHOSEN is not the choosing table\'s best: %s' % (best,))
    result = {'budget': dg.BUDGET, 'rule': best,
              'table': [{'rule': r, 'doorbells': fb, 'surrogates': fs} for r, fb, fs in ok[:20]],
              'sweep': [{'rule': r, 'doorbells': fb, 'surrogates': fs} for r, fb, fs in rows
                        if r in SWEEP]}
    for kind in KINDS:   # the best of each kind and mode, for the record
        for mode in ('global', 'per template'):
            x = [y for y in ok if y[0]['spill'] == kind
                 and (y[0]['factor'] is None) == (mode == 'global')]
            if x:
                result['best_%s_%s' % (kind, mode.replace(' ', '_'))] = {
                    'rule': x[0][0], 'doorbells': x[0][1], 'surrogates': x[0][2]}
    for name, r in (('chosen', best), ('shipped', dict(SHIPPED, spill=None, limit=None,
                                                         factor=None))):
        for part, group in (('doorbells', bells), ('surrogates', sur)):
            f = dg.figures(judge(group, r, leave_out=True))
            print(dg.line('choosing, %s, %s' % (name, part), f))
            result['choosing_%s_%s' % (name, part)] = f
    if '--judge' in sys.argv:
        if not CHOSEN:
            raise SystemExit('write the choice into CHOSEN and commit it first')
        result.update(held_out())
    dg.save('pattern_spill.json', result)


def held_out():
    """Once, after CHOSEN was committed: fresh seed 7 (judged), then seeds 1, 5, 6 (further
    looks), the chosen rule and the shipped one side by side."""
    held = g.held_names()
    g.make_scenes(JUDGED_SEED, count=4, names=held, bank_free=True, confusing=held)
    out, every = {}, {}
    shipped = dict(SHIPPED, spill=None, limit=None, factor=None)
    for seed in (JUDGED_SEED, 1, 5, 6):
        hs = households(seed, held)
        for name, rule in (('spill', CHOSEN), ('shipped', shipped)):
            print('seed %d, %s:' % (seed, name))
            t = judge(hs, rule, verbose=True)
            f = dg.figures(t)
            print(dg.line('held out, seed %d, %s' % (seed, name), f))
            out['held_out_seed%d_%s' % (seed, name)] = f
            every[name] = {k: every.get(name, {}).get(k, 0) + v for k, v in t.items()}
    for name in every:
        f = dg.figures(every[name])
        print(dg.line('held out, seeds 7, 1, 5, 6, %s' % name, f))
        out['held_out_seeds_7_1_5_6_%s' % name] = f
    return out


def look():
    """After the judgement, a look (not a choice): for each held-out household, the least share
    (thousandths) at which each event of the shipped rule would survive the spill guard (the
    lowest share of its matching steps), apart for its own rings and its false matches."""
    shipped = dict(SHIPPED, spill=None, limit=None, factor=None)
    out = {}
    for seed in (JUDGED_SEED, 1, 5, 6):
        for h, sp in households(seed, g.held_names()):
            th = np.array(dg.thresholds(h, shipped, []))[:, None]
            own, false = [], []
            for k, sc in enumerate(h['info']['scenes']):
                hit = sc['r'] >= th
                need = np.where(hit, sp['share%d' % k], 10 ** 6).min(0)
                for a, b in g.events(hit.any(0), sc['r'], h['info']['lengths']):
                    steps = slice(int(round(a / g.SECONDS)), int(round(b / g.SECONDS)) + 1)
                    least = int(need[steps].min())
                    truth = [t['what'] for t in sc['truth'] if dg.near((a, b), t)]
                    (own if 'own' in truth else false).append(least)
            out[h['name']] = {'own_rings': sorted(own), 'false': sorted(false)}
            print('%-40s own rings: least share %s; false matches: %s' % (
                h['name'], np.percentile(own, [0, 5, 50]).astype(int) if own else '-',
                sorted(false)))
    return out


if __name__ == '__main__':
    if '--look' in sys.argv:
        dg.save('pattern_spill.json', {'look_after_judging': look()})
    else:
        main()
