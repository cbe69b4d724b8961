"""Log-mel frames -> the classifier's overlapping windows: one frame-major int16 buffer that
fills to `window_frames` rows and then moves up `hop_frames` rows, allocating nothing."""
from array import array


class Windows:
    def __init__(self, window_frames, hop_frames, n_mels):
        self.frames, self.hop, self.n_mels = window_frames, hop_frames, n_mels
        self.buf = array('h', bytes(2 * window_frames * n_mels))
        self._view = memoryview(self.buf)
        self.rows = 0

    def add(self, frame):
        """Appends a frame (n_mels values); True when `buf` holds a whole window. The caller
        uses it then; the next add() first drops the oldest hop_frames rows."""
        nm = self.n_mels
        view = self._view
        if self.rows == self.frames:
            # Moved up a hop at a time so that no copy overlaps itself.
            hop = self.hop * nm
            keep = (self.frames - self.hop) * nm
            for a in range(0, keep, hop):
                b = min(a + hop, keep)
                view[a:b] = view[a + hop:b + hop]
            self.rows = self.frames - self.hop
        view[self.rows * nm:(self.rows + 1) * nm] = frame
        self.rows += 1
        return self.rows == self.frames
