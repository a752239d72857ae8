/*
 * sim.h - the simulated iPXE: one context struct holds the whole mocked
 * machine (settings, network devices, images, menus, console, keyboard,
 * clock) and the execution state.  There is no global mutable state: every
 * function takes the struct sim it works on.
 *
 * Conventions, as in iPXE: a command returns an int rc, 0 for success and
 * a negative iPXE error number for failure (rc = -err_num(ERR_x, plat));
 * `exit N` returns N itself.  Messages go to the console with sim_printf().
 */
#ifndef IPXE_SIM_H
#define IPXE_SIM_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "parser/script.h"
#include "stdlib/errors.h"
#include "stdlib/stdlib.h"

struct uri;

struct sblock;
struct image;
struct cert;
struct netdev;
struct term;
struct ui;
struct sim_hooks;
struct sim_memo;
struct set_index;

/* How a run ended (ipxesim's outcome line and exit code, spec 13.4). */
enum outcome {
	OUT_RUNNING,	/* not ended yet */
	OUT_RETURNED,	/* the top-level script finished or failed */
	OUT_BOOTED,	/* a kernel or other non-script image was booted */
	OUT_SANBOOT,	/* booted from a SAN device */
	OUT_REBOOT,	/* reboot */
	OUT_POWEROFF,	/* poweroff */
	OUT_SHELL,	/* left at an iPXE> prompt (batch mode) */
	OUT_WAITING,	/* waiting for a key with no input left */
	OUT_STEP_LIMIT,	/* --max-steps reached */
	OUT_DEPTH_LIMIT,	/* --max-depth (nested scripts) reached */
	OUT_EXPAND_LIMIT,	/* a value kept expanding (spec 4.2) */
	OUT_INTERRUPTED,	/* Ctrl-C from the user of the simulator */
};

/* The build being simulated (spec 11): which commands exist. */
enum sim_build {
	SIMB_FULL,	/* ipxe-full.lkrn: every optional command */
	SIMB_DEFAULT,	/* a stock upstream build for the platform */
};

/* --trace: each command run reported on stderr (trace.c). */
enum sim_trace {
	TRACE_OFF,
	TRACE_TEXT,	/* file:line: expanded -> rc ... */
	TRACE_JSON,	/* one JSON object a line */
};

/* A --map PREFIX=DIR entry: URIs starting with prefix are served from dir. */
struct sim_map {
	char *prefix;
	char *dir;
};

/* What the user of the simulator chose (ipxesim's options). */
struct sim_config {
	enum platform plat;		/* --machine bios|efi */
	enum sim_build build;		/* --build full|default */
	bool nic;			/* false with --no-nic */
	bool dhcp_fails;		/* --dhcp fail */
	char *root;			/* --root DIR, or NULL */
	struct sim_map *maps;		/* --map PREFIX=DIR */
	size_t nmaps;
	uint64_t max_steps;		/* commands executed, 0 = no limit */
	unsigned max_depth;		/* nested scripts */
	size_t max_expand;		/* bytes an expansion may grow to */
	const char *url_base;		/* "https://ipxe.org" */
	bool raw_console;		/* bytes as printed, not as BIOS
					 * glyphs (--raw-console) */
	bool interactive;		/* terminal mode: stdin and stdout
					 * are a terminal and no --batch;
					 * menus draw full screen, keys and
					 * timeouts are real */
	enum sim_trace trace;		/* --trace[=json]; .trace on|off */
	const char *script_path;	/* the top-level script as given,
					 * for messages (or NULL) */
};

/* Execution of one script image (a frame of the call stack). */
struct frame {
	struct frame *caller;
	struct image *image;
	const struct script *ast;
	uint32_t next;		/* index of the next line to run */
	uint32_t line;		/* index of the line running now */
	/* the command of that line running now (its index, expanded
	 * words), for the explorer's snapshots (explore_snap.c) */
	uint32_t ci;
	int argc;
	char **argv;
};

/* An image_exec() under way: what it restores when the image returns
 * (the explorer's snapshots resume it, explore_snap.c). */
struct exec_level {
	struct exec_level *up;
	struct image *image;
	struct uri *old_cwuri;
	bool old_tftp;
};

