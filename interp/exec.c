/*
 * exec.c - running scripts and command lines as iPXE does: the script loop
 * with fail-stop, goto and exit (spec 2.4, src/image/script.c), the
 * operators of a command line (spec 3.3, system() in src/core/exec.c),
 * command lookup (spec 3.4, execv()) and the option parser with its
 * messages and usage text (spec 5, src/core/getopt.c and parseopt.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/cmds.h"
#include "interp/expand.h"
#include "interp/explore.h"
#include "interp/image.h"
#include "interp/memo.h"
#include "interp/netdev.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "interp/trace.h"
#include "interp/uri.h"
#include "parser/util.h"
#include "stdlib/types.h"

bool
sim_stopped(struct sim *sim, int stop)
{
	bool ret = sim->stop >= stop;

	if (sim->stop <= stop)
		sim->stop = STOP_NONE;
	return ret;
}

/* ---------------------------------------------------------------- options */

const struct optval *
call_opt(const struct call *call, char c)
{
	for (unsigned i = 0; i < call->def->nopts; i++)
		if (call->def->opts[i].shortname == c)
			return call->opt[i].set ? &call->opt[i] : NULL;
	return NULL;
}

/* Prints the command's usage line, as every parse failure does, and
 * fails with err. */
static int
usage_fail(struct sim *sim, const struct call *call, enum err_id err)
{
	struct buf b;

	buf_init(&b);
	cmd_usage(&b, call->def, call->argv[0], sim->cfg.url_base);
	sim_write(sim, b.data, b.len);
	buf_fini(&b);
	return sim_err(sim, err);
}

int
sim_parse_integer(struct sim *sim, const char *text, uint32_t *out)
{
	if (!parse_integer(text, strlen(text), out)) {
		sim_printf(sim, "\"%s\": invalid integer value\n", text);
		return sim_err(sim, ERR_PARSE_BAD_INTEGER);
	}
	return 0;
}

int
sim_parse_key(struct sim *sim, const char *text, uint32_t *out)
{
	int rc;

	/* a single character is that key (spec 5.4) */
	if (text[0] && !text[1]) {
		*out = (unsigned char)text[0];
		return 0;
	}
	if ((rc = sim_parse_integer(sim, text, out)) != 0)
		return rc;
	/* integers between ASCII and the special keys are relative special
	 * key values, for old scripts */
	if (*out >= 0x80 && *out < 0x110000)
		*out += 0x110000;
	return 0;
}

/* Parses the value of option i with its parser (reparse_options()). */
static int
parse_value(struct sim *sim, struct call *call, unsigned i, const char *text)
{
	struct optval *v = &call->opt[i];
	int rc = 0;

	v->set = true;
	v->str = text;
	switch (call->def->opts[i].parser) {
	case VAL_FLAG:
	case VAL_STR:
		break;
	case VAL_INT:
	case VAL_MS:
		rc = sim_parse_integer(sim, text, &v->num);
		break;
	case VAL_KEY:
		rc = sim_parse_key(sim, text, &v->num);
		break;
	case VAL_NETDEV:
		v->netdev = netdev_find(sim, text);
		if (!v->netdev) {
			sim_printf(sim, "\"%s\": no such network device\n",
				   text);
			rc = sim_err(sim, ERR_PARSE_NO_NETDEV);
		}
		break;
	case VAL_CFGTOR:
		/* "dhcp", and "ipv6" where IPv6 is built in */
		if (strcmp(text, "dhcp") != 0 &&
		    !(sim->cfg.plat == PLAT_EFI && strcmp(text, "ipv6") == 0)) {
			sim_printf(sim, "\"%s\": no such configurator\n", text);
			rc = sim_err(sim, ERR_PARSE_NO_CONFIGURATOR);
		}
		break;
	case VAL_SETTING: {
		struct setting s;
		struct sblock *b;
		char *nb;

		rc = settings_parse_name(sim, text, true, &b, &s, &nb);
		free(nb);
		if (rc)
			sim_printf(sim, "\"%s\": invalid setting\n", text);
		break;
	}
	case VAL_UUID: {
		struct buf raw;
		uint32_t err;

		buf_init(&raw);
		err = type_parse(TYPE_uuid, text, strlen(text), &raw,
				 sim->cfg.plat);
		buf_fini(&raw);
		if (err) {
			sim_printf(sim, "\"%s\": invalid UUID\n", text);
			rc = -(int)err;
		}
		break;
	}
	case VAL_FCPORT:
		/* no Fibre Channel ports on the simulated machine */
		sim_printf(sim, "\"%s\": no such port\n", text);
		rc = sim_err(sim, ERR_PARSE_NO_NETDEV);
		break;
	case VAL_FCID:
		break;
	}
	return rc;
}

