/*
 * normalise.c - C port of the oracle harness's Screen class (as used by
 * `ipxe-oracle --normalise`, i.e. wrap_cols=None) and of its key-plan
 * parser.  It follows the python rule for rule (the comments name the
 * method each part mirrors), except where the python would fail with an
 * IndexError or run out of memory; tests/unit/test_normalise.c compares
 * the two on recorded pairs.
 */
#include "tests/normalise.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"

#define ROWS 25
#define ESC_MAX 32	/* a longer escape sequence is abandoned */
#define NUM_MAX 1000000000L	/* CSI numbers saturate here */
#define COL_MAX 65536	/* cells a row may grow to (python: no limit) */
#define REPLACEMENT 0xFFFDu

struct row {
	uint32_t *cells;	/* code points, one per screen cell */
	size_t n, cap;
};

struct screen {
	struct row rows[ROWS];
	long r, c;		/* cursor; c may go negative as in python */
	struct buf out;		/* lines emitted so far, each with "\n" */
	bool fresh;		/* the page began with a clear */
	bool seen_content;	/* (fresh page) a non-blank row was emitted */
	bool in_esc;
	uint32_t esc[ESC_MAX + 2];	/* the sequence after ESC */
	size_t nesc;
};

/* ---------------------------------------------------------------- text */

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/*
 * One code point from s[*i..len), as python's incremental UTF-8 decoder
 * with errors="replace" and final=False gives it: the longest valid
 * prefix of a bad sequence becomes one U+FFFD and decoding goes on at
 * the byte that broke it.  Returns false at an unfinished sequence at the
 * end, which that decoder keeps waiting for (and never emits).
 */
static bool
decode_utf8(const unsigned char *s, size_t len, size_t *i, uint32_t *cp)
{
	unsigned char b = s[*i];
	size_t need, k;
	unsigned char lo = 0x80, hi = 0xBF;	/* range of the 2nd byte */
	uint32_t v;

	if (b < 0x80) {
		*cp = b;
		(*i)++;
		return true;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		v = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		v = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;	/* no surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		v = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else {
		*cp = REPLACEMENT;	/* not a start byte */
		(*i)++;
		return true;
	}
	for (k = 1; k <= need; k++) {
		unsigned char c;

		if (*i + k >= len)
			return false;	/* valid so far, but unfinished */
		c = s[*i + k];
		if (k == 1 ? c < lo || c > hi : c < 0x80 || c > 0xBF) {
			*cp = REPLACEMENT;
			*i += k;
			return true;
		}
		v = v << 6 | (c & 0x3F);
	}
	*cp = v;
	*i += need + 1;
	return true;
}

/* len("".join(cells).rstrip(" ")) */
static size_t
row_rstrip_len(const struct row *row)
{
	size_t n = row->n;

	while (n && row->cells[n - 1] == ' ')
		n--;
	return n;
}

static bool
row_is_blank(const struct row *row)
{
	return row_rstrip_len(row) == 0;
}

/* ---------------------------------------------------------------- rows */

static void
row_clear(struct row *row)
{
	row->n = 0;
}

/* del cells[from:] with python's slice semantics (from may be negative) */
static void
row_truncate(struct row *row, long from)
{
	if (from < 0)
		from += (long)row->n;
	if (from < 0)
		from = 0;
	if ((size_t)from < row->n)
		row->n = (size_t)from;
}

/* for i in range(min(c + 1, len(cells))): cells[i] = " " */
static void
row_blank_to(struct row *row, long c)
{
	long end = c + 1 < (long)row->n ? c + 1 : (long)row->n;

	for (long i = 0; i < end; i++)
		row->cells[i] = ' ';
}

/* ---------------------------------------------------------------- screen */

/* _emit(): one row out, skipping leading blank rows of a fresh page. */
static void
emit(struct screen *s, const struct row *row)
{
	size_t n = row_rstrip_len(row);

	if (s->fresh && !s->seen_content) {
		if (n == 0)
			return;
		s->seen_content = true;
	}
	for (size_t i = 0; i < n; i++)
		put_utf8(&s->out, row->cells[i]);
	buf_addc(&s->out, '\n');
}

