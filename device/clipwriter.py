"""A clip written while its event is still sounding (the detector stores an event as soon as it
is heard). Kept apart from clips.py so the store imports it only when a clip is streamed."""
import os
import struct
import sys
from array import array

import clips
import storefile


class Writer:
    """A clip written while its event is still sounding: `write(pcm, n)` as audio comes (any
    number of calls), `close()` to keep it. Until then it lives under a temporary name, so a
    power cut or a crash loses the unfinished clip and nothing else."""

    def __init__(self, root, ident, rate, limit, done=None, chunk=512):
        self.final = clips.path(root, ident)
        self._done = done           # done(reserved bytes, used bytes) once closed
        self.samples = 0
        self.limit = limit          # samples; the rest of a longer sound is left out
        self._rate = rate
        self._chunk = chunk
        self._state = array('i', [32768, 0])
        self._out = bytearray(chunk // 2)
        self._f = open(self.final + storefile.TMP, 'wb')
        self._f.write(struct.pack(clips.HEADER, clips.MAGIC, rate, 0))

    def write(self, pcm, n=None):
        """Appends the first n samples of pcm (array('h')). n must be even but for the last
        write: two samples share a byte."""
        n = min(len(pcm) if n is None else n, self.limit - self.samples)
        raw = pcm if sys.implementation.name == 'micropython' else pcm.tobytes()
        for at in range(0, n, self._chunk):
            k = min(self._chunk, n - at)
            clips._encode(raw, at, k, self._out, clips.STEPS, self._state)
            self._f.write(memoryview(self._out)[:(k + 1) // 2])
        self.samples += max(0, n)

    def close(self):
        """Seals the clip; returns its size in bytes."""
        self._f.seek(0)
        self._f.write(struct.pack(clips.HEADER, clips.MAGIC, self._rate, self.samples))
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
