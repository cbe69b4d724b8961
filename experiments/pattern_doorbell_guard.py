"""A guard against other doorbells for the bank-guarded second pattern design (design B:
pattern_guard.py --bank, commit 98336a0), chosen on the choosing side only, then judged once on
fresh held-out households (issue 25).

Design B raises each template's threshold over the best r it reaches on its examples' beds and
on a bank of other sounds; every one of its held-out false matches was on another doorbell (the
scenes ring other doorbells ~33 times an hour) and its bank holds none. Two more bank parts,
each template's best r over each cached once, so a rule is numpy over cached r:
- doorbells: each choosing doorbell's clip laid on doorstep beds (two 5-minute scenes a clip).
  A household's bank holds the other choosing doorbells, never its own; what would ship holds
  all our doorbells, so held-out households hold the 6 choosing ones (the held-out doorbells
  stand in for doorbells nobody has heard);
- chimes: 60 synthetic doorbells (experiments/chimes.py, a fixed seed: ding-dongs, three
  tones, Westminster phrases, buzzers) on doorstep beds (six 10-minute scenes), which need no
  recordings.
A template's threshold: max(fixed, its best r on its examples' beds + BEDS, on the bank of other
sounds + BANK, on the bank's doorbells + BELLS, on the chimes + CHIMES) (a part None: not
used; over 1000: the template is dropped). All of it comes from teach-time data only.

Choosing side (as pattern_guard.py --bank): the 6 choosing doorbells' 24 households (seeds 1-4,
whose scenes ring only the other choosing doorbells) and the 24 surrogate households, each at
<= BUDGET false matches an hour; the most rings found less false matches on the doorbells'
households (choose()). Since a choosing household's scenes ring exactly the doorbells its bank
holds, a false match on a ring of doorbell Y is counted with Y left out of the bank (leave the
confuser out), as it stands for a doorbell nobody has heard.
The rule is then written below (CHOSEN) and committed before any held-out run; --judge runs it
once on fresh held-out households (seed 6: new recordings and scenes of the held-out doorbells,
whose other doorbells are held-out ones only and other sounds never the bank's), and, as further
looks, on seeds 1 and 5 (whose scenes may ring choosing doorbells, now in the bank: false matches
on those are counted apart). The doorbell rung at each ring is read back by replaying each
scene's generator (its seed) and checked against the scene's stored truth.

Chosen (commit d3ab47c, before any held-out run): floor r >= 0.770, each template's threshold
raised to its best r on its examples' beds (+0), on the bank of other sounds (+0) and on the
chimes (+20); the doorbells' part never binds on the choosing side. Choosing: doorbells 0.887
(353 of 398) at 0.13 false/h, surrogates 0.747 at 0.50 (design B: 0.869 at 0.75, 0.731 at
0.63). Judged once, fresh seed 6 (3.33 h, its other doorbells held-out ones only, ~31 rings an
hour): 0.911 (153 of 168) at 0.90 false/h, all on other doorbells (design B there: 0.905 at
2.10, 7 of them in one household that the chimes take to 2). Further looks: seed 1 0.893 at
4.80 (3 on held-out doorbells, 5 on choosing ones; design B 0.880 at 2.40: the lower floor lets
another doorbell reach one household, 6 matches), seed 5 0.947 at 0.60 (as design B). All three
seeds: 0.915 (292 of 319) at 1.80, design B 0.909 at 1.80.

    .venv/bin/python experiments/pattern_doorbell_guard.py            # banks, choosing table
    .venv/bin/python experiments/pattern_doorbell_guard.py --judge    # and held out, once
    .venv/bin/python experiments/pattern_doorbell_guard.py --size     # what a shipped bank holds
"""
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import numpy as np  # noqa: E402
from tqdm import tqdm  # noqa: E402

import chimes  # noqa: E402
import pattern_guard as g  # noqa: E402
import personal_doorbell as pd  # noqa: E402
import personal_pattern  # noqa: E402
from personal_windows import SLACK  # noqa: E402
from training import scenes  # noqa: E402

