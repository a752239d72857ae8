/*
 * run.c - one lint run over a parsed script as the command line does it:
 * the engine (lint_script) plus what only the command line applies (a
 * build given as a file of command names, exclusions of the front end's
 * own codes).  ipxelint's file mode and its language server (--lsp)
 * both lint through lint_run_script(), so they report the same findings.
 */
#include "lint/cli.h"

#include "lint/lint.h"

/* --build FILE: the engine knows builds only as masks, so the commands a
 * listed build lacks are reported here, as the check would (before
 * lint_script(), which then applies directives and filters to them). */
static void
check_build_list(struct script *s, const struct lint_run *run)
{
	const struct check_def *c = &check_table[CHECK_NOT_IN_BUILD];

	if (s->sig == SIG_NONE)
		return;
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *cmd = &s->cmds[ci];
		const struct tok *name;
		const struct cmd_def *def;

		if (!cmd->ntok)
			continue;
		name = &s->toks[cmd->tok];
		if (tok_nrefs(s, name))
			continue;	/* a name from ${...}: unknown */
		def = cmd_lookup(tok_str(s, name), name->len);
		if (!def || run->build_cmds[def->id])
			continue;
		diag_add(s, SEV_ERROR, c->code, name->off,
			 name->off + name->len,
			 "'%s' is not in the build listed in %s%s%s%s",
			 def->name, run->build_file,
			 def->build_option ? " (it needs " : "",
			 def->build_option ? def->build_option : "",
			 def->build_option ? ")" : "");
	}
}

void
lint_run_script(struct script *s, const struct lint_run *run)
{
	size_t kept = 0;

	if (run->build_cmds)
		check_build_list(s, run);
	lint_script(s, &run->opts);
	/* the engine's exclusions cover check_table; the front end's own
	 * codes are excluded here */
	for (size_t i = 0; i < s->ndiags; i++)
		if (s->diags[i].code >= FRONT_CODES ||
		    !run->exclude_front[s->diags[i].code])
			s->diags[kept++] = s->diags[i];
	s->ndiags = kept;
}
