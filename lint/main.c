/*
 * main.c - ipxelint, the command line: reads each script, reports its
 * findings, exits 0 when clean, 1 with findings, 2 on usage or I/O errors.
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint/lint.h"
#include "parser/dump.h"
#include "parser/script.h"

enum exit_code {
	EXIT_CLEAN = 0,		/* no findings */
	EXIT_FINDINGS = 1,	/* at least one finding */
	EXIT_USAGE = 2,		/* bad usage or an unreadable input */
};

enum format { FMT_TTY, FMT_GCC, FMT_QUIET };
enum mode { MODE_LINT, MODE_DUMP_AST, MODE_PARSE_ONLY };

struct opts {
	enum format format;
	enum mode mode;
	bool colour;
	struct lint_opts lint;
};

static const char usage_text[] =
	"Usage: ipxelint [OPTION]... FILE...\n"
	"Check iPXE scripts for mistakes that break network boots.\n"
	"\n"
	"  -f, --format=FMT   output format: tty (default), gcc, quiet\n"
	"      --dump-ast     print the parsed structure of each FILE\n"
	"      --parse-only   parse and report nothing (for benchmarks)\n"
	"  -h, --help         show this help and exit\n"
	"      --version      show the version and exit\n"
	"\n"
	"FILE may be - for standard input.\n"
	"Exit status: 0 no findings, 1 findings, 2 usage or I/O error.\n";

static int
lint_file(const struct opts *o, const char *path, size_t *nfindings)
{
	struct script *s = script_load(path);

	if (!s) {
		fprintf(stderr, "ipxelint: %s: %s\n", path,
			errno == EFBIG ? "file too large (limit 2 GiB)"
				       : strerror(errno));
		return -1;
	}
	if (o->mode == MODE_DUMP_AST) {
		ast_dump(stdout, s);
	} else if (o->mode == MODE_LINT) {
		lint_script(s, &o->lint);
		for (size_t i = 0; i < s->ndiags; i++) {
			if (o->format == FMT_GCC)
				diag_print_gcc(stdout, s->name, &s->diags[i]);
			else if (o->format == FMT_TTY)
				diag_print_tty(stdout, s, &s->diags[i],
					       o->colour);
		}
		*nfindings += s->ndiags;
	}
	script_free(s);
	return 0;
}

int
main(int argc, char **argv)
{
	enum { OPT_DUMP_AST = 256, OPT_PARSE_ONLY, OPT_VERSION };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "dump-ast", no_argument, NULL, OPT_DUMP_AST },
		{ "parse-only", no_argument, NULL, OPT_PARSE_ONLY },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .format = FMT_TTY };

	lint_opts_init(&o.lint);
	size_t nfindings = 0;
	int c, rc = EXIT_CLEAN;
	const char *nc;

	/* Large arrays grow by realloc; above this size glibc serves them
	 * with mmap, so growing remaps pages instead of copying them. */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);

	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "tty") == 0)
				o.format = FMT_TTY;
			else if (strcmp(optarg, "gcc") == 0)
				o.format = FMT_GCC;
			else if (strcmp(optarg, "quiet") == 0)
				o.format = FMT_QUIET;
			else {
				fprintf(stderr, "ipxelint: unknown format "
					"'%s' (tty, gcc, quiet)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_DUMP_AST:
			o.mode = MODE_DUMP_AST;
			break;
		case OPT_PARSE_ONLY:
			o.mode = MODE_PARSE_ONLY;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		case OPT_VERSION:
			printf("ipxelint %s\n", IPXEKIT_VERSION);
			return EXIT_CLEAN;
		default:
			fputs("Try 'ipxelint --help' for more information.\n",
			      stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("ipxelint: no input files\n"
		      "Try 'ipxelint --help' for more information.\n", stderr);
		return EXIT_USAGE;
	}
	nc = getenv("NO_COLOR");
	o.colour = isatty(STDOUT_FILENO) && !(nc && *nc);
	for (int i = optind; i < argc; i++)
		if (lint_file(&o, argv[i], &nfindings) != 0)
			rc = EXIT_USAGE;
	if (rc == EXIT_CLEAN && nfindings)
		rc = EXIT_FINDINGS;
	return rc;
}
