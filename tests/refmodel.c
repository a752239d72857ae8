/*
 * refmodel.c - a deliberately plain model of how iPXE reads a script,
 * written the way upstream's process_script() (src/image/script.c),
 * split_command() and command_terminator() (src/core/exec.c) are written:
 * a malloc'd line buffer, C strings, isspace().  The tests compare the
 * front end's AST with it, so the two implementations check each other.
 */
#include "tests/refmodel.h"

#include <stdlib.h>
#include <string.h>

#include "parser/script.h"
#include "parser/util.h"

static int
ipxe_isspace(int c)
{
	return c == ' ' || c == '\f' || c == '\n' || c == '\r' || c == '\t' ||
	       c == '\v';
}

static void
add_line(struct ref_script *r, const char *label, const char *command,
	 bool unfinished)
{
	struct ref_line *l;
	const char *p;
	size_t ntok = 0;

	r->lines = xrealloc(r->lines, (r->nlines + 1) * sizeof(*r->lines));
	l = &r->lines[r->nlines++];
	memset(l, 0, sizeof(*l));
	l->has_label = label != NULL;
	l->label = label ? xstrdup(label) : NULL;
	l->unfinished = unfinished;
	l->ncmd = 0;
	/* split_command(): whitespace-separated tokens, no quoting; the
	 * command is a C string, so a NUL ends it */
	l->toks = NULL;
	for (p = command;;) {
		const char *q;

		while (ipxe_isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		for (q = p; *q && !ipxe_isspace((unsigned char)*q); q++)
			;
		l->toks = xrealloc(l->toks, (ntok + 1) * sizeof(*l->toks));
		l->toks[ntok++] = xstrndup(p, (size_t)(q - p));
		p = q;
	}
	l->ntok = ntok;
	/* system(): commands end at a token starting with '#' or equal to
	 * "||", "&&" or ";"; a '#' token ends the line */
	l->cmd_start = xcalloc(ntok + 1, sizeof(size_t));
	l->cmd_len = xcalloc(ntok + 1, sizeof(size_t));
	l->cmd_op = xcalloc(ntok + 1, sizeof(char *));
	{
		size_t i = 0, start = 0;

		for (;;) {
			const char *t = i < ntok ? l->toks[i] : NULL;

			if (!t || t[0] == '#' || !strcmp(t, "||") ||
			    !strcmp(t, "&&") || !strcmp(t, ";")) {
				bool op = t && t[0] != '#';

				l->cmd_start[l->ncmd] = start;
				l->cmd_len[l->ncmd] = i - start;
				l->cmd_op[l->ncmd] = op ? t : NULL;
				l->ncmd++;
				if (!op) {
					l->comment_at = t ? i : ntok;
					break;
				}
				start = i + 1;
			}
			i++;
		}
	}
}

/* process_script()'s split of one logical line (llen bytes of line,
 * which has room for a NUL) into an optional ":label" and a command. */
static void
add_logical_line(struct ref_script *r, char *line, size_t llen,
		 bool unfinished)
{
	char *label = NULL, *command = line;

	line[llen] = '\0';
	while (ipxe_isspace((unsigned char)*command))
		command++;
	if (*command == ':') {
		label = ++command;
		while (*command && !ipxe_isspace((unsigned char)*command))
			command++;
		if (*command)
			*(command++) = '\0';
	}
	add_line(r, label, command, unfinished);
}

struct ref_script *
ref_parse(const char *data, size_t len)
{
	struct ref_script *r = xcalloc(1, sizeof(*r));
	size_t script_offset = 0, llen = 0;
	char *line = NULL;
	bool pending = false;

	/* process_script(): one iteration per logical line */
	do {
		const char *eol = memchr(data + script_offset, '\n',
					 len - script_offset);
		size_t frag_len = (eol ? (size_t)(eol - data) : len)
				  - script_offset;

		line = xrealloc(line, llen + frag_len + 1);
		memcpy(line + llen, data + script_offset, frag_len);
		llen += frag_len;
		script_offset += frag_len + 1;
		if (llen && line[llen - 1] == '\r')
			llen--;
		if (llen && line[llen - 1] == '\\') {
			llen--;
			pending = true;
			continue;
		}
		pending = false;
		add_logical_line(r, line, llen, false);
		llen = 0;
	} while (script_offset < len);
	if (pending) {
		/* iPXE stops with EINVAL here; record the unfinished line the
		 * same way the front end keeps it */
		add_logical_line(r, line, llen, true);
	}
	free(line);
	return r;
}

void
ref_free(struct ref_script *r)
{
	for (size_t i = 0; i < r->nlines; i++) {
		struct ref_line *l = &r->lines[i];

		for (size_t k = 0; k < l->ntok; k++)
			free(l->toks[k]);
		free(l->toks);
		free(l->label);
		free(l->cmd_start);
		free(l->cmd_len);
		free(l->cmd_op);
	}
	free(r->lines);
	free(r);
}

/* Appends a mismatch description to why and returns false. */
static bool
differ(struct buf *why, size_t li, const char *what)
{
	buf_printf(why, "line %zu: %s", li + 1, what);
	return false;
}

static bool
tok_eq(const struct script *s, const struct tok *t, const char *text)
{
	return t->len == strlen(text) && !memcmp(tok_str(s, t), text, t->len);
}

bool
ref_compare(const struct ref_script *r, const struct script *s,
	    struct buf *why)
{
	if (r->nlines != s->nlines) {
		buf_printf(why, "%zu logical lines, model has %zu",
			   (size_t)s->nlines, r->nlines);
		return false;
	}
	for (size_t li = 0; li < r->nlines; li++) {
		const struct ref_line *rl = &r->lines[li];
		const struct line *l = &s->lines[li];
		const struct tok *lab = line_label(s, l);
		const struct tok *com = line_comment(s, l);
		uint32_t ncmd = line_ncmd(s, l);
		bool empty = rl->ncmd == 1 && rl->cmd_len[0] == 0 &&
			     !rl->cmd_op[0];

		if (!!(l->flags & LINE_UNFINISHED) != rl->unfinished)
			return differ(why, li, "unfinished flag");
		if (!!lab != rl->has_label ||
		    (lab && !tok_eq(s, lab, rl->label)))
			return differ(why, li, "label");
		if (empty ? ncmd != 0 : ncmd != rl->ncmd)
			return differ(why, li, "number of commands");
		for (uint32_t ci = 0; ci < ncmd; ci++) {
			const struct cmd *c = line_cmd(s, l, ci);

			if (c->ntok != rl->cmd_len[ci])
				return differ(why, li, "command length");
			for (uint32_t k = 0; k < c->ntok; k++)
				if (!tok_eq(s, &s->toks[c->tok + k],
					    rl->toks[rl->cmd_start[ci] + k]))
					return differ(why, li, "word");
			if ((c->op == AST_NONE) != !rl->cmd_op[ci] ||
			    (rl->cmd_op[ci] &&
			     !tok_eq(s, &s->toks[c->op], rl->cmd_op[ci])))
				return differ(why, li, "operator");
		}
		if (!!com != (rl->comment_at < rl->ntok))
			return differ(why, li, "comment presence");
		if (com) {
			/* the comment token holds the rest of the line: its
			 * words are the model's tokens from the '#' on */
			const char *p = tok_str(s, com), *e = p + com->len;
			size_t k = rl->comment_at;

			while (p < e) {
				const char *q;

				while (p < e && ipxe_isspace((unsigned char)*p))
					p++;
				if (p == e)
					break;
				for (q = p; q < e &&
				     !ipxe_isspace((unsigned char)*q); q++)
					;
				if (k >= rl->ntok ||
				    strlen(rl->toks[k]) != (size_t)(q - p) ||
				    memcmp(rl->toks[k], p, (size_t)(q - p)))
					return differ(why, li, "comment text");
				k++;
				p = q;
			}
			if (k != rl->ntok)
				return differ(why, li, "comment words");
		}
	}
	return true;
}
