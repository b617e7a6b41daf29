/*
 * uapi/auxv.h - types of the auxiliary vector that exec places on a new
 * program's stack after the environment (docs/userspace.md), shared by the
 * kernel and libc (values as on Linux). The vector is a list of
 * (type, value) pairs of 32-bit words ending with AT_NULL.
 */
#ifndef UAPI_AUXV_H
#define UAPI_AUXV_H

#define AT_NULL 0    /* end of the vector */
#define AT_PHDR 3    /* address of the program headers in memory */
#define AT_PHENT 4   /* size of one program header */
#define AT_PHNUM 5   /* number of program headers */
#define AT_PAGESZ 6  /* page size: 4096 */
#define AT_ENTRY 9   /* the program's entry point */
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_RANDOM 25 /* address of 16 random bytes */
#define AT_EXECFN 31 /* address of the path given to execve */

#endif
