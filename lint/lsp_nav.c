/*
 * lsp_nav.c - what ipxelint --lsp knows about one document: what is at
 * a position (a command, an option, a label, a goto target, a setting),
 * and from that hover text, definitions, references, the outline
 * (labels, menus and their items), completion and the linter's fixes as
 * code actions.  Everything is read from the linted script (d->s) and
 * its control-flow analysis (d->g); positions go through lsp.c.
 */
#include <jansson.h>
#include <string.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "lint/lsp.h"
#include "lint/report.h"
#include "parser/script.h"
#include "parser/util.h"

/* LSP enumerations used here. */
enum {
	SYM_ENUM = 10, SYM_FUNCTION = 12, SYM_ENUM_MEMBER = 22,
	CI_FUNCTION = 3, CI_VARIABLE = 6, CI_PROPERTY = 10, CI_REFERENCE = 18,
	CI_TYPE = 25,
};

/* ---------------------------------------------------------------- places */

/* Source byte range of token t of line li. */
static void
tok_src(const struct script *s, uint32_t li, const struct tok *t,
	size_t *a, size_t *b)
{
	*a = script_pos_in(s, li, t->off).off;
	*b = t->len ? script_pos_in(s, li, t->off + t->len - 1).off + 1 : *a;
}

/* Source range of text-space [off, end) of line li. */
static void
text_src(const struct script *s, uint32_t li, uint32_t off, uint32_t end,
	 size_t *a, size_t *b)
{
	*a = script_pos_in(s, li, off).off;
	*b = end > off ? script_pos_in(s, li, end - 1).off + 1 : *a;
}

static size_t
line_src_start(const struct script *s, uint32_t li)
{
	return script_pos_in(s, li, s->lines[li].text).off;
}

