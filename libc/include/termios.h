/*
 * termios.h - terminal attributes (POSIX). struct termios, the flags and the
 * c_cc indices are the kernel's (uapi/termios.h: Linux's i386 kernel layout,
 * NCCS 19, the speed in the CBAUD bits of c_cflag); each call is one ioctl
 * (libc/sys/tty.c). The input and output speeds are one and the same.
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <sys/types.h>
#include <uapi/ioctl.h>
#include <uapi/termios.h>

int tcgetattr(int fd, struct termios *t);
/* action: TCSANOW, TCSADRAIN or TCSAFLUSH (also discards unread input). */
int tcsetattr(int fd, int action, const struct termios *t);
/* Raw mode: no echo, no line editing, no signals, no translations, 8 bits, MIN 1, TIME 0. */
void cfmakeraw(struct termios *t);
speed_t cfgetispeed(const struct termios *t);
speed_t cfgetospeed(const struct termios *t);
/* speed is a B* constant; EINVAL otherwise. */
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetospeed(struct termios *t, speed_t speed);
int cfsetspeed(struct termios *t, speed_t speed);
/* queue: TCIFLUSH, TCOFLUSH or TCIOFLUSH. */
int tcflush(int fd, int queue);
int tcdrain(int fd);
int tcflow(int fd, int action);
int tcsendbreak(int fd, int duration);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
pid_t tcgetsid(int fd);

#endif
