# tests/libc/misc/misc.mk - host test of libc/misc/ (strmode, setmode and
# getmode, human_size), names given a libc_ prefix by rename_misc.h, against
# what the host's GNU tools print: build/host/tests/libc_misc. Written out
# rather than with host_pure_test: this file is included before tests/tests.mk
# defines it. human_size formats through libc's snprintf (kernel/lib/format.c,
# kern_ names) and the string functions.

LIBC_MISC_OBJS := $(patsubst %,$(BUILD)/host/pure/libc/misc/%.o,strmode setmode human_size)
$(LIBC_MISC_OBJS): HOST_FREESTANDING_CFLAGS += -Iinclude -include tests/libc/misc/rename_misc.h
$(LIBC_MISC_OBJS): tests/libc/misc/rename_misc.h

$(BUILD)/host/tests/libc_misc: $(BUILD)/host/obj/tests/libc/misc/test_misc.o \
		$(HOST_CHECK_OBJS) $(LIBC_MISC_OBJS) $(BUILD)/host/pure/kernel/lib/format.o \
		$(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_misc

# The helpers the tools share (libutil.h) that need only the host's system
# calls: build/host/tests/libc_misc_tools. close_stdout, dir_each and
# chain_getc work on libc's own FILE and DIR and are left to the tools' tests.
LIBC_MISC_TOOL_OBJS := $(patsubst %,$(BUILD)/host/pure/libc/misc/%.o,write_all read_all \
	path_name parse_size parse_escape)
$(LIBC_MISC_TOOL_OBJS): HOST_FREESTANDING_CFLAGS += -Iinclude -include tests/libc/misc/rename_misc.h
$(LIBC_MISC_TOOL_OBJS): tests/libc/misc/rename_misc.h

$(BUILD)/host/tests/libc_misc_tools: $(BUILD)/host/obj/tests/libc/misc/test_tool_helpers.o \
		$(HOST_CHECK_OBJS) $(LIBC_MISC_TOOL_OBJS) $(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_misc_tools
