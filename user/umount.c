/*
 * umount.c - unmount the file system mounted on each DIR (root only).
 */
#include <err.h>
#include <stdio.h>
#include <sys/mount.h>

int main(int argc, char **argv)
{
    int status = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: umount DIR...\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        if (umount(argv[i]) < 0) {
            warn("%s", argv[i]);
            status = 1;
        }
    }
    return status;
}
