/*
 * test_pwd.c - libc's passwd, group and shadow parsers (libc/pwd/) on the
 * host, over files the test writes into a fresh directory: the entries of a
 * well-formed file, missing trailing fields, malformed lines skipped, lines
 * longer than the reader's limit, a last line without a newline, member lists
 * with empty names, buffers too small for the _r forms, getgrouplist's
 * counting and initgroups' call of setgroups.
 *
 * The structures are the host's: glibc's struct passwd, group and spwd have
 * the same members in the same order and types as libc's.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <shadow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

struct passwd *libc_getpwnam(const char *name);
struct passwd *libc_getpwuid(uid_t uid);
int libc_getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t buflen,
                    struct passwd **result);
void libc_setpwent(void);
struct passwd *libc_getpwent(void);
void libc_endpwent(void);
struct group *libc_getgrnam(const char *name);
struct group *libc_getgrgid(gid_t gid);
int libc_getgrnam_r(const char *name, struct group *grp, char *buf, size_t buflen,
                    struct group **result);
struct group *libc_getgrent(void);
void libc_endgrent(void);
int libc_getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups);
int libc_initgroups(const char *user, gid_t group);
struct spwd *libc_getspnam(const char *name);

/* What libc's code sees as errno, and the system calls it makes. */
int libc_errno;

int libc_test_open(const char *path, int flags, ...)
{
    int fd = open(path, flags);

    if (fd < 0)
        libc_errno = errno;
    return fd;
}

ssize_t libc_test_read(int fd, void *buf, size_t n)
{
    ssize_t r = read(fd, buf, n > 7 ? 7 : n); /* short reads: lines straddle them */

    if (r < 0)
        libc_errno = errno;
    return r;
}

long long libc_test_lseek(int fd, long long off, int whence)
{
    return lseek(fd, off, whence);
}

int libc_test_close(int fd)
{
    return close(fd);
}

static gid_t set_groups[64];
static size_t set_count;

int libc_test_setgroups(size_t n, const gid_t *list)
{
    set_count = n;
    memcpy(set_groups, list, n * sizeof *list);
    return 0;
}

static char scratch[] = "/tmp/libc_pwd.XXXXXX";

static void remove_scratch(void)
{
    unlink("passwd");
    unlink("group");
    unlink("shadow");
    if (chdir("/") == 0)
        rmdir(scratch);
}

/* Make a scratch directory the current one, once; it goes at exit. */
static void enter_scratch(void)
{
    static int done;

    if (done++)
        return;
    if (!mkdtemp(scratch) || chdir(scratch) != 0) {
        perror("libc_pwd: scratch directory");
        exit(2);
    }
    atexit(remove_scratch);
}

static void write_file(const char *name, const char *text)
{
    FILE *f;

    enter_scratch();
    f = fopen(name, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(name);
        exit(2);
    }
}

static const char passwd_text[] =
    "root:x:0:0:root:/root:/bin/sh\n"
    "\n"
    ":x:5:5:no name:/:/bin/sh\n"                  /* empty name: skipped */
    "bad:x:12a:0::/:\n"                           /* uid not a number: skipped */
    "neg:x:-1:0::/:\n"                            /* nor is a sign */
    "big:x:4294967296:0::/:\n"                    /* beyond 32 bits */
    "short:x:7:8\n"                               /* gecos, home and shell missing */
    "odd:pw:9:9:a,b,c:/home/odd:/bin/odd:extra\n" /* the shell keeps the rest */
    "user:x:1000:100:A User:/home/user:/bin/sh\n"
    "last:x:1001:100:::/bin/last"; /* no newline at the end */