P, N = g.P, g.N
BELLS = g.BANK.parent / 'bellbank'
CHIME_CLIPS = g.BANK.parent / 'chimes'
CHIMES = g.BANK.parent / 'chimebank'
BUDGET = g.BUDGET
B = {'fixed': 800, 'beds': 0, 'bank': 20, 'bells': None, 'chimes': None}   # design B, 98336a0
CHOSEN = {'fixed': 770, 'beds': 0, 'bank': 0, 'bells': None, 'chimes': 20}
#   written here from the choosing table and committed before any held-out run: choosing
#   doorbells 0.887 (353 of 398) at 0.13 false/h, surrogates 0.747 at 0.50 (design B there:
#   0.869 at 0.75, 0.731 at 0.63); the doorbells' part never binds (at any margin >= -80 it
#   ties with none), so the rule leaves it out


def make_banks():
    """The doorbell and chime parts of the bank (once)."""
    data = pd.data_folder()
    beds = scenes.bed_kinds(data, ['*'])
    choose = set(g.choosing_names())
    for i, (_, clip) in enumerate(pd.doorbells(data)):
        if clip.stem not in choose:
            continue
        rng = np.random.default_rng([98, i])
        (BELLS / clip.stem).mkdir(parents=True, exist_ok=True)
        for k in range(2):
            path = BELLS / clip.stem / ('scene_%d.wav' % k)
            if not path.exists():
                pd.scene(rng, clip, [clip], [clip], beds, 5.0, path)
    clips = chimes.write_all(CHIME_CLIPS)
    CHIMES.mkdir(parents=True, exist_ok=True)
    for k in range(6):
        rng = np.random.default_rng([97, k])
        path = CHIMES / ('scene_%d.wav' % k)
        if not path.exists():
            pd.scene(rng, clips[k], clips, clips, beds, 10.0, path)


_steps = {}


def steps(path):
    if path not in _steps:
        _steps[path] = g.scene_steps(personal_pattern.frames(path))
    return _steps[path]


def best(template, paths):
    return max(int(g.rs(template, *steps(p)).max()) for p in paths)


def bests(folder):
    """Each template's best r over each bank doorbell's scenes and over the chimes (cached)."""
    cache = folder / ('dguard-%s-%d-%d-%d.json' % (g.DESIGN, P.TRACK, P.LIT, P.GATE))
    if cache.exists():
        return json.loads(cache.read_text())
    templates = [P.template(P.steps_of(personal_pattern.frames(f), N))
                 for f in sorted(folder.glob('example_*.wav'))]
    out = {'bells': {b: [best(t, sorted((BELLS / b).glob('scene_*.wav'))) for t in templates]
                     for b in g.choosing_names()},
           'chimes': [best(t, sorted(CHIMES.glob('scene_*.wav'))) for t in templates]}
    cache.write_text(json.dumps(out))
    return out


def rung(seed, folder):
    """The doorbell (clip stem) of every truth entry of each scene of a household, None for
    other sounds: its generator replayed from its seed (as personal_doorbell.py made seed 1
    and pattern_guard.make_scenes the rest), checked against the stored truth."""
    cache = folder / 'rung.json'
    if cache.exists():
        return json.loads(cache.read_text())
    data = pd.data_folder()
    bells = pd.doorbells(data)
    held, choose = set(g.held_names()), set(g.choosing_names())
    mine = [(s, p) for s, p in bells if seed == 1 or p.stem in (held if seed >= 5 else choose)]
    ring = {1: bells, 5: bells, 6: [(s, p) for s, p in bells if p.stem in held]}.get(seed, mine)
    rest = g.pool(data)[1] if seed >= 5 else pd.others(data)
    i = [p.stem for _, p in mine].index(folder.name)
    source, clip = mine[i]
    confusers = [p for s, p in ring if s != source]
    beds = scenes.bed_kinds(data, ['*'])
    rng = np.random.default_rng([seed, i])
    heard, events = set(confusers) | set(rest) | {clip}, []
    load, write = scenes.load, pd.write

    def logged(path):
        if Path(path) in heard:
            events.append(Path(path).stem)
        return load(path)
    scenes.load, pd.write = logged, lambda path, audio: None
    out = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            pd.recordings(rng, load(clip), beds, Path(tmp))
            for s in sorted(folder.glob('scene_*.wav'), key=lambda p: p.name):
                del events[:]
                pd.scene(rng, clip, confusers, rest, beds, 10.0, Path(tmp) / 'scene.wav')
                truth = json.loads((Path(tmp) / 'scene.json').read_text())['truth']
                if truth != json.loads(s.with_suffix('.json').read_text())['truth']:
                    raise SystemExit('%s: its replay differs from its truth' % s)
                out.append([e if t['what'] == 'doorbell' else None
                            for e, t in zip(events, truth)])
    finally:
        scenes.load, pd.write = load, write
    cache.write_text(json.dumps(out))
    return out


