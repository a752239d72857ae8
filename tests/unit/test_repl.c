/*
 * test_repl.c - the parts of the REPL (interp/repl.c) that need no
 * terminal: parsing '.' meta commands, and the history file (where it
 * lives, how it is bounded, written atomically with mode 0600), and
 * what Ctrl-C and real time do to a run in terminal mode.
 */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "interp/machine.h"
#include "interp/repl.h"
#include "interp/sim.h"
#include "interp/term.h"
#include "tests/support.h"

static enum repl_meta
parse(const char *line, char **arg)
{
	return repl_meta_parse(line, arg);
}

Test(repl, iPXE_lines_are_not_meta_commands)
{
	char *arg;

	cr_assert_eq(parse("echo .help", &arg), META_NONE);
	cr_assert_null(arg);
	cr_assert_eq(parse(":label", &arg), META_NONE);
	cr_assert_eq(parse("", &arg), META_NONE);
}

Test(repl, meta_commands_parse_with_their_argument)
{
	char *arg;

	cr_assert_eq(parse(".help", &arg), META_HELP);
	cr_assert_null(arg);
	cr_assert_eq(parse("  .quit  ", &arg), META_QUIT);
	cr_assert_eq(parse(".goto retry", &arg), META_GOTO);
	cr_assert_str_eq(arg, "retry");
	free(arg);
	cr_assert_eq(parse(".goto\tretry \t", &arg), META_GOTO);
	cr_assert_str_eq(arg, "retry");
	free(arg);
	cr_assert_eq(parse(".trace json", &arg), META_TRACE);
	cr_assert_str_eq(arg, "json");
	free(arg);
	cr_assert_eq(parse(".load dir/menu.ipxe", &arg), META_LOAD);
	cr_assert_str_eq(arg, "dir/menu.ipxe");
	free(arg);
	cr_assert_eq(parse(".labels", &arg), META_LABELS);
	cr_assert_eq(parse(".settings", &arg), META_SETTINGS);
	cr_assert_eq(parse(".images", &arg), META_IMAGES);
	cr_assert_eq(parse(".reset", &arg), META_RESET);
}

Test(repl, bad_meta_commands_say_why)
{
	char *arg;

	cr_assert_eq(parse(".frob", &arg), META_BAD);
	cr_assert_str_eq(arg, "unknown meta command '.frob'; .help lists "
			      "them");
	free(arg);
	cr_assert_eq(parse(".goto", &arg), META_BAD);
	cr_assert_str_eq(arg, ".goto needs an argument");
	free(arg);
	cr_assert_eq(parse(".goto a b", &arg), META_BAD);
	cr_assert_str_eq(arg, ".goto takes one argument");
	free(arg);
	cr_assert_eq(parse(".quit now", &arg), META_BAD);
	cr_assert_str_eq(arg, ".quit takes no argument");
	free(arg);
	cr_assert_eq(parse(".trace maybe", &arg), META_BAD);
	cr_assert_str_eq(arg, ".trace takes on, off or json");
	free(arg);
	/* names are exact: no prefixes */
	cr_assert_eq(parse(".hel", &arg), META_BAD);
	free(arg);
}

Test(repl, every_meta_name_parses)
{
	for (const char *const *m = repl_meta_names; *m; m++) {
		char line[64], *arg;
		enum repl_meta got;

		snprintf(line, sizeof(line), "%s on", *m);
		got = parse(*m, &arg);
		free(arg);
		if (got == META_BAD) {
			/* it needs an argument */
			got = parse(line, &arg);
			free(arg);
		}
		cr_assert(got != META_BAD && got != META_NONE, "%s", *m);
	}
}

Test(repl, history_skips_blanks_and_repeats_and_is_bounded)
{
	struct repl_history h = { 0 };
	char line[32];

	cr_assert(repl_history_add(&h, "echo a"));
	cr_assert(!repl_history_add(&h, "echo a"));
	cr_assert(!repl_history_add(&h, "   "));
	cr_assert(repl_history_add(&h, "echo b"));
	cr_assert(repl_history_add(&h, "echo a"));
	cr_assert_eq(h.n, 3);
	for (int i = 0; i < REPL_HISTORY_MAX + 5; i++) {
		snprintf(line, sizeof(line), "echo %d", i);
		repl_history_add(&h, line);
	}
	cr_assert_eq(h.n, REPL_HISTORY_MAX);
	cr_assert_str_eq(h.lines[0], "echo 5");
	snprintf(line, sizeof(line), "echo %d", REPL_HISTORY_MAX + 4);
	cr_assert_str_eq(h.lines[h.n - 1], line);
	repl_history_fini(&h);
}

Test(repl, history_path_follows_xdg_then_home)
{
	char *p;

	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("HOME", "/h", 1);
	p = repl_history_path();
	cr_assert_str_eq(p, "/x/state/ipxekit/history");
	free(p);
	/* a relative XDG_STATE_HOME is ignored, as the spec says */
	setenv("XDG_STATE_HOME", "rel", 1);
	p = repl_history_path();
	cr_assert_str_eq(p, "/h/.local/state/ipxekit/history");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = repl_history_path();
	cr_assert_str_eq(p, "/h/.local/state/ipxekit/history");
	free(p);
	unsetenv("HOME");
	cr_assert_null(repl_history_path());
}

