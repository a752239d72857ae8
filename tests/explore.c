/*
 * explore.c - tests of ipxesim --explore: each tests/explore/NAME.ipxe is
 * explored once per line of NAME.args (the options, split on blanks; no
 * .args file means one run without options), and the outputs, each
 * after a "$ OPTIONS (exit N)" line, must equal NAME.expected (on a
 * mismatch NAME.actual is written).  Then the netboot.xyz tree of the
 * corpus, explored from its menu.ipxe: the exploration must finish,
 * with many paths and real kernels booting; skipped with a message when
 * the corpus is absent.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"
#include "tests/support.h"

#define EXPLORE_DIR "tests/explore"

struct explore_case {
	char name[100];
};

static void
cleanup(struct criterion_test_params *p)
{
	cr_free(p->params);
}

ParameterizedTestParameters(explore, fixtures)
{
	struct explore_case *v = NULL, *copy;
	struct dirent **names;
	int count = scandir(EXPLORE_DIR, &names, NULL, alphasort);
	size_t n = 0;

	for (int i = 0; i < count; i++) {
		const char *f = names[i]->d_name;
		size_t len = strlen(f);

		if (len > 5 && !strcmp(f + len - 5, ".ipxe") &&
		    len - 5 < sizeof(v->name)) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			snprintf(v[n].name, sizeof(v[n].name), "%.*s",
				 (int)(len - 5), f);
			n++;
		}
		free(names[i]);
	}
	if (count >= 0)
		free(names);
	copy = test_cr_copy(v, n * sizeof(*v));
	free(v);
	return cr_make_param_array(struct explore_case, copy, n, cleanup);
}

/* One exploration with the options on line opts; its report to out. */
static void
explore_once(const char *script, char *opts, struct buf *out)
{
	char sim[300];
	const char *argv[40];
	char *text, *err;
	size_t argc = 0;
	int status;

	snprintf(sim, sizeof(sim), "%s/ipxesim", test_build_dir());
	argv[argc++] = sim;
	argv[argc++] = "--explore";
	buf_printf(out, "$ %s\n", opts);
	for (char *w = strtok(opts, " \t"); w && argc < 37;
	     w = strtok(NULL, " \t"))
		argv[argc++] = w;
	argv[argc++] = script;
	argv[argc] = NULL;
	text = test_run(argv, NULL, &status, &err);
	buf_adds(out, text);
	buf_printf(out, "(exit %d)\n", status);
	if (*err)
		buf_printf(out, "stderr: %s", err);
	free(text);
	free(err);
}

ParameterizedTest(struct explore_case *c, explore, fixtures)
{
	char script[300], path[300];
	char *args, *want, *line, *save = NULL;
	struct buf out;
	FILE *f;

	snprintf(script, sizeof(script), "%s/%s.ipxe", EXPLORE_DIR, c->name);
	snprintf(path, sizeof(path), "%s/%s.args", EXPLORE_DIR, c->name);
	args = test_read_file(path, NULL);
	buf_init(&out);
	buf_add(&out, "", 0);
	if (!args)
		args = xstrdup("");
	line = strtok_r(args, "\n", &save);
	if (!line)
		explore_once(script, args, &out);
	for (; line; line = strtok_r(NULL, "\n", &save))
		explore_once(script, line, &out);
	free(args);

	snprintf(path, sizeof(path), "%s/%s.expected", EXPLORE_DIR, c->name);
	want = test_read_file(path, NULL);
	snprintf(path, sizeof(path), "%s/%s.actual", EXPLORE_DIR, c->name);
	if (want && !strcmp(want, out.data)) {
		remove(path);
	} else if ((f = fopen(path, "w")) != NULL) {
		fputs(out.data, f);
		fclose(f);
	}
	cr_assert(want && !strcmp(want, out.data),
		  "%s: the report differs from %s.expected (see %s)",
		  script, c->name, path);
	free(want);
	buf_fini(&out);
}

/* Counts the lines of text starting with prefix. */
static size_t
count_lines(const char *text, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);

	for (const char *l = text; l && *l; l = strchr(l, '\n')) {
		if (*l == '\n')
			l++;
		if (!strncmp(l, prefix, len))
			n++;
	}
	return n;
}

