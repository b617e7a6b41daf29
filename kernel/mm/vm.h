/*
 * vm.h - user address spaces: a page directory per process whose kernel half
 * is shared with every other, and a list of regions (mappings) describing
 * what each range of user addresses holds. Pages are made present lazily, on
 * the first fault (demand zero, file contents, copy-on-write after fork).
 * See docs/processes.md.
 *
 * Lock: each struct vm_space has its own mutex, `lock`, guarding its regions
 * and page tables; page reference counts are in the page allocator
 * (pmm_page_ref/pmm_page_unref).
 */
#ifndef MM_VM_H
#define MM_VM_H

#include <arch/i386/paging.h>
#include <proc/mutex.h>
#include <stdint.h>

struct file;

#define VM_READ 0x1
#define VM_WRITE 0x2
#define VM_EXEC 0x4
#define VM_GROWSDOWN 0x10 /* a stack: faults just below it extend it */
#define VM_PRIVATE 0x20   /* file-backed, copy on write (MAP_PRIVATE) */

struct vm_region {
    uintptr_t start, end;   /* page-aligned, [start, end) */
    unsigned flags;         /* VM_* */
    struct file *file;      /* NULL for anonymous memory; referenced */
    uint64_t file_offset;   /* of start, page-aligned */
    uint64_t file_size;     /* bytes of the file mapped from file_offset; the rest is zero */
    struct vm_region *next; /* sorted by start */
};

struct vm_space {
    pde_t *pgdir;           /* kernel virtual address of the page directory */
    struct vm_region *regions;
    uintptr_t brk_start, brk; /* the heap: [brk_start, brk) */
    struct mutex lock;
};

struct vm_space *vm_create(void);
void vm_destroy(struct vm_space *vm);
/* A copy for fork: the same regions, pages shared copy-on-write. NULL on ENOMEM. */
struct vm_space *vm_clone(struct vm_space *vm);
/* Load vm's page directory on this CPU. */
void vm_activate(struct vm_space *vm);

/* Add a region; -EINVAL when it overlaps another or leaves user space, -ENOMEM. */
int vm_map(struct vm_space *vm, uintptr_t start, uintptr_t len, unsigned flags,
           struct file *file, uint64_t offset, uint64_t file_size);
/* Remove [start, start + len) (splitting regions as needed) and free its pages. */
int vm_unmap(struct vm_space *vm, uintptr_t start, uintptr_t len);
int vm_protect(struct vm_space *vm, uintptr_t start, uintptr_t len, unsigned flags);
/* A free range of len bytes for mmap without a hint (searching down from the stack). */
uintptr_t vm_find_free(struct vm_space *vm, uintptr_t len);
/* Move the end of the heap; returns the new break (unchanged on failure). */
uintptr_t vm_brk(struct vm_space *vm, uintptr_t new_brk);

/*
 * Resolve a page fault at addr (write: the access was a write; user: from user
 * mode). 0 when the page is now present, -EFAULT when the access is invalid
 * (the caller raises SIGSEGV or, for the kernel's user copies, returns EFAULT),
 * -ENOMEM when memory ran out.
 */
int vm_fault(struct vm_space *vm, uintptr_t addr, int write);

/*
 * Copies between kernel memory and the current address space. A bad user
 * pointer (unmapped, kernel address, not writable) gives -EFAULT, never a panic.
 */
int copy_from_user(void *dst, const void *user_src, size_t n);
int copy_to_user(void *user_dst, const void *src, size_t n);
/* Copy a NUL-terminated string of at most max bytes (with the NUL); -ENAMETOOLONG past it. */
long strncpy_from_user(char *dst, const char *user_src, size_t max);

#endif
