# tests/libc/glob/glob.mk - host test of libc's glob (libc/glob/glob.c) against
# the host C library's on a directory tree the test makes:
# build/host/tests/libc_glob.
#
# glob.c is compiled against libc's own headers with its names given a libc_
# prefix, and fnmatch the kern_ prefix of the regex test's objects (which this
# test links too). Its directory and stat calls reach the host's file system
# through glob_hostfs.c, which is compiled like glob.c (libc's struct dirent
# and struct stat) and calls the hostfs_* helpers of test_glob.c (the host's).

LIBC_GLOB_RENAMES := -Dglob=libc_glob -Dglobfree=libc_globfree -Dfnmatch=kern_fnmatch \
	-Dopendir=libc_opendir -Dreaddir=libc_readdir -Dclosedir=libc_closedir \
	'-Dstat(p,s)=libc_stat(p,s)' '-Dlstat(p,s)=libc_lstat(p,s)' -Derrno=libc_errno
$(BUILD)/host/pure/libc/glob/glob.o: HOST_FREESTANDING_CFLAGS += -Iinclude $(LIBC_GLOB_RENAMES)

$(BUILD)/host/pure/tests/libc/glob/glob_hostfs.o: tests/libc/glob/glob_hostfs.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_FREESTANDING_CFLAGS) -Iinclude $(LIBC_GLOB_RENAMES) -c -o $@ $<

$(BUILD)/host/tests/libc_glob: $(BUILD)/host/obj/tests/libc/glob/test_glob.o $(HOST_CHECK_OBJS) \
		$(BUILD)/host/pure/libc/glob/glob.o $(BUILD)/host/pure/tests/libc/glob/glob_hostfs.o \
		$(BUILD)/host/pure/libc/fnmatch/fnmatch.o $(BUILD)/host/pure/libc/ctype/char_class.o \
		$(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_glob
