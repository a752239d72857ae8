/*
 * cmd_misc.c - the machine commands (spec 10.5, 10.9, 10.10): request
 * parameter lists (param_cmd.c), reboot, poweroff, sync, cpuid, pciscan
 * and usbscan over the mocked hardware of machine.c, profstat, and the
 * console commands (console_cmd.c), whose colours are not modelled: they
 * only print the escape sequences iPXE prints.
 */
#include <stdlib.h>
#include <string.h>

#include "interp/cmds.h"
#include "interp/image.h"
#include "interp/machine.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "interp/uri.h"
#include "parser/util.h"
#include "stdlib/types.h"

/* ansicoldef.c: colours 0-7 can be redefined; ansicol.c: pairs 0-7 */
#define NCOLOURS 8u
#define NCPAIRS 8u

/* ---------------------------------------------------------------- params */

int
cmd_params(struct sim *sim, struct call *call)
{
	const struct optval *n = call_opt(call, 'n'), *m = call_opt(call, 'm');
	struct param_list *l = machine_params_create(sim, n ? n->str : NULL);

	if (m) {
		free(l->method);
		l->method = xstrdup(m->str);
	}
	/* --delete creates the list and drops it again: never fails */
	if (call_opt(call, 'd'))
		machine_params_delete(sim, l);
	return 0;
}

int
cmd_param(struct sim *sim, struct call *call)
{
	const struct optval *p = call_opt(call, 'p');
	struct param_list *l = machine_params_find(sim, p ? p->str : NULL);
	struct param *param, **tail;

	if (!l) {
		/* parse_parameters() */
		if (p)
			sim_printf(sim, "\"%s\": no such parameter list\n",
				   p->str);
		else
			sim_printf(sim, "No default parameter list\n");
		return sim_err(sim, ERR_PARSE_NO_PARAMS);
	}
	param = xcalloc(1, sizeof(*param));
	param->key = xstrdup(call->args[0]);
	param->value = sim_concat(call->args + 1, call->nargs - 1);
	param->header = call_opt(call, 'H') != NULL;
	for (tail = &l->params; *tail; tail = &(*tail)->next)
		;
	*tail = param;
	return 0;
}

/* ---------------------------------------------------------------- power */

int
cmd_reboot(struct sim *sim, struct call *call)
{
	/* a BIOS cannot reboot into its setup: an ordinary reset */
	if (call_opt(call, 's') && sim->cfg.plat == PLAT_EFI)
		sim_halt(sim, OUT_REBOOT, "reboot into the firmware setup");
	else if (call_opt(call, 'w'))
		sim_halt(sim, OUT_REBOOT, "warm reboot");
	else
		sim_halt(sim, OUT_REBOOT, "reboot");
	return 0;
}

int
cmd_poweroff(struct sim *sim, struct call *call)
{
	(void)call;
	sim_halt(sim, OUT_POWEROFF, "poweroff");
	return 0;
}

/* Nothing runs in the background, so there is nothing to wait for. */
int
cmd_sync(struct sim *sim, struct call *call)
{
	(void)sim;
	(void)call;
	return 0;
}

int
cmd_profstat(struct sim *sim, struct call *call)
{
	(void)sim;
	(void)call;
	return 0;
}

/* ---------------------------------------------------------------- cpuid */

int
cmd_cpuid(struct sim *sim, struct call *call)
{
	struct cpu_features f;
	uint32_t bit, reg;
	int rc;

	if ((rc = sim_parse_integer(sim, call->args[0], &bit)) != 0)
		return rc;
	machine_cpuid(sim, &f);
	if (call_opt(call, 'e') || call_opt(call, 'a'))
		reg = call_opt(call, 'c') ? f.amd_ecx : f.amd_edx;
	else
		reg = call_opt(call, 'c') ? f.intel_ecx : f.intel_edx;
	/* ( 1 << bit ): x86 shifts by the count modulo 32 */
	return (reg & (1u << (bit & 31))) ? 0 : sim_err(sim, ERR_CPUID_NOT_SET);
}

/* ---------------------------------------------------------------- scans */

/*
 * pciscan_exec() / usbscan_exec(): continue after the stored location
 * (read as a number with the type found, so a string value restarts),
 * store the next device's location with the explicit or found type, else
 * uint16.
 */