def household(seed, folder, own=True):
    return {'name': 'seed%d/%s' % (seed, folder.name) if seed else 'surrogates/' + folder.name,
            'own': folder.name if own else None, 'info': g.case(folder), 'bests': bests(folder),
            'rung': rung(seed, folder) if own else None}


def thresholds(h, rule, bank):
    """Each template's threshold; `bank`: the bank's doorbells this household holds."""
    c, b = h['info'], h['bests']
    out = []
    for i in range(3):
        th = rule['fixed']
        for part, value in (('beds', c['beds'][i]), ('bank', c['bank'][i]),
                            ('bells', max([b['bells'][x][i] for x in bank], default=None)),
                            ('chimes', b['chimes'][i])):
            if rule[part] is not None and value is not None:
                th = max(th, value + rule[part])
        out.append(th)
    return tuple(out)


_found = {}


def found(h, k, th):
    key = (h['name'], k, th)
    if key not in _found:
        s = h['info']['scenes'][k]
        _found[key] = g.events(g.matches(s['r'], list(th), 1, 0), s['r'], h['info']['lengths'])
    return _found[key]


def near(ev, t):
    return ev[0] < t['offset'] + SLACK and ev[1] > t['onset'] - SLACK


def judge(households, rule, leave_out=False, verbose=False):
    """{'own', 'found', 'bells' (false on doorbells the bank does not hold), 'bank_bells' (on
    those it holds; leave_out: each counted with that doorbell left out of the bank), 'other'
    (on other sounds), 'hours'}. A surrogate household's 'doorbells' are its own sound's kin
    (other clips of its kind), as pattern_guard.py scores them."""
    tot = dict.fromkeys(('own', 'found', 'bells', 'bank_bells', 'other'), 0)
    tot['hours'] = 0.0
    for h in households:
        bank = [x for x in g.choosing_names() if x != h['own']]
        th = thresholds(h, rule, bank)
        mine = dict.fromkeys(tot, 0)
        for k, (s, sec) in enumerate(zip(h['info']['scenes'], h['info']['seconds'])):
            truth = s['truth']
            stems = h['rung'][k] if h['rung'] else [None] * len(truth)
            evs = found(h, k, th)
            own = [t for t in truth if t['what'] == 'own']
            mine['own'] += len(own)
            mine['found'] += sum(any(near(e, t) for e in evs) for t in own)
            for e in evs:
                if any(near(e, t) for t in own):
                    continue
                rings = {x for t, x in zip(truth, stems) if t['what'] == 'doorbell' and near(e, t)}
                if not rings:
                    mine['other' if not any(t['what'] == 'doorbell' and near(e, t)
                                            for t in truth) else 'bells'] += 1
                elif rings - set(bank):
                    mine['bells'] += 1
                elif not leave_out:
                    mine['bank_bells'] += 1
            for y in sorted({x for x in stems if x in bank} if leave_out else ()):
                ty = thresholds(h, rule, [x for x in bank if x != y])
                mine['bank_bells'] += sum(
                    1 for e in found(h, k, ty) if not any(near(e, t) for t in own)
                    and any(x == y and near(e, t) for t, x in zip(truth, stems)))
            mine['hours'] += sec / 3600
        if verbose:
            print('  %-46s th %-18s rings %3d found %3d false: doorbells %d, bank doorbells %d, '
                  'other %d' % (h['name'], ','.join(map(str, th)), mine['own'], mine['found'],
                                mine['bells'], mine['bank_bells'], mine['other']))
        for key in tot:
            tot[key] += mine[key]
    return tot


