"""A personal sound matched by its pattern (device/pattern.py), in MicroPython with a 128 KB heap
and CPython: taught from three recordings of a synthetic doorbell on three beds, it finds a new,
quieter ring of that doorbell in a scene and not a different doorbell nor the bed; a malformed
pattern head is refused in one line; and the appliance's pipeline opens an event with the
personal label (generic 'other' beside it) where the classifier opens none."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

RATE = 16000

CODE = '''
import json, personal, pattern, frontend
from array import array

def frames(path):
    lm = frontend.LogMel()
    f = array('h', bytes(80))
    with open(path, 'rb') as fh:
        while True:
            b = fh.read(2048)
            if not b:
                break
            lm.push(array('h', b))
            while lm.pop(f):
                yield f
'''


def chime(notes, seconds):
    """A doorbell-like sound: tones with two partials, each decaying."""
    out = []
    for hz, length in notes:
        t = np.arange(int(length * RATE)) / RATE
        env = np.exp(-3 * t / length)
        out.append(env * (np.sin(2 * np.pi * hz * t) + 0.4 * np.sin(2 * np.pi * 2.7 * hz * t)))
    return np.concatenate(out)[:int(seconds * RATE)]


OURS = chime([(660, 0.45), (523, 0.8)], 1.25)
THEIRS = chime([(880, 0.3), (988, 0.3), (740, 0.6)], 1.2)


def bed(rng, seconds, dbfs):
    x = np.cumsum(rng.standard_normal(int(seconds * RATE)))   # brown-ish: a room's low rumble
    x -= np.convolve(x, np.ones(400) / 400, 'same')
    x += 0.3 * rng.standard_normal(len(x))
    return x * (10 ** (dbfs / 20) / np.sqrt(np.mean(x * x)))


def lay(audio, at, sound, snr, under):
    gain = 10 ** (snr / 20) * np.sqrt(np.mean(under ** 2)) / np.sqrt(np.mean(sound ** 2))
    audio[int(at * RATE):int(at * RATE) + len(sound)] += gain * sound


def write(path, audio):
    path.write_bytes(np.clip(audio * 32767, -32768, 32767).astype('<i2').tobytes())


def recordings(folder, rng, dbfs, sound=OURS, snr=15, wav=False):
    """Three example recordings of `sound` laid at 1.5 s on beds at levels `dbfs` (3 values):
    their paths (raw PCM files, or WAVs when `wav`)."""
    import soundfile
    paths = []
    for k, level in enumerate(dbfs):
        audio = bed(rng, 3 + len(sound) / RATE, level)
        lay(audio, 1.5, sound, snr, audio)
        paths.append(folder / ('example_%d.%s' % (k, 'wav' if wav else 'pcm')))
        if wav:
            soundfile.write(str(paths[-1]), audio, RATE, subtype='PCM_16')
        else:
            write(paths[-1], audio)
    return paths


def test_a_taught_pattern_finds_a_new_ring_and_not_another_doorbell(device, tmp_path):
    rng = np.random.default_rng(5)
    examples = recordings(tmp_path, rng, (-45, -40, -35))
    scene = bed(rng, 24, -38)
    lay(scene, 5, OURS, 6, scene)       # a quieter ring than any example
    lay(scene, 14, THEIRS, 15, scene)   # the neighbour's doorbell, louder
    write(tmp_path / 'scene.pcm', scene)
    out = device.json_lines(CODE + '''
head = json.dumps(pattern.teach('our doorbell', 'm', [frames(p) for p in %r], 40))
print(json.dumps([len(head)]))
h = personal.load(head, model='m', dim=32, labels=['doorbell'])
assert h.match([0] * 32) is None   # it labels no event by its embedding
w = pattern.watch(h)
found = []
for f in frames(%r):
    found += w.frame(f)
found += w.flush()
print(json.dumps(found))
''' % ([str(p) for p in examples], str(tmp_path / 'scene.pcm')))
    assert out[0][0] <= 6144   # fits a device's head file (personal.MAX_BYTES)
    found = out[1]
    assert [ev['label'] for ev in found] == ['our doorbell'], found
    assert 4.5 < found[0]['start'] < 6.3 and found[0]['end'] > 5.0, found


def test_a_malformed_pattern_head_is_refused_in_one_line(device):
    out = device.json_lines(CODE + '''
good = {'format': 1, 'model': 'm', 'dim': 4, 'embedding': 'pattern',
        'sounds': [{'label': 'our bell', 'reach': 800, 'templates': ['AAECAwQFBgc=']}]}
assert [bytes(t) for t in personal.load(json.dumps(good)).sounds[0][2]] == [bytes(range(8))]
assert personal.load(json.dumps(good)).generic is None
good['sounds'][0]['generic'] = 'doorbell'
assert personal.load(json.dumps(good), labels=['doorbell', 'background']).generic == 'doorbell'
reasons = []
for change in ({'reach': 1001}, {'reach': 0.5}, {'templates': []}, {'templates': ['AAEC']},
               {'templates': ['not base64!']}, {'templates': [7]}, {'label': 'doorbell'},
               {'templates': ['AAECAwQFBgc='] * 4}, {'generic': 'background'},
               {'generic': 'letterbox'}, {'generic': 7}):
    bad = json.loads(json.dumps(good))
    bad['sounds'][0].update(change)
    try:
        personal.load(json.dumps(bad), labels=['doorbell', 'background'])
        reasons.append('accepted %r' % (change,))
    except ValueError as exc:
        assert '\\n' not in str(exc)
        reasons.append(str(exc))
print(json.dumps(reasons))
''')
    assert not [r for r in out[0] if r.startswith('accepted')], out


def test_the_appliance_opens_a_personal_event_where_the_pattern_is_heard(tmp_path):
    """`earmark personal teach` (a pattern head unless --embedding) and `earmark detect
    --personal`: the appliance's
    pipeline (MicroPython, the image) watches every frame and stores the ring as an event with
    the personal label, the generic one beside it; the other doorbell is not labelled so."""
    import soundfile
    from earmark import ROOT, detect, personal
    from bundles import edited
    rng = np.random.default_rng(9)
    files = recordings(tmp_path, rng, (-42, -38, -34), wav=True)
    scene = bed(rng, 30, -40)
    lay(scene, 8, OURS, 8, scene)
    lay(scene, 20, THEIRS, 15, scene)
    soundfile.write(str(tmp_path / 'scene.wav'), scene, RATE, subtype='PCM_16')
    # as the README types it
    done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'personal', 'teach',
                           '--label', 'our doorbell', '--out', str(tmp_path / 'head')]
                          + [str(f) for f in files], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / 'head' / personal.HEAD_FILE).read_text())['embedding'] == \
        'pattern'
    events, _, _ = detect.detect(tmp_path / 'scene.wav',
                                 personal=personal.load_head(tmp_path / 'head'))
    mine = [ev for ev in events if ev['label'] == 'our doorbell']
    assert len(mine) == 1 and 7.0 < mine[0]['start'] < 9.3, events
    assert 'generic' in mine[0] and mine[0]['generic'] != 'car_horn', events
    assert not [ev for ev in mine if ev['start'] > 15], events

    # told what kind of sound it is (a label no sound here is given: the head's, not the
    # classifier's), the head gives the events it opens that model label
    def teach(*more):
        return subprocess.run([sys.executable, '-m', 'earmark.cli', 'personal', 'teach',
                               '--label', 'our doorbell', '--out', str(tmp_path / 'kind')]
                              + list(more) + [str(f) for f in files],
                              capture_output=True, text=True)
    for bad in (['--generic', 'background'], ['--generic', 'letterbox'],
                ['--embedding', '--generic', 'doorbell']):
        done = teach(*bad)
        assert done.returncode == 2 and '--generic' in done.stderr, (bad, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert teach('--generic', 'car_horn').returncode == 0
    # Where the classifier opens the event itself, it keeps the classifier's label (round 22's
    # default calls this chime a doorbell); a copy of the model that opens no doorbell event
    # leaves the ring to the head's watch.
    model = edited(ROOT / 'device' / 'model', tmp_path / 'no-doorbells' / 'model',
                   lambda meta: meta['event_thresholds'].update(doorbell=2.0))
    events, _, _ = detect.detect(tmp_path / 'scene.wav', model=model,
                                 personal=personal.load_head(tmp_path / 'kind'))
    mine = [ev for ev in events if ev['label'] == 'our doorbell']
    assert [ev['generic'] for ev in mine] == ['car_horn'], events


def test_the_lab_finds_it_with_the_same_code(tmp_path):
    """The browser lab's analysis (webui/lab/labcore.py in MicroPython, as the page runs it):
    a pattern head taught there labels the ring, the generic label beside it."""
    from earmark import personal
    rng = np.random.default_rng(11)
    paths = [str(p) for p in recordings(tmp_path, rng, (-44, -41, -38))]
    scene = bed(rng, 26, -40)
    lay(scene, 6, OURS, 7, scene)
    lay(scene, 17, THEIRS, 15, scene)
    write(tmp_path / 'scene.pcm', scene)
    out = personal.run_host('''import json, labcore, personal
head = labcore.pattern_head('our doorbell', 'm', [open(p, 'rb').read() for p in %r])
lab = labcore.Lab('model')
lab.head = personal.load(json.dumps(head))
print(json.dumps(lab.analyse(open(%r, 'rb').read())['events']))
''' % (paths, str(tmp_path / 'scene.pcm')), heap='16M')
    events = json.loads(out.splitlines()[-1])
    mine = [ev for ev in events if ev['label'] == 'our doorbell']
    assert len(mine) == 1 and 5.0 < mine[0]['start'] < 7.3 and 'generic' in mine[0], events


def test_the_lab_gives_a_head_the_model_label_its_examples_share():
    """labcore.generic_of (MicroPython, as the page runs it): the label the model gave every
    example, when it is an event label; none where the examples disagree, where the model heard
    background or other, or for a whole recording (no model label)."""
    from earmark import personal
    cases = [['doorbell'] * 3, ['doorbell', 'doorbell', 'other'], ['other'] * 3,
             ['background'] * 2, ['The whole recording'], [], ['siren', 'doorbell']]
    out = personal.run_host("""import json, labcore
