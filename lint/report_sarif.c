/*
 * report_sarif.c - -f sarif: one SARIF 2.1.0 log with one run, for GitHub
 * code scanning and other SARIF viewers.  The rules are every code the
 * front end and check_table can report; columns are UTF-16 code units
 * (SARIF's default columnKind), computed from our byte columns.
 */
#include <jansson.h>
#include <string.h>

#include "lint/lint.h"
#include "lint/report.h"
#include "parser/util.h"
#include "stdlib/version.h"

/* Where the rule pages docs/checks/IPXnnnn.md are published, if they
 * are: SARIF's helpUri must be an absolute URI, and the project has no
 * public address of its own yet, so rules carry one only when the build
 * sets it (-DIPXEKIT_DOCS_URL='"https://.../docs/checks"'). */

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"

struct sarif {
	json_t *log, *rules, *results;
	unsigned *codes;	/* codes[i]: the code of rules[i] */
	size_t ncodes;
};

static json_t *
jtext(const char *text)
{
	return json_pack("{s:o}", "text", report_jstr(text, strlen(text)));
}

static const char *
level(enum severity sev)
{
	return sev == SEV_ERROR ? "error" : sev == SEV_WARNING ? "warning"
							       : "note";
}

static json_t *
rule(unsigned code, const char *family, enum severity sev, bool optional)
{
	char id[8], name[64], summary[256];
	json_t *conf = json_pack("{s:s}", "level", level(sev)), *r;

	if (optional)
		json_object_set_new(conf, "enabled", json_false());
	report_code(id, code);
	r = json_pack("{s:s, s:s, s:o, s:o, s:{s:[s]}}", "id", id,
		      "name", report_check_name(name, sizeof(name), code),
		      "shortDescription",
		      jtext(report_summary(summary, sizeof(summary), code)),
		      "defaultConfiguration", conf, "properties", "tags",
		      family);
#ifdef IPXEKIT_DOCS_URL
	{
		char uri[256];

		snprintf(uri, sizeof(uri), "%s/%s.md", IPXEKIT_DOCS_URL, id);
		json_object_set_new(r, "helpUri", json_string(uri));
	}
#endif
	return r;
}

static void
sarif_begin(struct report *r)
{
	struct sarif *x = xcalloc(1, sizeof(*x));

	x->rules = json_array();
	x->results = json_array();
	x->codes = xmalloc((report_nfront_rules + CHECK_COUNT) *
			   sizeof(*x->codes));
	for (size_t i = 0; i < report_nfront_rules; i++) {
		json_array_append_new(x->rules,
				      rule(report_front_rules[i].code,
					   "front-end",
					   report_front_rules[i].sev, false));
		x->codes[x->ncodes++] = report_front_rules[i].code;
	}
	for (size_t i = 0; i < CHECK_COUNT; i++) {
		const struct check_def *c = &check_table[i];

		json_array_append_new(x->rules,
				      rule(c->code, c->family, c->sev,
					   c->flags & CHECKF_OPTIONAL));
		x->codes[x->ncodes++] = c->code;
	}
	r->state = x;
}

/* A relative reference for a path: "./" dropped, bytes other than RFC
 * 3986's unreserved ones and '/' percent-encoded; absolute paths become
 * file:// URIs. */
static json_t *
uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;
	json_t *j;

	buf_init(&b);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] == '/')
		buf_adds(&b, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			buf_addc(&b, (char)*p);
		} else {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*p >> 4]);
			buf_addc(&b, hex[*p & 15]);
		}
	}
	j = json_pack("{s:s}", "uri", b.data ? b.data : "");
	buf_fini(&b);
	return j;
}

/* Byte column p->col as UTF-16 code units: each UTF-8 lead byte counts
 * one, a four-byte sequence two (a surrogate pair). */
