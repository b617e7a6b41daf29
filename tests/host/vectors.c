/*
 * vectors.c - reader for "key = value" test-vector files (see vectors.h).
 *
 * The reader holds the current record, the current section and the shared
 * parameters as small arrays of key/value pairs. One line of look-ahead is kept:
 * the line that ends a record (a repeated key, a new parameter or a section
 * header) starts the next one.
 *
 * The leading key is the key whose repetition, after a blank line, last ended a
 * record: the key each record of the file begins with ("COUNT", "SHAAlg", ...).
 * The body keys are the keys that records have had from their leading key on.
 * Both are learnt from records already read; until a leading key is known (the
 * first record of a file), records end only at a repeated key or a section
 * header. See vectors.h for the rule that uses them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

#define VEC_MAX_PAIRS 64

struct vec_pair {
    char *key;
    char *value;
};

struct vec_file {
    FILE *fp;
    char *pending;    /* a line read but not yet consumed, or NULL */
    int lineno, record_line;
    struct vec_pair rec[VEC_MAX_PAIRS], sec[VEC_MAX_PAIRS], par[VEC_MAX_PAIRS];
    struct vec_pair body[VEC_MAX_PAIRS]; /* keys seen from a leading key on (values unused) */
    int nrec, nsec, npar, nbody;
    char section[256];
    char *lead;       /* the leading key, or NULL while unknown */
    int gap;          /* a blank line since the current record's last key */
};

const char *vec_root(void)
{
    const char *env = getenv("CRYPTO_VECTORS");
    return env && *env ? env : "/usr/lib/python3/dist-packages/cryptography_vectors";
}

static FILE *open_below_root(const char *relpath)
{
    char path[4096];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", vec_root(), relpath);
    fp = fopen(path, "rb");
    if (!fp)
        fprintf(stderr, "vectors: cannot open %s (is python3-cryptography-vectors installed?)\n",
                path);
    return fp;
}

struct vec_file *vec_open(const char *relpath)
{
    struct vec_file *f;
    FILE *fp = open_below_root(relpath);

    if (!fp)
        return NULL;
    f = calloc(1, sizeof *f);
    if (!f) {
        fclose(fp);
        return NULL;
    }
    f->fp = fp;
    return f;
}

static void clear_pairs(struct vec_pair *p, int *n)
{
    for (int i = 0; i < *n; i++) {
        free(p[i].key);
        free(p[i].value);
    }
    *n = 0;
}

void vec_close(struct vec_file *f)
{
    if (!f)
        return;
    clear_pairs(f->rec, &f->nrec);
    clear_pairs(f->sec, &f->nsec);
    clear_pairs(f->par, &f->npar);
    clear_pairs(f->body, &f->nbody);
    free(f->lead);
    free(f->pending);
    fclose(f->fp);
    free(f);
}

