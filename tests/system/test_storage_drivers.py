"""Storage drivers (PCI, ATA, block layer) checked from outside the guest.

test_ata_rw_reaches_the_disk_files
    Boots with two scratch disks without -snapshot: hdb, a sparse 200 GiB
    image (so that LBAs past 2^28 exist), and hdc, 64 MiB, behind QEMU's
    blkdebug driver, which makes one sector unreadable; hdd is an empty
    CD-ROM. With `ktest=ata_rw` the kernel writes known patterns with PIO and
    DMA, LBA28 and LBA48 (across the 28-bit boundary, past it, at the disk's
    end), flushes, reads them back and announces each region as
        ata_rw: <disk>: <kind> lba <n> count <n> tag <n>
    Afterwards the test reads every announced region from the image files and
    compares it with the pattern computed here (an independent check that the
    data reached the right sectors), checks that nothing else was written,
    and uses QEMU's own trace of the IDE emulation (ide_dma_cb,
    ide_sector_write, ide_exec_cmd) to check that DMA regions really went by
    DMA, PIO regions by PIO, and that FLUSH CACHE EXT was sent.
test_boot_from_the_secondary_channel_only
    The image as the secondary master and no other disk: the kernel must
    find nothing on the primary channel without hanging, name the disk hdc,
    and pass the ATA unit tests on it.
test_ata_pio_option_turns_dma_off
    `ata=pio` is a known option and leaves QEMU's trace without any DMA,
    where a normal boot reads the partition table by DMA.
test_pci_bridge_and_64bit_bar
    A PCI-to-PCI bridge with a test device behind it that has a 64-bit
    prefetchable BAR: the scan follows the bridge and sizes the BAR.
test_isa_machine_without_pci
    QEMU's ISA-only PC: no PCI at all, so no PCI IDE controller; the driver
    falls back to the legacy ports and does everything by PIO.

The pattern must match fill_pattern() in kernel/test/test_ata.c.
"""

import os
import re
import shutil
import struct
import subprocess

from harness import PASS, adventos, parse_result_line, timeout
from harness.qemu import log_dir, qemu_argv

SECTOR = 512
SCRATCH_MAGIC = b"ADVENTOS-ATA-SCRATCH\n"
BIG_BYTES = 200 << 30
SMALL_BYTES = 64 << 20
BAD_SECTOR = 50000
LBA28_END = 0x0FFFFFFF          # LBA28 commands reach the sectors below this
BOUNDARY = 1 << 28
KTEST_LIMIT = 120.0

PATTERN_MAGIC = b"ATAPATT1"
MUL_LBA, MUL_WORD, MUL_TAG = 2654435761, 40503, 97
FIRST_WORD = 5

RW_LINE = re.compile(r"^ata_rw: (hd[a-h]): (pio28|pio48|dma28|dma48) lba (\d+) count (\d+) "
                     r"tag (\d+)$", re.MULTILINE)
DMA_CB = re.compile(r"ide_dma_cb .*sector_num=(\d+) n=(\d+) cmd=DMA (READ|WRITE)")
SECTOR_WRITE = re.compile(r"ide_sector_write sector=(\d+) nsectors=(\d+)")
EXEC_CMD = re.compile(r"ide_exec_cmd .*cmd 0x([0-9a-f]+)")
DONE_OR_PANIC = re.compile(f"{adventos.KTEST_DONE.pattern}|{adventos.PANIC.pattern}",
                           re.MULTILINE)
TRACE_EVENTS = ("ide_exec_cmd", "ide_dma_cb", "ide_sector_write")
ATA_CMD_FLUSH_CACHE_EXT = 0xEA


