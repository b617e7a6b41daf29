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
#define RX_BUFFER_SIZE 1024

static bool present;
/* rx_lock guards rx_buf, rx_head and rx_tail. */
static struct spinlock rx_lock = SPINLOCK_INIT_RANKED("serial_rx", RANK_LEAF);
static char rx_buf[RX_BUFFER_SIZE];
static uint32_t rx_head, rx_tail; /* free-running; head - tail bytes are waiting */
/*
 * deliver_lock guards receiver and keeps bytes in order on their way to it:
 * whoever drains the ring into the receiver holds it throughout.
 */
static struct spinlock deliver_lock = SPINLOCK_INIT_RANKED("serial_deliver", RANK_SERIAL_DELIVER);
static void (*receiver)(uint8_t c);

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

/* Hand what the ring holds to the receiver, in order. deliver_lock held. */
static void pass_to_receiver(void)
{
    int c;

    while (receiver && (c = serial_getc()) >= 0)
        receiver((uint8_t)c);
}

static void serial_irq(struct trap_frame *tf)
{
    (void)tf;
    spin_lock(&rx_lock);
    while (inb(COM1 + UART_LSR) & LSR_DATA_READY) {
        char c = (char)inb(COM1 + UART_DATA);
        if (rx_head - rx_tail < RX_BUFFER_SIZE) /* when full, new input is dropped */
            rx_buf[rx_head++ % RX_BUFFER_SIZE] = c;
    }
    spin_unlock(&rx_lock);
    spin_lock(&deliver_lock);
    pass_to_receiver();
    spin_unlock(&deliver_lock);
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
    int c = -1;

    spin_lock(&rx_lock);
    if (rx_head != rx_tail)
        c = (unsigned char)rx_buf[rx_tail++ % RX_BUFFER_SIZE];
    spin_unlock(&rx_lock);
    return c;
}

void serial_set_receiver(void (*fn)(uint8_t c))
{
    spin_lock(&deliver_lock);
    receiver = fn;
    pass_to_receiver(); /* what was typed before goes first */
    spin_unlock(&deliver_lock);
}
