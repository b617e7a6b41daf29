"""The screen terminal /dev/tty1: PS/2 keyboard input and VGA text output.

The guest runs /tests/bin/kbdtest (tests/user/programs/kbdtest.c) as process
1. Its child makes a session of its own on /dev/tty1 and takes commands on
the serial line: `raw <step>` and `line <step>` read from tty1 (raw until a
'.' arrives, or one canonical line) and report the bytes as
`KB GOT <step> n=<count> hex=<bytes>`; `intr <step>` has a grandchild read
in its own foreground group and reports how it ended; `write <hex>` writes
bytes to tty1. The host presses keys on the emulated keyboard through QMP
`send-key` (scancodes, as a real keyboard sends them) and reads the screen
back from video memory with the monitor's `xp` command (the text buffer at
0xb8000: a character byte and an attribute byte per cell), so each check
compares what the guest got, or what the screen shows, with what the keys
pressed and the bytes written must give on a US keyboard and a VT100/xterm
terminal. The expected cells are worked out here by hand from those rules.
"""

import re
import time

from harness import adventos, vga

PROGRAM = "/tests/bin/kbdtest"
STEP_TIMEOUT = 30.0
ROWS, COLS = vga.ROWS, vga.COLS
SIGINT = 2
CLEAR = "\x1b[2J\x1b[H"
GREY_ON_BLACK = 0x07
MENU = re.compile(r"KB MENU\n")


def _boot(t, smp=1):
    """Boot kbdtest; return the machine and what it said before its first menu."""
    m = t.machine(cmdline=f"init={PROGRAM}", smp=smp)
    adventos.boot_log(m)
    text = m.read_until(MENU, STEP_TIMEOUT)
    assert "KB ERROR" not in text, f"the guest could not set up tty1:\n{text}"
    return m, text


def _press(m, keys):
    """Press each entry of keys: a key code, or a tuple of codes held together."""
    for key in keys:
        m.send_key(*((key,) if isinstance(key, str) else key))


def _read_step(m, command, step, keys):
    """Run `command step`, press keys once it reads; return the bytes it got."""
    m.write(f"{command} {step}\n")
    m.read_until(re.compile(rf"KB READY {re.escape(step)}\n"), STEP_TIMEOUT)
    _press(m, keys)
    found = m.expect(re.compile(rf"KB GOT {re.escape(step)} n=(-?\d+) hex=([0-9a-f]*).*\n"),
                     STEP_TIMEOUT)
    n, data = int(found.group(1)), bytes.fromhex(found.group(2))
    assert n == len(data), f"step {step}: read returned {n} (data {data!r})"
    m.read_until(MENU, STEP_TIMEOUT)
    return data


def _write(m, text):
    """Have the guest write text (a str of code points < 256) to tty1."""
    data = text.encode("latin-1")
    for i in range(0, len(data), 900):
        chunk = data[i:i + 900]
        m.write(f"write {chunk.hex()}\n")
        found = m.expect(re.compile(r"KB (WROTE \d+|ERROR .*)\n"), STEP_TIMEOUT)
        assert found.group(1) == f"WROTE {len(chunk)}", f"write to tty1: {found.group(0)!r}"
        m.read_until(MENU, STEP_TIMEOUT)


def _assert_rows(screen, expected, what):
    """expected: {row: text}; every other row must be blank."""
    rows = vga.rows(screen)
    want = [expected.get(r, "") for r in range(ROWS)]
    bad = [f"row {r}: {rows[r]!r}, expected {want[r]!r}" for r in range(ROWS) if rows[r] != want[r]]
    assert not bad, f"{what}:\n" + "\n".join(bad)


def test_device_nodes_and_window_sizes(t):
    """tty1 is (4, 1) with the screen's 25x80; /dev/console is another terminal, (5, 1)."""
    _, text = _boot(t)
    found = re.search(r"KB NODES (.*)\n", text)
    assert found, f"no KB NODES line:\n{text}"
    want = "tty1=4,1 console=5,1 ttyS0=4,64 tty1size=25x80 consolesize=24x80"
    assert found.group(1) == want, f"nodes: {found.group(1)!r}, expected {want!r}"


def test_console_vga_makes_the_screen_the_console(t):
    """With console=vga, /dev/console (process 1's descriptors) is the screen terminal."""
    m = t.machine(cmdline=f"init={PROGRAM} console=vga")
    deadline = time.monotonic() + adventos.BOOT_TIMEOUT
    rows = []
    while time.monotonic() < deadline:
        rows = vga.rows(vga.screen(m))
        if "KB MENU" in rows:
            break
        time.sleep(0.5)
    nodes = [r for r in rows if r.startswith("KB NODES ")]
    assert nodes, "kbdtest's report did not appear on the screen:\n" + "\n".join(rows)
    # The guest's report of its own terminals, drawn on the screen; the console now has the
    # screen's size, since it is the same terminal as tty1.
    assert nodes[0].endswith("tty1size=25x80 consolesize=25x80"), f"nodes: {nodes[0]!r}"
    assert "KB NODES" not in m.output(), "the report went to the serial line as well"


