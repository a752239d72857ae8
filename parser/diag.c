/*
 * diag.c - recording diagnostics and printing them as gcc-style lines or
 * with a source excerpt and caret (the tty format).
 */
#include "parser/diag.h"

#include <stdarg.h>
#include <string.h>

#include "parser/script.h"
#include "parser/util.h"

static const char *const sev_names[] = {
	[SEV_STYLE] = "style",
	[SEV_INFO] = "info",
	[SEV_WARNING] = "warning",
	[SEV_ERROR] = "error",
};

static const struct {
	unsigned code;
	const char *fmt;
} front_codes[] = {
#define DIAG(NAME, num, sev, msg) { num, msg },
#include "parser/codes.def"
#undef DIAG
};

const char *
severity_name(enum severity sev)
{
	return sev_names[sev];
}

const char *
diag_code_format(unsigned code)
{
	for (size_t i = 0; i < sizeof(front_codes) / sizeof(front_codes[0]); i++)
		if (front_codes[i].code == code)
			return front_codes[i].fmt;
	return NULL;
}

static struct diag_pos
to_pos(struct src_pos p)
{
	struct diag_pos d = { p.line, p.col, p.off };
	return d;
}

struct diag *
diag_add(struct script *s, enum severity sev, unsigned code, uint32_t off,
	 uint32_t end, const char *fmt, ...)
{
	struct diag *d;
	va_list ap, aq;
	char *msg;
	int n;

	s->diags = xgrow(s->diags, &s->diag_cap, s->ndiags + 1,
			 sizeof(*s->diags));
	d = &s->diags[s->ndiags++];
	memset(d, 0, sizeof(*d));
	d->sev = sev;
	d->code = code;
	d->pos = to_pos(script_pos(s, off));
	if (end > off) {
		d->end = to_pos(script_pos(s, end - 1));
		d->end.col++;
		d->end.off++;
	} else {
		d->end = d->pos;
	}
	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = arena_alloc(&s->arena, n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, aq);
	va_end(aq);
	d->msg = msg;
	return d;
}

void
diag_print_gcc(FILE *f, const char *file, const struct diag *d)
{
	fprintf(f, "%s:%u:%u: %s: %s [IPX%04u]\n", file, d->pos.line,
		d->pos.col, severity_name(d->sev), d->msg, d->code);
}

/* Prints byte c of a source line visibly: tabs and control bytes would
 * move the caret out of place, so they become one or more visible cells. */
static int
put_visible(FILE *f, unsigned char c)
{
	if (c == '\t') {
		fputs("    ", f);
		return 4;
	}
	if (c < 0x20 || c == 0x7f) {
		fputc('?', f);
		return 1;
	}
	fputc(c, f);
	return 1;
}

/* An excerpt shows at most this many bytes of a long line: the finding
 * and what follows it, with "..." where the line was cut (a 10 MB line
 * must not be printed, nor scanned end to end, once per finding). */
enum { EXCERPT_MAX = 512, EXCERPT_BEFORE = 64 };

static void
excerpt(FILE *f, const struct script *s, const struct diag_pos *p,
	const struct diag_pos *e, bool colour)
{
	uint32_t start = p->off, stop = p->off, i, lo, hi;
	bool cut_left = false, cut_right = false;
	int width, mark = 0;

	if (p->off > s->srclen)
		return;
	lo = p->off > EXCERPT_MAX ? p->off - EXCERPT_MAX : 0;
	while (start > lo && s->src[start - 1] != '\n')
		start--;
	if (start > 0 && s->src[start - 1] != '\n') {
		start = p->off - EXCERPT_BEFORE;
		cut_left = true;
	}
	hi = s->srclen - start > EXCERPT_MAX ? start + EXCERPT_MAX : s->srclen;
	while (stop < hi && s->src[stop] != '\n')
		stop++;
	if (stop == hi && stop < s->srclen && s->src[stop] != '\n')
		cut_right = true;
	else if (stop > start && s->src[stop - 1] == '\r')
		stop--;
	width = fprintf(f, "%6u", p->line);
	fputs(" | ", f);
	if (cut_left)
		mark = fprintf(f, "...");
	for (i = start; i < stop; i++)
		put_visible(f, (unsigned char)s->src[i]);
	if (cut_right)
		fputs("...", f);
	fputc('\n', f);
	fprintf(f, "%*s | ", width, "");
	for (i = start; i < p->off && i < stop; i++)
		mark += (s->src[i] == '\t') ? 4 : 1;
	fprintf(f, "%*s", mark, "");
	if (colour)
		fputs("\033[1;32m", f);
	fputc('^', f);
	/* underline the rest of the span on this physical line */
	for (i = p->off + 1; i < stop && (e->line == p->line ? i < e->off : 1);
	     i++)
		fputs(s->src[i] == '\t' ? "~~~~" : "~", f);
	if (colour)
		fputs("\033[0m", f);
	fputc('\n', f);
}

void
diag_print_tty(FILE *f, const struct script *s, const struct diag *d,
	       bool colour)
{
	static const char *const sev_colour[] = {
		[SEV_STYLE] = "\033[1;32m", [SEV_INFO] = "\033[1;36m",
		[SEV_WARNING] = "\033[1;35m", [SEV_ERROR] = "\033[1;31m",
	};

	if (colour)
		fprintf(f, "\033[1m%s:%u:%u:\033[0m %s%s:\033[0m %s [IPX%04u]\n",
			s->name, d->pos.line, d->pos.col, sev_colour[d->sev],
			severity_name(d->sev), d->msg, d->code);
	else
		diag_print_gcc(f, s->name, d);
	excerpt(f, s, &d->pos, &d->end, colour);
	if (d->hint)
		fprintf(f, "       = hint: %s\n", d->hint);
	if (d->related.line)
		fprintf(f, "       = note: %s (line %u)\n",
			d->related_msg ? d->related_msg : "see also",
			d->related.line);
}
