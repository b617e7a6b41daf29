/*
 * test_float_io.c - floating point through libc's text conversions: the
 * printf family's f e g conversions and strtod. The expected strings follow
 * from the C standard's rules applied to the exact binary values (2.675 is
 * 2.67499999999999982236431605997495353221893310546875 as a double, so
 * "%.2f" prints 2.67; halves round to even); the host tests compare the same
 * code with the host C library on many more values.
 */
#define UTEST_SUITE "float_io"
#include "utest.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>

static uint64_t bits_of(double d)
{
    uint64_t u;

    memcpy(&u, &d, sizeof u);
    return u;
}

UTEST(printf_fixed_exponent_general)
{
    char buf[128];
    volatile double zero = 0.0;

    snprintf(buf, sizeof buf, "%f|%.2f|%.0f|%.0f|%.0f", 1.5, 2.675, 0.5, 1.5, 2.5);
    UT_ASSERT_STR(buf, "1.500000|2.67|0|2|2");
    snprintf(buf, sizeof buf, "%e|%+.1e|%G|%E", 12345.678, 0.0, 1e-10, 255.0);
    UT_ASSERT_STR(buf, "1.234568e+04|+0.0e+00|1E-10|2.550000E+02");
    snprintf(buf, sizeof buf, "%g|%g|%g|%g|%#.3g", 0.0001, 1e-5, 100000.0, 1e6, 1.0);
    UT_ASSERT_STR(buf, "0.0001|1e-05|100000|1e+06|1.00");
    snprintf(buf, sizeof buf, "%08.3f|%-8.2f|%#.0f|% .1f", -3.14159, 1.005, 3.0, 2.25);
    UT_ASSERT_STR(buf, "-003.142|1.00    |3.| 2.2");
    snprintf(buf, sizeof buf, "%f|%F|%5.1f|%Lf", 1.0 / zero, 1.0 / zero, -1.0 / zero, 0.25L);
    UT_ASSERT_STR(buf, "inf|INF| -inf|0.250000");
    snprintf(buf, sizeof buf, "%.20f|%d", 0.1, 7);
    UT_ASSERT_STR(buf, "0.10000000000000000555|7");
}

UTEST(strtod_values_end_and_errno)
{
    char *end;

    UT_ASSERT(strtod("0x1.8p1", NULL) == 3.0);
    UT_ASSERT(strtod("  -2.5e-3xyz", &end) == -0.0025);
    UT_ASSERT_STR(end, "xyz");
    UT_ASSERT_EQ(bits_of(strtod("0.1", NULL)), 0x3fb999999999999aull);
    errno = 0;
    UT_ASSERT(strtod("1e400", NULL) == HUGE_VAL);
    UT_ASSERT_EQ(errno, ERANGE);
    errno = 0;
    UT_ASSERT_EQ(bits_of(strtod("4.9406564584124654e-324", NULL)), 1);
    UT_ASSERT_EQ(errno, ERANGE);
    UT_ASSERT(strtod("junk", &end) == 0.0);
    UT_ASSERT_STR(end, "junk");
    UT_ASSERT(atof("1.5") == 1.5);
    UT_ASSERT(strtof("0.5", NULL) == 0.5f);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
