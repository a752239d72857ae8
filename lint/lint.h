/*
 * lint.h - ipxelint's engine: the table of checks (lint/checks.def), and
 * lint_script(), which runs them over a parsed script and leaves their
 * findings in script->diags.  The command line, rc files and report
 * formats (lint/main.c, lint/rc.c, lint/report_*.c) are built on this
 * interface only.
 */
#ifndef IPXE_LINT_H
#define IPXE_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/diag.h"
#include "parser/script.h"
#include "stdlib/stdlib.h"

struct lint_ctx;

/* A check: a function over the script and its control-flow graph that
 * reports findings with lint_report(). */
typedef void check_fn(struct lint_ctx *ctx);

enum check_id {
#define CHECK(NAME, num, sev, family, flags, fn, summary) CHECK_##NAME,
#include "lint/checks.def"
#undef CHECK
	CHECK_COUNT
};

/* The check functions (lint/check_*.c), declared from the table. */
#define CHECK(NAME, num, sev, family, flags, fn, summary) check_fn fn;
#include "lint/checks.def"
#undef CHECK

/* Check flags (checks.def column). */
#define CHECKF_FIX	0x1	/* offers a mechanical fix */
#define CHECKF_OPTIONAL	0x2	/* policy check: off unless enabled (-o) */
#define CHECKF_DEEP	0x4	/* found by running every path of the
				 * script (--deep, interp/explore.c), not
				 * by a check function */

struct check_def {
	enum check_id id;
	const char *name;	/* "goto-missing-label": for -o and rc files */
	unsigned code;		/* printed as IPX%04u */
	enum severity sev;
	const char *family;	/* "flow", "fail-stop", "menus", ... */
	unsigned flags;
	check_fn *fn;
	const char *summary;	/* one line for --list-checks */
};

extern const struct check_def check_table[CHECK_COUNT];

/* The check with this code (1001) or name; NULL if none. */
const struct check_def *check_by_code(unsigned code);
const struct check_def *check_by_name(const char *name);

/* A label of another script (ipxelint -x): IPX9001 names the file. */
struct lint_label {
	const char *name;
	size_t len;
	const char *file;	/* as the user named it or it was reached */
};

/* What to check, and how the script will run (from options/rc files). */
struct lint_opts {
	unsigned build;			/* BUILDS_* mask the scripts run on */
	bool build_explicit;		/* --build given: absent commands
					 * are errors, not information */
	bool enabled[CHECK_COUNT];	/* optional checks turned on (-o) */
	bool excluded[CHECK_COUNT];	/* -e / rc exclusions */
	enum severity min_sev;		/* -S: report this and above */
	const char *root;		/* --root DIR for local files, or NULL */
	const char *const *allowed_hosts;	/* policy: NULL-terminated */
	/* --map PREFIX=DIR: URIs starting with prefixes[i] are the files
	 * under dirs[i] (images checks) */
	const char *const *map_prefixes;
	const char *const *map_dirs;
	size_t nmaps;
	/* -x: labels of the scripts this one chains or is chained by */
	const struct lint_label *other_labels;
	size_t nother_labels;
	/* -x: settings those scripts store (set, read, choose...) */
	const struct lint_label *other_settings;
	size_t nother_settings;
};

void lint_opts_init(struct lint_opts *o);

/*
 * Runs every enabled check over s and appends the findings to s->diags
 * (after the front end's own), sorted by position, with the script's
 * `# ipxelint disable=...` directives and the options applied.  Returns
 * the number of findings kept.
 */
size_t lint_script(struct script *s, const struct lint_opts *o);
/*
 * The second half of lint_script(): applies the directives and the
 * options to s->diags and sorts them, again, after findings were added
 * from elsewhere (--deep).  Returns the number kept.
 */
size_t lint_filter(struct script *s, const struct lint_opts *o);

/* ---------------------------------------------------------------- checks */

/* What checks see: the script, the options, and the analysis. */
struct lint_ctx {
	struct script *s;
	const struct lint_opts *opts;
	struct cfg *cfg;
};

/* Reports a finding of check id at text-space range [off, end) of the
 * script; message formatted like printf.  Returns the diagnostic so that
 * the check can add a hint, a related place or a fix. */
struct diag *lint_report(struct lint_ctx *ctx, enum check_id id, uint32_t off,
			 uint32_t end, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The usage line of def ("NAME OPTIONS SYNOPSIS"), in the script's
 * arena, for messages. */
const char *lint_usage_line(struct lint_ctx *ctx, const struct cmd_def *def);

#endif
