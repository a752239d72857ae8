/*
 * handlers.c - which function implements each command: one entry per
 * implementation family (the impl column of stdlib/commands.def), so the
 * synonyms of a family share it.  A command whose entry is NULL behaves
 * as absent from the build ("command not found").
 */
#include "interp/cmds.h"

static cmd_fn *const handlers[CMD_COUNT] = {
	[CMD_echo] = cmd_echo,
	[CMD_exit] = cmd_exit,
	[CMD_isset] = cmd_isset,
	[CMD_iseq] = cmd_iseq,
	[CMD_sleep] = cmd_sleep,
	[CMD_goto] = cmd_goto,
	[CMD_prompt] = cmd_prompt,
	[CMD_help] = cmd_help,
	[CMD_time] = cmd_time,
	[CMD_set] = cmd_set,
	[CMD_clear] = cmd_clear,
	[CMD_read] = cmd_read,
	[CMD_show] = cmd_show,
	[CMD_inc] = cmd_inc,
	[CMD_config] = cmd_config,
	/* == images and downloads (cmd_image.c) == */
	/* == end images == */
	/* == network (cmd_net.c) == */
	/* == end network == */
	/* == menus, forms, shell (cmd_menu.c) == */
	/* == end menus == */
	/* == machine (cmd_misc.c) == */
	/* == end machine == */
};

cmd_fn *
sim_handler(enum cmd_id impl)
{
	return impl < CMD_COUNT ? handlers[impl] : NULL;
}

bool
sim_cmd_present(const struct sim *sim, const struct cmd_def *def)
{
	return cmd_in_build(def, sim_build_mask(sim));
}
