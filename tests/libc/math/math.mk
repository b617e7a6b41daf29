# tests/libc/math/math.mk - host test of libc's math functions (libc/math/,
# names given a libc_ prefix by rename_math.h) against the host's libm:
# build/host/tests/libc_math.

LIBC_MATH_UNITS := rounding fmod sqrt exp log pow rem_pio2 trig atan hyperbolic
LIBC_MATH_OBJS := $(patsubst %,$(BUILD)/host/pure/libc/math/%.o,$(LIBC_MATH_UNITS))
$(LIBC_MATH_OBJS): HOST_FREESTANDING_CFLAGS += -Iinclude -include tests/libc/math/rename_math.h
$(LIBC_MATH_OBJS): tests/libc/math/rename_math.h

$(BUILD)/host/tests/libc_math: $(BUILD)/host/obj/tests/libc/math/test_math.o \
		$(HOST_CHECK_OBJS) $(LIBC_MATH_OBJS) $(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_math
