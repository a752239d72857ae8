/*
 * script.c - script_parse()/script_load()/script_free(): runs the probe,
 * the line reader and the grammar over one input, and maps text-space
 * offsets back to source lines and columns.
 */
#include "parser/script.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lexer/lex.h"
#include "parser/ast_build.h"
#include "parser/util.h"
#include "parser.h"
#include "lexer.h"

const char *
script_sig_problem_text(enum sig_problem p)
{
	switch (p) {
	case SIGP_NONE:
		return "";
	case SIGP_EMPTY:
		return "the file is empty";
	case SIGP_BOM:
		return "a UTF-8 byte-order mark comes before '#!ipxe'; save "
		       "the file without a BOM";
	case SIGP_LEADING_SPACE:
		return "blank lines or spaces come before '#!ipxe'; it must be "
		       "the very first bytes";
	case SIGP_CASE:
		return "the signature must be '#!ipxe' in lower case";
	case SIGP_SHORT:
		return "'#!ipxe' must be followed by a newline";
	case SIGP_NO_SPACE:
		return "'#!ipxe' must be followed by whitespace";
	case SIGP_NO_HASH:
		return "the signature is missing its '#'; write '#!ipxe'";
	case SIGP_OTHER:
		break;
	}
	return "the first line must be '#!ipxe'";
}

static void
parse(struct script *s)
{
	struct parse_ctx ctx;
	struct lex_state st;
	yyscan_t scanner;

	memset(&ctx, 0, sizeof(ctx));
	ctx.s = s;
	lex_state_init(&st, s);
	st.shell_mode = s->shell_line;
	if (ipxe_yylex_init_extra(&st, &scanner) != 0)
		abort();	/* only fails on out-of-memory */
	ipxe_yyparse(scanner, &ctx);
	ipxe_yylex_destroy(scanner);
	lex_state_fini(&st);
}

/* Parses src (malloc'd, len + 1 bytes, NUL-terminated), taking it over. */
static struct script *
parse_owned(const char *name, char *src, size_t len, bool shell_line)
{
	struct script *s = xcalloc(1, sizeof(*s));

	arena_init(&s->arena);
	s->name = xstrdup(name);
	s->src = src;
	s->srclen = (uint32_t)len;
	s->shell_line = shell_line;
	lex_probe(s);
	lex_lines(s);
	parse(s);
	if (shell_line)
		return s;
	if (s->sig == SIG_NONE)
		diag_add(s, SEV_ERROR, DIAG_NOT_SCRIPT, 0, 0,
			 diag_code_format(DIAG_NOT_SCRIPT),
			 script_sig_problem_text(s->sig_problem));
	if (s->nlines && (s->lines[s->nlines - 1].flags & LINE_UNFINISHED)) {
		/* point at the dangling backslash: the last source byte
		 * that is not a line ending */
		uint32_t end = s->srclen;

		while (end > 0 && (s->src[end - 1] == '\n' ||
				   s->src[end - 1] == '\r'))
			end--;
		diag_add(s, SEV_ERROR, DIAG_UNFINISHED_LINE, end ? end - 1 : 0,
			 end, "%s", diag_code_format(DIAG_UNFINISHED_LINE));
	}
	return s;
}

struct script *
script_parse(const char *name, const char *data, size_t len)
{
	char *src;

	if (len > SCRIPT_MAX_SIZE)
		return NULL;
	src = xmalloc(len + 1);
	if (len)
		memcpy(src, data, len);
	src[len] = '\0';
	return parse_owned(name, src, len, false);
}

struct script *
script_parse_line(const char *name, const char *text, size_t len)
{
	char *src;

	if (len > SCRIPT_MAX_SIZE)
		return NULL;
	src = xmalloc(len + 1);
	memcpy(src, text, len);
	src[len] = '\0';
	return parse_owned(name, src, len, true);
}

struct script *
script_parse_str(const char *name, const char *text)
{
	return script_parse(name, text, strlen(text));
}

/* Reads all of fd into b; -1 with errno on failure or over the limit. */
static int
read_all(int fd, struct buf *b)
{
	ssize_t n;

	for (;;) {
		if (b->cap - b->len < 65536 + 1)
			b->data = xgrow(b->data, &b->cap, b->len + 65536 + 1, 1);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			b->data[b->len] = '\0';
			return 0;
		}
		b->len += (size_t)n;
		if (b->len > SCRIPT_MAX_SIZE) {
			errno = EFBIG;
			return -1;
		}
	}
}

