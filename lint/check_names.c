/*
 * check_names.c - the names in "${...}" against what the script stores
 * and what iPXE predefines (spec 6.1-6.3, 6.8): a name nothing sets that
 * is one edit from a name the script does set, a misspelled built-in
 * (`${manufacture}`), a predefined setting looked up in a block that
 * never holds it (`${net0/uuid}`), and stores into read-only blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "parser/util.h"

/* A name as written: block (may be empty) and setting, type stripped. */
struct setname {
	const char *block;
	size_t block_len;
	const char *name;
	size_t len;
};

static void
split_name(const char *p, size_t n, struct setname *out)
{
	const char *slash = memchr(p, '/', n);
	const char *colon;

	out->block = p;
	out->block_len = 0;
	if (slash) {
		out->block_len = (size_t)(slash - p);
		n -= out->block_len + 1;
		p = slash + 1;
	}
	colon = memchr(p, ':', n);
	out->name = p;
	out->len = colon ? (size_t)(colon - p) : n;
}

/* The names the script stores into (set, clear, read, inc, choose,
 * imgset, nslookup, pciscan, usbscan, a digest's --set, a form's
 * fields), without block or type.  *dynamic: some stored name comes from
 * "${...}", so the script may store anything. */
struct stored {
	struct setname *v;	/* sorted by name then block, no repeats */
	size_t n, cap;
	bool dynamic;
	struct setname *tested;	/* names isset/iseq test, sorted */
	size_t ntested, captested;
};

/* Orders by name, then block: the lookups below are binary searches,
 * so that a script with many names is not checked in quadratic time. */
static int
cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
	int c = memcmp(a, b, la < lb ? la : lb);

	return c ? c : (la > lb) - (la < lb);
}

static int
cmp_setname(const void *pa, const void *pb)
{
	const struct setname *a = pa, *b = pb;
	int c = cmp_bytes(a->name, a->len, b->name, b->len);

	return c ? c : cmp_bytes(a->block, a->block_len, b->block,
				 b->block_len);
}

/* Sorts v[0..*n) and drops repeats. */
static void
sort_unique(struct setname *v, size_t *n)
{
	size_t kept = 0;

	if (!*n)
		return;
	qsort(v, *n, sizeof(*v), cmp_setname);
	for (size_t i = 1; i < *n; i++)
		if (cmp_setname(&v[kept], &v[i]))
			v[++kept] = v[i];
	*n = kept + 1;
}

/* The first entry of v (sorted) whose name is name, or n. */
static size_t
first_named(const struct setname *v, size_t n, const char *name,
	    size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_bytes(v[mid].name, v[mid].len, name, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !cmp_bytes(v[lo].name, v[lo].len, name, len)
	       ? lo : n;
}

static void
add_stored(struct stored *st, const struct script *s, const struct tok *t)
{
	if (tok_nrefs(s, t)) {
		st->dynamic = true;
		return;
	}
	st->v = xgrow(st->v, &st->cap, st->n + 1, sizeof(*st->v));
	split_name(tok_str(s, t), t->len, &st->v[st->n++]);
}

struct opt_collect {
	struct stored *st;
	const struct script *s;
};

static void
collect_setting_opt(void *arg, const struct opt_def *opt,
		    const struct tok *opt_tok, const struct tok *value,
		    const char *iv, uint32_t ilen)
{
	struct opt_collect *oc = arg;

	(void)opt_tok;
	if (!opt || opt->parser != VAL_SETTING)
		return;
	if (value) {
		add_stored(oc->st, oc->s, value);
	} else if (iv) {
		struct stored *st = oc->st;

		if (memchr(iv, '$', ilen)) {
			st->dynamic = true;
			return;
		}
		st->v = xgrow(st->v, &st->cap, st->n + 1, sizeof(*st->v));
		split_name(iv, ilen, &st->v[st->n++]);
	}
}

static void
collect_stored(const struct script *s, const struct cfg *g,
	       struct stored *st)
{
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *t;
		struct opt_collect oc = { st, s };

		if (g->cmds[ci].dynamic) {
			st->dynamic = true;	/* "${cmd} ..." may be set */
			continue;
		}
		if (!def)
			continue;
		cfg_walk_options(s, c, def, collect_setting_opt, &oc);
		switch (def->impl) {
		case CMD_set:
		case CMD_clear:
		case CMD_read:
		case CMD_inc:
		case CMD_choose:
		case CMD_imgset:
		case CMD_nslookup:
		case CMD_pciscan:
		case CMD_usbscan:
			t = cfg_arg(g, c, 0, NULL);
			break;
		case CMD_item:
			/* a form's field stores into the setting it names */
			t = cfg_opt(g, c, 'f', NULL, NULL, NULL)
				? cfg_arg(g, c, 0, NULL) : NULL;
			break;
		default:
			t = NULL;
			break;
		}
		if (t)
			add_stored(st, s, t);
	}
	sort_unique(st->v, &st->n);
}