static int
last_nonblank(const struct screen *s)
{
	int last = -1;

	for (int i = 0; i < ROWS; i++)
		if (!row_is_blank(&s->rows[i]))
			last = i;
	return last;
}

/* _clear(): the rows still shown go out (minus trailing blank ones) and
 * a fresh page begins. */
static void
clear_screen(struct screen *s, bool home)
{
	int last = last_nonblank(s);

	for (int i = 0; i <= last; i++)
		emit(s, &s->rows[i]);
	for (int i = 0; i < ROWS; i++)
		row_clear(&s->rows[i]);
	s->fresh = true;
	s->seen_content = false;
	if (home)
		s->r = s->c = 0;
}

/* _lf(): down a row, scrolling the top row out at the bottom. */
static void
line_feed(struct screen *s)
{
	if (s->r == ROWS - 1) {
		struct row top = s->rows[0];

		emit(s, &top);
		memmove(&s->rows[0], &s->rows[1],
			(ROWS - 1) * sizeof(s->rows[0]));
		row_clear(&top);
		s->rows[ROWS - 1] = top;
	} else {
		s->r++;
	}
}

/* _put(): one cell at the cursor, padding the row with blanks. */
static void
put(struct screen *s, uint32_t ch)
{
	struct row *row = &s->rows[s->r];

	if (s->c >= 0 && s->c < COL_MAX) {
		size_t c = (size_t)s->c;

		if (row->n <= c) {
			row->cells = xgrow(row->cells, &row->cap, c + 1,
					   sizeof(*row->cells));
			while (row->n < c)
				row->cells[row->n++] = ' ';
			row->n = c + 1;
		}
		row->cells[c] = ch;
	} else if (s->c < 0 && (size_t)-s->c <= row->n) {
		/* python's negative index counts from the end */
		row->cells[row->n - (size_t)-s->c] = ch;
	}
	s->c++;
}

static bool
is_py_space(uint32_t ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r') ||
	       (ch >= 0x1C && ch <= 0x1F) || ch == 0x85 || ch == 0xA0 ||
	       ch == 0x1680 || (ch >= 0x2000 && ch <= 0x200A) ||
	       ch == 0x2028 || ch == 0x2029 || ch == 0x202F ||
	       ch == 0x205F || ch == 0x3000;
}

/*
 * int(p) for one CSI parameter: surrounding whitespace, a sign, decimal
 * digits with single "_" between them (python's int() also takes other
 * Unicode decimal digits; iPXE and ipxesim never send those).  Returns
 * false where python raises ValueError.
 */
static bool
py_int(const uint32_t *p, size_t n, long *out)
{
	size_t i = 0;
	long v = 0;
	bool neg = false, digit = false;

	while (n && is_py_space(p[n - 1]))
		n--;
	while (i < n && is_py_space(p[i]))
		i++;
	if (i < n && (p[i] == '+' || p[i] == '-'))
		neg = p[i++] == '-';
	for (; i < n; i++) {
		if (p[i] == '_' && digit && i + 1 < n && p[i + 1] >= '0' &&
		    p[i + 1] <= '9')
			continue;
		if (p[i] < '0' || p[i] > '9')
			return false;
		digit = true;
		v = v * 10 + (long)(p[i] - '0');
		if (v > NUM_MAX)
			v = NUM_MAX;
	}
	if (!digit)
		return false;
	*out = neg ? -v : v;
	return true;
}

static long
clamp_row(long r)
{
	return r < 0 ? 0 : r > ROWS - 1 ? ROWS - 1 : r;
}

