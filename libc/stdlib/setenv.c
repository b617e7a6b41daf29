/*
 * setenv.c - changing the environment: setenv, unsetenv, putenv, clearenv.
 *
 * environ starts as the array exec gave the program. The first change
 * copies it into a malloc'ed array, which later changes grow and shrink in
 * place. Strings made by setenv are malloc'ed; putenv puts the caller's
 * own string in the array, so that changing it changes the variable (as
 * POSIX says). Replaced strings are not freed, since a pointer that getenv
 * returned earlier may still be in use, and a string may be the caller's
 * (glibc keeps them too).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned;      /* the malloc'ed array environ points to, once it does */
static size_t owned_cap;  /* its capacity, in entries (the NULL included) */

static size_t env_count(void)
{
    size_t n = 0;

    while (environ && environ[n])
        n++;
    return n;
}

/* The index of the entry for name (len bytes, no '='), or the count when there is none. */
static size_t env_find(const char *name, size_t len)
{
    size_t i;

    for (i = 0; environ && environ[i]; i++)
        if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
            return i;
    return i;
}

/* Make environ a malloc'ed array with room for need entries (the NULL included); 0 or -1. */
static int env_reserve(size_t need)
{
    size_t n = env_count(), cap;
    char **bigger;

    if (environ == owned && owned && need <= owned_cap)
        return 0;
    cap = need < 16 ? 16 : need * 2;
    bigger = malloc(cap * sizeof *bigger);
    if (!bigger)
        return -1;
    if (n)
        memcpy(bigger, environ, n * sizeof *bigger);
    bigger[n] = NULL;
    if (environ == owned)
        free(owned);
    environ = owned = bigger;
    owned_cap = cap;
    return 0;
}

/* Put entry ("name=value") in place of the variable of that name, or add it. */
static int env_put(char *entry, size_t name_len)
{
    size_t i = env_find(entry, name_len);

    if (environ && environ[i]) {
        environ[i] = entry;
        return 0;
    }
    if (env_reserve(i + 2) < 0)
        return -1;
    environ[i] = entry;
    environ[i + 1] = NULL;
    return 0;
}

static int valid_name(const char *name)
{
    if (!name || !*name || strchr(name, '=')) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

int setenv(const char *name, const char *value, int overwrite)
{
    size_t name_len, value_len;
    char *entry;

    if (!valid_name(name))
        return -1;
    name_len = strlen(name);
    if (!overwrite && getenv(name))
        return 0;
    value_len = strlen(value);
    entry = malloc(name_len + value_len + 2);
    if (!entry)
        return -1;
    memcpy(entry, name, name_len);
    entry[name_len] = '=';
    memcpy(entry + name_len + 1, value, value_len + 1);
    if (env_put(entry, name_len) < 0) {
        free(entry);
        return -1;
    }
    return 0;
}

int unsetenv(const char *name)
{
    size_t len, i, j;

    if (!valid_name(name))
        return -1;
    len = strlen(name);
    /* Every copy goes (putenv of the same name twice, or an environment that had duplicates). */
    for (i = j = 0; environ && environ[i]; i++)
        if (!(strncmp(environ[i], name, len) == 0 && environ[i][len] == '='))
            environ[j++] = environ[i];
    if (environ)
        environ[j] = NULL;
    return 0;
}

int putenv(char *entry)
{
    const char *eq = strchr(entry, '=');

    if (!eq)
        return unsetenv(entry); /* glibc: a string without '=' removes the variable */
    if (eq == entry) {
        errno = EINVAL;
        return -1;
    }
    return env_put(entry, (size_t)(eq - entry));
}

int clearenv(void)
{
    free(owned);
    owned = NULL;
    owned_cap = 0;
    environ = NULL;
    return 0;
}
