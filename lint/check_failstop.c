/*
 * check_failstop.c - fail-stop traps (spec 1.5, 3.3, 14.3): any line that
 * ends in failure ends the script, so a test or a network command alone
 * on a line, `cmd && goto x` without `||`, and operators hidden by a
 * comment stop boots that the author meant to continue.
 */
#include <string.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "parser/util.h"

/* How a command fails in normal use (spec 14.3 O02, 14.9 D01/D03):
 * tests are false, users press Esc or nothing, networks do not answer. */
enum failure { FAIL_RARELY, FAIL_TEST, FAIL_NETWORK };

static enum failure
failure_kind(enum cmd_id impl)
{
	switch (impl) {
	case CMD_isset:
	case CMD_iseq:
	case CMD_choose:
	case CMD_prompt:
	case CMD_present:
	case CMD_login:
	case CMD_cpuid:
	case CMD_pciscan:
	case CMD_usbscan:
		return FAIL_TEST;
	case CMD_ifconf:
	case CMD_iflinkwait:
	case CMD_imgexec:
	case CMD_imgselect:
	case CMD_imgfetch:
	case CMD_ping:
	case CMD_nslookup:
	case CMD_ntp:
	case CMD_sanboot:
	case CMD_sanhook:
		return FAIL_NETWORK;
	default:
		return FAIL_RARELY;
	}
}

/* prompt fails only with a timeout (nobody pressed a key) or a --key
 * (another key was pressed): a plain prompt returns 0 even on Esc. */
static bool
prompt_can_fail(const struct cfg *g, const struct cmd *c)
{
	const struct tok *v;
	const char *iv;
	uint32_t ilen;

	if (cfg_opt(g, c, 'k', NULL, NULL, NULL))
		return true;
	if (!cfg_opt(g, c, 't', &v, &iv, &ilen))
		return false;
	if (v)
		return !(v->len == 1 && tok_str(g->s, v)[0] == '0');
	return !(ilen == 1 && iv && iv[0] == '0');
}

static const char *
why(enum cmd_id impl)
{
	switch (impl) {
	case CMD_isset:
		return "the value is empty";
	case CMD_iseq:
		return "the values differ";
	case CMD_choose:
		return "Esc is pressed";
	case CMD_prompt:
		return "no key is pressed in time";
	case CMD_read:
		return "Ctrl-C is pressed";
	case CMD_ifconf:
		return "no DHCP server answers";
	case CMD_imgfetch:
	case CMD_imgselect:
		return "the download fails";
	case CMD_imgexec:
		return "the image cannot be fetched or fails";
	case CMD_present:
	case CMD_login:
		return "the form is cancelled";
	case CMD_cpuid:
		return "the CPU lacks the feature";
	case CMD_pciscan:
	case CMD_usbscan:
		return "there are no more devices";
	case CMD_iflinkwait:
		return "the link stays down";
	case CMD_ping:
	case CMD_nslookup:
	case CMD_ntp:
		return "the network does not answer";
	case CMD_sanboot:
	case CMD_sanhook:
		return "the SAN target is unreachable";
	default:
		return "it fails";
	}
}

/* Whether any line after li runs anything: failing on the last line with
 * commands ends the script where it would end anyway. */
static bool
code_follows(const struct script *s, uint32_t li)
{
	for (uint32_t k = li + 1; k < s->nlines; k++)
		if (line_ncmd(s, &s->lines[k]))
			return true;
	return false;
}

/* The last line before li that has a command, or AST_NONE. */
static uint32_t
prev_code_line(const struct script *s, uint32_t li)
{
	while (li-- > 0)
		if (line_ncmd(s, &s->lines[li]))
			return li;
	return AST_NONE;
}

/*
 * A line that can end in failure, and so end the script, because of a
 * command that fails in normal use: `cmd && more` without `||` (2003),
 * a test or prompt (2001) or a network command (2007) with nothing to
 * absorb its failure.  One finding per line, at the command to blame.
 */
