/*
 * ui.c - dynamic user interfaces (src/core/dynui.c), the screen model
 * (src/hci/mucurses, src/hci/tui/message.c), the jump scroller
 * (src/hci/jumpscroll.c), menus (src/hci/tui/menu_ui.c), forms
 * (src/hci/tui/form_ui.c) and the settings editor (settings_ui.c).  Each
 * draws into a struct ui_screen with iPXE's own layout and drawing order,
 * so the final frame is the one the real iPXE leaves.
 */
#include "interp/ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/settings.h"
#include "interp/sim.h"
#include "interp/term.h"

/* ---------------------------------------------------------------- model */

struct ui *
ui_find(struct sim *sim, const char *name)
{
	for (struct ui *ui = sim->uis; ui; ui = ui->next) {
		if (ui->name == name || (ui->name && name &&
					 strcmp(ui->name, name) == 0))
			return ui;
	}
	return NULL;
}

struct ui *
ui_create(struct sim *sim, const char *name, const char *title)
{
	struct ui *ui = ui_find(sim, name), **tail;

	if (ui)
		ui_destroy(sim, ui);
	ui = xcalloc(1, sizeof(*ui));
	ui->name = name ? xstrdup(name) : NULL;
	ui->title = xstrdup(title ? title : "");
	for (tail = &sim->uis; *tail; tail = &(*tail)->next)
		;
	*tail = ui;
	return ui;
}

void
ui_destroy(struct sim *sim, struct ui *ui)
{
	for (struct ui **p = &sim->uis; *p; p = &(*p)->next) {
		if (*p == ui) {
			*p = ui->next;
			break;
		}
	}
	ui_free(ui);
}

void
ui_add_item(struct ui *ui, const char *name, const char *text,
	    unsigned flags, int key)
{
	struct ui_item *item;

	ui->items = xgrow(ui->items, &ui->cap, ui->nitems + 1,
			  sizeof(*ui->items));
	item = &ui->items[ui->nitems++];
	item->name = name ? xstrdup(name) : NULL;
	item->text = xstrdup(text ? text : "");
	item->flags = flags;
	item->key = key;
}

int
ui_shortcut(const struct ui *ui, int key, unsigned from)
{
	if (!key)
		return -1;
	/* from the highlighted item on, then once more from the top */
	for (unsigned i = from; i < ui->nitems; i++)
		if (ui->items[i].key == key)
			return (int)i;
	for (unsigned i = 0; i < ui->nitems && i < from; i++)
		if (ui->items[i].key == key)
			return (int)i;
	return -1;
}

void
ui_free(struct ui *ui)
{
	for (unsigned i = 0; i < ui->nitems; i++) {
		free(ui->items[i].name);
		free(ui->items[i].text);
	}
	free(ui->items);
	free(ui->name);
	free(ui->title);
	free(ui);
}

void
ui_free_all(struct sim *sim)
{
	while (sim->uis) {
		struct ui *ui = sim->uis;

		sim->uis = ui->next;
		ui_free(ui);
	}
}

/* ---------------------------------------------------------------- screen */

void
ui_screen_init(struct ui_screen *scr, struct sim *sim)
{
	memset(scr, 0, sizeof(*scr));
	scr->sim = sim;
	ui_screen_erase(scr);
}

void
ui_screen_erase(struct ui_screen *scr)
{
	memset(scr->text, ' ', sizeof(scr->text));
	memset(scr->attr, scr->cur_attr, sizeof(scr->attr));
}

bool
ui_screen_move(struct ui_screen *scr, unsigned row, unsigned col)
{
	if (row >= UI_ROWS || col >= UI_COLS)
		return false;
	scr->row = row;
	scr->col = col;
	return true;
}

/* _wputch() with WRAP: past the last column to the next row, past the
 * last row back to the first (mucurses cannot scroll). */
static void
putch(struct ui_screen *scr, char c)
{
	scr->text[scr->row][scr->col] = c;
	scr->attr[scr->row][scr->col] = scr->cur_attr;
	if (++scr->col == UI_COLS) {
		scr->col = 0;
		if (++scr->row == UI_ROWS)
			scr->row = 0;
	}
}

void
ui_screen_puts(struct ui_screen *scr, const char *s)
{
	for (; *s; s++)
		putch(scr, *s);
}

void
ui_screen_mvputs(struct ui_screen *scr, unsigned row, unsigned col,
		 const char *s)
{
	if (ui_screen_move(scr, row, col))
		ui_screen_puts(scr, s);
}

void
ui_screen_clrtoeol(struct ui_screen *scr)
{
	unsigned row = scr->row, col = scr->col;

	while (scr->row == row)
		putch(scr, ' ');
	scr->row = row;
	scr->col = col;
}

void
ui_screen_attr(struct ui_screen *scr, uint8_t attr)
{
	scr->cur_attr = attr;
}

void
ui_screen_msg(struct ui_screen *scr, unsigned row, const char *fmt, ...)
{
	char buf[UI_COLS];
	va_list ap;
	int len;

	/* vmsg(): the text is cut to COLS - 1 characters but centred by its
	 * full length; one longer than the screen lands off screen (an
	 * unsigned column) and is not drawn at all */
	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len < 0 || len > UI_COLS)
		return;
	ui_screen_mvputs(scr, row, (unsigned)(UI_COLS - len) / 2, buf);
}

