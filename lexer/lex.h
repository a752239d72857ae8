/*
 * lex.h - the lexer: the signature probe (spec 2.1), the reading of logical
 * lines (spec 2.2) and the flex scanner that splits them into tokens (spec
 * 2.3, 3.1-3.3).  It finds structure only; meaning is for later stages.
 */
#ifndef IPXE_LEX_H
#define IPXE_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct script;

/* A range of the text space (see parser/script.h): [off, end). */
struct tspan {
	uint32_t off;
	uint32_t end;
};

/* Sets s->sig and s->sig_problem from the first bytes of s->src. */
void lex_probe(struct script *s);

/*
 * Splits s->src into logical lines exactly as iPXE's script reader does:
 * lines end at '\n'; one trailing '\r' is stripped; a trailing '\\' joins
 * the next physical line with nothing in between; a NUL ends the logical
 * line.  Fills s->lines (text, len, lineno, flags; no commands yet) and the
 * logical text of continued lines.  A continuation pending at the end of
 * the file leaves a last line flagged LINE_UNFINISHED.
 */
void lex_lines(struct script *s);

/* A run of consecutive word tokens: toks[first], n of them. */
struct tok_run {
	uint32_t first;
	uint32_t n;
};

/* The scanner's state (flex's yyextra): it feeds the logical lines to
 * flex and stores each token, with its span and "${...}" structure, in
 * the script as it is scanned. */
struct lex_state {
	struct script *s;
	uint32_t feed_line;	/* next line to hand to flex */
	uint32_t feed_pos;	/* bytes of it already handed over */
	uint32_t line;		/* line of the token being scanned */
	uint32_t base;		/* its text-space offset */
	uint32_t pos;		/* offset of the next byte within the line */
	uint32_t at;		/* offset of the current token in the line */
	uint32_t first_word;	/* pending run of words */
	uint32_t nwords;
	bool shell_mode;	/* no labels: a typed command line */
	/* scratch for matching "${" and "}" inside one word */
	uint32_t *stack;
	size_t stack_cap;
	struct ref *scratch;
	size_t scratch_cap;
	size_t tok_cap, ref_cap;
};

union IPXE_YYSTYPE;
struct tspan;

void lex_state_init(struct lex_state *st, struct script *s);
void lex_state_fini(struct lex_state *st);
/* flex's YY_INPUT: copies up to max bytes of logical text into buf. */
size_t lex_feed(struct lex_state *st, char *buf, size_t max);

/* The token actions of lexer.l.  Each stores its token and returns the
 * parser's token number; lex_word adds to the pending run of words,
 * which lex_words hands over (dollar: the word contains '$', so it may
 * hold "${...}" references). */
void lex_word(struct lex_state *st, const char *text, uint32_t len,
	      bool dollar);
int lex_words(struct lex_state *st, union IPXE_YYSTYPE *val,
	      struct tspan *loc);
int lex_label(struct lex_state *st, const char *text, uint32_t len,
	      union IPXE_YYSTYPE *val, struct tspan *loc);
int lex_op(struct lex_state *st, int kind, union IPXE_YYSTYPE *val,
	   struct tspan *loc);
int lex_comment(struct lex_state *st, uint32_t len, union IPXE_YYSTYPE *val,
		struct tspan *loc);
int lex_newline(struct lex_state *st, union IPXE_YYSTYPE *val,
		struct tspan *loc);

#endif
