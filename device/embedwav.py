"""The label and embedding of a WAV body from the API (POST /api/search), by the device's own
front end and classifier, read from the request stream in pieces so the body is never held whole.
Imported when a search comes, so its code takes no heap the rest of the time."""
import struct
from array import array

import asyncio

import sources

PIECE = 512   # bytes read at a time


async def _read(stream, n):
    """Exactly n bytes (fewer only at the end of the stream)."""
    data = b''
    while len(data) < n:
        piece = stream.read(n - len(data))
        if hasattr(piece, 'send'):   # an async stream (a coroutine or, in MicroPython, a generator)
            piece = await piece
        if not piece:
            break
        data += piece
    return data


async def _data_size(stream, length):
    """Reads the header up to the data chunk; returns the bytes of audio that follow."""
    head = await _read(stream, 12)
    if len(head) < 12 or head[:4] != b'RIFF' or head[8:12] != b'WAVE':
        raise ValueError('upload: not a WAV file (no RIFF/WAVE header)')
    used = 12
    fmt = None
    while True:
        tag = await _read(stream, 8)
        if len(tag) < 8:
            raise ValueError('upload: WAV file has no data chunk')
        name, size = tag[:4], struct.unpack('<I', tag[4:])[0]
        used += 8
        if name == b'data':
            if fmt is None:
                raise ValueError('upload: WAV data chunk before fmt chunk')
            return min(size, length - used) if length else size
        skip = size + (size & 1)
        body = b''
        while skip:                      # a chunk we do not need is read and thrown away
            piece = await _read(stream, min(skip, PIECE))
            if not piece:
                raise ValueError('upload: WAV file ends inside its header')
            if name == b'fmt ' and not body:
                body = piece
            skip -= len(piece)
            used += len(piece)
        if name == b'fmt ':
            if size < 16 or len(body) < 16:
                raise ValueError('upload: WAV fmt chunk too short')
            fmt = struct.unpack('<HHIIHH', body[:16])
            sources.check_format(fmt, 'upload')


async def embed(c, stream, length, lm, win):
    """(embedding bytes, label, confidence) of a WAV body, using the front end `lm` and the
    windows `win` (both reset here)."""
    left = await _data_size(stream, length)
    lm.reset()
    win.rows = 0
    nm = c.n_mels
    frame = array('h', bytes(2 * nm))
    best = None
    loudest = -32768
    total = [0.0] * len(c.labels)
    count = 0
    silence = bytes(PIECE)
    while left > 0 or not count:
        if left > 0:
            piece = await _read(stream, min(PIECE, left))
            if len(piece) < 2:
                left = 0
                continue
            left -= len(piece)
            lm.push(piece[:len(piece) & ~1])
        else:
            lm.push(silence)   # shorter than a window: padded with silence, as in training
        while lm.pop(frame):
            if win.add(frame):
                features = c.features(win.buf)
                for i, s in enumerate(c.scores(features)):
                    total[i] += s
                count += 1
                level = c.level(features)
                if level > loudest:
                    loudest = level
                    best = features
        await asyncio.sleep(0)   # the live pipeline and the server go on meanwhile
    label, confidence = c.decide([t / count for t in total])
    return bytes(c.embed(best)), label, confidence
