/*
 * test.c - evaluate a conditional expression; installed as /bin/test and
 * /bin/[ (the second needs a closing "]"):
 *
 *     test EXPRESSION        [ EXPRESSION ]
 *
 * The exit status is 0 when the expression is true, 1 when it is false and
 * 2 on an error. Expressions of up to four arguments are read by the rules
 * of POSIX, which decide by the number of arguments (so "test -n" and
 * "test = = =" mean what POSIX says); longer ones by the grammar
 *
 *     expr := and { -o and }     and := term { -a term }
 *     term := ! term | ( expr ) | UNARY-OP arg | arg BINARY-OP arg | arg
 *
 * The operators themselves are in primary.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static char **argv_; /* the expression's arguments */
static int argc_;    /* how many */
static int pos;      /* the next one to read */
static const char *prog = "test";

void test_error(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static int is(int i, const char *s)
{
    return i < argc_ && strcmp(argv_[i], s) == 0;
}

/* The argument at pos, moving past it; an error when there is none. */
static const char *take(void)
{
    if (pos >= argc_)
        test_error("missing argument after '%s'", argv_[argc_ - 1]);
    return argv_[pos++];
}

static int expr(void);

static int term(void)
{
    int invert = 0, value;
    const char *op, *left;

    if (pos >= argc_)
        test_error("missing argument after '%s'", argv_[argc_ - 1]);
    while (is(pos, "!")) {
        pos++;
        invert = !invert;
        if (pos >= argc_)
            test_error("missing argument after '!'");
    }
    if (is(pos, "(")) {
        pos++;
        value = expr();
        if (pos >= argc_)
            test_error("')' expected");
        if (!is(pos, ")"))
            test_error("')' expected, found '%s'", argv_[pos]);
        pos++;
    } else if (argc_ - pos >= 3 && test_is_binary(argv_[pos + 1])) {
        left = argv_[pos];
        op = argv_[pos + 1];
        pos += 2;
        value = test_binary(left, op, take());
    } else if (argv_[pos][0] == '-' && argv_[pos][1] && !argv_[pos][2]) {
        op = argv_[pos];
        if (!test_is_unary(op))
            test_error("'%s': unary operator expected", op);
        pos++;
        value = test_unary(op, take());
    } else {
        value = argv_[pos++][0] != '\0';
    }
    return value ^ invert;
}

static int and_expr(void)
{
    int value = term();

    while (is(pos, "-a")) {
        pos++;
        value = term() && value;
    }
    return value;
}

static int expr(void)
{
    int value = and_expr();

    while (is(pos, "-o")) {
        pos++;
        value = and_expr() || value;
    }
    return value;
}

/* The POSIX rules for n arguments from pos (n <= 4); they consume all n. */
static int posix_test(int n)
{
    int value;

    switch (n) {
    case 1:
        return argv_[pos++][0] != '\0';
    case 2:
        if (is(pos, "!")) {
            pos++;
            return !posix_test(1);
        }
        if (!test_is_unary(argv_[pos]))
            test_error("'%s': unary operator expected", argv_[pos]);
        pos += 2;
        return test_unary(argv_[pos - 2], argv_[pos - 1]);
    case 3:
        if (test_is_binary(argv_[pos + 1])) {
            pos += 3;
            return test_binary(argv_[pos - 3], argv_[pos - 2], argv_[pos - 1]);
        }
        if (is(pos, "!")) {
            pos++;
            return !posix_test(2);
        }
        if (is(pos, "(") && is(pos + 2, ")")) {
            pos++;
            value = posix_test(1);
            pos++;
            return value;
        }
        if (is(pos + 1, "-a") || is(pos + 1, "-o"))
            return expr();
        test_error("'%s': binary operator expected", argv_[pos + 1]);
    case 4:
        if (is(pos, "!")) {
            pos++;
            return !posix_test(3);
        }
        if (is(pos, "(") && is(pos + 3, ")")) {
            pos++;
            value = posix_test(2);
            pos++;
            return value;
        }
        return expr();
    }
    return expr();
}

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/');
    int value;

    name = name ? name + 1 : argv[0];
    if (strcmp(name, "[") == 0) {
        prog = "[";
        if (argc < 2 || strcmp(argv[argc - 1], "]") != 0)
            test_error("missing ']'");
        argc--;
    }
    argv_ = argv + 1;
    argc_ = argc - 1;
    if (argc_ == 0)
        return 1;
    value = argc_ <= 4 ? posix_test(argc_) : expr();
    if (pos < argc_)
        test_error("extra argument '%s'", argv_[pos]);
    return value ? 0 : 1;
}
