/*
 * lsp.c - the language server's scripted client: each tests/lsp/NAME.session
 * is a list of messages sent to `ipxelint --lsp`, and everything the
 * server answers (each message re-printed with sorted keys) plus its exit
 * status must equal NAME.expected (a mismatch writes NAME.actual; accept
 * it with `make update-golden` after reviewing the diff).
 *
 * Session lines:
 *   # ...            a comment; blank lines are skipped
 *   {...} or [...]   one JSON-RPC message, framed with its Content-Length;
 *                    @DIR@ is the absolute path of tests/lsp and
 *                    @file:NAME@ the contents of tests/lsp/NAME as a JSON
 *                    string
 *   raw TEXT         TEXT sent as it is (\r, \n, \\ and \" unescaped): bad
 *                    framing, broken JSON
 *   huge N URI       a didOpen of URI whose text is N bytes of script
 *   grow N URI       a didChange of URI inserting N bytes at its start
 *   changes N URI    N didChange notifications of URI in a row, each a
 *                    full text "#!ipxe\necho K" (K = 1..N)
 *   junk N           a message header announcing N bytes, then N bytes of
 *                    junk (for the message size limit)
 *   maxrss MIB       the server must peak below MIB MiB of memory (not
 *                    checked in the sanitizer build, build/san)
 *
 * The corpus test opens every real-world script of the corpus (in one
 * server, one after the other) and asks
 * for hover, definition, references and completion all over it, the
 * outline and the code actions: every request must get its answer, none
 * an error, and the server must end cleanly.
 *
 * random_edits applies 2000 seeded random edits with requests between
 * them, checked the same way.
 *
 * publishes_when_idle talks to the server through pipes as an editor
 * does, and checks that diagnostics come when the client goes quiet.
 *
 * LSP_WRAPPER, when set, is a command the server runs under (valgrind).
 * The server reads the session from a file, so every message is there
 * at once: queued changes are linted once (the debounce) and the output
 * does not depend on timing.  The expected output names the directory
 * @DIR@ and the version VERSION, so it holds on any checkout.
 */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parser/util.h"
#include "tests/support.h"

#define LSP_DIR "tests/lsp"

struct lsp_case {
	char name[128];
};

static void
frame(struct buf *b, const char *body, size_t len)
{
	buf_printf(b, "Content-Length: %zu\r\n\r\n", len);
	buf_add(b, body, len);
}

/* Replaces @DIR@ and @file:NAME@ in line. */
static void
expand(struct buf *out, const char *line, const char *dir)
{
	while (*line) {
		const char *at = strchr(line, '@');
		const char *end;

		if (!at) {
			buf_adds(out, line);
			return;
		}
		buf_add(out, line, (size_t)(at - line));
		if (!strncmp(at, "@DIR@", 5)) {
			buf_adds(out, dir);
			line = at + 5;
		} else if (!strncmp(at, "@file:", 6) &&
			   (end = strchr(at + 6, '@'))) {
			char path[PATH_MAX], *text, *js;
			size_t len;
			json_t *j;

			snprintf(path, sizeof(path), "%s/%.*s", LSP_DIR,
				 (int)(end - at - 6), at + 6);
			text = test_read_file(path, &len);
			cr_assert(text, "cannot read %s", path);
			j = json_stringn(text, len);
			js = json_dumps(j, JSON_ENCODE_ANY);
			buf_adds(out, js);
			free(js);
			json_decref(j);
			free(text);
			line = end + 1;
		} else {
			buf_addc(out, '@');
			line = at + 1;
		}
	}
}

static void
unescape(struct buf *out, const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			buf_addc(out, *p == 'r' ? '\r' : *p == 'n' ? '\n' : *p);
		} else {
			buf_addc(out, *p);
		}
	}
}

static void
send_json(struct buf *in, json_t *msg)
{
	char *text = json_dumps(msg, JSON_COMPACT);

	frame(in, text, strlen(text));
	free(text);
	json_decref(msg);
}