def figures(t):
    false = t['bells'] + t['bank_bells'] + t['other']
    return {'recall': round(t['found'] / max(t['own'], 1), 3), 'found': t['found'],
            'rings': t['own'], 'false_per_hour': round(false / t['hours'], 2),
            'false_on_doorbells_per_hour': round(t['bells'] / t['hours'], 2),
            'false_on_bank_doorbells_per_hour': round(t['bank_bells'] / t['hours'], 2),
            'false_on_other_sounds_per_hour': round(t['other'] / t['hours'], 2),
            'false': [t['bells'], t['bank_bells'], t['other']], 'hours': round(t['hours'], 2)}


def line(name, f):
    return ('%-34s recall %.3f (%d of %d), false %.2f/h (doorbells %.2f, bank doorbells %.2f, '
            'other sounds %.2f) in %.2f h' % (
                name, f['recall'], f['found'], f['rings'], f['false_per_hour'],
                f['false_on_doorbells_per_hour'], f['false_on_bank_doorbells_per_hour'],
                f['false_on_other_sounds_per_hour'], f['hours']))


def rules():
    for fixed in range(600, 970, 10):
        for beds in (None, 0):
            for bank in (None, 0, 20, 40):
                for bells in (None, -80, -60, -40, -20, 0, 20):
                    for chime in (None, -60, -40, -20, 0, 20):
                        yield {'fixed': fixed, 'beds': beds, 'bank': bank, 'bells': bells,
                               'chimes': chime}


def family(rule):
    return ('B' if rule['bells'] is None and rule['chimes'] is None else
            'B + doorbells' if rule['chimes'] is None else
            'B + chimes' if rule['bells'] is None else 'B + doorbells + chimes')


def choosing():
    choose = g.choosing_names()
    bells = [household(seed, f) for seed in (1, 2, 3, 4)
             for f in tqdm(g.folders_of(seed), desc='seed %d' % seed) if f.name in choose]
    sur = [household(0, f, own=False)
           for f in tqdm(sorted(g.SURROGATES.iterdir()), desc='surrogates')]
    return bells, sur


def parts(rule):
    return sum(rule[k] is not None for k in ('beds', 'bank', 'bells', 'chimes'))


def choose(rows):
    """The rules within BUDGET on the choosing doorbells' households and on the surrogates
    each, best first: the most rings found less false matches on the doorbells' households (a
    false match costs a ring: the false alarm comes first), then the fewest bank parts, then
    the highest floor (what the choosing side cannot tell apart, a higher floor is the safer
    guess for doorbells nobody has heard)."""
    ok = [x for x in rows if x[1]['false_per_hour'] <= BUDGET and x[2]['false_per_hour'] <= BUDGET]
    return sorted(ok, key=lambda x: (-(x[1]['found'] - sum(x[1]['false'])), parts(x[0]),
                                     -x[0]['fixed']))