/* _csi(): params are the code points between "[" and the final byte. */
static void
csi(struct screen *s, const uint32_t *params, size_t n, uint32_t final)
{
	long nums[ESC_MAX + 1];
	bool valid[ESC_MAX + 1];
	size_t nnums = 0, start;
	long n1, mode;
	struct row *row;

	/* params.lstrip("?").split(";"), each int() or None */
	while (n && params[0] == '?') {
		params++;
		n--;
	}
	start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && params[i] != ';')
			continue;
		valid[nnums] = py_int(params + start, i - start, &nums[nnums]);
		nnums++;
		start = i + 1;
	}
	n1 = valid[0] && nums[0] ? nums[0] : 1;
	mode = valid[0] ? nums[0] : 0;
	row = &s->rows[s->r];
	switch (final) {
	case 'H':
	case 'f': {
		long r = (valid[0] && nums[0] ? nums[0] : 1) - 1;
		long c = (nnums > 1 && valid[1] && nums[1] ? nums[1] : 1) - 1;

		s->r = clamp_row(r);
		s->c = c > 0 ? c : 0;
		break;
	}
	case 'J':
		if (mode == 2 || mode == 3) {
			clear_screen(s, false);
		} else if (mode == 0) {
			row_truncate(row, s->c);
			for (long i = s->r + 1; i < ROWS; i++)
				row_clear(&s->rows[i]);
		} else if (mode == 1) {
			row_blank_to(row, s->c);
			for (long i = 0; i < s->r; i++)
				row_clear(&s->rows[i]);
		}
		break;
	case 'K':
		if (mode == 0)
			row_truncate(row, s->c);
		else if (mode == 1)
			row_blank_to(row, s->c);
		else
			row_clear(row);
		break;
	/* python lets a negative count move the row off the screen, where
	 * it then fails with an IndexError: rows are clamped instead */
	case 'A':
		s->r = clamp_row(s->r - n1);
		break;
	case 'B':
		s->r = clamp_row(s->r + n1);
		break;
	case 'C':
		s->c += n1;
		break;
	case 'D':
		s->c = s->c - n1 > 0 ? s->c - n1 : 0;
		break;
	case 'G':
		s->c = n1 - 1 > 0 ? n1 - 1 : 0;
		break;
	default:
		break;	/* m (colours), h/l (modes) and the rest: ignored */
	}
}

/* feed(): one decoded character. */
static void
feed(struct screen *s, uint32_t ch)
{
	if (s->in_esc) {
		s->esc[s->nesc++] = ch;
		if (s->nesc == 1) {
			if (ch == '[')
				return;
			if (ch == 'c')
				clear_screen(s, true);
			s->in_esc = false;
		} else if (ch >= 0x40 && ch <= 0x7E) {
			csi(s, s->esc + 1, s->nesc - 2, ch);
			s->in_esc = false;
		} else if (s->nesc > ESC_MAX) {
			s->in_esc = false;
		}
		return;
	}
	switch (ch) {
	case 0x1B:
		s->in_esc = true;
		s->nesc = 0;
		break;
	case '\r':
		s->c = 0;
		break;
	case '\n':
		/* without 80-column unwrapping LF also returns to column 0 */
		s->c = 0;
		line_feed(s);
		break;
	case '\b':
		if (s->c > 0)
			s->c--;
		break;
	case 0x00:
		put(s, ' ');	/* BIOS teletype: NUL takes a cell */
		break;
	case 0x07:
		break;
	default:
		put(s, ch);
		break;
	}
}

/* text(): the transcript; the cursor's row ends it without a newline. */
static void
finish(struct screen *s)
{
	int last = last_nonblank(s);

	if (last <= s->r) {
		const struct row *cur = &s->rows[s->r];
		size_t n = row_rstrip_len(cur);

		for (long i = 0; i < s->r; i++)
			emit(s, &s->rows[i]);
		if (!(s->fresh && !s->seen_content && n == 0))
			for (size_t i = 0; i < n; i++)
				put_utf8(&s->out, cur->cells[i]);
	} else {
		for (int i = 0; i <= last; i++)
			emit(s, &s->rows[i]);
	}
}

