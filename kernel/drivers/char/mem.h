/*
 * mem.h - /dev/null, zero, full, random, urandom, console and ttyS0.
 */
#ifndef DRIVERS_CHAR_MEM_H
#define DRIVERS_CHAR_MEM_H

void mem_devices_init(void);

#endif
