"""The system tools at a root shell: ps, kill, df, dmesg, mount, uptime,
free, date and hostname on a machine booted normally (init mounts /proc
from /etc/fstab), as a person at the serial console would use them.

Each test logs in as root over ttyS0 and runs command lines with
Machine.run (the output and exit status of one line). What the tools print
depends on the machine, so the checks look for facts the test itself
arranged or knows: a sleep it started, the root device, the kernel's
banner, a date it set.
"""

import re
import time

from harness import adventos, timeout

STEP = 60.0


def _login(t):
    m = t.machine()
    return m, adventos.login(m, "root", "root")


def _run(m, prompt, command):
    out, status = m.run(command, STEP, prompt)
    return out.replace("\r", ""), status


def _sleep_pids(m, prompt):
    """{pid: stat} of the processes named sleep, from ps -e."""
    out, status = _run(m, prompt, "ps -e -o pid=,stat=,comm=")
    assert status == 0, f"ps -e failed with status {status}:\n{out}"
    return {int(p): s for p, s, c in re.findall(r"^\s*(\d+) (\S+)\s+(\S+)$", out, re.MULTILINE)
            if c == "sleep"}


@timeout(300)
def test_ps_shows_a_background_sleep_and_kill_ends_it(t):
    """A sleep started in the background is in ps (plain, -e, -f with its
    arguments, and by -p); kill -s TERM ends it, after which ps shows it no
    more, or only as a zombie waiting for its parent."""
    m, prompt = _login(t)
    _run(m, prompt, "sleep 300 & true")  # "&;" would not parse: the line gets "; echo ..."
    pids = {}
    for _ in range(20):  # the job may take a moment to exec
        pids = _sleep_pids(m, prompt)
        if pids:
            break
        time.sleep(0.5)
    assert len(pids) == 1, f"ps -e shows {len(pids)} sleep processes, expected 1: {pids}"
    pid = next(iter(pids))
    out, status = _run(m, prompt, "ps")
    assert status == 0 and re.search(rf"^\s*{pid} ttyS0\s+\d\d:\d\d:\d\d sleep$", out,
                                     re.MULTILINE), \
        f"plain ps (this terminal's processes) does not list sleep {pid}:\n{out}"
    out, status = _run(m, prompt, "ps -f")
    assert status == 0 and re.search(rf"^root\s+{pid}\s.*\ssleep 300$", out, re.MULTILINE), \
        f"ps -f does not show 'sleep 300' as root's:\n{out}"
    out, status = _run(m, prompt, f"ps -p {pid} -o pid,args")
    assert status == 0 and out.split("\n")[0].split() == ["PID", "COMMAND"] and \
        re.search(rf"^\s*{pid} sleep 300$", out, re.MULTILINE), f"ps -p {pid}:\n{out}"

    out, status = _run(m, prompt, f"kill -s TERM {pid}")
    assert status == 0, f"kill -s TERM {pid} failed with status {status}:\n{out}"
    for _ in range(20):
        left = _sleep_pids(m, prompt)
        if pid not in left or left[pid].startswith("Z"):
            break
        time.sleep(0.5)
    else:
        raise AssertionError(f"sleep {pid} still runs after kill: {left}")
    out, status = _run(m, prompt, "kill 999999")
    assert status == 1 and "999999" in out, f"kill of a missing pid: status {status}:\n{out}"


@timeout(300)
def test_df_mount_dmesg_and_proc_describe_the_machine(t):
    """df shows the root file system on /dev/hda2 with plausible numbers;
    /proc is mounted once; dmesg holds the boot messages; uptime, free and
    nproc print their formats."""
    m, prompt = _login(t)
    out, status = _run(m, prompt, "df")
    assert status == 0, f"df failed with status {status}:\n{out}"
    assert out.split("\n")[0].split() == ["Filesystem", "1K-blocks", "Used", "Available",
                                          "Use%", "Mounted", "on"], f"df's header:\n{out}"
    root = re.search(r"^/dev/hda2\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+/$", out, re.MULTILINE)
    assert root, f"df does not show /dev/hda2 on /:\n{out}"
    size, used, avail = (int(root.group(i)) for i in (1, 2, 3))
    assert size > 0 and used > 0 and used + avail <= size, f"df's numbers for /:\n{out}"

    out, status = _run(m, prompt, "mount")
    assert status == 0 and "/dev/hda2 on / type adventfs (rw)" in out, f"mount:\n{out}"
    assert len(re.findall(r"^proc on /proc type proc ", out, re.MULTILINE)) == 1, \
        f"/proc should be mounted exactly once:\n{out}"

    out, status = _run(m, prompt, "dmesg")
    assert status == 0 and re.search(r"^AdventOS\b", out, re.MULTILINE) and \
        "adventos: ready" in out, f"dmesg lacks the boot banner:\n{out[:2000]}"

    out, status = _run(m, prompt, "uptime")
    assert status == 0 and re.match(
        r"^ \d\d:\d\d:\d\d up .*, +\d+ users?, +load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$",
        out.strip("\n")), f"uptime:\n{out}"
    out, status = _run(m, prompt, "free")
    mem = re.search(r"^Mem:\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+\d+\s+(\d+)$", out, re.MULTILINE)
    assert status == 0 and mem, f"free:\n{out}"
    total, used, free, avail = (int(mem.group(i)) for i in (1, 2, 3, 4))
    assert 0 < free <= avail <= total and used == total - avail, f"free's numbers:\n{out}"
    out, status = _run(m, prompt, "nproc")
    assert (out.strip(), status) == ("1", 0), f"nproc on one CPU printed {out!r}"


@timeout(300)
def test_root_sets_the_date_and_the_host_name(t):
    """date -s moves the clock (date reads it back); hostname renames the
    machine for uname -n. (That others may not is tests/user/test_procfs.c's.)"""
    m, prompt = _login(t)
    out, status = _run(m, prompt, "date -s '2031-05-06 07:08:09' '+%F %T'")
    assert (out.strip(), status) == ("2031-05-06 07:08:09", 0), \
        f"date -s printed {out!r}, status {status}"
    out, status = _run(m, prompt, "date +%Y-%m-%d")
    assert (out.strip(), status) == ("2031-05-06", 0), f"after date -s, date printed {out!r}"
    out, status = _run(m, prompt, "hostname testbox; hostname; uname -n")
    assert (out.split(), status) == (["testbox", "testbox"], 0), \
        f"hostname testbox; hostname; uname -n printed {out!r}, status {status}"
