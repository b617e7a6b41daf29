/*
 * pwdb.h - changing the account databases (/etc/passwd, /etc/shadow,
 * /etc/group), for passwd, useradd and su's friends.
 *
 * lckpwdf()/ulckpwdf() (also declared by glibc's <shadow.h>) take and drop
 * the lock every writer holds: /etc/.pwd.lock, created exclusively and
 * holding the owner's pid, so that a lock left by a process that died is
 * taken over. pwdb_update() rewrites one entry: the new file is written
 * beside the old one with the same mode and owner, then renamed over it, so
 * that a reader sees either the old or the new database, never half of one.
 */
#ifndef _PWDB_H
#define _PWDB_H

#include <stddef.h>

/* 0 once locked (waiting up to 15 s for another writer), -1 with errno. */
int lckpwdf(void);
int ulckpwdf(void);

/*
 * In the colon database at path, replace the line whose first field is name
 * by line (without newline); append it if there is none; line NULL deletes
 * the entry. 0, or -1 with errno (the file is then unchanged).
 */
int pwdb_update(const char *path, const char *name, const char *line);

/*
 * Whether password is name's: the account exists, has a usable hash (in
 * /etc/shadow, or in /etc/passwd when that has one) and crypt() agrees.
 * An unknown name costs the same hashing work as a known one, so that the
 * time taken does not tell which part was wrong.
 */
int pwdb_check_password(const char *name, const char *password);

/* A new "$5$<16 random characters>" salt for crypt(); 0, or -1 with errno. */
int pwdb_new_salt(char *buf, size_t size);

#endif
