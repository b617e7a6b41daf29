"""man and the pager on a terminal: the serial line, logged in as root.

tests/user/test_man.c checks man and more with their output on a pipe; this
checks what only a terminal shows: man pipes the page through more with
bold headings, more and less draw a screenful (the serial line's default
window, 24 rows of 80 columns: 23 rows of text and the status line) and
follow the keys typed. The expected status lines are computed here from the
page files of rootfs/man (their line counts and where a heading is), not
taken from the pager's output.
"""

import os
import re

from harness import adventos, timeout

STEP = 60.0
ROWS = 24  # the window size of a terminal nobody has resized (docs/tty.md)
TEXT_ROWS = ROWS - 1
MAN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rootfs", "man")
PAGE = "man1/sh.1"  # a page longer than two screens, with no line wider than 80 columns


def _page_lines(page, check=True):
    """The lines of a page file; with check, one long enough for the paging tests."""
    with open(os.path.join(MAN_DIR, page), encoding="utf-8") as f:
        lines = f.read().split("\n")[:-1]
    assert not check or (len(lines) > 2 * TEXT_ROWS and max(len(x) for x in lines) <= 80), \
        f"{page} no longer suits this test"
    return lines


def _status(text):
    """The pager's status line (reverse video) as a pattern."""
    return re.compile(re.escape(f"\x1b[7m{text}\x1b[0m"))


def _start(m, prompt, command):
    """Type command followed by a marker with its status; return the marker pattern."""
    marker = f"__MAN_{os.getpid()}__"
    m.write(f"{command}; echo {marker} $?\n")
    # not anchored: the pager leaves the cursor at the start of its cleared status row
    return re.compile(rf"{marker} (\d+)\r?\n")


def _finish(m, prompt, marker):
    """Wait for the command's end; return (everything printed, its status)."""
    text = m.read_until(marker, STEP)
    status = int(marker.search(text).group(1))
    m.expect(prompt, STEP)
    return text, status


@timeout(300)
def test_man_pages_through_more_with_bold_headings(t):
    """man ls on a terminal: the page goes through more (status line
    --More--), headings and option tags in bold; q ends both, status 0."""
    m = t.machine()
    prompt = adventos.login(m, "root", "root")
    marker = _start(m, prompt, "man ls")
    first = m.read_until(_status("--More--"), STEP)
    assert "\x1b[1mNAME\x1b[0m" in first, f"no bold NAME heading:\n{first[-2000:]!r}"
    assert "ls - list directory contents" in first, f"not the page of ls:\n{first[-2000:]}"
    m.write("q")
    text, status = _finish(m, prompt, marker)
    assert status == 0, f"man ls ended with status {status}:\n{text}"


@timeout(300)
def test_less_moves_through_the_text_as_the_keys_say(t):
    """less FILE: the first screenful, space, G (the end), g (the top), a
    search with /, each shown by the status line `FILE lines A-B[/N][ (END)]`."""
    lines = _page_lines(PAGE)
    n = len(lines)
    path = "/man/" + PAGE
    heading = lines.index("EXIT STATUS")
    m = t.machine()
    prompt = adventos.login(m, "root", "root")
    marker = _start(m, prompt, f"less {path}")

    def shown(top, known_end=True):
        """The status line with line top (0-based) at the top of the screen."""
        bottom = min(top + TEXT_ROWS, n)
        if not known_end:
            return _status(f"{path} lines {top + 1}-{bottom}")
        return _status(f"{path} lines {top + 1}-{bottom}/{n}" + (" (END)" if bottom == n else ""))

    screen = m.read_until(shown(0, known_end=False), STEP)
    assert lines[1] in screen, f"the first screen is not the top of {path}"
    m.write(" ")
    screen = m.read_until(shown(TEXT_ROWS, known_end=False), STEP)
    assert lines[TEXT_ROWS + 1].strip() in screen, "space did not show the next screen"
    m.write("G")
    m.read_until(shown(n - TEXT_ROWS), STEP)
    m.write("g")
    m.read_until(shown(0), STEP)
    m.write("/^EXIT STATUS\r")
    m.read_until(shown(heading), STEP)
    m.write("k")
    m.read_until(shown(heading - 1), STEP)
    m.write("/no such text anywhere\r")
    m.read_until(_status("Pattern not found"), STEP)
    m.write("q")
    text, status = _finish(m, prompt, marker)
    assert status == 0, f"less ended with status {status}"


@timeout(300)
def test_more_reads_keys_from_the_terminal_while_the_text_is_a_pipe(t):
    """cat FILE | more: the text comes from stdin, the keys from /dev/tty;
    more quits by itself when paged past the end; a short text is printed
    without waiting."""
    lines = _page_lines(PAGE)
    m = t.machine()
    prompt = adventos.login(m, "root", "root")
    marker = _start(m, prompt, f"cat /man/{PAGE} | more")
    m.read_until(_status("--More--"), STEP)
    for _ in range(len(lines) // TEXT_ROWS + 1):
        m.write(" ")
    text, status = _finish(m, prompt, marker)
    assert status == 0, f"more ended with status {status}"
    assert lines[-1] in text, "the last line of the text was never shown"
    short = _page_lines("man1/true.1", check=False)
    out, status = m.run("more /man/man1/true.1", STEP, prompt)
    assert status == 0 and all(x in out for x in short), \
        f"more of a short file printed {out!r}, status {status}"
    assert "--More--" not in out, "more waited on a text that fits on the screen"
