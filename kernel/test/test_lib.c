/*
 * test_lib.c - the string and formatting helpers as the kernel itself runs
 * them (the host unit tests compare them with the C library in depth).
 */
#include <cmdline.h>
#include <lib/format.h>
#include <stdint.h>
#include <string.h>
#include <test/ktest.h>

KTEST(string_functions)
{
    char buf[32];

    KT_ASSERT_EQ(strlen("hello"), 5);
    KT_ASSERT(strcmp("abc", "abd") < 0);
    KT_ASSERT(strcmp("b", "abc") > 0);
    KT_ASSERT(strcmp("\xff", "a") > 0); /* compared as unsigned char */
    KT_ASSERT_EQ(strncmp("abcdef", "abcxyz", 3), 0);
    strcpy(buf, "0123456789");
    memmove(buf + 2, buf, 5); /* overlapping, forwards */
    KT_ASSERT_STR(buf, "0101234789");
    memmove(buf, buf + 3, 5); /* overlapping, backwards */
    KT_ASSERT_STR(buf, "1234734789");
    KT_ASSERT_EQ(strlcpy(buf, "truncated string", 6), 16);
    KT_ASSERT_STR(buf, "trunc");
    KT_ASSERT(strchr("hello", 'l') == (char *)"hello" + 2 || strchr("hello", 'l') != NULL);
    KT_ASSERT(strrchr("a/b/c", '/') != NULL && strrchr("a/b/c", '/')[1] == 'c');
    KT_ASSERT(strstr("haystack", "st") != NULL && strstr("haystack", "xy") == NULL);
}

KTEST(format_integers_and_strings)
{
    char buf[64];

    snprintf(buf, sizeof buf, "%d|%5d|%-5d|%05d|%+d", -42, 42, 42, -42, 7);
    KT_ASSERT_STR(buf, "-42|   42|42   |-0042|+7");
    snprintf(buf, sizeof buf, "%x|%#X|%o|%#o|%u", 255u, 255u, 8u, 8u, 4000000000u);
    KT_ASSERT_STR(buf, "ff|0XFF|10|010|4000000000");
    snprintf(buf, sizeof buf, "%lld|%llx", -9000000000LL, 0x123456789abcdefULL);
    KT_ASSERT_STR(buf, "-9000000000|123456789abcdef");
    snprintf(buf, sizeof buf, "%.3s|%8.2s|%c|%%", "abcdef", "xyz", 'q');
    KT_ASSERT_STR(buf, "abc|      xy|q|%");
    KT_ASSERT_EQ(snprintf(buf, 4, "%s", "overflow"), 8);
    KT_ASSERT_STR(buf, "ove");
}

KTEST(arith64_division)
{
    volatile uint64_t n = 0xfedcba9876543210ULL, d = 0x12345678ULL;
    volatile int64_t sn = -1000000000000LL, sd = 7;
    uint64_t q = n / d, r = n % d;

    KT_ASSERT(q * d + r == n && r < d);
    KT_ASSERT_EQ(sn / sd, -142857142857LL);
    KT_ASSERT_EQ(sn % sd, -1);
    KT_ASSERT_EQ((uint64_t)n / 1, n);
}

KTEST(cmdline_parsing)
{
    struct cmdline cl;

    cmdline_parse(&cl, "  ktest console=serial  root=/dev/hda2 console=vga x=");
    KT_ASSERT_EQ(cl.count, 5);
    KT_ASSERT_STR(cmdline_lookup(&cl, "ktest"), "");
    KT_ASSERT_STR(cmdline_lookup(&cl, "console"), "vga"); /* the last one counts */
    KT_ASSERT_STR(cmdline_lookup(&cl, "root"), "/dev/hda2");
    KT_ASSERT_STR(cmdline_lookup(&cl, "x"), "");
    KT_ASSERT(cmdline_lookup(&cl, "missing") == NULL);
    cmdline_parse(&cl, "");
    KT_ASSERT_EQ(cl.count, 0);
}
