"""Colours of the workspace's own marks, chosen to read on dark and light themes alike.

Mid-tone hues (neither pale yellow nor dark blue) keep their contrast on the
default dark theme and on light themes chosen from the command palette; every
mark also has a symbol (✓ ✗ ! ⚑ ★), so nothing depends on colour alone.
"""

RED = "#d9363e"
AMBER = "#c77c02"
GREEN = "#2e9c5a"
PURPLE = "#9b59b6"
TEAL = "#1a9c9c"

WARN = f"bold {RED}"
CAUTION = AMBER
CAUTION_BOLD = f"bold {AMBER}"
GOOD = GREEN
GOOD_BOLD = f"bold {GREEN}"
FLAGS = f"bold {PURPLE}"
NOTE = TEAL
