"""The serial console of a machine, seen from the host.

A `Console` owns one connected stream socket (QEMU's COM1 chardev). A reader
thread appends every byte the guest writes to a log file, unchanged, and to an
in-memory text buffer, decoded as UTF-8 (bad bytes become U+FFFD) with carriage
returns removed, so patterns see plain `\\n`-separated lines.

Reading works like a cursor over that buffer: `expect` searches from the
cursor, and on a match moves the cursor past it, so consecutive expects consume
output in order and never match the same text twice. `output()` returns the
whole buffer regardless of the cursor. Waiting is done on a condition variable
the reader thread signals, so a match is seen as soon as its bytes arrive.

`run` sends a shell command line and returns its output and exit status; it
needs a shell on the console (see its docstring).
"""

import codecs
import re
import secrets
import socket
import threading
import time

TAIL_CHARS = 2048


class ConsoleClosed(EOFError):
    """The other end closed the console (for a machine: QEMU exited)."""

    def __init__(self, message, tail=""):
        super().__init__(message)
        self.tail = tail


class ExpectTimeout(TimeoutError):
    """No match within the timeout; `tail` holds the last output seen."""

    def __init__(self, message, tail=""):
        super().__init__(message)
        self.tail = tail

    def __str__(self):
        return f"{self.args[0]}\n--- last output ---\n{self.tail}"


def compile_pattern(pattern):
    """Strings become regexes with ^ and $ matching at line boundaries."""
    if isinstance(pattern, re.Pattern):
        return pattern
    return re.compile(pattern, re.MULTILINE)


class Console:
    """Buffered, logged, timeout-bounded I/O over one socket."""

    def __init__(self, sock, log_path=None):
        self._sock = sock
        self._log = open(log_path, "wb") if log_path else None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._text = ""
        self._pos = 0
        self._closed = False
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read_loop, daemon=True,
                                        name=f"console-{log_path}")
        self._reader.start()

    # ---- the reader thread ----

    def _read_loop(self):
        while True:
            try:
                data = self._sock.recv(65536)
            except OSError:
                data = b""
            if self._log:
                if data:
                    self._log.write(data)
                    self._log.flush()  # a hung run still leaves a full log
            text = self._decoder.decode(data, final=not data).replace("\r", "")
            with self._cond:
                self._text += text
                if not data:
                    self._closed = True
                self._cond.notify_all()
            if not data:
                return

    # ---- reading ----

    def output(self):
        """Everything the guest has written so far."""
        with self._cond:
            return self._text

    def tail(self, chars=TAIL_CHARS):
        with self._cond:
            return self._text[-chars:]

    @property
    def closed(self):
        with self._cond:
            return self._closed

    def expect(self, pattern, timeout=30.0):
        """Wait for pattern after the cursor; return the re.Match, move past it.

        Raises ExpectTimeout when it does not appear within timeout seconds and
        ConsoleClosed when the stream ends first.
        """
        regex = compile_pattern(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                m = regex.search(self._text, self._pos)
                if m:
                    self._pos = m.end()
                    return m
                if self._closed:
                    raise ConsoleClosed(
                        f"console closed while waiting for {regex.pattern!r}",
                        self._text[-TAIL_CHARS:])
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ExpectTimeout(
                        f"no {regex.pattern!r} within {timeout:g} s",
                        self._text[-TAIL_CHARS:])
                self._cond.wait(left)

    def read_until(self, pattern, timeout=30.0):
        """Like expect, but return all text from the cursor to the match's end."""
        with self._cond:
            start = self._pos
        m = self.expect(pattern, timeout)
        return m.string[start:m.end()]

    def skip_pending(self):
        """Move the cursor to the end: later expects see only new output."""
        with self._cond:
            self._pos = len(self._text)

    def wait_closed(self, timeout):
        """Wait until the stream ends; True when it did."""
        self._reader.join(timeout)
        return not self._reader.is_alive()

    # ---- writing ----

    def write(self, text):
        """Send text to the guest (str is encoded as UTF-8)."""
        data = text.encode() if isinstance(text, str) else bytes(text)
        try:
            self._sock.sendall(data)
        except OSError as e:
            raise ConsoleClosed(f"cannot write to console: {e}", self.tail()) from e

    def run(self, command, timeout=30.0, prompt=None):
        """Run a shell command line; return (output, exit status).

        REQUIRES A SHELL on the console that echoes input and understands
        `;` and `$?` (the AdventOS shell). Until one exists this cannot be
        used against the guest.

        The line sent is `<command>; echo __END_<nonce>__ $?`. The shell's
        echo of that line contains the literal `$?`, so only the real marker
        line, with digits, ends the wait. The output returned is the text
        between the echoed line and the marker (lines joined by `\\n`). When
        prompt (a pattern) is given, the prompt after the marker is consumed
        too, so the next call starts clean.
        """
        nonce = secrets.token_hex(6)
        marker = f"__END_{nonce}__"
        with self._cond:
            start = self._pos
        self.write(f"{command}; echo {marker} $?\n")
        m = self.expect(re.compile(rf"^{marker} (\d+)$", re.MULTILINE), timeout)
        text = m.string[start:m.start()]
        echo_at = text.find(f"{marker} $?")
        if echo_at >= 0:
            newline = text.find("\n", echo_at)
            text = text[newline + 1:] if newline >= 0 else ""
        if prompt is not None:
            self.expect(prompt, timeout)
        return text, int(m.group(1))

    # ---- teardown ----

    def close(self):
        """Close the socket, wait for the reader, close the log. Idempotent."""
        try:
            # shutdown wakes the reader's recv; close alone would not.
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()
        self._reader.join(5)
        if self._log and not self._log.closed:
            self._log.close()
