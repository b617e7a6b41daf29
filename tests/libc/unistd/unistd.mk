# tests/libc/unistd/unistd.mk - host test of libc's option parsing
# (libc/unistd/getopt.c) against the host's glibc: build/host/tests/libc_getopt.
# getopt.c is compiled by tests/tests.mk's libc pattern rule with its names
# given a libc_ prefix (rename_getopt.h).

LIBC_GETOPT_OBJS := $(BUILD)/host/pure/libc/unistd/getopt.o
$(LIBC_GETOPT_OBJS): HOST_FREESTANDING_CFLAGS += -Iinclude \
	-include tests/libc/unistd/rename_getopt.h
$(LIBC_GETOPT_OBJS): tests/libc/unistd/rename_getopt.h

$(BUILD)/host/tests/libc_getopt: $(BUILD)/host/obj/tests/libc/unistd/test_getopt.o \
		$(HOST_CHECK_OBJS) $(LIBC_GETOPT_OBJS) $(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_getopt