void
ui_screen_clearmsg(struct ui_screen *scr, unsigned row)
{
	if (ui_screen_move(scr, row, 0))
		ui_screen_clrtoeol(scr);
}

/*
 * Batch output: the whole frame at once, placed with absolute cursor
 * positioning after a clear, as the console shows it at that moment.
 * A replay of the console stream (spec 13.3) then keeps exactly what it
 * keeps of the real iPXE's drawing: the rows of this last frame.
 */
static void
write_frame(struct ui_screen *scr)
{
	struct sim *sim = scr->sim;

	sim_printf(sim, "\033[2J");
	for (unsigned r = 0; r < UI_ROWS; r++) {
		size_t n = UI_COLS;

		while (n && scr->text[r][n - 1] == ' ')
			n--;
		if (!n)
			continue;
		sim_printf(sim, "\033[%u;1H", r + 1);
		sim_write(sim, scr->text[r], n);
	}
	sim_printf(sim, "\033[%u;%uH", scr->row + 1, scr->col + 1);
}

int
ui_screen_getkey(struct ui_screen *scr, uint64_t timeout)
{
	struct sim *sim = scr->sim;
	int key;

	/* terminal mode: the person sees the screen as it stands */
	if (sim->term)
		term_show(sim, scr);
	key = sim_getkey(sim, timeout);
	if (key == KEY_NONE && sim_halted(sim)) {
		if (sim->term)
			term_end(sim, scr);
		else
			write_frame(scr);
	}
	/* getchar() turns CR into LF (src/core/console.c) */
	return key == KEY_CR ? KEY_LF : key;
}

void
ui_screen_end(struct ui_screen *scr)
{
	/* endwin(): attributes reset, cursor shown, "\n" on the last row;
	 * the screen driver's exit then clears the screen (which a replay
	 * sees as the end of the page: trailing blank rows go) */
	if (scr->sim->term) {
		term_end(scr->sim, scr);
		return;
	}
	write_frame(scr);
	sim_printf(scr->sim, "\033[0m\033[?25h\033[%u;1H\n\033[2J", UI_ROWS);
}

/* ---------------------------------------------------------------- scroll */

unsigned
ui_scroll_key(const struct ui_scroll *s, int key)
{
	unsigned flags = 0;
	int delta;

	switch (key) {
	case KEY_UP:
		delta = -1;
		break;
	case KEY_TAB:
		flags = UI_SCROLL_WRAP;
		delta = +1;
		break;
	case KEY_DOWN:
		delta = +1;
		break;
	case KEY_PPAGE:
		delta = (int)s->first - (int)s->current - 1;
		break;
	case KEY_NPAGE:
		delta = (int)s->first - (int)s->current + (int)s->rows;
		break;
	case KEY_HOME:
		delta = -(int)s->count;
		break;
	case KEY_END:
		delta = +(int)s->count;
		break;
	default:
		delta = 0;
		break;
	}
	return UI_SCROLL(delta) | flags;
}

unsigned
ui_scroll_move(struct ui_scroll *s, unsigned move)
{
	int delta = (int16_t)(move & 0xffff);
	int current = (int)s->current + delta;
	int last = (int)s->count - 1;

	/* keep going the same way; off either end, turn back (or wrap) */
	delta = delta >= 0 ? +1 : -1;
	if (current >= 0 && current <= last) {
		s->current = (unsigned)current;
	} else {
		if (!(move & UI_SCROLL_WRAP))
			delta = -delta;
		s->current = delta >= 0 ? 0 : (unsigned)last;
	}
	return UI_SCROLL(delta) | (move & 0xffff0000u);
}

bool
ui_scroll_jump(struct ui_scroll *s)
{
	if (s->current - s->first < s->rows)
		return false;
	while (s->first < s->current)
		s->first += s->rows;
	while (s->first > s->current)
		s->first -= s->rows;
	return true;
}

static bool
scroll_is_first(const struct ui_scroll *s)
{
	return s->first == 0;
}

static bool
scroll_is_last(const struct ui_scroll *s)
{
	return s->first + s->rows >= s->count;
}

/* ---------------------------------------------------------------- menu */

/* Screen layout of menu_ui.c on the 80x25 console. */
#define TITLE_ROW 1u
#define MENU_ROW 3u
#define MENU_COL 1u
#define MENU_ROWS (UI_ROWS - 2u - MENU_ROW)	/* 20 */
#define MENU_COLS (UI_COLS - 2u)		/* 78 */
#define MENU_PAD 2u
#define TICKS_PER_SEC 1024u

struct menu {
	struct ui *ui;
	struct ui_screen scr;
	struct ui_scroll scroll;
	uint64_t timeout;	/* remaining, 0 = none */
	uint64_t retimeout;	/* after a key press, 0 = none */
};

/* draw_menu_item(): one row, padded to the width; the highlighted row
 * carries the countdown "(N)" while a timeout runs. */
