/*
 * lex.c - signature probe and logical-line reader (spec 2.1, 2.2).  The
 * reader follows iPXE's process_script() step by step rather than a
 * regular expression, so that odd byte sequences (a CR before a
 * continuation, a NUL inside a continued line, a backslash on the last
 * line) come out exactly as iPXE reads them.
 */
#include "lexer/lex.h"

#include <stdlib.h>
#include <string.h>

#include "parser/ast.h"
#include "parser/script.h"
#include "parser.h"
#include "parser/util.h"

void
lex_probe(struct script *s)
{
	const unsigned char *p = (const unsigned char *)s->src;
	uint32_t n = s->srclen, i = 0;

	s->sig = SIG_NONE;
	s->sig_problem = SIGP_NONE;
	/* Spec 2.1: at least 7 bytes, "#!ipxe" or "#!gpxe", then whitespace. */
	if (n >= 7 && (memcmp(p, "#!ipxe", 6) == 0 ||
		       memcmp(p, "#!gpxe", 6) == 0) && is_ipxe_space(p[6])) {
		s->sig = p[2] == 'i' ? SIG_IPXE : SIG_GPXE;
		return;
	}
	/* Not a script: find the most useful explanation. */
	if (n == 0) {
		s->sig_problem = SIGP_EMPTY;
		return;
	}
	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		s->sig_problem = SIGP_BOM;
		return;
	}
	while (i < n && is_ipxe_space(p[i]))
		i++;
	if (i > 0 && i + 6 <= n && (strncmp((const char *)p + i, "#!ipxe", 6) == 0
				   || strncmp((const char *)p + i, "#!gpxe", 6) == 0)) {
		s->sig_problem = SIGP_LEADING_SPACE;
		return;
	}
	if (n >= 6 && p[0] == '#' && p[1] == '!') {
		if (strncasecmp((const char *)p + 2, "ipxe", 4) == 0 ||
		    strncasecmp((const char *)p + 2, "gpxe", 4) == 0) {
			if (memcmp(p + 2, "ipxe", 4) && memcmp(p + 2, "gpxe", 4))
				s->sig_problem = SIGP_CASE;
			else
				s->sig_problem = n == 6 ? SIGP_SHORT
							: SIGP_NO_SPACE;
			return;
		}
	}
	if (n >= 5 && p[0] == '!' && (strncasecmp((const char *)p + 1, "ipxe", 4)
				      == 0 || strncasecmp((const char *)p + 1,
							  "gpxe", 4) == 0)) {
		s->sig_problem = SIGP_NO_HASH;
		return;
	}
	s->sig_problem = SIGP_OTHER;
}

/* Reader state while one logical line is assembled. */
struct reader {
	struct script *s;
	struct buf x;		/* logical text of complex lines */
	uint32_t nseg_line;	/* pieces of the line being assembled */
	uint32_t seg_first;
	size_t seg_cap, cplx_cap;
};

static void
add_seg(struct reader *r, uint32_t text, uint32_t src, uint32_t lineno)
{
	struct script *s = r->s;

	s->segs = xgrow(s->segs, &r->seg_cap, s->nsegs + 1, sizeof(*s->segs));
	s->segs[s->nsegs].text = text;
	s->segs[s->nsegs].src = src;
	s->segs[s->nsegs].lineno = lineno;
	s->nsegs++;
	r->nseg_line++;
}

