/*
 * vt.c - the terminal emulator on the VGA text screen: what the screen
 * terminal (/dev/tty1) and kernel messages draw with.
 *
 * Bytes go through a small state machine (ground, ESC, CSI, OSC) that
 * understands the subset of ECMA-48 / VT100 / xterm that shells, clear,
 * ls --color, pagers and editors use:
 *
 *   controls   CR, LF (and VT, FF), BS, TAB; BEL and the others are ignored
 *   ESC        7 / 8 save and restore the cursor, D index, M reverse index,
 *              E next line, c reset; ESC ( x and ESC ) x are swallowed
 *   CSI        A B C D E F G d H f (cursor), J K (erase), L M (lines),
 *              @ P X (characters), r (scroll region), s u (save, restore),
 *              m (colours), ?25 h / l (show, hide the cursor)
 *   OSC        ESC ] ... BEL or ST (window titles): ignored
 *
 * Writing into the last column leaves the cursor there with a wrap pending,
 * as xterm and the Linux console do: the next printable character goes to
 * the start of the next line, but a CR or a cursor movement cancels it.
 * Anything not understood is dropped without drawing. Bytes 0x80-0xff show
 * as the VGA font's characters (code page 437): UTF-8 is not decoded.
 *
 * The state here is the screen's: callers serialize (console_lock), except a
 * panic, which writes regardless.
 */
#include <drivers/char/vga.h>
#include <drivers/char/vt.h>

#define MAX_PARAMS 16
#define MAX_PARAM 9999
#define TAB_WIDTH 8

#define DEFAULT_FG 7 /* light grey */
#define DEFAULT_BG 0 /* black */
#define BRIGHT 8     /* the intensity bit of a foreground colour */

enum state { GROUND, ESCAPE, ESCAPE_CHARSET, CSI, OSC };

/* ANSI colour numbers (black, red, green, yellow, blue, magenta, cyan, white) to VGA's. */
static const uint8_t ansi_to_vga[8] = {0, 4, 2, 6, 1, 5, 3, 7};

static int row, col;
static bool wrap_pending;
static int top, bottom; /* the scroll region, rows inclusive */
static uint8_t fg = DEFAULT_FG, bg = DEFAULT_BG;
static bool bold, reverse;
static bool cursor_visible = true;

static struct {
    int row, col;
    uint8_t fg, bg;
    bool bold, reverse;
} saved;

static enum state state;
static int params[MAX_PARAMS];
static int nparams;
static bool private_mode; /* CSI ? ...: DEC private modes */

void vt_init(void)
{
    row = col = 0;
    wrap_pending = false;
    top = 0;
    bottom = VGA_ROWS - 1;
    fg = DEFAULT_FG;
    bg = DEFAULT_BG;
    bold = reverse = false;
    state = GROUND;
    cursor_visible = true;
    saved.row = saved.col = 0;
    saved.fg = fg;
    saved.bg = bg;
    saved.bold = saved.reverse = false;
}

/* The attribute byte for the current colours; bold is the bright foreground. */
static uint8_t attr(void)
{
    uint8_t f = bold ? fg | BRIGHT : fg, b = bg;

    if (reverse) {
        uint8_t t = f;
        f = b;
        b = t & 7; /* a background cannot be bright: bit 7 blinks */
    }
    return (uint8_t)(b << 4 | f);
}