static void
draw_menu_item(struct menu *m, unsigned index)
{
	struct ui_screen *scr = &m->scr;
	unsigned row = MENU_ROW + (index - m->scroll.first);

	ui_screen_move(scr, row, MENU_COL);
	if (index < m->ui->nitems) {
		const struct ui_item *item = &m->ui->items[index];
		char buf[MENU_COLS + 1], tbuf[6];
		size_t len = strlen(item->text);
		uint64_t secs;
		int tlen;

		ui_screen_attr(scr, item->name ? UI_CPAIR_NORMAL
				   : UI_CPAIR_SEPARATOR);
		if (index == m->scroll.current)
			ui_screen_attr(scr, UI_CPAIR_SELECT | UI_ATTR_BOLD);
		memset(buf, ' ', MENU_COLS);
		buf[MENU_COLS] = '\0';
		if (len > MENU_COLS - 2 * MENU_PAD)
			len = MENU_COLS - 2 * MENU_PAD;
		memcpy(buf + MENU_PAD, item->text, len);
		/* "(%ld)" in a 6-byte buffer: a longer count copies the
		 * NUL too, which cuts the row there, as upstream does */
		secs = (m->timeout + TICKS_PER_SEC - 1) / TICKS_PER_SEC;
		tlen = snprintf(tbuf, sizeof(tbuf), "(%lu)",
				(unsigned long)secs);
		if (tlen > (int)sizeof(tbuf))
			tlen = sizeof(tbuf);
		if (index == m->scroll.current && m->timeout)
			memcpy(buf + MENU_COLS - MENU_PAD - (size_t)tlen, tbuf,
			       (size_t)tlen);
		ui_screen_puts(scr, buf);
		ui_screen_attr(scr, UI_CPAIR_NORMAL);
	} else {
		ui_screen_clrtoeol(scr);
	}
	ui_screen_move(scr, row, MENU_COL);
}

static void
draw_menu_items(struct menu *m)
{
	struct ui_screen *scr = &m->scr;

	ui_screen_attr(scr, UI_CPAIR_SEPARATOR);
	ui_screen_mvputs(scr, MENU_ROW - 1, MENU_COL + MENU_PAD,
			 scroll_is_first(&m->scroll) ? "   " : "...");
	ui_screen_mvputs(scr, MENU_ROW + MENU_ROWS, MENU_COL + MENU_PAD,
			 scroll_is_last(&m->scroll) ? "   " : "...");
	ui_screen_attr(scr, UI_CPAIR_NORMAL);
	for (unsigned i = 0; i < MENU_ROWS; i++)
		draw_menu_item(m, m->scroll.first + i);
}

/* menu_loop(): ORDER matters throughout, it decides the last frame. */
static int
menu_loop(struct menu *m, unsigned *selected)
{
	struct sim *sim = m->scr.sim;
	bool chosen = false;
	int rc = 0;

	do {
		unsigned previous = m->scroll.current, move = 0;
		uint64_t wait;
		int key;

		/* wait for the rest of the current second (spec 9.3) */
		wait = m->timeout % TICKS_PER_SEC;
		if (wait == 0 && m->timeout)
			wait = TICKS_PER_SEC;
		m->timeout -= wait;
		key = ui_screen_getkey(&m->scr, wait);
		if (sim_halted(sim))
			return 0;
		if (key == KEY_NONE) {
			if (m->timeout == 0)
				chosen = true;
		} else {
			/* any key press restarts the countdown */
			m->timeout = m->retimeout;
			move = ui_scroll_key(&m->scroll, key);
			switch (key) {
			case KEY_ESC:
			case KEY_CTRL('C'):
				rc = sim_err(sim, ERR_MENU_CANCELLED);
				break;
			case KEY_CR:
			case KEY_LF:
				chosen = true;
				break;
			default: {
				int i = ui_shortcut(m->ui, key,
						    m->scroll.current);

				if (i >= 0) {
					m->scroll.current = (unsigned)i;
					if (m->ui->items[i].name)
						chosen = true;
					else
						move = UI_SCROLL_DOWN;
				}
				break;
			}
			}
		}
		/* separators are passed over in the same direction */
		while (move) {
			move = ui_scroll_move(&m->scroll, move);
			if (m->ui->items[m->scroll.current].name)
				break;
		}
		if (m->scroll.current != previous || wait != 0) {
			draw_menu_item(m, previous);
			if (ui_scroll_jump(&m->scroll))
				draw_menu_items(m);
			draw_menu_item(m, m->scroll.current);
		}
		*selected = m->scroll.current;
	} while (rc == 0 && !chosen);
	return rc;
}

int
ui_show_menu(struct sim *sim, struct ui *ui, uint64_t timeout,
	     uint64_t retimeout, const char *select, unsigned *selected)
{
	struct menu m = { .ui = ui, .timeout = timeout,
			  .retimeout = retimeout };
	char title[MENU_COLS + 1];
	unsigned named = 0;
	int rc;

	/* the initial selection (spec 9.3 step 4) */
	m.scroll.rows = MENU_ROWS;
	for (unsigned i = 0; i < ui->nitems; i++) {
		const struct ui_item *item = &ui->items[i];

		if (!item->name)
			continue;
		if (!named++)
			m.scroll.current = i;
		if (select ? strcmp(select, item->name) == 0
			   : (item->flags & UI_DEFAULT) != 0)
			m.scroll.current = i;
	}
	m.scroll.count = ui->nitems;
	/* no named item: nothing could be selected, nothing is drawn */
	if (!named)
		return sim_err(sim, ERR_MENU_EMPTY);

	ui_screen_init(&m.scr, sim);
	m.scr.hide_cursor = true;
	ui_screen_attr(&m.scr, UI_ATTR_BOLD);
	snprintf(title, sizeof(title), "%s", ui->title);
	ui_screen_mvputs(&m.scr, TITLE_ROW,
			 (UI_COLS - (unsigned)strlen(title)) / 2, title);
	ui_screen_attr(&m.scr, UI_CPAIR_NORMAL);
	ui_scroll_jump(&m.scroll);
	draw_menu_items(&m);
	draw_menu_item(&m, m.scroll.current);

	rc = menu_loop(&m, selected);
	if (!sim_halted(sim))
		ui_screen_end(&m.scr);
	return rc;
}