static bool
is_stored(const struct stored *st, const char *name, size_t len)
{
	return first_named(st->v, st->n, name, len) < st->n;
}

/* The names tested with `isset ${name}` (or `iseq ${name} ...`)
 * somewhere: the script expects they may come from outside. */
static void
collect_tested(const struct script *s, const struct cfg *g,
	       struct stored *st)
{
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd_def *def = g->cmds[ci].def;
		const struct cmd *c = &s->cmds[ci];

		if (!def || (def->impl != CMD_isset && def->impl != CMD_iseq))
			continue;
		for (uint32_t i = 1; i < c->ntok; i++) {
			const struct tok *t = &s->toks[c->tok + i];

			for (uint32_t r = 0; r < tok_nrefs(s, t); r++) {
				const struct ref *ref = tok_ref(s, t, r);
				const char *in = tok_str(s, t) + ref->open + 2;
				struct setname sn;

				split_name(in, ref->close - ref->open - 2, &sn);
				st->tested = xgrow(st->tested, &st->captested,
						   st->ntested + 1,
						   sizeof(*st->tested));
				st->tested[st->ntested++] = sn;
			}
		}
	}
	sort_unique(st->tested, &st->ntested);
}

static bool
tested(const struct stored *st, const char *name, size_t len)
{
	return first_named(st->tested, st->ntested, name, len) <
	       st->ntested;
}

/* Edit distance of two short names, or 99 when too long. */
static unsigned
distance(const char *a, size_t la, const char *b, size_t lb)
{
	unsigned row[64], prev, cur;

	if (la > 63 || lb > 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned sub = prev + (a[i - 1] != b[j - 1]);

			cur = row[j];
			row[j] = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1
							     : row[j - 1] + 1;
			if (sub < row[j])
				row[j] = sub;
			prev = cur;
		}
	}
	return row[lb];
}

/* The stored name one edit (or a '-'/'_' swap) from name, if exactly
 * one such name exists; NULL otherwise. */
static const struct setname *
near_stored(const struct stored *st, const char *name, size_t len)
{
	const struct setname *found = NULL;

	if (len < 4)
		return NULL;	/* short names are too close to each other */
	for (size_t i = 0; i < st->n; i++) {
		const struct setname *c = &st->v[i];

		if (i && !cmp_bytes(c->name, c->len, st->v[i - 1].name,
				    st->v[i - 1].len))
			continue;	/* the same name in another block */
		if (c->len < 4 || distance(name, len, c->name, c->len) != 1)
			continue;
		if (found && (found->len != c->len ||
			      memcmp(found->name, c->name, c->len)))
			return NULL;	/* ambiguous */
		found = c;
	}
	return found;
}

/* The block kinds of spec 6.1 that only accept some scopes. */
enum block_kind { BLK_OTHER, BLK_NET, BLK_DHCP, BLK_SMBIOS, BLK_BUILTIN };

