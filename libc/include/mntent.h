/*
 * mntent.h - reading mount tables (/proc/mounts, /etc/fstab): one
 * "FSNAME DIR TYPE OPTIONS FREQ PASSNO" line per file system, fields
 * separated by blanks, with blanks inside a field written as octal escapes
 * ("\040"). libc/misc/mntent.c.
 */
#ifndef _MNTENT_H
#define _MNTENT_H

#include <stdio.h>

#define MOUNTED "/proc/mounts"
#define MNTTAB "/etc/fstab"

struct mntent {
    char *mnt_fsname; /* device or server */
    char *mnt_dir;    /* mount point */
    char *mnt_type;   /* file system type */
    char *mnt_opts;   /* comma-separated options */
    int mnt_freq;     /* dump frequency (0 when absent) */
    int mnt_passno;   /* fsck pass (0 when absent) */
};

FILE *setmntent(const char *path, const char *mode);
/* The next entry (static storage, overwritten by the next call), skipping comments and blank lines; NULL at the end. */
struct mntent *getmntent(FILE *f);
int endmntent(FILE *f);
/* The option opt in ent->mnt_opts ("ro" finds "ro" and "ro=..."), or NULL. */
char *hasmntopt(const struct mntent *ent, const char *opt);

#endif
