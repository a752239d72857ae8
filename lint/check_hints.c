/*
 * check_hints.c - an item's shortcut as its text shows it (spec 9.2,
 * 14.7): `item --key x name [y] Text` promises a key that does nothing.
 */
#include <ctype.h>
#include <string.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "parser/util.h"

/* The first "[c]" or "(c)" in the item's text (a single character that
 * is no blank and no '$'), with its offset; 0 if none. */
static int
text_hint(const struct script *s, const struct cfg *g, const struct cmd *c,
	  uint32_t *off)
{
	unsigned n;

	cfg_arg(g, c, 0, &n);
	for (unsigned i = 1; i < n; i++) {
		const struct tok *t = cfg_arg(g, c, i, NULL);
		const char *p = tok_str(s, t);

		for (uint32_t k = 0; k + 2 < t->len; k++) {
			char open = p[k], close = open == '[' ? ']'
				: open == '(' ? ')' : 0;

			if (!close || p[k + 2] != close || p[k + 1] == '$' ||
			    isspace((unsigned char)p[k + 1]))
				continue;
			*off = t->off + k;
			return (unsigned char)p[k + 1];
		}
	}
	return 0;
}

/* Whether pressing key is what hint shows: the same letter in either
 * case, or Ctrl and the letter (0x10 for "(P)"). */
static bool
matches(int key, int hint)
{
	if (key > 0 && key < 0x20)
		key |= 0x40;
	return tolower(key) == tolower(hint);
}

void
check_key_hints(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	for (uint32_t mi = 0; mi < g->nmenus; mi++) {
		const struct cfg_menu *m = &g->menus[mi];

		for (uint32_t i = 0; i < m->nitems; i++) {
			const struct cfg_item *it = &m->items[i];
			const struct cmd *c = &s->cmds[it->cmd];
			uint32_t off;
			int hint;

			if (!it->key)
				continue;
			hint = text_hint(s, g, c, &off);
			if (!hint || matches(it->key, hint))
				continue;
			if (it->key >= 0x20 && it->key < 0x7f)
				lint_report(ctx, CHECK_KEY_HINT, off, off + 3,
					"the text shows '%c' as this item's "
					"key, but --key is '%c': pressing '%c' "
					"does not choose it; make them the "
					"same", hint, it->key, hint);
			else
				lint_report(ctx, CHECK_KEY_HINT, off, off + 3,
					"the text shows '%c' as this item's "
					"key, but --key is 0x%02x: pressing "
					"'%c' does not choose it; make them "
					"the same", hint, it->key, hint);
		}
	}
}