/* The logical line holding source offset off. */
static uint32_t
line_at(const struct script *s, size_t off)
{
	uint32_t lo = 0, hi = s->nlines;

	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (line_src_start(s, mid) <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The line whose command ci is. */
static uint32_t
cmd_line(const struct lsp_doc *d, uint32_t ci)
{
	return d->g->cmds[ci].line;
}

/* Whether the first argument of def is a setting it writes (set,
 * clear, inc, read, choose: "<setting>" leads the synopsis). */
static bool
writes_setting(const struct cmd_def *def)
{
	return def && def->synopsis &&
	       !strncmp(def->synopsis, "<setting>", 9);
}

/* The last c in [p, p + n), or NULL (memrchr is a GNU extension). */
static const char *
last_of(const char *p, char c, size_t n)
{
	while (n--)
		if (p[n] == c)
			return p + n;
	return NULL;
}

/* The bare name of a setting as written: "net0/ip:ipv4" -> "ip". */
static void
bare_name(const char *p, size_t n, const char **name, size_t *len)
{
	const char *colon = memchr(p, ':', n);
	const char *slash;

	if (colon)
		n = (size_t)(colon - p);
	slash = n ? last_of(p, '/', n) : NULL;
	if (slash) {
		n -= (size_t)(slash + 1 - p);
		p = slash + 1;
	}
	*name = p;
	*len = n;
}

static bool
same_name(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && !memcmp(a, b, alen);
}

/* ---------------------------------------------------------------- targets */

enum what {
	W_NONE,
	W_CMD,		/* a command's name */
	W_OPT,		/* one of its options (opt NULL: not its option) */
	W_LABEL,	/* a label ":name" */
	W_LABELREF,	/* goto's or item's label argument */
	W_SETTING,	/* a setting: "${name}" or a written setting name */
};

struct target {
	enum what what;
	uint32_t li, ci, ti;
	size_t a, b;			/* its source range */
	const struct cmd_def *def;
	const struct opt_def *opt;
	const char *name;		/* label or bare setting name */
	size_t nlen;
	bool dynamic;			/* goto ${x}: name is x */
	const char *type;		/* "${x:type}": the type, or NULL */
	size_t tlen;
};

struct opt_find {
	const struct tok *tok;
	const struct opt_def *opt;
	bool is_opt, is_value;
};

static void
opt_find_visit(void *arg, const struct opt_def *opt, const struct tok *t,
	       const struct tok *value, const char *iv, uint32_t ilen)
{
	struct opt_find *f = arg;

	(void)iv;
	(void)ilen;
	if (t == f->tok) {
		f->is_opt = true;
		f->opt = opt;
	} else if (value == f->tok) {
		f->is_value = true;
		f->opt = opt;
	}
}

/* Position of source offset off within word t of line li (text-space,
 * relative to the word). */
static uint32_t
rel_in_tok(const struct script *s, uint32_t li, const struct tok *t,
	   size_t off)
{
	for (uint32_t i = 0; i < t->len; i++)
		if (script_pos_in(s, li, t->off + i).off >= off)
			return i;
	return t->len;
}

/* What is at source offset off. */
static void
classify(const struct lsp_doc *d, size_t off, struct target *t)
{
	const struct script *s = d->s;
	const struct line *l;
	const struct tok *tk = NULL;
	const struct cmd *c = NULL;
	struct opt_find f;
	uint32_t first, ntok;

	memset(t, 0, sizeof(*t));
	t->ci = t->ti = AST_NONE;
	if (!s->nlines)
		return;
	t->li = line_at(s, off);
	l = &s->lines[t->li];
	ntok = line_ntok(s, l);
	/* the token holding off; one ending at off if none holds it */
	for (uint32_t i = 0; i < ntok; i++) {
		size_t a, b;

		tok_src(s, t->li, &s->toks[l->tok + i], &a, &b);
		if (a <= off && off < b) {
			t->ti = l->tok + i;
			break;
		}
		if (off == b)
			t->ti = l->tok + i;
	}
	if (t->ti == AST_NONE)
		return;
	tk = &s->toks[t->ti];
	tok_src(s, t->li, tk, &t->a, &t->b);
	if (tok_kind(tk) == TOK_LABEL) {
		t->what = W_LABEL;
		t->name = tok_str(s, tk);
		t->nlen = tk->len;
		return;
	}
	if (tok_kind(tk) != TOK_WORD)
		return;
	for (uint32_t i = 0; i < line_ncmd(s, l); i++) {
		const struct cmd *x = line_cmd(s, l, i);

		if (x->tok <= t->ti && t->ti < x->tok + x->ntok) {
			c = x;
			t->ci = l->cmd + i;
		}
	}
	if (!c)
		return;
	t->def = d->g->cmds[t->ci].def;
	/* inside "${...}": the innermost reference holding off */
	if (tok_nrefs(s, tk)) {
		uint32_t rel = rel_in_tok(s, t->li, tk, off);

		if (rel == tk->len)
			rel--;	/* just after the word */
		const struct ref *hit = NULL;

		for (uint32_t i = 0; i < tok_nrefs(s, tk); i++) {
			const struct ref *r = tok_ref(s, tk, i);

			if (r->open <= rel && rel <= r->close)
				hit = r;
		}
		if (hit) {
			const char *p = tok_str(s, tk) + hit->open + 2;
			size_t n = hit->close - hit->open - 2;
			const char *colon = memchr(p, ':', n);

			if (memchr(p, '$', n))
				return;
			bare_name(p, n, &t->name, &t->nlen);
			if (colon) {
				t->type = colon + 1;
				t->tlen = n - (size_t)(colon + 1 - p);
			}
			text_src(s, t->li, tk->off + hit->open,
				 tk->off + hit->close + 1, &t->a, &t->b);
			t->what = W_SETTING;
		}
	}
	if (t->ti == c->tok) {
		if (t->what == W_NONE && t->def)
			t->what = W_CMD;
		return;
	}
	if (!t->def)
		return;
	memset(&f, 0, sizeof(f));
	f.tok = tk;
	first = cfg_walk_options(s, c, t->def, opt_find_visit, &f);
	if (f.is_opt) {
		t->what = W_OPT;
		t->opt = f.opt;
		return;
	}
	if (f.is_value) {
		if (f.opt && f.opt->parser == VAL_SETTING &&
		    !tok_nrefs(s, tk)) {
			t->what = W_SETTING;
			bare_name(tok_str(s, tk), tk->len, &t->name, &t->nlen);
		}
		return;
	}
	if (t->ti - c->tok != first)
		return;
	if (t->def->impl == CMD_goto || t->def->impl == CMD_item) {
		const char *p = tok_str(s, tk);

		if (tok_nrefs(s, tk)) {
			/* goto ${x}: the labels x can name */
			if (t->def->impl != CMD_goto || tk->len < 4 ||
			    tok_ref(s, tk, 0)->open != 0 ||
			    tok_ref(s, tk, 0)->close != tk->len - 1)
				return;
			bare_name(p + 2, tk->len - 3, &t->name, &t->nlen);
			t->dynamic = true;
		} else {
			t->name = p;
			t->nlen = tk->len;
		}
		tok_src(s, t->li, tk, &t->a, &t->b);
		t->what = W_LABELREF;
		return;
	}
	if (writes_setting(t->def) && !tok_nrefs(s, tk)) {
		t->what = W_SETTING;
		bare_name(tok_str(s, tk), tk->len, &t->name, &t->nlen);
	}
}

/* ---------------------------------------------------------------- sites */

/* A place naming a setting or label. */
struct site {
	size_t a, b;
	uint32_t ci;		/* its command, AST_NONE for a label */
	bool decl;		/* it sets the setting / is the label */
};

struct sites {
	struct site *v;
	size_t n, cap;
};

static void
site_add(struct sites *ss, size_t a, size_t b, uint32_t ci, bool decl)
{
	ss->v = xgrow(ss->v, &ss->cap, ss->n + 1, sizeof(*ss->v));
	ss->v[ss->n++] = (struct site){ a, b, ci, decl };
}

struct set_visit {
	const struct lsp_doc *d;
	struct sites *ss;
	const char *name;
	size_t nlen;
	uint32_t ci;
};

static void
setting_opt_visit(void *arg, const struct opt_def *opt, const struct tok *t,
		  const struct tok *value, const char *iv, uint32_t ilen)
{
	struct set_visit *v = arg;
	const struct script *s = v->d->s;
	const char *n;
	size_t len, a, b;

	(void)t;
	(void)iv;
	(void)ilen;
	if (!opt || opt->parser != VAL_SETTING || !value ||
	    tok_nrefs(s, value))
		return;
	bare_name(tok_str(s, value), value->len, &n, &len);
	if (!same_name(n, len, v->name, v->nlen))
		return;
	tok_src(s, cmd_line(v->d, v->ci), value, &a, &b);
	site_add(v->ss, a, b, v->ci, true);
}

/* Every place that sets (decl) or reads setting name, in source order. */
static void
setting_sites(const struct lsp_doc *d, const char *name, size_t nlen,
	      struct sites *ss)
{
	const struct script *s = d->s;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = d->g->cmds[ci].def;
		uint32_t li = cmd_line(d, ci);
		struct set_visit v = { d, ss, name, nlen, ci };

		if (def) {
			const struct tok *arg = cfg_arg(d->g, c, 0, NULL);

			cfg_walk_options(s, c, def, setting_opt_visit, &v);
			if (arg && writes_setting(def) && !tok_nrefs(s, arg)) {
				const char *n;
				size_t len, a, b;

				bare_name(tok_str(s, arg), arg->len, &n, &len);
				if (same_name(n, len, name, nlen)) {
					tok_src(s, li, arg, &a, &b);
					site_add(ss, a, b, ci, true);
				}
			}
		}
		for (uint32_t i = 0; i < c->ntok; i++) {
			const struct tok *t = &s->toks[c->tok + i];

			for (uint32_t r = 0; r < tok_nrefs(s, t); r++) {
				const struct ref *ref = tok_ref(s, t, r);
				const char *p = tok_str(s, t) + ref->open + 2;
				size_t n = ref->close - ref->open - 2;
				size_t len, a, b;
				const char *bn;

				if (memchr(p, '$', n))
					continue;
				bare_name(p, n, &bn, &len);
				if (!same_name(bn, len, name, nlen))
					continue;
				text_src(s, li, t->off + ref->open,
					 t->off + ref->close + 1, &a, &b);
				site_add(ss, a, b, ci, false);
			}
		}
	}
}

static bool
has_target(const struct cfg_cmd *gc, uint32_t li)
{
	for (uint32_t i = 0; i < gc->ntargets; i++)
		if (gc->targets[i] == li)
			return true;
	return false;
}

/* The label (decl) of line li and every goto that can reach it, and
 * every item named after it. */
static void
label_sites(const struct lsp_doc *d, uint32_t li, struct sites *ss)
{
	const struct script *s = d->s;
	const struct tok *lt = line_label(s, &s->lines[li]);
	size_t a, b;

	if (!lt)
		return;
	tok_src(s, li, lt, &a, &b);
	site_add(ss, a, b, AST_NONE, true);
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cfg_cmd *gc = &d->g->cmds[ci];
		const struct tok *arg;

		if (!gc->def || (gc->def->impl != CMD_goto &&
				 gc->def->impl != CMD_item))
			continue;
		arg = cfg_arg(d->g, &s->cmds[ci], 0, NULL);
		if (!arg)
			continue;
		if (gc->def->impl == CMD_goto ? !has_target(gc, li)
		    : tok_nrefs(s, arg) || arg->len != lt->len ||
		      memcmp(tok_str(s, arg), tok_str(s, lt), lt->len))
			continue;
		tok_src(s, gc->line, arg, &a, &b);
		site_add(ss, a, b, ci, false);
	}
}

