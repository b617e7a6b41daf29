"""AdventFS images for system tests: making scratch file systems with the host's
mkfs.adventfs and checking them with fsck.adventfs (tools/, built by make).

A scratch disk is attached as the second IDE disk (hdb), which the file-system
ktests mount on /mnt/kt (kernel/test/fs_scratch.c).
"""

import os
import shutil
import struct
import subprocess

ROOT_PARTITION_TYPE = 0x7F  # docs/boot.md: partition 2 of os.img holds the AdventFS root
SECTOR = 512


def tool(build, name):
    path = os.path.join(build, "tools", name)
    if not os.access(path, os.X_OK):
        raise AssertionError(f"{path} is missing: run make")
    return path


def scratch_dir(t):
    """build/test-scratch/<test>, emptied first."""
    path = os.path.join(t.build, "test-scratch", t.name.replace("/", "_"))
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def make_fs(build, path, size_mb=128, inodes=16384, block_size=4096):
    """A fresh AdventFS image at path."""
    if os.path.exists(path):
        os.unlink(path)
    r = subprocess.run([tool(build, "mkfs.adventfs"), "-q", "-b", str(block_size), "-N",
                        str(inodes), path, str(size_mb)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, f"mkfs.adventfs failed: {r.stderr.strip()}"
    return path


def fsck(build, path, repair=False):
    """Run fsck.adventfs (-n unless repair); return (exit status, output)."""
    argv = [tool(build, "fsck.adventfs")] + ([] if repair else ["-n"]) + [path]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    return r.returncode, (r.stdout + r.stderr).strip()


def hdb_args(path):
    """QEMU options attaching path, writable, as the primary slave (hdb)."""
    return ["-drive", f"file={path},format=raw,if=ide,index=1,snapshot=off"]


def extract_root_partition(image, out):
    """Copy the AdventFS root partition of a disk image (MBR partition table) to out."""
    with open(image, "rb") as f:
        mbr = f.read(SECTOR)
        assert mbr[510:512] == b"\x55\xaa", f"{image}: no MBR signature"
        for i in range(4):
            entry = mbr[446 + 16 * i:446 + 16 * (i + 1)]
            start, count = struct.unpack("<II", entry[8:16])
            if entry[4] == ROOT_PARTITION_TYPE and count:
                break
        else:
            raise AssertionError(f"{image}: no partition of type {ROOT_PARTITION_TYPE:#x}")
        f.seek(start * SECTOR)
        with open(out, "wb") as o:
            left = count * SECTOR
            while left:
                chunk = f.read(min(left, 1 << 20))
                assert chunk, f"{image}: the root partition runs past the end of the image"
                o.write(chunk)
                left -= len(chunk)
    return out
