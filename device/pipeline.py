"""The appliance's main loop: audio source -> pre-roll ring + level meter -> log-mel frames ->
1 s windows -> classifier -> segmenter -> stored events, with their clips, told to subscribers.

An event is stored as soon as the segmenter opens it (about a second after the sound began), not
when it closes (a second or more after the sound ended): the store's record then holds the
duration heard so far, `Store.finish` gives the true end once it is known, and the clip is
streamed to flash while the sound goes on. So the timeline shows a knock within ~1.5 s.

Times: the stream's sample 0 is pinned to the wall clock (the given start time for a file, else
the clock when the first chunk arrives; a live stream is re-pinned when the clock jumps, as when
NTP sets it); durations come from sample counts, never from the clock.

Nothing here stops the loop: a fault (microphone dead, silent or clipping; store full; model
unusable; a heap too full for a window) sets a flag in status()['faults'] and writes one log line
when it appears and one when it clears. Each chunk ends in a yield to the event loop (the
source's read), so the HTTP server runs between chunks; subscribers that fall behind lose their
oldest messages, never audio.
"""
import sys
from array import array

import asyncio
from micropython import const

import compat
import frontend
from live import Subscriber
import level
import windows

RATE = 16000
MIC_FAULTS = {'dead': 'mic_dead', 'silent': 'mic_silent', 'clipping': 'mic_clipping'}
ENOSPC = 28
# Whose an open event is (an entry's last field): the classifier's, the classifier's that took a
# personal label from a pattern watch, or the watch's own
_MODEL = const(0)
_GIVEN = const(1)
_WATCH = const(2)


