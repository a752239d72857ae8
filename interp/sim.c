/*
 * sim.c - the simulator context: setting up and tearing down the mocked
 * machine, the console, the keyboard (stdin bytes decoded into iPXE key
 * codes), error numbers and how a run ends.
 */
#include "interp/sim.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "interp/image.h"
#include "interp/machine.h"
#include "interp/netdev.h"
#include "interp/settings.h"
#include "interp/term.h"
#include "interp/ui.h"
#include "interp/uri.h"
#include "parser/util.h"

/* iPXE's code for the special key "ESC [ n t" (KEY_ANSI() of
 * src/include/ipxe/keys.h). */
#define ANSI_KEY(n, t) (0x110000 + (((n) + 1) << 8) + (t))

void
sim_init(struct sim *sim, const struct sim_config *cfg, FILE *out,
	 FILE *keys)
{
	memset(sim, 0, sizeof(*sim));
	sim->cfg = *cfg;
	if (!sim->cfg.url_base)
		sim->cfg.url_base = "https://ipxe.org";
	if (!sim->cfg.max_expand)
		sim->cfg.max_expand = (size_t)1 << 20;
	if (!sim->cfg.max_depth)
		sim->cfg.max_depth = 64;
	sim->out = out;
	sim->keys = keys;
	sim->keys_eof = keys == NULL;
	if (cfg->interactive && keys && out)
		sim->term = term_open(fileno(keys), fileno(out));
	/* A fixed clock, so that runs are reproducible: 2026-01-01. */
	sim->unixtime_base = 1767225600u;
	if (cfg->nic)
		netdev_add_default(sim);
	settings_boot(sim);
}

void
sim_fini(struct sim *sim)
{
	image_free_all(sim);
	ui_free_all(sim);
	machine_params_free_all(sim);
	settings_free_all(sim);
	netdev_free_all(sim);
	uri_free(sim->cwuri);
	free(sim->outcome_text);
	term_close(sim->term);
	sim->term = NULL;
	sim->cwuri = NULL;
	sim->outcome_text = NULL;
}

void
sim_halt(struct sim *sim, enum outcome o, const char *fmt, ...)
{
	va_list ap;
	struct buf b;

	if (sim->outcome != OUT_RUNNING)
		return;
	sim->outcome = o;
	if (!fmt)
		return;
	buf_init(&b);
	va_start(ap, fmt);
	{
		char tmp[1024];

		vsnprintf(tmp, sizeof(tmp), fmt, ap);
		buf_adds(&b, tmp);
	}
	va_end(ap);
	sim->outcome_text = buf_steal(&b);
}

/* ---------------------------------------------------------------- output */

/* The CP437 glyph of each byte, as UTF-8 (what SeaBIOS's serial console
 * sends for a character drawn on the BIOS screen). */
static const char *const cp437[256] = {
	" ", "\u263a", "\u263b", "\u2665", "\u2666", "\u2663", "\u2660",
	"\u2022", "\u25d8", "\u25cb", "\u25d9", "\u2642", "\u2640",
	"\u266a", "\u266b", "\u263c", "\u25ba", "\u25c4", "\u2195",
	"\u203c", "\u00b6", "\u00a7", "\u25ac", "\u21a8", "\u2191",
	"\u2193", "\u2192", "\u2190", "\u221f", "\u2194", "\u25b2",
	"\u25bc",
	[0x7f] = "\u2302",
	"\u00c7", "\u00fc", "\u00e9", "\u00e2", "\u00e4", "\u00e0", "\u00e5",
	"\u00e7", "\u00ea", "\u00eb", "\u00e8", "\u00ef", "\u00ee", "\u00ec",
	"\u00c4", "\u00c5", "\u00c9", "\u00e6", "\u00c6", "\u00f4", "\u00f6",
	"\u00f2", "\u00fb", "\u00f9", "\u00ff", "\u00d6", "\u00dc", "\u00a2",
	"\u00a3", "\u00a5", "\u20a7", "\u0192", "\u00e1", "\u00ed", "\u00f3",
	"\u00fa", "\u00f1", "\u00d1", "\u00aa", "\u00ba", "\u00bf", "\u2310",
	"\u00ac", "\u00bd", "\u00bc", "\u00a1", "\u00ab", "\u00bb", "\u2591",
	"\u2592", "\u2593", "\u2502", "\u2524", "\u2561", "\u2562", "\u2556",
	"\u2555", "\u2563", "\u2551", "\u2557", "\u255d", "\u255c", "\u255b",
	"\u2510", "\u2514", "\u2534", "\u252c", "\u251c", "\u2500", "\u253c",
	"\u255e", "\u255f", "\u255a", "\u2554", "\u2569", "\u2566", "\u2560",
	"\u2550", "\u256c", "\u2567", "\u2568", "\u2564", "\u2565", "\u2559",
	"\u2558", "\u2552", "\u2553", "\u256b", "\u256a", "\u2518", "\u250c",
	"\u2588", "\u2584", "\u258c", "\u2590", "\u2580", "\u03b1", "\u00df",
	"\u0393", "\u03c0", "\u03a3", "\u03c3", "\u00b5", "\u03c4", "\u03a6",
	"\u0398", "\u03a9", "\u03b4", "\u221e", "\u03c6", "\u03b5", "\u2229",
	"\u2261", "\u00b1", "\u2265", "\u2264", "\u2320", "\u2321", "\u00f7",
	"\u2248", "\u00b0", "\u2219", "\u00b7", "\u221a", "\u207f", "\u00b2",
	"\u25a0", "\u00a0",
};

