/*
 * passwd - change a password.
 *
 *   passwd [user]
 *
 * Set-user-ID root (tools/rootfs.perms): it must rewrite /etc/shadow, which
 * only root may read. Who runs it is the real user id: a user may change only
 * their own password and must type the current one first; root may change
 * anyone's without it. The new password is typed twice (without echo) and
 * stored as a salted SHA-256 crypt hash ("$5$", crypt(3)) with today as the
 * day of the last change; the other fields of the entry are kept.
 * Exit status: 0 changed, 1 not permitted or authentication failed, 3 the new
 * passwords were unusable, 4 the database could not be written.
 */
#include <crypt.h>
#include <pwd.h>
#include <pwdb.h>
#include <shadow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FAIL_DELAY 3

int main(int argc, char **argv)
{
    uid_t caller = getuid();
    struct passwd *pw;
    char name[64], salt[32], line[512];

    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        fprintf(stderr, "usage: passwd [user]\n");
        return 1;
    }
    pw = argc == 2 ? getpwnam(argv[1]) : getpwuid(caller);
    if (!pw) {
        fprintf(stderr, "passwd: user '%s' does not exist\n", argc == 2 ? argv[1] : "?");
        return 1;
    }
    snprintf(name, sizeof name, "%s", pw->pw_name);
    if (caller != 0 && pw->pw_uid != caller) {
        fprintf(stderr, "passwd: You may not view or modify password information for %s.\n",
                name);
        return 1;
    }
    if (geteuid() != 0) {
        fprintf(stderr, "passwd: must be set-user-ID root to update /etc/shadow\n");
        return 1;
    }
    printf("Changing password for %s.\n", name);
    fflush(stdout);
    if (caller != 0) {
        char *current = getpass("Current password: ");
        int ok = pwdb_check_password(name, current);
        memset(current, 0, strlen(current));
        if (!ok) {
            sleep(FAIL_DELAY);
            fprintf(stderr, "passwd: Authentication token manipulation error\n"
                            "passwd: password unchanged\n");
            return 1;
        }
    }
    char *first = strdup(getpass("New password: "));
    char *again = getpass("Retype new password: ");
    if (!first) {
        fprintf(stderr, "passwd: out of memory\n");
        return 4;
    }
    if (strcmp(first, again) != 0) {
        fprintf(stderr, "Sorry, passwords do not match.\npasswd: password unchanged\n");
        return 3;
    }
    if (!first[0]) {
        fprintf(stderr, "No password has been supplied.\npasswd: password unchanged\n");
        return 3;
    }
    if (pwdb_new_salt(salt, sizeof salt) < 0) {
        perror("passwd: no random salt");
        return 4;
    }
    char *hash = crypt(first, salt);
    memset(first, 0, strlen(first));
    memset(again, 0, strlen(again));
    if (!hash) {
        fprintf(stderr, "passwd: cannot hash the password\n");
        return 4;
    }

    if (lckpwdf() < 0) {
        perror("passwd: cannot lock the password file");
        return 4;
    }
    /* Keep the ageing fields of the entry, if there is one. */
    struct spwd *sp = getspnam(name);
    long today = (long)(time(NULL) / 86400);
    char rest[128] = "0:99999:7:::";
    if (sp) {
        char f[5][24];
        long v[5] = {sp->sp_min, sp->sp_max, sp->sp_warn, sp->sp_inact, sp->sp_expire};
        for (int i = 0; i < 5; i++) {
            if (v[i] < 0)
                f[i][0] = '\0';
            else
                snprintf(f[i], sizeof f[i], "%ld", v[i]);
        }
        snprintf(rest, sizeof rest, "%s:%s:%s:%s:%s:", f[0], f[1], f[2], f[3], f[4]);
    }
    snprintf(line, sizeof line, "%s:%s:%ld:%s", name, hash, today, rest);
    int rc = pwdb_update("/etc/shadow", name, line);
    ulckpwdf();
    if (rc < 0) {
        perror("passwd: cannot update /etc/shadow");
        return 4;
    }
    printf("passwd: password updated successfully\n");
    return 0;
}
