/*
 * term.c - ipxesim's terminal mode (see term.h): raw keys with real
 * timeouts, the key sequences of real terminals, full-screen drawing of
 * the UI screen model, and putting the terminal back on every way out.
 *
 * The one exception to "no global mutable state": signal handlers cannot
 * be given a context, so the open terminal and the signal flags are
 * file-scope statics, set by term_open() and cleared by term_close().
 */
#include "interp/term.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "interp/sim.h"
#include "interp/ui.h"
#include "parser/util.h"

#define TICKS_PER_SEC 1024u
/* getkey(): each byte after ESC must come within a quarter of a second
 * (GETKEY_TIMEOUT of src/core/getkey.c), else the ESC is the Esc key. */
#define SEQ_TIMEOUT (TICKS_PER_SEC / 4)

/* Leaves the alternate screen with attributes reset and the cursor on. */
static const char leave_seq[] = "\033[?1049l\033[0m\033[?25h";

struct term {
	int in, out;
	struct termios saved;	/* the terminal's own mode */
	bool raw;		/* our mode is on */
	unsigned char buf[64];	/* bytes read, not yet decoded */
	size_t head, len;
	bool colour;		/* colours, else bold and reverse video */
	unsigned rows, cols;	/* the terminal's size */
	unsigned col;		/* cursor column on the normal screen */

	/* the UI on the alternate screen */
	bool ui;		/* a UI is shown */
	unsigned col_before;	/* col when it opened */
	const struct ui_screen *scr;	/* last shown, for a resize */
	struct sim *sim;
	bool valid;		/* shown[] is what the terminal shows */
	char shown_text[UI_ROWS][UI_COLS];
	uint8_t shown_attr[UI_ROWS][UI_COLS];
};

static struct term *active;
static volatile sig_atomic_t got_sigint, got_sigwinch;

/* Signals that end the process: the terminal is restored first. */
static const int fatal_signals[] = {
	SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL,
};
struct saved_actions {
	struct sigaction sigint, sigwinch, fatal[8];
};
static struct saved_actions saved_actions;

/* ---------------------------------------------------------------- signals */

static void
restore_tty(void)
{
	struct term *t = active;

	if (!t)
		return;
	if (t->ui) {
		/* write() and tcsetattr() are async-signal-safe */
		ssize_t n = write(t->out, leave_seq, sizeof(leave_seq) - 1);

		(void)n;
	}
	if (t->raw)
		tcsetattr(t->in, TCSANOW, &t->saved);
}

static void
on_fatal(int sig)
{
	restore_tty();
	/* SA_RESETHAND put the default action back: die of sig */
	raise(sig);
}

static void
on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

static void
on_sigwinch(int sig)
{
	(void)sig;
	got_sigwinch = 1;
}

static void
install_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a signal must wake poll() */
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, &saved_actions.sigint);
	sa.sa_handler = on_sigwinch;
	sigaction(SIGWINCH, &sa, &saved_actions.sigwinch);
	sa.sa_handler = on_fatal;
	sa.sa_flags = (int)SA_RESETHAND;
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(int); i++)
		sigaction(fatal_signals[i], &sa, &saved_actions.fatal[i]);
}

static void
remove_handlers(void)
{
	sigaction(SIGINT, &saved_actions.sigint, NULL);
	sigaction(SIGWINCH, &saved_actions.sigwinch, NULL);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(int); i++)
		sigaction(fatal_signals[i], &saved_actions.fatal[i], NULL);
}

/* ---------------------------------------------------------------- life */

static void
query_size(struct term *t)
{
	struct winsize ws;

	t->rows = UI_ROWS;
	t->cols = UI_COLS;
	if (ioctl(t->out, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col) {
		t->rows = ws.ws_row;
		t->cols = ws.ws_col;
	}
}

/*
 * Colours unless NO_COLOR is set to anything (https://no-color.org), the
 * terminal is dumb or unknown, or terminfo gives it fewer than 8.
 */
static bool
want_colour(void)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	FILE *p;
	int n = -1;

	if (no && no[0])
		return false;
	if (!term || !term[0] || !strcmp(term, "dumb"))
		return false;
	p = popen("tput colors 2>/dev/null", "r");
	if (p) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	/* no tput or no terminfo entry: a named terminal is taken as the
	 * ANSI one it almost always is */
	return n < 0 || n >= 8;
}

struct term *
term_open(int in_fd, int out_fd)
{
	struct term *t;

	if (active || !isatty(in_fd) || !isatty(out_fd))
		return NULL;
	t = xcalloc(1, sizeof(*t));
	t->in = in_fd;
	t->out = out_fd;
	if (tcgetattr(in_fd, &t->saved) != 0) {
		free(t);
		return NULL;
	}
	t->colour = want_colour();
	query_size(t);
	got_sigint = 0;
	got_sigwinch = 0;
	active = t;
	install_handlers();
	return t;
}

