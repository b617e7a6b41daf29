/*
 * strmode.c - the BSD strmode(): a file mode as the ten characters ls -l
 * shows ("drwxr-xr-x"), followed by a space and a NUL, as in BSD (the space
 * is where BSD marks alternate access methods; we have none). The buffer
 * must hold 12 bytes.
 */
#include <string.h>
#include <sys/stat.h>

/* The character for the file type: POSIX ls's letters. */
static char
type_char(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG:
        return '-';
    case S_IFDIR:
        return 'd';
    case S_IFLNK:
        return 'l';
    case S_IFCHR:
        return 'c';
    case S_IFBLK:
        return 'b';
    case S_IFIFO:
        return 'p';
    case S_IFSOCK:
        return 's';
    default:
        return '?';
    }
}

/*
 * One execute position: x when executable, the special letter (s or t) when
 * the special bit is set too, its capital when only the special bit is.
 */
static char
exec_char(mode_t mode, mode_t xbit, mode_t special, char letter)
{
    if (mode & special)
        return (mode & xbit) ? letter : (char)(letter - 'a' + 'A');
    return (mode & xbit) ? 'x' : '-';
}

void
strmode(mode_t mode, char *buf)
{
    buf[0] = type_char(mode);
    buf[1] = (mode & S_IRUSR) ? 'r' : '-';
    buf[2] = (mode & S_IWUSR) ? 'w' : '-';
    buf[3] = exec_char(mode, S_IXUSR, S_ISUID, 's');
    buf[4] = (mode & S_IRGRP) ? 'r' : '-';
    buf[5] = (mode & S_IWGRP) ? 'w' : '-';
    buf[6] = exec_char(mode, S_IXGRP, S_ISGID, 's');
    buf[7] = (mode & S_IROTH) ? 'r' : '-';
    buf[8] = (mode & S_IWOTH) ? 'w' : '-';
    buf[9] = exec_char(mode, S_IXOTH, S_ISVTX, 't');
    buf[10] = ' ';
    buf[11] = '\0';
}