def test_letters_digits_symbols_and_modifiers(t):
    m, _ = _boot(t)
    keys = ["a", ("shift", "z"), "1", ("shift", "1"), "spc", "minus", ("shift", "slash"),
            "bracket_left", "semicolon", "apostrophe", "grave_accent", "backslash", "comma",
            ("shift", "comma"), ("shift", "equal"),
            "caps_lock", "q", ("shift", "w"), "2", "caps_lock", "e",
            ("ctrl", "a"), ("ctrl", "c"), ("ctrl", "z"), ("ctrl", "backslash"),
            ("ctrl", "bracket_left"), ("ctrl", "spc"), ("alt", "x"),
            "tab", "esc", "ret", "backspace", "dot"]
    want = (b"aZ1! -?[;'`\\,<+" + b"Qw2e" + b"\x01\x03\x1a\x1c\x1b\x00" + b"\x1bx"
            + b"\t\x1b\r\x7f.")
    data = _read_step(m, "raw", "chars", keys)
    assert data == want, f"raw keys: got {data!r}, expected {want!r}"


def test_cursor_and_editing_keys_send_escape_sequences(t):
    m, _ = _boot(t)
    keys = ["up", "down", "right", "left", "home", "end", "insert", "delete", "pgup", "pgdn",
            "f1", "f5", "f12", "num_lock", "kp_1", "kp_2", "num_lock", "kp_8", "dot"]
    want = (b"\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1b[2~\x1b[3~\x1b[5~\x1b[6~"
            b"\x1bOP\x1b[15~\x1b[24~" b"12" b"\x1b[A.")
    data = _read_step(m, "raw", "keys", keys)
    assert data == want, f"special keys: got {data!r}, expected {want!r}"


def test_keys_on_two_cpus(t):
    """With two CPUs IRQ 1 goes through the I/O APIC instead of the 8259."""
    m, _ = _boot(t, smp=2)
    data = _read_step(m, "raw", "apic", ["k", ("shift", "b"), ("ctrl", "d"), "dot"])
    assert data == b"kB\x04.", f"raw keys on two CPUs: got {data!r}"


def test_canonical_line_with_backspace_and_echo(t):
    m, _ = _boot(t)
    _write(m, CLEAR)
    data = _read_step(m, "line", "erase", ["a", "b", "c", "backspace", "d", "ret"])
    assert data == b"abd\n", f"canonical read: got {data!r}, expected b'abd\\n'"
    # The echo drew "abc", erased the c with "\b \b", drew d, then CR LF.
    _assert_rows(vga.screen(m), {0: "abd"}, "echo of the edited line")


def test_ctrl_c_interrupts_the_foreground_group(t):
    m, _ = _boot(t)
    _write(m, CLEAR)
    m.write("intr sigint\n")
    m.read_until(re.compile(r"KB READY sigint\n"), STEP_TIMEOUT)
    _press(m, ["x", "y", ("ctrl", "c")])
    found = m.expect(re.compile(r"KB STATUS sigint (.*)\n"), STEP_TIMEOUT)
    assert found.group(1) == f"signaled {SIGINT}", \
        f"the reader in the foreground group was not killed by SIGINT: {found.group(1)}"
    m.read_until(MENU, STEP_TIMEOUT)
    # The half-typed line was echoed, then ^C (ECHOCTL).
    _assert_rows(vga.screen(m), {0: "xy^C"}, "echo before ^C")
    # The terminal still works for the next reader: the discarded line is gone.
    data = _read_step(m, "line", "after", ["o", "k", "ret"])
    assert data == b"ok\n", f"read after ^C: {data!r}"


def test_cursor_positioning_and_erasing(t):
    m, _ = _boot(t)
    _write(m, CLEAR + "\x1b[5;10Hhello" + "\x1b[2;3Hx\x1b[3Cy" + "\x1b[10;10H\x1b[2A\x1b[4D*"
           + "\x1b[3;1Hrow3\x1b[B\x1b[Dz" + "\x1b[25;80H\x1b[5Cend")
    # CUP is 1-based: "hello" at (4, 9). After 'x' at (1, 2) the cursor is at column 3,
    # three right is 6. (9, 9) up 2 and left 4 is (7, 5). After "row3" at (2, 0) the cursor
    # is at (2, 4), down (3, 4), left (3, 3). Right from the last column stays there, so 'e'
    # fills (24, 79) and "nd" wraps to a new bottom row: everything moves up one row.
    screen = vga.screen(m)
    _assert_rows(screen, {0: "  x   y", 1: "row3", 2: "   z", 3: " " * 9 + "hello",
                          6: " " * 5 + "*", 23: " " * 79 + "e", 24: "nd"},
                 "cursor movement")

    lines = "".join(f"\x1b[{r};1H0123456789" for r in range(1, 7))
    _write(m, CLEAR + lines + "\x1b[1;4H\x1b[K" + "\x1b[2;4H\x1b[1K" + "\x1b[3;4H\x1b[2K"
           + "\x1b[5;6H\x1b[J")
    _assert_rows(vga.screen(m), {0: "012", 1: "    456789", 3: "0123456789", 4: "01234"},
                 "erase in line (0, 1, 2) and erase below")
    _write(m, "\x1b[4;3H\x1b[1J")
    _assert_rows(vga.screen(m), {3: "   3456789", 4: "01234"}, "erase above (ESC [ 1 J)")


