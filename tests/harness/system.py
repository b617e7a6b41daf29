"""System tests: discovery, the context object `t`, and running one test.

A system test is a function `test_<name>(t)` in a module
tests/system/test_<module>.py; its full name is `system.<module>.test_<name>`.
The function drives machines through `t` and asserts outcomes:

    def test_banner(t):
        m = t.machine()                 # boots BUILD/os.img; killed afterwards
        m.expect(r"^adventos: ready$")

Outcome rules (the runner prints them):
  - returns, reported no sub-result   -> PASS
  - raises (AssertionError or any)    -> FAIL with the message
  - t.skip(reason)                    -> SKIP (never a pass)
  - t.result(name, ok, reason)        -> one sub-result each, for tests that
    report many outcomes (the in-kernel unit tests); the function itself then
    adds a FAIL only if it raises.

Decorators: @timeout(seconds) overrides the per-test time limit, after which
the test's machines are killed and the test fails; @reports("kernel.") says
that the test reports sub-results named kernel.*, so `T=kernel.pmm` runs it
and shows only the matching sub-results.

Each test runs in its own thread, so that the runner can enforce the time
limit: killing the test's machines makes whatever the test waits on fail fast.
"""

import importlib.util
import os
import sys
import threading
import traceback

from .qemu import Machine
from .results import FAIL, PASS, SKIP, Result, name_matches, could_match_prefix

DEFAULT_TIMEOUT = 300.0


class SkipTest(Exception):
    """Raised by t.skip(): the test could not run here; the reason says why."""


def timeout(seconds):
    """Decorator: this test may take up to `seconds` before it is failed."""
    def mark(fn):
        fn.timeout = seconds
        return fn
    return mark


def reports(prefix):
    """Decorator: this test reports sub-results whose names start with prefix."""
    def mark(fn):
        fn.reports = prefix
        return fn
    return mark


class SystemTest:
    def __init__(self, name, fn, path):
        self.name = name
        self.fn = fn
        self.path = path
        self.timeout = getattr(fn, "timeout", None)
        self.reports = getattr(fn, "reports", None)

    def selected_by_name(self, pattern):
        return name_matches(pattern, self.name)

    def wanted(self, pattern):
        """Run it when its name matches or the pattern names its sub-results."""
        if self.selected_by_name(pattern):
            return True
        if self.reports and pattern:
            return pattern.lstrip("*").startswith(self.reports.rstrip("."))
        return False


def discover(directory, pattern=None):
    """Return (tests, load_failures) for tests/system/test_*.py.

    A module that fails to import is one FAIL result named system.<module>,
    reported when the pattern could select any test in it.
    """
    tests, failures = [], []
    if not os.path.isdir(directory):
        return tests, failures
    for filename in sorted(os.listdir(directory)):
        if not (filename.startswith("test_") and filename.endswith(".py")):
            continue
        short = filename[len("test_"):-len(".py")]
        prefix = f"system.{short}"
        path = os.path.join(directory, filename)
        try:
            module = _load(path, f"adventos_system_tests.{short}")
        except Exception:  # a broken test file must not stop the run
            if could_match_prefix(pattern, prefix + "."):
                failures.append(Result(prefix, FAIL, "cannot import the test module",
                                       traceback.format_exc(limit=-3)))
            continue
        for attr, fn in vars(module).items():
            if attr.startswith("test_") and callable(fn) and \
                    getattr(fn, "__module__", None) == module.__name__:
                tests.append(SystemTest(f"{prefix}.{attr}", fn, path))
    return tests, failures


def _load(path, module_name):
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