/* The bytes to send for a session; *maxrss gets its limit (0: none). */
static void
build_input(struct buf *in, const char *session, const char *dir,
	    long *maxrss)
{
	char *copy = xstrdup(session), *save, *line;

	*maxrss = 0;
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct buf b;
		char uri[512];
		size_t n;

		if (!*line || line[0] == '#')
			continue;
		buf_init(&b);
		if (line[0] == '{' || line[0] == '[') {
			expand(&b, line, dir);
			frame(in, b.data, b.len);
		} else if (!strncmp(line, "raw ", 4)) {
			unescape(&b, line + 4);
			buf_add(in, b.data, b.len);
		} else if (sscanf(line, "huge %zu %511s", &n, uri) == 2) {
			char *text = xmalloc(n + 1);

			expand(&b, uri, dir);
			memcpy(text, "#!ipxe\n", 7);
			for (size_t i = 7; i < n; i++)
				text[i] = (i % 64 == 63) ? '\n' : 'e';
			send_json(in, json_pack(
				"{s:s,s:s,s:{s:{s:s,s:s,s:i,s:s%}}}",
				"jsonrpc", "2.0", "method",
				"textDocument/didOpen", "params",
				"textDocument", "uri", b.data, "languageId",
				"ipxe", "version", 1, "text", text, n));
			free(text);
		} else if (sscanf(line, "grow %zu %511s", &n, uri) == 2) {
			char *text = xmalloc(n + 1);

			expand(&b, uri, dir);
			memset(text, 'e', n);
			send_json(in, json_pack(
				"{s:s,s:s,s:{s:{s:s,s:i},s:[{s:{s:{s:i,s:i},"
				"s:{s:i,s:i}},s:s%}]}}", "jsonrpc", "2.0",
				"method", "textDocument/didChange", "params",
				"textDocument", "uri", b.data, "version", 0,
				"contentChanges", "range", "start", "line", 0,
				"character", 0, "end", "line", 0, "character",
				0, "text", text, n));
			free(text);
		} else if (sscanf(line, "changes %zu %511s", &n, uri) == 2) {
			expand(&b, uri, dir);
			for (size_t k = 1; k <= n; k++) {
				char text[64];

				snprintf(text, sizeof(text),
					 "#!ipxe\necho %zu\n", k);
				send_json(in, json_pack(
					"{s:s,s:s,s:{s:{s:s,s:I},s:[{s:s}]}}",
					"jsonrpc", "2.0", "method",
					"textDocument/didChange", "params",
					"textDocument", "uri", b.data,
					"version", (json_int_t)k + 1,
					"contentChanges", "text", text));
			}
		} else if (sscanf(line, "junk %zu", &n) == 1) {
			buf_printf(in, "Content-Length: %zu\r\n\r\n", n);
			for (size_t i = 0; i < n; i++)
				buf_addc(in, 'x');
		} else if (sscanf(line, "maxrss %ld", maxrss) != 1) {
			cr_assert_fail("bad session line: %s", line);
		}
		buf_fini(&b);
	}
	free(copy);
}

/* Replaces every occurrence of dir in text by @DIR@. */
static void
add_masked(struct buf *out, const char *text, const char *dir)
{
	size_t dl = strlen(dir);

	while (*text) {
		const char *hit = strstr(text, dir);

		if (!hit) {
			buf_adds(out, text);
			return;
		}
		buf_add(out, text, (size_t)(hit - text));
		buf_adds(out, "@DIR@");
		text = hit + dl;
	}
}

/* The body length of the message header at p ("Content-Length: N"),
 * and in *skip the header's length; false if there is none.  (sscanf,
 * and strstr under ASan, would scan the whole rest each time.) */
static bool
header_length(const char *p, size_t *n, size_t *skip)
{
	char *end;

	if (strncmp(p, "Content-Length: ", 16) || p[16] < '0' || p[16] > '9')
		return false;
	*n = strtoul(p + 16, &end, 10);
	*skip = (size_t)(end - p) + 4;
	return !strncmp(end, "\r\n\r\n", 4);
}

