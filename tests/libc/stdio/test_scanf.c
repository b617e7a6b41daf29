/*
 * test_scanf.c - libc's sscanf (libc/stdio/scan_format.c, compiled with
 * libc_ names) against the host C library's on generated formats and
 * inputs: the same return value and the same bytes in every output object.
 *
 * A format is a random mix of literal text, white space, %% and
 * conversions (every conversion but the wide ones, with random widths,
 * length modifiers and assignment suppression); the input is built to
 * follow the format, with numbers of every shape (signs, prefixes, leading
 * zeros, overflow, hexadecimal floats, inf and nan, partial forms such as
 * "1e+" or "0x"), and is then sometimes corrupted or cut short, so that
 * matching and input failures happen at every point. Each output object is
 * filled with a marker first, so a stray or missing store shows. The seed is
 * printed; LIBC_SCANF_SEED replaces it.
 *
 * %Lf is checked on its own: libc converts it through double (see
 * docs/userspace.md), so only values that are doubles are compared.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hostutil.h"

int libc_sscanf(const char *s, const char *format, ...);
int libc_test_getc(void *f);
int libc_errno; /* strtod's errno (tests/libc/stdlib/rename_strtod.h) */
int libc_test_ungetc(int c, void *f);

/* The engine's stream input is never used here. */
int libc_test_getc(void *f)
{
    (void)f;
    abort();
}

int libc_test_ungetc(int c, void *f)
{
    (void)c;
    (void)f;
    abort();
}

#define SLOTS 8
#define SLOT_SIZE 72

static uint64_t rng;

static unsigned int pick(unsigned int n)
{
    return (unsigned int)(host_xorshift64(&rng) % n);
}

struct gen {
    char fmt[512];
    size_t flen;
    char in[2048];
    size_t ilen;
    int slots; /* output objects the format stores into */
};

static void fmt_add(struct gen *g, const char *s)
{
    g->flen += (size_t)snprintf(g->fmt + g->flen, sizeof g->fmt - g->flen, "%s", s);
}

static void in_add(struct gen *g, const char *s)
{
    g->ilen += (size_t)snprintf(g->in + g->ilen, sizeof g->in - g->ilen, "%s", s);
}

static void in_space(struct gen *g)
{
    static const char *spaces[] = {"", "", " ", "  ", "\t", "\n ", " \v\f\r"};
    in_add(g, spaces[pick(7)]);
}

static void digits(struct gen *g, const char *set, int n)
{
    char buf[64];
    size_t len = strlen(set);

    for (int i = 0; i < n; i++)
        buf[i] = set[pick((unsigned int)len)];
    buf[n] = '\0';
    in_add(g, buf);
}

static void gen_integer(struct gen *g, char conv)
{
    static const char *signs[] = {"", "", "", "-", "+"};
    static const char *hex = "0123456789abcdefABCDEF";

    in_add(g, signs[pick(5)]);
    switch (pick(8)) {
    case 0: in_add(g, pick(2) ? "0x" : "0X"); digits(g, hex, (int)pick(18)); break;
    case 1: in_add(g, "0"); digits(g, "01234567", (int)pick(12)); break;
    case 2: digits(g, "0123456789", 15 + (int)pick(10)); break; /* overflow */
    case 3: in_add(g, pick(2) ? "4294967295" : "2147483648"); break;
    case 4: in_add(g, pick(2) ? "9223372036854775807" : "18446744073709551615"); break;
    case 5: in_add(g, conv == 'x' || conv == 'X' || conv == 'p' ? "dead" : "x1"); break;
    default: digits(g, "0123456789", 1 + (int)pick(6)); break;
    }
    if (pick(4) == 0)
        digits(g, "0123456789abxX-+. ", 1 + (int)pick(3));
}

static void gen_float(struct gen *g)
{
    static const char *signs[] = {"", "", "-", "+"};
    static const char *words[] = {"inf", "INF", "infinity", "Infinity", "infin", "nan", "NaN",
                                  "nan(123)", "nan(abc_9)", "nan(", "nan(x y)", "in", "na",
                                  "1e", "1e+", "1e-", ".", "0x", "0x.p1", "0x1p", "0x1.8p-3",
                                  "0X1AP+4", "e5", ".e5", "1.2.3", "100ergs", "0x1g"};

    in_add(g, signs[pick(4)]);
    switch (pick(6)) {
    case 0: in_add(g, words[pick(sizeof words / sizeof words[0])]); break;
    case 1:
        digits(g, "0123456789", 1 + (int)pick(25));
        in_add(g, ".");
        digits(g, "0123456789", (int)pick(25));
        in_add(g, pick(2) ? "e" : "E");
        in_add(g, signs[pick(4)]);
        digits(g, "0123456789", 1 + (int)pick(3));
        break;
    case 2:
        in_add(g, "0x");
        digits(g, "0123456789abcdef", 1 + (int)pick(16));
        if (pick(2)) {
            in_add(g, ".");
            digits(g, "0123456789abcdef", (int)pick(6));
        }
        in_add(g, "p");
        in_add(g, signs[pick(4)]);
        digits(g, "0123456789", 1 + (int)pick(4));
        break;
    case 3: in_add(g, "."); digits(g, "0123456789", 1 + (int)pick(8)); break;
    default:
        digits(g, "0123456789", 1 + (int)pick(8));
        if (pick(2)) {
            in_add(g, ".");
            digits(g, "0123456789", (int)pick(8));
        }
        break;
    }
}

