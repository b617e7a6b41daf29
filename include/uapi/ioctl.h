/*
 * uapi/ioctl.h - ioctl request numbers, shared by the kernel and libc. The
 * values are Linux's on i386. Terminal requests take the structures of
 * uapi/termios.h; each one is described in docs/tty.md.
 */
#ifndef UAPI_IOCTL_H
#define UAPI_IOCTL_H

#include <stdint.h>

/* TIOCGWINSZ, TIOCSWINSZ: a terminal's size in characters (and pixels, unused). */
struct winsize {
    uint16_t ws_row;
    uint16_t ws_col;
    uint16_t ws_xpixel;
    uint16_t ws_ypixel;
};

/* Terminals. */
#define TCGETS 0x5401     /* struct termios *: read the attributes */
#define TCSETS 0x5402     /* const struct termios *: set them now */
#define TCSETSW 0x5403    /* ... after the output drained */
#define TCSETSF 0x5404    /* ... after the output drained, discarding unread input */
#define TCSBRK 0x5409     /* int: 0 sends a break; otherwise waits for the output to drain */
#define TCXONC 0x540A     /* int: TCOOFF, TCOON, TCIOFF, TCION */
#define TCFLSH 0x540B     /* int: TCIFLUSH, TCOFLUSH, TCIOFLUSH */
#define TIOCSCTTY 0x540E  /* int force: make it the caller's controlling terminal */
#define TIOCGPGRP 0x540F  /* pid_t *: the foreground process group */
#define TIOCSPGRP 0x5410  /* const pid_t *: set the foreground process group */
#define TIOCOUTQ 0x5411   /* int *: bytes not yet sent */
#define TIOCGWINSZ 0x5413 /* struct winsize *: the window size */
#define TIOCSWINSZ 0x5414 /* const struct winsize *: set it (SIGWINCH to the foreground) */
#define FIONREAD 0x541B   /* int *: bytes a read would return now */
#define TIOCINQ FIONREAD
#define TIOCNOTTY 0x5422  /* give up the controlling terminal */
#define TIOCGSID 0x5429   /* pid_t *: the session the terminal controls */

/* Any file. */
#define FIONBIO 0x5421    /* const int *: nonzero sets O_NONBLOCK, zero clears it */

#endif
