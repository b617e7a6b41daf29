# kernel/kernel.mk - the kernel ELF. Every .c and .S under kernel/ is part of it,
# plus the shared string functions of libc/string/.

# The kernel's random generator is libcrypto's DRBG; it links those sources too.
KERNEL_CRYPTO_SRCS := lib/crypto/drbg.c lib/crypto/chacha20.c lib/crypto/sha256.c lib/crypto/ct.c \
	lib/crypto/md_buffer.c
KERNEL_C_SRCS := $(shell find kernel -name '*.c') libc/string/string.c $(KERNEL_CRYPTO_SRCS)
KERNEL_S_SRCS := $(shell find kernel -name '*.S')
KERNEL_OBJS := $(KERNEL_S_SRCS:%.S=$(BUILD)/obj/%.o) $(KERNEL_C_SRCS:%.c=$(BUILD)/obj/%.o)

# The kernel never touches the FPU or SSE registers (user tasks own them).
CFLAGS_kernel := -Ikernel -mgeneral-regs-only
CFLAGS_libc := -Ikernel

$(BUILD)/kernel.elf: $(KERNEL_OBJS) kernel/arch/i386/kernel.ld
	$(Q)$(LD) -m elf_i386 --no-warn-rwx-segments -T kernel/arch/i386/kernel.ld -o $@ $(KERNEL_OBJS)

-include $(KERNEL_OBJS:.o=.d)