TEST(passwd_entries_are_parsed)
{
    struct passwd *pw;

    write_file("passwd", passwd_text);
    pw = libc_getpwnam("root");
    REQUIRE(pw != NULL);
    CHECK_STR(pw->pw_dir, "/root");
    CHECK_EQ(pw->pw_uid, 0);
    pw = libc_getpwuid(1000);
    REQUIRE(pw != NULL);
    CHECK_STR(pw->pw_name, "user");
    CHECK_STR(pw->pw_gecos, "A User");
    CHECK_EQ(pw->pw_gid, 100);
    pw = libc_getpwnam("short");
    REQUIRE(pw != NULL);
    CHECK_EQ(pw->pw_uid, 7);
    CHECK_EQ(pw->pw_gid, 8);
    CHECK_STR(pw->pw_gecos, "");
    CHECK_STR(pw->pw_dir, "");
    CHECK_STR(pw->pw_shell, "");
    pw = libc_getpwnam("odd");
    REQUIRE(pw != NULL);
    CHECK_STR(pw->pw_passwd, "pw");
    CHECK_STR(pw->pw_shell, "/bin/odd:extra");
    pw = libc_getpwnam("last");
    REQUIRE(pw != NULL);
    CHECK_STR(pw->pw_shell, "/bin/last");
    CHECK(libc_getpwnam("bad") == NULL);
    CHECK(libc_getpwnam("neg") == NULL);
    CHECK(libc_getpwnam("big") == NULL);
    CHECK(libc_getpwuid(5) == NULL);
    CHECK(libc_getpwnam("") == NULL);
}

TEST(getpwent_skips_malformed_lines)
{
    static const char *const want[] = {"root", "short", "odd", "user", "last"};
    struct passwd *pw;
    size_t n = 0;

    write_file("passwd", passwd_text);
    libc_setpwent();
    while ((pw = libc_getpwent())) {
        REQUIRE(n < 5);
        CHECK_STR(pw->pw_name, want[n]);
        n++;
    }
    CHECK_EQ(n, 5);
    libc_endpwent();
}

TEST(getpwnam_r_needs_room_for_every_string)
{
    struct passwd pw, *result;
    /* "user" "x" "A User" "/home/user" "/bin/sh" with their NULs: 5+2+7+11+8 = 33 bytes. */
    char buf[64];

    write_file("passwd", passwd_text);
    CHECK_EQ(libc_getpwnam_r("user", &pw, buf, 32, &result), ERANGE);
    CHECK(result == NULL);
    CHECK_EQ(libc_getpwnam_r("user", &pw, buf, 33, &result), 0);
    CHECK(result == &pw);
    CHECK_STR(pw.pw_shell, "/bin/sh");
    CHECK_EQ(libc_getpwnam_r("nobody", &pw, buf, sizeof buf, &result), 0);
    CHECK(result == NULL);
}

TEST(missing_file_reports_its_errno)
{
    struct passwd pw, *result;
    char buf[64];

    enter_scratch();
    unlink("passwd");
    CHECK_EQ(libc_getpwnam_r("root", &pw, buf, sizeof buf, &result), ENOENT);
    libc_errno = 0;
    CHECK(libc_getpwnam("root") == NULL);
    CHECK_EQ(libc_errno, ENOENT);
}

TEST(long_lines_are_skipped_whole)
{
    size_t big = 70000, fits = 60000;
    char *text = malloc(big + fits + 256), *p = text;

    REQUIRE(text != NULL);
    p += sprintf(p, "first:x:1:1::/:\n");
    /* Longer than the 64 KiB limit: a name made of 'a's with a valid-looking tail. */
    memset(p, 'a', big);
    p += big;
    p += sprintf(p, ":x:2:2::/:\n");
    /* Shorter than the limit but far longer than the first buffer: kept. */
    p += sprintf(p, "long:x:3:3:");
    memset(p, 'g', fits);
    p += fits;
    p += sprintf(p, ":/:/bin/sh\nafter:x:4:4::/:\n");
    write_file("passwd", text);
    free(text);

    CHECK(libc_getpwuid(1) != NULL);
    CHECK(libc_getpwuid(2) == NULL);
    struct passwd *pw = libc_getpwuid(3);
    REQUIRE(pw != NULL);
    CHECK_EQ(strlen(pw->pw_gecos), fits);
    CHECK_STR(pw->pw_shell, "/bin/sh");
    pw = libc_getpwuid(4);
    REQUIRE(pw != NULL);
    CHECK_STR(pw->pw_name, "after");
}

static const char group_text[] = "root:x:0:\n"
                                 "wheel:x:10:root,user\n"
                                 "users:x:100\n"            /* no member field at all */
                                 "odd:x:20:,user,,other,\n" /* empty names are dropped */
                                 "broken::x:\n"             /* gid not a number */
                                 "staff:*:50:user";

