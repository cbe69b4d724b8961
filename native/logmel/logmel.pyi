"""Streaming log-mel spectrogram: the API of all three bindings (the CPython extension
`logmel`, the MicroPython native module `logmel`, and device/frontend.py's PyLogMel).

Frame i covers samples [i*hop, i*hop + n_fft) of everything pushed (librosa center=False);
values are librosa.power_to_db(melspectrogram(y / 32768, power=2.0), ref=1.0, amin=1e-10).
"""
from array import array
from typing import Literal, Optional, Union

Buffer = Union[bytes, bytearray, memoryview, array]


class LogMel:
    state_size: int
    """Bytes of tables, buffers and queue this instance holds (7100 for the defaults)."""
    n_mels: int
    hop: int
    max_frames: int

    def __init__(self, sample_rate: float = 16000, n_fft: int = 512, hop: int = 256,
                 n_mels: int = 40, fmin: float = 0.0, fmax: float = 8000.0, htk: bool = False,
                 norm: Optional[Literal['slaney']] = 'slaney', max_frames: int = 8) -> None:
        """n_fft a power of two from 256 to 2048; 1 <= hop <= n_fft; n_mels at most
        n_fft/2+1; 0 <= fmin < fmax <= sample_rate/2; htk selects the HTK mel scale instead of
        Slaney's; norm None or 'slaney' (area normalisation, librosa's default); max_frames is
        how many finished frames can wait for pop(). ValueError otherwise."""

    def push(self, samples: Buffer) -> int:
        """Adds int16 PCM (array('h') or bytes-like, native byte order) of any length and returns
        how many frames are ready. ValueError, consuming nothing, for another element type, an
        odd byte count, or when the frames completed would not fit in max_frames."""

    def pop(self, out: array) -> bool:
        """Fills `out` with the oldest ready frame and returns True, or returns False when none
        is ready. array('f') of n_mels gets dB; array('h') of n_mels gets centi-dB,
        round(dB * 100) with halves away from zero, saturated to int16. ValueError for another
        type or length."""

    def reset(self) -> None:
        """Forgets buffered samples and ready frames (after a gap in the audio)."""
