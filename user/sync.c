/*
 * sync.c - write every changed block of every file system to disk.
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1) {
        fprintf(stderr, "sync: extra operand '%s'\n", argv[1]);
        return 1;
    }
    sync();
    return 0;
}
