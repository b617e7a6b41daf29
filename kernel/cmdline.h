/*
 * cmdline.h - the kernel command line: "name" and "name=value" words separated
 * by blanks. It comes from QEMU's fw_cfg (opt/adventos/cmdline) when present,
 * else from the boot configuration on disk. Parsed once at boot; options the
 * kernel does not know are reported, not silently ignored.
 *
 * Known options: ktest[=PATTERN|crash:KIND], console=serial|vga|both,
 * panic=poweroff|halt, root=DEVICE (default hda2), ata=pio, init=PATH (default
 * /bin/init; "none" keeps the kernel monitor), selftest (init runs the user-space test suite and powers off).
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include <stdbool.h>

#define CMDLINE_MAX 256
#define CMDLINE_MAX_OPTIONS 32

struct cmdline_option {
    const char *name;
    const char *value; /* "" for a bare word */
};

struct cmdline {
    char text[CMDLINE_MAX]; /* the words, NUL-separated after parsing */
    struct cmdline_option options[CMDLINE_MAX_OPTIONS];
    int count;
};

/* Split text into options (later duplicates override earlier ones on lookup). */
void cmdline_parse(struct cmdline *cl, const char *text);
/* The value of option name (the last one given), or NULL when absent. */
const char *cmdline_lookup(const struct cmdline *cl, const char *name);

/* The boot command line. */
void cmdline_init(const char *text);
const char *cmdline_get(const char *name);
/* Print "cmdline: unknown option 'X'" for each option the kernel does not know. */
void cmdline_report_unknown(void);

#endif