char *
normalise_console(const void *data, size_t len)
{
	const unsigned char *p = data;
	struct screen s;
	struct buf out;
	size_t i = 0;
	uint32_t ch;

	memset(&s, 0, sizeof(s));
	buf_init(&s.out);
	buf_add(&s.out, "", 0);
	s.seen_content = true;
	while (i < len && decode_utf8(p, len, &i, &ch))
		feed(&s, ch);
	finish(&s);
	for (int r = 0; r < ROWS; r++)
		free(s.rows[r].cells);
	/* DOTS_RE: progress dots, one a second, so their number varies */
	buf_init(&out);
	buf_add(&out, "", 0);
	for (size_t k = 0; k < s.out.len;) {
		size_t run = 0;

		while (k + run < s.out.len && s.out.data[k + run] == '.')
			run++;
		if (run >= 4) {
			buf_adds(&out, "...");
			k += run;
		} else if (run) {
			buf_add(&out, s.out.data + k, run);
			k += run;
		} else {
			buf_addc(&out, s.out.data[k++]);
		}
	}
	buf_fini(&s.out);
	return buf_steal(&out);
}

/* ---------------------------------------------------------------- keys */

/* KEYNAMES of the oracle */
static const struct {
	const char *name;
	const char *bytes;
} keynames[] = {
	{ "enter", "\r" }, { "esc", "\x1b" }, { "bs", "\b" },
	{ "backspace", "\b" }, { "tab", "\t" }, { "space", " " },
	{ "up", "\x1b[A" }, { "down", "\x1b[B" }, { "right", "\x1b[C" },
	{ "left", "\x1b[D" }, { "home", "\x1b[H" }, { "end", "\x1b[F" },
	{ "ins", "\x1b[2~" }, { "del", "\x1b[3~" }, { "pgup", "\x1b[5~" },
	{ "pgdn", "\x1b[6~" }, { "f1", "\x1bOP" }, { "f2", "\x1bOQ" },
	{ "f3", "\x1bOR" }, { "f4", "\x1bOS" }, { "f5", "\x1b[15~" },
	{ "f6", "\x1b[17~" }, { "f7", "\x1b[18~" }, { "f8", "\x1b[19~" },
	{ "f9", "\x1b[20~" }, { "f10", "\x1b[21~" }, { "f11", "\x1b[23~" },
	{ "f12", "\x1b[24~" },
};

static int
hexval(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return -1;
}

/* spec[i+1:j].lower() == name, for ASCII names */
static bool
name_is(const uint32_t *s, size_t n, const char *name)
{
	if (strlen(name) != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (s[k] >= 0x80 || tolower((int)s[k]) != name[k])
			return false;
	return true;
}

/* The bytes of key name (the text between "<" and ">"), in buf (at least
 * 8 bytes), or NULL if it names no key (KEYNAMES, then "ctrl-X"). */
static const char *
key_name(const uint32_t *name, size_t len, char *buf)
{
	uint32_t c;

	for (size_t k = 0; k < sizeof(keynames) / sizeof(keynames[0]); k++)
		if (name_is(name, len, keynames[k].name))
			return keynames[k].bytes;
	/* re.fullmatch(r"ctrl-([a-z@\[\\\]^_])", name.lower()) */
	if (len != 6 || !name_is(name, 5, "ctrl-"))
		return NULL;
	c = name[5];
	if (c == 0 || c >= 0x80)
		return NULL;
	c = (uint32_t)tolower((int)c);
	if (!(c >= 'a' && c <= 'z') && !strchr("@[\\]^_", (int)c))
		return NULL;
	buf[0] = (char)(toupper((int)c) & 0x1F);
	buf[1] = '\0';
	return buf;
}

/* parse_keys(): one send argument (code points) onto out; false if a key
 * is not a latin-1 character (python's encode("latin-1") fails). */
static bool
parse_keys(const uint32_t *spec, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		uint32_t ch = spec[i];

		if (ch == '<') {
			size_t j = i + 1;
			char tmp[8];
			const char *bytes;

			while (j < n && spec[j] != '>')
				j++;
			if (j < n &&
			    (bytes = key_name(spec + i + 1, j - i - 1, tmp))) {
				/* <ctrl-@> is a NUL byte */
				buf_add(out, bytes, *bytes ? strlen(bytes) : 1);
				i = j + 1;
				continue;
			}
		}
		if (ch == '\\' && i + 1 < n) {
			static const char from[] = "rnetb\\<";
			static const char to[] = "\r\r\x1b\t\b\\<";
			uint32_t c = spec[i + 1];
			const char *f = c && c < 0x80
				? strchr(from, (int)c) : NULL;

			if (f) {
				buf_addc(out, to[f - from]);
				i += 2;
				continue;
			}
			if (c == 'x' && i + 3 < n && hexval(spec[i + 2]) >= 0 &&
			    hexval(spec[i + 3]) >= 0) {
				buf_addc(out, (char)(hexval(spec[i + 2]) << 4 |
						     hexval(spec[i + 3])));
				i += 4;
				continue;
			}
		}
		if (ch > 0xFF)
			return false;
		buf_addc(out, (char)ch);
		i++;
	}
	return true;
}

