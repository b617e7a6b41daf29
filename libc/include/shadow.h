/*
 * shadow.h - the password hashes, /etc/shadow (docs/userspace.md, "Users and
 * groups"): "name:hash:lastchg:min:max:warn:inactive:expire:flag", readable
 * by root only.
 */
#ifndef _SHADOW_H
#define _SHADOW_H

#include <stddef.h>

struct spwd {
    char *sp_namp;         /* the user's name */
    char *sp_pwdp;         /* the hash, as crypt() returns it */
    long sp_lstchg;        /* the day of the last change (days since 1970) */
    long sp_min;           /* days before it may change */
    long sp_max;           /* days before it must change */
    long sp_warn;          /* days of warning before it expires */
    long sp_inact;         /* days after expiry until the account is disabled */
    long sp_expire;        /* the day the account expires */
    unsigned long sp_flag; /* reserved */
};

/*
 * The entry for name, in static storage overwritten by the next call; an
 * empty numeric field reads as -1. NULL when there is none, or with errno
 * set when the file cannot be read (EACCES for anyone but root).
 */
struct spwd *getspnam(const char *name);

/* The same into the caller's spwd and buf; 0 (*result NULL if none) or an errno value. */
int getspnam_r(const char *name, struct spwd *sp, char *buf, size_t buflen, struct spwd **result);

#endif
