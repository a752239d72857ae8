/*
 * main.c - ipxesim, the command line: runs one script the way the oracle's
 * iPXE runs it (an image loaded without a URI), printing the console on
 * stdout and a one-line outcome on stderr, with one exit code per outcome.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interp/explore.h"
#include "interp/image.h"
#include "interp/machine.h"
#include "interp/repl.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "parser/util.h"
#include "stdlib/version.h"

/* Exit codes, one per way a run can end (see --help and README.md). */
enum exit_code {
	EXIT_OK = 0,		/* the script ended with status 0 */
	EXIT_FAILED = 1,	/* it failed or exited with a non-zero status */
	EXIT_USAGE = 2,		/* bad usage, unreadable or non-script input */
	EXIT_BOOTED = 3,	/* it booted an image (kernel, NBP, SAN) */
	EXIT_REBOOT = 4,	/* reboot or poweroff */
	EXIT_WAITING = 5,	/* it waits for input that never comes */
	EXIT_LIMIT = 6,		/* --max-steps, --max-depth or expansion limit */
};

static const char usage_text[] =
	"Usage: ipxesim [OPTION]... SCRIPT\n"
	"       ipxesim [OPTION]...      (on a terminal: the iPXE> prompt)\n"
	"Run an iPXE script as the real iPXE would, on a mocked machine.\n"
	"\n"
	"Machine:\n"
	"  -m, --machine=bios|efi  platform to simulate (default bios; efi\n"
	"                          also means a stock EFI build's commands)\n"
	"  -b, --build=full|default  commands present: every optional one\n"
	"                          (default for bios) or a stock build's\n"
	"      --no-nic            a machine without a network card\n"
	"      --raw-console       print bytes as the script printed them;\n"
	"                          by default a BIOS machine shows what its\n"
	"                          screen shows: CP437 glyphs for bytes\n"
	"                          outside ASCII and for control bytes\n"
	"      --dhcp=ok|fail      whether DHCP gets an answer (default ok)\n"
	"  -s, --set=NAME=VALUE    change a machine fact (platform, product,\n"
	"                          net0/mac, a DHCP answer such as\n"
	"                          filename or 210:string ...) or store any\n"
	"                          other setting before the script runs\n"
	"                          (repeatable; NAME may carry a type,\n"
	"                          e.g. count:int32=3)\n"
	"  -p, --profile=FILE      the same from FILE, one NAME=VALUE a line\n"
	"                          ('#' starts a comment line); see\n"
	"                          docs/simulator.md\n"
	"Network:\n"
	"  -r, --root=DIR          serve files from DIR\n"
	"      --map=PREFIX=DIR    serve URIs starting with PREFIX from DIR\n"
	"Limits:\n"
	"      --max-steps=N       stop after N commands (default 100000;\n"
	"                          0 = no limit)\n"
	"      --max-depth=N       stop when scripts nest N deep (default 64,\n"
	"                          at most 1000)\n"
	"Console:\n"
	"      --batch             never use terminal mode, even when\n"
	"                          standard input and output are a terminal\n"
	"      --no-shell          on a terminal, leave when the script ends\n"
	"                          instead of opening the iPXE> prompt\n"
	"      --trace[=json]      report each command run on standard\n"
	"                          error: FILE:LINE: WORDS -> rc STATUS, or\n"
	"                          one JSON object a line\n"
	"\n"
	"      --explore           run every path of the script and report\n"
	"                          them all (ipxesim --explore --help)\n"
	"  -h, --help              show this help and exit\n"
	"      --version           show the version and exit\n"
	"\n"
	"The console output goes to standard output; keys come from standard\n"
	"input, read only when a command waits for one.  A one-line outcome\n"
	"goes to standard error.\n"
	"\n"
	"On a terminal (unless --batch) the iPXE> prompt opens after the\n"
	"script, at its `shell` command, or at once without a script; .help\n"
	"there lists its meta commands.\n"
	"\n"
	"Exit status: 0 script ended with status 0; 1 it failed or exited\n"
	"non-zero; 2 usage or input error; 3 it booted an image; 4 reboot or\n"
	"poweroff; 5 waiting for input; 6 a limit was reached or Ctrl-C.\n"
	"Leaving the prompt exits with the code of the last thing run there\n"
	"(or the script's, if nothing ran).\n";

/* One --set, or one line of a --profile file, in command-line order. */
struct preset {
	char *name;
	char *value;
	char *origin;		/* "--set" or "FILE:LINE", for messages */
};

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "ipxesim: ");
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'ipxesim --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static void
add_preset(struct preset **v, size_t *n, const char *text, size_t namelen,
	   const char *origin)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].name = xstrndup(text, namelen);
	(*v)[*n].value = xstrdup(text + namelen + 1);
	(*v)[*n].origin = xstrdup(origin);
	(*n)++;
}

