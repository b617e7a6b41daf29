/*
 * rename_time.h - forced-included (after tests/host/rename_libc.h) when
 * libc/time/ is compiled for the host test libc_time: the public names get a
 * libc_ prefix so that the test can call them next to the host's own.
 */
#define gmtime libc_gmtime
#define gmtime_r libc_gmtime_r
#define localtime libc_localtime
#define localtime_r libc_localtime_r
#define mktime libc_mktime
#define timegm libc_timegm
#define difftime libc_difftime
#define asctime libc_asctime
#define asctime_r libc_asctime_r
#define ctime libc_ctime
#define ctime_r libc_ctime_r
#define strftime libc_strftime
#define tzset libc_tzset
#define tzname libc_tzname
#define timezone libc_timezone
#define daylight libc_daylight
#define errno libc_errno
