#!/usr/bin/env python3
"""bench/run.py - measure AdventOS and print the figures (make bench).

Each benchmark is a function registered with @benchmark; it receives the
Bench context (build directory, image) and prints its own table. Nothing is
asserted: a benchmark that cannot run says why and the others still run. The
exit status is non-zero only when a benchmark could not produce any figure.

Benchmarks:
  boot          boots the image BENCH_BOOTS times (default 5), one after
                another so they do not compete for the CPU, and reports the
                time from starting QEMU to the banner and to
                `adventos: ready`, with the median;
  guest-crypto  bench/crypto_bench.c inside the guest, as process 1
                (init=/bin/crypto_bench): libcrypto's throughput;
  guest-proc    bench/proc_bench.c inside the guest, as process 1
                (init=/bin/proc_bench): null system call, fork, fork + exec,
                pipe round trip and throughput, page faults;
  guest-libc    bench/libc_bench.c inside the guest, as process 1
                (init=/bin/libc_bench): memcpy, memset, strlen, strcmp,
                malloc, realloc, qsort, snprintf, and `ls -l` of 1000 files;
                beside them the same source on the host, with this libc's
                string functions, malloc and qsort and with glibc (same CPU,
                so their ratio means something), and GNU ls for scale;
  host          runs every program in BUILD/host/bench/ and shows its output.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tests"))

from harness import Machine, adventos, qemu  # noqa: E402  (needs the path above)
from harness.hostrun import executables  # noqa: E402

BENCHMARKS = []


def benchmark(name):
    """Register fn as the benchmark `name`; it returns True when it measured something."""
    def register(fn):
        BENCHMARKS.append((name, fn))
        return fn
    return register


class Bench:
    def __init__(self, build, boots):
        self.build = build
        self.image = os.path.join(build, "os.img")
        self.boots = boots


def env_int(var, default):
    raw = os.environ.get(var, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        sys.exit(f"bench: {var}={raw!r} is not a number")


def ms(seconds):
    return f"{seconds * 1000:8.0f}"


def time_one_boot(image, index):
    """Seconds from starting QEMU to the banner and to ready, for one boot."""
    with Machine(image, name=f"bench.boot-{index}") as m:
        m.expect(adventos.BANNER, adventos.BOOT_TIMEOUT)
        banner = time.monotonic() - m.started_at
        m.expect(adventos.READY, adventos.BOOT_TIMEOUT)
        ready = time.monotonic() - m.started_at
    return banner, ready


@benchmark("boot")
def boot_time(b):
    print(f"Boot time: start of QEMU -> banner / 'adventos: ready' "
          f"({qemu.default_accel().upper()}, 128 MiB, 1 CPU, {b.boots} boots)")
    if not os.path.exists(b.image):
        print(f"  {os.path.relpath(b.image)} does not exist (run make)")
        return False
    print(f"  {'boot':>6} {'banner ms':>10} {'ready ms':>10}")
    banners, readies = [], []
    for i in range(1, b.boots + 1):
        try:
            banner, ready = time_one_boot(b.image, i)
        except Exception as e:  # report and go on: a benchmark never stops on one boot
            first = str(e).splitlines()[0] if str(e) else type(e).__name__
            print(f"  {i:>6}   failed: {first}")
            continue
        banners.append(banner)
        readies.append(ready)
        print(f"  {i:>6} {ms(banner):>10} {ms(ready):>10}")
    if not readies:
        print("  no boot reached 'adventos: ready'")
        return False
    print(f"  {'median':>6} {ms(statistics.median(banners)):>10} "
          f"{ms(statistics.median(readies)):>10}")
    return True


def run_guest(b, name, cmdline, end, limit, smp=1):
    """Boot the image with cmdline and return its console output up to the
    pattern end, or None after saying why not (a benchmark reports and goes on)."""
    if not os.path.exists(b.image):
        print(f"  {os.path.relpath(b.image)} does not exist (run make)")
        return None
    try:
        with Machine(b.image, name=name, smp=smp, cmdline=cmdline) as m:
            return m.read_until(end, limit)
    except Exception as e:
        print(f"  failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
        return None


@benchmark("guest-crypto")
def guest_crypto(b):
    """bench/crypto_bench.c inside the guest, run as process 1 (init=/bin/crypto_bench)."""
    print(f"Guest libcrypto ({qemu.default_accel().upper()}, 128 MiB, 1 CPU):")
    text = run_guest(b, "bench.guest-crypto", "init=/bin/crypto_bench",
                     re.compile(r"all results checked|FAILED.*|init exited.*"), 600)
    if text is None:
        return False
    start = text.find("libcrypto speed")
    if start < 0:
        print("  the guest printed no figures")
        return False
    for line in text[start:].rstrip().splitlines():
        print(f"  {line.rstrip()}")
    return "all results checked" in text


@benchmark("guest-proc")
def guest_proc(b):
    """bench/proc_bench.c inside the guest, run as process 1 (init=/bin/proc_bench)."""
    print(f"Guest processes ({qemu.default_accel().upper()}, 128 MiB, 1 CPU):")
    end = re.compile(r"^proc_bench: (done|FAILED)$|^PANIC .*$|init exited.*", re.MULTILINE)
    text = run_guest(b, "bench.guest-proc", "init=/bin/proc_bench", end, 300)
    if text is None:
        return False
    start = text.find("proc_bench: process figures")
    if start < 0:
        print("  the guest printed no figures")
        return False
    for line in text[start:].rstrip().splitlines()[1:]:
        print(line.rstrip())
    return "proc_bench: done" in text


# One figure of bench/libc_bench.c: "  <what, 44 columns> <value> <unit> (<count>)".
LIBC_FIGURE = re.compile(
    r"^  (?P<what>.{44}) +(?P<value>[0-9.]+) (?P<unit>\S+) +\((?P<count>.*)\)$")
# Units in which a larger figure is faster; in the others (ns, ms) smaller is.
RATE_UNITS = ("MiB/s", "calls/s")


def libc_figures(text):
    """The figures of libc_bench's output as {what: (value, unit)}, in order,
    and the other lines after its heading (failures, "ls: not installed")."""
    figures, others = {}, []
    start = text.find("libc_bench: libc figures")
    for line in text[start:].splitlines()[1:]:
        line = line.rstrip()
        m = LIBC_FIGURE.match(line)
        if m:
            figures[m.group("what").strip()] = (float(m.group("value")), m.group("unit"))
        elif line and not line.startswith("libc_bench: "):
            others.append(line.strip())
    return figures, others


def run_host_libc_bench(path, args):
    """Run a host build of libc_bench with args; its figures, or None after saying why not."""
    if not os.path.exists(path):
        print(f"  {os.path.relpath(path)} does not exist (make bench builds it)")
        return None
    try:
        proc = subprocess.run([path] + args, capture_output=True, text=True, errors="replace",
                              timeout=600, stdin=subprocess.DEVNULL,
                              env=dict(os.environ, LC_ALL="C", TZ="UTC"))
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"  {os.path.basename(path)} failed: {e}")
        return None
    if proc.returncode != 0:
        print(f"  {os.path.basename(path)} exited with status {proc.returncode}: "
              f"{(proc.stdout + proc.stderr).strip().splitlines()[-1:]}")
    return libc_figures(proc.stdout)[0]


def show(figure):
    return f"{figure[0]:.1f} {figure[1]}" if figure else "-"


@benchmark("guest-libc")
def guest_libc(b):
    """bench/libc_bench.c in the guest as process 1 (init=/bin/libc_bench), beside the host's."""
    print(f"Guest libc and ls ({qemu.default_accel().upper()}, 128 MiB, 1 CPU), "
          f"and the same program on the host:")
    end = re.compile(r"^libc_bench: (done|FAILED)$|^PANIC .*$|init exited.*", re.MULTILINE)
    text = run_guest(b, "bench.guest-libc", "init=/bin/libc_bench", end, 900)
    if text is None:
        return False
    if "libc_bench: libc figures" not in text:
        print("  the guest printed no figures")
        return False
    guest, others = libc_figures(text)
    reference = os.path.join(b.build, "host", "reference")
    ours = run_host_libc_bench(os.path.join(reference, "libc_bench_ours"), ["--no-ls"]) or {}
    with tempfile.TemporaryDirectory(prefix="adventos-lsbench.") as tmp:
        glibc = run_host_libc_bench(os.path.join(reference, "libc_bench_glibc"),
                                    ["--ls-dir", os.path.join(tmp, "lsbench"),
                                     "--no-ls-recursive", "--ls", "/bin/ls"]) or {}
    print(f"  {'':44} {'guest':>16} {'host, our libc':>16} {'host, glibc':>16} "
          f"{'ours/glibc':>10}")
    for what, figure in guest.items():
        mine, theirs = ours.get(what), glibc.get(what)
        ratio = ""
        if mine and theirs and mine[0] > 0 and theirs[0] > 0:
            speed = mine[0] / theirs[0] if mine[1] in RATE_UNITS else theirs[0] / mine[0]
            ratio = f"{speed:.2f}"
        print(f"  {what:44} {show(figure):>16} {show(mine):>16} {show(theirs):>16} {ratio:>10}")
    for line in others:
        print(f"  guest: {line}")
    print("  ours/glibc: speed of this libc's code relative to glibc's, both on the host's CPU")
    print("  (above 1: ours is faster). The guest runs under emulation: compare guest figures")
    print("  with each other and from one version to the next, not with the host's. The ls")
    print("  rows set our ls in the guest beside the host's GNU ls, for scale only.")
    return "libc_bench: done" in text


