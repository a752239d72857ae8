/*
 * check_settings.c - settings as iPXE stores and reads them (spec 6,
 * 10.2, 14.5): `set x=y`, `inc` on a string, shadowing built-ins, and
 * types in "${name:type}" that do not exist.
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

/* Whether setting name (as written, no block) has a ":type". */
static bool
has_type(const struct script *s, const struct tok *t)
{
	return memchr(tok_str(s, t), ':', t->len) != NULL;
}

/* The names set, read and choose store, sorted and each once, for
 * inc's question of how a name is created (a scan of the script for
 * each inc was quadratic). */
struct stored {
	const char *name;
	uint32_t len;
	unsigned kinds;		/* ST_* of its stores */
};

#define ST_STRING	1u	/* `set NAME VALUE` (`set NAME` deletes) */
#define ST_UNKNOWN	2u	/* read or choose: a type we do not know */

static int
stored_cmp(const void *a, const void *b)
{
	const struct stored *x = a, *y = b;

	return util_name_cmp(x->name, x->len, y->name, y->len);
}

static struct stored *
collect_stored(const struct script *s, struct cfg *g, size_t *n)
{
	struct stored *v = NULL;
	size_t cap = 0;

	*n = 0;
	for (uint32_t k = 0; k < s->ncmds; k++) {
		const struct cmd_def *kd = g->cmds[k].def;
		const struct tok *kn = g->cmds[k].stores;
		unsigned kcount = g->cmds[k].nargs;

		if (!kn || kd->impl == CMD_clear)
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = (struct stored){ tok_str(s, kn), kn->len,
			kd->impl != CMD_set ? ST_UNKNOWN
			: kcount >= 2 ? ST_STRING : 0 };
	}
	if (*n) {
		size_t u = 0;

		qsort(v, *n, sizeof(*v), stored_cmp);
		for (size_t i = 1; i < *n; i++) {
			if (!stored_cmp(&v[u], &v[i]))
				v[u].kinds |= v[i].kinds;
			else
				v[++u] = v[i];
		}
		*n = u + 1;
	}
	return v;
}

/* The first entry not below (name, len). */
static size_t
stored_lower(const struct stored *v, size_t n, const char *name, size_t len)
{
	struct stored key = { name, (uint32_t)len, 0 };

	return util_lower_bound(v, n, sizeof(*v), &key, stored_cmp);
}

/* How name is created: *string_set when some `set name VALUE` stores a
 * string, *typed when some store gives it a type (`set name:int32`,
 * read, choose). */
static void
how_stored(const struct stored *v, size_t n, const char *name, uint32_t len,
	   bool *string_set, bool *typed)
{
	char *typed_key = xmalloc((size_t)len + 2);
	size_t i;

	*string_set = *typed = false;
	i = stored_lower(v, n, name, len);
	if (i < n && v[i].len == len && !memcmp(v[i].name, name, len)) {
		*string_set = v[i].kinds & ST_STRING;
		*typed = v[i].kinds & ST_UNKNOWN;
	}
	/* "name:..." sorts from "name:" on */
	memcpy(typed_key, name, len);
	typed_key[len] = ':';
	i = stored_lower(v, n, typed_key, (size_t)len + 1);
	if (i < n && v[i].len > len && !memcmp(v[i].name, typed_key, len + 1))
		*typed = true;
	free(typed_key);
}

