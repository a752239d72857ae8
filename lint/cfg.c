/*
 * cfg.c - reading commands statically (name, options, arguments as iPXE's
 * getopt would split them), the menus a script builds, what `goto ${x}`
 * can reach, and which lines and commands can run.
 */
#include "lint/cfg.h"

#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "parser/util.h"

/* ---------------------------------------------------------------- tokens */

/* Room for one more element in an array of n that only ever grows by
 * one: the size doubles at each power of two, so that n additions cost
 * O(n) copying (a realloc per element copies every time under ASan, and
 * a 100,000-item menu took minutes). */
static void *
grow_pow2(void *v, uint32_t n, size_t elem)
{
	if (n & (n - 1))
		return v;	/* not a power of two: there is room */
	return xrealloc(v, (n ? (size_t)n * 2 : 1) * elem);
}

/* Whether t is exactly one reference "${name}" with no type: then
 * name and len give the setting name. */
static bool
tok_is_var(const struct script *s, const struct tok *t, const char **name,
	   uint32_t *len)
{
	const char *p = tok_str(s, t);

	if (tok_nrefs(s, t) != 1 || t->len < 4 || p[0] != '$' ||
	    tok_ref(s, t, 0)->open != 0 || tok_ref(s, t, 0)->close != t->len - 1)
		return false;
	*name = p + 2;
	*len = t->len - 3;
	return !memchr(*name, ':', *len) && !memchr(*name, '$', *len);
}

uint32_t
cfg_walk_options(const struct script *s, const struct cmd *c,
		 const struct cmd_def *def, cfg_opt_visit *visit, void *arg)
{
	uint32_t i = 1;

	while (i < c->ntok) {
		const struct tok *t = &s->toks[c->tok + i];
		const char *p = tok_str(s, t);

		if (!t->len || p[0] != '-' || (t->info >> TOK_REF_SHIFT))
			break;
		if (t->len == 2 && p[1] == '-')
			return i + 1;
		i++;
		if (p[1] == '-') {
			const char *eq = memchr(p + 2, '=', t->len - 2);
			size_t n = eq ? (size_t)(eq - p - 2) : t->len - 2;
			const struct opt_def *o = def
				? cmd_opt_long(def, p + 2, n) : NULL;
			const struct tok *v = NULL;

			if (o && o->parser != VAL_FLAG && !eq && i < c->ntok &&
			    s->toks[c->tok + i].len &&
			    tok_str(s, &s->toks[c->tok + i])[0] != '-') {
				v = &s->toks[c->tok + i];
				i++;
			}
			if (visit)
				visit(arg, o, t, v, eq ? eq + 1 : NULL,
				      eq ? (uint32_t)(t->len - n - 3) : 0);
			continue;
		}
		for (uint32_t k = 1; k < t->len; k++) {
			const struct opt_def *o = def
				? cmd_opt_short(def, p[k]) : NULL;
			const struct tok *v = NULL;
			const char *iv = NULL;
			uint32_t ilen = 0;

			if (o && o->parser != VAL_FLAG) {
				if (k + 1 < t->len) {
					iv = p + k + 1;
					ilen = t->len - k - 1;
				} else if (i < c->ntok &&
					   s->toks[c->tok + i].len &&
					   tok_str(s, &s->toks[c->tok + i])[0]
					   != '-') {
					v = &s->toks[c->tok + i];
					i++;
				}
				if (visit)
					visit(arg, o, t, v, iv, ilen);
				break;
			}
			if (visit)
				visit(arg, o, t, NULL, NULL, 0);
			if (!o)
				break;
		}
	}
	return i;
}

const struct tok *
cfg_arg(const struct cfg *g, const struct cmd *c, unsigned i,
	unsigned *nargs)
{
	const struct cmd_def *def = g->cmds[c - g->s->cmds].def;
	uint32_t first = cfg_walk_options(g->s, c, def, NULL, NULL);

	if (nargs)
		*nargs = c->ntok > first ? c->ntok - first : 0;
	return first + i < c->ntok ? &g->s->toks[c->tok + first + i] : NULL;
}

struct find_opt {
	char shortname;
	const struct tok *found, *value;
	const char *inline_value;
	uint32_t inline_len;
};

