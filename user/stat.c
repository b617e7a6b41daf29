/*
 * stat.c - show file status (GNU stat: the multi-line default, -c FORMAT,
 * --printf FORMAT, -L).
 *
 * Every output goes through one formatter: the default layout is itself a
 * format string in GNU's conversions. A directive is %[flags][width][.prec]
 * and a letter; its value is made as a string (or a number, for the 0 flag)
 * and then padded. -c adds a newline after each file; --printf does not, and
 * reads backslash escapes.
 */
#include <err.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_TOP "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
#define DEFAULT_DEV "Device: %Hd,%Ld\tInode: %-11i Links: %h\n"
#define DEFAULT_DEV_SPECIAL "Device: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n"
#define DEFAULT_REST                                                                        \
    "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"                             \
    "Access: %x\nModify: %y\nChange: %z\n Birth: %w\n"

/* The conversions whose values are numbers, which the 0 flag pads with zeros. */
#define NUMERIC "sbBohiugdDafrtTXYZW"

static int quote_names; /* %N quotes, except in the default layout */

static const char *
type_name(mode_t m, unsigned long long size)
{
    switch (m & S_IFMT) {
    case S_IFREG:
        return size ? "regular file" : "regular empty file";
    case S_IFDIR:
        return "directory";
    case S_IFLNK:
        return "symbolic link";
    case S_IFCHR:
        return "character special file";
    case S_IFBLK:
        return "block special file";
    case S_IFIFO:
        return "fifo";
    case S_IFSOCK:
        return "socket";
    default:
        return "weird file";
    }
}

/* "2026-11-25 10:11:13.232019231 +0000" */
static void
human_time(time_t t, long nsec, char *buf, size_t len)
{
    struct tm tm;
    char date[32], zone[8];

    if (!localtime_r(&t, &tm)) {
        snprintf(buf, len, "%lld", (long long)t);
        return;
    }
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    strftime(zone, sizeof zone, "%z", &tm);
    snprintf(buf, len, "%s.%09d %s", date, (int)nsec, zone);
}

/* %N: the name, and the target of a link. */
static void
quoted_name(const char *path, const struct stat *st, char *buf, size_t len)
{
    char target[1024];
    ssize_t n = S_ISLNK(st->st_mode) ? readlink(path, target, sizeof target - 1) : -1;
    const char *q = quote_names ? "'" : "";

    if (n >= 0) {
        target[n] = '\0';
        snprintf(buf, len, "%s%s%s -> %s%s%s", q, path, q, q, target, q);
    } else {
        snprintf(buf, len, "%s%s%s", q, path, q);
    }
}

/*
 * The value of conversion c (with the H or L prefix in sel: major or minor)
 * as a string in buf; -1 when c is not a conversion.
 */
static int
convert(char c, char sel, const char *path, const struct stat *st, char *buf, size_t len)
{
    struct passwd *pw;
    struct group *gr;
    char mode[12];

    switch (c) {
    case 'n': snprintf(buf, len, "%s", path); break;
    case 'N': quoted_name(path, st, buf, len); break;
    case 's': snprintf(buf, len, "%llu", (unsigned long long)st->st_size); break;
    case 'b': snprintf(buf, len, "%llu", (unsigned long long)st->st_blocks); break;
    case 'B': snprintf(buf, len, "512"); break;
    case 'o': snprintf(buf, len, "%u", (unsigned)st->st_blksize); break;
    case 'a': snprintf(buf, len, "%o", (unsigned)(st->st_mode & 07777)); break;
    case 'A':
        strmode(st->st_mode, mode);
        mode[10] = '\0';
        snprintf(buf, len, "%s", mode);
        break;
    case 'f': snprintf(buf, len, "%x", (unsigned)st->st_mode); break;
    case 'F': snprintf(buf, len, "%s", type_name(st->st_mode, st->st_size)); break;
    case 'u': snprintf(buf, len, "%u", (unsigned)st->st_uid); break;
    case 'g': snprintf(buf, len, "%u", (unsigned)st->st_gid); break;
    case 'U':
        pw = getpwuid(st->st_uid);
        snprintf(buf, len, "%s", pw ? pw->pw_name : "UNKNOWN");
        break;
    case 'G':
        gr = getgrgid(st->st_gid);
        snprintf(buf, len, "%s", gr ? gr->gr_name : "UNKNOWN");
        break;
    case 'h': snprintf(buf, len, "%u", (unsigned)st->st_nlink); break;
    case 'i': snprintf(buf, len, "%u", (unsigned)st->st_ino); break;
    case 'd':
        if (sel)
            snprintf(buf, len, "%u", sel == 'H' ? major(st->st_dev) : minor(st->st_dev));
        else
            snprintf(buf, len, "%u", (unsigned)st->st_dev);
        break;
    case 'D': snprintf(buf, len, "%x", (unsigned)st->st_dev); break;
    case 'r':
        if (sel)
            snprintf(buf, len, "%u", sel == 'H' ? major(st->st_rdev) : minor(st->st_rdev));
        else
            snprintf(buf, len, "%u", (unsigned)st->st_rdev);
        break;
    case 't': snprintf(buf, len, "%x", major(st->st_rdev)); break;
    case 'T': snprintf(buf, len, "%x", minor(st->st_rdev)); break;
    case 'x': human_time(st->st_atim.tv_sec, st->st_atim.tv_nsec, buf, len); break;
    case 'y': human_time(st->st_mtim.tv_sec, st->st_mtim.tv_nsec, buf, len); break;
    case 'z': human_time(st->st_ctim.tv_sec, st->st_ctim.tv_nsec, buf, len); break;
    case 'w': snprintf(buf, len, "-"); break; /* no birth times are kept */
    case 'W': snprintf(buf, len, "0"); break;
    case 'X': snprintf(buf, len, "%lld", (long long)st->st_atim.tv_sec); break;
    case 'Y': snprintf(buf, len, "%lld", (long long)st->st_mtim.tv_sec); break;
    case 'Z': snprintf(buf, len, "%lld", (long long)st->st_ctim.tv_sec); break;
    default: return -1;
    }
    return 0;
}

