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
#include <drivers/char/input_ring.h>
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

static struct input_ring input = INPUT_RING_INIT("kbd", RANK_KBD_DELIVER);
/* decode_lock guards keys (the decoder state: shift, ctrl, caps lock ...). */
static struct spinlock decode_lock = SPINLOCK_INIT_RANKED("kbd_decode", RANK_LEAF);
static struct keymap_state keys;

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

static void ps2kbd_irq(struct trap_frame *tf)
{
    uint8_t status;

    (void)tf;
    while ((status = inb(I8042_STATUS)) & STATUS_OUTPUT_FULL) {
        uint8_t code = inb(I8042_DATA);
        char bytes[KEYMAP_MAX_BYTES];
        int n;
        if (status & STATUS_FROM_AUX)
            continue; /* a mouse byte: nobody listens */
        spin_lock(&decode_lock);
        n = keymap_translate(&keys, code, bytes);
        spin_unlock(&decode_lock);
        input_ring_put(&input, bytes, n);
    }
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
    return input_ring_getc(&input);
}

void ps2kbd_set_receiver(void (*fn)(uint8_t c))
{
    input_ring_set_receiver(&input, fn);
}
