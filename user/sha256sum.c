/*
 * sha256sum.c - print or check SHA-256 checksums:
 *
 *     sha256sum [-b | -t] [--tag] [FILE...]
 *     sha256sum -c [--ignore-missing] [--quiet] [--status] [--strict] [-w] [FILE...]
 *
 * Without -c each FILE ("-" or none: standard input) gets a line "HASH  NAME"
 * ("HASH *NAME" with -b, "SHA256 (NAME) = HASH" with --tag). A name holding
 * a backslash or a newline is written escaped (\\ and \n) after a leading
 * backslash, so that the line can be read back.
 *
 * With -c the FILEs are lists in either format; every file named there is
 * hashed and reported "NAME: OK", "NAME: FAILED", or "NAME: FAILED open or
 * read". Warnings count the mismatches, unreadable files and malformed lines
 * at the end. The exit status is 1 when anything failed or a list had no
 * well-formed line (or, with --strict, a malformed one), 0 otherwise.
 * --quiet leaves out the OK lines, --status prints nothing, -w warns about
 * each malformed line, --ignore-missing skips files that do not exist.
 *
 * The hashing is libcrypto's (lib/crypto/sha256.c).
 */
#include <crypto/sha256.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HASH_HEX_LEN (2 * SHA256_DIGEST_SIZE)

enum { OPT_TAG = 256, OPT_QUIET, OPT_STATUS, OPT_STRICT, OPT_IGNORE_MISSING };

static int opt_quiet, opt_status, opt_strict, opt_warn, opt_ignore_missing;

static void usage(void)
{
    fprintf(stderr, "usage: sha256sum [-bctw] [--tag] [--quiet] [--status] [--strict] "
                    "[FILE...]\n");
    exit(1);
}

/*
 * Hash the file name ("-" is standard input) into hex (HASH_HEX_LEN + 1
 * bytes). Returns 0, or -1 with errno set.
 */
