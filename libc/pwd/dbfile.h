/*
 * dbfile.h - reading the colon-separated databases of /etc (passwd, group,
 * shadow) one line at a time; internal to libc's pwd/grp/shadow code.
 *
 * A line may be of any length up to DB_LINE_MAX; a longer one is skipped as a
 * whole, so that it cannot be misread as several entries. The reader uses
 * read(2) directly, not stdio, so that programs that only look up a name do
 * not link the stream code.
 */
#ifndef LIBC_PWD_DBFILE_H
#define LIBC_PWD_DBFILE_H

#include <stddef.h>

#define DB_LINE_MAX 65536 /* longer lines are skipped */

struct db_file {
    int fd;    /* -1: not open */
    char *buf; /* malloc'd; holds [start, end) unread bytes */
    size_t cap, start, end;
    int eof;
};

#define DB_FILE_INIT                                                                               \
    {                                                                                              \
        -1, NULL, 0, 0, 0, 0                                                                       \
    }

/* Open path for reading (close-on-exec); 0, or -1 with errno set. */
int db_open(struct db_file *db, const char *path);

/* Start reading from the beginning again (db must be open). */
void db_rewind(struct db_file *db);

/*
 * The next line, NUL-terminated and without its newline, valid until the next
 * call; NULL at the end of the file or on a read error (errno set, or 0 at
 * the end).
 */
char *db_next_line(struct db_file *db);

/* Close the file and free the buffer; harmless when not open. */
void db_close(struct db_file *db);

/*
 * Split line in place at each sep into at most max fields; the last field
 * keeps any further separators. Returns the number of fields (at least 1).
 */
int db_split(char *line, char sep, char **fields, int max);

/* Parse a decimal id of at most 32 bits ("" and anything else fail); 0 or -1.
 */
int db_parse_id(const char *s, unsigned int *out);

/* Copy the NUL-terminated s into the caller's buffer at *pos; NULL when it does not fit. */
char *db_copy_string(const char *s, char *buf, size_t buflen, size_t *pos);

#endif
