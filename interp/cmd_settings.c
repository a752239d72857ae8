/*
 * cmd_settings.c - set, clear, read, show, inc and config (spec 10.2),
 * as src/hci/commands/nvo_cmd.c does them: the name is parsed first
 * (autovivifying for set/clear/read, existing blocks for show/inc), then
 * the value, then the store; failures print "Could not store" or
 * "Could not find" with the canonical setting name.
 */
#include <stdlib.h>
#include <string.h>

#include "interp/cmds.h"
#include "interp/explore.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "parser/util.h"
#include "stdlib/types.h"

/* A setting argument: the parsed reference and the buffer it points in. */
struct named {
	struct sblock *block;
	struct setting setting;
	char *namebuf;
};

/* parse_autovivified_setting() / parse_existing_setting() */
static int
parse_named(struct sim *sim, const char *text, bool autovivify,
	    struct named *n)
{
	int rc = settings_parse_name(sim, text, autovivify, &n->block,
				     &n->setting, &n->namebuf);

	if (rc)
		sim_printf(sim, "\"%s\": invalid setting\n", text);
	return rc;
}

static void
named_fini(struct named *n)
{
	free(n->namebuf);
}

static void
could_not(struct sim *sim, const char *what, const char *name, int rc)
{
	sim_printf(sim, "Could not %s \"%s\": ", what, name);
	sim_print_error(sim, rc);
	sim_printf(sim, "\n");
}

/* set_core_exec(): store value (NULL deletes) with the default type. */
static int
store_value(struct sim *sim, struct named *n, const char *value)
{
	int rc;

	if (n->setting.type < 0)
		n->setting.type = TYPE_string;
	rc = settings_storef(sim, n->block, &n->setting, value ? value : "");
	if (rc)
		could_not(sim, "store", n->setting.name, rc);
	return rc;
}

int
cmd_set(struct sim *sim, struct call *call)
{
	struct named n;
	char *value;
	int rc;

	if ((rc = parse_named(sim, call->args[0], true, &n)) == 0) {
		value = sim_concat(call->args + 1, call->nargs - 1);
		rc = store_value(sim, &n, value);
		free(value);
	}
	named_fini(&n);
	return rc;
}

int
cmd_clear(struct sim *sim, struct call *call)
{
	struct named n;
	int rc;

	if ((rc = parse_named(sim, call->args[0], true, &n)) == 0)
		rc = store_value(sim, &n, NULL);
	named_fini(&n);
	return rc;
}

int
cmd_read(struct sim *sim, struct call *call)
{
	const struct optval *timeout = call_opt(call, 't');
	struct named n;
	struct buf existing;
	char *line = NULL;
	int rc;

	if ((rc = parse_named(sim, call->args[0], true, &n)) != 0) {
		named_fini(&n);
		return rc;
	}
	/* The current value, formatted, is the text to edit; its fetch
	 * also takes on the stored type (spec 9.8). */
	buf_init(&existing);
	buf_add(&existing, "", 0);
	settings_fetchf(sim, n.block, &n.setting, NULL, &n.setting,
			&existing);
	if (sim->hooks)
		line = explore_read(sim, n.setting.name, existing.data);
	else
		rc = sim_readline(sim, NULL, existing.data,
				  timeout ? timeout->num : 0, &line);
	if (rc == 0)
		rc = store_value(sim, &n, line);
	free(line);
	buf_fini(&existing);
	named_fini(&n);
	return rc;
}

int
cmd_show(struct sim *sim, struct call *call)
{
	struct named n;
	struct sblock *origin;
	struct setting fetched;
	struct buf value, name;
	int rc;

	if ((rc = parse_named(sim, call->args[0], false, &n)) != 0) {
		named_fini(&n);
		return rc;
	}
	buf_init(&value);
	buf_add(&value, "", 0);
	rc = settings_fetchf(sim, n.block, &n.setting, &origin, &fetched,
			     &value);
	if (rc) {
		could_not(sim, "find", n.setting.name, rc);
	} else {
		/* setting_name(): "block/name:type" in a 32-byte buffer */
		buf_init(&name);
		settings_block_name(origin, &name);
		buf_printf(&name, "%s%s:%s", name.len ? "/" : "",
			   fetched.name, type_names[fetched.type]);
		if (name.len > 31)
			name.len = 31;
		if (!call_opt(call, 'q')) {
			sim_write(sim, name.data, name.len);
			sim_printf(sim, " = ");
		}
		/* printf("%s\n"): the value ends at a NUL */
		sim_printf(sim, "%s\n", value.data);
		buf_fini(&name);
	}
	buf_fini(&value);
	named_fini(&n);
	return rc;
}

int
cmd_inc(struct sim *sim, struct call *call)
{
	struct named n;
	uint32_t increment = 1;
	unsigned long value = 0;
	struct setting fetched;
	struct buf raw;
	int rc, len;

	if ((rc = parse_named(sim, call->args[0], false, &n)) != 0)
		goto out;
	if (call->nargs > 1 &&
	    (rc = sim_parse_integer(sim, call->args[1], &increment)) != 0)
		goto out;
	/* fetchn_setting(): a missing or non-numeric value counts as 0; the
	 * fetched setting (with its stored type) replaces the parsed one,
	 * and a missing one defaults to int32 */
	buf_init(&raw);
	len = settings_fetch(sim, n.block, &n.setting, NULL, &fetched, &raw);
	if (len >= 0) {
		n.setting = fetched;
		if (type_numerate((enum set_type)fetched.type,
				  (const uint8_t *)raw.data, raw.len,
				  sim->cfg.plat, &value) != 0)
			value = 0;
	} else if (n.setting.type < 0) {
		n.setting.type = TYPE_int32;
	}
	buf_fini(&raw);
	value += increment;
	if (sim->cfg.plat == PLAT_BIOS)
		value &= 0xffffffffUL;	/* a 32-bit unsigned long */
	/* storen_setting(): only integer types denumerate */
	buf_init(&raw);
	{
		uint32_t err = type_denumerate((enum set_type)n.setting.type,
					       value, sim->cfg.plat, &raw);

		rc = err ? -(int)err
			 : settings_store(sim, n.block, &n.setting, raw.data,
					  raw.len);
	}
	buf_fini(&raw);
	if (rc)
		could_not(sim, "store", n.setting.name, rc);
out:
	named_fini(&n);
	return rc;
}

int
cmd_config(struct sim *sim, struct call *call)
{
	struct sblock *b = sim->settings;

	/* parse_settings(): the scope must exist */
	if (call->nargs) {
		const char *name = call->args[0];
		char *copy = xstrdup(name), *comp = copy, *dot;

		for (;;) {
			dot = strchr(comp, '.');
			if (dot)
				*dot = '\0';
			b = settings_child(sim, b, comp);
			if (!b || !dot)
				break;
			comp = dot + 1;
		}
		free(copy);
		if (!b) {
			sim_printf(sim, "\"%s\": no such scope\n", name);
			return sim_err(sim, ERR_PARSE_NO_SCOPE);
		}
	}
	/* The settings editor is full-screen and interactive: it waits
	 * for keys until Ctrl-X or Esc (spec 10.2). */
	return sim_config_ui(sim, b);
}
