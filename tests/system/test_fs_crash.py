"""Crash safety of AdventFS: power is cut at random moments while the kernel
writes, and every time the file system must mount again, pass fsck, and hold
every file that was synced before the cut, whole.

Each round: boot with `ktest=manual_fs_crash_writer` on a fresh scratch disk
(hdb), wait until it has synced a random number of files and then a random
extra delay, kill QEMU; boot again with `ktest=manual_fs_crash_check` (the
mount replays the journal; the check reads every file back and compares it
with the content the writer derives from its index); then run
fsck.adventfs -n on the image. The file contents are checked against what the
writer generates, and the synced count comes from the writer's own "SYNCED i"
lines, read before the kill.
"""

import os
import random
import re
import time

from harness import adventfs, timeout

ROUNDS = int(os.environ.get("CRASH_ROUNDS", "20"))
SYNCED = re.compile(r"^SYNCED (\d+)\s*$", re.MULTILINE)
CHECK = re.compile(r"CRASHCHECK files=(\d+) bad=(\d+)")
WHOLE = re.compile(r"^CRASHFILE (\d+) \d+ whole\s*$", re.MULTILINE)


def one_round(t, rng, image, n):
    adventfs.make_fs(t.build, image, size_mb=64, inodes=8192)
    target = rng.randint(0, 40)
    with t.machine(cmdline="ktest=manual_fs_crash_writer", name=f"crash-writer-{n}",
                   extra_args=adventfs.hdb_args(image)) as m:
        m.expect(r"KTEST START", 60)
        if target:
            m.expect(rf"^SYNCED {target - 1}\s*$", 120)
        time.sleep(rng.uniform(0.0, 0.5))
        out = m.output()
        m.kill()
    synced = [int(x) for x in SYNCED.findall(out)]
    last = max(synced) if synced else -1

    with t.machine(cmdline="ktest=manual_fs_crash_check", name=f"crash-check-{n}",
                   extra_args=adventfs.hdb_args(image)) as m:
        text = m.read_until(re.compile(r"KTEST DONE.*|PANIC.*"), 180)
        status = m.wait_exit(30)
    check = CHECK.search(text)
    assert check, f"round {n}: the check boot printed no CRASHCHECK line:\n{text[-1500:]}"
    files, bad = int(check.group(1)), int(check.group(2))
    assert bad == 0, f"round {n}: {bad} damaged files after the crash:\n{text[-1500:]}"
    whole = {int(x) for x in WHOLE.findall(text)}
    lost = [i for i in range(last + 1) if i not in whole]
    assert not lost, f"round {n}: synced files not intact after the crash: {lost[:10]}"
    assert status == 1, f"round {n}: the check boot exited with {status}"
    code, out = adventfs.fsck(t.build, image)
    assert code == 0, f"round {n}: fsck.adventfs -n exited {code} after recovery: {out[-800:]}"
    return last, files


@timeout(1500)
def test_crash_during_writes(t):
    """At least 20 random power cuts: the file system always recovers."""
    seed = int(os.environ.get("CRASH_SEED", str(random.randrange(1 << 30))))
    rng = random.Random(seed)
    image = os.path.join(adventfs.scratch_dir(t), "crash.img")
    for n in range(ROUNDS):
        try:
            one_round(t, rng, image, n)
        except AssertionError as e:
            raise AssertionError(f"{e} (CRASH_SEED={seed})") from None
