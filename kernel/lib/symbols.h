/*
 * symbols.h - the kernel's own symbol table, for backtraces with function names.
 */
#ifndef LIB_SYMBOLS_H
#define LIB_SYMBOLS_H

#include <stdint.h>

/* Use the ELF .symtab/.strtab that stage 2 loaded (kernel virtual addresses). */
void ksym_init(const void *symtab, uint32_t symtab_size, const char *strtab,
               uint32_t strtab_size);
/* The function containing addr and addr's offset in it; NULL when unknown. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);

#endif
