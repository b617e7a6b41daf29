/*
 * vars.c - the shell's variables: a list of NAME=value strings with an
 * exported flag. The environment given to a command is the exported ones,
 * with the command's own assignments ("A=1 cmd") taking their place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
    char *text;   /* "NAME=value" */
    size_t namelen;
    int exported;
    struct var *next;
};

static struct var *vars;

static struct var *find(const char *name, size_t len)
{
    for (struct var *v = vars; v; v = v->next)
        if (v->namelen == len && strncmp(v->text, name, len) == 0)
            return v;
    return NULL;
}

const char *var_get(const char *name)
{
    struct var *v = find(name, strlen(name));
    return v ? v->text + v->namelen + 1 : NULL;
}

int var_set(const char *name, const char *value, int export)
{
    size_t len = strlen(name);
    struct var *v = find(name, len);
    char *text = malloc(len + strlen(value) + 2);

    if (!text)
        return -1;
    sprintf(text, "%s=%s", name, value);
    if (!v) {
        v = calloc(1, sizeof *v);
        if (!v) {
            free(text);
            return -1;
        }
        v->namelen = len;
        v->next = vars;
        vars = v;
    }
    free(v->text);
    v->text = text;
    if (export)
        v->exported = 1;
    return 0;
}

void var_export(const char *name)
{
    struct var *v = find(name, strlen(name));

    /* Exporting an unset name marks nothing: it is exported when assigned
     * with "export NAME=value". */
    if (v)
        v->exported = 1;
}

int var_unset(const char *name)
{
    size_t len = strlen(name);

    for (struct var **pv = &vars; *pv; pv = &(*pv)->next) {
        struct var *v = *pv;
        if (v->namelen == len && strncmp(v->text, name, len) == 0) {
            *pv = v->next;
            free(v->text);
            free(v);
            return 0;
        }
    }
    return 0;
}

void vars_import(char **envp)
{
    for (; envp && *envp; envp++) {
        const char *eq = strchr(*envp, '=');
        if (!eq || !valid_name(*envp, (size_t)(eq - *envp)))
            continue;
        char *name = strndup(*envp, (size_t)(eq - *envp));
        if (name)
            var_set(name, eq + 1, 1);
        free(name);
    }
}

char **build_env(char **extra, int nextra)
{
    int n = nextra;
    for (struct var *v = vars; v; v = v->next)
        n += v->exported;
    char **env = calloc((size_t)n + 1, sizeof *env);
    int k = 0;

    if (!env)
        return NULL;
    for (int i = 0; i < nextra; i++)
        env[k++] = strdup(extra[i]);
    for (struct var *v = vars; v; v = v->next) {
        if (!v->exported)
            continue;
        int overridden = 0;
        for (int i = 0; i < nextra; i++)
            if (strncmp(extra[i], v->text, v->namelen + 1) == 0)
                overridden = 1;
        if (!overridden)
            env[k++] = strdup(v->text);
    }
    env[k] = NULL;
    return env;
}

void free_env(char **env)
{
    for (char **e = env; e && *e; e++)
        free(*e);
    free(env);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void vars_print_exported(void)
{
    char **env = build_env(NULL, 0);
    int n = 0;

    if (!env)
        return;
    while (env[n])
        n++;
    qsort(env, (size_t)n, sizeof *env, by_text);
    for (int i = 0; i < n; i++)
        printf("export %s\n", env[i]);
    free_env(env);
}
