/*
 * dmesg.c - print the kernel log (/proc/dmesg, the ring of the kernel's
 * messages since boot, oldest dropped first). Reading does not clear it.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define LOG "/proc/dmesg"

int main(int argc, char **argv)
{
    char buf[4096];
    ssize_t n;
    int fd;

    if (argc > 1) {
        fprintf(stderr, "dmesg: extra operand '%s'\nusage: dmesg\n", argv[1]);
        return 1;
    }
    if ((fd = open(LOG, O_RDONLY)) < 0)
        err(1, "%s", LOG);
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        if (write(1, buf, (size_t)n) != n)
            err(1, "write error");
    }
    if (n < 0)
        err(1, "%s", LOG);
    close(fd);
    return 0;
}
