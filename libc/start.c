/*
 * start.c - __libc_start, called by _start (crt0.S): records the environment
 * and the auxiliary vector, runs the constructors (.preinit_array and
 * .init_array, gathered by user/user.ld), then exit(main(...)).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>

char **environ;
static uint32_t *auxv; /* (type, value) pairs ending with AT_NULL */

typedef void (*init_fn)(int, char **, char **);
extern init_fn __preinit_array_start[], __preinit_array_end[];
extern init_fn __init_array_start[], __init_array_end[];

int main(int argc, char **argv, char **envp);
void __libc_set_progname(const char *argv0); /* libc/err/err.c */
void __libc_start(int argc, char **argv, char **envp) __attribute__((noreturn));

void __libc_start(int argc, char **argv, char **envp)
{
    char **p = envp;

    environ = envp;
    if (argc > 0)
        __libc_set_progname(argv[0]);
    while (*p)
        p++;
    auxv = (uint32_t *)(p + 1);

    for (init_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
        (*f)(argc, argv, envp);
    for (init_fn *f = __init_array_start; f < __init_array_end; f++)
        (*f)(argc, argv, envp);
    exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
    for (uint32_t *a = auxv; a && a[0] != AT_NULL; a += 2)
        if (a[0] == type)
            return a[1];
    errno = ENOENT;
    return 0;
}
