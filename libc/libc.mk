# libc/libc.mk - the C library for user programs: $(BUILD)/libc/libc.a and
# $(BUILD)/libc/crt0.o (docs/userspace.md), and the compile rules every user
# program shares (user/user.mk, tests/user/tests.mk).
#
# User programs see libc's headers, the kernel-user ABI (include/uapi/) and
# the user-space libraries of lib/ (<crypto/sha256.h>, ...), in that order.
# User code is built into $(BUILD)/user/obj/, apart from the kernel's
# objects: the same source (libc/string/string.c) is compiled for both, with
# different flags. User programs may use the FPU (no -mgeneral-regs-only).
# libc also compiles two pure files of the kernel's library rather than
# having a second copy: the formatter behind the printf family
# (kernel/lib/format.c) and the 64-bit division helpers gcc calls
# (kernel/lib/arith64.c; nothing links libgcc).
# crypt() (libc/pwd/crypt.c) likewise compiles in the SHA-256-crypt files of
# libcrypto (LIBC_CRYPTO_SRCS): every program can check a password without
# linking libcrypto. A program that links both (bench/crypto_bench) names
# libcrypto.a first, so the linker takes these objects from there and never
# pulls libc's copies of the same files.

USER_CFLAGS := -m32 -march=i686 -std=gnu11 -O2 -g -ffreestanding -fno-pie -fno-pic \
	-fno-stack-protector -fno-omit-frame-pointer --param=min-pagesize=0 \
	-Wall -Wextra -Werror -MMD -MP -nostdinc -isystem $(GCC_INCLUDE) -Ilibc/include -Iinclude \
	-Ilib
USER_ASFLAGS := -m32 -g -Wall -Werror -MMD -MP -nostdinc -Ilibc/include -Iinclude \
	-D__ASSEMBLY__
USER_LDFLAGS := -m elf_i386 -static -T user/user.ld

$(BUILD)/user/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC) $(USER_CFLAGS) $(USER_CFLAGS_EXTRA) -c -o $@ $<
$(BUILD)/user/obj/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC) $(USER_ASFLAGS) -c -o $@ $<

LIBC_CRYPTO_SRCS := lib/crypto/sha256crypt.c lib/crypto/sha256.c lib/crypto/md_buffer.c \
	lib/crypto/ct.c
LIBC_SRCS := $(filter-out libc/crt0.S,$(shell find libc -name '*.c' -o -name '*.S')) \
	kernel/lib/format.c kernel/lib/arith64.c $(LIBC_CRYPTO_SRCS)
LIBC_OBJS := $(patsubst %,$(BUILD)/user/obj/%.o,$(basename $(LIBC_SRCS)))

# The string functions must not become calls to themselves (gcc turns a byte
# loop into memset/memcpy unless told not to); format.c includes <lib/format.h>.
$(BUILD)/user/obj/libc/%.o: USER_CFLAGS_EXTRA := -fno-tree-loop-distribute-patterns
$(BUILD)/user/obj/kernel/lib/%.o: USER_CFLAGS_EXTRA := -Ikernel
# libc's formatter hands floating conversions to libc/stdio/format_float.c
# (the kernel's does not; see kernel/lib/format.c).
$(BUILD)/user/obj/kernel/lib/format.o: USER_CFLAGS_EXTRA := -Ikernel -DFORMAT_FLOAT
$(BUILD)/user/obj/libc/stdio/format_float.o: USER_CFLAGS_EXTRA := -Ikernel

$(BUILD)/libc/libc.a: $(LIBC_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^
$(BUILD)/libc/crt0.o: $(BUILD)/user/obj/libc/crt0.o
	@mkdir -p $(@D)
	$(Q)cp $< $@

# A user program: $(call user_program,OUTPUT,SOURCES) links the sources' objects
# with crt0 and libc by user/user.ld.
USER_LINK_DEPS = $(BUILD)/libc/crt0.o $(BUILD)/libc/libc.a user/user.ld
define user_program
$(1): $(patsubst %,$(BUILD)/user/obj/%.o,$(basename $(2))) $$(USER_LINK_DEPS)
	@mkdir -p $$(@D)
	$$(Q)$$(LD) $$(USER_LDFLAGS) -o $$@ $$(BUILD)/libc/crt0.o \
		$(patsubst %,$(BUILD)/user/obj/%.o,$(basename $(2))) $$(BUILD)/libc/libc.a
endef

-include $(shell find $(BUILD)/user/obj -name '*.d' 2>/dev/null)
