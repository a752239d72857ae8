/*
 * check_menus.c - menus as choose reads them (spec 9.1-9.4, 14.7): items
 * the `goto ${choice}` dispatch cannot reach, defaults naming no item,
 * duplicate names and keys, and items or choose without a menu.
 */
#include <stdbool.h>
#include <stdlib.h>
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

/* An item of one menu, for finding twins by sorting, not by comparing
 * every pair (a menu of 100,000 items took minutes). */
struct twin {
	const char *name;	/* or NULL when sorting keys */
	uint32_t len;
	int key;
	uint32_t item;		/* index in the menu, i.e. source order */
	uint32_t line;
};

static int
twin_cmp(const void *a, const void *b)
{
	const struct twin *x = a, *y = b;

	if (x->name) {
		int c = util_name_cmp(x->name, x->len, y->name, y->len);

		if (c)
			return c;
	} else if (x->key != y->key) {
		return x->key < y->key ? -1 : 1;
	}
	return x->item < y->item ? -1 : x->item > y->item;
}

static bool
twin_same(const struct twin *x, const struct twin *y)
{
	if (x->name)
		return x->len == y->len && !memcmp(x->name, y->name, x->len);
	return x->key == y->key;
}

/*
 * Marks in first[] each item that has a twin (same name, or same key)
 * on another line after it and none on another line before it.  Items
 * are in source order, so in a group of twins sorted by position "one
 * on another line before" means "the group's first is on an earlier
 * line", and "one after" means "its last is on a later line" (`cond &&
 * item x A || item x B` creates only one of the two: not twins).
 */
static void
mark_twins(struct twin *t, uint32_t n, bool *first)
{
	qsort(t, n, sizeof(*t), twin_cmp);
	for (uint32_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && twin_same(&t[lo], &t[hi]); hi++)
			;
		for (uint32_t k = lo; k < hi; k++)
			if (t[lo].line == t[k].line &&
			    t[hi - 1].line != t[k].line)
				first[t[k].item] = true;
	}
}

static void
check_duplicates(struct lint_ctx *ctx, const struct cfg_menu *m)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	struct twin *t = xcalloc(m->nitems ? m->nitems : 1, sizeof(*t));
	bool *name_first = xcalloc(m->nitems ? m->nitems : 1, 1);
	bool *key_first = xcalloc(m->nitems ? m->nitems : 1, 1);
	uint32_t n = 0;

	for (uint32_t i = 0; i < m->nitems; i++)
		if (m->items[i].name && m->items[i].name_len)
			t[n++] = (struct twin){ m->items[i].name,
				m->items[i].name_len, 0, i,
				g->cmds[m->items[i].cmd].line };
	mark_twins(t, n, name_first);
	n = 0;
	for (uint32_t i = 0; i < m->nitems; i++)
		if (m->items[i].key)
			t[n++] = (struct twin){ NULL, 0, m->items[i].key, i,
				g->cmds[m->items[i].cmd].line };
	mark_twins(t, n, key_first);
	for (uint32_t i = 0; i < m->nitems; i++) {
		const struct cfg_item *a = &m->items[i];
		const struct cmd *ac = &s->cmds[a->cmd];

		if (name_first[i]) {
			const struct tok *tk = cfg_arg(g, ac, 0, NULL);

			lint_report(ctx, CHECK_DUPLICATE_ITEM, tk->off,
				    tok_end(tk),
				    "this menu has more than one item "
				    "named '%.*s': they choose the same "
				    "value; rename or remove the others",
				    (int)a->name_len, a->name);
		}
		if (key_first[i])
			lint_report(ctx, CHECK_DUPLICATE_KEY,
				    s->toks[ac->tok].off,
				    tok_end(&s->toks[ac->tok]),
				    "another item of this menu has the "
				    "same --key: pressing it picks only "
				    "the first one at or after the "
				    "highlighted item");
	}
	free(key_first);
	free(name_first);
	free(t);
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
	for (uint32_t mi = 0; mi < g->nmenus; mi++)
		check_duplicates(ctx, &g->menus[mi]);
}
