/*
 * password.c - checking a password against the account databases and making
 * salts for new hashes (pwdb.h).
 */
#include <crypt.h>
#include <errno.h>
#include <pwd.h>
#include <pwdb.h>
#include <shadow.h>
#include <string.h>
#include <sys/random.h>

/* A valid hash of nothing anyone can type, hashed when the name is unknown. */
static const char decoy[] = "$5$decoydecoydecoy$0000000000000000000000000000000000000000000";

/* Compare without stopping at the first difference. */
static int same(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = (unsigned char)(la != lb);

    for (size_t i = 0; i < la && i < lb; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

int pwdb_check_password(const char *name, const char *password)
{
    struct passwd *pw = getpwnam(name);
    const char *hash = NULL;

    if (pw) {
        struct spwd *sp = getspnam(name);
        hash = sp ? sp->sp_pwdp : pw->pw_passwd;
    }
    /* "!" or "*" (locked), "x" without a shadow entry: no password opens it. */
    int usable = hash && hash[0] == '$';
    char *got = crypt(password, usable ? hash : decoy);
    return usable && got && same(got, hash);
}

int pwdb_new_salt(char *buf, size_t size)
{
    static const char alphabet[] =
        "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    unsigned char r[16];

    if (size < 4 + sizeof r) {
        errno = ERANGE;
        return -1;
    }
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
        return -1;
    memcpy(buf, "$5$", 3);
    for (size_t i = 0; i < sizeof r; i++)
        buf[3 + i] = alphabet[r[i] % 64];
    buf[3 + sizeof r] = '\0';
    return 0;
}
