/*
 * repl.h - ipxesim's interactive prompt (terminal mode only): iPXE's
 * `iPXE>` shell read with libedit (history, completion, ~/.editrc), plus
 * meta commands behind a '.' that iPXE does not have.  The parts that do
 * not need a terminal (meta command parsing, the history file) are
 * exported for the tests.  docs/simulator.md describes it for users.
 */
#ifndef IPXE_REPL_H
#define IPXE_REPL_H

#include <stdbool.h>
#include <stddef.h>

struct sim;
struct script;

/* ---------------------------------------------------------------- meta */

enum repl_meta {
	META_NONE,	/* not a meta command: an iPXE command line */
	META_BAD,	/* a '.' line that is not a valid meta command */
	META_HELP,
	META_LABELS,
	META_GOTO,	/* arg: the label */
	META_TRACE,	/* arg: "on", "off" or "json" */
	META_SETTINGS,
	META_IMAGES,
	META_RESET,
	META_LOAD,	/* arg: the file */
	META_QUIT,
};

/* The meta command names with their dot, NULL-terminated (completion). */
extern const char *const repl_meta_names[];

/*
 * Parses a line typed at the prompt.  Blanks around the words are
 * ignored.  For META_BAD, *arg is a malloc'd message saying why (for
 * the user, no newline); for commands with an argument a malloc'd copy
 * of it; else NULL.  The caller frees *arg.
 */
enum repl_meta repl_meta_parse(const char *line, char **arg);

/* ---------------------------------------------------------------- history */

/* At most this many lines are kept and saved. */
#define REPL_HISTORY_MAX 1000

struct repl_history {
	char **lines;		/* oldest first */
	size_t n;
};

/* Appends line unless it is blank or repeats the last one; drops the
 * oldest beyond REPL_HISTORY_MAX.  Returns whether it was added. */
bool repl_history_add(struct repl_history *h, const char *line);
void repl_history_fini(struct repl_history *h);
/*
 * The history file: $XDG_STATE_HOME/ipxekit/history, or
 * $HOME/.local/state/ipxekit/history; malloc'd, NULL when neither
 * variable is set (then nothing is saved).
 */
char *repl_history_path(void);
/* Reads path (one line an entry) into h; a missing file is no error.
 * Returns 0, or -1 with errno. */
int repl_history_load(struct repl_history *h, const char *path);
/*
 * Writes h to path atomically: a new file (mode 0600) beside it, then
 * rename(); creates the missing directories (mode 0700).  Returns 0, or
 * -1 with errno (the old file is then untouched).
 */
int repl_history_save(const struct repl_history *h, const char *path);

/* ---------------------------------------------------------------- prompt */

/* What ipxesim's main.c lends the REPL. */
struct repl_host {
	/* Prints the outcome line of the run that just ended (rc is the
	 * top-level status) and returns ipxesim's exit code for it. */
	int (*report)(struct sim *sim, int rc);
	/* Tears the machine down (sim_fini) and boots a fresh one with
	 * the same options; 0, or -1 after a message. */
	int (*reset)(struct sim *sim, void *ctx);
	void *ctx;
	/* Origin of each preset, in order ("--set" or "FILE:LINE"), for
	 * .settings: main.c calls repl_note_origin() after each. */
};

struct repl;

/* A REPL for sim (which it hooks: Ctrl-C, the `shell` command). */
struct repl *repl_new(struct sim *sim, const struct repl_host *host);
void repl_free(struct repl *r);
/* Records the settings that changed since the last call as coming from
 * origin ("machine", "--set", "FILE:LINE") for .settings. */
void repl_note_origin(struct repl *r, const char *origin);
/* The script the prompt's .labels, .goto and completion refer to
 * (a copy is kept); name is its image name. */
void repl_set_script(struct repl *r, const char *name, const char *data,
		     size_t len);
/*
 * Runs the prompt until Ctrl-D, .quit or `exit`; exit_code is the code
 * ipxesim exits with if nothing runs at the prompt (the script's).
 * Returns the exit code: that of the last line run, as the outcome table
 * has it (0 status 0, 1 failed, 3 booted, ...).
 */
int repl_run(struct repl *r, int exit_code);
/* Whether the user left with Ctrl-D or .quit (at a `shell` prompt while
 * the script ran), and the exit code that leaves with. */
bool repl_left(const struct repl *r);
int repl_exit_code(const struct repl *r);

#endif
