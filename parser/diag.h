/*
 * diag.h - diagnostics about a script: what is wrong, where, and the fix.
 * Core code only calls diag_add(); the printers are used by the tools.
 */
#ifndef IPXE_DIAG_H
#define IPXE_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct script;

enum severity { SEV_STYLE, SEV_INFO, SEV_WARNING, SEV_ERROR };

/* Diagnostics of the front end itself.  Lint checks have their own table
 * (lint/checks.def); all codes print as IPXnnnn. */
enum {
#define DIAG(NAME, num, sev, msg) DIAG_##NAME = num,
#include "parser/codes.def"
#undef DIAG
};

/* A mechanical edit: replace source bytes [off, end) by text. */
struct fix {
	uint32_t off, end;
	const char *text;
};

struct diag_pos {
	uint32_t line, col, off;	/* 1-based line and byte column */
};

struct diag {
	struct diag_pos pos;	/* first byte */
	struct diag_pos end;	/* one past the last byte */
	enum severity sev;
	unsigned code;		/* printed as IPX%04u */
	const char *msg;	/* one line, lower case: what and the fix */
	const char *hint;	/* longer advice or NULL */
	const struct fix *fix;	/* or NULL */
	struct diag_pos related;	/* .line == 0 if none */
	const char *related_msg;
};

/*
 * Adds a diagnostic to s for the text-space range [off, end) (see
 * script.h); the message is formatted into the script's arena.  Returns
 * the diagnostic so that the caller can add a hint, fix or related place.
 */
struct diag *diag_add(struct script *s, enum severity sev, unsigned code,
		      uint32_t off, uint32_t end, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

const char *severity_name(enum severity sev);
/* The built-in message format and severity of a front-end code. */
const char *diag_code_format(unsigned code);

/* "file:line:col: severity: message [IPXnnnn]\n" */
void diag_print_gcc(FILE *f, const char *file, const struct diag *d);
/* The gcc line plus a source excerpt with a caret, and notes; colour with
 * ANSI escapes when colour is true. */
void diag_print_tty(FILE *f, const struct script *s, const struct diag *d,
		    bool colour);

#endif
