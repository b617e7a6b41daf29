# tests/libc/stdlib/stdlib.mk - host test of libc/stdlib/strtod.c (names given
# a libc_ prefix by rename_strtod.h) against the host's strtod and strtof:
# build/host/tests/libc_stdlib_strtod. Written out rather than with
# host_pure_test: this file is included before tests/tests.mk defines it.

$(BUILD)/host/pure/libc/stdlib/strtod.o: HOST_FREESTANDING_CFLAGS += \
	-Iinclude -include tests/libc/stdlib/rename_strtod.h
$(BUILD)/host/pure/libc/stdlib/strtod.o: tests/libc/stdlib/rename_strtod.h

$(BUILD)/host/tests/libc_stdlib_strtod: $(BUILD)/host/obj/tests/libc/stdlib/test_strtod.o \
		$(HOST_CHECK_OBJS) $(BUILD)/host/pure/libc/stdlib/strtod.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_stdlib_strtod
