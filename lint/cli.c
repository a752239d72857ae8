/*
 * cli.c - ipxelint's options (one table: getopt_long and --help come from
 * it), the settings options and rc files share, --list-checks and
 * --explain.  Reading files and linting them is main.c's.
 */
#include "lint/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser/util.h"
#include "stdlib/stdlib.h"

/* ---------------------------------------------------------------- settings */

void
settings_init(struct lint_settings *set)
{
	memset(set, 0, sizeof(*set));
}

void
settings_fini(struct lint_settings *set)
{
	free(set->build_cmds);
	free(set->build_file);
	free(set->root);
	for (size_t i = 0; i < set->nignore; i++)
		free(set->ignore[i]);
	free(set->ignore);
	for (size_t i = 0; i < set->nmaps; i++) {
		free(set->map_prefixes[i]);
		free(set->map_dirs[i]);
	}
	free(set->map_prefixes);
	free(set->map_dirs);
	for (size_t i = 0; i < set->nhosts; i++)
		free(set->hosts[i]);
	free(set->hosts);
	memset(set, 0, sizeof(*set));
}

unsigned
cli_code_lookup(const char *w)
{
	const struct check_def *c;
	const char *digits = w;
	char name[64];
	char *end;
	unsigned long n;

	if (!strncasecmp(w, "IPX", 3))
		digits = w + 3;
	if (isdigit((unsigned char)digits[0])) {
		n = strtoul(digits, &end, 10);
		if (*end || !n || n > 9999)
			return 0;
		if (check_by_code((unsigned)n) ||
		    *report_check_name(name, sizeof(name), (unsigned)n))
			return (unsigned)n;
		return 0;
	}
	if ((c = check_by_name(w)))
		return c->code;
	for (size_t i = 0; i < report_nfront_rules; i++) {
		unsigned code = report_front_rules[i].code;

		if (strcmp(report_check_name(name, sizeof(name), code), w) == 0)
			return code;
	}
	return 0;
}

int
settings_codes(struct lint_settings *set, const char *list, bool enable,
	       char *err)
{
	const char *p = list;

	while (*p) {
		char word[64];
		size_t n = strcspn(p, ", \t");
		const struct check_def *c;
		unsigned code;

		if (n == 0) {
			p++;
			continue;
		}
		snprintf(word, sizeof(word), "%.*s", (int)n, p);
		p += n;
		if (enable && strcmp(word, "all") == 0) {
			for (unsigned i = 0; i < CHECK_COUNT; i++)
				set->enable[i] = true;
			continue;
		}
		code = cli_code_lookup(word);
		if (!code) {
			snprintf(err, CLI_ERR_MAX, "unknown check '%s' (see "
				 "ipxelint --list-checks)", word);
			return -1;
		}
		c = check_by_code(code);
		if (c && enable)
			set->enable[c->id] = true;
		else if (c)
			set->exclude[c->id] = true;
		else if (!enable)
			set->exclude_front[code] = true;
		/* enabling a front-end code: those are always on */
	}
	return 0;
}

int
settings_severity(struct lint_settings *set, const char *value, char *err)
{
	for (int s = SEV_STYLE; s <= SEV_ERROR; s++)
		if (strcmp(value, severity_name(s)) == 0) {
			set->has_severity = true;
			set->severity = s;
			return 0;
		}
	snprintf(err, CLI_ERR_MAX, "unknown severity '%s' (error, warning, "
		 "info, style)", value);
	return -1;
}

/* base_dir/path, or path when it is absolute or there is no base. */
static char *
join(const char *base_dir, const char *path)
{
	struct buf b;

	if (!base_dir || path[0] == '/')
		return xstrdup(path);
	buf_init(&b);
	buf_printf(&b, "%s/%s", base_dir, path);
	return buf_steal(&b);
}

/* The mask of a named build, 0 if the name is none. */
static unsigned
build_mask(const char *name)
{
	static const struct {
		const char *name;
		unsigned mask;
	} builds[] = {
		{ "default", BUILDS_BIOS | BUILDS_EFI },
		{ "bios", BUILDS_BIOS },
		{ "efi", BUILDS_EFI },
		{ "full", BUILDS_FULL },
	};

	for (size_t i = 0; i < sizeof(builds) / sizeof(builds[0]); i++)
		if (strcmp(name, builds[i].name) == 0)
			return builds[i].mask;
	return 0;
}

