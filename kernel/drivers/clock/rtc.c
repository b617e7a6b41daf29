/*
 * rtc.c - reading the CMOS clock (Motorola MC146818 datasheet; CMOS index
 * 0x70, data 0x71). The registers change once a second; we wait for the
 * update-in-progress flag to clear and read until two reads agree. Values may
 * be BCD or binary and 12- or 24-hour, as status register B says.
 */
#include <arch/i386/io.h>
#include <drivers/clock/rtc.h>
#include <clock.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_DISABLE 0x80

#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY 0x32 /* the usual place; ACPI's FADT can say otherwise */

#define STATUS_A_UPDATING 0x80
#define STATUS_B_24HOUR 0x02
#define STATUS_B_BINARY 0x04
#define HOUR_PM 0x80

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_INDEX, CMOS_NMI_DISABLE | reg);
    return inb(CMOS_DATA);
}

struct rtc_raw {
    uint8_t sec, min, hour, day, month, year, century;
};

static void read_raw(struct rtc_raw *r)
{
    for (int spin = 0; spin < 100000 && (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING); spin++)
        ;
    r->sec = cmos_read(RTC_SECONDS);
    r->min = cmos_read(RTC_MINUTES);
    r->hour = cmos_read(RTC_HOURS);
    r->day = cmos_read(RTC_DAY);
    r->month = cmos_read(RTC_MONTH);
    r->year = cmos_read(RTC_YEAR);
    r->century = cmos_read(RTC_CENTURY);
}

static int from_bcd(uint8_t v)
{
    return (v >> 4) * 10 + (v & 0xf);
}

int64_t rtc_read_epoch(void)
{
    struct rtc_raw a, b;
    uint8_t status_b;
    int hour, year, century;
    int pm;

    read_raw(&b);
    do {
        a = b;
        read_raw(&b);
    } while (a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.day != b.day ||
             a.month != b.month || a.year != b.year);

    status_b = cmos_read(RTC_STATUS_B);
    pm = b.hour & HOUR_PM;
    b.hour &= (uint8_t)~HOUR_PM;
    if (!(status_b & STATUS_B_BINARY)) {
        b.sec = (uint8_t)from_bcd(b.sec);
        b.min = (uint8_t)from_bcd(b.min);
        b.hour = (uint8_t)from_bcd(b.hour);
        b.day = (uint8_t)from_bcd(b.day);
        b.month = (uint8_t)from_bcd(b.month);
        b.year = (uint8_t)from_bcd(b.year);
        b.century = (uint8_t)from_bcd(b.century);
    }
    hour = b.hour;
    if (!(status_b & STATUS_B_24HOUR)) /* 12-hour clock: 12 AM is 0, 12 PM is 12 */
        hour = (hour % 12) + (pm ? 12 : 0);
    century = (b.century >= 19 && b.century <= 30) ? b.century : 20;
    year = century * 100 + b.year;
    return time_from_civil(year, b.month, b.day, hour, b.min, b.sec);
}
