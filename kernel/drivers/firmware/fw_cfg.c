/*
 * fw_cfg.c - QEMU's fw_cfg over I/O ports (QEMU docs/specs/fw_cfg.txt).
 *
 * Writing a 16-bit key to the selector port picks an item; its bytes are then
 * read one at a time from the data port. Key 0 holds the signature "QEMU" (on
 * other machines the ports read 0xff), key 0x19 a directory of named files:
 * a big-endian count, then per file a big-endian size and key and a 56-byte name.
 */
#include <arch/i386/io.h>
#include <drivers/firmware/fw_cfg.h>
#include <stdint.h>
#include <string.h>
#include <uapi/errno.h>

#define FW_CFG_PORT_SELECTOR 0x510
#define FW_CFG_PORT_DATA 0x511
#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_FILE_DIR 0x0019
#define FW_CFG_NAME_MAX 56

struct fw_cfg_file {
    uint32_t size; /* big-endian */
    uint16_t select; /* big-endian */
    uint16_t reserved;
    char name[FW_CFG_NAME_MAX];
} __attribute__((packed));

static void read_bytes(void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n--)
        *p++ = inb(FW_CFG_PORT_DATA);
}

static uint32_t be32(uint32_t v)
{
    return __builtin_bswap32(v);
}

int fw_cfg_read_file(const char *name, char *buf, size_t size)
{
    char signature[4];
    uint32_t count;
    struct fw_cfg_file f;

    outw(FW_CFG_PORT_SELECTOR, FW_CFG_SIGNATURE);
    read_bytes(signature, 4);
    if (memcmp(signature, "QEMU", 4) != 0)
        return -ENODEV;

    outw(FW_CFG_PORT_SELECTOR, FW_CFG_FILE_DIR);
    read_bytes(&count, 4);
    count = be32(count);
    for (uint32_t i = 0; i < count; i++) {
        read_bytes(&f, sizeof f);
        f.name[FW_CFG_NAME_MAX - 1] = '\0';
        if (strcmp(f.name, name) == 0) {
            uint32_t len = be32(f.size);
            if (len > size - 1)
                len = (uint32_t)(size - 1);
            outw(FW_CFG_PORT_SELECTOR, __builtin_bswap16(f.select));
            read_bytes(buf, len);
            buf[len] = '\0';
            return (int)len;
        }
    }
    return -ENOENT;
}
