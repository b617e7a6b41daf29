/*
 * pwd.c - the user database, /etc/passwd (<pwd.h>).
 *
 * Each lookup reads the file from the start and parses one line at a time:
 * seven ':'-separated fields, of which the last three (gecos, home, shell)
 * may be missing and then read as "". A line with an empty name or a uid or
 * gid that is not a decimal number is skipped, as are empty lines. The _r
 * functions copy the strings into the caller's buffer; the others share one
 * static entry whose buffer grows to fit.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "dbfile.h"

#ifndef PASSWD_FILE /* a host test reads its own files */
#define PASSWD_FILE "/etc/passwd"
#endif
#define PW_FIELDS 7

/* Split line into ent, pointing into line; 0, or -1 when the line is malformed.
 */
static int pw_parse(char *line, struct passwd *ent)
{
    char *f[PW_FIELDS];
    unsigned int uid, gid;
    int n = db_split(line, ':', f, PW_FIELDS);

    if (n < 4 || !f[0][0] || db_parse_id(f[2], &uid) || db_parse_id(f[3], &gid))
        return -1;
    ent->pw_name = f[0];
    ent->pw_passwd = f[1];
    ent->pw_uid = uid;
    ent->pw_gid = gid;
    ent->pw_gecos = n > 4 ? f[4] : "";
    ent->pw_dir = n > 5 ? f[5] : "";
    ent->pw_shell = n > 6 ? f[6] : "";
    return 0;
}

/* Copy the parsed entry src into pwd with its strings in buf; 0 or ERANGE. */
static int pw_copy(const struct passwd *src, struct passwd *pwd, char *buf, size_t buflen)
{
    size_t pos = 0;

    *pwd = *src;
    if (!(pwd->pw_name = db_copy_string(src->pw_name, buf, buflen, &pos)) ||
        !(pwd->pw_passwd = db_copy_string(src->pw_passwd, buf, buflen, &pos)) ||
        !(pwd->pw_gecos = db_copy_string(src->pw_gecos, buf, buflen, &pos)) ||
        !(pwd->pw_dir = db_copy_string(src->pw_dir, buf, buflen, &pos)) ||
        !(pwd->pw_shell = db_copy_string(src->pw_shell, buf, buflen, &pos)))
        return ERANGE;
    return 0;
}

/* Find the first entry with the name (when name) or else the uid; see getpwnam_r. */
static int pw_lookup(const char *name, uid_t uid, struct passwd *pwd, char *buf, size_t buflen,
                     struct passwd **result)
{
    struct db_file db = DB_FILE_INIT;
    struct passwd ent;
    char *line;
    int err = 0;

    *result = NULL;
    if (db_open(&db, PASSWD_FILE) < 0)
        return errno;
    errno = 0;
    while ((line = db_next_line(&db))) {
        if (pw_parse(line, &ent) < 0)
            continue;
        if (name ? strcmp(ent.pw_name, name) == 0 : ent.pw_uid == uid) {
            err = pw_copy(&ent, pwd, buf, buflen);
            if (!err)
                *result = pwd;
            break;
        }
    }
    if (!line)
        err = errno;
    db_close(&db);
    return err;
}

int getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t buflen,
               struct passwd **result)
{
    return pw_lookup(name, 0, pwd, buf, buflen, result);
}

int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result)
{
    return pw_lookup(NULL, uid, pwd, buf, buflen, result);
}

static struct passwd pw_static;
static char *pw_static_buf;
static size_t pw_static_len;

/* The non-reentrant lookups: retry with a larger static buffer while it is too small. */
static struct passwd *pw_lookup_static(const char *name, uid_t uid)
{
    struct passwd *result;
    int err, saved_errno = errno;

    for (;;) {
        if (!pw_static_buf) {
            pw_static_len = 256;
            if (!(pw_static_buf = malloc(pw_static_len)))
                return NULL;
        }
        err = pw_lookup(name, uid, &pw_static, pw_static_buf, pw_static_len, &result);
        if (err != ERANGE)
            break;
        free(pw_static_buf);
        pw_static_len *= 2;
        if (!(pw_static_buf = malloc(pw_static_len)))
            return NULL;
    }
    errno = err ? err : saved_errno;
    return result;
}

struct passwd *getpwnam(const char *name)
{
    return pw_lookup_static(name, 0);
}

struct passwd *getpwuid(uid_t uid)
{
    return pw_lookup_static(NULL, uid);
}

/* getpwent's open file; its entries point into the reader's line buffer. */
static struct db_file pw_ent_db = DB_FILE_INIT;
static struct passwd pw_ent;

void setpwent(void)
{
    if (pw_ent_db.fd >= 0)
        db_rewind(&pw_ent_db);
}

struct passwd *getpwent(void)
{
    char *line;

    if (pw_ent_db.fd < 0 && db_open(&pw_ent_db, PASSWD_FILE) < 0)
        return NULL;
    while ((line = db_next_line(&pw_ent_db)))
        if (pw_parse(line, &pw_ent) == 0)
            return &pw_ent;
    return NULL;
}

void endpwent(void)
{
    db_close(&pw_ent_db);
}