/* Where a run restored from a snapshot goes on (sim_resume()): level i
 * is an image_exec() of image whose script runs in frame i, each one
 * inside command ci of the frame before it; the last frame goes on by
 * running its command ci again (the decision it asks is then answered
 * by the explorer). */
struct resume_level {
	struct image *image;
	const struct script *ast;
	uint32_t next, line, ci;
	int argc;
	char **argv;		/* the command ci (outer levels) */
	struct uri *old_cwuri;
	bool old_tftp;
};

struct sim_resume {
	struct resume_level *levels;
	unsigned n;
};

/* A key press as iPXE sees it (spec 5.4 codes: 'a', 0x1b, 0x141 = Up ...). */
#define KEY_NONE	(-1)

struct sim {
	struct sim_config cfg;
	FILE *out;			/* the console */
	int esc;			/* escape sequence state (sim_write) */
	bool midline;			/* the last byte written was not '\n' */
	enum outcome outcome;
	char *outcome_text;		/* what booted, or why it stopped */
	char outcome_site[256];		/* "file:line:col" of the command
					 * running when it stopped, or "" */

	/* execution */
	struct frame *frame;		/* innermost running script */
	struct exec_level *execs;	/* innermost image_exec() */
	unsigned depth;
	int stop;			/* shell stop state (spec 3.6) */
	uint32_t last_errno;		/* ${errno} */
	uint64_t steps;
	bool or_follows;		/* '||' follows the command running
					 * (for hooks: its failure is handled) */
	uint64_t ticks;			/* simulated clock, 1024 ticks a second
					 * (iPXE: TICKS_PER_MS 1, TICKS_PER_SEC
					 * 1024); never really waits */
	uint32_t unixtime_base;		/* ${unixtime} at clock 0 */

	/* keyboard: bytes of stdin, read only when a command reads keys */
	FILE *keys;
	bool keys_eof;
	int pending[8];			/* decoded keys not yet consumed */
	size_t npending;
	struct term *term;		/* terminal mode (term.h): the real
					 * keyboard and screen; NULL in batch
					 * mode */

	/* machine state, owned by their modules */
	struct sblock *settings;	/* the root settings block */
	unsigned block_order;		/* registration counter */
	struct netdev *netdevs;		/* in order: net0, net1, ... */
	struct netdev *last_opened;	/* what netX means */
	struct image *images;		/* the image list, in order */
	struct image *selected;
	unsigned next_img;		/* imgN counter */
	/* current working URI, or NULL: kept parsed, as iPXE keeps it
	 * (text would put a path resolved against a data: URI into its
	 * opaque part when parsed again) */
	struct uri *cwuri;
	bool cwuri_tftp;		/* it is the tftp://next-server/ fallback */
	uint8_t tftp_server[4];		/* next-server as last applied */
	struct ui *uis;			/* menus and forms */
	bool trust_required, trust_permanent;
	void *params;			/* request parameter lists (params) */
	unsigned next_san_drive;
	struct cert *certs;		/* the certificate store (image.c) */
	struct set_index *set_index;	/* predefined settings by name
					 * (settings.c) */

	/* terminal mode (repl.c); all NULL in batch mode */
	FILE *trace_out;		/* where --trace writes (stderr) */
	int (*shell)(struct sim *sim);	/* the `shell` command's prompt */
	void *shell_ctx;		/* the prompt's own state */

	/* the explorer's decisions and tracing (explore.h); NULL in a
	 * normal run, which then reads keys and never asks */
	const struct sim_hooks *hooks;
	void *hooks_ctx;
	/* what the explorer's runs share (memo.h), not owned; NULL in a
	 * normal run */
	struct sim_memo *memo;
};

/* A command invocation, after option parsing (spec 5). */
struct call {
	const struct cmd_def *def;
	int argc;
	char **argv;		/* expanded; argv[0] as typed */
	int optind;		/* first positional argument */
	int nargs;		/* argc - optind */
	char **args;		/* argv + optind */
	/* option values, indexed like def->opts */
	struct optval {
		bool set;
		const char *str;	/* raw text (VAL_STR ...) */
		uint32_t num;		/* VAL_INT, VAL_MS, VAL_KEY */
		struct netdev *netdev;	/* VAL_NETDEV */
	} opt[16];
};

typedef int cmd_fn(struct sim *sim, struct call *call);

/* ---------------------------------------------------------------- life */

