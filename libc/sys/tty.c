/*
 * tty.c - the terminal functions: termios (tcgetattr, tcsetattr, cfmakeraw,
 * the speed accessors, tcflush, tcdrain, tcflow, tcsendbreak), the
 * foreground process group (tcgetpgrp, tcsetpgrp, tcgetsid), isatty and
 * ttyname. Each terminal call is one ioctl (uapi/ioctl.h, docs/tty.md).
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define TTY_PATH_MAX 64

int tcgetattr(int fd, struct termios *t)
{
    return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
    static const unsigned long request[] = {
        [TCSANOW] = TCSETS, [TCSADRAIN] = TCSETSW, [TCSAFLUSH] = TCSETSF};

    if (action < TCSANOW || action > TCSAFLUSH) {
        errno = EINVAL;
        return -1;
    }
    return ioctl(fd, request[action], t);
}

void cfmakeraw(struct termios *t)
{
    t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag = (t->c_cflag & ~(tcflag_t)(CSIZE | PARENB)) | CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

speed_t cfgetospeed(const struct termios *t)
{
    return t->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *t)
{
    return cfgetospeed(t);
}

int cfsetospeed(struct termios *t, speed_t speed)
{
    if (speed & ~(speed_t)CBAUD) {
        errno = EINVAL;
        return -1;
    }
    t->c_cflag = (t->c_cflag & ~(tcflag_t)CBAUD) | speed;
    return 0;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
    return cfsetospeed(t, speed);
}

int cfsetspeed(struct termios *t, speed_t speed)
{
    return cfsetospeed(t, speed);
}

int tcflush(int fd, int queue)
{
    return ioctl(fd, TCFLSH, queue);
}

int tcdrain(int fd)
{
    return ioctl(fd, TCSBRK, 1);
}

int tcflow(int fd, int action)
{
    return ioctl(fd, TCXONC, action);
}

int tcsendbreak(int fd, int duration)
{
    (void)duration; /* the break's length is the driver's */
    return ioctl(fd, TCSBRK, 0);
}

pid_t tcgetpgrp(int fd)
{
    pid_t pgrp;

    return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    return ioctl(fd, TIOCSPGRP, &pgrp);
}

pid_t tcgetsid(int fd)
{
    pid_t sid;

    return ioctl(fd, TIOCGSID, &sid) < 0 ? -1 : sid;
}

int isatty(int fd)
{
    struct termios t;

    return tcgetattr(fd, &t) == 0;
}

/* The terminal's name: the character device in /dev with the number of fd's file. */
int ttyname_r(int fd, char *buf, size_t size)
{
    struct stat st, dev;
    struct dirent *e;
    DIR *dir;
    int saved = errno, err = ENODEV;

    if (!isatty(fd))
        return errno;
    if (fstat(fd, &st) < 0)
        return errno;
    if (!(dir = opendir("/dev")))
        return errno;
    while ((e = readdir(dir)) != NULL) {
        char path[TTY_PATH_MAX];
        if (strlen(e->d_name) + sizeof "/dev/" > sizeof path)
            continue;
        strcpy(path, "/dev/");
        strcat(path, e->d_name);
        if (stat(path, &dev) < 0 || !S_ISCHR(dev.st_mode) || dev.st_rdev != st.st_rdev)
            continue;
        err = strlen(path) < size ? 0 : ERANGE;
        if (!err)
            strcpy(buf, path);
        break;
    }
    closedir(dir);
    errno = saved;
    return err;
}

char *ttyname(int fd)
{
    static char name[TTY_PATH_MAX];
    int err = ttyname_r(fd, name, sizeof name);

    if (err) {
        errno = err;
        return NULL;
    }
    return name;
}