class TestContext:
    """What a system test receives as `t`."""

    def __init__(self, name, build, pattern=None, by_name=True):
        self.name = name
        self.build = build
        # The run's filter, and whether it chose this test by its own name
        # (False: only for some of its sub-results, which a test may use to
        # do less work).
        self.pattern = pattern
        self.by_name = by_name
        self.image = os.path.join(build, "os.img")
        self.results = []
        self.notes = []
        self._machines = []
        self._lock = threading.Lock()
        self._aborted = False

    def machine(self, **kw):
        """Boot a Machine (default: this build's os.img, logs named after the test).

        The machine is killed when the test ends, whatever happens.
        """
        kw.setdefault("name", self.name)
        image = kw.pop("image", self.image)
        with self._lock:
            if self._aborted:
                raise RuntimeError("the test was stopped (time limit)")
        m = Machine(image, **kw)
        with self._lock:
            self._machines.append(m)
            aborted = self._aborted
        if aborted:  # the time limit struck while QEMU was starting
            m.kill()
            raise RuntimeError("the test was stopped (time limit)")
        return m

    def result(self, name, ok, reason="", detail=""):
        """Report one sub-result: PASS when ok, else FAIL with reason."""
        self.add(Result(name, PASS if ok else FAIL, "" if ok else reason, detail))

    def add(self, result):
        """Report a ready-made Result (e.g. one parsed from a RESULT line)."""
        with self._lock:
            self.results.append(result)

    def note(self, text):
        """Extra text shown under the test's line if it fails."""
        self.notes.append(text)

    def skip(self, reason):
        raise SkipTest(reason)

    def machines(self):
        with self._lock:
            return list(self._machines)

    def abort(self):
        """Kill every machine of this test (used when it runs out of time)."""
        with self._lock:
            self._aborted = True
        for m in self.machines():
            m.kill()

    def cleanup(self):
        for m in self.machines():
            m.kill()


def _failure_from_exception(exc, tb_text):
    """Reason (first line of the message) and detail (the rest, and where)."""
    message = str(exc).strip()
    if isinstance(exc, AssertionError):
        first = message.splitlines()[0] if message else "assertion failed"
    else:
        kind = type(exc).__name__
        first = f"{kind}: {message.splitlines()[0]}" if message else kind
    if getattr(exc, "brief", False):
        return first, ""
    rest = "\n".join(message.splitlines()[1:]).strip("\n")
    return first, "\n".join(x for x in (rest, tb_text.rstrip()) if x)


def run_test(test, build, pattern=None, default_timeout=DEFAULT_TIMEOUT):
    """Run one system test; return its Results."""
    t = TestContext(test.name, build, pattern, test.selected_by_name(pattern))
    outcome = {}

    def body():
        try:
            test.fn(t)
        except SkipTest as e:
            outcome["skip"] = str(e)
        except BaseException as e:  # every failure is reported, never raised here
            outcome["error"] = e
            outcome["tb"] = _test_frames(e, test.path)

    limit = test.timeout or default_timeout
    thread = threading.Thread(target=body, name=test.name, daemon=True)
    thread.start()
    thread.join(limit)
    timed_out = thread.is_alive()
    if timed_out:
        t.abort()
        thread.join(15)
    t.cleanup()

    results = t.results
    if not t.by_name:
        results = [r for r in results if name_matches(pattern, r.name)]
    logs = "\n".join(f"log: {os.path.relpath(m.log_path)}" for m in t.machines())
    if timed_out:
        tails = "\n".join(f"--- last output of {m.name} ---\n{m.console.tail(1500).rstrip()}"
                          for m in t.machines() if m.console)
        results.append(Result(test.name, FAIL, f"timed out after {limit:g} s",
                              "\n".join(x for x in (tails, logs) if x)))
    elif "error" in outcome:
        reason, detail = _failure_from_exception(outcome["error"], outcome["tb"])
        notes = "\n".join(t.notes)
        results.append(Result(test.name, FAIL, reason, "\n".join(
            x for x in (detail, notes, logs) if x)))
    elif "skip" in outcome:
        results.append(Result(test.name, SKIP, outcome["skip"]))
    elif not t.results:
        results.append(Result(test.name, PASS))
    return results


def _test_frames(exc, path):
    """The traceback lines that point into the test file (where it failed)."""
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if os.path.abspath(f.filename) == os.path.abspath(path)]
    return "".join(traceback.format_list(mine or frames[-3:]))
