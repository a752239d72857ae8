/*
 * test_normalise.c - the C port of the oracle's normaliser and key-plan
 * parser against the python itself: the .pairs files in
 * tests/unit/normalise hold inputs and what `ipxe-oracle` produced for
 * them (recorded at development time), one parameterized test per pair.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"
#include "tests/normalise.h"
#include "tests/support.h"

#define PAIRS_DIR "tests/unit/normalise"

/* Pointer-free, for Criterion's parameter copies. */
struct pair {
	char file[32];
	char name[64];
	unsigned index;		/* which pair of the file */
};

/* Undoes the escapes of the .pairs files (\\ \n \r \t \b \e \xHH). */
static char *
unescape(const char *s, size_t n, size_t *len)
{
	struct buf b;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\\' && i + 1 < n) {
			switch (s[++i]) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'b': c = '\b'; break;
			case 'e': c = '\x1b'; break;
			case 'x': {
				char hex[3] = { s[i + 1], s[i + 2], 0 };

				c = (char)strtoul(hex, NULL, 16);
				i += 2;
				break;
			}
			default: c = s[i]; break;
			}
		}
		buf_addc(&b, c);
	}
	*len = b.len;
	return buf_steal(&b);
}

/* Cuts the next line off *p (NULL at the end of the text). */
static char *
next_line(char **p)
{
	char *line = *p, *nl;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = line + strlen(line);
	}
	return line;
}

/* The next pair of the text: "= NAME", input line, output line; lines
 * before a "= " line (the header) are skipped. */
static bool
next_pair(char **p, char **name, char **in, char **out)
{
	char *line;

	while ((line = next_line(p)) && strncmp(line, "= ", 2) != 0)
		;
	if (!line)
		return false;
	*name = line + 2;
	*in = next_line(p);
	*out = next_line(p);
	return *in && *out;
}

/* Pair number index of file: its name, input and output (unescaped). */
static bool
read_pair(const char *file, unsigned index, char name[64], char **in,
	  size_t *inlen, char **out, size_t *outlen)
{
	char path[128];
	char *text, *p, *n, *i, *o;
	bool found = false;

	snprintf(path, sizeof(path), "%s/%s", PAIRS_DIR, file);
	text = test_read_file(path, NULL);
	p = text;
	for (unsigned k = 0; text && next_pair(&p, &n, &i, &o); k++) {
		if (k == index) {
			snprintf(name, 64, "%s", n);
			*in = unescape(i, strlen(i), inlen);
			*out = unescape(o, strlen(o), outlen);
			found = true;
			break;
		}
	}
	free(text);
	return found;
}

static struct pair *
scan_pairs(const char *file, size_t *n)
{
	char path[128];
	char *text, *p, *name, *in, *out;
	struct pair *v = NULL, *copy;

	*n = 0;
	snprintf(path, sizeof(path), "%s/%s", PAIRS_DIR, file);
	text = test_read_file(path, NULL);
	p = text;
	while (text && next_pair(&p, &name, &in, &out)) {
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		snprintf(v[*n].file, sizeof(v[*n].file), "%s", file);
		snprintf(v[*n].name, sizeof(v[*n].name), "%s", name);
		v[*n].index = (unsigned)*n;
		(*n)++;
	}
	free(text);
	copy = test_cr_copy(v, *n * sizeof(*v));
	free(v);
	return copy;
}

static void
free_params(struct criterion_test_params *p)
{
	if (p->params)
		cr_free(p->params);
}

ParameterizedTestParameters(normalise, matches_the_oracle)
{
	size_t n;
	struct pair *v = scan_pairs("console.pairs", &n);

	return cr_make_param_array(struct pair, v, n, free_params);
}

ParameterizedTest(struct pair *p, normalise, matches_the_oracle)
{
	char name[64];
	char *in, *want, *got;
	size_t inlen, wantlen;

	cr_assert(read_pair(p->file, p->index, name, &in, &inlen, &want,
			    &wantlen), "%s: pair %u unreadable", p->file,
		  p->index);
	got = normalise_console(in, inlen);
	cr_expect_str_eq(got, want, "%s: normalised text differs", name);
	free(in);
	free(want);
	free(got);
}

ParameterizedTestParameters(normalise, key_plan_matches_the_oracle)
{
	size_t n;
	struct pair *v = scan_pairs("keys.pairs", &n);

	return cr_make_param_array(struct pair, v, n, free_params);
}

ParameterizedTest(struct pair *p, normalise, key_plan_matches_the_oracle)
{
	char name[64];
	char *plan, *want, *got, *err = NULL;
	size_t planlen, wantlen, gotlen = 0;

	cr_assert(read_pair(p->file, p->index, name, &plan, &planlen, &want,
			    &wantlen), "%s: pair %u unreadable", p->file,
		  p->index);
	got = normalise_key_plan(plan, &gotlen, &err);
	if (strcmp(want, "ERROR") == 0) {
		cr_expect_null(got, "%s: the oracle rejects this plan", name);
		cr_expect_not_null(err);
	} else {
		cr_assert_not_null(got, "%s: rejected: %s", name, err);
		cr_expect_eq(gotlen, wantlen, "%s: %zu bytes, want %zu", name,
			     gotlen, wantlen);
		cr_expect(memcmp(got, want, wantlen < gotlen ? wantlen
							     : gotlen) == 0,
			  "%s: bytes differ", name);
	}
	free(plan);
	free(want);
	free(got);
	free(err);
}

Test(normalise, the_final_line_has_no_newline_when_mid_line)
{
	char *t = normalise_console("a\nb", 3);

	cr_assert_str_eq(t, "a\nb");
	free(t);
}

Test(normalise, a_screen_clear_writes_out_the_last_frame)
{
	static const char in[] = "x\n\x1b[2J\n\n  title\n\n   item\n\x1b[2Jy";
	char *t = normalise_console(in, sizeof(in) - 1);

	cr_assert_str_eq(t, "x\n  title\n\n   item\ny");
	free(t);
}

static size_t
count_pairs(const char *file)
{
	char path[128];
	char *text, *p, *name, *in, *out;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s", PAIRS_DIR, file);
	text = test_read_file(path, NULL);
	p = text;
	while (text && next_pair(&p, &name, &in, &out))
		n++;
	free(text);
	return n;
}

Test(normalise, the_recorded_pairs_are_there)
{
	cr_assert_gt(count_pairs("console.pairs"), 300);
	cr_assert_gt(count_pairs("keys.pairs"), 10);
}
