"""Checks of the test harness itself, independent of the AdventOS kernel.

These boot a hand-assembled 512-byte boot sector (PROBE_SECTOR) that proves
the plumbing every other system test relies on: serial output reaches the
harness, serial input reaches the guest, the guest's isa-debug-exit value
becomes QEMU's exit status, QMP works, and networked machines are confined to
a private network namespace. The shell protocol of Machine.run is checked
against a stand-in shell on a socket pair, since the guest has no shell yet.
"""

import os
import re
import shutil
import socket
import tempfile
import threading

from harness import ExpectTimeout, MachineExited
from harness.console import Console

# Real-mode code loaded by the BIOS at 0x7c00: print PROBE_BANNER on COM1,
# wait for one byte from the host, and write (byte - '0') to isa-debug-exit.
PROBE_BANNER = "harness-ok"
PROBE_CODE = bytes([
    0xBA, 0xF8, 0x03,        # 7c00  mov  dx, 0x3f8     ; COM1 data register
    0xBE, 0x21, 0x7C,        # 7c03  mov  si, 0x7c21    ; the banner below
    0xAC,                    # 7c06  lodsb              ; print: al = next byte
    0x84, 0xC0,              # 7c07  test al, al
    0x74, 0x03,              # 7c09  jz   7c0e          ; end of string
    0xEE,                    # 7c0b  out  dx, al
    0xEB, 0xF8,              # 7c0c  jmp  7c06
    0xBA, 0xFD, 0x03,        # 7c0e  mov  dx, 0x3fd     ; line status register
    0xEC,                    # 7c11  in   al, dx        ; poll:
    0xA8, 0x01,              # 7c12  test al, 1         ; data ready?
    0x74, 0xFB,              # 7c14  jz   7c11
    0xBA, 0xF8, 0x03,        # 7c16  mov  dx, 0x3f8
    0xEC,                    # 7c19  in   al, dx        ; the host's byte
    0x2C, 0x30,              # 7c1a  sub  al, '0'
    0xE6, 0xF4,              # 7c1c  out  0xf4, al      ; isa-debug-exit
    0xF4,                    # 7c1e  hlt
    0xEB, 0xFD,              # 7c1f  jmp  7c1e
]) + (PROBE_BANNER + "\r\n").encode() + b"\0"   # 7c21  the banner


def probe_image(directory):
    """Write a 1 MiB disk whose first sector is the probe; return its path."""
    sector = PROBE_CODE.ljust(510, b"\0") + b"\x55\xaa"
    path = os.path.join(directory, "probe.img")
    with open(path, "wb") as f:
        f.write(sector.ljust(1 << 20, b"\0"))
    return path


def _boot_probe(t, **kw):
    tmp = tempfile.mkdtemp(prefix="adventos-probe-")
    try:
        m = t.machine(image=probe_image(tmp), mem=16, **kw)
    finally:
        shutil.rmtree(tmp)  # QEMU keeps the open file; -snapshot never writes it
    m.expect(PROBE_BANNER, timeout=30)
    return m


def test_exit_status_follows_guest(t):
    """The value the guest writes to port 0xf4 decides QEMU's exit status."""
    for sent, status in (("0", 1), ("1", 3)):
        m = _boot_probe(t)
        m.write(sent)
        got = m.wait_exit(timeout=30)
        assert got == status, f"guest wrote {sent}: QEMU exited {got}, expected {status}"
        with open(m.log_path, "rb") as f:
            logged = f.read()
        assert PROBE_BANNER.encode() in logged, f"{m.log_path} lacks the banner: {logged!r}"


def test_expect_reports_timeout_and_exit(t):
    """A missing pattern times out with the output attached; an exit is told apart."""
    m = _boot_probe(t)
    try:
        m.expect("never printed", timeout=0.5)
        raise AssertionError("expect returned for text the guest never printed")
    except ExpectTimeout as e:
        assert PROBE_BANNER in e.tail, f"timeout tail lacks the output: {e.tail!r}"
    m.write("1")
    try:
        m.expect("never printed", timeout=30)
        raise AssertionError("expect returned after QEMU exited")
    except MachineExited as e:
        assert e.status == 3, f"MachineExited.status == {e.status}, expected 3"


def test_qmp_monitor(t):
    """QMP answers, takes a screenshot, sends keys and powers the machine off."""
    m = _boot_probe(t)
    status = m.qmp("query-status")
    assert status.get("return", {}).get("running") is True, f"query-status: {status}"
    bad = m.qmp("no-such-command")
    assert "error" in bad, f"an unknown command did not fail: {bad}"
    with tempfile.TemporaryDirectory() as tmp:
        shot = os.path.join(tmp, "screen.ppm")
        m.screendump(shot)
        with open(shot, "rb") as f:
            header = f.read(2)
        assert header == b"P6", f"screendump did not write a PPM file: {header!r}"
    m.send_key("shift", "a")
    assert m.quit() == 0, "QEMU did not exit with status 0 after QMP quit"


def test_netns_confines_network(t):
    """A networked machine sees only loopback; its forwards live inside the namespace."""
    if not shutil.which("unshare") or not shutil.which("nsenter"):
        t.skip("unshare/nsenter (util-linux) not installed")
    m = _boot_probe(t, net="restricted", forwards=[(0, 80)])
    links = m.host_run(["ip", "-o", "link"])
    assert links.returncode == 0, f"ip link in the namespace failed: {links.stderr}"
    names = re.findall(r"^\d+: ([^:@]+)", links.stdout, re.MULTILINE)
    assert names == ["lo"], f"the namespace has interfaces {names}, expected only lo"
    port = m.host_port(80)
    with m.connect(80, timeout=5):
        pass  # QEMU's user network accepted on the forward: it is in the namespace
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        raise AssertionError(f"port {port} is open on the host: the forward escaped")
    except ConnectionRefusedError:
        pass


class _FakeShell(threading.Thread):
    """Answers lines like a shell would: echo, output, `echo M $?` marker, prompt."""

    def __init__(self, sock):
        super().__init__(daemon=True)
        self.sock = sock

    def run(self):
        f = self.sock.makefile("rwb", buffering=0)
        for raw in f:
            line = raw.decode().rstrip("\n")
            f.write(line.encode() + b"\r\n")  # terminal echo
            command, _, marker = line.partition("; echo ")
            word, _, arg = command.partition(" ")
            status = {"say": 0, "fail": 2}.get(word, 127)
            if word == "say":
                f.write(arg.encode() + b"\r\nsecond line\r\n")
            f.write(marker.replace("$?", str(status)).encode() + b"\r\n$ ")


def test_shell_run_protocol(t):
    """Machine.run's marker protocol returns the command's output and status."""
    ours, theirs = socket.socketpair()
    _FakeShell(theirs).start()
    console = Console(ours)
    try:
        out, status = console.run("say hello", timeout=5, prompt=r"\$ ")
        assert (out, status) == ("hello\nsecond line\n", 0), f"run gave {(out, status)!r}"
        out, status = console.run("fail", timeout=5, prompt=r"\$ ")
        assert (out, status) == ("", 2), f"run gave {(out, status)!r}"
    finally:
        console.close()
        theirs.close()
