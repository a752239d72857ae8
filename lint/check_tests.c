/*
 * check_tests.c - tests whose answer is fixed when the script is written
 * (spec 10.2 isset, iseq): `isset NAME` tests the word NAME, which is
 * never empty, and `iseq a b` of two literal words compares text that
 * never changes.  Both are a missing "${...}".
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

/* Whether word t could be a setting name written without ${}: letters,
 * digits, '-', '_', '.', '/', ':' (a type), no '$'. */
static bool
name_like(const struct script *s, const struct tok *t)
{
	const char *p = tok_str(s, t);

	if (!t->len || tok_nrefs(s, t))
		return false;
	for (uint32_t i = 0; i < t->len; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		      (p[i] >= 'A' && p[i] <= 'Z') ||
		      (p[i] >= '0' && p[i] <= '9') || strchr("-_./:", p[i])))
			return false;
	return true;
}

void
check_fixed_tests(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *a, *b;
		unsigned n;

		if (!def || !g->cmds[ci].reachable)
			continue;
		a = cfg_arg(g, c, 0, &n);
		if (def->impl == CMD_isset && n == 1 && name_like(s, a)) {
			struct diag *d = lint_report(ctx, CHECK_ISSET_LITERAL,
				a->off, tok_end(a), "'isset %.*s' tests the "
				"word '%.*s', which is never empty, so it "
				"always succeeds; write 'isset ${%.*s}'",
				(int)a->len, tok_str(s, a), (int)a->len,
				tok_str(s, a), (int)a->len, tok_str(s, a));
			struct fix *fx = arena_alloc(&ctx->s->arena,
						     sizeof(*fx));
			char *text = arena_alloc(&ctx->s->arena, a->len + 4);

			memcpy(text, "${", 2);
			memcpy(text + 2, tok_str(s, a), a->len);
			memcpy(text + 2 + a->len, "}", 2);
			fx->off = script_pos(s, a->off).off;
			fx->end = script_pos(s, tok_end(a)).off;
			fx->text = text;
			if (fx->end - fx->off == a->len)
				d->fix = fx;
		}
		if (def->impl == CMD_iseq && n == 2) {
			bool same;

			b = cfg_arg(g, c, 1, NULL);
			if (tok_nrefs(s, a) || tok_nrefs(s, b))
				continue;
			same = a->len == b->len &&
			       !memcmp(tok_str(s, a), tok_str(s, b), a->len);
			lint_report(ctx, CHECK_ISEQ_LITERAL, a->off,
				    tok_end(b), "'iseq' compares two fixed "
				    "words, so it is always %s; did you mean "
				    "'iseq ${%.*s} %.*s'?",
				    same ? "true" : "false", (int)a->len,
				    tok_str(s, a), (int)b->len, tok_str(s, b));
		}
	}
}
