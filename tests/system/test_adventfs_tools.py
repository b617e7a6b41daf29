"""mkfs.adventfs and fsck.adventfs, run on the host (no QEMU).

The tools are judged by an independent reader of the format written in Python
from docs/adventfs.md (tests/tools/adventfs_reader.py): it parses the
superblock, inodes, block maps and directories itself, and checks every
invariant of the specification. So "mkfs copied the tree" means the reader
finds every file's bytes, mode, times and links in the image, and "fsck says
clean" is only believed when the reader agrees.

  - mkfs on empty images of every block size and several sizes: fsck -n is
    clean and the layout is the one the specification prescribes;
  - mkfs -d on a tree with a file past the indirect (and double indirect)
    threshold, sparse files, deep directories, 2000 files in one directory,
    short and long symbolic links, odd names, hard links, special modes;
  - mkfs's ownership options and its errors;
  - fsck on one targeted corruption per invariant: -n reports it (exit 4)
    and changes no byte, a repair fixes it (exit 1), a second -n is clean;
  - fsck on hundreds of random corruptions, with the AddressSanitizer/UBSan
    builds: never a crash or a hang, and a repair it calls successful is
    verified both by fsck -n and by the independent checker.
"""

import collections
import concurrent.futures
import hashlib
import os
import random
import shutil
import stat
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))

import adventfs_reader as fsr  # noqa: E402  (needs the path above)
from harness import timeout  # noqa: E402

CLEAN, CORRECTED, UNCORRECTED, OPERATIONAL, USAGE = 0, 1, 4, 8, 16
SANITIZER_EXIT = 70
TOOL_TIMEOUT = 20          # seconds for one tool run on the small images used here
FUZZ_TIMEOUT = 10          # "never a timeout of a few seconds"
FUZZ_CASES = int(os.environ.get("ADVFS_FUZZ_CASES", "320"))
FUZZ_SEED = int(os.environ.get("ADVFS_FUZZ_SEED", "20240601"))


# ---- running the tools ----

def tool(t, name, sanitized=False):
    path = os.path.join(t.build, "host", "tools-asan", name) if sanitized else \
        os.path.join(t.build, "tools", name)
    assert os.access(path, os.X_OK), f"{path} is not built (make {os.path.relpath(path)})"
    return path


def sanitizer_env():
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = f"exitcode={SANITIZER_EXIT}:abort_on_error=0"
    env["UBSAN_OPTIONS"] = f"exitcode={SANITIZER_EXIT}:print_stacktrace=1:halt_on_error=1"
    return env


def run(argv, limit=TOOL_TIMEOUT):
    """Run a tool; a signal or a sanitizer report fails the test at once."""
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, errors="replace",
                              timeout=limit, env=sanitizer_env(), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{' '.join(argv)} did not finish within {limit} s")
    assert proc.returncode >= 0, \
        f"{' '.join(argv)} was killed by signal {-proc.returncode}\n{proc.stderr[-3000:]}"
    assert proc.returncode != SANITIZER_EXIT, \
        f"{' '.join(argv)}: sanitizer report\n{proc.stderr[-3000:]}"
    return proc


def mkfs(t, image, size_mb=None, *options, expect=0):
    argv = [tool(t, "mkfs.adventfs"), "-q", *options, image]
    if size_mb is not None:
        argv.append(str(size_mb))
    proc = run(argv)
    if expect is not None:
        assert proc.returncode == expect, \
            f"mkfs {' '.join(options)} {size_mb} exited {proc.returncode}:\n{proc.stderr}"
    return proc


def fsck(t, image, *options, sanitized=False, limit=TOOL_TIMEOUT):
    return run([tool(t, "fsck.adventfs", sanitized), *options, image], limit)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def assert_fsck(t, image, options, want, why=""):
    proc = fsck(t, image, *options)
    assert proc.returncode == want, \
        f"fsck {' '.join(options)} {why}: exit {proc.returncode}, expected {want}\n" \
        f"{proc.stdout[-3000:]}{proc.stderr[-2000:]}"
    return proc


def assert_reader_clean(image, why=""):
    problems = fsr.Image.load(image).check()
    assert not problems, f"the independent checker disagrees {why}:\n" + "\n".join(problems[:30])


# ---- source trees ----

def write(path, data, mode=None, mtime_ns=None):
    with open(path, "wb") as f:
        f.write(data)
    if mode is not None:
        os.chmod(path, mode)
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))


def make_full_tree(root):
    """Every kind of content mkfs must copy."""
    rng = random.Random(7)
    os.makedirs(root)
    write(os.path.join(root, "hello.txt"), b"hello, AdventFS\n", 0o644, 1_600_000_000_123_456_789)
    write(os.path.join(root, "empty"), b"")
    # Past the indirect threshold for every block size (and past the double
    # indirect one with 1 KiB blocks: 12 + 256 blocks).
    write(os.path.join(root, "big.bin"), rng.randbytes(300 * 1024 + 123))
    # Past the double indirect threshold with 4 KiB blocks (12 + 1024 blocks),
    # mostly holes.
    with open(os.path.join(root, "huge-sparse.bin"), "wb") as f:
        for off in (0, 70_000, 4_300_000, 4_500_000):
            f.seek(off)
            f.write(rng.randbytes(3000))
    with open(os.path.join(root, "sparse.bin"), "wb") as f:
        f.write(b"start")
        f.seek(64 * 1024)
        f.write(b"middle" * 50)
        f.seek(300 * 1024 - 3)
        f.write(b"end")
    write(os.path.join(root, "zeros.bin"), bytes(50 * 1024))
    write(os.path.join(root, "secret"), b"s3cret\n", 0o600)
    write(os.path.join(root, "setuid"), b"#!/bin/sh\n", 0o4755)
    write(os.path.join(root, "readonly"), b"r\n", 0o444)
    os.mkdir(os.path.join(root, "sticky"))
    os.chmod(os.path.join(root, "sticky"), 0o1777)
    os.link(os.path.join(root, "hello.txt"), os.path.join(root, "hard-link"))
    os.mkfifo(os.path.join(root, "pipe"))

    deep = root
    for level in range(40):
        deep = os.path.join(deep, f"d{level}")
    os.makedirs(deep)
    write(os.path.join(deep, "leaf.txt"), b"at the bottom\n")

    many = os.path.join(root, "many")
    os.mkdir(many)
    for i in range(2000):
        write(os.path.join(many, f"file-{i:04d}"), f"{i}\n".encode() * (i % 7))
    os.mkdir(os.path.join(many, "subdir"))

    os.symlink("hello.txt", os.path.join(root, "link-short"))
    os.symlink("x" * 60, os.path.join(root, "link-60"))
    os.symlink("y" * 61, os.path.join(root, "link-61"))
    os.symlink("/very/long/" + "z/" * 450, os.path.join(root, "link-long"))
    os.symlink("/does/not/exist", os.path.join(root, "link-dangling"))

    odd = os.path.join(root, "odd")
    os.mkdir(odd)
    for name in (b"with space", b"tab\tname", b"new\nline", "\u00fcn\u00efc\u00f6d\u00e9".encode(),
                 b"\xff\xfe raw bytes", b"#hash", b"-dash", b".hidden", b"back\\slash",
                 b"n" * 255, b"a", b"..."):
        write(os.path.join(os.fsencode(odd), name), name + b"\n")
    os.utime(root, ns=(1_500_000_000_000_000_001, 1_500_000_000_000_000_001))