static void
find_visit(void *arg, const struct opt_def *opt, const struct tok *opt_tok,
	   const struct tok *value, const char *iv, uint32_t ilen)
{
	struct find_opt *f = arg;

	if (opt && opt->shortname == f->shortname) {
		/* the last one given wins, as in iPXE */
		f->found = opt_tok;
		f->value = value;
		f->inline_value = iv;
		f->inline_len = ilen;
	}
}

const struct tok *
cfg_opt(const struct cfg *g, const struct cmd *c, char shortname,
	const struct tok **value, const char **inline_value,
	uint32_t *inline_len)
{
	struct find_opt f = { .shortname = shortname };

	cfg_walk_options(g->s, c, g->cmds[c - g->s->cmds].def, find_visit,
			 &f);
	if (value)
		*value = f.value;
	if (inline_value)
		*inline_value = f.inline_value;
	if (inline_len)
		*inline_len = f.inline_len;
	return f.found;
}

/* ---------------------------------------------------------------- labels */

uint32_t
cfg_label(const struct script *s, const char *name, size_t len)
{
	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct tok *t = line_label(s, &s->lines[li]);

		if (t && !(s->lines[li].flags & LINE_UNFINISHED) &&
		    t->len == len && !memcmp(tok_str(s, t), name, len))
			return li;
	}
	return AST_NONE;
}

static int
label_cmp(const void *a, const void *b)
{
	const struct cfg_label *x = a, *y = b;
	int c = util_name_cmp(x->name, x->len, y->name, y->len);

	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The index of cfg_find_label(): the lines cfg_label() would find. */
static void
index_labels(struct cfg *g)
{
	const struct script *s = g->s;

	g->labels = xcalloc(s->nlines ? s->nlines : 1, sizeof(*g->labels));
	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct tok *t = line_label(s, &s->lines[li]);

		if (t && !(s->lines[li].flags & LINE_UNFINISHED)) {
			struct cfg_label *l = &g->labels[g->nlabels++];

			l->name = tok_str(s, t);
			l->len = t->len;
			l->line = li;
		}
	}
	qsort(g->labels, g->nlabels, sizeof(*g->labels), label_cmp);
	g->labelled = xcalloc(s->nlines ? s->nlines : 1, sizeof(*g->labelled));
	for (uint32_t li = 0; li < s->nlines; li++)
		if (line_label(s, &s->lines[li]))
			g->labelled[g->nlabelled++] = li;
}

