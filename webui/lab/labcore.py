"""The lab's analysis of a recording: what the appliance would find in it, by the device's own
modules (front end, windows, classifier and its embedding, level meter, segmenter), fed as
device/pipeline.py feeds them, without a store or a clock.

It runs in MicroPython: the browser's WebAssembly port (device modules as portable bytecode, the
viper kernels' plain-Python twins) and the unix port on a computer (`earmark personal teach`,
the tests), so the browser and the host are held to the same numbers.
"""
import json
from array import array

import classifier
import frontend
import level
import personal
import segmenter
import similar
import windows

CHUNK = 1024   # samples a source hands the pipeline at a time (device/sources.py)
RATE = 16000


def net_embedding(c, features):
    """The int8 net's own embedding of a window (format 3 or 4; None for trees alone), as a
    bytearray of c.net.dim: the teacher-distilled values the net's scores come from."""
    if c.format == 3:
        return features
    return features[2] if c.format == 4 else None


def stored(embedding, dim):
    """The embedding as the store keeps it (similar.normalise: norm 127), as signed ints: what
    a personal head is taught on and asked about."""
    return similar.signed(similar.normalise(embedding, dim))


def examples(result, loud_db=6):
    """A recording's examples of its sound for teaching: the stored embedding of each window
    within `loud_db` dB of its loudest (the sound, whichever window an event opens on), and of
    each window that opened an event. Needs analyse(..., windows_too=True)."""
    rows = result['windows']
    out = [ev['embedding'] for ev in result['events']]
    if rows:
        top = max(r['level'] for r in rows)
        out += [r['stored'] for r in rows if r['level'] >= top - 100 * loud_db]
    return out


SHIFTS = 4          # phases of the window grid a recording is heard at, for its examples
FRAME_HOP = 256     # samples between front-end frames (frontend.LogMel's hop)