Test(explore, netboot_xyz, .timeout = 300)
{
	const char *corpus = test_corpus_dir();
	char sim[300], root[400], menu[450];
	const char *argv[12];
	char *out, *err;
	int status;

	if (!corpus)
		cr_skip_test("corpus not found (set IPXE_CORPUS or put it at "
			     "../shared/corpus): netboot.xyz not explored");
	snprintf(sim, sizeof(sim), "%s/ipxesim", test_build_dir());
	snprintf(root, sizeof(root), "%s/netbootxyz__netboot.xyz", corpus);
	snprintf(menu, sizeof(menu), "%s/menu.ipxe", root);
	argv[0] = sim;
	argv[1] = "--explore";
	argv[2] = "--root";
	argv[3] = root;
	argv[4] = "--uri";
	argv[5] = "http://boot.netboot.xyz/menu.ipxe";
	argv[6] = "--pre";
	argv[7] = "dhcp";
	argv[8] = "-f";
	argv[9] = "json";
	argv[10] = menu;
	argv[11] = NULL;
	out = test_run(argv, NULL, &status, &err);
	cr_assert_eq(status, 0, "ipxesim --explore exited %d: %s", status,
		     err);
	/* one path a line: what every path ended in */
	cr_assert_gt(count_lines(out, "{\"id\":"), 1000,
		     "too few paths explored");
	cr_assert(strstr(out, "\"outcome\":\"boot\""), "nothing boots");
	cr_assert(strstr(out, "vmlinuz"), "no kernel boots");
	cr_assert(strstr(out, "\"findings\":["), "no findings list");
	free(out);
	free(err);
}

/* ipxelint --deep reports what only a run finds (a goto whose label is
 * built from a menu choice); without --deep the linter does not run it. */
Test(explore, lint_deep)
{
	char lint[300];
	const char *deep[] = { lint, "--norc", "--deep", "-f", "gcc",
			       EXPLORE_DIR "/menu.ipxe", NULL };
	const char *plain[] = { lint, "--norc", "-f", "gcc",
				EXPLORE_DIR "/menu.ipxe", NULL };
	char *out, *err;
	int status;

	snprintf(lint, sizeof(lint), "%s/ipxelint", test_build_dir());
	out = test_run(deep, NULL, &status, &err);
	cr_assert_eq(status, 1, "ipxelint --deep exited %d: %s", status, err);
	cr_assert(strstr(out, "tests/explore/menu.ipxe:21:1: error: choosing "
			      "'24.04' in menu 'ubuntu-versions' goes to "
			      "missing label '24.04-boot' [IPX9101]"),
		  "no IPX9101 in:\n%s", out);
	free(out);
	free(err);
	out = test_run(plain, NULL, &status, &err);
	cr_assert(strstr(out, "IPX91") == NULL, "IPX91xx without --deep");
	free(out);
	free(err);
}

/* The paths' codes are checks like the others: listed, explained, and
 * -e and the directives drop them. */
Test(explore, lint_deep_codes)
{
	char lint[300];
	const char *list[] = { lint, "--list-checks", NULL };
	const char *explain[] = { lint, "--explain", "IPX9103", NULL };
	const char *excl[] = { lint, "--norc", "--deep", "-f", "gcc",
			       "-e", "IPX9101", "-e", "path-error",
			       EXPLORE_DIR "/menu.ipxe", NULL };
	char *out, *err;
	int status;

	snprintf(lint, sizeof(lint), "%s/ipxelint", test_build_dir());
	out = test_run(list, NULL, &status, &err);
	cr_assert_eq(status, 0, "--list-checks exited %d", status);
	for (int code = 9101; code <= 9104; code++) {
		char want[16];

		snprintf(want, sizeof(want), "IPX%d ", code);
		cr_assert(strstr(out, want), "no %s in --list-checks", want);
	}
	cr_assert(strstr(out, "--deep   path-missing-label"),
		  "IPX9101 not marked as a --deep check:\n%s", out);
	free(out);
	free(err);
	out = test_run(explain, NULL, &status, &err);
	cr_assert_eq(status, 0, "--explain IPX9103 exited %d: %s", status,
		     err);
	cr_assert(strstr(out, "# IPX9103: path-error"), "explained: %s", out);
	free(out);
	free(err);
	out = test_run(excl, NULL, &status, &err);
	cr_assert(strstr(out, "IPX9101") == NULL, "-e IPX9101 kept:\n%s",
		  out);
	cr_assert(strstr(out, "[IPX6001]"), "the static findings stay:\n%s",
		  out);
	free(out);
	free(err);
}