uint32_t
cfg_find_label(const struct cfg *g, const char *name, size_t len)
{
	struct cfg_label key = { name, (uint32_t)len, 0 };
	uint32_t lo = 0, hi = g->nlabels;

	if (len > UINT32_MAX)
		return AST_NONE;
	/* the first entry not below (name, line 0) */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (label_cmp(&g->labels[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < g->nlabels && g->labels[lo].len == len &&
	    !memcmp(g->labels[lo].name, name, len))
		return g->labels[lo].line;
	return AST_NONE;
}

/* ---------------------------------------------------------------- menus */

struct cfg_menu *
cfg_menu(struct cfg *g, const char *name, size_t len)
{
	return cfg_menu_at(g, name, len, UINT32_MAX);
}

struct cfg_menu *
cfg_menu_at(struct cfg *g, const char *name, size_t len, uint32_t ci)
{
	uint32_t lo = 0, hi = g->nmenus;

	/* the latest instance created at or before command ci: menus are
	 * in source order, so skip those after ci and look back from
	 * there (a script that repeats its menus finds one soon; a scan
	 * from the start made every item cost every menu) */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (g->menus[mid].cmd <= ci)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0)
		if (strlen(g->menus[lo].name) == len &&
		    !memcmp(g->menus[lo].name, name, len))
			return &g->menus[lo];
	return NULL;
}

/* The menu named by option m (or f for forms) of command ci: a new
 * instance for a `menu` command, else the latest one before it. */
static struct cfg_menu *
menu_of(struct cfg *g, const struct cmd *c, char opt, bool create,
	uint32_t ci)
{
	const struct tok *v;
	const char *iv;
	uint32_t ilen;
	const char *name = "";
	size_t len = 0;
	struct cfg_menu *m;

	if (cfg_opt(g, c, opt, &v, &iv, &ilen)) {
		name = v ? tok_str(g->s, v) : iv ? iv : "";
		len = v ? v->len : iv ? ilen : 0;
	}
	if (!create)
		return cfg_menu_at(g, name, len, ci);
	g->menus = xrealloc(g->menus, (g->nmenus + 1) * sizeof(*g->menus));
	m = &g->menus[g->nmenus++];
	memset(m, 0, sizeof(*m));
	m->name = xstrndup(name, len);
	m->cmd = ci;
	return m;
}

static void
collect_menus(struct cfg *g)
{
	const struct script *s = g->s;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		struct cfg_menu *m;
		struct cfg_item *it;
		const struct tok *name;

		if (!def)
			continue;
		if (def->impl == CMD_menu) {
			menu_of(g, c, 'n', true, ci);
			continue;
		}
		if (def->impl != CMD_item)
			continue;
		m = menu_of(g, c, cfg_opt(g, c, 'f', NULL, NULL, NULL)
				  ? 'f' : 'm', false, ci);
		if (!m)
			continue;	/* no menu yet: NO_MENU reports it */
		m->items = grow_pow2(m->items, m->nitems, sizeof(*m->items));
		it = &m->items[m->nitems++];
		memset(it, 0, sizeof(*it));
		it->cmd = ci;
		name = cfg_arg(g, c, 0, NULL);
		if (name && !cfg_opt(g, c, 'g', NULL, NULL, NULL)) {
			it->dynamic = tok_nrefs(s, name) > 0;
			if (!it->dynamic) {
				it->name = tok_str(s, name);
				it->name_len = name->len;
			}
		}
		{
			const struct tok *kv;
			const char *ik;
			uint32_t iklen;

			if (cfg_opt(g, c, 'k', &kv, &ik, &iklen)) {
				const char *k = kv ? tok_str(s, kv) : ik;
				uint32_t klen = kv ? kv->len : iklen;

				if (klen == 1)
					it->key = (unsigned char)k[0];
				else if (klen && !(kv && tok_nrefs(s, kv)))
					it->key = (int)strtol(k, NULL, 0);
			}
		}
	}
}

/* ---------------------------------------------------------------- goto */

static void
add_target(struct cfg_cmd *gc, uint32_t line)
{
	for (uint32_t i = 0; i < gc->ntargets; i++)
		if (gc->targets[i] == line)
			return;
	gc->targets = grow_pow2(gc->targets, gc->ntargets,
				sizeof(*gc->targets));
	gc->targets[gc->ntargets++] = line;
}

static void
add_name_target(struct cfg *g, struct cfg_cmd *gc, const char *name,
		size_t len)
{
	uint32_t li = cfg_find_label(g, name, len);

	if (li == AST_NONE)
		gc->may_miss = true;
	else
		add_target(gc, li);
}

/* The targets of each `goto ${var}` name resolved so far: they depend
 * on the name alone, and resolving one scans the whole script, which
 * made a script with many such gotos quadratic (53 MB: over 10 min). */
struct dyn_memo {
	struct dyn_entry {
		const char *var;
		uint32_t vlen;
		struct cfg_cmd res;	/* targets, any_target, may_miss */
		bool widened;		/* searched in this widening round */
	} *v;
	uint32_t n;
};

static struct dyn_entry *
dyn_find(struct dyn_memo *memo, const char *var, uint32_t vlen)
{
	for (uint32_t i = 0; i < memo->n; i++)
		if (memo->v[i].vlen == vlen &&
		    !memcmp(memo->v[i].var, var, vlen))
			return &memo->v[i];
	return NULL;
}

/*
 * What `goto ${var}` can reach: the names `choose var` can store (the
 * items of its menu) and the literal values `set var VALUE` stores.  Any
 * other way of setting var (read, a value with references, DHCP, another
 * script) makes the target unknown.  Flow-insensitive: every assignment
 * anywhere in the script counts.
 */
