/*
 * civil_time.h - the proleptic Gregorian calendar <-> seconds since the epoch
 * (1970-01-01 00:00:00 UTC, no leap seconds). Pure code, also tested on the host.
 */
#ifndef LIB_CIVIL_TIME_H
#define LIB_CIVIL_TIME_H

#include <stdint.h>

struct civil_time {
    int year, month, day; /* month 1-12, day 1-31 */
    int hour, min, sec;
};

int64_t time_from_civil(int year, int month, int day, int hour, int min, int sec);
void time_to_civil(int64_t epoch_seconds, struct civil_time *out);

#endif
