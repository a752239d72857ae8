/*
 * check_commands.c - commands, options and arguments against the stdlib
 * table (spec 5, 10.0, 14.6, 14.8): unknown commands with a suggestion,
 * options iPXE's getopt would reject, argument counts, integers its
 * parser rejects, timeouts in the wrong unit, and commands the target
 * build lacks.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "parser/util.h"
#include "stdlib/types.h"

static uint32_t
tok_end(const struct tok *t)
{
	return t->off + t->len;
}

/* Whether a literal value would pass iPXE's parse_integer(). */
static bool
is_integer(const char *p, uint32_t len)
{
	uint32_t v;

	return parse_integer(p, len, &v);
}

/* The value of an option as text: its token, or the inline "=value" /
 * "-tVALUE" part; false when there is none or it holds "${...}". */
struct optarg {
	const char *text;
	uint32_t len;
	uint32_t off, end;	/* text space */
};

/* The code of a key written by name (^B, Ctrl-B, Esc, Enter, Up, F8:
 * spec 5.4 "Key"), or 0 when the name is not one of those. */
static unsigned
key_code(const char *p, uint32_t n)
{
	static const struct {
		const char *name;
		unsigned code;
	} keys[] = {
		{ "esc", 0x1b }, { "escape", 0x1b }, { "enter", 0x0d },
		{ "return", 0x0d }, { "tab", 0x09 }, { "space", 0x20 },
		{ "backspace", 0x08 }, { "up", 0x141 }, { "down", 0x142 },
		{ "right", 0x143 }, { "left", 0x144 }, { "end", 0x146 },
		{ "home", 0x148 }, { "insert", 0x27e }, { "delete", 0x37e },
		{ "pgup", 0x57e }, { "pageup", 0x57e }, { "pgdn", 0x67e },
		{ "pagedown", 0x67e }, { "f5", 0x107e }, { "f6", 0x127e },
		{ "f7", 0x137e }, { "f8", 0x147e }, { "f9", 0x157e },
		{ "f10", 0x167e }, { "f11", 0x187e }, { "f12", 0x197e },
	};
	char c;

	/* ^B, Ctrl-B, Ctrl+B, C-b: a control character */
	if (n == 2 && p[0] == '^')
		c = p[1];
	else if (n == 6 && !strncasecmp(p, "ctrl", 4) &&
		 (p[4] == '-' || p[4] == '+'))
		c = p[5];
	else if (n == 3 && (p[0] == 'C' || p[0] == 'c') && p[1] == '-')
		c = p[2];
	else
		c = 0;
	if (c && isalpha((unsigned char)c))
		return (unsigned)(toupper((unsigned char)c) & 0x1f);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].name) == n &&
		    !strncasecmp(keys[i].name, p, n))
			return keys[i].code;
	return 0;
}

/* IPX4010's fix: the key code for a key name, when the name is known
 * and the value is written as one plain stretch of the file. */
static void
key_fix(struct lint_ctx *ctx, struct diag *d, const struct optarg *a)
{
	const struct script *s = ctx->s;
	unsigned code = key_code(a->text, a->len);
	struct fix *fx;

	if (!code)
		return;
	fx = arena_alloc(&ctx->s->arena, sizeof(*fx));
	fx->off = script_pos(s, a->off).off;
	fx->end = script_pos(s, a->end).off;
	fx->text = arena_printf(&ctx->s->arena, code > 0xff ? "0x%x"
				: "0x%02x", code);
	if (fx->end - fx->off == a->len)
		d->fix = fx;
}

struct opt_walk {
	struct lint_ctx *ctx;
	const struct cmd *c;
	const struct cmd_def *def;
	bool failed;	/* an option error: iPXE stops at the first */
};

