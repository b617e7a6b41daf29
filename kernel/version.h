/*
 * version.h - the kernel's name and version, as uname() and /proc/version
 * report them.
 */
#ifndef VERSION_H
#define VERSION_H

#define ADVENTOS_SYSNAME "AdventOS"
#define ADVENTOS_RELEASE "0.1"
#define ADVENTOS_VERSION "#1 " __DATE__
#define ADVENTOS_MACHINE "i386"

#endif
