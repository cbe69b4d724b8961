"""Builds the timeline page and openapi.json into the device image's www/ folder, gzipped.

The page becomes one file: app.css and app.js are minified (rcssmin, rjsmin) and inlined into
index.html, so a phone makes one request to the device, and a Content-Security-Policy with the
hashes of exactly those inline blocks is added. Files are gzipped with a fixed mtime, so an
unchanged source gives byte-identical output and the image build stays incremental.
"""
import base64
import hashlib
import json
import re
import zlib
from pathlib import Path

import rcssmin
import rjsmin

from . import ROOT

WEBUI = ROOT / 'webui'
PAGE_BUDGET = 30 * 1024  # gzipped bytes, from issue 7

CSP = ("default-src 'none'; script-src '{script}'; style-src '{style}'; connect-src 'self'; "
       "media-src blob:; img-src data:; form-action 'none'; base-uri 'none'")


def _sha256(text):
    return 'sha256-' + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _minify_html(html):
    """Drops comments and the whitespace between tags. Safe here because the page has no <pre>,
    <textarea> or inline text whose spacing matters (checked)."""
    if re.search(r'<(pre|textarea)\b', html):
        raise ValueError('webui/index.html: the HTML minifier cannot keep <pre>/<textarea> spacing')
    html = re.sub(r'<!--.*?-->', '', html, flags=re.S)
    html = re.sub(r'>\s+<', '><', html)
    return re.sub(r'\s+', ' ', html).strip()


def page(source=WEBUI):
    """The page as one minified HTML document (str)."""
    source = Path(source)
    html = _minify_html((source / 'index.html').read_text())
    style = rcssmin.cssmin((source / 'app.css').read_text())
    script = rjsmin.jsmin((source / 'app.js').read_text())
    # </script> or </style> inside the code would end the inline block early.
    if '</script' in script.lower() or '</style' in style.lower():
        raise ValueError('webui: app.js/app.css must not contain a closing </script> or </style>')
    parts = {
        '<link rel="stylesheet" href="app.css">': '<style>%s</style>' % style,
        '<script src="app.js"></script>': '<script>%s</script>' % script,
    }
    for tag, inline in parts.items():
        if html.count(tag) != 1:
            raise ValueError('webui/index.html must contain %s exactly once' % tag)
        html = html.replace(tag, inline)
    csp = CSP.format(script=_sha256(script), style=_sha256(style))
    meta = '<meta http-equiv="Content-Security-Policy" content="%s">' % csp
    return html.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + meta, 1)


def openapi(source=WEBUI):
    """openapi.json, checked as JSON and written compactly."""
    spec = json.loads((Path(source) / 'openapi.json').read_text())
    return json.dumps(spec, separators=(',', ':'), sort_keys=False)


# log2 of the compression window: device/static.py inflates for a client without gzip in
# 2^WBITS bytes of heap and the same WBITS (zlib's default 15 would take 32 KB). Costs the page
# about 1.4 KB gzipped.
WBITS = 10


def _gzip(text):
    # zlib writes the gzip header with mtime 0: the same text gives the same bytes.
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + WBITS)
    return z.compress(text.encode()) + z.flush()


def outputs(source=WEBUI):
    """{name in www/: gzipped bytes}."""
    return {'index.html.gz': _gzip(page(source)), 'openapi.json.gz': _gzip(openapi(source))}


def build(out, source=WEBUI):
    """Writes www/ files into `out` where they changed; returns [(path, gzipped size)]."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in outputs(source).items():
        target = out / name
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        written.append((target, len(data)))
    return written


def page_size(source=WEBUI):
    """(minified bytes, gzipped bytes) of the page."""
    html = page(source)
    return len(html.encode()), len(_gzip(html))


def main():
    raw, packed = page_size()
    print('page: %d bytes minified, %d bytes gzipped (budget %d)' % (raw, packed, PAGE_BUDGET))
    return 0 if packed <= PAGE_BUDGET else 1


if __name__ == '__main__':
    raise SystemExit(main())