TEST(group_entries_are_parsed)
{
    struct group *gr;

    write_file("group", group_text);
    gr = libc_getgrnam("wheel");
    REQUIRE(gr != NULL);
    CHECK_EQ(gr->gr_gid, 10);
    CHECK_STR(gr->gr_mem[0], "root");
    CHECK_STR(gr->gr_mem[1], "user");
    CHECK(gr->gr_mem[2] == NULL);
    gr = libc_getgrgid(100);
    REQUIRE(gr != NULL);
    CHECK_STR(gr->gr_name, "users");
    CHECK(gr->gr_mem[0] == NULL);
    gr = libc_getgrnam("odd");
    REQUIRE(gr != NULL);
    CHECK_STR(gr->gr_mem[0], "user");
    CHECK_STR(gr->gr_mem[1], "other");
    CHECK(gr->gr_mem[2] == NULL);
    gr = libc_getgrnam("staff");
    REQUIRE(gr != NULL);
    CHECK_STR(gr->gr_passwd, "*");
    CHECK_STR(gr->gr_mem[0], "user");
    CHECK(libc_getgrnam("broken") == NULL);
}

TEST(getgrnam_r_lays_out_members_in_the_buffer)
{
    struct group gr, *result;
    char buf[256];

    write_file("group", group_text);
    /* An odd start: the pointer array must still be aligned. */
    CHECK_EQ(libc_getgrnam_r("wheel", &gr, buf + 1, sizeof buf - 1, &result), 0);
    REQUIRE(result == &gr);
    CHECK_EQ((unsigned long)gr.gr_mem % sizeof(char *), 0);
    CHECK((char *)gr.gr_mem >= buf && (char *)gr.gr_mem < buf + sizeof buf);
    CHECK_STR(gr.gr_mem[1], "user");
    for (size_t len = 0; len < 40; len++)
        CHECK(libc_getgrnam_r("wheel", &gr, buf + 1, len, &result) == ERANGE && result == NULL);
}

TEST(getgrent_returns_each_valid_group)
{
    int n = 0;

    write_file("group", group_text);
    while (libc_getgrent())
        n++;
    libc_endgrent();
    CHECK_EQ(n, 5);
}

TEST(getgrouplist_counts_and_deduplicates)
{
    gid_t list[8];
    int n = 8;

    write_file("group", group_text);
    CHECK_EQ(libc_getgrouplist("user", 100, list, &n), 4);
    CHECK_EQ(n, 4);
    CHECK_EQ(list[0], 100);
    CHECK_EQ(list[1], 10);
    CHECK_EQ(list[2], 20);
    CHECK_EQ(list[3], 50);
    n = 8;
    CHECK_EQ(libc_getgrouplist("user", 10, list, &n), 3); /* 10 only once */
    n = 2;
    CHECK_EQ(libc_getgrouplist("user", 100, list, &n), -1);
    CHECK_EQ(n, 4);
    CHECK_EQ(list[1], 10);
    n = 8;
    CHECK_EQ(libc_getgrouplist("use", 7, list, &n), 1); /* no prefix matches */
    CHECK_EQ(libc_initgroups("user", 100), 0);
    CHECK_EQ(set_count, 4);
    CHECK_EQ(set_groups[3], 50);
}

TEST(shadow_entries_are_parsed)
{
    struct spwd *sp;

    write_file("shadow", "root:$5$salt$hash:19000:0:99999:7:::\n"
                         "user:!\n"
                         "bad:x:1x:::::::\n");
    sp = libc_getspnam("root");
    REQUIRE(sp != NULL);
    CHECK_STR(sp->sp_pwdp, "$5$salt$hash");
    CHECK_EQ(sp->sp_lstchg, 19000);
    CHECK_EQ(sp->sp_max, 99999);
    CHECK_EQ(sp->sp_warn, 7);
    CHECK_EQ(sp->sp_inact, -1);
    CHECK_EQ(sp->sp_expire, -1);
    CHECK_EQ(sp->sp_flag, 0);
    sp = libc_getspnam("user");
    REQUIRE(sp != NULL);
    CHECK_STR(sp->sp_pwdp, "!");
    CHECK_EQ(sp->sp_lstchg, -1);
    CHECK(libc_getspnam("bad") == NULL);
}