/* A backslash escape of --printf at *p (after the backslash); advances *p. */
static void
put_escape(const char **p)
{
    char c = *(*p)++;
    int v = 0, n = 0;

    switch (c) {
    case 'n': putchar('\n'); return;
    case 't': putchar('\t'); return;
    case 'r': putchar('\r'); return;
    case 'a': putchar('\a'); return;
    case 'b': putchar('\b'); return;
    case 'f': putchar('\f'); return;
    case 'v': putchar('\v'); return;
    case '\\': putchar('\\'); return;
    case '"': putchar('"'); return;
    case '\0': putchar('\\'); (*p)--; return;
    }
    if (c >= '0' && c <= '7') {
        (*p)--;
        while (n < 3 && **p >= '0' && **p <= '7') {
            v = v * 8 + (*(*p)++ - '0');
            n++;
        }
        putchar(v);
        return;
    }
    putchar('\\');
    putchar(c);
}

static void
print_format(const char *fmt, const char *path, const struct stat *st, int escapes)
{
    char value[4200];

    for (const char *p = fmt; *p; ) {
        const char *flags;
        char sel = 0;
        int left, zero, width, prec = -1, len;

        if (*p == '\\' && escapes) {
            p++;
            put_escape(&p);
            continue;
        }
        if (*p != '%') {
            putchar(*p++);
            continue;
        }
        p++;
        if (*p == '%') {
            putchar('%');
            p++;
            continue;
        }
        flags = p;
        p += strspn(p, "-#0 +'");
        left = memchr(flags, '-', (size_t)(p - flags)) != NULL;
        zero = memchr(flags, '0', (size_t)(p - flags)) != NULL;
        width = (int)strtol(p, NULL, 10);
        p += strspn(p, "0123456789");
        if (*p == '.') {
            prec = (int)strtol(++p, NULL, 10);
            p += strspn(p, "0123456789");
        }
        if ((*p == 'H' || *p == 'L') && (p[1] == 'd' || p[1] == 'r'))
            sel = *p++;
        if (*p == '\0') {
            putchar('%'); /* a lone % at the end */
            continue;
        }
        if (convert(*p, sel, path, st, value, sizeof value) < 0) {
            /* Not a conversion: GNU prints a question mark. */
            putchar('?');
            p += *p != '\0';
            continue;
        }
        /* The flags, width and precision of the directive, applied to the value. */
        len = (int)strlen(value);
        if (prec >= 0 && prec < len && !strchr(NUMERIC, *p))
            len = prec;
        if (!left)
            for (int i = len; i < width; i++)
                putchar(zero && strchr(NUMERIC, *p) ? '0' : ' ');
        fwrite(value, 1, (size_t)len, stdout);
        if (left)
            for (int i = len; i < width; i++)
                putchar(' ');
        p++;
    }
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'c'},
        {"printf", required_argument, NULL, 'p'},
        {"dereference", no_argument, NULL, 'L'},
        {NULL, 0, NULL, 0},
    };
    const char *format = NULL;
    int follow = 0, printf_mode = 0, status = 0, c;

    while ((c = getopt_long(argc, argv, "c:L", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': format = optarg; printf_mode = 0; break;
        case 'p': format = optarg; printf_mode = 1; break;
        case 'L': follow = 1; break;
        default:
            fprintf(stderr, "usage: stat [-L] [-c FORMAT | --printf FORMAT] FILE...\n");
            return 1;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "stat: missing operand\n");
        return 1;
    }
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) < 0) {
            warn("cannot stat '%s'", argv[i]);
            status = 1;
            continue;
        }
        if (format) {
            quote_names = 1;
            print_format(format, argv[i], &st, printf_mode);
            if (!printf_mode)
                putchar('\n');
            continue;
        }
        print_format(DEFAULT_TOP, argv[i], &st, 0);
        print_format(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? DEFAULT_DEV_SPECIAL
                                                                : DEFAULT_DEV,
                     argv[i], &st, 0);
        print_format(DEFAULT_REST, argv[i], &st, 0);
    }
    return status;
}
