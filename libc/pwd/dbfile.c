/*
 * dbfile.c - the line reader and field helpers behind getpwnam, getgrnam and
 * getspnam (dbfile.h).
 *
 * The buffer starts at 1 KiB and doubles while a line does not fit, up to
 * DB_LINE_MAX + 1 bytes; past that the reader discards bytes up to the next
 * newline and carries on with the line after it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbfile.h"

#define DB_BUF_INITIAL 1024

int db_open(struct db_file *db, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    db->fd = fd;
    db->start = db->end = 0;
    db->eof = 0;
    return 0;
}

void db_rewind(struct db_file *db)
{
    lseek(db->fd, 0, SEEK_SET);
    db->start = db->end = 0;
    db->eof = 0;
}

void db_close(struct db_file *db)
{
    if (db->fd >= 0)
        close(db->fd);
    free(db->buf);
    db->fd = -1;
    db->buf = NULL;
    db->cap = db->start = db->end = 0;
    db->eof = 0;
}

/* Read more bytes after end, growing the buffer when full; 1 read, 0 end of file, -1 error. */
static int db_fill(struct db_file *db)
{
    ssize_t n;

    if (db->start > 0) { /* keep the partial line at the front */
        memmove(db->buf, db->buf + db->start, db->end - db->start);
        db->end -= db->start;
        db->start = 0;
    }
    if (db->end + 1 >= db->cap) {
        size_t cap = db->cap ? db->cap * 2 : DB_BUF_INITIAL;
        char *nb;

        if (cap > DB_LINE_MAX + 1)
            cap = DB_LINE_MAX + 1;
        if (cap <= db->cap)
            return 1; /* full: the caller skips the line */
        nb = realloc(db->buf, cap);
        if (!nb)
            return -1;
        db->buf = nb;
        db->cap = cap;
    }
    do
        n = read(db->fd, db->buf + db->end, db->cap - 1 - db->end);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    if (n == 0) {
        db->eof = 1;
        return 0;
    }
    db->end += (size_t)n;
    return 1;
}

char *db_next_line(struct db_file *db)
{
    int skipping = 0;

    for (;;) {
        char *nl = NULL, *line;
        int rc;

        if (db->end > db->start)
            nl = memchr(db->buf + db->start, '\n', db->end - db->start);
        if (nl) {
            line = db->buf + db->start;
            *nl = '\0';
            db->start = (size_t)(nl - db->buf) + 1;
            if (skipping) {
                skipping = 0;
                continue;
            }
            return line;
        }
        if (db->eof) {
            if (db->end == db->start || skipping) { /* no unterminated last line */
                db->start = db->end;
                errno = 0;
                return NULL;
            }
            line = db->buf + db->start;
            db->buf[db->end] = '\0';
            db->start = db->end;
            return line;
        }
        if (db->end - db->start >= DB_LINE_MAX) { /* too long: drop what we have */
            db->start = db->end;
            skipping = 1;
        }
        rc = db_fill(db);
        if (rc < 0)
            return NULL;
    }
}

int db_split(char *line, char sep, char **fields, int max)
{
    int n = 0;

    fields[n++] = line;
    while (n < max) {
        char *p = strchr(fields[n - 1], sep);

        if (!p)
            break;
        *p = '\0';
        fields[n++] = p + 1;
    }
    return n;
}

int db_parse_id(const char *s, unsigned int *out)
{
    unsigned long long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (unsigned)(*s - '0');
        if (v > 0xffffffffull)
            return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

char *db_copy_string(const char *s, char *buf, size_t buflen, size_t *pos)
{
    size_t len = strlen(s) + 1;
    char *dst;

    if (len > buflen - *pos)
        return NULL;
    dst = buf + *pos;
    memcpy(dst, s, len);
    *pos += len;
    return dst;
}
