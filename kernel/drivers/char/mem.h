/*
 * mem.h - /dev/null, zero, full, random and urandom.
 */
#ifndef DRIVERS_CHAR_MEM_H
#define DRIVERS_CHAR_MEM_H

void mem_devices_init(void);

#endif