labels = ['doorbell', 'siren', 'background', 'other']
print(json.dumps([labcore.generic_of(h, labels) for h in %r]))
""" % cases)
    assert json.loads(out.splitlines()[-1]) == ['doorbell', None, None, None, None, None, None]


def test_put_a_pattern_head_and_the_running_appliance_labels_the_sound(tmp_path):
    """PUT /api/personal with a pattern head taught on the command line from recordings of a
    sound: the running appliance (MicroPython, microphone fed by the harness) stores that sound
    with the personal label from the next chunk on; another sound keeps its own label; a bad
    pattern head is refused."""
    import soundfile
    from earmark import personal, runtime
    from earmark.harness import RealAppliance
    if runtime.micropython_binary() is None:
        import pytest
        pytest.skip('micropython is not installed on this platform')
    app = RealAppliance(tmp_path / 'app').start()

    call = app.call

    def heard(label):
        return [call('GET', '/api/events/%d' % ev['id'])[1] for ev in app.heard(label)]

    try:
        ours = 'doorbell'
        sound, rate = soundfile.read(str(app.recordings[ours]), dtype='float64')
        rng = np.random.default_rng(3)
        files = recordings(tmp_path, rng, (-50, -47, -44), sound, 20, wav=True)
        head = personal.teach_pattern('our bell', files)
        bad = json.loads(json.dumps(head))
        bad['sounds'][0]['templates'] = ['AAEC']
        assert call('PUT', '/api/personal', bad)[0] == 400
        assert call('PUT', '/api/personal', head)[0] == 200
        assert call('GET', '/api/personal')[1] == {
            'sounds': [{'label': 'our bell', 'prototypes': 3}]}
        mine = heard(ours)
        ours_now = [ev for ev in mine if ev['label'] == 'our bell']
        assert ours_now, mine
        # the model's label beside the personal one (openapi.json: Event.generic)
        assert all(ev['generic'] in spec_labels() for ev in ours_now), ours_now
        assert not [ev for ev in mine if 'generic' in ev and ev['label'] != 'our bell'], mine
        other = heard('speech')
        assert other and not [ev for ev in other if ev['label'] == 'our bell'], other
    finally:
        out = app.stop()
    assert 'Traceback' not in out, out[-3000:]


def spec_labels():
    """The model's labels as webui/openapi.json's Label names them."""
    from earmark import ROOT
    spec = json.loads((ROOT / 'webui' / 'openapi.json').read_text())
    return spec['components']['schemas']['Label']['enum']


PIPELINE = '''
import asyncio, json, os, pattern, personal, pipeline, ring, segmenter, similar, sources, store
from array import array
LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
          'baby_crying', 'car_horn', 'siren', 'background', 'other']


class Scripted:
    """The classifier's part the pipeline uses, its scores set by the test: 'speech' from
    2.3 s to 14.5 s (the hum), 'dog_bark' on the ring's windows (from %(bark)s s to 10 s)."""
    labels, n_mels, window_frames, hop_frames, dim = LABELS, 40, 62, 31, 8

    def __init__(self):
        self.k = 0
        self.embedded = {}   # a stored embedding -> the end (s) of the window it is of

    def features(self, buf):
        self.k += 1
        return self.k

    def scores(self, k, door=False):
        end = (self.window_frames + (k - 1) * self.hop_frames) * 256 / 16000
        s = [0.0] * 11
        s[9] = 0.1
        if 2.3 < end < 14.5:
            s[3] = 0.9
        if %(bark)s < end < 10.0:
            s[2] = 0.9
        return s

    def embed(self, k):
        v = bytes([k, 10] + [0] * (self.dim - 2))   # a direction of its own for each window
        self.embedded[bytes(similar.normalise(v, self.dim))] = \
            (self.window_frames + (k - 1) * self.hop_frames) * 256 / 16000
        return v


