/*
 * check_blocks.c - the blocks between labels as control flow joins them
 * (spec 2.3, 3.3, 9.3, 14.2): a menu entry's block that runs on into the
 * next label, and goto loops that can neither wait nor leave.
 */
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

/* The names menu dispatches go to: the items of each menu whose
 * `choose var` is followed by `goto ${var}`, sorted, so that each label
 * asks in O(log n) (a scan of the script per label was quadratic). */
struct entry_names {
	struct entry_name {
		const char *name;
		uint32_t len;
	} *v;
	size_t n, cap;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry_name *x = a, *y = b;

	return util_name_cmp(x->name, x->len, y->name, y->len);
}

static void
collect_entries(const struct script *s, struct cfg *g, struct entry_names *e)
{
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *var, *mv;
		const char *name = "", *iv;
		uint32_t ilen, gi;
		size_t len = 0;
		struct cfg_menu *m;

		if (!def || def->impl != CMD_choose)
			continue;
		var = g->cmds[ci].stores;
		if (!var || tok_nrefs(s, var))
			continue;
		gi = cfg_dispatch_goto(g, ci, tok_str(s, var), var->len);
		if (gi == AST_NONE)
			continue;
		if (cfg_opt(g, &s->cmds[ci], 'm', &mv, &iv, &ilen)) {
			name = mv ? tok_str(s, mv) : iv ? iv : "";
			len = mv ? mv->len : iv ? ilen : 0;
		}
		m = cfg_menu_at(g, name, len, ci);
		for (uint32_t i = 0; m && i < m->nitems; i++) {
			if (!m->items[i].name)
				continue;
			e->v = xgrow(e->v, &e->cap, e->n + 1, sizeof(*e->v));
			e->v[e->n].name = m->items[i].name;
			e->v[e->n++].len = m->items[i].name_len;
		}
	}
	if (e->n)
		qsort(e->v, e->n, sizeof(*e->v), entry_cmp);
}

/* Whether label line li is the target of a menu dispatch. */
static bool
menu_entry(const struct script *s, const struct entry_names *e, uint32_t li)
{
	const struct tok *lab = line_label(s, &s->lines[li]);
	struct entry_name key = { tok_str(s, lab), lab->len };

	return e->n && bsearch(&key, e->v, e->n, sizeof(*e->v), entry_cmp);
}

/* Commands that hand the machine to an image: when they succeed they
 * do not come back (a script that does return is the author's plan);
 * reboot and poweroff come back only when they could not act. */
static bool
hands_over(const struct cfg_cmd *gc)
{
	if (gc->dynamic)
		return true;	/* may be anything */
	if (gc->effect == EFF_REBOOT || gc->effect == EFF_END)
		return true;	/* what follows is their fallback */
	if (!gc->def)
		return false;
	switch (gc->def->impl) {
	case CMD_imgexec:
	case CMD_sanboot:
	case CMD_autoboot:
	case CMD_pxebs:
	case CMD_shim:
		return true;
	default:
		return false;
	}
}

/* Whether line li can end in success through a command that is not
 * handing over to an image: then what follows runs after it.  Walks the
 * line's status sets as cfg.c does, remembering who made the success. */
static bool
line_ends(const struct script *s, const struct cfg *g, uint32_t li,
	  bool *any_ok)
{
	const struct line *l = &s->lines[li];
	uint32_t n = line_ncmd(s, l);
	bool ok = true, fail = false, plain = true;

	for (uint32_t k = 0; k < n; k++) {
		const struct cmd *c = line_cmd(s, l, k);
		const struct cfg_cmd *gc = &g->cmds[l->cmd + k];
		bool rok = ok, rfail = fail, ook = false, ofail = false;
		bool oplain = false;
		enum tok_kind op = cfg_op_before(s, l, k);

		if (op == TOK_OR)
			rok = false;
		else if (op == TOK_AND)
			rfail = false;
		if (rok || rfail) {
			if (!c->ntok || gc->effect == EFF_NORMAL) {
				ook = true;
				ofail = c->ntok != 0;
				/* a trailing '||' says "go on" on purpose */
				oplain = c->ntok && !hands_over(gc);
			} else if (gc->effect == EFF_REBOOT) {
				ook = true;
			} else if (gc->effect != EFF_EXIT) {
				ofail = gc->effect != EFF_GOTO ||
					gc->may_miss || gc->any_target;
			}
		}
		/* skipped commands keep the status they were given */
		plain = (ook && oplain) || (ok && !rok && plain);
		ok = ook || (ok && !rok);
		fail = ofail || (fail && !rfail);
		if (!ok)
			plain = false;
	}
	*any_ok = ok;
	return ok && plain;
}

static bool
falls_on(const struct script *s, const struct cfg *g, uint32_t li)
{
	bool ok;

	return line_ends(s, g, li, &ok);
}

/* Whether the block of label line li starts by leaving (exit, reboot,
 * poweroff or goto): running on into it does what choosing it does, as
 * in a `shell` entry followed by the menu's `exit` entry. */