/* Checks the literal value of an option with its parser. */
static void
check_value(struct lint_ctx *ctx, const struct cmd_def *def,
	    const struct opt_def *o, const struct optarg *a)
{
	uint32_t v;

	switch (o->parser) {
	case VAL_INT:
	case VAL_MS:
		if (!is_integer(a->text, a->len)) {
			lint_report(ctx, CHECK_BAD_INTEGER, a->off, a->end,
				    "'%.*s' is not an integer: iPXE prints "
				    "'\"%.*s\": invalid integer value' and "
				    "fails%s", (int)a->len, a->text,
				    (int)a->len, a->text,
				    o->parser == VAL_MS
				    ? "; timeouts are whole milliseconds"
				    : "");
			return;
		}
		parse_integer(a->text, a->len, &v);
		if (o->parser == VAL_MS && v > 0 && v < 1000)
			lint_report(ctx, CHECK_TIMEOUT_UNIT, a->off, a->end,
				    "--%s %.*s is %.*s ms, not seconds: "
				    "timeouts are in milliseconds (write "
				    "%u000 for %u s)", o->longname,
				    (int)a->len, a->text, (int)a->len, a->text,
				    v, v);
		break;
	case VAL_KEY:
		if (a->len > 1 && !is_integer(a->text, a->len)) {
			struct diag *d = lint_report(ctx, CHECK_KEY_NAME,
				a->off, a->end, "--key takes one character or "
				"a key code: '%.*s' fails as an invalid "
				"integer (Ctrl-B is 0x02, Esc 0x1b, F8 0x147e)",
				(int)a->len, a->text);

			key_fix(ctx, d, a);
		}
		break;
	default:
		break;
	}
	(void)def;
}

static void
visit(void *arg, const struct opt_def *o, const struct tok *opt_tok,
      const struct tok *value, const char *iv, uint32_t ilen)
{
	struct opt_walk *w = arg;
	struct lint_ctx *ctx = w->ctx;
	const struct script *s = ctx->s;
	const char *p = tok_str(s, opt_tok);
	struct optarg a;

	if (w->failed)
		return;
	if (!o) {
		/* unknown: which one, exactly as getopt would name it */
		bool is_long = opt_tok->len > 1 && p[1] == '-';
		bool help = is_long ? (opt_tok->len >= 6 &&
				       !memcmp(p, "--help", 6))
				    : memchr(p + 1, 'h', opt_tok->len - 1) != NULL;

		w->failed = true;
		if (help)
			return;	/* reported as HELP_IN_SCRIPT */
		if (!is_long && opt_tok->len > 1 &&
		    isdigit((unsigned char)p[1])) {
			lint_report(ctx, CHECK_NEGATIVE_OPTION, opt_tok->off,
				    tok_end(opt_tok),
				    "'%.*s' before the first argument is read "
				    "as an option and fails ('Unrecognised "
				    "option'); negative numbers work only "
				    "after an argument", (int)opt_tok->len, p);
			return;
		}
		lint_report(ctx, CHECK_UNKNOWN_OPTION, opt_tok->off,
			    tok_end(opt_tok),
			    "'%.*s' is not an option of '%s' (iPXE prints "
			    "'Unrecognised option' and the usage, and "
			    "fails); options must be written in full",
			    (int)opt_tok->len, p, w->def->name);
		return;
	}
	if (o->parser == VAL_FLAG)
		return;
	if (!value && !iv) {
		bool is_long = opt_tok->len > 1 && p[1] == '-';

		w->failed = true;
		if (is_long)
			lint_report(ctx, CHECK_OPTION_VALUE_MISSING,
				    opt_tok->off, tok_end(opt_tok),
				    "'%.*s' needs a value, and the next word is "
				    "missing or starts with '-': iPXE prints "
				    "'Option \"%s\" requires an argument' and "
				    "fails", (int)opt_tok->len, p, o->longname);
		else
			lint_report(ctx, CHECK_OPTION_VALUE_MISSING,
				    opt_tok->off, tok_end(opt_tok),
				    "'-%c' needs a value, and the next word is "
				    "missing or starts with '-': iPXE prints "
				    "'Option \"%c\" requires an argument' and "
				    "fails", o->shortname, o->shortname);
		return;
	}
	if (value) {
		if (tok_nrefs(s, value))
			return;
		a.text = tok_str(s, value);
		a.len = value->len;
		a.off = value->off;
		a.end = tok_end(value);
	} else {
		if (memchr(iv, '$', ilen))
			return;
		a.text = iv;
		a.len = ilen;
		a.off = opt_tok->off + (uint32_t)(iv - p);
		a.end = tok_end(opt_tok);
	}
	check_value(ctx, w->def, o, &a);
}

