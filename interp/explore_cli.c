/*
 * explore_cli.c - the command line of ipxesim --explore: options, the
 * machines to explore on (each --machine times each --profile), the run
 * and the report.  interp/main.c hands over the whole command line when
 * it sees --explore.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/explore_int.h"
#include "parser/util.h"

/* Exit codes (README.md, --help). */
enum { EX_OK = 0, EX_EXPECT = 1, EX_USAGE = 2 };

static const char explore_usage[] =
	"Usage: ipxesim --explore [OPTION]... SCRIPT\n"
	"Run SCRIPT on every combination of the inputs it reads (menu\n"
	"choices, Esc and timeouts, prompt keys, read answers) and report\n"
	"every path: what it boots, how it exits or fails.\n"
	"\n"
	"Machines (each --machine with each --profile is one machine):\n"
	"  -m, --machine=bios|efi  (repeatable; default bios)\n"
	"  -p, --profile=FILE      NAME=VALUE lines (repeatable)\n"
	"  -s, --set=NAME=VALUE    on every machine (repeatable)\n"
	"  -b, --build=full|default, --no-nic, --dhcp=ok|fail  as in a run\n"
	"Network:\n"
	"  -r, --root=DIR          serve files from DIR (the tree explored)\n"
	"      --map=PREFIX=DIR    serve URIs starting with PREFIX from DIR\n"
	"      --uri=URI           the script's own URI: relative names\n"
	"                          resolve against it, and URIs below its\n"
	"                          folder are the tree\n"
	"      --pre=LINE          run a command line first (repeatable),\n"
	"                          e.g. --pre dhcp\n"
	"      --no-stub           no stand-in kernels: downloads that fail\n"
	"                          outside the tree fail\n"
	"Exploration:\n"
	"      --explore-failures  also try DHCP without an answer and each\n"
	"                          download that works as failing\n"
	"      --choose=MENU=ITEM  always choose ITEM in menu MENU (its\n"
	"                          name, or title when unnamed; repeatable)\n"
	"      --max-paths=N       stop after N paths (default 10000)\n"
	"      --max-depth=N       stop a path after N decisions (default 64)\n"
	"      --max-steps=N       commands in one path (default 20000)\n"
	"Report:\n"
	"  -f, --format=FMT        tty (default), json, dot, mermaid or\n"
	"                          findings (file:line: severity: message)\n"
	"      --coverage          add the lines, labels and menu items no\n"
	"                          path reached\n"
	"      --expect=KEY=VALUE  every path that ends must match: boot=GLOB\n"
	"                          (kernel URI), cmdline=GLOB, initrd=GLOB,\n"
	"                          exit=N, outcome=boot|exit|error|...\n"
	"                          (repeatable; exit status 1 when one fails)\n"
	"  -h, --help              show this help and exit\n"
	"\n"
	"Exit status: 0 explored (and every --expect held); 1 an --expect\n"
	"failed; 2 usage or input error.  See docs/explorer.md.\n";

static int
usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "ipxesim: ");
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'ipxesim --explore --help' for more information.\n",
	      stderr);
	return EX_USAGE;
}

static bool
count_arg(const char *text, size_t *out)
{
	uint64_t v;

	if (!util_parse_count(text, &v) || v > SIZE_MAX)
		return false;
	*out = (size_t)v;
	return true;
}