/* ---------------------------------------------------------------- form */

/* Screen layout of form_ui.c. */
#define START_ROW 3u
#define END_ROW (UI_ROWS - 3u)
#define INSTRUCTION_ROW (UI_ROWS - 2u)
#define INSTRUCTION_PAD "     "
#define INPUT_WIDTH (UI_COLS / 2u)
#define INPUT_COL ((UI_COLS - INPUT_WIDTH) / 2u)
#define EDITBOX_MIN_CHARS 3

/* An edit box widget (src/hci/mucurses/widgets/editbox.c). */
struct editbox {
	unsigned row, col, width;
	bool secret;
	size_t first;		/* first character shown */
	struct ui_edit edit;
};

struct form_control {
	const struct ui_item *item;
	struct sblock *block;
	struct setting setting;
	char *namebuf;
	unsigned row;		/* label row, 0 = no label */
	struct editbox box;
	int rc;			/* the last store's result */
};

struct form {
	struct ui *ui;
	struct ui_screen scr;
	struct ui_scroll scroll;
	struct form_control *controls;
};

/* draw_editbox(): the text from box->first, padded with '_', the cursor
 * kept at least 3 characters from the left edge and inside the box. */
static void
draw_editbox(struct ui_screen *scr, struct editbox *box)
{
	char buf[UI_COLS + 1];
	long offset = (long)box->edit.cursor - (long)box->first;
	long underflow = EDITBOX_MIN_CHARS - offset;
	long overflow = offset - ((long)box->width - 1);
	long first = (long)box->first;
	size_t len;

	if (underflow > 0) {
		first -= underflow;
		if (first < 0)
			first = 0;
	} else if (overflow > 0) {
		first += overflow;
	}
	box->first = (size_t)first;
	offset = (long)box->edit.cursor - first;
	memset(buf, '_', box->width);
	buf[box->width] = '\0';
	len = box->edit.text.len - box->first;
	if (len > box->width)
		len = box->width;
	if (box->secret)
		memset(buf, '*', len);
	else
		memcpy(buf, box->edit.text.data + box->first, len);
	ui_screen_attr(scr, UI_CPAIR_EDIT);
	ui_screen_mvputs(scr, box->row, box->col, buf);
	ui_screen_move(scr, box->row, box->col + (unsigned)offset);
	ui_screen_attr(scr, UI_CPAIR_NORMAL);
}

/* layout_form(): rows for labels and inputs, padded and centred when
 * the screen has room (spec 9.6). */
static int
layout_form(struct sim *sim, struct form *f)
{
	unsigned labels = 0, inputs = 0, pad_control = 0, pad_label = 0;
	unsigned n = f->ui->nitems, minimum, remaining, row;

	for (unsigned i = 0; i < n; i++) {
		const struct ui_item *item = f->controls[i].item;

		if (item->text[0])
			labels++;
		if (item->name) {
			if (!inputs)
				f->scroll.current = i;
			inputs++;
			if (item->flags & UI_DEFAULT)
				f->scroll.current = i;
			f->scroll.count = i + 1;
		}
	}
	f->scroll.rows = f->scroll.count;
	if (!inputs)
		return sim_err(sim, ERR_FORM_NO_INPUTS);
	minimum = labels + inputs * 2;	/* edit box and error message */
	remaining = END_ROW - START_ROW;
	if (minimum > remaining)
		return sim_err(sim, ERR_FORM_TOO_TALL);
	remaining -= minimum;
	if (n - 1 <= remaining) {
		pad_control = 1;
		remaining -= n - 1;
	}
	if (labels <= remaining) {
		pad_label = 1;
		remaining -= labels;
	}
	row = START_ROW + remaining / 2;
	for (unsigned i = 0; i < n; i++) {
		struct form_control *c = &f->controls[i];

		if (c->item->text[0]) {
			c->row = row;
			row += 1 + pad_label;
		}
		if (c->item->name) {
			c->box.row = row;
			c->box.col = INPUT_COL;
			c->box.width = INPUT_WIDTH;
			c->box.secret = (c->item->flags & UI_SECRET) != 0;
			row += 2;	/* edit box, error message */
		}
		row += pad_control;
	}
	return 0;
}

static void
draw_form(struct form *f)
{
	struct ui_screen *scr = &f->scr;

	ui_screen_attr(scr, UI_CPAIR_NORMAL);
	ui_screen_erase(scr);
	ui_screen_attr(scr, UI_ATTR_BOLD);
	ui_screen_msg(scr, TITLE_ROW, "%s", f->ui->title);
	ui_screen_attr(scr, UI_CPAIR_NORMAL);
	for (unsigned i = 0; i < f->ui->nitems; i++) {
		struct form_control *c = &f->controls[i];

		if (c->row)
			ui_screen_msg(scr, c->row, "%s", c->item->text);
		if (c->item->name)
			draw_editbox(scr, &c->box);
	}
	ui_screen_msg(scr, INSTRUCTION_ROW, "%s", "Ctrl-X - save changes"
		      INSTRUCTION_PAD "Ctrl-C - discard changes");
}

