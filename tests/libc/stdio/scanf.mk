# tests/libc/stdio/scanf.mk - host test of the scanf engine
# (libc/stdio/scan_format.c: sscanf, vsscanf, names given a libc_ prefix)
# against the host's sscanf: build/host/tests/libc_stdio_scanf. The engine
# converts floating-point text with libc's strtod (the object of the strtod
# test, libc_ names); its stream input (getc, ungetc) is renamed to stubs in
# the test, which reads strings only.

$(BUILD)/host/pure/libc/stdio/scan_format.o: HOST_FREESTANDING_CFLAGS += -Iinclude \
	-include tests/libc/stdlib/rename_strtod.h -Dsscanf=libc_sscanf -Dvsscanf=libc_vsscanf \
	-D__scan=libc_scan -Dgetc=libc_test_getc -Dungetc=libc_test_ungetc

$(BUILD)/host/tests/libc_stdio_scanf: $(BUILD)/host/obj/tests/libc/stdio/test_scanf.o \
		$(HOST_CHECK_OBJS) $(BUILD)/host/pure/libc/stdio/scan_format.o \
		$(BUILD)/host/pure/libc/stdlib/strtod.o $(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_stdio_scanf