/* get_argv_argument(): the next element, unless it looks like an option. */
static const char *
next_argument(struct call *call, int *optind)
{
	const char *arg;

	if (*optind >= call->argc)
		return NULL;
	arg = call->argv[*optind];
	if (*arg == '-')
		return NULL;
	(*optind)++;
	return arg;
}

/*
 * The index of the option a getopt_long() name or letter selects: the
 * command's own options from the stdlib table, then the "help"/'h' that
 * parse_options() appends (index nopts); -1 for none.
 */
static int
long_index(const struct cmd_def *def, const char *name, size_t len)
{
	const struct opt_def *o = cmd_opt_long(def, name, len);

	if (o)
		return (int)(o - def->opts);
	return len == 4 && memcmp(name, "help", 4) == 0 ? (int)def->nopts : -1;
}

/* Does option i (nopts for help) take a value? */
static bool
takes_value(const struct cmd_def *def, int i)
{
	return (unsigned)i < def->nopts && def->opts[i].parser != VAL_FLAG;
}

static int
short_index(const struct cmd_def *def, char c)
{
	const struct opt_def *o = c ? cmd_opt_short(def, c) : NULL;

	if (o)
		return (int)(o - def->opts);
	return c == 'h' ? (int)def->nopts : -1;
}

int
sim_parse_options(struct sim *sim, struct call *call)
{
	const struct cmd_def *def = call->def;
	int optind = 1, nextchar = 0;

	memset(call->opt, 0, sizeof(call->opt));
	while (optind < call->argc) {
		const char *arg = call->argv[optind], *value = NULL;
		char letter[2] = "";
		const char *name;	/* as the error messages show it */
		bool takes;
		int found;		/* option index; nopts is --help */
		int rc;

		if (arg[0] != '-')
			break;
		if (arg[1] == '-') {
			/* long option: exact name, optional "=value" */
			const char *text = arg + 2;
			size_t len = strcspn(text, "=");

			if (!*text) {
				optind++;	/* "--" ends the options */
				break;
			}
			found = long_index(def, text, len);
			if (found < 0) {
				sim_printf(sim,
					   "Unrecognised option \"--%s\"\n",
					   text);
				return usage_fail(sim, call,
						  ERR_PARSE_UNKNOWN_OPTION);
			}
			takes = takes_value(def, found);
			if (text[len] == '=')
				value = text + len + 1;
			optind++;
			name = (unsigned)found < def->nopts
				? def->opts[found].longname : "help";
		} else {
			/* short option, possibly one of a group "-nq" */
			const char *text;

			if (nextchar < 1)
				nextchar = 1;
			text = arg + nextchar;
			found = short_index(def, *text);
			if (found < 0) {
				/* a lone "-" prints a NUL byte here, as the
				 * real printf("%c") does */
				sim_printf(sim, "Unrecognised option \"-");
				sim_write(sim, text, 1);
				sim_printf(sim, "\"\n");
				return usage_fail(sim, call,
						  ERR_PARSE_UNKNOWN_OPTION);
			}
			takes = takes_value(def, found);
			letter[0] = *text++;
			name = letter;
			nextchar++;
			if (!*text || takes) {
				/* the rest of the group is the value */
				value = *text ? text : NULL;
				optind++;
				nextchar = 0;
			}
		}
		if (takes && !value)
			value = next_argument(call, &optind);
		if (takes && !value) {
			sim_printf(sim, "Option \"%s\" requires an argument\n",
				   name);
			return usage_fail(sim, call,
					  ERR_PARSE_MISSING_ARGUMENT);
		}
		if (!takes && value) {
			/* only "--flag=value" gets here */
			sim_printf(sim, "Option \"%s\" takes no argument\n",
				   name);
			return usage_fail(sim, call,
					  ERR_PARSE_MISSING_ARGUMENT);
		}
		if ((unsigned)found == def->nopts)
			return usage_fail(sim, call, ERR_PARSE_HELP);
		rc = parse_value(sim, call, (unsigned)found,
				 value ? value : "");
		if (rc)
			return rc;
	}
	call->optind = optind;
	call->nargs = call->argc - optind;
	call->args = call->argv + optind;
	if ((unsigned)call->nargs < def->min ||
	    (unsigned)call->nargs > def->max)
		return usage_fail(sim, call, ERR_PARSE_ARG_COUNT);
	return 0;
}

