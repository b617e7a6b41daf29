/*
 * procfs_sys.c - the system-wide files of /proc, in Linux's formats
 * (proc(5)) where programs expect them: uptime, meminfo, loadavg, mounts,
 * cpuinfo, version, and dmesg (the kernel log, lib/klog.h).
 */
#include <arch/i386/percpu.h>
#include <clock.h>
#include <drivers/clock/pit.h>
#include <fs/bcache.h>
#include <fs/procfs.h>
#include <lib/format.h>
#include <lib/klog.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <proc/loadavg.h>
#include <proc/proc_info.h>
#include <proc/task.h>
#include <string.h>
#include <uapi/errno.h>
#include <version.h>

#define MOUNTS_MAX 32
#define CPUID_VENDOR 0x0
#define CPUID_SIGNATURE 0x1
#define CPUID_EXT_MAX 0x80000000u
#define CPUID_BRAND_FIRST 0x80000002u /* the brand string: three leaves of 16 bytes */

static void cpuid(uint32_t leaf, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* "12.34": hundredths of a second, or of a load. */
static void print_hundredths(struct proc_text *t, uint64_t hundredths)
{
    proc_text_printf(t, "%llu.%02u", (unsigned long long)(hundredths / 100),
                     (unsigned)(hundredths % 100));
}

/* Seconds since boot and seconds the CPUs were idle, summed over CPUs, as Linux does. */
int procfs_uptime(struct proc_text *t, struct inode *root)
{
    (void)root;
    print_hundredths(t, clock_monotonic_ns() / 10000000ull);
    proc_text_write(t, " ", 1);
    print_hundredths(t, sched_idle_ticks() * 100 / PIT_HZ);
    proc_text_write(t, "\n", 1);
    return 0;
}

/*
 * Memory in kB. The buffer cache is the only cache (Buffers); its memory can
 * be had back, so it counts as available. There is no page cache and no swap.
 */
int procfs_meminfo(struct proc_text *t, struct inode *root)
{
    struct pmm_stats pm;
    struct bcache_stats bc;

    (void)root;
    pmm_get_stats(&pm);
    bcache_get_stats(&bc);
    proc_text_printf(t, "MemTotal:       %8u kB\n", pm.managed_pages * 4);
    proc_text_printf(t, "MemFree:        %8u kB\n", pm.free_pages * 4);
    proc_text_printf(t, "MemAvailable:   %8u kB\n", pm.free_pages * 4 + bc.bytes / 1024);
    proc_text_printf(t, "Buffers:        %8u kB\n", bc.bytes / 1024);
    proc_text_printf(t, "Cached:         %8u kB\n", 0u);
    proc_text_printf(t, "SwapTotal:      %8u kB\n", 0u);
    proc_text_printf(t, "SwapFree:       %8u kB\n", 0u);
    proc_text_printf(t, "Shmem:          %8u kB\n", 0u);
    proc_text_printf(t, "SReclaimable:   %8u kB\n", 0u);
    return 0;
}

/* "0.12 0.34 0.56 R/N LAST": averages, runnable tasks / processes, the newest pid. */
int procfs_loadavg(struct proc_text *t, struct inode *root)
{
    uint32_t avg[3];
    int pids[1];

    (void)root;
    loadavg_get(avg);
    for (int i = 0; i < 3; i++) {
        print_hundredths(t, ((uint64_t)avg[i] * 100 + LOADAVG_ONE / 2) >> LOADAVG_SHIFT);
        proc_text_write(t, " ", 1);
    }
    proc_text_printf(t, "%d/%d %d\n", sched_nr_running(), proc_info_pids(pids, 0),
                     proc_info_last_pid());
    return 0;
}

/* Append s with the characters that separate fields written as octal escapes (\040). */
static void write_escaped(struct proc_text *t, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
            proc_text_printf(t, "\\%03o", (unsigned char)*s);
        else
            proc_text_write(t, s, 1);
    }
}

/* "device mountpoint type options 0 0", oldest mount first; paths as the reader's root sees them. */
int procfs_mounts(struct proc_text *t, struct inode *root)
{
    struct vfs_mount_info *m = kmalloc(MOUNTS_MAX * sizeof *m);
    char *path = kmalloc(PATH_MAX);
    int n;

    if (!m || !path) {
        kfree(m);
        kfree(path);
        return -ENOMEM;
    }
    n = vfs_mount_list(m, MOUNTS_MAX);
    for (int i = 0; i < n; i++) {
        /* A mount outside the reader's root (or unreachable) is not listed. */
        if (vfs_getcwd(m[i].root, root, path, PATH_MAX) > 0 && path[0] == '/') {
            write_escaped(t, m[i].device);
            proc_text_write(t, " ", 1);
            write_escaped(t, path);
            proc_text_printf(t, " %s %s 0 0\n", m[i].type, (m[i].flags & MS_RDONLY) ? "ro" : "rw");
        }
        iput(m[i].root);
    }
    kfree(m);
    kfree(path);
    return 0;
}

/*
 * One block per CPU that runs. The identification comes from CPUID on the
 * reading CPU: the CPUs of one machine are alike (the SMP code assumes it).
 */
int procfs_cpuinfo(struct proc_text *t, struct inode *root)
{
    uint32_t r[4], sig[4], brand[13] = {0}; /* 48 bytes of name and a NUL word */
    char vendor[13];
    unsigned family, model;

    (void)root;
    cpuid(CPUID_VENDOR, r);
    memcpy(vendor, &r[1], 4); /* EBX, EDX, ECX spell the vendor */
    memcpy(vendor + 4, &r[3], 4);
    memcpy(vendor + 8, &r[2], 4);
    vendor[12] = '\0';
    cpuid(CPUID_SIGNATURE, sig);
    family = (sig[0] >> 8) & 0xf;
    model = (sig[0] >> 4) & 0xf;
    if (family == 0xf)
        family += (sig[0] >> 20) & 0xff;
    if (family == 0x6 || family >= 0xf)
        model |= ((sig[0] >> 16) & 0xf) << 4;
    cpuid(CPUID_EXT_MAX, r);
    if (r[0] >= CPUID_BRAND_FIRST + 2)
        for (uint32_t i = 0; i < 3; i++)
            cpuid(CPUID_BRAND_FIRST + i, &brand[i * 4]);
    for (int c = 0; c < ncpus; c++) {
        const char *name = (const char *)brand;
        if (!cpus[c].online)
            continue;
        while (*name == ' ')
            name++;
        proc_text_printf(t, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n",
                         c, vendor, family, model);
        proc_text_printf(t, "model name\t: %s\nstepping\t: %u\napicid\t\t: %u\n\n",
                         *name ? name : "unknown", sig[0] & 0xf, cpus[c].apic_id);
    }
    return 0;
}

int procfs_version(struct proc_text *t, struct inode *root)
{
    (void)root;
    proc_text_printf(t, "%s version %s (gcc %s) %s\n", ADVENTOS_SYSNAME, ADVENTOS_RELEASE,
                     __VERSION__, ADVENTOS_VERSION);
    return 0;
}

/* The kernel log as it is now; reading does not clear it. */
int procfs_dmesg(struct proc_text *t, struct inode *root)
{
    size_t size = klog_length();
    char *buf = kmalloc(size ? size : 1);

    (void)root;
    if (!buf)
        return -ENOMEM;
    proc_text_write(t, buf, klog_read(buf, size));
    kfree(buf);
    return 0;
}
