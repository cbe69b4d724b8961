"""Schemathesis hooks for tests/test_api_schema.py (SCHEMATHESIS_HOOKS=schemathesis_hooks).

Schemathesis has no serializer for audio/wav. The one here sends whatever binary it generates as
the samples of a 16 kHz mono 16-bit WAV: the spec's body is "a WAV", and a WAV is what a client
sends. Malformed and wrong-format WAVs are test_api.py's job.
"""
import io
import wave

import schemathesis


@schemathesis.serializer('audio/wav')
def wav_serializer(ctx, value):
    data = value if isinstance(value, bytes) else str(value).encode()
    buf = io.BytesIO()
    with wave.open(buf, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(data[:len(data) // 2 * 2])
    return buf.getvalue()