class Pipeline:
    """Settings (class attributes):"""
    PRE_ROLL = 0.5        # seconds of clip before an event's onset
    POST_ROLL = 0.5       # seconds of clip after its end
    CLIP_LAG = 1.0        # the clip is written this far behind the live audio, so it can stop
    #                       near the event's end, which is only known later (ring: see below)
    CLIP_SECONDS = 8      # longest clip; the rest of a longer sound is not kept
    LEVEL_SECONDS = 1.0   # between 'level' messages
    RESYNC_MS = 2000      # a live stream is re-pinned to the wall clock when they differ more
    QUEUE = 8             # messages each subscriber may have waiting
    WDT_MS = 10000        # ESP32 watchdog: a stuck pipeline resets the device
    SOURCE_RETRY_MS = 1000
    HEAP_EVERY = 64       # chunks between samples of the live heap (each one collects garbage)
    HEAP_SETTLED = 60     # seconds of audio after which the first sample counts as settled
    SAME_SOUND_MS = 1000  # a classifier's event and a personal pattern's match whose onsets
    #                       are this close are one sound: one event, with the personal label

    def __init__(self, source, classifier, store, ring, segmenter=None, start_time=None,
                 model=None, model_error=None, log=print):
        """`ring` holds at least CLIP_LAG + the segmenter's lookback of audio (its rate is the
        clip rate: the store's CLIP_RATE must match). `start_time`: epoch seconds of the
        stream's first sample (None: the clock when it starts). `model`: name/version/labels
        for status(); `model_error`: why the classifier could not be loaded (it is then None
        and the pipeline only measures the level)."""
        self.source = source
        self.classifier = classifier
        self.store = store
        self.ring = ring
        self.seg = segmenter
        self.model = model or {}
        self.log = log
        self.faults = []
        self.events_detected = 0
        self.events_lost = 0          # detected but not stored (store full or failing)
        self.clamped = 0              # onsets moved later to keep the store's time order
        self.latency = [0, 0.0, 0.0]  # events, sum, max: seconds of audio from onset to stored
        self.processed = 0            # samples through the pipeline
        self.skipped = 0              # samples the source dropped (overruns)
        self.chunks = 0
        self.heap = [0, 0, 0]         # live heap (after a collection): settled, last, peak
        self.run_ms = 0               # time run() took, once the source has ended
        self.meter = level.Level(RATE)
        self.history = None           # history.History, the level series (the appliance's)
        self._energies = array('h', bytes(2 * (source.chunk // self.meter.hop)))
        self._subs = []
        self._open = {}               # label -> [id, clip writer, next clip position, start ms,
        #                               whose: _MODEL, _GIVEN or _WATCH]
        self._anchor = None if start_time is None else int(start_time * 1000)
        self._live = source.NAME != 'wav' and start_time is None   # a clock to follow
        self._next_level = 0
        self._clip_buf = array('h', bytes(2 * (source.chunk // ring.decimate)))
        self._head = self._watch = None   # the store's pattern head and its pattern.Watch
        self._heard = None            # the last scored window's embedding, while a watch runs
        if model_error:
            self.fault('model_bad', True, model_error)
        if classifier is not None:
            self._setup_windows(classifier)

    def _setup_windows(self, c):
        self._heard = None   # another classifier's embedding is not this one's
        self.logmel = frontend.LogMel()
        self._frame = array('h', bytes(2 * c.n_mels))
        self.windows = windows.Windows(c.window_frames, c.hop_frames, c.n_mels)
        # A search's own front end and window, made now: later the heap is in pieces and a
        # 5 KB buffer may no longer fit anywhere.
        self._search = (frontend.LogMel(), windows.Windows(c.window_frames, c.hop_frames,
                                                           c.n_mels))
        self._searching = asyncio.Lock()

    # ---- for the API

    def status(self):
        src = self.source
        n, total, worst = self.latency
        return {'sample_rate': RATE, 'model': self.model, 'level_db': self.meter.dbfs,
                'faults': list(self.faults), 'overruns': src.overruns, 'source': src.NAME,
                'events_detected': self.events_detected, 'events_lost': self.events_lost,
                'seconds': self.processed / RATE,
                'latency_s': {'mean': round(total / n, 3) if n else None,
                              'max': round(worst, 3)},
                'messages_dropped': sum(s.dropped for s in self._subs),
                'run_s': self.run_ms / 1000 if self.run_ms else None,
                'heap': {'settled': self.heap[0], 'last': self.heap[1], 'peak': self.heap[2]}}

    def subscribe(self):
        sub = Subscriber(self.QUEUE)
        self._subs.append(sub)
        return sub

    def unsubscribe(self, sub):
        if sub in self._subs:
            self._subs.remove(sub)

    def _tell(self, kind, payload):
        for sub in self._subs:
            sub.put((kind, payload))

    async def embed_wav(self, stream, length):
        """(int8 embedding bytes, label, confidence) of a WAV body (16 kHz mono 16-bit) read
        from `stream` (read(n), plain or async) in pieces: the mean of its windows' scores and
        the embedding of its loudest window, by the device's own front end and classifier."""
        c = self.classifier
        if c is None:
            raise ValueError('no usable model: %s' % ', '.join(self.faults))
        import embedwav
        async with self._searching:   # one search at a time: they share the buffers
            return await embedwav.embed(c, stream, length, *self._search)

    # ---- the loop

    async def run(self):
        """Runs until the source ends (a file) or forever (a microphone)."""
        wdt = _watchdog(self.WDT_MS)
        src = self.source
        self._t0 = compat.ticks_ms()
        while True:
            try:
                chunk = await src.read()
                self.fault('source_error', False)
            except Exception as exc:  # a microphone or pipe that fails must not stop the rest
                self.fault('source_error', True, exc)
                await asyncio.sleep(self.SOURCE_RETRY_MS / 1000)
                continue
            if chunk is None:
                break
            if wdt:
                wdt.feed()
            try:
                self.feed(chunk, src.position)
            except Exception as exc:
                if 'pipeline_error' not in self.faults:
                    _trace(exc)   # once: where it went wrong, for the log
                self.fault('pipeline_error', True, repr(exc))
            # A source with audio waiting never awaits, so catching up on a backlog would hold
            # every request until it is done: the server gets a turn after each chunk.
            await asyncio.sleep(0)
        self.finish()
        self.run_ms = compat.ticks_diff(compat.ticks_ms(), self._t0)
        src.close()

    def feed(self, chunk, position):
        """One chunk of audio whose first sample is stream sample `position`."""
        n = len(chunk)
        self.chunks += 1
        if self.chunks % self.HEAP_EVERY == 0:
            used, _ = compat.heap()   # collects first: the live heap, not garbage
            if used is not None:
                self.heap[2] = max(self.heap[2], used)
                self.heap[1] = used
                if not self.heap[0] and self.processed >= self.HEAP_SETTLED * RATE:
                    self.heap[0] = used
        self.skipped = position - self.processed
        self._pin(position)
        self.ring.write(chunk)
        for i in range(self.meter.update(chunk, self._energies)):
            if self.seg:
                self.seg.frame(self._energies[i])
        for status, fault in MIC_FAULTS.items():
            on = self.meter.status == status
            if on != (fault in self.faults):
                self.fault(fault, on, 'level %.1f dBFS' % self.meter.dbfs)
        if self.history is not None:
            try:
                # the chunk's wall-clock ms in integers (_wall's floats are garbage per chunk)
                self.history.sound(self._anchor + (self.processed + self.skipped) * 1000 // RATE,
                                   self.meter.dbfs)
                self.fault('history_error', False)
            except OSError as exc:
                self.fault('history_error', True, exc)
        self.processed += n
        if self.processed >= self._next_level:
            self._next_level += int(self.LEVEL_SECONDS * RATE)
            if self._subs:
                self._tell('level', {'t': self._wall(self.processed / RATE) / 1000,
                                     'level_db': self.meter.dbfs})
        if self.classifier is not None:
            self._frames(chunk)
        self._write_clips()

    def finish(self):
        """The end of the stream: events still sounding end here."""
        if self.seg and self.classifier is not None:
            for ev in self.seg.flush():
                self._close(ev)
        if self._watch is not None:
            for ev in self._watch.flush():
                self._close(ev)
        for label in list(self._open):
            self._drop(label)

    def _pin(self, position):
        now = compat.wall_ms()
        if self._anchor is None:
            self._anchor = now - position * 1000 // RATE
        elif self._live:
            drift = now - (self._anchor + position * 1000 // RATE)
            if drift > self.RESYNC_MS or drift < -self.RESYNC_MS:
                self._anchor += drift
                self.log('earmark: clock moved %d ms (NTP?); event times follow it' % drift)

    def _wall(self, seconds):
        """Wall-clock ms of a time in seconds of audio processed (dropped audio counted)."""
        return self._anchor + int((seconds + self.skipped / RATE) * 1000 + 0.5)

    # ---- frames and windows

    def _frames(self, chunk):
        lm = self.logmel
        lm.push(chunk)
        head = getattr(self.store, "personal", None)
        if head is not self._head:
            self._set_watch(head, len(chunk))
        while lm.pop(self._frame):
            if self._watch is not None:
                self._watched(self._watch.frame(self._frame))
            if self.windows.add(self._frame) and self.classifier is not None:
                self._window(self.classifier)

    # ---- a personal sound found by its pattern in every frame (device/pattern.py)

    def _set_watch(self, head, n):
        old, self._head = self._watch, head
        if old is not None and head is not None and head.embedding == 'pattern' and \
                old.retune(head):
            return   # the same templates, thresholds raised (a correction): from this step on
        self._watch = None
        if head is not None and head.embedding == 'pattern' and head.dim == len(self._frame):
            import pattern   # here: an appliance with no pattern head never loads it
            self._watch = pattern.watch(head, (self.processed - n) / RATE)

    def _watched(self, closed):
        """Opens an event where the watch's sound begins and ends it where the sound ends; the
        classifier's event on the same sound (its onset as near) takes the label instead. An
        event the classifier opened earlier (talk at the door, a dog) keeps its own."""
        for ev in closed:
            self._close(ev)
        for ev in self._watch.active():
            label = ev['label']
            if label in self._open:
                continue
            start = self._wall(ev['start'])
            same = self._same_sound(start, _MODEL)
            if same is None:
                self._begin(label, self.classifier, None, ev)
            else:
                self._label(same, label)
                # given to that event (its id last: what a correction of it finds)
                self._open[label] = [None, None, 0, start, _WATCH, same[0]]

    def _same_sound(self, start, whose):
        """The stored open event of `whose` whose onset is nearest `start` (wall ms), if within
        SAME_SOUND_MS."""
        best = None
        for entry in self._open.values():
            if entry[0] is not None and entry[4] == whose:
                apart = abs(entry[3] - start)
                if apart <= self.SAME_SOUND_MS and (best is None or apart < best[0]):
                    best = (apart, entry)
        return None if best is None else best[1]

    def _window(self, c):
        try:
            features = c.features(self.windows.buf)
            scores = c.scores(features, door=True)
            # now, not when the watch opens an event: an upload's search (embed_wav) may have
            # reused the classifier's buffers by then
            heard = None if self._watch is None else c.embed(features)
        except MemoryError as exc:
            # A heap too full for this one window (a burst of requests): the window is lost,
            # the model is not.
            self.fault('heap_low', True, repr(exc))
            return
        except Exception as exc:
            self.fault('model_bad', True, repr(exc))
            self.classifier = None
            return
        self.fault('heap_low', False)
        self._heard = heard
        closed = self.seg.push(scores)
        for ev in closed:
            self._close(ev)
        sounding = [label for label, _ in self.seg.active()]
        if self.history is not None:
            top = scores.index(max(scores))
            self.history.window(self._frame, top, scores[top], bool(sounding))
        for label in list(self._open):
            if label not in sounding and self._open[label][4] != _WATCH:
                self._drop(label)   # the segmenter dropped it (shorter than its minimum)
        for label in sounding:
            if label in self._open:
                continue
            same = self._watch is not None and self._same_sound(
                self._wall(self.seg.current(label)['start']), _WATCH)
            if same:
                # the pattern's event holds this sound already: not a second event for it
                self._open[label] = [None, None, 0, 0, _MODEL]
                self._generic(same, label)
            else:
                self._begin(label, c, features)

    # ---- events

    def _begin(self, label, c, features, ev=None):
        """`ev`: a pattern watch's event (`label` a personal one: stored as the head's model
        label for its sound, or 'other', the classifier's label for what it did not open on, with
        the personal label beside; its
        embedding the last scored window's, which heard the sound the watch matched, so a search
        for sounds like it finds the other rings. Zeros before any window was scored.)"""
        mine = ev is not None
        if not mine:
            ev = self.seg.current(label)
        self.events_detected += 1
        heard = self.processed / RATE - ev['start']
        n, total, worst = self.latency
        self.latency = [n + 1, total + heard, max(worst, heard)]
        start = self._wall(ev['start'])
        entry = [None, None, 0, start, _WATCH if mine else _MODEL]
        self._open[label] = entry
        store = self.store
        if store is None:
            self.events_lost += 1
            return
        if start < store.last_start:
            start = entry[3] = store.last_start
            self.clamped += 1
        samples = int(self.CLIP_SECONDS * self.ring.rate)
        try:
            # max(): an onset moved later (above) can pass the event's end so far heard
            ident = store.append(start, max(0, self._wall(ev['end']) - start),
                                 (self._head.generic or 'other') if mine else label,
                                 min(1.0, ev['confidence']),
                                 [(name, min(1.0, s)) for name, s in ev.get('runners_up', ())],
                                 (self._heard or bytes(store.dim)) if mine
                                 else c.embed(features), samples)
            entry[0] = ident
            entry[1] = store.clip_writer(ident, samples)
            if mine:
                store.label_personal(ident, label)
            self.fault('store_full', False)
            self.fault('store_error', False)
        except OSError as exc:
            self.events_lost += 1
            full = exc.args and exc.args[0] == ENOSPC
            self.fault('store_full' if full else 'store_error', True, exc)
            return
        except ValueError as exc:
            self.events_lost += 1
            self.fault('store_error', True, exc)
            return
        onset = int(ev['start'] * RATE) - int(self.PRE_ROLL * RATE)
        entry[2] = max(onset, self.ring.start) & ~3   # whole bytes of clip (2 samples a byte)
        self.log('earmark: event %d %s from %.3f s stored at %.3f s' % (
            ident, label, ev['start'], self.processed / RATE))
        self._tell('event', store.get(ident))

    def _label(self, entry, name):
        try:
            self.store.label_personal(entry[0], name)
            entry[4] = _GIVEN
        except (OSError, ValueError) as exc:
            self.fault('store_error', True, exc)
            return
        # told again now, not at its end: the page and the webhooks learn whose sound it is
        self._tell('event', self.store.get(entry[0]))

    def _generic(self, entry, label):
        """The classifier's label for the sound a pattern's event holds goes beside its personal
        one, where the model had none for it (`other`): the hooks and roll-ups of a model label
        go by it. Told again, so the webhooks learn it."""
        try:
            ev = self.store.get(entry[0])
            if ev is None or ev.get('generic') != 'other':   # gone, or named already
                return
            ev = self.store.relabel(entry[0], label, keep_personal=True)
        except (OSError, ValueError) as exc:
            self.fault('store_error', True, exc)
            return
        self._tell('event', ev)

    def _close(self, ev):
        entry = self._open.pop(ev['label'], None)
        if entry is not None and 'reached' in ev:   # a pattern watch's
            self._note(entry[0] if entry[0] is not None else entry[-1] if len(entry) > 5
                       else None, ev['reached'])
        if entry is None or entry[0] is None:
            return
        ident, writer, start = entry[0], entry[1], entry[3]
        try:
            if writer:
                self._write_clip(entry, int((ev['end'] + self.POST_ROLL) * RATE))
                writer.close()
            stored = self.store.finish(ident, max(0, self._wall(ev['end']) - start))
        except (OSError, ValueError) as exc:
            self.fault('store_error', True, exc)
            return
        self._tell('event', stored)

    def _note(self, ident, reached):
        """Keeps what each template reached in the pattern event `ident`, for a correction
        (device/corrections.py; not for a format 1 head's one reach)."""
        if ident is None or self.store is None or isinstance(self._head.sounds[0][1], int):
            return
        import corrections
        try:
            corrections.note(self.store.root, ident, self._head, reached)
        except OSError as exc:
            self.fault('store_error', True, exc)

    def _drop(self, label):
        entry = self._open.pop(label)
        if entry[4] == _GIVEN:   # it took a watch's label: the watch's sound opens its own event
            for name in [n for n, e in self._open.items() if e[4] == _WATCH and e[0] is None]:
                del self._open[name]
        if entry[0] is None:
            return
        try:
            if entry[1]:
                entry[1].abandon()
            self.store.delete(entry[0])
        except (OSError, ValueError) as exc:
            self.fault('store_error', True, exc)

    def _write_clips(self):
        lag = int(self.CLIP_LAG * RATE)
        for entry in self._open.values():
            if entry[1]:
                self._write_clip(entry, self.processed - lag)

    def _write_clip(self, entry, until):
        """Clip audio from entry's next position up to stream position `until` (at most what
        the ring holds)."""
        ring, writer, buf = self.ring, entry[1], self._clip_buf
        until = min(until, ring.end)
        pos = max(entry[2], ring.start)
        step = len(buf) * ring.decimate
        try:
            while pos < until and writer.samples < writer.limit:
                got = ring.read(pos, buf)
                take = min(got, (until - pos) // ring.decimate) & ~1
                if take <= 0:
                    break
                writer.write(buf, take)
                pos += take * ring.decimate
                if got < len(buf) or take * ring.decimate < step:
                    break
        except OSError as exc:
            writer.abandon()
            entry[1] = None
            self.fault('store_full' if exc.args and exc.args[0] == ENOSPC else 'store_error',
                        True, exc)
        entry[2] = pos

    # ---- faults

    def fault(self, name, on, why=''):
        if on and name not in self.faults:
            self.faults.append(name)
            self.log('earmark: fault %s: %s' % (name, why))
        elif not on and name in self.faults:
            self.faults.remove(name)
            self.log('earmark: fault %s cleared' % name)


def _watchdog(ms):
    """machine.WDT on a device; None where there is none (unix port, CPython)."""
    if not sys.platform.startswith('esp'):
        return None
    from machine import WDT
    return WDT(timeout=ms)


def _trace(exc):
    if hasattr(sys, 'print_exception'):
        sys.print_exception(exc)
    else:
        import traceback
        traceback.print_exception(exc)
