/*
 * useradd - create an account (root only).
 *
 *   useradd [-m] [-d home] [-s shell] [-u uid] [-g group] [-G group,...]
 *           [-c comment] name
 *
 * Adds the /etc/passwd entry, a locked /etc/shadow entry ("!": no password
 * opens it until passwd sets one) and the user to the member lists of the -G
 * groups. Defaults: uid one above the highest at or above 1000, group
 * "users" (100), home /home/<name>, shell /bin/sh. -m creates the home
 * directory, owned by the user with mode 0700.
 * Exit status (as shadow-utils): 0 done, 1 cannot update the files, 2 bad
 * usage, 3 bad argument, 4 uid in use, 6 group does not exist, 9 name in
 * use, 12 cannot create the home directory.
 */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <pwdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FIRST_UID 1000
#define DEFAULT_GID 100
#define NAME_MAX_LEN 32

static void usage(void)
{
    fprintf(stderr, "usage: useradd [-m] [-d home] [-s shell] [-u uid] [-g group] "
                    "[-G group,...] [-c comment] name\n");
    exit(2);
}

/* Lower-case letter or '_' first, then letters, digits, '_' and '-'. */
static int valid_user_name(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > NAME_MAX_LEN || !(islower((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_' ||
              s[i] == '-'))
            return 0;
    return 1;
}

/* No ':' or newline: they would break the database line. */
static int valid_field(const char *s)
{
    return !strpbrk(s, ":\n");
}

static uid_t next_free_uid(void)
{
    uid_t next = FIRST_UID;
    struct passwd *pw;

    setpwent();
    while ((pw = getpwent()))
        if (pw->pw_uid >= next && pw->pw_uid < 60000)
            next = pw->pw_uid + 1;
    endpwent();
    return next;
}

static int group_id(const char *s, gid_t *gid)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    struct group *g;

    if (*s && !*end) {
        *gid = (gid_t)v;
        return getgrgid(*gid) ? 0 : -1;
    }
    g = getgrnam(s);
    if (!g)
        return -1;
    *gid = g->gr_gid;
    return 0;
}

/* Add name to the member list of group (given by name or number). */
static int add_member(const char *group, const char *name)
{
    gid_t gid;
    struct group *g;
    char line[1024];
    size_t len;

    if (group_id(group, &gid) < 0 || !(g = getgrgid(gid)))
        return -1;
    len = (size_t)snprintf(line, sizeof line, "%s:%s:%u:", g->gr_name,
                           g->gr_passwd ? g->gr_passwd : "x", (unsigned)g->gr_gid);
    int first = 1;
    for (char **m = g->gr_mem; *m; m++) {
        if (strcmp(*m, name) == 0)
            return 0;
        len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", first ? "" : ",", *m);
        first = 0;
    }
    snprintf(line + len, sizeof line - len, "%s%s", first ? "" : ",", name);
    char gname[64];
    snprintf(gname, sizeof gname, "%s", g->gr_name);
    return pwdb_update("/etc/group", gname, line);
}

int main(int argc, char **argv)
{
    const char *home = NULL, *shell = "/bin/sh", *groups = NULL, *comment = "";
    const char *uid_arg = NULL, *group_arg = NULL;
    int make_home = 0, opt;
    gid_t gid = DEFAULT_GID;
    uid_t uid;
    char home_buf[128], line[1024];

    while ((opt = getopt(argc, argv, "md:s:u:g:G:c:")) != -1) {
        switch (opt) {
        case 'm': make_home = 1; break;
        case 'd': home = optarg; break;
        case 's': shell = optarg; break;
        case 'u': uid_arg = optarg; break;
        case 'g': group_arg = optarg; break;
        case 'G': groups = optarg; break;
        case 'c': comment = optarg; break;
        default: usage();
        }
    }
    if (optind != argc - 1)
        usage();
    const char *name = argv[optind];
    if (geteuid() != 0) {
        fprintf(stderr, "useradd: Permission denied.\n");
        return 1;
    }
    if (!valid_user_name(name)) {
        fprintf(stderr, "useradd: invalid user name '%s'\n", name);
        return 3;
    }
    if (!valid_field(comment) || !valid_field(shell) || (home && !valid_field(home))) {
        fprintf(stderr, "useradd: fields may not contain ':' or a newline\n");
        return 3;
    }
    if (getpwnam(name)) {
        fprintf(stderr, "useradd: user '%s' already exists\n", name);
        return 9;
    }
    if (group_arg && group_id(group_arg, &gid) < 0) {
        fprintf(stderr, "useradd: group '%s' does not exist\n", group_arg);
        return 6;
    }
    if (uid_arg) {
        char *end;
        unsigned long v = strtoul(uid_arg, &end, 10);
        if (!*uid_arg || *end || v > 65534) {
            fprintf(stderr, "useradd: invalid user ID '%s'\n", uid_arg);
            return 3;
        }
        uid = (uid_t)v;
        if (getpwuid(uid)) {
            fprintf(stderr, "useradd: UID %lu is not unique\n", v);
            return 4;
        }
    } else {
        uid = next_free_uid();
    }
    if (groups) {
        /* Check every group before changing anything. */
        char *copy = strdup(groups), *save, *g;
        for (g = copy ? strtok_r(copy, ",", &save) : NULL; g; g = strtok_r(NULL, ",", &save)) {
            gid_t ignored;
            if (group_id(g, &ignored) < 0) {
                fprintf(stderr, "useradd: group '%s' does not exist\n", g);
                return 6;
            }
        }
        free(copy);
    }
    if (!home) {
        snprintf(home_buf, sizeof home_buf, "/home/%s", name);
        home = home_buf;
    }

    if (lckpwdf() < 0) {
        perror("useradd: cannot lock the password file");
        return 1;
    }
    snprintf(line, sizeof line, "%s:x:%u:%u:%s:%s:%s", name, (unsigned)uid, (unsigned)gid,
             comment, home, shell);
    int failed = pwdb_update("/etc/passwd", name, line) < 0;
    if (!failed) {
        snprintf(line, sizeof line, "%s:!:%ld:0:99999:7:::", name, (long)(time(NULL) / 86400));
        failed = pwdb_update("/etc/shadow", name, line) < 0;
        if (failed)
            pwdb_update("/etc/passwd", name, NULL); /* no half-made account */
    }
    if (!failed && groups) {
        char *copy = strdup(groups), *save, *g;
        for (g = copy ? strtok_r(copy, ",", &save) : NULL; g && !failed;
             g = strtok_r(NULL, ",", &save))
            failed = add_member(g, name) < 0;
        free(copy);
    }
    int saved = errno;
    ulckpwdf();
    if (failed) {
        fprintf(stderr, "useradd: cannot update the account files: %s\n", strerror(saved));
        return 1;
    }
    if (make_home) {
        if (mkdir(home, 0700) < 0 && errno != EEXIST) {
            fprintf(stderr, "useradd: cannot create directory %s: %s\n", home, strerror(errno));
            return 12;
        }
        if (chown(home, uid, gid) < 0 || chmod(home, 0700) < 0) {
            fprintf(stderr, "useradd: %s: %s\n", home, strerror(errno));
            return 12;
        }
    }
    return 0;
}
