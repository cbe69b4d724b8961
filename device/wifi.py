"""Start-up on a board, before the appliance: the settings `earmark deploy` or the setup page
wrote, the home WiFi, and the clock from NTP (events carry wall-clock times). With no WiFi
configured, or one that cannot be joined, the setup access point (setup_ap.py) takes over and the
board restarts once it is given one. That network's WPA2 password is made at random on the
board's first start (`ap_password`) and printed at every start.

Only main.py on a board runs this: the unix port has no `network` module, so it is imported where
it is used (the module itself imports anywhere). The address line it prints is what
`earmark deploy` reads from the serial console.
"""
import os
import time

import config
from config import Config

#: How long to try joining the home WiFi before falling back to the setup access point.
JOIN_MS = 20000
#: NTP tries; without the clock the appliance still runs, but event times are wrong.
NTP_TRIES = 3
#: The name the board gives the router (DHCP), so it can be found in the router's list.
HOSTNAME = 'earmark'
#: The setup network's password: PASSWORD_GROUPS groups of 4 characters from an alphabet of 32
#: without look-alikes (no 0/o, 1/l), joined by '-': 3 x 4 x 5 = 60 random bits, read off a
#: serial console and typed on a phone.
PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'
PASSWORD_GROUPS = 3


def start():
    """Applies the config file, joins the WiFi and sets the clock; returns the board's address.
    Serves the setup page instead (never returning) when there is no WiFi to join."""
    try:
        Config.load(config.PATH)
    except OSError:
        pass  # never deployed with settings: the defaults hold
    except ValueError as e:
        print('earmark: %s; running with the default settings' % e)
    if Config.ap_fallback:
        # Every start, so whoever holds the board can always find it (the page shows it too).
        print('earmark: setup WiFi %r, password %r (opens when no home WiFi can be joined)'
              % (Config.ap_ssid, ap_password()))
    address = join(Config.wifi_ssid, Config.wifi_password) if Config.wifi_ssid else None
    if address is None:
        if Config.ap_fallback:
            import setup_ap
            setup_ap.run(ap_password())
        return None
    sync_clock()
    import https
    if https.provisioned()[0]:
        scheme, port = 'https', '' if Config.https_port == 443 else ':%d' % Config.https_port
    else:
        scheme, port = 'http', '' if Config.port == 80 else ':%d' % Config.port
    print('earmark: address %s://%s%s/' % (scheme, address, port))
    return address


def new_password():
    """A random setup password (32 divides 256: each byte picks a character without bias)."""
    chars = [PASSWORD_ALPHABET[b % 32] for b in os.urandom(4 * PASSWORD_GROUPS)]
    return '-'.join(''.join(chars[i:i + 4]) for i in range(0, len(chars), 4))


def ap_password(path=config.PATH):
    """The setup network's password: the one in the settings, else (a board's first start) a
    new random one, saved there. It is kept as it is, not hashed: WPA2 needs it to open the
    network. A board whose settings cannot be written still gets one, for this start."""
    if Config.ap_password and not 8 <= len(Config.ap_password) <= 63:
        print('earmark: setting ap_password needs 8 to 63 characters; making a new one')
        Config.ap_password = None
    if not Config.ap_password:
        Config.ap_password = new_password()
        try:
            config.update(path, {'ap_password': Config.ap_password})
        except (OSError, ValueError) as e:
            print('earmark: setup password not saved (%s); it changes at the next start' % e)
    return Config.ap_password


def join(ssid, password, timeout_ms=JOIN_MS):
    """The board's IP address on WiFi `ssid`, or None when it was not joined in time."""
    import network
    try:
        network.hostname(HOSTNAME)
    except (AttributeError, ValueError, OSError):
        pass  # firmware before 1.20: the router shows the default name
    sta = network.WLAN(network.STA_IF)
    sta.active(True)
    if not sta.isconnected():
        if password:
            sta.connect(ssid, password)
        else:
            sta.connect(ssid)
        began = time.ticks_ms()
        while not sta.isconnected():
            if time.ticks_diff(time.ticks_ms(), began) > timeout_ms:
                sta.active(False)
                print('earmark: could not join WiFi %r' % ssid)
                return None
            time.sleep_ms(200)
    return sta.ifconfig()[0]


def sync_clock():
    """Sets the RTC to UTC from NTP; False (and a note) when no server answered."""
    import ntptime
    for _ in range(NTP_TRIES):
        try:
            ntptime.settime()
            return True
        except OSError:
            time.sleep_ms(1000)
    print('earmark: no time from NTP; event times are wrong until the clock is set')
    return False
