"""File helpers shared by the store's parts: durable appends, cutting a file, fixed-size records.

MicroPython files have no truncate(), so a file is cut by copying the part that stays to a
temporary file and renaming it over the original: rename is atomic on LittleFS and POSIX, so a
power cut leaves either the old or the new file, never a half-copied one.
"""
import binascii
import os
import struct

TMP = '.tmp'
ENOSPC = 28


def sync(f):
    """Makes an append durable before it is acknowledged (LittleFS commits on flush)."""
    f.flush()
    if hasattr(os, 'fsync'):
        os.fsync(f.fileno())


def size(path):
    """Bytes in the file, or -1 when it does not exist."""
    try:
        return os.stat(path)[6]
    except OSError:
        return -1


def remove(path):
    try:
        os.remove(path)
    except OSError:
        pass


def append(path, data):
    with open(path, 'ab') as f:
        f.write(data)
        sync(f)


def replace(path, data):
    """Writes a whole small file (bytes or str, or an iterable of them: a file written a piece
    at a time, as a board's heap may not hold it at once) so that a power cut leaves the old or
    the new."""
    with open(path + TMP, 'wb') as f:
        for piece in (data,) if isinstance(data, (bytes, bytearray, str)) else data:
            f.write(piece.encode() if isinstance(piece, str) else piece)
        sync(f)
    os.rename(path + TMP, path)


def copy_range(path, start, end, buf, keep=None):
    """Replaces `path` by its bytes [start, end). With `keep`, the range is read as records of
    len(buf) bytes and only those for which keep(record) is true stay."""
    tmp = path + TMP
    with open(path, 'rb') as src, open(tmp, 'wb') as dst:
        src.seek(start)
        left = end - start
        while left > 0:
            n = src.readinto(buf)
            if not n:
                break
            n = min(n, left)
            left -= n
            if keep is None:
                dst.write(memoryview(buf)[:n])
            elif n == len(buf) and keep(buf):
                dst.write(buf)
        sync(dst)
    os.rename(tmp, path)


def cut(path, new_size, buf):
    """Cuts the file to its first new_size bytes."""
    copy_range(path, 0, new_size, buf)


def seal(data, seed):
    """Appends the CRC of `data` (a bytearray whose last 4 bytes are the CRC's place). A record
    that does not hold its own id is sealed with it (its slot), so a record found in the wrong
    place fails its check; one that holds its id is sealed with 0: CRC-32 starts by XOR-ing the
    first bytes into the seed, so a seed equal to them cancels a flip there."""
    n = len(data) - 4
    struct.pack_into('<I', data, n, binascii.crc32(memoryview(data)[:n], seed) & 0xffffffff)
    return data


def intact(data, seed):
    n = len(data) - 4
    return binascii.crc32(memoryview(data)[:n], seed) & 0xffffffff == struct.unpack_from(
        '<I', data, n)[0]


def last_record(path, record_size, buf):
    """Reads the last whole record of a file of fixed-size records into buf; returns its index,
    or -1 when there is none. A torn tail (a partial record) is ignored."""
    n = size(path)
    if n < record_size:
        return -1
    count = n // record_size
    with open(path, 'rb') as f:
        f.seek((count - 1) * record_size)
        f.readinto(buf)
    return count - 1


def fix_tail(path, record_size, buf):
    """Cuts a partial record off the end of a file of fixed-size records; returns the count."""
    n = size(path)
    if n < 0:
        return 0
    if n % record_size:
        cut(path, n - n % record_size, buf)
    return n // record_size
