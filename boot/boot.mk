# boot/boot.mk - stage 1 (the MBR) and stage 2 (real-mode C built with -m16).

$(BUILD)/boot/mbr.bin: $(BUILD)/obj/boot/mbr.o
	@mkdir -p $(@D)
	$(Q)$(LD) -m elf_i386 -Ttext 0x7c00 --oformat binary -o $@ $<
	$(Q)test $$(stat -c %s $@) -eq 512 || { echo "mbr.bin is not 512 bytes" >&2; rm -f $@; exit 1; }

# Stage 2 runs in real mode (unreal mode for memory above 1 MiB); its C is built
# with -m16 so that gcc emits 32-bit code with the prefixes real mode needs.
STAGE2_CFLAGS := -m16 -march=i386 -std=gnu11 -Os -ffreestanding -fno-pie -fno-pic \
	-fno-stack-protector -fno-asynchronous-unwind-tables -mgeneral-regs-only -mstringop-strategy=libcall -fno-tree-loop-distribute-patterns \
	-nostdlib --param=min-pagesize=0 \
	-Wall -Wextra -Werror -MMD -MP -nostdinc -isystem $(GCC_INCLUDE) -Iinclude
STAGE2_OBJS := $(BUILD)/boot/obj/entry.o $(BUILD)/boot/obj/stage2.o
$(BUILD)/boot/obj/%.o: boot/stage2/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC) $(STAGE2_CFLAGS) -c -o $@ $<
$(BUILD)/boot/obj/%.o: boot/stage2/%.S | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CC) -m32 -MMD -MP -Iinclude -D__ASSEMBLY__ -c -o $@ $<
$(BUILD)/boot/stage2.elf: $(STAGE2_OBJS) boot/stage2/stage2.ld
	$(Q)$(LD) -m elf_i386 --no-warn-rwx-segments -T boot/stage2/stage2.ld -o $@ $(STAGE2_OBJS)
$(BUILD)/boot/stage2.bin: $(BUILD)/boot/stage2.elf
	$(Q)$(OBJCOPY) -O binary $< $@
	$(Q)test $$(stat -c %s $@) -le $$((63 * 512)) || { echo "stage2 exceeds 63 sectors" >&2; rm -f $@; exit 1; }

-include $(STAGE2_OBJS:.o=.d) $(BUILD)/obj/boot/mbr.d