@benchmark("guest-smp")
def guest_smp(b):
    """bench/smp_bench.c with one and with two CPUs: two busy processes should take half as long."""
    print(f"Guest CPU-bound work ({qemu.default_accel().upper()}, 128 MiB, -smp 1 and -smp 2):")
    end = re.compile(r"^smp_bench: (done|FAILED.*)$|^PANIC .*$|init exited.*", re.MULTILINE)
    figures = {}
    for cpus in (1, 2):
        text = run_guest(b, f"bench.guest-smp{cpus}", "init=/bin/smp_bench", end, 600, smp=cpus)
        if text is None:
            return False
        two = re.search(r"two processes, half each:\s+(\d+) ms", text)
        one = re.search(r"one process:\s+(\d+) ms", text)
        if not (one and two and "smp_bench: done" in text):
            print(f"  -smp {cpus}: the guest printed no figures")
            return False
        figures[cpus] = (int(one.group(1)), int(two.group(1)))
        print(f"  -smp {cpus}: one process {one.group(1)} ms, two processes with half each "
              f"{two.group(1)} ms")
    ratio = figures[2][1] / max(figures[1][1], 1)
    print(f"  two busy processes on two CPUs take {ratio:.2f} of the time on one CPU")
    return True


@benchmark("host")
def host_programs(b):
    programs = executables(os.path.join(b.build, "host", "bench"))
    if not programs:
        print("Host benchmark programs: none built")
        return True
    measured = False
    for path in programs:
        print(f"Host benchmark {os.path.basename(path)}:")
        try:
            proc = subprocess.run([path], capture_output=True, text=True, errors="replace",
                                  timeout=900, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as e:
            print(f"  failed: {e}")
            continue
        for line in (proc.stdout + proc.stderr).rstrip().splitlines():
            print(f"  {line}")
        if proc.returncode != 0:
            print(f"  (exited with status {proc.returncode})")
        else:
            measured = True
    return measured


def main():
    parser = argparse.ArgumentParser(description="Measure AdventOS; nothing is asserted.")
    parser.add_argument("--build", default="build")
    parser.add_argument("--boots", type=int, default=None,
                        help="boots to time (default: $BENCH_BOOTS, else 5)")
    parser.add_argument("--only", action="append", choices=[n for n, _ in BENCHMARKS],
                        help="run only this benchmark (repeatable)")
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    qemu.configure(log_dir=os.path.join(build, "test-logs"))
    b = Bench(build, max(1, args.boots or env_int("BENCH_BOOTS", 5)))
    broken = []
    for name, fn in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        if not fn(b):
            broken.append(name)
        print()
    if broken:
        print(f"no figures from: {', '.join(broken)}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