/* The server's messages, one pretty-printed JSON value each. */
static void
print_output(struct buf *out, const char *raw, size_t len, const char *dir)
{
	size_t pos = 0;

	while (pos < len) {
		size_t n, skip;
		json_t *msg, *ver;
		char *text;

		if (!header_length(raw + pos, &n, &skip)) {
			buf_printf(out, "BAD FRAMING AT BYTE %zu\n", pos);
			return;
		}
		pos += skip;
		if (pos + n > len) {
			buf_printf(out, "TRUNCATED MESSAGE AT BYTE %zu\n", pos);
			return;
		}
		msg = json_loadb(raw + pos, n, 0, NULL);
		pos += n;
		if (!msg) {
			buf_adds(out, "BAD JSON\n");
			continue;
		}
		ver = json_object_get(json_object_get(json_object_get(msg,
				"result"), "serverInfo"), "version");
		if (ver)
			json_string_set(ver, "VERSION");
		text = json_dumps(msg, JSON_INDENT(2) | JSON_SORT_KEYS);
		add_masked(out, text, dir);
		buf_adds(out, "\n\n");
		free(text);
		json_decref(msg);
	}
}

/* Runs the server with stdin from a file holding in; returns its output
 * and status, *rss its peak memory in KiB. */
static char *
run_server(const struct buf *in, size_t *outlen, int *status, long *rss)
{
	char inpath[] = "/tmp/ipxelint-lsp-in-XXXXXX";
	char outpath[] = "/tmp/ipxelint-lsp-out-XXXXXX";
	char lint[PATH_MAX];
	int infd = mkstemp(inpath), outfd = mkstemp(outpath), ws;
	struct rusage ru;
	pid_t pid;
	char *out;

	cr_assert(infd >= 0 && outfd >= 0, "mkstemp: %s", strerror(errno));
	cr_assert_eq(write(infd, in->data, in->len), (ssize_t)in->len);
	lseek(infd, 0, SEEK_SET);
	snprintf(lint, sizeof(lint), "%s/ipxelint", test_build_dir());
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		/* no user rc file may leak into the results */
		setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
		dup2(infd, 0);
		dup2(outfd, 1);
		/* LSP_WRAPPER="valgrind -q --leak-check=full" runs it under
		 * a checker */
		if (getenv("LSP_WRAPPER") && *getenv("LSP_WRAPPER"))
			execl("/bin/sh", "sh", "-c",
			      "exec $LSP_WRAPPER \"$0\" --lsp", lint,
			      (char *)NULL);
		execl(lint, lint, "--lsp", (char *)NULL);
		_exit(127);
	}
	cr_assert(wait4(pid, &ws, 0, &ru) == pid);
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	*rss = ru.ru_maxrss;
	close(infd);
	close(outfd);
	out = test_read_file(outpath, outlen);
	unlink(inpath);
	unlink(outpath);
	cr_assert(out, "no output file");
	return out;
}

static void
lsp_cleanup(struct criterion_test_params *p)
{
	if (p->params)
		cr_free(p->params);
}

ParameterizedTestParameters(lsp, session)
{
	struct lsp_case *v = NULL;
	struct dirent **names;
	int count = scandir(LSP_DIR, &names, NULL, alphasort);
	size_t n = 0;

	for (int i = 0; i < count; i++) {
		const char *f = names[i]->d_name;
		size_t len = strlen(f);

		if (len > 8 && !strcmp(f + len - 8, ".session") &&
		    len - 8 < sizeof(v->name)) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			snprintf(v[n].name, sizeof(v[n].name), "%.*s",
				 (int)(len - 8), f);
			n++;
		}
		free(names[i]);
	}
	free(names);
	{
		struct lsp_case *copy = test_cr_copy(v, n * sizeof(*v));

		free(v);
		return cr_make_param_array(struct lsp_case, copy, n,
					   lsp_cleanup);
	}
}

