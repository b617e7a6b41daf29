"""An independent reader and checker of AdventFS images, written from
docs/adventfs.md (the structures' field order is that of include/adventfs.h).

It shares no code with mkfs.adventfs or fsck.adventfs, which is what makes the
tests that use it honest: the C tools are judged by a second implementation
of the specification, not by themselves.

    img = Image.load("fs.img")
    tree = img.tree()          # {b"/etc/motd": Entry(...), ...}
    problems = img.check()     # [] when every invariant of the spec holds

Everything read from the image is bounds-checked; a damaged structure raises
Corrupt (reading) or becomes a line in check()'s list (checking).
"""

import collections
import struct

MAGIC = 0x53465644
JOURNAL_MAGIC = 0x4C4E524A
J_SUPER, J_DESCRIPTOR, J_COMMIT = 1, 2, 3
STATE_CLEAN, STATE_DIRTY = 1, 2
ROOT_INO = 1
INODE_SIZE = 128
NDIRECT = 12
INLINE_SYMLINK_MAX = 60

S_IFMT = 0o170000
S_IFSOCK, S_IFLNK, S_IFREG, S_IFBLK = 0o140000, 0o120000, 0o100000, 0o060000
S_IFDIR, S_IFCHR, S_IFIFO = 0o040000, 0o020000, 0o010000
FILE_TYPE = {S_IFREG: 1, S_IFDIR: 2, S_IFCHR: 3, S_IFBLK: 4, S_IFIFO: 5, S_IFSOCK: 6, S_IFLNK: 7}

SB_FIELDS = ("magic version block_size blocks_count inodes_count free_blocks free_inodes "
             "journal_start journal_blocks inode_bitmap_start inode_bitmap_blocks "
             "block_bitmap_start block_bitmap_blocks inode_table_start inode_table_blocks "
             "data_start root_ino features_compat features_incompat features_ro_compat state "
             "mount_count mkfs_time mount_time write_time uuid label reserved checksum").split()
SB_FORMAT = "<22I3q16s32s860sI"
Superblock = collections.namedtuple("Superblock", SB_FIELDS)

INODE_FIELDS = ("mode nlink uid gid flags size atime mtime ctime atime_nsec mtime_nsec "
                "ctime_nsec blocks").split()
INODE_FORMAT = "<HHIIIQqqqIIII15II"   # ... 12 direct + 3 indirect, then generation
Inode = collections.namedtuple("Inode", INODE_FIELDS + ["ptrs", "generation"])

DIRENT_HEADER = 8
J_HEADER = struct.Struct("<5I")       # magic, type, sequence, count, checksum
J_SUPER_FORMAT = struct.Struct("<7I")  # magic type block_size blocks sequence start checksum

assert struct.calcsize(SB_FORMAT) == 1024
assert struct.calcsize(INODE_FORMAT) == INODE_SIZE


def _field_offsets():
    """Byte offset of each superblock field, from the format string."""
    offsets, pos = {}, 0
    codes = ["I"] * 22 + ["q"] * 3 + ["16s", "32s", "860s", "I"]
    for name, code in zip(SB_FIELDS, codes):
        offsets[name] = pos
        pos += struct.calcsize("<" + code)
    return offsets


SB_OFFSET = _field_offsets()
INODE_OFFSET = {"mode": 0, "nlink": 2, "uid": 4, "gid": 8, "flags": 12, "size": 16,
                "atime": 24, "mtime": 32, "ctime": 40, "blocks": 60, "ptrs": 64,
                "indirect": 112, "double_indirect": 116, "triple_indirect": 120,
                "generation": 124}


def _crc_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ (0x82F63B78 if c & 1 else 0)
        table.append(c)
    return table


_CRC_TABLE = _crc_table()


def crc32c(data, crc=0):
    """CRC32C (Castagnoli); pass a previous result as crc to continue it."""
    c = crc ^ 0xFFFFFFFF
    for b in data:
        c = _CRC_TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def dirent_size(name_len):
    return (DIRENT_HEADER + name_len + 3) & ~3


class Corrupt(Exception):
    """The image does not follow the specification where the reader looked."""


Entry = collections.namedtuple("Entry", "ino mode uid gid size nlink mtime mtime_nsec "
                                        "content target")