static void
scan_dynamic(struct cfg *g, struct cfg_cmd *gc, const char *var,
	     uint32_t vlen)
{
	const struct script *s = g->s;
	bool assigned = false;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *t = g->cmds[ci].stores;
		unsigned n = g->cmds[ci].nargs;

		if (!t || t->len != vlen || memcmp(tok_str(s, t), var, vlen))
			continue;
		assigned = true;
		if (def->impl == CMD_choose) {
			struct cfg_menu *m = menu_of(g, c, 'm', false, ci);

			if (!m) {
				gc->any_target = true;
				continue;
			}
			for (uint32_t i = 0; i < m->nitems; i++) {
				const struct cfg_item *it = &m->items[i];

				if (it->dynamic)
					gc->any_target = true;
				else if (it->name)
					add_name_target(g, gc, it->name,
							it->name_len);
			}
		} else if (def->impl == CMD_set && n == 2 &&
			   !tok_nrefs(s, cfg_arg(g, c, 1, NULL))) {
			const struct tok *v = cfg_arg(g, c, 1, NULL);

			add_name_target(g, gc, tok_str(s, v), v->len);
		} else if (def->impl == CMD_clear || (def->impl == CMD_set &&
						      n == 1)) {
			/* deleted: goto "" finds a bare ':' or fails */
			add_name_target(g, gc, "", 0);
		} else {
			gc->any_target = true;
		}
	}
	if (!assigned)
		gc->any_target = true;
}

static void
resolve_dynamic(struct cfg *g, struct dyn_memo *memo, struct cfg_cmd *gc,
		const char *var, uint32_t vlen)
{
	struct dyn_entry *e = dyn_find(memo, var, vlen);

	if (!e) {
		memo->v = grow_pow2(memo->v, memo->n, sizeof(*memo->v));
		e = &memo->v[memo->n++];
		memset(e, 0, sizeof(*e));
		e->var = var;
		e->vlen = vlen;
		scan_dynamic(g, &e->res, var, vlen);
	}
	gc->any_target = e->res.any_target;
	gc->may_miss = e->res.may_miss;
	gc->targets = NULL;
	gc->ntargets = 0;
	if (e->res.ntargets) {
		/* the capacity grow_pow2() expects of ntargets */
		size_t cap = 1;

		while (cap < e->res.ntargets)
			cap *= 2;
		gc->targets = xmalloc(cap * sizeof(*gc->targets));
		memcpy(gc->targets, e->res.targets,
		       e->res.ntargets * sizeof(*gc->targets));
		gc->ntargets = e->res.ntargets;
	}
}

static void
dyn_memo_fini(struct dyn_memo *memo)
{
	for (uint32_t i = 0; i < memo->n; i++)
		free(memo->v[i].res.targets);
	free(memo->v);
}

/* ---------------------------------------------------------------- build */

static void
classify(struct cfg *g, struct dyn_memo *memo, uint32_t ci)
{
	const struct script *s = g->s;
	const struct cmd *c = &s->cmds[ci];
	struct cfg_cmd *gc = &g->cmds[ci];
	const struct tok *name, *arg;
	const char *var;
	uint32_t vlen;

	if (!c->ntok)
		return;
	name = &s->toks[c->tok];
	if (tok_nrefs(s, name)) {
		gc->dynamic = true;
		return;
	}
	gc->def = cmd_lookup(tok_str(s, name), name->len);
	if (!gc->def)
		return;
	switch (gc->def->impl) {
	case CMD_goto:
		gc->effect = EFF_GOTO;
		arg = cfg_arg(g, c, 0, NULL);
		if (!arg)
			gc->may_miss = true;	/* usage error: fails */
		else if (tok_is_var(s, arg, &var, &vlen)) {
			gc->var = var;
			gc->var_len = vlen;
			resolve_dynamic(g, memo, gc, var, vlen);
		}
		else if (tok_nrefs(s, arg))
			gc->any_target = true;
		else
			add_name_target(g, gc, tok_str(s, arg), arg->len);
		break;
	case CMD_exit:
		gc->effect = EFF_EXIT;
		break;
	case CMD_reboot:
		/* returns only when it could not reboot, with status 0:
		 * what follows is a fallback, not dead code */
		gc->effect = EFF_REBOOT;
		break;
	case CMD_poweroff:
		/* returns only when it could not, failing */
		gc->effect = EFF_END;
		break;
	case CMD_imgexec:
		if (cfg_opt(g, c, 'r', NULL, NULL, NULL))
			gc->effect = EFF_REPLACE;
		break;
	default:
		break;
	}
}

/* Status sets: which results the line can have at a point. */
#define ST_OK	0x1
#define ST_FAIL	0x2

struct walk {
	uint32_t *work;
	uint32_t nwork;
	uint32_t *mark;		/* line -> gen when already a successor of
				 * the line flow_line() is running */
	uint32_t gen;
	bool any_done;		/* every label reached by a goto */
};

