/*
 * free.c - the amount of free and used memory, from /proc/meminfo, in
 * procps's layout:
 *
 *                total        used        free      shared  buff/cache   available
 *   Mem:        126976       10240      110592           0        6144      116736
 *   Swap:            0           0           0
 *
 * "used" is total minus available, as procps 4 computes it. Units: -k KiB
 * (the default), -m MiB, -g GiB, -b bytes, -h a readable size with a unit
 * (human_size, as df -h and ls -lh print it).
 */
#include <err.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long unit = 1024; /* bytes per printed unit; 0: human-readable */

/* The value of "Name:" in /proc/meminfo, in bytes (0 when absent). */
static unsigned long long meminfo(const char *text, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, name, n) == 0 && p[n] == ':')
            return strtoull(p + n + 1, NULL, 10) * 1024;
    return 0;
}

static void column(unsigned long long bytes)
{
    char buf[16];

    if (unit)
        printf(" %11llu", bytes / unit);
    else
        printf(" %11s", human_size(bytes, buf, sizeof buf));
}

int main(int argc, char **argv)
{
    char text[2048];
    size_t len;
    FILE *f;
    unsigned long long total, freemem, avail, buffers, cached, shared, swap_total, swap_free;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-b") == 0 || strcmp(argv[i], "--bytes") == 0)
            unit = 1;
        else if (strcmp(argv[i], "-k") == 0 || strcmp(argv[i], "--kibi") == 0)
            unit = 1024;
        else if (strcmp(argv[i], "-m") == 0 || strcmp(argv[i], "--mebi") == 0)
            unit = 1024 * 1024;
        else if (strcmp(argv[i], "-g") == 0 || strcmp(argv[i], "--gibi") == 0)
            unit = 1024 * 1024 * 1024;
        else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--human") == 0)
            unit = 0;
        else {
            fprintf(stderr, "free: invalid option '%s'\nusage: free [-b | -k | -m | -g | -h]\n",
                    argv[i]);
            return 1;
        }
    }
    if (!(f = fopen("/proc/meminfo", "r")))
        err(1, "/proc/meminfo");
    len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    total = meminfo(text, "MemTotal");
    freemem = meminfo(text, "MemFree");
    avail = meminfo(text, "MemAvailable");
    buffers = meminfo(text, "Buffers");
    cached = meminfo(text, "Cached") + meminfo(text, "SReclaimable");
    shared = meminfo(text, "Shmem");
    swap_total = meminfo(text, "SwapTotal");
    swap_free = meminfo(text, "SwapFree");

    printf("               total        used        free      shared  buff/cache   available\n");
    printf("%-7s", "Mem:");
    column(total);
    column(total > avail ? total - avail : 0);
    column(freemem);
    column(shared);
    column(buffers + cached);
    column(avail);
    printf("\n%-7s", "Swap:");
    column(swap_total);
    column(swap_total - swap_free);
    column(swap_free);
    putchar('\n');
    return 0;
}