ParameterizedTest(struct lsp_case *c, lsp, session, .timeout = 60)
{
	char path[PATH_MAX], dir[PATH_MAX], apath[PATH_MAX];
	char *session, *raw, *want;
	struct buf in, out;
	size_t rawlen;
	int status;
	long maxrss, rss;

	cr_assert(realpath(LSP_DIR, dir), "realpath %s", LSP_DIR);
	snprintf(path, sizeof(path), "%s/%s.session", LSP_DIR, c->name);
	session = test_read_file(path, NULL);
	cr_assert(session, "cannot read %s", path);
	buf_init(&in);
	build_input(&in, session, dir, &maxrss);
	raw = run_server(&in, &rawlen, &status, &rss);
	buf_init(&out);
	print_output(&out, raw, rawlen, dir);
	buf_printf(&out, "exit status %d\n", status);
	/* not under the sanitizers: ASan's quarantine keeps freed blocks */
	if (maxrss && !strstr(test_build_dir(), "san"))
		cr_expect(rss < maxrss * 1024, "%s: the server peaked at %ld "
			  "KiB, over %ld MiB", c->name, rss, maxrss);
	snprintf(path, sizeof(path), "%s/%s.expected", LSP_DIR, c->name);
	snprintf(apath, sizeof(apath), "%s/%s.actual", LSP_DIR, c->name);
	want = test_read_file(path, NULL);
	if (want && !strcmp(want, out.data)) {
		remove(apath);
	} else {
		FILE *f = fopen(apath, "w");

		if (f) {
			fputs(out.data, f);
			fclose(f);
		}
		cr_expect_fail("%s: output differs (diff -u %s %s)", c->name,
			       path, apath);
	}
	free(want);
	free(raw);
	free(session);
	buf_fini(&in);
	buf_fini(&out);
}

/* ---------------------------------------------------------------- corpus */

static char **corpus_files;
static size_t ncorpus;

static int
corpus_collect(const char *path, const struct stat *st, int type,
	       struct FTW *ftw)
{
	const char *base = path + ftw->base;

	(void)st;
	if (type != FTW_F || !strcmp(base, "README.md") ||
	    !strcmp(base, "SOURCES.tsv"))
		return 0;
	corpus_files = xrealloc(corpus_files,
				(ncorpus + 1) * sizeof(*corpus_files));
	corpus_files[ncorpus++] = xstrdup(path);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
position_request(struct buf *in, int id, const char *method,
		 const char *uri, size_t line, size_t ch)
{
	json_t *p = json_pack("{s:{s:s},s:{s:I,s:I}}", "textDocument", "uri",
			      uri, "position", "line", (json_int_t)line,
			      "character", (json_int_t)ch);

	if (!strcmp(method, "textDocument/references"))
		json_object_set_new(p, "context", json_pack(
			"{s:b}", "includeDeclaration", 1));
	send_json(in, json_pack("{s:s,s:i,s:s,s:o}", "jsonrpc", "2.0", "id",
				id, "method", method, "params", p));
}

/* The requests about one script, opened as uri and closed after them
 * (ids from *id on); false when the script is not UTF-8. */
static bool
corpus_session(struct buf *in, const char *text, size_t len,
	       const char *uri, int *id)
{
	static const char *const methods[] = {
		"textDocument/hover", "textDocument/definition",
		"textDocument/references", "textDocument/completion",
	};
	static const size_t cols[] = { 2, 9, 20 };
	json_t *jt = json_stringn(text, len);
	size_t line = 0, start = 0;

	if (!jt)
		return false;	/* not UTF-8: no editor sends it as is */
	send_json(in, json_pack("{s:s,s:s,s:{s:{s:s,s:s,s:i,s:o}}}",
				"jsonrpc", "2.0", "method",
				"textDocument/didOpen", "params",
				"textDocument", "uri", uri, "languageId",
				"ipxe", "version", 1, "text", jt));
	send_json(in, json_pack("{s:s,s:i,s:s,s:{s:{s:s}}}", "jsonrpc", "2.0",
				"id", (*id)++, "method",
				"textDocument/documentSymbol", "params",
				"textDocument", "uri", uri));
	send_json(in, json_pack("{s:s,s:i,s:s,s:{s:{s:s},s:{s:{s:i,s:i},"
				"s:{s:i,s:i}},s:{s:[]}}}", "jsonrpc", "2.0",
				"id", (*id)++, "method",
				"textDocument/codeAction", "params",
				"textDocument", "uri", uri, "range", "start",
				"line", 0, "character", 0, "end", "line",
				1 << 20, "character", 0, "context",
				"diagnostics"));
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		for (size_t k = 0; k < sizeof(cols) / sizeof(*cols) &&
		     cols[k] <= i - start; k++)
			for (size_t m = 0; m < 4; m++)
				position_request(in, (*id)++, methods[m], uri,
						 line, cols[k]);
		line++;
		start = i + 1;
	}
	send_json(in, json_pack("{s:s,s:s,s:{s:{s:s}}}", "jsonrpc", "2.0",
				"method", "textDocument/didClose", "params",
				"textDocument", "uri", uri));
	return true;
}

