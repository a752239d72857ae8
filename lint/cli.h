/*
 * cli.h - ipxelint's command line: the option table (getopt, --help),
 * the settings that options and rc files share (lint/rc.h), and the
 * informational commands --list-checks and --explain.  Nothing here
 * exits or prints on its own but the functions that are asked to print.
 */
#ifndef IPXE_LINT_CLI_H
#define IPXE_LINT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lint/lint.h"
#include "lint/report.h"

/* Room for an error message ("ipxelint: " is printed before it). */
#define CLI_ERR_MAX 512

/* The front end's codes are 1..99 (parser/codes.def). */
#define FRONT_CODES 100

/* What the command line and rc files can set; the has_ and NULL fields
 * say what was given.  Strings and arrays are owned (settings_fini). */
struct lint_settings {
	bool exclude[CHECK_COUNT];
	bool enable[CHECK_COUNT];
	bool exclude_front[FRONT_CODES];
	bool has_severity;
	enum severity severity;
	bool has_build;
	unsigned build;		/* BUILDS_* mask; 0 with build_cmds */
	bool *build_cmds;	/* --build FILE: [CMD_COUNT], else NULL */
	char *build_file;	/* that FILE, for messages */
	char *root;
	char **ignore;		/* rc files only: fnmatch patterns */
	size_t nignore;
	char **map_prefixes;	/* --map PREFIX=DIR, DIR made absolute */
	char **map_dirs;	/* from the rc file's directory */
	size_t nmaps;
	char **hosts;		/* --allow-host: policy IPX8002 */
	size_t nhosts;
	bool follow;		/* -x: lint the local scripts chained */
};

void settings_init(struct lint_settings *set);
void settings_fini(struct lint_settings *set);
/*
 * Each returns 0, or -1 with a message in err (CLI_ERR_MAX bytes).
 * codes: "IPX1001,IPX2001 goto-missing-label" (commas and/or blanks;
 * "all" enables every optional check).  build: default, bios, efi, full
 * or the path of a file of command names, relative to base_dir (NULL:
 * the working directory).  root: a directory, relative to base_dir.
 */
int settings_codes(struct lint_settings *set, const char *list, bool enable,
		   char *err);
int settings_severity(struct lint_settings *set, const char *value,
		      char *err);
int settings_build(struct lint_settings *set, const char *value,
		   const char *base_dir, char *err);
void settings_root(struct lint_settings *set, const char *value,
		   const char *base_dir);
/* map: "PREFIX=DIR" (DIR relative to base_dir); host: a host name or
 * "*.domain".  Each returns 0, or -1 with a message in err. */
int settings_map(struct lint_settings *set, const char *value,
		 const char *base_dir, char *err);
int settings_host(struct lint_settings *set, const char *value, char *err);

/* What a lint run uses: the engine's options plus what only the command
 * line applies (front-end exclusions, a build given as a file). */
struct lint_run {
	struct lint_opts opts;
	bool exclude_front[FRONT_CODES];
	const bool *build_cmds;		/* or NULL */
	const char *build_file;
	bool follow;			/* -x */
	/* storage for opts' lists (joined from rc and command line) */
	const char **hosts, **map_prefixes, **map_dirs;
};

/* Frees what settings_apply() allocated in run. */
void settings_run_fini(struct lint_run *run);

/* The run for settings rc (may be NULL) overridden by cli: scalars
 * from cli when given, lists joined.  Borrows from both. */
void settings_apply(struct lint_run *run, const struct lint_settings *rc,
		    const struct lint_settings *cli);
/* Lints s as the command line does (lint/run.c): lint_script() with
 * run's options, a --build FILE's missing commands, and the front-end
 * exclusions. */
void lint_run_script(struct script *s, const struct lint_run *run);

enum cli_mode {
	CLI_LINT,
	CLI_DUMP_AST,		/* --dump-ast */
	CLI_PARSE_ONLY,		/* --parse-only */
	CLI_LSP,		/* --lsp: a language server */
	CLI_LIST_CHECKS,
	CLI_EXPLAIN,
	CLI_HELP,
	CLI_VERSION,
};

enum cli_colour { COLOUR_AUTO, COLOUR_ALWAYS, COLOUR_NEVER };

struct cli {
	enum cli_mode mode;
	enum report_format format;
	enum cli_colour colour;
	bool fix;
	bool deep;		/* --deep: ipxesim --explore's findings too */
	bool norc;
	bool verbose;
	const char *stdin_name;	/* --stdin-filename, or NULL */
	const char *explain;	/* --explain's code */
	struct lint_settings set;
	char **files;		/* borrowed from argv */
	size_t nfiles;
};

/*
 * Parses argv (getopt_long; may be called again, e.g. by tests).
 * Returns 0, or -1 with a message in err for a usage error.  cli_fini()
 * frees what it holds either way.
 */
int cli_parse(struct cli *c, int argc, char **argv, char *err);
void cli_fini(struct cli *c);

/* The --help text, generated from the option table. */
void cli_help(FILE *f);
/* One line per code, the front end's and check_table's, in code order:
 * code, severity, family, fix, optional, name, summary. */
void cli_list_checks(FILE *f);
/*
 * Prints the documentation page of code ("IPX1001", "1001" or a name):
 * docs/checks/IPXnnnn.md from the installed docs next to the binary
 * (argv0's directory, ../share/doc/ipxekit/checks) or the source tree
 * (../docs/checks, ../../docs/checks), else the table's summary.
 * Returns -1 with a message in err for an unknown code.
 */
int cli_explain(FILE *f, const char *code, const char *argv0, char *err);

/* "IPX1001", "1001" or "goto-missing-label" -> 1001; 0 if unknown (the
 * front end's codes count too). */
unsigned cli_code_lookup(const char *word);

#endif
