/*
 * golden.c - data-driven tests: each case is a file with an expected
 * output beside it.  One parameterized test per case, so a failure names
 * the case; on a mismatch the actual output is written next to the
 * expected one as <case>.actual (accept it with `make update-golden`
 * after reviewing the diff).
 *
 *   tests/parse/NAME.ipxe  ->  NAME.expected: `ipxelint --dump-ast`
 *   tests/conformance/GROUP/NAME.ipxe  ->  NAME.expected and NAME.end:
 *       ipxesim's normalised console and end state against those the
 *       real iPXE had (tests/conformance/README.md)
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/dump.h"
#include "parser/script.h"
#include "parser/util.h"
#include "tests/normalise.h"
#include "tests/support.h"

/* Parameters must be pointer-free (Criterion copies them into the
 * child processes), hence fixed-size names. */
struct golden_case {
	char dir[64];
	char name[128];
};

static void
golden_cleanup(struct criterion_test_params *p)
{
	if (p->params)
		cr_free(p->params);
}

/* Appends every DIR/NAME.ext file, sorted, to the malloc'd array *v. */
static void
scan_dir(const char *dir, const char *ext, struct golden_case **vp,
	 size_t *n)
{
	struct golden_case *v = *vp;
	struct dirent **names;
	int count = scandir(dir, &names, NULL, alphasort);
	size_t elen = strlen(ext);

	for (int i = 0; i < count; i++) {
		const char *f = names[i]->d_name;
		size_t flen = strlen(f);

		if (flen > elen && strcmp(f + flen - elen, ext) == 0 &&
		    flen - elen < sizeof(v->name)) {
			v = xrealloc(v, (*n + 1) * sizeof(*v));
			snprintf(v[*n].dir, sizeof(v[*n].dir), "%s", dir);
			snprintf(v[*n].name, sizeof(v[*n].name), "%.*s",
				 (int)(flen - elen), f);
			(*n)++;
		}
		free(names[i]);
	}
	free(names);
	*vp = v;
}

/* A cr_malloc'd copy of the array (built with malloc first: cr_realloc()
 * fails to grow blocks in Criterion 2.4). */
static struct golden_case *
golden_publish(struct golden_case *v, size_t n)
{
	struct golden_case *copy = test_cr_copy(v, n * sizeof(*v));

	free(v);
	return copy;
}

/* Every DIR/NAME.ext file, sorted, as a cr_malloc'd array. */
static struct golden_case *
golden_scan(const char *dir, const char *ext, size_t *n)
{
	struct golden_case *v = NULL;

	*n = 0;
	scan_dir(dir, ext, &v, n);
	return golden_publish(v, *n);
}

/* Compares out with want (read from path); on a mismatch writes
 * DIR/NAME.actual. */
static void
golden_expect_text(const struct golden_case *c, const char *path,
		   const char *want, const char *out)
{
	char apath[256];

	snprintf(apath, sizeof(apath), "%s/%s.actual", c->dir, c->name);
	if (strcmp(want, out) == 0) {
		remove(apath);
		return;
	}
	{
		FILE *f = fopen(apath, "w");

		if (f) {
			fputs(out, f);
			fclose(f);
		}
	}
	cr_assert_fail("%s/%s: output differs from %s (diff -u %s %s)",
		       c->dir, c->name, path, path, apath);
}

/* Compares out with DIR/NAME.expected; on a mismatch writes .actual. */
static void
golden_expect(const struct golden_case *c, const char *out)
{
	char path[256], apath[256];
	char *want;

	snprintf(path, sizeof(path), "%s/%s.expected", c->dir, c->name);
	snprintf(apath, sizeof(apath), "%s/%s.actual", c->dir, c->name);
	want = test_read_file(path, NULL);
	if (want && strcmp(want, out) == 0) {
		remove(apath);
		free(want);
		return;
	}
	{
		FILE *f = fopen(apath, "w");

		if (f) {
			fputs(out, f);
			fclose(f);
		}
	}
	free(want);
	cr_assert_fail("%s/%s: output differs from %s (see %s; diff -u %s %s)",
		       c->dir, c->name, want ? path : "(missing)", apath, path,
		       apath);
}

ParameterizedTestParameters(golden, parse)
{
	size_t n;
	struct golden_case *v = golden_scan("tests/parse", ".ipxe", &n);

	return cr_make_param_array(struct golden_case, v, n, golden_cleanup);
}