void sim_init(struct sim *sim, const struct sim_config *cfg, FILE *out,
	      FILE *keys);
void sim_fini(struct sim *sim);
/* Ends the run with an outcome (the first one wins); text may be NULL. */
void sim_halt(struct sim *sim, enum outcome o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline bool
sim_halted(const struct sim *sim)
{
	return sim->outcome != OUT_RUNNING;
}

/* ---------------------------------------------------------------- output */

void sim_printf(struct sim *sim, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sim_write(struct sim *sim, const void *data, size_t len);
/* Prints iPXE's strerror() text for rc (negative or positive). */
void sim_print_error(struct sim *sim, int rc);
/* Prints what, then the strerror() text for rc and a newline: the
 * "Could not ...: <error>" lines of most commands. */
void sim_print_rc(struct sim *sim, const char *what, int rc);
/* The stdlib build mask (BUILDS_*) of the simulated build. */
unsigned sim_build_mask(const struct sim *sim);
/* rc for error site id on this platform. */
int sim_err(const struct sim *sim, enum err_id id);
/* A malloc'd "description (URL)" for rc. */
char *sim_strerror(const struct sim *sim, int rc);

/* ---------------------------------------------------------------- keys */

/*
 * Waits up to timeout_ms (0 = forever) for a key on the simulated clock.
 * Returns the key, or KEY_NONE on timeout.  With no input left, a timed
 * wait expires at once, and an untimed one halts the run (OUT_WAITING)
 * and returns KEY_NONE.
 */
int sim_getkey(struct sim *sim, uint64_t timeout_ms);
/* Whether a key is waiting (iskey()), without consuming it. */
bool sim_iskey(struct sim *sim);
/*
 * Terminal mode: whether the user pressed Ctrl-C since the last check;
 * if so the run halts with OUT_INTERRUPTED (a REPL may reset the outcome
 * and carry on).  Always false in batch mode.
 */
bool sim_check_interrupt(struct sim *sim);


/* ---------------------------------------------------------------- run */

/*
 * Runs one command line (the shell and the scriptlet use this; scripts run
 * their AST lines through sim_run_line).  Returns the line's rc.
 */
int sim_system(struct sim *sim, const char *line);
int sim_run_line(struct sim *sim, const struct script *ast, uint32_t li);
/* Runs a script image in a new frame (spec 2.4); returns its rc. */
int sim_run_script(struct sim *sim, struct image *image);
/* The same from line index first (the REPL's .goto). */
int sim_run_script_from(struct sim *sim, struct image *image,
			uint32_t first);
/* Goes on with a machine restored from a snapshot (struct sim_resume);
 * returns what the outermost image_exec() would have. */
int sim_resume(struct sim *sim, const struct sim_resume *res);
/* goto: jumps to label in the current script (spec 10.1); 0 or rc. */
int sim_goto(struct sim *sim, const char *label);
/* exit: stops the innermost script or shell after this command. */
void sim_stop_sequence(struct sim *sim);
/* Stop states (spec 3.6): ORDER matters, a higher one also stops what a
 * lower one stops. */
enum { STOP_NONE, STOP_COMMAND, STOP_COMMAND_SEQUENCE };
/* shell_stopped(): whether stop applies now; consumes the states up to
 * it (a goto's STOP_COMMAND ends only the current command line). */
bool sim_stopped(struct sim *sim, int stop);
/* Looks up and runs one expanded command (execv()). */
int sim_execv(struct sim *sim, int argc, char **argv);
/*
 * The option parser of spec 5 for call->def: fills call->opt, optind,
 * args; prints the iPXE messages and usage; returns 0 or the rc.
 */
int sim_parse_options(struct sim *sim, struct call *call);
/* Value parsers of spec 5.4, printing iPXE's message on failure. */
int sim_parse_integer(struct sim *sim, const char *text, uint32_t *out);
int sim_parse_key(struct sim *sim, const char *text, uint32_t *out);
/* The option with short name c, or NULL when not given. */
const struct optval *call_opt(const struct call *call, char c);
/* Arguments from index i joined by single spaces (concat_args). */
char *sim_concat(char **args, int n);

/* The handlers, one per implementation family (stdlib impl ids). */
cmd_fn *sim_handler(enum cmd_id impl);

#endif
