/*
 * setmode.c - the BSD setmode()/getmode() pair: setmode() compiles a mode
 * operand of chmod(1) (octal "755", or symbolic clauses such as "u+x,go-w",
 * "a=r", "+t", "g+s", "u=rw,g=r", "a+X", "g=u") into a list of commands;
 * getmode() applies them to a mode. chmod, mkdir -m and find -perm share it.
 *
 * The symbolic grammar is POSIX chmod's:
 *     clause [, clause ...]       clause = [ugoa]* (op [rwxXst]* | op [ugo])+
 * Each who letter selects its permission bits and its special bit (u: 04700,
 * g: 02070, o: 01007, a: all). With no who letter, every bit is selected but
 * the r, w and x bits in the umask (read when setmode is called) are left
 * alone, as POSIX says. "+" sets the bits, "-" clears them, "=" clears every
 * selected bit and then sets the given ones. X means x when the file is a
 * directory or already has an x bit; u, g and o copy that class's current
 * r, w and x bits. An octal mode sets all 07777 bits to the number.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define MODE_BITS 07777

/* One compiled operation; a list of them ends with op 0. */
struct mode_cmd {
    char op;        /* '+', '-', '=' */
    char copy;      /* 'u', 'g', 'o' to copy that class, or 0 */
    char x_if_any;  /* X was given */
    char masked;    /* no who letter: the umask's r, w, x bits are kept */
    mode_t who;     /* the bits the clause may touch */
    mode_t value;   /* the bits named by r, w, x, s, t */
};

/* The bits a who letter selects. */
static mode_t
who_bits(char c)
{
    switch (c) {
    case 'u':
        return S_ISUID | S_IRWXU;
    case 'g':
        return S_ISGID | S_IRWXG;
    case 'o':
        return S_ISVTX | S_IRWXO;
    default: /* 'a' */
        return MODE_BITS;
    }
}

/* The bits a permission letter names in every class, or 0 if it is not one. */
static mode_t
perm_bits(char c)
{
    switch (c) {
    case 'r':
        return S_IRUSR | S_IRGRP | S_IROTH;
    case 'w':
        return S_IWUSR | S_IWGRP | S_IWOTH;
    case 'x':
        return S_IXUSR | S_IXGRP | S_IXOTH;
    case 's':
        return S_ISUID | S_ISGID;
    case 't':
        return S_ISVTX;
    default:
        return 0;
    }
}

/* An octal mode: digits only, at most 07777. Returns 0 when s is not one. */
static int
parse_octal(const char *s, mode_t *out)
{
    mode_t v = 0;

    if (*s < '0' || *s > '7')
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '7')
            return -1;
        v = v * 8 + (mode_t)(*s - '0');
        if (v > MODE_BITS)
            return -1;
    }
    *out = v;
    return 1;
}

void *
setmode(const char *mode_str)
{
    size_t n = 2; /* room for the end marker and one command */
    struct mode_cmd *cmds, *c;
    const char *p;
    mode_t mask, octal;
    int r;

    for (p = mode_str; *p; p++)
        if (*p == '+' || *p == '-' || *p == '=')
            n++;
    cmds = calloc(n, sizeof *cmds);
    if (!cmds)
        return NULL;
    r = parse_octal(mode_str, &octal);
    if (r > 0) {
        cmds[0] = (struct mode_cmd){.op = '=', .who = MODE_BITS, .value = octal};
        return cmds;
    }
    if (r < 0)
        goto bad;
    mask = umask(0);
    umask(mask);
    c = cmds;
    p = mode_str;
    for (;;) {
        mode_t who = 0;
        int any_who = 0;

        for (; *p == 'u' || *p == 'g' || *p == 'o' || *p == 'a'; p++) {
            who |= who_bits(*p);
            any_who = 1;
        }
        if (*p != '+' && *p != '-' && *p != '=')
            goto bad;
        while (*p == '+' || *p == '-' || *p == '=') {
            c->op = *p++;
            c->who = any_who ? who : MODE_BITS;
            c->masked = !any_who;
            if (*p == 'u' || *p == 'g' || *p == 'o') {
                c->copy = *p++;
            } else {
                for (; perm_bits(*p) || *p == 'X'; p++) {
                    if (*p == 'X')
                        c->x_if_any = 1;
                    else
                        c->value |= perm_bits(*p);
                }
            }
            c++;
        }
        if (*p == '\0')
            break;
        if (*p++ != ',')
            goto bad;
    }
    /* The end marker carries the umask, which getmode applies. */
    c->who = mask;
    return cmds;

bad:
    free(cmds);
    errno = EINVAL;
    return NULL;
}

mode_t
getmode(const void *set, mode_t mode)
{
    const struct mode_cmd *c;
    mode_t mask, value;

    /* The end marker carries the umask (see setmode). */
    for (c = set; c->op; c++)
        ;
    mask = c->who;
    for (c = set; c->op; c++) {
        value = c->value;
        if (c->copy) {
            mode_t rwx;
            if (c->copy == 'u')
                rwx = (mode & S_IRWXU) >> 6;
            else if (c->copy == 'g')
                rwx = (mode & S_IRWXG) >> 3;
            else
                rwx = mode & S_IRWXO;
            value = rwx << 6 | rwx << 3 | rwx;
        }
        if (c->x_if_any && (S_ISDIR(mode) || (mode & (S_IXUSR | S_IXGRP | S_IXOTH))))
            value |= S_IXUSR | S_IXGRP | S_IXOTH;
        /* Without who letters the umask protects its r, w and x bits. */
        if (c->masked)
            value &= ~mask;
        value &= c->who;
        switch (c->op) {
        case '+':
            mode |= value;
            break;
        case '-':
            mode &= ~value;
            break;
        default:
            mode = (mode & ~c->who) | value;
            break;
        }
    }
    return mode;
}
