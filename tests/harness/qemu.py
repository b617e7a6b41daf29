"""Boot AdventOS (or any raw disk image) in QEMU and talk to it.

`Machine` starts `qemu-system-i386` and hands back:
  - the serial console COM1, with expect/read_until/write/output and a log of
    every byte in build/test-logs/<name>.log;
  - the QEMU monitor (QMP) for keys, screenshots and power;
  - the exit status, which the guest chooses through the isa-debug-exit device
    on port 0xf4: writing v makes QEMU exit with (v << 1) | 1, so 1 means the
    guest reported success and 3 failure;
  - for networked machines, port forwards and a private network namespace.

How the sockets are wired: before starting QEMU the harness listens on two
unix sockets in a private temporary directory, and QEMU connects to them as a
client (`-chardev socket,path=...` without server=on). Both connections exist
before the guest runs its first instruction, so no early output is lost and
nothing has to be retried or polled.

The default device set is deliberately small and deterministic: TCG (ACCEL=kvm
in the environment selects KVM), the image as the first IDE disk opened with
-snapshot (several boots share one image and none modifies it), no network
card unless asked for, no display window, no reboot (a triple fault ends QEMU
instead of looping). The kernel command line travels by fw_cfg as the file
opt/adventos/cmdline.

QEMU is started under `setpriv --pdeathsig KILL` when available, so it dies
with the thread that started it even if the harness itself is killed; start a
Machine from the thread that will also finish with it.
"""

import atexit
import collections
import os
import re
import select
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref

from .console import Console, ConsoleClosed, ExpectTimeout
from .qmp import QMPClient, QMPError

QEMU = "qemu-system-i386"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# isa-debug-exit: what QEMU's exit status means.
EXIT_GUEST_PASSED = 1   # guest wrote 0
EXIT_GUEST_FAILED = 3   # guest wrote 1

NET_MODES = (None, "restricted", "open")

_config = {"log_dir": os.path.join(REPO, "build", "test-logs")}
_used_names = set()
_names_lock = threading.Lock()
_live = weakref.WeakSet()

Forward = collections.namedtuple("Forward", "host_port guest_port proto", defaults=("tcp",))


class ImageMissing(FileNotFoundError):
    """The disk image to boot does not exist (the build has not made it)."""

    brief = True  # the message says it all; a traceback adds nothing


class MachineExited(Exception):
    """QEMU exited while the harness was still waiting for the guest."""

    def __init__(self, message, status=None, tail="", stderr=""):
        super().__init__(message)
        self.status = status
        self.tail = tail
        self.stderr = stderr

    def __str__(self):
        text = self.args[0]
        if self.stderr.strip():
            text += f"\n--- qemu stderr ---\n{self.stderr.strip()}"
        if self.tail:
            text += f"\n--- last output ---\n{self.tail}"
        return text


def configure(log_dir=None):
    """Set where boot logs go (the runner points this into its build dir)."""
    if log_dir:
        _config["log_dir"] = log_dir


def log_dir():
    return _config["log_dir"]


def default_accel():
    """TCG unless the environment says ACCEL=kvm (or another accelerator)."""
    return os.environ.get("ACCEL") or "tcg"


def free_port():
    """A TCP port on 127.0.0.1 that nobody listens on right now.

    The port is only free at the moment of the check; use it at once.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port, proto="tcp"):
    """Can we bind 127.0.0.1:port right now?"""
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    with socket.socket(socket.AF_INET, kind) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def opt_escape(value):
    """Quote a value for QEMU's option parser, where ',' separates options."""
    return str(value).replace(",", ",,")


