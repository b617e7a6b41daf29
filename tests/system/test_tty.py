"""The terminal line discipline and job control, driven over the serial line.

The guest runs /tests/bin/ttytest (tests/user/programs/ttytest.c) as
process 1, so the console is its controlling terminal. For each scenario the
host types the scenario's name, then, at each `TT READY <step>`, types the
input of that step; the guest reports what read() returned
(`TT GOT <step> n=<count> hex=<bytes>`) or what happened to a child
(`TT STATUS <step> exited|signaled|stopped <n>`). The patterns are not
anchored at line starts, since an echoed ^C or a line ended by ^D leaves the
cursor mid-line, and they include the newline, so that a line still arriving
never matches half-way. The host knows what it
typed and what the line discipline must make of it (POSIX 11.1, termios
defaults: VERASE DEL, VKILL ^U, VWERASE ^W, VEOF ^D, VINTR ^C, VQUIT ^\\,
VSUSP ^Z), so every assertion compares the kernel's delivery with an
expectation computed here.
"""

import re
import secrets
import time

from harness import adventos

PROGRAM = "/tests/bin/ttytest"
STEP_TIMEOUT = 30.0
SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGWINCH = 2, 3, 20, 21, 28
EINTR = 4


def _boot(t):
    m = t.machine(cmdline=f"init={PROGRAM}")
    adventos.boot_log(m)
    return m


def _scenario(m, name):
    m.expect(re.compile(r"TT MENU\n"), STEP_TIMEOUT)
    m.write(name + "\n")


def _ready(m, step):
    """Wait for `TT READY <step>`; return what the guest printed before it."""
    return m.read_until(re.compile(rf"TT READY {re.escape(step)}\n"), STEP_TIMEOUT)


def _got(m, step):
    """Wait for the report of step; return (bytes read or None on error, text before it)."""
    text = m.read_until(re.compile(rf"TT GOT {re.escape(step)} n=.*\n"), STEP_TIMEOUT)
    found = re.search(rf"TT GOT {re.escape(step)} n=(-?\d+) hex=([0-9a-f]*)(?: errno=(\d+))?\n",
                      text)
    assert found, f"no report for step {step}:\n{text}"
    n = int(found.group(1))
    if n < 0:
        return None, int(found.group(3) or 0), text
    data = bytes.fromhex(found.group(2))
    assert len(data) == n, f"step {step}: n={n} but {len(data)} bytes reported"
    return data, 0, text


def _step(m, step, typed, pause=0.0):
    """Wait for READY step, type (a list of pieces, paused between), return (bytes, echo text)."""
    _ready(m, step)
    pieces = typed if isinstance(typed, list) else [typed]
    for i, piece in enumerate(pieces):
        if i:
            time.sleep(pause)
        m.write(piece)
    data, err, text = _got(m, step)
    assert data is not None, f"step {step}: read failed with errno {err}"
    return data, text


def _status(m, step):
    found = m.expect(re.compile(rf"TT STATUS {re.escape(step)} (.*)\n"), STEP_TIMEOUT)
    return found.group(1)


def _done(m, name):
    text = m.read_until(re.compile(rf"TT DONE {name}\n"), STEP_TIMEOUT)
    assert "TT ERROR" not in text, f"the guest reported an error:\n{text}"


