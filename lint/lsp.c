/*
 * lsp.c - ipxelint --lsp: the transport (Content-Length framing over a
 * file descriptor, bounded reads), the JSON-RPC lifecycle (initialize,
 * shutdown, exit; errors for everything else), the open documents
 * (full and incremental sync), their linting (debounced: queued changes
 * are applied first, the latest text is linted once) and the mapping of
 * byte offsets to LSP positions (UTF-16 code units, or UTF-8 bytes when
 * the client offers them).  The per-document features are lsp_nav.c's.
 */
#include "lint/lsp.h"

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "lint/report.h"
#include "parser/script.h"
#include "parser/util.h"
#include "stdlib/version.h"

/* JSON-RPC and LSP error codes. */
enum {
	RPC_PARSE_ERROR = -32700,
	RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601,
	RPC_INVALID_PARAMS = -32602,
	RPC_NOT_INITIALIZED = -32002,
	RPC_REQUEST_FAILED = -32803,
};

/* ---------------------------------------------------------------- input */

#define IN_BUF (64 * 1024)

struct lsp_in {
	int fd;
	char buf[IN_BUF];
	size_t pos, len;
	bool eof;
};

/* Reads more bytes; false at end of input (or a read error). */
static bool
in_fill(struct lsp_in *r)
{
	ssize_t n;

	if (r->eof)
		return false;
	if (r->pos == r->len)
		r->pos = r->len = 0;
	if (r->len == sizeof(r->buf)) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	do
		n = read(r->fd, r->buf + r->len, sizeof(r->buf) - r->len);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		r->eof = true;
		return false;
	}
	r->len += (size_t)n;
	return true;
}

/* Whether something (bytes or the end) can be read within timeout_ms. */
static bool
in_ready(struct lsp_in *r, int timeout_ms)
{
	struct pollfd p = { .fd = r->fd, .events = POLLIN };
	int n;

	if (r->pos < r->len || r->eof)
		return true;
	do
		n = poll(&p, 1, timeout_ms);
	while (n < 0 && errno == EINTR);
	return n != 0;
}

/* One header line into line (cap bytes, the rest of a longer one is
 * dropped), without its "\r\n" or "\n".  false at end of input. */
static bool
in_line(struct lsp_in *r, char *line, size_t cap, size_t *n)
{
	*n = 0;
	for (;;) {
		char *nl;
		size_t k;

		if (r->pos == r->len && !in_fill(r))
			return false;
		nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		k = (nl ? (size_t)(nl - r->buf) : r->len) - r->pos;
		for (size_t i = 0; i < k && *n + 1 < cap; i++)
			line[(*n)++] = r->buf[r->pos + i];
		r->pos += k;
		if (nl) {
			r->pos++;
			break;
		}
	}
	if (*n && line[*n - 1] == '\r')
		(*n)--;
	line[*n] = '\0';
	return true;
}

/* n bytes into dst (NULL: skipped); false if the input ends first. */
static bool
in_bytes(struct lsp_in *r, char *dst, size_t n)
{
	while (n) {
		size_t k;

		if (r->pos == r->len && !in_fill(r))
			return false;
		k = r->len - r->pos < n ? r->len - r->pos : n;
		if (dst) {
			memcpy(dst, r->buf + r->pos, k);
			dst += k;
		}
		r->pos += k;
		n -= k;
	}
	return true;
}

enum msg_status { MSG_OK, MSG_EOF, MSG_BAD };

/* The next message's body (malloc'd, NUL-ended) or, for MSG_BAD, why
 * there is none in why (the framing is kept in step where it can be). */
