/*
 * signal.h - signal numbers (uapi/signal.h) and sending signals. Handlers
 * (sigaction) and masks arrive with the kernel's signal work.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <uapi/signal.h>

int kill(pid_t pid, int sig);
int raise(int sig);

#endif