/* submit_form(): stores every field, then shows or clears each error
 * on the row under its field. */
static int
submit_form(struct form *f)
{
	struct sim *sim = f->scr.sim;
	int rc = 0;

	for (unsigned i = 0; i < f->ui->nitems; i++) {
		struct form_control *c = &f->controls[i];

		if (!c->item->name)
			continue;
		c->rc = settings_storef(sim, c->block, &c->setting,
					c->box.edit.text.data);
		if (c->rc)
			rc = c->rc;
	}
	for (unsigned i = 0; i < f->ui->nitems; i++) {
		struct form_control *c = &f->controls[i];
		unsigned row = c->box.row + 1;

		if (!c->item->name)
			continue;
		if (c->rc) {
			char *text = sim_strerror(sim, c->rc);

			ui_screen_attr(&f->scr, UI_CPAIR_ALERT);
			ui_screen_msg(&f->scr, row, " %s ", text);
			ui_screen_attr(&f->scr, UI_CPAIR_NORMAL);
			free(text);
		} else {
			ui_screen_clearmsg(&f->scr, row);
		}
	}
	return rc;
}

static int
form_loop(struct form *f)
{
	struct sim *sim = f->scr.sim;
	struct ui_scroll *s = &f->scroll;

	for (;;) {
		struct form_control *c = &f->controls[s->current];
		unsigned move;
		int key;

		draw_editbox(&f->scr, &c->box);
		key = ui_screen_getkey(&f->scr, 0);
		if (sim_halted(sim))
			return 0;
		/* the field takes printable and editing keys first */
		key = ui_edit_key(&c->box.edit, key);
		move = ui_scroll_key(s, key);
		switch (key) {
		case KEY_CTRL('C'):
		case KEY_ESC:
			return sim_err(sim, ERR_FORM_CANCELLED);
		case KEY_LF:
			/* Enter: next field, or submit on the last one and
			 * on a field whose value failed */
			if (c->rc == 0 && s->current < s->count - 1) {
				move = UI_SCROLL_DOWN;
				break;
			}
			/* fall through */
		case KEY_CTRL('X'):
			if (submit_form(f) == 0)
				return 0;
			if (c->rc == 0) {
				for (unsigned i = 0; i < f->ui->nitems; i++) {
					if (f->controls[i].rc) {
						s->current = i;
						break;
					}
				}
			}
			break;
		default: {
			int i = ui_shortcut(f->ui, key, s->current);

			if (i >= 0) {
				s->current = (unsigned)i;
				if (!f->ui->items[i].name)
					move = UI_SCROLL_DOWN;
			}
			break;
		}
		}
		while (move) {
			move = ui_scroll_move(s, move);
			if (f->controls[s->current].item->name)
				break;
		}
	}
}

int
ui_show_form(struct sim *sim, struct ui *ui)
{
	struct form f = { .ui = ui };
	int rc = 0;

	f.controls = xcalloc(ui->nitems ? ui->nitems : 1,
			     sizeof(*f.controls));
	for (unsigned i = 0; i < ui->nitems; i++)
		f.controls[i].item = &ui->items[i];
	/* parse_names(): every field's setting, before anything else */
	for (unsigned i = 0; i < ui->nitems && !rc; i++) {
		struct form_control *c = &f.controls[i];

		if (!c->item->name)
			continue;
		rc = settings_parse_name(sim, c->item->name, true, &c->block,
					 &c->setting, &c->namebuf);
		if (!rc && c->setting.type < 0)
			c->setting.type = TYPE_string;
	}
	/* load_values(): each field starts with the formatted value, and
	 * takes on the type it was stored with */
	for (unsigned i = 0; i < ui->nitems; i++) {
		struct form_control *c = &f.controls[i];
		struct setting fetched;
		struct buf value;

		ui_edit_init(&c->box.edit, "");
		if (rc || !c->item->name)
			continue;
		buf_init(&value);
		buf_add(&value, "", 0);
		if (settings_fetchf(sim, c->block, &c->setting, NULL, &fetched,
				    &value) == 0) {
			c->setting = fetched;
			ui_edit_replace(&c->box.edit, value.data);
		}
		buf_fini(&value);
	}
	if (!rc)
		rc = layout_form(sim, &f);
	if (!rc) {
		ui_screen_init(&f.scr, sim);
		draw_form(&f);
		rc = form_loop(&f);
		if (!sim_halted(sim))
			ui_screen_end(&f.scr);
	}
	for (unsigned i = 0; i < ui->nitems; i++) {
		ui_edit_fini(&f.controls[i].box.edit);
		free(f.controls[i].namebuf);
	}
	free(f.controls);
	return rc;
}

/* ---------------------------------------------------------------- settings */

/* Screen layout of settings_ui.c. */
#define LIST_ROW 3u
#define LIST_COL 1u
#define LIST_ROWS (UI_ROWS - 6u - LIST_ROW)	/* 16 */
#define INFO_ROW (UI_ROWS - 5u)
#define ALERT_ROW (UI_ROWS - 2u)
/* A setting row (SETTING_ROW_TEXT): a space, the name dot-padded to 15,
 * a space, the value in 60 columns, a space; a block row has its name
 * and a '/' where the name and value go. */