/* The label lines a goto/item target can mean. */
static void
ref_labels(const struct lsp_doc *d, const struct target *t, uint32_t **v,
	   size_t *n)
{
	const struct cfg_cmd *gc = &d->g->cmds[t->ci];
	uint32_t li;

	*v = NULL;
	*n = 0;
	if (gc->def->impl == CMD_goto) {
		*v = xmalloc((gc->ntargets + 1) * sizeof(**v));
		for (uint32_t i = 0; i < gc->ntargets; i++)
			if (gc->targets[i] < d->s->nlines &&
			    line_label(d->s, &d->s->lines[gc->targets[i]]))
				(*v)[(*n)++] = gc->targets[i];
		return;
	}
	li = cfg_label(d->s, t->name, t->nlen);
	if (li != AST_NONE) {
		*v = xmalloc(sizeof(**v));
		(*v)[(*n)++] = li;
	}
}

static json_t *
label_location(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	       uint32_t li)
{
	size_t a, b;

	tok_src(d->s, li, line_label(d->s, &d->s->lines[li]), &a, &b);
	return lsp_location(d, e, a > 0 ? a - 1 : a, b);	/* with ':' */
}

/* ---------------------------------------------------------------- hover */

static const char *const scope_names[] = {
	[SCOPE_DHCP] = "DHCP", [SCOPE_NETDEV] = "network device (netN)",
	[SCOPE_BUILTIN] = "builtin", [SCOPE_SMBIOS] = "SMBIOS",
	[SCOPE_CPUID] = "CPUID", [SCOPE_MEMMAP] = "memory map",
	[SCOPE_OTHER] = "other (IPv6, 802.11, ...)",
};

static const char *const value_kinds[] = {
	[VAL_FLAG] = "a flag (no value)", [VAL_STR] = "a string",
	[VAL_INT] = "an integer", [VAL_MS] = "a timeout in milliseconds",
	[VAL_KEY] = "a key (one character or a key code)",
	[VAL_NETDEV] = "a network device (net0)",
	[VAL_CFGTOR] = "a configurator (dhcp, ipv6)",
	[VAL_SETTING] = "a setting name", [VAL_UUID] = "a UUID",
	[VAL_FCPORT] = "a Fibre Channel port",
	[VAL_FCID] = "a Fibre Channel port ID",
};

