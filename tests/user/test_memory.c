/*
 * test_memory.c - a process's memory: the loaded image (data initialized,
 * bss zeroed, code and constants read-only), the program break (brk, sbrk),
 * malloc on top of it, a large heap buffer touched page by page, a large
 * stack frame, anonymous mappings, and copy-on-write across fork.
 */
#define UTEST_SUITE "memory"
#include "utest.h"

#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#define PAGE 4096

static int data_word = 0x12345678;
static char data_text[] = "initialized data";
static uint32_t bss_words[64 * 1024 / 4]; /* 64 KiB: spans many pages of the bss */
static const char rodata_text[] = "read-only";

UTEST(data_is_initialized)
{
    UT_ASSERT_EQ(data_word, 0x12345678);
    UT_ASSERT_STR(data_text, "initialized data");
    data_word = 7; /* and writable */
    UT_ASSERT_EQ(data_word, 7);
}

UTEST(bss_is_zero)
{
    for (size_t i = 0; i < sizeof bss_words / sizeof bss_words[0]; i++)
        if (bss_words[i] != 0)
            UT_ASSERT_MSG(0, "bss word %zu is %#x", i, bss_words[i]);
    bss_words[0] = bss_words[sizeof bss_words / sizeof bss_words[0] - 1] = 1;
    UT_ASSERT_EQ(bss_words[0], 1);
}

UTEST(rodata_is_read_only)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        /* Through an integer: the compiler must not see (or drop) a write to a constant. */
        volatile uintptr_t addr = (uintptr_t)rodata_text;
        *(volatile char *)addr = 'X';
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGSEGV);
    UT_ASSERT_STR(rodata_text, "read-only");
}

UTEST(the_break_starts_above_the_image)
{
    extern char _end[]; /* user/user.ld: the page-aligned end of the bss */
    char *brk0 = sbrk(0);

    UT_ASSERT(brk0 != (void *)-1);
    UT_ASSERT((uintptr_t)brk0 >= (uintptr_t)_end);
    UT_ASSERT((uintptr_t)brk0 < 0xC0000000u);
}

UTEST(sbrk_grows_and_shrinks)
{
    char *start = sbrk(0), *p;

    UT_ASSERT(start != (void *)-1);
    p = sbrk(3 * PAGE);
    UT_ASSERT(p == start);
    UT_ASSERT(sbrk(0) == start + 3 * PAGE);
    for (int i = 0; i < 3 * PAGE; i++)
        p[i] = (char)i;
    for (int i = 0; i < 3 * PAGE; i++)
        if (p[i] != (char)i)
            UT_ASSERT_MSG(0, "byte %d of the new break area reads %d", i, p[i]);
    UT_ASSERT(sbrk(-2 * PAGE) == start + 3 * PAGE);
    UT_ASSERT(sbrk(0) == start + PAGE);
    UT_ASSERT_EQ(p[PAGE - 1], (char)(PAGE - 1)); /* what was kept is intact */
    UT_ASSERT_EQ(brk(start), 0);
    UT_ASSERT(sbrk(0) == start);
}

UTEST(brk_grows_with_zeroed_pages)
{
    char *start = sbrk(0);
    /* The first whole page above the break: bytes below it, in the break's own page,
       may hold what the heap left there. */
    char *page = (char *)(((uintptr_t)start + PAGE - 1) & ~(uintptr_t)(PAGE - 1));

    UT_ASSERT_EQ(brk(page + 5 * PAGE + 100), 0);
    for (int i = 0; i < 5 * PAGE + 100; i += 97)
        UT_ASSERT_EQ(page[i], 0);
    memset(page, 0xaa, 5 * PAGE + 100);
    /* Pages given back and taken again come back zeroed, not with the old data. */
    UT_ASSERT_EQ(brk(page), 0);
    UT_ASSERT_EQ(brk(page + 2 * PAGE), 0);
    for (int i = 0; i < 2 * PAGE; i += 61)
        UT_ASSERT_EQ(page[i], 0);
    UT_ASSERT_EQ(brk(start), 0);
}