void
lex_lines(struct script *s)
{
	struct reader r = { .s = s };
	const char *src = s->src;
	uint32_t len = s->srclen, off = 0, nphys = 1, lineno = 1;
	const char *q;
	bool has_nul;

	/* Logical lines <= physical lines: count '\n's for an exact array. */
	for (q = src; (q = memchr(q, '\n', (size_t)(src + len - q))); q++)
		nphys++;
	has_nul = memchr(src, '\0', len) != NULL;
	s->lines = xcalloc(nphys, sizeof(*s->lines));
	prefault(s->lines, nphys * sizeof(*s->lines));
	s->nlines = 0;
	buf_init(&r.x);

	/* One iteration per logical line, as process_script()'s do-while. */
	do {
		struct line *l = &s->lines[s->nlines];
		uint32_t start = off, first_lineno = lineno;
		bool complex = false, pending = false;
		uint32_t acc = 0;	/* logical length so far */
		uint32_t flags = 0;

		r.nseg_line = 0;
		r.seg_first = s->nsegs;
		for (;;) {
			const char *eol = memchr(src + off, '\n', len - off);
			uint32_t frag = (uint32_t)((eol ? eol : src + len)
						   - (src + off));
			uint32_t fstart = off;
			bool cont;

			if (complex) {
				add_seg(&r, s->srclen + (uint32_t)r.x.len,
					fstart, lineno);
				buf_add(&r.x, src + fstart, frag);
			}
			acc += frag;
			off += frag + 1;
			/* Step 2: strip one trailing CR of the accumulated line.
			 * (When this fragment is empty the CR belongs to an
			 * earlier one: only the complex path can see that.) */
			if (acc && (complex ? r.x.data[r.x.len - 1] == '\r'
				    : src[fstart + frag - 1] == '\r')) {
				acc--;
				flags |= LINE_CRLF;
				if (complex)
					r.x.len--;
			}
			/* Step 3: trailing backslash joins the next line. */
			cont = acc && (complex ? r.x.data[r.x.len - 1] == '\\'
				       : src[start + acc - 1] == '\\');
			if (!cont)
				break;
			acc--;
			flags |= LINE_CONTINUED;
			if (!complex) {
				/* Switch to assembling: copy what we have. */
				complex = true;
				add_seg(&r, s->srclen + (uint32_t)r.x.len,
					start, first_lineno);
				buf_add(&r.x, src + start, acc);
			} else {
				r.x.len--;
			}
			lineno++;
			if (off >= len) {
				/* Step 4: continuation pending at the end. */
				pending = true;
				break;
			}
		}
		/* Step 5: the line is a C string; a NUL hides the rest.
		 * (Most files have no NUL at all: checked once up front.) */
		if (has_nul) {
			const char *base = complex ? r.x.data + (r.x.len - acc)
						   : src + start;
			const char *nul = memchr(base, '\0', acc);

			if (nul) {
				flags |= LINE_NUL;
				if (!complex) {
					complex = true;
					add_seg(&r, s->srclen + (uint32_t)r.x.len,
						start, first_lineno);
					buf_add(&r.x, src + start, acc);
					base = r.x.data + (r.x.len - acc);
					nul = base + (nul - (src + start));
				}
				r.x.len -= acc - (uint32_t)(nul - base);
				acc = (uint32_t)(nul - base);
			}
		}
		if (pending)
			flags |= LINE_UNFINISHED;
		l->len = acc;
		l->lineno = first_lineno;
		l->flags = flags;
		if (complex) {
			struct complex_line *c;

			l->text = s->srclen + (uint32_t)(r.x.len - acc);
			s->complex = xgrow(s->complex, &r.cplx_cap,
					   s->ncomplex + 1, sizeof(*s->complex));
			c = &s->complex[s->ncomplex++];
			c->line = s->nlines;
			c->seg = r.seg_first;
			c->nseg = r.nseg_line;
		} else {
			l->text = start;
		}
		s->nlines++;
		lineno++;
	} while (off < len);

	/* An empty file still has one (empty) line, as in iPXE. */
	s->xtext = r.x.data ? r.x.data : xstrdup("");
	s->xlen = (uint32_t)r.x.len;
}

void
lex_state_init(struct lex_state *st, struct script *s)
{
	memset(st, 0, sizeof(*st));
	st->s = s;
	st->base = s->nlines ? s->lines[0].text : 0;
}

void
lex_state_fini(struct lex_state *st)
{
	free(st->stack);
	free(st->scratch);
}

size_t
lex_feed(struct lex_state *st, char *buf, size_t max)
{
	const struct script *s = st->s;
	size_t n = 0;

	while (n < max && st->feed_line < s->nlines) {
		const struct line *l = &s->lines[st->feed_line];
		uint32_t left = l->len - st->feed_pos;

		if (left) {
			size_t k = left < max - n ? left : max - n;

			memcpy(buf + n, line_str(s, l) + st->feed_pos, k);
			st->feed_pos += (uint32_t)k;
			n += k;
			continue;
		}
		/* Logical lines never contain '\n'; it separates them. */
		buf[n++] = '\n';
		st->feed_line++;
		st->feed_pos = 0;
	}
	return n;
}

static inline uint32_t
add_tok(struct lex_state *st, uint32_t at, uint32_t len, uint32_t info)
{
	struct script *s = st->s;
	struct tok *t;

	if (s->ntoks == UINT32_MAX - 1)
		abort();	/* unreachable: inputs are < 2 GiB */
	if (s->ntoks >= st->tok_cap)
		s->toks = xgrow(s->toks, &st->tok_cap, (size_t)s->ntoks + 1,
				sizeof(*s->toks));
	t = &s->toks[s->ntoks];
	t->off = st->base + at;
	t->len = len;
	t->info = info;
	return s->ntoks++;
}

static void
set_loc(struct lex_state *st, struct tspan *loc, uint32_t at, uint32_t len)
{
	loc->off = st->base + at;
	loc->end = loc->off + len;
}

