/*
 * explore_int.h - the explorer's own data, shared by its engine
 * (explore.c), its reports (explore_out.c) and its command line
 * (explore_cli.c).  The simulator itself only sees explore.h.
 */
#ifndef IPXE_EXPLORE_INT_H
#define IPXE_EXPLORE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "interp/explore.h"
#include "interp/sim.h"

/* One machine to explore on (--machine, --profile). */
struct ex_profile {
	char *label;		/* "bios", "efi:lab.prof" ... */
	struct sim_config cfg;
	char **names, **values;	/* presets, in order (machine_set()) */
	size_t npresets;
};

/* A --choose MENU=ITEM preset. */
struct ex_preset {
	char *menu;
	char *item;
};

/* A --expect KEY=VALUE assertion. */
struct ex_expect {
	char *key;		/* boot, cmdline, initrd, exit, outcome */
	char *value;		/* a glob for the URIs and text */
};

struct ex_opts {
	struct ex_profile *profiles;
	size_t nprofiles;
	char *uri;		/* --uri: the script's own URI, or NULL */
	char **pre;		/* --pre: command lines run first */
	size_t npre;
	size_t max_paths;	/* runs, 0 = no limit */
	size_t max_depth;	/* decisions on one path */
	bool fail_downloads, fail_dhcp;	/* --explore-failures */
	bool stub;		/* stand-in kernels outside the tree */
	bool replay;		/* no snapshots: every run replays the way
				 * to its state (tests compare the two) */
	struct ex_preset *presets;
	size_t npresets;
};

/* One decision taken on a path. */
struct ex_step {
	enum decision_kind kind;
	char *what;		/* menu, prompt text, setting, device, URI */
	char *label;		/* the alternative taken */
	char *site;		/* file:line of the command */
	unsigned alt, n;
	unsigned node;		/* the decision state it was taken in */
};

enum ex_end {
	END_EXIT,	/* the script ended with a status (rc >= 0) */
	END_ERROR,	/* it failed (rc < 0) */
	END_BOOT,	/* an image booted (kernel, NBP, SAN) */
	END_REBOOT,	/* reboot or poweroff */
	END_WAITING,	/* input that never comes (shell, form, forever) */
	END_LOOP,	/* back to a state of its own path */
	END_MERGED,	/* into a state another path explored */
	END_LIMIT,	/* a step, depth or expansion limit */
	END_CUT,	/* --max-depth decisions, or a --choose mismatch */
};

/* A goto to a missing label that did not end its path. */
struct ex_detour {
	char *site;		/* file:line of the goto */
	char *label;
	size_t nsteps;		/* the path's decisions taken before it */
	char *after;		/* "after 'cmd' failed: error", or NULL */
};

struct ex_path {
	unsigned id;		/* 1-based, in exploration order */
	unsigned profile;
	struct ex_step *steps;
	size_t nsteps;
	enum ex_end end;
	int rc;			/* END_EXIT status or END_ERROR rc */
	char *text;		/* outcome text (sim's, or ours) */
	char *message;		/* the console's last line */
	char *site;		/* file:line of the failing command */
	char *fail_argv;	/* the failing command, expanded */
	bool goto_missing;	/* it was a goto to a missing label */
	char *label;		/* that label */
	/* gotos to a missing label on the way, whose failure the path
	 * survived (a caller's `||`, a `goto x || goto y`) */
	struct ex_detour *detours;
	size_t ndetours;
	char *kernel, *cmdline;	/* END_BOOT */
	char **initrds;
	size_t ninitrds;
	bool stubbed;		/* the kernel is a stand-in */
	unsigned target;	/* END_LOOP/END_MERGED: the state reached,
				 * a node index + 1 (0: none) */
	unsigned merged_with;	/* END_MERGED: the path that explored it */
};

/* A setting's name and value, hashed. */
struct ex_kv {
	uint64_t key, val;
};

/* An alternative taken in a state (node index). */
struct ex_alt {
	unsigned alt, node;
};

/* What a run knows of the way it came: the command whose failure ended
 * the script (its site, words, error, whether a goto handled it, the
 * label it went to) and where it stands in the console and coverage. */
struct ex_trail {
	bool failing, fail_goto;
	char *fail_site, *fail_argv, *fail_label;
	int fail_rc;
	size_t fail_pos, line_pos;	/* console offsets */
	uint32_t last_lineno;	/* the last line run, in cover_idx */
	const struct script *cover_ast;	/* the last script covered */
	size_t cover_idx;
};