ParameterizedTest(struct golden_case *c, golden, parse)
{
	char path[256];
	struct script *s;
	char *out = NULL;
	size_t outlen = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.ipxe", c->dir, c->name);
	s = script_load(path);
	cr_assert_not_null(s, "cannot read %s", path);
	f = open_memstream(&out, &outlen);
	ast_dump(f, s);
	fclose(f);
	script_free(s);
	golden_expect(c, out);
	free(out);
}

/* ------------------------------------------------------------ conformance */

#define CONFORMANCE_DIR "tests/conformance"
#define MAX_SIM_ARGS 16

/* NAME.opts: the words of its "sim:" line (README.md there). */
struct case_opts {
	char *text;			/* the file, cut into words in place */
	const char *sim[MAX_SIM_ARGS];
	size_t nsim;
};

/* Reads base.opts if there is one; false (and a message) if malformed. */
static bool
read_opts(const char *base, struct case_opts *o, char *why, size_t whylen)
{
	char path[300];
	char *line, *next;

	memset(o, 0, sizeof(*o));
	snprintf(path, sizeof(path), "%s.opts", base);
	o->text = test_read_file(path, NULL);
	for (line = o->text; line && *line; line = next) {
		char *colon, *w;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!*line || *line == '#')
			continue;
		colon = strchr(line, ':');
		if (!colon) {
			snprintf(why, whylen, "%s: no ':' in '%s'", path, line);
			return false;
		}
		*colon = '\0';
		if (strcmp(line, "oracle") == 0 || strcmp(line, "timeout") == 0)
			continue;	/* for record.sh only */
		if (strcmp(line, "sim") != 0) {
			snprintf(why, whylen, "%s: unknown key '%s'", path,
				 line);
			return false;
		}
		for (w = strtok(colon + 1, " \t\r"); w;
		     w = strtok(NULL, " \t\r")) {
			if (o->nsim == MAX_SIM_ARGS) {
				snprintf(why, whylen, "%s: too many words",
					 path);
				return false;
			}
			o->sim[o->nsim++] = w;
		}
	}
	return true;
}

/* Whether ipxesim's exit status matches the oracle's end state. */
static bool
end_matches(const char *end, int status)
{
	if (strcmp(end, "returned") == 0)
		return status == 0 || status == 1;
	if (strcmp(end, "shell") == 0)
		return status == 5;
	if (strcmp(end, "timeout") == 0)
		return status == 5 || status == 6;
	if (strcmp(end, "reboot") == 0 || strcmp(end, "poweroff") == 0)
		return status == 4;
	return false;
}

