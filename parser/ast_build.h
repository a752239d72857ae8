/*
 * ast_build.h - the builders the grammar's actions call (private to the
 * front end: only parser.y and script.c include it).
 */
#ifndef IPXE_AST_BUILD_H
#define IPXE_AST_BUILD_H

#include "lexer/lex.h"
#include "parser/ast.h"

struct script;

struct parse_ctx {
	struct script *s;
	uint32_t line;		/* index of the line being built */
	uint32_t line_cmd;	/* its first command */
	struct tok_run cmd;	/* words of the command being built */
	size_t cmd_cap;		/* capacity of s->cmds */
};

/* The command being built has the words of run. */
void ast_cmd(struct parse_ctx *ctx, struct tok_run run);
/* Operator token tok ends the command being built. */
void ast_op(struct parse_ctx *ctx, uint32_t tok);
/* The NEWLINE ends the command being built and the line. */
void ast_line(struct parse_ctx *ctx);
void ast_syntax_error(struct parse_ctx *ctx, struct tspan at,
		      const char *msg);

#endif