UTEST(brk_into_the_kernel_fails)
{
    char *start = sbrk(0);

    UT_ASSERT_ERRNO(brk((void *)0xC0001000), ENOMEM);
    UT_ASSERT_ERRNO(brk((void *)0xFFFFF000), ENOMEM);
    UT_ASSERT(sbrk(0) == start); /* unchanged */
}

UTEST(malloc_many_sizes)
{
    enum { N = 200 };
    unsigned char *blocks[N];
    size_t sizes[N];

    for (int i = 0; i < N; i++) {
        sizes[i] = (size_t)((i * 7919) % 5000) + 1;
        blocks[i] = malloc(sizes[i]);
        UT_ASSERT_MSG(blocks[i] != NULL, "malloc(%zu) failed", sizes[i]);
        UT_ASSERT_EQ((uintptr_t)blocks[i] % 16, 0);
        memset(blocks[i], i & 0xff, sizes[i]);
    }
    /* No block overlaps another: every byte still holds its block's number. */
    for (int i = 0; i < N; i++)
        for (size_t j = 0; j < sizes[i]; j++)
            if (blocks[i][j] != (i & 0xff))
                UT_ASSERT_MSG(0, "block %d byte %zu was overwritten", i, j);
    for (int i = 0; i < N; i += 2)
        free(blocks[i]);
    for (int i = 0; i < N; i += 2) {
        blocks[i] = malloc(sizes[i]);
        UT_ASSERT(blocks[i] != NULL);
        memset(blocks[i], i & 0xff, sizes[i]);
    }
    for (int i = 1; i < N; i += 2)
        for (size_t j = 0; j < sizes[i]; j++)
            if (blocks[i][j] != (i & 0xff))
                UT_ASSERT_MSG(0, "block %d byte %zu was overwritten", i, j);
    for (int i = 0; i < N; i++)
        free(blocks[i]);
}

UTEST(calloc_and_realloc)
{
    unsigned char *p = calloc(1000, 4), *q;

    UT_ASSERT(p != NULL);
    for (int i = 0; i < 4000; i++)
        UT_ASSERT_EQ(p[i], 0);
    for (int i = 0; i < 4000; i++)
        p[i] = (unsigned char)(i * 3);
    q = realloc(p, 100000);
    UT_ASSERT(q != NULL);
    for (int i = 0; i < 4000; i++)
        UT_ASSERT_EQ(q[i], (unsigned char)(i * 3));
    free(q);
    q = calloc(SIZE_MAX / 2, 4); /* the size overflows */
    UT_ASSERT(q == NULL && errno == ENOMEM);
    q = malloc(SIZE_MAX - 8);
    UT_ASSERT(q == NULL && errno == ENOMEM);
}

UTEST(buffer_of_4_mib_touched_page_by_page)
{
    const size_t size = 4 << 20;
    unsigned char *buf = malloc(size);

    UT_ASSERT(buf != NULL);
    for (size_t off = 0; off < size; off += PAGE)
        *(uint32_t *)(buf + off) = (uint32_t)(off / PAGE) ^ 0x5a5a0000u;
    for (size_t off = 0; off < size; off += PAGE)
        if (*(uint32_t *)(buf + off) != ((uint32_t)(off / PAGE) ^ 0x5a5a0000u))
            UT_ASSERT_MSG(0, "page %zu lost its value", off / PAGE);
    buf[size - 1] = 1;
    UT_ASSERT_EQ(buf[size - 1], 1);
    free(buf);
}

/* noinline: the 64 KiB frame must really be on the stack at run time. */
static __attribute__((noinline)) uint32_t big_stack_frame(uint32_t seed)
{
    volatile uint32_t words[64 * 1024 / 4];
    uint32_t sum = 0;

    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        words[i] = seed + (uint32_t)i;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        sum += words[i];
    return sum;
}

UTEST(stack_array_of_64_kib)
{
    const uint32_t n = 64 * 1024 / 4;
    uint32_t want = 3 * n + n * (n - 1) / 2;

    UT_ASSERT_EQ(big_stack_frame(3), want);
}

static __attribute__((noinline)) int recurse(int depth)
{
    volatile char pad[512];
    volatile int result;

    pad[0] = (char)depth;
    result = depth == 0 ? 0 : recurse(depth - 1) + 1;
    /* Reading the frame after the call keeps it alive: no tail call, no loop. */
    return pad[0] == (char)depth ? result : -1000000;
}

