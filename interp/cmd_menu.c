/*
 * cmd_menu.c - menu/form, item, choose, present (spec 9, as
 * src/hci/commands/dynui_cmd.c does them), login (login_cmd.c), the
 * settings editor behind config (config_cmd.c) and shell
 * (src/hci/shell.c).  The user interfaces they show are in ui.c.
 */
#include <stdlib.h>
#include <string.h>

#include "interp/cmds.h"
#include "interp/explore.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "interp/ui.h"
#include "parser/util.h"

/* parse_dynui(): the UI named name, or the unnamed one for NULL. */
static int
find_ui(struct sim *sim, const char *name, struct ui **ui)
{
	*ui = ui_find(sim, name);
	if (*ui)
		return 0;
	if (name)
		sim_printf(sim, "\"%s\": no such user interface\n", name);
	else
		sim_printf(sim, "No default user interface\n");
	return sim_err(sim, ERR_PARSE_NO_UI);
}

int
cmd_menu(struct sim *sim, struct call *call)
{
	const struct optval *name = call_opt(call, 'n');
	char *title = sim_concat(call->args, call->nargs);
	struct ui *ui = ui_create(sim, name ? name->str : NULL, title);

	/* --delete: created, then destroyed with whatever it replaced */
	if (call_opt(call, 'd'))
		ui_destroy(sim, ui);
	free(title);
	return 0;
}

/* Index of the argv element holding p (an option's value). */
static int
arg_index(const struct call *call, const char *p)
{
	for (int i = 0; i < call->argc; i++) {
		size_t n = strlen(call->argv[i]);

		if (p >= call->argv[i] && p <= call->argv[i] + n)
			return i;
	}
	return -1;
}

int
cmd_item(struct sim *sim, struct call *call)
{
	const struct optval *menu = call_opt(call, 'm');
	const struct optval *form = call_opt(call, 'f');
	const struct optval *key = call_opt(call, 'k');
	const char *name = NULL;
	unsigned flags = 0;
	char *text = NULL;
	struct ui *ui;
	int i = 0, rc;

	/* --menu and --form fill the same field: the later one wins */
	if (form && (!menu || arg_index(call, form->str) >
				      arg_index(call, menu->str)))
		menu = form;
	/* without --gap the first argument is the name (none: a blank,
	 * unselectable line); the rest is the text */
	if (!call_opt(call, 'g'))
		name = i++ < call->nargs ? call->args[0] : NULL;
	if (i < call->nargs)
		text = sim_concat(call->args + i, call->nargs - i);
	if ((rc = find_ui(sim, menu ? menu->str : NULL, &ui)) == 0) {
		if (call_opt(call, 'd'))
			flags |= UI_DEFAULT;
		if (call_opt(call, 's'))
			flags |= UI_SECRET;
		ui_add_item(ui, name, text, flags, key ? (int)key->num : 0);
	}
	free(text);
	return rc;
}

int
cmd_choose(struct sim *sim, struct call *call)
{
	const struct optval *menu = call_opt(call, 'm');
	const struct optval *select = call_opt(call, 'd');
	const struct optval *timeout = call_opt(call, 't');
	const struct optval *retimeout = call_opt(call, 'r');
	struct sblock *block;
	struct setting setting;
	char *namebuf = NULL;
	struct ui *ui;
	unsigned chosen = 0;
	int rc;

	/* the setting first: a bad name leaves the UI alone */
	rc = settings_parse_name(sim, call->args[0], true, &block, &setting,
				 &namebuf);
	if (rc) {
		sim_printf(sim, "\"%s\": invalid setting\n", call->args[0]);
		goto out;
	}
	if ((rc = find_ui(sim, menu ? menu->str : NULL, &ui)) != 0)
		goto out;
	if (sim->hooks)
		rc = explore_choose(sim, ui, timeout && timeout->num,
				    select ? select->str : NULL, &chosen);
	else
		rc = ui_show_menu(sim, ui, timeout ? timeout->num : 0,
				  retimeout ? retimeout->num : 0,
				  select ? select->str : NULL, &chosen);
	if (sim_halted(sim))
		goto out;
	if (rc == 0) {
		if (setting.type < 0)
			setting.type = TYPE_string;
		rc = settings_storef(sim, block, &setting,
				     ui->items[chosen].name);
		if (rc) {
			sim_printf(sim, "Could not store \"%s\": ",
				   setting.name);
			sim_print_error(sim, rc);
			sim_printf(sim, "\n");
		}
	}
	/* consumed unless --keep, whatever happened */
	if (!call_opt(call, 'k'))
		ui_destroy(sim, ui);
out:
	free(namebuf);
	return rc;
}

int
cmd_present(struct sim *sim, struct call *call)
{
	const struct optval *form = call_opt(call, 'f');
	struct ui *ui;
	int rc;

	if ((rc = find_ui(sim, form ? form->str : NULL, &ui)) != 0)
		return rc;
	rc = ui_show_form(sim, ui);
	if (!sim_halted(sim) && !call_opt(call, 'k'))
		ui_destroy(sim, ui);
	return rc;
}

int
cmd_login(struct sim *sim, struct call *call)
{
	/* login_ui.c: a fixed form, in no list, without a title */
	struct ui *ui = xcalloc(1, sizeof(*ui));
	int rc;

	(void)call;
	ui->title = xstrdup("");
	ui_add_item(ui, set_table[SET_username].name, "Username", 0, 0);
	ui_add_item(ui, set_table[SET_password].name, "Password", UI_SECRET,
		    0);
	rc = ui_show_form(sim, ui);
	if (rc && !sim_halted(sim)) {
		sim_printf(sim, "Could not set credentials: ");
		sim_print_error(sim, rc);
		sim_printf(sim, "\n");
	}
	ui_free(ui);
	return rc;
}

int
sim_config_ui(struct sim *sim, struct sblock *b)
{
	/* config_exec() prints "Could not save settings" when the editor
	 * fails, which settings_ui() never does */
	return ui_show_settings(sim, b);
}

int
cmd_shell(struct sim *sim, struct call *call)
{
	static const char prompt[] = "iPXE> ";
	struct ui_history *history = ui_history_new();
	int rc = 0;

	(void)call;
	if (sim->shell) {
		/* terminal mode: the REPL's prompt (repl.c) */
		ui_history_free(history);
		return sim->shell(sim);
	}
	/* shell(): read and run lines until `exit`; the status is that of
	 * the last line run */
	do {
		char *line;

		if (!sim->term && !sim_iskey(sim)) {
			/* batch mode: nothing more to type at the prompt (in
			 * terminal mode a person is there to type) */
			sim_printf(sim, "%s", prompt);
			sim_halt(sim, OUT_SHELL, "waiting at the iPXE> prompt");
			break;
		}
		ui_readline(sim, prompt, NULL, history, 0, &line);
		if (line) {
			rc = sim_system(sim, line);
			free(line);
		}
	} while (!sim_halted(sim) && !sim_stopped(sim, STOP_COMMAND_SEQUENCE));
	ui_history_free(history);
	return rc;
}
