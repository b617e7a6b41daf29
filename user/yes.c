/*
 * yes.c - print a line over and over until the reader goes away:
 *
 *     yes [STRING...]
 *
 * The line is the arguments joined by spaces, or "y". It is copied into one
 * buffer as many times as fits so that each write(2) carries many lines;
 * the program ends when a write fails (the pipe's reader has exited).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define YES_BUF_SIZE 8192

int main(int argc, char **argv)
{
    static char buf[YES_BUF_SIZE];
    size_t line_len = 0, used;
    char *line;
    int i;

    /* No options, but "--" ends them and anything else like one is an error. */
    if (getopt(argc, argv, "+") != -1) {
        fprintf(stderr, "usage: yes [STRING...]\n");
        return 1;
    }
    if (optind == argc) {
        line = "y\n";
        line_len = 2;
    } else {
        for (i = optind; i < argc; i++)
            line_len += strlen(argv[i]) + 1;
        line = malloc(line_len);
        if (!line)
            err(1, "out of memory");
        line[0] = '\0';
        for (i = optind; i < argc; i++) {
            strcat(line, argv[i]);
            strcat(line, i + 1 < argc ? " " : "\n");
        }
    }

    /* Fill the buffer with whole copies; a line longer than the buffer goes alone. */
    if (line_len <= sizeof(buf)) {
        for (used = 0; used + line_len <= sizeof(buf); used += line_len)
            memcpy(buf + used, line, line_len);
        line = buf;
        line_len = used;
    }
    for (;;) {
        size_t done = 0;
        while (done < line_len) {
            ssize_t n = write(STDOUT_FILENO, line + done, line_len - done);
            if (n < 0)
                err(1, "standard output");
            done += (size_t)n;
        }
    }
}
