"""A small client for the QEMU Machine Protocol (QMP).

QMP is JSON over a stream socket: QEMU greets with `{"QMP": ...}`, the client
must send `qmp_capabilities` before anything else, then each
`{"execute": cmd, "arguments": {...}, "id": n}` gets exactly one reply carrying
the same id, either `{"return": ...}` or `{"error": {...}}`. Asynchronous
`{"event": ...}` messages may arrive in between; they are kept in `events`.

Messages are read with our own line buffer over recv() (QEMU ends each one with
CRLF) so that a timeout leaves the connection usable.
"""

import itertools
import json
import socket
import threading
import time


class QMPError(Exception):
    """QEMU answered a command with an error, or the connection failed."""


class QMPClient:
    def __init__(self, sock, timeout=10.0):
        self._sock = sock
        self._buf = b""
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.events = []
        greeting = self._read_message(time.monotonic() + timeout)
        if "QMP" not in greeting:
            raise QMPError(f"unexpected QMP greeting: {greeting!r}")
        self.greeting = greeting["QMP"]
        reply = self.execute("qmp_capabilities", timeout=timeout)
        if "error" in reply:
            raise QMPError(f"qmp_capabilities failed: {reply['error']}")

    def _read_message(self, deadline):
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise QMPError("timed out waiting for QEMU's monitor")
            self._sock.settimeout(left)
            try:
                data = self._sock.recv(65536)
            except socket.timeout:
                continue
            except OSError as e:
                raise QMPError(f"monitor connection failed: {e}") from e
            if not data:
                raise QMPError("QEMU closed the monitor connection")
            self._buf += data
        line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line)

    def execute(self, command, arguments=None, timeout=10.0):
        """Send one command and return QEMU's reply as a dict.

        The reply holds "return" on success and "error" on failure; it is
        returned either way so the caller decides what an error means.
        """
        with self._lock:
            msg_id = next(self._ids)
            msg = {"execute": command, "id": msg_id}
            if arguments:
                msg["arguments"] = arguments
            try:
                self._sock.sendall(json.dumps(msg).encode() + b"\n")
            except OSError as e:
                raise QMPError(f"cannot send {command}: {e}") from e
            deadline = time.monotonic() + timeout
            while True:
                reply = self._read_message(deadline)
                if "event" in reply:
                    self.events.append(reply)
                elif reply.get("id") == msg_id:
                    return reply

    def close(self):
        try:
            self._sock.close()
        except OSError:
            pass
