"""Serves the page shell, openapi.json and the browser lab (www/lab: MicroPython's WebAssembly
port, the lab's page, bytecode and model; earmark/labsite.py) from the image's www/ folder.

Every file there is stored gzipped (`name.gz`, made by earmark/webui_build.py) and sent as is with
`Content-Encoding: gzip` to every client that accepts gzip (every browser). A client that does
not say so (plain curl, Python's urllib) gets the file decompressed on the way out: the build
compresses with a WBITS window (1 KB, not zlib's 32 KB), so inflating takes about 2.4 KB of
heap for that request, and browsers, which all accept gzip, never cost it.
"""
import os

from microdot import Response

import config

try:
    import deflate
except ImportError:   # CPython
    import gzip
    deflate = None

# log2 of the compression window; earmark/webui_build.py compresses with the same one.
WBITS = 10

TYPES = {
    'html': 'text/html; charset=utf-8',
    'js': 'text/javascript; charset=utf-8',
    'css': 'text/css; charset=utf-8',
    'json': 'application/json',
    'svg': 'image/svg+xml',
    'png': 'image/png',
    'ico': 'image/x-icon',
    # the browser lab (earmark/labsite.py): MicroPython's WebAssembly port, bytecode, model
    'mjs': 'text/javascript; charset=utf-8',
    'wasm': 'application/wasm',
    'mpy': 'application/octet-stream',
    'bin': 'application/octet-stream',
    'csv': 'text/csv; charset=utf-8',
}
# Files in a folder named for what is in them and its version (the lab's `lab/port-1.27.0/`)
# never change under their name: a browser keeps them a year without asking.
PINNED = '/port-'
# A name in www/ has only these characters, so no segment can be '..', absolute, or hold a
# backslash, a drive letter or a NUL once decoded.
NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.'


def resolve(path, root=None):
    """The file that serves URL path `path` (still %-encoded, as Microdot gives it), or None.

    Anything but plain names separated by single slashes is refused: '.', '..', empty segments
    (`//etc`), %-escapes (`%2e%2e`, `%2f`) and backslashes never reach the filesystem.
    """
    root = root or config.Config.www
    if path == '/' or path == '':
        path = '/index.html'
    segments = path[1:].split('/') if path.startswith('/') else None
    if not segments:
        return None
    for segment in segments:
        if not segment or segment[0] == '.':
            return None
        for c in segment:
            if c not in NAME_CHARS:
                return None
    name = '/'.join(segments)
    if name.rsplit('.', 1)[-1] not in TYPES:
        return None
    filename = root + '/' + name + '.gz'
    try:
        if os.stat(filename)[0] & 0o170000 != 0o100000:  # a regular file, not a folder
            return None
    except OSError:
        return None
    return filename


def accepts_gzip(value):
    """Whether an Accept-Encoding value admits gzip: named or as `*`, without q=0. No header
    admits only the file as it is (curl and urllib send none and show what they get)."""
    allowed = None
    for part in (value or '').lower().split(','):
        coding, _, params = part.partition(';')
        coding = coding.strip()
        if coding not in ('gzip', 'x-gzip', '*'):
            continue
        q = params.strip()
        try:
            ok = not q.startswith('q=') or float(q[2:]) > 0
        except ValueError:
            ok = False
        if coding != '*':
            return ok   # gzip named outright outranks `*`
        allowed = ok
    return bool(allowed)


def _inflated(filename):
    """The file decompressed as a stream (read, readinto, close)."""
    if deflate is None:
        return gzip.open(filename, 'rb')
    return deflate.DeflateIO(open(filename, 'rb'), deflate.GZIP, WBITS, True)


def _plain_size(filename):
    """The decompressed size, from the gzip trailer (ISIZE: the files are far under 4 GB)."""
    with open(filename, 'rb') as f:
        f.seek(-4, 2)
        b = f.read(4)
    return b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24


class _File:
    """A file that Microdot reads into one buffer, over and over. Its own way of sending a file
    reads each piece as a new 1 KB bytes object, and under load the heap may hold no free block
    that size (the page was what failed first at 208K with 8 clients)."""

    def __init__(self, f, buf):
        self.f = f
        self.view = memoryview(buf)

    def read(self, n):
        # Microdot writes each piece out before it asks for the next, so the buffer is free.
        return self.view[:self.f.readinto(self.view[:min(n, len(self.view))]) or 0]

    def close(self):
        # Called more than once (the server closes an answer again when it ends early). The
        # server may hold the response a while after it is sent; a closed DeflateIO still holds
        # its window and state (2.4 KB), so it is let go now.
        if self.f is not None:
            self.f.close()
            self.f = None


def respond(request, path, root=None, buf=None):
    """A Response for GET/HEAD of `path`, or None when no such file is served; the file is read
    into `buf` (a bytearray) piece by piece when one is given."""
    filename = resolve(path, root)
    if filename is None:
        return None
    st = os.stat(filename)
    packed = accepts_gzip(request.headers.get('Accept-Encoding'))
    # Size and mtime change with every image that changes the file: a cheap validator, one for
    # each of the two forms it is sent in.
    etag = '"%x-%x%s"' % (st[6], int(st[8]), '' if packed else '-plain')
    headers = {
        'Content-Type': TYPES[filename[:-3].rsplit('.', 1)[-1]],
        'Vary': 'Accept-Encoding',
        # Revalidate on every load: a firmware update must show at once, and a 304 is tiny.
        'Cache-Control': 'max-age=31536000, immutable' if PINNED in filename else 'no-cache',
        'ETag': etag,
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',  # frame-ancestors cannot go in the page's <meta> CSP
        'Referrer-Policy': 'no-referrer',
    }
    if request.headers.get('If-None-Match') == etag:
        return Response(b'', 304, headers)
    if packed:
        headers['Content-Encoding'] = 'gzip'
    headers['Content-Length'] = str(st[6] if packed else _plain_size(filename))
    if request.method == 'HEAD':
        return Response(b'', 200, headers)
    f = open(filename, 'rb') if packed else _inflated(filename)
    return Response(f if buf is None else _File(f, buf), 200, headers)
