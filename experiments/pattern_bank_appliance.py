"""The bank-guarded pattern head (device/pattern.py, format 2) through the appliance, on the
held-out households that experiments/pattern_guard.py --bank judged in numpy (issue 25): seed
1's, the fresh ones of seed 5, and those of seeds 6 and 7
(experiments/pattern_doorbell_guard.py's and pattern_spill.py's, where each judged the shipped
rule beside its own). For each household, `earmark personal
teach` (the lab's code in MicroPython, design B's bank: pattern_guard.bank_b(), the shipped
one before its doorbells part) on its three
examples, then
the appliance (`earmark detect --personal`, MicroPython, its pipeline watching every frame)
over each scene; scored as pattern_guard.py scores (personal_windows.score).

The simulation's figures (experiments/results/pattern_bank.json): seed 1 0.880 (66 of 75) at
2.40 false matches an hour, seed 5 0.947 (72 of 76) at 0.60; seed 6
(experiments/results/pattern_doorbell_guard.json, "held_out_seed6_B") 0.905 (152 of 168) at 2.10;
seed 7 (pattern_spill.json, "held_out_seed7_shipped") 0.812 (134 of 165) at 2.70.

    .venv/bin/python experiments/pattern_bank_appliance.py

Writes experiments/results/pattern_bank_appliance.json (a household's result is kept in
build/personal/seedN/NAME/appliance-bank.json: a run cut short goes on where it stopped).
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'experiments'))

import numpy as np  # noqa: E402
from tqdm import tqdm  # noqa: E402


BUILD = ROOT / 'build' / 'personal'
LABEL = 'our doorbell'


def household(folder):
    """{'reaches', 'tally': [rings, found, false on doorbells, on others], 'hours'}."""
    from earmark import personal
    from personal_pattern import heard_by_appliance
    done = folder / 'appliance-bank.json'
    if done.exists():
        return json.loads(done.read_text())
    import pattern_guard
    head = personal.teach_pattern(LABEL, sorted(folder.glob('example_*.wav')),
                                  bank=pattern_guard.bank_b())
    tally, hours = heard_by_appliance(folder, head, LABEL)
    out = {'reaches': head['sounds'][0]['reaches'], 'tally': [int(v) for v in tally],
           'hours': hours}
    done.write_text(json.dumps(out))
    return out


def summary(tally, hours):
    own, hit, bell, other = tally
    return {'recall': round(hit / own, 3), 'found': int(hit), 'own': int(own),
            'false_matches_per_hour': round((bell + other) / hours, 2), 'hours': round(hours, 2)}


def main():
    import pattern_guard
    held = pattern_guard.held_names()
    results = ROOT / 'experiments' / 'results'
    sims = json.loads((results / 'pattern_bank.json').read_text())
    # seeds 6 and 7: pattern_doorbell_guard.py's and pattern_spill.py's fresh households, the
    # shipped rule there
    for seed, name, key in ((6, 'pattern_doorbell_guard.json', 'held_out_seed6_B'),
                            (7, 'pattern_spill.json', 'held_out_seed7_shipped')):
        s = json.loads((results / name).read_text())[key]
        sims['held_out_seed%d' % seed] = {'recall': s['recall'], 'found': s['found'],
                                          'own': s['rings'],
                                          'false_matches_per_hour': s['false_per_hour']}
    result, pooled, pooled_hours = {}, np.zeros(4), 0.0
    for seed in (1, 5, 6, 7):
        folders = [BUILD / ('seed%d' % seed) / name for name in held]
        tot, hours = np.zeros(4), 0.0
        for f in tqdm(folders, desc='seed %d, the appliance' % seed):
            h = household(f)
            tot += h['tally']
            hours += h['hours']
            print('  seed%d/%-36s thresholds %s: rings %d, found %d, false on doorbells %d, '
                  'on others %d' % ((seed, f.name, h['reaches']) + tuple(h['tally'])))
        pooled += tot
        pooled_hours += hours
        got = summary(tot, hours)
        s = sims['held_out_seed%d' % seed]
        print('seed %d: the appliance %.3f (%d of %d) at %.2f false/h; the simulation %.3f '
              '(%d of %d) at %.2f' % (seed, got['recall'], got['found'], got['own'],
                                      got['false_matches_per_hour'], s['recall'], s['found'],
                                      s['own'], s['false_matches_per_hour']))
        result['seed%d' % seed] = {'appliance': got, 'simulation': s}
    result['seeds_1_5_6_7'] = {'appliance': summary(pooled, pooled_hours)}
    print('all four, the appliance: %(recall).3f (%(found)d of %(own)d) at '
          '%(false_matches_per_hour).2f false/h in %(hours).2f h'
          % result['seeds_1_5_6_7']['appliance'])
    out = ROOT / 'experiments' / 'results' / 'pattern_bank_appliance.json'
    out.write_text(json.dumps(result, indent=1) + '\n')


if __name__ == '__main__':
    main()
