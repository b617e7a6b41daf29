/*
 * input_ring.h - bytes a character device received in its interrupt
 * handler, waiting for whoever reads them: the serial port and the PS/2
 * keyboard use one each.
 *
 * The interrupt handler puts bytes in (when the ring is full, new ones are
 * dropped) and then hands everything waiting to the receiver, if one is set
 * (the terminal that is open on the device); without a receiver the bytes
 * wait for input_ring_getc (the kernel monitor's polling read). Setting a
 * receiver first hands it what was typed before.
 */
#ifndef DRIVERS_CHAR_INPUT_RING_H
#define DRIVERS_CHAR_INPUT_RING_H

#include <arch/i386/lock_order.h>
#include <arch/i386/spinlock.h>
#include <stdint.h>

#define INPUT_RING_SIZE 1024

struct input_ring {
    struct spinlock lock; /* guards buf, head and tail */
    char buf[INPUT_RING_SIZE];
    uint32_t head, tail; /* free-running; head - tail bytes are waiting */
    /* Guards receiver and keeps bytes in order on their way to it: whoever
     * drains the ring into the receiver holds it throughout. */
    struct spinlock deliver_lock;
    void (*receiver)(uint8_t c);
};

/* A ring whose locks are named NAME_rx and NAME_deliver; deliver_rank per docs/locking.md. */
#define INPUT_RING_INIT(name, deliver_rank)                                                        \
    {                                                                                              \
        .lock = SPINLOCK_INIT_RANKED(name "_rx", RANK_LEAF),                                       \
        .deliver_lock = SPINLOCK_INIT_RANKED(name "_deliver", deliver_rank),                       \
    }

/* Store n bytes (from an interrupt handler), then deliver what is waiting. */
void input_ring_put(struct input_ring *r, const char *bytes, int n);
/* The next waiting byte, or -1. */
int input_ring_getc(struct input_ring *r);
/* Deliver every byte to fn from now on (NULL: keep them for input_ring_getc). */
void input_ring_set_receiver(struct input_ring *r, void (*fn)(uint8_t c));

#endif
