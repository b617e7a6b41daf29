/*
 * test_users.c - the user and group databases of the root image (/etc/passwd,
 * /etc/group, /etc/shadow; docs/userspace.md, "Users and groups"), crypt(),
 * and the id and whoami programs.
 *
 * The expected values are those of rootfs/etc: root (uid 0, group root 0,
 * home /root) and user (uid 1000, group users 100, home /home/user), both
 * members of wheel (10); the shadow hashes are of the passwords "root" and
 * "user". The crypt vectors are the SHA-crypt specification's own examples
 * (the same ones tests/lib/crypto/test_sha256crypt.c checks on the host).
 * Cases that drop root run in a child.
 */
#define UTEST_SUITE "users"
#include "utest.h"

#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <shadow.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define USER_UID 1000
#define USERS_GID 100
#define WHEEL_GID 10

UTEST(getpwnam_finds_root)
{
    struct passwd *pw = getpwnam("root");

    UT_ASSERT(pw != NULL);
    UT_ASSERT_STR(pw->pw_name, "root");
    UT_ASSERT_STR(pw->pw_passwd, "x");
    UT_ASSERT_EQ(pw->pw_uid, 0);
    UT_ASSERT_EQ(pw->pw_gid, 0);
    UT_ASSERT_STR(pw->pw_dir, "/root");
    UT_ASSERT_STR(pw->pw_shell, "/bin/sh");
}

UTEST(getpwuid_finds_user)
{
    struct passwd *pw = getpwuid(USER_UID);

    UT_ASSERT(pw != NULL);
    UT_ASSERT_STR(pw->pw_name, "user");
    UT_ASSERT_EQ(pw->pw_uid, USER_UID);
    UT_ASSERT_EQ(pw->pw_gid, USERS_GID);
    UT_ASSERT_STR(pw->pw_dir, "/home/user");
    UT_ASSERT_STR(pw->pw_shell, "/bin/sh");
}

UTEST(unknown_names_and_ids_are_not_found)
{
    errno = 0;
    UT_ASSERT(getpwnam("nosuchuser") == NULL);
    UT_ASSERT_EQ(errno, 0);
    UT_ASSERT(getpwnam("") == NULL);
    UT_ASSERT(getpwnam("roo") == NULL); /* no prefix matches */
    UT_ASSERT(getpwuid(4242) == NULL);
    UT_ASSERT(getgrnam("nosuchgroup") == NULL);
    UT_ASSERT(getgrgid(4242) == NULL);
}

UTEST(getpwnam_r_reports_a_small_buffer)
{
    struct passwd pw, *result = &pw;
    char small[8], big[256];

    UT_ASSERT_EQ(getpwnam_r("user", &pw, small, sizeof small, &result), ERANGE);
    UT_ASSERT(result == NULL);
    UT_ASSERT_EQ(getpwnam_r("user", &pw, big, sizeof big, &result), 0);
    UT_ASSERT(result == &pw);
    UT_ASSERT_STR(pw.pw_dir, "/home/user");
    UT_ASSERT(pw.pw_name >= big && pw.pw_name < big + sizeof big);
    UT_ASSERT_EQ(getpwuid_r(4242, &pw, big, sizeof big, &result), 0);
    UT_ASSERT(result == NULL);
}

UTEST(getpwent_walks_the_file_in_order)
{
    struct passwd *pw;

    setpwent();
    pw = getpwent();
    UT_ASSERT(pw != NULL);
    UT_ASSERT_STR(pw->pw_name, "root");
    pw = getpwent();
    UT_ASSERT(pw != NULL);
    UT_ASSERT_STR(pw->pw_name, "user");
    UT_ASSERT(getpwent() == NULL);
    setpwent();
    pw = getpwent();
    UT_ASSERT(pw != NULL);
    UT_ASSERT_STR(pw->pw_name, "root");
    endpwent();
}

