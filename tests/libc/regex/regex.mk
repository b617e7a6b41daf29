# tests/libc/regex/regex.mk - host tests of libc's regular expressions and
# fnmatch against the host C library: build/host/tests/libc_regex.
#
# The sources are compiled for the host by tests/tests.mk's libc pattern rule,
# with their public names given a kern_ prefix so that they do not replace
# the host's regcomp and fnmatch, which the test calls for the expected results.

REGEX_HOST_UNITS := regex/regcomp regex/regexec regex/regerror fnmatch/fnmatch ctype/char_class
REGEX_HOST_OBJS := $(patsubst %,$(BUILD)/host/pure/libc/%.o,$(REGEX_HOST_UNITS))
$(REGEX_HOST_OBJS): HOST_FREESTANDING_CFLAGS += -Dregcomp=kern_regcomp -Dregexec=kern_regexec \
	-Dregerror=kern_regerror -Dregfree=kern_regfree -Dfnmatch=kern_fnmatch

# (Written out rather than through host_pure_test: this file is read before
# tests/tests.mk defines it.)
$(BUILD)/host/tests/libc_regex: $(BUILD)/host/obj/tests/libc/regex/test_regex.o \
		$(HOST_CHECK_OBJS) $(REGEX_HOST_OBJS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_regex