/* Names the request ids of a run: first[i] is the first id of name[i]. */
struct id_names {
	const int *first;
	char *const *name;
	size_t n;
};

static const char *
id_name(const struct id_names *w, json_int_t id)
{
	const char *who = w->n ? "initialize" : "";

	for (size_t i = 0; i < w->n && w->first[i] <= id; i++)
		who = w->name[i];
	return who;
}

/* Checks that every request 1..n got one answer and none an error. */
static void
corpus_check(const struct id_names *w, const char *raw, size_t len, int n)
{
	unsigned char *seen = xcalloc((size_t)n + 1, 1);
	size_t pos = 0;

	while (pos < len) {
		size_t k, skip;
		json_t *msg, *id;

		cr_assert(header_length(raw + pos, &k, &skip), "bad framing "
			  "at %zu", pos);
		pos += skip;
		cr_assert(pos + k <= len, "truncated message at %zu", pos);
		msg = json_loadb(raw + pos, k, 0, NULL);
		cr_assert(msg, "bad JSON from the server at %zu", pos);
		pos += k;
		id = json_object_get(msg, "id");
		cr_assert(!json_object_get(msg, "error"), "%s: request %lld: "
			  "error %s", id_name(w, json_integer_value(id)),
			  (long long)json_integer_value(id),
			  json_string_value(json_object_get(json_object_get(
				  msg, "error"), "message")));
		if (id) {
			json_int_t v = json_integer_value(id);

			cr_assert(v >= 1 && v <= n && !seen[v],
				  "%s: unexpected answer %lld", id_name(w, v),
				  (long long)v);
			seen[v] = 1;
		}
		json_decref(msg);
	}
	for (int i = 1; i <= n; i++)
		cr_assert(seen[i], "%s: request %d got no answer",
			  id_name(w, i), i);
	free(seen);
}

/* Every corpus script in one server (as an editor opens file after
 * file), so that the test costs one process. */
Test(lsp, corpus, .timeout = 600)
{
	const char *dir = test_corpus_dir();
	struct id_names w;
	struct buf in;
	int *first, id = 1, status;
	size_t tested = 0, rawlen;
	long rss;
	char *raw;

	if (!dir) {
		cr_skip_test("corpus not found (set IPXE_CORPUS)");
		return;
	}
	nftw(dir, corpus_collect, 16, FTW_PHYS);
	qsort(corpus_files, ncorpus, sizeof(*corpus_files), by_name);
	first = xcalloc(ncorpus + 1, sizeof(*first));
	buf_init(&in);
	send_json(&in, json_pack("{s:s,s:i,s:s,s:{s:{}}}", "jsonrpc", "2.0",
				 "id", id++, "method", "initialize", "params",
				 "capabilities"));
	for (size_t f = 0; f < ncorpus; f++) {
		size_t len;
		char *text = test_read_file(corpus_files[f], &len);
		char uri[64];

		cr_assert(text, "cannot read %s", corpus_files[f]);
		snprintf(uri, sizeof(uri), "file:///nonexistent-ipxekit/%zu."
			 "ipxe", f);
		first[f] = id;
		tested += corpus_session(&in, text, len, uri, &id);
		free(text);
	}
	send_json(&in, json_pack("{s:s,s:i,s:s}", "jsonrpc", "2.0", "id",
				 id++, "method", "shutdown"));
	send_json(&in, json_pack("{s:s,s:s}", "jsonrpc", "2.0", "method",
				 "exit"));
	raw = run_server(&in, &rawlen, &status, &rss);
	cr_assert_eq(status, 0, "exit status %d", status);
	w = (struct id_names){ first, corpus_files, ncorpus };
	corpus_check(&w, raw, rawlen, id - 1);
	cr_assert(tested > ncorpus / 2, "only %zu of %zu corpus files tested",
		  tested, ncorpus);
	free(raw);
	buf_fini(&in);
	for (size_t f = 0; f < ncorpus; f++)
		free(corpus_files[f]);
	free(corpus_files);
	free(first);
}

