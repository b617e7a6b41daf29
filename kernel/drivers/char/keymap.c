/*
 * keymap.c - scancode set 1 (what an i8042 in translation mode delivers) to
 * the bytes of a US keyboard, as a VT100/xterm terminal sends them.
 *
 * A key's make code is its number; its break (release) code has bit 7 set;
 * the grey keys (arrows, Home, Delete ...) come after an 0xE0 prefix, with
 * the numbers of the keypad keys in the same places. Characters come from
 * two tables indexed by the make code (plain and shifted); Caps Lock shifts
 * letters only; Ctrl turns a character into its control code (^A is 1, ^C
 * is 3, ^@ and ^space are 0); Alt sends ESC before the character (meta as
 * ESC prefix). Enter types CR and Backspace DEL, as on a real terminal: the
 * line discipline's ICRNL and VERASE take it from there. Cursor and editing
 * keys send xterm's sequences: ESC [ A..D, ESC [ H / F for Home and End,
 * ESC [ 2~ 3~ 5~ 6~ for Insert, Delete, Page Up, Page Down, ESC O P..S and
 * ESC [ 15~ .. 24~ for F1-F12. The keypad types digits with Num Lock on
 * and acts as the grey keys with it off (the default).
 */
#include <drivers/char/keymap.h>
#include <stddef.h>
#include <string.h>

#define PREFIX_EXTENDED 0xe0
#define PREFIX_PAUSE 0xe1
#define PAUSE_SEQUENCE_REST 5 /* E1 1D 45 E1 9D C5: five bytes after the first */
#define BREAK_BIT 0x80

/* Make codes of the keys handled outside the tables. */
#define KEY_CTRL 0x1d
#define KEY_SHIFT_LEFT 0x2a
#define KEY_SHIFT_RIGHT 0x36
#define KEY_ALT 0x38
#define KEY_CAPS_LOCK 0x3a
#define KEY_F1 0x3b
#define KEY_F10 0x44
#define KEY_NUM_LOCK 0x45
#define KEY_KEYPAD_FIRST 0x47 /* keypad 7 / Home */
#define KEY_KEYPAD_LAST 0x53  /* keypad . / Delete */
#define KEY_F11 0x57
#define KEY_F12 0x58
#define KEY_ENTER 0x1c        /* after 0xE0: keypad Enter */
#define KEY_SLASH 0x35        /* after 0xE0: keypad / */

/* Make codes 0x00-0x39: the characters they type, without and with Shift. */
static const char plain[] = "\0\x1b"
                            "1234567890-="
                            "\x7f\t"
                            "qwertyuiop[]"
                            "\r\0"
                            "asdfghjkl;'`"
                            "\0\\"
                            "zxcvbnm,./"
                            "\0*\0 ";
static const char shifted[] = "\0\x1b"
                              "!@#$%^&*()_+"
                              "\x7f\t"
                              "QWERTYUIOP{}"
                              "\r\0"
                              "ASDFGHJKL:\"~"
                              "\0|"
                              "ZXCVBNM<>?"
                              "\0*\0 ";
#define TABLE_SIZE (sizeof plain - 1)

/* Keypad codes 0x47-0x53: with Num Lock, and as grey keys (also after 0xE0). */
static const char keypad_digits[] = "789-456+1230.";
static const char *const keypad_keys[] = {
    "\x1b[H", "\x1b[A", "\x1b[5~", "-", "\x1b[D", "", "\x1b[C",
    "+",      "\x1b[F", "\x1b[B",  "\x1b[6~", "\x1b[2~", "\x1b[3~",
};

static const char *const function_keys[] = {
    "\x1bOP",   "\x1bOQ",   "\x1bOR",   "\x1bOS",   "\x1b[15~", "\x1b[17~",
    "\x1b[18~", "\x1b[19~", "\x1b[20~", "\x1b[21~", "\x1b[23~", "\x1b[24~",
};

_Static_assert(sizeof shifted == sizeof plain, "the two key tables differ in size");
_Static_assert(sizeof keypad_digits - 1 == KEY_KEYPAD_LAST - KEY_KEYPAD_FIRST + 1,
               "one digit per keypad key");

