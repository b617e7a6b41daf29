/*
 * init - process 1.
 *
 * With "selftest" or "selftest=PATTERN" among its arguments (the kernel
 * passes it from its command line) init runs the test programs instead
 * (selftest.c). Otherwise it brings the system up:
 *
 *   1. descriptors 0-2 on /dev/console if the kernel gave none;
 *   2. mounts what /etc/fstab lists (the root is already mounted; "noauto"
 *      entries are skipped), sets the host name from /etc/hostname;
 *   3. runs /etc/rc with /bin/sh and waits for it;
 *   4. starts a login on every terminal /etc/ttys names (terminals.c) and
 *      starts it again whenever it ends;
 *   5. reaps every orphan the kernel hands it;
 *   6. on SIGUSR2 (poweroff), SIGTERM (reboot) or SIGUSR1 (halt), stops
 *      everything, syncs and unmounts (shutdown.c). The signals are what the
 *      poweroff, reboot and halt commands send.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"

#define FSTAB "/etc/fstab"
#define RC "/etc/rc"

static volatile sig_atomic_t shutdown_request; /* a REBOOT_* command, or 0 */

static void open_console(void)
{
    struct stat st;

    if (fstat(1, &st) == 0)
        return;
    /* No stdout: the kernel gave us no descriptors. Make 0, 1 and 2 the console. */
    for (int fd = 0; fd < 3; fd++) {
        int got = open("/dev/console", O_RDWR | O_NOCTTY);
        if (got < 0)
            return; /* nowhere to report it */
        if (got != fd) {
            dup2(got, fd);
            close(got);
        }
    }
}

int split_fields(char *line, char **fields, int max)
{
    int n = 0;
    char *save, *f;

    line[strcspn(line, "#")] = '\0';
    for (f = strtok_r(line, " \t\r\n", &save); f && n < max; f = strtok_r(NULL, " \t\r\n", &save))
        fields[n++] = f;
    return n;
}

/* Mount every /etc/fstab entry but the root and "noauto" ones. */
static void mount_fstab(void)
{
    FILE *f = fopen(FSTAB, "r");
    char line[256], *field[4];

    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        int n = split_fields(line, field, 4);
        const char *dev = field[0], *dir = field[1], *type = field[2];
        char *opts = n > 3 ? field[3] : "defaults", *save;
        unsigned long flags = 0;

        if (n < 3 || strcmp(dir, "/") == 0 || strstr(opts, "noauto"))
            continue;
        for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save))
            if (strcmp(o, "ro") == 0)
                flags |= MS_RDONLY;
        mkdir(dir, 0755); /* harmless when it exists */
        if (mount(dev, dir, type, flags, NULL) < 0)
            printf("init: mount %s on %s (%s): %s\n", dev, dir, type, strerror(errno));
    }
    fclose(f);
}

static void set_hostname(void)
{
    FILE *f = fopen("/etc/hostname", "r");
    char name[65];

    if (!f)
        return;
    if (fgets(name, sizeof name, f)) {
        name[strcspn(name, "\r\n")] = '\0';
        if (name[0] && sethostname(name, strlen(name)) < 0)
            printf("init: sethostname: %s\n", strerror(errno));
    }
    fclose(f);
}

/* Run /etc/rc to its end (its children that stay become init's orphans). */
static void run_rc(void)
{
    pid_t pid;
    int status;

    if (access(RC, R_OK) < 0)
        return;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *argv[] = {"sh", RC, NULL};
        char *envp[] = {"PATH=/bin:/usr/bin", "HOME=/", NULL};
        execve("/bin/sh", argv, envp);
        printf("init: /bin/sh: %s\n", strerror(errno));
        _exit(127);
    }
    if (pid < 0) {
        printf("init: cannot run %s: %s\n", RC, strerror(errno));
        return;
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        printf("init: %s failed (status %d)\n", RC, status);
}

static void on_shutdown_signal(int sig)
{
    shutdown_request = sig == SIGUSR2  ? REBOOT_POWER_OFF
                       : sig == SIGTERM ? REBOOT_RESTART
                                        : REBOOT_HALT;
}

static void on_child(int sig)
{
    (void)sig; /* only here to make sigsuspend return */
}

/*
 * The signals init acts on stay blocked except inside sigsuspend(), so that
 * one arriving between the check of shutdown_request and the wait cannot be
 * missed. Children unblock them again (terminals.c).
 */
static void catch_signals(sigset_t *waiting_mask)
{
    struct sigaction sa = {.sa_handler = on_shutdown_signal};
    sigset_t block;

    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, waiting_mask);
}

int main(int argc, char **argv)
{
    sigset_t waiting_mask;

    open_console();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "selftest") == 0)
            selftest(NULL);
        if (strncmp(argv[i], "selftest=", 9) == 0)
            selftest(argv[i] + 9);
    }
    printf("init: started\n");
    /* The console the kernel opened for us is our controlling terminal;
     * give it up, or no login's session could make a terminal its own. */
    signal(SIGHUP, SIG_IGN);
    ioctl(0, TIOCNOTTY);
    mount_fstab();
    set_hostname();
    run_rc();
    catch_signals(&waiting_mask);
    terminals_start();
    for (;;) {
        int status;
        pid_t pid;

        while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
            terminals_child_ended(pid);
        if (shutdown_request)
            shutdown_system(shutdown_request);
        sigsuspend(&waiting_mask);
    }
}