ParameterizedTestParameters(golden, conformance)
{
	struct golden_case *v = NULL;
	struct dirent **groups;
	int count = scandir(CONFORMANCE_DIR, &groups, NULL, alphasort);
	size_t n = 0;

	for (int i = 0; i < count; i++) {
		char dir[64];
		struct stat st;

		if (groups[i]->d_name[0] != '.' &&
		    (size_t)snprintf(dir, sizeof(dir), "%s/%s", CONFORMANCE_DIR,
				     groups[i]->d_name) < sizeof(dir) &&
		    stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			scan_dir(dir, ".ipxe", &v, &n);
		free(groups[i]);
	}
	free(groups);
	return cr_make_param_array(struct golden_case, golden_publish(v, n), n,
				   golden_cleanup);
}

/*
 * Runs one recorded case: ipxesim on BASE.ipxe with BASE.opts and the
 * keys of BASE.keys, its console normalised and compared with the real
 * iPXE's transcript in BASE.EXT, and its exit status with BASE.end.
 * A sample's dummy kernel (samples/root) prints one last line on the real
 * machine that the simulator, which stops at the boot, cannot print:
 * with dummy_kernel, that line is dropped and the run must end booted.
 */
static void
run_recorded(const struct golden_case *c, const char *ext, bool dummy_kernel)
{
	char base[200], script[220], path[220], root[220], sim[300];
	char why[400] = "";
	const char *argv[MAX_SIM_ARGS + 5];
	struct case_opts o;
	char *keys = NULL, *plan, *out, *text, *err = NULL, *end, *want;
	size_t nkeys = 0, outlen, argc = 0;
	bool booted = false;
	int status;
	struct stat st;

	snprintf(base, sizeof(base), "%s/%s", c->dir, c->name);
	cr_assert(read_opts(base, &o, why, sizeof(why)), "%s", why);
	snprintf(sim, sizeof(sim), "%s/ipxesim", test_build_dir());
	argv[argc++] = sim;
	for (size_t i = 0; i < o.nsim; i++)
		argv[argc++] = o.sim[i];
	snprintf(root, sizeof(root), "%s.d", base);
	if (stat(root, &st) == 0 && S_ISDIR(st.st_mode)) {
		argv[argc++] = "--root";
		argv[argc++] = root;
	}
	snprintf(script, sizeof(script), "%s.ipxe", base);
	argv[argc++] = script;
	argv[argc] = NULL;

	/* the key plan's send steps, typed all at once (README: Keys) */
	snprintf(path, sizeof(path), "%s.keys", base);
	plan = test_read_file(path, NULL);
	if (plan) {
		keys = normalise_key_plan(plan, &nkeys, &err);
		cr_assert_not_null(keys, "%s: %s", path, err);
		free(plan);
	}
	out = test_run_bytes(argv, keys, nkeys, &outlen, &status, &err);
	text = normalise_console(out, outlen);

	snprintf(path, sizeof(path), "%s.%s", base, ext);
	want = test_read_file(path, NULL);
	cr_assert_not_null(want, "%s: missing", path);
	if (dummy_kernel) {
		char *last = strrchr(want, '[');

		if (last && strstr(last, " started: dummy kernel, iPXE has "
				   "handed over]") && (last == want ||
						       last[-1] == '\n')) {
			/* the kernel starts its line with a newline */
			if (last - want >= 2 && last[-2] == '\n')
				last--;
			*last = '\0';
			booted = true;
		}
	}
	golden_expect_text(c, path, want, text);

	/* how the run ended: the oracle's end state against the exit code */
	snprintf(path, sizeof(path), "%s.end", base);
	end = test_read_file(path, NULL);
	cr_assert_not_null(end, "%s: missing (record the case with "
			   "tests/conformance/record.sh)", path);
	end[strcspn(end, " \t\r\n")] = '\0';
	if (booted)
		cr_assert_eq(status, 3, "%s: the real iPXE booted the dummy "
			     "kernel but ipxesim exited %d: %s", base, status,
			     err[0] ? err : "(no outcome line)\n");
	else
		/* a file iPXE does not take for a script runs nothing and
		 * returns; ipxesim refuses it (exit 2) with that finding */
		cr_assert(end_matches(end, status) ||
			  (status == 2 && !strcmp(end, "returned") &&
			   !want[strspn(want, "\n")] && !text[0]),
			  "%s: the real iPXE ended '%s' but ipxesim exited "
			  "%d: %s", base, end, status,
			  err[0] ? err : "(no outcome line)\n");
	free(want);
	free(end);
	free(text);
	free(out);
	free(err);
	free(keys);
	free(o.text);
}

ParameterizedTest(struct golden_case *c, golden, conformance)
{
	run_recorded(c, "expected", false);
}

/*
 * samples/NAME.ipxe with NAME.oracle (what the real iPXE printed for it,
 * recorded as samples/README.md says) and NAME.opts / NAME.keys in the
 * conformance format: what `make demo` shows is what the real iPXE does.
 */
ParameterizedTestParameters(golden, samples)
{
	size_t n;
	struct golden_case *v = golden_scan("samples", ".oracle", &n);

	return cr_make_param_array(struct golden_case, v, n, golden_cleanup);
}

ParameterizedTest(struct golden_case *c, golden, samples)
{
	run_recorded(c, "oracle", true);
}

/* ------------------------------------------------------------- lint formats */

/*
 *   tests/lint-cli/NAME.ipxe  ->  NAME.FMT.expected for each output format:
 *       `ipxelint --norc -f FMT [NAME.args] NAME.ipxe`; in SARIF the version
 *       shows as VERSION and only the rules the results use are kept
 *       (so that a new check changes no golden; test_lint_cli.c checks
 *       the whole table); the exit status must be -f quiet's
 *   tests/lint-cli/tree/  ->  tree.expected: a directory walk under its
 *       .ipxelintrc (ignored paths, hidden directories, signatures)
 */
#define LINT_CLI_DIR "tests/lint-cli"

/* Here rather than at the top: this section was added to a file that
 * others edit at the same time. */
#include <jansson.h>

static const char *const lint_formats[] = {
	"tty", "gcc", "json", "sarif", "checkstyle", "diff",
};
#define NLINT_FORMATS (sizeof(lint_formats) / sizeof(lint_formats[0]))

/* s with every occurrence of from replaced by to (malloc'd). */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	struct buf b;
	size_t flen = strlen(from);
	const char *hit;

	buf_init(&b);
	while (flen && (hit = strstr(s, from))) {
		buf_add(&b, s, (size_t)(hit - s));
		buf_adds(&b, to);
		s = hit + flen;
	}
	buf_adds(&b, s);
	return buf_steal(&b);
}

