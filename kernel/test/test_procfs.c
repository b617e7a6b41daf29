/*
 * test_procfs.c - the text of /proc's system files as the kernel makes it:
 * a text buffer grows past its first size without losing bytes, and
 * meminfo, uptime, loadavg and version have their formats and plausible
 * numbers. (The files of processes are tested from user space:
 * tests/user/test_procfs.c.)
 */
#include <fs/procfs.h>
#include <lib/format.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <test/ktest.h>

/* The decimal number after key in text, or -1. */
static long value_after(const char *text, const char *key)
{
    const char *p = strstr(text, key);
    long v = 0;

    if (!p)
        return -1;
    p += strlen(key);
    while (*p == ' ')
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9')
        v = v * 10 + (*p++ - '0');
    return v;
}

/* Run a system-file generator into a NUL-terminated string (kfree it), or NULL. */
static char *show(proc_sys_show_fn fn)
{
    struct proc_text t = {0};
    char *s;

    if (fn(&t, NULL) < 0 || t.err) {
        kfree(t.data);
        return NULL;
    }
    proc_text_write(&t, "", 1);
    s = t.err ? NULL : t.data;
    if (!s)
        kfree(t.data);
    return s;
}

KTEST(procfs_text_grows_without_losing_bytes)
{
    struct proc_text t = {0};

    for (int i = 0; i < 1000; i++)
        proc_text_printf(&t, "line %04d\n", i); /* 10 bytes each */
    KT_ASSERT_EQ(t.err, 0);
    KT_ASSERT_EQ(t.len, 10000);
    KT_ASSERT(t.cap >= t.len);
    KT_ASSERT(memcmp(t.data, "line 0000\n", 10) == 0);
    KT_ASSERT(memcmp(t.data + 5000, "line 0500\n", 10) == 0);
    KT_ASSERT(memcmp(t.data + 9990, "line 0999\n", 10) == 0);
    kfree(t.data);
}

KTEST(procfs_meminfo_is_plausible)
{
    char *s = show(procfs_meminfo);
    long total, freemem, avail;

    KT_ASSERT(s != NULL);
    total = value_after(s, "MemTotal:");
    freemem = value_after(s, "MemFree:");
    avail = value_after(s, "MemAvailable:");
    KT_ASSERT(total > 1024 && freemem > 0 && freemem <= total);
    KT_ASSERT(avail >= freemem && avail <= total);
    KT_ASSERT(strstr(s, " kB\nBuffers:") != NULL);
    kfree(s);
}

KTEST(procfs_uptime_loadavg_version_formats)
{
    char *s;

    KT_ASSERT((s = show(procfs_uptime)) != NULL);
    KT_ASSERT(strchr(s, '.') != NULL && strchr(s, ' ') != NULL && s[strlen(s) - 1] == '\n');
    kfree(s);
    KT_ASSERT((s = show(procfs_loadavg)) != NULL);
    KT_ASSERT(strncmp(s, "0.00 0.00 0.00 ", 15) == 0 || (s[1] == '.' && s[4] == ' '));
    KT_ASSERT(strchr(s, '/') != NULL);
    kfree(s);
    KT_ASSERT((s = show(procfs_version)) != NULL);
    KT_ASSERT(strncmp(s, "AdventOS version ", 17) == 0);
    kfree(s);
}