/*
 * FILE describes a build (README, "--build FILE"):
 *   - command names, separated by blanks or newlines: the build has them;
 *   - "base NAME" (default, bios, efi, full): start from that build;
 *   - "#define OPTION" / "#undef OPTION", as in iPXE's
 *     config/local/general.h: add or remove the commands that build
 *     option links (NSLOOKUP_CMD, IMAGE_TRUST_CMD...);
 *   - otherwise '#' starts a comment.
 * With a base or an option line, the build starts from the base (the
 * stock one, "default", when no base is given); with names only, it is
 * exactly those commands.
 */
static int
read_build_file(struct lint_settings *set, const char *path, char *err)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	unsigned lineno = 0, base = 0;
	bool *cmds, *del, relative = false;

	if (!f) {
		snprintf(err, CLI_ERR_MAX, "%s: %s", path, strerror(errno));
		return -1;
	}
	cmds = xcalloc(CMD_COUNT, sizeof(*cmds));
	del = xcalloc(CMD_COUNT, sizeof(*del));
	while (fgets(line, sizeof(line), f)) {
		char *w, *save, *p = line;
		bool define;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if ((define = !strncmp(p, "#define", 7)) ||
		    !strncmp(p, "#undef", 6)) {
			char *opt = strtok_r(p + (define ? 7 : 6), " \t\r\n",
					     &save);
			bool any = false;

			relative = true;
			for (size_t i = 0; opt && i < CMD_COUNT; i++) {
				const struct cmd_def *d = &cmd_table[i];

				if (!d->build_option ||
				    strcmp(d->build_option, opt))
					continue;
				any = true;
				cmds[d->id] = define;
				del[d->id] = !define;
			}
			if (!any) {
				snprintf(err, CLI_ERR_MAX, "%s:%u: '%s' is no "
					 "build option of an iPXE command",
					 path, lineno, opt ? opt : "");
				goto fail;
			}
			continue;
		}
		line[strcspn(line, "#")] = '\0';
		for (w = strtok_r(line, " \t\r\n", &save); w;
		     w = strtok_r(NULL, " \t\r\n", &save)) {
			const struct cmd_def *d;

			if (!strcmp(w, "base")) {
				char *b = strtok_r(NULL, " \t\r\n", &save);

				base = b ? build_mask(b) : 0;
				if (!base) {
					snprintf(err, CLI_ERR_MAX,
						 "%s:%u: base takes default, "
						 "bios, efi or full", path,
						 lineno);
					goto fail;
				}
				relative = true;
				continue;
			}
			d = cmd_lookup(w, strlen(w));
			if (!d) {
				snprintf(err, CLI_ERR_MAX, "%s:%u: '%s' is "
					 "not an iPXE command", path, lineno,
					 w);
				goto fail;
			}
			cmds[d->id] = true;
			del[d->id] = false;
		}
	}
	if (ferror(f)) {
		snprintf(err, CLI_ERR_MAX, "%s: %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	if (relative) {
		if (!base)
			base = build_mask("default");
		for (size_t i = 0; i < CMD_COUNT; i++)
			if (cmd_in_build(&cmd_table[i], base) && !del[i])
				cmds[i] = true;
	}
	free(del);
	free(set->build_cmds);
	free(set->build_file);
	set->build_cmds = cmds;
	set->build_file = xstrdup(path);
	return 0;
fail:
	fclose(f);
	free(cmds);
	free(del);
	return -1;
}

int
settings_build(struct lint_settings *set, const char *value,
	       const char *base_dir, char *err)
{
	unsigned mask = build_mask(value);
	char *path;
	int rc;

	if (mask) {
		free(set->build_cmds);
		free(set->build_file);
		set->build_cmds = NULL;
		set->build_file = NULL;
		set->has_build = true;
		set->build = mask;
		return 0;
	}
	path = join(base_dir, value);
	rc = read_build_file(set, path, err);
	free(path);
	if (rc == 0) {
		set->has_build = true;
		set->build = 0;
	}
	return rc;
}

void
settings_root(struct lint_settings *set, const char *value,
	      const char *base_dir)
{
	free(set->root);
	set->root = join(base_dir, value);
}

