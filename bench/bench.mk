# bench/bench.mk - benchmark programs built for the guest.
#
# bench/crypto_bench.c is the same source as the host benchmark (lib/crypto/
# crypto.mk); here it is linked against the guest libcrypto and libc and put
# in /bin, and bench/run.py runs it as process 1 (init=/bin/crypto_bench).
# bench/proc_bench.c (processes, system calls, pipes, page faults) and
# bench/smp_bench.c (CPU-bound work on one and two CPUs) are guest programs
# only, put in /bin and run the same way (init=/bin/proc_bench, /bin/smp_bench).

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

# "make user" builds these too (user/user.mk is read before this file).
user: $(BUILD)/user/bin/crypto_bench $(BUILD)/user/bin/proc_bench $(BUILD)/user/bin/smp_bench
