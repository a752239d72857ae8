/*
 * expand.c - "${...}" expansion (spec 4.2), the algorithm of upstream
 * expand_settings(): find the first "}" after the most recent "${",
 * replace that reference by the formatted value (or nothing), and start
 * again from the beginning of the new string.  Values are therefore
 * expanded again, which is how nested references work and how a value
 * can expand to itself forever; the simulator bounds the size and the
 * number of rounds and halts with OUT_EXPAND_LIMIT instead of hanging.
 */
#include "interp/expand.h"

#include <stdlib.h>
#include <string.h>

#include "interp/settings.h"
#include "interp/sim.h"
#include "parser/util.h"

/* Rounds allowed per token: far more than any real script needs. */
#define MAX_ROUNDS 100000

/* The formatted value of reference name, or "" (never fails visibly). */
static void
value_of(struct sim *sim, const char *name, struct buf *out)
{
	struct setting setting;
	struct sblock *block;
	char *namebuf;

	if (settings_parse_name(sim, name, false, &block, &setting,
				&namebuf) == 0) {
		size_t mark = out->len;

		if (settings_fetchf(sim, block, &setting, NULL, NULL, out) != 0)
			out->len = mark;
	}
	free(namebuf);
	/* the value is used as a C string: a NUL would end it */
	out->len = strnlen(out->data ? out->data : "", out->len);
	if (out->data)
		out->data[out->len] = '\0';
}

char *
sim_expand(struct sim *sim, const char *text, size_t len)
{
	struct buf cur, next, value;
	unsigned rounds = 0;

	/* most words hold no reference: a copy (hot, as every word of
	 * every command is expanded) */
	if (!memchr(text, '$', len) || !memchr(text, '}', len))
		return xstrndup(text, len);
	buf_init(&cur);
	buf_init(&next);
	buf_init(&value);
	buf_add(&cur, text, len);
	for (;;) {
		const char *s = cur.data, *start = NULL, *end = NULL;

		for (const char *p = s; *p; p++) {
			if (p[0] == '$' && p[1] == '{')
				start = p;
			if (start && p[0] == '}') {
				end = p;
				break;
			}
		}
		if (!end)
			break;
		if (++rounds > MAX_ROUNDS || cur.len > sim->cfg.max_expand) {
			sim_halt(sim, OUT_EXPAND_LIMIT,
				 "expansion of '%.*s' did not end after %u "
				 "rounds (a value that contains a reference "
				 "to itself?)", (int)(len < 60 ? len : 60),
				 text, rounds - 1);
			goto halted;
		}
		buf_reset(&value);
		{
			size_t n = (size_t)(end - start - 2);
			char small[64];
			char *name = n < sizeof(small) ? small
						       : xmalloc(n + 1);

			memcpy(name, start + 2, n);
			name[n] = '\0';
			value_of(sim, name, &value);
			if (name != small)
				free(name);
		}
		buf_reset(&next);
		buf_add(&next, s, (size_t)(start - s));
		buf_add(&next, value.data ? value.data : "", value.len);
		buf_adds(&next, end + 1);
		/* The last reference can grow the text too: "${s:hex}" is
		 * three times s, and a loop that stores it again grows s
		 * without end unless the result itself is bounded. */
		if (next.len > sim->cfg.max_expand && next.len > len) {
			sim_halt(sim, OUT_EXPAND_LIMIT,
				 "expansion of '%.*s' grew past %zu bytes",
				 (int)(len < 60 ? len : 60), text,
				 sim->cfg.max_expand);
			goto halted;
		}
		{
			struct buf t = cur;

			cur = next;
			next = t;
		}
	}
	buf_fini(&next);
	buf_fini(&value);
	return buf_steal(&cur);
halted:
	buf_fini(&cur);
	buf_fini(&next);
	buf_fini(&value);
	return NULL;
}