static void gen_word(struct gen *g, const char *set)
{
    digits(g, set, (int)pick(40));
}

/* Append one random directive to the format and matching (or not) text to the input. */
static void gen_directive(struct gen *g)
{
    static const char *int_mods[] = {"", "", "", "hh", "h", "l", "ll", "j", "z", "t", "L", "q"};
    static const char *int_convs = "diouxXp";
    static const char *float_convs = "aAeEfFgG";
    static const char *sets[] = {"abc", "^abc", "a-z", "^ \t", "]a", "^]", "0-9x", "-a",
                                 "a-", "z-a", "^-0-9", "[:"};
    static const char *literals[] = {"a", "x", ":", ",", "-", "=", "(", "0", "."};
    char spec[64];
    int suppress = pick(6) == 0;
    unsigned int width = pick(3) == 0 ? 1 + pick(20) : 0;
    char wbuf[16] = "";
    unsigned int kind = pick(12);

    if (width)
        snprintf(wbuf, sizeof wbuf, "%u", width);
    if (kind == 0) {
        const char *lit = literals[pick(sizeof literals / sizeof literals[0])];
        fmt_add(g, lit);
        in_add(g, pick(6) ? lit : "?");
        return;
    }
    if (kind == 1) {
        fmt_add(g, pick(2) ? " " : "\t\n");
        in_space(g);
        return;
    }
    if (kind == 2) {
        fmt_add(g, "%%");
        in_space(g);
        in_add(g, pick(6) ? "%" : "x");
        return;
    }
    if (!suppress && g->slots == SLOTS)
        suppress = 1;
    if (kind == 3) {
        const char *mods[] = {"", "hh", "h", "l", "ll"};
        snprintf(spec, sizeof spec, "%%%s%sn", suppress ? "*" : "", mods[pick(5)]);
    } else if (kind <= 6) {
        char conv = int_convs[pick(7)];
        const char *mod = conv == 'p' ? "" : int_mods[pick(12)];
        snprintf(spec, sizeof spec, "%%%s%s%s%c", suppress ? "*" : "", wbuf, mod, conv);
        in_space(g);
        gen_integer(g, conv);
    } else if (kind <= 8) {
        snprintf(spec, sizeof spec, "%%%s%s%s%c", suppress ? "*" : "", wbuf,
                 pick(2) ? "l" : "", float_convs[pick(8)]);
        in_space(g);
        gen_float(g);
    } else if (kind == 9) {
        /* %c: its width bounded by the object (and a missing width is 1). */
        snprintf(spec, sizeof spec, "%%%s%sc", suppress ? "*" : "", wbuf);
        gen_word(g, "ab \tcd1");
    } else if (kind == 10) {
        snprintf(spec, sizeof spec, "%%%s%ss", suppress ? "*" : "", width ? wbuf : "60");
        in_space(g);
        gen_word(g, "abcdefxyz0189-+.%");
    } else {
        const char *set = sets[pick(sizeof sets / sizeof sets[0])];
        snprintf(spec, sizeof spec, "%%%s%s[%s]", suppress ? "*" : "", width ? wbuf : "60", set);
        gen_word(g, "abcxyz]- \t09^[:");
    }
    fmt_add(g, spec);
    if (!suppress && spec[strlen(spec) - 1] != '%')
        g->slots++;
}

static void gen_case(struct gen *g)
{
    int n = 1 + (int)pick(6);

    g->flen = g->ilen = 0;
    g->fmt[0] = g->in[0] = '\0';
    g->slots = 0;
    for (int i = 0; i < n && g->flen < 400 && g->ilen < 1500; i++)
        gen_directive(g);
    if (pick(4) == 0)
        fmt_add(g, "%n"), g->slots += g->slots < SLOTS;
    /* Corrupt or cut the input now and then. */
    if (g->ilen && pick(5) == 0)
        g->in[pick((unsigned int)g->ilen)] = "x0 .-e+"[pick(7)];
    if (g->ilen && pick(5) == 0)
        g->in[pick((unsigned int)g->ilen + 1)] = '\0';
}