static void
reach_line(struct cfg *g, struct walk *w, uint32_t from, uint32_t li,
	   bool by_goto)
{
	struct cfg_line *l = &g->lines[li];
	struct cfg_line *f = &g->lines[from];

	/* a set, without a scan of the list; a line's successors are
	 * all found while flow_line() runs it, so they are one run of the
	 * pool (succ points there once the flow is done) */
	if (w->mark[li] != w->gen) {
		w->mark[li] = w->gen;
		if (!f->nsucc)
			f->succ_off = (uint32_t)g->nsucc_pool;
		g->succ_pool = xgrow(g->succ_pool, &g->capsucc_pool,
				     g->nsucc_pool + 1, sizeof(*g->succ_pool));
		g->succ_pool[g->nsucc_pool++] = li;
		f->nsucc++;
	}
	if (by_goto)
		l->by_goto = true;
	else
		l->by_fall = true;
	if (l->reachable)
		return;
	l->reachable = true;
	w->work[w->nwork++] = li;
}

/* A goto on line from can go to any label: the edges stay implicit
 * (to_any), and the labels are reached once. */
static void
reach_any(struct cfg *g, struct walk *w, uint32_t from)
{
	g->lines[from].to_any = true;
	if (w->any_done)
		return;
	w->any_done = true;
	for (uint32_t t = 0; t < g->nlabelled; t++) {
		struct cfg_line *l = &g->lines[g->labelled[t]];

		l->by_goto = true;
		if (!l->reachable) {
			l->reachable = true;
			w->work[w->nwork++] = g->labelled[t];
		}
	}
}

/* Runs line li over the status sets and follows its exits. */
static void
flow_line(struct cfg *g, struct walk *w, uint32_t li)
{
	const struct script *s = g->s;
	const struct line *l = &s->lines[li];
	uint32_t n = line_ncmd(s, l);
	unsigned st = ST_OK;		/* status set before the command */
	uint64_t blame = 0;		/* who produced ST_FAIL */

	w->gen++;		/* a new successor set (reach_line()) */
	if (l->flags & LINE_UNFINISHED) {
		/* iPXE stops with EINVAL here without running it */
		g->lines[li].ends_fail = true;
		return;
	}
	for (uint32_t k = 0; k < n; k++) {
		const struct cmd *c = line_cmd(s, l, k);
		struct cfg_cmd *gc = &g->cmds[l->cmd + k];
		unsigned run = st, skip = 0, out = 0;
		uint64_t out_blame = 0;

		if (k > 0) {
			enum tok_kind op = cfg_op_before(s, l, k);

			run = op == TOK_SEMI ? st
			    : op == TOK_OR ? (st & ST_FAIL) : (st & ST_OK);
			skip = st & ~run;
		}
		if (run) {
			gc->reachable = true;
			if (!c->ntok) {
				out = ST_OK;	/* the empty command */
			} else {
				switch (gc->effect) {
				case EFF_GOTO:
					for (uint32_t t = 0; t < gc->ntargets;
					     t++)
						reach_line(g, w, li,
							   gc->targets[t],
							   true);
					if (gc->any_target)
						reach_any(g, w, li);
					if (gc->may_miss || gc->any_target)
						out = ST_FAIL;
					break;
				case EFF_EXIT:
					out = 0;	/* nothing goes on */
					break;
				case EFF_END:
					out = ST_FAIL;	/* only on failure */
					break;
				case EFF_REBOOT:
					out = ST_OK;	/* only on failure */
					break;
				case EFF_REPLACE:
					out = ST_FAIL;	/* only failure */
					break;
				case EFF_NORMAL:
					out = ST_OK | ST_FAIL;
					break;
				}
				if ((out & ST_FAIL) && k < 64)
					out_blame = (uint64_t)1 << k;
			}
		}
		/* skipped commands keep the status (and its blame) */
		st = out | skip;
		blame = out_blame | ((skip & ST_FAIL) ? blame : 0);
		if (!st)
			return;	/* every path left the line */
	}
	if (st & ST_FAIL) {
		g->lines[li].ends_fail = true;
		g->lines[li].fail_blame |= blame;
	}
	if ((st & ST_OK) && li + 1 < s->nlines)
		reach_line(g, w, li, li + 1, false);
}

