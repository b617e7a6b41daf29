"""Running host unit-test binaries and libFuzzer targets.

Host test binaries (BUILD/host/tests/*) are built with the check framework
(tests/host/check.h) and print one `RESULT ...` line per case; they exit 0 when
no case failed and 1 otherwise. Anything else is a crash: a sanitizer report, a
signal, or a status of 1 without any failed case. A crash becomes one failure
named after the binary, with the tail of its stderr, because the case it
interrupted never got to print its line.

The sanitizers are told to exit with SANITIZER_EXIT so that a report is told
apart from an ordinary failed case even when both happen in one run.

Fuzz targets (BUILD/host/fuzz/*) run for a fixed time each; exit status 0
means libFuzzer found nothing. Their corpora live in BUILD/fuzz-corpus/<name>
and grow from run to run; crash inputs are written to BUILD/fuzz-artifacts/.
"""

import os
import signal
import subprocess

from .results import FAIL, PASS, SKIP, Result, could_match_prefix, case_filter, \
    name_matches, parse_result_line

SANITIZER_EXIT = 70
STDERR_TAIL_LINES = 30


def executables(directory):
    """Sorted paths of the executable regular files in directory (none if absent)."""
    if not os.path.isdir(directory):
        return []
    paths = []
    for entry in sorted(os.listdir(directory)):
        path = os.path.join(directory, entry)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            paths.append(path)
    return paths


def sanitizer_env():
    """The environment for instrumented programs: our exit code first, so a
    user's own ASAN_OPTIONS/UBSAN_OPTIONS still override it."""
    env = dict(os.environ)
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        ours = f"exitcode={SANITIZER_EXIT}:print_stacktrace=1"
        env[var] = f"{ours}:{env[var]}" if env.get(var) else ours
    return env


def tail_lines(text, n=STDERR_TAIL_LINES):
    return "\n".join(text.rstrip().splitlines()[-n:])


def describe_status(status):
    if status < 0:
        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    if status == SANITIZER_EXIT:
        return "stopped by a sanitizer"
    return f"exited with status {status}"


def report_block(stderr, n=40):
    """From the start of a sanitizer/libFuzzer report to the end (at most n
    lines), or the tail when there is no report: the fuzzing progress lines
    before a crash say nothing about it."""
    lines = stderr.rstrip().splitlines()
    for i, line in enumerate(lines):
        if "DEADLYSIGNAL" in line or "ERROR:" in line or "runtime error:" in line:
            return "\n".join(lines[i:i + n])
    return "\n".join(lines[-n:])


def first_report_line(stderr):
    """The most telling line of a sanitizer or libFuzzer report, if any."""
    lines = stderr.splitlines()
    for key in ("SUMMARY:", "ERROR:", "runtime error:", "deadly signal"):
        for line in lines:
            if key in line:
                return line.strip()
    return ""


# ---- host unit tests ----

def host_test_wanted(path, pattern):
    """Can this binary report a result the pattern selects?"""
    return could_match_prefix(pattern, os.path.basename(path) + ".")


def run_host_test(path, pattern=None, timeout=300.0):
    """Run one host test binary; return its Results (those the pattern selects)."""
    suite = os.path.basename(path)
    argv = [path]
    narrow = case_filter(pattern, suite + ".")
    if narrow:
        argv.append(narrow)
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, errors="replace",
                              timeout=timeout, env=sanitizer_env(), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return [Result(suite, FAIL, f"timed out after {timeout:g} s", tail_lines(out))]
    except OSError as e:
        return [Result(suite, FAIL, f"cannot run: {e}")]

    results, failed_lines = [], 0
    for line in proc.stdout.splitlines():
        r = parse_result_line(line)
        if r is None:
            continue
        failed_lines += r.status == FAIL
        if name_matches(pattern, r.name):
            results.append(r)

    # 0 and 1 are the framework's own verdicts; 1 must come with a failed case.
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not failed_lines):
        report = first_report_line(proc.stderr)
        reason = describe_status(proc.returncode)
        reason += f": {report}" if report else " without reporting a failed case"
        results.append(Result(suite, FAIL, reason, tail_lines(proc.stderr)))
    return results


# ---- fuzzers ----

def fuzz_name(path):
    return "fuzz." + os.path.basename(path)


def fuzzer_wanted(path, pattern):
    return name_matches(pattern, fuzz_name(path))


def run_fuzzer(path, build, seconds):
    """Fuzz one target for `seconds`; PASS when libFuzzer exits 0."""
    base = os.path.basename(path)
    name = fuzz_name(path)
    if seconds <= 0:
        # libFuzzer reads -max_total_time=0 as "forever"
        return [Result(name, SKIP, f"fuzzing disabled (FUZZ_SECONDS={seconds})")]
    corpus = os.path.join(build, "fuzz-corpus", base)
    artifacts = os.path.join(build, "fuzz-artifacts", base)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    argv = [path, f"-max_total_time={seconds}", "-print_final_stats=0",
            f"-artifact_prefix={artifacts}/", corpus]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, errors="replace",
                              timeout=seconds + 120, env=sanitizer_env(),
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return [Result(name, FAIL, f"did not stop within {seconds + 120} s")]
    except OSError as e:
        return [Result(name, FAIL, f"cannot run: {e}")]
    if proc.returncode == 0:
        return [Result(name, PASS)]
    report = first_report_line(proc.stderr) or describe_status(proc.returncode)
    return [Result(name, FAIL, report, report_block(proc.stderr))]
