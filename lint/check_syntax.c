/*
 * check_syntax.c - what iPXE reads differently than the author meant
 * (spec 3.1-3.3, 4.2, 14.1, 14.4): quoting and shell operators that are
 * plain text, references split or left open, and the bytes of the file
 * itself (line endings, continuations, NUL, the signature line).
 */
#include <ctype.h>
#include <string.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "parser/util.h"

static uint32_t
tok_end(const struct tok *t)
{
	return t->off + t->len;
}

/* The first "${" in p, or NULL. */
static const char *
find_open(const char *p, uint32_t len)
{
	for (uint32_t i = 0; i + 1 < len; i++)
		if (p[i] == '$' && p[i + 1] == '{')
			return p + i;
	return NULL;
}

/* Whether word t names a command of the table. */
static bool
word_is_command(const struct script *s, const struct tok *t)
{
	return !tok_nrefs(s, t) && cmd_lookup(tok_str(s, t), t->len);
}

/* Commands whose arguments are display text (spec 10.0 "free text"). */
static bool
free_text(struct lint_ctx *ctx, uint32_t ci)
{
	const struct cmd_def *d = ctx->cfg->cmds[ci].def;

	return d && (d->impl == CMD_echo || d->impl == CMD_prompt ||
		     d->impl == CMD_menu || d->impl == CMD_item);
}

/* The index (within the command) of its first text word. */
static uint32_t
first_text(struct lint_ctx *ctx, uint32_t ci)
{
	const struct cmd *c = &ctx->s->cmds[ci];
	const struct tok *t = cfg_arg(ctx->cfg, c, 0, NULL);
	uint32_t k;

	if (!t)
		return UINT32_MAX;
	k = (uint32_t)(t - &ctx->s->toks[c->tok]);
	/* an item's first argument is its name; the text follows */
	if (ctx->cfg->cmds[ci].def->impl == CMD_item &&
	    !cfg_opt(ctx->cfg, c, 'g', NULL, NULL, NULL))
		k++;
	return k;
}

/* "$name", "$(", "%name%": another language's variables ("$((" is a
 * shell arithmetic expression meant for a human to type: skipped). */
static bool
foreign_variable(const char *p, uint32_t len, uint32_t *at)
{
	for (uint32_t i = 0; i + 1 < len; i++) {
		if (p[i] == '$' && i + 2 < len && p[i + 1] == '(' &&
		    p[i + 2] == '(')
			return false;
		if (p[i] == '$' && (p[i + 1] == '(' || p[i + 1] == '_' ||
				    isalpha((unsigned char)p[i + 1]))) {
			*at = i;
			return true;
		}
		if (p[i] == '%' && (isalpha((unsigned char)p[i + 1]) ||
				    p[i + 1] == '_')) {
			uint32_t j = i + 1;

			while (j < len && (isalnum((unsigned char)p[j]) ||
					   p[j] == '_'))
				j++;
			if (j < len && p[j] == '%' && j - i > 2) {
				*at = i;
				return true;
			}
		}
	}
	return false;
}

void
check_tokens(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		bool quoted = false;

		for (uint32_t k = 0; k < c->ntok; k++) {
			const struct tok *t = &s->toks[c->tok + k];
			const char *p = tok_str(s, t);
			uint32_t at;

			/* a lone '|' or '&' before a command name: meant as
			 * an operator ("chain x | goto fail"); in display
			 * text ("WinPE & Setup") it is just text */
			if (t->len == 1 && (p[0] == '|' || p[0] == '&') &&
			    k + 1 < c->ntok && word_is_command(s,
						&s->toks[c->tok + k + 1]))
				lint_report(ctx, CHECK_LONE_PIPE, t->off,
					    tok_end(t),
					    "'%c' is plain text, passed as an "
					    "argument; iPXE has no pipes or "
					    "background jobs (write '%c%c' for "
					    "'%s')", p[0], p[0], p[0],
					    p[0] == '|' ? "or" : "and");
			if (k == c->ntok - 1 && t->len > 1 &&
			    p[t->len - 1] == ';' && !memchr(p, '=', t->len))
				lint_report(ctx, CHECK_GLUED_SEMICOLON,
					    t->off + t->len - 1, tok_end(t),
					    "this ';' is part of the word '%.*s'; "
					    "put a space before it to separate "
					    "commands", (int)t->len, p);
			/* "winpeshl.ini||": the operator is part of the word */
			if (t->len > 2 && (!memcmp(p + t->len - 2, "||", 2) ||
					   !memcmp(p + t->len - 2, "&&", 2)) &&
			    p[t->len - 3] != p[t->len - 1])
				lint_report(ctx, CHECK_GLUED_SEMICOLON,
					    t->off + t->len - 2, tok_end(t),
					    "this '%.2s' is part of the word "
					    "'%.*s', not an operator; put a space "
					    "before it", p + t->len - 2,
					    (int)t->len, p);
			/* quotes as quoting: the value keeps them.  In free
			 * text (echo, prompt, menu, item) only a first word
			 * opening a quote means that; quoted words inside a
			 * sentence are just text. */
			if (!quoted && k > 0 && t->len &&
			    (p[0] == '"' || p[0] == '\'') &&
			    (!free_text(ctx, ci) || k == first_text(ctx, ci))) {
				quoted = true;
				lint_report(ctx, CHECK_QUOTES_LITERAL, t->off,
					    t->off + 1,
					    "quotes are ordinary characters in "
					    "iPXE and stay in the value; there "
					    "is no quoting: drop them");
			}
			if ((t->info & TOKF_UNCLOSED) && k + 1 < c->ntok) {
				const struct tok *n = &s->toks[c->tok + k + 1];

				if (memchr(tok_str(s, n), '}', n->len) &&
				    !find_open(tok_str(s, n), n->len)) {
					lint_report(ctx, CHECK_SPLIT_REFERENCE,
						    t->off, tok_end(n),
						    "'${' and '}' are in two "
						    "words, so this is never "
						    "expanded; remove the "
						    "space inside the braces");
					continue;
				}
			}
			if (t->info & TOKF_UNCLOSED) {
				const char *open = find_open(p, t->len);

				lint_report(ctx, CHECK_UNCLOSED_REFERENCE,
					    t->off + (uint32_t)(open - p),
					    tok_end(t),
					    "'${' without a closing '}' is "
					    "literal text; close it");
			} else if (foreign_variable(p, t->len, &at)) {
				lint_report(ctx, CHECK_FOREIGN_VARIABLE,
					    t->off + at, tok_end(t),
					    "'%.*s' is literal text: iPXE "
					    "expands only '${name}'",
					    (int)(t->len - at), p + at);
			}
		}
	}
}

