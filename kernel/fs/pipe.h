/*
 * pipe.h - anonymous pipes (pipe.c).
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

struct file;

/* A new pipe: *read_end (O_RDONLY) and *write_end (O_WRONLY). 0 or -ENOMEM. */
int pipe_create(struct file **read_end, struct file **write_end);

#endif
