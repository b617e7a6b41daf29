/*
 * crypt.h - password hashing (docs/userspace.md, "Users and groups").
 * AdventOS has one scheme, "$5$" (SHA-256-crypt); crypt() is declared here
 * rather than in <unistd.h>.
 */
#ifndef _CRYPT_H
#define _CRYPT_H

/*
 * Hash key with setting, "$5$salt" or "$5$rounds=N$salt" (a stored hash
 * works as its own setting), into static storage overwritten by the next
 * call. NULL with errno EINVAL when the setting is not a valid "$5$" one or
 * the key is too long.
 */
char *crypt(const char *key, const char *setting);

#endif
