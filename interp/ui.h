/*
 * ui.h - menus, forms and the settings editor (spec 9, 10.2, 10.3): the
 * "dynamic user interfaces" that menu/form/item build (src/core/dynui.c),
 * the screen model the UIs draw on (what iPXE uses of mucurses), and the
 * editable strings of forms and readline.
 *
 * The UIs draw into a struct ui_screen, an 80x25 grid of cells with
 * attributes, where iPXE's curses calls put the text; only the screen
 * talks to the console.  In batch mode it writes the final grid once,
 * when the UI closes or the run halts inside it, so that a console
 * replay (spec 13.3) keeps the same last frame as on the real iPXE.  In
 * terminal mode (term.h) the grid is drawn at every ui_screen_getkey(),
 * and the last frame printed as plain lines when the UI closes.
 */
#ifndef IPXE_UI_H
#define IPXE_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/util.h"

struct sim;
struct sblock;

/* ---------------------------------------------------------------- keys */

/* iPXE key codes (src/include/ipxe/keys.h): ASCII, or KEY_ANSI(n, t) for
 * the special key that "ESC [ n t" encodes. */
#define KEY_ANSI(n, t) (0x110000 + (((n) + 1) << 8) + (t))
#define KEY_CTRL(c) ((c) & 0x1f)
enum {
	KEY_BACKSPACE = KEY_CTRL('H'),
	KEY_TAB = KEY_CTRL('I'),
	KEY_LF = KEY_CTRL('J'),
	KEY_CR = KEY_CTRL('M'),
	KEY_ESC = 0x1b,
	KEY_UP = KEY_ANSI(0, 'A'),
	KEY_DOWN = KEY_ANSI(0, 'B'),
	KEY_RIGHT = KEY_ANSI(0, 'C'),
	KEY_LEFT = KEY_ANSI(0, 'D'),
	KEY_END = KEY_ANSI(0, 'F'),
	KEY_HOME = KEY_ANSI(0, 'H'),
	KEY_DC = KEY_ANSI(3, '~'),
	KEY_PPAGE = KEY_ANSI(5, '~'),
	KEY_NPAGE = KEY_ANSI(6, '~'),
};

/* ---------------------------------------------------------------- model */

enum ui_item_flags {
	UI_DEFAULT = 1 << 0,	/* item --default */
	UI_SECRET = 1 << 1,	/* item --secret */
};

struct ui_item {
	char *name;	/* NULL: a separator or heading (not selectable) */
	char *text;	/* never NULL, may be "" */
	unsigned flags;	/* enum ui_item_flags */
	int key;	/* shortcut key code, 0 = none */
};

/* A dynamic user interface (struct dynamic_ui). */
struct ui {
	struct ui *next;
	char *name;	/* NULL: the unnamed (default) UI */
	char *title;	/* never NULL */
	struct ui_item *items;	/* index = position, as item->index */
	unsigned nitems;
	size_t cap;
};

/*
 * Creates a UI after destroying any UI of the same name (NULL for the
 * unnamed one) and appends it to sim->uis (create_dynui()).  name and
 * title are copied.
 */
struct ui *ui_create(struct sim *sim, const char *name, const char *title);
/* Unlinks ui from sim->uis and frees it. */
void ui_destroy(struct sim *sim, struct ui *ui);
/* The UI named name (NULL: the unnamed one), or NULL (find_dynui()). */
struct ui *ui_find(struct sim *sim, const char *name);
/* Appends an item; name may be NULL, text NULL means "". */
void ui_add_item(struct ui *ui, const char *name, const char *text,
		 unsigned flags, int key);
/*
 * The first item at or after index from whose shortcut is key, else the
 * first one from the start; -1 if none or key is 0 (dynui_shortcut()).
 */
int ui_shortcut(const struct ui *ui, int key, unsigned from);
void ui_free(struct ui *ui);
void ui_free_all(struct sim *sim);

/* ---------------------------------------------------------------- screen */

#define UI_ROWS 25
#define UI_COLS 80

/* Colour pairs (src/include/ipxe/ansicol.h); batch output ignores them. */
enum ui_cpair {
	UI_CPAIR_NORMAL,
	UI_CPAIR_SELECT,
	UI_CPAIR_SEPARATOR,
	UI_CPAIR_EDIT,
	UI_CPAIR_ALERT,
	UI_CPAIR_URL,
};

#define UI_ATTR_BOLD 0x80	/* or'ed with an enum ui_cpair */

