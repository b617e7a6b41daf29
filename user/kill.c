/*
 * kill.c - send a signal to processes or process groups.
 *
 *   kill [-s NAME | -NAME | -NUMBER] [--] PID...   (default TERM; a negative
 *                                                  PID is a process group,
 *                                                  0 the caller's, -1 all)
 *   kill -l                  list the signal names, one per line
 *   kill -l N|NAME...        the name of signal N (or of the signal that
 *                            ended a process with exit status N > 128),
 *                            the number of signal NAME
 *
 * Names are those of sig2str/str2sig, with or without "SIG", in any case.
 * Exit status 0 when every signal was sent, 1 otherwise.
 */
#include <ctype.h>
#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_STATUS_SIGNAL_BASE 128 /* a shell's status for "killed by signal N" */

static void usage(void)
{
    fprintf(stderr, "usage: kill [-s NAME | -NAME | -NUMBER] PID...\n"
                    "       kill -l [N | NAME]...\n");
    exit(1);
}

/* The signal spec s ("TERM", "SIGterm", "15"); -1 if there is none such. */
static int parse_signal(const char *s)
{
    char upper[SIG2STR_MAX];
    size_t i;
    int sig;

    for (i = 0; s[i] && i < sizeof upper - 1; i++)
        upper[i] = (char)toupper((unsigned char)s[i]);
    upper[i] = '\0';
    if (s[i])
        return -1;
    if (strcmp(upper, "0") == 0)
        return 0; /* no signal: only check that the process exists */
    if (str2sig(strncmp(upper, "SIG", 3) == 0 ? upper + 3 : upper, &sig) < 0)
        return -1;
    return sig;
}

static int list(int argc, char **argv)
{
    char name[SIG2STR_MAX];
    int status = 0;

    if (argc == 0) {
        for (int sig = 1; sig < NSIG; sig++)
            if (sig2str(sig, name) == 0)
                puts(name);
        return 0;
    }
    for (int i = 0; i < argc; i++) {
        char *end;
        long n = strtol(argv[i], &end, 10);
        if (end != argv[i] && *end == '\0') {
            if (n > EXIT_STATUS_SIGNAL_BASE)
                n -= EXIT_STATUS_SIGNAL_BASE;
            if (n <= 0 || n >= NSIG || sig2str((int)n, name) < 0) {
                warnx("%s: invalid signal number or exit status", argv[i]);
                status = 1;
                continue;
            }
            puts(name);
        } else {
            int sig = parse_signal(argv[i]);
            if (sig <= 0) {
                warnx("%s: invalid signal", argv[i]);
                status = 1;
                continue;
            }
            printf("%d\n", sig);
        }
    }
    return status;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1, status = 0;

    if (argc < 2)
        usage();
    if (strcmp(argv[1], "-l") == 0 || strcmp(argv[1], "-L") == 0)
        return list(argc - 2, argv + 2);
    if (strcmp(argv[1], "-s") == 0) {
        if (argc < 3)
            usage();
        if ((sig = parse_signal(argv[2])) < 0)
            errx(1, "%s: invalid signal", argv[2]);
        i = 3;
    } else if (argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--") != 0) {
        /* -NAME or -NUMBER (a group to signal with TERM is written "kill -- -PGID") */
        if ((sig = parse_signal(argv[1] + 1)) < 0)
            errx(1, "%s: invalid signal", argv[1] + 1);
        i = 2;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc)
        usage();
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (end == argv[i] || *end) {
            warnx("%s: arguments must be process or job IDs", argv[i]);
            status = 1;
            continue;
        }
        if (kill((pid_t)pid, sig) < 0) {
            warn("(%ld)", pid);
            status = 1;
        }
    }
    return status;
}