def net_args(net, forwards=(), nic="e1000"):
    """QEMU options for the network mode: None, 'restricted' or 'open'.

    Without a network, `-nic none` is essential: QEMU otherwise adds a default
    card on unrestricted user networking.
    """
    if net is None:
        return ["-nic", "none"]
    if net not in NET_MODES:
        raise ValueError(f"net must be one of {NET_MODES}, not {net!r}")
    netdev = "user,id=net0"
    if net == "restricted":
        netdev += ",restrict=on"
    for fwd in forwards:
        fwd = Forward(*fwd)
        netdev += f",hostfwd={fwd.proto}:127.0.0.1:{fwd.host_port}-:{fwd.guest_port}"
    return ["-netdev", netdev, "-device", f"{nic},netdev=net0"]


def qemu_argv(image, mem=128, smp=1, cmdline=None, accel=None, snapshot=True,
              display="none", serial=("-serial", "none"), net=None, forwards=(),
              nic="e1000", name=None, extra_args=()):
    """The QEMU command line for one boot (without the monitor and sockets).

    serial is the list of options that connect COM1. An empty command line
    is left out: it means the same as none, and fw_cfg refuses empty strings.
    """
    argv = [QEMU, "-accel", accel or default_accel(), "-m", str(mem), "-smp", str(smp),
            "-drive", f"file={opt_escape(image)},format=raw,if=ide,index=0",
            "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if snapshot:
        argv.append("-snapshot")
    if display:
        argv += ["-display", display]
    if name:
        argv += ["-name", opt_escape(name)]
    if cmdline:
        argv += ["-fw_cfg", f"name=opt/adventos/cmdline,string={opt_escape(cmdline)}"]
    argv += list(serial)
    argv += net_args(net, forwards, nic)
    argv += list(extra_args)
    return argv


def netns_wrap(argv):
    """Run argv in a new network namespace where only loopback exists (and is up).

    As root a plain `unshare --net` does; otherwise a user namespace maps us
    to root inside it, which is what lets us create the network namespace.
    """
    unshare = ["unshare", "--net"]
    if os.geteuid() != 0:
        unshare.append("--map-root-user")
    script = 'ip link set lo up && exec "$@"'
    return unshare + ["--", "sh", "-c", script, "sh"] + list(argv)


def _pdeathsig_wrap(argv):
    if shutil.which("setpriv"):
        return ["setpriv", "--pdeathsig", "KILL", "--"] + list(argv)
    return list(argv)


def _unique_log_name(name):
    """<name>, or <name>-2, -3 ... when this process already used it."""
    base = re.sub(r"[^A-Za-z0-9_.+-]", "_", name)
    with _names_lock:
        candidate, n = base, 1
        while candidate in _used_names:
            n += 1
            candidate = f"{base}-{n}"
        _used_names.add(candidate)
        return candidate


class Machine:
    """One QEMU process with its console and monitor; see the module docstring.

    Parameters:
      image      raw disk image, attached as the first IDE disk
      mem, smp   RAM in MiB and number of CPUs
      cmdline    kernel command line (fw_cfg opt/adventos/cmdline), or None
      name       names the log files build/test-logs/<name>.log (made unique)
      extra_args more QEMU options, appended last
      net        None (no card), 'restricted' (user net, restrict=on) or 'open'
      forwards   (host_port, guest_port[, proto]) pairs; host_port 0 picks a
                 free port; all bind 127.0.0.1 only
      nic        the network card model (e1000 by default)
      netns      run QEMU in a private network namespace; defaults to True
                 whenever net is set, as the test rules require
      accel      'tcg' or 'kvm'; default from $ACCEL, else tcg
      snapshot   False lets the guest write to the image (use a copy)
      boot_wait  seconds to wait for QEMU to connect its sockets
    """

    def __init__(self, image, mem=128, smp=1, cmdline=None, name="machine", extra_args=(),
                 net=None, forwards=(), nic="e1000", netns=None, accel=None, snapshot=True,
                 boot_wait=30.0):
        if not os.path.exists(image):
            raise ImageMissing(f"disk image {os.path.relpath(image)} does not exist (run make)")
        self.image = image
        self.name = _unique_log_name(name)
        self.net = net
        self.netns = bool(net) if netns is None else netns
        self.forwards = [self._pick_port(Forward(*f)) for f in forwards]
        self.status = None
        self.console = None
        self._qmp = None
        self._proc = None
        self._tmp = tempfile.mkdtemp(prefix="adventos-qemu-")
        os.makedirs(log_dir(), exist_ok=True)
        self.log_path = os.path.join(log_dir(), self.name + ".log")
        self.qemu_log_path = os.path.join(log_dir(), self.name + ".qemu.log")
        ser_path = os.path.join(self._tmp, "serial.sock")
        qmp_path = os.path.join(self._tmp, "qmp.sock")
        serial = ["-chardev", f"socket,id=com1,path={opt_escape(ser_path)}",
                  "-serial", "chardev:com1",
                  "-chardev", f"socket,id=qmp,path={opt_escape(qmp_path)}",
                  "-mon", "chardev=qmp,mode=control"]
        self.argv = qemu_argv(image, mem=mem, smp=smp, cmdline=cmdline, accel=accel,
                              snapshot=snapshot, serial=serial, net=net,
                              forwards=self.forwards, nic=nic, name=f"adventos:{self.name}",
                              extra_args=extra_args)
        try:
            self._start(ser_path, qmp_path, boot_wait)
        except BaseException:
            self.kill()
            raise
        _live.add(self)

    @staticmethod
    def _pick_port(fwd):
        return fwd._replace(host_port=fwd.host_port or free_port())

    def _start(self, ser_path, qmp_path, boot_wait):
        listeners = []
        for path in (ser_path, qmp_path):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            s.listen(1)
            listeners.append(s)
        argv = _pdeathsig_wrap(self.argv)
        if self.netns:
            argv = netns_wrap(argv)
        self._qemu_log = open(self.qemu_log_path, "w")
        self._qemu_log.write(shlex.join(argv) + "\n\n")
        self._qemu_log.flush()
        self.started_at = time.monotonic()
        self._proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self._qemu_log,
                                      stderr=subprocess.STDOUT)
        try:
            ser, mon = self._accept_all(listeners, boot_wait)
        finally:
            for s in listeners:
                s.close()
        self.console = Console(ser, self.log_path)
        self._qmp = QMPClient(mon, timeout=boot_wait)

    def _accept_all(self, listeners, timeout):
        """Accept QEMU's connection on each listener, watching QEMU stay alive."""
        conns = [None] * len(listeners)
        deadline = time.monotonic() + timeout
        try:
            while None in conns:
                if self._proc.poll() is not None:
                    raise MachineExited(f"QEMU exited with status {self._proc.returncode} "
                                        "before connecting", self._proc.returncode,
                                        stderr=self.qemu_stderr())
                if time.monotonic() > deadline:
                    raise TimeoutError(f"QEMU did not connect within {timeout:g} s")
                waiting = [s for s, c in zip(listeners, conns) if c is None]
                ready, _, _ = select.select(waiting, [], [], 0.1)
                for s in ready:
                    conns[listeners.index(s)] = s.accept()[0]
        except BaseException:
            for c in conns:
                if c is not None:
                    c.close()
            raise
        return conns

    # ---- context manager ----

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()
        return False

    # ---- state ----

    @property
    def pid(self):
        return self._proc.pid if self._proc else None

    def running(self):
        return self._proc is not None and self._proc.poll() is None

    def qemu_stderr(self):
        """What QEMU printed (its warnings and errors), without the command line."""
        try:
            with open(self.qemu_log_path) as f:
                return f.read().split("\n\n", 1)[-1]
        except OSError:
            return ""

    # ---- serial console ----

    def _exited_error(self, err):
        try:
            status = self._proc.wait(2)
        except subprocess.TimeoutExpired:
            status = None
        return MachineExited(f"QEMU exited (status {status}) before the guest printed "
                             f"what was expected: {err}", status, err.tail,
                             self.qemu_stderr())

    def expect(self, pattern, timeout=30.0):
        """Wait for pattern (regex; ^/$ match at lines) in new console output.

        Returns the re.Match. Raises ExpectTimeout (a TimeoutError carrying the
        last ~2 KB of output) on timeout and MachineExited when QEMU exits first.
        """
        try:
            return self.console.expect(pattern, timeout)
        except ConsoleClosed as e:
            raise self._exited_error(e) from None

    def read_until(self, pattern, timeout=30.0):
        """All console text from the cursor up to the end of pattern's match."""
        try:
            return self.console.read_until(pattern, timeout)
        except ConsoleClosed as e:
            raise self._exited_error(e) from None

    def write(self, text):
        """Type text on the serial console."""
        self.console.write(text)

    def output(self):
        """Everything the guest wrote on COM1 since boot."""
        return self.console.output()

    def run(self, command, timeout=30.0, prompt=None):
        """Run a shell command in the guest; return (output, exit status).

        REQUIRES THE GUEST SHELL on the serial console; see Console.run.
        """
        try:
            return self.console.run(command, timeout, prompt)
        except ConsoleClosed as e:
            raise self._exited_error(e) from None

    # ---- exit ----

    def wait_exit(self, timeout=30.0):
        """Wait for QEMU to exit and return its status (1 = guest passed, 3 = failed)."""
        try:
            self.status = self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise ExpectTimeout(f"QEMU still running after {timeout:g} s",
                                self.console.tail() if self.console else "") from None
        if self.console:
            self.console.wait_closed(5)  # let the reader drain the last bytes
        return self.status

    def kill(self):
        """Stop QEMU if it runs, release every file and socket. Idempotent."""
        if self._proc and self._proc.poll() is None:
            self._proc.kill()
        if self._proc:
            try:
                self.status = self._proc.wait(10)
            except subprocess.TimeoutExpired:
                pass
        if self._qmp:
            self._qmp.close()
        if self.console:
            self.console.close()
        if getattr(self, "_qemu_log", None) and not self._qemu_log.closed:
            self._qemu_log.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    # ---- monitor ----

    def qmp(self, command, _args=None, timeout=10.0, **args):
        """Run a QMP command; return the reply dict ("return" or "error").

        Keyword names use '_' for QMP's '-' (hold_time -> hold-time); the few
        QMP arguments spelled with '_' go in the _args dict unchanged.
        """
        arguments = {k.replace("_", "-"): v for k, v in args.items()}
        arguments.update(_args or {})
        return self._qmp.execute(command, arguments, timeout)

    def _qmp_ok(self, command, **args):
        reply = self.qmp(command, **args)
        if "error" in reply:
            raise QMPError(f"{command}: {reply['error'].get('desc', reply['error'])}")
        return reply["return"]

    def screendump(self, path, fmt=None):
        """Save the screen to path (PPM by default, fmt='png' for PNG)."""
        args = {"filename": os.path.abspath(path)}
        if fmt:
            args["format"] = fmt
        return self._qmp_ok("screendump", **args)

    def send_key(self, *keys, hold_time=None):
        """Press keys together, given as QEMU key codes: send_key('ctrl', 'alt', 'delete')."""
        args = {"keys": [{"type": "qcode", "data": k} for k in keys]}
        if hold_time is not None:
            args["hold_time"] = hold_time
        return self._qmp_ok("send-key", **args)

    def type_text(self, text):
        """Type text on the emulated keyboard, one key press per character."""
        for ch in text:
            self.send_key(*_qcodes_for(ch))

    def quit(self, timeout=10.0):
        """Stop QEMU through the monitor (like pulling the plug); return its status."""
        try:
            self._qmp.execute("quit", timeout=timeout)
        except QMPError:
            pass  # QEMU may close the connection before it answers
        return self.wait_exit(timeout)

    # ---- host side of the network ----

    def host_port(self, guest_port, proto="tcp"):
        """The host port forwarded to guest_port."""
        for fwd in self.forwards:
            if fwd.guest_port == guest_port and fwd.proto == proto:
                return fwd.host_port
        raise KeyError(f"no {proto} forward to guest port {guest_port}")

    def host_argv(self, argv):
        """argv wrapped to run on the host side of this machine's network.

        With a private namespace the program joins QEMU's namespace (where the
        forwards listen on 127.0.0.1); otherwise argv is returned unchanged.
        """
        if not self.netns:
            return list(argv)
        enter = ["nsenter", "--target", str(self.pid), "--net"]
        if os.geteuid() != 0:
            enter += ["--user", "--preserve-credentials"]
        return enter + ["--"] + list(argv)

    def host_run(self, argv, timeout=60.0, **kw):
        """subprocess.run of a host program on this machine's network side."""
        return subprocess.run(self.host_argv(argv), timeout=timeout, capture_output=True,
                              text=True, **kw)

    def connect(self, guest_port, timeout=10.0):
        """A TCP socket connected to the forward of guest_port, from the host side."""
        port = self.host_port(guest_port)
        if not self.netns:
            return socket.create_connection(("127.0.0.1", port), timeout)
        return _connect_from(self.host_argv, port, timeout)