/*
 * refs -> the "${" ... "}" pairs of one word, matched as spec 4.2 reads
 * them when no value contains "${" or "}": each "}" closes the innermost
 * open "${"; unmatched ones are literal.  Stored in order of "${".
 */
static uint32_t
word_refs(struct lex_state *st, const char *p, uint32_t len, bool *unclosed)
{
	struct script *s = st->s;
	size_t nstack = 0, nref = 0, kept = 0, i;
	uint32_t at;

	for (i = 0; i < len; i++) {
		if (p[i] == '$' && i + 1 < len && p[i + 1] == '{') {
			st->scratch = xgrow(st->scratch, &st->scratch_cap,
					    nref + 1, sizeof(*st->scratch));
			st->scratch[nref].open = (uint32_t)i;
			st->scratch[nref].close = UINT32_MAX;
			st->stack = xgrow(st->stack, &st->stack_cap,
					  nstack + 1, sizeof(*st->stack));
			st->stack[nstack++] = (uint32_t)nref++;
			i++;
		} else if (p[i] == '}' && nstack) {
			st->scratch[st->stack[--nstack]].close = (uint32_t)i;
		}
	}
	for (i = 0; i < nref; i++)
		if (st->scratch[i].close != UINT32_MAX)
			st->scratch[kept++] = st->scratch[i];
	*unclosed = kept < nref;
	if (!kept)
		return 0;
	if (!s->nrefs)
		s->nrefs = 1;	/* index 0 means "none" */
	if ((size_t)s->nrefs + kept + 1 >= (1u << (32 - TOK_REF_SHIFT)))
		abort();	/* unreachable: inputs are < 2 GiB */
	s->refs = xgrow(s->refs, &st->ref_cap, s->nrefs + kept + 1,
			sizeof(*s->refs));
	at = s->nrefs;
	s->refs[at].open = (uint32_t)kept;
	s->refs[at].close = 0;
	memcpy(&s->refs[at + 1], st->scratch, kept * sizeof(*st->scratch));
	s->nrefs += (uint32_t)kept + 1;
	return at;
}

void
lex_word(struct lex_state *st, const char *text, uint32_t len, bool dollar)
{
	uint32_t info = TOK_WORD;

	if (dollar) {
		bool unclosed;
		uint32_t refs = word_refs(st, text, len, &unclosed);

		info |= refs << TOK_REF_SHIFT;
		if (unclosed)
			info |= TOKF_UNCLOSED;
	}
	if (!st->nwords)
		st->first_word = st->s->ntoks;
	st->nwords++;
	add_tok(st, st->at, len, info);
}

int
lex_words(struct lex_state *st, union IPXE_YYSTYPE *val, struct tspan *loc)
{
	const struct tok *first = &st->s->toks[st->first_word];
	const struct tok *last = &st->s->toks[st->first_word + st->nwords - 1];

	val->words.first = st->first_word;
	val->words.n = st->nwords;
	loc->off = first->off;
	loc->end = last->off + last->len;
	st->nwords = 0;
	return WORDS;
}

int
lex_label(struct lex_state *st, const char *text, uint32_t len,
	  union IPXE_YYSTYPE *val, struct tspan *loc)
{
	uint32_t colon = (uint32_t)((const char *)memchr(text, ':', len) - text);

	st->s->lines[st->line].flags |= LINE_LABEL;
	val->tok = add_tok(st, st->at + colon + 1, len - colon - 1, TOK_LABEL);
	set_loc(st, loc, st->at + colon + 1, len - colon - 1);
	return LABEL;
}

int
lex_op(struct lex_state *st, int kind, union IPXE_YYSTYPE *val,
       struct tspan *loc)
{
	uint32_t len = kind == TOK_SEMI ? 1 : 2;

	val->tok = add_tok(st, st->at, len, (uint32_t)kind);
	set_loc(st, loc, st->at, len);
	return kind == TOK_OR ? OR : kind == TOK_AND ? AND : SEMI;
}

int
lex_comment(struct lex_state *st, uint32_t len, union IPXE_YYSTYPE *val,
	    struct tspan *loc)
{
	st->s->lines[st->line].flags |= LINE_COMMENT;
	val->tok = add_tok(st, st->at, len, TOK_COMMENT);
	set_loc(st, loc, st->at, len);
	return COMMENT;
}

int
lex_newline(struct lex_state *st, union IPXE_YYSTYPE *val, struct tspan *loc)
{
	struct script *s = st->s;

	set_loc(st, loc, st->at, 0);
	val->tok = AST_NONE;
	st->line++;
	st->pos = 0;
	if (st->line < s->nlines) {
		s->lines[st->line].tok = s->ntoks;
		st->base = s->lines[st->line].text;
	}
	return NEWLINE;
}
