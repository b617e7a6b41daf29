"""The stress suite (tests/user/test_smp_stress.c) on two CPUs, on a writable
copy of the disk, followed by fsck of the root file system.

The selftest runs it too, but on a throw-away snapshot; here the processes
that write files at once leave their traces on the real image, and
fsck.adventfs -n must find the root file system clean after the guest powered
off. A deadlock or lost wakeup shows up as the time limit running out.
"""

import os
import re
import shutil

from harness import EXIT_GUEST_PASSED, FAIL, PASS, adventfs, adventos, parse_result_line, \
    reports, timeout

DONE = re.compile(r"SELFTEST DONE (\d+) passed, (\d+) failed")
LIMIT = 420.0


@reports("smp2.stress.")
@timeout(LIMIT + 120)
def test_stress_on_two_cpus_then_fsck(t):
    scratch = adventfs.scratch_dir(t)
    image = os.path.join(scratch, "os.img")
    shutil.copyfile(t.image, image)
    m = t.machine(image=image, snapshot=False, smp=2, cmdline="selftest=smp_stress")
    text = m.read_until(re.compile(f"{DONE.pattern}|{adventos.PANIC.pattern}"), LIMIT)
    results = [r for r in map(parse_result_line, text.splitlines()) if r]
    for r in results:
        t.result("smp2.stress." + r.name.split(".")[-1], r.status == PASS, r.reason)
    done = DONE.search(text)
    if not done:
        raise adventos.panicked(m, "during the stress suite on two CPUs")
    assert results and all(r.status != FAIL for r in results), "a stress case failed"
    status = m.wait_exit(60)
    assert status == EXIT_GUEST_PASSED, f"QEMU exited with {status}, expected {EXIT_GUEST_PASSED}"
    part = adventfs.extract_root_partition(image, os.path.join(scratch, "root.img"))
    code, out = adventfs.fsck(t.build, part)
    t.result("smp2.stress.root_fs_clean_afterwards", code == 0,
             f"fsck.adventfs -n of the root partition exited {code}:\n{out[-1500:]}")