#define ROW_NAME 15u
#define ROW_VALUE_AT (1u + ROW_NAME + 1u)
#define ROW_VALUE (UI_COLS - ROW_VALUE_AT - 4u)	/* 60 */
#define ROW_BLOCK (UI_COLS - 5u)		/* 75 */
#define ROW_LEN (1u + ROW_VALUE_AT - 1u + ROW_VALUE + 1u)	/* 78 */

/* Upstream's descriptions (the .description of each __setting), shown
 * on the information row. */
static const char *const descriptions[SET_COUNT] = {
	[SET_busid] = "Bus ID",
	[SET_busloc] = "Bus location",
	[SET_bustype] = "Bus type",
	[SET_chip] = "Chip",
	[SET_hwaddr] = "Hardware address",
	[SET_ifname] = "Interface name",
	[SET_linktype] = "Link-layer type",
	[SET_mac] = "MAC address",
	[SET_mtu] = "MTU",
	[SET_active_scan] = "Actively scan for wireless networks",
	[SET_key] = "Wireless encryption key",
	[SET_ssid] = "Wireless SSID",
	[SET_gateway] = "Default gateway",
	[SET_ip] = "IP address",
	[SET_netmask] = "Subnet mask",
	[SET_static_routes] = "Static routes",
	[SET_dns] = "DNS server",
	[SET_ntp] = "NTP server",
	[SET_gateway6] = "IPv6 gateway",
	[SET_ip6] = "IPv6 address",
	[SET_len6] = "IPv6 prefix length",
	[SET_dns6] = "DNS server",
	[SET_dnssl] = "DNS search list",
	[SET_domain] = "DNS domain",
	[SET_filename] = "Boot filename",
	[SET_next_server] = "TFTP server",
	[SET_root_path] = "SAN root path",
	[SET_san_filename] = "SAN filename",
	[SET_initiator_iqn] = "iSCSI initiator name",
	[SET_keep_san] = "Preserve SAN connection",
	[SET_san_drive] = "SAN drive number",
	[SET_san_retries] = "SAN retry count",
	[SET_skip_san_boot] = "Do not boot from SAN device",
	[SET_hostname] = "Host name",
	[SET_uuid] = "UUID",
	[SET_asset] = "Asset tag",
	[SET_board_serial] = "Base board serial",
	[SET_cpumodel] = "CPU model",
	[SET_cpuvendor] = "CPU vendor",
	[SET_manufacturer] = "Manufacturer",
	[SET_product] = "Product name",
	[SET_serial] = "Serial number",
	[SET_user_class] = "DHCP user class",
	[SET_vendor_class] = "DHCP vendor class",
	[SET_gid] = "Group ID",
	[SET_password] = "Password",
	[SET_uid] = "User ID",
	[SET_username] = "User name",
	[SET_reverse_password] = "Reverse password",
	[SET_reverse_username] = "Reverse user name",
	[SET_cert] = "Certificate",
	[SET_crosscert] = "Cross-signed certificate source",
	[SET_privkey] = "Private key",
	[SET_trust] = "Trusted root certificate fingerprints",
	[SET_buildarch] = "Build architecture",
	[SET_cwduri] = "Current working directory URI",
	[SET_cwuri] = "Current working URI",
	[SET_dhcp_server] = "DHCP server",
	[SET_dmesg] = "Ring buffer",
	[SET_errno] = "Last error",
	[SET_keymap] = "Keyboard map",
	[SET_memsize] = "Memory size (in MB)",
	[SET_peerdist] = "PeerDist enabled",
	[SET_peerhost] = "PeerDist hosted cache",
	[SET_platform] = "Platform",
	[SET_priority] = "Settings priority",
	[SET_scriptlet] = "Boot scriptlet",
	[SET_syslog] = "Syslog server",
	[SET_syslog6] = "Syslog server",
	[SET_syslogs] = "Encrypted syslog server",
	[SET_sysmac] = "System MAC",
	[SET_unixtime] = "Seconds since the Epoch",
	[SET_version] = "Version",
	[SET_vram] = "Video RAM",
};

/* The row the cursor is on (struct settings_ui_row). */
struct settings_row {
	struct sblock *block;	/* a row leading to a block, or NULL */
	bool is_parent;		/* that block is the parent ("..") */
	const struct set_def *def;	/* a setting row, or NULL */
	struct sblock *origin;	/* where its value comes from */
	struct setting setting;	/* as fetched */
	unsigned row;		/* screen row */
	struct editbox box;	/* the value, being edited or not */
	bool editing;
};

struct settings_ui {
	struct sim *sim;
	struct sblock *settings;
	struct ui_screen scr;
	struct ui_scroll scroll;
	struct settings_row row;
};

/* select_setting_row(): makes row index current (its value fetched)
 * and returns how many rows the block has.  Rows: the parent, the
 * children, then every predefined setting of the build that applies,
 * in table order. */
