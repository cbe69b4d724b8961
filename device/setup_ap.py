"""The setup access point: a board with no home WiFi, or one it cannot join, opens its own WPA2
network (`Config.ap_ssid`, with the board's own random password: wifi.ap_password) and serves one
small page to enter the WiFi name and password. Saving writes them to the config file and restarts
the board, which then joins the home WiFi.

The form carries a secret made at each start and posts only with it: another page open on the
phone cannot post the form behind the user's back (a cross-site request), since it cannot read
the secret.

`app()` is plain Microdot and runs anywhere (the tests serve it from the unix port and CPython);
`run()` needs an ESP32's `network.WLAN` and never returns.
"""
import binascii
import os

from microdot import Microdot

import auth
import config
from config import Config

#: With a WiFi configured that could not be joined (a router still starting after a power cut),
#: restart after this long to try it again.
RETRY_S = 300
#: Seconds between answering the form and restarting, so the answer reaches the browser.
RESTART_DELAY_S = 1

HTML = {'Content-Type': 'text/html; charset=utf-8'}
PAGE = ('<!DOCTYPE html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width"><title>Earmark setup</title></head>'
        '<body style="font-family:sans-serif;max-width:24em;margin:2em auto">'
        '<h1>Earmark setup</h1>%s<form method="post"><input type="hidden" name="key" value="%s">'
        '<p><label>WiFi name<br><input name="ssid" maxlength="32" required></label></p>'
        '<p><label>Password (empty for an open network)<br>'
        '<input name="password" type="password" maxlength="63"></label></p>'
        '<p><button>Save and restart</button></p></form></body></html>')
SAVED = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Earmark setup</title></head>'
         '<body style="font-family:sans-serif;max-width:24em;margin:2em auto"><h1>Saved</h1>'
         '<p>Earmark restarts and joins your WiFi. Its address shows on the serial console '
         '(<code>earmark deploy</code> prints it), or look for "earmark" in your router.</p>'
         '</body></html>')


def settings(form):
    """The config changes a submitted form asks for; ValueError with a message when it is wrong.
    The messages never repeat what was typed: the page shows them as HTML."""
    ssid = form.get('ssid') or ''
    password = form.get('password') or ''
    if not 1 <= len(ssid.encode()) <= 32:
        raise ValueError('The WiFi name must be 1 to 32 bytes long.')
    if password and not 8 <= len(password) <= 63:
        raise ValueError('A WiFi password has 8 to 63 characters; leave it empty for an open '
                         'network.')
    return {'wifi_ssid': ssid, 'wifi_password': password or None}


def _note(text):
    return '<p style="color:#b00">%s</p>' % text


def app(path=config.PATH, saved=None):
    """The page's Microdot app; `saved()` is called once new settings are on the flash."""
    web = Microdot()
    secret = binascii.hexlify(os.urandom(16)).decode()

    @web.get('/')
    async def form(request):
        return PAGE % ('', secret), 200, HTML

    @web.post('/')
    async def save(request):
        form = request.form or {}
        if not auth.same((form.get('key') or '').encode(), secret.encode()):
            return PAGE % (_note('This form has expired: send it again.'), secret), 403, HTML
        try:
            config.update(path, settings(form))
        except ValueError as e:
            return PAGE % (_note(e), secret), 400, HTML
        if saved:
            saved()
        return SAVED, 200, HTML

    return web


def open_network(network, password):
    """Opens the WPA2 access point on a board; returns its address."""
    ap = network.WLAN(network.AP_IF)
    ap.active(True)
    # Current ESP32 firmware names the mode network.WLAN.SEC_WPA2, older firmware
    # network.AUTH_WPA2_PSK: both are ESP-IDF's WIFI_AUTH_WPA2_PSK. `essid`, `password` and
    # `authmode` are the names every version's WLAN.config() takes (newer ones also take
    # ssid, key and security).
    wpa2 = getattr(network.WLAN, 'SEC_WPA2', None)
    if wpa2 is None:
        wpa2 = network.AUTH_WPA2_PSK
    ap.config(essid=Config.ap_ssid, password=password, authmode=wpa2)
    return ap.ifconfig()[0]


def run(password):
    """Opens the access point with `password` (wifi.ap_password's) and serves the page until
    the board restarts."""
    import asyncio
    import machine
    import network

    address = open_network(network, password)
    port = '' if Config.port == 80 else ':%d' % Config.port
    print('earmark: setup page http://%s%s/ on WiFi %r (password %r)'
          % (address, port, Config.ap_ssid, password))

    async def restart(delay):
        await asyncio.sleep(delay)
        machine.reset()

    web = app(saved=lambda: asyncio.create_task(restart(RESTART_DELAY_S)))

    async def serve():
        if Config.wifi_ssid:
            asyncio.create_task(restart(RETRY_S))
        await web.start_server(port=Config.port)

    asyncio.run(serve())
