/*
 * grp.h - the group database, /etc/group (docs/userspace.md, "Users and
 * groups"): one "name:passwd:gid:member,member,..." line per group.
 */
#ifndef _GRP_H
#define _GRP_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t gid_t;

struct group {
    char *gr_name;
    char *gr_passwd;
    gid_t gr_gid;
    char **gr_mem; /* the member names, ending with NULL */
};

/* As getpwnam and getpwuid (<pwd.h>): static storage, NULL when not found. */
struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);

/* As getpwnam_r: the strings and the gr_mem array go into buf; 0 or an errno value. */
int getgrnam_r(const char *name, struct group *grp, char *buf, size_t buflen,
               struct group **result);
int getgrgid_r(gid_t gid, struct group *grp, char *buf, size_t buflen, struct group **result);

/* Walk the database: rewind, next entry (NULL at the end), close. */
void setgrent(void);
struct group *getgrent(void);
void endgrent(void);

/*
 * The groups of user: group first, then every group that lists user as a
 * member, each once. Stores at most *ngroups of them in groups, sets *ngroups
 * to how many there are, and returns that number, or -1 when they did not
 * all fit.
 */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups);

/*
 * Make the process's supplementary groups those of getgrouplist(user, group)
 * (at most NGROUPS_MAX of them); root only. 0, or -1 with errno set.
 */
int initgroups(const char *user, gid_t group);

#endif
