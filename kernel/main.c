/*
 * main.c - kmain: from stage 2's jump to a running kernel.
 *
 * The order matters: the console first (so everything after can report), then
 * the boot info is copied out of low memory, descriptor tables and traps, the
 * command line, memory (pages, paging, heap), time, and finally interrupts.
 * What runs next depends on the command line: the unit tests (ktest) or the
 * kernel monitor on the console.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/percpu.h>
#include <arch/i386/smp.h>
#include <arch/i386/trap.h>
#include <boot/bootinfo.h>
#include <clock.h>
#include <cmdline.h>
#include <drivers/block/ata.h>
#include <drivers/char/console.h>
#include <drivers/char/ps2kbd.h>
#include <drivers/char/random.h>
#include <drivers/char/serial.h>
#include <drivers/firmware/fw_cfg.h>
#include <drivers/pci/pci.h>
#include <fs/vfs.h>
#include <kmon.h>
#include <lib/format.h>
#include <lib/kprintf.h>
#include <lib/panic.h>
#include <lib/symbols.h>
#include <mm/pmm.h>
#include <power.h>
#include <proc/process.h>
#include <proc/task.h>
#include <proc/task_switch.h>
#include <fs/bcache.h>
#include <string.h>
#include <test/ktest.h>

#define ADVENTOS_VERSION "0.1"
#define FW_CFG_CMDLINE "opt/adventos/cmdline"

void kmain(uint32_t magic, uint32_t bootinfo_phys);

static struct bootinfo bootinfo;

static const char *const e820_names[] = {"?", "usable", "reserved", "ACPI data", "ACPI NVS",
                                         "bad"};

static void print_memory_map(void)
{
    struct pmm_stats st;

    for (uint32_t i = 0; i < bootinfo.mmap_count; i++) {
        const struct bootinfo_mmap_entry *e = &bootinfo.mmap[i];
        kprintf("e820: 0x%09llx-0x%09llx %s\n", (unsigned long long)e->base,
                (unsigned long long)(e->base + e->length - 1),
                e->type < 6 ? e820_names[e->type] : "other");
    }
    pmm_get_stats(&st);
    kprintf("mem: %llu KiB usable (E820), %lu KiB managed, %lu KiB free\n",
            (unsigned long long)(st.e820_usable_bytes >> 10),
            (unsigned long)st.managed_pages * (PAGE_SIZE / 1024),
            (unsigned long)st.free_pages * (PAGE_SIZE / 1024));
}

static void print_clock(void)
{
    struct civil_time t;

    time_to_civil(clock_realtime_ns() / (int64_t)NSEC_PER_SEC, &t);
    kprintf("clock: %04d-%02d-%02d %02d:%02d:%02d UTC\n", t.year, t.month, t.day, t.hour,
            t.min, t.sec);
}

/* The command line: fw_cfg when QEMU provides it, else the disk's boot configuration. */
static void load_cmdline(void)
{
    char text[CMDLINE_MAX];
    const char *source = "fw_cfg";
    const char *console;

    if (fw_cfg_read_file(FW_CFG_CMDLINE, text, sizeof text) < 0) {
        strlcpy(text, bootinfo.cmdline, sizeof text);
        source = "disk";
    }
    cmdline_init(text);
    kprintf("cmdline: \"%s\" (from %s)\n", text, source);

    console = cmdline_get("console");
    if (console) {
        if (strcmp(console, "serial") == 0)
            console_select(CONSOLE_SERIAL);
        else if (strcmp(console, "vga") == 0)
            console_select(CONSOLE_VGA);
        else if (strcmp(console, "both") == 0)
            console_select(CONSOLE_SERIAL | CONSOLE_VGA);
        else
            kprintf("cmdline: console=%s: expected serial, vga or both\n", console);
    }
    if (cmdline_get("ktest") || (cmdline_get("panic") && !strcmp(cmdline_get("panic"), "poweroff")))
        power_set_panic_poweroff(true);
}

/*
 * Start process 1 (init= on the command line, else /bin/init; with "selftest",
 * init runs the user-space tests). This task then writes back dirty buffers
 * every few seconds for as long as init lives; if there is no root file
 * system or init cannot run, it returns and the kernel monitor takes the
 * console.
 */
static void start_userspace(void)
{
    const char *path = cmdline_get("init");
    struct path_ctx ctx = {NULL, NULL, &cred_root};
    struct inode *inode;

    if (path && strcmp(path, "none") == 0)
        return; /* init=none: the kernel monitor keeps the console */
    if (!path || !*path)
        path = "/bin/init";
    if (vfs_lookup(path, &ctx, 1, &inode) < 0) {
        kprintf("init: %s not found; starting the kernel monitor\n", path);
        return;
    }
    iput(inode);
    {
        /* "selftest" or "selftest=PATTERN" reaches init as its argument. */
        static char arg[CMDLINE_MAX];
        const char *selftest = cmdline_get("selftest");
        if (selftest)
            snprintf(arg, sizeof arg, *selftest ? "selftest=%s" : "selftest", selftest);
        if (process_start_init(path, selftest ? arg : NULL) < 0)
            return;
    }
    while (!process_init_exited()) {
        task_sleep_ns(NSEC_PER_SEC);
        bcache_periodic();
    }
    kprintf("init is gone; starting the kernel monitor\n");
}

void kmain(uint32_t magic, uint32_t bootinfo_phys)
{
    const char *ktest;

    gdt_init(&cpus[0]); /* first: spinlocks (the console's too) use this_cpu() */
    console_init();
    kprintf("AdventOS %s (i386) starting\n", ADVENTOS_VERSION);
    if (magic != BOOTINFO_MAGIC)
        panic("started with boot magic %#lx, not from the AdventOS stage 2", (unsigned long)magic);
    memcpy(&bootinfo, P2V(bootinfo_phys), sizeof bootinfo);
    if (bootinfo.version != BOOTINFO_VERSION)
        panic("boot info version %lu, expected %d", (unsigned long)bootinfo.version,
              BOOTINFO_VERSION);

    idt_init();
    if (bootinfo.symtab_phys)
        ksym_init(P2V(bootinfo.symtab_phys), bootinfo.symtab_size, P2V(bootinfo.strtab_phys),
                  bootinfo.strtab_size);
    load_cmdline();

    pmm_init(&bootinfo);
    paging_init(pmm_lowmem_end());
    print_memory_map();

    clock_init();
    serial_enable_irq();
    ps2kbd_init();
    sti();
    sched_init();
    fpu_init();
    smp_init();
    print_clock();
    /* Storage: the PCI buses, then the ATA disks (interrupt-driven, so after sti). */
    pci_init();
    ata_init();
    random_init();
    vfs_init();
    vfs_mount_boot_root();
    cmdline_report_unknown();
    kprintf("adventos: ready\n");

    ktest = cmdline_get("ktest");
    if (ktest && strncmp(ktest, "crash:", 6) == 0) {
        ktest_crash(ktest + 6);
        kprintf("ktest: unknown crash kind '%s'\n", ktest + 6);
        power_off(1);
    }
    if (ktest)
        ktest_run(ktest);
    start_userspace();
    kmon_run();
}
