/*
 * human_size.c - a byte count in the form GNU's -h options print (ls -lh,
 * du -h, df -h): plain bytes below 1024; otherwise the largest power of 1024
 * that keeps the number below 1024, with one decimal when the number is below
 * 10 ("1.5M"), none from 10 on ("10K", "873M"). The number is rounded up, as
 * GNU does, so that a size is never shown smaller than it is; when rounding
 * up reaches 1024, the next unit is used ("1.0M" for 1048575 bytes).
 */
#include <libutil.h>
#include <stdio.h>

static const char units[] = "KMGTPE";

char *
human_size(unsigned long long bytes, char *buf, size_t len)
{
    unsigned long long unit = 1024, q, r, tenths, whole;
    int e = 0;

    if (bytes < 1024) {
        snprintf(buf, len, "%llu", bytes);
        return buf;
    }
    /* The largest unit not above bytes: 2^(10 * (e + 1)); E is the last. */
    while (e < 5 && bytes / unit >= 1024) {
        unit *= 1024;
        e++;
    }
    q = bytes / unit;
    r = bytes % unit;
    if (q < 10) {
        /* r * 10 < 10 * 2^60 fits in 64 bits, and so does the rounding term. */
        tenths = q * 10 + (r * 10 + unit - 1) / unit;
        if (tenths < 100) {
            snprintf(buf, len, "%llu.%llu%c", tenths / 10, tenths % 10, units[e]);
            return buf;
        }
        snprintf(buf, len, "10%c", units[e]);
        return buf;
    }
    whole = q + (r != 0);
    if (whole >= 1024 && e < 5) {
        snprintf(buf, len, "1.0%c", units[e + 1]);
        return buf;
    }
    snprintf(buf, len, "%llu%c", whole, units[e]);
    return buf;
}