/* word == "send" etc.: exact, case-sensitive */
static bool
word_is(const uint32_t *s, size_t n, const char *word)
{
	if (strlen(word) != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (s[k] != (unsigned char)word[k])
			return false;
	return true;
}

static bool
is_blank_line(const uint32_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_py_space(s[i]))
			return false;
	return true;
}

/* float(arg) succeeds: a number with nothing but blanks around it */
static bool
is_float(const uint32_t *s, size_t n)
{
	char num[64], *end;
	size_t k = 0;

	if (n >= sizeof(num))
		return false;
	for (; k < n; k++)
		num[k] = s[k] < 0x80 ? (char)s[k] : '?';
	num[k] = '\0';
	strtod(num, &end);
	while (*end && isspace((unsigned char)*end))
		end++;
	return end != num && !*end;
}

char *
normalise_key_plan(const char *plan, size_t *len, char **err)
{
	const unsigned char *p = (const unsigned char *)plan;
	size_t plen = strlen(plan), pos = 0, start = 0, end = 0;
	uint32_t *cps = xmalloc((plen + 1) * sizeof(*cps));
	const char *why = "bad key step";
	struct buf out;

	buf_init(&out);
	buf_add(&out, "", 0);
	*err = NULL;
	/* readlines() in text mode: \n, \r\n and \r all end a line */
	while (pos < plen) {
		size_t n = 0, i, w, a;

		start = pos;
		while (pos < plen && p[pos] != '\n' && p[pos] != '\r')
			pos++;
		end = pos;
		if (pos + 1 < plen && p[pos] == '\r' && p[pos + 1] == '\n')
			pos++;
		if (pos < plen)
			pos++;
		/* open() decodes strictly: invalid UTF-8 is an error */
		for (i = start; i < end; n++) {
			if (!decode_utf8(p, end, &i, &cps[n]) ||
			    cps[n] == REPLACEMENT) {
				why = "not UTF-8";
				goto fail;
			}
		}
		if (is_blank_line(cps, n))
			continue;
		for (i = 0; i < n && is_py_space(cps[i]); i++)
			;
		if (cps[i] == '#')
			continue;
		/* word, _, arg = line.lstrip().partition(" ") */
		for (w = i; w < n && cps[w] != ' '; w++)
			;
		a = w < n ? w + 1 : n;
		if (word_is(cps + i, w - i, "send")) {
			if (!parse_keys(cps + a, n - a, &out)) {
				why = "key not in latin-1";
				goto fail;
			}
		} else if (word_is(cps + i, w - i, "sleep")) {
			if (!is_float(cps + a, n - a))
				goto fail;
		} else if (!word_is(cps + i, w - i, "wait")) {
			goto fail;
		}
	}
	free(cps);
	*len = out.len;
	return buf_steal(&out);
fail:
	free(cps);
	buf_fini(&out);
	buf_init(&out);
	buf_printf(&out, "%s: '%.*s'", why, (int)(end - start), plan + start);
	*err = buf_steal(&out);
	return NULL;
}
