/*
 * rename_libc.h - forced-included when guest code with C-library names is
 * compiled for a host test, so that it does not replace the host's functions:
 * each name gets the prefix kern_, and the test calls both versions.
 */
#define vsnprintf kern_vsnprintf
#define snprintf kern_snprintf
#define memcpy kern_memcpy
#define memmove kern_memmove
#define memset kern_memset
#define memcmp kern_memcmp
#define memchr kern_memchr
#define strlen kern_strlen
#define strnlen kern_strnlen
#define strcmp kern_strcmp
#define strncmp kern_strncmp
#define strcpy kern_strcpy
#define strncpy kern_strncpy
#define strlcpy kern_strlcpy
#define strcat kern_strcat
#define strchr kern_strchr
#define strrchr kern_strrchr
#define strstr kern_strstr
#define strspn kern_strspn
#define strcspn kern_strcspn