static void
flow(struct cfg *g, struct walk *w)
{
	w->nwork = 0;
	w->any_done = false;
	if (g->s->nlines) {
		g->lines[0].reachable = true;
		g->lines[0].by_fall = true;
		w->work[w->nwork++] = 0;
	}
	while (w->nwork)
		flow_line(g, w, w->work[--w->nwork]);
	for (uint32_t li = 0; li < g->s->nlines; li++)
		g->lines[li].succ = g->lines[li].nsucc
			? g->succ_pool + g->lines[li].succ_off : NULL;
}

/* Whether line li assigns var before command ci (or anywhere in it when
 * ci is not on the line). */
static bool
assigns(const struct cfg *g, uint32_t li, const char *var, uint32_t len,
	uint32_t ci)
{
	const struct script *s = g->s;
	const struct line *l = &s->lines[li];

	if (!g->line_stores[li])
		return false;
	for (uint32_t k = 0; k < line_ncmd(s, l); k++) {
		uint32_t i = l->cmd + k;
		const struct tok *t = g->cmds[i].stores;

		if (i == ci)
			return false;
		if (t && t->len == len && !memcmp(tok_str(s, t), var, len))
			return true;
	}
	return false;
}

/* widen_var()'s search enters line li. */
static void
widen_enter(struct cfg *g, const char *var, uint32_t len, uint32_t *queue,
	    uint32_t *n, bool *entered, uint32_t li)
{
	if (entered[li])
		return;
	entered[li] = true;
	if (!assigns(g, li, var, len, UINT32_MAX))
		queue[(*n)++] = li;
}

/*
 * Whether a value of var from outside can reach some `goto ${var}`:
 * one search per name (the gotos of a name share it; one per goto made
 * a script with many of them cubic, as widening repeats), from the
 * start through the lines that do not assign var.  entered[li] says a
 * path arrives at line li that way; the goto at command ci of line li
 * sees an outside value when its line is entered and does not assign
 * var before ci.
 */
static bool
widen_var(struct cfg *g, const char *var, uint32_t len, uint32_t *queue,
	  bool *entered)
{
	const struct script *s = g->s;
	bool changed = false, any = false;
	uint32_t n = 0;

	memset(entered, 0, s->nlines * sizeof(*entered));
	widen_enter(g, var, len, queue, &n, entered, 0);
	while (n) {
		const struct cfg_line *l = &g->lines[queue[--n]];

		for (uint32_t i = 0; i < l->nsucc; i++)
			widen_enter(g, var, len, queue, &n, entered,
				    l->succ[i]);
		if (l->to_any && !any) {
			any = true;	/* the labels once */
			for (uint32_t i = 0; i < g->nlabelled; i++)
				widen_enter(g, var, len, queue, &n, entered,
					    g->labelled[i]);
		}
	}
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		struct cfg_cmd *gc = &g->cmds[ci];

		if (!gc->var || gc->any_target || !gc->reachable ||
		    gc->var_len != len || memcmp(gc->var, var, len) ||
		    !entered[gc->line] || assigns(g, gc->line, var, len, ci))
			continue;
		gc->any_target = true;
		changed = true;
	}
	return changed;
}

/* One round of widening: a search for each name (memo: every name a
 * `goto ${var}` dispatches on) that some reachable goto still resolves
 * from the script's own values. */
static bool
widen_outside_values(struct cfg *g, struct dyn_memo *memo)
{
	const struct script *s = g->s;
	bool changed = false;
	uint32_t *queue;
	bool *entered;

	if (!s->nlines)
		return false;
	queue = xcalloc(s->nlines, sizeof(*queue));
	entered = xcalloc(s->nlines, sizeof(*entered));
	for (uint32_t i = 0; i < memo->n; i++)
		memo->v[i].widened = false;
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cfg_cmd *gc = &g->cmds[ci];
		struct dyn_entry *e;

		if (!gc->var || gc->any_target || !gc->reachable)
			continue;
		e = dyn_find(memo, gc->var, gc->var_len);
		if (!e || e->widened)
			continue;
		e->widened = true;
		changed |= widen_var(g, gc->var, gc->var_len, queue, entered);
	}
	free(queue);
	free(entered);
	return changed;
}