static void
add_pair(char ***names, char ***values, size_t *n, const char *name,
	 size_t namelen, const char *value)
{
	*names = xrealloc(*names, (*n + 1) * sizeof(char *));
	*values = xrealloc(*values, (*n + 1) * sizeof(char *));
	(*names)[*n] = xstrndup(name, namelen);
	(*values)[*n] = xstrdup(value);
	(*n)++;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* A --profile file, as ipxesim reads one (docs/simulator.md). */
static bool
read_profile(const char *path, char ***names, char ***values, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;

	if (!f) {
		fprintf(stderr, "ipxesim: %s: %s\n", path, strerror(errno));
		return false;
	}
	while (getline(&line, &cap, f) != -1) {
		char *p = trim(line), *eq;

		lineno++;
		if (!*p || *p == '#')
			continue;
		eq = strchr(p, '=');
		if (!eq || eq == p) {
			fprintf(stderr, "ipxesim: %s:%u: expected NAME=VALUE, "
				"not '%s'\n", path, lineno, p);
			free(line);
			fclose(f);
			return false;
		}
		*eq = '\0';
		add_pair(names, values, n, trim(p), strlen(trim(p)),
			 trim(eq + 1));
	}
	free(line);
	fclose(f);
	return true;
}

struct cli {
	struct ex_opts o;
	struct sim_config base;
	bool build_given;
	char **machines;
	size_t nmachines;
	char **profiles;
	size_t nprofiles;
	char **set_names, **set_values;
	size_t nsets;
	struct ex_expect *expects;
	size_t nexpects;
	const char *format;
	bool coverage;
};

static bool
make_profiles(struct cli *c)
{
	static const char *const bios[] = { "bios" };
	const char *const *machines = c->nmachines
		? (const char *const *)c->machines : bios;
	size_t nm = c->nmachines ? c->nmachines : 1;
	size_t np = c->nprofiles ? c->nprofiles : 1;

	for (size_t m = 0; m < nm; m++) {
		for (size_t k = 0; k < np; k++) {
			struct ex_profile *p;
			struct buf label;

			c->o.profiles = xrealloc(c->o.profiles,
						 (c->o.nprofiles + 1) *
							 sizeof(*p));
			p = &c->o.profiles[c->o.nprofiles++];
			memset(p, 0, sizeof(*p));
			p->cfg = c->base;
			p->cfg.plat = strcmp(machines[m], "efi") ? PLAT_BIOS
								 : PLAT_EFI;
			if (p->cfg.plat == PLAT_EFI && !c->build_given)
				p->cfg.build = SIMB_DEFAULT;
			buf_init(&label);
			buf_adds(&label, machines[m]);
			if (c->nprofiles) {
				const char *b = strrchr(c->profiles[k], '/');

				buf_printf(&label, ":%s", b ? b + 1
							    : c->profiles[k]);
				if (!read_profile(c->profiles[k], &p->names,
						  &p->values, &p->npresets)) {
					buf_fini(&label);
					return false;
				}
			}
			for (size_t i = 0; i < c->nsets; i++)
				add_pair(&p->names, &p->values, &p->npresets,
					 c->set_names[i],
					 strlen(c->set_names[i]),
					 c->set_values[i]);
			p->label = buf_steal(&label);
		}
	}
	return true;
}

static void
cli_free(struct cli *c)
{
	for (size_t i = 0; i < c->o.nprofiles; i++) {
		struct ex_profile *p = &c->o.profiles[i];

		for (size_t k = 0; k < p->npresets; k++) {
			free(p->names[k]);
			free(p->values[k]);
		}
		free(p->names);
		free(p->values);
		free(p->label);
	}
	free(c->o.profiles);
	for (size_t i = 0; i < c->nsets; i++) {
		free(c->set_names[i]);
		free(c->set_values[i]);
	}
	free(c->set_names);
	free(c->set_values);
	for (size_t i = 0; i < c->o.npresets; i++) {
		free(c->o.presets[i].menu);
		free(c->o.presets[i].item);
	}
	free(c->o.presets);
	for (size_t i = 0; i < c->nexpects; i++) {
		free(c->expects[i].key);
		free(c->expects[i].value);
	}
	free(c->expects);
	free(c->machines);
	free(c->profiles);
	free(c->o.pre);
	for (size_t i = 0; i < c->base.nmaps; i++) {
		free(c->base.maps[i].prefix);
		free(c->base.maps[i].dir);
	}
	free(c->base.maps);
}

static int
parse(struct cli *c, int argc, char **argv)
{
	enum { O_EXPLORE = 256, O_NO_NIC, O_DHCP, O_MAP, O_URI, O_PRE,
	       O_NO_STUB, O_FAILURES, O_CHOOSE, O_MAX_PATHS, O_MAX_DEPTH,
	       O_MAX_STEPS, O_COVERAGE, O_EXPECT };
	static const struct option longopts[] = {
		{ "explore", no_argument, NULL, O_EXPLORE },
		{ "machine", required_argument, NULL, 'm' },
		{ "build", required_argument, NULL, 'b' },
		{ "profile", required_argument, NULL, 'p' },
		{ "set", required_argument, NULL, 's' },
		{ "no-nic", no_argument, NULL, O_NO_NIC },
		{ "dhcp", required_argument, NULL, O_DHCP },
		{ "root", required_argument, NULL, 'r' },
		{ "map", required_argument, NULL, O_MAP },
		{ "uri", required_argument, NULL, O_URI },
		{ "pre", required_argument, NULL, O_PRE },
		{ "no-stub", no_argument, NULL, O_NO_STUB },
		{ "explore-failures", no_argument, NULL, O_FAILURES },
		{ "choose", required_argument, NULL, O_CHOOSE },
		{ "max-paths", required_argument, NULL, O_MAX_PATHS },
		{ "max-depth", required_argument, NULL, O_MAX_DEPTH },
		{ "max-steps", required_argument, NULL, O_MAX_STEPS },
		{ "format", required_argument, NULL, 'f' },
		{ "coverage", no_argument, NULL, O_COVERAGE },
		{ "expect", required_argument, NULL, O_EXPECT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	char *eq;
	size_t n;

	while ((opt = getopt_long(argc, argv, "m:b:p:s:r:f:h", longopts,
				  NULL)) != -1) {
		switch (opt) {
		case O_EXPLORE:
			break;
		case 'm':
			if (strcmp(optarg, "bios") && strcmp(optarg, "efi"))
				return usage("unknown machine '%s' (bios, efi)",
					     optarg);
			c->machines = xrealloc(c->machines,
					       (c->nmachines + 1) *
						       sizeof(char *));
			c->machines[c->nmachines++] = optarg;
			break;
		case 'b':
			c->build_given = true;
			if (!strcmp(optarg, "full"))
				c->base.build = SIMB_FULL;
			else if (!strcmp(optarg, "default"))
				c->base.build = SIMB_DEFAULT;
			else
				return usage("unknown build '%s' (full, "
					     "default)", optarg);
			break;
		case 'p':
			c->profiles = xrealloc(c->profiles,
					       (c->nprofiles + 1) *
						       sizeof(char *));
			c->profiles[c->nprofiles++] = optarg;
			break;
		case 's':
			eq = strchr(optarg, '=');
			if (!eq || eq == optarg)
				return usage("--set takes NAME=VALUE, not '%s'",
					     optarg);
			add_pair(&c->set_names, &c->set_values, &c->nsets,
				 optarg, (size_t)(eq - optarg), eq + 1);
			break;
		case O_NO_NIC:
			c->base.nic = false;
			break;
		case O_DHCP:
			if (strcmp(optarg, "ok") && strcmp(optarg, "fail"))
				return usage("--dhcp takes ok or fail, not "
					     "'%s'", optarg);
			c->base.dhcp_fails = !strcmp(optarg, "fail");
			break;
		case 'r':
			c->base.root = optarg;
			break;
		case O_MAP:
			eq = strchr(optarg, '=');
			if (!eq || eq == optarg)
				return usage("--map takes PREFIX=DIR, not '%s'",
					     optarg);
			c->base.maps = xrealloc(c->base.maps,
						(c->base.nmaps + 1) *
							sizeof(struct sim_map));
			c->base.maps[c->base.nmaps].prefix =
				xstrndup(optarg, (size_t)(eq - optarg));
			c->base.maps[c->base.nmaps++].dir = xstrdup(eq + 1);
			break;
		case O_URI:
			c->o.uri = optarg;
			break;
		case O_PRE:
			c->o.pre = xrealloc(c->o.pre, (c->o.npre + 1) *
							      sizeof(char *));
			c->o.pre[c->o.npre++] = optarg;
			break;
		case O_NO_STUB:
			c->o.stub = false;
			break;
		case O_FAILURES:
			c->o.fail_downloads = c->o.fail_dhcp = true;
			break;
		case O_CHOOSE:
			eq = strrchr(optarg, '=');
			if (!eq || eq == optarg || !eq[1])
				return usage("--choose takes MENU=ITEM, not "
					     "'%s'", optarg);
			c->o.presets = xrealloc(c->o.presets,
						(c->o.npresets + 1) *
							sizeof(*c->o.presets));
			c->o.presets[c->o.npresets].menu =
				xstrndup(optarg, (size_t)(eq - optarg));
			c->o.presets[c->o.npresets++].item = xstrdup(eq + 1);
			break;
		case O_EXPECT:
			eq = strchr(optarg, '=');
			if (!eq || (strncmp(optarg, "boot=", 5) &&
				    strncmp(optarg, "cmdline=", 8) &&
				    strncmp(optarg, "initrd=", 7) &&
				    strncmp(optarg, "exit=", 5) &&
				    strncmp(optarg, "outcome=", 8)))
				return usage("--expect takes boot=, cmdline=, "
					     "initrd=, exit= or outcome=, not "
					     "'%s'", optarg);
			c->expects = xrealloc(c->expects,
					      (c->nexpects + 1) *
						      sizeof(*c->expects));
			c->expects[c->nexpects].key =
				xstrndup(optarg, (size_t)(eq - optarg));
			c->expects[c->nexpects++].value = xstrdup(eq + 1);
			break;
		case O_MAX_PATHS:
			if (!count_arg(optarg, &c->o.max_paths))
				return usage("--max-paths takes a number, not "
					     "'%s'", optarg);
			break;
		case O_MAX_DEPTH:
			if (!count_arg(optarg, &c->o.max_depth) ||
			    !c->o.max_depth)
				return usage("--max-depth takes a number from "
					     "1, not '%s'", optarg);
			break;
		case O_MAX_STEPS:
			if (!count_arg(optarg, &n))
				return usage("--max-steps takes a number, not "
					     "'%s'", optarg);
			c->base.max_steps = n;
			break;
		case 'f':
			if (strcmp(optarg, "tty") && strcmp(optarg, "json") &&
			    strcmp(optarg, "dot") &&
			    strcmp(optarg, "mermaid") &&
			    strcmp(optarg, "findings"))
				return usage("unknown format '%s' (tty, json, "
					     "dot, mermaid, findings)", optarg);
			c->format = optarg;
			break;
		case O_COVERAGE:
			c->coverage = true;
			break;
		case 'h':
			fputs(explore_usage, stdout);
			return -1;
		default:
			fputs("Try 'ipxesim --explore --help' for more "
			      "information.\n", stderr);
			return EX_USAGE;
		}
	}
	if (optind != argc - 1)
		return usage("%s", optind >= argc ? "no script given"
						  : "one script only");
	return 0;
}

int
explore_main(int argc, char **argv)
{
	struct cli c = {
		.o = { .max_paths = 10000, .max_depth = 64, .stub = true },
		.base = { .plat = PLAT_BIOS, .build = SIMB_FULL, .nic = true,
			  .max_steps = 20000, .max_depth = 64 },
		.format = "tty",
	};
	struct explorer ex;
	int rc = parse(&c, argc, argv);

	if (rc) {
		cli_free(&c);
		return rc < 0 ? EX_OK : rc;
	}
	if (!make_profiles(&c)) {
		cli_free(&c);
		return EX_USAGE;
	}
	explorer_init(&ex, &c.o);
	if (explorer_run(&ex, argv[optind]) != 0) {
		rc = EX_USAGE;
	} else {
		if (!strcmp(c.format, "json"))
			ex_print_json(&ex, stdout);
		else if (!strcmp(c.format, "dot"))
			ex_print_dot(&ex, stdout);
		else if (!strcmp(c.format, "mermaid"))
			ex_print_mermaid(&ex, stdout);
		else if (!strcmp(c.format, "findings"))
			ex_print_findings(&ex, stdout);
		else
			ex_print_tty(&ex, stdout);
		if (c.coverage)
			ex_print_coverage(&ex, stdout);
		if (c.nexpects &&
		    ex_check_expect(&ex, c.expects, c.nexpects, stdout))
			rc = EX_EXPECT;
	}
	explorer_fini(&ex);
	cli_free(&c);
	return rc;
}

/* The logical line holding physical line lineno (1-based), or NULL. */
static const struct line *
line_at(const struct script *s, unsigned lineno)
{
	const struct line *best = NULL;

	for (uint32_t i = 0; i < s->nlines; i++) {
		if (s->lines[i].lineno > lineno)
			break;
		best = &s->lines[i];
	}
	return best;
}

/* Whether the static checks already report a missing label on physical
 * line lineno (IPX1001 sees `goto name`; the path finding would say the
 * same again). */
static bool
static_missing_label(const struct script *s, unsigned lineno)
{
	for (size_t i = 0; i < s->ndiags; i++)
		if (s->diags[i].code == 1001 && s->diags[i].pos.line == lineno)
			return true;
	return false;
}

void
explore_deep(struct script *s, const char *path, const char *root)
{
	struct ex_profile prof = { .label = (char *)"bios" };
	struct ex_opts o = { .profiles = &prof, .nprofiles = 1,
			     .max_paths = 2000, .max_depth = 64,
			     .stub = true };
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path))
			  : xstrdup(".");
	char *pre[] = { (char *)"dhcp" };
	struct ex_finding *f;
	struct explorer ex;
	struct buf uri;
	size_t n;

	prof.cfg = (struct sim_config){ .plat = PLAT_BIOS,
					.build = SIMB_FULL, .nic = true,
					.max_steps = 20000, .max_depth = 64,
					.root = (char *)(root ? root : dir) };
	buf_init(&uri);
	buf_printf(&uri, "http://10.0.2.2/%s", slash ? slash + 1 : path);
	o.uri = uri.data;
	o.pre = pre;
	o.npre = 1;
	explorer_init(&ex, &o);
	if (explorer_run(&ex, path) == 0) {
		n = ex_findings(&ex, &f);
		for (size_t i = 0; i < n; i++) {
			const struct line *l = line_at(s, f[i].line);

			if (strcmp(f[i].file, path) || !l ||
			    (f[i].code == 9101 &&
			     static_missing_label(s, f[i].line)))
				continue;
			diag_add(s, f[i].error ? SEV_ERROR : SEV_WARNING,
				 (unsigned)f[i].code, l->text,
				 l->text + l->len, "%s", f[i].message);
		}
		ex_findings_free(f, n);
	}
	explorer_fini(&ex);
	buf_fini(&uri);
	free(dir);
}
