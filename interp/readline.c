/*
 * readline.c - the line editor of `read` and the shell (spec 9.8,
 * src/hci/readline.c and editstring.c): prefilled text, the cursor at its
 * end, the editing keys of iPXE, the shell's history, and a redraw that
 * moves the cursor relative to where the editable text started (so it
 * works after text printed without a newline, e.g. `echo -n Name: `).
 */
#include <stdlib.h>
#include <string.h>

#include "interp/cmds.h"
#include "interp/ui.h"
#include "parser/util.h"

/* ---------------------------------------------------------------- edit */

void
ui_edit_init(struct ui_edit *e, const char *text)
{
	buf_init(&e->text);
	ui_edit_replace(e, text);
}

void
ui_edit_fini(struct ui_edit *e)
{
	buf_fini(&e->text);
}

void
ui_edit_replace(struct ui_edit *e, const char *text)
{
	buf_reset(&e->text);
	buf_add(&e->text, "", 0);
	buf_adds(&e->text, text ? text : "");
	e->cursor = e->text.len;
}

static void
delete_range(struct ui_edit *e, size_t from, size_t to)
{
	memmove(e->text.data + from, e->text.data + to, e->text.len - to + 1);
	e->text.len -= to - from;
	if (e->cursor > to)
		e->cursor -= to - from;
	else if (e->cursor > from)
		e->cursor = from;
}

static bool
is_space(const struct ui_edit *e, size_t i)
{
	return is_ipxe_space((unsigned char)e->text.data[i]);
}

int
ui_edit_key(struct ui_edit *e, int key)
{
	size_t i;

	if (key >= 0x20 && key <= 0x7e) {
		/* printable: insert at the cursor */
		buf_addc(&e->text, (char)key);
		memmove(e->text.data + e->cursor + 1, e->text.data + e->cursor,
			e->text.len - 1 - e->cursor);
		e->text.data[e->cursor++] = (char)key;
		return 0;
	}
	switch (key) {
	case KEY_BACKSPACE:
		/* not DEL (0x7f): iPXE ignores it [verified: `ab` DEL `c`
		 * gives `abc`] */
		if (e->cursor)
			delete_range(e, e->cursor - 1, e->cursor);
		break;
	case KEY_CTRL('D'):
	case KEY_DC:
		if (e->cursor < e->text.len)
			delete_range(e, e->cursor, e->cursor + 1);
		break;
	case KEY_CTRL('W'):
		/* kill_word(): back over spaces, then over the word */
		for (i = e->cursor; i && is_space(e, i - 1); i--)
			;
		for (; i && !is_space(e, i - 1); i--)
			;
		delete_range(e, i, e->cursor);
		break;
	case KEY_CTRL('U'):
		delete_range(e, 0, e->cursor);
		break;
	case KEY_CTRL('K'):
		delete_range(e, e->cursor, e->text.len);
		break;
	case KEY_CTRL('A'):
	case KEY_HOME:
		e->cursor = 0;
		break;
	case KEY_CTRL('E'):
	case KEY_END:
		e->cursor = e->text.len;
		break;
	case KEY_CTRL('B'):
	case KEY_LEFT:
		if (e->cursor)
			e->cursor--;
		break;
	case KEY_CTRL('F'):
	case KEY_RIGHT:
		if (e->cursor < e->text.len)
			e->cursor++;
		break;
	default:
		return key;	/* not an editing key */
	}
	return 0;
}

/* ---------------------------------------------------------------- history */

/* struct readline_history: a ring of 8 entries, the newest at depth 0
 * being the line in progress; temp holds edits of older lines made while
 * browsing, dropped when the line is done. */
#define HISTORY_SLOTS 8
#define HISTORY_MAX_DEPTH (HISTORY_SLOTS - 1)

struct ui_history {
	char *string[HISTORY_SLOTS];
	char *temp[HISTORY_SLOTS];
	unsigned next, depth;
};

struct ui_history *
ui_history_new(void)
{
	return xcalloc(1, sizeof(struct ui_history));
}

