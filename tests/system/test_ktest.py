"""The in-kernel unit tests (kernel/test/), run by booting with `ktest`.

Every `RESULT ... kernel.<name>` line the kernel prints becomes one result of
this run. The run is only trusted when its parts agree: the closing
`KTEST DONE <p> passed, <f> failed` line must match the result lines seen, and
QEMU's exit status must match the verdict (1 = all passed, 3 = a failure).
A panic or a hang before DONE fails the run, showing the dump or the last
output.
"""

import re

from harness import adventfs
from harness import EXIT_GUEST_FAILED, EXIT_GUEST_PASSED, FAIL, PASS, SKIP, adventos, \
    parse_result_line, reports, timeout
from harness.results import is_glob

KTEST_TIMEOUT = 240.0
DONE_OR_PANIC = re.compile(f"{adventos.KTEST_DONE.pattern}|{adventos.PANIC.pattern}",
                           re.MULTILINE)


def run_ktest(m, limit=KTEST_TIMEOUT, t=None):
    """Wait for the end of a ktest run; return (output up to DONE, done match).

    With t, every result line is reported as a sub-result as well, including
    those printed before a panic. Fails with the dump when the kernel panics.
    """
    text = m.read_until(DONE_OR_PANIC, limit)
    if t is not None:
        for r in map(parse_result_line, text.splitlines()):
            if r:
                t.add(r)
    done = adventos.KTEST_DONE.search(text)
    if not done:
        raise adventos.panicked(m, "during ktest")
    return text, done


def ktest_cmdline(t):
    """`ktest`, or `ktest=<text>` (the kernel runs the tests whose names contain
    text) when the run's filter is a plain `kernel.<text>`."""
    p = t.pattern
    if p and not t.by_name and p.startswith("kernel.") and not is_glob(p) and len(p) > 7:
        return f"ktest={p[len('kernel.'):]}"
    return "ktest"


def expected_status(failed):
    return EXIT_GUEST_PASSED if failed == 0 else EXIT_GUEST_FAILED


@reports("kernel.")
@timeout(KTEST_TIMEOUT + 60)
def test_kernel_units(t):
    """Every kernel unit test passes, and the summary and exit status agree."""
    cmdline = ktest_cmdline(t)
    # The file-system tests work on a fresh AdventFS scratch disk (hdb); afterwards
    # the kernel unmounts it and fsck must find it clean.
    scratch = adventfs.make_fs(t.build, f"{adventfs.scratch_dir(t)}/scratch.img")
    m = t.machine(cmdline=cmdline, extra_args=adventfs.hdb_args(scratch))
    text, done = run_ktest(m, t=t)
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
    t.result("kernel.scratch_fs_clean_after_tests", code == 0,
             f"fsck.adventfs -n exited {code}: {out[-500:]}")


def test_unknown_option_reported(t):
    """An unknown command-line option is named on the console and ignored."""
    m = t.machine(cmdline="ktest=cmdline frobnicate=1")
    text, done = run_ktest(m)
    assert "cmdline: unknown option 'frobnicate=1'" in text, \
        "no \"cmdline: unknown option 'frobnicate=1'\" line before KTEST DONE"
    status = m.wait_exit(30)
    failed = int(done.group(2))
    assert status == expected_status(failed), \
        f"the ktest run ended with QEMU status {status}, expected {expected_status(failed)}"


@timeout(KTEST_TIMEOUT + 60)
def test_fs_tests_with_1k_blocks(t):
    """The file-system ktests again on a scratch disk with 1024-byte blocks
    (deeper block maps: the 1 GiB sparse file needs the triple-indirect block)."""
    scratch = adventfs.make_fs(t.build, f"{adventfs.scratch_dir(t)}/scratch1k.img",
                               block_size=1024)
    m = t.machine(cmdline="ktest=fs_", extra_args=adventfs.hdb_args(scratch))
    text, done = run_ktest(m)
    failures = [r for r in map(parse_result_line, text.splitlines()) if r and r.status == FAIL]
    assert int(done.group(1)) >= 10, f"only {done.group(1)} fs tests ran"
    assert not failures, "; ".join(f"{r.name}: {r.reason}" for r in failures[:3])
    assert m.wait_exit(30) == EXIT_GUEST_PASSED
    code, out = adventfs.fsck(t.build, scratch)
    assert code == 0, f"fsck.adventfs -n exited {code}: {out[-500:]}"
