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
	[CMD_imgfetch] = cmd_imgfetch,
	[CMD_imgselect] = cmd_imgselect,
	[CMD_imgexec] = cmd_imgexec,
	[CMD_imgargs] = cmd_imgargs,
	[CMD_imgstat] = cmd_imgstat,
	[CMD_imgfree] = cmd_imgfree,
	[CMD_imgset] = cmd_imgset,
	[CMD_imgmem] = cmd_imgmem,
	[CMD_imgextract] = cmd_imgextract,
	[CMD_imgtrust] = cmd_imgtrust,
	[CMD_imgverify] = cmd_imgverify,
	[CMD_imgdecrypt] = cmd_imgdecrypt,
	[CMD_certstat] = cmd_certstat,
	[CMD_certstore] = cmd_certstore,
	[CMD_certfree] = cmd_certfree,
	[CMD_md5sum] = cmd_md5sum,
	[CMD_shim] = cmd_shim,
	[CMD_sanhook] = cmd_sanhook,
	[CMD_sanboot] = cmd_sanboot,
	[CMD_sanunhook] = cmd_sanunhook,
	/* == end images == */
	/* == network (cmd_net.c) == */
	[CMD_ifopen] = cmd_ifopen,
	[CMD_ifclose] = cmd_ifclose,
	[CMD_ifstat] = cmd_ifstat,
	[CMD_ifconf] = cmd_ifconf,
	[CMD_iflinkwait] = cmd_iflinkwait,
	[CMD_autoboot] = cmd_autoboot,
	[CMD_pxebs] = cmd_pxebs,
	[CMD_route] = cmd_route,
	[CMD_vcreate] = cmd_vcreate,
	[CMD_vdestroy] = cmd_vdestroy,
	[CMD_iwstat] = cmd_iwstat,
	[CMD_iwlist] = cmd_iwlist,
	[CMD_ibstat] = cmd_ibstat,
	[CMD_nstat] = cmd_nstat,
	[CMD_ipstat] = cmd_ipstat,
	[CMD_lotest] = cmd_lotest,
	[CMD_startpxe] = cmd_startpxe,
	[CMD_stoppxe] = cmd_stoppxe,
	[CMD_nslookup] = cmd_nslookup,
	[CMD_ping] = cmd_ping,
	[CMD_ntp] = cmd_ntp,
	/* == end network == */
	/* == menus, forms, shell (cmd_menu.c) == */
	[CMD_menu] = cmd_menu,
	[CMD_item] = cmd_item,
	[CMD_choose] = cmd_choose,
	[CMD_present] = cmd_present,
	[CMD_login] = cmd_login,
	[CMD_shell] = cmd_shell,
	/* == end menus == */
	/* == machine (cmd_misc.c) == */
	[CMD_params] = cmd_params,
	[CMD_param] = cmd_param,
	[CMD_reboot] = cmd_reboot,
	[CMD_poweroff] = cmd_poweroff,
	[CMD_sync] = cmd_sync,
	[CMD_cpuid] = cmd_cpuid,
	[CMD_pciscan] = cmd_pciscan,
	[CMD_usbscan] = cmd_usbscan,
	[CMD_profstat] = cmd_profstat,
	[CMD_console] = cmd_console,
	[CMD_colour] = cmd_colour,
	[CMD_cpair] = cmd_cpair,
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
