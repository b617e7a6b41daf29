/*
 * clear.c - clear the terminal: move the cursor home and erase the screen
 * (and the scroll-back, as xterm and Linux's console understand it), with
 * ANSI sequences, which every terminal AdventOS talks to understands.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CLEAR_SCREEN "\033[H\033[2J"
#define CLEAR_SCROLLBACK "\033[3J"

int main(int argc, char **argv)
{
    int keep_scrollback = argc > 1 && strcmp(argv[1], "-x") == 0;

    if (argc > 1 + keep_scrollback) {
        fprintf(stderr, "usage: clear [-x]\n");
        return 1;
    }
    fputs(CLEAR_SCREEN, stdout);
    if (!keep_scrollback)
        fputs(CLEAR_SCROLLBACK, stdout);
    return fflush(stdout) == 0 ? 0 : 1;
}