/* `text` of [a, b) of the source, one line, at most 60 bytes. */
static void
md_code(struct buf *b, const struct lsp_doc *d, size_t a, size_t z)
{
	buf_adds(b, "`");
	for (size_t i = a; i < z && i < a + 60; i++) {
		char c = d->text[i];

		buf_addc(b, c == '`' || c == '\n' || c == '\r' || c == '\t'
			 ? ' ' : c);
	}
	buf_adds(b, z > a + 60 ? "...`" : "`");
}

/* Source range of command ci (its first to last word). */
static void
cmd_src(const struct lsp_doc *d, uint32_t ci, size_t *a, size_t *b)
{
	const struct cmd *c = &d->s->cmds[ci];
	size_t x, y;

	tok_src(d->s, cmd_line(d, ci), &d->s->toks[c->tok], a, &y);
	tok_src(d->s, cmd_line(d, ci), &d->s->toks[c->tok + c->ntok - 1], &x,
		b);
}

static void
builds_text(struct buf *b, const struct cmd_def *def)
{
	static const char *const names[] = { "BIOS", "EFI", "full" };
	bool any = false;

	buf_adds(b, "\n\nIn the builds: ");
	for (unsigned i = 0; i < 3; i++)
		if (def->builds & (1u << i)) {
			buf_printf(b, "%s%s", any ? ", " : "", names[i]);
			any = true;
		}
	if (!any)
		buf_adds(b, "none of the known ones");
	if (def->build_option)
		buf_printf(b, " (build option `%s`)", def->build_option);
}

static void
hover_cmd(struct buf *b, const struct cmd_def *def)
{
	struct buf u;

	buf_init(&u);
	cmd_usage_line(&u, def, def->name);
	buf_printf(b, "**%s** — %s\n\n```\n%s\n```", def->name, def->summary,
		   u.data);
	if (def->impl != def->id)
		buf_printf(b, "\n\nA synonym of `%s`.",
			   cmd_table[def->impl].name);
	builds_text(b, def);
	buf_fini(&u);
}

static void
hover_setting(struct buf *b, const struct lsp_doc *d, const struct target *t)
{
	const struct set_def *sd = set_lookup(t->name, t->nlen);
	struct sites ss = { 0 };
	size_t nsets = 0, nvalues = 0;

	buf_printf(b, "**setting `%.*s`**", (int)t->nlen, t->name);
	if (t->type)
		buf_printf(b, " read as `%.*s`", (int)t->tlen, t->type);
	if (sd) {
		buf_printf(b, "\n\nPredefined: type `%s`, scope %s",
			   type_names[sd->type], scope_names[sd->scope]);
		if (sd->scope == SCOPE_DHCP && sd->tag)
			buf_printf(b, sd->tag > 0xff ? " (option %u.%u)"
				   : " (option %u%.0u)", sd->tag > 0xff
				   ? sd->tag >> 8 : sd->tag, sd->tag & 0xff);
		buf_printf(b, ".  %s", sd->summary);
	} else {
		buf_adds(b, "\n\nNot predefined: a setting of this script "
			 "(type `string` unless written `name:type`).");
	}
	setting_sites(d, t->name, t->nlen, &ss);
	for (size_t i = 0; i < ss.n; i++) {
		size_t a, z;

		if (!ss.v[i].decl)
			continue;
		buf_adds(b, nsets++ ? ", " : "\n\nSet here: ");
		cmd_src(d, ss.v[i].ci, &a, &z);
		buf_printf(b, "line %u ", script_pos(d->s,
			   d->s->toks[d->s->cmds[ss.v[i].ci].tok].off).line);
		md_code(b, d, a, z);
	}
	/* known values: set's literal values, the items choose offers */
	for (size_t i = 0; i < ss.n && nvalues < 20; i++) {
		uint32_t ci = ss.v[i].ci;
		const struct cmd *c = &d->s->cmds[ci];
		const struct cfg_cmd *gc = &d->g->cmds[ci];
		unsigned nargs;
		const struct tok *v;

		if (!ss.v[i].decl || !gc->def)
			continue;
		if (gc->def->impl == CMD_set &&
		    (v = cfg_arg(d->g, c, 1, &nargs))) {
			const struct tok *last = &d->s->toks[c->tok +
							     c->ntok - 1];
			size_t a, z, y;

			tok_src(d->s, gc->line, v, &a, &y);
			tok_src(d->s, gc->line, last, &y, &z);
			buf_adds(b, nvalues++ ? ", " : "\n\nValues: ");
			md_code(b, d, a, z);
		} else if (gc->def->impl == CMD_choose) {
			const struct tok *mv;
			const char *iv = NULL;
			uint32_t ilen = 0;
			struct cfg_menu *m;

			mv = NULL;
			cfg_opt(d->g, c, 'm', &mv, &iv, &ilen);
			m = cfg_menu_at(d->g, mv ? tok_str(d->s, mv) : iv ? iv
					: "", mv ? mv->len : iv ? ilen : 0, ci);
			for (uint32_t k = 0; m && k < m->nitems &&
			     nvalues < 20; k++) {
				if (!m->items[k].name)
					continue;
				buf_printf(b, "%s`%.*s`", nvalues++ ? ", "
					   : "\n\nValues: ",
					   (int)m->items[k].name_len,
					   m->items[k].name);
			}
		}
	}
	free(ss.v);
}

