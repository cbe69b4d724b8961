# Runs at boot on a device and is the entry point on a host. Kept tiny: main.py is compiled from
# source at boot, everything else is imported from .mpy.
import sys

if sys.platform.startswith('esp'):
    # A board: settings, WiFi and clock first (or the setup page, which restarts the board).
    import wifi
    wifi.start()

import appliance

appliance.main()
