/*
 * script.h - a parsed script: it owns the source bytes, the AST arrays, the
 * logical text of continued lines and the diagnostics.  script_free()
 * releases all of it.  Reading a file never modifies it.
 */
#ifndef IPXE_SCRIPT_H
#define IPXE_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "parser/arena.h"
#include "parser/ast.h"
#include "parser/diag.h"

/* The largest input we accept: offsets are 32-bit (see ast.h). */
#define SCRIPT_MAX_SIZE ((size_t)INT32_MAX - 16)
/* How long script_load() waits for a FIFO's writer to start (ENODATA
 * after that). */
#define SCRIPT_FIFO_WAIT_MS 10000

/* Result of the signature probe (spec 2.1). */
enum sig {
	SIG_IPXE,	/* "#!ipxe" + whitespace */
	SIG_GPXE,	/* "#!gpxe" + whitespace (legacy, accepted) */
	SIG_NONE,	/* not a script: iPXE would not run it */
};

/* Why a file is not a script, for the diagnostic (spec 2.1). */
enum sig_problem {
	SIGP_NONE,
	SIGP_EMPTY,		/* no bytes at all */
	SIGP_BOM,		/* UTF-8 byte-order mark before the signature */
	SIGP_LEADING_SPACE,	/* blank line(s) or spaces before it */
	SIGP_CASE,		/* "#!iPXE" and friends */
	SIGP_SHORT,		/* "#!ipxe" with nothing after it (6 bytes) */
	SIGP_NO_SPACE,		/* "#!ipxe2", "#!ipxe-x": no whitespace after */
	SIGP_NO_HASH,		/* "!ipxe": the '#' is missing */
	SIGP_OTHER,		/* anything else: no signature at all */
};

/* A piece of a continued line: physical line lineno contributes the text
 * at [text, next piece's text) from source offset src. */
struct seg {
	uint32_t text;
	uint32_t src;
	uint32_t lineno;
};

/* The pieces of one continued (or NUL-cut) line. */
struct complex_line {
	uint32_t line;	/* index in lines[] */
	uint32_t seg;	/* first piece in segs[] */
	uint32_t nseg;
};

struct script {
	char *name;		/* as given, for diagnostics */
	char *src;		/* the source bytes, NUL-terminated */
	uint32_t srclen;
	enum sig sig;
	enum sig_problem sig_problem;
	bool shell_line;	/* parsed by script_parse_line() */

	struct line *lines;	/* logical lines, in order */
	uint32_t nlines;
	struct cmd *cmds;
	uint32_t ncmds;
	struct tok *toks;
	uint32_t ntoks;
	struct ref *refs;	/* refs[0] unused: index 0 means "none" */
	uint32_t nrefs;

	/* Text space: offsets below srclen are in src; the logical text of
	 * continued or NUL-cut lines lives in xtext, at srclen and above. */
	char *xtext;
	uint32_t xlen;
	struct complex_line *complex;
	uint32_t ncomplex;
	struct seg *segs;
	uint32_t nsegs;

	struct diag *diags;
	size_t ndiags;
	size_t diag_cap;

	struct arena arena;
	size_t caps[5];		/* capacities of the growable arrays */
};

/* A position in the source, 1-based line and column (columns count bytes). */
struct src_pos {
	uint32_t line;
	uint32_t col;
	uint32_t off;	/* byte offset in the source */
};

/*
 * Parses len bytes of data (copied; the caller keeps its buffer).  Never
 * fails for any input up to SCRIPT_MAX_SIZE bytes: problems such as a
 * missing signature become diagnostics.  Returns NULL only if len is larger
 * than that.  name is copied and used in diagnostics.
 */
struct script *script_parse(const char *name, const char *data, size_t len);
/*
 * Parses one command line as the interactive shell and the DHCP scriptlet
 * run it (spec 2.5, 3): like a script line, but with no label and no
 * signature.  The result has nlines == 1 (more if text has newlines).
 */
struct script *script_parse_line(const char *name, const char *text,
				 size_t len);
/* Convenience for tests: parses a NUL-terminated string. */
struct script *script_parse_str(const char *name, const char *text);
/*
 * Reads and parses a file ("-" is standard input).  On an I/O problem
 * returns NULL with errno set (EISDIR for a directory, EFBIG when larger
 * than SCRIPT_MAX_SIZE, ENODATA for a FIFO nobody writes to within
 * SCRIPT_FIFO_WAIT_MS) and the file untouched.
 */
struct script *script_load(const char *path);
void script_free(struct script *s);

/* Address of text-space offset off (see struct script). */
static inline const char *
script_text(const struct script *s, uint32_t off)
{
	return off < s->srclen ? s->src + off : s->xtext + (off - s->srclen);
}

static inline const char *
tok_str(const struct script *s, const struct tok *t)
{
	return script_text(s, t->off);
}

static inline const char *
line_str(const struct script *s, const struct line *l)
{
	return script_text(s, l->text);
}

/* Which line holds text-space offset off (binary search). */
uint32_t script_line_of(const struct script *s, uint32_t off);
/* Source position of text-space offset off, which lies in line li. */
struct src_pos script_pos_in(const struct script *s, uint32_t li,
			     uint32_t off);
/* Same, finding the line first. */
struct src_pos script_pos(const struct script *s, uint32_t off);

/* Index of line l in s->lines. */
static inline uint32_t
line_index(const struct script *s, const struct line *l)
{
	return (uint32_t)(l - s->lines);
}

/* Number of commands of line l (0 when it has no word and no operator). */
static inline uint32_t
line_ncmd(const struct script *s, const struct line *l)
{
	uint32_t next = line_index(s, l) + 1 < s->nlines ? l[1].cmd : s->ncmds;

	return next - l->cmd;
}

/* Number of tokens of line l. */
static inline uint32_t
line_ntok(const struct script *s, const struct line *l)
{
	uint32_t next = line_index(s, l) + 1 < s->nlines ? l[1].tok : s->ntoks;

	return next - l->tok;
}

/* The i-th command of line l. */
static inline const struct cmd *
line_cmd(const struct script *s, const struct line *l, uint32_t i)
{
	return &s->cmds[l->cmd + i];
}

/* The label of line l as a token, or NULL. */
static inline const struct tok *
line_label(const struct script *s, const struct line *l)
{
	return (l->flags & LINE_LABEL) ? &s->toks[l->tok] : NULL;
}

/* The comment of line l as a token, or NULL. */
static inline const struct tok *
line_comment(const struct script *s, const struct line *l)
{
	return (l->flags & LINE_COMMENT)
		       ? &s->toks[l->tok + line_ntok(s, l) - 1]
		       : NULL;
}

/* Number of "${...}" references of word t, and the i-th of them. */
static inline uint32_t
tok_nrefs(const struct script *s, const struct tok *t)
{
	return tok_refs(t) ? s->refs[tok_refs(t)].open : 0;
}

static inline const struct ref *
tok_ref(const struct script *s, const struct tok *t, uint32_t i)
{
	return &s->refs[tok_refs(t) + 1 + i];
}

/* Human-readable reason for a signature problem. */
const char *script_sig_problem_text(enum sig_problem p);

#endif