static enum block_kind
block_kind(const char *p, size_t n)
{
	size_t i = 3;

	if (n == 6 && !memcmp(p, "smbios", 6))
		return BLK_SMBIOS;
	if (n == 7 && !memcmp(p, "builtin", 7))
		return BLK_BUILTIN;
	if (n < 4 || memcmp(p, "net", 3))
		return BLK_OTHER;
	if (p[3] == 'X') {
		i = 4;
	} else {
		while (i < n && p[i] >= '0' && p[i] <= '9')
			i++;
		if (i == 3)
			return BLK_OTHER;
	}
	if (i == n)
		return BLK_NET;
	if (n - i == 5 && !memcmp(p + i, ".dhcp", 5))
		return BLK_DHCP;
	return BLK_OTHER;
}

/* Whether a block of kind k can hold predefined setting d (spec 6.3
 * "applies", plus netN's children for netN). */
static bool
holds(enum block_kind k, const struct set_def *d)
{
	switch (k) {
	case BLK_NET:
		return d->scope == SCOPE_DHCP || d->scope == SCOPE_NETDEV ||
		       d->scope == SCOPE_OTHER;
	case BLK_DHCP:
		return d->scope == SCOPE_DHCP;
	case BLK_SMBIOS:
		return d->scope == SCOPE_SMBIOS;
	case BLK_BUILTIN:
		return d->scope == SCOPE_BUILTIN;
	default:
		return true;
	}
}

static const char *
home_block(const struct set_def *d)
{
	switch (d->scope) {
	case SCOPE_SMBIOS:	return "smbios";
	case SCOPE_BUILTIN:	return "builtin";
	case SCOPE_CPUID:	return "cpuid";
	case SCOPE_MEMMAP:	return "memmap";
	case SCOPE_NETDEV:	return "net0";
	case SCOPE_DHCP:	return "net0.dhcp";
	default:		return NULL;
	}
}

/* Whether the script stores name into that very block. */
static bool
stored_in(const struct stored *st, const struct setname *sn)
{
	for (size_t i = first_named(st->v, st->n, sn->name, sn->len);
	     i < st->n && !cmp_bytes(st->v[i].name, st->v[i].len, sn->name,
				     sn->len); i++)
		if (!cmp_bytes(st->v[i].block, st->v[i].block_len, sn->block,
			       sn->block_len))
			return true;
	return false;
}

static void
check_ref(struct lint_ctx *ctx, const struct stored *st,
	  const struct tok *t, const struct ref *r)
{
	const struct script *s = ctx->s;
	const char *in = tok_str(s, t) + r->open + 2;
	size_t n = r->close - r->open - 2;
	uint32_t off = t->off + r->open, end = t->off + r->close + 1;
	const struct set_def *d, *sug[1];
	const struct setname *near;
	struct setname sn;
	uint32_t tag;

	if (!n || memchr(in, '$', n))
		return;	/* nested: the name is known at run time only */
	split_name(in, n, &sn);
	if (!sn.len || set_parse_tag(sn.name, sn.len, &tag))
		return;	/* numeric options: any DHCP server may send them */
	d = set_lookup(sn.name, sn.len);
	if (sn.block_len) {
		enum block_kind k = block_kind(sn.block, sn.block_len);

		if (d && !holds(k, d) && home_block(d) &&
		    !stored_in(st, &sn)) {
			struct diag *dg = lint_report(ctx, CHECK_WRONG_SCOPE,
				off, end, "'%.*s' is never in block '%.*s', "
				"so this is always empty: it lives in '%s'; "
				"write ${%.*s} (or ${%s/%.*s})", (int)sn.len,
				sn.name, (int)sn.block_len, sn.block,
				home_block(d), (int)sn.len, sn.name,
				home_block(d), (int)sn.len, sn.name);
			/* the fix drops "BLOCK/" (the global lookup finds
			 * the setting wherever it lives), or the ".dhcp"
			 * of "netN.dhcp/" for a device fact */
			uint32_t from = t->off + r->open + 2;
			uint32_t cut = (uint32_t)sn.block_len + 1;
			struct fix *fx = arena_alloc(&ctx->s->arena,
						     sizeof(*fx));

			if (k == BLK_DHCP && d->scope == SCOPE_NETDEV) {
				from += (uint32_t)sn.block_len - 5;
				cut = 5;
			}
			fx->off = script_pos(s, from).off;
			fx->end = script_pos(s, from + cut).off;
			fx->text = "";
			if (fx->end - fx->off == cut)
				dg->fix = fx;
		}
		return;
	}
	if (d || st->dynamic || is_stored(st, sn.name, sn.len) ||
	    tested(st, sn.name, sn.len))
		return;
	/* -x: set by a script of the family (the caller, typically) */
	for (size_t i = 0; i < ctx->opts->nother_settings; i++)
		if (ctx->opts->other_settings[i].len == sn.len &&
		    !memcmp(ctx->opts->other_settings[i].name, sn.name,
			    sn.len))
			return;
	near = near_stored(st, sn.name, sn.len);
	if (near) {
		lint_report(ctx, CHECK_UNSET_SETTING, off, end,
			    "nothing in this script sets '%.*s', and it is no "
			    "built-in: it expands to nothing; did you mean "
			    "${%.*s}?", (int)sn.len, sn.name, (int)near->len,
			    near->name);
		return;
	}
	/* a built-in one edit away (two for long names); names under five
	 * characters are too close to others to guess */
	if (sn.len >= 5 && set_suggest(sn.name, sn.len, sug, 1) &&
	    distance(sn.name, sn.len, sug[0]->name, strlen(sug[0]->name)) <=
	    (sn.len >= 8 ? 2u : 1u))
		lint_report(ctx, CHECK_MISSPELLED_BUILTIN, off, end,
			    "'%.*s' is no setting iPXE knows, and nothing in "
			    "this script sets it: it expands to nothing; did "
			    "you mean ${%s}?", (int)sn.len, sn.name,
			    sug[0]->name);
}

