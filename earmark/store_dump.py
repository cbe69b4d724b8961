"""`earmark store dump DIR`: a store copied off a device, as JSON lines.

The device's own store module reads it (it runs in CPython too), opened read-only, so the
host sees exactly what the device would serve. Lines: one per event, oldest first
({"type": "event", ...} as the API has it, with its embedding), one per day of roll-ups
({"type": "day", ...}), the problems found while reading ({"type": "problem", ...}) and the usage
({"type": "usage"}). Times are seconds since the epoch, as in the API (the store keeps ms).
"""
import json
import sys

from .bridge import device_module


def store_module():
    """The device's store module, loaded in this CPython."""
    return device_module('store')


def open_store(folder):
    return store_module().Store(str(folder), readonly=True)


def seconds(ms):
    """Epoch ms as the API writes them: seconds, to the ms."""
    return ms / 1000


def dump(folder, out=sys.stdout):
    s = open_store(folder)
    for ev in s.events(oldest_first=True):
        vector = s.embedding(ev['id'])
        line = dict(type='event', **ev)
        line.update(start=seconds(ev['start']), end=seconds(ev['end']),
                    runners_up=[{'label': l, 'confidence': c} for l, c in ev['runners_up']])
        line['embedding'] = [(v ^ 128) - 128 for v in vector] if vector else None
        out.write(json.dumps(line) + '\n')
    for day in s.stats('day', 0, 1 << 62):
        out.write(json.dumps(dict(type='day', **dict(day, start=seconds(day['start'])))) + '\n')
    for text in s.problems:
        out.write(json.dumps({'type': 'problem', 'text': text}) + '\n')
    out.write(json.dumps(dict(type='usage', **s.usage())) + '\n')