static int
scan(struct sim *sim, struct call *call, bool pci)
{
	struct setting s, found;
	struct sblock *b;
	struct buf raw;
	unsigned long prev;
	uint32_t loc = 0;
	char *nb;
	int rc, len;

	rc = settings_parse_name(sim, call->args[0], true, &b, &s, &nb);
	if (rc) {
		sim_printf(sim, "\"%s\": invalid setting\n", call->args[0]);
		free(nb);
		return rc;
	}
	buf_init(&raw);
	len = settings_fetch(sim, b, &s, NULL, &found, &raw);
	if (len >= 0) {
		/* fetchn_setting() fills in the type it found even when the
		 * value is no number */
		s.type = found.type;
		if (type_numerate((enum set_type)found.type,
				  (const uint8_t *)raw.data, raw.len,
				  sim->cfg.plat, &prev) == 0) {
			loc = (uint32_t)(prev + 1);
			if (!loc) {
				rc = sim_err(sim, ERR_PCISCAN_WRAP);
				goto out;
			}
		}
	}
	if (!pci || !machine_pci_next(sim, &loc)) {
		rc = sim_err(sim, pci ? ERR_PCISCAN_END : ERR_USBSCAN_END);
		goto out;
	}
	if (s.type < 0)
		s.type = TYPE_uint16;
	buf_reset(&raw);
	rc = (int)-(int64_t)type_denumerate((enum set_type)s.type, loc,
					    sim->cfg.plat, &raw);
	if (rc == 0)
		rc = settings_store(sim, b, &s, raw.data, raw.len);
	if (rc) {
		sim_printf(sim, "Could not store \"%s\": ", s.name);
		sim_print_error(sim, rc);
		sim_printf(sim, "\n");
	}
out:
	buf_fini(&raw);
	free(nb);
	return rc;
}

int
cmd_pciscan(struct sim *sim, struct call *call)
{
	return scan(sim, call, true);
}

/* No USB controller on the mocked machine. */
int
cmd_usbscan(struct sim *sim, struct call *call)
{
	return scan(sim, call, false);
}

/* ---------------------------------------------------------------- console */

/* ansicol_set_pair(CPAIR_DEFAULT): the console's default colours. */
static void
default_colours(struct sim *sim)
{
	sim_printf(sim, "\033[39m\033[49m");
}

int
cmd_console(struct sim *sim, struct call *call)
{
	const struct optval *pic = call_opt(call, 'p');
	struct image *img = NULL;
	int rc = 0;

	if (pic) {
		/* imgacquire(): an image of that name, else a download */
		img = image_find(sim, pic->str);
		if (!img) {
			struct uri *u = uri_parse(pic->str);

			rc = net_imgdownload(sim, u, 0, false, &img);
			uri_free(u);
			if (rc)
				return rc;
		}
		if (img->type != IMGT_PNG) {
			rc = sim_err(sim, ERR_PIXBUF_UNSUPPORTED);
			sim_print_rc(sim, "Could not use picture: ", rc);
		}
	}
	if (rc == 0) {
		/* no console here can be reconfigured: nothing fails */
		default_colours(sim);
		sim_printf(sim, "\033[2J\033[H");
	}
	if (img && !call_opt(call, 'k'))
		image_free(sim, img);
	return rc;
}

int
cmd_colour(struct sim *sim, struct call *call)
{
	uint32_t n;
	int rc;

	if ((rc = sim_parse_integer(sim, call->args[0], &n)) != 0)
		return rc;
	if (n >= NCOLOURS) {
		rc = sim_err(sim, ERR_COLOUR_BAD);
		sim_print_rc(sim, "Could not define colour: ", rc);
		return rc;
	}
	default_colours(sim);
	return 0;
}

int
cmd_cpair(struct sim *sim, struct call *call)
{
	uint32_t n;
	int rc;

	if ((rc = sim_parse_integer(sim, call->args[0], &n)) != 0)
		return rc;
	if (n >= NCPAIRS) {
		rc = sim_err(sim, ERR_CPAIR_BAD);
		sim_print_rc(sim, "Could not define colour pair: ", rc);
		return rc;
	}
	default_colours(sim);
	return 0;
}