static uint32_t
utf16_col(const struct script *s, const struct diag_pos *p)
{
	uint32_t off = p->off <= s->srclen ? p->off : s->srclen;
	uint32_t start = p->col - 1 <= off ? off - (p->col - 1) : 0;
	uint32_t col = 1;

	for (uint32_t i = start; i < off; i++) {
		unsigned char c = (unsigned char)s->src[i];

		if ((c & 0xc0) != 0x80)
			col += c >= 0xf0 ? 2 : 1;
	}
	return col;
}

static json_t *
region(const struct script *s, const struct diag_pos *a,
       const struct diag_pos *b)
{
	json_t *j = json_pack("{s:i, s:i}", "startLine", (json_int_t)a->line,
			      "startColumn", (json_int_t)utf16_col(s, a));

	if (b) {
		json_object_set_new(j, "endLine", json_integer(b->line));
		json_object_set_new(j, "endColumn",
				    json_integer(utf16_col(s, b)));
	}
	return j;
}

static json_t *
location(const struct script *s, json_t *r)
{
	return json_pack("{s:{s:o, s:o}}", "physicalLocation",
			 "artifactLocation", uri(s->name), "region", r);
}

static json_t *
fix(const struct script *s, const struct diag *d)
{
	struct diag_pos a = report_src_pos(s, &d->pos, d->fix->off);
	struct diag_pos b = report_src_pos(s, &a, d->fix->end);
	struct buf desc;
	json_t *j;

	buf_init(&desc);
	report_fix_describe(&desc, s, d->fix);
	j = json_pack("{s:o, s:[{s:o, s:[{s:o, s:o}]}]}", "description",
		      jtext(desc.data), "artifactChanges", "artifactLocation",
		      uri(s->name), "replacements", "deletedRegion",
		      region(s, &a, &b), "insertedContent",
		      jtext(d->fix->text));
	buf_fini(&desc);
	return j;
}

static void
sarif_script(struct report *r, const struct script *s)
{
	struct sarif *x = r->state;

	for (size_t i = 0; i < s->ndiags; i++) {
		const struct diag *d = &s->diags[i];
		char id[8];
		json_t *res;
		size_t k;

		for (k = 0; k < x->ncodes && x->codes[k] != d->code; k++)
			;
		res = json_pack("{s:s}", "ruleId", report_code(id, d->code));
		if (k < x->ncodes)
			json_object_set_new(res, "ruleIndex", json_integer(k));
		json_object_set_new(res, "level", json_string(level(d->sev)));
		json_object_set_new(res, "message", jtext(d->msg));
		json_object_set_new(res, "locations",
				    json_pack("[o]",
					      location(s, region(s, &d->pos,
								 &d->end))));
		if (d->related.line) {
			json_t *rel = location(s, region(s, &d->related,
							 NULL));

			json_object_set_new(rel, "id", json_integer(0));
			json_object_set_new(rel, "message",
					    jtext(d->related_msg
						  ? d->related_msg
						  : "see also"));
			json_object_set_new(res, "relatedLocations",
					    json_pack("[o]", rel));
		}
		if (d->hint)
			json_object_set_new(res, "properties",
					    json_pack("{s:o}", "hint",
						      jtext(d->hint)));
		if (d->fix)
			json_object_set_new(res, "fixes",
					    json_pack("[o]", fix(s, d)));
		json_array_append_new(x->results, res);
	}
}

static int
sarif_end(struct report *r, bool ok)
{
	struct sarif *x = r->state;
	int rc;

	x->log = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, "
			   "s:[{s:b}], s:s, s:o}]}",
			   "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs",
			   "tool", "driver", "name", "ipxelint", "version",
			   ipxekit_version, "rules", x->rules, "invocations",
			   "executionSuccessful", ok, "columnKind",
			   "utf16CodeUnits", "results", x->results);
	rc = json_dumpf(x->log, r->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', r->out);
	json_decref(x->log);
	free(x->codes);
	free(x);
	return rc;
}

const struct report_ops report_sarif_ops = { sarif_begin, sarif_script,
					     sarif_end };
