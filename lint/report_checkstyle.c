/*
 * report_checkstyle.c - -f checkstyle: the XML that Jenkins, reviewdog
 * and other CI tools read, one <file> per linted file (also clean ones,
 * as ShellCheck does), one <error> per finding, source "ipxelint.IPXnnnn".
 * Checkstyle has no "style" severity: ours maps to "info".
 */
#include <string.h>

#include "lint/report.h"
#include "parser/util.h"

/* text as an XML 1.0 attribute value: valid UTF-8, markup escaped, and
 * the control characters XML forbids shown as '?' */
static void
attr(FILE *out, const char *text)
{
	struct buf b;

	buf_init(&b);
	report_utf8(&b, text, strlen(text));
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];

		switch (c) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\t': fputs("&#9;", out); break;
		case '\n': fputs("&#10;", out); break;
		case '\r': fputs("&#13;", out); break;
		default: fputc(c < 0x20 ? '?' : c, out);
		}
	}
	buf_fini(&b);
}

static void
checkstyle_begin(struct report *r)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<checkstyle version=\"4.3\">\n", r->out);
}

static void
checkstyle_script(struct report *r, const struct script *s)
{
	fputs("<file name=\"", r->out);
	attr(r->out, s->name);
	fputs("\">\n", r->out);
	for (size_t i = 0; i < s->ndiags; i++) {
		const struct diag *d = &s->diags[i];
		char code[8];

		fprintf(r->out, "<error line=\"%u\" column=\"%u\" "
			"severity=\"%s\" message=\"", d->pos.line, d->pos.col,
			d->sev == SEV_STYLE ? "info" : severity_name(d->sev));
		attr(r->out, d->msg);
		fprintf(r->out, "\" source=\"ipxelint.%s\"/>\n",
			report_code(code, d->code));
	}
	fputs("</file>\n", r->out);
}

static int
checkstyle_end(struct report *r, bool ok)
{
	(void)ok;
	fputs("</checkstyle>\n", r->out);
	return 0;
}

const struct report_ops report_checkstyle_ops = {
	checkstyle_begin, checkstyle_script, checkstyle_end
};
