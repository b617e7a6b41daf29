/*
 * tee.c - copy standard input to standard output and to files:
 *
 *     tee [-ai] [FILE...]
 *
 * -a appends to the files instead of truncating them, -i ignores SIGINT.
 * A file that cannot be opened or written is reported and dropped; the copy
 * goes on to the others, and the exit status is then 1.
 */
#include <err.h>
#include <fcntl.h>
#include <libutil.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEE_BUF_SIZE 65536

int main(int argc, char **argv)
{
    static char buf[TEE_BUF_SIZE];
    int flags = O_WRONLY | O_CREAT | O_TRUNC, status = 0, nout = 0, c, i;
    const char **names;
    int *fds;
    ssize_t n;

    while ((c = getopt(argc, argv, "ai")) != -1) {
        switch (c) {
        case 'a':
            flags = O_WRONLY | O_CREAT | O_APPEND;
            break;
        case 'i':
            signal(SIGINT, SIG_IGN);
            break;
        default:
            fprintf(stderr, "usage: tee [-ai] [FILE...]\n");
            return 1;
        }
    }
    /* Slot 0 is standard output; the files follow. */
    fds = malloc(sizeof(*fds) * (size_t)(argc - optind + 1));
    names = malloc(sizeof(*names) * (size_t)(argc - optind + 1));
    if (!fds || !names)
        err(1, "out of memory");
    fds[nout] = STDOUT_FILENO;
    names[nout++] = "standard output";
    for (i = optind; i < argc; i++) {
        int fd = open(argv[i], flags, 0666);
        if (fd < 0) {
            warn("%s", argv[i]);
            status = 1;
            continue;
        }
        fds[nout] = fd;
        names[nout++] = argv[i];
    }

    while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0) {
        for (i = 0; i < nout; i++) {
            if (fds[i] >= 0 && write_all(fds[i], buf, (size_t)n) < 0) {
                warn("%s", names[i]);
                status = 1;
                fds[i] = -1;
            }
        }
    }
    if (n < 0) {
        warn("read error");
        status = 1;
    }
    for (i = 1; i < nout; i++)
        if (fds[i] >= 0 && close(fds[i]) < 0) {
            warn("%s", names[i]);
            status = 1;
        }
    return status;
}
