/*
 * rename_misc.h - forced-included (after tests/host/rename_libc.h) when
 * libc/misc/ is compiled for the host test libc_misc: its functions and errno
 * get a libc_ prefix, so that the test calls them beside the host's tools.
 */
#define strmode libc_strmode
#define setmode libc_setmode
#define getmode libc_getmode
#define human_size libc_human_size
#define write_all libc_write_all
#define read_all libc_read_all
#define read_file libc_read_file
#define path_join libc_path_join
#define path_last libc_path_last
#define path_into libc_path_into
#define parse_size libc_parse_size
#define parse_escape libc_parse_escape
#define errno libc_errno
