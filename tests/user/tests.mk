# tests/user/tests.mk - the user-space test programs and the host tests of
# libc's pure parts.
#
# Each tests/user/test_<suite>.c is one program, $(BUILD)/user/tests/test_<suite>,
# installed in /tests of the root file system; init runs them all in selftest
# mode (user/init/selftest.c, docs/userspace.md). A new test_*.c file needs no edit here.
#
# The host tests compile libc's allocator, number parsing and sorting for the
# host with sanitizers (through the libc pattern rule of tests/tests.mk, with
# the names given a libc_ prefix by tests/user/host/rename_stdlib.h) and check
# them there: build/host/tests/libc_stdlib.

USER_TEST_NAMES := $(basename $(notdir $(wildcard tests/user/test_*.c)))
USER_TEST_PROGRAMS := $(patsubst %,$(BUILD)/user/tests/%,$(USER_TEST_NAMES))

$(foreach t,$(USER_TEST_NAMES),\
	$(eval $(call user_program,$(BUILD)/user/tests/$(t),tests/user/$(t).c)))

# Helper programs that tests run but that are not suites themselves (a syscall
# fuzzer, a tty exerciser ...): tests/user/programs/<name>.c becomes
# /tests/bin/<name>. init's selftest runs only the files directly in /tests.
USER_TEST_HELPER_NAMES := $(basename $(notdir $(wildcard tests/user/programs/*.c)))
USER_TEST_HELPERS := $(patsubst %,$(BUILD)/user/tests/bin/%,$(USER_TEST_HELPER_NAMES))

$(foreach t,$(USER_TEST_HELPER_NAMES),\
	$(eval $(call user_program,$(BUILD)/user/tests/bin/$(t),tests/user/programs/$(t).c)))

$(BUILD)/root.img: $(USER_TEST_PROGRAMS) $(USER_TEST_HELPERS)
user: $(USER_TEST_PROGRAMS) $(USER_TEST_HELPERS)

# ---- host tests of libc's pure code ----
# (string.o, shared with tests/tests.mk's libc_string, is linked as that file builds it.)
LIBC_HOST_UNITS := stdlib/malloc stdlib/strtol stdlib/qsort
LIBC_HOST_OBJS := $(patsubst %,$(BUILD)/host/pure/libc/%.o,$(LIBC_HOST_UNITS))
$(LIBC_HOST_OBJS): HOST_FREESTANDING_CFLAGS += -Iinclude -include tests/user/host/rename_stdlib.h
$(LIBC_HOST_OBJS): tests/user/host/rename_stdlib.h

$(BUILD)/host/tests/libc_stdlib: $(BUILD)/host/obj/tests/user/host/test_stdlib.o \
		$(HOST_CHECK_OBJS) $(LIBC_HOST_OBJS) $(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_stdlib
