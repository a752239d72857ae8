/*
 * term.h - ipxesim's terminal mode: the real keyboard and the real screen
 * of the person running the simulator, when standard input and output
 * are a terminal (struct sim_config.interactive).
 *
 * Keys: the terminal is put in raw mode (no echo, no line buffering,
 * Ctrl-C still a signal) at the first wait for a key and stays so until
 * term_close() or term_cooked(); the xterm/VT key sequences of arrows,
 * Home/End, PgUp/PgDn, Delete ... are decoded into iPXE's key codes (the
 * codes its BIOS console gives for those keys), and a wait with a timeout
 * really waits, on the wall clock.
 *
 * Screen: a struct ui_screen (menus, forms, the settings editor) is drawn
 * on the alternate screen with iPXE's colours, redrawing only the cells
 * that changed; when the UI closes the normal screen comes back and the
 * UI's last frame is printed there as plain lines, as the oracle's
 * console transcript shows it (spec 9.5, 13.3).
 *
 * Signals: SIGINT (Ctrl-C) only sets a flag that term_getkey() and
 * term_interrupted() report, so the simulator can stop the run cleanly;
 * SIGTERM, SIGHUP, SIGQUIT and crashes restore the terminal before the
 * process dies; SIGWINCH redraws the UI at the new size.
 */
#ifndef IPXE_TERM_H
#define IPXE_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim;
struct ui_screen;
struct term;

/* What term_getkey() returns besides an iPXE key code (all negative). */
enum {
	TERM_TIMEOUT = -1,	/* no key within the timeout */
	TERM_INTERRUPT = -2,	/* Ctrl-C (SIGINT) while waiting */
	TERM_EOF = -3,		/* the terminal went away */
};

/*
 * Terminal mode on in_fd and out_fd, or NULL when either is not a
 * terminal.  Only one terminal can be open at a time (the signal
 * handlers need to find it); a second term_open() returns NULL.
 */
struct term *term_open(int in_fd, int out_fd);
/* Closes any UI still shown, restores the terminal and the signal
 * handlers; NULL is ignored. */
void term_close(struct term *t);
/* Back to the terminal's own (cooked) mode until the next key wait, e.g.
 * before handing the terminal to a line editor. */
void term_cooked(struct term *t);

/*
 * Waits up to timeout ticks (1024 a second; 0 = forever) for a key and
 * returns its iPXE code (CR as LF, Backspace/DEL as 0x08, Alt-x = ESC x
 * as Ctrl-x as iPXE's getkey() has it), or TERM_*.  *elapsed gets the
 * ticks that really passed (exactly timeout on TERM_TIMEOUT).
 */
int term_getkey(struct term *t, uint64_t timeout, uint64_t *elapsed);
/* Whether a key is waiting (iskey()); keys stay queued. */
bool term_iskey(struct term *t);
/* Test-and-clear: whether Ctrl-C (SIGINT) came since the last call. */
bool term_interrupted(struct term *t);
/* Sleeps ticks on the wall clock, without reading keys. */
void term_sleep(struct term *t, uint64_t ticks);

/* Console output is passing: keeps track of the cursor's column. */
void term_output(struct term *t, const void *data, size_t len);

/*
 * Draws scr on the alternate screen (entered on the first call), only
 * what changed since the last call; the cursor is hidden when
 * scr->hide_cursor.  Output goes through sim_write(), so BIOS glyphs
 * show as in batch mode.
 */
void term_show(struct sim *sim, const struct ui_screen *scr);
/*
 * The UI closed (or the run stopped in it): back to the normal screen,
 * which then gets the UI's last frame as plain lines (blank rows around
 * it dropped), as the console transcript keeps it.
 */
void term_end(struct sim *sim, const struct ui_screen *scr);

#endif
