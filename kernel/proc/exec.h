/*
 * exec.h - replacing a process's program: static ELF32 executables and "#!"
 * scripts (docs/processes.md, "exec").
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

struct trap_frame;

/* execve with the path and the argument and environment strings in user memory. */
int exec_user(const char *upath, const char *const *uargv, const char *const *uenvp);
/* execve with everything in kernel memory (starting process 1). */
int exec_kernel(const char *path, const char *const *argv, const char *const *envp);

#endif