/* ---------------------------------------------------------------- pipes */

/* Reads the server's messages from fd until one is publishDiagnostics
 * (returned, a new reference) or 10 s pass (NULL). */
static json_t *
await_publish(int fd, struct buf *pending)
{
	for (int waited = 0; waited < 10000;) {
		const char *body;
		size_t k;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		char chunk[4096];
		ssize_t n;

		while (pending->len && (body = strstr(pending->data,
						      "\r\n\r\n")) &&
		       sscanf(pending->data, "Content-Length: %zu", &k) == 1 &&
		       (size_t)(body + 4 - pending->data) + k <= pending->len) {
			size_t used = (size_t)(body + 4 - pending->data) + k;
			json_t *m = json_loadb(body + 4, k, 0, NULL);
			const char *meth = json_string_value(
				json_object_get(m, "method"));

			memmove(pending->data, pending->data + used,
				pending->len - used + 1);
			pending->len -= used;
			if (meth && !strcmp(meth,
					    "textDocument/publishDiagnostics"))
				return m;
			json_decref(m);
		}
		if (poll(&p, 1, 100) == 0) {
			waited += 100;
			continue;
		}
		n = read(fd, chunk, sizeof(chunk));
		if (n <= 0)
			return NULL;
		buf_add(pending, chunk, (size_t)n);
	}
	return NULL;
}

static void
pipe_send(int fd, const char *json)
{
	char head[64];

	snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n",
		 strlen(json));
	cr_assert(write(fd, head, strlen(head)) == (ssize_t)strlen(head));
	cr_assert(write(fd, json, strlen(json)) == (ssize_t)strlen(json));
}

/* An interactive client: the server must lint when the client goes
 * quiet (the debounce's timer), not only when the next message comes. */
Test(lsp, publishes_when_idle, .timeout = 60)
{
	int to[2], from[2], ws;
	char lint[PATH_MAX];
	struct buf pending;
	json_t *m;
	pid_t pid;

	cr_assert(pipe(to) == 0 && pipe(from) == 0);
	snprintf(lint, sizeof(lint), "%s/ipxelint", test_build_dir());
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[1]);
		close(from[0]);
		execl(lint, lint, "--lsp", (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	buf_init(&pending);
	pipe_send(to[1], "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
		  "\"initialize\",\"params\":{\"capabilities\":{}}}");
	pipe_send(to[1], "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/"
		  "didOpen\",\"params\":{\"textDocument\":{\"uri\":"
		  "\"file:///i.ipxe\",\"languageId\":\"ipxe\",\"version\":1,"
		  "\"text\":\"#!ipxe\\nfoo\\n\"}}}");
	m = await_publish(from[0], &pending);
	cr_assert(m, "no diagnostics while the client waits");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(
		json_object_get(json_object_get(m, "params"), "diagnostics"),
		0), "code")), "IPX4001");
	json_decref(m);
	pipe_send(to[1], "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/"
		  "didChange\",\"params\":{\"textDocument\":{\"uri\":"
		  "\"file:///i.ipxe\",\"version\":2},\"contentChanges\":"
		  "[{\"text\":\"#!ipxe\\necho ok\\n\"}]}}");
	m = await_publish(from[0], &pending);
	cr_assert(m, "no diagnostics after a change");
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(m,
		"params"), "version")), 2);
	cr_assert_eq(json_array_size(json_object_get(json_object_get(m,
		"params"), "diagnostics")), 0);
	json_decref(m);
	pipe_send(to[1], "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
		  "\"shutdown\"}");
	pipe_send(to[1], "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
	close(to[1]);
	cr_assert(waitpid(pid, &ws, 0) == pid);
	cr_assert(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "status %d", ws);
	close(from[0]);
	buf_fini(&pending);
}

/* ---------------------------------------------------------------- edits */

