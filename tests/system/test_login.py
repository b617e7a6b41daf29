"""Logging in over the serial port, the users' permissions, su, passwd,
useradd and poweroff: the system as a person at the terminal uses it.

Each test boots the image normally (init, /etc/rc, a login on ttyS0), types
at the `login: ` and `Password: ` prompts and runs commands in the shell
(Machine.run: the output and exit status of one command line). The image
ships root (password root) and user (password user), README.md says so.
"""

import os
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))

import adventfs_reader as fsr  # noqa: E402  (needs the path above)
from harness import EXIT_GUEST_PASSED, adventfs, adventos, timeout, vga  # noqa: E402

STEP = 60.0


def _run(m, prompt, command, timeout_s=STEP):
    out, status = m.run(command, timeout_s, prompt)
    return out.replace("\r", ""), status


def _interact(m, prompt, command, answers, timeout_s=STEP):
    """Type command, answer each (prompt pattern, text) in turn; return (output, status)."""
    marker = f"__DONE_{os.getpid()}__"
    m.write(f"{command}; echo {marker} $?\n")
    for pattern, text in answers:
        m.expect(re.compile(pattern), timeout_s)
        m.write(text + "\n")
    text = m.read_until(re.compile(rf"^{marker} (\d+)", re.MULTILINE), timeout_s)
    status = int(re.search(rf"^{marker} (\d+)", text, re.MULTILINE).group(1))
    m.expect(prompt, timeout_s)
    return text.replace("\r", ""), status


@timeout(300)
def test_root_logs_in_over_serial(t):
    """root/root gets a `# ` shell in /root, with the serial port as its
    controlling terminal, and may read /etc/shadow."""
    m = t.machine()
    prompt = adventos.login(m, "root", "root")
    out, status = _run(m, prompt, "pwd")
    assert (out.strip(), status) == ("/root", 0), f"pwd printed {out!r}, status {status}"
    out, status = _run(m, prompt, "id -u")
    assert (out.strip(), status) == ("0", 0), f"id -u printed {out!r}"
    out, status = _run(m, prompt, "tty; echo reached > /dev/tty")
    assert status == 0 and out.split() == ["/dev/ttyS0", "reached"], \
        f"the login shell has no controlling terminal (status {status}):\n{out}"
    out, status = _run(m, prompt, "cat /etc/shadow")
    assert status == 0 and re.search(r"^root:\$5\$", out, re.MULTILINE), \
        f"root could not read /etc/shadow (status {status}):\n{out}"


@timeout(300)
def test_wrong_password_is_refused_and_user_is_confined(t):
    """A wrong password and an unknown name both get `Login incorrect`; user/user
    then logs in to /home/user and can read neither /etc/shadow nor /root."""
    m = t.machine()
    for name, password in (("user", "wrong"), ("nosuchuser", "user")):
        m.expect(adventos.LOGIN_PROMPT, adventos.LOGIN_TIMEOUT)
        m.write(name + "\n")
        m.expect(adventos.PASSWORD_PROMPT, STEP)
        m.write(password + "\n")
        text = m.read_until(re.compile(r"Login incorrect|[#$] "), STEP)
        assert "Login incorrect" in text, f"{name}/{password} was let in:\n{text}"
    prompt = adventos.login(m, "user", "user")
    out, status = _run(m, prompt, "pwd")
    assert (out.strip(), status) == ("/home/user", 0), f"pwd printed {out!r}"
    out, status = _run(m, prompt, "cat /etc/shadow")
    assert status != 0 and "Permission denied" in out, \
        f"user read /etc/shadow (status {status}):\n{out}"
    out, status = _run(m, prompt, "ls /root")
    assert status != 0 and "Permission denied" in out, f"user listed /root:\n{out}"
    out, status = _run(m, prompt, "cd /root")
    assert status != 0, "user could enter /root"


@timeout(400)
def test_su_and_passwd(t):
    """su asks the target's password; passwd changes the user's own, and the
    new one (not the old) opens the account afterwards."""
    m = t.machine()
    prompt = adventos.login(m, "user", "user")
    out, status = _interact(m, prompt, "su -c 'id -u' root", [(r"Password: ", "root")])
    assert status == 0 and re.search(r"^0$", out, re.MULTILINE), f"su as root failed:\n{out}"
    out, status = _interact(m, prompt, "su -c 'id -u' root", [(r"Password: ", "nope")])
    assert status == 1 and "Authentication failure" in out, f"su with a wrong password:\n{out}"
    out, status = _interact(m, prompt, "passwd", [(r"Current password: ", "user"),
                                                  (r"New password: ", "s3cret"),
                                                  (r"Retype new password: ", "s3cret")])
    assert status == 0, f"passwd failed:\n{out}"
    m.write("exit\n")
    m.expect(adventos.LOGIN_PROMPT, STEP)
    m.write("user\n")
    m.expect(adventos.PASSWORD_PROMPT, STEP)
    m.write("user\n")
    text = m.read_until(re.compile(r"Login incorrect|[#$] "), STEP)
    assert "Login incorrect" in text, "the old password still works after passwd"
    prompt = adventos.login(m, "user", "s3cret")
    out, status = _run(m, prompt, "id -un")
    assert (out.strip(), status) == ("user", 0), f"id -un printed {out!r}"


