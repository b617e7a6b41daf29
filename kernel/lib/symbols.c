/*
 * symbols.c - address-to-name lookup over the kernel's ELF symbol table.
 *
 * Stage 2 copies .symtab and .strtab after the kernel image; this file only
 * reads them. A lookup is a linear scan for the function symbol with the
 * greatest start address not above the address: slow, but it runs only when a
 * backtrace is printed.
 */
#include <elf.h>
#include <lib/symbols.h>
#include <stddef.h>

static const struct elf32_sym *syms;
static uint32_t nsyms;
static const char *strs;
static uint32_t strs_size;

void ksym_init(const void *symtab, uint32_t symtab_size, const char *strtab,
               uint32_t strtab_size)
{
    syms = symtab;
    nsyms = symtab_size / sizeof(struct elf32_sym);
    strs = strtab;
    strs_size = strtab_size;
}

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
    const struct elf32_sym *best = NULL;

    for (uint32_t i = 0; i < nsyms; i++) {
        const struct elf32_sym *s = &syms[i];
        if (ELF32_ST_TYPE(s->st_info) != STT_FUNC || s->st_value > addr ||
            s->st_name >= strs_size)
            continue;
        if (!best || s->st_value > best->st_value)
            best = s;
    }
    if (!best || (best->st_size && addr >= best->st_value + best->st_size + 0x1000))
        return NULL; /* far past the nearest function: not in the kernel's code */
    *offset = addr - best->st_value;
    return strs + best->st_name;
}
