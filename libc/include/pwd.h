/*
 * pwd.h - the user database, /etc/passwd (docs/userspace.md, "Users and
 * groups"): one "name:passwd:uid:gid:gecos:dir:shell" line per account.
 */
#ifndef _PWD_H
#define _PWD_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t uid_t;
typedef uint32_t gid_t;

struct passwd {
    char *pw_name;
    char *pw_passwd; /* "x": the hash is in /etc/shadow */
    uid_t pw_uid;
    gid_t pw_gid;
    char *pw_gecos;
    char *pw_dir;
    char *pw_shell;
};

/*
 * The entry for a name or uid, in storage overwritten by the next call of any
 * of these functions; NULL when there is none (errno unchanged) or on an
 * error (errno set: the file cannot be read, no memory).
 */
struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);

/*
 * The same into the caller's pwd, with the strings in buf. Return 0 (with
 * *result = pwd, or NULL when there is no such entry) or an errno value:
 * ERANGE when buflen is too small, or why the file could not be read.
 */
int getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t buflen,
               struct passwd **result);
int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result);

/* Walk the database: rewind, next entry (NULL at the end), close. */
void setpwent(void);
struct passwd *getpwent(void);
void endpwent(void);

#endif
