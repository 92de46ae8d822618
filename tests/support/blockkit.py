"""Moved to the installed package `standin` (so `chefsnatverket demo` runs without tests/):
this name is the same module, kept so test imports need no change."""

import sys

from standin import blockkit

sys.modules[__name__] = blockkit
