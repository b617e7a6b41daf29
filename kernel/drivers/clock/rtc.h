/*
 * rtc.h - the CMOS real-time clock (MC146818), read once at boot for wall time.
 */
#ifndef DRIVERS_CLOCK_RTC_H
#define DRIVERS_CLOCK_RTC_H

#include <stdint.h>

/* Seconds since 1970-01-01 00:00:00 UTC, as the RTC holds it (taken as UTC). */
int64_t rtc_read_epoch(void);

#endif
