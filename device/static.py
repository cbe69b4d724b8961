"""Serves the page shell and openapi.json from the image's www/ folder.

Every file there is stored gzipped (`name.gz`, made by earmark/webui_build.py) and sent as is with
`Content-Encoding: gzip`: decompressing on the device would need a 32 KB window of heap, and every
browser and HTTP library accepts gzip (curl needs `--compressed`).
"""
import os

from microdot import Response

import config

TYPES = {
    'html': 'text/html; charset=utf-8',
    'js': 'text/javascript; charset=utf-8',
    'css': 'text/css; charset=utf-8',
    'json': 'application/json',
    'svg': 'image/svg+xml',
    'png': 'image/png',
    'ico': 'image/x-icon',
}
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
        self.f.close()


def respond(request, path, root=None, buf=None):
    """A Response for GET/HEAD of `path`, or None when no such file is served; the file is read
    into `buf` (a bytearray) piece by piece when one is given."""
    filename = resolve(path, root)
    if filename is None:
        return None
    st = os.stat(filename)
    # Size and mtime change with every image that changes the file: a cheap validator.
    etag = '"%x-%x"' % (st[6], int(st[8]))
    headers = {
        'Content-Type': TYPES[filename[:-3].rsplit('.', 1)[-1]],
        'Content-Encoding': 'gzip',
        'Vary': 'Accept-Encoding',
        # Revalidate on every load: a firmware update must show at once, and a 304 is tiny.
        'Cache-Control': 'no-cache',
        'ETag': etag,
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',  # frame-ancestors cannot go in the page's <meta> CSP
        'Referrer-Policy': 'no-referrer',
    }
    if request.headers.get('If-None-Match') == etag:
        del headers['Content-Encoding']
        return Response(b'', 304, headers)
    headers['Content-Length'] = str(st[6])
    if request.method == 'HEAD':
        return Response(b'', 200, headers)
    f = open(filename, 'rb')
    return Response(f if buf is None else _File(f, buf), 200, headers)
