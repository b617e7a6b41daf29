# tools/tools.mk - host programs: the image builder (later mkfs/fsck.adventfs).

$(BUILD)/tools/%: tools/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_TOOL_CFLAGS) -o $@ $<

-include $(BUILD)/tools/*.d
