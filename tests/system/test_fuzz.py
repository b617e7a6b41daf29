"""The system-call fuzzer: a minute of random system calls from unprivileged
processes must leave the kernel running and the root file system consistent.

The guest boots a writable copy of the disk image with /tests/bin/sysfuzz
(tests/user/programs/sysfuzz.c) as process 1. It stays root, and keeps four
children making random calls with random arguments as uid 1000 in /tmp/fuzz,
restarting them when they die and killing them when they block. What must
hold:
  - no kernel panic, at any time;
  - the fuzzer reaches `SYSFUZZ DONE` (the kernel never hung) having made
    calls, with no child left that SIGKILL could not end (stuck=0);
  - afterwards, root can still fork and exec (`SYSFUZZ ALIVE ok`), and the
    guest powers off reporting success;
  - fsck.adventfs -n finds the root partition clean.

The machine has two CPUs, so that the calls of different processes really
run at the same time. SYSFUZZ_SECONDS (default 60) sets the fuzzing time,
SYSFUZZ_SMP (default 2) the CPUs, and SYSFUZZ_SEED the seed (default: a random
one, printed in every failure, so that a run can be repeated:
`SYSFUZZ_SEED=<seed> make test T=system.fuzz`). The guest's console
log and the image are kept in build/test-logs/ and build/test-scratch/.
"""

import os
import random
import re
import shutil

from harness import EXIT_GUEST_PASSED, adventfs, adventos, timeout

SECONDS = int(os.environ.get("SYSFUZZ_SECONDS", "60"))
CPUS = int(os.environ.get("SYSFUZZ_SMP", "2"))  # two CPUs: calls race each other
DONE = re.compile(r"^SYSFUZZ DONE calls=(\d+) children=(\d+) stuck=(\d+)$", re.MULTILINE)
ALIVE = re.compile(r"^SYSFUZZ ALIVE (\w+)$", re.MULTILINE)
SETUP_FAILED = re.compile(r"^SYSFUZZ SETUP FAILED.*$", re.MULTILINE)
STUCK = re.compile(r"^SYSFUZZ STUCK.*$", re.MULTILINE)


@timeout(SECONDS + 240)
def test_random_syscalls_as_a_user(t):
    seed = int(os.environ.get("SYSFUZZ_SEED", str(random.randrange(1, 1 << 31))))
    scratch = adventfs.scratch_dir(t)
    image = os.path.join(scratch, "os.img")
    shutil.copyfile(t.image, image)
    t.note(f"SYSFUZZ_SEED={seed} SYSFUZZ_SECONDS={SECONDS} SYSFUZZ_SMP={CPUS}; "
           f"image kept in {scratch}")

    m = t.machine(image=image, snapshot=False, smp=CPUS,
                  cmdline=f"init=/tests/bin/sysfuzz selftest={SECONDS}:{seed}")
    end = re.compile(f"{ALIVE.pattern}|{SETUP_FAILED.pattern}|{adventos.PANIC.pattern}",
                     re.MULTILINE)
    # Boot, the fuzzing itself, up to 10 s per child that will not die, and the check.
    text = m.read_until(end, SECONDS + 150)
    if adventos.PANIC.search(text):
        raise adventos.panicked(m, f"under the fuzzer (seed {seed})")
    setup = SETUP_FAILED.search(text)
    assert not setup, f"the fuzzer could not start: {setup.group(0)}"
    done = DONE.search(text)
    assert done, f"no SYSFUZZ DONE line (seed {seed}):\n{text[-2000:]}"
    calls, children, stuck = (int(x) for x in done.groups())
    assert calls > 0 and children > 0, f"the fuzzer made no calls: {done.group(0)}"
    assert stuck == 0, \
        f"{stuck} fuzzing processes did not die after SIGKILL (seed {seed}):\n" + \
        "\n".join(STUCK.findall(text))
    assert ALIVE.search(text).group(1) == "ok", \
        f"after fuzzing, root could not fork and exec /bin/hello (seed {seed})"

    status = m.wait_exit(60)
    late = adventos.PANIC.search(m.output())
    assert not late, f"the kernel panicked after the fuzzer finished: {late.group(0)}"
    assert status == EXIT_GUEST_PASSED, \
        f"QEMU exited with {status}, expected {EXIT_GUEST_PASSED} (power-off with success)"

    part = adventfs.extract_root_partition(image, os.path.join(scratch, "root.img"))
    code, out = adventfs.fsck(t.build, part)
    assert code == 0, f"fsck.adventfs -n of the root partition after fuzzing exited {code} " \
                      f"(seed {seed}):\n{out[-1500:]}"


test_random_syscalls_as_a_user.cost = SECONDS + 30  # start it early: it is among the longest
