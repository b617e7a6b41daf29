# tests/libc/pwd/pwd.mk - host test of libc's user and group databases
# (libc/pwd/): build/host/tests/libc_pwd. The libc files are compiled by
# tests/tests.mk's libc pattern rule with their names given a libc_ prefix
# (rename_pwd.h); the test writes its own passwd, group and shadow files.

LIBC_PWD_OBJS := $(patsubst %,$(BUILD)/host/pure/libc/pwd/%.o,dbfile pwd grp shadow)
$(LIBC_PWD_OBJS): HOST_FREESTANDING_CFLAGS += -Iinclude -include tests/libc/pwd/rename_pwd.h
$(LIBC_PWD_OBJS): tests/libc/pwd/rename_pwd.h

$(BUILD)/host/tests/libc_pwd: $(BUILD)/host/obj/tests/libc/pwd/test_pwd.o \
		$(HOST_CHECK_OBJS) $(LIBC_PWD_OBJS) $(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_pwd
