/*
 * cmds.h - the command handlers, one per implementation family of
 * stdlib/commands.def (synonyms share one), and what they share.
 */
#ifndef IPXE_CMDS_H
#define IPXE_CMDS_H

#include "interp/sim.h"

struct sblock;

/* cmd_core.c */
cmd_fn cmd_echo, cmd_exit, cmd_isset, cmd_iseq, cmd_sleep, cmd_goto,
	cmd_prompt, cmd_help, cmd_time;
/* cmd_settings.c */
cmd_fn cmd_set, cmd_clear, cmd_read, cmd_show, cmd_inc, cmd_config;

/* == images and downloads (cmd_image.c) == */
/* == end images == */
/* == network (cmd_net.c) == */
/* == end network == */
/* == menus, forms, shell (cmd_menu.c) == */
/* == end menus == */
/* == machine (cmd_misc.c) == */
/* == end machine == */

/* Whether a command exists in the simulated build. */
bool sim_cmd_present(const struct sim *sim, const struct cmd_def *def);
/*
 * The line editor of read and the shell (spec 9.8): shows prompt (may be
 * NULL) and the editable prefill, reads keys until Enter and returns the
 * line in *line (malloc'd).  Returns 0, or the rc for a timeout before
 * the first key (ERR_READ_TIMEOUT) or Ctrl-C (ERR_READ_CANCELLED).  A
 * newline is printed when it ends, in every case.
 */
int sim_readline(struct sim *sim, const char *prompt, const char *prefill,
		 uint32_t timeout, char **line);
/* The full-screen settings editor of `config` on block b. */
int sim_config_ui(struct sim *sim, struct sblock *b);

#endif
