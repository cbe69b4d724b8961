"""Host side of Earmark: builds the device image, runs the appliance, trains and evaluates models."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVICE = ROOT / 'device'
BUILD = ROOT / 'build'
