/*
 * sys/auxv.h - getauxval(): a value of the auxiliary vector the kernel put
 * on the stack at exec (types in uapi/auxv.h); 0 with errno ENOENT when the
 * type is absent.
 */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#include <uapi/auxv.h>

unsigned long getauxval(unsigned long type);

#endif