/* Whether the stripped CR of line l is followed by a LF (a CR-only file
 * is CR_ONLY_LINES's, not CRLF). */
static bool
crlf_at(const struct script *s, const struct line *l)
{
	uint32_t li = line_index(s, l);
	uint32_t next = li + 1 < s->nlines
		? script_pos_in(s, li + 1, s->lines[li + 1].text).off
		: s->srclen;

	return next >= 2 && s->src[next - 1] == '\n' &&
	       s->src[next - 2] == '\r';
}

void
check_file(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	const char *src = s->src;
	bool crlf = false;

	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];

		if ((l->flags & LINE_CRLF) && !crlf && crlf_at(s, l)) {
			crlf = true;
			lint_report(ctx, CHECK_CRLF, l->text, l->text,
				    "the file has CRLF line endings; iPXE "
				    "accepts them (one CR before each LF is "
				    "removed)");
		}
		if (l->flags & LINE_NUL) {
			/* where the NUL is: the first one after the line */
			struct src_pos p = script_pos_in(s, li, l->text);
			const char *nul = memchr(src + p.off, '\0',
						 s->srclen - p.off);

			if (nul)
				lint_report(ctx, CHECK_NUL_BYTE,
					    (uint32_t)(nul - src),
					    (uint32_t)(nul - src) + 1,
					    "a NUL byte ends this line for "
					    "iPXE: the rest of it is ignored");
		}
	}
	/* physical lines: continuations and blanks after a backslash */
	for (uint32_t off = 0; off < s->srclen;) {
		const char *eol = memchr(src + off, '\n', s->srclen - off);
		uint32_t end = eol ? (uint32_t)(eol - src) : s->srclen;
		uint32_t e = end;

		if (e > off && src[e - 1] == '\r')
			e--;
		if (e > off && (src[e - 1] == ' ' || src[e - 1] == '\t')) {
			uint32_t b = e;

			while (b > off && (src[b - 1] == ' ' ||
					   src[b - 1] == '\t'))
				b--;
			if (b > off && src[b - 1] == '\\') {
				struct diag *d = lint_report(ctx,
					CHECK_BLANK_AFTER_BACKSLASH, b - 1, e,
					"blanks after this backslash stop it "
					"from joining the next line; remove "
					"them");
				struct fix *fx = arena_alloc(&ctx->s->arena,
							     sizeof(*fx));

				fx->off = b;
				fx->end = e;
				fx->text = "";
				d->fix = fx;
			}
		} else if (e > off + 1 && src[e - 1] == '\\' &&
			   !is_ipxe_space((unsigned char)src[e - 2]) &&
			   eol && end + 1 < s->srclen &&
			   !is_ipxe_space((unsigned char)src[end + 1]) &&
			   src[e - 2] != '\\') {
			lint_report(ctx, CHECK_CONTINUATION_JOINS, e - 1, e,
				    "the next line is joined with nothing in "
				    "between: the last word here and the "
				    "first there become one word; put a space "
				    "before the backslash if they are two");
		}
		off = end + 1;
	}
	/* the signature line */
	if (s->nlines && line_comment(s, &s->lines[0])) {
		const struct tok *c = line_comment(s, &s->lines[0]);
		uint32_t n = 6;

		while (n < c->len &&
		       is_ipxe_space((unsigned char)tok_str(s, c)[n]))
			n++;
		if (s->nlines == 1 && memchr(tok_str(s, c), '\r', c->len) &&
		    n < c->len)
			lint_report(ctx, CHECK_CR_ONLY_LINES, 0, 6,
				    "lines end with CR alone, so iPXE reads "
				    "the whole file as one comment line and "
				    "runs nothing; save it with LF (or CRLF) "
				    "line endings");
		else if (n < c->len)
			lint_report(ctx, CHECK_TEXT_AFTER_SIGNATURE,
				    c->off + n, c->off + c->len,
				    "the whole first line is a comment: this "
				    "text is ignored; move it to a line of "
				    "its own");
	}
}
