/*
 * fuzz_lint.c - libFuzzer target for the linter on one file: every check
 * (the optional ones too, lowest severity), then every report format into
 * a memory stream, then the --fix rounds (fix plan, diff, re-parse and
 * re-lint of the fixed text) as ipxelint --fix runs them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lint/lint.h"
#include "lint/report.h"
#include "parser/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
all_checks(struct lint_opts *o)
{
	lint_opts_init(o);
	for (size_t i = 0; i < CHECK_COUNT; i++)
		o->enabled[i] = true;
	o->min_sev = SEV_STYLE;
}

static void
report_all(const struct script *s)
{
	for (int f = 0; f < REPORT_COUNT; f++) {
		struct report r;
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);

		if (!out)
			continue;
		report_begin(&r, (enum report_format)f, out, f == REPORT_TTY);
		report_script(&r, s);
		report_end(&r, true);
		fclose(out);
		free(text);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script *s = script_parse("fuzz.ipxe", (const char *)data, size);
	struct lint_opts o;

	if (!s)
		return 0;
	all_checks(&o);
	lint_script(s, &o);
	report_all(s);
	for (int round = 0; round < 3; round++) {
		struct fix_plan p;
		struct script *next;
		char *text = NULL;
		size_t len = 0;
		FILE *out;

		if (!fix_plan_build(&p, s)) {
			fix_plan_fini(&p);
			break;
		}
		out = open_memstream(&text, &len);
		if (out) {
			fix_plan_diff(out, &p, s, "fuzz.ipxe");
			fclose(out);
		}
		free(text);
		next = script_parse("fuzz.ipxe", p.text, p.len);
		fix_plan_fini(&p);
		if (!next)
			break;
		script_free(s);
		s = next;
		lint_script(s, &o);
	}
	script_free(s);
	return 0;
}