char *
sim_concat(char **args, int n)
{
	struct buf b;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, args[i]);
	}
	return buf_steal(&b);
}

/* ---------------------------------------------------------------- execv */

/* The end of every command: the explorer's hook, ${errno}. */
static void
execv_done(struct sim *sim, int argc, char **argv, int rc)
{
	if (sim->hooks && sim->hooks->cmd)
		sim->hooks->cmd(sim->hooks_ctx, sim, argc, argv, rc);
	if (rc)
		sim->last_errno = rc < 0 ? (uint32_t)-(int64_t)rc
					 : (uint32_t)rc;
}

int
sim_execv(struct sim *sim, int argc, char **argv)
{
	const struct cmd_def *def;
	struct call call;
	cmd_fn *fn;
	int rc;

	/* an empty command does nothing, successfully */
	if (argc == 0)
		return 0;
	if (sim_check_interrupt(sim))
		return 0;
	if (sim->cfg.max_steps && ++sim->steps > sim->cfg.max_steps) {
		sim_halt(sim, OUT_STEP_LIMIT, "step limit of %llu commands "
			 "reached", (unsigned long long)sim->cfg.max_steps);
		return 0;
	}
	def = cmd_lookup(argv[0], strlen(argv[0]));
	if (!def || !sim_cmd_present(sim, def) ||
	    !(fn = sim_handler(def->impl))) {
		sim_printf(sim, "%s: command not found\n", argv[0]);
		rc = sim_err(sim, ERR_EXEC_NOT_FOUND);
		goto done;
	}
	memset(&call, 0, sizeof(call));
	call.def = def;
	call.argc = argc;
	call.argv = argv;
	if (def->parse == PARSE_GENERIC ||
	    (def->parse == PARSE_SHIM && sim->cfg.plat == PLAT_EFI) ||
	    def->parse == PARSE_TIME) {
		rc = sim_parse_options(sim, &call);
		if (rc)
			goto done;
	}
	rc = fn(sim, &call);
done:
	execv_done(sim, argc, argv, rc);
	return rc;
}

/* ---------------------------------------------------------------- lines */

static int resume_exec(struct sim *sim, const struct sim_resume *res,
		       unsigned level);

/* Whether '||' follows command c (sim->or_follows while it runs). */
static bool
or_follows(const struct script *ast, const struct cmd *c)
{
	return c->op != AST_NONE && tok_kind(&ast->toks[c->op]) == TOK_OR;
}

/* Where a halt happened: the command (or the word being expanded) at
 * offset off of ast, named by the path the user gave for the top-level
 * script, by its URI for a fetched one. */
static void
note_site(struct sim *sim, const struct frame *f, const struct script *ast,
	  uint32_t off)
{
	struct src_pos pos;
	const char *file = ast->name;

	if (!sim_halted(sim) || sim->outcome_site[0])
		return;		/* running, or an inner script said where */
	if (f && f->image->uri)
		file = f->image->uri;	/* fetched (or a --replace of it) */
	else if (f && !f->caller && sim->cfg.script_path)
		file = sim->cfg.script_path;
	pos = script_pos(ast, off);
	snprintf(sim->outcome_site, sizeof(sim->outcome_site),
		 "%s:%" PRIu32 ":%" PRIu32, file, pos.line, pos.col);
}

