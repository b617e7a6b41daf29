/*
 * tr.c - translate, delete or squeeze bytes:
 *
 *     tr [-ct] SET1 SET2        translate SET1's bytes to SET2's
 *     tr [-c] -d SET1           delete SET1's bytes
 *     tr [-c] -s SET1 [SET2]    translate (with SET2), then squeeze runs
 *     tr [-c] -d -s SET1 SET2   delete SET1's bytes, then squeeze SET2's
 *
 * A set is a string of bytes with backslash escapes (\\ \a \b \f \n \r \t \v
 * and \NNN in octal), ranges "a-z", classes "[:alpha:]" (alnum alpha blank
 * cntrl digit graph lower print punct space upper xdigit), equivalence
 * classes "[=c=]" and, in SET2, repeats "[c*N]" (N octal with a leading 0)
 * and "[c*]" (as many as SET1 needs). -c uses the complement of SET1 in
 * ascending order. When translating, a SET2 shorter than SET1 is padded with
 * its last byte, unless -t truncates SET1 instead; the only classes SET2 may
 * use then are [:upper:] and [:lower:] (for case conversion). Squeezing
 * replaces a run of one repeated byte of the squeeze set with one of it.
 *
 * Each set is expanded once into a list of bytes; the work on the input is
 * then a lookup per byte in a 256-entry table.
 */
#include <ctype.h>
#include <err.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TR_BUF_SIZE 65536

/* An expanded set: the bytes in order, and where a "[c*]" fill goes. */
struct set {
    unsigned char *bytes;
    size_t len, cap;
    long fill_at;      /* index of the [c*] fill, or -1 */
    unsigned char fill; /* its byte */
    int has_class;      /* a class other than upper/lower appeared */
    size_t case_at[8];  /* where [:upper:] and [:lower:] start (the first 8) */
    int ncase;
};