/* Read one line (any length) without its line ending; NULL at end of file. */
static char *read_line(struct vec_file *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    if (f->pending) {
        line = f->pending;
        f->pending = NULL;
        return line;
    }
    n = getline(&line, &cap, f->fp);
    if (n < 0) {
        free(line);
        return NULL;
    }
    f->lineno++;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

static char *trim(char *s)
{
    char *end;

    while (isspace((unsigned char)*s))
        s++;
    end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

/* The index of key in p[0..n), or -1. */
static int find_index(const struct vec_pair *p, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(p[i].key, key) == 0)
            return i;
    return -1;
}

static struct vec_pair *find(struct vec_pair *p, int n, const char *key)
{
    int i = find_index(p, n, key);
    return i < 0 ? NULL : &p[i];
}

static void add_pair(struct vec_pair *p, int *n, const char *key, const char *value)
{
    struct vec_pair *old = find(p, *n, key);

    if (old) {
        free(old->value);
        old->value = strdup(value);
        return;
    }
    if (*n == VEC_MAX_PAIRS)
        return;
    p[*n].key = strdup(key);
    p[*n].value = strdup(value);
    (*n)++;
}

/* Split "key = value" (or a bare word) in place. */
static void split(char *s, char **key, char **value)
{
    char *eq = strchr(s, '=');

    if (eq) {
        *eq = '\0';
        *key = trim(s);
        *value = trim(eq + 1);
    } else {
        *key = trim(s);
        *value = "";
    }
}

/* Parse "[a = 1, b = 2]" or "[SHA-256]" into the section attributes. */
static void set_section(struct vec_file *f, char *inner)
{
    char *saveptr, *part;

    clear_pairs(f->sec, &f->nsec);
    clear_pairs(f->par, &f->npar); /* parameters belong to their section */
    snprintf(f->section, sizeof f->section, "%s", inner);
    for (part = strtok_r(inner, ",", &saveptr); part; part = strtok_r(NULL, ",", &saveptr)) {
        char *key, *value;
        split(part, &key, &value);
        if (*key)
            add_pair(f->sec, &f->nsec, key, value);
    }
}

/*
 * Learn from the record just returned: the keys before its leading key are a
 * parameter block, whose values become (or replace) shared parameters of the
 * section; the keys from the leading key on are body keys. A record without the
 * leading key has body keys only.
 */
static void keep_parameters(struct vec_file *f)
{
    int lead_at = f->lead ? find_index(f->rec, f->nrec, f->lead) : -1;

    for (int i = 0; i < lead_at; i++)
        add_pair(f->par, &f->npar, f->rec[i].key, f->rec[i].value);
    if (f->lead)
        for (int i = lead_at < 0 ? 0 : lead_at; i < f->nrec; i++)
            add_pair(f->body, &f->nbody, f->rec[i].key, "");
}

/* Remember key as the leading key: its repetition ended a record. */
static void set_lead(struct vec_file *f, const char *key)
{
    if (f->lead && strcmp(f->lead, key) == 0)
        return;
    free(f->lead);
    f->lead = strdup(key);
}

int vec_next(struct vec_file *f)
{
    char *line;

    keep_parameters(f);
    clear_pairs(f->rec, &f->nrec);
    f->gap = 0;
    while ((line = read_line(f))) {
        char *s = trim(line), *key, *value;

        if (*s == '\0' || *s == '#') {
            if (*s == '\0' && f->nrec)
                f->gap = 1; /* comments may sit inside a record: only blank lines count */
            free(line);
            continue;
        }
        if (*s == '[') {
            char *close = strrchr(s, ']');
            if (f->nrec) {
                f->pending = line; /* a section header ends the record */
                return 1;
            }
            if (close)
                *close = '\0';
            set_section(f, s + 1);
            free(line);
            continue;
        }
        {
            char *copy = strdup(s);
            split(copy, &key, &value);
            if (f->nrec && find(f->rec, f->nrec, key)) {
                if (f->gap)
                    set_lead(f, key);
                free(copy);
                f->pending = line; /* a repeated key starts the next record */
                return 1;
            }
            /*
             * After a blank line, in a record that already has its leading key, a
             * key that is no body key: a new parameter, which belongs to the
             * records after it.
             */
            if (f->nrec && f->gap && f->lead && find(f->rec, f->nrec, f->lead) &&
                !find(f->body, f->nbody, key)) {
                free(copy);
                f->pending = line;
                return 1;
            }
            if (f->nrec == 0)
                f->record_line = f->lineno;
            add_pair(f->rec, &f->nrec, key, value);
            f->gap = 0;
            free(copy);
        }
        free(line);
    }
    return f->nrec > 0;
}

const char *vec_get(struct vec_file *f, const char *key)
{
    struct vec_pair *p = find(f->rec, f->nrec, key);

    if (!p)
        p = find(f->sec, f->nsec, key);
    return p ? p->value : NULL;
}

const char *vec_get_shared(struct vec_file *f, const char *key)
{
    struct vec_pair *p = find(f->rec, f->nrec, key);

    if (!p)
        p = find(f->par, f->npar, key);
    if (!p)
        p = find(f->sec, f->nsec, key);
    return p ? p->value : NULL;
}

const char *vec_section(struct vec_file *f)
{
    return f->section;
}

int vec_line(struct vec_file *f)
{
    return f->record_line;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

uint8_t *vec_unhex(const char *hex, size_t *len)
{
    size_t n = strlen(hex);
    uint8_t *out;

    if (n % 2)
        return NULL;
    out = malloc(n / 2 + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(out);
            return NULL;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *len = n / 2;
    return out;
}

uint8_t *vec_get_hex(struct vec_file *f, const char *key, size_t *len)
{
    const char *v = vec_get(f, key);
    return v ? vec_unhex(v, len) : NULL;
}

uint8_t *vec_read_file(const char *relpath, size_t *len)
{
    FILE *fp = open_below_root(relpath);
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0, got;

    if (!fp)
        return NULL;
    do {
        if (n + 4096 + 1 > cap) {
            uint8_t *nb = realloc(buf, cap = cap * 2 + 8192);
            if (!nb) {
                free(buf);
                fclose(fp);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, 4096, fp);
        n += got;
    } while (got > 0);
    fclose(fp);
    buf[n] = '\0';
    *len = n;
    return buf;
}
