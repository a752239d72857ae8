/*
 * cfg.h - control flow of a script, as iPXE runs it (spec 2.4, 3.3): from
 * the first line, each line's commands run left to right as the operators
 * allow, a line ending in failure ends the script, goto jumps to the first
 * label of that name, exit/reboot/poweroff/chain --replace end it.
 * Command names and arguments are read from the tokens as written; a
 * command whose name comes from "${...}" may do anything.
 */
#ifndef IPXE_LINT_CFG_H
#define IPXE_LINT_CFG_H

#include <stdbool.h>
#include <stdint.h>

#include "parser/script.h"
#include "stdlib/stdlib.h"

struct lint_opts;

/* What a command does to the flow when it runs. */
enum cfg_effect {
	EFF_NORMAL,	/* may succeed or fail, then the line goes on */
	EFF_GOTO,	/* jumps (see targets); fails when no label matches */
	EFF_EXIT,	/* ends the script (exit N) */
	EFF_END,	/* poweroff: ends the run, or fails */
	EFF_REBOOT,	/* reboot: ends the run, or returns 0 */
	EFF_REPLACE,	/* chain --replace: ends the script on success */
};

/* A command of the script, as the analysis reads it (parallel to
 * script->cmds; one per command of a script of millions, so the fields
 * go widest first: 56 bytes). */
struct cfg_cmd {
	const struct cmd_def *def;	/* NULL: empty, unknown or dynamic */
	/* EFF_GOTO: the label lines it can reach (line indices) */
	uint32_t *targets;
	const char *var;	/* goto ${var}: the setting name */
	/* choose, set, read, clear: the setting named (first argument,
	 * or NULL) and the number of arguments (assigns() asks for each
	 * line a search reaches) */
	const struct tok *stores;
	uint32_t ntargets;
	uint32_t var_len;
	unsigned nargs;
	uint32_t line;		/* its line */
	enum cfg_effect effect;
	bool dynamic;		/* its name comes from "${...}" */
	bool any_target;	/* target unknown: may reach any label */
	bool may_miss;		/* a target name with no label: may fail */
	bool reachable;		/* runs on some path */
};

struct cfg_line {
	uint64_t fail_blame;	/* bit i: command i of the line can be the
				 * last to run on such a path (first 64) */
	uint32_t *succ;		/* lines it can go on to (fall, goto): a
				 * run of g->succ_pool */
	uint32_t nsucc;
	uint32_t succ_off;	/* where that run starts */
	bool reachable;		/* its start is reached */
	bool by_fall;		/* the previous line can end and fall in */
	bool by_goto;		/* some goto can jump to it */
	bool ends_fail;		/* can end with a failure (ends the script) */
	bool to_any;		/* a goto on it can reach any label: every
				 * line of g->labelled is a successor too
				 * (not in succ, which would make the graph
				 * quadratic in size) */
};

/* A menu (or form) as one `menu` command creates it ("" unnamed). */
struct cfg_item {
	uint32_t cmd;		/* the item command (script->cmds index) */
	const char *name;	/* NULL for --gap; dynamic names: NULL too */
	uint32_t name_len;
	bool dynamic;		/* name comes from "${...}" */
	int key;		/* --key value, 0 if none / dynamic */
};

struct cfg_menu {
	char *name;
	uint32_t cmd;		/* the first menu command that creates it */
	struct cfg_item *items;
	uint32_t nitems;
};

/* A label line, for the sorted index. */
struct cfg_label {
	const char *name;
	uint32_t len;
	uint32_t line;
};

struct cfg {
	const struct script *s;
	struct cfg_cmd *cmds;
	struct cfg_line *lines;
	struct cfg_menu *menus;
	uint32_t nmenus;
	struct cfg_label *labels;	/* label lines sorted by name, then
					 * line: cfg_find_label() */
	uint32_t nlabels;
	uint32_t *labelled;		/* the lines with a label, in order */
	uint32_t nlabelled;
	bool *line_stores;		/* per line: some command on it
					 * stores a setting (cfg_cmd.stores;
					 * most lines do not, and the
					 * searches ask of every line) */
	uint32_t *succ_pool;		/* every line's successors, a run
					 * each (one allocation per line
					 * cost 32 bytes for a 4-byte edge) */
	size_t nsucc_pool, capsucc_pool;
};

struct cfg *cfg_build(const struct script *s, const struct lint_opts *o);
/*
 * The `goto ${var}` that dispatches on a value set by command ci: the
 * first one after ci on its line or on the lines after it, up to the
 * next label (the idioms `choose x && goto ${x}`, `set x a` + `goto
 * ${x}`); AST_NONE if none.  (Flow-insensitively any assignment would
 * feed any goto; scripts reuse names, so the idiom's shape is required.)
 */
uint32_t cfg_dispatch_goto(const struct cfg *g, uint32_t ci, const char *var,
			   uint32_t len);
/* Whether command ci can fail so that its line fails: the failure is
 * not absorbed by a later `||`, and the script ends there. */
bool cfg_fails_unhandled(const struct cfg *g, uint32_t ci);
void cfg_free(struct cfg *g);
/* The operator before command k of line l: TOK_SEMI for the first
 * command (it runs whatever the status), else TOK_OR, TOK_AND or
 * TOK_SEMI. */
enum tok_kind cfg_op_before(const struct script *s, const struct line *l,
			    uint32_t k);

/* The first line labelled name (exact), or AST_NONE. */
uint32_t cfg_label(const struct script *s, const char *name, size_t len);
/* The same from g's index, in O(log n) rather than a scan of every line
 * (checks ask once per label, goto or item: a million labels took
 * hours). */
uint32_t cfg_find_label(const struct cfg *g, const char *name, size_t len);
/* The last menu instance called name ("" unnamed) in the script, or the
 * latest one created at or before command ci; NULL if none.  Each `menu`
 * command creates a new instance (spec 9.1), and items and choose use
 * the latest one before them in source order. */
struct cfg_menu *cfg_menu(struct cfg *g, const char *name, size_t len);
struct cfg_menu *cfg_menu_at(struct cfg *g, const char *name, size_t len,
			     uint32_t ci);
/*
 * Static option walk: calls visit for each option of command c (with its
 * value token, or the inline "=value" / "-tVALUE" text; opt NULL for one
 * the command does not have) and returns the index within the command of
 * its first positional argument.  Mirrors iPXE's getopt: options stop at
 * the first word not starting with '-', "--" is consumed, a value is not
 * taken from a word starting with '-'.  A word holding "${...}" counts as
 * positional (its value is unknown until run time).
 */
typedef void cfg_opt_visit(void *arg, const struct opt_def *opt,
			   const struct tok *opt_tok, const struct tok *value,
			   const char *inline_value, uint32_t inline_len);
uint32_t cfg_walk_options(const struct script *s, const struct cmd *c,
			  const struct cmd_def *def, cfg_opt_visit *visit,
			  void *arg);

/* Argument i of command c after options, following iPXE's getopt rules
 * for c's definition (options stop at the first non-option; "--" ends
 * them); NULL when there is none.  *nargs gets the count. */
const struct tok *cfg_arg(const struct cfg *g, const struct cmd *c,
			  unsigned i, unsigned *nargs);
/* The token of option shortname c given to command cmd, or NULL; *value
 * receives the value token (NULL for a flag or "--opt=value" forms, then
 * *inline_value points into the option token). */
const struct tok *cfg_opt(const struct cfg *g, const struct cmd *c,
			  char shortname, const struct tok **value,
			  const char **inline_value, uint32_t *inline_len);

#endif
