/*
 * syscall.h - the system-call dispatcher and the handlers' shared helpers.
 * Numbers: include/uapi/syscall.h; the table: syscall.c; docs/syscalls.md.
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include <arch/i386/trap.h>
#include <stdint.h>

/* Run the call in tf->eax with arguments ebx, ecx, edx, esi, edi, ebp; result in tf->eax. */
void syscall_dispatch(struct trap_frame *tf);

/* Copy a path from user memory into a new kernel buffer (kfree it). NULL + *err on failure. */
char *syscall_get_path(const char *upath, int *err);

typedef long (*syscall_fn)(struct trap_frame *tf, uint32_t a, uint32_t b, uint32_t c, uint32_t d,
                           uint32_t e);

#endif
