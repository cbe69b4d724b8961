"""Guards for the second pattern design (commit b057a1f: a template keeps the sound's own level in
the cells it lit, r over those cells only): which template of a head other sounds reach, and
how to keep them from it, chosen on the choosing doorbells only, then judged once (issue 25).

Design 2 found more rings than the shipped design but let other sounds reach one household's
templates (held out: 0.813 at 26.4 false matches an hour). Guards tried here, each a rule on the
three templates' own r at every step (not only the best one):
- agree: K templates reach their thresholds within W steps of each other;
- loo: a template's threshold is max(FIXED, its lowest leave-one-out r on the other examples
  minus MARGIN): a template its own sound matches well needs a high r;
- beds: a template's threshold is raised over the best r it reaches on the examples' own beds
  (their stretches away from the ring) by BED_MARGIN.
Every setting is chosen on the choosing doorbells (the even ones of the sound data's list, as
personal_pattern.py splits them), on seed 1's scenes and more of seed 2 (--scenes: new doorbell
recordings and scenes of the choosing doorbells only, their confusers the other choosing
doorbells), the highest recall at <= 1 false match an hour. Then, frozen, --judge runs the held
out doorbells once.

Chosen (commit c85ea05, before any held-out look): two templates reach r >= 0.890 within 16
steps; choosing 0.754 (300 of 398) at 0.62 false/h. Judged once: held out 0.813 (61 of 75) at
14.4 false/h, 23 of the 24 false matches on other sounds in one household (PeterPerhac's
doorbell, the one design 2 failed on); the other four households none. Not shipped.

The choosing doorbells never showed such a household, so --bank adds what can: 24 surrogate
households whose personal sound is not a doorbell (a clip of any other kind, the same recording
every ring; its confusers other clips of its kind), and a teach-time guard, a bank of other
sounds (the clips of ESC-50 fold 1 of train/, other/ and negatives/, laid on doorstep beds in
two 10-minute scenes; the surrogates' scenes never hold them): a template's threshold is
raised to the best r it reaches on the bank plus BANK_MARGIN (over 1000: the template is
dropped), and/or on its examples' own beds. Chosen on the choosing doorbells' 24 households and
the 24 surrogates together (16 h) at <= 0.75 false/h, committed, then judged once on seed 1's
held-out households and on fresh ones of seed 5 (new recordings and scenes of the held-out
doorbells, their other sounds never the bank's).

Chosen (commit 98336a0): floor r >= 0.800, each template's raised to its best r on its
examples' beds and to its best on the bank + 20. Choosing: doorbells 0.869 (346 of 398) at
0.75 false/h, surrogates 0.731 at 0.62 (unguarded 10.25). Judged once: seed 1's held out 0.880
(66 of 75) at 2.40 false/h (4 matches, all on other doorbells, none on other sounds: the
household that took 23 now takes 1); the fresh seed 5 0.947 (72 of 76) at 0.60 (one, on another
doorbell), where the shipped design finds 0.632 (48 of 76) at 0.00. Both held out: 0.914 (138 of
151) at 1.50. Not better than the shipped design on false matches, so not shipped.

    .venv/bin/python experiments/pattern_guard.py --bank            # choosing table
    .venv/bin/python experiments/pattern_guard.py --bank --judge    # and the held out, once

The r here is numpy's floating point of design 2's integer r (the same sums, exact; only the
last square root in floats: an r may differ by 1 in the thousandths); templates, beds and steps
are design 2's own code, read from git (b057a1f:device/pattern.py).

    .venv/bin/python experiments/pattern_guard.py --scenes   # seed 2's choosing scenes, once
    .venv/bin/python experiments/pattern_guard.py            # the choosing table
    .venv/bin/python experiments/pattern_guard.py --judge    # and the held out, once
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
from tqdm import tqdm  # noqa: E402

import personal_pattern  # noqa: E402  (frames, scoring, the scenes)
from personal_windows import score  # noqa: E402

N = 40
FRAME_SECONDS = 256 / 16000
DESIGN = 'b057a1f'


P = personal_pattern.pattern_at(DESIGN, 'pattern2')   # design 2's device module, from git


def scene_steps(frames):
    """(raw, over) of every step of a scene as design 2's Bed makes them (int arrays T x N):
    the bed followed from the first step (numpy, the same integer arithmetic)."""
    f = np.asarray(frames, np.int64)
    t = len(f) // P.STEP
    means = f[:t * P.STEP].reshape(t, P.STEP, N).sum(1) // P.STEP
    raw = np.maximum(means // 100, -127)
    over = np.zeros_like(means)
    floor = means[0].copy()
    for k in range(t):
        v = means[k] - floor
        floor += np.sign(v) * P.TRACK
        over[k] = np.clip((v - P.MARGIN) // P.UNIT, P.LOW, 127)
    return raw, over


def rs(template, raw, over):
    """A template's r (thousandths, int) at every step of (raw, over); -1000 before it fits."""
    t = np.frombuffer(bytes(template), np.int8).astype(np.int64).reshape(-1, N)
    length = len(t)
    m = (t != P.UNLIT).astype(np.int64)
    tv = t * m
    c, ts, tss = m.sum(), tv.sum(), (tv * tv).sum()
    tvar = c * tss - ts * ts
    T = len(raw)
    out = np.full(T, -1000, np.int64)
    if T < length or tvar <= 0:
        return out
    n = T - length + 1
    sx = np.zeros(n, np.int64)
    sxx = np.zeros(n, np.int64)
    sxt = np.zeros(n, np.int64)
    rise = np.zeros(n, np.int64)
    raw2 = raw * raw
    for i in range(length):
        sx += raw[i:i + n] @ m[i]
        sxx += raw2[i:i + n] @ m[i]
        sxt += raw[i:i + n] @ tv[i]
        rise += over[i:i + n] @ m[i]
    xvar = c * sxx - sx * sx
    num = c * sxt - sx * ts
    with np.errstate(divide='ignore', invalid='ignore'):
        r = np.floor(1000 * np.abs(num) / np.sqrt(xvar.astype(float) * float(tvar)) + 1e-9)
    r = np.where(num >= 0, r, -r)
    r = np.where((xvar <= 0) | (rise * P.UNIT < P.GATE * c), 0, r)
    out[length - 1:] = r.astype(np.int64)
    return out