/*
 * Reads a --profile file: NAME=VALUE lines, blank lines and lines whose
 * first non-blank character is '#' ignored, blanks around the line and
 * around the '=' dropped.  Returns false (after a message) on a bad line
 * or an unreadable file.
 */
static bool
read_profile(const char *path, struct preset **v, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, origin[300];
	size_t cap = 0;
	unsigned lineno = 0;
	bool ok = true;

	if (!f) {
		fprintf(stderr, "ipxesim: %s: %s\n", path, strerror(errno));
		return false;
	}
	while (ok && getline(&line, &cap, f) != -1) {
		char *p = line, *end, *eq, *name_end, *value;
		struct buf b;

		lineno++;
		while (is_ipxe_space((unsigned char)*p))
			p++;
		end = p + strlen(p);
		while (end > p && is_ipxe_space((unsigned char)end[-1]))
			*--end = '\0';
		if (!*p || *p == '#')
			continue;
		snprintf(origin, sizeof(origin), "%s:%u", path, lineno);
		eq = strchr(p, '=');
		if (!eq || eq == p) {
			fprintf(stderr, "ipxesim: %s: expected NAME=VALUE, "
				"not '%s'\n", origin, p);
			ok = false;
			break;
		}
		name_end = eq;
		while (name_end > p &&
		       is_ipxe_space((unsigned char)name_end[-1]))
			name_end--;
		value = eq + 1;
		while (is_ipxe_space((unsigned char)*value))
			value++;
		buf_init(&b);
		buf_add(&b, p, (size_t)(name_end - p));
		buf_addc(&b, '=');
		buf_adds(&b, value);
		add_preset(v, n, b.data, (size_t)(name_end - p), origin);
		buf_fini(&b);
	}
	if (ferror(f)) {
		fprintf(stderr, "ipxesim: %s: %s\n", path, strerror(errno));
		ok = false;
	}
	free(line);
	fclose(f);
	return ok;
}

/* Applies the presets in order: machine facts change the machine, other
 * names are stored as `set NAME VALUE` would store them (machine.c). */
static int
apply_presets(struct sim *sim, struct preset *p, size_t n, struct repl *repl)
{
	if (repl)
		repl_note_origin(repl, "machine");
	for (size_t i = 0; i < n; i++) {
		int rc = machine_set(sim, p[i].name, p[i].value);

		if (repl && rc == 0) {
			char from[320];

			snprintf(from, sizeof(from), "%s%s",
				 strcmp(p[i].origin, "--set") ? "profile " : "",
				 p[i].origin);
			repl_note_origin(repl, from);
		}

		if (rc) {
			char *why = sim_strerror(sim, rc);

			fprintf(stderr, "ipxesim: %s %s=%s: %s\n", p[i].origin,
				p[i].name, p[i].value, why);
			free(why);
			return -1;
		}
	}
	return 0;
}

/* What .reset needs to boot the same machine again. */
struct machine_recipe {
	const struct sim_config *cfg;
	struct preset *presets;
	size_t npresets;
	struct repl *repl;
};

static int
reset_machine(struct sim *sim, void *ctx)
{
	struct machine_recipe *m = ctx;

	machine_params_free_all(sim);
	sim_fini(sim);
	sim_init(sim, m->cfg, stdout, stdin);
	sim->trace_out = stderr;
	return apply_presets(sim, m->presets, m->npresets, m->repl);
}

static int
report(struct sim *sim, int rc)
{
	char *why;

	switch (sim->outcome) {
	case OUT_RUNNING:
	case OUT_RETURNED:
		if (rc == 0) {
			fprintf(stderr, "ipxesim: script ended with status 0\n");
			return EXIT_OK;
		}
		if (rc > 0) {
			fprintf(stderr, "ipxesim: script exited with status %d\n",
				rc);
			return EXIT_FAILED;
		}
		why = sim_strerror(sim, rc);
		fprintf(stderr, "ipxesim: script failed: %s\n", why);
		free(why);
		return EXIT_FAILED;
	case OUT_BOOTED:
	case OUT_SANBOOT:
		fprintf(stderr, "ipxesim: %s\n", sim->outcome_text);
		return EXIT_BOOTED;
	case OUT_REBOOT:
	case OUT_POWEROFF:
		fprintf(stderr, "ipxesim: %s\n", sim->outcome_text
			? sim->outcome_text
			: sim->outcome == OUT_REBOOT ? "reboot" : "poweroff");
		return EXIT_REBOOT;
	case OUT_SHELL:
	case OUT_WAITING:
		fprintf(stderr, "ipxesim: %s\n", sim->outcome_text
			? sim->outcome_text : "waiting for input");
		return EXIT_WAITING;
	case OUT_INTERRUPTED:
		/* the user's doing, not the script's: no place */
		fprintf(stderr, "ipxesim: %s\n", sim->outcome_text);
		return EXIT_LIMIT;
	case OUT_STEP_LIMIT:
	case OUT_DEPTH_LIMIT:
	case OUT_EXPAND_LIMIT:
		if (sim->outcome_site[0])
			fprintf(stderr, "ipxesim: %s: %s\n", sim->outcome_site,
				sim->outcome_text);
		else
			fprintf(stderr, "ipxesim: %s\n", sim->outcome_text);
		return EXIT_LIMIT;
	}
	return EXIT_FAILED;
}

