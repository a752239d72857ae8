/*
 * report.h - ipxelint's output formats: a reporter is fed each linted
 * script in turn and writes its findings as tty, gcc, json, sarif,
 * checkstyle or diff.  Also the fix engine behind -f diff and --fix.
 * Reporters only read scripts; they never print anything but the report.
 */
#ifndef IPXE_LINT_REPORT_H
#define IPXE_LINT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "parser/script.h"

enum report_format {
	REPORT_TTY,		/* diag_print_tty: excerpt, caret, colour */
	REPORT_GCC,		/* file:line:col: severity: message [IPXnnnn] */
	REPORT_JSON,		/* an array of findings */
	REPORT_SARIF,		/* SARIF 2.1.0 */
	REPORT_CHECKSTYLE,	/* checkstyle XML */
	REPORT_DIFF,		/* a unified diff of the mechanical fixes */
	REPORT_QUIET,		/* nothing: the exit status says it */
	REPORT_COUNT
};

/* "json" -> REPORT_JSON; -1 if no such format. */
int report_format_lookup(const char *name);
/* The name of a format ("gcc"). */
const char *report_format_name(enum report_format f);

struct report {
	enum report_format format;
	FILE *out;
	bool colour;		/* tty: ANSI colour */
	void *state;		/* the format's own (json tree, counts...) */
};

/* Starts a report to out.  Every script given to report_script() must
 * stay alive only for that call. */
void report_begin(struct report *r, enum report_format f, FILE *out,
		  bool colour);
/* Adds the findings of s (after lint_script) under the name s->name. */
void report_script(struct report *r, const struct script *s);
/* Writes what is left (the json array, the SARIF log, the XML end) and
 * frees the state; ok is false when some input could not be read (SARIF
 * records it as an unsuccessful run).  Returns -1 with errno set if
 * writing failed. */
int report_end(struct report *r, bool ok);

/* A format's implementation (lint/report_*.c); any hook may be NULL. */
struct report_ops {
	void (*begin)(struct report *r);
	void (*script)(struct report *r, const struct script *s);
	int (*end)(struct report *r, bool ok);
};

extern const struct report_ops report_json_ops, report_sarif_ops,
	report_checkstyle_ops, report_diff_ops;

/* ---------------------------------------------------------------- helpers */

/* The findings' code as "IPX1001"; buf holds at least 8 bytes. */
const char *report_code(char *buf, unsigned code);
/* The check's name for a code ("goto-missing-label", "not-script" for
 * front-end codes) into buf; "" if unknown. */
const char *report_check_name(char *buf, size_t size, unsigned code);
/* The front end's own codes (parser/codes.def), which are no check of
 * check_table but appear in reports, --list-checks and SARIF rules. */
struct report_rule {
	unsigned code;
	const char *name;	/* C name: NOT_SCRIPT */
	enum severity sev;
	const char *format;	/* message format */
};
extern const struct report_rule report_front_rules[];
extern const size_t report_nfront_rules;
/* A one-line summary of a code (check_table's, or the front end's
 * message with "..." for its blanks) into buf; "" if unknown. */
const char *report_summary(char *buf, size_t size, unsigned code);
/* Line and byte column (1-based) of source offset off (at most srclen),
 * counting lines from the known position near (a finding's, or NULL for
 * the start).  Fix offsets are source offsets, not text-space ones. */
struct diag_pos report_src_pos(const struct script *s,
			       const struct diag_pos *near, uint32_t off);
/* Appends text to b as valid UTF-8: invalid bytes become U+FFFD. */
struct buf;
void report_utf8(struct buf *b, const char *text, size_t len);
/* A new jansson string of len bytes of text, cleaned as report_utf8()
 * does (in report_json.c; the JSON and SARIF writers share it). */
struct json_t;
struct json_t *report_jstr(const char *text, size_t len);
/* Appends what fix f of s does, e.g. "replace '=' with ' '". */
void report_fix_describe(struct buf *b, const struct script *s,
			 const struct fix *f);

/* ---------------------------------------------------------------- fixes */

/* The mechanical fixes of a script's findings applied to its source: the
 * fixes are taken in source order, one that overlaps an earlier one is
 * left out (a later round can apply it), and a '\n' in a fix's text
 * becomes "\r\n" in a file whose lines end so. */
struct fix_change {
	uint32_t first, last;	/* old lines [first, last), 0-based */
	size_t off, len;	/* their new bytes in fix_plan.text */
};

struct fix_plan {
	char *text;		/* the fixed source (malloc'd, NUL-ended) */
	size_t len;
	size_t nfixes;		/* fixes applied */
	bool *applied;		/* [s->ndiags]: this diag's fix was applied */
	struct fix_change *changes;	/* in order; lines never shared */
	size_t nchanges;
	uint32_t *line_start;	/* start offset of each old line */
	uint32_t nlines;
};

/* Plans the fixes of s; returns p->nfixes (0: nothing to do). */
size_t fix_plan_build(struct fix_plan *p, const struct script *s);
void fix_plan_fini(struct fix_plan *p);
/*
 * Writes the plan as a unified diff of path (as "a/PATH" and "b/PATH",
 * a leading "./" dropped) that `git apply` and `patch -p1` accept, with
 * three lines of context.  Writes nothing when there are no fixes.
 */
void fix_plan_diff(FILE *out, const struct fix_plan *p,
		   const struct script *s, const char *path);

#endif
