/*
 * exec.c - execve: load a static ELF32 i386 program into a new address space.
 *
 * The arguments and environment are first copied into one kernel buffer
 * (at most EXEC_ARGS_MAX bytes), so they survive the old address space. The
 * file is checked (a regular file, execute permission), a "#!" line names an
 * interpreter that is run instead with the script as its argument, at most
 * SCRIPT_DEPTH_MAX deep. The ELF header and program headers are validated
 * (class, machine, type, segment bounds below USER_TOP, file offsets
 * congruent with addresses modulo the page size) and each PT_LOAD segment
 * becomes a private file mapping whose tail past p_filesz reads as zeros (the
 * bss). Until then the old program is intact and any error returns to it;
 * after the point of no return the new address space replaces the old, the
 * stack is built as on Linux i386 (argc, argv, NULL, envp, NULL, auxv) and the
 * trap frame is pointed at the entry.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/percpu.h>
#include <arch/i386/trap.h>
#include <elf.h>
#include <fs/vfs.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <proc/exec.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <proc/task.h>
#include <proc/task_switch.h>
#include <string.h>
#include <uapi/auxv.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/wait.h>

#define EXEC_ARGS_MAX (128 * 1024)
#define EXEC_ARGC_MAX 4096
#define SCRIPT_DEPTH_MAX 4
#define STACK_SIZE_INITIAL (128 * 1024)
#define PHDR_MAX 16
#define EFLAGS_RESERVED 0x2

struct exec_args {
    char *buf;   /* strings, NUL-separated: argv then envp */
    size_t used;
    int argc, envc;
};

static int add_string(struct exec_args *a, const char *s, int user)
{
    long n;

    if (user) {
        n = strncpy_from_user(a->buf + a->used, s, EXEC_ARGS_MAX - a->used);
        if (n == -ENAMETOOLONG)
            return -E2BIG;
        if (n < 0)
            return (int)n;
        n++; /* the NUL */
    } else {
        n = (long)strlen(s) + 1;
        if ((size_t)n > EXEC_ARGS_MAX - a->used)
            return -E2BIG;
        memcpy(a->buf + a->used, s, (size_t)n);
    }
    a->used += (size_t)n;
    return 0;
}

/* Append a NULL-terminated vector of strings; returns how many or -errno. */
static int add_vector(struct exec_args *a, const char *const *v, int user)
{
    int count = 0;

    if (!v)
        return 0;
    for (;; count++) {
        const char *s;
        int err;
        if (count >= EXEC_ARGC_MAX)
            return -E2BIG;
        if (user) {
            if (copy_from_user(&s, &v[count], sizeof s) < 0)
                return -EFAULT;
        } else {
            s = v[count];
        }
        if (!s)
            return count;
        if ((err = add_string(a, s, user)) < 0)
            return err;
    }
}

/* Insert strings before the current argv (for "#!"): interp [arg] path, dropping argv[0]. */
static int prepend_interpreter(struct exec_args *a, const char *interp, const char *arg,
                               const char *path)
{
    size_t first = strlen(a->buf) + 1; /* skip the old argv[0] */
    size_t extra = strlen(interp) + 1 + (arg ? strlen(arg) + 1 : 0) + strlen(path) + 1;
    size_t rest = a->argc ? a->used - first : a->used;
    char *tail;

    if (a->used - (a->argc ? first : 0) + extra > EXEC_ARGS_MAX)
        return -E2BIG;
    tail = a->buf + (a->argc ? first : 0);
    memmove(a->buf + extra, tail, rest);
    a->used = extra + rest;
    tail = a->buf;
    strcpy(tail, interp);
    tail += strlen(interp) + 1;
    if (arg) {
        strcpy(tail, arg);
        tail += strlen(arg) + 1;
    }
    strcpy(tail, path);
    a->argc = a->argc - (a->argc ? 1 : 0) + (arg ? 3 : 2);
    return 0;
}

static int read_exact(struct file *f, void *buf, size_t n, uint64_t off)
{
    long r = vfs_pread(f, buf, n, off);

    return r == (long)n ? 0 : (r < 0 ? (int)r : -ENOEXEC);
}

static int check_elf(const struct elf32_ehdr *eh)
{
    if (memcmp(eh->e_ident, ELFMAG, 4) != 0)
        return -ENOEXEC;
    if (eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB || eh->e_type != ET_EXEC ||
        eh->e_machine != EM_386 || eh->e_phentsize != sizeof(struct elf32_phdr) ||
        eh->e_phnum == 0 || eh->e_phnum > PHDR_MAX || eh->e_entry >= USER_TOP)
        return -ENOEXEC;
    return 0;
}

