"""Differential tests of the tools: each case runs with our tools in the guest
and with the GNU tools on the host, on the same input files, and the outputs
must agree.

tests/difftest/<group>.cases holds one shell command line per case (`#`
comments and blank lines aside); tests/difftest/fixture/ the input files.
Each group starts from a fresh copy of the fixture and runs its lines in
order in it (a case may leave files for the next ones). Both sides run a
line with LC_ALL=C, TZ=UTC, PATH and HOME set, standard input /dev/null:

  guest  /tests/bin/difftest as process 1 (tests/user/programs/difftest.c)
         runs every group with our /bin/sh and reports each case's exit
         status, standard output and standard error in hex;
  host   bash -c with the builtins that shadow tools turned off (echo,
         printf, test, [, kill, pwd, true, false), so that the line runs
         /usr/bin's GNU programs.

A case passes when the exit statuses are equal, the standard outputs are
byte for byte equal, and standard error is empty on both sides or non-empty
on both (the wording of messages is each implementation's own). Results are
named difftest.<group>.<line number>.
"""

import os
import re
import shutil
import subprocess
import tempfile

from harness import adventos, reports, timeout

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(os.path.dirname(HERE), "difftest")
FIXTURE = os.path.join(CASES_DIR, "fixture")
HOST_SHELL_PREFIX = "enable -n echo printf test [ kill pwd true false; "
CASE_SECONDS = 30
LIMIT = 900.0
CASE_LINE = re.compile(r"^DT CASE (\S+) (\d+) status=(\d+) out=([0-9a-f.]*) err=([0-9a-f.]*)\s*$",
                       re.MULTILINE)
DONE = re.compile(r"DT DONE (\d+)")


def case_lines(path):
    """(line number, text) of every case in a .cases file."""
    cases = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.strip().startswith("#"):
                cases.append((number, line))
    return cases


def groups():
    return sorted(name[:-len(".cases")] for name in os.listdir(CASES_DIR)
                  if name.endswith(".cases"))


def run_on_host(group):
    """{line number: (status, stdout bytes, stderr bytes)} for one group, with GNU tools."""
    results = {}
    work = tempfile.mkdtemp(prefix=f"difftest-{group}-")
    try:
        directory = os.path.join(work, f"dt-{group}")
        shutil.copytree(FIXTURE, directory, symlinks=True)
        env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "TZ": "UTC", "HOME": work}
        for number, line in case_lines(os.path.join(CASES_DIR, f"{group}.cases")):
            try:
                p = subprocess.run(["bash", "-c", HOST_SHELL_PREFIX + line], cwd=directory,
                                   env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                   timeout=CASE_SECONDS)
                results[number] = (p.returncode if p.returncode >= 0 else 128 - p.returncode,
                                   p.stdout, p.stderr)
            except subprocess.TimeoutExpired as e:
                results[number] = (128 + 9, e.stdout or b"", e.stderr or b"")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _show(data):
    text = data.decode("utf-8", "backslashreplace")
    return text if len(text) < 2000 else text[:2000] + "...(more)"


def _compare(line, host, guest):
    """None when the case agrees, else (reason, detail)."""
    h_status, h_out, h_err = host
    g_status, g_out, g_err = guest
    problems = []
    if h_status != g_status:
        problems.append(f"exit status {g_status}, GNU {h_status}")
    if h_out != g_out:
        problems.append("standard output differs")
    if bool(h_err) != bool(g_err):
        problems.append("only GNU wrote to standard error" if h_err
                        else "only ours wrote to standard error")
    if not problems:
        return None
    detail = (f"command: {line}\n--- ours (status {g_status}):\n{_show(g_out)}"
              f"\n--- ours, stderr:\n{_show(g_err)}\n--- GNU (status {h_status}):\n{_show(h_out)}"
              f"\n--- GNU, stderr:\n{_show(h_err)}")
    return f"{line!r}: " + "; ".join(problems), detail


def _unhex(text):
    return bytes.fromhex(text.rstrip(".")) + (b"<truncated>" if text.endswith("...") else b"")


@reports("difftest.")
@timeout(LIMIT + 120)
def test_tools_agree_with_gnu(t):
    """Every case of tests/difftest/*.cases gives the GNU tools' output, status and stderr-ness."""
    m = t.machine(cmdline="init=/tests/bin/difftest")
    text = m.read_until(re.compile(f"{DONE.pattern}|{adventos.PANIC.pattern}"), LIMIT)
    if not DONE.search(text):
        raise adventos.panicked(m, "while running the difftest cases")
    guest = {}
    for g in CASE_LINE.finditer(text):
        guest[(g.group(1), int(g.group(2)))] = (int(g.group(3)), _unhex(g.group(4)),
                                               _unhex(g.group(5)))
    total = 0
    for group in groups():
        host = run_on_host(group)
        for number, line in case_lines(os.path.join(CASES_DIR, f"{group}.cases")):
            total += 1
            name = f"difftest.{group}.{number}"
            if (group, number) not in guest:
                t.result(name, False, f"{line!r}: the guest reported no result")
                continue
            outcome = _compare(line, host[number], guest[(group, number)])
            if outcome is None:
                t.result(name, True)
            else:
                t.result(name, False, outcome[0], outcome[1])
    assert total > 0, "no difftest case found"
    m.wait_exit(60)
