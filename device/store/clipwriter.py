"""A clip written while its event is still sounding (the detector stores an event as soon as it
is heard). Kept apart from clips.py so the store imports it only when a clip is streamed."""
import os
import sys

import storefile

from . import clips


class Writer:
    """A clip written while its event is still sounding: `write(pcm, n)` as audio comes (any
    number of calls), `close()` to keep it. Until then it lives under a temporary name, so a
    power cut or a crash loses the unfinished clip and nothing else."""

    def __init__(self, root, ident, rate, limit, done=None):
        self.final = clips.path(root, ident)
        self._done = done           # done(reserved bytes, used bytes) once closed
        self.limit = limit          # samples; the rest of a longer sound is left out
        self._rate = rate
        self._f = open(self.final + storefile.TMP, 'wb')
        self._f.write(clips.header(rate, 0))
        self._coder = clips.Encoder(self._f)

    @property
    def samples(self):
        return self._coder.samples

    def write(self, pcm, n=None):
        """Appends the first n samples of pcm (array('h')). n must be even but for the last
        write: two samples share a byte."""
        n = min(len(pcm) if n is None else n, self.limit - self.samples)
        if n > 0:
            self._coder.add(pcm if sys.implementation.name == 'micropython' else pcm.tobytes(),
                            0, n)

    def close(self):
        """Seals the clip; returns its size in bytes."""
        self._coder.end()
        self._f.seek(0)
        self._f.write(clips.header(self._rate, self.samples))
        storefile.sync(self._f)
        self._f.close()
        os.rename(self.final + storefile.TMP, self.final)
        return self._end(clips.stored_size(self.samples))

    def abandon(self):
        self._f.close()
        storefile.remove(self.final + storefile.TMP)
        self._end(0)

    def _end(self, used):
        if self._done:
            self._done(clips.stored_size(self.limit), used)
            self._done = None
        return used
