/*
 * serial.c - the 16550 UART on COM1 (National Semiconductor PC16550D datasheet).
 *
 * Output is polled: each byte waits (boundedly) for the transmit holding
 * register to empty, so messages get out even from a panic. Input is
 * interrupt-driven: IRQ 4 drains the receive FIFO into a ring buffer, from
 * which it goes on to the receiver (the console terminal, while it is open)
 * or waits for serial_getc() (the kernel monitor).
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/io.h>
#include <arch/i386/spinlock.h>
#include <arch/i386/trap.h>
#include <drivers/char/input_ring.h>
#include <drivers/char/serial.h>
#include <stdint.h>

#define COM1 0x3f8

/* Register offsets from the base port. */
#define UART_DATA 0 /* receive buffer / transmit holding (DLAB 0) */
#define UART_IER 1  /* interrupt enable (DLAB 0) */
#define UART_DLL 0  /* divisor latch low (DLAB 1) */
#define UART_DLM 1  /* divisor latch high (DLAB 1) */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5

#define IER_RX_AVAILABLE 0x01
#define FCR_ENABLE_CLEAR_14 0xc7 /* FIFOs on, both cleared, trigger at 14 bytes */
#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define MCR_DTR 0x01
#define MCR_RTS 0x02
#define MCR_OUT2 0x08 /* gates the UART's interrupt onto the ISA bus */
#define MCR_LOOPBACK 0x10
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

#define BAUD_DIVISOR 1 /* 115200 baud from the 1.8432 MHz clock */

static bool present;
static struct input_ring input = INPUT_RING_INIT("serial", RANK_SERIAL_DELIVER);

bool serial_init(void)
{
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_DLAB);
    outb(COM1 + UART_DLL, BAUD_DIVISOR & 0xff);
    outb(COM1 + UART_DLM, BAUD_DIVISOR >> 8);
    outb(COM1 + UART_LCR, LCR_8N1);
    outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR_14);

    /* Loopback test: a byte sent must come back, else there is no UART here. */
    outb(COM1 + UART_MCR, MCR_LOOPBACK | MCR_RTS | MCR_DTR);
    outb(COM1 + UART_DATA, 0xae);
    present = inb(COM1 + UART_DATA) == 0xae;
    outb(COM1 + UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
    return present;
}

static void serial_irq(struct trap_frame *tf)
{
    char bytes[16]; /* the UART's FIFO at most */
    int n;

    (void)tf;
    do {
        for (n = 0; n < (int)sizeof bytes && (inb(COM1 + UART_LSR) & LSR_DATA_READY); n++)
            bytes[n] = (char)inb(COM1 + UART_DATA);
        input_ring_put(&input, bytes, n);
    } while (n == (int)sizeof bytes);
}

void serial_enable_irq(void)
{
    if (!present)
        return;
    irq_register(IRQ_COM1, serial_irq);
    outb(COM1 + UART_IER, IER_RX_AVAILABLE);
}

void serial_putc(char c)
{
    if (!present)
        return;
    for (int spin = 0; spin < 1000000; spin++)
        if (inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
            break;
    outb(COM1 + UART_DATA, (uint8_t)c);
}

int serial_getc(void)
{
    return input_ring_getc(&input);
}

void serial_set_receiver(void (*fn)(uint8_t c))
{
    input_ring_set_receiver(&input, fn);
}
