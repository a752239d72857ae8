/*
 * dump.c - ast_dump(): every line, label, command, word, operator, comment
 * and "${...}" reference with its line:column, so that a golden file pins
 * down exactly how the front end read a script.
 */
#include "parser/dump.h"

#include <string.h>

#include "parser/script.h"

void
dump_quoted(FILE *f, const char *p, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void
pos(FILE *f, const struct script *s, uint32_t li, uint32_t off, int indent)
{
	struct src_pos p = script_pos_in(s, li, off);

	fprintf(f, "%*s%u:%u ", indent, "", p.line, p.col);
}

static void
dump_tok(FILE *f, const struct script *s, uint32_t li, const struct tok *t,
	 const char *what, int indent)
{
	pos(f, s, li, t->off, indent);
	fprintf(f, "%s ", what);
	dump_quoted(f, tok_str(s, t), t->len);
	if (t->info & TOKF_UNCLOSED)
		fputs(" unclosed-ref", f);
	fputc('\n', f);
}

static void
dump_refs(FILE *f, const struct script *s, uint32_t li, const struct tok *t,
	  int indent)
{
	uint32_t n = tok_nrefs(s, t), i, j;
	const char *p = tok_str(s, t);

	for (i = 0; i < n; i++) {
		const struct ref *r = tok_ref(s, t, i);
		int depth = 0;

		/* depth = number of earlier references enclosing this one */
		for (j = 0; j < i; j++) {
			const struct ref *o = tok_ref(s, t, j);
			if (o->open < r->open && o->close > r->close)
				depth++;
		}
		pos(f, s, li, t->off + r->open, indent + 2 * depth);
		fputs("ref ", f);
		dump_quoted(f, p + r->open, r->close - r->open + 1);
		fputc('\n', f);
	}
}

void
ast_dump(FILE *f, const struct script *s)
{
	static const char *const sig[] = {
		[SIG_IPXE] = "ipxe", [SIG_GPXE] = "gpxe", [SIG_NONE] = "none",
	};

	fprintf(f, "script ");
	dump_quoted(f, s->name, strlen(s->name));
	fprintf(f, " signature=%s lines=%u\n", sig[s->sig], s->nlines);
	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];

		fprintf(f, "%u:1 line ", l->lineno);
		dump_quoted(f, line_str(s, l), l->len);
		if (l->flags & LINE_CONTINUED)
			fputs(" continued", f);
		if (l->flags & LINE_CRLF)
			fputs(" cr", f);
		if (l->flags & LINE_NUL)
			fputs(" nul-cut", f);
		if (l->flags & LINE_UNFINISHED)
			fputs(" unfinished", f);
		fputc('\n', f);
		if (line_label(s, l))
			dump_tok(f, s, li, line_label(s, l), "label", 2);
		for (uint32_t ci = 0; ci < line_ncmd(s, l); ci++) {
			const struct cmd *c = line_cmd(s, l, ci);

			if (c->ntok == 0) {
				fputs("  cmd empty\n", f);
			} else {
				pos(f, s, li, s->toks[c->tok].off, 2);
				fprintf(f, "cmd argc=%u\n", c->ntok);
			}
			for (uint32_t k = 0; k < c->ntok; k++) {
				const struct tok *t = &s->toks[c->tok + k];

				dump_tok(f, s, li, t, "word", 4);
				dump_refs(f, s, li, t, 6);
			}
			if (c->op != AST_NONE) {
				const struct tok *t = &s->toks[c->op];

				pos(f, s, li, t->off, 2);
				fprintf(f, "op %s\n", tok_op_name(tok_kind(t)));
			}
		}
		if (line_comment(s, l))
			dump_tok(f, s, li, line_comment(s, l), "comment", 2);
	}
	for (size_t i = 0; i < s->ndiags; i++)
		diag_print_gcc(f, s->name, &s->diags[i]);
}