Test(repl, history_file_is_written_atomically_with_mode_0600)
{
	char dir[] = "/tmp/ipxekit-hist-XXXXXX", path[200], sub[128];
	struct repl_history h = { 0 }, back = { 0 };
	struct stat st;
	char *text;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/a/b", dir);
	snprintf(path, sizeof(path), "%s/history", sub);
	repl_history_add(&h, "dhcp");
	repl_history_add(&h, "chain http://x/${platform}.ipxe");
	umask(022);
	cr_assert_eq(repl_history_save(&h, path), 0);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	cr_assert_eq(stat(sub, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0700);
	text = test_read_file(path, NULL);
	cr_assert_str_eq(text, "dhcp\nchain http://x/${platform}.ipxe\n");
	free(text);
	/* no temporary file is left beside it */
	{
		char tmp[260];

		snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path,
			 (long)getpid());
		cr_assert_neq(access(tmp, F_OK), 0);
	}
	/* and it reads back */
	cr_assert_eq(repl_history_load(&back, path), 0);
	cr_assert_eq(back.n, 2);
	cr_assert_str_eq(back.lines[1], "chain http://x/${platform}.ipxe");
	/* a file that cannot be replaced keeps the old one whole */
	cr_assert_eq(chmod(sub, 0500), 0);
	repl_history_add(&h, "echo new");
	if (geteuid() != 0) {
		cr_assert_neq(repl_history_save(&h, path), 0);
		text = test_read_file(path, NULL);
		cr_assert_str_eq(text,
				 "dhcp\nchain http://x/${platform}.ipxe\n");
		free(text);
	}
	chmod(sub, 0700);
	remove(path);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/a", dir);
	rmdir(sub);
	rmdir(dir);
	repl_history_fini(&h);
	repl_history_fini(&back);
}

Test(repl, missing_history_file_is_an_empty_history)
{
	struct repl_history h = { 0 };

	cr_assert_eq(repl_history_load(&h, "/nonexistent/ipxekit/history"),
		     0);
	cr_assert_eq(h.n, 0);
}

/* ------------------------------------------------------------- Ctrl-C */

struct run {
	struct sim sim;
	FILE *out;
	char *text;
	size_t len;
	int master, slave;	/* the pty the terminal is on */
};

/* A simulator in terminal mode whose keyboard is the slave side of a
 * pseudo terminal (the test types on the master side) and whose console
 * is a memory stream. */
static void
run_init(struct run *r)
{
	struct sim_config cfg = {
		.plat = PLAT_BIOS, .build = SIMB_FULL, .nic = true,
		.max_steps = 100000, .max_depth = 64, .interactive = true,
	};

	memset(r, 0, sizeof(*r));
	r->out = open_memstream(&r->text, &r->len);
	cr_assert_not_null(r->out);
	sim_init(&r->sim, &cfg, r->out, NULL);
	r->master = posix_openpt(O_RDWR | O_NOCTTY);
	cr_assert(r->master >= 0, "posix_openpt");
	cr_assert(grantpt(r->master) == 0 && unlockpt(r->master) == 0);
	r->slave = open(ptsname(r->master), O_RDWR | O_NOCTTY);
	cr_assert(r->slave >= 0, "open the pty's slave side");
	r->sim.term = term_open(r->slave, r->slave);
	cr_assert_not_null(r->sim.term, "term_open on a pty");
}

static void
run_fini(struct run *r)
{
	machine_params_free_all(&r->sim);
	sim_fini(&r->sim);	/* closes the terminal */
	fclose(r->out);
	free(r->text);
	close(r->slave);
	close(r->master);
}

Test(repl, ctrl_c_stops_the_run_before_the_next_command)
{
	struct run r;

	run_init(&r);
	sim_system(&r.sim, "echo a");
	fflush(r.out);
	cr_assert_str_eq(r.text, "a\n");
	raise(SIGINT);
	sim_system(&r.sim, "echo b ; echo c");
	fflush(r.out);
	cr_assert_str_eq(r.text, "a\n");
	cr_assert_eq(r.sim.outcome, OUT_INTERRUPTED);
	cr_assert_str_eq(r.sim.outcome_text, "interrupted by Ctrl-C");
	run_fini(&r);
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	       (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

Test(repl, sleep_takes_real_time_in_terminal_mode)
{
	struct run r;
	struct timespec t0;
	uint64_t ticks;
	long ms;

	run_init(&r);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ticks = r.sim.ticks;
	cr_assert_eq(sim_system(&r.sim, "sleep 1"), 0);
	ms = ms_since(&t0);
	cr_assert_geq(ms, 1000, "slept %ld ms", ms);
	/* the simulated clock moved as far: 1024 ticks a second */
	cr_assert_eq(r.sim.ticks - ticks, 1024);
	/* iPXE's Ctrl-C key (Alt-C, ESC c) cancels it as on the console */
	cr_assert_eq(write(r.master, "\033c", 2), 2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert_neq(sim_system(&r.sim, "sleep 5"), 0);
	cr_assert_lt(ms_since(&t0), 2000);
	cr_assert_eq(r.sim.outcome, OUT_RUNNING);
	/* a real Ctrl-C (SIGINT) halts the run instead */
	raise(SIGINT);
	sim_system(&r.sim, "sleep 5");
	cr_assert_eq(r.sim.outcome, OUT_INTERRUPTED);
	run_fini(&r);
}
