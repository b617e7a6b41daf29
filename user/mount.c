/*
 * mount.c - mount a file system, or list the mounted ones.
 *
 *   mount                          list /proc/mounts as "DEV on DIR type TYPE (OPTIONS)"
 *   mount [-t TYPE] [-r | -o OPTS] DEV DIR
 *
 * TYPE defaults to adventfs (the only file system on disks); devfs and proc
 * need no device, so DEV is only a name for them ("proc"). OPTS is a comma
 * list of ro and rw. Mounting is root's.
 */
#include <err.h>
#include <getopt.h>
#include <mntent.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#define DEFAULT_TYPE "adventfs"

static int list(void)
{
    FILE *f = setmntent(MOUNTED, "r");
    struct mntent *m;

    if (!f)
        err(1, "%s", MOUNTED);
    while ((m = getmntent(f)) != NULL)
        printf("%s on %s type %s (%s)\n", m->mnt_fsname, m->mnt_dir, m->mnt_type, m->mnt_opts);
    endmntent(f);
    return 0;
}

/* Add the options of a comma list to *flags; 0, or -1 for one we do not know. */
static int parse_options(char *opts, unsigned long *flags)
{
    for (char *o = strtok(opts, ","); o; o = strtok(NULL, ",")) {
        if (strcmp(o, "ro") == 0)
            *flags |= MS_RDONLY;
        else if (strcmp(o, "rw") == 0)
            *flags &= ~(unsigned long)MS_RDONLY;
        else if (strcmp(o, "defaults") != 0) {
            warnx("unknown option '%s'", o);
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *type = DEFAULT_TYPE;
    unsigned long flags = 0;
    int c;

    while ((c = getopt(argc, argv, "t:o:rw")) != -1) {
        switch (c) {
        case 't': type = optarg; break;
        case 'o':
            if (parse_options(optarg, &flags) < 0)
                return 1;
            break;
        case 'r': flags |= MS_RDONLY; break;
        case 'w': flags &= ~(unsigned long)MS_RDONLY; break;
        default:
            fprintf(stderr, "usage: mount [-t TYPE] [-r | -o OPTIONS] DEVICE DIR\n");
            return 1;
        }
    }
    if (optind == argc)
        return list();
    if (argc - optind != 2) {
        fprintf(stderr, "usage: mount [-t TYPE] [-r | -o OPTIONS] DEVICE DIR\n");
        return 1;
    }
    if (mount(argv[optind], argv[optind + 1], type, flags, NULL) < 0)
        err(1, "%s on %s", argv[optind], argv[optind + 1]);
    return 0;
}
