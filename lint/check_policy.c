/*
 * check_policy.c - optional checks for scripts that boot production
 * machines (off unless enabled with -o or `enable =` in .ipxelintrc):
 * downloads over plain http/tftp/ftp, hosts outside an allowed list,
 * images booted that nothing verified, and an interactive shell.
 *
 * URIs are read where they are written: a download command's argument
 * that starts with a scheme, or one that starts with ${NAME} where the
 * script sets NAME to a literal URI (the base-url idiom: then the `set`
 * is reported, once).
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "parser/util.h"

static uint32_t
tok_end(const struct tok *t)
{
	return t->off + t->len;
}

/* Whether command def downloads its first argument(s) as URIs. */
static bool
downloads(const struct cmd_def *def)
{
	if (!def)
		return false;
	switch (def->impl) {
	case CMD_imgexec:
	case CMD_imgfetch:
	case CMD_imgselect:
	case CMD_imgverify:
	case CMD_sanboot:
	case CMD_sanhook:
	case CMD_certstore:
	case CMD_imgdecrypt:
		return true;
	default:
		return false;
	}
}

/* The URI a token starts with: either its own text, or the literal
 * value of `set NAME URI` when it starts with ${NAME}.  *set_tok gets
 * the set's value token in that case.  NULL when neither. */
static const char *
uri_of(const struct script *s, const struct cfg *g, const struct tok *t,
       uint32_t *len, const struct tok **set_tok)
{
	const char *p = tok_str(s, t);

	*set_tok = NULL;
	if (t->len > 3 && p[0] == '$' && p[1] == '{' && tok_nrefs(s, t) &&
	    tok_ref(s, t, 0)->open == 0) {
		const struct ref *r = tok_ref(s, t, 0);
		const char *name = p + 2;
		uint32_t nlen = r->close - 2;
		const struct tok *found = NULL;

		if (memchr(name, '$', nlen) || memchr(name, ':', nlen))
			return NULL;
		for (uint32_t ci = 0; ci < s->ncmds; ci++) {
			const struct cmd_def *def = g->cmds[ci].def;
			const struct tok *n, *v;
			unsigned cnt;

			if (!def || def->impl != CMD_set)
				continue;
			n = cfg_arg(g, &s->cmds[ci], 0, &cnt);
			v = cfg_arg(g, &s->cmds[ci], 1, NULL);
			if (cnt != 2 || n->len != nlen ||
			    memcmp(tok_str(s, n), name, nlen))
				continue;
			if (found)
				return NULL;	/* set twice: which one? */
			found = v;
		}
		if (!found || tok_nrefs(s, found) ||
		    !memchr(tok_str(s, found), ':', found->len))
			return NULL;
		*set_tok = found;
		*len = found->len;
		return tok_str(s, found);
	}
	if (!memchr(p, ':', t->len))
		return NULL;
	*len = t->len;
	return p;
}

/* Calls visit for each download URI of the script, once per token (a
 * `set` value used by several commands counts once). */
typedef void uri_visit(struct lint_ctx *ctx, const struct tok *at,
		       const char *uri, uint32_t len);

static void
each_uri(struct lint_ctx *ctx, uri_visit *visit)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	const struct tok **done = NULL;
	size_t ndone = 0, cap = 0;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		unsigned n, last;

		if (!g->cmds[ci].reachable || !downloads(g->cmds[ci].def))
			continue;
		cfg_arg(g, c, 0, &n);
		last = g->cmds[ci].def->impl == CMD_sanboot ||
		       g->cmds[ci].def->impl == CMD_sanhook ? n
		       : g->cmds[ci].def->impl == CMD_imgverify ||
			 g->cmds[ci].def->impl == CMD_imgdecrypt ? 2 : 1;
		for (unsigned i = 0; i < n && i < last; i++) {
			const struct tok *t = cfg_arg(g, c, i, NULL), *st;
			uint32_t len;
			const char *u = uri_of(s, g, t, &len, &st);
			bool seen = false;

			if (!u || !util_scheme_len(u, len))
				continue;
			for (size_t k = 0; k < ndone; k++)
				seen |= done[k] == (st ? st : t);
			if (seen)
				continue;
			done = xgrow(done, &cap, ndone + 1, sizeof(*done));
			done[ndone++] = st ? st : t;
			visit(ctx, st ? st : t, u, len);
		}
	}
	free(done);
}

static void
visit_plain(struct lint_ctx *ctx, const struct tok *at, const char *u,
	    uint32_t len)
{
	size_t sl = util_scheme_len(u, len);

	if ((sl == 4 && !strncasecmp(u, "http", 4)) ||
	    (sl == 4 && !strncasecmp(u, "tftp", 4)) ||
	    (sl == 3 && !strncasecmp(u, "ftp", 3)))
		lint_report(ctx, CHECK_PLAIN_DOWNLOAD, at->off, tok_end(at),
			    "'%.*s://' can be read and changed by anyone on "
			    "the network; serve it over https:// (and "
			    "verify it: imgverify)", (int)sl, u);
}