static void
set_raw(struct term *t)
{
	struct termios raw = t->saved;

	if (t->raw)
		return;
	/* keys one by one, unechoed, bytes as typed (CR stays CR); output
	 * processing stays, and Ctrl-C stays a signal; Ctrl-Z and the
	 * flow-control keys are keys */
	raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON | ISTRIP);
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
	raw.c_cc[VSUSP] = _POSIX_VDISABLE;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(t->in, TCSANOW, &raw) == 0)
		t->raw = true;
}

void
term_cooked(struct term *t)
{
	if (t && t->raw) {
		tcsetattr(t->in, TCSANOW, &t->saved);
		t->raw = false;
	}
}

static void
write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

void
term_close(struct term *t)
{
	if (!t)
		return;
	if (t->ui) {
		if (t->sim)
			fflush(t->sim->out);
		write_all(t->out, leave_seq, sizeof(leave_seq) - 1);
		t->ui = false;
	}
	term_cooked(t);
	remove_handlers();
	active = NULL;
	free(t);
}

bool
term_interrupted(struct term *t)
{
	(void)t;
	if (!got_sigint)
		return false;
	got_sigint = 0;
	return true;
}

/* ---------------------------------------------------------------- keys */

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t
ticks_to_ms(uint64_t ticks)
{
	return (ticks * 1000u + TICKS_PER_SEC - 1) / TICKS_PER_SEC;
}

static void redraw(struct term *t);

/*
 * The next byte, waiting until the wall-clock deadline (in ms, 0 =
 * none); TERM_* when none comes.
 */
static int
next_byte(struct term *t, uint64_t deadline)
{
	struct pollfd pfd = { .fd = t->in, .events = POLLIN };
	ssize_t n;

	while (!t->len) {
		int wait = -1, r;

		if (got_sigint)
			return TERM_INTERRUPT;
		if (got_sigwinch) {
			got_sigwinch = 0;
			query_size(t);
			redraw(t);
		}
		if (deadline) {
			uint64_t now = now_ms();

			if (now >= deadline)
				return TERM_TIMEOUT;
			wait = deadline - now > 60000 ? 60000
						      : (int)(deadline - now);
		}
		r = poll(&pfd, 1, wait);
		if (r < 0 && errno != EINTR)
			return TERM_EOF;
		if (r <= 0)
			continue;
		n = read(t->in, t->buf, sizeof(t->buf));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return TERM_EOF;
		t->head = 0;
		t->len = (size_t)n;
	}
	t->len--;
	return t->buf[t->head++];
}