/* A run as it was at a decision, to go on from there (explore_snap.h):
 * the machine and what the run knew. */
struct ex_saved_run {
	struct ex_snapshot *machine;
	struct ex_kv *writes;
	size_t nwrites;
	struct ex_trail at;
};

/* A decision state: a position (everything but the settings) and the
 * settings as they were; two states are the same when their positions
 * are and the settings the first one's subtree read before writing them
 * have the same values. */
struct ex_node {
	uint64_t pos;
	uint64_t point;		/* the input point alone (loops) */
	unsigned path;		/* the path that reached it first */
	unsigned next;		/* next node with this position, + 1 */
	struct ex_kv *snap;	/* sorted by key */
	size_t nsnap;
	uint64_t *reads;	/* keys read before written below it */
	size_t nreads, capreads;
	char *label;		/* "choose menu\nfile:line", for graphs */
	/* how to get here again and what is left to try */
	unsigned profile;
	unsigned n, next_alt;	/* alternatives, the next one to take */
	struct ex_alt *actual;	/* the way to it, to replay */
	size_t nactual;
	size_t canon_path;	/* ex->paths[canon_path].steps[canon_step] */
	size_t canon_step;	/* is this state on its path */
	struct ex_saved_run *saved;	/* while alternatives are left:
					 * the run at this state, or NULL
					 * (replay the way to it) */
};

/* Lines, labels and items reached, per script (--coverage). */
struct ex_cover {
	char *file;
	char *src;		/* a copy of the script, for the report */
	size_t len;
	uint8_t *hit;		/* per logical line */
	uint32_t nlines;
};

struct ex_item_seen {
	char *menu, *item, *site;
	bool chosen;
};

struct explorer {
	struct ex_opts opts;
	const char *script_path;
	char *script_name;	/* its image name (basename) */
	char *src;
	size_t srclen;
	char *root;		/* the tree: cfg.root of the first profile */
	char *uri_dir;		/* --uri up to its last '/' */

	struct ex_path *paths;
	size_t npaths, cappaths;
	size_t unexplored;	/* alternatives left when a limit hit */
	size_t states;		/* distinct decision states */
	size_t runs;		/* runs of the simulator */
	size_t resumed;		/* of them, from a snapshot */
	double seconds;

	/* the decision states (docs/explorer.md, "Merging") */
	struct ex_node *nodes;
	size_t nnodes, capnodes;
	unsigned *pending;	/* nodes with alternatives left (a stack) */
	size_t npending, cappending;
	uint64_t *pos_key;	/* position hash -> first node + 1 */
	unsigned *pos_node;
	size_t pos_cap, pos_n;

	struct sim_memo *memo;	/* parses and files, shared by the runs */

	struct ex_cover *cover;
	size_t ncover;
	struct ex_item_seen *items;
	size_t nitems;
	uint64_t *items_key;	/* hash of menu, item, place -> index */
	size_t *items_idx, items_cap;
};

void explorer_init(struct explorer *ex, const struct ex_opts *opts);
void explorer_fini(struct explorer *ex);
/* Explores script on every profile; 0, or -1 (message printed) when
 * the script cannot be read. */
int explorer_run(struct explorer *ex, const char *script);

const char *ex_end_name(enum ex_end e);
const char *ex_kind_name(enum decision_kind k);

/* Reports (explore_out.c). */
void ex_print_tty(const struct explorer *ex, FILE *out);
void ex_print_json(const struct explorer *ex, FILE *out);
void ex_print_dot(const struct explorer *ex, FILE *out);
void ex_print_mermaid(const struct explorer *ex, FILE *out);
void ex_print_coverage(const struct explorer *ex, FILE *out);

/* A finding in the linter's format (code IPX9xxx). */
struct ex_finding {
	char *file;
	unsigned line;
	int code;
	bool error;
	char *message;
};
/* The findings of the explored paths, deduplicated, in path order. */
size_t ex_findings(const struct explorer *ex, struct ex_finding **out);
void ex_findings_free(struct ex_finding *f, size_t n);
void ex_print_findings(const struct explorer *ex, FILE *out);
/* Checks every --expect on every path that ended; prints a diff of
 * what was expected and what happened; returns the failures. */
size_t ex_check_expect(const struct explorer *ex,
		       const struct ex_expect *e, size_t n, FILE *out);

#endif
