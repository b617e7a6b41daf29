/*
 * qsort.c - qsort as a heapsort: O(n log n) in every case, no recursion and
 * no extra memory, which matters more here than the speed of a tuned
 * quicksort. Not stable (C does not ask for it).
 */
#include <stddef.h>
#include <stdlib.h>

static void swap_bytes(char *a, char *b, size_t n)
{
    while (n--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Restore the max-heap property below root, in a heap of count elements. */
static void sift_down(char *base, size_t size, size_t root, size_t count,
                      int (*compare)(const void *, const void *))
{
    for (;;) {
        size_t child = 2 * root + 1;

        if (child >= count)
            return;
        if (child + 1 < count && compare(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (compare(base + root * size, base + child * size) >= 0)
            return;
        swap_bytes(base + root * size, base + child * size, size);
        root = child;
    }
}

void qsort(void *array, size_t count, size_t size, int (*compare)(const void *, const void *))
{
    char *base = array;

    if (count < 2 || size == 0)
        return;
    for (size_t i = count / 2; i-- > 0;)
        sift_down(base, size, i, count, compare);
    for (size_t end = count - 1; end > 0; end--) {
        swap_bytes(base, base + end * size, size);
        sift_down(base, size, 0, end, compare);
    }
}