def pattern(lba, count, tag):
    """The bytes the kernel writes at lba.. for this tag (see fill_pattern)."""
    out = bytearray()
    for s in range(count):
        sector_lba = lba + s
        base = ((sector_lba & 0xFFFFFFFF) * MUL_LBA + tag * MUL_TAG) & 0xFFFFFFFF
        out += PATTERN_MAGIC + struct.pack("<QI", sector_lba, tag)
        out += struct.pack(f"<{SECTOR // 4 - FIRST_WORD}I",
                           *(((base + k * MUL_WORD) & 0xFFFFFFFF)
                             for k in range(FIRST_WORD, SECTOR // 4)))
    return bytes(out)


def scratch_dir(t):
    """build/test-scratch/<test>: disk images and traces (removed when the test passes)."""
    path = os.path.join(t.build, "test-scratch", t.name.replace("/", "_"))
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def make_scratch(path, size, header=b""):
    """A sparse disk image whose sector 0 marks it as the kernel's to scribble on."""
    with open(path, "wb") as f:
        f.truncate(size)
        f.write(SCRATCH_MAGIC + header)


def trace_args(path):
    args = ["-D", path]
    for event in TRACE_EVENTS:
        args += ["-trace", event]
    return args


def run_ktest(m, limit=KTEST_LIMIT):
    """Wait for KTEST DONE; return (text, [Result]); fail with the dump on a panic."""
    text = m.read_until(DONE_OR_PANIC, limit)
    if not adventos.KTEST_DONE.search(text):
        raise adventos.panicked(m, "during ktest")
    return text, [r for r in map(parse_result_line, text.splitlines()) if r]


def assert_all_passed(results, wanted, text):
    names = {r.name for r in results}
    failed = [r.line() for r in results if r.status != PASS]
    assert not failed, f"kernel tests failed: {'; '.join(failed)}"
    missing = [w for w in wanted if w not in names]
    assert not missing, f"kernel tests did not run: {missing}\n{text[-3000:]}"


def check_region(path, lba, count, tag):
    """None when the file holds the pattern at lba, else what differs."""
    want = pattern(lba, count, tag)
    with open(path, "rb") as f:
        f.seek(lba * SECTOR)
        got = f.read(count * SECTOR)
    if got == want:
        return None
    for s in range(count):
        a, b = got[s * SECTOR:(s + 1) * SECTOR], want[s * SECTOR:(s + 1) * SECTOR]
        if a != b:
            return f"sector {lba + s} holds {a[:24].hex()}..., expected {b[:24].hex()}..."
    return f"short read at sector {lba}"


def stray_sectors(path, regions):
    """Non-zero sectors outside sector 0 and the announced regions (data extents only)."""
    allowed = [(lba, lba + count) for lba, count in regions] + [(0, 1)]
    stray = []
    with open(path, "rb") as f:
        fd = f.fileno()
        size = os.fstat(fd).st_size
        pos = 0
        while pos < size:
            try:
                start = os.lseek(fd, pos, os.SEEK_DATA)
            except OSError:
                break
            end = os.lseek(fd, start, os.SEEK_HOLE)
            f.seek(start)
            data = f.read(end - start)
            for off in range(0, len(data), SECTOR):
                sector = (start + off) // SECTOR
                if any(data[off:off + SECTOR]) and \
                        not any(a <= sector < b for a, b in allowed):
                    stray.append(sector)
            pos = end
    return stray


@timeout(240)
def test_ata_rw_reaches_the_disk_files(t):
    """Patterns written by PIO and DMA, LBA28 and LBA48, are in the image files."""
    work = scratch_dir(t)
    big, small = os.path.join(work, "big.img"), os.path.join(work, "small.img")
    blkdebug = os.path.join(work, "bad-sector.conf")
    trace = os.path.join(work, "ide-trace.log")
    make_scratch(big, BIG_BYTES)
    make_scratch(small, SMALL_BYTES, f"bad={BAD_SECTOR}\n".encode())
    with open(blkdebug, "w") as f:
        f.write(f'[inject-error]\nevent = "read_aio"\nerrno = "5"\nsector = "{BAD_SECTOR}"\n')
    extra = ["-drive", f"file={big},format=raw,if=ide,index=1,snapshot=off",
             "-drive", f"file=blkdebug:{blkdebug}:{small},format=raw,if=ide,index=2,"
                       "snapshot=off,rerror=report",
             "-drive", "if=ide,index=3,media=cdrom"] + trace_args(trace)
    m = t.machine(cmdline="ktest=ata_rw", extra_args=extra)
    text, results = run_ktest(m)
    assert_all_passed(results, ["kernel.ata_rw_patterns"], text)
    status = m.wait_exit(30)
    assert status == 1, f"QEMU exited with {status} after the ktest run, expected 1"

    # What the kernel saw.
    assert re.search(rf'^hdb: ATA disk .* {BIG_BYTES // SECTOR} sectors .*LBA48, DMA', text,
                     re.MULTILINE), "hdb (200 GiB, LBA48, DMA) was not reported"
    assert re.search(rf'^hdc: ATA disk .* {SMALL_BYTES // SECTOR} sectors ', text,
                     re.MULTILINE), "hdc (64 MiB) was not reported"
    assert re.search(r'^hdd: ATAPI device ".*" skipped', text, re.MULTILINE), \
        "the CD-ROM on hdd was not reported as a skipped ATAPI device"
    assert f"ata_rw: hdc: reads of bad sector {BAD_SECTOR} failed with -EIO" in text, \
        "the unreadable sector on hdc did not give -EIO"
    assert re.search(rf"^hdc: (DMA|PIO) read of \d+ sectors at LBA {BAD_SECTOR - 2} failed: "
                     r"status 0x[0-9a-f]{2} error 0x[0-9a-f]{2}", text, re.MULTILINE), \
        "no driver message naming the failed read with its status and error registers"

    regions = {"hdb": [], "hdc": []}
    for disk, kind, lba, count, tag in RW_LINE.findall(text):
        if disk in regions:
            regions[disk].append((kind, int(lba), int(count), int(tag)))
    for disk in regions:
        kinds = {r[0] for r in regions[disk]}
        assert kinds == {"pio28", "pio48", "dma28", "dma48"}, \
            f"{disk}: the kernel wrote only {sorted(kinds)}"
    hdb = regions["hdb"]
    assert any(k == "dma48" and lba < BOUNDARY < lba + count for k, lba, count, _ in hdb), \
        "hdb: no DMA region across 2^28"
    assert any(k == "pio48" and lba > BOUNDARY for k, lba, count, _ in hdb), \
        "hdb: no PIO region past 2^28"
    assert any(k == "pio28" and lba + count >= LBA28_END - 16 for k, lba, count, _ in hdb), \
        "hdb: no LBA28 region just below the boundary"
    assert any(lba + count == BIG_BYTES // SECTOR for _, lba, count, _ in hdb), \
        "hdb: the last sectors were not written"

    # The data, read back from the files by the host.
    for disk, path in (("hdb", big), ("hdc", small)):
        for kind, lba, count, tag in regions[disk]:
            wrong = check_region(path, lba, count, tag)
            assert wrong is None, f"{disk}: {kind} region at LBA {lba}: {wrong}"
        stray = stray_sectors(path, [(lba, count) for _, lba, count, _ in regions[disk]])
        assert not stray, f"{disk}: sectors written outside the announced regions: {stray[:10]}"
        with open(path, "rb") as f:
            assert f.read(len(SCRATCH_MAGIC)) == SCRATCH_MAGIC, f"{disk}: sector 0 was changed"

    # How the data went, as QEMU's IDE emulation saw it.
    with open(trace) as f:
        log = f.read()
    dma_writes = {int(s) for s, n, op in DMA_CB.findall(log) if op == "WRITE"}
    pio_writes = {int(s) for s, n in SECTOR_WRITE.findall(log)}
    for disk in regions:
        for kind, lba, count, tag in regions[disk]:
            if kind.startswith("dma"):
                assert lba in dma_writes, f"{disk}: {kind} at LBA {lba}: QEMU saw no DMA write"
                assert lba not in pio_writes, f"{disk}: {kind} at LBA {lba} went by PIO"
            else:
                assert lba in pio_writes, f"{disk}: {kind} at LBA {lba}: QEMU saw no PIO write"
                assert lba not in dma_writes, f"{disk}: {kind} at LBA {lba} went by DMA"
    commands = [int(c, 16) for c in EXEC_CMD.findall(log)]
    assert commands.count(ATA_CMD_FLUSH_CACHE_EXT) >= 3, \
        "FLUSH CACHE EXT was not sent to each disk written"
    shutil.rmtree(work)  # kept when the test fails, to look at


def boot_custom(t, name, drives, cmdline, limit=KTEST_LIMIT):
    """Boot with drives of our own choosing (the harness always attaches the image as
    the primary master); return (QEMU's exit status, the console text)."""
    os.makedirs(log_dir(), exist_ok=True)
    console = os.path.join(log_dir(), f"{name}.log")
    argv = qemu_argv(t.image, cmdline=cmdline, serial=["-serial", f"file:{console}"],
                     name=f"adventos:{name}")
    at = argv.index("-drive")
    argv[at:at + 2] = drives
    if shutil.which("setpriv"):
        argv = ["setpriv", "--pdeathsig", "KILL", "--"] + argv
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=limit)
        status = proc.returncode
        if proc.stderr.strip():
            t.note(f"qemu stderr: {proc.stderr.strip()}")
    except subprocess.TimeoutExpired:
        status = None
    with open(console, errors="replace") as f:
        text = f.read().replace("\r", "")
    assert status is not None, f"QEMU did not exit within {limit:g} s:\n{text[-2000:]}"
    return status, text


@timeout(180)
def test_boot_from_the_secondary_channel_only(t):
    """No disk on the primary channel: found empty, no hang; the image is hdc."""
    status, text = boot_custom(
        t, "storage-secondary-only",
        ["-drive", f"file={t.image},format=raw,if=ide,index=2"],
        "ktest=ata_ root=hdc2")
    assert adventos.KTEST_DONE.search(text), f"no KTEST DONE line:\n{text[-3000:]}"
    results = [r for r in map(parse_result_line, text.splitlines()) if r]
    assert_all_passed(results, ["kernel.ata_identify_matches_image",
                                "kernel.ata_boot_partition_says_advboot1",
                                "kernel.ata_pio_and_dma_reads_agree",
                                "kernel.ata_rw_patterns"], text)
    assert re.search(r"^ata: primary channel \(0x1f0, irq 14\): no disks$", text, re.MULTILINE),\
        f"the empty primary channel was not reported:\n{text[-3000:]}"
    assert re.search(r"^hdc: ATA disk ", text, re.MULTILINE), "the image was not found as hdc"
    assert re.search(r"^blockdev: hdc1: type 0xda", text, re.MULTILINE), "no hdc1 partition"
    assert not re.search(r"^hd[abd]: ATA disk", text, re.MULTILINE), "a disk that is not there"
    assert status == 1, f"QEMU exited with {status}, expected 1 (all passed)"


def test_ata_pio_option_turns_dma_off(t):
    """ata=pio: known, announced, and no DMA at all in QEMU's trace."""
    work = scratch_dir(t)
    logs = {}
    for mode in ("pio", "default"):
        trace = os.path.join(work, f"trace-{mode}.log")
        m = t.machine(cmdline="ata=pio" if mode == "pio" else "console=both",
                      extra_args=trace_args(trace))
        logs[mode] = adventos.boot_log(m)
        m.quit()
        with open(trace) as f:
            logs[mode + "-trace"] = f.read()
    assert "cmdline: unknown option 'ata" not in logs["pio"], "ata= is not a known option"
    assert "ata: DMA off (ata=pio)" in logs["pio"], "ata=pio was not announced"
    assert re.search(r"^hda: ATA disk .*\(PIO forced\)", logs["pio"], re.MULTILINE), \
        "hda does not say that PIO is forced"
    assert not DMA_CB.search(logs["pio-trace"]), "DMA happened despite ata=pio"
    default_dma = DMA_CB.findall(logs["default-trace"])
    assert any(int(s) == 0 and op == "READ" for s, n, op in default_dma), \
        "without ata=pio the partition table was not read by DMA"
    shutil.rmtree(work)


def test_pci_bridge_and_64bit_bar(t):
    """The scan follows a PCI-to-PCI bridge and sizes a 64-bit BAR behind it."""
    m = t.machine(cmdline="ktest=pci", extra_args=[
        "-device", "pci-bridge,id=br1,chassis_nr=1,addr=0x5",
        "-device", "pci-testdev,bus=br1,addr=0x3,membar=1M"])
    text, results = run_ktest(m)
    assert_all_passed(results, ["kernel.pci_bars_are_sized_and_left_as_they_were",
                                "kernel.pci_finds_the_ide_controller"], text)
    assert re.search(r"^pci: 00:05\.0 1b36:0001 class 06\.04\.00 PCI-to-PCI bridge.*, bus 1",
                     text, re.MULTILINE), f"the bridge line is missing:\n{text[:3000]}"
    assert re.search(r"^pci: 01:03\.0 1b36:0005 .*bar2 mem64 pref 0x[0-9a-f]+/0x100000\b",
                     text, re.MULTILINE), \
        f"the device behind the bridge, with its 1 MiB 64-bit BAR, is missing:\n{text[:3000]}"
    assert re.search(r"^pci: 00:01\.1 8086:7010 class 01\.01\.80 IDE controller", text,
                     re.MULTILINE), "the PIIX3 IDE function (a multi-function device) is missing"


def test_isa_machine_without_pci(t):
    """Without PCI the ATA driver uses the ISA ports, PIO only, and still works."""
    work = scratch_dir(t)
    small = os.path.join(work, "small.img")
    make_scratch(small, SMALL_BYTES)
    m = t.machine(cmdline="ktest=ata_rw", extra_args=[
        "-machine", "isapc", "-cpu", "pentium3",
        "-drive", f"file={small},format=raw,if=ide,index=1,snapshot=off"])
    text, results = run_ktest(m)
    assert_all_passed(results, ["kernel.ata_rw_patterns"], text)
    assert "pci: no configuration mechanism #1; no PCI devices" in text, \
        "the kernel did not notice that there is no PCI"
    assert "ata: no PCI IDE controller; trying the legacy ports" in text, \
        "no fallback to the legacy ports"
    assert re.search(r"^hda: ATA disk .*, PIO, irq 14$", text, re.MULTILINE), \
        "hda was not found on the legacy primary channel, with PIO"
    regions = [(k, int(lba), int(n), int(tag)) for disk, k, lba, n, tag in RW_LINE.findall(text)
               if disk == "hdb"]
    assert regions, "nothing was written on the scratch disk hdb"
    assert all(k.startswith("pio") for k, _, _, _ in regions), "DMA without a bus master"
    for kind, lba, count, tag in regions:
        wrong = check_region(small, lba, count, tag)
        assert wrong is None, f"hdb: {kind} region at LBA {lba}: {wrong}"
    shutil.rmtree(work)
