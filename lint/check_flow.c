/*
 * check_flow.c - labels and goto (spec 2.3, 10.1 goto, 14.2): missing
 * labels, unreachable labels and code, duplicates, and labels written the
 * way other languages write them.
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

/* The label closest to name (case-insensitive first, then edit
 * distance <= 2), for "did you mean"; AST_NONE if none is close. */
static uint32_t
closest_label(const struct script *s, const char *name, size_t len)
{
	uint32_t best = AST_NONE;
	size_t best_d = 3;

	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct tok *t = line_label(s, &s->lines[li]);
		const char *p;
		size_t d;

		if (!t)
			continue;
		p = tok_str(s, t);
		if (t->len == len && !strncasecmp(p, name, len))
			return li;
		/* a small Levenshtein distance, rows of up to 64 */
		if (t->len > 63 || len > 63)
			continue;
		{
			size_t row[64], prev;

			for (size_t j = 0; j <= t->len; j++)
				row[j] = j;
			for (size_t i = 1; i <= len; i++) {
				prev = row[0];
				row[0] = i;
				for (size_t j = 1; j <= t->len; j++) {
					size_t cur = row[j];
					size_t sub = prev +
						(name[i - 1] != p[j - 1]);

					row[j] = row[j] + 1 < row[j - 1] + 1
						? row[j] + 1 : row[j - 1] + 1;
					if (sub < row[j])
						row[j] = sub;
					prev = cur;
				}
			}
			d = row[t->len];
		}
		if (d < best_d) {
			best_d = d;
			best = li;
		}
	}
	return best;
}

/* The gotos to a literal label that is missing, sorted by name and
 * then command, so that each finds the others of its name in O(log n)
 * (a scan of the script for each one was quadratic). */
struct missing {
	const char *name;
	uint32_t len, ci;
};

static int
missing_cmp(const void *a, const void *b)
{
	const struct missing *x = a, *y = b;
	int c = util_name_cmp(x->name, x->len, y->name, y->len);

	return c ? c : (x->ci > y->ci) - (x->ci < y->ci);
}

/* Where the gotos named (name, len) start in m[]: the first of them. */
static size_t
missing_first(const struct missing *m, size_t n, const char *name,
	      uint32_t len)
{
	struct missing key = { name, len, 0 };

	return util_lower_bound(m, n, sizeof(*m), &key, missing_cmp);
}

/* -x: when the missing label is one of another script of the family
 * (the caller's, typically), says so as IPX9001 instead of IPX1001. */
static bool
other_file(struct lint_ctx *ctx, const struct tok *arg, unsigned uses)
{
	const struct script *s = ctx->s;

	for (size_t i = 0; i < ctx->opts->nother_labels; i++) {
		const struct lint_label *l = &ctx->opts->other_labels[i];

		if (l->len != arg->len || memcmp(l->name, tok_str(s, arg),
						 arg->len))
			continue;
		lint_report(ctx, CHECK_GOTO_OTHER_FILE, arg->off, tok_end(arg),
			    "':%.*s' is a label of %s, not of this script: "
			    "labels do not cross scripts, so %s fails%s; "
			    "add the label here, or 'exit' back to the "
			    "caller", (int)arg->len, tok_str(s, arg), l->file,
			    uses > 1 ? "each of these gotos" : "this goto",
			    " and the script ends");
		return true;
	}
	return false;
}