static unsigned
select_row(struct settings_ui *ui, unsigned index)
{
	struct settings_row *r = &ui->row;
	struct sim *sim = ui->sim;
	unsigned count = 0;

	ui_edit_fini(&r->box.edit);
	memset(r, 0, sizeof(*r));
	r->row = LIST_ROW + index - ui->scroll.first;
	if (ui->settings->parent && count++ == index) {
		r->block = ui->settings->parent;
		r->is_parent = true;
	}
	for (struct sblock *c = ui->settings->children; c; c = c->next)
		if (count++ == index)
			r->block = c;
	ui_edit_init(&r->box.edit, "");
	for (unsigned i = 0; i < SET_COUNT; i++) {
		struct setting s;

		if (!(set_table[i].builds & sim_build_mask(sim)))
			continue;
		s = settings_predefined((enum set_id)i);
		if (!settings_applies(sim, ui->settings, &s))
			continue;
		if (count++ == index) {
			struct buf value;

			r->def = &set_table[i];
			r->setting = s;
			buf_init(&value);
			buf_add(&value, "", 0);
			settings_fetchf(sim, ui->settings, &s, &r->origin,
					&r->setting, &value);
			ui_edit_replace(&r->box.edit, value.data);
			buf_fini(&value);
		}
	}
	r->box.row = r->row;
	r->box.col = LIST_COL + ROW_VALUE_AT;
	r->box.width = ROW_VALUE;
	return count;
}

static size_t
copy_text(char *dest, const char *src, size_t max)
{
	size_t n = strlen(src);

	if (n > max)
		n = max;
	memcpy(dest, src, n);
	return n;
}

/* draw_setting_row() */
static void
draw_row(struct settings_ui *ui)
{
	struct settings_row *r = &ui->row;
	char text[ROW_LEN + 1];
	size_t cursor;

	memset(text, ' ', ROW_LEN);
	text[ROW_LEN] = '\0';
	if (r->block) {
		struct buf name;

		buf_init(&name);
		if (r->is_parent)
			buf_adds(&name, "..");
		else
			buf_adds(&name, r->block->name);
		cursor = copy_text(text + 1, name.data, ROW_BLOCK);
		text[1 + cursor] = '/';
		cursor += 1;
		buf_fini(&name);
	} else {
		const char *value = r->box.edit.text.data;

		memset(text + 1, '.', ROW_NAME);
		copy_text(text + 1, r->setting.name, ROW_NAME);
		if (!value[0])
			value = "<not specified>";
		cursor = ROW_VALUE_AT + copy_text(text + ROW_VALUE_AT, value,
						  ROW_VALUE);
	}
	if (r->origin == ui->settings || r->block)
		ui_screen_attr(&ui->scr, ui->scr.cur_attr | UI_ATTR_BOLD);
	ui_screen_mvputs(&ui->scr, r->row, LIST_COL, text);
	ui_screen_attr(&ui->scr, ui->scr.cur_attr & ~UI_ATTR_BOLD);
	ui_screen_move(&ui->scr, r->row, LIST_COL + (unsigned)cursor);
}

static void
draw_title_row(struct settings_ui *ui)
{
	struct buf name;

	buf_init(&name);
	buf_add(&name, "", 0);
	settings_block_name(ui->settings, &name);
	ui_screen_clearmsg(&ui->scr, TITLE_ROW);
	ui_screen_attr(&ui->scr, UI_ATTR_BOLD);
	ui_screen_msg(&ui->scr, TITLE_ROW, "iPXE configuration settings%s%s",
		      name.data[0] ? " - " : "", name.data);
	ui_screen_attr(&ui->scr, UI_CPAIR_NORMAL);
	buf_fini(&name);
}

static void
draw_info_row(struct settings_ui *ui)
{
	struct settings_row *r = &ui->row;
	struct buf name;

	ui_screen_clearmsg(&ui->scr, INFO_ROW);
	ui_screen_clearmsg(&ui->scr, INFO_ROW + 1);
	if (!r->def)
		return;
	/* setting_name(): "block/name:type" in a 32-byte buffer */
	buf_init(&name);
	buf_add(&name, "", 0);
	settings_block_name(r->origin ? r->origin : ui->settings, &name);
	buf_printf(&name, "%s%s:%s", name.len ? "/" : "", r->setting.name,
		   type_names[r->setting.type < 0 ? TYPE_string
						  : r->setting.type]);
	if (name.len > 31)
		name.data[31] = '\0';
	ui_screen_attr(&ui->scr, UI_ATTR_BOLD);
	ui_screen_msg(&ui->scr, INFO_ROW, "%s - %s", name.data,
		      descriptions[r->def->id] ? descriptions[r->def->id] : "");
	ui_screen_attr(&ui->scr, UI_CPAIR_URL);
	ui_screen_msg(&ui->scr, INFO_ROW + 1, "%s/cfg/%s",
		      ui->sim->cfg.url_base, r->setting.name);
	ui_screen_attr(&ui->scr, UI_CPAIR_NORMAL);
	buf_fini(&name);
}

static void
draw_instruction_row(struct settings_ui *ui)
{
	ui_screen_clearmsg(&ui->scr, INSTRUCTION_ROW);
	if (ui->row.editing)
		ui_screen_msg(&ui->scr, INSTRUCTION_ROW, "Enter - accept "
			      "changes" INSTRUCTION_PAD "Ctrl-C - discard "
			      "changes");
	else
		ui_screen_msg(&ui->scr, INSTRUCTION_ROW,
			      "%sCtrl-X - exit configuration utility",
			      ui->row.origin == ui->settings
				      ? "Ctrl-D - delete setting"
					INSTRUCTION_PAD : "");
}

