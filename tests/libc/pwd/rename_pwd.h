/*
 * rename_pwd.h - forced-included (after tests/host/rename_libc.h) when
 * libc/pwd/ is compiled for the host test libc_pwd: the public names get a
 * libc_ prefix, the database files are the test's (relative names, in the
 * directory the test makes and enters), and the system calls the code makes
 * go to the test's wrappers, which set the libc errno the code reads.
 */
#define getpwnam libc_getpwnam
#define getpwuid libc_getpwuid
#define getpwnam_r libc_getpwnam_r
#define getpwuid_r libc_getpwuid_r
#define setpwent libc_setpwent
#define getpwent libc_getpwent
#define endpwent libc_endpwent
#define getgrnam libc_getgrnam
#define getgrgid libc_getgrgid
#define getgrnam_r libc_getgrnam_r
#define getgrgid_r libc_getgrgid_r
#define setgrent libc_setgrent
#define getgrent libc_getgrent
#define endgrent libc_endgrent
#define getgrouplist libc_getgrouplist
#define initgroups libc_initgroups
#define getspnam libc_getspnam
#define getspnam_r libc_getspnam_r
#define errno libc_errno
#define open libc_test_open
#define read libc_test_read
#define lseek libc_test_lseek
#define close libc_test_close
#define setgroups libc_test_setgroups
#define PASSWD_FILE "passwd"
#define GROUP_FILE "group"
#define SHADOW_FILE "shadow"