def recording_examples(lab, pcm, loud_db=6):
    """examples() of a recording heard SHIFTS times, its start moved by a fraction of the
    windows' hop each time: an event's window falls anywhere on the sound, and the embedding
    of one window differs from the next by more than recordings of one sound do."""
    hop = lab.c.hop_frames * FRAME_HOP
    out = []
    for k in range(SHIFTS):
        for e in examples(lab.analyse(pcm[2 * (k * hop // SHIFTS):], True), loud_db):
            if e not in out:
                out.append(e)
    return out


def frames_of(pcm, n_mels=40):
    """The front end's frames of int16 little-endian 16 kHz PCM bytes, one array reused."""
    lm = frontend.LogMel()
    frame = array('h', bytes(2 * n_mels))
    for at in range(0, len(pcm) - 2 * CHUNK + 1, 2 * CHUNK):
        lm.push(array('h', pcm[at:at + 2 * CHUNK]))
        while lm.pop(frame):
            yield frame


def pattern_head(label, model, recordings, bank=None, generic=None):
    """A pattern head (device/pattern.py; personal.load's JSON as a dict) taught from a few
    recordings of one sound (PCM bytes each), its templates guarded against `bank` (the bank
    of other sounds' steps, pattern_bank.gz: a path or its bytes; None: no bank, the examples'
    beds and pattern.FLOOR only), `generic` the model's label for the sound (pattern.teach):
    `earmark personal teach --pattern` and the browser call this."""
    import pattern
    steps = ()
    if bank is not None:
        import deflate
        import io
        raw = open(bank, 'rb') if isinstance(bank, str) else io.BytesIO(bank)
        steps = pattern.bank_steps(deflate.DeflateIO(raw, deflate.GZIP))
    return pattern.teach(label, model, [frames_of(pcm) for pcm in recordings], 40, steps,
                         generic)


def generic_of(heard, labels):
    """The model's label for a sound taught from examples it heard as `heard` (each example's
    model label; a whole recording's is none of `labels`): the one they all share when it is an
    event label (a doorbell), else None (`other`). Where the model does not agree with itself
    the sound is not given one of its labels."""
    first = heard[0] if heard else None
    if first in labels and first not in ('background', 'other') and all(
            h == first for h in heard):
        return first
    return None


class Lab:
    def __init__(self, model='model'):
        self.c = classifier.Classifier(model)
        self.head = None   # personal.Head applied to events, or None

    def analyse(self, pcm, windows_too=False, energies=False):
        """{'events': [...], 'windows': [...] (when asked)} for int16 little-endian 16 kHz mono
        PCM bytes. An event is the pipeline's: start/end/label/confidence/runners_up from the
        segmenter, the embedding of the window that opened it (what the store keeps), and the
        personal label when a head is set. A window: its scores, level, embedding (stored: as
        the store keeps it) and the net's (net, normalised as stored). `energies`: every
        frame's energy (centi-dB, the segmenter's input) as 'energies', an array('h')."""
        c = self.c
        lm = frontend.LogMel()
        win = windows.Windows(c.window_frames, c.hop_frames, c.n_mels)
        seg = segmenter.Segmenter(c.labels, c.window_frames, c.hop_frames,
                                  thresholds=c.event_thresholds,
                                  on=c.event_threshold or segmenter.Segmenter.ON)
        meter = level.Level(RATE)
        levels = array('h', bytes(2 * (CHUNK // meter.hop)))
        frame = array('h', bytes(2 * c.n_mels))
        heard = array('h') if energies else None
        samples = array('h', bytes(pcm[:len(pcm) & ~1]))
        events, opened, rows = [], {}, []
        self._watch = self._shape = frames = None
        if self.head is not None and self.head.embedding == 'pattern':
            import pattern   # a head found by its pattern in every frame, as the pipeline does
            frames = pattern.watch(self.head)
        elif self.head is not None and self.head.embedding != 'stored':
            # a head put to every window (personal.Watch), as the pipeline would put it
            self._watch = personal.Watch(self.head, c.window_frames, c.hop_frames)
            if self.head.embedding == 'shape':
                self._shape = personal.Shape(c.n_mels)
        found = []
        # whole chunks only, as a source delivers them (the tail short of a chunk is not heard)
        for at in range(0, len(samples) - CHUNK + 1, CHUNK):
            chunk = samples[at:at + CHUNK]
            for i in range(meter.update(chunk, levels)):
                seg.frame(levels[i])
                if self._watch is not None:
                    self._watch.frame(levels[i])
                if heard is not None:
                    heard.append(levels[i])
            lm.push(chunk)
            while lm.pop(frame):
                if frames is not None:
                    found += frames.frame(frame)
                if win.add(frame):
                    self._window(win.buf, seg, events, opened, rows if windows_too else None)
                    if self._watch is not None:
                        found += self._watch.window(self._vector(win.buf))
        for ev in seg.flush():
            self._close(ev, opened)
        for label in list(opened):   # still open at the end and never closed: dropped
            events.remove(opened.pop(label))
        if self._watch is not None:
            events = watched(events, found + self._watch.flush())
        if frames is not None:
            events = watched(events, found + frames.flush())
        out = {'events': events}
        if windows_too:
            out['windows'] = rows
        if heard is not None:
            out['energies'] = heard
        return out

    def _vector(self, buf):
        """The last window's vector for the head's Watch (personal.vector)."""
        c = self.c
        return personal.vector(self.head.embedding, stored(net_embedding(c, self._features),
                                                           c.net.dim), self._scores,
                               self._shape.window(buf) if self._shape is not None else None)

    def _window(self, buf, seg, events, opened, rows):
        c = self.c
        features = self._features = c.features(buf)
        scores = self._scores = c.scores(features)
        if rows is not None:
            raw = c.embed(features)
            row = {'scores': scores, 'level': c.level(features), 'embedding': list(raw),
                   'stored': stored(raw, c.dim)}
            spectrum = array('h', bytes(2 * c.n_mels))
            personal.bands(buf, c.n_mels, spectrum)
            row['bands'] = list(spectrum)
            net = net_embedding(c, features)
            if net is not None:
                row['net'] = stored(net, len(net))
            rows.append(row)
        for ev in seg.push(scores):
            self._close(ev, opened)
        sounding = [label for label, _ in seg.active()]
        for label in list(opened):
            if label not in sounding:
                events.remove(opened.pop(label))   # the segmenter dropped it
        for label in sounding:
            if label not in opened:
                ev = seg.current(label)
                emb = stored(c.embed(features), c.dim)
                entry = {'start': ev['start'], 'end': ev['end'], 'label': label,
                         'confidence': ev['confidence'], 'runners_up': ev['runners_up'],
                         'embedding': emb}
                if self.head is not None and self.head.embedding == 'stored':
                    entry.update(self.head.describe(emb, label))
                opened[label] = entry
                events.append(entry)

    def _close(self, ev, opened):
        entry = opened.pop(ev['label'], None)
        if entry is not None:
            entry['end'] = ev['end']


def watched(events, found):
    """The events with a Watch's: an event a personal one overlaps takes its label (the
    generic one beside it); a personal event no event overlaps is one of its own, heard as
    `other` by the classifier."""
    for p in found:
        hit = False
        for ev in events:
            if ev['start'] < p['end'] and ev['end'] > p['start'] and 'generic' not in ev:
                ev['generic'] = ev['label']
                ev['label'] = p['label']
                hit = True
        if not hit:
            events.append({'start': p['start'], 'end': p['end'], 'label': p['label'],
                           'generic': 'other', 'confidence': p['confidence'],
                           'runners_up': []})
    events.sort(key=lambda ev: ev['start'])
    return events


def analyse_json(lab, pcm, windows_too=False):
    return json.dumps(lab.analyse(pcm, windows_too))
