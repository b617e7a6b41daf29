/*
 * input_ring.c - see input_ring.h.
 */
#include <drivers/char/input_ring.h>

int input_ring_getc(struct input_ring *r)
{
    int c = -1;

    spin_lock(&r->lock);
    if (r->head != r->tail)
        c = (unsigned char)r->buf[r->tail++ % INPUT_RING_SIZE];
    spin_unlock(&r->lock);
    return c;
}

/* Hand what the ring holds to the receiver, in order. deliver_lock held. */
static void pass_to_receiver(struct input_ring *r)
{
    int c;

    while (r->receiver && (c = input_ring_getc(r)) >= 0)
        r->receiver((uint8_t)c);
}

void input_ring_put(struct input_ring *r, const char *bytes, int n)
{
    spin_lock(&r->lock);
    for (int i = 0; i < n && r->head - r->tail < INPUT_RING_SIZE; i++)
        r->buf[r->head++ % INPUT_RING_SIZE] = bytes[i]; /* when full, new input is dropped */
    spin_unlock(&r->lock);
    spin_lock(&r->deliver_lock);
    pass_to_receiver(r);
    spin_unlock(&r->deliver_lock);
}

void input_ring_set_receiver(struct input_ring *r, void (*fn)(uint8_t c))
{
    spin_lock(&r->deliver_lock);
    r->receiver = fn;
    pass_to_receiver(r); /* what was typed before goes first */
    spin_unlock(&r->deliver_lock);
}
