/*
 * ast.c - the AST builders called by the grammar, and ast_dump().
 */
#include "parser/ast.h"

#include <string.h>

#include "parser/ast_build.h"
#include "parser/dump.h"
#include "parser/script.h"
#include "parser/util.h"

const char *
tok_op_name(enum tok_kind k)
{
	switch (k) {
	case TOK_OR:
		return "||";
	case TOK_AND:
		return "&&";
	case TOK_SEMI:
		return ";";
	default:
		return NULL;
	}
}

void
ast_cmd(struct parse_ctx *ctx, struct tok_run run)
{
	ctx->cmd = run;
}

static void
close_cmd(struct parse_ctx *ctx, uint32_t op)
{
	struct script *s = ctx->s;
	struct cmd *c;

	s->cmds = xgrow(s->cmds, &ctx->cmd_cap, (size_t)s->ncmds + 1,
			sizeof(*s->cmds));
	c = &s->cmds[s->ncmds++];
	c->tok = ctx->cmd.first;
	c->ntok = ctx->cmd.n;
	c->op = op;
}

void
ast_op(struct parse_ctx *ctx, uint32_t tok)
{
	close_cmd(ctx, tok);
	ctx->cmd.first = tok + 1;	/* where an empty command sits */
	ctx->cmd.n = 0;
}

void
ast_line(struct parse_ctx *ctx)
{
	struct script *s = ctx->s;

	/* A line without words or operators keeps no command record: most
	 * lines of real scripts are blank, comments or bare labels. */
	if (s->ncmds > ctx->line_cmd || ctx->cmd.n)
		close_cmd(ctx, AST_NONE);
	ctx->line++;
	if (ctx->line < s->nlines) {
		s->lines[ctx->line].cmd = s->ncmds;
		ctx->cmd.first = s->lines[ctx->line].tok;
	}
	ctx->cmd.n = 0;
	ctx->line_cmd = s->ncmds;
}

void
ast_syntax_error(struct parse_ctx *ctx, struct tspan at, const char *msg)
{
	/* Unreachable by construction (see parser.y); kept so that a broken
	 * lexer change shows up as a diagnostic, not a silent misparse. */
	diag_add(ctx->s, SEV_ERROR, DIAG_INTERNAL, at.off, at.end,
		 "internal parser error: %s", msg);
}
