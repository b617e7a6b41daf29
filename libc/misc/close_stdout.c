/*
 * close_stdout.c - the last step of a tool that prints through stdio: what
 * is still buffered is written, and a failure on the way (a full disk, a
 * closed pipe) is reported, so that the tool does not exit 0 with its output
 * lost. The name is GNU's; stdout stays open, exit() has nothing left to do.
 */
#include <err.h>
#include <libutil.h>
#include <stdio.h>

int
close_stdout(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    warn("write error");
    return 1;
}
