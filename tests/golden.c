/*
 * golden.c - data-driven tests: each case is a file with an expected
 * output beside it.  One parameterized test per case, so a failure names
 * the case; on a mismatch the actual output is written next to the
 * expected one as <case>.actual (accept it with `make update-golden`
 * after reviewing the diff).
 *
 *   tests/parse/NAME.ipxe  ->  NAME.expected: `ipxelint --dump-ast`
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/dump.h"
#include "parser/script.h"
#include "parser/util.h"
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

/* Every DIR/NAME.ext file, sorted, as a cr_malloc'd array (built with
 * malloc first: cr_realloc() fails to grow blocks in Criterion 2.4). */
static struct golden_case *
golden_scan(const char *dir, const char *ext, size_t *n)
{
	struct golden_case *v = NULL;
	struct dirent **names;
	int count = scandir(dir, &names, NULL, alphasort);
	size_t elen = strlen(ext);

	*n = 0;
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
	{
		struct golden_case *copy = test_cr_copy(v, *n * sizeof(*v));

		free(v);
		return copy;
	}
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
