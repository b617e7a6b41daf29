# bench/bench.mk - benchmark programs built for the guest.
#
# bench/crypto_bench.c is the same source as the host benchmark (lib/crypto/
# crypto.mk); here it is linked against the guest libcrypto and libc and put
# in /bin, and bench/run.py runs it as process 1 (init=/bin/crypto_bench).
# bench/proc_bench.c (processes, system calls, pipes, page faults) and
# bench/smp_bench.c (CPU-bound work on one and two CPUs) are guest programs
# only, put in /bin and run the same way (init=/bin/proc_bench, /bin/smp_bench).
# bench/libc_bench.c (string functions, malloc, qsort, snprintf, ls on 1000
# files) is put in /bin too (init=/bin/libc_bench), and built twice more for
# the host as references that bench/run.py sets beside the guest's figures:
# against glibc, and with this libc's string.c, malloc.c and qsort.c linked
# in place of glibc's (a program's own malloc, memcpy, ... take precedence
# over the C library's), so that both run on the same CPU. They go to
# $(BUILD)/host/reference/, not host/bench/, which run.py runs without
# arguments.

$(BUILD)/user/bin/crypto_bench: $(BUILD)/user/obj/bench/crypto_bench.o $(BUILD)/lib/libcrypto.a \
		$(USER_LINK_DEPS)
	@mkdir -p $(@D)
	$(Q)$(LD) $(USER_LDFLAGS) -o $@ $(BUILD)/libc/crt0.o $(BUILD)/user/obj/bench/crypto_bench.o \
		$(BUILD)/lib/libcrypto.a $(BUILD)/libc/libc.a
USER_PROGRAMS += $(BUILD)/user/bin/crypto_bench
$(BUILD)/root.img: $(BUILD)/user/bin/crypto_bench

$(eval $(call user_program,$(BUILD)/user/bin/proc_bench,bench/proc_bench.c))
USER_PROGRAMS += $(BUILD)/user/bin/proc_bench
$(BUILD)/root.img: $(BUILD)/user/bin/proc_bench

$(eval $(call user_program,$(BUILD)/user/bin/smp_bench,bench/smp_bench.c))
USER_PROGRAMS += $(BUILD)/user/bin/smp_bench
$(BUILD)/root.img: $(BUILD)/user/bin/smp_bench

$(eval $(call user_program,$(BUILD)/user/bin/libc_bench,bench/libc_bench.c))
USER_PROGRAMS += $(BUILD)/user/bin/libc_bench
$(BUILD)/root.img: $(BUILD)/user/bin/libc_bench

# The libc files are compiled as for the guest (-O2, freestanding, our
# headers), for the host's CPU; their errno and fatal-error path are renamed
# to the ones libc_bench.c defines in this build.
LIBC_BENCH_OURS_SRCS := libc/string/string.c libc/stdlib/malloc.c libc/stdlib/qsort.c
LIBC_BENCH_OURS_OBJS := $(LIBC_BENCH_OURS_SRCS:%.c=$(BUILD)/host/reference/obj/%.o)
LIBC_BENCH_OURS_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MMD -MP -ffreestanding \
	-fno-builtin -fno-tree-loop-distribute-patterns -nostdinc \
	-isystem $(shell $(HOSTCC) -print-file-name=include) -Ilibc/include -Iinclude \
	-Derrno=libc_bench_errno -D__libc_fatal=libc_bench_fatal
$(BUILD)/host/reference/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(LIBC_BENCH_OURS_CFLAGS) -c -o $@ $<
$(BUILD)/host/reference/libc_bench_glibc: bench/libc_bench.c
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_BENCH_CFLAGS) -o $@ $<
$(BUILD)/host/reference/libc_bench_ours: bench/libc_bench.c $(LIBC_BENCH_OURS_OBJS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_BENCH_CFLAGS) -DLIBC_BENCH_HOST_OURS -o $@ $^
bench: $(BUILD)/host/reference/libc_bench_glibc $(BUILD)/host/reference/libc_bench_ours
-include $(LIBC_BENCH_OURS_OBJS:.o=.d)

# "make user" builds these too (user/user.mk is read before this file).
user: $(BUILD)/user/bin/crypto_bench $(BUILD)/user/bin/proc_bench $(BUILD)/user/bin/smp_bench \
	$(BUILD)/user/bin/libc_bench
