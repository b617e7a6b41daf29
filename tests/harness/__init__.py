"""The AdventOS test harness (host side, Python standard library only).

Modules:
  qemu     Machine: boot an image in QEMU; console, monitor, exit status, network
  console  the serial console: logged, buffered, expect with timeouts
  qmp      a minimal QEMU Machine Protocol client
  results  the result line format and the name filter
  hostrun  running host unit-test binaries and fuzzers
  system   discovering and running the system tests in tests/system/
  adventos what the kernel prints on its console, as patterns, and boot helpers

System tests import what they need from here:

    from harness import Machine, MachineExited, ExpectTimeout, free_port
"""

from .console import ConsoleClosed, ExpectTimeout
from .qemu import (EXIT_GUEST_FAILED, EXIT_GUEST_PASSED, Forward, ImageMissing, Machine,
                   MachineExited, free_port, port_is_free)
from .qmp import QMPError
from .results import FAIL, PASS, SKIP, Result, parse_result_line
from .system import SkipTest, reports, timeout
from . import adventos

__all__ = [
    "ConsoleClosed", "ExpectTimeout", "ImageMissing", "EXIT_GUEST_FAILED",
    "EXIT_GUEST_PASSED", "Forward", "Machine", "MachineExited", "free_port",
    "port_is_free", "QMPError", "FAIL", "PASS", "SKIP", "Result", "parse_result_line",
    "SkipTest", "reports", "timeout", "adventos",
]
