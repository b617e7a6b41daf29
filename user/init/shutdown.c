/*
 * shutdown.c - bringing the system down for poweroff, reboot and halt.
 *
 * Every other process gets SIGTERM and up to STOP_GRACE_SECONDS to end,
 * then SIGKILL; init reaps them all. Then the file systems are synced and
 * every mount but the root is unmounted, the last mounted first (from
 * /proc/mounts when there is one), and the kernel is asked to power off,
 * restart or halt; it syncs the root once more itself.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define STOP_GRACE_SECONDS 3
#define MAX_MOUNTS 32

/* Reap until no child is left or the deadline (monotonic seconds) passes. */
static int reap_until(time_t deadline)
{
    const struct timespec tick = {.tv_nsec = 50000000};
    struct timespec now;

    for (;;) {
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;
        if (kill(-1, 0) < 0 && errno == ESRCH)
            return 1; /* nobody left */
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec >= deadline)
            return 0;
        nanosleep(&tick, NULL);
    }
}

static void unmount_all(void)
{
    FILE *f = fopen("/proc/mounts", "r");
    char dirs[MAX_MOUNTS][64], line[256], *field[2];
    int n = 0;

    if (!f)
        return;
    while (n < MAX_MOUNTS && fgets(line, sizeof line, f))
        if (split_fields(line, field, 2) == 2 && strcmp(field[1], "/") != 0)
            snprintf(dirs[n++], sizeof dirs[0], "%s", field[1]);
    fclose(f);
    while (n-- > 0)
        if (umount(dirs[n]) < 0)
            printf("init: umount %s: %s\n", dirs[n], strerror(errno));
}

void shutdown_system(int cmd)
{
    struct timespec now;

    printf("\ninit: the system is going down for %s\n",
           cmd == REBOOT_POWER_OFF ? "power off" : cmd == REBOOT_RESTART ? "reboot" : "halt");
    fflush(stdout);
    kill(-1, SIGTERM);
    kill(-1, SIGCONT); /* stopped processes must run to die */
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!reap_until(now.tv_sec + STOP_GRACE_SECONDS)) {
        kill(-1, SIGKILL);
        reap_until(now.tv_sec + STOP_GRACE_SECONDS + 2);
    }
    sync();
    unmount_all();
    sync();
    reboot(cmd, 0);
    printf("init: reboot: %s\n", strerror(errno));
    wait_forever();
}
