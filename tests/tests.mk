# tests/tests.mk - host unit tests of the kernel's and libc's pure code.
#
# The sources under test are compiled for the host with sanitizers. Where their
# names would clash with the host's C library (snprintf, memcpy, ...), they are
# compiled with the names given a "kern_" prefix by tests/host/rename_libc.h,
# and the test compares them with the host's own functions.

HOST_PURE_CFLAGS := $(HOST_CFLAGS) -Ikernel
# libc/string/string.c against its own <string.h>, with the names prefixed.
HOST_FREESTANDING_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer $(HOST_SAN) \
	-Wall -Wextra -Werror -MMD -MP -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(HOSTCC) -print-file-name=include) -Ilibc/include \
	-include tests/host/rename_libc.h

$(BUILD)/host/pure/kernel/lib/%.o: kernel/lib/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_PURE_CFLAGS) -include tests/host/rename_libc.h -c -o $@ $<
$(BUILD)/host/pure/libc/%.o: libc/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_FREESTANDING_CFLAGS) -c -o $@ $<

# One binary per test file: the test, the framework and the module it names.
define host_pure_test
$(BUILD)/host/tests/$(1): $(BUILD)/host/obj/$(2).o $(HOST_CHECK_OBJS) $(3)
	@mkdir -p $$(@D)
	$$(Q)$$(HOSTCC) $$(HOST_CFLAGS) -o $$@ $$^ $$(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/$(1)
endef

$(BUILD)/host/obj/tests/kernel/%.o: HOST_CFLAGS += -Ikernel
$(eval $(call host_pure_test,kernel_lib_format,tests/kernel/lib/test_format,$(BUILD)/host/pure/kernel/lib/format.o))
$(eval $(call host_pure_test,kernel_lib_arith64,tests/kernel/lib/test_arith64,$(BUILD)/host/pure/kernel/lib/arith64.o))
$(eval $(call host_pure_test,kernel_lib_civil_time,tests/kernel/lib/test_civil_time,$(BUILD)/host/pure/kernel/lib/civil_time.o))
# The firmware-table readers, against the fake memory the test provides (fwmem_map & co.).
SMP_TABLES_PURE := $(addprefix $(BUILD)/host/pure/kernel/arch/i386/,acpi.o mptable.o smp_config.o)
$(BUILD)/host/pure/kernel/arch/i386/%.o: kernel/arch/i386/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_PURE_CFLAGS) -c -o $@ $<
$(eval $(call host_pure_test,kernel_arch_smp_tables,tests/kernel/arch/i386/test_smp_tables,$(SMP_TABLES_PURE)))
$(eval $(call host_pure_test,libc_string,tests/libc/string/test_string,$(BUILD)/host/pure/libc/string/string.o))

# Host tests of further libc modules: each tests/libc/<area>/<area>.mk adds its
# own binaries to HOST_TESTS (it may use host_pure_test, defined above).
include $(wildcard tests/libc/*/*.mk)

-include $(shell find $(BUILD)/host/pure -name '*.d' 2>/dev/null)
-include $(shell find $(BUILD)/host/obj/tests -name '*.d' 2>/dev/null)
