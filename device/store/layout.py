"""The store's byte layout on flash (docs/store-format.md): segment headers, event records, edits,
the files' names. Every other part of the store reads and writes records through these."""
import os

SEG_HEADER = '<4sIqHH'  # magic, first id, first start (ms), record size, format
HEAD_COPY = 20 + 4  # one copy of the header and its CRC
SEG_HEADER_SIZE = 2 * HEAD_COPY  # twice: one flipped bit must not cost a segment its times
SEG_MAGIC = b'EMS2'
FORMAT = 2
# start - segment's first start (ms), duration (10 ms), label, confidence (/255),
# 2 x (runner-up label, score /255), flags, bucket; then the CRC
RECORD = '<IHBBBBBBBB'
RECORD_SIZE = 14 + 4
LABEL_AT = 6  # offsets in a record: its label, flags and bucket bytes
FLAGS_AT = RECORD_SIZE - 6
BUCKET_AT = RECORD_SIZE - 5
EDIT = '<IBH'  # id, kind, value
EDIT_SIZE = 7 + 4  # written twice in a row (edits are idempotent: reading both is harmless)
RELABEL = 1
LOCK = 2
DELETE = 3
END = 4  # the duration (10 ms) of an event stored while it was still sounding
PERSONAL = 5  # the event's personal label: 1 + its index in the store's custom labels (0: none)
NO_END = 0xffff
HAS_CLIP = 1
VOID = 4  # a slot whose append never returned: its id is not used again (see opening.py)
NO_LABEL = 255
HEAD = '.personal.json'  # beside the store folder: the personal head (device/personal.py)


class FormatError(ValueError):
    """A store written by another format of this code: intact, but not readable here."""


def listdir(path):
    if hasattr(os, 'ilistdir'):
        return (entry[0] for entry in os.ilistdir(path))
    return iter(os.listdir(path))


def segment_path(root, first):
    return '%s/s%08x.seg' % (root, first)


def edits_path(root, first):
    return '%s/s%08x.ed' % (root, first)
