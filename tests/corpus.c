/*
 * corpus.c - the front end over every real-world script of the corpus
 * ($IPXE_CORPUS, default ../shared/corpus): each must parse without an
 * internal error, read exactly like the plain model of iPXE's reader
 * (tests/refmodel.c), keep every byte (tokens separated by whitespace
 * only) and dump deterministically.  One test per file, so a failure or a
 * crash names the file; skipped with a message when the corpus is absent.
 */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/dump.h"
#include "parser/script.h"
#include "parser/util.h"
#include "tests/refmodel.h"
#include "tests/support.h"

struct corpus_case {
	char path[320];
};

static struct corpus_case *found;
static size_t nfound;

static int
collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;

	(void)st;
	if (type != FTW_F || !strcmp(base, "README.md") ||
	    !strcmp(base, "SOURCES.tsv") || strlen(path) >= sizeof(found->path))
		return 0;
	found = xrealloc(found, (nfound + 1) * sizeof(*found));
	snprintf(found[nfound++].path, sizeof(found->path), "%s", path);
	return 0;
}

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct corpus_case *)a)->path,
		      ((const struct corpus_case *)b)->path);
}

static void
cleanup(struct criterion_test_params *p)
{
	if (p->params)
		cr_free(p->params);
}

ParameterizedTestParameters(corpus, parses)
{
	const char *dir = test_corpus_dir();
	struct corpus_case *copy;
	size_t n;

	found = NULL;
	nfound = 0;
	if (dir)
		nftw(dir, collect, 16, FTW_PHYS);
	if (nfound)
		qsort(found, nfound, sizeof(*found), by_path);
	/* Criterion's own heap holds the parameters; ours is freed */
	copy = test_cr_copy(found, nfound * sizeof(*found));
	n = nfound;
	free(found);
	found = NULL;
	nfound = 0;
	return cr_make_param_array(struct corpus_case, copy, n, cleanup);
}

static char *
dump_of(const char *path)
{
	struct script *s = script_load(path);
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	cr_assert_not_null(s, "cannot read %s", path);
	f = open_memstream(&out, &len);
	ast_dump(f, s);
	fclose(f);
	script_free(s);
	return out;
}

ParameterizedTest(struct corpus_case *c, corpus, parses)
{
	size_t len;
	char *data = test_read_file(c->path, &len);
	struct script *s;
	struct ref_script *r;
	struct buf why;
	char *d1, *d2;

	cr_assert_not_null(data, "cannot read %s", c->path);
	s = script_parse(c->path, data, len);
	cr_assert_not_null(s);
	cr_assert_neq(s->sig, SIG_NONE, "%s: no signature", c->path);
	for (size_t i = 0; i < s->ndiags; i++)
		cr_assert_neq(s->diags[i].code, DIAG_INTERNAL, "%s:%u: %s",
			      c->path, s->diags[i].pos.line, s->diags[i].msg);

	/* reads like iPXE's own reader */
	r = ref_parse(data, len);
	buf_init(&why);
	cr_assert(ref_compare(r, s, &why), "%s: %s", c->path, why.data);
	buf_fini(&why);
	ref_free(r);

	/* nothing lost: between tokens only whitespace (and a label's ':') */
	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];
		const char *text = line_str(s, l);
		uint32_t pos = 0, n = line_ntok(s, l);

		for (uint32_t k = 0; k < n; k++) {
			const struct tok *t = &s->toks[l->tok + k];
			uint32_t at = t->off - l->text;

			if (tok_kind(t) == TOK_LABEL)
				at--;
			for (; pos < at; pos++)
				cr_assert(is_ipxe_space((unsigned char)text[pos]),
					  "%s:%u: byte %u lost", c->path,
					  l->lineno, pos);
			pos = t->off - l->text + t->len;
		}
		for (; pos < l->len; pos++)
			cr_assert(is_ipxe_space((unsigned char)text[pos]),
				  "%s:%u: trailing byte %u lost", c->path,
				  l->lineno, pos);
	}
	script_free(s);
	free(data);

	/* deterministic dump */
	d1 = dump_of(c->path);
	d2 = dump_of(c->path);
	cr_assert_str_eq(d1, d2, "%s: --dump-ast differs between runs",
			 c->path);
	free(d1);
	free(d2);
}

/*
 * ipxesim runs every corpus script to a sensible end: no crash (signal)
 * and no hang (Criterion's timeout), on the default machine with the
 * script's folder served and no keys, as `make corpus-report` runs it.
 */
ParameterizedTestParameters(corpus, simulates)
{
	return corpus_parses_param();
}

ParameterizedTest(struct corpus_case *c, corpus, simulates, .timeout = 20)
{
	char sim[256], root[320], *slash, *out, *err;
	const char *argv[8];
	int status;

	snprintf(sim, sizeof(sim), "%s/ipxesim", test_build_dir());
	snprintf(root, sizeof(root), "%s", c->path);
	slash = strrchr(root, '/');
	if (slash)
		*slash = '\0';
	argv[0] = sim;
	argv[1] = "--root";
	argv[2] = root;
	argv[3] = "--max-steps";
	argv[4] = "20000";
	argv[5] = c->path;
	argv[6] = NULL;
	out = test_run(argv, "", &status, &err);
	cr_assert_neq(status, -1, "%s: ipxesim died of a signal: %s", c->path,
		      err);
	cr_assert(status >= 0 && status <= 6 && status != 2,
		  "%s: ipxesim exit status %d: %s", c->path, status, err);
	cr_assert(strncmp(err, "ipxesim: ", 9) == 0 && strchr(err, '\n'),
		  "%s: no outcome line on stderr: %s", c->path, err);
	free(out);
	free(err);
}

Test(corpus, is_present)
{
	const char *dir = test_corpus_dir();

	if (!dir)
		cr_skip_test("corpus not found (set IPXE_CORPUS or put it at "
			     "../shared/corpus): corpus tests skipped");
	cr_log_info("corpus: %s", dir);
}