static void
hover_label(struct buf *b, const struct lsp_doc *d, uint32_t li)
{
	struct sites ss = { 0 };
	size_t n = 0;

	label_sites(d, li, &ss);
	buf_printf(b, "**label `%.*s`** (line %u)",
		   (int)line_label(d->s, &d->s->lines[li])->len,
		   tok_str(d->s, line_label(d->s, &d->s->lines[li])),
		   d->s->lines[li].lineno);
	for (size_t i = 1; i < ss.n; i++)
		buf_printf(b, "%s%u", n++ ? ", " : "\n\nReached from lines ",
			   script_pos(d->s, d->s->toks[
				   d->s->cmds[ss.v[i].ci].tok].off).line);
	if (!n)
		buf_adds(b, "\n\nNo goto or item names it.");
	free(ss.v);
}

json_t *
lsp_hover(const struct lsp_doc *d, const struct lsp_pos_enc *e, size_t off)
{
	struct target t;
	struct buf b;
	json_t *r;

	classify(d, off, &t);
	buf_init(&b);
	switch (t.what) {
	case W_CMD:
		hover_cmd(&b, t.def);
		break;
	case W_OPT:
		if (!t.opt) {
			buf_printf(&b, "`%s` has no such option; its "
				   "usage:\n\n", t.def->name);
			hover_cmd(&b, t.def);
			break;
		}
		buf_printf(&b, "**--%s** (`-%c`): option of `%s`, takes %s",
			   t.opt->longname, t.opt->shortname, t.def->name,
			   value_kinds[t.opt->parser]);
		break;
	case W_LABEL:
		hover_label(&b, d, t.li);
		break;
	case W_LABELREF: {
		uint32_t *v;
		size_t n;

		ref_labels(d, &t, &v, &n);
		if (t.dynamic) {
			buf_printf(&b, "`goto ${%.*s}` can reach", (int)t.nlen,
				   t.name);
			for (size_t i = 0; i < n; i++)
				buf_printf(&b, "%s `%.*s` (line %u)", i ? ","
					   : "",
					   (int)line_label(d->s,
						&d->s->lines[v[i]])->len,
					   tok_str(d->s, line_label(d->s,
						&d->s->lines[v[i]])),
					   d->s->lines[v[i]].lineno);
			if (!n)
				buf_adds(&b, " no label known here");
			if (d->g->cmds[t.ci].any_target)
				buf_adds(&b, ", or any label");
			buf_adds(&b, "\n\n");
			hover_setting(&b, d, &t);
		} else if (n) {
			hover_label(&b, d, v[0]);
		} else {
			buf_printf(&b, "No label `%.*s` in this script.",
				   (int)t.nlen, t.name);
		}
		free(v);
		break;
	}
	case W_SETTING:
		hover_setting(&b, d, &t);
		break;
	default:
		buf_fini(&b);
		return json_null();
	}
	r = json_pack("{s:{s:s,s:o},s:o}", "contents", "kind", "markdown",
		      "value", report_jstr(b.data, b.len), "range",
		      lsp_range(d, e, t.a, t.b));
	buf_fini(&b);
	return r;
}

/* ---------------------------------------------------------------- go to */

json_t *
lsp_definition(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	       size_t off)
{
	struct target t;
	json_t *v = json_array();

	classify(d, off, &t);
	if (t.what == W_LABEL) {
		json_array_append_new(v, label_location(d, e, t.li));
	} else if (t.what == W_LABELREF) {
		uint32_t *lines;
		size_t n;

		ref_labels(d, &t, &lines, &n);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(v, label_location(d, e,
								lines[i]));
		free(lines);
	} else if (t.what == W_SETTING) {
		struct sites ss = { 0 };

		setting_sites(d, t.name, t.nlen, &ss);
		for (size_t i = 0; i < ss.n; i++)
			if (ss.v[i].decl)
				json_array_append_new(v, lsp_location(
					d, e, ss.v[i].a, ss.v[i].b));
		free(ss.v);
	}
	if (!json_array_size(v)) {
		json_decref(v);
		return json_null();
	}
	return v;
}

json_t *
lsp_references(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	       size_t off, bool declaration)
{
	struct target t;
	struct sites ss = { 0 };
	json_t *v = json_array();

	classify(d, off, &t);
	if (t.what == W_LABEL) {
		label_sites(d, t.li, &ss);
	} else if (t.what == W_LABELREF && !t.dynamic) {
		uint32_t *lines;
		size_t n;

		ref_labels(d, &t, &lines, &n);
		if (n)
			label_sites(d, lines[0], &ss);
		free(lines);
	} else if (t.what == W_SETTING ||
		   (t.what == W_LABELREF && t.dynamic)) {
		setting_sites(d, t.name, t.nlen, &ss);
	}
	for (size_t i = 0; i < ss.n; i++) {
		if (ss.v[i].decl && !declaration)
			continue;
		if (ss.v[i].ci == AST_NONE)	/* a label: with its ':' */
			json_array_append_new(v, lsp_location(d, e,
				ss.v[i].a - 1, ss.v[i].b));
		else
			json_array_append_new(v, lsp_location(d, e, ss.v[i].a,
							      ss.v[i].b));
	}
	free(ss.v);
	return v;
}