struct cfg *
cfg_build(const struct script *s, const struct lint_opts *o)
{
	struct cfg *g = xcalloc(1, sizeof(*g));
	struct dyn_memo memo = { 0 };
	struct walk w;

	(void)o;
	g->s = s;
	g->cmds = xcalloc(s->ncmds ? s->ncmds : 1, sizeof(*g->cmds));
	g->lines = xcalloc(s->nlines ? s->nlines : 1, sizeof(*g->lines));
	index_labels(g);
	/* names first: menus and goto targets need them */
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];

		const struct cmd_def *def;

		if (c->ntok && !tok_nrefs(s, &s->toks[c->tok]))
			g->cmds[ci].def = cmd_lookup(tok_str(s,
							&s->toks[c->tok]),
						     s->toks[c->tok].len);
		def = g->cmds[ci].def;
		if (def && (def->impl == CMD_choose || def->impl == CMD_set ||
			    def->impl == CMD_read || def->impl == CMD_clear))
			g->cmds[ci].stores = cfg_arg(g, c, 0,
						     &g->cmds[ci].nargs);
	}
	g->line_stores = xcalloc(s->nlines ? s->nlines : 1,
				 sizeof(*g->line_stores));
	for (uint32_t li = 0; li < s->nlines; li++)
		for (uint32_t k = 0; k < line_ncmd(s, &s->lines[li]); k++) {
			g->cmds[s->lines[li].cmd + k].line = li;
			if (g->cmds[s->lines[li].cmd + k].stores)
				g->line_stores[li] = true;
		}
	collect_menus(g);
	for (uint32_t ci = 0; ci < s->ncmds; ci++)
		classify(g, &memo, ci);
	w = (struct walk){ 0 };
	w.work = xcalloc(s->nlines ? s->nlines : 1, sizeof(*w.work));
	w.mark = xcalloc(s->nlines ? s->nlines : 1, sizeof(*w.mark));
	flow(g, &w);
	/* A dynamic goto can also see a value set outside the script (by
	 * the caller, DHCP, the user) when some path from the start reaches
	 * it without passing an assignment: then any label is a target.
	 * Widening can add paths, so repeat until nothing changes. */
	while (widen_outside_values(g, &memo)) {
		memset(g->lines, 0, s->nlines * sizeof(*g->lines));
		g->nsucc_pool = 0;
		for (uint32_t ci = 0; ci < s->ncmds; ci++)
			g->cmds[ci].reachable = false;
		flow(g, &w);
	}
	dyn_memo_fini(&memo);
	free(w.work);
	free(w.mark);
	return g;
}

uint32_t
cfg_dispatch_goto(const struct cfg *g, uint32_t ci, const char *var,
		  uint32_t len)
{
	const struct script *s = g->s;

	for (uint32_t li = g->cmds[ci].line; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];

		if (li > g->cmds[ci].line && line_label(s, l))
			break;
		for (uint32_t k = 0; k < line_ncmd(s, l); k++) {
			uint32_t gi = l->cmd + k;
			const struct cfg_cmd *gc = &g->cmds[gi];

			if (gi > ci && gc->var && gc->var_len == len &&
			    !memcmp(gc->var, var, len))
				return gi;
		}
	}
	return AST_NONE;
}

bool
cfg_fails_unhandled(const struct cfg *g, uint32_t ci)
{
	uint32_t li = g->cmds[ci].line, k = ci - g->s->lines[li].cmd;

	return g->lines[li].ends_fail && k < 64 &&
	       (g->lines[li].fail_blame & ((uint64_t)1 << k));
}

enum tok_kind
cfg_op_before(const struct script *s, const struct line *l, uint32_t k)
{
	return k ? tok_kind(&s->toks[line_cmd(s, l, k - 1)->op]) : TOK_SEMI;
}

void
cfg_free(struct cfg *g)
{
	if (!g)
		return;
	for (uint32_t i = 0; i < g->s->ncmds; i++)
		free(g->cmds[i].targets);
	free(g->succ_pool);
	free(g->line_stores);
	for (uint32_t i = 0; i < g->nmenus; i++) {
		free(g->menus[i].name);
		free(g->menus[i].items);
	}
	free(g->menus);
	free(g->labels);
	free(g->labelled);
	free(g->cmds);
	free(g->lines);
	free(g);
}
