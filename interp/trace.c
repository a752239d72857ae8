/*
 * trace.c - --trace and --trace=json (docs/simulator.md, "Tracing").  A
 * command is reported when it returns, since its status is part of the
 * report: so the commands of a script that `chain` runs come before the
 * `chain` line itself.  Commands skipped by || and && are not reported.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/sim.h"
#include "interp/trace.h"
#include "parser/util.h"

/* An argument as sh -x shows it: quoted when it is empty or holds a
 * blank, a quote or a control byte, so that the words of the command
 * stay visible. */
static void
add_word(struct buf *b, const char *w)
{
	bool plain = *w;

	for (const char *p = w; *p && plain; p++)
		plain = (unsigned char)*p > ' ' && *p != 0x7f &&
			!strchr("'\"\\", *p);
	if (plain) {
		buf_adds(b, w);
		return;
	}
	/* control bytes in caret notation (^A), so the line stays one */
	buf_addc(b, '\'');
	for (; *w; w++) {
		if (*w == '\'')
			buf_adds(b, "'\\''");
		else if ((unsigned char)*w < ' ' || *w == 0x7f)
			buf_printf(b, "^%c", *w ^ 0x40);
		else
			buf_addc(b, *w);
	}
	buf_addc(b, '\'');
}

/* A JSON string: control bytes escaped, invalid UTF-8 as U+FFFD. */
static void
add_json(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	buf_addc(b, '"');
	for (size_t i = 0; i < len;) {
		size_t n = util_utf8_len(p + i, len - i);

		if (!n) {
			buf_adds(b, "\xef\xbf\xbd");
			i++;
		} else if (p[i] == '"' || p[i] == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)p[i++]);
		} else if (p[i] < 0x20 || p[i] == 0x7f) {
			buf_printf(b, "\\u%04x", p[i++]);
		} else {
			buf_add(b, p + i, n);
			i += n;
		}
	}
	buf_addc(b, '"');
}

/* iPXE's description of rc, without the " (https://ipxe.org/...)" tail. */
static void
add_error(struct sim *sim, struct buf *b, int rc)
{
	char *text = sim_strerror(sim, rc), *url = strstr(text, " (http");

	if (url)
		*url = '\0';
	buf_adds(b, text);
	free(text);
}

void
sim_trace(struct sim *sim, const struct script *ast, const struct cmd *c,
	  char **argv, int rc)
{
	const struct tok *first, *last;
	struct src_pos pos;
	uint32_t textlen, err = rc < 0 ? (uint32_t)-(int64_t)rc : 0;
	FILE *out = sim->trace_out ? sim->trace_out : stderr;
	struct buf b, words;

	if (!c->ntok)
		return;		/* an empty command: nothing ran */
	first = &ast->toks[c->tok];
	last = &ast->toks[c->tok + c->ntok - 1];
	pos = script_pos(ast, first->off);
	textlen = last->off + last->len - first->off;
	buf_init(&b);
	buf_init(&words);
	for (uint32_t i = 0; i < c->ntok; i++) {
		if (i)
			buf_addc(&words, ' ');
		add_word(&words, argv[i]);
	}
	if (sim->cfg.trace == TRACE_JSON) {
		buf_adds(&b, "{\"file\":");
		add_json(&b, ast->name, strlen(ast->name));
		buf_printf(&b, ",\"line\":%" PRIu32 ",\"col\":%" PRIu32
			   ",\"text\":", pos.line, pos.col);
		add_json(&b, tok_str(ast, first), textlen);
		buf_adds(&b, ",\"expanded\":");
		add_json(&b, words.data, words.len);
		buf_adds(&b, ",\"argv\":[");
		for (uint32_t i = 0; i < c->ntok; i++) {
			if (i)
				buf_addc(&b, ',');
			add_json(&b, argv[i], strlen(argv[i]));
		}
		buf_printf(&b, "],\"status\":%d,\"errno\":%" PRIu32
			   ",\"error\":", rc, err);
		if (rc < 0) {
			struct buf e;

			buf_init(&e);
			add_error(sim, &e, rc);
			add_json(&b, e.data, e.len);
			buf_fini(&e);
		} else {
			buf_adds(&b, "null");
		}
		buf_adds(&b, "}\n");
	} else {
		buf_printf(&b, "%s:%" PRIu32 ": %s -> rc ", ast->name,
			   pos.line, words.data);
		if (rc < 0) {
			struct buf e;

			buf_init(&e);
			add_error(sim, &e, rc);
			buf_printf(&b, "0x%08" PRIx32, err);
			/* iPXE's text for a number it has no text for is
			 * "Error 0x...": nothing to add then */
			if (strncmp(e.data, "Error 0x", 8) != 0)
				buf_printf(&b, " (%s)", e.data);
			buf_addc(&b, '\n');
			buf_fini(&e);
		} else {
			buf_printf(&b, "%d\n", rc);
		}
	}
	/* the console first, so that both streams interleave in order */
	fflush(sim->out);
	fwrite(b.data, 1, b.len, out);
	fflush(out);
	buf_fini(&words);
	buf_fini(&b);
}
