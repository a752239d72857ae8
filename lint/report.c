/*
 * report.c - the table of output formats and the three that need no
 * library (tty, gcc, quiet); helpers shared by report_*.c: check names,
 * positions of fix offsets, UTF-8 clean-up.
 */
#include "lint/report.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "lint/lint.h"
#include "parser/util.h"

static void
text_script(struct report *r, const struct script *s)
{
	for (size_t i = 0; i < s->ndiags; i++)
		if (r->format == REPORT_TTY)
			diag_print_tty(r->out, s, &s->diags[i], r->colour);
		else
			diag_print_gcc(r->out, s->name, &s->diags[i]);
}

static const struct report_ops text_ops = { NULL, text_script, NULL };
static const struct report_ops quiet_ops = { NULL, NULL, NULL };

/* ORDER: enum report_format */
static const struct {
	const char *name;
	const struct report_ops *ops;
} formats[REPORT_COUNT] = {
	[REPORT_TTY] = { "tty", &text_ops },
	[REPORT_GCC] = { "gcc", &text_ops },
	[REPORT_JSON] = { "json", &report_json_ops },
	[REPORT_SARIF] = { "sarif", &report_sarif_ops },
	[REPORT_CHECKSTYLE] = { "checkstyle", &report_checkstyle_ops },
	[REPORT_DIFF] = { "diff", &report_diff_ops },
	[REPORT_QUIET] = { "quiet", &quiet_ops },
};

int
report_format_lookup(const char *name)
{
	for (int i = 0; i < REPORT_COUNT; i++)
		if (strcmp(formats[i].name, name) == 0)
			return i;
	return -1;
}

const char *
report_format_name(enum report_format f)
{
	return formats[f].name;
}

void
report_begin(struct report *r, enum report_format f, FILE *out, bool colour)
{
	memset(r, 0, sizeof(*r));
	r->format = f;
	r->out = out;
	r->colour = colour;
	if (formats[f].ops->begin)
		formats[f].ops->begin(r);
}

void
report_script(struct report *r, const struct script *s)
{
	if (formats[r->format].ops->script)
		formats[r->format].ops->script(r, s);
}

int
report_end(struct report *r, bool ok)
{
	int rc = 0;

	if (formats[r->format].ops->end)
		rc = formats[r->format].ops->end(r, ok);
	if (fflush(r->out) != 0 || ferror(r->out)) {
		if (!errno)
			errno = EIO;
		rc = -1;
	}
	return rc;
}

/* ---------------------------------------------------------------- helpers */

const char *
report_code(char *buf, unsigned code)
{
	snprintf(buf, 8, "IPX%04u", code % 10000);
	return buf;
}

/* The front end's codes (parser/codes.def). */
const struct report_rule report_front_rules[] = {
#define DIAG(NAME, num, sev, msg) { num, #NAME, sev, msg },
#include "parser/codes.def"
#undef DIAG
};
const size_t report_nfront_rules =
	sizeof(report_front_rules) / sizeof(report_front_rules[0]);

/* "GOTO_MISSING_LABEL" -> "goto-missing-label" */
static const char *
dashed(char *buf, size_t size, const char *name)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = name[i] == '_' ? '-'
			: (char)tolower((unsigned char)name[i]);
	buf[i] = '\0';
	return buf;
}

const char *
report_check_name(char *buf, size_t size, unsigned code)
{
	const struct check_def *c = check_by_code(code);

	if (c)
		return dashed(buf, size, c->name);
	for (size_t i = 0; i < report_nfront_rules; i++)
		if (report_front_rules[i].code == code)
			return dashed(buf, size, report_front_rules[i].name);
	buf[0] = '\0';
	return buf;
}

const char *
report_summary(char *buf, size_t size, unsigned code)
{
	const struct check_def *c = check_by_code(code);
	size_t n = 0;

	buf[0] = '\0';
	if (c) {
		snprintf(buf, size, "%s", c->summary);
		return buf;
	}
	for (size_t i = 0; i < report_nfront_rules; i++) {
		const char *f = report_front_rules[i].format;

		if (report_front_rules[i].code != code)
			continue;
		/* the message format, its "%s" shown as "..." */
		for (; *f && n + 4 < size; f++) {
			if (f[0] == '%' && f[1] == 's') {
				memcpy(buf + n, "...", 3);
				n += 3;
				f++;
			} else {
				buf[n++] = *f;
			}
		}
		buf[n] = '\0';
	}
	return buf;
}

struct diag_pos
report_src_pos(const struct script *s, const struct diag_pos *near,
	       uint32_t off)
{
	struct diag_pos p = { 1, 1, 0 };
	uint32_t start;

	if (near && near->line && near->off <= s->srclen)
		p = *near;
	if (off > s->srclen)
		off = s->srclen;
	/* count the newlines between the anchor and off, either way */
	for (; p.off < off; p.off++)
		if (s->src[p.off] == '\n')
			p.line++;
	for (; p.off > off; p.off--)
		if (s->src[p.off - 1] == '\n')
			p.line--;
	for (start = off; start > 0 && s->src[start - 1] != '\n'; start--)
		;
	p.col = off - start + 1;
	return p;
}

void
report_utf8(struct buf *b, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;

	for (size_t i = 0; i < len;) {
		size_t n = util_utf8_len(p + i, len - i);

		if (n) {
			buf_add(b, p + i, n);
			i += n;
		} else {
			buf_adds(b, "\xef\xbf\xbd");
			i++;
		}
	}
	if (!b->data)
		buf_add(b, "", 0);
}

/* 'text', at most 40 bytes of it, control bytes shown as '?' */
static void
quoted(struct buf *b, const char *text, size_t len)
{
	struct buf t;

	buf_init(&t);
	buf_addc(&t, '\'');
	for (size_t i = 0; i < len && i < 40; i++)
		buf_addc(&t, (unsigned char)text[i] < 0x20 ? '?' : text[i]);
	if (len > 40)
		buf_adds(&t, "...");
	buf_addc(&t, '\'');
	report_utf8(b, t.data, t.len);
	buf_fini(&t);
}

void
report_fix_describe(struct buf *b, const struct script *s,
		    const struct fix *f)
{
	uint32_t off = f->off <= s->srclen ? f->off : s->srclen;
	uint32_t end = f->end <= s->srclen && f->end >= off ? f->end : off;

	if (end == off) {
		buf_adds(b, "insert ");
		quoted(b, f->text, strlen(f->text));
		return;
	}
	buf_adds(b, *f->text ? "replace " : "delete ");
	quoted(b, s->src + off, end - off);
	if (*f->text) {
		buf_adds(b, " with ");
		quoted(b, f->text, strlen(f->text));
	}
}
