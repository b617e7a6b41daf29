/*
 * shadow.c - the password hashes, /etc/shadow (<shadow.h>).
 *
 * Nine ':'-separated fields; those after the hash may be missing or empty
 * and then read as -1 (the flag as 0). A line whose numeric fields are not
 * decimal numbers, or with an empty name, is skipped. The file is mode 0600,
 * so for anyone but root the open fails and getspnam reports EACCES.
 */
#include <errno.h>
#include <shadow.h>
#include <stdlib.h>
#include <string.h>

#include "dbfile.h"

#ifndef SHADOW_FILE /* a host test reads its own files */
#define SHADOW_FILE "/etc/shadow"
#endif
#define SP_FIELDS 9

/* A numeric field: "" is -1; 0, or -1 when it is not a number. */
static int sp_number(const char *s, long *out)
{
    unsigned int v;

    if (!*s) {
        *out = -1;
        return 0;
    }
    if (db_parse_id(s, &v) < 0 || v > 0x7fffffffu)
        return -1;
    *out = (long)v;
    return 0;
}

static int sp_parse(char *line, struct spwd *sp)
{
    char *f[SP_FIELDS];
    long *num[] = {&sp->sp_lstchg, &sp->sp_min,   &sp->sp_max,
                   &sp->sp_warn,   &sp->sp_inact, &sp->sp_expire};
    long flag;
    int n = db_split(line, ':', f, SP_FIELDS);

    if (n < 2 || !f[0][0])
        return -1;
    sp->sp_namp = f[0];
    sp->sp_pwdp = f[1];
    for (int i = 0; i < 6; i++)
        if (sp_number(2 + i < n ? f[2 + i] : "", num[i]) < 0)
            return -1;
    if (sp_number(n > 8 ? f[8] : "", &flag) < 0)
        return -1;
    sp->sp_flag = flag < 0 ? 0 : (unsigned long)flag;
    return 0;
}

int getspnam_r(const char *name, struct spwd *sp, char *buf, size_t buflen, struct spwd **result)
{
    struct db_file db = DB_FILE_INIT;
    struct spwd ent;
    char *line;
    int err = 0;

    *result = NULL;
    if (db_open(&db, SHADOW_FILE) < 0)
        return errno;
    errno = 0;
    while ((line = db_next_line(&db))) {
        size_t pos = 0;

        if (sp_parse(line, &ent) < 0 || strcmp(ent.sp_namp, name) != 0)
            continue;
        *sp = ent;
        if (!(sp->sp_namp = db_copy_string(ent.sp_namp, buf, buflen, &pos)) ||
            !(sp->sp_pwdp = db_copy_string(ent.sp_pwdp, buf, buflen, &pos)))
            err = ERANGE;
        else
            *result = sp;
        break;
    }
    if (!line)
        err = errno;
    /* The hash passed through our buffer: leave no copy of it in freed memory. */
    if (db.buf)
        memset(db.buf, 0, db.cap);
    db_close(&db);
    return err;
}

static struct spwd sp_static;
static char *sp_static_buf;
static size_t sp_static_len;

/* Double the static buffer, wiping the old one (it may hold a hash); 0 or -1.
 */
static int sp_static_grow(void)
{
    size_t len = sp_static_len ? sp_static_len * 2 : 256;
    char *nb = malloc(len);

    if (!nb)
        return -1;
    if (sp_static_buf)
        memset(sp_static_buf, 0, sp_static_len);
    free(sp_static_buf);
    sp_static_buf = nb;
    sp_static_len = len;
    return 0;
}

struct spwd *getspnam(const char *name)
{
    struct spwd *result = NULL;
    int err, saved_errno = errno;

    if (!sp_static_buf && sp_static_grow() < 0)
        return NULL;
    while ((err = getspnam_r(name, &sp_static, sp_static_buf, sp_static_len, &result)) == ERANGE)
        if (sp_static_grow() < 0)
            return NULL;
    errno = err ? err : saved_errno;
    return result;
}