/* Build the new address space from the ELF file; *entry and the brk are set. */
static int load_elf(struct file *f, struct vm_space *vm, uint32_t *entry, uint32_t *phdr_addr,
                    uint32_t *phnum)
{
    struct elf32_ehdr eh;
    struct elf32_phdr ph[PHDR_MAX];
    uintptr_t top = 0;
    int err;

    if ((err = read_exact(f, &eh, sizeof eh, 0)) < 0 || (err = check_elf(&eh)) < 0)
        return err;
    if ((err = read_exact(f, ph, eh.e_phnum * sizeof ph[0], eh.e_phoff)) < 0)
        return err;
    *phdr_addr = 0;
    for (int i = 0; i < eh.e_phnum; i++) {
        const struct elf32_phdr *p = &ph[i];
        uintptr_t start, end;
        unsigned flags = VM_PRIVATE;
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        if (p->p_filesz > p->p_memsz || p->p_vaddr < PAGE_SIZE ||
            p->p_vaddr + p->p_memsz < p->p_vaddr || p->p_vaddr + p->p_memsz > USER_TOP ||
            (p->p_vaddr - p->p_offset) % PAGE_SIZE != 0 ||
            p->p_offset + p->p_filesz < p->p_offset || p->p_offset + p->p_filesz > f->inode->size)
            return -ENOEXEC;
        start = PAGE_ALIGN_DOWN(p->p_vaddr);
        end = PAGE_ALIGN_UP(p->p_vaddr + p->p_memsz);
        flags |= (p->p_flags & PF_R ? VM_READ : 0) | (p->p_flags & PF_W ? VM_WRITE : 0) |
                 (p->p_flags & PF_X ? VM_EXEC : 0);
        err = vm_map(vm, start, end - start, flags, p->p_filesz ? f : NULL,
                     PAGE_ALIGN_DOWN(p->p_offset), (p->p_vaddr - start) + p->p_filesz);
        if (err < 0)
            return err == -EINVAL ? -ENOEXEC : err;
        if (p->p_offset <= eh.e_phoff && eh.e_phoff < p->p_offset + p->p_filesz)
            *phdr_addr = p->p_vaddr + (eh.e_phoff - p->p_offset);
        if (end > top)
            top = end;
    }
    if (!top)
        return -ENOEXEC;
    if ((err = vm_brk_init(vm, top)) < 0)
        return err;
    *entry = eh.e_entry;
    *phnum = eh.e_phnum;
    return 0;
}

/* Lay out argc, argv, envp, auxv and the strings on the (active) new stack. */
static int build_stack(struct exec_args *a, uint32_t entry, uint32_t phdr, uint32_t phnum,
                       uint32_t *sp_out)
{
    uint32_t nptrs = 1 + (uint32_t)a->argc + 1 + (uint32_t)a->envc + 1 + 2 * 5;
    uint32_t strings = (USER_TOP - (uint32_t)a->used) & ~3u;
    uint32_t sp = (strings - nptrs * 4) & ~15u;
    uint32_t *vec = kmalloc(nptrs * 4), k = 0, at = strings;
    int err;

    if (!vec)
        return -ENOMEM;
    vec[k++] = (uint32_t)a->argc;
    for (int i = 0; i < a->argc + a->envc; i++) {
        if (i == a->argc)
            vec[k++] = 0;
        vec[k++] = at;
        at += (uint32_t)strlen(a->buf + (at - strings)) + 1;
    }
    if (a->argc + a->envc == a->argc)
        vec[k++] = 0;
    vec[k++] = 0;
    vec[k++] = AT_PAGESZ, vec[k++] = PAGE_SIZE;
    vec[k++] = AT_ENTRY, vec[k++] = entry;
    vec[k++] = AT_PHDR, vec[k++] = phdr;
    vec[k++] = AT_PHNUM, vec[k++] = phnum;
    vec[k++] = AT_NULL, vec[k++] = 0;
    err = copy_to_user((void *)strings, a->buf, a->used);
    if (!err)
        err = copy_to_user((void *)sp, vec, k * 4);
    kfree(vec);
    *sp_out = sp;
    return err;
}

/* Bytes of a's argument strings (with their NULs) that /proc/<pid>/cmdline keeps. */
static size_t argv_bytes(const struct exec_args *a)
{
    size_t len = 0;

    for (int i = 0; i < a->argc && len < PROC_CMDLINE_MAX; i++)
        len += strlen(a->buf + len) + 1;
    return len < PROC_CMDLINE_MAX ? len : PROC_CMDLINE_MAX;
}

