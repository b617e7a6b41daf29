"""The kernel monitor on the serial console answers typed commands.

After `adventos: ready` (without ktest) the kernel reads commands on COM1
after the prompt `kmon> `. The checks type real commands and look for their
effects: an echo returns a random word we chose, uptime grows while we wait
(proof that the timer interrupt runs, not a measure of its speed), and
poweroff ends QEMU with the success status.
"""

import re
import secrets
import time

from harness import EXIT_GUEST_PASSED, adventos

UPTIME = re.compile(r"^uptime: (\d+) ms$", re.MULTILINE)
COMMAND_TIMEOUT = 30.0


def _monitor(t, smp=1):
    """Boot to the kmon prompt."""
    m = t.machine(cmdline="init=none", smp=smp)  # no user space: the kernel monitor has the console
    adventos.boot_log(m)
    m.expect(adventos.PROMPT, COMMAND_TIMEOUT)
    return m


def _command(m, line):
    """Type a command; return everything it printed up to the next prompt."""
    m.write(line + "\n")
    return m.read_until(adventos.PROMPT, COMMAND_TIMEOUT)


def test_echo(t):
    m = _monitor(t)
    word = f"hello-{secrets.token_hex(4)}"
    out = _command(m, f"echo {word}")
    # The typed line comes back as "echo hello-..."; the answer is the word alone.
    assert re.search(rf"^{word}$", out, re.MULTILINE), \
        f"'echo {word}' did not print {word} on a line of its own:\n{out}"


def test_uptime_advances(t):
    m = _monitor(t)
    first = UPTIME.search(_command(m, "uptime"))
    assert first, "'uptime' printed no 'uptime: <ms> ms' line"
    time.sleep(1.0)
    second = UPTIME.search(_command(m, "uptime"))
    assert second, "the second 'uptime' printed no 'uptime: <ms> ms' line"
    a, b = int(first.group(1)), int(second.group(1))
    assert b - a >= 500, f"uptime went from {a} ms to {b} ms over a 1 s pause"


def test_help_lists_commands(t):
    m = _monitor(t)
    out = _command(m, "help")
    # Drop the echoed command line; what follows is the help text.
    text = out.split("\n", 1)[1] if "\n" in out else ""
    missing = [c for c in ("mem", "uptime", "echo", "poweroff") if c not in text]
    assert not missing, f"'help' does not mention {missing}:\n{out}"


def test_poweroff(t):
    m = _monitor(t)
    m.write("poweroff\n")
    status = m.wait_exit(COMMAND_TIMEOUT)
    assert status == EXIT_GUEST_PASSED, \
        f"QEMU exited with {status} after poweroff, expected {EXIT_GUEST_PASSED}"


CPU_LINE = re.compile(r"^cpu (\d+): apic (\d+), (online|offline), (\d+) device irqs, "
                      r"(\d+) apic timer, (\d+) ipis, (\d+) context switches$", re.MULTILINE)


def test_cpus_on_two_cpus(t):
    """`cpus` lists both CPUs online, each taking its own timer ticks.

    With only the monitor running, the second CPU may have nothing to switch
    to; the boot CPU has switched (to its idle task at least)."""
    m = _monitor(t, smp=2)
    # On a loaded host the counters may still be at zero just after the
    # prompt: ask again until every counter has moved (or the deadline).
    deadline = time.monotonic() + 30
    while True:
        rows = CPU_LINE.findall(_command(m, "cpus"))
        settled = len(rows) == 2 and all(int(r[4]) > 0 for r in rows) and \
            int(rows[0][6]) > 0 and int(rows[0][3]) > 0
        if settled or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert [r[0] for r in rows] == ["0", "1"], f"'cpus' did not list cpus 0 and 1: {rows}"
    for cpu, apic, state, irqs, timer, ipis, switches in rows:
        assert state == "online", f"cpu {cpu} is {state}"
        assert int(timer) > 0, f"cpu {cpu} took no local APIC timer interrupt"
    assert int(rows[0][6]) > 0, "cpu 0 never switched tasks"
    assert rows[0][1] != rows[1][1], "both CPUs report the same local APIC id"
    assert int(rows[0][3]) > 0, "cpu 0 took no device interrupt (they are routed to it)"