static bool
starts_leaving(const struct script *s, const struct cfg *g, uint32_t li)
{
	for (; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];
		const struct cfg_cmd *gc;

		if (!line_ncmd(s, l) || !line_cmd(s, l, 0)->ntok)
			continue;
		gc = &g->cmds[l->cmd];
		return gc->effect == EFF_EXIT || gc->effect == EFF_REBOOT ||
		       gc->effect == EFF_END || gc->effect == EFF_GOTO;
	}
	return true;
}

void
check_fallthrough(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	uint32_t block = AST_NONE;	/* label line of the current block */
	uint32_t last = AST_NONE;	/* last line with commands in it */
	bool entry = false;		/* the block is a menu entry */
	bool chained = true;		/* it is reached by running on from
					 * code that is no entry (the top of
					 * the script, a set-up block) */
	struct entry_names entries = { 0 };

	collect_entries(s, g, &entries);
	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];
		const struct tok *lab = line_label(s, l);
		uint32_t n = line_ncmd(s, l);

		if (lab) {
			bool fall = g->lines[li].by_fall && (last == AST_NONE ||
					falls_on(s, g, last));
			bool next = menu_entry(s, &entries, li);
			const struct tok *from = block != AST_NONE
				? line_label(s, &s->lines[block]) : NULL;

			/* one entry's block running on into another's; an
			 * entry without commands is an alias of the next,
			 * a label of the same name a duplicate (IPX1005) */
			if (fall && entry && next && !chained &&
			    !starts_leaving(s, g, li) &&
			    last != AST_NONE && g->lines[last].reachable &&
			    !(from->len == lab->len &&
			      !memcmp(tok_str(s, from), tok_str(s, lab),
				      lab->len)))
				lint_report(ctx, CHECK_MENU_FALLTHROUGH,
					    lab->off - 1, tok_end(lab),
					    "the menu entry ':%.*s' runs on "
					    "into ':%.*s' when its last line "
					    "succeeds; end the entry with a "
					    "goto (back to the menu) or exit",
					    (int)from->len, tok_str(s, from),
					    (int)lab->len, tok_str(s, lab));
			chained = fall && (!entry || chained);
			block = li;
			last = AST_NONE;
			entry = next;
		}
		/* a line whose only command is empty is a comment */
		if (n && !(n == 1 && !line_cmd(s, l, 0)->ntok))
			last = li;
	}
	free(entries.v);
}

/* ---------------------------------------------------------------- loops */

/* Commands that take no time and need nothing from outside: a loop of
 * only these spins for ever.  Anything else (sleep, prompt, choose,
 * read, a download, dhcp...) waits or can change what the loop sees. */
static bool
instant(const struct cfg_cmd *gc, const struct cmd *c)
{
	if (!c->ntok)
		return true;
	if (gc->effect == EFF_REBOOT || gc->effect == EFF_END)
		return true;	/* what follows is their fallback */
	if (!gc->def)
		return false;
	switch (gc->def->impl) {
	case CMD_set:
	case CMD_clear:
	case CMD_inc:
	case CMD_echo:
	case CMD_goto:
	case CMD_iseq:
	case CMD_isset:
	case CMD_item:
	case CMD_menu:
	case CMD_param:
	case CMD_params:
	case CMD_cpuid:
	case CMD_colour:
	case CMD_cpair:
		return true;
	default:
		return false;
	}
}

/* Whether an instant command can fail: tests, and inc on a string. */
static bool
can_fail(const struct cfg_cmd *gc)
{
	if (!gc->def)
		return true;
	switch (gc->def->impl) {
	case CMD_set:
	case CMD_clear:
	case CMD_echo:
	case CMD_item:
	case CMD_menu:
	case CMD_param:
	case CMD_params:
	case CMD_colour:
	case CMD_cpair:
		return false;
	case CMD_goto:
		return gc->may_miss || gc->any_target;
	default:
		return true;
	}
}

struct tarjan {
	struct cfg *g;
	uint32_t *index, *low, *stack, *comp;
	uint32_t *call, *edge;	/* scc()'s own stack, shared by its calls
				 * (one allocation per root thrashed the
				 * heap: a call per line) */
	bool *on;
	uint32_t next, sp, ncomp;
};

/* Tarjan's strongly connected components, iteratively (scripts can have
 * thousands of lines): comp[li] numbers each line's component. */