static int do_exec(char *path, struct exec_args *a, int depth)
{
    struct process *p = current_process();
    struct task *t = current_task();
    struct path_ctx ctx;
    struct cred cred;
    struct file *f;
    struct vm_space *vm, *old;
    struct trap_frame *tf;
    uint32_t entry, phdr, phnum, sp;
    char head[128], *cmdline;
    size_t cmdline_len;
    long n;
    int err;

    process_path_ctx(p, &ctx, &cred);
    if ((err = vfs_open(path, O_RDONLY, 0, &ctx, &f)) < 0)
        return err;
    if (!S_ISREG(f->inode->mode) || vfs_permission(f->inode, &cred, MAY_EXEC) < 0) {
        file_put(f);
        return -EACCES;
    }
    n = vfs_pread(f, head, sizeof head - 1, 0);
    if (n >= 2 && head[0] == '#' && head[1] == '!') {
        char *interp, *arg = NULL, *e;
        file_put(f);
        if (depth >= SCRIPT_DEPTH_MAX)
            return -ELOOP;
        head[n] = '\0';
        e = strchr(head, '\n');
        if (!e)
            return -ENOEXEC; /* the line must end within the first 127 bytes */
        *e = '\0';
        interp = head + 2;
        while (*interp == ' ' || *interp == '\t')
            interp++;
        if (!*interp)
            return -ENOEXEC;
        for (e = interp; *e && *e != ' ' && *e != '\t'; e++)
            ;
        if (*e) {
            *e++ = '\0';
            while (*e == ' ' || *e == '\t')
                e++;
            if (*e)
                arg = e; /* one argument, the rest of the line, as Linux does */
        }
        if ((err = prepend_interpreter(a, interp, arg, path)) < 0)
            return err;
        {
            char ipath[128];
            strlcpy(ipath, interp, sizeof ipath);
            return do_exec(ipath, a, depth + 1);
        }
    }

    vm = vm_create();
    cmdline_len = argv_bytes(a);
    cmdline = kmalloc(cmdline_len ? cmdline_len : 1);
    if (!vm || !cmdline) {
        if (vm)
            vm_destroy(vm);
        kfree(cmdline);
        file_put(f);
        return -ENOMEM;
    }
    memcpy(cmdline, a->buf, cmdline_len);
    /* Set-user-ID and set-group-ID programs run with the file owner's ids
     * (passwd, su); read now, before the file is let go. */
    uint32_t mode = f->inode->mode, owner = f->inode->uid, group = f->inode->gid;
    err = load_elf(f, vm, &entry, &phdr, &phnum);
    if (!err)
        err = vm_map(vm, USER_TOP - STACK_SIZE_INITIAL, STACK_SIZE_INITIAL,
                     VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0, 0);
    file_put(f); /* the mappings hold their own references */
    if (err < 0) {
        vm_destroy(vm);
        kfree(cmdline);
        return err;
    }

    /* Point of no return: the old program is gone after this. */
    process_set_cmdline(p, cmdline, (uint32_t)cmdline_len);
    old = p->vm;
    process_set_vm(p, vm);
    vm_activate(vm);
    if (old)
        vm_destroy(old);
    if (build_stack(a, entry, phdr, phnum, &sp) < 0) {
        kprintf("exec: %s: cannot build the stack; process %d killed\n", path, p->pid);
        process_exit(W_EXITCODE(0, SIGSEGV));
    }
    if (mode & S_ISUID)
        p->euid = owner;
    if (mode & S_ISGID)
        p->egid = group;
    fd_close_on_exec(p);
    signal_exec(p);
    fpu_reset_current(t);
    {
        const char *base = strrchr(path, '/');
        strlcpy(p->name, base ? base + 1 : path, sizeof p->name);
        strlcpy(t->name, p->name, sizeof t->name);
    }
    tf = (struct trap_frame *)((uint8_t *)task_stack_top(t) - sizeof *tf);
    memset(tf, 0, sizeof *tf);
    tf->cs = SEL_USER_CODE;
    tf->ds = tf->es = tf->fs = tf->gs = tf->user_ss = SEL_USER_DATA;
    tf->eip = entry;
    tf->user_esp = sp;
    tf->eflags = EFLAGS_IF | EFLAGS_RESERVED;
    return 0;
}

static int exec_common(const char *path, const char *const *argv, const char *const *envp,
                       int user)
{
    struct exec_args a = {0};
    char *kpath = kmalloc(PATH_MAX);
    int err;

    a.buf = kmalloc(EXEC_ARGS_MAX);
    if (!a.buf || !kpath) {
        kfree(a.buf);
        kfree(kpath);
        return -ENOMEM;
    }
    if (user) {
        long n = strncpy_from_user(kpath, path, PATH_MAX);
        err = n < 0 ? (int)n : 0;
    } else {
        strlcpy(kpath, path, PATH_MAX);
        err = 0;
    }
    if (!err && (err = add_vector(&a, argv, user)) >= 0) {
        a.argc = err;
        if ((err = add_vector(&a, envp, user)) >= 0) {
            a.envc = err;
            err = do_exec(kpath, &a, 0);
        }
    }
    kfree(a.buf);
    kfree(kpath);
    return err;
}

int exec_user(const char *upath, const char *const *uargv, const char *const *uenvp)
{
    return exec_common(upath, uargv, uenvp, 1);
}

int exec_kernel(const char *path, const char *const *argv, const char *const *envp)
{
    return exec_common(path, argv, envp, 0);
}