def frames(path):
    lm = pipeline.frontend.LogMel()
    f = array('h', bytes(80))
    b = array('h', bytes(2000))   # 1,000 samples: the recordings hold whole ones
    with open(path, 'rb') as fh:
        while fh.readinto(b):
            lm.push(b)
            while lm.pop(f):
                yield f

r = ring.AdpcmRing(3.0)   # first, as the appliance does: the largest buffer
head = json.dumps(pattern.teach('our doorbell', 'm', [frames(p) for p in %(examples)r], 40))
c = Scripted()
st = store.Store(%(root)r, LABELS, c.dim, centroids=bytes(range(32)), clip_rate=r.rate)
st.set_personal(personal.load(head, model='m', dim=40, labels=LABELS), head.encode())
p = pipeline.Pipeline(sources.open_source(%(scene)r), c, st, r,
                      segmenter.Segmenter(LABELS, c.window_frames, c.hop_frames),
                      start_time=0, log=lambda *a: None)
p.QUEUE = 5000   # every message of the scene kept, to list the events told
sub = p.subscribe()
asyncio.run(p.run())
print(json.dumps([[ev['start'] / 1000, ev['end'] / 1000, ev['label'], ev.get('generic'),
                   ev['id'], c.embedded.get(bytes(st.embedding(ev['id'])))]
                  for ev in st.events()]))