def test_colours_and_renditions(t):
    m, _ = _boot(t)
    _write(m, CLEAR + "\x1b[31mR\x1b[1;32mG\x1b[0;44;33mY\x1b[7mV\x1b[0;97;41mW\x1b[39mD"
           "\x1b[49mE\x1b[0mN\x1b[90mK\x1b[0;1;7;34mI\x1b[0;38;5;9mX\x1b[m\x1b[44m\x1b[K"
           "\x1b[m\r\n")
    screen = vga.screen(m)
    # VGA attribute: background << 4 | foreground; VGA colour numbers are blue 1, green 2,
    # cyan 3, red 4, magenta 5, brown/yellow 6, grey 7, +8 bright. Bold is the bright
    # foreground; reverse swaps the colours (the background loses the bright bit).
    want = [("R", 0x04), ("G", 0x0a), ("Y", 0x16), ("V", 0x61), ("W", 0x4f), ("D", 0x47),
            ("E", 0x07), ("N", 0x07), ("K", 0x08), ("I", 0x10), ("X", 0x0c)]
    got = screen[0][:len(want)]
    assert got == [(c, a) for c, a in want], \
        "colours: " + ", ".join(f"{c}={a:#04x}" for c, a in got)
    # Erase to the end of the line fills with the current background (blue).
    tail = {cell for cell in screen[0][len(want):]}
    assert tail == {(" ", 0x17)}, f"ESC [ K with a blue background left {sorted(tail)}"
    assert all(cell == (" ", GREY_ON_BLACK) for cell in screen[1]), \
        "the next row is not blank grey on black"


def test_scrolling_wrapping_and_line_editing_sequences(t):
    m, _ = _boot(t)
    # 30 lines ending in NL (CR NL through ONLCR) leave the last 24 on rows 0-23.
    _write(m, CLEAR + "".join(f"line {i:02d}\n" for i in range(30)))
    _assert_rows(vga.screen(m), {r: f"line {r + 6:02d}" for r in range(24)}, "scrolling")

    # A scroll region (rows 5-10, 1-based): two NLs at its bottom scroll only it.
    labels = "".join(f"\x1b[{r};1Hr{r:02d}" for r in range(1, 26))
    _write(m, CLEAR + labels + "\x1b[5;10r\x1b[10;1H\n\n\x1b[r")
    expected = {r - 1: f"r{r:02d}" for r in range(1, 26)}
    expected.update({4: "r07", 5: "r08", 6: "r09", 7: "r10", 8: "", 9: ""})
    _assert_rows(vga.screen(m), expected, "scroll region")

    # The 81st character goes to the next line; after exactly 80, CR LF makes no empty row.
    _write(m, CLEAR + "A" * 80 + "B" + "\x1b[4;1H" + "C" * 80 + "\r\nD"
           + "\x1b[8;1Hab\bc\tT\x07" + "\x1b[10;1Habcdef\x1b[10;3H\x1b[2P\x1b[10;2H\x1b[1@"
           + "\x1b[11;1Habcdef\x1b[11;1H\x1b[2X" + "\x1b[13;1Hone\r\ntwo\x1b[13;1H\x1b[L"
           + "\x1b]0;title\x07")
    _assert_rows(vga.screen(m), {0: "A" * 80, 1: "B", 3: "C" * 80, 4: "D", 7: "ac      T",
                              9: "a bef", 10: "  cdef", 13: "one", 14: "two"},
                 "wrapping, BS, TAB, BEL, DCH, ICH, ECH, IL, OSC")


def test_kernel_monitor_reads_the_keyboard(t):
    """With no user space, the monitor takes keys as well as serial input."""
    m = t.machine(cmdline="init=none")
    adventos.boot_log(m)
    m.expect(adventos.PROMPT, STEP_TIMEOUT)
    _press(m, ["e", "c", "h", "o", "spc", "k", "b", "d", "minus", "o", "k", "ret"])
    m.expect(re.compile(r"^kbd-ok\r?$", re.MULTILINE), STEP_TIMEOUT)
    m.expect(adventos.PROMPT, STEP_TIMEOUT)
    rows = vga.rows(vga.screen(m))
    assert "kbd-ok" in rows, f"the monitor's answer is not on the screen:\n" + "\n".join(rows)