def _word(n=6):
    return secrets.token_hex(n // 2)


def test_canonical_line_editing(t):
    m = _boot(t)
    _scenario(m, "canon")
    a, b = _word(), _word()

    # DEL erases one character, with the ECHOE echo "\b \b".
    data, echo = _step(m, "erase", f"{a}x\x7f{b}\n")
    assert data == f"{a}{b}\n".encode(), f"erase: read {data!r}"
    assert f"{a}x\b \b{b}" in echo, f"erase was not echoed as backspace-space-backspace:\n{echo!r}"

    # ^U kills the line typed so far; only what follows is delivered.
    data, echo = _step(m, "kill", f"{a}\x15{b}\n")
    assert data == f"{b}\n".encode(), f"kill: read {data!r}"
    assert f"{a}" + "\b \b" * len(a) + f"{b}" in echo, f"kill was not erased on screen:\n{echo!r}"

    # ^W erases the last word and the blanks before it.
    data, _ = _step(m, "werase", f"{a} {b}  \x17z\n")
    assert data == f"{a} z\n".encode(), f"werase: read {data!r}"

    # With VERASE set to BS, backspace erases.
    data, _ = _step(m, "backspace", f"{a}q\b{b}\n")
    assert data == f"{a}{b}\n".encode(), f"backspace as VERASE: read {data!r}"

    # A read with a small buffer gets the start of the line, the next read the rest.
    data, _ = _step(m, "short1", f"{a}\n")
    assert data == a[:3].encode(), f"3-byte read of a line: {data!r}"
    data, _, _ = _got(m, "short2")
    assert data == f"{a[3:]}\n".encode(), f"the rest of the line: {data!r}"

    # Two lines typed at once come one per read.
    data, _ = _step(m, "lines1", f"{a}\n{b}\n")
    assert data == f"{a}\n".encode(), f"first of two lines: {data!r}"
    data, _, _ = _got(m, "lines2")
    assert data == f"{b}\n".encode(), f"second of two lines: {data!r}"
    _done(m, "canon")


def test_echo_on_and_off(t):
    m = _boot(t)
    _scenario(m, "echo")
    hidden, shown = "h" + _word(8), "s" + _word(8)
    data, text = _step(m, "off", hidden + "\n")
    assert data == (hidden + "\n").encode(), f"echo off: read {data!r}"
    assert hidden not in text, f"typed text was echoed with ECHO off:\n{text!r}"
    data, text = _step(m, "on", shown + "\n")
    assert data == (shown + "\n").encode(), f"echo on: read {data!r}"
    assert shown in text, f"typed text was not echoed with ECHO on:\n{text!r}"
    _done(m, "echo")


def test_raw_mode_min_and_time(t):
    m = _boot(t)
    _scenario(m, "raw")
    # VMIN 1: one byte, without waiting for a newline.
    data, _ = _step(m, "min1", "q")
    assert data == b"q", f"raw VMIN=1: read {data!r}"
    # ICRNL is still on: CR arrives as NL.
    data, _ = _step(m, "icrnl", "\r")
    assert data == b"\n", f"raw with ICRNL: read {data!r}"
    # VMIN 3: two bytes are not enough; the third completes the read.
    data, _ = _step(m, "min3", ["ab", "c"], pause=0.5)
    assert data == b"abc", f"raw VMIN=3: read {data!r}"
    # VMIN 0, VTIME 5: nothing typed, the read ends with 0 bytes.
    data, _ = _step(m, "time0", "")
    assert data == b"", f"raw VMIN=0 VTIME=5 without input: read {data!r}"
    # VMIN 0, VTIME 200: a byte typed within the 20 s is returned.
    data, _ = _step(m, "time1", "z")
    assert data == b"z", f"raw VMIN=0 VTIME=200: read {data!r}"
    # VMIN 2, VTIME 3: after one byte the inter-byte timer ends the read.
    data, _ = _step(m, "interbyte", "k")
    assert data == b"k", f"raw VMIN=2 VTIME=3 with one byte: read {data!r}"
    # cfmakeraw: ^C is data (no ISIG), CR stays CR (no ICRNL).
    data, _ = _step(m, "makeraw-intr", "\x03")
    assert data == b"\x03", f"cfmakeraw: ^C read as {data!r}"
    data, _ = _step(m, "makeraw-cr", "\r")
    assert data == b"\r", f"cfmakeraw: CR read as {data!r}"
    _done(m, "raw")


def test_eof_at_line_start(t):
    m = _boot(t)
    _scenario(m, "eof")
    data, _ = _step(m, "alone", "\x04")
    assert data == b"", f"^D at the start of a line: read {data!r}, expected end of file"
    a = _word()
    data, _ = _step(m, "after", a + "\x04")
    assert data == a.encode(), f"^D after text: read {data!r}, expected the text alone"
    data, _ = _step(m, "next", "x\n")
    assert data == b"x\n", f"the line after ^D: read {data!r}"
    _done(m, "eof")


def test_ctrl_c_and_ctrl_backslash_signal_the_foreground_group(t):
    m = _boot(t)
    _scenario(m, "sigint")
    # A child catching SIGINT: its read fails with EINTR and the partial line is flushed.
    _ready(m, "interrupted")
    m.write("partial\x03")
    data, err, _ = _got(m, "interrupted")
    assert data is None and err == EINTR, \
        f"read interrupted by ^C returned {data!r} (errno {err}), expected EINTR"
    caught = m.expect(re.compile(r"TT STATUS handler caught (\d+)\n"), STEP_TIMEOUT)
    assert int(caught.group(1)) == SIGINT, f"handler caught signal {caught.group(1)}"
    after = _word()
    data, _ = _step(m, "after", after + "\n")
    assert data == (after + "\n").encode(), \
        f"after ^C the read returned {data!r}: the interrupted input was not discarded"
    assert _status(m, "caught") == "exited 42"
    # A child with the default action dies of SIGINT; process 1 (another group) lives on.
    _ready(m, "victim")
    m.write("\x03")
    assert _status(m, "intr") == f"signaled {SIGINT}"
    _ready(m, "victim")
    m.write("\x1c")
    assert _status(m, "quit") == f"signaled {SIGQUIT}"
    _done(m, "sigint")


def test_ctrl_z_stops_the_foreground_job(t):
    m = _boot(t)
    _scenario(m, "tstp")
    _ready(m, "stopme")
    m.write("\x1a")
    assert _status(m, "stop") == f"stopped {SIGTSTP}"
    # Continued, the child's read starts again and gets the next line.
    _ready(m, "cont")
    m.write("go\n")
    data, _, _ = _got(m, "stopme")
    assert data == b"go\n", f"after SIGCONT the read returned {data!r}"
    assert _status(m, "end") == "exited 7"
    _done(m, "tstp")


def test_background_read_gets_sigttin(t):
    m = _boot(t)
    _scenario(m, "ttin")
    _ready(m, "background")
    assert _status(m, "stop") == f"stopped {SIGTTIN}"
    # Brought to the foreground and continued, it reads what is typed now.
    m.write("fg\n")
    data, _, _ = _got(m, "background")
    assert data == b"fg\n", f"the job brought to the foreground read {data!r}"
    assert _status(m, "end") == "exited 5"
    _done(m, "ttin")


def test_window_size_round_trip(t):
    m = _boot(t)
    _scenario(m, "winsz")
    rows, cols = 20 + secrets.randbelow(80), 40 + secrets.randbelow(200)
    _ready(m, "size")
    m.write(f"{rows} {cols}\n")
    found = m.expect(re.compile(r"TT WINSZ rows=(\d+) cols=(\d+) sigwinch=(\d+)\n"),
                     STEP_TIMEOUT)
    assert (int(found.group(1)), int(found.group(2))) == (rows, cols), \
        f"TIOCSWINSZ {rows}x{cols} read back as {found.group(1)}x{found.group(2)}"
    assert int(found.group(3)) == SIGWINCH, \
        f"the foreground group got signal {found.group(3)}, expected SIGWINCH"
    _done(m, "winsz")
