/*
 * ps2kbd.c - the PS/2 keyboard behind the 8042 controller (IBM PC/AT
 * Technical Reference, "Keyboard Controller"; the commands are those every
 * PC chipset's i8042 emulation keeps).
 *
 * Setup leaves the keyboard in the state the firmware gave it (scanning,
 * scancode set 2) and asks the controller to translate to set 1 and to
 * raise IRQ 1 for each byte; the mouse port stays silent. The interrupt
 * reads the scancodes, turns them into bytes (keymap.c) and queues them in
 * a ring buffer, from which they go on to the receiver (the screen
 * terminal, while it is open) or wait for ps2kbd_getc() (the kernel
 * monitor): the same arrangement as the serial port's (serial.c).
 */
#include <arch/i386/io.h>
#include <arch/i386/lock_order.h>
#include <arch/i386/spinlock.h>
#include <arch/i386/trap.h>
#include <drivers/char/keymap.h>
#include <drivers/char/ps2kbd.h>
#include <lib/kprintf.h>
#include <stdbool.h>

#define I8042_DATA 0x60
#define I8042_STATUS 0x64  /* read */
#define I8042_COMMAND 0x64 /* write */

#define STATUS_OUTPUT_FULL 0x01 /* a byte waits in the data port */
#define STATUS_INPUT_FULL 0x02  /* the controller has not taken the last write yet */
#define STATUS_FROM_AUX 0x20    /* the waiting byte is the mouse's */

#define CMD_READ_CONFIG 0x20
#define CMD_WRITE_CONFIG 0x60
#define CMD_DISABLE_AUX 0xa7
#define CMD_DISABLE_KEYBOARD 0xad
#define CMD_ENABLE_KEYBOARD 0xae

#define CONFIG_KEYBOARD_IRQ 0x01
#define CONFIG_AUX_IRQ 0x02
#define CONFIG_KEYBOARD_CLOCK_OFF 0x10
#define CONFIG_TRANSLATE 0x40 /* set 2 from the keyboard becomes set 1 */

#define SPIN_LIMIT 100000 /* polls of the status port before giving up */
#define FLUSH_LIMIT 64    /* stale bytes drained at setup */
#define RX_BUFFER_SIZE 256

/* rx_lock guards rx_buf, rx_head, rx_tail and keys (the decoder state). */
static struct spinlock rx_lock = SPINLOCK_INIT_RANKED("kbd_rx", RANK_LEAF);
static char rx_buf[RX_BUFFER_SIZE];
static uint32_t rx_head, rx_tail; /* free-running; head - tail bytes are waiting */
static struct keymap_state keys;
/* deliver_lock guards receiver and keeps bytes in order on their way to it. */
static struct spinlock deliver_lock = SPINLOCK_INIT_RANKED("kbd_deliver", RANK_KBD_DELIVER);
static void (*receiver)(uint8_t c);

static bool wait_writable(void)
{
    for (int spin = 0; spin < SPIN_LIMIT; spin++)
        if (!(inb(I8042_STATUS) & STATUS_INPUT_FULL))
            return true;
    return false;
}

static bool wait_readable(void)
{
    for (int spin = 0; spin < SPIN_LIMIT; spin++)
        if (inb(I8042_STATUS) & STATUS_OUTPUT_FULL)
            return true;
    return false;
}

static bool command(uint8_t cmd)
{
    if (!wait_writable())
        return false;
    outb(I8042_COMMAND, cmd);
    return true;
}

static void drain_output(void)
{
    for (int i = 0; i < FLUSH_LIMIT && (inb(I8042_STATUS) & STATUS_OUTPUT_FULL); i++)
        (void)inb(I8042_DATA);
}

/* Hand what the ring holds to the receiver, in order. deliver_lock held. */
static void pass_to_receiver(void)
{
    int c;

    while (receiver && (c = ps2kbd_getc()) >= 0)
        receiver((uint8_t)c);
}

static void ps2kbd_irq(struct trap_frame *tf)
{
    uint8_t status;

    (void)tf;
    spin_lock(&rx_lock);
    while ((status = inb(I8042_STATUS)) & STATUS_OUTPUT_FULL) {
        uint8_t code = inb(I8042_DATA);
        char bytes[KEYMAP_MAX_BYTES];
        int n;
        if (status & STATUS_FROM_AUX)
            continue; /* a mouse byte: nobody listens */
        n = keymap_translate(&keys, code, bytes);
        for (int i = 0; i < n && rx_head - rx_tail < RX_BUFFER_SIZE; i++)
            rx_buf[rx_head++ % RX_BUFFER_SIZE] = bytes[i]; /* when full, keys are dropped */
    }
    spin_unlock(&rx_lock);
    spin_lock(&deliver_lock);
    pass_to_receiver();
    spin_unlock(&deliver_lock);
}

void ps2kbd_init(void)
{
    uint8_t config;

    if (inb(I8042_STATUS) == 0xff) {
        kprintf("ps2kbd: no keyboard controller\n");
        return; /* nothing decodes the port: a machine without legacy PS/2 */
    }
    /* Quiet both ports while the configuration changes, and drop stale bytes. */
    if (!command(CMD_DISABLE_KEYBOARD) || !command(CMD_DISABLE_AUX))
        goto bad;
    drain_output();
    if (!command(CMD_READ_CONFIG) || !wait_readable())
        goto bad;
    config = inb(I8042_DATA);
    config |= CONFIG_KEYBOARD_IRQ | CONFIG_TRANSLATE;
    config &= (uint8_t) ~(CONFIG_AUX_IRQ | CONFIG_KEYBOARD_CLOCK_OFF);
    if (!command(CMD_WRITE_CONFIG) || !wait_writable())
        goto bad;
    outb(I8042_DATA, config);
    irq_register(IRQ_KEYBOARD, ps2kbd_irq);
    if (!command(CMD_ENABLE_KEYBOARD))
        goto bad;
    return;

bad:
    kprintf("ps2kbd: the keyboard controller does not answer\n");
}

int ps2kbd_getc(void)
{
    int c = -1;

    spin_lock(&rx_lock);
    if (rx_head != rx_tail)
        c = (unsigned char)rx_buf[rx_tail++ % RX_BUFFER_SIZE];
    spin_unlock(&rx_lock);
    return c;
}

void ps2kbd_set_receiver(void (*fn)(uint8_t c))
{
    spin_lock(&deliver_lock);
    receiver = fn;
    pass_to_receiver(); /* what was typed before goes first */
    spin_unlock(&deliver_lock);
}