/* What `ipxelint --version` says after "ipxelint " (malloc'd). */
static char *
lint_version(const char *lint)
{
	const char *argv[] = { lint, "--version", NULL };
	int status;
	char *out = test_run(argv, NULL, &status, NULL);
	char *v = xstrdup(strncmp(out, "ipxelint ", 9) ? "" : out + 9);

	v[strcspn(v, "\n")] = '\0';
	free(out);
	return v;
}

/* A SARIF log with only the rules its results use, ruleIndex renumbered
 * (malloc'd); the text unchanged if it is not JSON. */
static char *
sarif_used_rules(const char *text)
{
	json_t *log = json_loads(text, 0, NULL), *run, *rules, *used, *res, *r;
	size_t i, k;
	char *out;

	if (!log)
		return xstrdup(text);
	run = json_array_get(json_object_get(log, "runs"), 0);
	rules = json_object_get(json_object_get(json_object_get(run, "tool"),
						"driver"), "rules");
	used = json_array();
	json_array_foreach(rules, i, r) {
		bool keep = false;

		json_array_foreach(json_object_get(run, "results"), k, res) {
			if (json_integer_value(json_object_get(res,
					"ruleIndex")) == (json_int_t)i) {
				keep = true;
				json_object_set_new(res, "ruleIndex",
					json_integer((json_int_t)
						json_array_size(used)));
			}
		}
		if (keep)
			json_array_append(used, r);
	}
	json_object_set_new(json_object_get(json_object_get(run, "tool"),
					    "driver"), "rules", used);
	out = json_dumps(log, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(log);
	return out;
}

ParameterizedTestParameters(golden, lint_formats)
{
	struct golden_case *scripts = NULL, *v;
	size_t n = 0, m = 0;

	scan_dir(LINT_CLI_DIR, ".ipxe", &scripts, &n);
	v = xmalloc((n ? n : 1) * NLINT_FORMATS * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		for (size_t f = 0; f < NLINT_FORMATS; f++, m++) {
			snprintf(v[m].dir, sizeof(v[m].dir), "%s",
				 scripts[i].dir);
			snprintf(v[m].name, sizeof(v[m].name), "%.100s.%s",
				 scripts[i].name, lint_formats[f]);
		}
	free(scripts);
	return cr_make_param_array(struct golden_case, golden_publish(v, m),
				   m, golden_cleanup);
}

ParameterizedTest(struct golden_case *c, golden, lint_formats)
{
	char base[200], path[300], lint[300];
	const char *argv[40];
	const char *fmt = strrchr(c->name, '.') + 1;
	char *args, *out, *err, *version, *text;
	size_t argc = 0, fmt_arg;
	int status, quiet;

	snprintf(base, sizeof(base), "%s/%.*s", c->dir,
		 (int)(fmt - 1 - c->name), c->name);
	snprintf(lint, sizeof(lint), "%s/ipxelint", test_build_dir());
	argv[argc++] = lint;
	argv[argc++] = "--norc";
	argv[argc++] = "-f";
	fmt_arg = argc;
	argv[argc++] = fmt;
	snprintf(path, sizeof(path), "%s.args", base);
	args = test_read_file(path, NULL);
	for (char *w = args ? strtok(args, " \t\r\n") : NULL;
	     w && argc < 37; w = strtok(NULL, " \t\r\n"))
		argv[argc++] = w;
	snprintf(path, sizeof(path), "%s.ipxe", base);
	argv[argc++] = path;
	argv[argc] = NULL;

	out = test_run(argv, NULL, &status, &err);
	cr_assert(status == 0 || status == 1, "%s -f %s: exit %d: %s", path,
		  fmt, status, err);
	cr_assert_str_empty(err, "%s -f %s: %s", path, fmt, err);
	version = lint_version(lint);
	text = replace_all(out, version, "VERSION");
	if (strcmp(fmt, "sarif") == 0) {
		char *used = sarif_used_rules(text);
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "%s\n", used);
		free(used);
		free(text);
		text = buf_steal(&b);
	}
	golden_expect(c, text);

	/* the exit status does not depend on the format */
	argv[fmt_arg] = "quiet";
	free(out);
	free(err);
	out = test_run(argv, NULL, &quiet, &err);
	cr_assert_str_empty(out, "-f quiet printed something");
	cr_assert_eq(status, quiet, "-f %s exits %d, -f quiet %d", fmt,
		     status, quiet);
	free(text);
	free(version);
	free(out);
	free(err);
	free(args);
}

Test(golden, lint_tree)
{
	struct golden_case c = { LINT_CLI_DIR, "tree" };
	char lint[300];
	const char *argv[] = { lint, "-f", "gcc", LINT_CLI_DIR "/tree", NULL };
	char *out, *err;
	int status;

	snprintf(lint, sizeof(lint), "%s/ipxelint", test_build_dir());
	out = test_run(argv, NULL, &status, &err);
	cr_assert_eq(status, 1, "exit %d: %s", status, err);
	golden_expect(&c, out);
	free(out);
	free(err);
}

/* ---------------------------------------------------------------- lint */

/*
 *   tests/lint/IPXnnnn/{bad,good}-NAME.ipxe  ->  NAME.expected: the
 *       complete `ipxelint --norc -f gcc [NAME.args] NAME.ipxe` output
 *       (NAME.args: options, relative to the source tree); empty for good cases
 *       (the false-positive guards), naming IPXnnnn for bad ones
 *   docs/checks/README.md: what `sh tests/gen-check-catalogue.sh` prints
 *   tests/corpus-findings.txt: `ipxelint -f gcc` over every corpus file,
 *       paths relative to the corpus, files sorted (docs/lint-precision.md)
 */
#define LINT_DIR "tests/lint"

ParameterizedTestParameters(golden, lint)
{
	struct golden_case *v = NULL;
	struct dirent **codes;
	int count = scandir(LINT_DIR, &codes, NULL, alphasort);
	size_t n = 0;

	for (int i = 0; i < count; i++) {
		char dir[64];
		struct stat st;

		if (strncmp(codes[i]->d_name, "IPX", 3) == 0 &&
		    (size_t)snprintf(dir, sizeof(dir), "%s/%s", LINT_DIR,
				     codes[i]->d_name) < sizeof(dir) &&
		    stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			scan_dir(dir, ".ipxe", &v, &n);
		free(codes[i]);
	}
	if (count >= 0)
		free(codes);
	return cr_make_param_array(struct golden_case, golden_publish(v, n), n,
				   golden_cleanup);
}

ParameterizedTest(struct golden_case *c, golden, lint)
{
	char lint[256], path[256], tag[32];
	const char *argv[24] = { lint, "--norc", "-f", "gcc" };
	const char *code = strrchr(c->dir, '/') + 1;
	char *out, *err, *args;
	size_t argc = 4;
	int status;

	snprintf(lint, sizeof(lint), "%s/ipxelint", test_build_dir());
	/* NAME.args: more options (--root, -o ...), blank-separated */
	snprintf(path, sizeof(path), "%s/%s.args", c->dir, c->name);
	args = test_read_file(path, NULL);
	for (char *w = args ? strtok(args, " \t\r\n") : NULL;
	     w && argc < 22; w = strtok(NULL, " \t\r\n"))
		argv[argc++] = w;
	snprintf(path, sizeof(path), "%s/%s.ipxe", c->dir, c->name);
	argv[argc++] = path;
	argv[argc] = NULL;
	out = test_run(argv, NULL, &status, &err);
	cr_assert(status == (out[0] ? 1 : 0), "%s: ipxelint exited %d: %s",
		  path, status, err);
	golden_expect(c, out);
	/* the folder's convention: good cases are clean, bad ones show
	 * the folder's check */
	snprintf(tag, sizeof(tag), "[%s]", code);
	if (strncmp(c->name, "good-", 5) == 0)
		cr_assert_str_empty(out, "%s: a good case must have no finding",
				    path);
	else
		cr_assert(strncmp(c->name, "bad-", 4) == 0 && strstr(out, tag),
			  "%s: a case is named bad-* and reports %s", path,
			  tag);
	free(out);
	free(err);
	free(args);
}

/* Compares out with the committed file want_path; on a mismatch writes
 * out to BUILD/actual_name and fails, saying how to accept it. */
static void
expect_file(const char *want_path, const char *out, const char *actual_name,
	    const char *how)
{
	char apath[256];
	char *want = test_read_file(want_path, NULL);
	FILE *f;

	snprintf(apath, sizeof(apath), "%s/%s", test_build_dir(), actual_name);
	if (want && strcmp(want, out) == 0) {
		remove(apath);
		free(want);
		return;
	}
	f = fopen(apath, "w");
	if (f) {
		fputs(out, f);
		fclose(f);
	}
	free(want);
	cr_assert_fail("%s differs from the current output (diff -u %s %s); %s",
		       want_path, want_path, apath, how);
}

Test(golden, lint_catalogue)
{
	const char *argv[] = { "/bin/sh", "tests/gen-check-catalogue.sh",
			       "--check", NULL };
	char *out, *err;
	int status;

	out = test_run(argv, NULL, &status, &err);
	cr_assert_eq(status, 0, "tests/gen-check-catalogue.sh --check: %s",
		     err);
	expect_file("docs/checks/README.md", out, "check-catalogue.actual",
		    "run 'sh tests/gen-check-catalogue.sh > "
		    "docs/checks/README.md'");
	free(out);
	free(err);
}

/* Appends the files under root/rel (recursively) to *v, as paths
 * relative to root; the corpus's own README.md and SOURCES.tsv are not
 * scripts. */
static void
corpus_files(const char *root, const char *rel, char ***v, size_t *n)
{
	char dir[512];
	struct dirent **names;
	int count;

	snprintf(dir, sizeof(dir), "%s%s%s", root, *rel ? "/" : "", rel);
	count = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < count; i++) {
		const char *f = names[i]->d_name;
		char sub[512], full[1024];
		struct stat st;

		if (f[0] == '.' || (!*rel && (strcmp(f, "README.md") == 0 ||
					      strcmp(f, "SOURCES.tsv") == 0))) {
			free(names[i]);
			continue;
		}
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", f);
		snprintf(full, sizeof(full), "%s/%s", root, sub);
		if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			corpus_files(root, sub, v, n);
		} else if (S_ISREG(st.st_mode)) {
			*v = xrealloc(*v, (*n + 1) * sizeof(**v));
			(*v)[(*n)++] = xstrdup(sub);
		}
		free(names[i]);
	}
	if (count >= 0)
		free(names);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

Test(golden, lint_corpus, .timeout = 120)
{
	const char *root = test_corpus_dir();
	char **files = NULL, *out, *err, lint[256];
	const char **argv;
	size_t nfiles = 0, rlen;
	struct buf rel;
	int status;

	if (!root)
		cr_skip_test("corpus not found (set IPXE_CORPUS or put it at "
			     "../shared/corpus): corpus findings not compared");
	corpus_files(root, "", &files, &nfiles);
	cr_assert_gt(nfiles, 0, "%s: no files", root);
	qsort(files, nfiles, sizeof(*files), by_name);

	snprintf(lint, sizeof(lint), "%s/ipxelint", test_build_dir());
	argv = xmalloc((nfiles + 5) * sizeof(*argv));
	argv[0] = lint;
	argv[1] = "--norc";
	argv[2] = "-f";
	argv[3] = "gcc";
	for (size_t i = 0; i < nfiles; i++) {
		char *p = xmalloc(strlen(root) + strlen(files[i]) + 2);

		sprintf(p, "%s/%s", root, files[i]);
		argv[4 + i] = p;
	}
	argv[4 + nfiles] = NULL;
	out = test_run(argv, NULL, &status, &err);
	cr_assert(status == 0 || status == 1, "ipxelint exited %d: %s",
		  status, err);

	/* "ROOT/path:line:col: ..." -> "path:line:col: ..." */
	rlen = strlen(root);
	buf_init(&rel);
	for (const char *line = out; *line;) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line + 1) : strlen(line);

		if (len > rlen && strncmp(line, root, rlen) == 0 &&
		    line[rlen] == '/')
			buf_add(&rel, line + rlen + 1, len - rlen - 1);
		else
			buf_add(&rel, line, len);
		line += len;
	}
	expect_file("tests/corpus-findings.txt", rel.data ? rel.data : "",
		    "corpus-findings.actual",
		    "review every changed finding (docs/lint-precision.md), "
		    "then copy the .actual over it");
	buf_fini(&rel);
	for (size_t i = 0; i < nfiles; i++) {
		free((char *)argv[4 + i]);
		free(files[i]);
	}
	free(argv);
	free(files);
	free(out);
	free(err);
}