int
settings_map(struct lint_settings *set, const char *value,
	     const char *base_dir, char *err)
{
	const char *eq = strchr(value, '=');

	if (!eq || eq == value || !eq[1]) {
		snprintf(err, CLI_ERR_MAX, "--map takes PREFIX=DIR, not '%s'",
			 value);
		return -1;
	}
	set->map_prefixes = xrealloc(set->map_prefixes, (set->nmaps + 1) *
				     sizeof(*set->map_prefixes));
	set->map_dirs = xrealloc(set->map_dirs, (set->nmaps + 1) *
				 sizeof(*set->map_dirs));
	set->map_prefixes[set->nmaps] = xstrndup(value, (size_t)(eq - value));
	set->map_dirs[set->nmaps++] = join(base_dir, eq + 1);
	return 0;
}

int
settings_host(struct lint_settings *set, const char *value, char *err)
{
	if (!*value || strpbrk(value, "/ \t") ||
	    (value[0] != '[' && strchr(value, ':'))) {
		snprintf(err, CLI_ERR_MAX, "--allow-host takes a host name or "
			 "*.domain, not '%s'", value);
		return -1;
	}
	set->hosts = xrealloc(set->hosts, (set->nhosts + 1) *
			      sizeof(*set->hosts));
	set->hosts[set->nhosts++] = xstrdup(value);
	return 0;
}

/* Joins the list of rc (may be NULL) and cli into a fresh array. */
static const char **
join_lists(char *const *a, size_t na, char *const *b, size_t nb)
{
	const char **v = xcalloc(na + nb + 1, sizeof(*v));

	for (size_t i = 0; i < na; i++)
		v[i] = a[i];
	for (size_t i = 0; i < nb; i++)
		v[na + i] = b[i];
	return v;
}

void
settings_run_fini(struct lint_run *run)
{
	free(run->hosts);
	free(run->map_prefixes);
	free(run->map_dirs);
	run->hosts = run->map_prefixes = run->map_dirs = NULL;
}

void
settings_apply(struct lint_run *run, const struct lint_settings *rc,
	       const struct lint_settings *cli)
{
	const struct lint_settings *b;

	lint_opts_init(&run->opts);
	for (unsigned i = 0; i < CHECK_COUNT; i++) {
		run->opts.excluded[i] = cli->exclude[i] ||
					(rc && rc->exclude[i]);
		run->opts.enabled[i] = cli->enable[i] || (rc && rc->enable[i]);
	}
	if (cli->has_severity)
		run->opts.min_sev = cli->severity;
	else if (rc && rc->has_severity)
		run->opts.min_sev = rc->severity;
	b = cli->has_build ? cli : rc && rc->has_build ? rc : NULL;
	run->build_cmds = b ? b->build_cmds : NULL;
	run->build_file = b ? b->build_file : NULL;
	if (b) {
		run->opts.build = b->build;
		run->opts.build_explicit = true;
	}
	run->opts.root = cli->root ? cli->root : rc ? rc->root : NULL;
	/* lists: the command line's after the rc file's (a --map given
	 * here is tried after the rc file's) */
	run->hosts = join_lists(rc ? rc->hosts : NULL, rc ? rc->nhosts : 0,
				cli->hosts, cli->nhosts);
	run->opts.allowed_hosts = (rc && rc->nhosts) || cli->nhosts
				  ? run->hosts : NULL;
	run->map_prefixes = join_lists(rc ? rc->map_prefixes : NULL,
				       rc ? rc->nmaps : 0, cli->map_prefixes,
				       cli->nmaps);
	run->map_dirs = join_lists(rc ? rc->map_dirs : NULL,
				   rc ? rc->nmaps : 0, cli->map_dirs,
				   cli->nmaps);
	run->opts.map_prefixes = run->map_prefixes;
	run->opts.map_dirs = run->map_dirs;
	run->opts.nmaps = (rc ? rc->nmaps : 0) + cli->nmaps;
	run->follow = cli->follow;	/* the command line's only: it
					 * changes which files are read */
	for (unsigned i = 0; i < FRONT_CODES; i++)
		run->exclude_front[i] = cli->exclude_front[i] ||
					(rc && rc->exclude_front[i]);
}

/* ---------------------------------------------------------------- options */

