"""The user-space test suite: boot with `selftest`; init runs every program in
/tests (tests/user/), each printing `RESULT PASS|FAIL user.<test>.<case>`
lines, then prints `SELFTEST DONE <p> passed, <f> failed` and powers off with
status 0 when all passed (QEMU exit status 1) or 1 otherwise (status 3).

Every user.* result is reported; the summary must agree with the lines seen
and the exit status with the summary. A kernel panic or a hang fails the run.
"""

import dataclasses
import re

from harness import EXIT_GUEST_FAILED, EXIT_GUEST_PASSED, FAIL, PASS, adventos, \
    parse_result_line, reports, timeout

DONE = re.compile(r"SELFTEST DONE (\d+) passed, (\d+) failed")
LIMIT = 600.0


def run_selftest(t, smp, prefix=""):
    """Boot with `selftest` on smp CPUs and check the run; results get prefix."""
    m = t.machine(cmdline="selftest", smp=smp)
    text = m.read_until(re.compile(f"{DONE.pattern}|{adventos.PANIC.pattern}"), LIMIT)
    results = [r for r in map(parse_result_line, text.splitlines()) if r]
    for r in results:
        t.add(dataclasses.replace(r, name=prefix + r.name))
    done = DONE.search(text)
    if not done:
        raise adventos.panicked(m, "during the user-space tests")
    passed = sum(r.status == PASS for r in results)
    failed = sum(r.status == FAIL for r in results)
    assert results, "the self-test ran no user test at all"
    assert (int(done.group(1)), int(done.group(2))) == (passed, failed), \
        f"'{done.group(0)}' disagrees with the result lines: {passed} passed, {failed} failed"
    status = m.wait_exit(60)
    want = EXIT_GUEST_PASSED if failed == 0 else EXIT_GUEST_FAILED
    assert status == want, f"QEMU exited with {status} after {failed} failures, expected {want}"


@reports("user.")
@timeout(LIMIT + 60)
def test_user_programs(t):
    """Every user-space test program passes on one CPU, and the summary and exit status agree."""
    run_selftest(t, smp=1)


@reports("smp2.user.")
@timeout(LIMIT + 60)
def test_user_programs_on_two_cpus(t):
    """The same suite on two CPUs (docs/smp.md); results are named smp2.user.*."""
    run_selftest(t, smp=2, prefix="smp2.")