void
check_set(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	struct stored *stored = NULL;	/* when an inc first asks */
	size_t nstored = 0;
	bool collected = false;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *name, *val;
		unsigned n;

		if (!def)
			continue;
		name = cfg_arg(g, c, 0, &n);
		if (!name || tok_nrefs(s, name))
			continue;
		if (def->impl == CMD_set) {
			const char *p = tok_str(s, name);
			const char *eq = memchr(p, '=', name->len);
			const struct set_def *sd;

			val = cfg_arg(g, c, 1, NULL);
			if (n == 1 && eq && eq > p) {
				struct diag *d = lint_report(ctx,
					CHECK_SET_EQUALS, name->off,
					tok_end(name),
					"'set %.*s' deletes a setting named "
					"'%.*s': iPXE has no '=' syntax; write "
					"'set %.*s %.*s'", (int)name->len, p,
					(int)name->len, p, (int)(eq - p), p,
					(int)(name->len - (eq - p) - 1), eq + 1);
				struct fix *fx = arena_alloc(&ctx->s->arena,
							     sizeof(*fx));

				fx->off = script_pos(s, name->off +
						     (uint32_t)(eq - p)).off;
				fx->end = fx->off + 1;
				fx->text = " ";
				d->fix = fx;
			} else if (n >= 2 && val->len == 1 &&
				   tok_str(s, val)[0] == '=') {
				struct diag *d = lint_report(ctx,
					CHECK_SET_EQUALS, val->off,
					tok_end(val),
					"this '=' becomes part of the value "
					"('= ...'): iPXE has no '=' syntax; "
					"write 'set NAME VALUE'");

				if (n >= 3) {
					struct fix *fx = arena_alloc(
						&ctx->s->arena, sizeof(*fx));
					const struct tok *v2 =
						cfg_arg(g, c, 2, NULL);

					fx->off = script_pos(s, val->off).off;
					fx->end = script_pos(s, v2->off).off;
					fx->text = "";
					d->fix = fx;
				}
			}
			/* shadowing a built-in in the root block */
			sd = set_lookup(tok_str(s, name), name->len);
			if (!sd && has_type(s, name))
				sd = set_lookup(tok_str(s, name),
						(size_t)((const char *)memchr(
						tok_str(s, name), ':', name->len)
						- tok_str(s, name)));
			if (sd && sd->scope == SCOPE_BUILTIN &&
			    sd->id != SET_unixtime &&
			    !memchr(tok_str(s, name), '/', name->len))
				lint_report(ctx, CHECK_SHADOW_BUILTIN, name->off,
					    tok_end(name),
					    "'set %s' stores a value in the root "
					    "block that hides the built-in "
					    "${%s} for the rest of the session; "
					    "use a name of your own",
					    sd->name, sd->name);
		}
		if (def->impl == CMD_inc) {
			/* inc on a value only ever set as a string fails */
			bool string_set = false, typed = false;
			const struct set_def *sd =
				set_lookup(tok_str(s, name), name->len);

			if (sd || has_type(s, name))
				continue;
			if (!collected) {
				stored = collect_stored(s, g, &nstored);
				collected = true;
			}
			how_stored(stored, nstored, tok_str(s, name), name->len,
				   &string_set, &typed);
			if (string_set && !typed)
				lint_report(ctx, CHECK_INC_STRING, name->off,
					    tok_end(name),
					    "'%.*s' is only ever set as a string "
					    "('set %.*s VALUE'), and inc on a "
					    "string fails with 'Operation not "
					    "supported'; create it with 'set "
					    "%.*s:int32 0'", (int)name->len,
					    tok_str(s, name), (int)name->len,
					    tok_str(s, name), (int)name->len,
					    tok_str(s, name));
		}
	}
	free(stored);
}

void
check_references(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;

	for (uint32_t ti = 0; ti < s->ntoks; ti++) {
		const struct tok *t = &s->toks[ti];
		const char *p = tok_str(s, t);

		if (tok_kind(t) != TOK_WORD)
			continue;
		for (uint32_t i = 0; i < tok_nrefs(s, t); i++) {
			const struct ref *r = tok_ref(s, t, i);
			const char *in = p + r->open + 2, *e = p + r->close;
			const char *colon = memchr(in, ':', (size_t)(e - in));

			/* only references with no nested one inside: the
			 * type of a nested one is known only at run time */
			if (!colon || memchr(in, '$', (size_t)(e - in)))
				continue;
			if (type_lookup(colon + 1, (size_t)(e - colon - 1)) >= 0)
				continue;
			if (e == colon + 1)
				lint_report(ctx, CHECK_UNKNOWN_TYPE,
					    t->off + r->open,
					    t->off + r->close + 1,
					    "an empty type after ':' makes the "
					    "reference invalid, so it always "
					    "expands to nothing; remove the ':'");
			else
				lint_report(ctx, CHECK_UNKNOWN_TYPE,
					    t->off + (uint32_t)(colon + 1 - p),
					    t->off + r->close,
					    "'%.*s' is not a setting type, so "
					    "this always expands to nothing; "
					    "types are string, ipv4, int32, "
					    "uint32, hex, hexhyp, hexraw, "
					    "base64, uuid, ...",
					    (int)(e - colon - 1), colon + 1);
		}
	}
}
