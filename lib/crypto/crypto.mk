# lib/crypto/crypto.mk - libcrypto, built for the guest and for the host.
#
# Every lib/crypto/*.c is part of the library. Host tests are
# tests/lib/crypto/test_*.c (one binary each, linked with the host library and
# the check framework); fuzz targets are tests/lib/crypto/fuzz_*.c (libFuzzer).
# Adding a primitive or a test needs no edit here.

CRYPTO_SRCS := $(wildcard lib/crypto/*.c)

# Guest library: i386, freestanding; memcpy and friends come from the program's libc.
CRYPTO_GUEST_OBJS := $(CRYPTO_SRCS:%.c=$(BUILD)/obj/%.o)
$(BUILD)/lib/libcrypto.a: $(CRYPTO_GUEST_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# Host library, with sanitizers, for tests.
CRYPTO_HOST_OBJS := $(CRYPTO_SRCS:%.c=$(BUILD)/host/obj/%.o)
$(BUILD)/host/lib/libcrypto.a: $(CRYPTO_HOST_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

CRYPTO_TEST_SRCS := $(wildcard tests/lib/crypto/test_*.c)
CRYPTO_TESTS := $(CRYPTO_TEST_SRCS:tests/lib/crypto/test_%.c=$(BUILD)/host/tests/crypto_%)
$(BUILD)/host/tests/crypto_%: $(BUILD)/host/obj/tests/lib/crypto/test_%.o \
		$(HOST_CHECK_OBJS) $(BUILD)/host/lib/libcrypto.a
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(CRYPTO_TESTS)

# Fuzz targets: clang with libFuzzer, ASan and UBSan; the library is rebuilt with clang.
CRYPTO_FUZZ_SRCS := $(wildcard tests/lib/crypto/fuzz_*.c)
CRYPTO_FUZZ_OBJS := $(CRYPTO_SRCS:%.c=$(BUILD)/fuzz/obj/%.o)
CRYPTO_FUZZERS := $(CRYPTO_FUZZ_SRCS:tests/lib/crypto/fuzz_%.c=$(BUILD)/host/fuzz/crypto_%)
$(BUILD)/host/fuzz/crypto_%: $(BUILD)/fuzz/obj/tests/lib/crypto/fuzz_%.o $(CRYPTO_FUZZ_OBJS)
	@mkdir -p $(@D)
	$(Q)$(FUZZCC) $(FUZZ_CFLAGS) -o $@ $^
FUZZERS += $(CRYPTO_FUZZERS)

# Host-side throughput figures (make bench-crypto; make bench includes them).
$(BUILD)/host/bench/crypto_bench: bench/crypto_bench.c $(BUILD)/host/lib/libcrypto-fast.a
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_BENCH_CFLAGS) -o $@ $^
CRYPTO_FAST_OBJS := $(CRYPTO_SRCS:%.c=$(BUILD)/host/fast/%.o)
$(BUILD)/host/lib/libcrypto-fast.a: $(CRYPTO_FAST_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

.PHONY: bench-crypto
bench-crypto: $(if $(wildcard bench/crypto_bench.c),$(BUILD)/host/bench/crypto_bench)
	$(if $(wildcard bench/crypto_bench.c),$(BUILD)/host/bench/crypto_bench,@echo "bench-crypto: no benchmark yet")

-include $(CRYPTO_GUEST_OBJS:.o=.d) $(CRYPTO_HOST_OBJS:.o=.d) $(CRYPTO_FUZZ_OBJS:.o=.d) $(CRYPTO_FAST_OBJS:.o=.d)