print(json.dumps([[ev['id'], ev['label'], ev.get('generic')] for kind, ev in sub.items
                  if kind == 'event']))
'''


def test_one_event_for_the_ring_and_earlier_events_keep_their_labels(device, tmp_path):
    """The pipeline's pattern hook: talk at the door (the classifier's 'speech' since 2 s) goes
    on while the doorbell rings at 8 s. The ring is one event with the personal label, whether
    the classifier also opens an event on it ('dog_bark' here) or not; the talk keeps its own."""
    import soundfile
    rng = np.random.default_rng(13)
    examples = [str(p) for p in recordings(tmp_path, rng, (-44, -41, -38))]
    scene = bed(rng, 20, -40)
    t = np.arange(12 * RATE) / RATE
    hum = np.sin(2 * np.pi * 150 * t) + 0.5 * np.sin(2 * np.pi * 300 * t)
    lay(scene, 2, hum, 12, scene[:len(hum)])
    lay(scene, 8, OURS, 8, scene)
    soundfile.write(str(tmp_path / 'scene.wav'), scene, RATE, subtype='PCM_16')
    # dog_bark from (s): never, after the watch has found the ring, before it has
    for bark in (99, 8.5, 8.1):
        root = tmp_path / ('store_%s' % bark)
        events, told = device.json_lines(PIPELINE % {
            'bark': bark, 'root': str(root), 'examples': examples,
            'scene': str(tmp_path / 'scene.wav')}, timeout=300,
            heap='256K')   # the hook's logic here; the heap tests measure the appliance's
        ring = [ev for ev in events if 7.0 < ev[0] < 9.3]
        assert len(ring) == 1 and ring[0][2] == 'our doorbell', (bark, events)
        # the model's label beside: none for a sound the classifier never names, else its own
        # (as the watch comes first, or second)
        assert ring[0][3] == ('other' if bark == 99 else 'dog_bark'), (bark, events)
        # Told as it opened and as it ended, and again at once when the watch names the
        # classifier's event or the classifier the watch's (the page and the webhooks learn it
        # then, not at its end).
        ident = ring[0][4]
        assert [t[1:] for t in told if t[0] == ident] == {
            99: [['our doorbell', 'other']] * 2,
            8.5: [['our doorbell', 'other']] + [['our doorbell', 'dog_bark']] * 2,
            8.1: [['dog_bark', None]] + [['our doorbell', 'dog_bark']] * 2}[bark], (bark, told)
        # Its embedding is a window's that heard the ring (the classifier's, or the last window
        # scored when the watch opened it; not zeros), so a search for sounds like it finds
        # other rings: the window ends within the ring.
        assert ring[0][5] is not None and 8.0 < ring[0][5] < 10.5, (bark, events)
        talk = [ev for ev in events if ev[0] < 3.0]
        assert [ev[2] for ev in talk] == ['speech'] and talk[0][1] > 12, (bark, events)


def test_a_format_2_head_with_bad_reaches_is_refused_in_one_line(device):
    """A format 2 head carries a threshold a template ("reaches"); anything else there is
    refused in one line, and a format 1 head (one "reach") still loads as it did."""
    out = device.json_lines(CODE + '''
