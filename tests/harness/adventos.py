"""What the AdventOS kernel prints on COM1, as patterns, and helpers that wait for it.

The boot protocol (normal mode):
    AdventOS ...                      banner, first line of the kernel
    mem: <N> KiB usable               sum of the E820 type-1 regions
    clock: YYYY-MM-DD HH:MM:SS UTC    from the RTC
    adventos: ready                   boot finished
    kmon>                             the kernel monitor's prompt

With `ktest` on the command line: `RESULT ...` lines (tests/harness/results.py),
then `KTEST DONE <p> passed, <f> failed`, then power-off through isa-debug-exit.

A panic prints `PANIC (cpu N): <what> ...`, registers, and a backtrace of lines
`  #<i> 0x<addr> <function>+0x<off>`, then powers off with status 3.
"""

import re

BANNER = re.compile(r"^AdventOS\b.*$", re.MULTILINE)
READY = re.compile(r"^adventos: ready$", re.MULTILINE)
MEM = re.compile(r"^mem: (\d+) KiB usable\b.*$", re.MULTILINE)
CLOCK = re.compile(r"^clock: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC$", re.MULTILINE)
PROMPT = re.compile(r"kmon> ")
PANIC = re.compile(r"^PANIC \(cpu \d+\): .*$", re.MULTILINE)
KTEST_DONE = re.compile(r"^KTEST DONE (\d+) passed, (\d+) failed$", re.MULTILINE)
FRAME = re.compile(r"^\s*#(\d+) 0x([0-9a-fA-F]+) ([A-Za-z_.$][\w.$]*)\+0x([0-9a-fA-F]+)\s*$",
                   re.MULTILINE)

BOOT_TIMEOUT = 60.0   # TCG on a busy machine; a normal boot takes a second or two
PANIC_GRACE = 10.0    # time for the rest of a dump after its PANIC line

KERNEL_BASE = 0xC0000000


def boot_log(m, timeout=BOOT_TIMEOUT):
    """Wait for the banner and then `adventos: ready`; return the text between.

    A panic on the way fails at once with the dump instead of waiting out the
    timeout.
    """
    first = m.expect(re.compile(f"{BANNER.pattern}|{PANIC.pattern}", re.MULTILINE), timeout)
    if first.group(0).startswith("PANIC "):
        raise panicked(m, "during boot")
    rest = m.read_until(re.compile(f"{READY.pattern}|{PANIC.pattern}", re.MULTILINE), timeout)
    if PANIC.search(rest):
        raise panicked(m, "during boot")
    return first.group(0) + rest


def panicked(m, when):
    """An AssertionError naming the panic, with the whole dump below."""
    dump = panic_dump(m)
    return AssertionError(f"kernel panicked {when}: {dump.splitlines()[0]}\n{dump}")


def panic_dump(m):
    """The output from the first PANIC line on, after giving the dump time to finish."""
    try:
        m.wait_exit(PANIC_GRACE)
    except Exception:  # still running: show what there is
        pass
    out = m.output()
    at = PANIC.search(out)
    return out[at.start():] if at else out[-2000:]


def backtrace(text):
    """[(index, address, function, offset)] for each backtrace line in text."""
    return [(int(i), int(a, 16), fn, int(off, 16)) for i, a, fn, off in FRAME.findall(text)]


# ---- logging in on the serial console (user/login.c, user/sh/) ----

LOGIN_PROMPT = re.compile(r"login: ")
PASSWORD_PROMPT = re.compile(r"Password: ")
LOGIN_TIMEOUT = 120.0  # from power-on: kernel, init, /etc/rc, login


def shell_prompt(user):
    """The interim shell's default prompt for user: `user@host:dir# ` (root) or `$ `."""
    end = "#" if user == "root" else r"\$"
    return re.compile(rf"{re.escape(user)}@[^\s:]+:[^\n]*{end} ")


def login(m, user, password, timeout=LOGIN_TIMEOUT):
    """Wait for `login: `, log in as user; return the shell prompt pattern (after it appeared)."""
    m.expect(LOGIN_PROMPT, timeout)
    m.write(user + "\n")
    m.expect(PASSWORD_PROMPT, 30)
    m.write(password + "\n")
    prompt = shell_prompt(user)
    m.expect(prompt, 60)
    return prompt