static uint16_t blank(void)
{
    return vga_cell(' ', attr());
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Move the rows [first, last] up by n (n <= last - first + 1), blanking the freed rows. */
static void scroll_up(int first, int last, int n)
{
    int rows = last - first + 1;

    n = clamp(n, 0, rows);
    vga_move(first * VGA_COLS, (first + n) * VGA_COLS, (rows - n) * VGA_COLS);
    vga_fill((last - n + 1) * VGA_COLS, (last + 1) * VGA_COLS, blank());
}

static void scroll_down(int first, int last, int n)
{
    int rows = last - first + 1;

    n = clamp(n, 0, rows);
    vga_move((first + n) * VGA_COLS, first * VGA_COLS, (rows - n) * VGA_COLS);
    vga_fill(first * VGA_COLS, (first + n) * VGA_COLS, blank());
}

/* LF: down one row, scrolling the region when at its bottom. */
static void index_down(void)
{
    if (row == bottom)
        scroll_up(top, bottom, 1);
    else if (row < VGA_ROWS - 1)
        row++;
}

static void index_up(void)
{
    if (row == top)
        scroll_down(top, bottom, 1);
    else if (row > 0)
        row--;
}

static void move_to(int r, int c)
{
    row = clamp(r, 0, VGA_ROWS - 1);
    col = clamp(c, 0, VGA_COLS - 1);
    wrap_pending = false;
}

static void put_glyph(uint8_t c)
{
    if (wrap_pending) {
        col = 0;
        index_down();
        wrap_pending = false;
    }
    vga_put(row, col, vga_cell(c, attr()));
    if (col == VGA_COLS - 1)
        wrap_pending = true;
    else
        col++;
}

static void save_cursor(void)
{
    saved.row = row;
    saved.col = col;
    saved.fg = fg;
    saved.bg = bg;
    saved.bold = bold;
    saved.reverse = reverse;
}

static void restore_cursor(void)
{
    move_to(saved.row, saved.col);
    fg = saved.fg;
    bg = saved.bg;
    bold = saved.bold;
    reverse = saved.reverse;
}

/* A C0 control character (also in the middle of a sequence, as on a VT100). */
static void control(uint8_t c)
{
    switch (c) {
    case '\r':
        move_to(row, 0);
        break;
    case '\n':
    case '\v':
    case '\f':
        wrap_pending = false;
        index_down();
        break;
    case '\b':
        move_to(row, col - 1);
        break;
    case '\t':
        move_to(row, (col / TAB_WIDTH + 1) * TAB_WIDTH);
        break;
    default: /* BEL, NUL and the rest: nothing to show */
        break;
    }
}

/* Parameter i of the current sequence, or dflt when absent or 0. */
static int param(int i, int dflt)
{
    return i < nparams && params[i] > 0 ? params[i] : dflt;
}

/* Colour number n of an extended colour (38;5;n or 48;5;n): the 16 basic ones only. */
static int extended_colour(int *i)
{
    int kind = *i + 1 < nparams ? params[*i + 1] : -1;

    if (kind == 5 && *i + 2 < nparams) {
        int n = params[*i + 2];
        *i += 2;
        if (n < 8)
            return ansi_to_vga[n];
        if (n < 16)
            return ansi_to_vga[n - 8] | BRIGHT;
        return -1;
    }
    if (kind == 2)
        *i += 4; /* 2;r;g;b: no true colour on VGA */
    return -1;
}

/* SGR: colours and renditions. */
static void select_rendition(void)
{
    if (nparams == 0) {
        fg = DEFAULT_FG;
        bg = DEFAULT_BG;
        bold = reverse = false;
        return;
    }
    for (int i = 0; i < nparams; i++) {
        int p = params[i], colour;
        if (p == 0) {
            fg = DEFAULT_FG;
            bg = DEFAULT_BG;
            bold = reverse = false;
        } else if (p == 1) {
            bold = true;
        } else if (p == 22) {
            bold = false;
        } else if (p == 7) {
            reverse = true;
        } else if (p == 27) {
            reverse = false;
        } else if (p >= 30 && p <= 37) {
            fg = ansi_to_vga[p - 30];
        } else if (p == 39) {
            fg = DEFAULT_FG;
        } else if (p >= 40 && p <= 47) {
            bg = ansi_to_vga[p - 40];
        } else if (p == 49) {
            bg = DEFAULT_BG;
        } else if (p >= 90 && p <= 97) {
            fg = ansi_to_vga[p - 90] | BRIGHT;
        } else if (p >= 100 && p <= 107) {
            bg = ansi_to_vga[p - 100]; /* bright backgrounds would blink */
        } else if (p == 38 || p == 48) {
            if ((colour = extended_colour(&i)) >= 0) {
                if (p == 38)
                    fg = (uint8_t)colour;
                else
                    bg = (uint8_t)(colour & 7);
            }
        }
        /* Underline, blink, italic and the rest have no VGA colour form: ignored. */
    }
}

static void erase_display(int mode)
{
    int here = row * VGA_COLS + col;

    if (mode == 0)
        vga_fill(here, VGA_ROWS * VGA_COLS, blank());
    else if (mode == 1)
        vga_fill(0, here + 1, blank());
    else if (mode == 2 || mode == 3)
        vga_fill(0, VGA_ROWS * VGA_COLS, blank());
}

static void erase_line(int mode)
{
    int start = row * VGA_COLS;

    if (mode == 0)
        vga_fill(start + col, start + VGA_COLS, blank());
    else if (mode == 1)
        vga_fill(start, start + col + 1, blank());
    else if (mode == 2)
        vga_fill(start, start + VGA_COLS, blank());
}

/* ICH (n > 0) and DCH (n < 0): shift the rest of the line right or left. */
static void shift_chars(int n)
{
    int here = row * VGA_COLS + col, left = VGA_COLS - col;

    if (n > 0) {
        n = clamp(n, 0, left);
        vga_move(here + n, here, left - n);
        vga_fill(here, here + n, blank());
    } else {
        n = clamp(-n, 0, left);
        vga_move(here, here + n, left - n);
        vga_fill(here + left - n, here + left, blank());
    }
    wrap_pending = false;
}

static void set_scroll_region(void)
{
    int t = param(0, 1) - 1, b = param(1, VGA_ROWS) - 1;

    if (t < b && b < VGA_ROWS) {
        top = t;
        bottom = b;
        move_to(0, 0);
    }
}

static void set_private_mode(bool on)
{
    for (int i = 0; i < nparams; i++) {
        if (params[i] == 25) { /* DECTCEM: cursor visible */
            cursor_visible = on;
            vga_show_cursor(on);
        }
    }
}

/* The final byte of a CSI sequence: do what it says. */
static void csi_dispatch(uint8_t final)
{
    int n = param(0, 1);

    if (private_mode) {
        if (final == 'h' || final == 'l')
            set_private_mode(final == 'h');
        return;
    }
    switch (final) {
    case 'A': /* cursor up, stopping at the region's top when inside it */
        move_to(row >= top && row - n < top ? top : row - n, col);
        break;
    case 'B': /* down, likewise at its bottom */
        move_to(row <= bottom && row + n > bottom ? bottom : row + n, col);
        break;
    case 'C':
        move_to(row, col + n);
        break;
    case 'D':
        move_to(row, col - n);
        break;
    case 'E':
        move_to(row + n, 0);
        break;
    case 'F':
        move_to(row - n, 0);
        break;
    case 'G':
    case '`':
        move_to(row, n - 1);
        break;
    case 'd':
        move_to(n - 1, col);
        break;
    case 'H':
    case 'f':
        move_to(param(0, 1) - 1, param(1, 1) - 1);
        break;
    case 'J':
        erase_display(nparams ? params[0] : 0);
        break;
    case 'K':
        erase_line(nparams ? params[0] : 0);
        break;
    case 'L':
        if (row >= top && row <= bottom)
            scroll_down(row, bottom, n);
        move_to(row, 0);
        break;
    case 'M':
        if (row >= top && row <= bottom)
            scroll_up(row, bottom, n);
        move_to(row, 0);
        break;
    case '@':
        shift_chars(n);
        break;
    case 'P':
        shift_chars(-n);
        break;
    case 'X':
        vga_fill(row * VGA_COLS + col, row * VGA_COLS + clamp(col + n, 0, VGA_COLS), blank());
        break;
    case 'r':
        set_scroll_region();
        break;
    case 's':
        save_cursor();
        break;
    case 'u':
        restore_cursor();
        break;
    case 'm':
        select_rendition();
        break;
    default: /* not understood: ignored */
        break;
    }
}

static void esc_dispatch(uint8_t c)
{
    state = GROUND;
    switch (c) {
    case '[':
        state = CSI;
        nparams = 0;
        private_mode = false;
        break;
    case ']':
        state = OSC;
        break;
    case '(':
    case ')':
        state = ESCAPE_CHARSET; /* character set designation: one more byte */
        break;
    case '7':
        save_cursor();
        break;
    case '8':
        restore_cursor();
        break;
    case 'D':
        wrap_pending = false;
        index_down();
        break;
    case 'M':
        wrap_pending = false;
        index_up();
        break;
    case 'E':
        move_to(row, 0);
        index_down();
        break;
    case 'c':
        vt_init();
        vga_fill(0, VGA_ROWS * VGA_COLS, blank());
        vga_show_cursor(true);
        break;
    default:
        break;
    }
}

static void csi_byte(uint8_t c)
{
    if (c >= '0' && c <= '9') {
        if (nparams == 0)
            params[nparams++] = 0;
        if (params[nparams - 1] <= MAX_PARAM)
            params[nparams - 1] = params[nparams - 1] * 10 + (c - '0');
    } else if (c == ';') {
        if (nparams == 0)
            params[nparams++] = 0; /* ";5H": the first parameter is empty */
        if (nparams < MAX_PARAMS)
            params[nparams++] = 0;
    } else if (c == '?' || c == '>' || c == '=' || c == '<') {
        private_mode = true;
    } else if (c >= 0x40 && c <= 0x7e) {
        state = GROUND;
        csi_dispatch(c);
    } else if (c >= 0x80) {
        state = GROUND; /* not a sequence after all */
    }
    /* Intermediate bytes (0x20-0x2f) and ':' are accepted and ignored. */
}

static void vt_byte(uint8_t c)
{
    if (c == 0x1b) { /* ESC starts a new sequence whatever came before */
        state = ESCAPE;
        return;
    }
    if (state == OSC) {
        if (c == '\a')
            state = GROUND;
        return;
    }
    if (c == 0x18 || c == 0x1a) { /* CAN, SUB: abandon the sequence */
        state = GROUND;
        return;
    }
    if (c == 0x7f) /* DEL: fill, never drawn, not even inside a sequence */
        return;
    if (c < 0x20) {
        control(c);
        return;
    }
    switch (state) {
    case GROUND:
        put_glyph(c); /* 0x80-0xff: the VGA font's characters (code page 437) */
        break;
    case ESCAPE:
        esc_dispatch(c);
        break;
    case ESCAPE_CHARSET:
        state = GROUND;
        break;
    case CSI:
        csi_byte(c);
        break;
    case OSC:
        break;
    }
}

void vt_write(const char *s, size_t len)
{
    if (!vga_present())
        return;
    for (size_t i = 0; i < len; i++)
        vt_byte((uint8_t)s[i]);
    if (cursor_visible)
        vga_set_cursor(row, col);
}

void vt_abort_sequence(void)
{
    state = GROUND;
}
