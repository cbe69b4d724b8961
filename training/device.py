"""earmark/bridge.py's device_module under its old name, only for earmark/personal.py (the lab's),
until it imports the bridge itself; then this file goes."""
from earmark.bridge import device_module as module  # noqa: F401
