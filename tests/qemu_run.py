#!/usr/bin/env python3
"""tests/qemu_run.py - boot the AdventOS image with the console on this terminal (make run).

The serial console and QEMU's monitor share the terminal (`-serial mon:stdio`):
Ctrl-A X quits, Ctrl-A C switches to the monitor and back. No window opens
unless GUI=1 is set. The image is booted as it is, without -snapshot: what the
system writes to its disk stays there.

Networking (--net):
  restricted  user networking with restrict=on (the default): the guest cannot
              reach anything outside, but the host reaches the guest's servers
              through the forwards below, on 127.0.0.1 only;
  open        the same forwards, and the guest may reach the outside world;
  none        no network card.
A forward whose host port is already taken is left out with a warning, so
that one busy port does not stop the system from booting.

QEMU's exit status is translated: the guest powering off through isa-debug-exit
with "success" (QEMU status 1) or QEMU simply quitting (0) is exit 0 here;
a guest-reported failure (status 3) is exit 1.
"""

import argparse
import os
import shlex
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness.qemu import (EXIT_GUEST_FAILED, EXIT_GUEST_PASSED, Forward,  # noqa: E402
                          default_accel, port_is_free, qemu_argv)

# host port -> guest port, as the roadmap fixes them (httpd, httpsd, agentd, sshd, ircd)
ROADMAP_FORWARDS = [Forward(8080, 80), Forward(8443, 443), Forward(7000, 7000),
                    Forward(2222, 22), Forward(6667, 6667)]


def usable_forwards(forwards):
    """The forwards whose host port is free; warn about the others."""
    usable = []
    for fwd in forwards:
        if port_is_free(fwd.host_port, fwd.proto):
            usable.append(fwd)
        else:
            print(f"qemu_run: warning: host port {fwd.host_port} is in use; "
                  f"guest port {fwd.guest_port} will not be reachable from the host",
                  file=sys.stderr)
    return usable


def build_argv(args):
    net = None if args.net == "none" else args.net
    forwards = usable_forwards(ROADMAP_FORWARDS) if net else []
    gui = os.environ.get("GUI", "") not in ("", "0")
    return qemu_argv(args.image, mem=args.mem, smp=args.smp, cmdline=args.cmdline or None,
                     snapshot=False, display=None if gui else "none",
                     serial=["-serial", "mon:stdio"], net=net, forwards=forwards,
                     name="AdventOS"), forwards


def main():
    parser = argparse.ArgumentParser(description="Boot AdventOS in QEMU on this terminal.")
    parser.add_argument("--image", default="build/os.img")
    parser.add_argument("--mem", type=int, default=128, help="RAM in MiB")
    parser.add_argument("--smp", type=int, default=1, help="number of CPUs")
    parser.add_argument("--net", choices=("restricted", "open", "none"), default="restricted")
    parser.add_argument("--cmdline", default="", help="kernel command line")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the QEMU command instead of running it")
    args = parser.parse_args()

    if not os.path.exists(args.image):
        sys.exit(f"qemu_run: {args.image}: no such image (run make)")
    argv, forwards = build_argv(args)
    if args.dry_run:
        print(shlex.join(argv))
        return 0

    fwd_text = ", ".join(f"localhost:{f.host_port}->{f.guest_port}" for f in forwards)
    print(f"AdventOS: {args.image}, {args.mem} MiB, {args.smp} CPU(s), "
          f"{default_accel().upper()}, net {args.net}" + (f" ({fwd_text})" if fwd_text else ""))
    print("Quit with Ctrl-A X (Ctrl-A C toggles the QEMU monitor).", flush=True)

    # The terminal is QEMU's now: Ctrl-C goes to the guest, not to us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        status = subprocess.call(argv)
    except FileNotFoundError:
        sys.exit(f"qemu_run: {argv[0]} not found (install qemu-system-x86)")
    if status in (0, EXIT_GUEST_PASSED):
        return 0
    if status == EXIT_GUEST_FAILED:
        print("qemu_run: the guest reported a failure on power-off", file=sys.stderr)
        return 1
    print(f"qemu_run: QEMU exited with status {status}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
