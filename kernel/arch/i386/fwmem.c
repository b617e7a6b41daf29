/*
 * fwmem.c - physical memory for the firmware-table readers (smp_tables.h).
 *
 * Below 768 MiB the direct map may already cover the range (the BIOS areas
 * always; ACPI tables when they sit in RAM the kernel maps); anything else,
 * such as ACPI tables at the top of a 3 GiB machine, gets a temporary vmap
 * mapping, released by fwmem_unmap.
 */
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/smp_tables.h>
#include <stddef.h>

#define FOUR_GIB 0x100000000ull

/*
 * True when the direct map covers [pa, pa + len): it is contiguous from 0,
 * so the last byte says.
 */
static bool direct_mapped(uint64_t pa, uint32_t len)
{
    uintptr_t got;

    return pa + len <= DIRECT_MAP_SIZE &&
           paging_translate(paging_kernel_pgdir(), (uintptr_t)P2V(pa + len - 1), &got) == 0;
}

const void *fwmem_map(uint64_t pa, uint32_t len)
{
    if (len == 0 || pa + len > FOUR_GIB)
        return NULL;
    if (direct_mapped(pa, len))
        return P2V(pa);
    if (pa + len > FOUR_GIB - PAGE_SIZE) /* ioremap's page rounding would wrap */
        return NULL;
    return ioremap((uintptr_t)pa, len);
}

void fwmem_unmap(const void *va, uint32_t len)
{
    uintptr_t v = (uintptr_t)va;

    if (v >= VMAP_BASE && v < VMAP_BASE + VMAP_SIZE)
        vmap_free(PAGE_ALIGN_DOWN(v), (uint32_t)((PAGE_ALIGN_UP(v + len) - PAGE_ALIGN_DOWN(v)) /
                                                 PAGE_SIZE));
}