UTEST(getgrnam_and_getgrgid_find_the_groups)
{
    struct group *gr = getgrnam("users");

    UT_ASSERT(gr != NULL);
    UT_ASSERT_EQ(gr->gr_gid, USERS_GID);
    UT_ASSERT(gr->gr_mem != NULL && gr->gr_mem[0] == NULL);
    gr = getgrgid(0);
    UT_ASSERT(gr != NULL);
    UT_ASSERT_STR(gr->gr_name, "root");
    gr = getgrgid(WHEEL_GID);
    UT_ASSERT(gr != NULL);
    UT_ASSERT_STR(gr->gr_name, "wheel");
    UT_ASSERT_STR(gr->gr_mem[0], "root");
    UT_ASSERT_STR(gr->gr_mem[1], "user");
    UT_ASSERT(gr->gr_mem[2] == NULL);
}

UTEST(getgrent_walks_the_file)
{
    struct group *gr;
    int n = 0, saw_wheel = 0;

    setgrent();
    while ((gr = getgrent())) {
        n++;
        saw_wheel |= strcmp(gr->gr_name, "wheel") == 0 && gr->gr_gid == WHEEL_GID;
    }
    endgrent();
    UT_ASSERT_EQ(n, 3);
    UT_ASSERT(saw_wheel);
}

UTEST(getgrouplist_lists_primary_then_memberships)
{
    gid_t list[8];
    int n = 8;

    UT_ASSERT_EQ(getgrouplist("user", USERS_GID, list, &n), 2);
    UT_ASSERT_EQ(n, 2);
    UT_ASSERT_EQ(list[0], USERS_GID);
    UT_ASSERT_EQ(list[1], WHEEL_GID);
    n = 1;
    UT_ASSERT_EQ(getgrouplist("user", USERS_GID, list, &n), -1);
    UT_ASSERT_EQ(n, 2);
    n = 8;
    UT_ASSERT_EQ(getgrouplist("root", WHEEL_GID, list, &n), 1); /* no duplicate */
    UT_ASSERT_EQ(list[0], WHEEL_GID);
}

/* Child: initgroups as root, then check what getgroups reports; exit 0 if it matches. */
static int initgroups_child(void)
{
    gid_t got[NGROUPS_MAX];

    if (initgroups("user", USERS_GID) != 0)
        return 1;
    if (getgroups(NGROUPS_MAX, got) != 2 || got[0] != USERS_GID || got[1] != WHEEL_GID)
        return 2;
    return 0;
}

