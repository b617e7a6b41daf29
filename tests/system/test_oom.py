"""Out of memory: a process that takes memory without end is killed, and the
system lives on.

The guest is a 48 MiB machine running /tests/bin/oom (tests/user/programs/
oom.c) as process 1. It forks a hog that grows its break and touches every
page until no free page is left, then one that does the same with anonymous
mappings, then one whose mappings read() from /dev/zero fills (the kernel's
copy to user space meets the shortage first). What must hold, each time: the kernel says on the console that it
is out of memory and kills the hog, and nobody else, with SIGKILL (the
parent sees WIFSIGNALED with signal 9), and does not panic; afterwards the
driver can still fork, exec /bin/hello, and allocate and check 8 MiB. The
guest then powers off reporting success.

A second test holds memory exhausted (without the killer's help) while the
file system commits: see test_sync_while_a_process_holds_all_memory.
"""

import re

from harness import EXIT_GUEST_PASSED, adventos, timeout

MEM_MIB = 48
SIGKILL = 9
KINDS = ("brk", "mmap", "read")
DONE = re.compile(r"^OOM DONE (ok|failed)$", re.MULTILINE)
ROUND = re.compile(r"^OOM ROUND (\w+)$", re.MULTILINE)
HOG = re.compile(r"^OOM HOG pid=(\d+)$", re.MULTILINE)
RESULT = re.compile(r"^OOM RESULT (\w+): (.*)$", re.MULTILINE)
AFTER = re.compile(r"^OOM AFTER ([\w+]+): (.*)$", re.MULTILINE)
KERNEL_OOM = re.compile(r"^.*out of memory.*$", re.MULTILINE | re.IGNORECASE)
# The killer's line (docs/processes.md): "out of memory: killed process N (name), ..."
KILLED = re.compile(r"out of memory: killed process (\d+)\b")


@timeout(240)
def test_hogs_are_killed_and_the_system_lives_on(t):
    m = t.machine(mem=MEM_MIB, cmdline="init=/tests/bin/oom")
    text = m.read_until(re.compile(f"{DONE.pattern}|{adventos.PANIC.pattern}", re.MULTILINE),
                        180)
    if adventos.PANIC.search(text):
        raise adventos.panicked(m, "while a process ran out of memory")

    rounds = list(ROUND.finditer(text))
    assert [r.group(1) for r in rounds] == list(KINDS), \
        f"expected rounds {KINDS}, saw {[r.group(1) for r in rounds]}:\n{text[-2000:]}"
    for i, r in enumerate(rounds):
        kind = r.group(1)
        end = rounds[i + 1].start() if i + 1 < len(rounds) else len(text)
        part = text[r.end():end]
        result = RESULT.search(part)
        assert result and result.group(1) == kind, f"round {kind}: no result line:\n{part[-1500:]}"
        # The kernel's line comes before the parent learns of the death.
        before = part[:result.start()]
        hog = HOG.search(before)
        assert hog, f"round {kind}: the driver did not name the hog:\n{before[-1500:]}"
        assert KERNEL_OOM.search(before), \
            f"round {kind}: the kernel printed no 'out of memory' line before the hog " \
            f"ended ({result.group(2)}):\n{before[-1500:]}"
        assert result.group(2) == f"killed by signal {SIGKILL}", \
            f"round {kind}: the hog was {result.group(2)}, expected killed by signal {SIGKILL}"
        # The hog holds nearly all the memory: the killer must choose it, nobody else.
        victims = KILLED.findall(before)
        assert victims and set(victims) == {hog.group(1)}, \
            f"round {kind}: the kernel killed process(es) {victims}, expected the hog, " \
            f"{hog.group(1)}, alone:\n" + "\n".join(KERNEL_OOM.findall(before))

    after = dict(AFTER.findall(text))
    for what in ("fork+exec", "memory"):
        assert after.get(what) == "ok", \
            f"after the hogs, {what}: {after.get(what, 'no report')}:\n{text[-1500:]}"
    assert DONE.search(text).group(1) == "ok", f"the driver reported failure:\n{text[-1500:]}"
    status = m.wait_exit(60)
    assert status == EXIT_GUEST_PASSED, \
        f"QEMU exited with {status}, expected {EXIT_GUEST_PASSED} (guest powered off, success)"


HOLD = re.compile(r"^OOM HOLD (.*)$", re.MULTILINE)


@timeout(180)
def test_sync_while_a_process_holds_all_memory(t):
    """Memory taken through the kernel's copies (no killer), then a sync: no panic.

    /tests/bin/oom with `selftest=hold`: 20 small files are written and not
    synced, a hog takes every free page by read() from /dev/zero (the copy
    to user space fails with EFAULT when no page is left, without calling
    the out-of-memory killer) and keeps them; the driver writes one more file
    (ENOMEM is an acceptable answer) and calls sync(), which must return.
    Once the hog is killed, writing and syncing must work again.
    """
    m = t.machine(mem=MEM_MIB, cmdline="init=/tests/bin/oom selftest=hold")
    text = m.read_until(re.compile(f"{DONE.pattern}|{adventos.PANIC.pattern}", re.MULTILINE),
                        120)
    if adventos.PANIC.search(text):
        raise adventos.panicked(m, "syncing while a process held all memory")
    events = HOLD.findall(text)
    assert any(e.startswith("hog has") for e in events), \
        f"the hog never reported memory full:\n{text[-1500:]}"
    assert "synced with memory full" in events, f"sync did not return:\n{text[-1500:]}"
    assert "write and sync after: ok" in events, \
        f"writing after the hog was killed failed:\n{text[-1500:]}"
    assert DONE.search(text).group(1) == "ok", f"the driver reported failure:\n{text[-1500:]}"
    status = m.wait_exit(60)
    assert status == EXIT_GUEST_PASSED, \
        f"QEMU exited with {status}, expected {EXIT_GUEST_PASSED} (guest powered off, success)"
