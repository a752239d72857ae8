/*
 * check_settings.c - settings as iPXE stores and reads them (spec 6,
 * 10.2, 14.5): `set x=y`, `inc` on a string, shadowing built-ins, and
 * types in "${name:type}" that do not exist.
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

static bool
same(const struct script *s, const struct tok *a, const struct tok *b)
{
	return a->len == b->len && !memcmp(tok_str(s, a), tok_str(s, b),
					   a->len);
}

/* Whether setting name (as written, no block) has a ":type". */
static bool
has_type(const struct script *s, const struct tok *t)
{
	return memchr(tok_str(s, t), ':', t->len) != NULL;
}

void
check_set(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

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
			for (uint32_t k = 0; k < s->ncmds; k++) {
				const struct cmd_def *kd = g->cmds[k].def;
				const struct tok *kn;
				unsigned kcount;

				if (!kd || (kd->impl != CMD_set &&
					    kd->impl != CMD_read &&
					    kd->impl != CMD_choose))
					continue;
				kn = cfg_arg(g, &s->cmds[k], 0, &kcount);
				if (!kn)
					continue;
				if (kd->impl == CMD_set && kcount >= 2 &&
				    same(s, kn, name))
					string_set = true;
				else if (kn->len > name->len &&
					 !memcmp(tok_str(s, kn),
						 tok_str(s, name), name->len) &&
					 tok_str(s, kn)[name->len] == ':')
					typed = true;
				else if (kd->impl != CMD_set &&
					 same(s, kn, name))
					typed = true;	/* unknown type */
			}
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
