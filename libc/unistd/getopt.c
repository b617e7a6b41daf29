/*
 * getopt.c - command-line options: getopt, getopt_long, getopt_long_only.
 *
 * The GNU behaviour: by default the options are gathered from the whole
 * argument vector, and the non-options met on the way are moved after them
 * (argv is permuted, so that optind ends at the first non-option); a leading
 * '+' in optstring or POSIXLY_CORRECT in the environment stops at the first
 * non-option instead, and a leading '-' returns each non-option as the
 * argument of option 1. A ':' (after any '+' or '-') silences the messages
 * and makes a missing argument return ':'. "--" ends the options. Long
 * options may be abbreviated to any unambiguous prefix and take their
 * argument as "--name=value" or (required ones) as the next word.
 *
 * The permutation is lazy: [first_nonopt, last_nonopt) is the run of
 * non-options skipped so far, and it is rotated past the options that follow
 * it whenever the scan moves on. Setting optind to 0 starts a new scan.
 * Not supported: the "W;" extension of optstring.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt = '?';

enum ordering { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static struct {
    int initialized;
    enum ordering ordering;
    const char *nextchar; /* the rest of a group of short options */
    int first_nonopt, last_nonopt;
} scan;

/* Messages go straight to descriptor 2, as "prog: text 'what'[suffix]\n". */
static void complain(const char *prog, const char *text, const char *what1, const char *what2,
                     char c, const char *suffix)
{
    char buf[512];
    size_t n = 0;
    const char *parts[] = {prog, ": ", text, " '", what1, what2};

    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        for (const char *p = parts[i]; p && *p && n < sizeof buf - 8; p++)
            buf[n++] = *p;
    if (c)
        buf[n++] = c;
    buf[n++] = '\'';
    for (const char *p = suffix; *p && n < sizeof buf - 2; p++)
        buf[n++] = *p;
    buf[n++] = '\n';
    write(2, buf, n);
}

static void reverse(char **argv, int from, int to)
{
    for (to--; from < to; from++, to--) {
        char *t = argv[from];
        argv[from] = argv[to];
        argv[to] = t;
    }
}

/* Move the skipped non-options [first_nonopt, last_nonopt) after [last_nonopt,
 * optind). */
static void exchange(char **argv)
{
    reverse(argv, scan.first_nonopt, scan.last_nonopt);
    reverse(argv, scan.last_nonopt, optind);
    reverse(argv, scan.first_nonopt, optind);
    scan.first_nonopt += optind - scan.last_nonopt;
    scan.last_nonopt = optind;
}

static int is_nonoption(const char *arg)
{
    return arg[0] != '-' || arg[1] == '\0';
}

/*
 * The long option at scan.nextchar (after prefix "--" or "-"). Returns -1
 * when getopt_long_only should try it as short options instead.
 */
static int long_option(int argc, char **argv, const char *optstring, const struct option *longopts,
                       int *longind, int long_only, int print_errors, const char *prefix)
{
    const char *name = scan.nextchar, *end = name;
    const struct option *found = NULL;
    int index = -1, count, ambiguous = 0;
    size_t len;

    while (*end && *end != '=')
        end++;
    len = (size_t)(end - name);
    for (count = 0; longopts[count].name; count++) {
        if (strncmp(longopts[count].name, name, len) == 0 && strlen(longopts[count].name) == len) {
            found = &longopts[count];
            index = count;
            break;
        }
    }
    if (!found) {
        /* A prefix: ambiguous if another option it starts differs in effect. */
        for (int i = 0; longopts[i].name; i++) {
            const struct option *p = &longopts[i];
            if (strncmp(p->name, name, len) != 0)
                continue;
            if (!found) {
                found = p;
                index = i;
            } else if (long_only || p->has_arg != found->has_arg || p->flag != found->flag ||
                       p->val != found->val) {
                ambiguous = 1;
            }
        }
        if (ambiguous) {
            if (print_errors) {
                /* The first match and every later one that differs from it. */
                char list[384] = " is ambiguous; possibilities:";
                size_t n = strlen(list);
                for (int i = 0; longopts[i].name; i++) {
                    const struct option *p = &longopts[i];
                    if (strncmp(p->name, name, len) != 0 ||
                        (i != index && !long_only && p->has_arg == found->has_arg &&
                         p->flag == found->flag && p->val == found->val))
                        continue;
                    const char *parts[] = {" '", prefix, p->name, "'"};
                    for (size_t k = 0; k < 4; k++)
                        for (const char *q = parts[k]; *q && n < sizeof list - 1; q++)
                            list[n++] = *q;
                }
                list[n] = '\0';
                complain(argv[0], "option", prefix, name, 0, list);
            }
            scan.nextchar = NULL;
            optind++;
            optopt = 0;
            return '?';
        }
    }
    if (!found) {
        if (!long_only || argv[optind][1] == '-' || !strchr(optstring, *name)) {
            if (print_errors)
                complain(argv[0], "unrecognized option", prefix, name, 0, "");
            scan.nextchar = NULL;
            optind++;
            optopt = 0;
            return '?';
        }
        return -1;
    }

    optind++;
    scan.nextchar = NULL;
    if (*end) {
        if (found->has_arg == no_argument) {
            if (print_errors)
                complain(argv[0], "option", prefix, found->name, 0, " doesn't allow an argument");
            optopt = found->val;
            return '?';
        }
        optarg = (char *)end + 1;
    } else if (found->has_arg == required_argument) {
        if (optind >= argc) {
            if (print_errors)
                complain(argv[0], "option", prefix, found->name, 0, " requires an argument");
            optopt = found->val;
            return optstring[0] == ':' ? ':' : '?';
        }
        optarg = argv[optind++];
    }
    if (longind)
        *longind = index;
    if (found->flag) {
        *found->flag = found->val;
        return 0;
    }
    return found->val;
}

