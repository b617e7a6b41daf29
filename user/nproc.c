/*
 * nproc.c - print the number of processors that run: the blocks of
 * /proc/cpuinfo. --all prints the same (every CPU the kernel starts runs);
 * --ignore=N subtracts N, never going below 1, as GNU nproc does.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    FILE *f;
    char line[256];
    long n = 0, ignore = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--all") == 0)
            continue;
        if (strncmp(argv[i], "--ignore=", 9) == 0) {
            char *end;
            ignore = strtol(argv[i] + 9, &end, 10);
            if (*end || end == argv[i] + 9 || ignore < 0)
                errx(1, "invalid number: '%s'", argv[i] + 9);
            continue;
        }
        fprintf(stderr, "nproc: invalid argument '%s'\nusage: nproc [--all] [--ignore=N]\n",
                argv[i]);
        return 1;
    }
    if (!(f = fopen("/proc/cpuinfo", "r")))
        err(1, "/proc/cpuinfo");
    while (fgets(line, sizeof line, f))
        n += strncmp(line, "processor", 9) == 0;
    fclose(f);
    if (n < 1)
        n = 1;
    n = n - ignore < 1 ? 1 : n - ignore;
    printf("%ld\n", n);
    return 0;
}
