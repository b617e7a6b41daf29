"""Discovery of the processors and interrupt controllers (kernel/arch/i386/
acpi.c, mptable.c, smp_config.c) and the APIC drivers, on the machines QEMU
is asked for.

Each boot runs the APIC ktests (`ktest=apic`: kernel/test/test_lapic.c,
test_ioapic.c), whose set-up prints the discovery summary:

    smp: ACPI: 2 CPUs, 1 I/O APIC, local APIC at 0xfee00000, 8259 PICs present
    smp: cpu 0: APIC ID 0 (boot processor)
    smp: I/O APIC ID 0 at 0xfec00000, GSI base 0

The figures must be the ones QEMU was given: the CPU count of -smp, QEMU's one
I/O APIC at its fixed address, and its override of ISA IRQ 0 to GSI 2; from
the ACPI MADT normally, from the MP table with `-machine pc,acpi=off`.
SeaBIOS lists only the first logical CPU of each package in its MP table, so
that boot asks for two sockets to get two packages.
"""

import re

from harness import EXIT_GUEST_PASSED, FAIL, adventos, parse_result_line, timeout

SUMMARY = re.compile(r"^smp: (ACPI|MP table): (\d+) CPUs?, (\d+) I/O APICs?, "
                     r"local APIC at (0x[0-9a-f]+)", re.MULTILINE)
CPU = re.compile(r"^smp: cpu (\d+): APIC ID (\d+)", re.MULTILINE)
IOAPIC = re.compile(r"^smp: I/O APIC ID (\d+) at (0x[0-9a-f]+), GSI base (\d+)$", re.MULTILINE)
IRQ0 = re.compile(r"^smp: ISA IRQ 0 -> GSI 2, edge, active high$", re.MULTILINE)
MADT_AT = re.compile(r"^acpi: MADT at (0x[0-9a-f]+), listed in the (RSDT|XSDT)$", re.MULTILINE)
AP_STARTED = re.compile(r"^smp: CPU with APIC ID (\d+) started at (0x[0-9a-f]+)$", re.MULTILINE)
DONE_OR_PANIC = re.compile(f"{adventos.KTEST_DONE.pattern}|{adventos.PANIC.pattern}",
                           re.MULTILINE)

QEMU_LAPIC = "0xfee00000"
QEMU_IOAPIC = "0xfec00000"
KTEST_LIMIT = 240
DIRECT_MAP_END = 768 << 20


def run_ktests(t, cmdline, min_tests, **machine):
    """Boot, run the ktests of cmdline; return the console text. All must pass."""
    m = t.machine(cmdline=cmdline, **machine)
    text = m.read_until(DONE_OR_PANIC, KTEST_LIMIT)
    done = adventos.KTEST_DONE.search(text)
    if not done:
        raise adventos.panicked(m, f"during '{cmdline}'")
    failed = [r for r in map(parse_result_line, text.splitlines()) if r and r.status == FAIL]
    assert not failed, "; ".join(f"{r.name}: {r.reason}" for r in failed)
    assert int(done.group(1)) >= min_tests, \
        f"'{cmdline}' ran {done.group(1)} tests, expected at least {min_tests}"
    status = m.wait_exit(30)
    assert status == EXIT_GUEST_PASSED, f"QEMU exited with {status} after '{done.group(0)}'"
    return text


def check_summary(text, source, ncpus):
    """Every summary printed (at boot and by the tests) says what QEMU was given."""
    summaries = SUMMARY.findall(text)
    assert summaries, f"no 'smp: {source}: ...' summary line:\n{text[-3000:]}"
    for found in summaries:
        assert found == (source, str(ncpus), "1", QEMU_LAPIC), \
            f"summary says {found}, expected {(source, str(ncpus), '1', QEMU_LAPIC)}"
    cpus = CPU.findall(text[text.rfind("smp: " + source):])
    assert sorted(int(i) for i, _ in cpus) == list(range(ncpus)), f"cpu lines: {cpus}"
    assert sorted(int(a) for _, a in cpus) == list(range(ncpus)), \
        f"APIC IDs {cpus}, QEMU numbers them 0..{ncpus - 1}"
    assert ("0", "0") in cpus, "the boot processor (APIC ID 0) is not cpu 0"
    ioapics = set(IOAPIC.findall(text))
    assert ioapics and all(addr == QEMU_IOAPIC and base == "0" for _, addr, base in ioapics), \
        f"I/O APIC lines: {ioapics}, expected one at {QEMU_IOAPIC} with GSI base 0"
    assert IRQ0.search(text), "no 'smp: ISA IRQ 0 -> GSI 2, edge, active high' line"


@timeout(KTEST_LIMIT + 60)
def test_acpi_two_cpus(t):
    """-smp 2: the MADT's two CPUs and I/O APIC; every APIC ktest passes."""
    text = run_ktests(t, "ktest=apic", 9, smp=2)
    check_summary(text, "ACPI", 2)


@timeout(KTEST_LIMIT + 60)
def test_acpi_one_cpu(t):
    """-smp 1: one CPU; the APIC ktests pass beside the 8259 the kernel keeps."""
    text = run_ktests(t, "ktest=apic", 9, smp=1)
    check_summary(text, "ACPI", 1)


@timeout(KTEST_LIMIT + 60)
def test_mp_table_two_cpus(t):
    """No ACPI: the MP table's two CPUs and I/O APIC; every APIC ktest passes."""
    text = run_ktests(t, "ktest=apic", 9, smp="2,sockets=2",
                      extra_args=["-machine", "pc,acpi=off"])
    check_summary(text, "MP table", 2)
    assert "acpi: MADT" not in text, "an ACPI MADT was found on a machine without ACPI"


@timeout(KTEST_LIMIT + 60)
def test_acpi_tables_above_the_direct_map(t):
    """With 3 GiB the ACPI tables lie above 768 MiB: they are mapped for the moment."""
    text = run_ktests(t, "ktest=smp_apic smp=1", 1, smp=2, mem=3072)
    check_summary(text, "ACPI", 2)
    madt = MADT_AT.search(text)
    assert madt, "no 'acpi: MADT at ...' line"
    assert int(madt.group(1), 16) >= DIRECT_MAP_END, \
        f"the MADT is at {madt.group(1)}, inside the direct map: the test proves nothing"


@timeout(KTEST_LIMIT + 60)
def test_second_cpu_starts(t):
    """lapic_start_ap's INIT/STARTUP sequence starts the second CPU at the given page
    (smp=1 keeps the kernel from starting it first)."""
    text = run_ktests(t, "ktest=manual_smp_ap_startup smp=1", 1, smp=2)
    started = AP_STARTED.search(text)
    assert started, "no 'smp: CPU with APIC ID ... started' line"
    assert started.group(1) == "1", f"the CPU that ran says APIC ID {started.group(1)}"