/* The console screen as mucurses' stdscr sees it. */
struct ui_screen {
	struct sim *sim;
	char text[UI_ROWS][UI_COLS];
	uint8_t attr[UI_ROWS][UI_COLS];
	unsigned row, col;	/* cursor */
	uint8_t cur_attr;	/* attributes of the next character */
	bool hide_cursor;	/* curs_set(0) (terminal mode only) */
};

/* initscr() + erase(): a blank screen, cursor home. */
void ui_screen_init(struct ui_screen *scr, struct sim *sim);
void ui_screen_erase(struct ui_screen *scr);
/* move(): false (and no move) when outside the screen, like ERR. */
bool ui_screen_move(struct ui_screen *scr, unsigned row, unsigned col);
/* addstr()/printw(): writes at the cursor, wrapping as mucurses does. */
void ui_screen_puts(struct ui_screen *scr, const char *s);
/* mvaddstr()/mvprintw(): nothing when the position is off screen. */
void ui_screen_mvputs(struct ui_screen *scr, unsigned row, unsigned col,
		      const char *s);
void ui_screen_clrtoeol(struct ui_screen *scr);
void ui_screen_attr(struct ui_screen *scr, uint8_t attr);
/* msg()/clearmsg() of src/hci/tui/message.c: text centred on a row. */
void ui_screen_msg(struct ui_screen *scr, unsigned row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_screen_clearmsg(struct ui_screen *scr, unsigned row);
/*
 * getkey() while the screen is shown: waits up to timeout ticks (0 =
 * forever) as sim_getkey() does.  When the run halts in the wait, the
 * screen as it stands is written out first (the user would see it).
 */
int ui_screen_getkey(struct ui_screen *scr, uint64_t timeout);
/* endwin(): writes the final frame, then the cursor goes to the last row
 * and a newline scrolls the screen by one line. */
void ui_screen_end(struct ui_screen *scr);

/* ---------------------------------------------------------------- scroll */

/* A jump scroller (src/hci/jumpscroll.c): a window of rows over a list. */
struct ui_scroll {
	unsigned rows;		/* visible rows */
	unsigned count;		/* items */
	unsigned current;	/* selected item */
	unsigned first;		/* first visible item */
};

#define UI_SCROLL(delta) ((unsigned)(uint16_t)(int16_t)(delta))
#define UI_SCROLL_WRAP 0x80000000u
#define UI_SCROLL_DOWN UI_SCROLL(+1)

/* The movement a navigation key asks for, 0 for other keys. */
unsigned ui_scroll_key(const struct ui_scroll *s, int key);
/* Applies a movement; returns the one that continues it (never 0). */
unsigned ui_scroll_move(struct ui_scroll *s, unsigned move);
/* Moves the window to the page holding current; true if it moved. */
bool ui_scroll_jump(struct ui_scroll *s);

/* ---------------------------------------------------------------- edit */

/* An editable string (src/hci/editstring.c), for readline and forms. */
struct ui_edit {
	struct buf text;	/* always NUL-terminated */
	size_t cursor;
};

void ui_edit_init(struct ui_edit *e, const char *text);
void ui_edit_fini(struct ui_edit *e);
/* Replaces the whole text, cursor at its end (replace_string()). */
void ui_edit_replace(struct ui_edit *e, const char *text);
/* edit_string(): applies key; 0 when used, else the key itself. */
int ui_edit_key(struct ui_edit *e, int key);

/* The shell's line history (struct readline_history): 7 lines. */
struct ui_history;
struct ui_history *ui_history_new(void);
void ui_history_free(struct ui_history *h);
/*
 * readline_history(): sim_readline() (cmds.h) with a history, which Up
 * and Down browse when not NULL.  When the input runs out while it
 * waits, the run halts, nothing more is printed and the rc is
 * ERR_READ_CANCELLED's.
 */
int ui_readline(struct sim *sim, const char *prompt, const char *prefill,
		struct ui_history *history, uint32_t timeout, char **line);

/* ---------------------------------------------------------------- shows */

/*
 * show_menu(): runs a menu on ui (spec 9.3-9.5); timeouts in ticks, 0 =
 * none; select is choose --default or NULL.  On success *selected is the
 * index of the chosen (named) item.  Returns 0, ECANCELED or ENOENT (no
 * named item, nothing drawn).
 */
int ui_show_menu(struct sim *sim, struct ui *ui, uint64_t timeout,
		 uint64_t retimeout, const char *select, unsigned *selected);
/* show_form(): runs ui as a form (spec 9.6); 0 or rc. */
int ui_show_form(struct sim *sim, struct ui *ui);
/* settings_ui(): the settings editor of `config` on block b. */
int ui_show_settings(struct sim *sim, struct sblock *b);

#endif
