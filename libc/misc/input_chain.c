/*
 * input_chain.c - the files named on a command line read as one stream of
 * bytes, as od and hexdump read theirs: offsets and lines run on across the
 * files. A file that cannot be opened or read is reported and skipped.
 * No file at all means standard input.
 */
#include <err.h>
#include <libutil.h>
#include <stdio.h>
#include <string.h>

int
chain_getc(struct input_chain *in)
{
    static char *standard_input[] = {"-"};

    if (in->count == 0) {
        in->names = standard_input;
        in->count = 1;
    }
    for (;;) {
        int c;

        if (!in->current) {
            const char *name;
            if (in->next >= in->count)
                return EOF;
            name = in->names[in->next++];
            in->current = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
            if (!in->current) {
                warn("%s", name);
                in->failed = 1;
                continue;
            }
            in->opened++;
        }
        c = getc(in->current);
        if (c != EOF)
            return c;
        if (ferror(in->current)) {
            warn("%s", in->names[in->next - 1]);
            in->failed = 1;
        }
        if (in->current != stdin)
            fclose(in->current);
        in->current = NULL;
    }
}