void
check_goto(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	struct missing *miss = NULL, *sorted;
	size_t nmiss = 0, capmiss = 0;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct tok *arg;

		if (!g->cmds[ci].def || g->cmds[ci].def->impl != CMD_goto)
			continue;
		arg = cfg_arg(g, &s->cmds[ci], 0, NULL);
		if (!arg || tok_nrefs(s, arg) ||
		    cfg_find_label(g, tok_str(s, arg), arg->len) != AST_NONE)
			continue;
		miss = xgrow(miss, &capmiss, nmiss + 1, sizeof(*miss));
		miss[nmiss++] = (struct missing){ tok_str(s, arg), arg->len,
						  ci };
	}
	sorted = xmalloc((nmiss ? nmiss : 1) * sizeof(*sorted));
	if (nmiss) {
		memcpy(sorted, miss, nmiss * sizeof(*miss));
		qsort(sorted, nmiss, sizeof(*sorted), missing_cmp);
	}
	for (size_t mi = 0; mi < nmiss; mi++) {
		const struct tok *arg;
		struct diag *d;
		uint32_t near, ci = miss[mi].ci;
		unsigned uses = 0;
		size_t at;

		/* one finding per missing label, at its first goto, in
		 * source order */
		at = missing_first(sorted, nmiss, miss[mi].name, miss[mi].len);
		if (sorted[at].ci != ci)
			continue;
		while (at + uses < nmiss && sorted[at + uses].len ==
		       miss[mi].len && !memcmp(sorted[at + uses].name,
					       miss[mi].name, miss[mi].len))
			uses++;
		arg = cfg_arg(g, &s->cmds[ci], 0, NULL);
		if (other_file(ctx, arg, uses))
			continue;
		near = closest_label(s, tok_str(s, arg), arg->len);
		if (uses > 1)
			d = lint_report(ctx, CHECK_GOTO_MISSING_LABEL, arg->off,
					tok_end(arg),
					"no label ':%.*s' in this script, and "
					"%u gotos name it: each fails silently "
					"and the script ends; add the label or "
					"fix the name", (int)arg->len,
					tok_str(s, arg), uses);
		else
			d = lint_report(ctx, CHECK_GOTO_MISSING_LABEL, arg->off,
					tok_end(arg),
					"no label ':%.*s' in this script: goto "
					"fails silently and the script ends; add "
					"the label or fix the name",
					(int)arg->len, tok_str(s, arg));
		if (near != AST_NONE) {
			const struct tok *t = line_label(s, &s->lines[near]);
			struct src_pos p = script_pos(s, t->off);

			d->related.line = p.line;
			d->related.col = p.col;
			d->related.off = p.off;
			d->related_msg = arena_printf(&ctx->s->arena,
				"did you mean ':%.*s'? (labels are exact and "
				"case-sensitive)", (int)t->len, tok_str(s, t));
		}
	}
	free(miss);
	free(sorted);
	/* goto ${x} whose x can be a `set` literal with no label */
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct tok *name, *val;
		uint32_t gi;
		unsigned n;

		if (!g->cmds[ci].def || g->cmds[ci].def->impl != CMD_set)
			continue;
		name = cfg_arg(g, c, 0, &n);
		val = cfg_arg(g, c, 1, NULL);
		if (!name || n != 2 || tok_nrefs(s, val) ||
		    cfg_find_label(g, tok_str(s, val), val->len) != AST_NONE)
			continue;
		/* a `goto ${name}` below must be able to fail on it: with
		 * `goto ${x} ||` a missing label is the fallback */
		gi = cfg_dispatch_goto(g, ci, tok_str(s, name), name->len);
		if (gi != AST_NONE && cfg_fails_unhandled(g, gi))
			lint_report(ctx, CHECK_GOTO_ITEM_NO_LABEL, val->off,
				    tok_end(val),
				    "'%.*s' is set here for the goto ${%.*s} "
				    "below, but there is no label ':%.*s'",
				    (int)val->len, tok_str(s, val),
				    (int)name->len, tok_str(s, name),
				    (int)val->len, tok_str(s, val));
	}
}