def bed_stretch(steps, template_steps):
    """An example's steps away from its ring: those more than the template's length from
    its loudest step."""
    rise = [sum(o) for o, _ in steps]
    top = max(range(len(rise)), key=lambda k: rise[k])
    keep = [k for k in range(len(steps)) if abs(k - top) > template_steps]
    return keep


def case(folder):
    """Templates, their leave-one-out r, their best r on the examples' beds, and every
    scene's per-template r (cached)."""
    cache = folder / ('guard-%s-%d-%d-%d.npz' % (DESIGN, P.TRACK, P.LIT, P.GATE))
    meta = folder / ('guard-%s-%d-%d-%d.json' % (DESIGN, P.TRACK, P.LIT, P.GATE))
    if cache.exists() and meta.exists():
        z = np.load(cache)
        info = json.loads(meta.read_text())
        info['scenes'] = [{'truth': t, 'r': z['r%d' % k]} for k, t in enumerate(info['truths'])]
        if 'bank' not in info and BANK.exists():
            info['bank'] = bank_best([P.template(P.steps_of(personal_pattern.frames(f), N))
                                      for f in sorted(folder.glob('example_*.wav'))])
            meta.write_text(json.dumps({k: v for k, v in info.items() if k != 'scenes'}))
        return info
    examples = [P.steps_of(personal_pattern.frames(f), N)
                for f in sorted(folder.glob('example_*.wav'))]
    templates = [P.template(s) for s in examples]
    lengths = [len(t) // N for t in templates]
    ex = [(np.array([list(r) for _, r in s], np.int64), np.array([list(o) for o, _ in s],
                                                                np.int64)) for s in examples]
    loo = [[int(rs(templates[i], *ex[j]).max()) if i != j else None for j in range(3)]
           for i in range(3)]
    beds = []
    for i in range(3):
        best = -1000
        for j in range(3):
            r = rs(templates[i], *ex[j])
            keep = bed_stretch(examples[j], lengths[i])
            if keep:
                best = max(best, int(r[keep].max()))
        beds.append(best)
    arrays, truths = {}, []
    for k, s in enumerate(sorted(folder.glob('scene_*.wav'), key=lambda p: p.name)):
        raw, over = scene_steps(personal_pattern.frames(s))
        arrays['r%d' % k] = np.stack([rs(t, raw, over) for t in templates])
        truths.append(json.loads(s.with_suffix('.json').read_text())['truth'])
    info = {'loo': loo, 'beds': beds, 'lengths': lengths, 'truths': truths,
            'bank': bank_best(templates) if BANK.exists() else None,
            'seconds': [soundfile.info(str(s)).duration
                        for s in sorted(folder.glob('scene_*.wav'), key=lambda p: p.name)]}
    np.savez_compressed(cache, **arrays)
    meta.write_text(json.dumps(info))
    info['scenes'] = [{'truth': t, 'r': arrays['r%d' % k]} for k, t in enumerate(truths)]
    return info


def make_scenes(seed=2, count=2, minutes=10.0, names=None, bank_free=False, confusing=None):
    """More households: for each doorbell of `names` (the choosing ones), three new recordings
    of it and `count` new scenes, their confusing doorbells the other doorbells of `names`
    (choosing) or all others (held out), or those of `confusing` (names) only; bank_free: the
    scenes' other sounds are never the bank's (pool())."""
    import personal_doorbell as pd
    from training import scenes
    data = pd.data_folder()
    bells = pd.doorbells(data)
    chosen = set(names or choosing_names())
    beds = scenes.bed_kinds(data, ['*'])
    rest = pool(data)[1] if bank_free else pd.others(data)
    mine = [(s, p) for s, p in bells if p.stem in chosen]
    for i, (source, clip) in enumerate(tqdm(mine, desc='seed %d scenes' % seed)):
        rng = np.random.default_rng([seed, i])
        folder = personal_pattern.SCENES.parent / ('seed%d' % seed) / clip.stem
        folder.mkdir(parents=True, exist_ok=True)
        ring = [(s, p) for s, p in bells if p.stem in confusing] if confusing else None
        confusers = [p for s, p in (ring or (bells if names else mine)) if s != source]
        if not sorted(folder.glob('example_*.wav')):
            pd.recordings(rng, scenes.load(clip), beds, folder)
        for k in range(count):
            path = folder / ('scene_%d.wav' % k)
            if not path.exists():
                pd.scene(rng, clip, confusers, rest, beds, minutes, path)


def folders_of(seed):
    return sorted(p for p in (personal_pattern.SCENES.parent / ('seed%d' % seed)).iterdir()
                  if p.is_dir())


def choosing_names():
    """The choosing doorbells: the even ones of seed 1's list (personal_pattern.py's split)."""
    return [f.name for f in folders_of(1)[0::2]]


def held_names():
    return [f.name for f in folders_of(1)[1::2]]



BANK_FOLD = 'esc50-fold1'   # the bank's clips; the surrogate households never hear this fold


def pool(data):
    """(bank clips, the rest): every non-doorbell, non-background clip of train/, other/ and
    negatives/, the bank those of BANK_FOLD."""
    import csv
    bank, rest = [], []
    for folder in ('train', 'other', 'negatives'):
        with open(data / folder / 'manifest.csv', newline='') as f:
            for row in csv.DictReader(f):
                if row['label'] in ('doorbell', 'background'):
                    continue
                (bank if row['fold'] == BANK_FOLD else rest).append(data / folder / row['file'])
    return sorted(bank), sorted(rest)


def make_bank(count=2, minutes=10.0):
    """Scenes of the bank's sounds only (0 to 20 dB over a doorstep bed): what a template
    must not match, heard at teach time."""
    import personal_doorbell as pd
    from training import scenes
    data = pd.data_folder()
    bank, _ = pool(data)
    beds = scenes.bed_kinds(data, ['*'])
    folder = BANK
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        rng = np.random.default_rng([99, k])
        path = folder / ('scene_%d.wav' % k)
        if not path.exists():
            pd.scene(rng, bank[int(rng.integers(len(bank)))], bank, bank, beds, minutes, path)


def make_surrogates(count=24, scenes_each=2, minutes=10.0):
    """Households whose personal sound is not a doorbell (a letterbox, a gate, a horn: any clip
    of the rest, the same recording every time), its confusers other clips of its own kind,
    the rest of the scene anything else outside the bank: many kinds of sound for a guard to
    be chosen on, none of them the held-out doorbells."""
    import personal_doorbell as pd
    from training import scenes
    data = pd.data_folder()
    _, rest = pool(data)
    beds = scenes.bed_kinds(data, ['*'])
    pick = np.random.default_rng(7).choice(len(rest), count, replace=False)
    for i in tqdm(pick, desc='surrogate households'):
        clip = rest[i]
        rng = np.random.default_rng([7, int(i)])
        folder = SURROGATES / ('%s_%s' % (clip.parent.name, clip.stem))
        folder.mkdir(parents=True, exist_ok=True)
        kin = [p for p in rest if p.parent == clip.parent and p != clip]
        others = [p for p in rest if p.parent != clip.parent]
        if not sorted(folder.glob('example_*.wav')):
            pd.recordings(rng, scenes.load(clip), beds, folder)
        for k in range(scenes_each):
            path = folder / ('scene_%d.wav' % k)
            if not path.exists():
                pd.scene(rng, clip, kin or others, others, beds, minutes, path)


BANK = personal_pattern.SCENES.parent / 'bank'
SURROGATES = personal_pattern.SCENES.parent / 'surrogates'
_bank_steps = []


def bank_best(templates):
    """Each template's best r over the bank's scenes."""
    if not _bank_steps:
        for s in sorted(BANK.glob('scene_*.wav')):
            _bank_steps.append(scene_steps(personal_pattern.frames(s)))
    return [max(int(rs(t, raw, over).max()) for raw, over in _bank_steps) for t in templates]


def bank_b():
    """Design B's bank as shipped until round 20, without the doorbells part
    (`training.pattern_bank --no-bells`: the same bytes every run), built once under build/:
    what the experiments that judged design B teach with."""
    path = BANK.parent / 'bank-b.gz'
    if not path.exists():
        from training import pattern_bank
        pattern_bank.main(['--no-bells', '--out', str(path)])
    return path


GAP, MAX_EVENT = 16, 64   # design 2's Watch (steps)
SECONDS = FRAME_SECONDS * 4


def events(match, r, lengths):
    """Design 2's Watch over the steps that match (a bool per step; r: templates x steps):
    an event opens on the best matching template's span, closes GAP steps after its last
    match or at MAX_EVENT steps. [(start, end)] in seconds."""
    out, ev = [], None
    hits = np.flatnonzero(match)
    if len(hits) == 0:
        return out
    best = np.argmax(np.where(r[:, hits] >= 0, r[:, hits], -1000), 0)
    for at, which in zip(hits, best):
        now = int(at) + 1
        if ev is not None and (now - ev[1] > GAP or now - ev[0] > MAX_EVENT):
            out.append((ev[0] * SECONDS, ev[1] * SECONDS))
            ev = None
        if ev is None:
            ev = [max(0, now - lengths[which]), now]
        else:
            ev[1] = now
    out.append((ev[0] * SECONDS, ev[1] * SECONDS))
    return out


def thresholds(c, rule):
    """Each template's threshold under `rule`."""
    out = []
    for i in range(3):
        th = rule['fixed']
        if rule.get('loo') is not None:
            th = max(th, min(v for v in c['loo'][i] if v is not None) - rule['loo'])
        if rule.get('beds') is not None:
            th = max(th, c['beds'][i] + rule['beds'])
        if rule.get('bank') is not None:
            th = max(th, c['bank'][i] + rule['bank'])
        out.append(th)   # over 1000: the template is dropped
    return out


def matches(r, th, agree, within, solo=None):
    """Steps where a template reaches its threshold and `agree` templates did within the
    last `within` steps, or one template reaches `solo` alone."""
    hit = r >= np.array(th)[:, None]
    if agree <= 1:
        return hit.any(0)
    recent = hit.copy()
    for d in range(1, within + 1):
        recent[:, d:] |= hit[:, :-d]
    both = hit.any(0) & (recent.sum(0) >= agree)
    return both if solo is None else both | (r >= solo).any(0)


def judge(cases, rule, verbose=False):
    tot, hours = np.zeros(4), 0.0
    for name, c in cases:
        th = thresholds(c, rule)
        mine = np.zeros(4)
        for s, sec in zip(c['scenes'], c['seconds']):
            m = matches(s['r'], th, rule.get('agree', 1), rule.get('within', 0),
                        rule.get('solo'))
            mine += score(events(m, s['r'], c['lengths']), s['truth'])
            hours += sec / 3600
        if verbose:
            print('  %-40s thresholds %s: rings %d, found %d, false on doorbells %d, '
                  'on others %d' % ((name, th) + tuple(int(v) for v in mine)))
        tot += mine
    own, hit, bell, other = tot
    return hit / own, (bell + other) / hours, other / hours, int(hit), int(own), hours


def rules():
    for fixed in range(820, 1000, 10):
        for loo in (None, 20, 60):
            for beds in (None, 0, 30):
                for agree, within in ((1, 0), (2, 0), (2, 4), (2, 8), (2, 16)):
                    for solo in ((None,) if agree == 1 else (None, 940, 960, 980)):
                        yield {'fixed': fixed, 'loo': loo, 'beds': beds, 'agree': agree,
                               'within': within, 'solo': solo}


def load(seed, names):
    return [('seed%d/%s' % (seed, f.name), case(f)) for f in folders_of(seed) if f.name in names]


def bank_rules():
    for fixed in range(600, 970, 10):
        for beds in (None, 0):
            for bank in (None, 0, 20, 40, 60):
                for agree, within, solo in ((1, 0, None), (2, 0, None), (2, 8, None),
                                            (2, 16, None), (2, 0, 960), (2, 8, 960),
                                            (2, 16, 960)):
                    yield {'fixed': fixed, 'loo': None, 'beds': beds, 'bank': bank,
                           'agree': agree, 'within': within, 'solo': solo}


def shipped(seed, names):
    """(recall, found, rings, false matches an hour) of the shipped design (device/pattern.py,
    personal_pattern.py's run of it) in the households of `seed`."""
    tot, hours = np.zeros(4), 0.0
    for f in folders_of(seed):
        if f.name in names:
            c = personal_pattern.case(f)
            for k, s in enumerate(c['scenes']):
                tot += score(personal_pattern.watched(s['series'],
                                                      personal_pattern.pattern.THRESHOLD),
                             s['truth'])
                hours += soundfile.info(str(f / ('scene_%d.wav' % k))).duration / 3600
    own, hit, bell, other = tot
    return hit / own, int(hit), int(own), (bell + other) / hours


def main_bank():
    """The teach-time bank guard, chosen on the choosing doorbells' 24 households and 24
    surrogate households together (not judged on the held-out doorbells: their one look was
    the guard above's)."""
    make_bank()
    make_surrogates()
    choose = choosing_names()
    bells = []
    for seed in (1, 2, 3, 4):
        bells += load(seed, choose)
    sur = [('surrogates/' + f.name, case(f)) for f in tqdm(sorted(SURROGATES.iterdir()),
                                                           desc='surrogates')]
    rows = []
    for rule in tqdm(list(bank_rules()), desc='rules'):
        rows.append((judge(bells + sur, rule), rule))
    ok = sorted((x for x in rows if x[0][1] <= BUDGET), key=lambda x: (-x[0][0], x[0][1]))
    print('%6s %5s %5s %6s %6s %5s %7s %8s' % ('fixed', 'beds', 'bank', 'agree', 'within',
                                               'solo', 'recall', 'false/h'))
    for (recall, false, *_), rule in ok[:15]:
        print('%6d %5s %5s %6d %6d %5s %7.3f %8.2f' % (
            rule['fixed'], rule['beds'], rule['bank'], rule['agree'], rule['within'],
            rule['solo'], recall, false))
    result = {'budget': BUDGET, 'rule': ok[0][1]}
    for name, cases, rule in (('chosen', None, ok[0][1]),
                              ('unguarded', None, {'fixed': 890, 'agree': 2, 'within': 16})):
        for part, group in (('doorbells', bells), ('surrogates', sur)):
            r = judge(group, rule, verbose=part == 'surrogates' and name == 'chosen')
            print('%s %s: recall %.3f (%d of %d), false matches %.2f an hour in %.2f h'
                  % (name, part, r[0], r[3], r[4], r[1], r[5]))
            result['%s_%s' % (name, part)] = {'recall': round(r[0], 3),
                                              'false_matches_per_hour': round(r[1], 2),
                                              'found': r[3], 'own': r[4], 'hours': round(r[5], 2)}
    if '--judge' in sys.argv:
        # once, after the rule was committed: seed 1's held-out households (their scenes may
        # hold the bank's clips) and fresh ones of seed 5 (new recordings and scenes, never
        # the bank's clips)
        make_scenes(5, names=held_names(), bank_free=True)
        rule = ok[0][1]
        for seed in (1, 5):
            h = judge(load(seed, held_names()), rule, verbose=True)
            print('held out, seed %d: recall %.3f (%d of %d), false matches %.2f an hour (%.2f '
                  'not on a doorbell) in %.2f h' % ((seed,) + h[:1] + h[3:5] + h[1:3] + h[5:]))
            result['held_out_seed%d' % seed] = {
                'recall': round(h[0], 3), 'false_matches_per_hour': round(h[1], 2),
                'found': h[3], 'own': h[4], 'hours': round(h[5], 2)}
        s = shipped(5, held_names())
        print('the shipped design on the same fresh households (seed 5): recall %.3f (%d of %d),'
              ' false matches %.2f an hour' % s)
        result['shipped_held_out_seed5'] = {'recall': round(s[0], 3), 'found': s[1],
                                            'own': s[2], 'false_matches_per_hour': round(s[3], 2)}
    out = ROOT / 'experiments' / 'results' / 'pattern_bank.json'
    out.write_text(json.dumps(result, indent=1) + '\n')


BUDGET = 0.75   # false matches an hour the choice may reach on the choosing households: under
#                the goal's 1 with room, as doorbells nobody has heard take more (design 2's did)


def main():
    choose = choosing_names()
    cases = []
    for seed in (1, 2, 3, 4):
        cases += load(seed, choose)
    print('chosen on %d households of %s' % (len(cases), ', '.join(choose)))
    rows = [(judge(cases, rule), rule) for rule in rules()]
    ok = [x for x in rows if x[0][1] <= 1.0]
    ok.sort(key=lambda x: (-x[0][0], x[0][1]))
    print('%6s %5s %5s %6s %6s %5s %7s %8s %11s' % (
        'fixed', 'loo', 'beds', 'agree', 'within', 'solo', 'recall', 'false/h', 'not bell/h'))
    for (recall, false, other, *_), rule in ok[:25]:
        print('%6d %5s %5s %6d %6d %5s %7.3f %8.2f %11.2f' % (
            rule['fixed'], rule['loo'], rule['beds'], rule['agree'], rule['within'],
            rule['solo'], recall, false, other))
    (c, rule) = [x for x in ok if x[0][1] <= BUDGET][0]
    print('chosen (the highest recall at <= %.2f false/h): %s' % (BUDGET, rule))
    c = judge(cases, rule, verbose=True)
    print('choosing: recall %.3f (%d of %d), false matches %.2f an hour (%.2f not on a doorbell)'
          ' in %.2f h' % (c[0], c[3], c[4], c[1], c[2], c[5]))
    result = {'design': DESIGN, 'rule': rule, 'budget': BUDGET,
              'choosing': {'recall': round(c[0], 3), 'false_matches_per_hour': round(c[1], 2),
                           'found': c[3], 'own': c[4], 'hours': round(c[5], 2),
                           'households': [n for n, _ in cases]}}
    if '--judge' in sys.argv:
        held = load(1, held_names())
        print('held out (judged once):')
        h = judge(held, rule, verbose=True)
        print('held out: recall %.3f (%d of %d), false matches %.2f an hour (%.2f not on a '
              'doorbell) in %.2f h' % (h[0], h[3], h[4], h[1], h[2], h[5]))
        result['held_out'] = {'recall': round(h[0], 3), 'false_matches_per_hour': round(h[1], 2),
                              'found': h[3], 'own': h[4], 'hours': round(h[5], 2),
                              'households': [n for n, _ in held]}
    out = ROOT / 'experiments' / 'results' / 'pattern_guard.json'
    out.write_text(json.dumps(result, indent=1) + '\n')


if __name__ == '__main__':
    if '--bank' in sys.argv:
        main_bank()
        sys.exit()
    if '--scenes' in sys.argv:
        for seed in (2, 3, 4):
            make_scenes(seed)
    main()