static void
scc(struct tarjan *t, uint32_t root)
{
	uint32_t *call = t->call, *edge = t->edge;
	uint32_t depth = 0;

	call[0] = root;
	edge[0] = 0;
	t->index[root] = t->low[root] = ++t->next;
	t->stack[t->sp++] = root;
	t->on[root] = true;
	for (;;) {
		uint32_t v = call[depth];
		const struct cfg_line *l = &t->g->lines[v];

		if (edge[depth] < l->nsucc) {
			uint32_t w = l->succ[edge[depth]++];

			if (!t->index[w]) {
				t->index[w] = t->low[w] = ++t->next;
				t->stack[t->sp++] = w;
				t->on[w] = true;
				call[++depth] = w;
				edge[depth] = 0;
			} else if (t->on[w] && t->index[w] < t->low[v]) {
				t->low[v] = t->index[w];
			}
			continue;
		}
		if (t->low[v] == t->index[v]) {
			uint32_t w;

			do {
				w = t->stack[--t->sp];
				t->on[w] = false;
				t->comp[w] = t->ncomp;
			} while (w != v);
			t->ncomp++;
		}
		if (!depth)
			break;
		depth--;
		if (t->low[v] < t->low[call[depth]])
			t->low[call[depth]] = t->low[v];
	}
}

/* Whether the loop of component k (its lines marked in comp) can neither
 * wait nor end: every command instant, every exit back into it, no
 * failure that ends the script. */
static bool
spins(const struct script *s, struct cfg *g, const uint32_t *comp,
      uint32_t k, uint32_t first, uint32_t last)
{
	bool cycle = false;

	for (uint32_t li = first; li <= last; li++) {
		const struct line *l = &s->lines[li];
		const struct cfg_line *gl = &g->lines[li];

		if (comp[li] != k || !gl->reachable)
			continue;
		/* a failure that ends the script is a way out, unless it
		 * comes from a command that cannot fail (echo, set...) */
		for (uint32_t j = 0; gl->ends_fail && j < line_ncmd(s, l) &&
		     j < 64; j++)
			if ((gl->fail_blame >> j & 1) &&
			    can_fail(&g->cmds[l->cmd + j]))
				return false;
		for (uint32_t i = 0; i < gl->nsucc; i++) {
			if (comp[gl->succ[i]] != k)
				return false;
			cycle = true;
		}
		for (uint32_t j = 0; j < line_ncmd(s, l); j++) {
			const struct cfg_cmd *gc = &g->cmds[l->cmd + j];

			if (!gc->reachable)
				continue;
			if (!instant(gc, line_cmd(s, l, j)) ||
			    gc->effect == EFF_EXIT || gc->any_target)
				return false;
		}
		/* the last line of the script ends it by running off */
		if (li + 1 == s->nlines) {
			bool ok;

			line_ends(s, g, li, &ok);
			if (ok)
				return false;
		}
	}
	return cycle;
}

void
check_loops(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	struct tarjan t = { .g = g };
	uint32_t n = s->nlines;
	uint32_t *last;
	bool *done;

	if (!n)
		return;
	t.index = xcalloc(n, sizeof(*t.index));
	t.low = xcalloc(n, sizeof(*t.low));
	t.stack = xcalloc(n, sizeof(*t.stack));
	t.comp = xcalloc(n, sizeof(*t.comp));
	t.on = xcalloc(n, sizeof(*t.on));
	t.call = xcalloc(n, sizeof(*t.call));
	t.edge = xcalloc(n, sizeof(*t.edge));
	for (uint32_t li = 0; li < n; li++)
		if (g->lines[li].reachable && !t.index[li])
			scc(&t, li);
	done = xcalloc(t.ncomp ? t.ncomp : 1, sizeof(*done));
	/* each component's last line: spins() looks no further (to the
	 * end of the script for each one was quadratic) */
	last = xcalloc(t.ncomp ? t.ncomp : 1, sizeof(*last));
	for (uint32_t li = 0; li < n; li++)
		if (t.index[li])
			last[t.comp[li]] = li;
	for (uint32_t li = 0; li < n; li++) {
		uint32_t k = t.comp[li];
		const struct line *l = &s->lines[li];

		if (!g->lines[li].reachable || done[k])
			continue;
		done[k] = true;
		if (!spins(s, g, t.comp, k, li, last[k]))
			continue;
		/* report at the goto that closes the loop: the last one in
		 * the component whose target is in it */
		for (uint32_t lj = n; lj-- > li;) {
			const struct line *m = &s->lines[lj];

			if (t.comp[lj] != k || !g->lines[lj].reachable)
				continue;
			for (uint32_t j = line_ncmd(s, m); j-- > 0;) {
				const struct cmd *c = line_cmd(s, m, j);
				const struct cfg_cmd *gc = &g->cmds[m->cmd + j];

				if (gc->effect != EFF_GOTO || !gc->reachable)
					continue;
				lint_report(ctx, CHECK_BUSY_LOOP,
					    s->toks[c->tok].off,
					    tok_end(&s->toks[c->tok + c->ntok
							     - 1]),
					    "this goto loops for ever: nothing "
					    "in the loop waits (sleep, prompt, "
					    "choose...) or can leave it, so "
					    "iPXE hangs here; add a way out");
				lj = li;	/* once per loop */
				break;
			}
		}
		(void)l;
	}
	free(done);
	free(t.index);
	free(t.low);
	free(t.stack);
	free(t.comp);
	free(t.on);
	free(t.call);
	free(t.edge);
	free(last);
}
