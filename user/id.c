/*
 * id.c - print user and group ids, in the format of the usual Unix id:
 *
 *     id [-u|-g|-G [-n] [-r]] [USER]
 *
 * Without options: "uid=0(root) gid=0(root) groups=0(root),10(wheel)", plus
 * " euid=..." and " egid=..." when they differ from the real ids. -u, -g and
 * -G print only the (effective) uid, gid or the group list, -n their names,
 * -r the real ids. For the process the groups are its real and effective gid
 * and getgroups(); for a USER, the passwd entry's gid and getgrouplist().
 * An id without a name prints as its number (and, with -n, makes the exit
 * status 1).
 *
 * -G separates the groups with spaces, the default format with commas.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define ID_MAX_GROUPS 64

/* How an id prints: its number, its name, or "number(name)". */
enum id_form { ID_NUMBER, ID_NAME, ID_BOTH };

static const char *prog = "id";
static int status;

static void usage(void)
{
    fprintf(stderr, "usage: %s [-u|-g|-G [-n] [-r]] [USER]\n", prog);
}

/* Print uid in the given form; a missing name prints the number (and sets status 1). */
static void print_user(uid_t uid, enum id_form form)
{
    struct passwd *pw = getpwuid(uid);

    if (form == ID_NAME) {
        if (pw) {
            fputs(pw->pw_name, stdout);
            return;
        }
        fprintf(stderr, "%s: cannot find name for user ID %u\n", prog, (unsigned)uid);
        status = 1;
        printf("%u", (unsigned)uid);
        return;
    }
    printf("%u", (unsigned)uid);
    if (pw && form == ID_BOTH)
        printf("(%s)", pw->pw_name);
}

static void print_group(gid_t gid, enum id_form form)
{
    struct group *gr = getgrgid(gid);

    if (form == ID_NAME) {
        if (gr) {
            fputs(gr->gr_name, stdout);
            return;
        }
        fprintf(stderr, "%s: cannot find name for group ID %u\n", prog, (unsigned)gid);
        status = 1;
        printf("%u", (unsigned)gid);
        return;
    }
    printf("%u", (unsigned)gid);
    if (gr && form == ID_BOTH)
        printf("(%s)", gr->gr_name);
}

/*
 * The group list: rgid, egid when it differs, then the rest of list without
 * those two, each printed by print_group and separated by sep.
 */
static void print_groups(gid_t rgid, gid_t egid, const gid_t *list, int n, enum id_form form,
                         const char *sep)
{
    print_group(rgid, form);
    if (egid != rgid) {
        fputs(sep, stdout);
        print_group(egid, form);
    }
    for (int i = 0; i < n; i++) {
        int seen = list[i] == rgid || list[i] == egid;

        for (int j = 0; j < i && !seen; j++)
            seen = list[j] == list[i];
        if (seen)
            continue;
        fputs(sep, stdout);
        print_group(list[i], form);
    }
}

int main(int argc, char **argv)
{
    int only = 0, names = 0, real = 0, i, ngroups;
    uid_t ruid, euid;
    gid_t rgid, egid, groups[ID_MAX_GROUPS];
    struct passwd *pw = NULL;
    enum id_form form;

    if (argc > 0 && argv[0][0])
        prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            switch (*o) {
            case 'u':
            case 'g':
            case 'G':
                if (only && only != *o) {
                    fprintf(stderr, "%s: cannot print \"only\" of more than one choice\n", prog);
                    return 1;
                }
                only = *o;
                break;
            case 'n':
                names = 1;
                break;
            case 'r':
                real = 1;
                break;
            default:
                fprintf(stderr, "%s: invalid option -- '%c'\n", prog, *o);
                usage();
                return 1;
            }
        }
    }
    if (argc - i > 1) {
        fprintf(stderr, "%s: extra operand '%s'\n", prog, argv[i + 1]);
        usage();
        return 1;
    }
    if (!only && (names || real)) {
        fprintf(stderr, "%s: cannot print only names or real IDs in default format\n", prog);
        return 1;
    }

    if (i < argc) {
        pw = getpwnam(argv[i]);
        if (!pw) {
            fprintf(stderr, "%s: '%s': no such user\n", prog, argv[i]);
            return 1;
        }
        ruid = euid = pw->pw_uid;
        rgid = egid = pw->pw_gid;
        ngroups = ID_MAX_GROUPS;
        if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &ngroups) < 0)
            ngroups = ID_MAX_GROUPS; /* print the ones that fit */
    } else {
        ruid = getuid();
        euid = geteuid();
        rgid = getgid();
        egid = getegid();
        ngroups = getgroups(ID_MAX_GROUPS, groups);
        if (ngroups < 0) {
            perror(prog);
            return 1;
        }
    }

    form = names ? ID_NAME : ID_NUMBER;
    switch (only) {
    case 'u':
        print_user(real ? ruid : euid, form);
        break;
    case 'g':
        print_group(real ? rgid : egid, form);
        break;
    case 'G':
        print_groups(rgid, egid, groups, ngroups, form, " ");
        break;
    default:
        fputs("uid=", stdout);
        print_user(ruid, ID_BOTH);
        fputs(" gid=", stdout);
        print_group(rgid, ID_BOTH);
        if (euid != ruid) {
            fputs(" euid=", stdout);
            print_user(euid, ID_BOTH);
        }
        if (egid != rgid) {
            fputs(" egid=", stdout);
            print_group(egid, ID_BOTH);
        }
        fputs(" groups=", stdout);
        print_groups(rgid, egid, groups, ngroups, ID_BOTH, ",");
        break;
    }
    putchar('\n');
    return status;
}