Record = collections.namedtuple("Record", "offset inode rec_len name file_type")


class Image:
    def __init__(self, data):
        self.data = bytearray(data)
        if len(self.data) < 1024:
            raise Corrupt("image smaller than a superblock")
        self.sb = Superblock(*struct.unpack_from(SB_FORMAT, self.data, 0))
        sb = self.sb
        if sb.magic != MAGIC:
            raise Corrupt("bad magic")
        if sb.block_size not in (1024, 2048, 4096):
            raise Corrupt(f"bad block size {sb.block_size}")
        self.bs = sb.block_size
        self.p = self.bs // 4
        if sb.blocks_count * self.bs > len(self.data):
            raise Corrupt("file system larger than the image")

    @classmethod
    def load(cls, path):
        with open(path, "rb") as f:
            return cls(f.read())

    # ---- raw access ----

    def block(self, n):
        if not 0 <= n < self.sb.blocks_count:
            raise Corrupt(f"block {n} outside the file system")
        return bytes(self.data[n * self.bs:(n + 1) * self.bs])

    def bit(self, start, n):
        byte = self.data[start * self.bs + n // 8]
        return (byte >> (n % 8)) & 1

    def inode_used(self, i):
        return self.bit(self.sb.inode_bitmap_start, i)

    def block_used(self, b):
        return self.bit(self.sb.block_bitmap_start, b)

    def inode_offset(self, i):
        """Byte offset of inode i in the image."""
        if not 0 < i < self.sb.inodes_count:
            raise Corrupt(f"inode {i} does not exist")
        per_block = self.bs // INODE_SIZE
        return (self.sb.inode_table_start + i // per_block) * self.bs + (i % per_block) * INODE_SIZE

    def inode(self, i):
        v = struct.unpack_from(INODE_FORMAT, self.data, self.inode_offset(i))
        return Inode(*v[:13], ptrs=list(v[13:28]), generation=v[28])

    # ---- block maps ----

    def block_map(self, ino):
        """([(file block index, block)], [indirect blocks]) of an inode's map, in order."""
        inode = self.inode(ino)
        data, meta = [], []
        p = self.p

        def walk(ptr, depth, first):
            if ptr == 0:
                return
            if depth == 0:
                data.append((first, ptr))
                return
            meta.append(ptr)
            blk = self.block(ptr)
            span = p ** (depth - 1)
            for k, child in enumerate(struct.unpack(f"<{p}I", blk)):
                walk(child, depth - 1, first + k * span)

        for k in range(NDIRECT):
            walk(inode.ptrs[k], 0, k)
        walk(inode.ptrs[12], 1, NDIRECT)
        walk(inode.ptrs[13], 2, NDIRECT + p)
        walk(inode.ptrs[14], 3, NDIRECT + p + p * p)
        return data, meta

    def has_block_map(self, inode):
        kind = inode.mode & S_IFMT
        return kind in (S_IFREG, S_IFDIR) or (kind == S_IFLNK and inode.size > INLINE_SYMLINK_MAX)

    def read_file(self, ino):
        inode = self.inode(ino)
        out = bytearray(inode.size)
        data, _ = self.block_map(ino)
        for index, blk in data:
            start = index * self.bs
            if start >= inode.size:
                raise Corrupt(f"inode {ino}: block {blk} past the end of the file")
            chunk = self.block(blk)[:inode.size - start]
            out[start:start + len(chunk)] = chunk
        return bytes(out)

    def symlink_target(self, ino):
        inode = self.inode(ino)
        if inode.size <= INLINE_SYMLINK_MAX:
            off = self.inode_offset(ino) + INODE_OFFSET["ptrs"]
            return bytes(self.data[off:off + inode.size])
        return self.block(inode.ptrs[0])[:inode.size]

    # ---- directories ----

    def records(self, blk):
        """Every record of a directory block (used or not), checked as the spec says."""
        data = self.block(blk)
        out, off = [], 0
        while off < self.bs:
            if off + DIRENT_HEADER > self.bs:
                raise Corrupt(f"block {blk}: record header at {off} crosses the block end")
            ino, rec_len, name_len, ftype = struct.unpack_from("<IHBB", data, off)
            if rec_len < DIRENT_HEADER or rec_len % 4 or off + rec_len > self.bs:
                raise Corrupt(f"block {blk}: bad rec_len {rec_len} at {off}")
            if ino and (name_len == 0 or dirent_size(name_len) > rec_len):
                raise Corrupt(f"block {blk}: bad name_len {name_len} at {off}")
            name = bytes(data[off + DIRENT_HEADER:off + DIRENT_HEADER + name_len])
            out.append(Record(off, ino, rec_len, name, ftype))
            off += rec_len
        return out

    def dir_blocks(self, ino):
        inode = self.inode(ino)
        data, _ = self.block_map(ino)
        if inode.size % self.bs:
            raise Corrupt(f"directory {ino}: size {inode.size} not a multiple of the block size")
        if [i for i, _ in data] != list(range(inode.size // self.bs)):
            raise Corrupt(f"directory {ino}: holes or blocks past its size")
        return [b for _, b in data]

    def entries(self, ino):
        """[(name, inode, file_type)] of a directory, "." and ".." included, in order."""
        out = []
        for blk in self.dir_blocks(ino):
            out += [(r.name, r.inode, r.file_type) for r in self.records(blk) if r.inode]
        return out

    def entry_locations(self, ino):
        """[(byte offset in the image, Record)] of the used records of a directory."""
        out = []
        for blk in self.dir_blocks(ino):
            out += [(blk * self.bs + r.offset, r) for r in self.records(blk) if r.inode]
        return out

    def lookup(self, path):
        """Inode number of an absolute path (bytes or str)."""
        if isinstance(path, str):
            path = path.encode()
        ino = ROOT_INO
        for part in [x for x in path.split(b"/") if x]:
            found = [i for name, i, _ in self.entries(ino) if name == part]
            if not found:
                raise KeyError(path)
            ino = found[0]
        return ino

    def tree(self):
        """{path: Entry} of everything reachable from the root (paths are bytes)."""
        out = {}
        todo = [(b"/", ROOT_INO)]
        seen = set()
        while todo:
            path, ino = todo.pop()
            inode = self.inode(ino)
            kind = inode.mode & S_IFMT
            content = target = None
            if kind == S_IFREG:
                content = self.read_file(ino)
            elif kind == S_IFLNK:
                target = self.symlink_target(ino)
            out[path] = Entry(ino, inode.mode, inode.uid, inode.gid, inode.size, inode.nlink,
                              inode.mtime, inode.mtime_nsec, content, target)
            if kind == S_IFDIR:
                if ino in seen:
                    raise Corrupt(f"directory {ino} reached twice")
                seen.add(ino)
                for name, child, _ in self.entries(ino):
                    if name not in (b".", b".."):
                        todo.append((path.rstrip(b"/") + b"/" + name, child))
        return out

    def journal_super(self):
        return J_SUPER_FORMAT.unpack_from(self.block(self.sb.journal_start), 0)

    # ---- the invariants ----

    def check(self):
        """Every violation of docs/adventfs.md's invariants found, as text lines."""
        problems = []
        try:
            self._check(problems)
        except Corrupt as e:
            problems.append(f"unreadable: {e}")
        return problems

    def _check(self, problems):
        sb, bs = self.sb, self.bs
        say = problems.append

        # 1. The superblock.
        if crc32c(self.data[:1020]) != sb.checksum:
            say("superblock checksum")
        if sb.version != 1:
            say("superblock version")
        if sb.root_ino != ROOT_INO:
            say("root inode number")
        if sb.features_incompat & ~1:
            say("unknown incompat features")
        if sb.state not in (STATE_CLEAN, STATE_DIRTY):
            say(f"superblock state {sb.state}")
        if any(self.data[1024:bs]):
            say("superblock block not zero after the superblock")
        regions = [(sb.journal_start, sb.journal_blocks), (sb.inode_bitmap_start,
                   sb.inode_bitmap_blocks), (sb.block_bitmap_start, sb.block_bitmap_blocks),
                   (sb.inode_table_start, sb.inode_table_blocks)]
        end = 1
        for start, count in regions:
            if start < end or count == 0:
                say(f"region at {start} out of order or empty")
                raise Corrupt("regions")
            end = start + count
        if not end <= sb.data_start < sb.blocks_count:
            raise Corrupt("data region")
        if sb.inode_bitmap_blocks * bs * 8 < sb.inodes_count or \
                sb.block_bitmap_blocks * bs * 8 < sb.blocks_count or \
                sb.inode_table_blocks * bs < sb.inodes_count * INODE_SIZE:
            raise Corrupt("regions too small")

        # Bitmap conventions: inode 0 and the padding bits set, metadata blocks used.
        if not self.inode_used(0):
            say("inode 0 not marked in use")
        for n in range(sb.inodes_count, sb.inode_bitmap_blocks * bs * 8):
            if not self.inode_used(n):
                say(f"inode bitmap padding bit {n} clear")
                break
        for n in range(sb.blocks_count, sb.block_bitmap_blocks * bs * 8):
            if not self.block_used(n):
                say(f"block bitmap padding bit {n} clear")
                break
        for b in range(sb.data_start):
            if not self.block_used(b):
                say(f"metadata block {b} marked free")

        # 2. Inodes.
        used = [i for i in range(1, sb.inodes_count) if self.inode_used(i)]
        used_set = set(used)
        for i in range(1, sb.inodes_count):
            if i not in used_set:
                off = self.inode_offset(i)
                if any(self.data[off:off + INODE_SIZE]):
                    say(f"free inode {i} not zeroed")
        inodes = {}
        for i in used:
            inode = self.inode(i)
            if (inode.mode & S_IFMT) not in FILE_TYPE:
                say(f"inode {i} has no valid type")
                continue
            if inode.flags:
                say(f"inode {i}: flags {inode.flags:#x} (reserved, must be 0)")
            inodes[i] = inode
        if ROOT_INO not in inodes or (inodes[ROOT_INO].mode & S_IFMT) != S_IFDIR:
            say("root is not a directory in use")
            return

        # 3./4. Blocks.
        owner = {}
        for i, inode in inodes.items():
            if not self.has_block_map(inode):
                kind = inode.mode & S_IFMT
                if kind in (S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK):
                    first = 1 if kind in (S_IFCHR, S_IFBLK) else 0
                    if any(inode.ptrs[first:]):
                        say(f"inode {i}: special file with block pointers")
                if inode.blocks != 0:
                    say(f"inode {i}: blocks {inode.blocks}, should be 0")
                continue
            try:
                data, meta = self.block_map_checked(i)
            except Corrupt as e:
                say(str(e))
                continue
            for b in [blk for _, blk in data] + meta:
                if b in owner:
                    say(f"block {b} used by inode {owner[b]} and inode {i}")
                owner[b] = i
                if not self.block_used(b):
                    say(f"block {b} of inode {i} marked free")
            if inode.blocks != len(data) + len(meta):
                say(f"inode {i}: blocks {inode.blocks}, counted {len(data) + len(meta)}")
            nblocks = (inode.size + bs - 1) // bs
            if any(index >= nblocks for index, _ in data):
                say(f"inode {i}: block pointer past the end of size {inode.size}")
            if (inode.mode & S_IFMT) == S_IFLNK and (inode.size > 4095 or not data or
                                                    data[0][0] != 0):
                say(f"symlink {i}: target block missing")
        for b in range(sb.data_start, sb.blocks_count):
            if self.block_used(b) and b not in owner:
                say(f"block {b} marked used but unreferenced")
        for i, inode in inodes.items():
            if (inode.mode & S_IFMT) == S_IFLNK and not 0 < inode.size <= 4095:
                say(f"symlink {i}: length {inode.size}")

        # 5./6. Directories, reachability, link counts.
        links = collections.Counter()
        parent_of = {ROOT_INO: ROOT_INO}
        todo = [ROOT_INO]
        reached = {ROOT_INO}
        while todo:
            d = todo.pop()
            try:
                blocks = self.dir_blocks(d)
                recs = [r for blk in blocks for r in self.records(blk)]
            except Corrupt as e:
                say(f"directory {d}: {e}")
                continue
            used_recs = [r for r in recs if r.inode]
            if not recs or recs[0].offset != 0 or recs[0].name != b"." or not recs[0].inode or \
                    len(recs) < 2 or recs[1].name != b".." or not recs[1].inode:
                say(f"directory {d}: does not start with . and ..")
                continue
            if recs[0].inode != d:
                say(f"directory {d}: . is {recs[0].inode}")
            if recs[1].inode != parent_of[d]:
                say(f"directory {d}: .. is {recs[1].inode}, parent {parent_of[d]}")
            links[d] += 1
            links[parent_of[d]] += 1
            names = set()
            for r in used_recs[2:]:
                if r.name in (b".", b"..") or b"/" in r.name or b"\0" in r.name:
                    say(f"directory {d}: bad name {r.name!r}")
                if r.name in names:
                    say(f"directory {d}: duplicate name {r.name!r}")
                names.add(r.name)
                if r.inode not in inodes:
                    say(f"directory {d}: {r.name!r} names inode {r.inode}, not in use")
                    continue
                target = inodes[r.inode]
                if r.file_type != FILE_TYPE[target.mode & S_IFMT]:
                    say(f"directory {d}: {r.name!r} file type {r.file_type}")
                links[r.inode] += 1
                if (target.mode & S_IFMT) == S_IFDIR:
                    if r.inode in reached:
                        say(f"directory {r.inode} has a second parent {d}")
                        continue
                    parent_of[r.inode] = d
                    todo.append(r.inode)
                reached.add(r.inode)
        for i, inode in inodes.items():
            if i not in reached:
                say(f"inode {i} unreachable")
            elif inode.nlink != links[i]:
                say(f"inode {i}: nlink {inode.nlink}, counted {links[i]}")

        # 7. Free counts.
        free_inodes = sum(1 for i in range(sb.inodes_count) if not self.inode_used(i))
        free_blocks = sum(1 for b in range(sb.blocks_count) if not self.block_used(b))
        if free_inodes != sb.free_inodes:
            say(f"free inodes {sb.free_inodes}, bitmap says {free_inodes}")
        if free_blocks != sb.free_blocks:
            say(f"free blocks {sb.free_blocks}, bitmap says {free_blocks}")

        # 8. The journal (empty, as after recovery).
        magic, kind, jbs, jblocks, _seq, start, csum = self.journal_super()
        raw = self.block(sb.journal_start)[:24]
        if magic != JOURNAL_MAGIC or kind != J_SUPER or crc32c(raw) != csum or jbs != bs or \
                jblocks != sb.journal_blocks:
            say("journal superblock invalid")
        elif start != 0:
            say("journal not empty")

    def block_map_checked(self, ino):
        """block_map, refusing pointers outside the data region or repeated indirect blocks."""
        sb = self.sb
        inode = self.inode(ino)
        data, meta, seen = [], [], set()
        p = self.p

        def walk(ptr, depth, first):
            if ptr == 0:
                return
            if not sb.data_start <= ptr < sb.blocks_count:
                raise Corrupt(f"inode {ino}: pointer {ptr} outside the data region")
            if ptr in seen:
                raise Corrupt(f"inode {ino}: block {ptr} twice in its map")
            seen.add(ptr)
            if depth == 0:
                data.append((first, ptr))
                return
            meta.append(ptr)
            span = p ** (depth - 1)
            for k, child in enumerate(struct.unpack(f"<{p}I", self.block(ptr))):
                walk(child, depth - 1, first + k * span)

        for k in range(NDIRECT):
            walk(inode.ptrs[k], 0, k)
        walk(inode.ptrs[12], 1, NDIRECT)
        walk(inode.ptrs[13], 2, NDIRECT + p)
        walk(inode.ptrs[14], 3, NDIRECT + p + p * p)
        return data, meta

    # ---- writing (for tests that damage an image on purpose) ----

    def put(self, offset, fmt, *values):
        struct.pack_into(fmt, self.data, offset, *values)

    def reseal_superblock(self):
        """Recompute the superblock checksum after changing its fields."""
        self.put(SB_OFFSET["checksum"], "<I", crc32c(self.data[:1020]))
        self.sb = Superblock(*struct.unpack_from(SB_FORMAT, self.data, 0))

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self.data)
