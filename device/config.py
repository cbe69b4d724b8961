"""The device's default settings. `earmark deploy` and the setup page write overrides to a JSON
file on the flash (`PATH`, through `update`); `Config.load(path)` applies them. hardware/README.md
documents the same pins: change both together.
"""
import json
import os

#: The overrides file on a board's flash, relative to its root.
PATH = 'config.json'


class Config:
    #: I2S peripheral number (both ESP32 and ESP32-S3 have I2S 0).
    i2s_id = 0
    #: GPIO of the I2S bit clock (microphone SCK / BCLK). GPIO 14, 13 and 4 are plain GPIOs on both
    #: the classic ESP32 and the ESP32-S3, and none of them is a strapping pin.
    i2s_sck = 14
    #: GPIO of the I2S word select (microphone WS / LRCL).
    i2s_ws = 13
    #: GPIO of the I2S data line from the microphone (SD / DOUT).
    i2s_sd = 4
    #: 'inmp441' or 'sph0645'. Both send 32-bit slots; the SPH0645 clocks its data out one bit
    #: late for the ESP32's I2S, which the I2S source (sources.py) undoes. The sample rate is
    #: not a setting: the device's front end runs at 16 kHz only (sources.RATE).
    microphone = 'inmp441'
    #: Bits dropped from each 32-bit I2S sample to make int16, 8 to 16. 16 keeps the microphone's full
    #: scale; each step less doubles the gain (+6 dB), saturating at the int16 range. 14 (+12 dB)
    #: suits an INMP441 (-26 dBFS at 94 dB SPL) listening for a knock a few metres away.
    mic_shift = 14
    #: Bytes of I2S DMA buffer: 250 ms of 32-bit mono at 16 kHz, so a slow HTTP request cannot
    #: make the microphone overrun.
    i2s_ibuf = 16000
    #: Home WiFi to join; None starts the setup access point instead.
    wifi_ssid = None
    wifi_password = None
    #: Start an access point with a setup page when there is no WiFi or it cannot be joined.
    ap_fallback = True
    ap_ssid = 'earmark-setup'
    #: The setup network's WPA2 password (8 to 63 characters); None: a random one is made at
    #: the first start and saved here (wifi.ap_password).
    ap_password = None
    #: HTTP port of the API and the page.
    port = 80
    #: HTTPS certificate and its private key (DER) on the flash, put there by `earmark deploy
    #: --https` (MicroPython cannot make a key pair). With both there the API and the page are
    #: served over HTTPS on https_port instead of HTTP on port.
    tls_cert = 'cert.der'
    tls_key = 'key.der'
    https_port = 443
    #: Where the salted hash of the API token lives (the token itself is never stored).
    auth_file = 'auth.json'
    #: Folder of the built page and openapi.json (gzipped), relative to the image root.
    www = 'www'
    #: Largest request body accepted (a WAV for POST /api/search: 10 s of 16 kHz int16 plus
    #: header). Bigger requests are answered 413 before their body is read.
    max_upload = 330 * 1024
    #: Largest body held in memory (JSON); larger ones are only readable as a stream.
    max_json_body = 1024
    #: Longest request or header line; the URL carries at most a few query parameters.
    max_line = 1024
    #: Connections the HTTP server lets wait to be accepted, in the network stack's memory
    #: (16 clients at once in the tests); more are refused and retried by their TCP stacks.
    backlog = 16
    #: Requests handled at once (each holds a few KB of heap: buffers, a streamed answer). A
    #: request takes one only once its head is in and it carries the token (or asks for a public
    #: path): a client that is slow to send, or has no token, never keeps a real request waiting.
    max_requests = 2
    #: Connections open at once, live streams aside: those holding a slot, those waiting for
    #: one (their head in) and those still sending their head. Each costs heap: 1.1 KB waiting
    #: for its head, 1.6 KB with part of it, more with its request parsed (32-bit build). In
    #: MicroPython a connection is accepted only when one of these is free; the rest wait in
    #: the backlog, in the network stack's memory. 6 failed the 16-client load test at 128 KB
    #: (MemoryError), 4 did once the level history ran too, and 3 about one run in five: as
    #: many as the slots is what the heap has room for (a connection sending its head is
    #: still closed for another after evict_after).
    max_connections = 2
    #: Seconds a client has for its whole request head (request line and headers, at most
    #: max_head bytes), counted from the accept, not per line: a client sending a header line
    #: every few seconds (slow-loris) or nothing at all (an idle connection, a browser's
    #: preconnect) is answered 408 and closed after this.
    head_timeout = 5
    #: Seconds a connection still sending its head keeps its place while another waits to be
    #: accepted and every place is taken: then the oldest such connection is answered 408 and
    #: closed. A real client sends its head as it connects (it is usually all there when the
    #: connection is accepted), so this only cuts slow or idle clients short, under pressure;
    #: 4 places turn over 16 such clients a second, so 16 hostile connections delay a real
    #: client by about a second, not by 16 head timeouts.
    evict_after = 0.25
    #: Largest request head in bytes: Microdot keeps every header line in the heap.
    max_head = 4096
    #: A request body must come at this many bytes a second at least, on average, after a grace
    #: of body_grace seconds (its deadline is grace + Content-Length / rate); else the request is
    #: answered 408 (or cut, once its answer began). Only requests with the token have their
    #: body read at all: without one the answer (401) comes as soon as the head is in.
    body_rate = 2048
    body_grace = 5
    #: Seconds one piece of an answer (1 KB at most) may take to go out; a client that stops
    #: reading (or vanished without closing) loses its connection, and its slot comes back.
    send_timeout = 10
    #: Seconds a live stream may go without a message before a keep-alive comment is sent: a
    #: stream whose client vanished is found by the failing write even when no audio flows (one
    #: whose client closed its end is found at once, within a fraction of a second).
    live_keepalive = 15
    #: Live streams (GET /api/live) open at once; each holds a queue and a task in the heap.
    max_live = 4

    @classmethod
    def check(cls, overrides, where):
        """Raises ValueError unless `overrides` is a dict of known settings of the right types."""
        if not isinstance(overrides, dict):
            raise ValueError('config %s must hold a JSON object' % where)
        for name, value in overrides.items():
            if name.startswith('_') or not hasattr(cls, name) or callable(getattr(cls, name)):
                raise ValueError('unknown setting %r in %s' % (name, where))
            default = getattr(cls, name)
            if default is not None and value is not None and type(value) is not type(default):
                raise ValueError('setting %r must be %s, got %r' % (
                    name, type(default).__name__, value))
            if name == 'microphone' and value not in ('inmp441', 'sph0645'):
                raise ValueError("setting 'microphone' must be 'inmp441' or 'sph0645', got %r"
                                 % (value,))

    @classmethod
    def load(cls, path):
        """Applies the overrides in a JSON file; unknown names or wrong types raise ValueError."""
        overrides = read(path)
        cls.check(overrides, path)
        # Applied only once all are valid: a bad file changes nothing.
        for name, value in overrides.items():
            setattr(cls, name, value)
        return cls


def read(path):
    """The overrides in the file at `path` (OSError when there is none)."""
    with open(path) as f:
        try:
            return json.load(f)
        except ValueError:
            raise ValueError('config %s is not valid JSON' % path)


def update(path, changes):
    """Merges `changes` into the overrides file (made when absent); returns the merged dict.
    Checked before anything is written, and written to a new file renamed over the old one, so a
    bad change or a power cut leaves the old settings."""
    try:
        overrides = read(path)
    except OSError:
        overrides = {}
    Config.check(overrides, path)
    overrides.update(changes)
    Config.check(overrides, path)
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(overrides, f)
    os.rename(tmp, path)
    return overrides
