/*
 * uapi/wait.h - the options of waitpid()/wait4() and the status word they
 * return, shared by the kernel (which builds the word when a process ends)
 * and libc (whose <sys/wait.h> decodes it). The encoding is the traditional
 * Unix one, as on Linux:
 *
 *     exited with code c     (c & 0xff) << 8          low byte 0
 *     killed by signal s     s | 0x80 if it dumped core (bits 0-6: s, 1..0x7e)
 *     stopped by signal s    (s << 8) | 0x7f
 *     continued              0xffff
 */
#ifndef UAPI_WAIT_H
#define UAPI_WAIT_H

#define WNOHANG 1    /* return 0 at once when no child has changed state */
#define WUNTRACED 2  /* also report children stopped by a signal */
#define WCONTINUED 8 /* also report stopped children that were continued */

#define W_EXITCODE(code, sig) ((((code) & 0xff) << 8) | ((sig) & 0x7f))
#define W_STOPCODE(sig) ((((sig) & 0xff) << 8) | 0x7f)
#define W_CONTINUED 0xffff
#define WCOREFLAG 0x80

#endif
