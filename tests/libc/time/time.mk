# tests/libc/time/time.mk - host test of libc's calendar time (libc/time/)
# against the host's glibc: build/host/tests/libc_time. The libc files are
# compiled by tests/tests.mk's libc pattern rule with their names given a
# libc_ prefix (rename_time.h).

LIBC_TIME_OBJS := $(patsubst %,$(BUILD)/host/pure/libc/%.o,time/time_conv time/tz time/strftime)
$(LIBC_TIME_OBJS): HOST_FREESTANDING_CFLAGS += -Iinclude -include tests/libc/time/rename_time.h
$(LIBC_TIME_OBJS): tests/libc/time/rename_time.h

$(BUILD)/host/tests/libc_time: $(BUILD)/host/obj/tests/libc/time/test_time.o \
		$(HOST_CHECK_OBJS) $(LIBC_TIME_OBJS) $(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_time