UTEST(deep_recursion_of_128_kib)
{
    UT_ASSERT_EQ(recurse(256), 256); /* 256 frames of a little over 512 bytes */
}

UTEST(anonymous_mapping)
{
    const size_t size = 16 * PAGE;
    unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);

    UT_ASSERT(p != MAP_FAILED);
    UT_ASSERT_EQ((uintptr_t)p % PAGE, 0);
    for (size_t i = 0; i < size; i += 128)
        UT_ASSERT_EQ(p[i], 0);
    for (size_t i = 0; i < size; i++)
        p[i] = (unsigned char)i;
    UT_ASSERT_EQ(p[size - 1], (unsigned char)(size - 1));
    UT_ASSERT_EQ(munmap(p, size), 0);
}

UTEST(munmapped_memory_faults)
{
    unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    pid_t pid;

    UT_ASSERT(p != MAP_FAILED);
    UT_ASSERT_EQ(munmap(p, PAGE), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        *(volatile unsigned char *)p = 1;
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGSEGV);
}

UTEST(mprotect_read_only_faults_on_write)
{
    unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    pid_t pid;

    UT_ASSERT(p != MAP_FAILED);
    p[0] = 42;
    UT_ASSERT_EQ(mprotect(p, PAGE, PROT_READ), 0);
    UT_ASSERT_EQ(p[0], 42); /* still readable */
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        *(volatile unsigned char *)p = 1;
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGSEGV);
    UT_ASSERT_EQ(munmap(p, PAGE), 0);
}

UTEST(mmap_errors)
{
    UT_ASSERT(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
              errno == EINVAL);
    UT_ASSERT(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED && errno == EBADF);
    UT_ASSERT(mmap((void *)0xC0000000, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                   -1, 0) == MAP_FAILED);
}

UTEST(fork_copies_memory_and_writes_stay_private)
{
    static int global = 1000;
    int local = 2000;
    int *heap = malloc(sizeof *heap);
    int to_child[2], to_parent[2];
    char c;
    pid_t pid;

    UT_ASSERT(heap != NULL);
    *heap = 3000;
    UT_ASSERT_EQ(pipe(to_child), 0);
    UT_ASSERT_EQ(pipe(to_parent), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        /* 1: the copy was wrong; 2: the parent's later writes leaked in. */
        volatile int *g = &global, *l = &local, *h = heap;
        if (*g != 1000 || *l != 2000 || *h != 3000)
            _exit(1);
        *g = 1001;
        *l = 2001;
        *h = 3001;
        if (write(to_parent[1], "w", 1) != 1 || read(to_child[0], &c, 1) != 1)
            _exit(3);
        _exit(*g == 1001 && *l == 2001 && *h == 3001 ? 0 : 2);
    }
    /* Wait until the child has written its copies, then write ours. */
    UT_ASSERT_EQ(read(to_parent[0], &c, 1), 1);
    UT_ASSERT_EQ(global, 1000);
    UT_ASSERT_EQ(local, 2000);
    UT_ASSERT_EQ(*heap, 3000);
    global = 1002;
    local = 2002;
    *heap = 3002;
    UT_ASSERT_EQ(write(to_child[1], "p", 1), 1);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    UT_ASSERT_EQ(global, 1002);
    UT_ASSERT_EQ(*heap, 3002);
    free(heap);
    close(to_child[0]);
    close(to_child[1]);
    close(to_parent[0]);
    close(to_parent[1]);
}

UTEST(fork_copies_a_large_heap)
{
    const size_t size = 1 << 20;
    unsigned char *buf = malloc(size);
    pid_t pid;

    UT_ASSERT(buf != NULL);
    for (size_t i = 0; i < size; i += PAGE)
        buf[i] = (unsigned char)(i / PAGE);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        for (size_t i = 0; i < size; i += PAGE) {
            if (buf[i] != (unsigned char)(i / PAGE))
                _exit(1);
            buf[i] = 0xff;
        }
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
    for (size_t i = 0; i < size; i += PAGE)
        UT_ASSERT_EQ(buf[i], (unsigned char)(i / PAGE));
    free(buf);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