static int compared, mismatches;

/* Run both on one case; 1 when they agree. */
static int compare_case(const char *fmt, const char *in)
{
    unsigned char ours[SLOTS][SLOT_SIZE], host[SLOTS][SLOT_SIZE];
    int r1, r2, same;

    memset(ours, 0xa5, sizeof ours);
    memset(host, 0xa5, sizeof host);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    r1 = libc_sscanf(in, fmt, ours[0], ours[1], ours[2], ours[3], ours[4], ours[5], ours[6],
                     ours[7]);
    r2 = sscanf(in, fmt, host[0], host[1], host[2], host[3], host[4], host[5], host[6],
                host[7]);
#pragma GCC diagnostic pop
    same = r1 == r2 && memcmp(ours, host, sizeof ours) == 0;
    compared++;
    if (!same && mismatches++ < 20) {
        fprintf(stderr, "sscanf(\"%s\", \"%s\"): ours %d, host %d\n", in, fmt, r1, r2);
        for (int i = 0; i < SLOTS; i++) {
            if (memcmp(ours[i], host[i], SLOT_SIZE) != 0) {
                fprintf(stderr, "  object %d: ours", i);
                for (int j = 0; j < 16; j++)
                    fprintf(stderr, " %02x", ours[i][j]);
                fprintf(stderr, "\n            host");
                for (int j = 0; j < 16; j++)
                    fprintf(stderr, " %02x", host[i][j]);
                fprintf(stderr, "\n");
            }
        }
    }
    return same;
}

TEST(sscanf_matches_host_on_generated_formats)
{
    struct gen g;

    rng = host_seed("LIBC_SCANF_SEED", 0x853c49e6748fea9bull);
    compared = mismatches = 0;
    for (int i = 0; i < 300000; i++) {
        gen_case(&g);
        compare_case(g.fmt, g.in);
    }
    CHECK_MSG(mismatches == 0, "%d of %d cases differ from the host's sscanf", mismatches,
              compared);
}

TEST(sscanf_fixed_cases_match_host)
{
    static const char *cases[][2] = {
        {"%d", ""}, {"%d", "   "}, {" %d", " "}, {"%n", ""}, {"%d%n", "12"}, {"abc%d", "abc"},
        {"abc%d", "abd5"}, {"%*d%d", "1"}, {"%*d %d", "1 2"}, {"%c", ""}, {"%5c", "ab"},
        {"%s", "\n"}, {"%[a]", "b"}, {"%[^\n]%n", "line one\nline two"}, {"%i", "0x"},
        {"%i", "0x1f"}, {"%i", "017"}, {"%i", "-0x"}, {"%x", "0X"}, {"%o", "089"},
        {"%u", "-1"}, {"%hhu", "257"}, {"%hd", "70000"}, {"%d", "-2147483649"},
        {"%lld", "-9223372036854775809"}, {"%p", "0x1234"}, {"%p", "(nil)"}, {"%p", "(ni"},
        {"%f", "100ergs"}, {"%f", "1e+"}, {"%lf", "0x1.8p1"}, {"%lf", "-INFINITY"},
        {"%lf", "nan(abc)x"}, {"%lf", "infinit"}, {"%3lf", "1.25"}, {"%2lf", "-.5"},
        {"%%%d", "  %5"}, {"%d%%", "5%"}, {"%d %%", "5 x"}, {"%5s%n", "abcdefgh"},
        {"%2d%2d", "12345"}, {"%*[a-c]%n", "abcabcd"}, {"%[]x]", "]]x]y"}, {"%[^]x]", "ab]"},
        {"%[a-]", "-a-b"}, {"%zu %td %jd", "1 -2 3"}, {"x%", "x"}, {"%y", "1"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_MSG(compare_case(cases[i][0], cases[i][1]), "sscanf(\"%s\", \"%s\") differs",
                  cases[i][1], cases[i][0]);
}

TEST(sscanf_long_double_through_double)
{
    static const char *inputs[] = {"1.5", "-0.25e3", "0x1.8p-3", "inf", "1e22", "123456789"};

    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        long double ours = 0, host = 0;
        CHECK_EQ(libc_sscanf(inputs[i], "%Lf", &ours), 1);
        CHECK_EQ(sscanf(inputs[i], "%Lf", &host), 1);
        CHECK_MSG(ours == host, "%%Lf of %s", inputs[i]);
    }
}
