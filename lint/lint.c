/*
 * lint.c - the check table and the driver: builds the analysis, runs
 * every enabled check, then applies what the user asked for (inline
 * directives, exclusions, minimum severity) and sorts the findings.
 * Checks never filter themselves: they report, the driver decides.
 */
#include "lint/lint.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint/cfg.h"
#include "parser/util.h"

const struct check_def check_table[CHECK_COUNT] = {
#define CHECK(NAME, num, sev, family, flags, fn, summary) \
	[CHECK_##NAME] = { CHECK_##NAME, #NAME, num, sev, family, flags, fn, \
			   summary },
#include "lint/checks.def"
#undef CHECK
};

const struct check_def *
check_by_code(unsigned code)
{
	for (unsigned i = 0; i < CHECK_COUNT; i++)
		if (check_table[i].code == code)
			return &check_table[i];
	return NULL;
}

/* "goto-missing-label" matches GOTO_MISSING_LABEL */
const struct check_def *
check_by_name(const char *name)
{
	for (unsigned i = 0; i < CHECK_COUNT; i++) {
		const char *a = check_table[i].name, *b = name;

		for (; *a && *b; a++, b++)
			if (tolower((unsigned char)*a) !=
			    (*b == '-' ? '_' : tolower((unsigned char)*b)))
				break;
		if (!*a && !*b)
			return &check_table[i];
	}
	return NULL;
}

void
lint_opts_init(struct lint_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->build = BUILDS_FULL;
	o->min_sev = SEV_STYLE;
}

struct diag *
lint_report(struct lint_ctx *ctx, enum check_id id, uint32_t off,
	    uint32_t end, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag_add(ctx->s, check_table[id].sev, check_table[id].code,
			off, end, "%s", msg);
}

const char *
lint_usage_line(struct lint_ctx *ctx, const struct cmd_def *def)
{
	struct buf b;
	char *text;

	buf_init(&b);
	cmd_usage_line(&b, def, def->name);
	text = arena_strndup(&ctx->s->arena, b.data, b.len);
	buf_fini(&b);
	return text;
}

/* ---------------------------------------------------------------- directives */

/* A "# ipxelint disable=IPX1001,IPX2001" comment: for the next line, or
 * for the whole file with "disable-file=".  Codes may be given with or
 * without "IPX", or as check names. */
struct directive {
	uint32_t line;		/* physical line it applies to; 0 = file */
	unsigned code;
};

static void
parse_directive(const struct script *s, const struct line *l,
		struct directive **v, size_t *n, size_t *cap)
{
	const struct tok *c = line_comment(s, l);
	const char *p, *e, *key;
	bool file;
	char word[64];

	if (!c)
		return;
	p = tok_str(s, c);
	e = p + c->len;
	for (p++; p < e && is_ipxe_space((unsigned char)*p); p++)
		;
	key = "ipxelint";
	if ((size_t)(e - p) < strlen(key) || strncmp(p, key, strlen(key)))
		return;
	p += strlen(key);
	for (; p < e && is_ipxe_space((unsigned char)*p); p++)
		;
	if ((size_t)(e - p) >= 13 && !strncmp(p, "disable-file=", 13)) {
		file = true;
		p += 13;
	} else if ((size_t)(e - p) >= 8 && !strncmp(p, "disable=", 8)) {
		file = false;
		p += 8;
	} else {
		return;
	}
	while (p < e && !is_ipxe_space((unsigned char)*p)) {
		size_t k = 0;
		const struct check_def *d;
		unsigned code = 0;

		while (p < e && *p != ',' && !is_ipxe_space((unsigned char)*p))
			if (k + 1 < sizeof(word))
				word[k++] = *p++;
			else
				p++;
		word[k] = '\0';
		if (*p == ',')
			p++;
		if (!strncasecmp(word, "IPX", 3))
			code = (unsigned)strtoul(word + 3, NULL, 10);
		else if (isdigit((unsigned char)word[0]))
			code = (unsigned)strtoul(word, NULL, 10);
		else if ((d = check_by_name(word)))
			code = d->code;
		if (!code)
			continue;
		*v = xgrow(*v, cap, *n + 1, sizeof(**v));
		/* "the next line": the line after the comment's own line
		 * (a directive on a line with code applies to that line) */
		(*v)[*n].line = file ? 0
			: line_ncmd(s, l) ? l->lineno : l->lineno + 1;
		(*v)[(*n)++].code = code;
	}
}

static bool
suppressed(const struct directive *v, size_t n, const struct diag *d)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].code == d->code &&
		    (v[i].line == 0 || v[i].line == d->pos.line))
			return true;
	return false;
}

static int
by_position(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;

	if (x->pos.off != y->pos.off)
		return x->pos.off < y->pos.off ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

size_t
lint_script(struct script *s, const struct lint_opts *o)
{
	struct lint_ctx ctx = { .s = s, .opts = o };

	/* A file that is not a script is not read by iPXE at all: the
	 * front end's finding is the one that matters. */
	if (s->sig != SIG_NONE) {
		ctx.cfg = cfg_build(s, o);
		for (unsigned i = 0; i < CHECK_COUNT; i++) {
			const struct check_def *c = &check_table[i];
			bool dup = false;

			if ((c->flags & CHECKF_OPTIONAL) && !o->enabled[i])
				continue;
			/* a function serving several rows runs once */
			for (unsigned j = 0; j < i; j++)
				if (check_table[j].fn == c->fn)
					dup = true;
			if (!dup)
				c->fn(&ctx);
		}
		cfg_free(ctx.cfg);
	}
	return lint_filter(s, o);
}

size_t
lint_filter(struct script *s, const struct lint_opts *o)
{
	struct directive *dirs = NULL;
	size_t ndirs = 0, cap = 0, kept = 0;

	for (uint32_t li = 0; li < s->nlines; li++)
		parse_directive(s, &s->lines[li], &dirs, &ndirs, &cap);
	for (size_t i = 0; i < s->ndiags; i++) {
		const struct diag *d = &s->diags[i];
		const struct check_def *c = check_by_code(d->code);

		if (d->sev < o->min_sev || suppressed(dirs, ndirs, d))
			continue;
		if (c && (o->excluded[c->id] ||
			  ((c->flags & CHECKF_OPTIONAL) && !o->enabled[c->id])))
			continue;
		s->diags[kept++] = *d;
	}
	s->ndiags = kept;
	if (s->ndiags > 1)
		qsort(s->diags, s->ndiags, sizeof(*s->diags), by_position);
	free(dirs);
	return kept;
}
