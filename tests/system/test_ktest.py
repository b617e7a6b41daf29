"""The in-kernel unit tests (kernel/test/), run by booting with `ktest`.

Every `RESULT ... kernel.<name>` line the kernel prints becomes one result of
this run. The run is only trusted when its parts agree: the closing
`KTEST DONE <p> passed, <f> failed` line must match the result lines seen, and
QEMU's exit status must match the verdict (1 = all passed, 3 = a failure).
A panic or a hang before DONE fails the run, showing the dump or the last
output.
"""

import dataclasses
import re

from harness import adventfs
from harness import EXIT_GUEST_FAILED, EXIT_GUEST_PASSED, FAIL, PASS, SKIP, adventos, \
    parse_result_line, reports, timeout
from harness.results import is_glob

KTEST_TIMEOUT = 240.0
DONE_OR_PANIC = re.compile(f"{adventos.KTEST_DONE.pattern}|{adventos.PANIC.pattern}",
                           re.MULTILINE)


def run_ktest(m, limit=KTEST_TIMEOUT, t=None, prefix=""):
    """Wait for the end of a ktest run; return (output up to DONE, done match).

    With t, every result line is reported as a sub-result as well (its name
    after prefix), including those printed before a panic. Fails with the dump
    when the kernel panics.
    """
    text = m.read_until(DONE_OR_PANIC, limit)
    if t is not None:
        for r in map(parse_result_line, text.splitlines()):
            if r:
                t.add(dataclasses.replace(r, name=prefix + r.name))
    done = adventos.KTEST_DONE.search(text)
    if not done:
        raise adventos.panicked(m, "during ktest")
    return text, done


def ktest_cmdline(t):
    """`ktest`, or `ktest=<text>` (the kernel runs the tests whose names contain
    text) when the run's filter is a plain `kernel.<text>`."""
    p = t.pattern
    if p and p.startswith("smp2."):
        p = p[len("smp2."):]
    if p and not t.by_name and p.startswith("kernel.") and not is_glob(p) and len(p) > 7:
        return f"ktest={p[len('kernel.'):]}"
    return "ktest"


def expected_status(failed):
    return EXIT_GUEST_PASSED if failed == 0 else EXIT_GUEST_FAILED


def run_kernel_units(t, smp, prefix=""):
    """Boot with `ktest` on smp CPUs, check the run, fsck the scratch disk."""
    cmdline = ktest_cmdline(t)
    # The file-system tests work on a fresh AdventFS scratch disk (hdb); afterwards
    # the kernel unmounts it and fsck must find it clean.
    scratch = adventfs.make_fs(t.build, f"{adventfs.scratch_dir(t)}/scratch.img")
    m = t.machine(cmdline=cmdline, smp=smp, extra_args=adventfs.hdb_args(scratch))
    text, done = run_ktest(m, t=t, prefix=prefix)
    results = [r for r in map(parse_result_line, text.splitlines()) if r]
    passed = sum(r.status == PASS for r in results)
    failed = sum(r.status == FAIL for r in results)
    skipped = sum(r.status == SKIP for r in results)
    said = (int(done.group(1)), int(done.group(2)))

    assert results, f"'{cmdline}' ran no kernel test at all"
    assert said == (passed, failed), \
        f"'{done.group(0)}' disagrees with the result lines: {passed} passed, " \
        f"{failed} failed ({skipped} skipped)"
    status = m.wait_exit(30)
    assert status == expected_status(failed), \
        f"QEMU exited with {status} after {failed} failed tests, " \
        f"expected {expected_status(failed)}"
    code, out = adventfs.fsck(t.build, scratch)
    t.result(prefix + "kernel.scratch_fs_clean_after_tests", code == 0,
             f"fsck.adventfs -n exited {code}: {out[-500:]}")


@reports("kernel.")
@timeout(KTEST_TIMEOUT + 60)
def test_kernel_units(t):
    """Every kernel unit test passes on one CPU, and the summary and exit status agree."""
    run_kernel_units(t, smp=1)


@reports("smp2.kernel.")
@timeout(KTEST_TIMEOUT + 60)
def test_kernel_units_on_two_cpus(t):
    """The same on two CPUs; results are named smp2.kernel.*."""
    run_kernel_units(t, smp=2, prefix="smp2.")