void
check_plain_download(struct lint_ctx *ctx)
{
	each_uri(ctx, visit_plain);
}

/* The host of URI u ("scheme://[user@]host[:port]/..."), or NULL. */
static const char *
uri_host(const char *u, uint32_t len, uint32_t *hlen)
{
	size_t sl = util_scheme_len(u, len);
	const char *h, *e, *at;

	if (!sl || len < sl + 3 || u[sl + 1] != '/' || u[sl + 2] != '/')
		return NULL;
	h = u + sl + 3;
	e = h;
	while (e < u + len && *e != '/' && *e != '?' && *e != '#')
		e++;
	at = memchr(h, '@', (size_t)(e - h));
	if (at)
		h = at + 1;
	if (h < e && *h == '[') {
		const char *rb = memchr(h, ']', (size_t)(e - h));

		if (rb)
			e = rb + 1;
	} else {
		const char *colon = memchr(h, ':', (size_t)(e - h));

		if (colon)
			e = colon;
	}
	*hlen = (uint32_t)(e - h);
	return h;
}

static void
visit_host(struct lint_ctx *ctx, const struct tok *at, const char *u,
	   uint32_t len)
{
	const char *const *allowed = ctx->opts->allowed_hosts;
	uint32_t hlen;
	const char *h = uri_host(u, len, &hlen);
	char host[256];

	if (!h || !hlen || hlen >= sizeof(host) || memchr(h, '$', hlen))
		return;
	/* host names are case-insensitive: compare in lower case */
	for (uint32_t i = 0; i < hlen; i++)
		host[i] = (char)tolower((unsigned char)h[i]);
	host[hlen] = '\0';
	/* "*.example.org" is a pattern; anything else (an IPv6 literal
	 * "[2001:db8::1]" too) is compared as it is */
	for (size_t i = 0; allowed[i]; i++)
		if (strchr(allowed[i], '*') ? !fnmatch(allowed[i], host, 0)
		    : !strcasecmp(allowed[i], host))
			return;
	lint_report(ctx, CHECK_HOST_NOT_ALLOWED, at->off, tok_end(at),
		    "'%s' is not an allowed host (--allow-host, allow-host "
		    "in .ipxelintrc); fetch from an allowed server", host);
}

void
check_allowed_hosts(struct lint_ctx *ctx)
{
	if (ctx->opts->allowed_hosts)
		each_uri(ctx, visit_host);
}

/* ---------------------------------------------------------------- trust */

/* Whether some reachable `imgtrust` (without --allow) makes iPXE
 * refuse unverified images. */
static bool
trust_required(const struct script *s, const struct cfg *g)
{
	for (uint32_t ci = 0; ci < s->ncmds; ci++)
		if (g->cmds[ci].def && g->cmds[ci].reachable &&
		    g->cmds[ci].def->impl == CMD_imgtrust &&
		    !cfg_opt(g, &s->cmds[ci], 'a', NULL, NULL, NULL))
			return true;
	return false;
}

/* Whether an imgverify before command ci (in source order) checks the
 * image named by t, or any image when t is NULL. */
static bool
verified_before(const struct script *s, const struct cfg *g, uint32_t ci,
		const struct tok *t)
{
	for (uint32_t k = 0; k < ci; k++) {
		const struct tok *a;

		if (!g->cmds[k].def || g->cmds[k].def->impl != CMD_imgverify)
			continue;
		a = cfg_arg(g, &s->cmds[k], 0, NULL);
		if (!t || (a && a->len == t->len &&
			   !memcmp(tok_str(s, a), tok_str(s, t), t->len)))
			return true;
	}
	return false;
}

void
check_unverified_boot(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	if (trust_required(s, g))
		return;
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *img, *w = &s->toks[c->tok];

		if (!def || !g->cmds[ci].reachable ||
		    def->impl != CMD_imgexec)
			continue;
		img = cfg_arg(g, c, 0, NULL);
		if (verified_before(s, g, ci, img))
			continue;
		if (img && memchr(tok_str(s, img), ':', img->len))
			lint_report(ctx, CHECK_UNVERIFIED_BOOT, w->off,
				    tok_end(img),
				    "'%.*s URI' runs what it downloads without "
				    "a signature check; imgfetch it, imgverify "
				    "it, then boot it (or require trust with "
				    "imgtrust)", (int)w->len, tok_str(s, w));
		else
			lint_report(ctx, CHECK_UNVERIFIED_BOOT, w->off,
				    tok_end(img ? img : w),
				    "no imgverify checks the image this boots; "
				    "verify it first (or require trust with "
				    "imgtrust)");
	}
}

void
check_shell(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;

	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct tok *w = &s->toks[s->cmds[ci].tok];

		if (g->cmds[ci].def && g->cmds[ci].reachable &&
		    g->cmds[ci].def->impl == CMD_shell)
			lint_report(ctx, CHECK_INTERACTIVE_SHELL, w->off,
				    tok_end(w),
				    "an iPXE shell lets whoever is at the "
				    "console boot anything and read every "
				    "setting; remove it from production "
				    "scripts");
	}
}
