/*
 * init.h - what the parts of init share (main.c explains the whole).
 */
#ifndef INIT_H
#define INIT_H

/* selftest.c: run the test programs of /tests and power off with the result. */
void selftest(const char *pattern) __attribute__((noreturn));
/* Reap children forever (when there is nothing else left to do). */
void wait_forever(void) __attribute__((noreturn));

/* terminals.c: the logins init keeps running, one per terminal of /etc/ttys. */
void terminals_start(void);
/* A child ended: if it was a terminal's login, start a new one. */
void terminals_child_ended(int pid);

/* main.c: split line at blanks into at most max fields (a '#' ends it); the count. */
int split_fields(char *line, char **fields, int max);

/* shutdown.c: stop every process, sync, unmount, then cmd (uapi/reboot.h). */
void shutdown_system(int cmd) __attribute__((noreturn));

#endif
