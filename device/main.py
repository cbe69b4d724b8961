# Runs at boot on a device and is the entry point on a host. Kept tiny: main.py is compiled from
# source at boot, everything else is imported from .mpy.
import appliance

appliance.main()
