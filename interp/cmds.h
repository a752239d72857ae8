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
cmd_fn cmd_imgfetch, cmd_imgselect, cmd_imgexec, cmd_imgargs, cmd_imgstat,
	cmd_imgfree, cmd_imgset, cmd_imgmem, cmd_imgextract, cmd_imgtrust,
	cmd_imgverify, cmd_imgdecrypt, cmd_certstat, cmd_certstore,
	cmd_certfree, cmd_md5sum, cmd_shim, cmd_sanhook, cmd_sanboot,
	cmd_sanunhook;
/* == end images == */
/* == network (cmd_net.c) == */
cmd_fn cmd_ifopen, cmd_ifclose, cmd_ifstat, cmd_ifconf, cmd_iflinkwait,
	cmd_autoboot, cmd_pxebs, cmd_route, cmd_vcreate, cmd_vdestroy,
	cmd_iwstat, cmd_iwlist, cmd_ibstat, cmd_nstat, cmd_ipstat, cmd_lotest,
	cmd_startpxe, cmd_stoppxe, cmd_nslookup, cmd_ping, cmd_ntp;
struct uri;
struct image;
/*
 * imgdownload(): resolves u against the working URI, fetches it and,
 * unless quiet, prints the progress line (spec 8.5) with monojob_wait()'s
 * dots; a timeout (ticks, 0 = none) ends a transfer still running.  On
 * success the new image is registered and returned in *out.  Returns 0
 * or the rc.
 */
int net_imgdownload(struct sim *sim, const struct uri *u, uint32_t timeout,
		    bool quiet, struct image **out);
/* == end network == */
/* == menus, forms, shell (cmd_menu.c) == */
cmd_fn cmd_menu, cmd_item, cmd_choose, cmd_present, cmd_login, cmd_shell;
/* == end menus == */
/* == machine (cmd_misc.c) == */
cmd_fn cmd_params, cmd_param, cmd_reboot, cmd_poweroff, cmd_sync,
	cmd_cpuid, cmd_pciscan, cmd_usbscan, cmd_profstat, cmd_console,
	cmd_colour, cmd_cpair;
/* == end machine == */

/* Whether a command exists in the simulated build. */
bool sim_cmd_present(const struct sim *sim, const struct cmd_def *def);
/*
 * The line editor of read and the shell (spec 9.8): shows prompt (may be
 * NULL) and the editable prefill, reads keys until Enter and returns the
 * line in *line (malloc'd).  Returns 0, or the rc for a timeout before
 * the first key (ERR_READ_TIMEOUT) or Ctrl-C (ERR_READ_CANCELLED).  A
 * newline is printed when it ends, unless the run halted waiting for a
 * key (no input left).
 */
int sim_readline(struct sim *sim, const char *prompt, const char *prefill,
		 uint32_t timeout, char **line);
/* The full-screen settings editor of `config` on block b. */
int sim_config_ui(struct sim *sim, struct sblock *b);

#endif