def source_tree(root):
    """{b"/path": os.stat_result} of a host tree, like Image.tree()."""
    root = os.fsencode(root)
    out = {b"/": os.lstat(root)}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            out[b"/" + os.path.relpath(path, root)] = os.lstat(path)
    return out


def compare_tree(image, src, uid=0, gid=0):
    """Every file of src is in the image with its content, mode, size, mtime and links."""
    img = fsr.Image.load(image)
    got = img.tree()
    want = source_tree(src)
    assert set(got) == set(want), \
        f"paths differ: missing {sorted(set(want) - set(got))[:5]}, " \
        f"extra {sorted(set(got) - set(want))[:5]}"
    # Links as the copy has them: a directory has 2 + its subdirectories.
    subdirs = {}
    names = {}
    for path, st in want.items():
        if stat.S_ISDIR(st.st_mode) and path != b"/":
            parent = os.path.dirname(path)
            subdirs[parent] = subdirs.get(parent, 0) + 1
        if not stat.S_ISDIR(st.st_mode):
            names.setdefault((st.st_dev, st.st_ino), []).append(path)
    for path, st in want.items():
        e = got[path]
        where = f"{image}: {path!r}"
        assert e.mode == st.st_mode, f"{where}: mode {e.mode:o}, source {st.st_mode:o}"
        assert (e.uid, e.gid) == (uid, gid), f"{where}: owner {e.uid}:{e.gid}"
        assert (e.mtime, e.mtime_nsec) == (st.st_mtime_ns // 10**9, st.st_mtime_ns % 10**9), \
            f"{where}: mtime {e.mtime}.{e.mtime_nsec:09d}, source {st.st_mtime_ns}"
        if stat.S_ISREG(st.st_mode):
            with open(os.path.join(os.fsencode(src), path[1:]), "rb") as f:
                data = f.read()
            assert e.size == len(data) and e.content == data, f"{where}: content differs"
        elif stat.S_ISLNK(st.st_mode):
            target = os.readlink(os.path.join(os.fsencode(src), path[1:]))
            assert e.target == target and e.size == len(target), \
                f"{where}: target {e.target!r}, source {target!r}"
        if stat.S_ISDIR(st.st_mode):
            assert e.nlink == 2 + subdirs.get(path, 0), f"{where}: nlink {e.nlink}"
        else:
            same = names[(st.st_dev, st.st_ino)]
            assert e.nlink == len(same), f"{where}: nlink {e.nlink}, {len(same)} names"
            assert len({got[p].ino for p in same}) == 1, f"{where}: hard links split"
    return img, got


# ---- mkfs ----

def expected_layout(size_bytes, bs):
    """What docs/adventfs.md says mkfs chooses."""
    blocks = size_bytes // bs
    journal = min(max(blocks // 64, 64), 8192)
    inodes = max(64, size_bytes // 16384)
    return blocks, journal, inodes


def check_fresh_image(image, size_bytes, bs):
    img = fsr.Image.load(image)
    sb = img.sb
    blocks, journal, inodes = expected_layout(size_bytes, bs)
    assert sb.block_size == bs and sb.blocks_count == blocks, \
        f"{image}: {sb.blocks_count} blocks of {sb.block_size}, expected {blocks} of {bs}"
    assert sb.journal_blocks == journal, f"{image}: journal {sb.journal_blocks}, want {journal}"
    # One inode per 16 KiB, at least 64; rounding up to fill the table's last block is allowed.
    assert inodes <= sb.inodes_count < inodes + bs // fsr.INODE_SIZE, \
        f"{image}: {sb.inodes_count} inodes, expected about {inodes}"
    assert sb.version == 1 and sb.features_incompat == 1 and sb.state == fsr.STATE_CLEAN
    assert sb.journal_start == 1 and sb.root_ino == fsr.ROOT_INO
    assert [n for n, _, _ in img.entries(fsr.ROOT_INO)] == [b".", b".."], "root not empty"
    root = img.inode(fsr.ROOT_INO)
    assert root.mode & fsr.S_IFMT == fsr.S_IFDIR and root.nlink == 2
    problems = img.check()
    assert not problems, f"{image}: " + "\n".join(problems[:20])
    # All of the data region but the root's block is free.
    assert sb.free_blocks == blocks - sb.data_start - 1, f"{image}: {sb.free_blocks} free blocks"
    assert sb.free_inodes == sb.inodes_count - 2, f"{image}: {sb.free_inodes} free inodes"


def test_mkfs_empty_images_are_clean(t):
    """Every block size and several sizes: the prescribed layout, and fsck -n says clean."""
    tmp = tempfile.mkdtemp(prefix="advfs-")
    try:
        for bs in (1024, 2048, 4096):
            for size_mb in (1, 6, 100):
                image = os.path.join(tmp, f"empty-{bs}-{size_mb}.img")
                mkfs(t, image, size_mb, "-b", str(bs))
                assert os.path.getsize(image) == size_mb << 20
                assert_fsck(t, image, ["-n"], CLEAN, f"of a fresh {size_mb} MiB, {bs} image")
                check_fresh_image(image, size_mb << 20, bs)
        # No size: the existing file's, not a multiple of the block size.
        image = os.path.join(tmp, "existing.img")
        with open(image, "wb") as f:
            f.truncate(3 * 1024 * 1024 + 5000)
        mkfs(t, image, None, "-b", "2048")
        check_fresh_image(image, 3 * 1024 * 1024 + 5000, 2048)
        assert_fsck(t, image, ["-n"], CLEAN, "of an image sized by its file")
        # -N and -J as asked, -L stored.
        image = os.path.join(tmp, "options.img")
        mkfs(t, image, 8, "-N", "1000", "-J", "300", "-L", "rootfs")
        sb = fsr.Image.load(image).sb
        assert 1000 <= sb.inodes_count < 1032 and sb.journal_blocks == 300, sb
        assert sb.label.rstrip(b"\0") == b"rootfs", sb.label
        assert_fsck(t, image, ["-n"], CLEAN, "with -N/-J/-L")
    finally:
        shutil.rmtree(tmp)


@timeout(240)
def test_mkfs_copies_a_tree(t):
    """mkfs -d: the independent reader finds the source tree in the image, for each block size."""
    tmp = tempfile.mkdtemp(prefix="advfs-")
    try:
        src = os.path.join(tmp, "src")
        make_full_tree(src)
        for bs in (1024, 2048, 4096):
            image = os.path.join(tmp, f"tree-{bs}.img")
            mkfs(t, image, 40, "-b", str(bs), "-d", src)
            assert_fsck(t, image, ["-n"], CLEAN, f"of a populated {bs}-byte-block image")
            img, got = compare_tree(image, src)
            problems = img.check()
            assert not problems, f"{image}: " + "\n".join(problems[:20])
            # Whole zero blocks are holes.
            assert img.inode(got[b"/zeros.bin"].ino).blocks == 0, "zeros.bin is not sparse"
            sparse = img.inode(got[b"/sparse.bin"].ino)
            assert sparse.blocks < (300 * 1024) // bs, f"sparse.bin has {sparse.blocks} blocks"
            # Symbolic links: inline up to 60 bytes, in a block beyond.
            assert img.inode(got[b"/link-60"].ino).blocks == 0
            assert img.inode(got[b"/link-61"].ino).blocks == 1
            # The 2000 entries fill several directory blocks.
            assert len(img.dir_blocks(got[b"/many"].ino)) > 1
    finally:
        shutil.rmtree(tmp)


def test_mkfs_owner_and_spec(t):
    """-u sets every owner; a -p SPEC line sets one path's mode and owner."""
    tmp = tempfile.mkdtemp(prefix="advfs-")
    try:
        src = os.path.join(tmp, "src")
        os.makedirs(os.path.join(src, "etc"))
        os.makedirs(os.path.join(src, "home", "alice"))
        write(os.path.join(src, "etc", "shadow"), b"root:*:1::::::\n", 0o644)
        write(os.path.join(src, "etc", "motd"), b"hi\n", 0o644)
        spec = os.path.join(tmp, "spec")
        with open(spec, "w") as f:
            f.write("# path mode uid gid\n"
                    "/etc/shadow 0600 0 42\n"
                    "home/alice  700 1000 1000   # a home\n"
                    "\n"
                    "/ 0755 - -\n")
        image = os.path.join(tmp, "owned.img")
        mkfs(t, image, 4, "-d", src, "-u", "5:6", "-p", spec)
        assert_fsck(t, image, ["-n"], CLEAN, "of an image with owners")
        tree = fsr.Image.load(image).tree()
        assert (tree[b"/etc/shadow"].mode, tree[b"/etc/shadow"].uid, tree[b"/etc/shadow"].gid) \
            == (0o100600, 0, 42), tree[b"/etc/shadow"]
        assert (tree[b"/home/alice"].mode, tree[b"/home/alice"].uid) == (0o40700, 1000)
        assert (tree[b"/etc/motd"].uid, tree[b"/etc/motd"].gid) == (5, 6), tree[b"/etc/motd"]
        assert tree[b"/"].mode == 0o40755

        # A spec naming a file that is not there is an error, with the line.
        with open(spec, "a") as f:
            f.write("/etc/passwd 0644 0 0\n")
        proc = mkfs(t, os.path.join(tmp, "bad.img"), 4, "-d", src, "-p", spec, expect=None)
        assert proc.returncode != 0 and "spec:6" in proc.stderr and "/etc/passwd" in proc.stderr, \
            proc.stderr
        assert not os.path.exists(os.path.join(tmp, "bad.img")), "failed mkfs left its image"
    finally:
        shutil.rmtree(tmp)


def test_mkfs_errors(t):
    """Clear errors, on stderr as "mkfs.adventfs: what: reason", and no image left behind."""
    tmp = tempfile.mkdtemp(prefix="advfs-")

    def fails(why, size, *options):
        image = os.path.join(tmp, "out.img")
        proc = mkfs(t, image, size, *options, expect=None)
        assert proc.returncode != 0, f"mkfs {options} {size} succeeded; expected: {why}"
        assert proc.stderr.startswith("mkfs.adventfs: ") and why in proc.stderr, proc.stderr
        assert not os.path.exists(image), f"mkfs failing with '{why}' left {image}"

    try:
        fails("image too small", 0)
        fails("image too small", 1, "-b", "1024", "-J", "2000")
        src = os.path.join(tmp, "hundred")
        os.mkdir(src)
        for i in range(100):
            write(os.path.join(src, f"f{i}"), b"x")
        fails("too many files", 4, "-N", "64", "-d", src)
        # A file past what the block map reaches with 1 KiB blocks (about 16 GiB).
        big = os.path.join(tmp, "big")
        os.mkdir(big)
        with open(os.path.join(big, "huge"), "wb") as f:
            f.truncate(17 << 30)
        fails("file too large", 64, "-b", "1024", "-d", big)
        # A symbolic link target must fit in one block.
        longlink = os.path.join(tmp, "longlink")
        os.mkdir(longlink)
        os.symlink("q" * 1500, os.path.join(longlink, "l"))
        fails("too long", 8, "-b", "1024", "-d", longlink)
        fails("block size", 8, "-b", "512")
        fails("No such file", 8, "-d", os.path.join(tmp, "missing"))
        # A source tree that needs more blocks than the image has.
        fat = os.path.join(tmp, "fat")
        os.mkdir(fat)
        write(os.path.join(fat, "blob"), random.Random(1).randbytes(3 << 20))
        fails("image too small", 2, "-d", fat)
    finally:
        shutil.rmtree(tmp)


# ---- fsck: targeted corruptions ----

def make_small_tree(root):
    os.makedirs(os.path.join(root, "dir", "sub"))
    rng = random.Random(3)
    write(os.path.join(root, "a.txt"), b"alpha\n")
    write(os.path.join(root, "big.bin"), rng.randbytes(40 * 1024 + 17))
    write(os.path.join(root, "dir", "b.txt"), b"bravo bravo\n")
    write(os.path.join(root, "dir", "b2.txt"), b"bravo two\n")
    write(os.path.join(root, "dir", "sub", "c.txt"), b"charlie\n")
    write(os.path.join(root, "hard1"), b"shared\n")
    os.link(os.path.join(root, "hard1"), os.path.join(root, "hard2"))
    os.symlink("a.txt", os.path.join(root, "link"))
    os.symlink("/" + "long/" * 30, os.path.join(root, "longlink"))


def entry(img, dir_path, name):
    """(byte offset, Record) of an entry of a directory."""
    for off, rec in img.entry_locations(img.lookup(dir_path)):
        if rec.name == name:
            return off, rec
    raise KeyError(name)


def free_data_block(img):
    for b in range(img.sb.blocks_count - 1, img.sb.data_start, -1):
        if not img.block_used(b):
            return b
    raise AssertionError("no free block")


def free_inode(img):
    for i in range(img.sb.inodes_count - 1, 1, -1):
        if not img.inode_used(i):
            return i
    raise AssertionError("no free inode")


def set_bit(img, start, n, value):
    off = start * img.bs + n // 8
    if value:
        img.data[off] |= 1 << (n % 8)
    else:
        img.data[off] &= ~(1 << (n % 8)) & 0xFF


def first_block(img, path):
    return img.block_map(img.lookup(path))[0][0][1]


def c_wrong_magic(img):
    img.put(fsr.SB_OFFSET["magic"], "<I", 0x12345678)
    img.reseal_superblock()


def c_bad_checksum(img):
    img.data[fsr.SB_OFFSET["label"] + 3] ^= 0x20


def c_used_block_marked_free(img):
    set_bit(img, img.sb.block_bitmap_start, first_block(img, "/big.bin"), 0)


def c_free_block_marked_used(img):
    set_bit(img, img.sb.block_bitmap_start, free_data_block(img), 1)


def c_shared_block(img):
    off = img.inode_offset(img.lookup("/a.txt")) + fsr.INODE_OFFSET["ptrs"]
    img.put(off, "<I", first_block(img, "/big.bin"))


def c_entry_names_free_inode(img):
    off, _ = entry(img, "/dir", b"b.txt")
    img.put(off, "<I", free_inode(img))


def c_wrong_link_count(img):
    img.put(img.inode_offset(img.lookup("/a.txt")) + fsr.INODE_OFFSET["nlink"], "<H", 7)


def c_wrong_free_counts(img):
    img.put(fsr.SB_OFFSET["free_blocks"], "<I", img.sb.free_blocks + 5)
    img.put(fsr.SB_OFFSET["free_inodes"], "<I", img.sb.free_inodes - 1)
    img.reseal_superblock()


def c_rec_len_zero(img):
    off, _ = entry(img, "/dir", b"b.txt")
    img.put(off + 4, "<H", 0)


def c_unreachable_inode(img):
    """b2.txt's entry removed as the spec removes (merged into the previous record)."""
    locs = img.entry_locations(img.lookup("/dir"))
    names = [r.name for _, r in locs]
    i = names.index(b"b2.txt")
    prev_off, prev = locs[i - 1]
    off, rec = locs[i]
    assert off == prev_off + prev.rec_len, "not adjacent records"
    img.put(prev_off + 4, "<H", prev.rec_len + rec.rec_len)


def c_pointer_beyond_fs(img):
    off = img.inode_offset(img.lookup("/big.bin")) + fsr.INODE_OFFSET["ptrs"] + 4 * 3
    img.put(off, "<I", img.sb.blocks_count + 10)


def c_pointer_past_end_of_file(img):
    off = img.inode_offset(img.lookup("/a.txt")) + fsr.INODE_OFFSET["ptrs"] + 4 * 5
    img.put(off, "<I", free_data_block(img))


def c_free_inode_not_zero(img):
    img.put(img.inode_offset(free_inode(img)) + fsr.INODE_OFFSET["mode"], "<H", 0o100644)


def c_invalid_type(img):
    img.put(img.inode_offset(img.lookup("/dir/b.txt")), "<H", 0o170644)


def c_wrong_file_type(img):
    off, _ = entry(img, "/", b"a.txt")
    img.data[off + 7] = 2


def c_wrong_dotdot(img):
    off, rec = entry(img, "/dir/sub", b"..")
    img.put(off, "<I", fsr.ROOT_INO)


def c_directory_cycle(img):
    """/dir/sub/c.txt replaced by a second name of /dir: a cycle."""
    off, _ = entry(img, "/dir/sub", b"c.txt")
    img.put(off, "<I", img.lookup("/dir"))
    img.data[off + 7] = 2


def c_bitmap_padding_cleared(img):
    set_bit(img, img.sb.inode_bitmap_start, img.sb.inode_bitmap_blocks * img.bs * 8 - 1, 0)


def c_directory_size(img):
    off = img.inode_offset(img.lookup("/dir")) + fsr.INODE_OFFSET["size"]
    img.put(off, "<Q", img.inode(img.lookup("/dir")).size + img.bs)


def c_bad_state(img):
    img.put(fsr.SB_OFFSET["state"], "<I", 77)
    img.reseal_superblock()


def add_transaction(img, seq, pos, changes, commit=True, geo=None):
    """Write one journal transaction at log position pos: {target: new block bytes}
    (where the journal is: geo's superblock, by default img's)."""
    geo = geo or img
    bs, js = geo.bs, geo.sb.journal_start
    targets = list(changes)
    desc = bytearray(bs)
    fsr.J_HEADER.pack_into(desc, 0, fsr.JOURNAL_MAGIC, fsr.J_DESCRIPTOR, seq, len(targets), 0)
    struct.pack_into(f"<{len(targets)}I", desc, fsr.J_HEADER.size, *targets)
    crc = fsr.crc32c(desc)
    blocks = [desc]
    for target in targets:
        crc = fsr.crc32c(changes[target], crc)
        blocks.append(changes[target])
    commit_block = bytearray(bs)
    fsr.J_HEADER.pack_into(commit_block, 0, fsr.JOURNAL_MAGIC, fsr.J_COMMIT, seq, len(targets),
                           crc if commit else crc ^ 1)
    blocks.append(commit_block)
    assert pos + len(blocks) <= geo.sb.journal_blocks, "transaction larger than the journal"
    for i, data in enumerate(blocks):
        at = (js + pos + i) * bs
        img.data[at:at + bs] = data
    return pos + len(blocks)


def set_journal(img, start, sequence, geo=None):
    geo = geo or img
    raw = bytearray(fsr.J_SUPER_FORMAT.pack(fsr.JOURNAL_MAGIC, fsr.J_SUPER, geo.bs,
                                            geo.sb.journal_blocks, sequence, start, 0))
    struct.pack_into("<I", raw, 24, fsr.crc32c(raw[:24]))
    at = geo.sb.journal_start * geo.bs
    img.data[at:at + 28] = raw


def c_journal_not_checkpointed(img):
    """Two committed transactions (a mode change; a rename) and one that never committed."""
    a = img.lookup("/a.txt")
    itab_block = img.inode_offset(a) // img.bs
    new_itab = bytearray(img.block(itab_block))
    struct.pack_into("<H", new_itab, img.inode_offset(a) % img.bs, 0o100600)
    off, rec = entry(img, "/dir", b"b.txt")
    dir_block = off // img.bs
    new_dir = bytearray(img.block(dir_block))
    new_dir[off % img.bs + 8:off % img.bs + 13] = b"B.TXT"
    other = bytearray(img.block(dir_block))
    other[off % img.bs + 8:off % img.bs + 13] = b"WRONG"
    seq = 41
    pos = add_transaction(img, seq, 1, {itab_block: bytes(new_itab)})
    pos = add_transaction(img, seq + 1, pos, {dir_block: bytes(new_dir)})
    add_transaction(img, seq + 2, pos, {dir_block: bytes(other)}, commit=False)
    set_journal(img, 1, seq)


def after_journal(img):
    assert img.inode(img.lookup("/a.txt")).mode == 0o100600, "the mode change was not replayed"
    names = [n for n, _, _ in img.entries(img.lookup("/dir"))]
    assert b"B.TXT" in names and b"WRONG" not in names and b"b.txt" not in names, names
    j = img.journal_super()
    assert j[5] == 0 and j[4] == 43, f"journal superblock after recovery: {j}"


def lost_found_has(path, content):
    def check(img):
        lf = img.lookup("/lost+found")
        found = [img.read_file(i) for n, i, _ in img.entries(lf) if n not in (b".", b"..")]
        assert content in found, f"{path} is not in /lost+found: {found}"
    return check


def after_link_count(img):
    assert img.inode(img.lookup("/a.txt")).nlink == 1


def after_pointer_beyond(img):
    data = img.read_file(img.lookup("/big.bin"))
    assert data[3 * 1024:4 * 1024] == bytes(1024) and len(data) == 40 * 1024 + 17


def after_cycle(img):
    names = [n for n, _, _ in img.entries(img.lookup("/dir/sub"))]
    assert names == [b".", b".."], f"the cycle is still there: {names}"
    lost_found_has("c.txt", b"charlie\n")(img)


CORRUPTIONS = [
    ("wrong magic", c_wrong_magic, OPERATIONAL, None),
    ("bad superblock checksum", c_bad_checksum, UNCORRECTED, None),
    ("used block marked free", c_used_block_marked_free, UNCORRECTED, None),
    ("free block marked used", c_free_block_marked_used, UNCORRECTED, None),
    ("block shared by two files", c_shared_block, UNCORRECTED, None),
    ("entry names a free inode", c_entry_names_free_inode, UNCORRECTED,
     lost_found_has("b.txt", b"bravo bravo\n")),
    ("wrong link count", c_wrong_link_count, UNCORRECTED, after_link_count),
    ("wrong free counts", c_wrong_free_counts, UNCORRECTED, None),
    ("directory record with rec_len 0", c_rec_len_zero, UNCORRECTED, None),
    ("unreachable inode", c_unreachable_inode, UNCORRECTED,
     lost_found_has("b2.txt", b"bravo two\n")),
    ("pointer beyond the file system", c_pointer_beyond_fs, UNCORRECTED, after_pointer_beyond),
    ("pointer past the end of a file", c_pointer_past_end_of_file, UNCORRECTED, None),
    ("free inode not zeroed", c_free_inode_not_zero, UNCORRECTED, None),
    ("inode of invalid type", c_invalid_type, UNCORRECTED, None),
    ("wrong file type in an entry", c_wrong_file_type, UNCORRECTED, None),
    ("wrong '..'", c_wrong_dotdot, UNCORRECTED, None),
    ("directory cycle", c_directory_cycle, UNCORRECTED, after_cycle),
    ("bitmap padding bit cleared", c_bitmap_padding_cleared, UNCORRECTED, None),
    ("directory size", c_directory_size, UNCORRECTED, None),
    ("invalid state", c_bad_state, UNCORRECTED, None),
    ("committed journal transaction not checkpointed", c_journal_not_checkpointed, UNCORRECTED,
     after_journal),
]


def small_image(t, tmp, bs=1024):
    src = os.path.join(tmp, "small-src")
    if not os.path.exists(src):
        make_small_tree(src)
    image = os.path.join(tmp, f"small-{bs}.img")
    if not os.path.exists(image):
        mkfs(t, image, 4, "-b", str(bs), "-d", src)
        assert_reader_clean(image, "with the fresh image")
    return image


@timeout(240)
def test_fsck_finds_and_repairs_each_corruption(t):
    """One damage per invariant: -n reports and changes nothing, repair fixes, -n is clean."""
    tmp = tempfile.mkdtemp(prefix="advfs-")
    try:
        base = small_image(t, tmp)
        assert_fsck(t, base, ["-n"], CLEAN, "of the undamaged image")
        for name, corrupt, want_n, after in CORRUPTIONS:
            image = os.path.join(tmp, "damaged.img")
            img = fsr.Image.load(base)
            corrupt(img)
            img.save(image)
            before = digest(image)
            proc = assert_fsck(t, image, ["-n"], want_n, f"after '{name}'")
            assert digest(image) == before, f"fsck -n changed the image after '{name}'"
            if want_n == OPERATIONAL:
                assert proc.stderr.startswith("fsck.adventfs: "), proc.stderr
                assert_fsck(t, image, [], OPERATIONAL, f"(repair) after '{name}'")
                assert digest(image) == before, f"fsck changed an image it cannot repair ('{name}')"
                continue
            assert proc.stdout.strip(), f"fsck -n printed nothing about '{name}'"
            assert_fsck(t, image, [], CORRECTED, f"(repair) after '{name}'")
            assert_fsck(t, image, ["-n"], CLEAN, f"after repairing '{name}'")
            assert_reader_clean(image, f"after repairing '{name}'")
            if after:
                after(fsr.Image.load(image))
    finally:
        shutil.rmtree(tmp)


def test_fsck_usage_and_operational_errors(t):
    """Exit 16 for usage errors, 8 for images it cannot read or recognise."""
    tmp = tempfile.mkdtemp(prefix="advfs-")
    try:
        assert_fsck(t, "", [], OPERATIONAL, "of an empty path")
        proc = run([tool(t, "fsck.adventfs")])
        assert proc.returncode == USAGE, proc
        proc = run([tool(t, "fsck.adventfs"), "-n", "-y", "x.img"])
        assert proc.returncode == USAGE, proc
        proc = run([tool(t, "fsck.adventfs"), "-q", "x.img"])
        assert proc.returncode == USAGE, proc
        assert_fsck(t, os.path.join(tmp, "missing.img"), ["-n"], OPERATIONAL, "of a missing file")
        zeros = os.path.join(tmp, "zeros.img")
        with open(zeros, "wb") as f:
            f.truncate(1 << 20)
        proc = assert_fsck(t, zeros, ["-n"], OPERATIONAL, "of zeros")
        assert "not an AdventFS" in proc.stderr, proc.stderr
        tiny = os.path.join(tmp, "tiny.img")
        write(tiny, b"x" * 100)
        assert_fsck(t, tiny, [], OPERATIONAL, "of a 100-byte file")
        # The file system says it is larger than its image.
        image = small_image(t, tmp)
        with open(image, "r+b") as f:
            f.truncate(2 << 20)
        proc = assert_fsck(t, image, ["-n"], OPERATIONAL, "of a truncated image")
    finally:
        shutil.rmtree(tmp)


def test_root_image(t):
    """build/root.img (make build/root.img): clean, with /etc/motd and /etc/hostname."""
    image = os.path.join(t.build, "root.img")
    if not os.path.exists(image):
        t.skip(f"{image} is not built (make {os.path.relpath(image)})")
    assert_fsck(t, image, ["-n"], CLEAN, "of the root image")
    img = fsr.Image.load(image)
    assert img.read_file(img.lookup("/etc/motd")) == b"Welcome to AdventOS.\n"
    assert img.read_file(img.lookup("/etc/hostname")) == b"adventos\n"
    assert not img.check()


# ---- fsck: random corruptions ----

def metadata_blocks(img):
    """Every block that holds metadata, by kind."""
    sb = img.sb
    kinds = {"super": [0], "journal": [sb.journal_start],
             "bitmap": list(range(sb.inode_bitmap_start, sb.inode_table_start)),
             "inodes": list(range(sb.inode_table_start, sb.data_start)),
             "directory": [], "indirect": [], "symlink": []}
    for path, e in img.tree().items():
        kind = e.mode & fsr.S_IFMT
        if kind not in (fsr.S_IFREG, fsr.S_IFDIR, fsr.S_IFLNK):
            continue
        inode = img.inode(e.ino)
        if not img.has_block_map(inode):
            continue
        data, meta = img.block_map(e.ino)
        kinds["indirect"] += meta
        if kind == fsr.S_IFDIR:
            kinds["directory"] += [b for _, b in data]
        elif kind == fsr.S_IFLNK:
            kinds["symlink"] += [b for _, b in data]
    return kinds


EXTREMES32 = (0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE)


class Fuzzer:
    def __init__(self, base_img):
        self.base = base_img
        self.blocks = metadata_blocks(base_img)
        self.used_inodes = sorted({e.ino for e in base_img.tree().values()})
        # Records are found in the undamaged image: a damaged one may not parse.
        self.records = [(d, off, rec) for e in base_img.tree().values()
                        if e.mode & fsr.S_IFMT == fsr.S_IFDIR
                        for d in [e.ino] for off, rec in base_img.entry_locations(d)]

    def value32(self, rng):
        sb = self.base.sb
        return rng.choice(EXTREMES32 + (sb.blocks_count, sb.blocks_count - 1, sb.data_start - 1,
                                        sb.data_start, sb.inodes_count, sb.inodes_count - 1,
                                        rng.getrandbits(32), rng.randrange(sb.blocks_count)))

    def mutate(self, img, rng):
        """Apply one random damage to img; returns what it did. Where things are is
        taken from the undamaged image: img's own superblock may be damaged already."""
        geo = self.base
        kind = rng.choice(["flip"] * 4 + ["zero"] * 2 + ["inode"] * 3 + ["dirent"] * 3 +
                          ["super"] * 2 + ["journal"])
        bs = geo.bs
        if kind in ("flip", "zero"):
            group = rng.choice([k for k, v in self.blocks.items() if v])
            b = rng.choice(self.blocks[group])
            if kind == "zero":
                img.data[b * bs:(b + 1) * bs] = bytes(bs)
                return f"zeroed {group} block {b}"
            flips = []
            for _ in range(rng.randint(1, 8)):
                at = b * bs + rng.randrange(1024 if b == 0 and rng.random() < 0.7 else bs)
                img.data[at] ^= rng.randrange(1, 256)
                flips.append(at)
            return f"flipped bytes {flips} in {group} block {b}"
        if kind == "inode":
            ino = rng.choice(self.used_inodes + [rng.randrange(1, geo.sb.inodes_count)])
            base = geo.inode_offset(ino)
            field, fmt = rng.choice([("mode", "<H"), ("nlink", "<H"), ("size", "<Q"),
                                     ("blocks", "<I"), ("flags", "<I"), ("ptr", "<I"),
                                     ("indirect", "<I"), ("double_indirect", "<I"),
                                     ("triple_indirect", "<I")])
            if field == "ptr":
                off = base + fsr.INODE_OFFSET["ptrs"] + 4 * rng.randrange(12)
            else:
                off = base + fsr.INODE_OFFSET[field]
            if fmt == "<H":
                value = rng.choice((0, 1, 0xFFFF, 0o170000, 0o040755, 0o120777, 0o100644,
                                    rng.getrandbits(16)))
            elif fmt == "<Q":
                value = rng.choice((0, 1, 1 << 63, (1 << 64) - 1, bs * 13, rng.getrandbits(40)))
            else:
                value = self.value32(rng)
            img.put(off, fmt, value)
            return f"inode {ino} {field} = {value:#x}"
        if kind == "dirent":
            d, off, rec = rng.choice(self.records)
            field = rng.choice(["inode", "rec_len", "name_len", "file_type", "name"])
            if field == "inode":
                value = rng.choice((0, 1, geo.sb.inodes_count, geo.sb.inodes_count - 1,
                                    0xFFFFFFFF, rng.choice(self.used_inodes)))
                img.put(off, "<I", value)
            elif field == "rec_len":
                value = rng.choice((0, 1, 4, 8, 12, rec.rec_len + 4, bs, 0xFFFF, 6))
                img.put(off + 4, "<H", value)
            elif field == "name_len":
                value = rng.choice((0, 1, 255, len(rec.name) + 1, len(rec.name) + 40))
                img.data[off + 6] = value
            elif field == "file_type":
                value = rng.choice((0, 2, 7, 8, 255))
                img.data[off + 7] = value
            else:
                value = rng.choice((b"/", b"\0", b"."))
                img.data[off + 8] = value[0]
            return f"directory {d} entry {rec.name!r} {field} = {value!r}"
        if kind == "super":
            names = fsr.SB_FIELDS[:22]
            field = rng.choice(names)
            value = self.value32(rng)
            img.put(fsr.SB_OFFSET[field], "<I", value)
            sealed = rng.random() < 0.7
            if sealed:
                img.reseal_superblock()
            return f"superblock {field} = {value:#x}{' (resealed)' if sealed else ''}"
        # A committed transaction that writes damage into metadata.
        changes = {}
        for _ in range(rng.randint(1, 3)):
            group = rng.choice(["bitmap", "inodes", "directory", "indirect", "super"])
            if not self.blocks[group]:
                continue
            target = rng.choice(self.blocks[group])
            data = bytearray(geo.block(target))
            for _ in range(rng.randint(1, 16)):
                data[rng.randrange(bs)] = rng.randrange(256)
            changes[target] = bytes(data)
        if rng.random() < 0.1:
            changes[rng.choice((geo.sb.blocks_count + 3, geo.sb.journal_start + 2))] = bytes(bs)
        seq = rng.getrandbits(32)
        add_transaction(img, seq, 1, changes or {0: geo.block(0)}, commit=rng.random() < 0.85,
                        geo=geo)
        set_journal(img, 1, seq, geo=geo)
        return f"journal transaction to blocks {sorted(changes)}"


def fuzz_case(t, fuzzer, base_path, workdir, n):
    """One random corruption; returns (failure description or None, [exit -n, exit repair])."""
    rng = random.Random(FUZZ_SEED * 1000 + n)
    img = fsr.Image.load(base_path)
    what = [fuzzer.mutate(img, rng) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
    image = os.path.join(workdir, f"case-{n}.img")
    img.save(image)
    codes = [None, None]
    try:
        failure = judge_fuzz_case(t, image, codes)
    except AssertionError as e:  # a crash, a sanitizer report or a hang
        failure = str(e)
    if failure:
        return f"case {n} ({'; '.join(what)}): {failure}", codes
    os.unlink(image)
    return None, codes


def judge_fuzz_case(t, image, codes):
    """Run the sanitized fsck on a damaged image; what went wrong, or None."""
    before = digest(image)
    check = fsck(t, image, "-n", sanitized=True, limit=FUZZ_TIMEOUT)
    codes[0] = check.returncode
    if check.returncode not in (CLEAN, UNCORRECTED, OPERATIONAL):
        return f"fsck -n exited {check.returncode}\n{check.stdout[-1500:]}"
    if digest(image) != before:
        return "fsck -n changed the image"
    if check.returncode == CLEAN:
        problems = fsr.Image.load(image).check()
        if problems:
            return f"fsck -n says clean, the checker finds: {problems[:5]}"
    repair = fsck(t, image, sanitized=True, limit=FUZZ_TIMEOUT)
    codes[1] = repair.returncode
    if repair.returncode not in (CLEAN, CORRECTED, UNCORRECTED, OPERATIONAL):
        return f"fsck exited {repair.returncode}\n{repair.stdout[-1500:]}"
    # What -n finds, a repair finds too (and the other way round).
    if (check.returncode == CLEAN) != (repair.returncode == CLEAN) or \
            (check.returncode == OPERATIONAL) != (repair.returncode == OPERATIONAL):
        return f"fsck -n exited {check.returncode} but fsck {repair.returncode}\n" \
               f"{check.stdout[-800:]}\n---\n{repair.stdout[-800:]}"
    if repair.returncode not in (CLEAN, CORRECTED):
        return None
    again = fsck(t, image, "-n", sanitized=True, limit=FUZZ_TIMEOUT)
    if again.returncode != CLEAN:
        return f"after a repair (exit {repair.returncode}) fsck -n exited {again.returncode}\n" \
               f"{repair.stdout[-1200:]}\n---\n{again.stdout[-1200:]}"
    problems = fsr.Image.load(image).check()
    if problems:
        return f"repaired (exit {repair.returncode}), but the checker finds: {problems[:5]}\n" \
               f"{repair.stdout[-1200:]}"
    return None


def make_fuzz_tree(root):
    rng = random.Random(11)
    os.makedirs(os.path.join(root, "etc"))
    os.makedirs(os.path.join(root, "home", "user", "projects", "deep"))
    write(os.path.join(root, "etc", "motd"), b"Welcome\n")
    write(os.path.join(root, "big.bin"), rng.randbytes(290 * 1024))  # double indirect at 1 KiB
    write(os.path.join(root, "mid.bin"), rng.randbytes(30 * 1024))
    with open(os.path.join(root, "sparse.bin"), "wb") as f:
        f.seek(100 * 1024)
        f.write(b"tail")
    crowd = os.path.join(root, "crowd")
    os.mkdir(crowd)
    for i in range(120):
        write(os.path.join(crowd, f"entry-with-a-longish-name-{i:03d}"), bytes([i]) * (i % 5))
    for i in range(5):
        os.mkdir(os.path.join(crowd, f"sub{i}"))
        write(os.path.join(crowd, f"sub{i}", "f"), b"f")
    os.symlink("etc/motd", os.path.join(root, "short-link"))
    os.symlink("/" + "x" * 200, os.path.join(root, "long-link"))
    write(os.path.join(root, "home", "user", "projects", "deep", "n"), b"n")
    os.link(os.path.join(root, "mid.bin"), os.path.join(root, "home", "mid-again"))
    os.mkfifo(os.path.join(root, "fifo"))


@timeout(300)
def test_fsck_survives_random_corruption(t):
    """Hundreds of random damages under ASan/UBSan: exit 0/1/4/8, never a crash or a hang;
    a repair that succeeds leaves an image both fsck -n and the independent checker call clean."""
    tmp = tempfile.mkdtemp(prefix="advfs-fuzz-")
    try:
        src = os.path.join(tmp, "src")
        make_fuzz_tree(src)
        base = os.path.join(tmp, "base.img")
        mkfs(t, base, 2, "-b", "1024", "-N", "256", "-d", src)
        assert_fsck(t, base, ["-n"], CLEAN, "of the fuzzing base image")
        fuzzer = Fuzzer(fsr.Image.load(base))
        try:
            workers = len(os.sched_getaffinity(0))
        except AttributeError:
            workers = os.cpu_count() or 1
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(workers, 4))) as pool:
            outcomes = list(pool.map(lambda n: fuzz_case(t, fuzzer, base, tmp, n),
                                     range(FUZZ_CASES)))
        failures = [f for f, _ in outcomes if f]
        tally = collections.Counter(tuple(codes) for _, codes in outcomes)
        t.note("exit statuses (fsck -n, fsck): " +
               ", ".join(f"{k}: {v}" for k, v in sorted(tally.items(), key=str)))
        # Giving up is allowed now and then, not as a habit: of the damaged
        # images fsck understands, nearly all must be repaired.
        damaged = sum(v for (n_code, _), v in tally.items() if n_code == UNCORRECTED)
        left = sum(v for (n_code, r_code), v in tally.items()
                   if n_code == UNCORRECTED and r_code == UNCORRECTED)
        if damaged and left > damaged // 10:
            failures.append(f"{left} of {damaged} damaged images were left uncorrected "
                            f"(at most 10% may be)")
        if failures:
            keep = os.path.join(t.build, "test-logs", "adventfs-fuzz")
            os.makedirs(keep, exist_ok=True)
            for name in os.listdir(tmp):
                if name.startswith("case-"):
                    shutil.copy(os.path.join(tmp, name), keep)
            raise AssertionError(f"{len(failures)} of {FUZZ_CASES} random corruptions failed "
                                 f"(seed {FUZZ_SEED}; images in {keep}):\n" +
                                 "\n\n".join(failures[:8]))
    finally:
        shutil.rmtree(tmp)
