"""The int8 embedding, label and confidence of an uploaded recording, as an appliance's own
POST /api/search finds them: device/resample.py reads the WAV (8 to 48 kHz 16-bit PCM, mono
or stereo) as 16 kHz mono, device/embedwav.py takes the mean of its windows' scores and the
embedding of its loudest window, with the device's front end and classifier; all imported into
CPython from device/ (earmark/bridge.py). One embedder, the device's; the hub
has no copy. The front end here is the logmel C core's CPython build: to the bit what a board
with the native module computes (tests/test_frontend.py). An appliance without it (the x64
image the tests run) frames with device/frontend.py's viper twin, which rounds a few log-mel
values to the next centi-dB, so there a confidence may differ in its third decimal.

Other files earmark/audio.py reads (FLAC, 24-bit or float WAV, ...), which an appliance
refuses, are first made 16 kHz mono 16-bit by it (soxr): their answer is then the appliance's
for that 16 kHz WAV. The model is this checkout's device/model, the one its appliances run when
flashed from it (embeddings of another model would not compare).
"""
import asyncio
import io
import tempfile
import threading
import wave

import numpy as np

from earmark import DEVICE

MAX_BYTES = 8 * 1024 * 1024   # 4 minutes at 16 kHz mono, 44 s at 48 kHz stereo: seconds to embed


class Embedder:
    def __init__(self, model=None):
        self.model = str(model or DEVICE / 'model')
        self._parts = None
        self._lock = threading.Lock()   # one recording at a time: they share the buffers

    def _load(self):
        if self._parts is None:
            from earmark.bridge import device_module as module
            c = module('classifier').Classifier(self.model)
            self._parts = (module('embedwav'), module('resample'), c, module('frontend').LogMel(),
                           module('windows').Windows(c.window_frames, c.hop_frames, c.n_mels))
        return self._parts

    def __call__(self, body):
        """(int8 embedding as a numpy array, label, confidence) of the bytes of a recording;
        ValueError in one line when it is not one."""
        if not body:
            raise ValueError('upload: empty body (send a WAV recording)')
        if len(body) > MAX_BYTES:
            raise ValueError('upload: %d bytes; at most %d are taken' % (len(body), MAX_BYTES))
        with self._lock:
            embedwav, resample, c, lm, win = self._load()
            try:
                wav = _opened(resample, body)
            except ValueError:   # not a WAV an appliance takes: one libsndfile reads?
                wav = _opened(resample, _wav16k(body))
            emb, label, confidence = asyncio.run(embedwav.embed(c, wav, wav.length, lm, win))
        return np.frombuffer(emb, np.int8), label, confidence


def _opened(resample, body):
    """The device's reader of an upload (its header read), over `body`."""
    wav = resample.Resampled(io.BytesIO(body), len(body))
    asyncio.run(wav.opened())
    return wav


def _wav16k(body):
    """A 16 kHz mono 16-bit WAV of a recording earmark/audio.py reads (it reads files)."""
    from earmark import audio
    with tempfile.NamedTemporaryFile(prefix='earmark-hub-', suffix='.wav') as f:
        f.write(body)
        f.flush()
        try:
            pcm = audio.read(f.name)
        except ValueError as e:   # its message names the temporary file: name the upload
            raise ValueError(str(e).replace(f.name, 'upload')) from None
    with io.BytesIO() as out:
        with wave.open(out, 'wb') as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(audio.RATE)
            w.writeframes(pcm.astype('<i2').tobytes())
        return out.getvalue()
