"""The API's bearer token: made on first boot, shown once, kept only as a salted hash; and the
live stream's tickets, which stand in for it where a browser cannot send it (`Tickets`).

The token has 128 random bits, so one salted SHA-256 is enough: there is nothing to brute-force
that a slow key-derivation function would protect. Nothing here prints or logs a token; the
caller shows the one returned by `first_boot` once (serial console, `earmark run` output).
"""
import binascii
import hashlib
import json
import os

import compat

TOKEN_BYTES = 16
SALT_BYTES = 16
#: Seconds a live-stream ticket stays good: the page opens its stream as soon as it has one.
TICKET_S = 30
#: Tickets outstanding at once; asking for another drops the oldest (their heap is bounded).
TICKETS = 4


def _digest(salt, token):
    return hashlib.sha256(salt + token.encode()).digest()


def same(a, b):
    """Equal in time that depends only on the length (both are SHA-256 digests here)."""
    if len(a) != len(b):
        return False
    diff = 0
    for i in range(len(a)):
        diff |= a[i] ^ b[i]
    return diff == 0


def _fsync(f):
    """The file's data to the disk (CPython, MicroPython's unix port; a board's LittleFS writes
    a file through when it is closed, and os.sync() below covers the rest)."""
    try:
        os.fsync(f.fileno())
    except (AttributeError, OSError):
        pass


def _sync():
    """Every file system's cached writes to its storage, where the port has os.sync()."""
    sync = getattr(os, 'sync', None)
    if sync is not None:
        sync()


def _hex(data):
    return binascii.hexlify(data).decode()


class Auth:
    """Checks presented tokens against the stored salted hash."""

    def __init__(self, salt, digest):
        if len(salt) != SALT_BYTES or len(digest) != 32:
            raise ValueError('auth record needs a %d-byte salt and a SHA-256 digest' % SALT_BYTES)
        self.salt = salt
        self.digest = digest

    def __repr__(self):
        return '<Auth>'  # the digest stays out of logs too

    @classmethod
    def new(cls):
        """(Auth, token) for a fresh random token."""
        token = _hex(os.urandom(TOKEN_BYTES))
        salt = os.urandom(SALT_BYTES)
        return cls(salt, _digest(salt, token)), token

    @classmethod
    def from_record(cls, record):
        """From the dict `record()` gives (as stored in the auth file or the device config)."""
        try:
            return cls(binascii.unhexlify(record['salt']), binascii.unhexlify(record['sha256']))
        except (KeyError, TypeError, ValueError):
            raise ValueError('auth record must hold hex "salt" and "sha256"')

    def record(self):
        return {'salt': _hex(self.salt), 'sha256': _hex(self.digest)}

    @classmethod
    def load(cls, path):
        with open(path) as f:
            try:
                return cls.from_record(json.load(f))
            except ValueError:
                raise ValueError('auth file %s is damaged; delete it to make a new token' % path)

    def save(self, path):
        """Writes a new file and renames it over the old one, so a power cut keeps one of them:
        the new file's bytes are flushed and synced before the rename, or a cut just after it
        could leave the name on an empty or partly written file (the token lost for good)."""
        tmp = path + '.tmp'
        with open(tmp, 'w') as f:
            json.dump(self.record(), f)
            f.flush()
            _fsync(f)
        _sync()
        os.rename(tmp, path)
        _sync()   # the rename itself, where the file system keeps it in a cache

    @classmethod
    def first_boot(cls, path):
        """(Auth, token) where no auth file exists yet (the token is to be shown once), else
        (Auth, None)."""
        try:
            return cls.load(path), None
        except OSError:
            pass
        auth, token = cls.new()
        auth.save(path)
        return auth, token

    def check(self, token):
        """True when `token` (a str, or None when absent) is the one this Auth was made from."""
        if not isinstance(token, str) or not token:
            return False
        return same(_digest(self.salt, token), self.digest)


def bearer(header):
    """The token of an `Authorization: Bearer <token>` header value, else None."""
    if not header:
        return None
    parts = header.split(' ', 1)
    if len(parts) != 2 or parts[0].lower() != 'bearer':
        return None
    return parts[1].strip() or None


class Tickets:
    """Short-lived, single-use tickets for the live stream. EventSource cannot send an
    Authorization header, and a token in a URL lands in server logs, proxies and the browser's
    history; a ticket there is worth one stream, for TICKET_S seconds, and only to whoever got it
    with the token. Held in memory only: a restart voids them all."""

    def __init__(self, life_s=TICKET_S):
        self.life_ms = int(life_s * 1000)
        self.items = []   # (ticket bytes, ticks_ms when issued), oldest first

    def issue(self):
        """A new ticket (32 hex characters, 128 random bits)."""
        ticket = _hex(os.urandom(TOKEN_BYTES))
        if len(self.items) >= TICKETS:
            self.items.pop(0)
        self.items.append((ticket.encode(), compat.ticks_ms()))
        return ticket

    def take(self, ticket):
        """True, once, for a ticket issued less than life_s ago; it is spent either way."""
        if not isinstance(ticket, str) or not ticket:
            return False
        presented = ticket.encode()
        now = compat.ticks_ms()
        for item in self.items:
            if same(item[0], presented):
                self.items.remove(item)
                return compat.ticks_diff(now, item[1]) < self.life_ms
        return False