static void
draw_rows(struct settings_ui *ui)
{
	struct ui_screen *scr = &ui->scr;

	ui_screen_attr(scr, UI_CPAIR_SEPARATOR);
	ui_screen_mvputs(scr, LIST_ROW - 1, LIST_COL + 1,
			 scroll_is_first(&ui->scroll) ? "   " : "...");
	ui_screen_mvputs(scr, LIST_ROW + LIST_ROWS, LIST_COL + 1,
			 scroll_is_last(&ui->scroll) ? "   " : "...");
	ui_screen_attr(scr, UI_CPAIR_NORMAL);
	for (unsigned i = 0; i < LIST_ROWS; i++) {
		if (ui->scroll.first + i < ui->scroll.count) {
			select_row(ui, ui->scroll.first + i);
			draw_row(ui);
		} else {
			ui_screen_clearmsg(scr, LIST_ROW + i);
		}
	}
}

static void
select_block(struct settings_ui *ui, struct sblock *b)
{
	ui->settings = settings_target(ui->sim, b);
	ui->scroll.count = select_row(ui, 0);
	ui->scroll.rows = LIST_ROWS;
	ui->scroll.current = 0;
	ui->scroll.first = 0;
	draw_title_row(ui);
	draw_rows(ui);
	select_row(ui, 0);
}

/* alert(): the error on the instruction row for two seconds.  The
 * simulated user waits meanwhile, so no key is read. */
static void
alert(struct settings_ui *ui, int rc)
{
	char *text = sim_strerror(ui->sim, rc);

	ui_screen_clearmsg(&ui->scr, ALERT_ROW);
	ui_screen_attr(&ui->scr, UI_CPAIR_ALERT);
	ui_screen_msg(&ui->scr, ALERT_ROW, " %s ", text);
	ui->sim->ticks += 2 * TICKS_PER_SEC;
	if (ui->sim->term) {
		/* a person at the terminal reads it meanwhile */
		term_show(ui->sim, &ui->scr);
		term_sleep(ui->sim->term, 2 * TICKS_PER_SEC);
	}
	ui_screen_attr(&ui->scr, UI_CPAIR_NORMAL);
	ui_screen_clearmsg(&ui->scr, ALERT_ROW);
	free(text);
}

/* main_loop() of settings_ui.c: navigate, edit, delete, leave. */
static int
settings_loop(struct settings_ui *ui)
{
	struct sim *sim = ui->sim;
	bool redraw = true;
	int key, rc;

	select_block(ui, ui->settings);
	for (;;) {
		struct settings_row *r = &ui->row;
		unsigned move;

		if (redraw) {
			draw_info_row(ui);
			draw_instruction_row(ui);
			ui_screen_attr(&ui->scr, r->editing ? UI_CPAIR_EDIT
							    : UI_CPAIR_SELECT);
			draw_row(ui);
			ui_screen_attr(&ui->scr, UI_CPAIR_NORMAL);
			ui->scr.hide_cursor = !r->editing;
			redraw = false;
		}
		if (r->editing) {
			draw_editbox(&ui->scr, &r->box);
			key = ui_screen_getkey(&ui->scr, 0);
			if (sim_halted(sim))
				return 0;
			key = ui_edit_key(&r->box.edit, key);
			switch (key) {
			case KEY_CR:
			case KEY_LF:
				rc = settings_storef(sim, ui->settings,
						     &r->setting,
						     r->box.edit.text.data);
				if (rc)
					alert(ui, rc);
				/* fall through */
			case KEY_CTRL('C'):
				select_row(ui, ui->scroll.current);
				redraw = true;
				break;
			default:
				break;
			}
			continue;
		}
		key = ui_screen_getkey(&ui->scr, 0);
		if (sim_halted(sim))
			return 0;
		move = ui_scroll_key(&ui->scroll, key);
		if (move) {
			unsigned previous = ui->scroll.current;

			ui_scroll_move(&ui->scroll, move);
			if (ui->scroll.current != previous) {
				/* the old row loses its highlight */
				draw_row(ui);
				redraw = true;
				if (ui_scroll_jump(&ui->scroll))
					draw_rows(ui);
				select_row(ui, ui->scroll.current);
			}
			continue;
		}
		switch (key) {
		case KEY_CTRL('D'):
			if (!r->def)
				break;
			rc = settings_store(sim, ui->settings, &r->setting,
					    NULL, 0);
			if (rc)
				alert(ui, rc);
			select_row(ui, ui->scroll.current);
			redraw = true;
			break;
		case KEY_CTRL('X'):
			return 0;
		case KEY_CR:
		case KEY_LF:
			if (r->block) {
				select_block(ui, r->block);
				redraw = true;
			}
			/* fall through */
		default:
			if (r->def) {
				/* any other key starts editing, and counts */
				r->editing = true;
				ui_edit_key(&r->box.edit, key);
				redraw = true;
			}
			break;
		}
	}
}

int
ui_show_settings(struct sim *sim, struct sblock *b)
{
	struct settings_ui ui = { .sim = sim, .settings = b };
	int rc;

	ui_screen_init(&ui.scr, sim);
	ui_edit_init(&ui.row.box.edit, "");
	rc = settings_loop(&ui);
	if (!sim_halted(sim))
		ui_screen_end(&ui.scr);
	ui_edit_fini(&ui.row.box.edit);
	return rc;
}