/* ---------------------------------------------------------------- symbols */

static json_t *
symbol(const struct lsp_doc *d, const struct lsp_pos_enc *e,
       const char *name, size_t nlen, const char *detail, size_t dlen,
       int kind, size_t a, size_t b, size_t sa, size_t sb)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", report_jstr(name, nlen));
	if (dlen)
		json_object_set_new(o, "detail", report_jstr(detail, dlen));
	json_object_set_new(o, "kind", json_integer(kind));
	json_object_set_new(o, "range", lsp_range(d, e, a, b));
	json_object_set_new(o, "selectionRange", lsp_range(d, e, sa, sb));
	json_object_set_new(o, "children", json_array());
	return o;
}

/* Source text of command ci's words from argument i on. */
static void
args_text(const struct lsp_doc *d, uint32_t ci, unsigned i, size_t *a,
	  size_t *b)
{
	const struct cmd *c = &d->s->cmds[ci];
	const struct tok *t = cfg_arg(d->g, c, i, NULL);
	size_t y;

	*a = *b = 0;
	if (!t)
		return;
	tok_src(d->s, cmd_line(d, ci), t, a, &y);
	tok_src(d->s, cmd_line(d, ci), &d->s->toks[c->tok + c->ntok - 1], &y,
		b);
}

static json_t *
menu_symbol(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	    const struct cfg_menu *m)
{
	size_t a, b, sa, sb, ta, tb;
	json_t *o, *kids;
	char name[96];

	cmd_src(d, m->cmd, &a, &b);
	sa = a;
	sb = b;
	args_text(d, m->cmd, 0, &ta, &tb);
	snprintf(name, sizeof(name), "menu %.80s", m->name[0] ? m->name
		 : "(unnamed)");
	for (uint32_t i = 0; i < m->nitems; i++) {
		size_t x, y;

		cmd_src(d, m->items[i].cmd, &x, &y);
		if (y > b)
			b = y;
	}
	o = symbol(d, e, name, strlen(name), d->text + ta, tb - ta, SYM_ENUM,
		   a, b, sa, sb);
	kids = json_object_get(o, "children");
	for (uint32_t i = 0; i < m->nitems; i++) {
		const struct cfg_item *it = &m->items[i];
		size_t x, y, na, nb, da, db;

		const struct tok *nt = cfg_arg(d->g, &d->s->cmds[it->cmd], 0,
					       NULL);

		cmd_src(d, it->cmd, &x, &y);
		na = nb = x;
		if (nt)
			tok_src(d->s, cmd_line(d, it->cmd), nt, &na, &nb);
		args_text(d, it->cmd, 1, &da, &db);
		if (it->name)
			json_array_append_new(kids, symbol(d, e, it->name,
				it->name_len, d->text + da, db - da,
				SYM_ENUM_MEMBER, x, y, na, nb));
		else
			json_array_append_new(kids, symbol(d, e,
				na < nb ? d->text + na : "(gap)",
				na < nb ? nb - na : 5, NULL, 0,
				SYM_ENUM_MEMBER, x, y, x, y));
	}
	return o;
}

json_t *
lsp_symbols(const struct lsp_doc *d, const struct lsp_pos_enc *e)
{
	const struct script *s = d->s;
	json_t *top = json_array(), *section = NULL;
	uint32_t *owner = xcalloc(s->nlines + 1, sizeof(*owner));
	json_t **sections = xcalloc(s->nlines + 1, sizeof(*sections));

	/* a label's section runs to the next label */
	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct tok *lt = line_label(s, &s->lines[li]);

		if (lt) {
			size_t a, b, end = d->len;

			for (uint32_t k = li + 1; k < s->nlines; k++)
				if (line_label(s, &s->lines[k])) {
					end = line_src_start(s, k);
					break;
				}
			tok_src(s, li, lt, &a, &b);
			section = symbol(d, e, tok_str(s, lt), lt->len, NULL,
					 0, SYM_FUNCTION, a - 1, end, a - 1,
					 b);
			json_array_append_new(top, section);
		}
		sections[li] = section;
	}
	for (uint32_t i = 0; i < d->g->nmenus; i++) {
		const struct cfg_menu *m = &d->g->menus[i];
		json_t *sec = sections[cmd_line(d, m->cmd)];

		json_array_append_new(sec ? json_object_get(sec, "children")
				      : top, menu_symbol(d, e, m));
	}
	free(owner);
	free(sections);
	return top;
}

/* ---------------------------------------------------------------- complete */

struct completion {
	json_t *items;
	const struct lsp_doc *d;
	const struct lsp_pos_enc *e;
	size_t a, b;		/* the range a chosen item replaces */
	const char *prefix;	/* what is typed there */
	size_t plen;
};