/* Whether a store into block p (literal, n bytes) fails: the blocks
 * iPXE's subsystems fill are read-only (spec 6.4), but for the clock. */
static bool
read_only_block(const char *p, size_t n, const char *name, size_t len)
{
	static const char *const ro[] = { "smbios", "pci", "usb", "cpuid" };

	if (n == 7 && !memcmp(p, "builtin", 7))
		return !(len == 8 && !memcmp(name, "unixtime", 8));
	for (size_t i = 0; i < sizeof(ro) / sizeof(ro[0]); i++)
		if (n == strlen(ro[i]) && !memcmp(p, ro[i], n))
			return true;
	return false;
}

/* IPX5009: set, clear, read, inc, choose... into a read-only block. */
static void
check_read_only(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *t;
		struct setname sn;

		if (!def || !g->cmds[ci].reachable)
			continue;
		switch (def->impl) {
		case CMD_set:
		case CMD_clear:
		case CMD_read:
		case CMD_inc:
		case CMD_choose:
		case CMD_imgset:
		case CMD_nslookup:
			break;
		default:
			continue;
		}
		t = cfg_arg(g, &s->cmds[ci], 0, NULL);
		if (!t || tok_nrefs(s, t))
			continue;
		split_name(tok_str(s, t), t->len, &sn);
		if (!sn.block_len || !read_only_block(sn.block, sn.block_len,
						      sn.name, sn.len))
			continue;
		lint_report(ctx, CHECK_READ_ONLY_BLOCK, t->off, t->off + t->len,
			    "block '%.*s' is read-only: '%s' fails with "
			    "'Could not store' and the script ends; store "
			    "the value under a name of your own",
			    (int)sn.block_len, sn.block, def->name);
	}
}

void
check_setting_names(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct stored st = { 0 };

	collect_stored(s, ctx->cfg, &st);
	collect_tested(s, ctx->cfg, &st);
	for (uint32_t ti = 0; ti < s->ntoks; ti++) {
		const struct tok *t = &s->toks[ti];

		if (tok_kind(t) != TOK_WORD)
			continue;
		for (uint32_t i = 0; i < tok_nrefs(s, t); i++)
			check_ref(ctx, &st, t, tok_ref(s, t, i));
	}
	free(st.v);
	free(st.tested);
	check_read_only(ctx);
}