def main():
    make_banks()
    bells, sur = choosing()
    rows = [(rule, figures(judge(bells, rule, leave_out=True)),
             figures(judge(sur, rule, leave_out=True)))
            for rule in tqdm(list(rules()), desc='rules', mininterval=5)]
    ok = choose(rows)
    print('%6s %5s %5s %6s %6s | %-28s | %s' % ('fixed', 'beds', 'bank', 'bells', 'chimes',
                                                'doorbells: recall, false/h', 'surrogates'))
    for rule, fb, fs in ok[:12]:
        print('%6d %5s %5s %6s %6s | %.3f (%d of %d) at %.2f %-6s | %.3f at %.2f' % (
            rule['fixed'], rule['beds'], rule['bank'], rule['bells'], rule['chimes'],
            fb['recall'], fb['found'], fb['rings'], fb['false_per_hour'], fb['false'],
            fs['recall'], fs['false_per_hour']))
    result = {'budget': BUDGET, 'best_of_each_family': {}}
    for name in ('B', 'B + doorbells', 'B + chimes', 'B + doorbells + chimes'):
        rule, fb, fs = [x for x in ok if family(x[0]) == name][0]
        print('best %-24s %s: doorbells %.3f at %.2f/h, surrogates %.3f at %.2f/h'
              % (name, rule, fb['recall'], fb['false_per_hour'], fs['recall'],
                 fs['false_per_hour']))
        result['best_of_each_family'][name] = {'rule': rule, 'doorbells': fb, 'surrogates': fs}
    print('the choice: %s' % (ok[0][0],))
    if CHOSEN and CHOSEN != ok[0][0]:
        raise SystemExit('CHOSEN is not the choosing table\'s best: %s' % (ok[0][0],))
    rule = CHOSEN or ok[0][0]
    result['rule'] = rule
    for name, r in (('chosen', rule), ('B', B)):
        for part, group in (('doorbells', bells), ('surrogates', sur)):
            f = figures(judge(group, r, leave_out=True, verbose=name == 'chosen'))
            print(line('choosing, %s, %s' % (name, part), f))
            result['choosing_%s_%s' % (name, part)] = f
    if '--judge' in sys.argv:
        if not CHOSEN:
            raise SystemExit('write the choice into CHOSEN and commit it first')
        result.update(held_out())
    save('pattern_doorbell_guard.json', result)


def save(name, result):
    """Merges `result` into experiments/results/`name` (what an earlier run wrote stays)."""
    out = ROOT / 'experiments' / 'results' / name
    old = json.loads(out.read_text()) if out.exists() else {}
    old.update(result)
    out.write_text(json.dumps(old, indent=1) + '\n')


def held_out():
    """Once, after CHOSEN was committed: fresh seed 6 (judged), then seeds 1 and 5 (further
    looks), the chosen rule and design B unchanged side by side."""
    held = g.held_names()
    g.make_scenes(6, count=4, names=held, bank_free=True, confusing=held)
    out, every = {}, {}
    for seed in (6, 1, 5):
        hs = [household(seed, f) for f in g.folders_of(seed) if f.name in held]
        for name, rule in (('chosen', CHOSEN), ('B', B)):
            print('seed %d, %s:' % (seed, name))
            t = judge(hs, rule, verbose=True)
            f = figures(t)
            print(line('held out, seed %d, %s' % (seed, name), f))
            out['held_out_seed%d_%s' % (seed, name)] = f
            every[name] = {k: every.get(name, {}).get(k, 0) + v for k, v in t.items()}
    for name in every:
        f = figures(every[name])
        print(line('held out, seeds 6, 1, 5, %s' % name, f))
        out['held_out_seeds_6_1_5_%s' % name] = f
    return out


LEAST_LIT = 16   # lit cells a template holds at least (ours: 25 and more, 189 templates)


def templates_of_all():
    folders = [f for seed in range(1, 7) for f in g.folders_of(seed)] + sorted(
        g.SURROGATES.iterdir())
    return [P.template(P.steps_of(personal_pattern.frames(e), N))
            for f in folders for e in sorted(f.glob('example_*.wav'))]


def sounds(path, count):
    """The steps of a bank scene within MAX_STEPS of one of its sounds (its truth)."""
    keep = np.zeros(count, bool)
    for t in json.loads(path.with_suffix('.json').read_text())['truth']:
        a = int(t['onset'] / g.SECONDS) - P.MAX_STEPS
        keep[max(0, a):int(t['offset'] / g.SECONDS) + P.MAX_STEPS + 1] = True
    return keep