/* ------------------------------------------------------------- trace */

/*
 *   tests/trace/NAME.ipxe  ->  NAME.text.expected and NAME.json.expected:
 *       what `ipxesim --batch --trace[=json] [NAME.args] NAME.ipxe` writes
 *       on stderr (the trace and the outcome line), run from tests/trace
 *       so that file names in the trace are the cases' own
 */
#define TRACE_DIR "tests/trace"

ParameterizedTestParameters(golden, trace)
{
	struct golden_case *scripts = NULL, *v;
	size_t n = 0, m = 0;

	scan_dir(TRACE_DIR, ".ipxe", &scripts, &n);
	v = xmalloc((n ? n : 1) * 2 * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		for (int json = 0; json < 2; json++, m++) {
			snprintf(v[m].dir, sizeof(v[m].dir), "%s",
				 scripts[i].dir);
			snprintf(v[m].name, sizeof(v[m].name), "%.100s.%s",
				 scripts[i].name, json ? "json" : "text");
		}
	free(scripts);
	return cr_make_param_array(struct golden_case, golden_publish(v, m),
				   m, golden_cleanup);
}

ParameterizedTest(struct golden_case *c, golden, trace)
{
	const char *fmt = strrchr(c->name, '.') + 1;
	char sim[4400], script[200], path[300], cwd[4096];
	const char *argv[40];
	char *args, *out, *err;
	size_t argc = 0;
	int status;

	cr_assert(getcwd(cwd, sizeof(cwd)));
	snprintf(sim, sizeof(sim), "%s/%s/ipxesim", cwd, test_build_dir());
	snprintf(script, sizeof(script), "%.*s.ipxe",
		 (int)(fmt - 1 - c->name), c->name);
	argv[argc++] = sim;
	argv[argc++] = "--batch";
	argv[argc++] = strcmp(fmt, "json") == 0 ? "--trace=json" : "--trace";
	snprintf(path, sizeof(path), "%s/%.*s.args", c->dir,
		 (int)(fmt - 1 - c->name), c->name);
	args = test_read_file(path, NULL);
	for (char *w = args ? strtok(args, " \t\r\n") : NULL;
	     w && argc < 38; w = strtok(NULL, " \t\r\n"))
		argv[argc++] = w;
	argv[argc++] = script;
	argv[argc] = NULL;
	cr_assert_eq(chdir(c->dir), 0);
	out = test_run(argv, "", &status, &err);
	cr_assert_eq(chdir(cwd), 0);
	cr_assert(status >= 0, "%s: ipxesim died of a signal", script);
	golden_expect(c, err);
	free(out);
	free(err);
	free(args);
}

/* Usage errors of the options this section tests, and of a run without
 * a script when there is no terminal for the prompt. */
Test(golden, trace_and_prompt_usage)
{
	static const char *const bad[][3] = {
		{ "--trace=xml", "tests/trace/operators.ipxe",
		  "--trace takes text or json, not 'xml'" },
		{ "--batch", NULL, "no script given (without one, ipxesim "
		  "needs a terminal for its prompt)" },
	};
	char sim[300];

	snprintf(sim, sizeof(sim), "%s/ipxesim", test_build_dir());
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *argv[] = { sim, bad[i][0], bad[i][1], NULL };
		char *out, *err;
		int status;

		out = test_run(argv, "", &status, &err);
		cr_assert_eq(status, 2, "%s: exit %d", bad[i][0], status);
		cr_assert(strstr(err, bad[i][2]), "%s: %s", bad[i][0], err);
		cr_assert_str_empty(out);
		free(out);
		free(err);
	}
}
