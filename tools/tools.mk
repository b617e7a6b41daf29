# tools/tools.mk - host programs: the image builder, mkfs.adventfs and
# fsck.adventfs, and the root file system image.

$(BUILD)/tools/%: tools/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_TOOL_CFLAGS) -o $@ $<

-include $(BUILD)/tools/*.d

# ---- AdventFS tools ----
# mkfs.adventfs and fsck.adventfs share tools/adventfs_image.c and the kernel's
# own CRC32C (kernel/lib/crc32c.c, pure C), so that the tools and the kernel
# cannot disagree on a checksum. Each is built twice: optimized in
# $(BUILD)/tools/ (what the build uses), and with AddressSanitizer and UBSan in
# $(BUILD)/host/tools-asan/ (what tests/system/test_adventfs_tools.py runs its
# corrupted images through).
ADVFS_TOOLS := mkfs.adventfs fsck.adventfs
ADVFS_TOOL_SHARED := tools/adventfs_image.c kernel/lib/crc32c.c
ADVFS_TOOL_INCLUDES := -Ikernel -Itools

$(BUILD)/host/tools-obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_TOOL_CFLAGS) $(ADVFS_TOOL_INCLUDES) -c -o $@ $<
$(BUILD)/host/tools-asan/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(ADVFS_TOOL_INCLUDES) -c -o $@ $<

define advfs_tool
$(BUILD)/tools/$(1): $(patsubst %.c,$(BUILD)/host/tools-obj/%.o,tools/$(1).c $(ADVFS_TOOL_SHARED))
	@mkdir -p $$(@D)
	$$(Q)$$(HOSTCC) $$(HOST_TOOL_CFLAGS) -o $$@ $$^
$(BUILD)/host/tools-asan/$(1): \
		$(patsubst %.c,$(BUILD)/host/tools-asan/obj/%.o,tools/$(1).c $(ADVFS_TOOL_SHARED))
	@mkdir -p $$(@D)
	$$(Q)$$(HOSTCC) $$(HOST_CFLAGS) -o $$@ $$^ $$(HOST_LDLIBS)
HOST_TOOLS += $(BUILD)/tools/$(1) $(BUILD)/host/tools-asan/$(1)
endef
$(foreach t,$(ADVFS_TOOLS),$(eval $(call advfs_tool,$(t))))

-include $(shell find $(BUILD)/host/tools-obj $(BUILD)/host/tools-asan -name '*.d' 2>/dev/null)

# The CRC32C unit test (tests/kernel/lib/test_crc32c.c), built like the other
# kernel/lib host tests of tests/tests.mk.
$(BUILD)/host/tests/kernel_lib_crc32c: $(BUILD)/host/obj/tests/kernel/lib/test_crc32c.o \
		$(HOST_CHECK_OBJS) $(BUILD)/host/pure/kernel/lib/crc32c.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/kernel_lib_crc32c

# ---- the root file system ----
# rootfs/ plus the user programs, staged in $(BUILD)/rootfs-staging/ (rootfs/
# itself is never written), copied into a fresh AdventFS image of ROOT_SIZE_MB
# MiB (top Makefile). The programs land in /bin (USER_PROGRAMS, user/user.mk)
# and /tests (USER_TEST_PROGRAMS, tests/user/tests.mk); those fragments also
# make root.img depend on them. /tmp is created world-writable and sticky
# (1777), and the home directories /root and /home/user too. Every file
# belongs to root except where ROOT_PERMS, a file of per-path "path mode uid
# gid" overrides (mkfs.adventfs -p, docs/adventfs-tools.md), says otherwise:
# by default tools/rootfs.perms (/etc/shadow 0600, the homes 0700 and their
# owners); a replacement should keep its lines.
ROOT_PERMS ?= tools/rootfs.perms
ROOTFS_FILES := $(shell find rootfs 2>/dev/null)
ROOT_STAGING := $(BUILD)/rootfs-staging

# The differential tool tests' cases and input files go to /tests/difftest
# (tests/system/test_difftest.py).
DIFFTEST_FILES := $(shell find tests/difftest 2>/dev/null)

$(BUILD)/root.img: $(BUILD)/tools/mkfs.adventfs $(ROOTFS_FILES) $(DIFFTEST_FILES) $(ROOT_PERMS)
	@mkdir -p $(@D)
	$(Q)rm -rf $(ROOT_STAGING) $@.tmp
	$(Q)mkdir -p $(ROOT_STAGING)
	$(Q)cp -a rootfs/. $(ROOT_STAGING)/
	$(Q)mkdir -p $(ROOT_STAGING)/bin $(ROOT_STAGING)/tests $(ROOT_STAGING)/tmp \
		$(ROOT_STAGING)/root $(ROOT_STAGING)/home/user $(ROOT_STAGING)/proc
	$(Q)chmod 1777 $(ROOT_STAGING)/tmp
	$(Q)$(if $(strip $(USER_PROGRAMS)),cp $(USER_PROGRAMS) $(ROOT_STAGING)/bin/,true)
	$(Q)$(if $(strip $(USER_TEST_PROGRAMS)),cp $(USER_TEST_PROGRAMS) $(ROOT_STAGING)/tests/,true)
	$(Q)$(if $(strip $(USER_TEST_HELPERS)),mkdir -p $(ROOT_STAGING)/tests/bin && cp $(USER_TEST_HELPERS) $(ROOT_STAGING)/tests/bin/,true)
	$(Q)cp -a tests/difftest $(ROOT_STAGING)/tests/difftest
	$(Q)$(BUILD)/tools/mkfs.adventfs -q -L root -d $(ROOT_STAGING) \
		$(if $(ROOT_PERMS),-p $(ROOT_PERMS)) $@.tmp $(ROOT_SIZE_MB)
	$(Q)mv $@.tmp $@
