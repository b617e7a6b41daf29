/*
 * hello.c - the first user program: prints a greeting, then its arguments
 * one per line, and exits 0. tests/user/test_process.c execs it and checks
 * exactly this output, so change both together.
 *
 *     hello from user space
 *     argc=3
 *     argv[0]=/bin/hello
 *     argv[1]=one
 *     argv[2]=two words
 */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("hello from user space\n");
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    return 0;
}
