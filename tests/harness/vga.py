"""The guest's VGA text screen, read back from video memory.

The monitor's `xp` command dumps the text buffer at 0xb8000: a character
byte and an attribute byte per cell, ROWS x COLS cells.
"""

import time

ROWS, COLS = 25, 80


def screen(m):
    """The text screen: ROWS lists of COLS (character, attribute) pairs."""
    reply = m.qmp("human-monitor-command", command_line=f"xp /{ROWS * COLS}hx 0xb8000")
    assert "return" in reply, f"xp failed: {reply}"
    words = [int(w, 16) for line in reply["return"].splitlines() if ":" in line
             for w in line.split(":", 1)[1].split()]
    assert len(words) == ROWS * COLS, f"xp gave {len(words)} cells"
    return [[(chr(w & 0xff), w >> 8) for w in words[r * COLS:(r + 1) * COLS]]
            for r in range(ROWS)]


def rows(cells):
    """The text of each row of a screen, without trailing blanks."""
    return ["".join(ch for ch, _ in row).rstrip() for row in cells]


def wait_for_text(m, text, timeout=30.0):
    """Wait until some row of the screen ends with text; return the rows."""
    deadline = time.monotonic() + timeout
    while True:
        current = rows(screen(m))
        if any(r.endswith(text.rstrip()) for r in current):
            return current
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} did not appear on the screen within {timeout:g} s:\n"
                                 + "\n".join(current))
        time.sleep(0.2)
