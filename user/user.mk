# user/user.mk - the user programs, installed in /bin of the root file system.
#
# A program is either one file, user/<name>.c, or a folder, user/<name>/, whose
# .c files are linked together; either way it becomes $(BUILD)/user/bin/<name>
# (linked by libc/libc.mk's user_program). Adding a program needs no edit here.

USER_SINGLE_PROGRAMS := $(basename $(notdir $(wildcard user/*.c)))
USER_FOLDER_PROGRAMS := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard user/*/*.c)))))
USER_PROGRAMS := $(patsubst %,$(BUILD)/user/bin/%,$(USER_SINGLE_PROGRAMS) $(USER_FOLDER_PROGRAMS))

$(foreach p,$(USER_SINGLE_PROGRAMS),\
	$(eval $(call user_program,$(BUILD)/user/bin/$(p),user/$(p).c)))
$(foreach p,$(USER_FOLDER_PROGRAMS),\
	$(eval $(call user_program,$(BUILD)/user/bin/$(p),$(wildcard user/$(p)/*.c))))

# Second names: "alias:program" pairs, each installed as a copy of the
# program under the alias; the program looks at argv[0] (more behaves as less
# when called less, test wants a closing "]" when called [).
USER_PROGRAM_ALIASES := less:more reboot:poweroff halt:poweroff [:test

define user_program_alias
$(BUILD)/user/bin/$(1): $(BUILD)/user/bin/$(2)
	$$(Q)cp $$< $$@
endef
$(foreach a,$(USER_PROGRAM_ALIASES),\
	$(eval $(call user_program_alias,$(word 1,$(subst :, ,$(a))),$(word 2,$(subst :, ,$(a))))))
USER_PROGRAMS += $(foreach a,$(USER_PROGRAM_ALIASES),$(BUILD)/user/bin/$(word 1,$(subst :, ,$(a))))

# The root image copies them (tools/tools.mk); this line makes it depend on them
# whatever the order in which the Makefile includes the fragments.
$(BUILD)/root.img: $(USER_PROGRAMS)

# "make user" builds every program and test program (tests/user/tests.mk adds those).
.PHONY: user
user: $(USER_PROGRAMS)