/* Puts the byte just taken back (only ever the last one). */
static void
unread_byte(struct term *t)
{
	t->head--;
	t->len++;
}

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "ESC [ params final": CSI keys, parameters up to the first ';' kept
 * (modifiers such as Ctrl-Up's "1;5A" are dropped). */
static int
csi_key(struct term *t)
{
	unsigned n = 0;
	bool first = true;
	int c;

	for (;;) {
		c = next_byte(t, now_ms() + ticks_to_ms(SEQ_TIMEOUT));
		if (c < 0)
			return c == TERM_TIMEOUT ? KEY_ESC : c;
		if (c >= '0' && c <= '9') {
			if (first && n < 1000)
				n = n * 10 + (unsigned)(c - '0');
			continue;
		}
		if (c == ';') {
			first = false;
			continue;
		}
		if (c >= 0x40 && c <= 0x7e)
			break;
	}
	if (c != '~')
		return KEY_ANSI(0, c);
	/* Home and End as VT220 (1~ 4~) and rxvt (7~ 8~) send them */
	switch (n) {
	case 1:
	case 7:
		return KEY_HOME;
	case 4:
	case 8:
		return KEY_END;
	default:
		return KEY_ANSI(n, '~');
	}
}

int
term_getkey(struct term *t, uint64_t timeout, uint64_t *elapsed)
{
	uint64_t start = now_ms();
	uint64_t deadline = timeout ? start + ticks_to_ms(timeout) : 0;
	int c;

	set_raw(t);
	c = next_byte(t, deadline);
	if (c == TERM_TIMEOUT) {
		*elapsed = timeout;
		return c;
	}
	if (c == 0x1b) {
		c = next_byte(t, now_ms() + ticks_to_ms(SEQ_TIMEOUT));
		if (c == TERM_TIMEOUT) {
			c = KEY_ESC;
		} else if (c == '[') {
			c = csi_key(t);
		} else if (c == 'O') {
			/* SS3: application-mode arrows, Home, End, F1-F4 */
			c = next_byte(t, now_ms() + ticks_to_ms(SEQ_TIMEOUT));
			if (c == TERM_TIMEOUT)
				c = KEY_CTRL('O');
			else if (c >= 'P' && c <= 'S')
				c = KEY_ANSI(11 + (c - 'P'), '~');
			else if (c >= 0)
				c = KEY_ANSI(0, c);
		} else if (is_alpha(c)) {
			/* getkey(): ESC and a letter is Ctrl-letter (what
			 * Alt-letter sends) */
			c = (c & ~0x20) - 'A' + 1;
		} else if (c >= 0) {
			/* ESC ESC, ESC 1 ...: the Esc key, then the rest */
			unread_byte(t);
			c = KEY_ESC;
		}
	} else if (c == 0x7f) {
		/* the Backspace key of most terminals */
		c = KEY_BACKSPACE;
	} else if (c == '\r') {
		/* getchar() turns CR into LF (src/core/console.c) */
		c = KEY_LF;
	}
	*elapsed = (now_ms() - start) * TICKS_PER_SEC / 1000u;
	if (timeout && *elapsed > timeout)
		*elapsed = timeout;
	return c;
}

bool
term_iskey(struct term *t)
{
	struct pollfd pfd = { .fd = t->in, .events = POLLIN };

	if (t->len)
		return true;
	set_raw(t);
	return poll(&pfd, 1, 0) > 0;
}

void
term_sleep(struct term *t, uint64_t ticks)
{
	uint64_t deadline = now_ms() + ticks_to_ms(ticks), now;

	(void)t;
	while ((now = now_ms()) < deadline && !got_sigint) {
		struct timespec ts = {
			.tv_sec = (time_t)((deadline - now) / 1000u),
			.tv_nsec = (long)((deadline - now) % 1000u) * 1000000L,
		};

		nanosleep(&ts, NULL);
	}
}

/* ---------------------------------------------------------------- output */

void
term_output(struct term *t, const void *data, size_t len)
{
	const unsigned char *p = data;
	int esc = 0;

	/* only whether the cursor is at the start of a line matters */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];

		if (esc) {
			if (esc == 1)
				esc = c == '[' ? 2 : 0;
			else if (c >= 0x40 && c <= 0x7e)
				esc = 0;
		} else if (c == 0x1b) {
			esc = 1;
		} else if (c == '\n' || c == '\r') {
			t->col = 0;
		} else if (c == '\b') {
			if (t->col)
				t->col--;
		} else if (c >= 0x20) {
			t->col++;
		}
	}
}

/* ---------------------------------------------------------------- screen */

/*
 * The SGR sequence for a cell's attributes: iPXE's colour pairs
 * (src/config/colour.h through src/core/ansicol.c), bold as mucurses'
 * ansi_screen.c sets it.  Without colours the pairs that stand out
 * (selection, edit box, alert) are in reverse video.
 */
static void
sgr(const struct term *t, struct buf *b, uint8_t attr)
{
	/* foreground, background: white 7, red 1, blue 4, cyan 6, black 0 */
	static const char pairs[][2] = {
		[UI_CPAIR_NORMAL] = { 7, 4 },
		[UI_CPAIR_SELECT] = { 7, 1 },
		[UI_CPAIR_SEPARATOR] = { 6, 4 },
		[UI_CPAIR_EDIT] = { 0, 6 },
		[UI_CPAIR_ALERT] = { 7, 1 },
		[UI_CPAIR_URL] = { 6, 4 },
	};
	unsigned cpair = attr & ~UI_ATTR_BOLD;

	if (cpair >= sizeof(pairs) / sizeof(pairs[0]))
		cpair = UI_CPAIR_NORMAL;
	buf_adds(b, attr & UI_ATTR_BOLD ? "\033[0;1" : "\033[0");
	if (t->colour)
		buf_printf(b, ";%d;%dm", 30 + pairs[cpair][0],
			   40 + pairs[cpair][1]);
	else if (cpair == UI_CPAIR_SELECT || cpair == UI_CPAIR_EDIT ||
		 cpair == UI_CPAIR_ALERT)
		buf_adds(b, ";7m");
	else
		buf_adds(b, "m");
}

/* A cell's byte as it may go to the terminal: control bytes would move
 * the cursor.  On BIOS sim_write() turns most of them into glyphs, but
 * passes ESC, BEL, BS, LF and CR to the (BIOS) terminal. */
