"""Boot AdventOS in QEMU and check what the kernel reports about the machine.

The banner, the usable memory figure and the clock are read from COM1 (see
tests/harness/adventos.py for the exact lines). The clock is checked against a
date we set through QEMU's RTC, so the test knows the right answer without
trusting the host's clock or the kernel's.
"""

import datetime

from harness import adventos

# The RTC starts here: a leap day, late in the day, in a year past 2000, so a
# wrong BCD/binary, 12/24-hour or century decoding shows up in the result.
RTC_BASE = datetime.datetime(2028, 2, 29, 21, 47, 13)
CLOCK_SLACK = datetime.timedelta(minutes=2)   # the RTC runs while the kernel boots


def test_banner(t):
    """A plain boot prints the banner, memory and clock lines, then ready."""
    m = t.machine()
    log = adventos.boot_log(m)
    assert adventos.MEM.search(log), f"no 'mem: <N> KiB usable' line before ready:\n{log}"
    assert adventos.CLOCK.search(log), f"no 'clock: ... UTC' line before ready:\n{log}"
    assert "PANIC" not in log, f"panic text during boot:\n{log}"


def test_clock_reads_rtc(t):
    """The clock line shows the time QEMU's RTC was started at (plus boot time)."""
    start = RTC_BASE.strftime("%Y-%m-%dT%H:%M:%S")
    m = t.machine(extra_args=["-rtc", f"base={start},clock=vm"])
    log = adventos.boot_log(m)
    found = adventos.CLOCK.search(log)
    assert found, f"no 'clock: ... UTC' line before ready:\n{log}"
    shown = datetime.datetime.strptime(found.group(1), "%Y-%m-%d %H:%M:%S")
    assert RTC_BASE <= shown <= RTC_BASE + CLOCK_SLACK, \
        f"clock shows {shown}, the RTC was set to {RTC_BASE} (allowing {CLOCK_SLACK})"
