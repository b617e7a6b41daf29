/*
 * env.c - the environment (getenv) and the pseudo-random numbers of C
 * (rand, srand: a 64-bit xorshift, not for anything that needs to be
 * unpredictable; getrandom() is for that).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *getenv(const char *name)
{
    size_t len = strcspn(name, "=");

    if (!environ || name[len] == '=')
        return NULL; /* a name with '=' names no variable */
    for (char **e = environ; *e; e++)
        if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
            return *e + len + 1;
    return NULL;
}

static uint64_t rand_state = 0x9e3779b97f4a7c15ull;

void srand(unsigned int seed)
{
    rand_state = 0x9e3779b97f4a7c15ull ^ seed;
    if (!rand_state)
        rand_state = 1;
}

int rand(void)
{
    rand_state ^= rand_state << 13;
    rand_state ^= rand_state >> 7;
    rand_state ^= rand_state << 17;
    return (int)(rand_state >> 33); /* 31 bits: 0 .. RAND_MAX */
}
