/*
 * echo.c - print the arguments, separated by spaces, ending with a newline:
 *
 *     echo [-neE] [STRING...]
 *
 * As GNU echo: only leading arguments made of nothing but the letters n, e
 * and E count as options (so "-" and "-x" print). -n drops the newline, -e
 * interprets backslash escapes (\\ \a \b \c \e \f \n \r \t \v, \0NNN and
 * \NNN octal, \xHH hexadecimal; \c ends all output), -E (the default) does
 * not. Like GNU echo, \NNN with a first digit from 1 to 7 is octal too.
 */
#include <libutil.h>
#include <stdio.h>
#include <string.h>

/* Is arg a cluster of echo options? */
static int is_option(const char *arg)
{
    if (arg[0] != '-' || arg[1] == '\0')
        return 0;
    return strspn(arg + 1, "neE") == strlen(arg + 1);
}

/* Print s with its escapes interpreted; returns 0 when \c asked to stop. */
static int print_escaped(const char *s)
{
    while (*s) {
        int c = (unsigned char)*s++;

        if (c == '\\') {
            c = parse_escape(&s, ESCAPE_OCTAL | ESCAPE_OCTAL_0);
            if (c == ESCAPE_STOP)
                return 0;
            if (c == ESCAPE_NONE)
                c = '\\'; /* not an escape: print it as it is */
        }
        putchar(c);
    }
    return 1;
}

int main(int argc, char **argv)
{
    int newline = 1, escapes = 0, i = 1;

    for (; i < argc && is_option(argv[i]); i++) {
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p == 'n')
                newline = 0;
            else
                escapes = (*p == 'e');
        }
    }
    for (; i < argc; i++) {
        if (escapes) {
            if (!print_escaped(argv[i]))
                return close_stdout();
        } else {
            fputs(argv[i], stdout);
        }
        if (i + 1 < argc)
            putchar(' ');
    }
    if (newline)
        putchar('\n');
    return close_stdout();
}
