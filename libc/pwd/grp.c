/*
 * grp.c - the group database, /etc/group (<grp.h>), and the group list of a
 * user (getgrouplist, initgroups).
 *
 * Lines are "name:passwd:gid:members" with the members separated by ','; a
 * missing or empty member field means none, and empty names in the list
 * (",," or a trailing ',') are dropped. A line with an empty name or a gid
 * that is not a decimal number is skipped. The _r functions place the member
 * pointer array at the start of the caller's buffer (aligned for pointers)
 * and the strings after it.
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbfile.h"

#ifndef GROUP_FILE /* a host test reads its own files */
#define GROUP_FILE "/etc/group"
#endif
#define GR_FIELDS 4

/*
 * Split line into ent; the member list stays one string in *members (NULL:
 * none). 0, or -1 when the line is malformed.
 */
static int gr_parse(char *line, struct group *ent, char **members)
{
    char *f[GR_FIELDS];
    unsigned int gid;
    int n = db_split(line, ':', f, GR_FIELDS);

    if (n < 3 || !f[0][0] || db_parse_id(f[2], &gid))
        return -1;
    ent->gr_name = f[0];
    ent->gr_passwd = f[1];
    ent->gr_gid = gid;
    ent->gr_mem = NULL;
    *members = n > 3 ? f[3] : NULL;
    return 0;
}

/*
 * Call fn(name, arg) for each non-empty name of a ','-separated list; stop when
 * it returns non-zero.
 */
static int gr_each_member(const char *members, int (*fn)(const char *, size_t, void *), void *arg)
{
    while (members && *members) {
        const char *end = strchr(members, ',');
        size_t len = end ? (size_t)(end - members) : strlen(members);

        if (len && fn(members, len, arg))
            return 1;
        members = end ? end + 1 : NULL;
    }
    return 0;
}

static int gr_count_one(const char *name, size_t len, void *arg)
{
    (void)name;
    (void)len;
    (*(size_t *)arg)++;
    return 0;
}

struct gr_copy_state {
    char **mem;
    size_t nmem;
    char *buf;
    size_t buflen, pos;
    int full;
};

static int gr_copy_one(const char *name, size_t len, void *arg)
{
    struct gr_copy_state *st = arg;

    if (len + 1 > st->buflen - st->pos) {
        st->full = 1;
        return 1;
    }
    st->mem[st->nmem++] = st->buf + st->pos;
    memcpy(st->buf + st->pos, name, len);
    st->buf[st->pos + len] = '\0';
    st->pos += len + 1;
    return 0;
}

/* Copy the parsed entry src (members in the list string) into grp and buf; 0 or ERANGE. */
static int gr_copy(const struct group *src, const char *members, struct group *grp, char *buf,
                   size_t buflen)
{
    struct gr_copy_state st = {0};
    size_t count = 0, skip = (-(uintptr_t)buf) & (sizeof(char *) - 1), array;

    gr_each_member(members, gr_count_one, &count);
    array = (count + 1) * sizeof(char *);
    if (buflen < skip || buflen - skip < array)
        return ERANGE;
    st.mem = (char **)(void *)(buf + skip);
    st.buf = buf;
    st.buflen = buflen;
    st.pos = skip + array;
    *grp = *src;
    if (!(grp->gr_name = db_copy_string(src->gr_name, buf, buflen, &st.pos)) ||
        !(grp->gr_passwd = db_copy_string(src->gr_passwd, buf, buflen, &st.pos)))
        return ERANGE;
    gr_each_member(members, gr_copy_one, &st);
    if (st.full)
        return ERANGE;
    st.mem[st.nmem] = NULL;
    grp->gr_mem = st.mem;
    return 0;
}

/* Find the first group with the name (when name) or else the gid; see getgrnam_r. */
static int gr_lookup(const char *name, gid_t gid, struct group *grp, char *buf, size_t buflen,
                     struct group **result)
{
    struct db_file db = DB_FILE_INIT;
    struct group ent;
    char *line, *members;
    int err = 0;

