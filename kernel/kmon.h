/*
 * kmon.h - the kernel monitor: a small command prompt on the console for
 * looking at a running kernel until user space exists.
 */
#ifndef KMON_H
#define KMON_H

void kmon_run(void) __attribute__((noreturn));

#endif