static char
cell_byte(const struct sim *sim, char c)
{
	unsigned char u = (unsigned char)c;

	if (u == 0x1b || u == '\a' || u == '\b' || u == '\n' || u == '\r')
		return '?';
	if (sim->cfg.plat == PLAT_BIOS && !sim->cfg.raw_console)
		return c;
	return u < 0x20 || u == 0x7f ? '?' : c;
}

/* The note on the last row of a terminal too small for the screen. */
static void
small_note(const struct term *t, struct buf *b)
{
	char note[160];
	int n;

	n = snprintf(note, sizeof(note), " ipxesim: this %ux%u terminal "
		     "shows only the top-left part of iPXE's %ux%u screen ",
		     t->cols, t->rows, UI_COLS, UI_ROWS);
	if (n < 0)
		return;
	if ((unsigned)n > t->cols)
		n = (int)t->cols;
	buf_printf(b, "\033[%u;1H\033[0;7m", t->rows);
	buf_add(b, note, (size_t)n);
	buf_adds(b, "\033[0m");
}

/* Draws t->scr: the cells that differ from what the terminal shows, or
 * all of them when that is not known. */
static void
draw(struct term *t)
{
	const struct ui_screen *scr = t->scr;
	/* 80x24 loses nothing: no UI draws on the last row */
	bool small = t->rows < UI_ROWS - 1 || t->cols < UI_COLS;
	unsigned rows = t->rows < UI_ROWS ? t->rows : UI_ROWS;
	unsigned cols = t->cols < UI_COLS ? t->cols : UI_COLS;
	int attr = -1;
	struct buf b;

	if (small) {
		/* the note's row is drawn over: redraw everything */
		t->valid = false;
		if (rows)
			rows--;
	}
	buf_init(&b);
	if (!t->valid)
		buf_adds(&b, "\033[0m\033[2J");
	for (unsigned r = 0; r < rows; r++) {
		bool placed = false;

		for (unsigned c = 0; c < cols; c++) {
			char ch = scr->text[r][c];
			uint8_t a = scr->attr[r][c];

			if (t->valid && t->shown_text[r][c] == ch &&
			    t->shown_attr[r][c] == a) {
				placed = false;
				continue;
			}
			if (!placed)
				buf_printf(&b, "\033[%u;%uH", r + 1, c + 1);
			placed = true;
			if (a != attr)
				sgr(t, &b, a);
			attr = a;
			buf_addc(&b, cell_byte(t->sim, ch));
		}
	}
	memcpy(t->shown_text, scr->text, sizeof(t->shown_text));
	memcpy(t->shown_attr, scr->attr, sizeof(t->shown_attr));
	t->valid = true;
	buf_adds(&b, "\033[0m");
	if (small)
		small_note(t, &b);
	if (scr->hide_cursor || scr->row >= rows || scr->col >= cols)
		buf_adds(&b, "\033[?25l");
	else
		buf_printf(&b, "\033[%u;%uH\033[?25h", scr->row + 1,
			   scr->col + 1);
	sim_write(t->sim, b.data, b.len);
	fflush(t->sim->out);
	buf_fini(&b);
}

/* SIGWINCH: the whole screen again, at the new size. */
static void
redraw(struct term *t)
{
	if (!t->ui || !t->scr)
		return;
	t->valid = false;
	draw(t);
}

void
term_show(struct sim *sim, const struct ui_screen *scr)
{
	struct term *t = sim->term;

	if (!t->ui) {
		fflush(sim->out);
		t->col_before = t->col;
		t->ui = true;
		t->valid = false;
		set_raw(t);
		sim_write(sim, "\033[?1049h", 8);
	}
	t->sim = sim;
	t->scr = scr;
	draw(t);
}

void
term_end(struct sim *sim, const struct ui_screen *scr)
{
	struct term *t = sim->term;
	unsigned first = UI_ROWS, last = 0;

	if (t->ui) {
		sim_write(sim, leave_seq, sizeof(leave_seq) - 1);
		t->ui = false;
		t->scr = NULL;
		t->col = t->col_before;
	}
	/* the last frame, as the oracle's transcript keeps it (spec 9.5) */
	for (unsigned r = 0; r < UI_ROWS; r++) {
		for (unsigned c = 0; c < UI_COLS; c++) {
			if (scr->text[r][c] != ' ') {
				if (first == UI_ROWS)
					first = r;
				last = r;
				break;
			}
		}
	}
	if (first == UI_ROWS)
		return;
	if (t->col)
		sim_write(sim, "\n", 1);
	for (unsigned r = first; r <= last; r++) {
		size_t n = UI_COLS;

		while (n && scr->text[r][n - 1] == ' ')
			n--;
		sim_write(sim, scr->text[r], n);
		sim_write(sim, "\n", 1);
	}
	fflush(sim->out);
}
