/*
 * test.h - the parts of test(1) (user/test/): the expression parser in
 * test.c reports errors through test_error() and asks primary.c to evaluate
 * the operators.
 */
#ifndef USER_TEST_H
#define USER_TEST_H

/* Print "test: <message>" and exit with status 2 (an error, not "false"). */
void test_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Is op a unary operator (-e, -f, -z, ...)? */
int test_is_unary(const char *op);
/* Is op a binary operator (=, !=, -eq, -nt, ...)? -a and -o are not. */
int test_is_binary(const char *op);
/* Evaluate "op arg" (op a unary operator). */
int test_unary(const char *op, const char *arg);
/* Evaluate "left op right" (op a binary operator). */
int test_binary(const char *left, const char *op, const char *right);

#endif