good = {'format': 2, 'model': 'm', 'dim': 4, 'embedding': 'pattern',
        'sounds': [{'label': 'our bell', 'reaches': [800, 950],
                    'templates': ['AAECAwQFBgc=', 'BwYFBAMCAQA=']}]}
h = personal.load(json.dumps(good))
old = json.loads(json.dumps(good))
old['format'] = 1
del old['sounds'][0]['reaches']
old['sounds'][0]['reach'] = 900
print(json.dumps([h.sounds[0][1], personal.load(json.dumps(old)).sounds[0][1]]))
reasons = []
for change, where in (({'reaches': [800]}, 0), ({'reaches': [800, 1001]}, 0),
                      ({'reaches': [800, -1]}, 0), ({'reaches': 900}, 0),
                      ({'reaches': [800, 0.9]}, 0), ({'reaches': [800, '900']}, 0),
                      ({'reaches': [800, 900, 950]}, 0), ({'reach': 900}, 0),
                      ({'embedding': 'net'}, 1), ({'format': 3}, 1)):
    bad = json.loads(json.dumps(good))
    (bad['sounds'][0] if where == 0 else bad).update(change)
    if 'reach' in change:
        del bad['sounds'][0]['reaches']
    try:
        personal.load(json.dumps(bad))
        reasons.append('accepted %r' % (change,))
    except ValueError as exc:
        assert '\\n' not in str(exc)
        reasons.append(str(exc))
print(json.dumps(reasons))
''')
    assert out[0] == [[800, 950], 900], out
    assert not [r for r in out[1] if r.startswith('accepted')], out
    assert len(out[1]) == 10 and all(r.startswith('personal: ') for r in out[1]), out


FORMAT1 = Path(__file__).resolve().parent / 'pattern_format1.json'


def test_a_format_1_head_matches_as_the_first_design_did(device, tmp_path):
    """A format 1 head (the first design's: rises over the bed, r over every cell, one reach)
    kept on a device through an update: tests/pattern_format1.json holds one, taught by the
    first design's code (git show 817808f:device/pattern.py) on this scene's recordings, with
    every step's best r and the events that code made of the scene in each runtime. The same r,
    step by step, and the same events now."""
    fixture = json.loads(FORMAT1.read_text())
    want = fixture[device.name]
    rng = np.random.default_rng(21)
    recordings(tmp_path, rng, (-44, -40, -36))   # as the fixture's were made: the same scene
    scene = bed(rng, 24, -39)
    lay(scene, 5, OURS, 8, scene)
    lay(scene, 14, THEIRS, 15, scene)
    write(tmp_path / 'scene.pcm', scene)
    out = device.json_lines(CODE + '''
h = personal.load(%r)
w = pattern.watch(h)
m = w.matcher
rs, found = [], []
for f in frames(%r):
    heard = m.heard
    found += w.frame(f)
    if m.heard > heard:
        rs.append(max(m.r))
