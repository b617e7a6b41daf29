/*
 * math.h - the floating-point constants of C11 7.12 that libc uses (strtod's
 * HUGE_VAL). The math functions themselves are not there yet.
 */
#ifndef _MATH_H
#define _MATH_H

#define HUGE_VAL __builtin_huge_val()
#define HUGE_VALF __builtin_huge_valf()
#define HUGE_VALL __builtin_huge_vall()
#define INFINITY __builtin_inff()
#define NAN __builtin_nanf("")

#endif