static enum msg_status
read_message(struct lsp_in *r, char **body, size_t *len, char *why,
	     size_t whylen)
{
	char line[LSP_MAX_HEADER];
	bool any = false, bad = false, have = false;
	unsigned long long n = 0;
	size_t k;

	*body = NULL;
	for (;;) {
		if (!in_line(r, line, sizeof(line), &k))
			return MSG_EOF;
		if (!k) {
			if (any)
				break;
			continue;	/* blank lines between messages */
		}
		any = true;
		if (!strncasecmp(line, "Content-Length:", 15)) {
			char *p = line + 15, *end;

			while (*p == ' ' || *p == '\t')
				p++;
			errno = 0;
			n = strtoull(p, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
			have = true;
			bad = *p < '0' || *p > '9' || *end || errno;
		}
	}
	if (!have || bad) {
		snprintf(why, whylen, have ? "bad Content-Length header"
			 : "message without a Content-Length header");
		return MSG_BAD;
	}
	if (n > LSP_MAX_MESSAGE) {
		unsigned long long total = n;

		/* skipped piecewise: memory stays bounded */
		while (n) {
			size_t step = n > IN_BUF ? IN_BUF : (size_t)n;

			if (!in_bytes(r, NULL, step))
				return MSG_EOF;
			n -= step;
		}
		snprintf(why, whylen, "message of %llu bytes is over the "
			 "limit of %zu MiB: skipped", total,
			 LSP_MAX_MESSAGE >> 20);
		return MSG_BAD;
	}
	*body = xmalloc((size_t)n + 1);
	if (!in_bytes(r, *body, (size_t)n)) {
		free(*body);
		*body = NULL;
		return MSG_EOF;
	}
	(*body)[n] = '\0';
	*len = (size_t)n;
	return MSG_OK;
}

/* ---------------------------------------------------------------- state */

enum lsp_state { ST_UNINIT, ST_RUNNING, ST_SHUTDOWN };

struct lsp {
	struct lsp_in in;
	FILE *out;
	const struct cli *cli;
	enum lsp_state state;
	struct lsp_pos_enc enc;
	struct lsp_doc **docs;
	size_t ndocs;
	bool gone;		/* writing to the client failed */
};

static void
send(struct lsp *l, json_t *msg)
{
	char *text;

	json_object_set_new(msg, "jsonrpc", json_string("2.0"));
	text = json_dumps(msg, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(msg);
	if (!text)
		return;
	fprintf(l->out, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
	if (fflush(l->out) != 0 || ferror(l->out))
		l->gone = true;
	free(text);
}

static void
reply(struct lsp *l, json_t *id, json_t *result)
{
	json_t *m = json_object();

	json_object_set(m, "id", id ? id : json_null());
	json_object_set_new(m, "result", result ? result : json_null());
	send(l, m);
}

static void
reply_error(struct lsp *l, json_t *id, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
reply_error(struct lsp *l, json_t *id, int code, const char *fmt, ...)
{
	json_t *m = json_object(), *e = json_object();
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_object_set_new(e, "code", json_integer(code));
	json_object_set_new(e, "message", report_jstr(msg, strlen(msg)));
	json_object_set(m, "id", id ? id : json_null());
	json_object_set_new(m, "error", e);
	send(l, m);
}

static void
notify(struct lsp *l, const char *method, json_t *params)
{
	json_t *m = json_object();

	json_object_set_new(m, "method", json_string(method));
	json_object_set_new(m, "params", params);
	send(l, m);
}

/* ---------------------------------------------------------------- positions */

/* Bytes of the UTF-8 sequence led by c (1 for anything else) and the
 * UTF-16 code units it takes. */
static size_t
utf8_seq(unsigned char c, size_t *units)
{
	*units = 1;
	if (c >= 0xf0 && c <= 0xf4) {
		*units = 2;
		return 4;
	}
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	return 1;
}

static void
doc_index_lines(struct lsp_doc *d)
{
	size_t cap = 0;

	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
	d->lines = xgrow(d->lines, &cap, 1, sizeof(*d->lines));
	d->lines[d->nlines++] = 0;
	for (size_t i = 0; i < d->len; i++) {
		if (d->text[i] != '\n' && d->text[i] != '\r')
			continue;
		if (d->text[i] == '\r' && i + 1 < d->len &&
		    d->text[i + 1] == '\n')
			i++;
		d->lines = xgrow(d->lines, &cap, d->nlines + 1,
				 sizeof(*d->lines));
		d->lines[d->nlines++] = (uint32_t)(i + 1);
	}
}

/* End of line li's text (before its line break). */
static size_t
line_end(const struct lsp_doc *d, uint32_t li)
{
	size_t end = li + 1 < d->nlines ? d->lines[li + 1] : d->len;

	if (li + 1 < d->nlines) {
		end--;
		if (end > d->lines[li] && d->text[end] == '\n' &&
		    d->text[end - 1] == '\r')
			end--;
	}
	return end;
}

size_t
lsp_offset(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	   int64_t line, int64_t character)
{
	size_t off, end;
	int64_t units = 0;

	if (line < 0)
		return 0;
	if ((uint64_t)line >= d->nlines)
		return d->len;
	off = d->lines[line];
	end = line_end(d, (uint32_t)line);
	if (e->utf8)
		return character <= 0 ? off
			: (uint64_t)character >= end - off ? end
			: off + (size_t)character;
	while (off < end && units < character) {
		size_t u, n = utf8_seq((unsigned char)d->text[off], &u);

		units += (int64_t)u;
		off += n;
	}
	return off < end ? off : end;
}

json_t *
lsp_position(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	     size_t off)
{
	uint32_t lo = 0, hi = d->nlines;
	size_t p, units = 0;

	if (off > d->len)
		off = d->len;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (d->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	p = d->lines[lo];
	if (e->utf8) {
		units = off - p;
	} else {
		while (p < off) {
			size_t u, n = utf8_seq((unsigned char)d->text[p], &u);

			units += u;
			p += n;
		}
	}
	return json_pack("{s:I,s:I}", "line", (json_int_t)lo, "character",
			 (json_int_t)units);
}

json_t *
lsp_range(const struct lsp_doc *d, const struct lsp_pos_enc *e, size_t off,
	  size_t end)
{
	return json_pack("{s:o,s:o}", "start", lsp_position(d, e, off), "end",
			 lsp_position(d, e, end < off ? off : end));
}

json_t *
lsp_location(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	     size_t off, size_t end)
{
	return json_pack("{s:s,s:o}", "uri", d->uri, "range",
			 lsp_range(d, e, off, end));
}

/* ---------------------------------------------------------------- documents */

/* The path of a file: URI ("file:///a%20b", "file://localhost/x"),
 * percent-decoded; NULL for other URIs. */
static char *
uri_path(const char *uri)
{
	const char *p;
	struct buf b;

	if (strncasecmp(uri, "file://", 7))
		return NULL;
	p = uri + 7;
	if (!strncasecmp(p, "localhost/", 10))
		p += 9;
	if (*p != '/')
		return NULL;
	buf_init(&b);
	for (; *p && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && util_hexval(p[1]) >= 0 &&
		    util_hexval(p[2]) >= 0) {
			char c = (char)(util_hexval(p[1]) << 4 |
					util_hexval(p[2]));

			if (!c)
				break;
			buf_addc(&b, c);
			p += 2;
		} else {
			buf_addc(&b, *p);
		}
	}
	return buf_steal(&b);
}

static struct lsp_doc *
doc_find(struct lsp *l, const char *uri)
{
	for (size_t i = 0; uri && i < l->ndocs; i++)
		if (!strcmp(l->docs[i]->uri, uri))
			return l->docs[i];
	return NULL;
}

static void
doc_clear_lint(struct lsp_doc *d)
{
	if (d->g)
		cfg_free(d->g);
	if (d->s)
		script_free(d->s);
	d->g = NULL;
	d->s = NULL;
	/* the run's lists point into the rc file's: free them first */
	settings_run_fini(&d->run);
	rc_fini(&d->rc);
	free(d->rc_error);
	d->rc_error = NULL;
}

static void
doc_free(struct lsp_doc *d)
{
	doc_clear_lint(d);
	free(d->uri);
	free(d->path);
	free(d->text);
	free(d->lines);
	free(d);
}

static void
doc_set_text(struct lsp_doc *d, const char *text, size_t len)
{
	free(d->text);
	d->text = xmalloc(len + 1);
	memcpy(d->text, text, len);
	d->text[len] = '\0';
	d->len = len;
	d->overflow = 0;
	doc_index_lines(d);
	d->dirty = true;
}

/* The directory part of absolute path p. */
static char *
dir_of(const char *p)
{
	char *d = xstrdup(p), *slash = strrchr(d, '/');

	if (slash)
		*(slash == d ? slash + 1 : slash) = '\0';
	return d;
}

/* Lints d's text as `ipxelint FILE` would lint the file at d->path:
 * its .ipxelintrc (unless --norc), then the command line's settings. */
static void
doc_lint(struct lsp *l, struct lsp_doc *d)
{
	const struct lint_settings *rcset = NULL;
	char err[CLI_ERR_MAX];
	bool ignored = false;

	doc_clear_lint(d);
	d->dirty = false;
	if (d->len > LSP_MAX_DOCUMENT || d->overflow)
		return;
	if (d->path && !l->cli->norc) {
		char *dir = dir_of(d->path), *rcpath = rc_find(dir);

		free(dir);
		if (rcpath && rc_load(&d->rc, rcpath, err) != 0) {
			rc_fini(&d->rc);
			d->rc_error = xstrdup(err);
		} else if (rcpath) {
			rcset = &d->rc.set;
			ignored = rc_ignores(&d->rc, d->path) != NULL;
		}
		free(rcpath);
	}
	settings_apply(&d->run, rcset, &l->cli->set);
	d->s = script_parse(d->path ? d->path : d->uri, d->text, d->len);
	if (!d->s)
		return;
	lint_run_script(d->s, &d->run);
	if (ignored)
		d->s->ndiags = 0;	/* an "ignore =" path: no findings */
	d->g = cfg_build(d->s, &d->run.opts);
}

static const int lsp_severity[] = {
	[SEV_ERROR] = 1, [SEV_WARNING] = 2, [SEV_INFO] = 3, [SEV_STYLE] = 4,
};

json_t *
lsp_diagnostic(const struct lsp_doc *d, const struct lsp_pos_enc *e,
	       size_t i)
{
	const struct diag *g = &d->s->diags[i];
	char code[8];
	struct buf msg;
	json_t *o;

	buf_init(&msg);
	buf_adds(&msg, g->msg);
	if (g->hint)
		buf_printf(&msg, "\n%s", g->hint);
	o = json_object();
	json_object_set_new(o, "range", lsp_range(d, e, g->pos.off,
						  g->end.off));
	json_object_set_new(o, "severity", json_integer(lsp_severity[g->sev]));
	json_object_set_new(o, "code", json_string(report_code(code,
							       g->code)));
	json_object_set_new(o, "source", json_string("ipxelint"));
	json_object_set_new(o, "message", report_jstr(msg.data, msg.len));
	if (g->related.line) {
		const char *rm = g->related_msg ? g->related_msg : "see also";

		json_object_set_new(o, "relatedInformation", json_pack(
			"[{s:o,s:o}]", "location",
			lsp_location(d, e, g->related.off, g->related.off),
			"message", report_jstr(rm, strlen(rm))));
	}
	buf_fini(&msg);
	return o;
}

/* A diagnostic of the server itself at the top of d. */
static json_t *
note(const struct lsp_doc *d, const struct lsp_pos_enc *e, int sev,
     const char *text)
{
	return json_pack("{s:o,s:i,s:s,s:o}", "range", lsp_range(d, e, 0, 0),
			 "severity", sev, "source", "ipxelint", "message",
			 report_jstr(text, strlen(text)));
}

static void
publish(struct lsp *l, struct lsp_doc *d)
{
	json_t *v = json_array();

	if (d->overflow) {
		char msg[240];

		snprintf(msg, sizeof(msg), "not linted: an edit made the "
			 "document %zu bytes long, over ipxelint --lsp's limit "
			 "of %zu MiB; its changes are not followed until it "
			 "is reopened", d->overflow, LSP_MAX_MESSAGE >> 20);
		json_array_append_new(v, note(d, &l->enc, 1, msg));
	} else if (d->len > LSP_MAX_DOCUMENT) {
		char msg[160];

		snprintf(msg, sizeof(msg), "not linted: the document has %zu "
			 "bytes, over ipxelint --lsp's limit of %zu MiB",
			 d->len, LSP_MAX_DOCUMENT >> 20);
		json_array_append_new(v, note(d, &l->enc, 1, msg));
	}
	if (d->rc_error) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "%s; linted without it", d->rc_error);
		json_array_append_new(v, note(d, &l->enc, 2, b.data));
		buf_fini(&b);
	}
	for (size_t i = 0; d->s && i < d->s->ndiags; i++)
		json_array_append_new(v, lsp_diagnostic(d, &l->enc, i));
	notify(l, "textDocument/publishDiagnostics",
	       json_pack("{s:s,s:I,s:o}", "uri", d->uri, "version",
			 (json_int_t)d->version, "diagnostics", v));
}

/* Lints and publishes every changed document. */
static void
flush(struct lsp *l)
{
	for (size_t i = 0; i < l->ndocs; i++)
		if (l->docs[i]->dirty) {
			doc_lint(l, l->docs[i]);
			publish(l, l->docs[i]);
		}
}

static bool
any_dirty(const struct lsp *l)
{
	for (size_t i = 0; i < l->ndocs; i++)
		if (l->docs[i]->dirty)
			return true;
	return false;
}

/* ---------------------------------------------------------------- sync */

static const char *
param_uri(json_t *params)
{
	return json_string_value(json_object_get(
		json_object_get(params, "textDocument"), "uri"));
}

static void
did_open(struct lsp *l, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = json_string_value(json_object_get(td, "uri"));
	json_t *text = json_object_get(td, "text");
	struct lsp_doc *d;

	if (!uri || !json_is_string(text))
		return;
	d = doc_find(l, uri);
	if (!d) {
		if (l->ndocs >= LSP_MAX_DOCUMENTS) {
			notify(l, "window/showMessage", json_pack(
				"{s:i,s:s}", "type", 1, "message",
				"ipxelint: too many open documents (256): "
				"close some to lint more"));
			return;
		}
		d = xcalloc(1, sizeof(*d));
		d->uri = xstrdup(uri);
		d->path = uri_path(uri);
		l->docs = xrealloc(l->docs, (l->ndocs + 1) * sizeof(*l->docs));
		l->docs[l->ndocs++] = d;
	}
	d->version = json_integer_value(json_object_get(td, "version"));
	doc_set_text(d, json_string_value(text), json_string_length(text));
}

static bool
get_pos(json_t *pos, int64_t *line, int64_t *ch)
{
	json_t *a = json_object_get(pos, "line"),
	       *b = json_object_get(pos, "character");

	if (!json_is_integer(a) || !json_is_integer(b))
		return false;
	*line = json_integer_value(a);
	*ch = json_integer_value(b);
	return true;
}

/* Applies one contentChanges entry: a range and its new text, or the
 * whole text. */
static void
apply_change(struct lsp *l, struct lsp_doc *d, json_t *ch)
{
	json_t *text = json_object_get(ch, "text"),
	       *range = json_object_get(ch, "range");
	int64_t l0, c0, l1, c1;
	size_t a, b, n, len;
	char *t;

	if (!json_is_string(text))
		return;
	n = json_string_length(text);
	if (!range || !get_pos(json_object_get(range, "start"), &l0, &c0) ||
	    !get_pos(json_object_get(range, "end"), &l1, &c1)) {
		doc_set_text(d, json_string_value(text), n);
		return;
	}
	if (d->overflow)
		return;		/* the text is gone: nothing to edit */
	a = lsp_offset(d, &l->enc, l0, c0);
	b = lsp_offset(d, &l->enc, l1, c1);
	if (b < a)
		b = a;
	len = d->len - (b - a) + n;
	d->dirty = true;
	if (len > LSP_MAX_MESSAGE) {
		/* bounded memory: drop the text rather than grow it */
		doc_set_text(d, "", 0);
		d->overflow = len;
		return;
	}
	t = xmalloc(len + 1);
	memcpy(t, d->text, a);
	memcpy(t + a, json_string_value(text), n);
	memcpy(t + a + n, d->text + b, d->len - b);
	t[len] = '\0';
	free(d->text);
	d->text = t;
	d->len = len;
	doc_index_lines(d);
	d->dirty = true;
}

static void
did_change(struct lsp *l, json_t *params)
{
	struct lsp_doc *d = doc_find(l, param_uri(params));
	json_t *v = json_object_get(json_object_get(params, "textDocument"),
				    "version");
	json_t *changes = json_object_get(params, "contentChanges");
	size_t i;
	json_t *ch;

	if (!d)
		return;
	json_array_foreach(changes, i, ch) {
		apply_change(l, d, ch);
	}
	if (json_is_integer(v))
		d->version = json_integer_value(v);
}

static void
did_close(struct lsp *l, json_t *params)
{
	struct lsp_doc *d = doc_find(l, param_uri(params));

	if (!d)
		return;
	notify(l, "textDocument/publishDiagnostics",
	       json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics"));
	for (size_t i = 0; i < l->ndocs; i++)
		if (l->docs[i] == d) {
			l->docs[i] = l->docs[--l->ndocs];
			break;
		}
	doc_free(d);
}

/* ---------------------------------------------------------------- requests */

static json_t *
capabilities(const struct lsp *l)
{
	return json_pack(
		"{s:s,s:{s:b,s:i,s:{s:b}},s:b,s:b,s:b,s:b,"
		"s:{s:[s,s,s]},s:{s:[s,s]}}",
		"positionEncoding", l->enc.utf8 ? "utf-8" : "utf-16",
		"textDocumentSync", "openClose", 1, "change", 2, "save",
		"includeText", 0,
		"hoverProvider", 1, "definitionProvider", 1,
		"referencesProvider", 1, "documentSymbolProvider", 1,
		"completionProvider", "triggerCharacters", "-", "{", ":",
		"codeActionProvider", "codeActionKinds", "quickfix",
		"source.fixAll");
}

static void
initialize(struct lsp *l, json_t *id, json_t *params)
{
	json_t *encs = json_object_get(json_object_get(
		json_object_get(params, "capabilities"), "general"),
		"positionEncodings");
	size_t i;
	json_t *v;

	l->enc.utf8 = false;
	json_array_foreach(encs, i, v) {
		if (json_is_string(v) &&
		    !strcmp(json_string_value(v), "utf-8"))
			l->enc.utf8 = true;
	}
	l->state = ST_RUNNING;
	reply(l, id, json_pack("{s:o,s:{s:s,s:s}}", "capabilities",
			       capabilities(l), "serverInfo", "name",
			       "ipxelint", "version", ipxekit_version));
}

/* A request about one position (or range) of an open document. */
static void
doc_request(struct lsp *l, const char *method, json_t *id, json_t *params)
{
	struct lsp_doc *d = doc_find(l, param_uri(params));
	int64_t line = 0, ch = 0, l1, c1;
	size_t off = 0, end;
	json_t *range = json_object_get(params, "range");
	bool has_pos = get_pos(json_object_get(params, "position"), &line,
			       &ch);

	if (!d) {
		reply_error(l, id, RPC_INVALID_PARAMS, "%s: document %s is "
			    "not open", method, param_uri(params)
			    ? param_uri(params) : "(no uri)");
		return;
	}
	if (!d->s) {
		if (d->len > LSP_MAX_DOCUMENT || d->overflow)
			reply_error(l, id, RPC_REQUEST_FAILED, "%s: document "
				    "over the size limit", method);
		else
			reply(l, id, NULL);
		return;
	}
	if (has_pos)
		off = lsp_offset(d, &l->enc, line, ch);
	if (!strcmp(method, "textDocument/documentSymbol")) {
		reply(l, id, lsp_symbols(d, &l->enc));
	} else if (!strcmp(method, "textDocument/codeAction")) {
		if (!get_pos(json_object_get(range, "start"), &line, &ch) ||
		    !get_pos(json_object_get(range, "end"), &l1, &c1)) {
			reply_error(l, id, RPC_INVALID_PARAMS, "%s: no range",
				    method);
			return;
		}
		off = lsp_offset(d, &l->enc, line, ch);
		end = lsp_offset(d, &l->enc, l1, c1);
		reply(l, id, lsp_code_actions(d, &l->enc, off, end));
	} else if (!has_pos) {
		reply_error(l, id, RPC_INVALID_PARAMS, "%s: no position",
			    method);
	} else if (!strcmp(method, "textDocument/hover")) {
		reply(l, id, lsp_hover(d, &l->enc, off));
	} else if (!strcmp(method, "textDocument/definition")) {
		reply(l, id, lsp_definition(d, &l->enc, off));
	} else if (!strcmp(method, "textDocument/references")) {
		reply(l, id, lsp_references(d, &l->enc, off, json_is_true(
			json_object_get(json_object_get(params, "context"),
					"includeDeclaration"))));
	} else {
		reply(l, id, lsp_completion(d, &l->enc, off));
	}
}

static const char *const doc_methods[] = {
	"textDocument/hover", "textDocument/definition",
	"textDocument/references", "textDocument/documentSymbol",
	"textDocument/completion", "textDocument/codeAction",
};

/* Handles one message; returns the exit status after "exit", else -1. */
static int
handle(struct lsp *l, json_t *msg)
{
	json_t *id = json_object_get(msg, "id");
	json_t *params = json_object_get(msg, "params");
	const char *method = json_string_value(json_object_get(msg,
							       "method"));
	bool request = id != NULL;

	if (!json_is_object(msg) || (!method && !request)) {
		reply_error(l, NULL, RPC_INVALID_REQUEST, "not a JSON-RPC "
			    "request or notification");
		return -1;
	}
	if (request && !json_is_integer(id) && !json_is_string(id)) {
		reply_error(l, NULL, RPC_INVALID_REQUEST, "the id must be a "
			    "number or a string");
		return -1;
	}
	if (!method)
		return -1;	/* a response: we send no requests */
	if (!strcmp(method, "exit"))
		return l->state == ST_SHUTDOWN ? 0 : 1;
	if (l->state == ST_UNINIT && strcmp(method, "initialize")) {
		if (request)
			reply_error(l, id, RPC_NOT_INITIALIZED, "%s before "
				    "initialize", method);
		return -1;
	}
	if (l->state == ST_SHUTDOWN) {
		if (request)
			reply_error(l, id, RPC_INVALID_REQUEST, "%s after "
				    "shutdown", method);
		return -1;
	}
	if (!request) {
		if (!strcmp(method, "textDocument/didOpen"))
			did_open(l, params);
		else if (!strcmp(method, "textDocument/didChange"))
			did_change(l, params);
		else if (!strcmp(method, "textDocument/didSave")) {
			struct lsp_doc *d = doc_find(l, param_uri(params));

			if (d)
				d->dirty = true;	/* the rc may have
							 * changed too */
		} else if (!strcmp(method, "textDocument/didClose"))
			did_close(l, params);
		/* anything else ("initialized", "$/...") needs nothing */
		return -1;
	}
	if (!strcmp(method, "initialize")) {
		if (l->state != ST_UNINIT)
			reply_error(l, id, RPC_INVALID_REQUEST, "initialize "
				    "sent twice");
		else
			initialize(l, id, params);
		return -1;
	}
	if (!strcmp(method, "shutdown")) {
		l->state = ST_SHUTDOWN;
		reply(l, id, NULL);
		return -1;
	}
	for (size_t i = 0; i < sizeof(doc_methods) / sizeof(*doc_methods);
	     i++)
		if (!strcmp(method, doc_methods[i])) {
			doc_request(l, method, id, params);
			return -1;
		}
	reply_error(l, id, RPC_METHOD_NOT_FOUND, "unknown method '%s'",
		    method);
	return -1;
}

/* Whether the message only syncs a document: those are applied as they
 * come, and the lint waits for the queue to run dry. */
static bool
is_sync(json_t *msg)
{
	const char *m = json_string_value(json_object_get(msg, "method"));

	return m && !json_object_get(msg, "id") &&
	       (!strcmp(m, "textDocument/didOpen") ||
		!strcmp(m, "textDocument/didChange") ||
		!strcmp(m, "textDocument/didSave"));
}

int
lsp_serve(int in, FILE *out, const struct cli *cli)
{
	struct lsp *l = xcalloc(1, sizeof(*l));
	int status = -1;

	l->in.fd = in;
	l->out = out;
	l->cli = cli;
	/* a client that closes its end is seen as a write error */
	signal(SIGPIPE, SIG_IGN);
	while (status < 0 && !l->gone) {
		char *body, why[256];
		size_t len = 0;
		enum msg_status ms;
		json_error_t jerr;
		json_t *msg;

		/* debounce: lint once the changes stop coming */
		if (any_dirty(l) && !in_ready(&l->in, LSP_DEBOUNCE_MS)) {
			flush(l);
			continue;
		}
		ms = read_message(&l->in, &body, &len, why, sizeof(why));
		if (ms == MSG_EOF) {
			flush(l);
			status = 1;
			break;
		}
		if (ms == MSG_BAD) {
			reply_error(l, NULL, RPC_PARSE_ERROR, "%s", why);
			continue;
		}
		msg = json_loadb(body, len, JSON_ALLOW_NUL, &jerr);
		free(body);
		if (!msg) {
			reply_error(l, NULL, RPC_PARSE_ERROR, "invalid JSON at "
				    "byte %d: %s", jerr.position, jerr.text);
			continue;
		}
		if (!is_sync(msg))
			flush(l);
		status = handle(l, msg);
		json_decref(msg);
	}
	if (status < 0)
		status = 1;	/* the client went away */
	for (size_t i = 0; i < l->ndocs; i++)
		doc_free(l->docs[i]);
	free(l->docs);
	free(l);
	return status;
}
