# AdventOS - top-level build.
#
#   make            build build/os.img (bootloader, kernel, root partition)
#   make run        boot it in QEMU, console on this terminal
#   make test       every test; ends with "N passed, N failed"; T=<pattern> selects
#   make bench      boot-time and other figures (never asserted)
#   make clean      remove build/
#
# Each subsystem has a fragment (boot/boot.mk, kernel/kernel.mk, ...) included
# below; they add to the variables defined here. Everything goes to $(BUILD).

BUILD ?= build
ROOT_SIZE_MB ?= 64
Q ?= @
# Build in parallel by default (every rule is parallel-safe); keep intermediate objects.
MAKEFLAGS += --jobs=$(shell nproc)
.SECONDARY:
PYTHON ?= python3

CC := gcc
GCC_INCLUDE := $(shell $(CC) -m32 -print-file-name=include)
HOSTCC := gcc
FUZZCC := clang
AR := ar
LD := ld
OBJCOPY := objcopy

# Guest code: i386, freestanding, no libgcc. Frame pointers stay on so that
# backtraces can walk the stack.
TARGET_CFLAGS := -m32 -march=i686 -std=gnu11 -O2 -g -ffreestanding -fno-pie -fno-pic \
	-fno-stack-protector -fno-omit-frame-pointer -fno-tree-loop-distribute-patterns \
	-nostdlib --param=min-pagesize=0 \
	-Wall -Wextra -Werror -MMD -MP -nostdinc -isystem $(GCC_INCLUDE) -Iinclude -Ilibc/include -Ilib
TARGET_ASFLAGS := -m32 -g -Wall -Werror -MMD -MP -Iinclude -Ikernel -D__ASSEMBLY__

# Host code (tools, unit tests): sanitizers on, and a failure is fatal.
HOST_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer $(HOST_SAN) \
	-Wall -Wextra -Werror -MMD -MP -Iinclude -Ilib -Itests/host
HOST_LDLIBS := -lm
HOST_TOOL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MMD -MP -Iinclude
HOST_BENCH_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Iinclude -Ilib
FUZZ_CFLAGS := -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Wall -Wextra -Werror -MMD -MP -Iinclude -Ilib -Itests/host

HOST_TESTS :=
FUZZERS :=
HOST_TOOLS :=
HOST_CHECK_OBJS := $(BUILD)/host/obj/tests/host/check_main.o $(BUILD)/host/obj/tests/host/vectors.o \
	$(BUILD)/host/obj/tests/host/hostutil.o

.PHONY: all run test bench clean deps format lint
all: $(BUILD)/os.img

# ---- host package check (tools/deps.sh installs what is missing) ----
DEPS_STAMP := $(BUILD)/.deps-ok
$(DEPS_STAMP): tools/deps.sh
	$(Q)bash tools/deps.sh
	@mkdir -p $(@D) && touch $@
deps: $(DEPS_STAMP)

# ---- generic compile rules ----
$(BUILD)/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC) $(TARGET_CFLAGS) $(CFLAGS_$(firstword $(subst /, ,$<))) -c -o $@ $<
$(BUILD)/obj/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC) $(TARGET_ASFLAGS) -c -o $@ $<
$(BUILD)/host/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -c -o $@ $<
$(BUILD)/host/fast/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_BENCH_CFLAGS) -c -o $@ $<
$(BUILD)/fuzz/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(FUZZCC) $(FUZZ_CFLAGS) -c -o $@ $<

include boot/boot.mk
include kernel/kernel.mk
include tools/tools.mk
include lib/crypto/crypto.mk
include libc/libc.mk
include user/user.mk
include tests/user/tests.mk
include bench/bench.mk
include tests/tests.mk

-include $(HOST_CHECK_OBJS:.o=.d)

# ---- the disk image (layout: docs/boot.md) ----
$(BUILD)/os.img: $(BUILD)/boot/mbr.bin $(BUILD)/boot/stage2.bin $(BUILD)/kernel.elf \
		$(BUILD)/tools/mkimage $(BUILD)/root.img
	$(Q)$(BUILD)/tools/mkimage -o $@ --mbr $(BUILD)/boot/mbr.bin \
		--stage2 $(BUILD)/boot/stage2.bin --kernel $(BUILD)/kernel.elf \
		--root-image $(BUILD)/root.img
	@echo "built $@"

# ---- running ----
MEM ?= 128
SMP ?= 1
NET ?= restricted
CMDLINE ?=
run: $(BUILD)/os.img
	$(Q)$(PYTHON) tests/qemu_run.py --image $< --mem $(MEM) --smp $(SMP) --net $(NET) \
		--cmdline "$(CMDLINE)"

# ---- tests and benchmarks ----
T ?=
test: $(BUILD)/os.img $(HOST_TESTS) $(FUZZERS) $(HOST_TOOLS)
	$(Q)$(PYTHON) tests/run.py --build $(BUILD) $(if $(T),--filter '$(T)')

bench: $(BUILD)/os.img bench-crypto
	$(Q)$(PYTHON) bench/run.py --build $(BUILD)

clean:
	rm -rf $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability -Iinclude -Ilib \
		$$(git ls-files '*.c')
