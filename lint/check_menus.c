/*
 * check_menus.c - menus as choose reads them (spec 9.1-9.4, 14.7): items
 * the `goto ${choice}` dispatch cannot reach, defaults naming no item,
 * duplicate names and keys, and items or choose without a menu.
 */
#include <string.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "parser/util.h"

static uint32_t
tok_end(const struct tok *t)
{
	return t->off + t->len;
}

/* Whether choose command ci dispatches with a `goto ${var}` whose
 * failure ends the script.  With `goto ${x} ||` a missing label is the
 * way to fall through (netboot.xyz chains ${x}.ipxe then), not a bug. */
static bool
dispatched(const struct script *s, struct cfg *g, uint32_t ci,
	   const struct tok *var)
{
	uint32_t gi = cfg_dispatch_goto(g, ci, tok_str(s, var), var->len);

	return gi != AST_NONE && cfg_fails_unhandled(g, gi);
}

static void
menu_value(const struct script *s, struct cfg *g, const struct cmd *c,
	   char opt, const char **name, size_t *len)
{
	const struct tok *v;
	const char *iv;
	uint32_t ilen;

	*name = "";
	*len = 0;
	if (cfg_opt(g, c, opt, &v, &iv, &ilen)) {
		*name = v ? tok_str(s, v) : iv ? iv : "";
		*len = v ? v->len : iv ? ilen : 0;
	}
}

/* Whether some `menu` (or `form`) creates the menu called name. */
static bool
menu_created(const struct script *s, struct cfg *g, const char *name,
	     size_t len)
{
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const char *n;
		size_t nl;

		if (!g->cmds[ci].def || g->cmds[ci].def->impl != CMD_menu)
			continue;
		menu_value(s, g, &s->cmds[ci], 'n', &n, &nl);
		if (nl == len && !memcmp(n, name, len))
			return true;
	}
	return false;
}

void
check_menus(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *var, *dv;
		struct cfg_menu *m;
		const char *mname, *iv;
		size_t mlen;
		uint32_t ilen;
		bool dynamic_menu;

		if (!def || (def->impl != CMD_choose && def->impl != CMD_item))
			continue;
		menu_value(s, g, c, def->impl == CMD_item &&
			   cfg_opt(g, c, 'f', NULL, NULL, NULL) ? 'f' : 'm',
			   &mname, &mlen);
		dynamic_menu = memchr(mname, '$', mlen) != NULL;
		if (!dynamic_menu && !menu_created(s, g, mname, mlen)) {
			const struct tok *w = &s->toks[c->tok];

			if (mlen)
				lint_report(ctx, CHECK_NO_MENU, w->off,
					    tok_end(w),
					    "no 'menu --name %.*s' in this "
					    "script: '%s' fails with '\"%.*s\": "
					    "no such user interface'", (int)mlen,
					    mname, def->name, (int)mlen, mname);
			else
				lint_report(ctx, CHECK_NO_MENU, w->off,
					    tok_end(w),
					    "no 'menu' without --name in this "
					    "script: '%s' uses the unnamed one "
					    "and fails with 'No default user "
					    "interface'", def->name);
			continue;
		}
		if (def->impl != CMD_choose)
			continue;
		m = cfg_menu_at(g, mname, mlen, ci);
		var = cfg_arg(g, c, 0, NULL);
		if (!m)
			continue;
		/* every item must have its label when goto ${var} follows */
		if (var && !tok_nrefs(s, var) && dispatched(s, g, ci, var)) {
			for (uint32_t i = 0; i < m->nitems; i++) {
				const struct cfg_item *it = &m->items[i];
				const struct cmd *ic = &s->cmds[it->cmd];
				const struct tok *nt = cfg_arg(g, ic, 0, NULL);

				if (!it->name ||
				    cfg_find_label(g, it->name, it->name_len)
				    != AST_NONE)
					continue;
				lint_report(ctx, CHECK_MENU_ITEM_NO_LABEL,
					    nt->off, tok_end(nt),
					    "choosing '%.*s' runs 'goto "
					    "${%.*s}', but there is no label "
					    "':%.*s': the goto fails; add the "
					    "label or fix the item name",
					    (int)it->name_len, it->name,
					    (int)var->len, tok_str(s, var),
					    (int)it->name_len, it->name);
			}
		}
		/* --default NAME must name an item */
		if (cfg_opt(g, c, 'd', &dv, &iv, &ilen)) {
			const char *d = dv ? tok_str(s, dv) : iv;
			uint32_t dl = dv ? dv->len : ilen;
			bool found = false, known = true;

			if (!d || memchr(d, '$', dl))
				known = false;
			for (uint32_t i = 0; known && i < m->nitems; i++) {
				if (m->items[i].dynamic)
					known = false;
				else if (m->items[i].name &&
					 m->items[i].name_len == dl &&
					 !memcmp(m->items[i].name, d, dl))
					found = true;
			}
			if (known && !found)
				lint_report(ctx, CHECK_CHOOSE_DEFAULT_NO_ITEM,
					    dv ? dv->off : s->toks[c->tok].off,
					    dv ? tok_end(dv)
					       : tok_end(&s->toks[c->tok]),
					    "no item of this menu is named "
					    "'%.*s': choose silently starts "
					    "on the first item instead",
					    (int)dl, d);
		}
	}
	/* duplicate names and keys, per menu; each name or key once */
	for (uint32_t mi = 0; mi < g->nmenus; mi++) {
		const struct cfg_menu *m = &g->menus[mi];

		for (uint32_t i = 0; i < m->nitems; i++) {
			const struct cfg_item *a = &m->items[i];
			const struct cmd *ac = &s->cmds[a->cmd];
			bool name_seen = false, name_twice = false;
			bool key_seen = false, key_twice = false;

			for (uint32_t j = 0; j < m->nitems; j++) {
				const struct cfg_item *b = &m->items[j];
				bool same_name = a->name && b->name &&
					a->name_len && a->name_len == b->name_len &&
					!memcmp(a->name, b->name, a->name_len);
				bool same_key = a->key && a->key == b->key;

				if (j == i || (!same_name && !same_key))
					continue;
				/* `cond && item x A || item x B`: only one
				 * of the two is ever created */
				if (g->cmds[b->cmd].line == g->cmds[a->cmd].line)
					continue;
				if (j < i) {
					name_seen |= same_name;
					key_seen |= same_key;
				} else {
					name_twice |= same_name;
					key_twice |= same_key;
				}
			}
			if (name_twice && !name_seen) {
				const struct tok *t = cfg_arg(g, ac, 0, NULL);

				lint_report(ctx, CHECK_DUPLICATE_ITEM, t->off,
					    tok_end(t),
					    "this menu has more than one item "
					    "named '%.*s': they choose the same "
					    "value; rename or remove the others",
					    (int)a->name_len, a->name);
			}
			if (key_twice && !key_seen)
				lint_report(ctx, CHECK_DUPLICATE_KEY,
					    s->toks[ac->tok].off,
					    tok_end(&s->toks[ac->tok]),
					    "another item of this menu has the "
					    "same --key: pressing it picks only "
					    "the first one at or after the "
					    "highlighted item");
		}
	}
}