/* Move to the next word; 0 means go on with the short options at nextchar. */
static int next_word(int argc, char **argv, const char *optstring, const struct option *longopts,
                     int *longind, int long_only, int print_errors, int *result)
{
    if (scan.last_nonopt > optind)
        scan.last_nonopt = optind;
    if (scan.first_nonopt > optind)
        scan.first_nonopt = optind;
    if (scan.ordering == PERMUTE) {
        if (scan.first_nonopt != scan.last_nonopt && scan.last_nonopt != optind)
            exchange(argv);
        else if (scan.last_nonopt != optind)
            scan.first_nonopt = optind;
        while (optind < argc && is_nonoption(argv[optind]))
            optind++;
        scan.last_nonopt = optind;
    }
    if (optind != argc && strcmp(argv[optind], "--") == 0) {
        optind++;
        if (scan.first_nonopt != scan.last_nonopt && scan.last_nonopt != optind)
            exchange(argv);
        else if (scan.first_nonopt == scan.last_nonopt)
            scan.first_nonopt = optind;
        scan.last_nonopt = argc;
        optind = argc;
    }
    if (optind == argc) {
        if (scan.first_nonopt != scan.last_nonopt)
            optind = scan.first_nonopt; /* point at the non-options moved to the end */
        *result = -1;
        return 1;
    }
    if (is_nonoption(argv[optind])) {
        if (scan.ordering == REQUIRE_ORDER) {
            *result = -1;
            return 1;
        }
        optarg = argv[optind++];
        *result = 1;
        return 1;
    }
    if (longopts) {
        if (argv[optind][1] == '-') {
            scan.nextchar = argv[optind] + 2;
            *result = long_option(argc, argv, optstring, longopts, longind, long_only, print_errors,
                                  "--");
            return 1;
        }
        if (long_only && (argv[optind][2] || !strchr(optstring, argv[optind][1]))) {
            scan.nextchar = argv[optind] + 1;
            *result =
                long_option(argc, argv, optstring, longopts, longind, long_only, print_errors, "-");
            if (*result != -1)
                return 1;
        }
    }
    scan.nextchar = argv[optind] + 1;
    return 0;
}

static int getopt_internal(int argc, char *const argv_const[], const char *optstring,
                           const struct option *longopts, int *longind, int long_only)
{
    char **argv = (char **)argv_const; /* permuted in place, as in glibc */
    int print_errors = opterr, result;

    if (argc < 1)
        return -1;
    optarg = NULL;
    if (optind == 0 || !scan.initialized) {
        if (optind == 0)
            optind = 1;
        scan.first_nonopt = scan.last_nonopt = optind;
        scan.nextchar = NULL;
        if (optstring[0] == '-')
            scan.ordering = RETURN_IN_ORDER;
        else if (optstring[0] == '+' || getenv("POSIXLY_CORRECT"))
            scan.ordering = REQUIRE_ORDER;
        else
            scan.ordering = PERMUTE;
        scan.initialized = 1;
    }
    if (optstring[0] == '-' || optstring[0] == '+')
        optstring++;
    if (optstring[0] == ':')
        print_errors = 0;

    if ((!scan.nextchar || !*scan.nextchar) &&
        next_word(argc, argv, optstring, longopts, longind, long_only, print_errors, &result))
        return result;

    char c = *scan.nextchar++;
    const char *spec = strchr(optstring, c);

    if (*scan.nextchar == '\0')
        optind++;
    if (!spec || c == ':' || c == ';') {
        if (print_errors)
            complain(argv[0], "invalid option --", "", "", c, "");
        optopt = c;
        return '?';
    }
    if (spec[1] == ':') {
        if (*scan.nextchar) {
            optarg = (char *)scan.nextchar; /* the rest of this word */
            optind++;
        } else if (spec[2] == ':') {
            optarg = NULL;
        } else if (optind == argc) {
            if (print_errors)
                complain(argv[0], "option requires an argument --", "", "", c, "");
            optopt = c;
            c = optstring[0] == ':' ? ':' : '?';
        } else {
            optarg = argv[optind++];
        }
        scan.nextchar = NULL;
    }
    return c;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
    return getopt_internal(argc, argv, optstring, NULL, NULL, 0);
}

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                int *longind)
{
    return getopt_internal(argc, argv, optstring, longopts, longind, 0);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring,
                     const struct option *longopts, int *longind)
{
    return getopt_internal(argc, argv, optstring, longopts, longind, 1);
}