/* Positional arguments that iPXE parses as integers (spec 10.0). */
static void
check_positional(struct lint_ctx *ctx, const struct cmd *c,
		 const struct cmd_def *def)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	unsigned n, first = 0, count = 0;
	const struct tok *t;

	switch (def->impl) {
	case CMD_exit:
	case CMD_sleep:
	case CMD_cpuid:
	case CMD_colour:
	case CMD_cpair:
		count = 1;
		break;
	case CMD_inc:
	case CMD_pxebs:
		first = 1;
		count = 1;
		break;
	case CMD_imgmem:
		count = 2;
		break;
	default:
		return;
	}
	for (unsigned i = first; i < first + count; i++) {
		t = cfg_arg(g, c, i, &n);
		if (!t || tok_nrefs(s, t))
			continue;
		if (!is_integer(tok_str(s, t), t->len)) {
			lint_report(ctx, CHECK_BAD_INTEGER, t->off, tok_end(t),
				    "'%.*s' is not an integer: iPXE prints "
				    "'\"%.*s\": invalid integer value' and "
				    "fails%s", (int)t->len, tok_str(s, t),
				    (int)t->len, tok_str(s, t),
				    def->impl == CMD_sleep
				    ? " (sleep takes whole seconds)" : "");
		} else if (def->impl == CMD_sleep) {
			uint32_t v;

			parse_integer(tok_str(s, t), t->len, &v);
			if (v >= 1000)
				lint_report(ctx, CHECK_SLEEP_UNIT, t->off,
					    tok_end(t),
					    "sleep %u waits %u minutes: sleep "
					    "takes seconds, not milliseconds",
					    v, (v + 59) / 60);
		}
	}
}

/* After the first positional argument, a word that is one of the
 * command's own options is taken as an argument. */
static void
check_late_options(struct lint_ctx *ctx, const struct cmd *c,
		   const struct cmd_def *def)
{
	const struct script *s = ctx->s;
	unsigned n;
	const struct tok *first = cfg_arg(ctx->cfg, c, 0, &n);

	if (!first)
		return;
	/* for image commands what follows the image is its command line,
	 * where "-n" may well be the kernel's own option: only a long
	 * option of the command right after the image is suspicious */
	if (def->impl == CMD_imgfetch || def->impl == CMD_imgselect ||
	    def->impl == CMD_imgexec || def->impl == CMD_imgargs)
		n = n > 2 ? 2 : n;
	for (unsigned i = 1; i < n; i++) {
		const struct tok *t = cfg_arg(ctx->cfg, c, i, NULL);
		const char *p = tok_str(s, t);
		const struct opt_def *o = NULL;

		if (t->len >= 3 && p[0] == '-' && p[1] == '-') {
			const char *eq = memchr(p, '=', t->len);

			o = cmd_opt_long(def, p + 2, eq ? (size_t)(eq - p - 2)
							: t->len - 2);
		} else if (t->len == 2 && p[0] == '-' &&
			   def->impl != CMD_imgfetch &&
			   def->impl != CMD_imgselect &&
			   def->impl != CMD_imgexec &&
			   def->impl != CMD_imgargs) {
			o = cmd_opt_short(def, p[1]);
		}
		if (!o)
			continue;
		lint_report(ctx, CHECK_OPTION_AFTER_ARG, t->off, tok_end(t),
			    "'%.*s' comes after an argument, so it is taken "
			    "as an argument, not as the option; iPXE stops "
			    "reading options at the first argument: move it "
			    "before '%.*s'", (int)t->len, p, (int)first->len,
			    tok_str(s, first));
		return;
	}
}

