/*
 * getpass.c - read a password from the terminal without echoing it.
 *
 * The prompt goes to, and the line comes from, /dev/tty; without a
 * controlling terminal, standard error and standard input. Echo is turned
 * off while the line is typed and restored afterwards (also if a signal
 * interrupts the read). The result is a static buffer of up to 127 bytes,
 * without its newline.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

char *getpass(const char *prompt)
{
    static char buf[128];
    struct termios saved, quiet;
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC), in, out, echo_off = 0;
    size_t len = 0;
    char c;

    in = fd >= 0 ? fd : 0;
    out = fd >= 0 ? fd : 2;
    if (tcgetattr(in, &saved) == 0) {
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
        quiet.c_lflag |= ECHONL;
        echo_off = tcsetattr(in, TCSAFLUSH, &quiet) == 0;
    }
    if (prompt)
        write(out, prompt, strlen(prompt));
    for (;;) {
        ssize_t n = read(in, &c, 1);
        if (n <= 0 || c == '\n' || c == '\r')
            break;
        if (len < sizeof buf - 1)
            buf[len++] = c;
    }
    buf[len] = '\0';
    if (echo_off)
        tcsetattr(in, TCSAFLUSH, &saved);
    if (fd >= 0)
        close(fd);
    return buf;
}
