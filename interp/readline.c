/*
 * readline.c - the line editor of `read` and the shell (spec 9.8,
 * src/hci/readline.c and editstring.c): prefilled text, the cursor at its
 * end, the editing keys of iPXE, and a redraw that moves the cursor
 * relative to where the editable text started (so it works after text
 * printed without a newline, e.g. `echo -n Name: `).
 */
#include <stdlib.h>
#include <string.h>

#include "interp/cmds.h"
#include "parser/util.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_ANSI(n, t) (0x110000 + (((n) + 1) << 8) + (t))

struct editline {
	struct buf text;
	size_t cursor;
	size_t shown;		/* characters on screen */
	size_t shown_cursor;	/* where the terminal cursor is */
};

/* Redraws from the start of the editable text: back to it, the text,
 * erase the rest, back to the cursor. */
static void
redraw(struct sim *sim, struct editline *e)
{
	for (size_t i = 0; i < e->shown_cursor; i++)
		sim_printf(sim, "\b");
	sim_write(sim, e->text.data, e->text.len);
	if (e->text.len < e->shown)
		sim_printf(sim, "\033[K");
	for (size_t i = e->cursor; i < e->text.len; i++)
		sim_printf(sim, "\b");
	e->shown = e->text.len;
	e->shown_cursor = e->cursor;
}

static void
delete_range(struct editline *e, size_t from, size_t to)
{
	memmove(e->text.data + from, e->text.data + to, e->text.len - to + 1);
	e->text.len -= to - from;
	if (e->cursor > to)
		e->cursor -= to - from;
	else if (e->cursor > from)
		e->cursor = from;
}

/* Applies one editing key (editstring.c edit_string()). */
static void
edit(struct editline *e, int key)
{
	size_t i;

	if (key >= 0x20 && key < 0x100 && key != 0x7f) {
		/* insert at the cursor: append, then shift the tail right */
		buf_addc(&e->text, (char)key);
		memmove(e->text.data + e->cursor + 1, e->text.data + e->cursor,
			e->text.len - 1 - e->cursor);
		e->text.data[e->cursor++] = (char)key;
		return;
	}
	switch (key) {
	case CTRL('H'):
	case 0x7f:
		if (e->cursor)
			delete_range(e, e->cursor - 1, e->cursor);
		break;
	case CTRL('D'):
	case KEY_ANSI(3, '~'):
		if (e->cursor < e->text.len)
			delete_range(e, e->cursor, e->cursor + 1);
		break;
	case CTRL('W'):
		/* the previous word and the spaces after it */
		for (i = e->cursor; i && e->text.data[i - 1] == ' '; i--)
			;
		for (; i && e->text.data[i - 1] != ' '; i--)
			;
		delete_range(e, i, e->cursor);
		break;
	case CTRL('U'):
		delete_range(e, 0, e->cursor);
		break;
	case CTRL('K'):
		delete_range(e, e->cursor, e->text.len);
		break;
	case CTRL('A'):
	case KEY_ANSI(0, 'H'):
		e->cursor = 0;
		break;
	case CTRL('E'):
	case KEY_ANSI(0, 'F'):
		e->cursor = e->text.len;
		break;
	case CTRL('B'):
	case KEY_ANSI(0, 'D'):
		if (e->cursor)
			e->cursor--;
		break;
	case CTRL('F'):
	case KEY_ANSI(0, 'C'):
		if (e->cursor < e->text.len)
			e->cursor++;
		break;
	default:
		break;	/* Esc and anything else: ignored */
	}
}

int
sim_readline(struct sim *sim, const char *prompt, const char *prefill,
	     uint32_t timeout, char **line)
{
	struct editline e = { .cursor = 0 };
	int key, rc = 0;
	bool first = true;

	*line = NULL;
	buf_init(&e.text);
	buf_adds(&e.text, prefill ? prefill : "");
	e.cursor = e.text.len;
	if (prompt)
		sim_printf(sim, "%s", prompt);
	redraw(sim, &e);
	for (;;) {
		key = sim_getkey(sim, first ? timeout : 0);
		if (key == KEY_NONE) {
			/* a timeout applies to the first key only */
			rc = sim_halted(sim) ? 0 : sim_err(sim, ERR_READ_TIMEOUT);
			break;
		}
		first = false;
		if (key == CTRL('M') || key == CTRL('J')) {
			*line = buf_steal(&e.text);
			break;
		}
		if (key == CTRL('C')) {
			rc = sim_err(sim, ERR_READ_CANCELLED);
			break;
		}
		edit(&e, key);
		redraw(sim, &e);
	}
	sim_printf(sim, "\n");
	buf_fini(&e.text);
	if (sim_halted(sim) && !*line)
		rc = sim_err(sim, ERR_READ_CANCELLED);
	return rc;
}
