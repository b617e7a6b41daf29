/*
 * fs_scratch.h - the scratch file system the file-system ktests work in: the
 * second IDE disk (hdb), formatted by the test harness with mkfs.adventfs,
 * mounted once on /mnt/kt (or as the root when there is no root file system).
 */
#ifndef TEST_FS_SCRATCH_H
#define TEST_FS_SCRATCH_H

#include <fs/vfs.h>

/* The directory to work in ("" on failure, with *why set). */
const char *fs_scratch_dir(const char **why);
/* Build "<scratch>/<name>" into buf. */
const char *fs_scratch_path(char *buf, size_t size, const char *name);
/* Sync and unmount the scratch file system (leaving it clean for fsck). */
void fs_scratch_release(void);

extern const struct path_ctx kt_root_ctx;

#endif