enum {
	OPT_COLOR = 256,
	OPT_BUILD,
	OPT_ROOT,
	OPT_MAP,
	OPT_ALLOW_HOST,
	OPT_FIX,
	OPT_DEEP,
	OPT_STDIN_NAME,
	OPT_NORC,
	OPT_LIST_CHECKS,
	OPT_EXPLAIN,
	OPT_DUMP_AST,
	OPT_PARSE_ONLY,
	OPT_VERSION,
	OPT_LSP,
};

/* The options, in --help order.  arg: NULL (a flag), "WHEN" etc. */
static const struct cli_option {
	int id;			/* the short option, or OPT_* */
	const char *name;
	const char *arg;
	const char *help;	/* '\n' continues on an indented line */
} options[] = {
	{ 'f', "format", "FMT", "tty (default), gcc, json, sarif, checkstyle,"
	  "\ndiff (a patch of the fixes) or quiet" },
	{ OPT_COLOR, "color", "WHEN", "auto (default: on a terminal, unless"
	  "\nNO_COLOR is set), always or never" },
	{ 'S', "severity", "LEVEL", "report LEVEL and above: error, warning,"
	  "\ninfo or style (default)" },
	{ 'e', "exclude", "CODES", "skip these checks: IPX1003,IPX2007 or"
	  "\nnames such as goto-missing-label" },
	{ 'o', "enable", "CHECKS", "turn on optional checks (or all)" },
	{ OPT_BUILD, "build", "BUILD", "the iPXE build the scripts run on:"
	  "\ndefault (BIOS and EFI), bios, efi, full, or"
	  "\na FILE: command names, or 'base efi' and"
	  "\n#define/#undef OPTION lines; commands it"
	  "\nlacks are errors" },
	{ OPT_ROOT, "root", "DIR", "where the scripts' local files are" },
	{ OPT_MAP, "map", "PREFIX=DIR", "URIs starting with PREFIX are the "
	  "files\nunder DIR (repeatable)" },
	{ 'x', "follow", NULL, "also lint the local scripts that chain"
	  "\nnames, and report against them" },
	{ OPT_ALLOW_HOST, "allow-host", "HOST", "a host scripts may fetch "
	  "from (policy\ncheck allowed-hosts; *.domain works)" },
	{ OPT_FIX, "fix", NULL, "apply the mechanical fixes to the files" },
	{ OPT_DEEP, "deep", NULL, "also run every path of each script (as"
	  "\nipxesim --explore) and report the paths"
	  "\nthat fail (IPX91xx)" },
	{ OPT_STDIN_NAME, "stdin-filename", "NAME", "the name of standard "
	  "input (-) in reports" },
	{ OPT_NORC, "norc", NULL, "read no .ipxelintrc" },
	{ 'v', "verbose", NULL, "say which rc file applies" },
	{ OPT_LIST_CHECKS, "list-checks", NULL, "list the checks and exit" },
	{ OPT_EXPLAIN, "explain", "CODE", "show a check's documentation" },
	{ OPT_DUMP_AST, "dump-ast", NULL, "print each FILE's parsed "
	  "structure" },
	{ OPT_LSP, "lsp", NULL, "serve the Language Server Protocol on"
	  "\nstandard input and output (docs/lsp.md)" },
	{ OPT_PARSE_ONLY, "parse-only", NULL, "parse and report nothing "
	  "(benchmarks)" },
	{ 'h', "help", NULL, "show this help and exit" },
	{ OPT_VERSION, "version", NULL, "show the version and exit" },
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

void
cli_help(FILE *f)
{
	fputs("Usage: ipxelint [OPTION]... FILE...\n"
	      "Check iPXE scripts for mistakes that break network boots.\n"
	      "\n", f);
	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct cli_option *o = &options[i];
		int n;

		if (o->id < 256)
			n = fprintf(f, "  -%c, --%s", o->id, o->name);
		else
			n = fprintf(f, "      --%s", o->name);
		if (o->arg)
			n += fprintf(f, "=%s", o->arg);
		if (n > 24) {
			fputc('\n', f);
			n = 0;
		}
		for (const char *h = o->help; *h;) {
			size_t len = strcspn(h, "\n");

			fprintf(f, "%*s%.*s\n", n < 26 ? 26 - n : 1, "",
				(int)len, h);
			h += len + (h[len] == '\n');
			n = 0;
		}
	}
	fputs("\n"
	      "A FILE that is a directory is searched for *.ipxe files and\n"
	      "files that start with #!ipxe (hidden directories skipped);\n"
	      "- is standard input.  Settings also come from the nearest\n"
	      ".ipxelintrc above each file (else ~/.config/ipxelint/rc);\n"
	      "options given here override it.\n"
	      "\n"
	      "Exit status: 0 no findings, 1 findings, 2 usage or I/O error.\n",
	      f);
}

