/*
 * parser.y - the grammar of a script: lines of an optional label, commands
 * joined by operators, and an optional comment (spec 2.3, 3.3).  The
 * lexer has already stored every token; the parser builds the commands
 * and lines over them, each action one call to a builder in ast.c.
 * Because the lexer only emits LABEL at the start of a line and COMMENT
 * at its end, every token stream it can produce is a sentence of this
 * grammar: a script never has a syntax error (iPXE itself has none); its
 * problems are lint findings.
 */
%define api.pure full
%define api.prefix {ipxe_yy}
%define api.location.type {struct tspan}
%define parse.error detailed
%locations
%param {yyscan_t scanner}
%parse-param {struct parse_ctx *ctx}
%expect 0

%code requires {
#include "lexer/lex.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
struct parse_ctx;
/* Spans cover their first to last token; an empty rule sits at the end
 * of what precedes it. */
#define YYLLOC_DEFAULT(Cur, Rhs, N) \
	do { \
		if (N) { \
			(Cur).off = YYRHSLOC(Rhs, 1).off; \
			(Cur).end = YYRHSLOC(Rhs, N).end; \
		} else { \
			(Cur).off = (Cur).end = YYRHSLOC(Rhs, 0).end; \
		} \
	} while (0)
}

%code provides {
/* flex's header names the types without the prefix */
#define YYSTYPE IPXE_YYSTYPE
#define YYLTYPE IPXE_YYLTYPE
}

%code {
#include "lexer.h"
#include "parser/ast_build.h"

static void
ipxe_yyerror(IPXE_YYLTYPE *loc, yyscan_t scanner, struct parse_ctx *ctx,
	     const char *msg)
{
	(void)scanner;
	ast_syntax_error(ctx, *loc, msg);
}
}

%union {
	struct tok_run words;	/* WORDS: toks[first], n of them */
	uint32_t tok;		/* any other token: its index in toks */
}

%token <words> WORDS
%token <tok> LABEL OR AND SEMI COMMENT NEWLINE

%%

script
	: %empty
	| script line
	;

line
	: label_opt cmds comment_opt NEWLINE	{ ast_line(ctx); }
	;

label_opt
	: %empty
	| LABEL
	;

cmds
	: cmd
	| cmds op cmd
	;

op
	: OR					{ ast_op(ctx, $1); }
	| AND					{ ast_op(ctx, $1); }
	| SEMI					{ ast_op(ctx, $1); }
	;

cmd
	: %empty
	| WORDS					{ ast_cmd(ctx, $1); }
	;

comment_opt
	: %empty
	| COMMENT
	;