static const struct {
    const char *name;
    int (*test)(int);
} classes[] = {
    { "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
    { "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
    { "lower", islower }, { "print", isprint }, { "punct", ispunct },
    { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

static void usage(void)
{
    fprintf(stderr, "usage: tr [-cdst] SET1 [SET2]\n");
    exit(1);
}

static void set_add(struct set *s, int c)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->bytes = realloc(s->bytes, s->cap);
        if (!s->bytes)
            err(1, "out of memory");
    }
    s->bytes[s->len++] = (unsigned char)c;
}

/*
 * Read one byte of the set at *p, interpreting a backslash escape; *p moves
 * past it.
 */
static int next_char(const char **p)
{
    const char *s = *p;
    int c = (unsigned char)*s++;

    if (c == '\\' && !*s)
        warnx("warning: an unescaped backslash at end of string is not portable");
    if (c == '\\' && *s) {
        c = (unsigned char)*s++;
        switch (c) {
        case 'a': c = '\a'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'v': c = '\v'; break;
        default:
            if (c >= '0' && c <= '7') {
                c -= '0';
                for (int n = 1; n < 3 && *s >= '0' && *s <= '7'; n++) {
                    int v = c * 8 + (*s - '0');
                    if (v > 255)
                        break;
                    c = v;
                    s++;
                }
            }
            break;
        }
    }
    *p = s;
    return c;
}

/* Try "[:name:]" at p; returns its length, or 0 when p does not start one. */
static size_t parse_class(const char *p, struct set *set, int in_set2)
{
    for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
        size_t n = strlen(classes[i].name);
        if (strncmp(p, "[:", 2) == 0 && strncmp(p + 2, classes[i].name, n) == 0 &&
            strncmp(p + 2 + n, ":]", 2) == 0) {
            int upper_lower = classes[i].test == isupper || classes[i].test == islower;
            if (in_set2 && !upper_lower)
                set->has_class = 1;
            if (upper_lower && set->ncase < 8)
                set->case_at[set->ncase++] = set->len;
            for (int c = 0; c < 256; c++)
                if (classes[i].test(c))
                    set_add(set, c);
            return n + 4;
        }
    }
    if (strncmp(p, "[:", 2) == 0) {
        const char *end = strstr(p + 2, ":]");
        if (end)
            errx(1, "invalid character class '%.*s'", (int)(end - p - 2), p + 2);
    }
    return 0;
}

/* Try "[c*N]" or "[c*]" at p (SET2 only); returns its length, or 0. */
static size_t parse_repeat(const char *p, struct set *set, int in_set2)
{
    const char *q = p + 1;
    char *end;
    unsigned long count;
    int c;

    if (*p != '[' || q[0] == '\0')
        return 0;
    c = next_char(&q);
    if (*q != '*')
        return 0;
    q++;
    count = strtoul(q, &end, *q == '0' ? 8 : 10);
    if (*end != ']')
        return 0;
    if (count == 0 && !in_set2)
        errx(1, "the [c*] repeat construct may not appear in string1");
    if (count == 0) {
        if (set->fill_at >= 0)
            errx(1, "only one [c*] repeat construct may appear in string2");
        set->fill_at = (long)set->len;
        set->fill = (unsigned char)c;
    } else {
        while (count-- > 0)
            set_add(set, c);
    }
    return (size_t)(end + 1 - p);
}

static void parse_set(const char *p, struct set *set, int in_set2)
{
    memset(set, 0, sizeof(*set));
    set->fill_at = -1;
    while (*p) {
        size_t n;
        int c, last;

        if ((n = parse_class(p, set, in_set2)) > 0 || (n = parse_repeat(p, set, in_set2)) > 0) {
            p += n;
            continue;
        }
        if (p[0] == '[' && p[1] == '=' && p[2] && strncmp(p + 3, "=]", 2) == 0) {
            set_add(set, (unsigned char)p[2]);
            p += 5;
            continue;
        }
        c = next_char(&p);
        if (p[0] == '-' && p[1]) {
            p++;
            last = next_char(&p);
            if (last < c)
                errx(1, "range-endpoints of '%c-%c' are in reverse collating sequence order",
                     c, last);
            for (; c <= last; c++)
                set_add(set, c);
            continue;
        }
        set_add(set, c);
    }
}

/* Replace the set with the bytes not in it, in ascending order. */
static void complement(struct set *set)
{
    unsigned char in[256] = { 0 };
    struct set result;

    for (size_t i = 0; i < set->len; i++)
        in[set->bytes[i]] = 1;
    memset(&result, 0, sizeof(result));
    result.fill_at = -1;
    for (int c = 0; c < 256; c++)
        if (!in[c])
            set_add(&result, c);
    free(set->bytes);
    *set = result;
}

int main(int argc, char **argv)
{
    static unsigned char buf[TR_BUF_SIZE];
    int opt_complement = 0, opt_delete = 0, opt_squeeze = 0, opt_truncate = 0, c;
    unsigned char map[256], delete[256] = { 0 }, squeeze[256] = { 0 };
    struct set set1, set2;
    int nsets, translate, last_out = -1;
    ssize_t n;

    while ((c = getopt(argc, argv, "+cCdst")) != -1) {
        switch (c) {
        case 'c':
        case 'C': opt_complement = 1; break;
        case 'd': opt_delete = 1; break;
        case 's': opt_squeeze = 1; break;
        case 't': opt_truncate = 1; break;
        default: usage();
        }
    }
    nsets = argc - optind;
    translate = !opt_delete && nsets >= 2;
    if (nsets == 0) {
        warnx("missing operand");
        usage();
    }
    if (nsets == 1 && !opt_delete && !opt_squeeze) {
        warnx("missing operand after '%s'", argv[optind]);
        usage();
    }
    if (nsets == 1 && opt_delete && opt_squeeze) {
        warnx("missing operand after '%s'", argv[optind]);
        usage();
    }
    if (nsets > 2 || (nsets == 2 && opt_delete && !opt_squeeze)) {
        warnx("extra operand '%s'", argv[optind + (nsets > 2 ? 2 : 1)]);
        usage();
    }

    parse_set(argv[optind], &set1, 0);
    if (opt_complement)
        complement(&set1);
    if (nsets == 2)
        parse_set(argv[optind + 1], &set2, translate);

    for (c = 0; c < 256; c++)
        map[c] = (unsigned char)c;
    if (translate) {
        size_t fixed = set2.len;
        if (set2.has_class)
            errx(1, "when translating, the only character classes that may appear in string2 "
                    "are 'upper' and 'lower'");
        /* A case class in SET2 must face one in SET1, so that the letters pair up. */
        for (int i = 0; i < set2.ncase; i++) {
            int aligned = 0;
            for (int k = 0; k < set1.ncase; k++)
                aligned |= set1.case_at[k] == set2.case_at[i];
            if (!aligned || opt_complement)
                errx(1, "misaligned [:upper:] and/or [:lower:] construct");
        }
        if (set2.fill_at >= 0) {
            /* The fill takes whatever length SET2 lacks to match SET1. */
            size_t need = set1.len > fixed ? set1.len - fixed : 0;
            struct set filled = set2;
            filled.bytes = NULL;
            filled.len = filled.cap = 0;
            for (size_t i = 0; i < fixed + 1; i++) {
                if ((long)i == set2.fill_at)
                    for (size_t k = 0; k < need; k++)
                        set_add(&filled, set2.fill);
                if (i < fixed)
                    set_add(&filled, set2.bytes[i]);
            }
            free(set2.bytes);
            set2 = filled;
        }
        if (opt_truncate && set1.len > set2.len)
            set1.len = set2.len;
        if (set2.len == 0 && set1.len > 0)
            errx(1, "when not truncating set1, string2 must be non-empty");
        for (size_t i = 0; i < set1.len; i++)
            map[set1.bytes[i]] = set2.bytes[i < set2.len ? i : set2.len - 1];
    }
    if (opt_delete)
        for (size_t i = 0; i < set1.len; i++)
            delete[set1.bytes[i]] = 1;
    if (opt_squeeze) {
        struct set *sq = nsets == 2 ? &set2 : &set1;
        for (size_t i = 0; i < sq->len; i++)
            squeeze[sq->bytes[i]] = 1;
    }

    while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0) {
        size_t out = 0;
        for (ssize_t i = 0; i < n; i++) {
            int ch = buf[i];
            if (delete[ch])
                continue;
            ch = map[ch];
            if (squeeze[ch] && ch == last_out)
                continue;
            last_out = ch;
            buf[out++] = (unsigned char)ch;
        }
        if (write_all(STDOUT_FILENO, buf, out) < 0)
            err(1, "write error");
    }
    if (n < 0)
        err(1, "read error");
    return 0;
}