int
cli_parse(struct cli *c, int argc, char **argv, char *err)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[2 * NOPTIONS + 2];
	size_t ns = 0;
	int opt;

	memset(c, 0, sizeof(*c));
	settings_init(&c->set);
	c->format = REPORT_TTY;
	memset(longopts, 0, sizeof(longopts));
	shortopts[ns++] = ':';	/* missing arguments reported as ':' */
	for (size_t i = 0; i < NOPTIONS; i++) {
		longopts[i].name = options[i].name;
		longopts[i].has_arg = options[i].arg ? required_argument
						     : no_argument;
		longopts[i].val = options[i].id;
		if (options[i].id < 256) {
			shortopts[ns++] = (char)options[i].id;
			if (options[i].arg)
				shortopts[ns++] = ':';
		}
	}
	shortopts[ns] = '\0';
	optind = 0;	/* glibc: start afresh */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	       -1) {
		int fmt;

		switch (opt) {
		case 'f':
			fmt = report_format_lookup(optarg);
			if (fmt < 0) {
				snprintf(err, CLI_ERR_MAX, "unknown format "
					 "'%s' (tty, gcc, json, sarif, "
					 "checkstyle, diff, quiet)", optarg);
				return -1;
			}
			c->format = (enum report_format)fmt;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				c->colour = COLOUR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				c->colour = COLOUR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				c->colour = COLOUR_NEVER;
			else {
				snprintf(err, CLI_ERR_MAX, "--color takes "
					 "auto, always or never, not '%s'",
					 optarg);
				return -1;
			}
			break;
		case 'S':
			if (settings_severity(&c->set, optarg, err) != 0)
				return -1;
			break;
		case 'e':
		case 'o':
			if (settings_codes(&c->set, optarg, opt == 'o', err) !=
			    0)
				return -1;
			break;
		case OPT_BUILD:
			if (settings_build(&c->set, optarg, NULL, err) != 0)
				return -1;
			break;
		case OPT_ROOT:
			settings_root(&c->set, optarg, NULL);
			break;
		case OPT_MAP:
			if (settings_map(&c->set, optarg, NULL, err) != 0)
				return -1;
			break;
		case OPT_ALLOW_HOST:
			if (settings_host(&c->set, optarg, err) != 0)
				return -1;
			break;
		case 'x':
			c->set.follow = true;
			break;
		case OPT_FIX:
			c->fix = true;
			break;
		case OPT_DEEP:
			c->deep = true;
			break;
		case OPT_STDIN_NAME:
			c->stdin_name = optarg;
			break;
		case OPT_NORC:
			c->norc = true;
			break;
		case 'v':
			c->verbose = true;
			break;
		case OPT_LIST_CHECKS:
			c->mode = CLI_LIST_CHECKS;
			break;
		case OPT_EXPLAIN:
			c->mode = CLI_EXPLAIN;
			c->explain = optarg;
			break;
		case OPT_DUMP_AST:
			c->mode = CLI_DUMP_AST;
			break;
		case OPT_PARSE_ONLY:
			c->mode = CLI_PARSE_ONLY;
			break;
		case OPT_LSP:
			c->mode = CLI_LSP;
			break;
		case 'h':
			c->mode = CLI_HELP;
			return 0;
		case OPT_VERSION:
			c->mode = CLI_VERSION;
			return 0;
		case ':':
			snprintf(err, CLI_ERR_MAX, "option '%s' needs a value",
				 argv[optind - 1]);
			return -1;
		default:
			if (optopt && optopt < 256)
				snprintf(err, CLI_ERR_MAX, "unknown option "
					 "'-%c'", optopt);
			else
				snprintf(err, CLI_ERR_MAX, "unknown option "
					 "'%s'", argv[optind - 1]);
			return -1;
		}
	}
	if (c->mode == CLI_LSP && (c->fix || optind < argc)) {
		snprintf(err, CLI_ERR_MAX, "--lsp reads its documents from "
			 "the client: no FILE and no --fix");
		return -1;
	}
	if (c->fix && c->format == REPORT_DIFF) {
		snprintf(err, CLI_ERR_MAX, "--fix rewrites the files; -f diff "
			 "only shows the fixes: choose one");
		return -1;
	}
	c->files = argv + optind;
	c->nfiles = (size_t)(argc - optind);
	if (!c->nfiles && (c->mode == CLI_LINT || c->mode == CLI_DUMP_AST ||
			   c->mode == CLI_PARSE_ONLY)) {
		snprintf(err, CLI_ERR_MAX, "no input files");
		return -1;
	}
	return 0;
}

