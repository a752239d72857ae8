/*
 * complete.h - tab completion for the REPL: given a line, the cursor and
 * the simulated machine, the words that may go at the cursor.  Pure: it
 * reads the machine and the file system under --root, never changes
 * them, so it is tested without a terminal.
 */
#ifndef IPXE_COMPLETE_H
#define IPXE_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

struct sim;
struct script;

struct completion {
	size_t start;		/* where the word being completed starts */
	char **cands;		/* whole words for [start, cursor), sorted,
				 * unique; a block or directory ends in '/' */
	size_t n;
	bool in_ref;		/* inside "${": a complete name takes '}' */
};

/*
 * Fills out for line (NUL-terminated) with the cursor at byte cursor:
 *   - the first word of a command: the commands of the simulated build;
 *   - a word starting with '-': the long options of the command;
 *   - inside an unclosed "${": setting names, known (stdlib/settings.def,
 *     for this build) and set ones, with block prefixes such as "net0/";
 *   - an argument the command's synopsis calls <setting>: the same;
 *   - an argument it calls <label>: the labels of script (may be NULL);
 *   - any other argument: file names under sim->cfg.root, if any.
 * A leading '.' on the line's first word completes the REPL's meta
 * commands from metas (a NULL-terminated list, may be NULL); the
 * arguments of one named like a command (.goto) complete as that
 * command's.
 * The caller frees out with completion_fini().
 */
void complete_line(struct sim *sim, const struct script *script,
		   const char *const *metas, const char *line, size_t cursor,
		   struct completion *out);
void completion_fini(struct completion *c);

#endif
