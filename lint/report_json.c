/*
 * report_json.c - -f json: one array of findings for the whole run, each
 * an object with the file, the span (1-based lines, byte columns, the end
 * exclusive), severity, code, check name, message, and the fix if any.
 * Built with jansson; text that is not UTF-8 is cleaned up first.
 */
#include <jansson.h>
#include <string.h>

#include "lint/report.h"
#include "parser/util.h"

json_t *
report_jstr(const char *text, size_t len)
{
	struct buf b;
	json_t *j;

	buf_init(&b);
	report_utf8(&b, text, len);
	j = json_stringn(b.data, b.len);
	buf_fini(&b);
	return j;
}

static json_t *
jstrz(const char *text)
{
	return report_jstr(text, strlen(text));
}

static json_t *
finding(const struct script *s, const struct diag *d)
{
	char code[8], name[64];
	json_t *o = json_object();

	json_object_set_new(o, "file", jstrz(s->name));
	json_object_set_new(o, "line", json_integer(d->pos.line));
	json_object_set_new(o, "column", json_integer(d->pos.col));
	json_object_set_new(o, "endLine", json_integer(d->end.line));
	json_object_set_new(o, "endColumn", json_integer(d->end.col));
	json_object_set_new(o, "severity", json_string(severity_name(d->sev)));
	json_object_set_new(o, "code", json_string(report_code(code, d->code)));
	json_object_set_new(o, "check",
			    json_string(report_check_name(name, sizeof(name),
							  d->code)));
	json_object_set_new(o, "message", jstrz(d->msg));
	if (d->hint)
		json_object_set_new(o, "hint", jstrz(d->hint));
	if (d->related.line) {
		json_t *rel = json_object();

		json_object_set_new(rel, "line", json_integer(d->related.line));
		json_object_set_new(rel, "column",
				    json_integer(d->related.col));
		json_object_set_new(rel, "message",
				    jstrz(d->related_msg ? d->related_msg
							 : "see also"));
		json_object_set_new(o, "related", rel);
	}
	if (d->fix) {
		struct diag_pos a = report_src_pos(s, &d->pos, d->fix->off);
		struct diag_pos b = report_src_pos(s, &a, d->fix->end);
		json_t *fix = json_object();

		json_object_set_new(fix, "offset", json_integer(a.off));
		json_object_set_new(fix, "length",
				    json_integer(b.off - a.off));
		json_object_set_new(fix, "line", json_integer(a.line));
		json_object_set_new(fix, "column", json_integer(a.col));
		json_object_set_new(fix, "endLine", json_integer(b.line));
		json_object_set_new(fix, "endColumn", json_integer(b.col));
		json_object_set_new(fix, "replacement", jstrz(d->fix->text));
		json_object_set_new(o, "fix", fix);
	}
	return o;
}

static void
json_begin(struct report *r)
{
	r->state = json_array();
}

static void
json_script(struct report *r, const struct script *s)
{
	for (size_t i = 0; i < s->ndiags; i++)
		json_array_append_new(r->state, finding(s, &s->diags[i]));
}

static int
json_end(struct report *r, bool ok)
{
	int rc;

	(void)ok;
	rc = json_dumpf(r->state, r->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', r->out);
	json_decref(r->state);
	return rc;
}

const struct report_ops report_json_ops = { json_begin, json_script,
					    json_end };