void
ui_history_free(struct ui_history *h)
{
	if (!h)
		return;
	for (unsigned i = 0; i < HISTORY_SLOTS; i++) {
		free(h->string[i]);
		free(h->temp[i]);
	}
	free(h);
}

static unsigned
slot(const struct ui_history *h, unsigned depth)
{
	return (h->next - depth) % HISTORY_SLOTS;
}

/* history_move(): the line offset steps older (+1) or newer (-1), or
 * NULL when there is none; the edited old line is kept in temp. */
static const char *
history_move(struct ui_history *h, int offset, const char *old)
{
	unsigned depth = h->depth + (unsigned)offset, s = slot(h, depth);
	const char *line = h->temp[s] ? h->temp[s] : h->string[s];

	if (depth > HISTORY_MAX_DEPTH || !line)
		return NULL;
	s = slot(h, h->depth);
	free(h->temp[s]);
	h->temp[s] = xstrdup(old);
	h->depth = depth;
	return line;
}

static void
history_done(struct ui_history *h, const char *line)
{
	if (line && line[0]) {
		h->string[slot(h, 0)] = xstrdup(line);
		h->next++;
		free(h->string[slot(h, 0)]);
		h->string[slot(h, 0)] = NULL;
	}
	for (unsigned i = 0; i < HISTORY_SLOTS; i++) {
		free(h->temp[i]);
		h->temp[i] = NULL;
	}
	h->depth = 0;
}

/* ---------------------------------------------------------------- line */

/* What the console shows of the line being edited. */
struct shown {
	size_t len;	/* characters on screen */
	size_t cursor;	/* where the terminal cursor is */
};

/* Redraws from the start of the editable text: back to it, the text,
 * erase the rest, back to the cursor. */
static void
redraw(struct sim *sim, const struct ui_edit *e, struct shown *sh)
{
	for (size_t i = 0; i < sh->cursor; i++)
		sim_printf(sim, "\b");
	sim_write(sim, e->text.data, e->text.len);
	if (e->text.len < sh->len)
		sim_printf(sim, "\033[K");
	for (size_t i = e->cursor; i < e->text.len; i++)
		sim_printf(sim, "\b");
	sh->len = e->text.len;
	sh->cursor = e->cursor;
}

int
ui_readline(struct sim *sim, const char *prompt, const char *prefill,
	    struct ui_history *history, uint32_t timeout, char **line)
{
	struct ui_edit e;
	struct shown sh = { 0, 0 };
	int key, rc = 0;
	bool first = true;

	*line = NULL;
	if (prompt)
		sim_printf(sim, "%s", prompt);
	ui_edit_init(&e, prefill);
	redraw(sim, &e, &sh);
	for (;;) {
		const char *older = NULL;

		key = sim_getkey(sim, first ? timeout : 0);
		if (sim_halted(sim)) {
			/* still waiting when the input ran out: no newline */
			ui_edit_fini(&e);
			return sim_err(sim, ERR_READ_CANCELLED);
		}
		if (key == KEY_NONE) {
			/* a timeout applies to the first key only */
			rc = sim_err(sim, ERR_READ_TIMEOUT);
			break;
		}
		first = false;
		key = ui_edit_key(&e, key);
		redraw(sim, &e, &sh);
		if (key == KEY_CR || key == KEY_LF) {
			*line = buf_steal(&e.text);
			break;
		}
		if (key == KEY_CTRL('C')) {
			rc = sim_err(sim, ERR_READ_CANCELLED);
			break;
		}
		if (history && (key == KEY_UP || key == KEY_DOWN))
			older = history_move(history,
					     key == KEY_UP ? +1 : -1,
					     e.text.data);
		if (older) {
			ui_edit_replace(&e, older);
			redraw(sim, &e, &sh);
		}
	}
	sim_printf(sim, "\n");
	if (history)
		history_done(history, *line);
	ui_edit_fini(&e);
	return rc;
}

int
sim_readline(struct sim *sim, const char *prompt, const char *prefill,
	     uint32_t timeout, char **line)
{
	return ui_readline(sim, prompt, prefill, NULL, timeout, line);
}
