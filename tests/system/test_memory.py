"""The kernel's usable-memory figure matches the RAM QEMU gives it.

The figure is the sum of the E820 type-1 (usable) regions. It can never exceed
the RAM size, and the parts the firmware keeps for itself (the EBDA and BIOS
areas below 1 MiB, the ACPI tables at the top) stay well under 2 MiB, so the
figure must lie in [size - 2 MiB, size]. With 3 GiB the kernel may say that it
does not map all of it, but it must still report E820's figure.
"""

from harness import adventos

FIRMWARE_RESERVE_KIB = 2 * 1024


def _check_usable(t, mib):
    m = t.machine(mem=mib)
    log = adventos.boot_log(m)
    found = adventos.MEM.search(log)
    assert found, f"-m {mib}: no 'mem: <N> KiB usable' line before ready:\n{log}"
    usable = int(found.group(1))
    size = mib * 1024
    assert size - FIRMWARE_RESERVE_KIB <= usable <= size, \
        f"-m {mib}: kernel reports {usable} KiB usable, expected " \
        f"{size - FIRMWARE_RESERVE_KIB}..{size} KiB"


def test_16mib(t):
    _check_usable(t, 16)


def test_32mib(t):
    _check_usable(t, 32)


def test_512mib(t):
    _check_usable(t, 512)


def test_3072mib(t):
    _check_usable(t, 3072)