found += w.flush()
print(json.dumps(rs))
# the fixture's fields ('reached', for a correction, came later: tests/test_corrections.py)
print(json.dumps([{k: ev[k] for k in ('label', 'start', 'end', 'confidence')} for ev in found]))
''' % (json.dumps(fixture['head']), str(tmp_path / 'scene.pcm')))
    assert out[0] == want['r']
    assert out[1] == want['events'] and len(want['events']) == 1, out[1]


BANK = '''
def bank_of(path, margin=pattern.BANK_MARGIN, twin=None):
    """A bank of one stretch: its margin and twin, then a recording's steps as the appliance
    hears them."""
    yield margin, twin
    b = pattern.Bed(40)
    for f in frames(path):
        if b.frame(f):
            yield b.raw, b.step

def found(head, path):
    w = pattern.watch(personal.load(json.dumps(head)))
    out = []
    for f in frames(path):
        out += w.frame(f)
    return out + w.flush()
'''


def test_a_template_other_sounds_reach_is_raised_or_dropped(device, tmp_path):
    """The teach-time guard: a bank holding a doorbell much like ours (its notes a little off)
    raises every template's threshold over what it reaches there, so the guarded head no longer
    matches that sound where the unguarded one did; a bank holding our own doorbell drops every
    template ('too like other sounds', one line), unless it is a ring of the bank's doorbells
    part with a twin: then it is taken for our own make and raises nothing, while the other
    doorbell, well under our examples' own r, still raises the same. The board's and this
    computer's integers agree: the thresholds are the same here in CPython."""
    rng = np.random.default_rng(5)
    examples = [str(p) for p in recordings(tmp_path, rng, (-45, -40, -35))]
    near = chime([(670, 0.45), (530, 0.8)], 1.25)
    for name, sound, snr in (('near', near, 6), ('ours', OURS, 8)):
        audio = bed(np.random.default_rng(3), 12, -40)
        lay(audio, 4, sound, snr, audio)
        write(tmp_path / (name + '.pcm'), audio)
    out = device.json_lines(CODE + BANK + '''
plain = pattern.teach('our doorbell', 'm', [frames(p) for p in %(ex)r], 40)
guarded = pattern.teach('our doorbell', 'm', [frames(p) for p in %(ex)r], 40,
                        bank_of(%(near)r))
print(json.dumps([plain['sounds'][0]['reaches'], guarded['sounds'][0]['reaches'],
                  pattern.teach('our doorbell', 'm', [frames(p) for p in %(ex)r], 40,
                                bank_of(%(near)r, pattern.BANK_MARGIN + 15))['sounds'][0]['reaches']]))
print(json.dumps([len(found(plain, %(near)r)), len(found(guarded, %(near)r))]))
try:
    pattern.teach('our doorbell', 'm', [frames(p) for p in %(ex)r], 40, bank_of(%(ours)r))
    print(json.dumps(['accepted']))
except ValueError as exc:
    print(json.dumps([str(exc)]))
print(json.dumps([plain]))
print(json.dumps([pattern.teach('our doorbell', 'm', [frames(p) for p in %(ex)r], 40,
                                bank_of(b, pattern.BANK_MARGIN, 20))['sounds'][0]['reaches']
                  for b in (%(near)r, %(ours)r)]))
''' % {'ex': examples, 'near': str(tmp_path / 'near.pcm'), 'ours': str(tmp_path / 'ours.pcm')},
        timeout=300, heap='1M')   # teaching runs in the lab and on a computer, never on a board
    plain, guarded, wider = out[0]
    assert len(plain) == len(guarded) == 3, out
    assert all(800 <= p < g <= 1000 for p, g in zip(plain, guarded)), out
    # the bank's margin, a stretch's own, is what a template keeps over what it reaches there
    assert wider == [g + 15 for g in guarded], out
    assert out[1] == [1, 0], out   # the near doorbell: matched unguarded, not guarded
    assert out[2][0].startswith('pattern: our doorbell is too like other sounds'), out
    assert '\n' not in out[2][0]
    assert out[4] == [guarded, plain], out   # twin 20: the near one raises, ours does not
    # given the same frames (the runtime's front end's), this process's CPython teaches the
    # same head, bit for bit: the pattern's integers agree
    from array import array
    from earmark.bridge import device_module
    lines = device.json_lines(CODE + '''
for p in %r:
    print('["next"]')
    for f in frames(p):
        print(json.dumps(list(f)))