static int hash_file(const char *name, char *hex)
{
    static unsigned char buf[65536];
    uint8_t digest[SHA256_DIGEST_SIZE];
    struct sha256_ctx ctx;
    int fd = STDIN_FILENO, saved;
    ssize_t n;

    if (strcmp(name, "-") != 0 && (fd = open(name, O_RDONLY)) < 0)
        return -1;
    sha256_init(&ctx);
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        sha256_update(&ctx, buf, (size_t)n);
    saved = errno;
    if (fd != STDIN_FILENO)
        close(fd);
    if (n < 0) {
        errno = saved;
        return -1;
    }
    sha256_final(&ctx, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        sprintf(hex + 2 * i, "%02x", digest[i]);
    return 0;
}

/* Print name, escaping backslashes and newlines when escape is set. */
static void print_name(const char *name, int escape)
{
    for (; *name; name++) {
        if (escape && *name == '\\')
            fputs("\\\\", stdout);
        else if (escape && *name == '\n')
            fputs("\\n", stdout);
        else
            putchar(*name);
    }
}

static int is_hex_hash(const char *s)
{
    for (int i = 0; i < HASH_HEX_LEN; i++)
        if (!strchr("0123456789abcdefABCDEF", s[i]) || s[i] == '\0')
            return 0;
    return 1;
}

/* Undo the escapes of a line that began with a backslash; returns 0, or -1 if malformed. */
static int unescape(char *s)
{
    char *out = s;

    for (; *s; s++) {
        if (*s != '\\') {
            *out++ = *s;
            continue;
        }
        s++;
        if (*s == '\\')
            *out++ = '\\';
        else if (*s == 'n')
            *out++ = '\n';
        else
            return -1;
    }
    *out = '\0';
    return 0;
}

/*
 * Split a checksum line (without its newline) into *hash and *name, in the
 * "HASH  NAME", "HASH *NAME" or "SHA256 (NAME) = HASH" form. Returns 0, or
 * -1 when the line is malformed.
 */
static int parse_line(char *line, char **hash, char **name)
{
    int escaped = line[0] == '\\';
    size_t len;

    if (escaped)
        line++;
    if (strncmp(line, "SHA256 (", 8) == 0) {
        char *end = strstr(line, ") = ");
        char *last;
        /* The name may hold ") = " itself: take the last one. */
        while (end && (last = strstr(end + 1, ") = ")))
            end = last;
        if (!end || strlen(end + 4) != HASH_HEX_LEN || !is_hex_hash(end + 4))
            return -1;
        *end = '\0';
        *name = line + 8;
        *hash = end + 4;
    } else {
        len = strlen(line);
        if (len < HASH_HEX_LEN + 2 || !is_hex_hash(line) || line[HASH_HEX_LEN] != ' ' ||
            (line[HASH_HEX_LEN + 1] != ' ' && line[HASH_HEX_LEN + 1] != '*'))
            return -1;
        line[HASH_HEX_LEN] = '\0';
        *hash = line;
        *name = line + HASH_HEX_LEN + 2;
    }
    if (**name == '\0' || (escaped && unescape(*name) < 0))
        return -1;
    return 0;
}

/* Check every line of the list file; returns 0 when all is well, 1 otherwise. */
static int check_list(const char *list_name)
{
    const char *shown = strcmp(list_name, "-") == 0 ? "standard input" : list_name;
    FILE *f = strcmp(list_name, "-") == 0 ? stdin : fopen(list_name, "r");
    unsigned long line_no = 0, malformed = 0, mismatched = 0, unreadable = 0, good = 0;
    char *line = NULL, hex[HASH_HEX_LEN + 1];
    size_t cap = 0;
    ssize_t len;

    if (!f) {
        warn("%s", list_name);
        return 1;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *hash, *name;

        line_no++;
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (parse_line(line, &hash, &name) < 0) {
            malformed++;
            if (opt_warn)
                warnx("%s: %lu: improperly formatted SHA256 checksum line", shown, line_no);
            continue;
        }
        good++;
        if (hash_file(name, hex) < 0) {
            if (errno == ENOENT && opt_ignore_missing)
                continue;
            if (!opt_status) {
                warn("%s", name);
                printf("%s: FAILED open or read\n", name);
            }
            unreadable++;
            continue;
        }
        for (char *p = hash; *p; p++)
            if (*p >= 'A' && *p <= 'F')
                *p = (char)(*p - 'A' + 'a');
        if (strcmp(hash, hex) != 0) {
            mismatched++;
            if (!opt_status)
                printf("%s: FAILED\n", name);
        } else if (!opt_quiet && !opt_status) {
            printf("%s: OK\n", name);
        }
    }
    if (ferror(f))
        warn("%s", list_name);
    free(line);
    if (f != stdin)
        fclose(f);
    if (good == 0) {
        if (!opt_status)
            warnx("%s: no properly formatted checksum lines found", shown);
        return 1;
    }
    if (!opt_status) {
        fflush(stdout);
        if (malformed)
            warnx("WARNING: %lu line%s improperly formatted", malformed,
                  malformed == 1 ? " is" : "s are");
        if (unreadable)
            warnx("WARNING: %lu listed file%s could not be read", unreadable,
                  unreadable == 1 ? "" : "s");
        if (mismatched)
            warnx("WARNING: %lu computed checksum%s did NOT match", mismatched,
                  mismatched == 1 ? "" : "s");
    }
    return mismatched || unreadable || (opt_strict && malformed);
}

int main(int argc, char **argv)
{
    static const struct option long_options[] = {
        { "binary", no_argument, NULL, 'b' },
        { "check", no_argument, NULL, 'c' },
        { "text", no_argument, NULL, 't' },
        { "warn", no_argument, NULL, 'w' },
        { "tag", no_argument, NULL, OPT_TAG },
        { "quiet", no_argument, NULL, OPT_QUIET },
        { "status", no_argument, NULL, OPT_STATUS },
        { "strict", no_argument, NULL, OPT_STRICT },
        { "ignore-missing", no_argument, NULL, OPT_IGNORE_MISSING },
        { NULL, 0, NULL, 0 },
    };
    int check = 0, binary = 0, tag = 0, status = 0, c;

    while ((c = getopt_long(argc, argv, "bctwz", long_options, NULL)) != -1) {
        switch (c) {
        case 'b': binary = 1; break;
        case 't': binary = 0; break;
        case 'c': check = 1; break;
        case 'w': opt_warn = 1; break;
        case OPT_TAG: tag = 1; break;
        case OPT_QUIET: opt_quiet = 1; break;
        case OPT_STATUS: opt_status = 1; break;
        case OPT_STRICT: opt_strict = 1; break;
        case OPT_IGNORE_MISSING: opt_ignore_missing = 1; break;
        default: usage();
        }
    }
    if (!check && (opt_quiet || opt_status || opt_strict || opt_warn || opt_ignore_missing)) {
        warnx("the --quiet, --status, --strict, --warn and --ignore-missing options are "
              "meaningful only when verifying checksums");
        usage();
    }
    if (check && tag) {
        warnx("the --tag option is meaningless when verifying checksums");
        usage();
    }
    if (optind == argc)
        argv[--optind] = "-";
    for (int i = optind; i < argc; i++) {
        char hex[HASH_HEX_LEN + 1];
        int escape;

        if (check) {
            status |= check_list(argv[i]);
            continue;
        }
        if (hash_file(argv[i], hex) < 0) {
            warn("%s", argv[i]);
            status = 1;
            continue;
        }
        escape = strpbrk(argv[i], "\\\n") != NULL;
        if (tag) {
            fputs(escape ? "\\SHA256 (" : "SHA256 (", stdout);
            print_name(argv[i], escape);
            printf(") = %s\n", hex);
            continue;
        }
        printf("%s%s %c", escape ? "\\" : "", hex, binary ? '*' : ' ');
        print_name(argv[i], escape);
        putchar('\n');
    }
    return status;
}
