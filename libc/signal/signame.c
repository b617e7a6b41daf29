/*
 * signame.c - POSIX 2024's sig2str and str2sig: signal numbers to names
 * without the "SIG" prefix ("TERM") and back. str2sig also takes a decimal
 * number and the traditional other names of three signals (IOT, POLL, CLD).
 * The names themselves come from sig_abbrev (libc/sys/signal.c).
 */
#include <signal.h>
#include <string.h>

static const struct {
    const char *name;
    int sig;
} aliases[] = {{"IOT", SIGABRT}, {"POLL", SIGIO}, {"CLD", SIGCHLD}};

int sig2str(int signum, char *str)
{
    const char *name = sig_abbrev(signum);

    if (!name)
        return -1;
    strcpy(str, name); /* every name is shorter than SIG2STR_MAX */
    return 0;
}

int str2sig(const char *restrict str, int *restrict pnum)
{
    if (*str >= '0' && *str <= '9') {
        int n = 0;
        for (const char *p = str; *p; p++) {
            if (*p < '0' || *p > '9' || n >= NSIG)
                return -1;
            n = n * 10 + (*p - '0');
        }
        if (n == 0 || !sig_abbrev(n)) /* 0 is not a signal, only kill's probe */
            return -1;
        *pnum = n;
        return 0;
    }
    for (int sig = 1; sig < NSIG; sig++) {
        const char *name = sig_abbrev(sig);
        if (name && strcmp(name, str) == 0) {
            *pnum = sig;
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(aliases[i].name, str) == 0) {
            *pnum = aliases[i].sig;
            return 0;
        }
    }
    return -1;
}