/*
 * The commands of line li from index ci0 on, in frame f (NULL outside a
 * script).  With res, command ci0 is the one of resume level `level`
 * that is running: an outer level's command goes on where its image
 * returns, the last level's runs again.
 */
static int
run_line(struct sim *sim, struct frame *f, const struct script *ast,
	 uint32_t li, uint32_t ci0, const struct sim_resume *res,
	 unsigned level)
{
	const struct line *l = &ast->lines[li];
	uint32_t ncmd = line_ncmd(ast, l);
	bool process = true;
	int rc = 0;

	for (uint32_t ci = ci0; ci < ncmd; ci++) {
		const struct cmd *c = line_cmd(ast, l, ci);
		enum tok_kind op;

		if (process) {
			char **argv = xcalloc(c->ntok + 1, sizeof(*argv));
			bool outer = sim->or_follows;
			uint32_t k;

			if (res && ci == ci0 && level + 1 < res->n) {
				const struct resume_level *rl =
					&res->levels[level];

				for (k = 0; k < (uint32_t)rl->argc; k++)
					argv[k] = xstrdup(rl->argv[k]);
				if (f) {
					f->ci = ci;
					f->argc = rl->argc;
					f->argv = argv;
				}
				sim->or_follows = or_follows(ast, c);
				rc = resume_exec(sim, res, level + 1);
				rc = image_exec_finish(sim, rc);
				execv_done(sim, rl->argc, argv, rc);
				sim->or_follows = outer;
				if (sim->cfg.trace)
					sim_trace(sim, ast, c, argv, rc);
				goto ran;
			}
			/* spec 4.1: each token expanded just before its
			 * command runs, after the previous one has run */
			for (k = 0; k < c->ntok; k++) {
				const struct tok *t = &ast->toks[c->tok + k];

				argv[k] = sim_expand(sim, tok_str(ast, t),
						     t->len);
				if (!argv[k]) {
					note_site(sim, f, ast, t->off);
					break;
				}
			}
			if (k == c->ntok) {
				if (f) {
					f->ci = ci;
					f->argc = (int)c->ntok;
					f->argv = argv;
				}
				sim->or_follows = or_follows(ast, c);
				rc = sim_execv(sim, (int)c->ntok, argv);
				if (c->ntok)	/* an empty one has no place */
					note_site(sim, f, ast,
						  ast->toks[c->tok].off);
				sim->or_follows = outer;
				if (sim->cfg.trace)
					sim_trace(sim, ast, c, argv, rc);
			}
ran:
			if (f)
				f->argv = NULL;
			for (k = 0; k < c->ntok && argv[k]; k++)
				free(argv[k]);
			free(argv);
			if (sim_halted(sim))
				return rc;
		}
		if (sim_stopped(sim, STOP_COMMAND))
			break;
		if (c->op == AST_NONE)
			break;
		op = tok_kind(&ast->toks[c->op]);
		process = op == TOK_SEMI || (op == TOK_OR) == (rc != 0);
	}
	return rc;
}

int
sim_run_line(struct sim *sim, const struct script *ast, uint32_t li)
{
	return run_line(sim, NULL, ast, li, 0, NULL, 0);
}

int
sim_system(struct sim *sim, const char *line)
{
	struct script *ast = script_parse_line("shell", line, strlen(line));
	int rc = 0;

	for (uint32_t li = 0; li < ast->nlines && !sim_halted(sim); li++)
		rc = sim_run_line(sim, ast, li);
	script_free(ast);
	return rc;
}

/* ---------------------------------------------------------------- scripts */

int
sim_run_script(struct sim *sim, struct image *image)
{
	return sim_run_script_from(sim, image, 0);
}

/* process_script(): line by line until a line fails or exits; with
 * res, the frame is at its line f->line, command ci, of resume level
 * `level` first. */