    *result = NULL;
    if (db_open(&db, GROUP_FILE) < 0)
        return errno;
    errno = 0;
    while ((line = db_next_line(&db))) {
        if (gr_parse(line, &ent, &members) < 0)
            continue;
        if (name ? strcmp(ent.gr_name, name) == 0 : ent.gr_gid == gid) {
            err = gr_copy(&ent, members, grp, buf, buflen);
            if (!err)
                *result = grp;
            break;
        }
    }
    if (!line)
        err = errno;
    db_close(&db);
    return err;
}

int getgrnam_r(const char *name, struct group *grp, char *buf, size_t buflen, struct group **result)
{
    return gr_lookup(name, 0, grp, buf, buflen, result);
}

int getgrgid_r(gid_t gid, struct group *grp, char *buf, size_t buflen, struct group **result)
{
    return gr_lookup(NULL, gid, grp, buf, buflen, result);
}

/* The static entry of getgrnam, getgrgid and getgrent, with a buffer that grows to fit. */
static struct group gr_static;
static char *gr_static_buf;
static size_t gr_static_len;

static int gr_static_grow(void)
{
    size_t len = gr_static_len ? gr_static_len * 2 : 512;
    char *nb = malloc(len);

    if (!nb)
        return -1;
    free(gr_static_buf);
    gr_static_buf = nb;
    gr_static_len = len;
    return 0;
}

static struct group *gr_lookup_static(const char *name, gid_t gid)
{
    struct group *result = NULL;
    int err, saved_errno = errno;

    if (!gr_static_buf && gr_static_grow() < 0)
        return NULL;
    while ((err = gr_lookup(name, gid, &gr_static, gr_static_buf, gr_static_len, &result)) ==
           ERANGE)
        if (gr_static_grow() < 0)
            return NULL;
    errno = err ? err : saved_errno;
    return result;
}

struct group *getgrnam(const char *name)
{
    return gr_lookup_static(name, 0);
}

struct group *getgrgid(gid_t gid)
{
    return gr_lookup_static(NULL, gid);
}

static struct db_file gr_ent_db = DB_FILE_INIT;

void setgrent(void)
{
    if (gr_ent_db.fd >= 0)
        db_rewind(&gr_ent_db);
}

struct group *getgrent(void)
{
    struct group ent;
    char *line, *members;

    if (gr_ent_db.fd < 0 && db_open(&gr_ent_db, GROUP_FILE) < 0)
        return NULL;
    if (!gr_static_buf && gr_static_grow() < 0)
        return NULL;
    while ((line = db_next_line(&gr_ent_db))) {
        if (gr_parse(line, &ent, &members) < 0)
            continue;
        while (gr_copy(&ent, members, &gr_static, gr_static_buf, gr_static_len) == ERANGE)
            if (gr_static_grow() < 0)
                return NULL;
        return &gr_static;
    }
    return NULL;
}

void endgrent(void)
{
    db_close(&gr_ent_db);
}

struct gr_member_match {
    const char *user;
    size_t len;
};

static int gr_is_user(const char *name, size_t len, void *arg)
{
    const struct gr_member_match *m = arg;

    return len == m->len && memcmp(name, m->user, len) == 0;
}

/* Add gid to list (of *n, capacity max) unless present; *n counts even what does not fit. */
static void gr_add(gid_t *list, int max, int *n, gid_t gid)
{
    for (int i = 0; i < *n && i < max; i++)
        if (list[i] == gid)
            return;
    if (*n < max)
        list[*n] = gid;
    (*n)++;
}

int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
{
    struct gr_member_match m = {user, strlen(user)};
    struct db_file db = DB_FILE_INIT;
    struct group ent;
    char *line, *members;
    int max = *ngroups, n = 0;

    gr_add(groups, max, &n, group);
    if (db_open(&db, GROUP_FILE) == 0) {
        while ((line = db_next_line(&db)))
            if (gr_parse(line, &ent, &members) == 0 && gr_each_member(members, gr_is_user, &m))
                gr_add(groups, max, &n, ent.gr_gid);
        db_close(&db);
    }
    *ngroups = n;
    return n > max ? -1 : n;
}

int initgroups(const char *user, gid_t group)
{
    gid_t list[NGROUPS_MAX];
    int n = NGROUPS_MAX;

    if (getgrouplist(user, group, list, &n) < 0)
        n = NGROUPS_MAX; /* more than a process can have: keep the first ones */
    return setgroups((size_t)n, list);
}