/* A fixed-seed generator, so that a failure can be replayed. */
static unsigned
next_rand(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

/* 2000 random incremental edits of menu.ipxe (fragments that make and
 * break lines, labels, references, continuations, multi-byte
 * characters), with every kind of request in between at random
 * positions: each request must be answered, none with an error. */
Test(lsp, random_edits, .timeout = 300)
{
	static const char *const bits[] = {
		"", "x", "${", "}", "\\\n", "\n", "\xf0\x9f\x98\x80", "goto ",
		":lab", " || ", "item ", "--menu ", "\xc3\xa9", "\r\n", "\r",
		"choose x", "${x:", "#", "set ", "menu m", "&&", "-", " ",
	};
	static const char *const methods[] = {
		"textDocument/hover", "textDocument/definition",
		"textDocument/references", "textDocument/completion",
	};
	const char *uri = "file:///nonexistent-ipxekit/edits.ipxe";
	unsigned seed = 20261123;
	size_t len, rawlen;
	char *text = test_read_file(LSP_DIR "/menu.ipxe", &len), *raw;
	struct buf in;
	int id = 1, status;
	long rss;

	cr_assert(text);
	buf_init(&in);
	send_json(&in, json_pack("{s:s,s:i,s:s,s:{s:{}}}", "jsonrpc", "2.0",
				 "id", id++, "method", "initialize", "params",
				 "capabilities"));
	send_json(&in, json_pack("{s:s,s:s,s:{s:{s:s,s:s,s:i,s:s%}}}",
				 "jsonrpc", "2.0", "method",
				 "textDocument/didOpen", "params",
				 "textDocument", "uri", uri, "languageId",
				 "ipxe", "version", 1, "text", text, len));
	for (int i = 0; i < 2000; i++) {
		int l0 = (int)(next_rand(&seed) % 30),
		    c0 = (int)(next_rand(&seed) % 60);
		int l1 = l0 + (int)(next_rand(&seed) % 3),
		    c1 = (int)(next_rand(&seed) % 60);
		const char *bit = bits[next_rand(&seed) %
				       (sizeof(bits) / sizeof(*bits))];

		if (l1 == l0 && c1 < c0)
			c1 = c0;
		send_json(&in, json_pack(
			"{s:s,s:s,s:{s:{s:s,s:i},s:[{s:{s:{s:i,s:i},"
			"s:{s:i,s:i}},s:s}]}}", "jsonrpc", "2.0", "method",
			"textDocument/didChange", "params", "textDocument",
			"uri", uri, "version", i + 2, "contentChanges",
			"range", "start", "line", l0, "character", c0, "end",
			"line", l1, "character", c1, "text", bit));
		if (i % 7)
			continue;
		position_request(&in, id++, methods[next_rand(&seed) % 4], uri,
				 next_rand(&seed) % 30, next_rand(&seed) % 60);
		if (i % 49 == 0)
			send_json(&in, json_pack(
				"{s:s,s:i,s:s,s:{s:{s:s}}}", "jsonrpc", "2.0",
				"id", id++, "method",
				"textDocument/documentSymbol", "params",
				"textDocument", "uri", uri));
		if (i % 63 == 0)
			send_json(&in, json_pack(
				"{s:s,s:i,s:s,s:{s:{s:s},s:{s:{s:i,s:i},"
				"s:{s:i,s:i}},s:{s:[]}}}", "jsonrpc", "2.0",
				"id", id++, "method",
				"textDocument/codeAction", "params",
				"textDocument", "uri", uri, "range", "start",
				"line", 0, "character", 0, "end", "line", 40,
				"character", 0, "context", "diagnostics"));
	}
	send_json(&in, json_pack("{s:s,s:i,s:s}", "jsonrpc", "2.0", "id",
				 id++, "method", "shutdown"));
	send_json(&in, json_pack("{s:s,s:s}", "jsonrpc", "2.0", "method",
				 "exit"));
	raw = run_server(&in, &rawlen, &status, &rss);
	cr_assert_eq(status, 0, "exit status %d", status);
	{
		struct id_names w = { NULL, NULL, 0 };

		corpus_check(&w, raw, rawlen, id - 1);
	}
	free(raw);
	free(text);
	buf_fini(&in);
}
