/*
 * internal.h - declarations shared inside libc, not part of its interface.
 */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

/* Prints "msg" on stderr and aborts: for states libc cannot continue from (a corrupted heap). */
void __libc_fatal(const char *msg) __attribute__((noreturn));

/* Flushes every stdio stream; defined by stdio.c, and called by exit only when it is linked in. */
void __stdio_exit(void) __attribute__((weak));

#endif
