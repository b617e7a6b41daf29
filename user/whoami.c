/*
 * whoami.c - print the name of the effective user (the passwd entry of
 * geteuid()); exit 1 when it has none.
 */
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *prog = argc > 0 && argv[0][0] ? argv[0] : "whoami";
    uid_t uid = geteuid();
    struct passwd *pw;

    if (strrchr(prog, '/'))
        prog = strrchr(prog, '/') + 1;
    if (argc > 1) {
        fprintf(stderr, "%s: extra operand '%s'\nusage: %s\n", prog, argv[1], prog);
        return 1;
    }
    pw = getpwuid(uid);
    if (!pw) {
        fprintf(stderr, "%s: cannot find name for user ID %u\n", prog, (unsigned)uid);
        return 1;
    }
    puts(pw->pw_name);
    return 0;
}
