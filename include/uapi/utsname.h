/*
 * uapi/utsname.h - the structure uname() fills in, shared by the kernel and
 * libc. Each field is a NUL-terminated string. The kernel reports sysname
 * "AdventOS" and machine "i386".
 */
#ifndef UAPI_UTSNAME_H
#define UAPI_UTSNAME_H

#define UTSNAME_LENGTH 65

struct utsname {
    char sysname[UTSNAME_LENGTH];  /* "AdventOS" */
    char nodename[UTSNAME_LENGTH]; /* the host name */
    char release[UTSNAME_LENGTH];  /* the kernel's version */
    char version[UTSNAME_LENGTH];  /* build information */
    char machine[UTSNAME_LENGTH];  /* "i386" */
};

#endif