# ---- helpers ----

# Runs inside the machine's namespace: connect, then hand the connected socket
# back over the inherited unix socket (SCM_RIGHTS), so the caller gets a socket
# that lives in the namespace without ever joining it.
_CONNECT_HELPER = """
import socket, sys
back = socket.socket(fileno=int(sys.argv[1]))
conn = socket.create_connection(("127.0.0.1", int(sys.argv[2])), float(sys.argv[3]))
socket.send_fds(back, [b"s"], [conn.fileno()])
"""


def _connect_from(host_argv, port, timeout):
    """A TCP socket to 127.0.0.1:port, opened by a helper run through host_argv."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        argv = host_argv([sys.executable, "-c", _CONNECT_HELPER, str(theirs.fileno()),
                          str(port), str(timeout)])
        proc = subprocess.run(argv, pass_fds=(theirs.fileno(),), capture_output=True,
                              text=True, timeout=timeout + 10)
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no error text"])[-1]
            raise ConnectionError(f"cannot connect to port {port} in the namespace: {last}")
        _, fds, _, _ = socket.recv_fds(ours, 16, 1)
    conn = socket.socket(fileno=fds[0])
    conn.settimeout(timeout)
    return conn


_SHIFTED = {'!': '1', '@': '2', '#': '3', '$': '4', '%': '5', '^': '6', '&': '7', '*': '8',
            '(': '9', ')': '0', '_': 'minus', '+': 'equal', '{': 'bracket_left',
            '}': 'bracket_right', '|': 'backslash', ':': 'semicolon', '"': 'apostrophe',
            '~': 'grave_accent', '<': 'comma', '>': 'dot', '?': 'slash'}
_PLAIN = {' ': 'spc', '\n': 'ret', '\t': 'tab', '-': 'minus', '=': 'equal',
          '[': 'bracket_left', ']': 'bracket_right', '\\': 'backslash', ';': 'semicolon',
          "'": 'apostrophe', '`': 'grave_accent', ',': 'comma', '.': 'dot', '/': 'slash'}


def _qcodes_for(ch):
    """The QEMU key codes that type ch on a US keyboard."""
    if ch.isascii() and (ch.islower() or ch.isdigit()):
        return [ch]
    if ch.isascii() and ch.isupper():
        return ["shift", ch.lower()]
    if ch in _PLAIN:
        return [_PLAIN[ch]]
    if ch in _SHIFTED:
        return ["shift", _SHIFTED[ch]]
    raise ValueError(f"no key for {ch!r}")


@atexit.register
def kill_all():
    """Kill every machine still running (at exit, or when a run is interrupted)."""
    for m in list(_live):
        m.kill()
