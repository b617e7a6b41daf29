/*
 * uapi/dirent.h - the records getdents() returns, shared by kernel and libc:
 * each is d_reclen bytes long (a multiple of 8), the name NUL-terminated.
 */
#ifndef UAPI_DIRENT_H
#define UAPI_DIRENT_H

#include <stdint.h>

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

struct dirent64 {
    uint64_t d_ino;
    int64_t d_off;     /* position of the next record, for lseek */
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
};

#endif