static void
complete(struct completion *c, const char *label, size_t len, int kind,
	 const char *detail, const char *doc)
{
	json_t *o;

	if (len < c->plen || memcmp(label, c->prefix, c->plen))
		return;
	for (size_t i = 0; i < json_array_size(c->items); i++)
		if (!strcmp(json_string_value(json_object_get(
			    json_array_get(c->items, i), "label")), label))
			return;
	o = json_object();
	json_object_set_new(o, "label", report_jstr(label, len));
	json_object_set_new(o, "kind", json_integer(kind));
	if (detail)
		json_object_set_new(o, "detail", report_jstr(detail,
							     strlen(detail)));
	if (doc)
		json_object_set_new(o, "documentation",
				    report_jstr(doc, strlen(doc)));
	json_object_set_new(o, "textEdit", json_pack("{s:o,s:o}", "range",
		lsp_range(c->d, c->e, c->a, c->b), "newText",
		report_jstr(label, len)));
	json_array_append_new(c->items, o);
}

static void
complete_settings(struct completion *c)
{
	const struct script *s = c->d->s;
	char name[128];

	/* the script's own first, then the predefined ones */
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cfg_cmd *gc = &c->d->g->cmds[ci];
		const struct tok *arg = cfg_arg(c->d->g, &s->cmds[ci], 0, NULL);
		const char *n;
		size_t len;

		if (!arg || !writes_setting(gc->def) || tok_nrefs(s, arg))
			continue;
		bare_name(tok_str(s, arg), arg->len, &n, &len);
		if (!len || len >= sizeof(name) || memchr(n, '=', len))
			continue;
		memcpy(name, n, len);
		name[len] = '\0';
		complete(c, name, len, CI_VARIABLE, "set in this script",
			 NULL);
	}
	for (unsigned i = 0; i < SET_COUNT; i++) {
		const struct set_def *sd = &set_table[i];
		char detail[96];

		if (!(sd->builds & c->d->run.opts.build))
			continue;
		snprintf(detail, sizeof(detail), "%s, %s", type_names[sd->type],
			 scope_names[sd->scope]);
		complete(c, sd->name, strlen(sd->name), CI_VARIABLE, detail,
			 sd->summary);
	}
}

static void
complete_labels(struct completion *c)
{
	const struct script *s = c->d->s;

	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct tok *t = line_label(s, &s->lines[li]);
		char detail[32];

		if (!t)
			continue;
		snprintf(detail, sizeof(detail), "label, line %u",
			 s->lines[li].lineno);
		complete(c, tok_str(s, t), t->len, CI_REFERENCE, detail, NULL);
	}
}

static bool
word_end(char ch)
{
	return ch == ' ' || ch == '\t';
}

json_t *
lsp_completion(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	       size_t off)
{
	struct completion c = { json_array(), d, e, off, off, "", 0 };
	const char *t = d->text;
	size_t ls = off, cur, words[64], nw = 0, i;
	const struct cmd_def *def;
	const char *dollar = NULL;

	while (ls > 0 && t[ls - 1] != '\n' && t[ls - 1] != '\r')
		ls--;
	/* inside an unclosed "${": a setting name */
	for (i = ls; i + 1 < off; i++)
		if (t[i] == '$' && t[i + 1] == '{')
			dollar = t + i + 2;
		else if (t[i] == '}')
			dollar = NULL;
	if (dollar) {
		const char *p = dollar, *slash;

		slash = last_of(p, '/', (size_t)(t + off - p));
		if (slash)
			p = slash + 1;
		slash = memchr(p, ':', (size_t)(t + off - p));
		c.a = (size_t)((slash ? slash + 1 : p) - t);
		c.prefix = t + c.a;
		c.plen = off - c.a;
		if (!slash) {
			complete_settings(&c);
		} else {
			/* "${name:" : the types iPXE knows */
			for (unsigned k = 0; k < TYPE_COUNT; k++)
				complete(&c, type_names[k],
					 strlen(type_names[k]), CI_TYPE,
					 "setting type", NULL);
		}
		goto done;
	}
	/* the words of the command being typed */
	for (cur = off; cur > ls && !word_end(t[cur - 1]); cur--)
		;
	for (i = ls; i < cur;) {
		size_t w;

		while (i < cur && word_end(t[i]))
			i++;
		if (i >= cur)
			break;
		w = i;
		while (i < cur && !word_end(t[i]))
			i++;
		if (t[w] == '#' || (w == ls && t[w] == ':'))
			goto done;	/* a comment or a label */
		if ((i - w == 2 && (!memcmp(t + w, "||", 2) ||
				    !memcmp(t + w, "&&", 2))) ||
		    (i - w == 1 && t[w] == ';')) {
			nw = 0;
			continue;
		}
		if (nw < sizeof(words) / sizeof(*words))
			words[nw++] = w;
	}
	c.a = cur;
	c.prefix = t + cur;
	c.plen = off - cur;
	if ((cur == ls && c.plen && t[cur] == ':') ||
	    (c.plen && t[cur] == '#'))
		goto done;
	if (!nw) {
		for (unsigned k = 0; k < CMD_COUNT; k++) {
			struct buf u;

			buf_init(&u);
			cmd_usage_line(&u, &cmd_table[k], cmd_table[k].name);
			complete(&c, cmd_table[k].name,
				 strlen(cmd_table[k].name), CI_FUNCTION, u.data,
				 cmd_table[k].summary);
			buf_fini(&u);
		}
		goto done;
	}
	{
		size_t wl = strcspn(t + words[0], " \t\r\n");

		def = cmd_lookup(t + words[0], wl);
	}
	if (!def)
		goto done;
	if (c.plen && t[cur] == '-') {
		for (unsigned k = 0; k < def->nopts; k++) {
			const struct opt_def *o = &def->opts[k];
			char label[64], detail[96];

			snprintf(label, sizeof(label), "--%s", o->longname);
			snprintf(detail, sizeof(detail), "-%c: %s",
				 o->shortname, value_kinds[o->parser]);
			complete(&c, label, strlen(label), CI_PROPERTY, detail,
				 NULL);
		}
		goto done;
	}
	{
		/* which positional argument this is, getopt-style */
		unsigned pos = 0;
		bool opts_done = false;
		const struct opt_def *prev = NULL;

		for (i = 1; i < nw; i++) {
			const char *w = t + words[i];
			size_t wl = strcspn(w, " \t\r\n");

			if (prev) {
				prev = NULL;
				continue;
			}
			if (!opts_done && w[0] == '-' && wl > 1) {
				const struct opt_def *o = NULL;

				if (wl == 2 && w[1] == '-') {
					opts_done = true;
					continue;
				}
				if (w[1] == '-' && !memchr(w, '=', wl))
					o = cmd_opt_long(def, w + 2, wl - 2);
				else if (w[1] != '-' && wl == 2)
					o = cmd_opt_short(def, w[1]);
				if (o && o->parser != VAL_FLAG)
					prev = o;
				continue;
			}
			opts_done = true;
			pos++;
		}
		if (prev && prev->parser == VAL_SETTING)
			complete_settings(&c);
		else if (prev)
			;
		else if (pos == 0 && (def->impl == CMD_goto ||
				      def->impl == CMD_item))
			complete_labels(&c);
		else if (pos == 0 && writes_setting(def))
			complete_settings(&c);
	}
done:
	return json_pack("{s:b,s:o}", "isIncomplete", 0, "items", c.items);
}

