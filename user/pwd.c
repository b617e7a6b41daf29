/*
 * pwd.c - print the working directory (POSIX pwd: -L, -P).
 * -P (GNU's default) prints the physical path from getcwd. -L prints $PWD
 * when it is an absolute name of the working directory without "." or ".."
 * components, as POSIX specifies, and the physical path otherwise.
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Is $PWD usable for -L: absolute, no . or .. components, the same directory as "."? */
static int
pwd_env_valid(const char *pwd)
{
    struct stat a, b;

    if (!pwd || pwd[0] != '/')
        return 0;
    for (const char *p = pwd; *p; p++) {
        if (p[0] == '/' && p[1] == '.' &&
            (p[2] == '/' || p[2] == '\0' || (p[2] == '.' && (p[3] == '/' || p[3] == '\0'))))
            return 0;
    }
    return stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

int
main(int argc, char **argv)
{
    int logical = 0, c;
    char buf[PATH_MAX];
    const char *pwd = getenv("PWD");

    while ((c = getopt(argc, argv, "LP")) != -1) {
        switch (c) {
        case 'L': logical = 1; break;
        case 'P': logical = 0; break;
        default:
            fprintf(stderr, "usage: pwd [-L|-P]\n");
            return 1;
        }
    }
    if (logical && pwd_env_valid(pwd)) {
        puts(pwd);
        return 0;
    }
    if (!getcwd(buf, sizeof buf))
        err(1, "cannot get the working directory");
    puts(buf);
    return 0;
}
