"""Start-up on a board, before the appliance: the settings `earmark deploy` or the setup page
wrote, the home WiFi, and the clock from NTP (events carry wall-clock times). With no WiFi
configured, or one that cannot be joined, the setup access point (setup_ap.py) takes over and the
board restarts once it is given one.

Only main.py on a board runs this: the unix port has no `network` module, so it is imported where
it is used (the module itself imports anywhere). The address line it prints is what
`earmark deploy` reads from the serial console.
"""
import time

import config
from config import Config

#: How long to try joining the home WiFi before falling back to the setup access point.
JOIN_MS = 20000
#: NTP tries; without the clock the appliance still runs, but event times are wrong.
NTP_TRIES = 3
#: The name the board gives the router (DHCP), so it can be found in the router's list.
HOSTNAME = 'earmark'


def start():
    """Applies the config file, joins the WiFi and sets the clock; returns the board's address.
    Serves the setup page instead (never returning) when there is no WiFi to join."""
    try:
        Config.load(config.PATH)
    except OSError:
        pass  # never deployed with settings: the defaults hold
    except ValueError as e:
        print('earmark: %s; running with the default settings' % e)
    address = join(Config.wifi_ssid, Config.wifi_password) if Config.wifi_ssid else None
    if address is None:
        if Config.ap_fallback:
            import setup_ap
            setup_ap.run()
        return None
    sync_clock()
    port = '' if Config.port == 80 else ':%d' % Config.port
    print('earmark: address http://%s%s/' % (address, port))
    return address


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
