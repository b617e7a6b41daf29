# tests/libc/string/string_ext.mk - host test of the string functions beyond
# string.c (libc/string/strtok.c, strcase.c, strsearch.c, stpcpy.c; names
# given a libc_ prefix) against the host's: build/host/tests/libc_string_ext.
# They call string.c's functions, linked with the kern_ names of
# tests/host/rename_libc.h.

LIBC_STRING_EXT_UNITS := strtok strcase strsearch stpcpy
LIBC_STRING_EXT_OBJS := $(patsubst %,$(BUILD)/host/pure/libc/string/%.o,$(LIBC_STRING_EXT_UNITS))
$(LIBC_STRING_EXT_OBJS): HOST_FREESTANDING_CFLAGS += -Dstrtok=libc_strtok \
	-Dstrtok_r=libc_strtok_r -Dstrsep=libc_strsep -Dstrpbrk=libc_strpbrk \
	-Dstrchrnul=libc_strchrnul -Dmemrchr=libc_memrchr -Dmemmem=libc_memmem \
	-Dstrcasestr=libc_strcasestr -Dstrcasecmp=libc_strcasecmp -Dstrncasecmp=libc_strncasecmp \
	-Dffs=libc_ffs -Dstpcpy=libc_stpcpy -Dstpncpy=libc_stpncpy -Dstrncat=libc_strncat \
	-Dstrlcat=libc_strlcat -Dstrcoll=libc_strcoll -Dstrxfrm=libc_strxfrm

$(BUILD)/host/tests/libc_string_ext: $(BUILD)/host/obj/tests/libc/string/test_string_ext.o \
		$(HOST_CHECK_OBJS) $(LIBC_STRING_EXT_OBJS) $(BUILD)/host/pure/libc/string/string.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)
HOST_TESTS += $(BUILD)/host/tests/libc_string_ext