/*
 * The console: on BIOS, iPXE's console driver interprets ANSI escape
 * sequences itself and hands every other byte to the BIOS teletype,
 * which acts on BEL, BS, LF and CR and draws any other byte as its CP437
 * glyph (so "é" printed as UTF-8 shows as two glyphs, a TAB as a circle).
 * The simulator shows the same: escape sequences and those four control
 * bytes pass, every other byte outside printable ASCII becomes its glyph.
 * EFI consoles are not modelled that way: their bytes pass unchanged.
 */
void
sim_write(struct sim *sim, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t run = 0;

	if (sim->term)
		term_output(sim->term, data, len);
	if (len)
		sim->midline = p[len - 1] != '\n';
	if (sim->cfg.plat != PLAT_BIOS || sim->cfg.raw_console) {
		fwrite(data, 1, len, sim->out);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		bool pass;

		if (sim->esc) {
			/* ESC, then '[' and parameters up to a final byte */
			pass = true;
			if (sim->esc == 1)
				sim->esc = c == '[' ? 2 : 0;
			else if (c >= 0x40 && c <= 0x7e)
				sim->esc = 0;
		} else if (c == 0x1b) {
			pass = true;
			sim->esc = 1;
		} else {
			pass = (c >= 0x20 && c < 0x7f) || c == '\a' ||
			       c == '\b' || c == '\n' || c == '\r';
		}
		if (pass) {
			run++;
			continue;
		}
		fwrite(p + i - run, 1, run, sim->out);
		run = 0;
		fputs(cp437[c], sim->out);
	}
	fwrite(p + len - run, 1, run, sim->out);
}

void
sim_printf(struct sim *sim, const char *fmt, ...)
{
	va_list ap, aq;
	char small[256], *big = NULL;
	int n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(aq);
		return;
	}
	if ((size_t)n >= sizeof(small)) {
		big = xmalloc((size_t)n + 1);
		vsnprintf(big, (size_t)n + 1, fmt, aq);
	}
	va_end(aq);
	/* printf("%c", 0) writes a NUL, which vsnprintf counts: use n */
	sim_write(sim, big ? big : small, (size_t)n);
	free(big);
}

unsigned
sim_build_mask(const struct sim *sim)
{
	if (sim->cfg.build == SIMB_FULL)
		return BUILDS_FULL;
	return sim->cfg.plat == PLAT_EFI ? BUILDS_EFI : BUILDS_BIOS;
}

int
sim_err(const struct sim *sim, enum err_id id)
{
	return -(int)err_num(id, sim->cfg.plat);
}

char *
sim_strerror(const struct sim *sim, int rc)
{
	struct buf b;

	buf_init(&b);
	/* strerror(): the absolute value of rc */
	err_text(&b, rc < 0 ? (uint32_t)-(int64_t)rc : (uint32_t)rc,
		 sim->cfg.plat, sim->cfg.url_base);
	return buf_steal(&b);
}

void
sim_print_error(struct sim *sim, int rc)
{
	char *text = sim_strerror(sim, rc);

	sim_printf(sim, "%s", text);
	free(text);
}

void
sim_print_rc(struct sim *sim, const char *what, int rc)
{
	sim_printf(sim, "%s", what);
	sim_print_error(sim, rc);
	sim_printf(sim, "\n");
}

