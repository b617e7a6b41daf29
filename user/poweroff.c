/*
 * poweroff, reboot, halt - bring the system down.
 *
 *   poweroff [-f]     reboot [-f]     halt [-f]
 *
 * One program under three names (user/user.mk's aliases); argv[0] says
 * which. Each asks init to shut down cleanly (init/shutdown.c: stop every
 * process, sync, unmount) by sending it SIGUSR2, SIGTERM or SIGUSR1, as
 * BusyBox's init also understands. -f skips init: sync, then the reboot
 * system call at once. Root only.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    int cmd = REBOOT_POWER_OFF, sig = SIGUSR2, force = 0;

    if (strcmp(name, "reboot") == 0)
        cmd = REBOOT_RESTART, sig = SIGTERM;
    else if (strcmp(name, "halt") == 0)
        cmd = REBOOT_HALT, sig = SIGUSR1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-f") == 0) {
            force = 1;
        } else {
            fprintf(stderr, "usage: %s [-f]\n", name);
            return 2;
        }
    }
    if (geteuid() != 0) {
        fprintf(stderr, "%s: must be superuser\n", name);
        return 1;
    }
    if (force) {
        sync();
        reboot(cmd, 0);
    } else if (kill(1, sig) == 0) {
        return 0;
    }
    fprintf(stderr, "%s: %s\n", name, strerror(errno));
    return 1;
}