void
check_commands(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *name;
		struct opt_walk w = { ctx, c, def, false };
		unsigned n;

		if (!c->ntok || g->cmds[ci].dynamic)
			continue;
		name = &s->toks[c->tok];
		if (!def) {
			/* in dead code (a pasted listing after `exit`),
			 * UNREACHABLE_CODE says enough */
			if (!g->lines[g->cmds[ci].line].reachable)
				continue;
			const struct cmd_def *near[1];

			/* "name:" alone is LABEL_COLON_AFTER's */
			if (c->ntok == 1 && name->len > 1 &&
			    tok_str(s, name)[name->len - 1] == ':')
				continue;
			if (cfg_find_label(g, tok_str(s, name), name->len) !=
			    AST_NONE)
				lint_report(ctx, CHECK_UNKNOWN_COMMAND,
					    name->off, tok_end(name),
					    "'%.*s' is not an iPXE command but "
					    "a label of this script: did you "
					    "mean 'goto %.*s'?", (int)name->len,
					    tok_str(s, name), (int)name->len,
					    tok_str(s, name));
			else if (cmd_suggest(tok_str(s, name), name->len, near,
					     1))
				lint_report(ctx, CHECK_UNKNOWN_COMMAND,
					    name->off, tok_end(name),
					    "'%.*s' is not an iPXE command: "
					    "did you mean '%s'?",
					    (int)name->len, tok_str(s, name),
					    near[0]->name);
			else
				lint_report(ctx, CHECK_UNKNOWN_COMMAND,
					    name->off, tok_end(name),
					    "'%.*s' is not an iPXE command "
					    "(iPXE prints '%.*s: command not "
					    "found' and the script ends)",
					    (int)name->len, tok_str(s, name),
					    (int)name->len, tok_str(s, name));
			continue;
		}
		if (!cmd_in_build(def, ctx->opts->build)) {
			struct diag *d = lint_report(ctx, CHECK_NOT_IN_BUILD,
				name->off, tok_end(name),
				"'%s' is not in %s builds%s%s%s",
				def->name,
				ctx->opts->build == BUILDS_EFI ? "default EFI"
				: ctx->opts->build == BUILDS_BIOS
				? "default BIOS" : "the selected",
				def->build_option ? " (it needs " : "",
				def->build_option ? def->build_option : "",
				def->build_option ? ")" : "");

			if (ctx->opts->build_explicit)
				d->sev = SEV_ERROR;
		}
		if (def->parse == PARSE_NONE ||
		    (def->parse == PARSE_SHIM && ctx->opts->build != BUILDS_EFI))
			continue;
		cfg_walk_options(s, c, def, visit, &w);
		if (w.failed)
			continue;	/* iPXE stops at the first */
		cfg_arg(g, c, 0, &n);
		if (n < def->min || n > def->max)
			lint_report(ctx, CHECK_ARG_COUNT, name->off,
				    tok_end(&s->toks[c->tok + c->ntok - 1]),
				    "'%s' takes %s%u argument%s, here %u: iPXE "
				    "prints its usage and fails (usage: %s)",
				    def->name,
				    def->min == def->max ? "" :
				    n < def->min ? "at least " : "at most ",
				    n < def->min ? def->min : def->max,
				    (n < def->min ? def->min : def->max) == 1
				    ? "" : "s", n,
				    lint_usage_line(ctx, def));
		check_positional(ctx, c, def);
		check_late_options(ctx, c, def);
	}
}
