/*
 * report_diff.c - the fix engine and -f diff.  A fix replaces source bytes
 * [off, end); the plan applies a script's fixes in source order and
 * records which whole old lines each change rewrites, so that the diff
 * is printed from the plan directly (no diff algorithm needed).
 */
#include <stdlib.h>
#include <string.h>

#include "lint/report.h"
#include "parser/util.h"

enum { CONTEXT = 3 };

struct pending {
	const struct fix *fix;
	size_t diag;
};

static int
by_offset(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->fix->off != y->fix->off)
		return x->fix->off < y->fix->off ? -1 : 1;
	if (x->fix->end != y->fix->end)
		return x->fix->end < y->fix->end ? -1 : 1;
	return x->diag < y->diag ? -1 : x->diag > y->diag;
}

/* The line holding offset off (the last line for off == srclen). */
static uint32_t
line_of(const struct fix_plan *p, uint32_t off)
{
	uint32_t lo = 0, hi = p->nlines;

	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (p->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t
line_end(const struct fix_plan *p, const struct script *s, uint32_t li)
{
	return li + 1 < p->nlines ? p->line_start[li + 1] : s->srclen;
}

static uint32_t
last_line(const struct fix_plan *p, const struct fix *f)
{
	return line_of(p, f->end > f->off ? f->end - 1 : f->off);
}

/* A fix's text, with each lone '\n' written as "\r\n" in a CRLF file. */
static void
add_text(struct buf *b, const char *t, bool crlf)
{
	for (; *t; t++) {
		if (crlf && *t == '\n' && (b->len == 0 ||
					   b->data[b->len - 1] != '\r'))
			buf_addc(b, '\r');
		buf_addc(b, *t);
	}
}

/* Source bytes [start, end) with the n fixes of v applied, into g. */
static void
group_text(struct buf *g, const struct script *s, const struct pending *v,
	   size_t n, uint32_t start, uint32_t end, bool crlf)
{
	uint32_t at = start;

	buf_reset(g);
	for (size_t i = 0; i < n; i++) {
		buf_add(g, s->src + at, v[i].fix->off - at);
		add_text(g, v[i].fix->text, crlf);
		at = v[i].fix->end;
	}
	buf_add(g, s->src + at, end - at);
}

size_t
fix_plan_build(struct fix_plan *p, const struct script *s)
{
	struct pending *v = xcalloc(s->ndiags + 1, sizeof(*v));
	size_t n = 0, k = 0, cap = 0;
	uint32_t pos = 0, last_end = 0;
	struct buf b, g;
	bool crlf;

	memset(p, 0, sizeof(*p));
	p->applied = xcalloc(s->ndiags + 1, sizeof(*p->applied));
	for (size_t i = 0; i < s->ndiags; i++) {
		const struct fix *f = s->diags[i].fix;

		if (f && f->text && f->off <= f->end && f->end <= s->srclen)
			v[n++] = (struct pending){ f, i };
	}
	qsort(v, n, sizeof(*v), by_offset);
	/* keep fixes in order, dropping repeats and overlaps */
	for (size_t i = 0; i < n; i++) {
		const struct fix *f = v[i].fix;

		if (k && f->off == v[k - 1].fix->off &&
		    f->end == v[k - 1].fix->end &&
		    strcmp(f->text, v[k - 1].fix->text) == 0) {
			p->applied[v[i].diag] = true;
			continue;
		}
		if (k && f->off < last_end)
			continue;
		p->applied[v[i].diag] = true;
		last_end = f->end;
		v[k++] = v[i];
	}
	p->nfixes = k;

	for (uint32_t i = 0; i < s->srclen; i++)
		if (i == 0 || s->src[i - 1] == '\n') {
			p->line_start = xgrow(p->line_start, &cap,
					      p->nlines + 1, sizeof(uint32_t));
			p->line_start[p->nlines++] = i;
		}
	crlf = p->nlines && line_end(p, s, 0) >= 2 &&
	       s->src[line_end(p, s, 0) - 1] == '\n' &&
	       s->src[line_end(p, s, 0) - 2] == '\r';

	buf_init(&b);
	buf_init(&g);
	for (size_t i = 0; i < k;) {
		uint32_t first = p->nlines ? line_of(p, v[i].fix->off) : 0;
		uint32_t last = p->nlines ? last_line(p, v[i].fix) : 0;
		uint32_t start = p->nlines ? p->line_start[first] : 0, end;
		size_t j;

		for (;;) {
			/* the fixes touching lines [first, last] */
			for (j = i + 1; j < k &&
			     line_of(p, v[j].fix->off) <= last; j++)
				if (last_line(p, v[j].fix) > last)
					last = last_line(p, v[j].fix);
			end = p->nlines ? line_end(p, s, last) : 0;
			group_text(&g, s, v + i, j - i, start, end, crlf);
			/* a change ends where a line ends: when a fix ate
			 * the newline, take in the next line too */
			if (!g.len || g.data[g.len - 1] == '\n' ||
			    last + 1 >= p->nlines)
				break;
			last++;
		}
		buf_add(&b, s->src + pos, start - pos);
		p->changes = xrealloc(p->changes, (p->nchanges + 1) *
						  sizeof(*p->changes));
		p->changes[p->nchanges++] = (struct fix_change){
			first, p->nlines ? last + 1 : 0, b.len, g.len
		};
		buf_add(&b, g.data, g.len);
		pos = end;
		i = j;
	}
	buf_fini(&g);
	buf_add(&b, s->src + pos, s->srclen - pos);
	p->len = b.len;
	p->text = buf_steal(&b);
	free(v);
	return p->nfixes;
}

void
fix_plan_fini(struct fix_plan *p)
{
	free(p->text);
	free(p->applied);
	free(p->changes);
	free(p->line_start);
	memset(p, 0, sizeof(*p));
}

/* Prints "PREFIX line", and the marker when the line has no newline. */
static void
put_line(FILE *out, char prefix, const char *text, size_t len)
{
	fputc(prefix, out);
	fwrite(text, 1, len, out);
	if (!len || text[len - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

static void
put_old(FILE *out, char prefix, const struct fix_plan *p,
	const struct script *s, uint32_t from, uint32_t to)
{
	for (uint32_t li = from; li < to; li++)
		put_line(out, prefix, s->src + p->line_start[li],
			 line_end(p, s, li) - p->line_start[li]);
}

/* Lines of a change's new text; with out, prints them as '+' lines. */
static uint32_t
new_lines(FILE *out, const struct fix_plan *p, const struct fix_change *c)
{
	const char *t = p->text + c->off, *e = t + c->len;
	uint32_t n = 0;

	while (t < e) {
		const char *nl = memchr(t, '\n', (size_t)(e - t));
		size_t len = nl ? (size_t)(nl - t) + 1 : (size_t)(e - t);

		if (out)
			put_line(out, '+', t, len);
		t += len;
		n++;
	}
	return n;
}

static void
range(FILE *out, char sign, uint32_t start, uint32_t count)
{
	/* GNU diff: an empty range names the line before it */
	fprintf(out, "%c%u", sign, count ? start + 1 : start);
	if (count != 1)
		fprintf(out, ",%u", count);
}

void
fix_plan_diff(FILE *out, const struct fix_plan *p, const struct script *s,
	      const char *path)
{
	long delta = 0;

	if (!p->nchanges)
		return;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	fprintf(out, "--- a/%s\n+++ b/%s\n", path, path);
	for (size_t i = 0; i < p->nchanges;) {
		const struct fix_change *c = p->changes;
		size_t j = i;
		uint32_t hs, he, oldn;
		long newn;

		while (j + 1 < p->nchanges &&
		       c[j + 1].first - c[j].last <= 2 * CONTEXT)
			j++;
		hs = c[i].first > CONTEXT ? c[i].first - CONTEXT : 0;
		he = c[j].last + CONTEXT < p->nlines ? c[j].last + CONTEXT
						     : p->nlines;
		oldn = he - hs;
		newn = oldn;
		for (size_t m = i; m <= j; m++)
			newn += (long)new_lines(NULL, p, &c[m]) -
				(long)(c[m].last - c[m].first);
		fputs("@@ ", out);
		range(out, '-', hs, oldn);
		fputc(' ', out);
		range(out, '+', (uint32_t)((long)hs + delta), (uint32_t)newn);
		fputs(" @@\n", out);
		put_old(out, ' ', p, s, hs, c[i].first);
		for (size_t m = i; m <= j; m++) {
			size_t r = m;

			/* adjacent changes: all old lines, then all new */
			while (m < j && c[m + 1].first == c[m].last)
				m++;
			put_old(out, '-', p, s, c[r].first, c[m].last);
			for (size_t q = r; q <= m; q++)
				new_lines(out, p, &c[q]);
			put_old(out, ' ', p, s, c[m].last,
				m < j ? c[m + 1].first : he);
		}
		delta += newn - (long)oldn;
		i = j + 1;
	}
}

/* ---------------------------------------------------------------- -f diff */

static void
diff_script(struct report *r, const struct script *s)
{
	struct fix_plan p;

	if (fix_plan_build(&p, s))
		fix_plan_diff(r->out, &p, s, s->name);
	fix_plan_fini(&p);
}

const struct report_ops report_diff_ops = { NULL, diff_script, NULL };