void
cli_fini(struct cli *c)
{
	settings_fini(&c->set);
}

/* ---------------------------------------------------------------- info */

struct listed {
	unsigned code;
	enum severity sev;
	const char *family;
	unsigned flags;
};

static int
by_code(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;

	return x->code < y->code ? -1 : x->code > y->code;
}

void
cli_list_checks(FILE *f)
{
	struct listed v[CHECK_COUNT + FRONT_CODES];
	size_t n = 0;

	for (size_t i = 0; i < report_nfront_rules; i++)
		v[n++] = (struct listed){ report_front_rules[i].code,
					  report_front_rules[i].sev,
					  "front-end", 0 };
	for (size_t i = 0; i < CHECK_COUNT; i++)
		v[n++] = (struct listed){ check_table[i].code,
					  check_table[i].sev,
					  check_table[i].family,
					  check_table[i].flags };
	qsort(v, n, sizeof(*v), by_code);
	fprintf(f, "%-8s %-8s %-10s %-3s %-8s %-26s %s\n", "CODE", "SEVERITY",
		"FAMILY", "FIX", "DEFAULT", "NAME", "SUMMARY");
	for (size_t i = 0; i < n; i++) {
		char code[8], name[64], summary[256];

		fprintf(f, "%-8s %-8s %-10s %-3s %-8s %-26s %s\n",
			report_code(code, v[i].code), severity_name(v[i].sev),
			v[i].family, v[i].flags & CHECKF_FIX ? "yes" : "-",
			v[i].flags & CHECKF_OPTIONAL ? "off (-o)" :
			v[i].flags & CHECKF_DEEP ? "--deep" : "on",
			report_check_name(name, sizeof(name), v[i].code),
			report_summary(summary, sizeof(summary), v[i].code));
	}
}

/* The directory of the running binary, for the docs next to it. */
static char *
exe_dir(const char *argv0)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n > 0) {
		path[n] = '\0';
	} else if (argv0 && strchr(argv0, '/')) {
		snprintf(path, sizeof(path), "%s", argv0);
	} else {
		return NULL;
	}
	slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(path[0] ? path : "/");
}

int
cli_explain(FILE *f, const char *word, const char *argv0, char *err)
{
	static const char *const places[] = {
		"../share/doc/ipxekit/checks",	/* installed */
		"../docs/checks",		/* build/ipxelint */
		"../../docs/checks",		/* build/san/ipxelint */
	};
	unsigned code = cli_code_lookup(word);
	char id[8], name[64], summary[256];
	char *dir = exe_dir(argv0);
	const struct check_def *c;

	if (!code) {
		free(dir);
		snprintf(err, CLI_ERR_MAX, "unknown check '%s' (see ipxelint "
			 "--list-checks)", word);
		return -1;
	}
	report_code(id, code);
	for (size_t i = 0; dir && i < sizeof(places) / sizeof(places[0]);
	     i++) {
		char path[PATH_MAX];
		char *text;
		FILE *in;
		size_t len;

		snprintf(path, sizeof(path), "%s/%s/%s.md", dir, places[i],
			 id);
		in = fopen(path, "r");
		if (!in)
			continue;
		text = xmalloc(1 << 16);
		while ((len = fread(text, 1, 1 << 16, in)) > 0)
			fwrite(text, 1, len, f);
		free(text);
		fclose(in);
		free(dir);
		return 0;
	}
	free(dir);
	c = check_by_code(code);
	fprintf(f, "%s %s (%s, %s%s)\n\n%s\n", id,
		report_check_name(name, sizeof(name), code),
		severity_name(c ? c->sev : SEV_ERROR),
		c ? c->family : "front-end",
		c && (c->flags & CHECKF_FIX) ? ", fixable" : "",
		report_summary(summary, sizeof(summary), code));
	return 0;
}
