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

/* A fault at most this far below a VM_GROWSDOWN region extends it ... */
#define VM_STACK_GROW_MAX (64u * 1024)
/* ... up to this size, and vm_find_free leaves that much room below a stack. */
#define VM_STACK_MAX (8u * 1024 * 1024)

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
    uint32_t pages;         /* user pages mapped (shared ones too): the out-of-memory killer's measure */
    uint32_t cpu_mask;      /* CPUs with it loaded in CR3 (bit = cpu id), atomic: TLB shootdown */
};

struct vm_space *vm_create(void);
void vm_destroy(struct vm_space *vm);
/* A copy for fork: the same regions, pages shared copy-on-write. NULL on ENOMEM. */
struct vm_space *vm_clone(struct vm_space *vm);

/*
 * vm_activate(NULL) loads the kernel's directory (no user space). The space
 * loaded is this_cpu()->vm, the one the user copies and faults work on; the
 * scheduler activates the next task's space (or NULL) on every switch.
 * vm_destroy of the space loaded on this CPU switches to the kernel's first.
 */

/* Make vm the current task's space and load its page directory on this CPU. */
void vm_activate(struct vm_space *vm);
/* Only load it (the scheduler, switching to a task with its space). */
void vm_load(struct vm_space *vm);
/* Load the kernel's page directory: vm_activate(NULL). */
void vm_deactivate(void);

/*
 * Regions: start is page-aligned and at least PAGE_SIZE (page 0 stays
 * unmapped so that NULL faults), len is rounded up to pages. A file mapping
 * needs VM_PRIVATE (shared mappings are not supported), a page-aligned offset
 * and a file open for reading; the region takes its own reference (file_ref).
 * vm_unmap and vm_protect take a page-aligned start and -EINVAL otherwise;
 * vm_protect's flags are VM_READ|VM_WRITE|VM_EXEC (none: no access) and it
 * returns -ENOMEM when part of the range is not mapped.
 */

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
 * Place the (empty) heap at start rounded up to a page: exec calls it after
 * mapping the program. Until then vm_brk fails and returns 0. The heap is the
 * anonymous read-write memory [brk_start, brk rounded up to a page).
 */
int vm_brk_init(struct vm_space *vm, uintptr_t start);

/*
 * Resolve a page fault at addr (write: the access was a write; user: from user
 * mode). 0 when the page is now present, -EFAULT when the access is invalid
 * (the caller raises SIGSEGV or, for the kernel's user copies, returns EFAULT),
 * -ENOMEM when memory ran out.
 */
int vm_fault(struct vm_space *vm, uintptr_t addr, int write);
/* The same, vm->lock held by the caller. Both give -EIO when a file page cannot be read. */
int vm_fault_locked(struct vm_space *vm, uintptr_t addr, int write);

struct trap_frame;
/*
 * The page-fault handler (vector 14), with cr2 still the fault address. A fault
 * from user mode goes to vm_fault on this CPU's space; a fault from kernel mode
 * is resolved only inside a user copy at a user address (else it is a kernel
 * bug). 0 when the faulting code may go on (the page is present now, or a user
 * copy was redirected to return -EFAULT); otherwise the caller panics (kernel
 * mode) or signals the process (user mode).
 */
int vm_page_fault(struct trap_frame *tf);

/*
 * The copies return 0 (strncpy_from_user: the string's length without the NUL)
 * or -EFAULT: for a range that wraps or reaches USER_TOP, with no space loaded,
 * or when a page cannot be made present (unmapped, no permission, no memory).
 * They hold the space's lock (a mutex) while copying: call them with
 * interrupts on, no spinlock and no file-system lock held. The kernel-side
 * buffer must be kernel memory.
 */

/*
 * Copies between kernel memory and the current address space. A bad user
 * pointer (unmapped, kernel address, not writable) gives -EFAULT, never a panic.
 */
int copy_from_user(void *dst, const void *user_src, size_t n);
int copy_to_user(void *user_dst, const void *src, size_t n);
/* Copy a NUL-terminated string of at most max bytes (with the NUL); -ENAMETOOLONG past it. */
long strncpy_from_user(char *dst, const char *user_src, size_t max);

#endif
