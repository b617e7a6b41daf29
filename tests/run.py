#!/usr/bin/env python3
"""tests/run.py - run every AdventOS test and print one verdict (make test).

Three kinds of jobs, all optional, all selected by --filter:
  - host unit tests: each executable in BUILD/host/tests/ (tests/host/check.h);
  - fuzzers: each executable in BUILD/host/fuzz/, FUZZ_SECONDS seconds each;
  - system tests: tests/system/test_*.py, functions test_<name>(t), which boot
    BUILD/os.img in QEMU (in-kernel unit tests, crash dumps, console ...).

Jobs run on JOBS worker threads (default: the number of CPUs); the slowest
kinds start first so the run ends sooner. As each job finishes its result lines
are printed together:

    PASS <name>
    FAIL <name>: <reason>          (detail follows, indented)
    SKIP <name>: <reason>

and the last line is always `N passed, N failed` (`, N skipped` when
something was skipped). Exit status 0 only when nothing failed and at least
one test ran. See docs/testing.md.
"""

import argparse
import concurrent.futures
import os
import sys
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from harness import hostrun, qemu, system  # noqa: E402  (needs the path above)
from harness.results import FAIL, PASS, SKIP, Result  # noqa: E402


class Job:
    """One unit of work: fn() returns a list of Results; cost orders the queue."""

    def __init__(self, name, cost, fn):
        self.name = name
        self.cost = cost
        self.fn = fn


def env_number(var, default, kind=int):
    raw = os.environ.get(var, "")
    try:
        return kind(raw) if raw.strip() else default
    except ValueError:
        sys.exit(f"run.py: {var}={raw!r} is not a number")


def default_jobs():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def collect_jobs(build, pattern):
    """Every job the pattern can select, plus results of tests that failed to load."""
    jobs, early = [], []
    test_timeout = env_number("TEST_TIMEOUT", 300.0, float)

    for path in hostrun.executables(os.path.join(build, "host", "tests")):
        if hostrun.host_test_wanted(path, pattern):
            jobs.append(Job(os.path.basename(path), 1,
                            lambda p=path: hostrun.run_host_test(p, pattern, test_timeout)))

    fuzz_seconds = env_number("FUZZ_SECONDS", 30)
    for path in hostrun.executables(os.path.join(build, "host", "fuzz")):
        if hostrun.fuzzer_wanted(path, pattern):
            jobs.append(Job(hostrun.fuzz_name(path), max(fuzz_seconds, 1),
                            lambda p=path: hostrun.run_fuzzer(p, build, fuzz_seconds)))

    tests, load_failures = system.discover(os.path.join(HERE, "system"), pattern)
    early += load_failures
    for test in tests:
        if test.wanted(pattern):
            # Boots take seconds each: start them before the quick host tests.
            jobs.append(Job(test.name, getattr(test.fn, "cost", 10),
                            lambda t=test: system.run_test(t, build, pattern, test_timeout)))
    return jobs, early


class Reporter:
    """Prints results as they come (whole blocks, never interleaved) and counts them."""

    def __init__(self, out=sys.stdout):
        self.out = out
        self.results = []
        self._lock = threading.Lock()

    def report(self, results):
        with self._lock:
            for r in results:
                self.results.append(r)
                print(r.text(), file=self.out)
            self.out.flush()

    def summary(self, elapsed, jobs, why_nothing, slowest=()):
        counts = {s: sum(r.status == s for r in self.results) for s in (PASS, FAIL, SKIP)}
        for status, title in ((SKIP, "skipped"), (FAIL, "failed")):
            listed = [r for r in self.results if r.status == status]
            if listed:
                print(f"--- {title} ({len(listed)}):", file=self.out)
                for r in listed:
                    print(f"  {r.line()[len(status) + 1:]}", file=self.out)
        if not self.results:
            print(f"no tests ran: {why_nothing}", file=self.out)
        elif not counts[PASS] and not counts[FAIL]:
            print("no tests ran: every selected test was skipped", file=self.out)
        slow = ", ".join(f"{j.name} {j.seconds:.0f} s" for j in slowest)
        print(f"(took {elapsed:.1f} s with {jobs} job{'s' * (jobs != 1)}"
              + (f"; slowest: {slow}" if slow else "") + ")", file=self.out)
        line = f"{counts[PASS]} passed, {counts[FAIL]} failed"
        if counts[SKIP]:
            line += f", {counts[SKIP]} skipped"
        print(line, file=self.out)
        self.out.flush()
        # A run that passed nothing proved nothing: it fails too.
        return 0 if counts[PASS] and not counts[FAIL] else 1


def run_job(job):
    start = time.monotonic()
    try:
        results = job.fn()
    except Exception:  # a harness bug fails that job, not the run
        results = [Result(job.name, FAIL, "the test runner crashed", traceback.format_exc())]
    job.seconds = time.monotonic() - start
    return results


def main():
    parser = argparse.ArgumentParser(description="Run the AdventOS tests.")
    parser.add_argument("--build", default="build", help="build directory (default: build)")
    parser.add_argument("--filter", default=None,
                        help="run only tests whose names contain PATTERN or match it as a glob")
    parser.add_argument("--jobs", type=int, default=None,
                        help="parallel jobs (default: $JOBS, else the number of CPUs)")
    parser.add_argument("--list", action="store_true",
                        help="print the jobs the filter selects, run nothing")
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    pattern = args.filter or None
    jobs_n = max(1, args.jobs or env_number("JOBS", default_jobs()))
    qemu.configure(log_dir=os.path.join(build, "test-logs"))

    jobs, early = collect_jobs(build, pattern)
    jobs.sort(key=lambda j: -j.cost)  # longest first: the run ends sooner
    if args.list:
        for job in jobs:
            print(job.name)
        return 0

    reporter = Reporter()
    reporter.report(early)
    start = time.monotonic()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs_n)
    try:
        futures = [pool.submit(run_job, job) for job in jobs]
        for future in concurrent.futures.as_completed(futures):
            reporter.report(future.result())
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        print("\ninterrupted", file=sys.stderr)
        qemu.kill_all()
        os._exit(130)  # worker threads may still be inside subprocess.run
    pool.shutdown()

    if pattern:
        why = f"the filter {pattern!r} matches no test"
    else:
        why = f"nothing is built in {build} (run make) and no system test exists"
    timed = sorted((j for j in jobs if hasattr(j, "seconds")), key=lambda j: -j.seconds)
    return reporter.summary(time.monotonic() - start, jobs_n, why, timed[:3])


if __name__ == "__main__":
    sys.exit(main())
