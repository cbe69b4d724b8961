"""One device's change feed (GET /api/changes) and clips, over HTTP, with every answer checked:
a device that answers garbage, times out or refuses the token raises FeedError with a one-line
reason, never a traceback, and nothing from that answer is stored.

The token goes in the Authorization header only; no message here ever includes it.
"""
import base64
import binascii
import http.client
import json
import re
import time
import urllib.parse

CURSOR = re.compile(r'^[0-9]+(\.[0-9]+\.[0-9]+)?(-[0-9]+\.[0-9]+)*$')
OPS = {'event', 'relabel', 'lock', 'end', 'delete', 'personal'}
TIMEOUT = 20   # seconds an answer may take
TRIES = 3      # attempts per request when the device is unreachable or answers garbage
BACKOFF = 0.5  # seconds before the second attempt, doubling


class FeedError(Exception):
    """A device's answer the hub cannot use. `retry`: worth trying again later; `reset`: the
    device refused the cursor as not its store's (it was reset, or is another device)."""

    def __init__(self, text, retry=True, reset=False):
        super().__init__(text)
        self.retry, self.reset = retry, reset


def _number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x == x


def _check_change(c, dim):
    """The change with its embedding decoded to bytes; ValueError when it is malformed."""
    if not isinstance(c, dict) or c.get('op') not in OPS:
        raise ValueError('a change without a known op')
    ident = c.get('id')
    if not isinstance(ident, int) or isinstance(ident, bool) or not 0 <= ident < 1 << 32:
        raise ValueError('a change without an id')
    op = c['op']
    if op == 'event':
        for key in ('start', 'end', 'confidence'):
            if not _number(c.get(key)) or c[key] < 0:
                raise ValueError('event %d: bad %s' % (ident, key))
        if c['confidence'] > 1 or c['end'] < c['start'] or c['start'] > 1e10:
            raise ValueError('event %d: times or confidence out of range' % ident)
        if not isinstance(c.get('label'), str) or not c['label']:
            raise ValueError('event %d: no label' % ident)
        if not isinstance(c.get('has_clip'), bool) or not isinstance(c.get('locked'), bool):
            raise ValueError('event %d: has_clip and locked must be true or false' % ident)
        if c.get('generic') is not None and (not isinstance(c['generic'], str) or
                                             not c['generic']):
            raise ValueError('event %d: generic must be a label' % ident)
        emb = c.get('embedding')
        if emb is not None:
            try:
                emb = base64.b64decode(emb, validate=True)
            except (binascii.Error, TypeError):
                raise ValueError('event %d: embedding is not base64' % ident)
            if not 0 < len(emb) <= 4096 or (dim[0] and len(emb) != dim[0]):
                raise ValueError('event %d: embedding of %d bytes' % (ident, len(emb)))
            dim[0] = len(emb)
        c = dict(c, embedding=emb)
    elif op == 'relabel' and (not isinstance(c.get('label'), str) or not c['label']):
        raise ValueError('relabel %d: no label' % ident)
    elif op == 'personal':
        label = c.get('label', False)   # null takes the personal label away; absent is refused
        if label is not None and (not isinstance(label, str) or not label):
            raise ValueError('personal %d: label must be a label or null' % ident)
    elif op == 'lock' and not isinstance(c.get('locked'), bool):
        raise ValueError('lock %d: locked must be true or false' % ident)
    elif op == 'end' and (not _number(c.get('duration')) or c['duration'] < 0):
        raise ValueError('end %d: bad duration' % ident)
    return c


def next_id(cursor):
    return int(cursor.split('-')[0].split('.')[0]) if cursor else 0


def check_page(page, after):
    """The page with embeddings as bytes; ValueError says what is wrong with it."""
    if not isinstance(page, dict) or set(page) != {'thinned', 'changes', 'cursor', 'more'}:
        raise ValueError('not a change page')
    if not isinstance(page['changes'], list) or not isinstance(page['more'], bool):
        raise ValueError('not a change page')
    if not isinstance(page['thinned'], int) or page['thinned'] < 0:
        raise ValueError('bad thinned count')
    cursor = page['cursor']
    if not isinstance(cursor, str) or len(cursor) > 4000 or not CURSOR.match(cursor):
        raise ValueError('bad cursor')
    if next_id(cursor) < next_id(after):
        raise ValueError('the cursor went backwards (%d after %d)' % (
            next_id(cursor), next_id(after)))
    dim = [0]
    changes = [_check_change(c, dim) for c in page['changes']]
    for c in changes:
        if c['op'] == 'event' and not next_id(after) <= c['id'] < next_id(cursor):
            raise ValueError('event %d outside the page\'s cursors' % c['id'])
    return dict(page, changes=changes)


class Client:
    """Requests to one device (config.Device), retried with backoff."""

    def __init__(self, device, timeout=TIMEOUT, tries=TRIES, backoff=BACKOFF):
        self.device = device
        u = urllib.parse.urlsplit(device.url)
        self.https = u.scheme == 'https'
        self.host, self.port = u.hostname, u.port
        self.timeout, self.tries, self.backoff = timeout, tries, backoff

    def _get(self, path):
        cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
        conn = cls(self.host, self.port, timeout=self.timeout)
        try:
            conn.request('GET', path, headers={'Authorization': 'Bearer ' + self.device.token})
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def get(self, path, ok=(200,)):
        """(status, body) of a GET; FeedError once TRIES attempts failed or at once for an
        answer that another attempt cannot change (401, 403, 409, 400)."""
        wait = self.backoff
        for attempt in range(self.tries):
            if attempt:
                time.sleep(wait)
                wait *= 2
            try:
                status, body = self._get(path)
            except (OSError, http.client.HTTPException) as e:
                problem = 'unreachable (%s)' % (e.__class__.__name__ if not str(e) else
                                                str(e).splitlines()[0][:80])
                continue
            if status in ok:
                return status, body
            if status in (401, 403):
                raise FeedError('token refused (HTTP %d)' % status, retry=False)
            if status in (400, 404, 409):
                return status, body
            problem = 'HTTP %d' % status
        raise FeedError('%s after %d attempts' % (problem, self.tries))

    def changes(self, after, limit):
        """The checked page after cursor `after` (None: from the start)."""
        q = {'limit': str(limit)}
        if after:
            q['after'] = after
        wait = self.backoff
        for attempt in range(self.tries):
            if attempt:
                time.sleep(wait)
                wait *= 2
            status, body = self.get('/api/changes?' + urllib.parse.urlencode(q))
            if status == 409:
                raise FeedError('the device refused the cursor: %s' % _reason(body),
                                retry=False, reset=True)
            if status != 200:
                raise FeedError('HTTP %d: %s' % (status, _reason(body)), retry=False)
            try:
                return check_page(json.loads(body), after)
            except (ValueError, UnicodeDecodeError) as e:
                problem = 'answered garbage (%s)' % str(e)[:80]
        raise FeedError('%s after %d attempts' % (problem, self.tries))

    def clip(self, ident):
        """The WAV bytes of event ident's clip, or None when the device has none (any more)."""
        status, body = self.get('/api/events/%d/clip.wav' % ident, ok=(200,))
        if status == 404:
            return None
        if status != 200 or body[:4] != b'RIFF' or body[8:12] != b'WAVE':
            raise FeedError('clip %d: not a WAV file' % ident)
        return body


def _reason(body):
    try:
        return str(json.loads(body)['error'])[:120]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return 'no reason given'
