# tests/libc/stdio/stdio.mk - host test of the printf family's floating-point
# conversions: kernel/lib/format.c built as libc builds it (FORMAT_FLOAT, its
# names given the kern_ prefix) with libc/stdio/format_float.c, against the
# host's snprintf: build/host/tests/libc_stdio_float.

LIBC_FLOAT_FORMAT_OBJ := $(BUILD)/host/pure/libc-float/kernel/lib/format.o
$(LIBC_FLOAT_FORMAT_OBJ): kernel/lib/format.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_PURE_CFLAGS) -DFORMAT_FLOAT -include tests/host/rename_libc.h -c -o $@ $<
$(BUILD)/host/pure/libc/stdio/format_float.o: HOST_FREESTANDING_CFLAGS += -Ikernel

# (Written out rather than with host_pure_test: this file is included before
# tests/tests.mk defines it.)
$(BUILD)/host/tests/libc_stdio_float: $(BUILD)/host/obj/tests/libc/stdio/test_format_float.o \
		$(HOST_CHECK_OBJS) $(LIBC_FLOAT_FORMAT_OBJ) $(BUILD)/host/pure/libc/stdio/format_float.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS) -lm
HOST_TESTS += $(BUILD)/host/tests/libc_stdio_float
