/*
 * uname.c - print information about the system: -s kernel name (the
 * default), -n node (host) name, -r release, -v version, -m machine, -p
 * processor, -i hardware platform, -o operating system; -a all of them in
 * that order, leaving out -p and -i, which are "unknown" here, as GNU does.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <sys/utsname.h>

enum {
    F_SYSNAME = 1,
    F_NODENAME = 2,
    F_RELEASE = 4,
    F_VERSION = 8,
    F_MACHINE = 16,
    F_PROCESSOR = 32,
    F_PLATFORM = 64,
    F_OS = 128,
};

#define UNKNOWN "unknown"

static int printed;

static void field(const char *s)
{
    printf("%s%s", printed++ ? " " : "", s);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"all", no_argument, NULL, 'a'},
        {"kernel-name", no_argument, NULL, 's'},
        {"nodename", no_argument, NULL, 'n'},
        {"kernel-release", no_argument, NULL, 'r'},
        {"kernel-version", no_argument, NULL, 'v'},
        {"machine", no_argument, NULL, 'm'},
        {"processor", no_argument, NULL, 'p'},
        {"hardware-platform", no_argument, NULL, 'i'},
        {"operating-system", no_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    struct utsname u;
    int want = 0, all = 0, c;

    while ((c = getopt_long(argc, argv, "asnrvmpio", longopts, NULL)) != -1) {
        switch (c) {
        case 'a': all = 1; break;
        case 's': want |= F_SYSNAME; break;
        case 'n': want |= F_NODENAME; break;
        case 'r': want |= F_RELEASE; break;
        case 'v': want |= F_VERSION; break;
        case 'm': want |= F_MACHINE; break;
        case 'p': want |= F_PROCESSOR; break;
        case 'i': want |= F_PLATFORM; break;
        case 'o': want |= F_OS; break;
        default:
            fprintf(stderr, "usage: uname [-asnrvmpio]\n");
            return 1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "uname: extra operand '%s'\n", argv[optind]);
        return 1;
    }
    if (all)
        want |= F_SYSNAME | F_NODENAME | F_RELEASE | F_VERSION | F_MACHINE | F_OS;
    if (!want)
        want = F_SYSNAME;
    if (uname(&u) < 0)
        err(1, "cannot get system name");
    if (want & F_SYSNAME)
        field(u.sysname);
    if (want & F_NODENAME)
        field(u.nodename);
    if (want & F_RELEASE)
        field(u.release);
    if (want & F_VERSION)
        field(u.version);
    if (want & F_MACHINE)
        field(u.machine);
    if (want & F_PROCESSOR)
        field(UNKNOWN);
    if (want & F_PLATFORM)
        field(UNKNOWN);
    if (want & F_OS)
        field(u.sysname); /* the operating system is the kernel's own */
    putchar('\n');
    return 0;
}