int
main(int argc, char **argv)
{
	enum { OPT_NO_NIC = 256, OPT_RAW_CONSOLE, OPT_DHCP, OPT_MAP, OPT_MAX_STEPS,
	       OPT_MAX_DEPTH, OPT_VERSION, OPT_BATCH, OPT_TRACE,
	       OPT_NO_SHELL };
	static const struct option longopts[] = {
		{ "machine", required_argument, NULL, 'm' },
		{ "build", required_argument, NULL, 'b' },
		{ "no-nic", no_argument, NULL, OPT_NO_NIC },
		{ "raw-console", no_argument, NULL, OPT_RAW_CONSOLE },
		{ "dhcp", required_argument, NULL, OPT_DHCP },
		{ "set", required_argument, NULL, 's' },
		{ "profile", required_argument, NULL, 'p' },
		{ "root", required_argument, NULL, 'r' },
		{ "map", required_argument, NULL, OPT_MAP },
		{ "max-steps", required_argument, NULL, OPT_MAX_STEPS },
		{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
		{ "batch", no_argument, NULL, OPT_BATCH },
		{ "trace", optional_argument, NULL, OPT_TRACE },
		{ "no-shell", no_argument, NULL, OPT_NO_SHELL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct sim_config cfg = {
		.plat = PLAT_BIOS, .build = SIMB_FULL, .nic = true,
		.max_steps = 100000, .max_depth = 64,
	};
	struct preset *presets = NULL;
	size_t npresets = 0;
	bool build_given = false, batch = false, no_shell = false;
	struct script *s = NULL;
	struct repl *repl = NULL;
	struct machine_recipe recipe;
	struct image *img;
	struct sim sim;
	enum exit_code ec;
	uint64_t n;
	int c, rc;
	char *eq, *base;

	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	/* every path of the script instead of one run (explore_cli.c) */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--explore"))
			return explore_main(argc, argv);
	while ((c = getopt_long(argc, argv, "m:b:s:p:r:h", longopts, NULL))
	       != -1) {
		switch (c) {
		case 'm':
			if (!strcmp(optarg, "bios"))
				cfg.plat = PLAT_BIOS;
			else if (!strcmp(optarg, "efi"))
				cfg.plat = PLAT_EFI;
			else
				return usage_error("unknown machine '%s' "
						   "(bios, efi)", optarg);
			break;
		case 'b':
			build_given = true;
			if (!strcmp(optarg, "full"))
				cfg.build = SIMB_FULL;
			else if (!strcmp(optarg, "default"))
				cfg.build = SIMB_DEFAULT;
			else
				return usage_error("unknown build '%s' "
						   "(full, default)", optarg);
			break;
		case OPT_RAW_CONSOLE:
			cfg.raw_console = true;
			break;
		case OPT_NO_NIC:
			cfg.nic = false;
			break;
		case OPT_DHCP:
			if (!strcmp(optarg, "ok"))
				cfg.dhcp_fails = false;
			else if (!strcmp(optarg, "fail"))
				cfg.dhcp_fails = true;
			else
				return usage_error("--dhcp takes ok or fail, "
						   "not '%s'", optarg);
			break;
		case 's':
			eq = strchr(optarg, '=');
			if (!eq || eq == optarg)
				return usage_error("--set takes NAME=VALUE, "
						   "not '%s'", optarg);
			add_preset(&presets, &npresets, optarg,
				   (size_t)(eq - optarg), "--set");
			break;
		case 'p':
			if (!read_profile(optarg, &presets, &npresets))
				return EXIT_USAGE;
			break;
		case 'r':
			free(cfg.root);
			cfg.root = xstrdup(optarg);
			break;
		case OPT_MAP:
			eq = strchr(optarg, '=');
			if (!eq || eq == optarg)
				return usage_error("--map takes PREFIX=DIR, "
						   "not '%s'", optarg);
			cfg.maps = xrealloc(cfg.maps, (cfg.nmaps + 1) *
					    sizeof(*cfg.maps));
			cfg.maps[cfg.nmaps].prefix =
				xstrndup(optarg, (size_t)(eq - optarg));
			cfg.maps[cfg.nmaps++].dir = xstrdup(eq + 1);
			break;
		case OPT_MAX_STEPS:
			if (!util_parse_count(optarg, &cfg.max_steps))
				return usage_error("--max-steps takes a number,"
						   " not '%s'", optarg);
			break;
		case OPT_MAX_DEPTH:
			/* each level is C stack (about 1 KiB, several
			 * under ASan): 10000 overflowed 8 MiB */
			if (!util_parse_count(optarg, &n) || n == 0 || n > 1000)
				return usage_error("--max-depth takes a number "
						   "from 1 to 1000, not '%s'",
						   optarg);
			cfg.max_depth = (unsigned)n;
			break;
		case OPT_BATCH:
			batch = true;
			break;
		case OPT_NO_SHELL:
			no_shell = true;
			break;
		case OPT_TRACE:
			if (!optarg || !strcmp(optarg, "text"))
				cfg.trace = TRACE_TEXT;
			else if (!strcmp(optarg, "json"))
				cfg.trace = TRACE_JSON;
			else
				return usage_error("--trace takes text or "
						   "json, not '%s'", optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("ipxesim %s\n", ipxekit_version);
			return EXIT_OK;
		default:
			fputs("Try 'ipxesim --help' for more information.\n",
			      stderr);
			return EXIT_USAGE;
		}
	}
	/* the full build is a BIOS one: an EFI machine runs the stock EFI
	 * build unless told otherwise */
	if (cfg.plat == PLAT_EFI && !build_given)
		cfg.build = SIMB_DEFAULT;
	cfg.interactive = !batch && isatty(STDIN_FILENO) &&
			  isatty(STDOUT_FILENO);
	if (optind < argc - 1)
		return usage_error("%s", "one script only");
	if (optind == argc && !cfg.interactive)
		return usage_error("%s", "no script given (without one, "
				   "ipxesim needs a terminal for its prompt)");
	if (optind < argc)
		s = script_load(argv[optind]);
	if (optind < argc && !s) {
		fprintf(stderr, "ipxesim: %s: %s\n", argv[optind],
			errno == EFBIG ? "file too large (limit 2 GiB)"
			: errno == ENODATA ? "nothing written to it within "
				"10 s (a FIFO without a writer?)"
			: strerror(errno));
		return EXIT_USAGE;
	}
	if (s && s->sig == SIG_NONE) {
		/* iPXE would not run it as a script at all (spec 2.1) */
		diag_print_gcc(stderr, s->name, &s->diags[0]);
		script_free(s);
		return EXIT_USAGE;
	}

	if (optind < argc)
		cfg.script_path = argv[optind];
	sim_init(&sim, &cfg, stdout, stdin);
	sim.trace_out = stderr;
	if (cfg.interactive) {
		struct repl_host host = { report, reset_machine, &recipe };

		/* Ctrl-C halts the run: term.c's SIGINT handler */
		repl = repl_new(&sim, &host);
	}
	recipe = (struct machine_recipe){ &cfg, presets, npresets, repl };
	if (apply_presets(&sim, presets, npresets, repl) != 0) {
		repl_free(repl);
		machine_params_free_all(&sim);
		sim_fini(&sim);
		script_free(s);
		return EXIT_USAGE;
	}
	ec = EXIT_OK;
	if (s) {
		/* Loaded like the oracle's initrd: an image without a URI,
		 * so nothing is relative to it until something sets the
		 * working URI. */
		base = strrchr(argv[optind], '/');
		img = image_new(&sim, base ? base + 1 : argv[optind],
				(const uint8_t *)s->src, s->srclen, NULL);
		if (repl)
			repl_set_script(repl, img->name, s->src, s->srclen);
		script_free(s);
		image_register(&sim, img);
		rc = image_exec(&sim, img);
		fflush(stdout);
		if (!repl || !repl_left(repl)) {
			if (repl && sim.midline)
				/* the outcome goes below the console */
				putchar('\n');
			fflush(stdout);
			ec = (enum exit_code)report(&sim, rc);
		}
	}
	if (repl && repl_left(repl))
		ec = (enum exit_code)repl_exit_code(repl);
	else if (repl && (!no_shell || !s))
		ec = (enum exit_code)repl_run(repl, ec);
	repl_free(repl);
	/* TODO(lead): sim_fini() should free the parameter lists itself */
	machine_params_free_all(&sim);
	sim_fini(&sim);
	for (size_t i = 0; i < npresets; i++) {
		free(presets[i].name);
		free(presets[i].value);
		free(presets[i].origin);
	}
	free(presets);
	for (size_t i = 0; i < cfg.nmaps; i++) {
		free(cfg.maps[i].prefix);
		free(cfg.maps[i].dir);
	}
	free(cfg.maps);
	free(cfg.root);
	return ec;
}