void
check_failstop(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	uint32_t last_network = AST_NONE;	/* line of the last IPX2007 */

	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];
		uint32_t n = line_ncmd(s, l);

		if (!g->lines[li].reachable || !g->lines[li].ends_fail ||
		    !code_follows(s, li))
			continue;
		for (uint32_t k = 0; k < n && k < 64; k++) {
			const struct cmd *c = line_cmd(s, l, k);
			const struct cmd_def *def = g->cmds[l->cmd + k].def;
			const struct tok *name, *last;
			enum failure kind;
			struct diag *d;

			if (!(g->lines[li].fail_blame & ((uint64_t)1 << k)) ||
			    !def || !c->ntok ||
			    g->cmds[l->cmd + k].effect != EFF_NORMAL)
				continue;
			kind = failure_kind(def->impl);
			if (def->impl == CMD_prompt && !prompt_can_fail(g, c))
				kind = FAIL_RARELY;
			if (kind == FAIL_RARELY)
				continue;
			name = &s->toks[c->tok];
			last = &s->toks[c->tok + c->ntok - 1];
			/* `test && ...`: an error (spec O01); an interactive
			 * command there is a warning, as alone (spec M06) */
			if (kind == FAIL_TEST && c->op != AST_NONE &&
			    tok_kind(&s->toks[c->op]) == TOK_AND &&
			    (def->impl == CMD_isset || def->impl == CMD_iseq ||
			     def->impl == CMD_cpuid ||
			     def->impl == CMD_pciscan ||
			     def->impl == CMD_usbscan)) {
				lint_report(ctx, CHECK_AND_WITHOUT_OR,
					    name->off, s->toks[c->op].off + 2,
					    "when '%s' fails (%s) the whole "
					    "line fails and the script ends; "
					    "add a trailing '||' (or '|| goto "
					    "...')", def->name, why(def->impl));
				break;
			}
			/* network: one finding per run of lines (kernel,
			 * initrd, boot) rather than one per line */
			if (kind == FAIL_NETWORK) {
				uint32_t prev = last_network;

				last_network = li;
				if (prev != AST_NONE && prev_code_line(s, li)
				    == prev)
					break;
			}
			d = lint_report(ctx, kind == FAIL_TEST
					? CHECK_UNHANDLED_FAILURE
					: CHECK_NETWORK_FAILURE_ENDS,
					name->off, name->off + name->len,
					"when '%s' fails (%s), the script ends "
					"here; handle it with '|| goto LABEL', "
					"or add a trailing '||' to go on",
					def->name, why(def->impl));
			if (k == n - 1) {
				struct fix *fx = arena_alloc(&ctx->s->arena,
							     sizeof(*fx));

				fx->off = script_pos(s, last->off + last->len).off;
				fx->end = fx->off;
				fx->text = " ||";
				d->fix = fx;
			}
			break;
		}
	}
}

static bool
comment_has_operator(const struct script *s, const struct tok *t)
{
	const char *p = tok_str(s, t), *e = p + t->len;

	while (p < e) {
		const char *q;

		while (p < e && is_ipxe_space((unsigned char)*p))
			p++;
		for (q = p; q < e && !is_ipxe_space((unsigned char)*q); q++)
			;
		if (q - p == 2 && (!memcmp(p, "||", 2) || !memcmp(p, "&&", 2)))
			return true;
		p = q;
	}
	return false;
}

void
check_operators(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct line *l = &s->lines[li];
		uint32_t n = line_ncmd(s, l);
		const struct tok *com = line_comment(s, l);
		const struct tok *last_and = NULL, *first_or = NULL;
		const struct tok *trap = NULL;
		bool or_after_jump = false;

		for (uint32_t k = 0; k < n; k++) {
			const struct cmd *c = line_cmd(s, l, k);
			const struct tok *op = c->op == AST_NONE ? NULL
							    : &s->toks[c->op];

			/* --help / -h among the options (which end at the
			 * first word not starting with '-', or at "--") */
			for (uint32_t w = 1; g->cmds[l->cmd + k].def &&
			     w < c->ntok; w++) {
				const struct tok *t = &s->toks[c->tok + w];
				const char *p = tok_str(s, t);

				if (!t->len || p[0] != '-' ||
				    (t->len == 2 && p[1] == '-'))
					break;
				if ((t->len == 6 && !memcmp(p, "--help", 6)) ||
				    (t->len == 2 && p[1] == 'h')) {
					lint_report(ctx, CHECK_HELP_IN_SCRIPT,
						    t->off, t->off + t->len,
						    "'%.*s' prints the usage and "
						    "fails: the script ends here",
						    (int)t->len, p);
					break;
				}
			}
			if (!op)
				continue;
			if (tok_kind(op) == TOK_AND) {
				if (first_or && !trap && !or_after_jump)
					trap = op;
				last_and = op;
			}
			if (tok_kind(op) == TOK_OR && !first_or) {
				const struct cfg_cmd *gc = &g->cmds[l->cmd + k];

				first_or = op;
				/* `test && goto a || other && goto b`: the
				 * if/else idiom; the jump leaves the line, so
				 * what follows '||' runs only on failure */
				or_after_jump = gc->effect == EFF_GOTO ||
						gc->effect == EFF_EXIT;
			}
		}
		if (!n)
			goto comment;
		/* A || B && C: C runs when A succeeds */
		if (trap)
			lint_report(ctx, CHECK_OR_AND_TRAP, trap->off,
				    trap->off + 2,
				    "'||' and '&&' have equal precedence, left "
				    "to right: what follows '&&' also runs "
				    "when the command before '||' succeeds");
		/* trailing && */
		if (last_and && n >= 2 && line_cmd(s, l, n - 1)->ntok == 0 &&
		    line_cmd(s, l, n - 2)->op != AST_NONE &&
		    &s->toks[line_cmd(s, l, n - 2)->op] == last_and)
			lint_report(ctx, CHECK_TRAILING_AND, last_and->off,
				    last_and->off + 2,
				    "a trailing '&&' changes nothing: the line "
				    "still fails when its command fails; use "
				    "'||' to go on");
comment:
		if (com && n && comment_has_operator(s, com))
			lint_report(ctx, CHECK_COMMENT_HIDES_OPERATOR, com->off,
				    com->off + 1,
				    "everything after '#' is a comment, "
				    "including the '||' or '&&' in it; move "
				    "the comment to its own line");
	}
}