''' % examples)
    heard = []
    for line in lines:
        if line == ['next']:
            heard.append([])
        else:
            heard[-1].append(array('h', line))
    here = device_module('pattern').teach('our doorbell', 'm', heard, 40)
    assert here['sounds'][0]['reaches'] == plain, (here, plain)
    assert here == json.loads(json.dumps(out[3][0])), 'the templates differ'


def test_each_templates_own_threshold_decides_a_match(device, tmp_path):
    """A format 2 head's thresholds are each template's: with every one above what the ring
    reaches nothing is found; lowering one template's alone finds the ring."""
    rng = np.random.default_rng(5)
    examples = [str(p) for p in recordings(tmp_path, rng, (-45, -40, -35))]
    scene = bed(rng, 16, -40)
    lay(scene, 6, OURS, 8, scene)
    write(tmp_path / 'scene.pcm', scene)
    out = device.json_lines(CODE + BANK + '''
head = pattern.teach('our doorbell', 'm', [frames(p) for p in %r], 40)
w = pattern.watch(personal.load(json.dumps(head)))
best = [-1000] * 3
for f in frames(%r):
    w.frame(f)
    best = [max(a, b) for a, b in zip(best, w.matcher.r)]
print(json.dumps(best))
got = []
for k in range(3):
    head['sounds'][0]['reaches'] = [min(1000, r + 1) for r in best]
    got.append(len(found(head, %r)))
    head['sounds'][0]['reaches'][k] = best[k]
    got.append(len(found(head, %r)))
print(json.dumps(got))
''' % (examples, str(tmp_path / 'scene.pcm'), str(tmp_path / 'scene.pcm'),
       str(tmp_path / 'scene.pcm')))
    assert all(800 < r < 1000 for r in out[0]), out
    assert out[1] == [0, 1] * 3, out


def test_a_bank_file_is_read_or_refused(tmp_path):
    """pattern.bank_steps reads training/pattern_bank.py's layout (stretches of a 16-bit count,
    a margin and a twin, then raw and over bytes a step), as write() writes it, and refuses what
    is not one, in one line."""
    import gzip
    import io
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from training import pattern_bank
    from earmark.bridge import device_module
    pattern = device_module('pattern')
    steps = np.array([[1, 2, 0, 7], [3, 4, 5, 6], [-128, -1, 0, 1]], np.int8)
    pattern_bank.write(tmp_path / 'bank.gz', [(20, None, steps[:2, :2], steps[:2, 2:]),
                                              (-5, 90, steps[2:, :2], steps[2:, 2:])], n_mels=2)
    body = gzip.decompress((tmp_path / 'bank.gz').read_bytes())
    got = [s if isinstance(s[0], int) else (list(s[0]), list(s[1]))
           for s in pattern.bank_steps(io.BytesIO(body))]
    assert got == [(20, None), ([1, 2], [0, 7]), ([3, 4], [5, 6]), (-5, 90), ([-128, -1], [0, 1])]
    back = pattern_bank.read(tmp_path / 'bank.gz')
    assert [(m, t) for m, t, _, _ in back] == [(20, None), (-5, 90)]
    assert (back[1][2] == [[-128, -1]]).all()
    for bad in (b'EMPB\x02\x02', b'nope\x03\x02', body[:-1], body[:-2], body[:-5], body[:-6]):
        with pytest.raises(ValueError, match='^pattern: [^\n]*$'):
            list(pattern.bank_steps(io.BytesIO(bad)))


def test_teach_refuses_a_bank_that_is_not_one_in_one_line(tmp_path):
    """`earmark personal teach --pattern --bank FILE`: a missing file, or one that is not a
    gzipped bank of steps, is refused with one line and nothing is written."""
    import gzip
    rng = np.random.default_rng(5)
    files = [str(p) for p in recordings(tmp_path, rng, (-45, -40, -35), wav=True)]
    (tmp_path / 'text.gz').write_bytes(gzip.compress(b'not a bank'))
    (tmp_path / 'text').write_bytes(b'not a bank')
    for bank in ('missing.gz', 'text.gz', 'text'):
        done = subprocess.run([sys.executable, '-m', 'earmark.cli', 'personal', 'teach',
                               '--pattern', '--bank', str(tmp_path / bank), '--label', 'ours',
                               '--out', str(tmp_path / 'head')] + files,
                              capture_output=True, text=True)
        assert done.returncode == 2 and done.stderr.count('\n') == 1, (bank, done.stderr)
        assert 'bank' in done.stderr and not (tmp_path / 'head').exists(), done.stderr
