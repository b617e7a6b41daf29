/*
 * rename_math.h - forced-included (after tests/host/rename_libc.h) when
 * libc/math/ is compiled for the host test libc_math: its functions and
 * errno get a libc_ prefix so that they do not replace the host's.
 */
#define fabs libc_fabs
#define copysign libc_copysign
#define floor libc_floor
#define ceil libc_ceil
#define trunc libc_trunc
#define round libc_round
#define modf libc_modf
#define frexp libc_frexp
#define ldexp libc_ldexp
#define scalbn libc_scalbn
#define fmod libc_fmod
#define fmin libc_fmin
#define fmax libc_fmax
#define sqrt libc_sqrt
#define hypot libc_hypot
#define exp libc_exp
#define exp2 libc_exp2
#define log libc_log
#define log2 libc_log2
#define log10 libc_log10
#define pow libc_pow
#define sin libc_sin
#define cos libc_cos
#define tan libc_tan
#define asin libc_asin
#define acos libc_acos
#define atan libc_atan
#define atan2 libc_atan2
#define sinh libc_sinh
#define cosh libc_cosh
#define tanh libc_tanh
#define errno libc_errno