void
check_reach(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	bool in_block = false;

	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];
		const struct tok *lab = line_label(s, l);
		uint32_t n = line_ncmd(s, l);

		if (g->lines[li].reachable) {
			in_block = false;
			/* commands of a running line that never run */
			for (uint32_t k = 1; k < n; k++) {
				const struct cmd *c = line_cmd(s, l, k);

				if (g->cmds[l->cmd + k].reachable || !c->ntok)
					continue;
				if (!g->cmds[l->cmd + k - 1].reachable)
					continue;	/* reported at the first */
				{
					const struct cfg_cmd *p =
						&g->cmds[l->cmd + k - 1];

					if (p->effect == EFF_NORMAL)
						continue; /* not our case */
				}
				lint_report(ctx, CHECK_AFTER_GOTO_SAME_LINE,
					    s->toks[c->tok].off,
					    tok_end(&s->toks[c->tok + c->ntok -
							    1]),
					    "this never runs: the goto or exit "
					    "before it always leaves the line; "
					    "put it before, or on its own line");
			}
			continue;
		}
		if (lab) {
			lint_report(ctx, CHECK_UNREACHABLE_LABEL, lab->off - 1,
				    tok_end(lab),
				    "label ':%.*s' is never reached: no goto "
				    "that runs names it, and the line before "
				    "it never falls through; remove it or add "
				    "a goto",
				    (int)lab->len, tok_str(s, lab));
			in_block = true;
			continue;
		}
		if (n && !in_block) {
			const struct cmd *c = line_cmd(s, l, 0);
			const struct tok *first = c->ntok ? &s->toks[c->tok]
							  : NULL;

			if (first)
				lint_report(ctx, CHECK_UNREACHABLE_CODE,
					    first->off, tok_end(first),
					    "unreachable: every line before "
					    "this one leaves by goto, exit, "
					    "poweroff or failure, and no label "
					    "introduces it");
			in_block = true;
		}
	}
}

void
check_labels(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];
		const struct tok *lab = line_label(s, l);

		if (lab) {
			uint32_t first = cfg_find_label(g, tok_str(s, lab),
						   lab->len);

			if (first != li && first != AST_NONE) {
				const struct tok *f =
					line_label(s, &s->lines[first]);
				struct src_pos p = script_pos(s, f->off);
				struct diag *d = lint_report(ctx,
					CHECK_DUPLICATE_LABEL, lab->off - 1,
					tok_end(lab),
					"label ':%.*s' is defined again: goto "
					"always finds the first one; rename "
					"or remove this one", (int)lab->len,
					tok_str(s, lab));

				d->related.line = p.line;
				d->related.col = p.col;
				d->related.off = p.off;
				d->related_msg = "first defined here";
			}
			/* ": name": empty label, then "name" runs */
			if (lab->len == 0 && line_ncmd(s, l)) {
				const struct cmd *c = line_cmd(s, l, 0);

				if (c->ntok && !g->cmds[l->cmd].def) {
					const struct tok *w = &s->toks[c->tok];

					lint_report(ctx,
						CHECK_LABEL_SPACE_AFTER_COLON,
						lab->off - 1, tok_end(w),
						"': %.*s' defines the empty "
						"label and runs '%.*s' as a "
						"command; write ':%.*s'",
						(int)w->len, tok_str(s, w),
						(int)w->len, tok_str(s, w),
						(int)w->len, tok_str(s, w));
				}
			}
			continue;
		}
		/* "name:" alone on a line: another language's label */
		if (line_ncmd(s, l) == 1) {
			const struct cmd *c = line_cmd(s, l, 0);
			const struct tok *w = c->ntok ? &s->toks[c->tok] : NULL;

			if (w && c->ntok == 1 && w->len > 1 &&
			    tok_str(s, w)[w->len - 1] == ':' &&
			    !g->cmds[l->cmd].def && !tok_nrefs(s, w))
				lint_report(ctx, CHECK_LABEL_COLON_AFTER,
					    w->off, tok_end(w),
					    "'%.*s' is not a label in iPXE "
					    "(it runs as a command); write "
					    "':%.*s'", (int)w->len,
					    tok_str(s, w), (int)w->len - 1,
					    tok_str(s, w));
		}
	}
}