struct script *
script_load(const char *path)
{
	struct stat st;
	struct buf b;
	size_t len;
	int fd, err;

	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		/* O_NONBLOCK: opening a FIFO must not hang; cleared below. */
		fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			return NULL;
		if (fstat(fd, &st) != 0)
			goto fail;
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			goto fail;
		}
		if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) &&
		    !S_ISCHR(st.st_mode)) {
			errno = EINVAL;
			goto fail;
		}
		if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size >
		    SCRIPT_MAX_SIZE) {
			errno = EFBIG;
			goto fail;
		}
		/* A FIFO whose writer has not come yet would read as empty:
		 * wait for it (bytes or its end), but not forever. */
		if (S_ISFIFO(st.st_mode) &&
		    poll(&(struct pollfd){ .fd = fd, .events = POLLIN }, 1,
			 SCRIPT_FIFO_WAIT_MS) <= 0) {
			errno = ENODATA;
			goto fail;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	}
	buf_init(&b);
	if (fd != STDIN_FILENO && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0) {
		/* exact size, plus room for read() to see the end */
		b.cap = (size_t)st.st_size + 65536 + 2;
		b.data = xmalloc(b.cap);
		prefault(b.data, b.cap);
	}
	if (read_all(fd, &b) != 0) {
		err = errno;
		buf_fini(&b);
		if (fd != STDIN_FILENO)
			close(fd);
		errno = err;
		return NULL;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	/* hand the buffer over rather than copy it: for a large script the
	 * copy would double the peak memory */
	if (!b.data)
		buf_add(&b, "", 0);
	len = b.len;
	return parse_owned(path, buf_steal(&b), len, false);
fail:
	err = errno;
	close(fd);
	errno = err;
	return NULL;
}

void
script_free(struct script *s)
{
	if (!s)
		return;
	arena_fini(&s->arena);
	free(s->name);
	free(s->src);
	free(s->lines);
	free(s->cmds);
	free(s->toks);
	free(s->refs);
	free(s->xtext);
	free(s->complex);
	free(s->segs);
	free(s->diags);
	free(s);
}

static const struct complex_line *
find_complex(const struct script *s, uint32_t li)
{
	uint32_t lo = 0, hi = s->ncomplex;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (s->complex[mid].line < li)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->ncomplex && s->complex[lo].line == li ? &s->complex[lo]
							      : NULL;
}

/* Source offset where line li starts. */
static uint32_t
line_src(const struct script *s, uint32_t li)
{
	const struct line *l = &s->lines[li];
	const struct complex_line *c;

	if (l->text < s->srclen || !(c = find_complex(s, li)))
		return l->text;
	return s->segs[c->seg].src;
}

uint32_t
script_line_of(const struct script *s, uint32_t off)
{
	uint32_t lo = 0, hi;

	if (off >= s->srclen) {
		/* assembled text: the complex lines, in text order */
		hi = s->ncomplex;
		while (hi - lo > 1) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (s->lines[s->complex[mid].line].text <= off)
				lo = mid;
			else
				hi = mid;
		}
		if (s->ncomplex)
			return s->complex[lo].line;
		return s->nlines ? s->nlines - 1 : 0;
	}
	/* a source offset: the last line starting at or before it */
	hi = s->nlines;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (line_src(s, mid) <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct src_pos
script_pos_in(const struct script *s, uint32_t li, uint32_t off)
{
	const struct line *l;
	const struct complex_line *c;
	struct src_pos p = { 1, 1, 0 };

	if (li >= s->nlines)
		return p;
	l = &s->lines[li];
	if (off < s->srclen && l->text < s->srclen) {
		/* a simple line: one physical line, text == source */
		p.off = off;
		p.line = l->lineno;
		p.col = off - l->text + 1;
		return p;
	}
	if (off < s->srclen) {
		/* a source offset within a continued line's span (e.g. its
		 * dangling backslash): count the physical lines before it */
		uint32_t start = line_src(s, li);

		p.off = off;
		p.line = l->lineno;
		for (uint32_t i = start; i < off; i++)
			if (s->src[i] == '\n') {
				p.line++;
				start = i + 1;
			}
		p.col = off - start + 1;
		return p;
	}
	/* assembled text of a continued line: the piece holding off; each
	 * piece starts a physical line */
	c = find_complex(s, li);
	if (!c)
		return p;
	{
		const struct seg *g = &s->segs[c->seg];

		for (uint32_t i = 1; i < c->nseg && s->segs[c->seg + i].text
		     <= off; i++)
			g = &s->segs[c->seg + i];
		p.off = g->src + (off - g->text);
		p.line = g->lineno;
		p.col = off - g->text + 1;
	}
	return p;
}

struct src_pos
script_pos(const struct script *s, uint32_t off)
{
	return script_pos_in(s, script_line_of(s, off), off);
}
