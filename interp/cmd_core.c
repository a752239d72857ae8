/*
 * cmd_core.c - the scripting commands (spec 10.1): echo, exit, isset,
 * iseq, sleep, goto, prompt, help, shell, time.  Each handler runs after
 * the generic option parser (exec.c), with call->args the positional
 * arguments, as the *_exec() functions of src/core/exec.c and
 * src/image/script.c do after parse_options().
 */
#include <stdlib.h>
#include <string.h>

#include "interp/cmds.h"
#include "interp/explore.h"
#include "interp/sim.h"
#include "parser/util.h"

int
cmd_echo(struct sim *sim, struct call *call)
{
	char *text = sim_concat(call->args, call->nargs);

	sim_printf(sim, "%s%s", text, call_opt(call, 'n') ? "" : "\n");
	free(text);
	return 0;
}

int
cmd_exit(struct sim *sim, struct call *call)
{
	uint32_t code = 0;
	int rc;

	if (call->nargs &&
	    (rc = sim_parse_integer(sim, call->args[0], &code)) != 0)
		return rc;	/* no stop request: the line just fails */
	sim_stop_sequence(sim);
	/* an unsigned status returned as int, as exit_exec() does */
	return (int)code;
}

int
cmd_isset(struct sim *sim, struct call *call)
{
	return call->args[0][0] ? 0 : sim_err(sim, ERR_ISSET_FALSE);
}

int
cmd_iseq(struct sim *sim, struct call *call)
{
	return strcmp(call->args[0], call->args[1]) == 0
		       ? 0 : sim_err(sim, ERR_ISEQ_FALSE);
}

int
cmd_sleep(struct sim *sim, struct call *call)
{
	uint32_t seconds;
	uint64_t until;
	int rc;

	if ((rc = sim_parse_integer(sim, call->args[0], &seconds)) != 0)
		return rc;
	/* sleep() on the simulated clock; Ctrl-C interrupts it, any other
	 * key is read and ignored (src/core/timer.c sleep()).  In terminal
	 * mode sim_getkey() really waits, so a person sees the time pass;
	 * iPXE's Ctrl-C is Alt-C there, a real Ctrl-C halts the run. */
	until = sim->ticks + (uint64_t)seconds * 1024;
	while (sim->ticks < until) {
		int key = sim_getkey(sim, until - sim->ticks);

		if (key == 0x03)
			return sim_err(sim, ERR_SLEEP_CANCELLED);
		if (key == KEY_NONE)
			break;
	}
	sim->ticks = until > sim->ticks ? until : sim->ticks;
	return 0;
}

int
cmd_goto(struct sim *sim, struct call *call)
{
	return sim_goto(sim, call->args[0]);
}

int
cmd_prompt(struct sim *sim, struct call *call)
{
	const struct optval *key = call_opt(call, 'k');
	const struct optval *timeout = call_opt(call, 't');
	char *text = sim_concat(call->args, call->nargs);
	size_t n = strlen(text);
	int got, rc = 0;

	/* prompt() (src/usr/prompt.c): text, one key, then the text erased
	 * with "\b \b" per byte; no newline */
	sim_printf(sim, "%s", text);
	if (sim->hooks)
		got = explore_prompt(sim, text, key != NULL,
				     key ? (int)key->num : 0,
				     timeout && timeout->num);
	else
		got = sim_getkey(sim, timeout ? timeout->num : 0);
	for (size_t i = 0; i < n; i++)
		sim_printf(sim, "\b \b");
	free(text);
	if (sim_halted(sim))
		return 0;
	if (got == KEY_NONE)
		rc = sim_err(sim, ERR_PROMPT_TIMEOUT);
	else if (key && (uint32_t)got != key->num)
		rc = sim_err(sim, ERR_PROMPT_WRONG_KEY);
	return rc;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp((*(const struct cmd_def *const *)a)->name,
		      (*(const struct cmd_def *const *)b)->name);
}

int
cmd_help(struct sim *sim, struct call *call)
{
	const struct cmd_def *list[CMD_COUNT];
	unsigned n = 0, col = 0;

	(void)call;
	for (unsigned i = 0; i < CMD_COUNT; i++)
		if (sim_cmd_present(sim, &cmd_table[i]))
			list[n++] = &cmd_table[i];
	qsort(list, n, sizeof(list[0]), by_name);
	/* help_exec() (src/hci/shell.c): names padded to 16 columns, a
	 * new line after a name that ends past column 64; upstream lists
	 * them alphabetically */
	sim_printf(sim, "\nAvailable commands:\n\n");
	for (unsigned i = 0; i < n; i++) {
		col += 2 + (unsigned)strlen(list[i]->name);
		sim_printf(sim, "  %s", list[i]->name);
		if (col > 16 * 4) {
			sim_printf(sim, "\n");
			col = 0;
		} else {
			for (; col % 16; col++)
				sim_printf(sim, " ");
		}
	}
	sim_printf(sim, "\n\nType \"<command> --help\" for further "
		   "information\n\n");
	return 0;
}

int
cmd_time(struct sim *sim, struct call *call)
{
	uint64_t start = sim->ticks, elapsed;
	int rc;

	/* time_exec(): runs argv[1..], not the first positional argument,
	 * so "time -- echo x" runs a command named "--" */
	rc = sim_execv(sim, call->argc - 1, call->argv + 1);
	elapsed = 10 * (sim->ticks - start) / 1024;	/* deciseconds */
	sim_printf(sim, "%s: %d.%ds\n", call->argv[0], (int)(elapsed / 10),
		   (int)(elapsed % 10));
	return rc;
}