static int in_child(int (*fn)(void))
{
    int status;
    pid_t pid = fork();

    if (pid == 0)
        _exit(fn());
    if (pid < 0)
        return -1;
    status = utest_wait(pid);
    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

UTEST(initgroups_sets_the_supplementary_groups)
{
    UT_ASSERT_EQ(in_child(initgroups_child), 0);
}

/* Become user the way a login would: groups, then gid, then uid. 0 or -1. */
static int become_user(void)
{
    if (initgroups("user", USERS_GID) != 0 || setgid(USERS_GID) != 0 || setuid(USER_UID) != 0)
        return -1;
    return 0;
}

UTEST(getspnam_works_for_root)
{
    struct spwd *sp = getspnam("root");

    UT_ASSERT(sp != NULL);
    UT_ASSERT_STR(sp->sp_namp, "root");
    UT_ASSERT(strncmp(sp->sp_pwdp, "$5$", 3) == 0);
    UT_ASSERT(sp->sp_lstchg > 0);
    UT_ASSERT_EQ(sp->sp_inact, -1); /* an empty field */
    UT_ASSERT(getspnam("user") != NULL);
    UT_ASSERT(getspnam("nosuchuser") == NULL);
}

static int getspnam_as_user(void)
{
    if (become_user() < 0)
        return 1;
    errno = 0;
    if (getspnam("root") != NULL || errno != EACCES)
        return 2;
    if (getspnam("user") != NULL || errno != EACCES)
        return 3;
    return 0;
}

UTEST(getspnam_fails_with_eacces_for_a_user)
{
    UT_ASSERT_EQ(in_child(getspnam_as_user), 0);
}

UTEST(shadow_file_and_homes_have_their_modes)
{
    struct stat st;

    UT_ASSERT_EQ(stat("/etc/shadow", &st), 0);
    UT_ASSERT_EQ(st.st_mode & 07777, 0600);
    UT_ASSERT_EQ(st.st_uid, 0);
    UT_ASSERT_EQ(stat("/root", &st), 0);
    UT_ASSERT(S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0700 && st.st_uid == 0);
    UT_ASSERT_EQ(stat("/home/user", &st), 0);
    UT_ASSERT(S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0700);
    UT_ASSERT_EQ(st.st_uid, USER_UID);
    UT_ASSERT_EQ(st.st_gid, USERS_GID);
}

/* crypt of the right password reproduces the stored hash; a wrong one does not.
 */
UTEST(crypt_checks_the_stored_passwords)
{
    static const char *const names[] = {"root", "user"};

    for (int i = 0; i < 2; i++) {
        char stored[128];
        struct spwd *sp = getspnam(names[i]);
        char *h;

        UT_ASSERT(sp != NULL);
        UT_ASSERT(strlen(sp->sp_pwdp) < sizeof stored);
        strcpy(stored, sp->sp_pwdp);
        h = crypt(names[i], stored); /* each password is the account's name */
        UT_ASSERT(h != NULL);
        UT_ASSERT_STR(h, stored);
        h = crypt("wrong", stored);
        UT_ASSERT(h != NULL);
        UT_ASSERT(strcmp(h, stored) != 0);
        h = crypt(i ? "root" : "user", stored); /* the other account's password */
        UT_ASSERT(h != NULL && strcmp(h, stored) != 0);
    }
}

/* The specification's examples (as in tests/lib/crypto/test_sha256crypt.c). */
static const struct {
    const char *setting, *key, *hash;
} spec_examples[] = {
    {"$5$saltstring", "Hello world!", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
    {"$5$rounds=10000$saltstringsaltstring", "Hello world!",
     "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2."
     "opqey6IcA"},
    {"$5$rounds=5000$toolongsaltstring", "This is just a test",
     "$5$rounds=5000$toolongsaltstrin$Un/"
     "5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"},
    {"$5$rounds=1400$anotherlongsaltstring",
     "a very much longer text to encrypt.  This one even stretches over more"
     "than one line.",
     "$5$rounds=1400$anotherlongsalts$Rx.j8H."
     "h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1"},
    {"$5$rounds=10$roundstoolow", "the minimum number is still observed",
     "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC"},
};

UTEST(crypt_matches_the_specification_examples)
{
    for (size_t i = 0; i < sizeof spec_examples / sizeof spec_examples[0]; i++) {
        char *h = crypt(spec_examples[i].key, spec_examples[i].setting);

        UT_ASSERT_MSG(h && strcmp(h, spec_examples[i].hash) == 0, "example %u: got %s", (unsigned)i,
                      h ? h : "NULL");
    }
    /* A full hash is its own setting. */
    UT_ASSERT_STR(crypt("Hello world!", spec_examples[0].hash), spec_examples[0].hash);
}

UTEST(crypt_rejects_other_settings)
{
    UT_ASSERT(crypt("pw", "$6$saltstring") == NULL && errno == EINVAL);
    UT_ASSERT(crypt("pw", "ab") == NULL && errno == EINVAL);
    UT_ASSERT(crypt("pw", "") == NULL && errno == EINVAL);
}

/* ---- id and whoami ---- */

/*
 * Run argv[0] with argv, as root or (as_user) as user after initgroups;
 * store its stdout (NUL-terminated) in out and return its wait status, or
 * -1 when it could not be run.
 */
static int run_capture(char *const argv[], int as_user, char *out, size_t outlen)
{
    int fds[2], status;
    size_t len = 0;
    ssize_t n;
    pid_t pid;

    if (pipe(fds) < 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);

        if (as_user && become_user() < 0)
            _exit(120);
        if (dup2(fds[1], 1) < 0)
            _exit(121);
        if (devnull >= 0)
            dup2(devnull, 2); /* error messages are checked through the status */
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    while (len + 1 < outlen && (n = read(fds[0], out + len, outlen - 1 - len)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        len += (size_t)n;
    }
    out[len] = '\0';
    close(fds[0]);
    status = utest_wait(pid);
    return status;
}

/* "N(name)" of a user or group, from the databases. */
static void user_text(uid_t uid, char *buf, size_t len)
{
    struct passwd *pw = getpwuid(uid);

    snprintf(buf, len, "%u(%s)", (unsigned)uid, pw ? pw->pw_name : "?");
}

static void group_text(gid_t gid, char *buf, size_t len)
{
    struct group *gr = getgrgid(gid);

    snprintf(buf, len, "%u(%s)", (unsigned)gid, gr ? gr->gr_name : "?");
}

/*
 * The expected "uid=... gid=... groups=..." line for an account: its passwd
 * entry's ids and, as groups, those getgrouplist gives (for root without
 * initgroups, its gid only: the test runs with no supplementary groups).
 */
static void expected_id_line(const char *name, int with_memberships, char *out, size_t len)
{
    struct passwd *pw = getpwnam(name);
    uid_t uid = pw ? pw->pw_uid : 0;
    gid_t gid = pw ? pw->pw_gid : 0, list[16];
    int n = 16;
    char u[64], g[64], item[64];
    size_t pos;

    user_text(uid, u, sizeof u);
    group_text(gid, g, sizeof g);
    pos = (size_t)snprintf(out, len, "uid=%s gid=%s groups=%s", u, g, g);
    if (!with_memberships || getgrouplist(name, gid, list, &n) < 0)
        n = 0;
    for (int i = 0; i < n && pos < len; i++) {
        if (list[i] == gid)
            continue;
        group_text(list[i], item, sizeof item);
        pos += (size_t)snprintf(out + pos, len - pos, ",%s", item);
    }
    if (pos < len)
        snprintf(out + pos, len - pos, "\n");
}

#define ID "/bin/id"
#define WHOAMI "/bin/whoami"

UTEST(id_prints_root)
{
    char *argv[] = {ID, NULL}, out[256], want[256];
    int status;

    UT_ASSERT_EQ(getgroups(0, NULL), 0); /* the expected line assumes no supplementary groups */
    expected_id_line("root", 0, want, sizeof want);
    UT_ASSERT_STR(want, "uid=0(root) gid=0(root) groups=0(root)\n");
    status = run_capture(argv, 0, out, sizeof out);
    UT_ASSERT_MSG(status == 0, "id: %s", utest_status_text(status));
    UT_ASSERT_STR(out, want);
}

UTEST(id_prints_user_after_setuid)
{
    char *argv[] = {ID, NULL}, out[256], want[256];
    int status;

    expected_id_line("user", 1, want, sizeof want);
    status = run_capture(argv, 1, out, sizeof out);
    UT_ASSERT_MSG(status == 0, "id: %s", utest_status_text(status));
    UT_ASSERT_STR(out, want);
    UT_ASSERT_STR(out, "uid=1000(user) gid=100(users) groups=100(users),10(wheel)\n");
}

UTEST(id_of_a_named_user_uses_the_databases)
{
    char *argv[] = {ID, "user", NULL}, out[256], want[256];
    int status;

    expected_id_line("user", 1, want, sizeof want);
    status = run_capture(argv, 0, out, sizeof out);
    UT_ASSERT_MSG(status == 0, "id user: %s", utest_status_text(status));
    UT_ASSERT_STR(out, want);
}

/* One option set of id, as root or user, with its expected output. */
struct id_case {
    const char *opt, *user;
    int as_user;
    const char *want;
};

UTEST(id_options_print_single_values)
{
    char gu[64], gw[64], root_g[64], user_u[64];
    struct id_case cases[] = {
        {"-u", NULL, 0, "0\n"},
        {"-g", NULL, 0, "0\n"},
        {"-G", NULL, 0, "0\n"},
        {"-un", NULL, 0, "root\n"},
        {"-gn", NULL, 0, "root\n"},
        {"-Gn", NULL, 0, "root\n"},
        {"-u", NULL, 1, "1000\n"},
        {"-g", NULL, 1, "100\n"},
        {"-G", NULL, 1, "100 10\n"},
        {"-un", NULL, 1, "user\n"},
        {"-gn", NULL, 1, "users\n"},
        {"-Gn", NULL, 1, "users wheel\n"},
        {"-Gn", "user", 0, "users wheel\n"},
        {"-ur", NULL, 1, "1000\n"},
    };
    struct passwd *pw;
    struct group *gr;

    /* The literal expectations above are those of the databases. */
    pw = getpwuid(USER_UID);
    UT_ASSERT(pw != NULL);
    snprintf(user_u, sizeof user_u, "%s\n", pw->pw_name);
    UT_ASSERT_STR(user_u, cases[9].want);
    gr = getgrgid(USERS_GID);
    UT_ASSERT(gr != NULL);
    snprintf(gu, sizeof gu, "%s", gr->gr_name);
    gr = getgrgid(WHEEL_GID);
    UT_ASSERT(gr != NULL);
    snprintf(gw, sizeof gw, "%s %s\n", gu, gr->gr_name);
    UT_ASSERT_STR(gw, cases[11].want);
    gr = getgrgid(0);
    UT_ASSERT(gr != NULL);
    snprintf(root_g, sizeof root_g, "%s\n", gr->gr_name);
    UT_ASSERT_STR(root_g, cases[4].want);

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *argv[] = {ID, (char *)cases[i].opt, (char *)cases[i].user, NULL}, out[128];
        int status = run_capture(argv, cases[i].as_user, out, sizeof out);

        UT_ASSERT_MSG(status == 0 && strcmp(out, cases[i].want) == 0,
                      "id %s%s%s as %s: %s, output \"%s\"", cases[i].opt, cases[i].user ? " " : "",
                      cases[i].user ? cases[i].user : "", cases[i].as_user ? "user" : "root",
                      utest_status_text(status), out);
    }
}

UTEST(id_rejects_bad_usage)
{
    char *unknown[] = {ID, "nosuchuser", NULL}, *both[] = {ID, "-u", "-g", NULL},
         *names[] = {ID, "-n", NULL}, *bad[] = {ID, "-x", NULL}, out[128];
    int status;

    status = run_capture(unknown, 0, out, sizeof out);
    UT_ASSERT(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 1);
    UT_ASSERT_STR(out, "");
    status = run_capture(both, 0, out, sizeof out);
    UT_ASSERT(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 1);
    status = run_capture(names, 0, out, sizeof out);
    UT_ASSERT(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 1);
    status = run_capture(bad, 0, out, sizeof out);
    UT_ASSERT(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 1);
}

UTEST(whoami_prints_the_effective_user)
{
    char *argv[] = {WHOAMI, NULL}, *extra[] = {WHOAMI, "x", NULL}, out[64], want[64];
    struct passwd *pw;
    int status;

    pw = getpwuid(0);
    UT_ASSERT(pw != NULL);
    snprintf(want, sizeof want, "%s\n", pw->pw_name);
    status = run_capture(argv, 0, out, sizeof out);
    UT_ASSERT_MSG(status == 0, "whoami: %s", utest_status_text(status));
    UT_ASSERT_STR(out, want);
    pw = getpwuid(USER_UID);
    UT_ASSERT(pw != NULL);
    snprintf(want, sizeof want, "%s\n", pw->pw_name);
    status = run_capture(argv, 1, out, sizeof out);
    UT_ASSERT_MSG(status == 0, "whoami as user: %s", utest_status_text(status));
    UT_ASSERT_STR(out, want);
    status = run_capture(extra, 0, out, sizeof out);
    UT_ASSERT(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 1);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