/* The character Ctrl turns c into (c itself when it has no control form). */
static char control_form(char c)
{
    if (c >= 'a' && c <= 'z')
        return (char)(c - 'a' + 1);
    if (c >= '@' && c <= '_') /* A-Z and @ [ \ ] ^ _ */
        return (char)(c & 0x1f);
    switch (c) {
    case ' ':
    case '2':
        return 0;
    case '6':
        return 0x1e;
    case '-':
    case '/':
        return 0x1f;
    case '?':
        return 0x7f;
    case 0x7f: /* Ctrl-Backspace */
        return '\b';
    default:
        return c;
    }
}

static int copy(char *out, const char *s)
{
    size_t n = strlen(s);

    memcpy(out, s, n);
    return (int)n;
}

/* A modifier or lock key: update the state. True when code was one. */
static bool modifier(struct keymap_state *st, uint8_t key, bool extended, bool released)
{
    switch (key) {
    case KEY_SHIFT_LEFT:
    case KEY_SHIFT_RIGHT:
        if (extended)
            return true; /* the fake shifts around Print Screen and the grey keys */
        if (key == KEY_SHIFT_LEFT)
            st->shift_left = !released;
        else
            st->shift_right = !released;
        return true;
    case KEY_CTRL:
        if (extended)
            st->ctrl_right = !released;
        else
            st->ctrl_left = !released;
        return true;
    case KEY_ALT:
        if (extended)
            st->alt_right = !released;
        else
            st->alt_left = !released;
        return true;
    case KEY_CAPS_LOCK:
        if (!released)
            st->caps_lock = !st->caps_lock;
        return true;
    case KEY_NUM_LOCK:
        if (!extended && !released)
            st->num_lock = !st->num_lock;
        return true;
    default:
        return false;
    }
}

/* The bytes of a key that is not a modifier, before Alt; 0 for keys that type nothing. */
static int key_bytes(const struct keymap_state *st, uint8_t key, bool extended, char *out)
{
    bool shift = st->shift_left || st->shift_right, ctrl = st->ctrl_left || st->ctrl_right;
    char c;

    if (key >= KEY_KEYPAD_FIRST && key <= KEY_KEYPAD_LAST) {
        if (!extended && st->num_lock) {
            out[0] = keypad_digits[key - KEY_KEYPAD_FIRST];
            return 1;
        }
        return copy(out, keypad_keys[key - KEY_KEYPAD_FIRST]);
    }
    if (key >= KEY_F1 && key <= KEY_F10)
        return copy(out, function_keys[key - KEY_F1]);
    if (key == KEY_F11 || key == KEY_F12)
        return copy(out, function_keys[10 + key - KEY_F11]);
    if (extended && key != KEY_ENTER && key != KEY_SLASH)
        return 0; /* Windows and menu keys, Print Screen, multimedia keys */
    if (key >= TABLE_SIZE || !plain[key])
        return 0;
    c = plain[key];
    if (c >= 'a' && c <= 'z' && st->caps_lock)
        shift = !shift;
    if (shift && !extended)
        c = shifted[key];
    if (ctrl)
        c = control_form(c);
    out[0] = c;
    return 1;
}

int keymap_translate(struct keymap_state *st, uint8_t code, char out[KEYMAP_MAX_BYTES])
{
    bool extended = st->extended, released = (code & BREAK_BIT) != 0;
    uint8_t key = code & ~BREAK_BIT;
    int n;

    if (st->skip > 0) {
        st->skip--;
        return 0;
    }
    if (code == PREFIX_EXTENDED) {
        st->extended = true;
        return 0;
    }
    if (code == PREFIX_PAUSE) {
        st->skip = PAUSE_SEQUENCE_REST;
        return 0;
    }
    st->extended = false;
    if (modifier(st, key, extended, released) || released)
        return 0;
    n = key_bytes(st, key, extended, out + 1);
    if (n == 0)
        return 0;
    if (st->alt_left || st->alt_right) {
        out[0] = 0x1b; /* meta sends ESC first */
        return n + 1;
    }
    memmove(out, out + 1, (size_t)n);
    return n;
}
