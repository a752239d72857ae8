/*
 * sim.c - the simulator context: setting up and tearing down the mocked
 * machine, the console, the keyboard (stdin bytes decoded into iPXE key
 * codes), error numbers and how a run ends.
 */
#include "interp/sim.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "interp/image.h"
#include "interp/machine.h"
#include "interp/netdev.h"
#include "interp/settings.h"
#include "interp/ui.h"
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
	free(sim->cwuri);
	free(sim->outcome_text);
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

void
sim_write(struct sim *sim, const void *data, size_t len)
{
	fwrite(data, 1, len, sim->out);
}

void
sim_printf(struct sim *sim, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(sim->out, fmt, ap);
	va_end(ap);
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

/* ---------------------------------------------------------------- keys */

static int
next_byte(struct sim *sim)
{
	int c;

	if (sim->keys_eof)
		return EOF;
	c = fgetc(sim->keys);
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

int
sim_getkey(struct sim *sim, uint64_t timeout_ms)
{
	int k;

	fflush(sim->out);
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
