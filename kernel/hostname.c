/*
 * hostname.c - see hostname.h; and sethostname(name, len), root's: the name
 * is len bytes (0..HOSTNAME_MAX, EINVAL beyond), not NUL-terminated, as on
 * Linux. It starts as "adventos".
 */
#include <arch/i386/spinlock.h>
#include <hostname.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <string.h>
#include <syscalls.h>
#include <uapi/errno.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e

/* hostname_lock guards hostname (a leaf: nothing is taken under it). */
static struct spinlock hostname_lock = SPINLOCK_INIT("hostname");
static char hostname[HOSTNAME_MAX + 1] = "adventos";

void hostname_get(char *buf, size_t size)
{
    spin_lock(&hostname_lock);
    strlcpy(buf, hostname, size);
    spin_unlock(&hostname_lock);
}

SYSCALL_DECL(sethostname)
{
    char name[HOSTNAME_MAX + 1];

    UNUSED_ARGS;
    if (current_process()->euid != 0)
        return -EPERM;
    if (b > HOSTNAME_MAX)
        return -EINVAL;
    if (copy_from_user(name, (const void *)a, b) < 0)
        return -EFAULT;
    name[b] = '\0';
    spin_lock(&hostname_lock);
    memcpy(hostname, name, b + 1);
    spin_unlock(&hostname_lock);
    return 0;
}
