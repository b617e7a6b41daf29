/*
 * mntent.c - see <mntent.h>. Each line is read into one static buffer and
 * cut into fields in place; escapes are decoded there too.
 */
#include <mntent.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_MNT 4096

static char line[LINE_MAX_MNT];
static struct mntent entry;

FILE *setmntent(const char *path, const char *mode)
{
    return fopen(path, mode);
}

int endmntent(FILE *f)
{
    if (f)
        fclose(f);
    return 1; /* always, as the interface says */
}

/* Cut the next blank-separated field from *p and decode "\ooo" escapes; NULL if none is left. */
static char *field(char **p)
{
    char *s = *p, *start, *out;

    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return NULL;
    start = out = s;
    while (*s && *s != ' ' && *s != '\t') {
        if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
            s[3] >= '0' && s[3] <= '7') {
            *out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
            s += 4;
        } else {
            *out++ = *s++;
        }
    }
    if (*s)
        s++;
    *out = '\0';
    *p = s;
    return start;
}

struct mntent *getmntent(FILE *f)
{
    while (fgets(line, sizeof line, f)) {
        char *p = line, *freq, *passno;
        line[strcspn(line, "\n")] = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\0')
            continue;
        entry.mnt_fsname = field(&p);
        entry.mnt_dir = field(&p);
        entry.mnt_type = field(&p);
        entry.mnt_opts = field(&p);
        if (!entry.mnt_dir || !entry.mnt_type)
            continue; /* not an entry */
        if (!entry.mnt_opts)
            entry.mnt_opts = "defaults";
        freq = field(&p);
        passno = field(&p);
        entry.mnt_freq = freq ? atoi(freq) : 0;
        entry.mnt_passno = passno ? atoi(passno) : 0;
        return &entry;
    }
    return NULL;
}

char *hasmntopt(const struct mntent *ent, const char *opt)
{
    size_t n = strlen(opt);

    for (char *o = ent->mnt_opts; o && *o;) {
        if (strncmp(o, opt, n) == 0 && (o[n] == ',' || o[n] == '=' || o[n] == '\0'))
            return o;
        o = strchr(o, ',');
        if (o)
            o++;
    }
    return NULL;
}