static int
script_loop(struct sim *sim, struct frame *f, const struct sim_resume *res,
	    unsigned level)
{
	int rc = 0;

	if (res) {
		rc = run_line(sim, f, f->ast, f->line, res->levels[level].ci,
			      res, level);
		if (sim_halted(sim) ||
		    sim_stopped(sim, STOP_COMMAND_SEQUENCE) || rc != 0)
			return rc;
	}
	while (f->next < f->ast->nlines) {
		const struct line *l = &f->ast->lines[f->next];

		f->line = f->next++;
		if (sim->hooks && sim->hooks->line)
			sim->hooks->line(sim->hooks_ctx, sim, f);
		if (l->flags & LINE_UNFINISHED) {
			/* continuation pending at the end (spec 2.2.4) */
			rc = sim_err(sim, ERR_SCRIPT_CONTINUATION);
			break;
		}
		rc = run_line(sim, f, f->ast, f->line, 0, NULL, 0);
		if (sim_halted(sim))
			break;
		if (sim_stopped(sim, STOP_COMMAND_SEQUENCE) || rc != 0)
			break;
	}
	return rc;
}

int
sim_run_script_from(struct sim *sim, struct image *image, uint32_t first)
{
	struct frame f = { .next = first };
	int rc;

	if (sim->depth >= sim->cfg.max_depth) {
		sim_halt(sim, OUT_DEPTH_LIMIT, "scripts nested %u deep "
			 "(chain loop?)", sim->depth);
		return 0;
	}
	if (!image->ast && sim->memo) {
		/* the explorer's runs share their parses (memo.h) */
		image->ast = sim_memo_parse(sim->memo, image);
		image->ast_shared = true;
	}
	if (!image->ast)
		image->ast = script_parse(image->name ? image->name : "",
					  (const char *)image->data,
					  image->len);
	f.caller = sim->frame;
	f.image = image;
	f.ast = image->ast;
	sim->frame = &f;
	sim->depth++;
	rc = script_loop(sim, &f, NULL, 0);
	sim->depth--;
	sim->frame = f.caller;
	return rc;
}

/* Resume level `level`: its image_exec() (set up as exec_one() had),
 * its script's frame, then the rest of that image_exec(). */
static int
resume_exec(struct sim *sim, const struct sim_resume *res, unsigned level)
{
	const struct resume_level *rl = &res->levels[level];
	struct exec_level lvl = { .up = sim->execs, .image = rl->image,
				  .old_tftp = rl->old_tftp };
	struct frame f = { .caller = sim->frame, .image = rl->image,
			   .ast = rl->ast, .next = rl->next,
			   .line = rl->line };
	int rc;

	lvl.old_cwuri = rl->old_cwuri ? uri_dup(rl->old_cwuri) : NULL;
	sim->execs = &lvl;
	sim->frame = &f;
	sim->depth++;
	rc = script_loop(sim, &f, res, level);
	sim->depth--;
	sim->frame = f.caller;
	return image_exec_resumed(sim, &lvl, rc);
}

int
sim_resume(struct sim *sim, const struct sim_resume *res)
{
	return resume_exec(sim, res, 0);
}

/* goto's label search (goto_find_label() over process_script()). */
int
sim_goto(struct sim *sim, const char *label)
{
	struct frame *f = sim->frame;
	const struct script *ast;

	if (!f) {
		int rc = sim_err(sim, ERR_GOTO_NOT_IN_SCRIPT);

		sim_printf(sim, "Not in a script: ");
		sim_print_error(sim, rc);
		sim_printf(sim, "\n");
		return rc;
	}
	ast = f->ast;
	for (uint32_t li = 0; li < ast->nlines; li++) {
		const struct line *l = &ast->lines[li];
		const struct tok *t;

		if (l->flags & LINE_UNFINISHED)
			/* the search reads the dangling line too: it ends
			 * with EINVAL rather than "not found" */
			return sim_err(sim, ERR_SCRIPT_CONTINUATION);
		t = line_label(ast, l);
		if (t && t->len == strlen(label) &&
		    memcmp(tok_str(ast, t), label, t->len) == 0) {
			f->next = li;
			sim->stop = STOP_COMMAND;
			return 0;
		}
	}
	return sim_err(sim, ERR_GOTO_NO_LABEL);
}

/* exit: ends the innermost script or shell after this command. */
void
sim_stop_sequence(struct sim *sim)
{
	sim->stop = STOP_COMMAND_SEQUENCE;
}
