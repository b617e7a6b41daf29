/*
 * internal.h - declarations shared inside libc, not part of its interface.
 */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

/* Prints "msg" on stderr and aborts: for states libc cannot continue from (a corrupted heap). */
void __libc_fatal(const char *msg) __attribute__((noreturn));

/* Flushes every stdio stream; defined by stdio.c, and called by exit only when it is linked in. */
void __stdio_exit(void) __attribute__((weak));

/* Is c in the "C" locale class named by [name, name + len) ("alpha" ...)? -1: no such class. */
int __libc_char_class(const char *name, int len, int c);

#endif
