/*
 * regerror.c - messages for the regcomp and regexec results, and regfree.
 */
#include <regex.h>
#include <stdlib.h>

#include "regex_impl.h"

static const char *const re_messages[] = {
    [0] = "Success",
    [REG_NOMATCH] = "No match",
    [REG_BADPAT] = "Invalid regular expression",
    [REG_ECOLLATE] = "Invalid collation character",
    [REG_ECTYPE] = "Invalid character class name",
    [REG_EESCAPE] = "Trailing backslash",
    [REG_ESUBREG] = "Invalid back reference",
    [REG_EBRACK] = "Unmatched [, [^, [:, [., or [=",
    [REG_EPAREN] = "Unmatched ( or \\(",
    [REG_EBRACE] = "Unmatched \\{",
    [REG_BADBR] = "Invalid content of \\{\\}",
    [REG_ERANGE] = "Invalid range end",
    [REG_ESPACE] = "Memory exhausted",
    [REG_BADRPT] = "Invalid preceding regular expression",
};

/* Copy the message for errcode into buf (truncated to size); return its full size. */
size_t
regerror(int errcode, const regex_t *restrict re, char *restrict buf, size_t size)
{
    (void)re;
    const char *msg = "Unknown error";
    if (errcode >= 0 && errcode < (int)(sizeof re_messages / sizeof re_messages[0]))
        msg = re_messages[errcode];
    size_t n = 0;
    while (msg[n])
        n++;
    if (size > 0) {
        size_t k = n < size - 1 ? n : size - 1;
        for (size_t i = 0; i < k; i++)
            buf[i] = msg[i];
        buf[k] = '\0';
    }
    return n + 1;
}

void
regfree(regex_t *re)
{
    struct re_prog *prog = re->re_impl;
    if (!prog)
        return;
    free(prog->code);
    free(prog->sets);
    free(prog);
    re->re_impl = NULL;
}
