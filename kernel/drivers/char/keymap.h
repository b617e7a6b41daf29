/*
 * keymap.h - PC keyboard scancodes (set 1) to the bytes a terminal sends,
 * for a US layout (keymap.c).
 */
#ifndef DRIVERS_CHAR_KEYMAP_H
#define DRIVERS_CHAR_KEYMAP_H

#include <stdbool.h>
#include <stdint.h>

#define KEYMAP_MAX_BYTES 8 /* the longest result: ESC plus an escape sequence */

/* What earlier scancodes left behind: held modifiers, locks, a pending prefix. */
struct keymap_state {
    bool shift_left, shift_right, ctrl_left, ctrl_right, alt_left, alt_right;
    bool caps_lock, num_lock;
    bool extended; /* the last byte was the 0xE0 prefix */
    int skip;      /* bytes left of a Pause key's 0xE1 sequence */
};

/*
 * Feed one scancode byte; store the bytes it types in out and return their
 * number (0 for prefixes, releases, modifiers and keys that type nothing).
 */
int keymap_translate(struct keymap_state *st, uint8_t code, char out[KEYMAP_MAX_BYTES]);

#endif