/* ---------------------------------------------------------------- keys */

static int
next_byte(struct sim *sim)
{
	int c;

	if (sim->keys_eof)
		return EOF;
	c = fgetc(sim->keys);
	if (c == EOF && ferror(sim->keys) && errno == EINTR) {
		/* Ctrl-C in terminal mode (the SIGINT handler does not
		 * restart reads): the input goes on, the run stops */
		clearerr(sim->keys);
		sim_check_interrupt(sim);
		return EOF;
	}
	if (c == EOF)
		sim->keys_eof = true;
	return c;
}

/* getchar(): one byte, with iPXE's CR -> LF translation, so that no
 * command ever sees CR (src/core/console.c). */
static int
next_char(struct sim *sim)
{
	int c = next_byte(sim);

	return c == '\r' ? '\n' : c;
}

/*
 * getkey() (src/core/getkey.c): ESC followed by a letter is Ctrl-letter;
 * ESC followed by anything else starts a sequence whose digits are n and
 * whose first byte >= 0x40 is the terminator: KEY_ANSI(n, terminator).
 * iPXE gives each following byte 250 ms; the byte stream has no timing,
 * so bytes that follow are taken as following at once (the oracle types
 * keys 50 ms apart, which iPXE also takes as one sequence).  So "ESC O P"
 * (F1) is Ctrl-O then 'P', as on the real iPXE.
 */
static int
read_key(struct sim *sim)
{
	int c = next_char(sim), n = 0;

	if (c == EOF)
		return KEY_NONE;
	if (c != 0x1b)
		return c;
	c = next_char(sim);
	if (c == EOF)
		return 0x1b;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return (c & ~0x20) - 'A' + 1;
	while ((c = next_char(sim)) != EOF) {
		if (c >= '0' && c <= '9') {
			n = n * 10 + (c - '0');
			continue;
		}
		if (c >= 0x40)
			return ANSI_KEY(n, c);
	}
	return 0x1b;
}

static int
peek_key(struct sim *sim)
{
	if (sim->term) {
		/* iskey(): nothing is read unless a key is there */
		uint64_t elapsed;
		int k;

		if (sim->npending)
			return sim->pending[0];
		if (!term_iskey(sim->term))
			return KEY_NONE;
		k = term_getkey(sim->term, 0, &elapsed);
		sim->ticks += elapsed;
		if (k < 0)
			return KEY_NONE;
		sim->pending[sim->npending++] = k;
		return k;
	}
	if (!sim->npending) {
		int k = read_key(sim);

		if (k == KEY_NONE)
			return KEY_NONE;
		sim->pending[sim->npending++] = k;
	}
	return sim->pending[0];
}

bool
sim_iskey(struct sim *sim)
{
	return peek_key(sim) != KEY_NONE;
}

bool
sim_check_interrupt(struct sim *sim)
{
	if (!sim->term || !term_interrupted(sim->term))
		return false;
	sim_halt(sim, OUT_INTERRUPTED, "interrupted by Ctrl-C");
	return true;
}

/* Terminal mode: a real wait on the real keyboard; the simulated clock
 * advances by the time that really passed. */
static int
term_key(struct sim *sim, uint64_t timeout)
{
	uint64_t elapsed = 0;
	int k = term_getkey(sim->term, timeout, &elapsed);

	sim->ticks += elapsed;
	switch (k) {
	case TERM_TIMEOUT:
		return KEY_NONE;
	case TERM_INTERRUPT:
		sim_check_interrupt(sim);
		return KEY_NONE;
	case TERM_EOF:
		sim->keys_eof = true;
		sim_halt(sim, OUT_WAITING, "waiting for input (the terminal "
			 "closed)");
		return KEY_NONE;
	default:
		return k;
	}
}

int
sim_getkey(struct sim *sim, uint64_t timeout_ms)
{
	int k;

	fflush(sim->out);
	if (sim->term && !sim->npending)
		return term_key(sim, timeout_ms);
	k = peek_key(sim);
	if (k != KEY_NONE) {
		memmove(sim->pending, sim->pending + 1,
			(--sim->npending) * sizeof(sim->pending[0]));
		return k;
	}
	if (timeout_ms) {
		sim->ticks += timeout_ms;
		return KEY_NONE;
	}
	sim_halt(sim, OUT_WAITING, "waiting for input");
	return KEY_NONE;
}