/* ---------------------------------------------------------------- actions */

/* A TextEdit replacing source [a, b) by text ('\n' as the file's line
 * ending, as --fix writes it). */
static json_t *
text_edit(const struct lsp_doc *d, const struct lsp_pos_enc *e, size_t a,
	  size_t b, const char *text, size_t len)
{
	bool crlf = d->s->nlines && (d->s->lines[0].flags & LINE_CRLF);
	struct buf nt;
	json_t *o;

	buf_init(&nt);
	for (size_t i = 0; i < len; i++) {
		if (crlf && text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
			buf_addc(&nt, '\r');
		buf_addc(&nt, text[i]);
	}
	o = json_pack("{s:o,s:o}", "range", lsp_range(d, e, a, b), "newText",
		      report_jstr(nt.data ? nt.data : "", nt.len));
	buf_fini(&nt);
	return o;
}

json_t *
lsp_code_actions(const struct lsp_doc *d, const struct lsp_pos_enc *e,
		 size_t off, size_t end)
{
	const struct script *s = d->s;
	json_t *v = json_array();
	size_t nfix = 0;
	struct fix_plan p;

	/* whole lines: a cursor anywhere on a finding's line offers it */
	while (off > 0 && d->text[off - 1] != '\n')
		off--;
	while (end < d->len && d->text[end] != '\n')
		end++;

	for (size_t i = 0; i < s->ndiags; i++) {
		const struct diag *g = &s->diags[i];
		const struct fix *f = g->fix;
		struct buf title;
		char code[8];
		json_t *edits;

		if (!f)
			continue;
		nfix++;
		if (g->end.off < off || g->pos.off > end)
			continue;
		buf_init(&title);
		buf_printf(&title, "Fix %s: ", report_code(code, g->code));
		report_fix_describe(&title, s, f);
		edits = json_pack("[o]", text_edit(d, e, f->off, f->end,
						   f->text, strlen(f->text)));
		json_array_append_new(v, json_pack(
			"{s:o,s:s,s:[o],s:b,s:{s:{s:o}}}",
			"title", report_jstr(title.data, title.len),
			"kind", "quickfix",
			"diagnostics", lsp_diagnostic(d, e, i),
			"isPreferred", 1,
			"edit", "changes", d->uri, edits));
		buf_fini(&title);
	}
	if (nfix > 1 && fix_plan_build(&p, s)) {
		json_t *edits = json_array();
		char title[64];

		for (size_t i = 0; i < p.nchanges; i++) {
			const struct fix_change *ch = &p.changes[i];
			size_t a = p.line_start[ch->first];
			size_t b = ch->last < p.nlines ? p.line_start[ch->last]
				   : s->srclen;

			json_array_append_new(edits, json_pack(
				"{s:o,s:o}", "range", lsp_range(d, e, a, b),
				"newText", report_jstr(p.text + ch->off,
						       ch->len)));
		}
		snprintf(title, sizeof(title), "Fix all %zu mechanical "
			 "findings (ipxelint --fix)", p.nfixes);
		json_array_append_new(v, json_pack(
			"{s:s,s:s,s:{s:{s:o}}}", "title", title,
			"kind", "source.fixAll", "edit", "changes", d->uri,
			edits));
	}
	if (nfix > 1)
		fix_plan_fini(&p);
	return v;
}
