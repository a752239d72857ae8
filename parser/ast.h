/*
 * ast.h - the parsed form of an iPXE script, shared by ipxelint and ipxesim.
 *
 * A script is a table of logical lines (spec 2.2: physical lines joined by
 * trailing-backslash continuation).  Each line has an optional label, a
 * sequence of commands joined by operators, and an optional comment.  Every
 * token is kept with its exact position, and nothing of the source is lost:
 * the source bytes stay in the script, and every token maps back to them.
 *
 * The nodes are small index-linked records in three script-wide arrays
 * (lines, cmds, toks), not pointer trees: a 50 MB script has millions of
 * tokens, and this layout keeps a parsed script within a few times its size.
 * Use the accessors below rather than the raw fields where one exists.
 */
#ifndef IPXE_AST_H
#define IPXE_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "No token": the value of an absent label, comment or operator index. */
#define AST_NONE UINT32_MAX

/* Token kinds.  ORDER: the operators stay together (ast_is_op). */
enum tok_kind {
	TOK_WORD,	/* an argument, as written (expansion happens later) */
	TOK_LABEL,	/* the name after ':' (the ':' is at off - 1) */
	TOK_OR,		/* "||" as a whole token (spec 3.3) */
	TOK_AND,	/* "&&" */
	TOK_SEMI,	/* ";" */
	TOK_COMMENT,	/* from a token starting with '#' to the end of line */
};

#define TOKF_UNCLOSED 0x8	/* word has a "${" that no "}" closes */
#define TOK_KIND_MASK 0x7
#define TOK_REF_SHIFT 4

/*
 * One token.  Its text is script_text(s, off) .. + len; it is not
 * NUL-terminated.  info packs the kind, flags and, for words that contain
 * "${...}", the index of their reference list in script->refs.
 */
struct tok {
	uint32_t off;	/* offset in the script's text space */
	uint32_t len;
	uint32_t info;	/* kind | TOKF_* | refs index << TOK_REF_SHIFT */
};

/*
 * A "${...}" reference inside a word, by offsets relative to the word:
 * open is the offset of "$", close the offset of the matching "}".  The
 * references of a word are stored in script->refs at the word's index: a
 * header record whose open field is the count, then the references in
 * order of their "${" (so an enclosing reference precedes those inside
 * it).  Matching is the static reading of spec 4.2: each "}" closes the
 * innermost open "${"; a "${" left open is literal text.
 */
struct ref {
	uint32_t open;
	uint32_t close;
};

/* One command: words [tok, tok + ntok) of script->toks; op is the index of
 * the operator token that follows it, or AST_NONE for the last command. */
struct cmd {
	uint32_t tok;
	uint32_t ntok;
	uint32_t op;
};

/* Line flags */
#define LINE_CONTINUED	0x01	/* joined from several physical lines */
#define LINE_NUL	0x02	/* a NUL byte hid the rest of the line */
#define LINE_UNFINISHED	0x04	/* continuation pending at end of file:
				 * iPXE fails with EINVAL, never runs it */
#define LINE_CRLF	0x08	/* a trailing CR was stripped (spec 2.2) */
#define LINE_LABEL	0x10	/* its first token is a TOK_LABEL */
#define LINE_COMMENT	0x20	/* its last token is a TOK_COMMENT */

/*
 * One logical line.  Its text is script_text(s, text) .. + len (the
 * logical text: continuations joined, trailing CR stripped, cut at a NUL).
 * Its tokens (label, words, operators, comment, in source order) start at
 * toks[tok] and its commands at cmds[cmd]; both run up to where the next
 * line's begin, so use the accessors in script.h for counts.  A line with
 * no word and no operator has no command at all (iPXE runs nothing).
 */
struct line {
	uint32_t text;		/* offset in the text space */
	uint32_t len;
	uint32_t lineno;	/* physical line of its first byte, 1-based */
	uint32_t flags;		/* LINE_* */
	uint32_t tok;		/* first token in script->toks */
	uint32_t cmd;		/* first command in script->cmds */
};

static inline enum tok_kind
tok_kind(const struct tok *t)
{
	return (enum tok_kind)(t->info & TOK_KIND_MASK);
}

static inline bool
tok_is_op(const struct tok *t)
{
	enum tok_kind k = tok_kind(t);

	return k == TOK_OR || k == TOK_AND || k == TOK_SEMI;
}

static inline uint32_t
tok_refs(const struct tok *t)
{
	return t->info >> TOK_REF_SHIFT;
}

/* The spelling of an operator kind ("||", "&&", ";"), or NULL. */
const char *tok_op_name(enum tok_kind k);

#endif
