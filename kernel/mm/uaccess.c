/*
 * uaccess.c - copies between the kernel and the current user address space,
 * and the page-fault handler (vm.h).
 *
 * A copy checks the user range (no wrap, below USER_TOP), takes the space's
 * lock and copies with one of the routines of uaccess_copy.S, touching the
 * user addresses directly. A page that is not present (or read-only, for a
 * write) faults; the handler sees a kernel-mode fault at a user address on an
 * instruction of the fixup table, with this task holding the space's lock,
 * and resolves it with vm_fault_locked like a fault from user mode (demand
 * zero, file read, copy-on-write, stack growth). If that fails the copy
 * resumes at its fixup and returns -EFAULT. Holding the lock for the whole
 * copy means no page can be unmapped between its fault and its use. A
 * kernel-mode fault anywhere else, or at a kernel address, is not resolved:
 * the caller panics with the dump as for any kernel bug.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/percpu.h>
#include <arch/i386/trap.h>
#include <lib/panic.h>
#include <mm/vm.h>
#include <uapi/errno.h>

#define PF_WRITE 0x2 /* page-fault error code: the access was a write */

struct uaccess_fixup {
    uint32_t insn;  /* an instruction that may fault on a user address */
    uint32_t fixup; /* where it goes on when the fault cannot be resolved */
};

extern const struct uaccess_fixup uaccess_fixups[];
extern const uint32_t uaccess_nfixups;
uint32_t uaccess_copy(void *dst, const void *src, size_t n);
long uaccess_strncpy(char *dst, const char *src, size_t n);

static const struct uaccess_fixup *find_fixup(uint32_t eip)
{
    for (uint32_t i = 0; i < uaccess_nfixups; i++)
        if (uaccess_fixups[i].insn == eip)
            return &uaccess_fixups[i];
    return NULL;
}

/* A kernel buffer below KERNEL_BASE would be taken for user memory by the fault handler. */
static void check_kernel_buffer(const void *p)
{
    if ((uintptr_t)p < KERNEL_BASE)
        panic("uaccess: kernel buffer %p is not kernel memory", p);
}

static int copy(void *dst, const void *src, size_t n, uintptr_t user, const void *kbuf)
{
    struct vm_space *vm = this_cpu_read(vm); /* one load: the task may move to another CPU */
    uint32_t left;

    if (n == 0)
        return 0;
    check_kernel_buffer(kbuf);
    if (!vm || user >= USER_TOP || n > USER_TOP - user)
        return -EFAULT;
    mutex_lock(&vm->lock);
    left = uaccess_copy(dst, src, n);
    mutex_unlock(&vm->lock);
    return left ? -EFAULT : 0;
}

int copy_from_user(void *dst, const void *user_src, size_t n)
{
    return copy(dst, user_src, n, (uintptr_t)user_src, dst);
}

int copy_to_user(void *user_dst, const void *src, size_t n)
{
    return copy(user_dst, src, n, (uintptr_t)user_dst, src);
}

long strncpy_from_user(char *dst, const char *user_src, size_t max)
{
    struct vm_space *vm = this_cpu_read(vm); /* one load: the task may move to another CPU */
    uintptr_t user = (uintptr_t)user_src;
    size_t limit = max;
    int at_top = 0;
    long n;

    if (max == 0)
        return -ENAMETOOLONG;
    check_kernel_buffer(dst);
    if (!vm || user >= USER_TOP)
        return -EFAULT;
    if (limit > USER_TOP - user) { /* the string may not run into kernel space */
        limit = USER_TOP - user;
        at_top = 1;
    }
    mutex_lock(&vm->lock);
    n = uaccess_strncpy(dst, user_src, limit);
    mutex_unlock(&vm->lock);
    if (n < 0)
        return -EFAULT;
    if ((size_t)n == limit)
        return at_top ? -EFAULT : -ENAMETOOLONG;
    return n;
}

int vm_page_fault(struct trap_frame *tf)
{
    uintptr_t addr = read_cr2();
    struct vm_space *vm = this_cpu_read(vm); /* one load: the task may move to another CPU */
    int write = (tf->error & PF_WRITE) != 0, from_user = (tf->cs & 3) == 3, err;
    const struct uaccess_fixup *fixup = NULL;

    if (!vm)
        return -EFAULT;
    if (!from_user) {
        fixup = find_fixup(tf->eip);
        if (!fixup || addr >= USER_TOP || !mutex_held(&vm->lock))
            return -EFAULT; /* not a user copy: a kernel bug */
    }
    /* Resolving may sleep (a file read): run with interrupts on if the faulting code did. */
    if (tf->eflags & EFLAGS_IF)
        sti();
    err = from_user ? vm_fault(vm, addr, write) : vm_fault_locked(vm, addr, write);
    cli();
    if (err && fixup) {
        tf->eip = fixup->fixup;
        return 0;
    }
    return err;
}