def windows_inside(keep, length):
    """The steps ending a window of `length` steps that lies wholly in `keep`."""
    run = np.convolve(keep.astype(int), np.ones(length, int))[:len(keep)]
    return run >= length


def size():
    """Steps of each bank part; those in a window of MAX_STEPS whose LEAST_LIT highest cells
    stand GATE over the bed on average (only such windows can pass design 2's gate for a
    template of at most MAX_STEPS and at least LEAST_LIT lit cells, so only their steps can
    raise a threshold); those in a window where one of our templates reaches r >= 750 (the
    lowest that can raise a threshold under CHOSEN); and what keeping only the steps within 2 s
    of the bank's sounds would change: the templates whose best r there differs, and whose
    threshold under CHOSEN would (its beds left out: at most so many)."""
    parts = {'bank': sorted(g.BANK.glob('scene_*.wav')),
             'bells': sorted(BELLS.glob('*/scene_*.wav')),
             'chimes': sorted(CHIMES.glob('scene_*.wav'))}
    templates = templates_of_all()
    out, bests = {}, {}
    for name, paths in parts.items():
        total = gate = reached = kept = 0
        whole, thin = np.full(len(templates), -1000), np.full(len(templates), -1000)
        for p in tqdm(paths, desc=name):
            raw, over = steps(p)
            w = P.MAX_STEPS
            cells = np.lib.stride_tricks.sliding_window_view(over, (w, N))[:, 0].reshape(-1, w * N)
            top = -np.partition(-cells, LEAST_LIT - 1, axis=1)[:, :LEAST_LIT]
            passing = np.zeros(len(over), bool)
            for start in np.flatnonzero(top.sum(1) * P.UNIT >= P.GATE * LEAST_LIT):
                passing[start:start + w] = True
            stretch = sounds(p, len(over))
            near = np.zeros(len(over), bool)
            for k, t in enumerate(templates):
                r = g.rs(t, raw, over)
                length = len(t) // N
                whole[k] = max(whole[k], r.max())
                thin[k] = max(thin[k], r[windows_inside(stretch, length)].max())
                for end in np.flatnonzero(r >= 750):
                    near[max(0, end - length + 1):end + 1] = True
            total += len(over)
            gate += int(passing.sum())
            reached += int(near.sum())
            kept += int(stretch.sum())
        bests[name] = whole, thin
        out[name] = {'steps': total, 'steps_that_can_pass_the_gate': gate,
                     'steps_our_templates_reach_750': reached,
                     'steps_within_2s_of_its_sounds': kept,
                     'templates_whose_best_r_differs_there': int((whole != thin).sum()),
                     'largest_difference': int((whole - thin).max())}
        print('%-7s %6d steps (%.1f min, %.0f KB as raw + over), %6d can pass the gate, %6d in '
              'a window our %d templates reach at r >= 750; %6d within 2 s of its sounds, where '
              'the best r of %d templates differs (by at most %d)' % (
                  name, total, total * g.SECONDS / 60, total * 2 * N / 1024, gate, reached,
                  len(templates), kept, out[name]['templates_whose_best_r_differs_there'],
                  out[name]['largest_difference']))

    def th(which):
        return np.maximum(np.maximum(CHOSEN['fixed'], bests['bank'][which] + CHOSEN['bank']),
                          bests['chimes'][which] + CHOSEN['chimes'])
    out['thresholds_changed_by_keeping_2s_of_sounds'] = int((th(0) != th(1)).sum())
    print('keeping 2 s of the sounds only would change the threshold (CHOSEN, beds left out) '
          'of %d of %d templates' % (out['thresholds_changed_by_keeping_2s_of_sounds'],
                                     len(templates)))
    return out


if __name__ == '__main__':
    if '--size' in sys.argv:
        save('pattern_doorbell_guard.json', {'bank_size': size()})
    else:
        main()
