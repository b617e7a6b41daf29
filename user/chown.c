/*
 * chown.c - change the owner and group of files (POSIX chown: -R, -h).
 *
 * The owner is "USER", "USER:GROUP", "USER:" (the user's login group),
 * ":GROUP" or numbers; names are looked up in /etc/passwd and /etc/group.
 * -h changes a symbolic link itself (lchown) instead of the file it points
 * to. -R walks directories without following symbolic links and, like GNU
 * chown's default -P, changes the links it meets (even one named on the
 * command line) rather than their targets.
 */
#include <err.h>
#include <grp.h>
#include <libutil.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, no_deref, verbose;
static uid_t new_uid = (uid_t)-1;
static gid_t new_gid = (gid_t)-1;

/* A name or number from the user database; -1 when neither. */
static int
parse_id(const char *s, int is_group, unsigned *out)
{
    char *end;
    unsigned long v;

    if (is_group) {
        struct group *gr = getgrnam(s);
        if (gr) {
            *out = gr->gr_gid;
            return 0;
        }
    } else {
        struct passwd *pw = getpwnam(s);
        if (pw) {
            *out = pw->pw_uid;
            return 0;
        }
    }
    v = strtoul(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v >= 0xffffffffUL)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static void
parse_owner(char *spec)
{
    char *colon = strchr(spec, ':');
    unsigned v;

    if (!colon)
        colon = strchr(spec, '.'); /* the old USER.GROUP form */
    if (colon)
        *colon = '\0';
    if (*spec) {
        if (parse_id(spec, 0, &v) < 0)
            errx(1, "invalid user: '%s'", spec);
        new_uid = v;
        if (colon && colon[1] == '\0') {
            struct passwd *pw = getpwuid(new_uid);
            if (!pw)
                errx(1, "invalid spec: '%s:'", spec);
            new_gid = pw->pw_gid;
        }
    }
    if (colon && colon[1]) {
        if (parse_id(colon + 1, 1, &v) < 0)
            errx(1, "invalid group: '%s'", colon + 1);
        new_gid = v;
    }
}

static int change(const char *path);

static int
change_child(const char *child, void *arg)
{
    (void)arg;
    return change(child);
}

/* Change everything below the directory path (-R). */
static int
change_tree(const char *path)
{
    int r = dir_each(path, change_child, NULL);

    if (r < 0)
        warn("cannot read directory '%s'", path);
    return r ? -1 : 0;
}

static int
change(const char *path)
{
    struct stat st;
    int r;

    if (lstat(path, &st) < 0) {
        warn("cannot access '%s'", path);
        return -1;
    }
    /* -h, and -R (which follows no link), change a link itself, not its target. */
    if (no_deref || recursive)
        r = lchown(path, new_uid, new_gid);
    else
        r = chown(path, new_uid, new_gid);
    if (r < 0) {
        warn("changing ownership of '%s'", path);
        return -1;
    }
    if (verbose)
        printf("ownership of '%s' changed\n", path);
    if (recursive && S_ISDIR(st.st_mode))
        return change_tree(path);
    return 0;
}

int
main(int argc, char **argv)
{
    int status = 0, c;

    while ((c = getopt(argc, argv, "Rhv")) != -1) {
        switch (c) {
        case 'R': recursive = 1; break;
        case 'h': no_deref = 1; break;
        case 'v': verbose = 1; break;
        default:
            fprintf(stderr, "usage: chown [-Rhv] OWNER[:GROUP] FILE...\n");
            return 1;
        }
    }
    if (argc - optind < 2) {
        fprintf(stderr, "usage: chown [-Rhv] OWNER[:GROUP] FILE...\n");
        return 1;
    }
    parse_owner(argv[optind]);
    for (int i = optind + 1; i < argc; i++)
        if (change(argv[i]) < 0)
            status = 1;
    return status;
}
