/*
 * cmdline.c - see cmdline.h.
 */
#include <cmdline.h>
#include <lib/kprintf.h>
#include <string.h>

static struct cmdline boot_cmdline;

/* The options some part of the kernel reads; keep in step with cmdline.h. */
static const char *const known_options[] = {"ktest", "console", "panic", "root", "ata", "init",
                                             "selftest", "smp"};

void cmdline_parse(struct cmdline *cl, const char *text)
{
    char *p = cl->text;

    strlcpy(cl->text, text, sizeof cl->text);
    cl->count = 0;
    for (;;) {
        char *eq;
        while (*p == ' ' || *p == '\t' || *p == '\n')
            *p++ = '\0';
        if (!*p || cl->count == CMDLINE_MAX_OPTIONS)
            break;
        cl->options[cl->count].name = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        if (*p)
            *p++ = '\0';
        eq = strchr(cl->options[cl->count].name, '=');
        if (eq) {
            *eq = '\0';
            cl->options[cl->count].value = eq + 1;
        } else {
            cl->options[cl->count].value = "";
        }
        cl->count++;
    }
}

const char *cmdline_lookup(const struct cmdline *cl, const char *name)
{
    for (int i = cl->count - 1; i >= 0; i--)
        if (strcmp(cl->options[i].name, name) == 0)
            return cl->options[i].value;
    return NULL;
}

void cmdline_init(const char *text)
{
    cmdline_parse(&boot_cmdline, text);
}

const char *cmdline_get(const char *name)
{
    return cmdline_lookup(&boot_cmdline, name);
}

void cmdline_report_unknown(void)
{
    for (int i = 0; i < boot_cmdline.count; i++) {
        const struct cmdline_option *o = &boot_cmdline.options[i];
        bool known = false;
        for (size_t k = 0; k < sizeof known_options / sizeof known_options[0]; k++)
            known |= strcmp(o->name, known_options[k]) == 0;
        if (!known)
            kprintf("cmdline: unknown option '%s%s%s'\n", o->name, *o->value ? "=" : "",
                    o->value);
    }
}
