"""Deliberate CPU exceptions in the kernel produce a useful crash dump.

`ktest=crash:<kind>` makes the kernel call ktest_crash_<kind>(), which faults
on purpose. The dump must start with a `PANIC (cpu N):` line naming the exception,
show the registers, and carry a symbolized backtrace whose innermost frame
(#0) is that very function, inside the higher-half kernel. Then the guest
powers off reporting failure (QEMU status 3).
"""

import re

from harness import EXIT_GUEST_FAILED, adventos

# What the PANIC line may call each exception: Intel's name or its mnemonic.
EXCEPTION_NAMES = {
    "page_fault": r"page.?fault|#PF",
    "divide_error": r"divid|#DE",
    "invalid_opcode": r"invalid.?opcode|#UD",
    "general_protection": r"general.?protection|#GP",
}
EIP = re.compile(r"\beip\b\W{0,3}(?:0x)?[0-9a-f]{8}", re.IGNORECASE)


def _check_crash(t, kind):
    m = t.machine(cmdline=f"ktest=crash:{kind}")
    m.expect(adventos.PANIC, adventos.BOOT_TIMEOUT)
    status = m.wait_exit(adventos.PANIC_GRACE + 20)
    out = m.output()
    dump = out[adventos.PANIC.search(out).start():]
    t.note(f"--- crash dump ---\n{dump.rstrip()}")

    panic_line = dump.splitlines()[0]
    assert re.search(EXCEPTION_NAMES[kind], panic_line, re.IGNORECASE), \
        f"'{panic_line}' does not name the {kind.replace('_', ' ')} exception"
    assert EIP.search(dump), "no EIP register value in the dump"
    frames = adventos.backtrace(dump)
    assert frames, "no backtrace lines ('  #<i> 0x<addr> <function>+0x<off>') in the dump"
    index, addr, function, _ = frames[0]
    assert index == 0, f"the backtrace starts at #{index}, not #0"
    assert function == f"ktest_crash_{kind}", \
        f"frame #0 is {function}, expected ktest_crash_{kind}"
    assert addr >= adventos.KERNEL_BASE, f"frame #0 address {addr:#x} is not in the kernel"
    assert status == EXIT_GUEST_FAILED, \
        f"QEMU exited with {status} after the panic, expected {EXIT_GUEST_FAILED}"


def test_page_fault(t):
    _check_crash(t, "page_fault")


def test_divide_error(t):
    _check_crash(t, "divide_error")


def test_invalid_opcode(t):
    _check_crash(t, "invalid_opcode")


def test_general_protection(t):
    _check_crash(t, "general_protection")


STOPPED = re.compile(r"^cpu (\d+) stopped at eip 0x[0-9a-f]+ \((kernel|user) mode\)$", re.MULTILINE)
PANIC_CPU = re.compile(r"^PANIC \(cpu (\d+)\)", re.MULTILINE)


def test_panic_stops_the_other_cpu(t):
    """On two CPUs a panic stops the other CPU, which says where it was, with a backtrace."""
    m = t.machine(cmdline="ktest=crash:page_fault", smp=2)
    m.expect(adventos.PANIC, adventos.BOOT_TIMEOUT)
    status = m.wait_exit(adventos.PANIC_GRACE + 20)
    out = m.output()
    dump = out[adventos.PANIC.search(out).start():]
    t.note(f"--- crash dump ---\n{dump.rstrip()}")
    panicked = PANIC_CPU.search(dump).group(1)
    stopped = STOPPED.search(dump)
    assert stopped, "no 'cpu N stopped at eip ...' line from the other CPU"
    assert stopped.group(1) != panicked, \
        f"cpu {panicked} panicked, and the stopped line names the same cpu"
    if stopped.group(2) == "kernel":
        after = dump[stopped.end():]
        assert adventos.backtrace(after), "the stopped CPU printed no backtrace"
    assert status == EXIT_GUEST_FAILED, \
        f"QEMU exited with {status} after the panic, expected {EXIT_GUEST_FAILED}"