@timeout(400)
def test_useradd_makes_a_working_account(t):
    """root adds an account with a private home; after passwd the new user logs in there."""
    m = t.machine()
    prompt = adventos.login(m, "root", "root")
    out, status = _run(m, prompt, "useradd -m -G wheel bob")
    assert status == 0, f"useradd failed ({status}):\n{out}"
    out, status = _run(m, prompt, "useradd -m bob")
    assert status == 9, f"a second useradd bob gave status {status}, expected 9:\n{out}"
    out, status = _interact(m, prompt, "passwd bob", [(r"New password: ", "bobpw"),
                                                      (r"Retype new password: ", "bobpw")])
    assert status == 0, f"passwd bob failed:\n{out}"
    m.write("exit\n")
    prompt = adventos.login(m, "bob", "bobpw")
    out, status = _run(m, prompt, "pwd; id -u; id -Gn; ls -ld /home/bob")
    lines = out.strip().splitlines()
    assert status == 0 and lines[0] == "/home/bob", f"bob's shell:\n{out}"
    assert int(lines[1]) >= 1000, f"bob's uid is {lines[1]}"
    assert "wheel" in lines[2].split(), f"bob is not in wheel: {lines[2]}"
    assert lines[3].startswith("drwx------"), f"bob's home is not private: {lines[3]}"


@timeout(300)
def test_poweroff_syncs_the_disk(t):
    """A file written before `poweroff` is on the disk afterwards, and QEMU exits cleanly."""
    scratch = adventfs.scratch_dir(t)
    image = os.path.join(scratch, "os.img")
    shutil.copyfile(t.image, image)
    m = t.machine(image=image, snapshot=False)
    prompt = adventos.login(m, "root", "root")
    out, status = _run(m, prompt, "echo kept across power-off > /root/note")
    assert status == 0, out
    m.write("poweroff\n")
    status = m.wait_exit(120)
    assert status == EXIT_GUEST_PASSED, f"QEMU exited with {status} after poweroff"
    part = adventfs.extract_root_partition(image, os.path.join(scratch, "root.img"))
    fs = fsr.Image.load(part)
    data = fs.read_file(fs.lookup("/root/note"))
    assert data == b"kept across power-off\n", f"/root/note holds {data!r}"
    code, out = adventfs.fsck(t.build, part)
    assert code == 0, f"fsck.adventfs after poweroff exited {code}:\n{out[-1500:]}"


@timeout(300)
def test_reboot_and_halt(t):
    """`reboot` resets the machine (QEMU runs with -no-reboot, so it exits with
    status 0); `halt` stops it without powering off; a user may do neither."""
    m = t.machine()
    prompt = adventos.login(m, "user", "user")
    for command in ("reboot", "halt", "poweroff"):
        out, status = _run(m, prompt, command)
        assert status == 1 and "superuser" in out, f"user ran {command}: status {status}\n{out}"
    m.write("exit\n")
    prompt = adventos.login(m, "root", "root")
    m.write("reboot\n")
    m.expect(re.compile(r"going down for reboot"), STEP)
    status = m.wait_exit(120)
    assert status == 0, f"QEMU exited with {status} after reboot, expected 0 (a reset)"

    m = t.machine()
    prompt = adventos.login(m, "root", "root")
    m.write("halt\n")
    m.expect(re.compile(r"System halted\."), STEP)
    time.sleep(2)  # a power-off would follow at once
    assert m.running(), "the machine powered off on halt"


@timeout(300)
def test_login_on_the_screen_and_keyboard(t):
    """init keeps a login on /dev/tty1 too: typing on the emulated PS/2 keyboard
    logs user in there, and what that shell does is seen from the serial side."""
    m = t.machine()
    prompt = adventos.login(m, "root", "root")  # also: the system is up
    vga.wait_for_text(m, "login:", STEP)
    m.type_text("user\n")
    vga.wait_for_text(m, "Password:", STEP)  # typed earlier, it would be flushed
    m.type_text("user\n")
    vga.wait_for_text(m, "$", STEP)
    m.type_text("tty > /tmp/from-keyboard; id -un >> /tmp/from-keyboard\n")
    deadline = time.monotonic() + STEP
    out = ""
    while time.monotonic() < deadline:
        out, status = _run(m, prompt, "cat /tmp/from-keyboard")
        if status == 0 and len(out.split()) == 2:
            break
        time.sleep(2)
    assert out.split() == ["/dev/tty1", "user"], \
        f"the keyboard login's shell wrote {out!r}"
