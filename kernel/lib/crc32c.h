/*
 * crc32c.h - CRC32C (Castagnoli), the checksum of AdventFS's superblock and
 * journal (docs/adventfs.md) and of iSCSI and ext4.
 *
 * Pure C without kernel dependencies: the kernel links it, and the host tools
 * (mkfs.adventfs, fsck.adventfs) compile the same file, so both sides agree on
 * every checksum by construction.
 */
#ifndef LIB_CRC32C_H
#define LIB_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/*
 * The CRC32C of data[0..len) (reflected polynomial 0x82F63B78, initial value
 * ~0, final xor ~0). Pass crc = 0 to start a new checksum; to checksum data
 * that comes in pieces, pass the result of the previous call as crc:
 *
 *     crc32c(crc32c(0, a, n), b, m) == crc32c(0, a followed by b, n + m)
 */
uint32_t crc32c(uint32_t crc, const void *data, size_t len);

#endif
