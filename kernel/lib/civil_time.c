/*
 * civil_time.c - see civil_time.h.
 *
 * Days are counted in 400-year eras (146097 days each) of years that start on
 * March 1st: the leap day then falls at the end of a year, and the day of the
 * year of a month's first day is the formula (153 * m + 2) / 5 for March = 0.
 */
#include <lib/civil_time.h>

/* Floor division for possibly negative numerators. */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t time_from_civil(int year, int month, int day, int hour, int min, int sec)
{
    int64_t y = year - (month <= 2); /* years start in March */
    int64_t era = floor_div(y, 400);
    int64_t year_of_era = y - era * 400;                                   /* 0..399 */
    int64_t month_index = (month + 9) % 12;                                /* March = 0 */
    int64_t day_of_year = (153 * month_index + 2) / 5 + day - 1;           /* 0..365 */
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    int64_t days = era * 146097 + day_of_era - 719468; /* 719468: 0000-03-01 to 1970-01-01 */

    return days * 86400 + hour * 3600 + min * 60 + sec;
}

void time_to_civil(int64_t t, struct civil_time *out)
{
    int64_t days = floor_div(t, 86400), secs = t - days * 86400;
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t day_of_era = z - era * 146097;
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t month_index = (5 * day_of_year + 2) / 153;

    out->day = (int)(day_of_year - (153 * month_index + 2) / 5 + 1);
    out->month = (int)(month_index < 10 ? month_index + 3 : month_index - 9);
    out->year = (int)(year_of_era + era * 400 + (out->month <= 2));
    out->hour = (int)(secs / 3600);
    out->min = (int)(secs % 3600 / 60);
    out->sec = (int)(secs % 60);
}
