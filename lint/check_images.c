/*
 * check_images.c - the images a script downloads (spec 8.4, 10.3): a
 * local file it names that is not there, and a kernel loaded that
 * nothing boots before the script ends.
 *
 * Which URIs are local files, once the user says where the served files
 * are: with --root DIR, a relative URI (`vmlinuz`, `../x.ipxe`) is
 * resolved as iPXE resolves it against the script's own URI, in the
 * script's directory when the script is under DIR (else in DIR), and
 * one starting with '/' under DIR; any URI starting with a --map PREFIX
 * is that file under its DIR.  Other absolute URIs are someone else's
 * server; without --root or --map nothing is checked (a repository
 * rarely holds the kernels its scripts boot).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint/cfg.h"
#include "lint/lint.h"
#include "parser/util.h"

static uint32_t
tok_end(const struct tok *t)
{
	return t->off + t->len;
}

/* The local file that URI text p names, in b (NUL-terminated); false
 * when it names no local file. */
static bool
local_path(struct lint_ctx *ctx, const char *p, size_t n, struct buf *b)
{
	const struct lint_opts *o = ctx->opts;

	buf_reset(b);
	for (size_t i = 0; i < o->nmaps; i++) {
		size_t pl = strlen(o->map_prefixes[i]);

		if (pl <= n && !memcmp(p, o->map_prefixes[i], pl)) {
			buf_adds(b, o->map_dirs[i]);
			if (b->len && b->data[b->len - 1] != '/' &&
			    p[pl] != '/')
				buf_addc(b, '/');
			util_add_uri_path(b, p + pl, n - pl);
			buf_addc(b, '\0');
			return true;
		}
	}
	if (util_scheme_len(p, n))
		return false;
	if (!o->root)
		return false;	/* nobody said where the files are */
	if (p[0] == '/') {
		buf_adds(b, o->root);
	} else {
		/* iPXE resolves it against the script's URI: the script's
		 * own directory when the script is under DIR, else DIR */
		char real_root[PATH_MAX], real_s[PATH_MAX];
		size_t rl;

		if (realpath(o->root, real_root) &&
		    realpath(ctx->s->name, real_s) &&
		    (rl = strlen(real_root)) < strlen(real_s) &&
		    !strncmp(real_s, real_root, rl) && real_s[rl] == '/') {
			const char *slash = strrchr(ctx->s->name, '/');

			if (slash)
				buf_add(b, ctx->s->name,
					(size_t)(slash - ctx->s->name));
			else
				buf_addc(b, '.');
		} else {
			buf_adds(b, o->root);
		}
		buf_addc(b, '/');
	}
	util_add_uri_path(b, p, n);
	buf_addc(b, '\0');
	return true;
}

/* Whether name is an image the script names with --name, or the last
 * path part of a URI it downloads (iPXE's default image name). */
static bool
known_image(const struct script *s, const struct cfg *g, const char *name,
	    size_t len)
{
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd_def *def = g->cmds[ci].def;
		const struct cmd *c = &s->cmds[ci];
		const struct tok *v, *u;
		const char *iv, *p, *e, *base;
		uint32_t ilen;

		if (!def)
			continue;
		if (cfg_opt(g, c, 'n', &v, &iv, &ilen) &&
		    (def->impl == CMD_imgfetch || def->impl == CMD_imgselect ||
		     def->impl == CMD_imgexec)) {
			p = v ? tok_str(s, v) : iv;
			if (p && (v ? v->len : ilen) == len &&
			    !memcmp(p, name, len))
				return true;
		}
		if (def->impl != CMD_imgfetch && def->impl != CMD_imgselect &&
		    def->impl != CMD_imgexec)
			continue;
		u = cfg_arg(g, c, 0, NULL);
		if (!u)
			continue;
		p = tok_str(s, u);
		e = p + u->len;
		for (const char *q = p; q < e; q++)
			if (*q == '?' || *q == '#') {
				e = q;
				break;
			}
		base = e;
		while (base > p && base[-1] != '/' && base[-1] != '}')
			base--;
		if ((size_t)(e - base) == len && !memcmp(base, name, len))
			return true;
		/* `kernel ${url}`: its name is known at run time only */
		for (const char *q = p; q < e; q++)
			if (*q == '$' && !memchr(q, '/', (size_t)(e - q)))
				return true;
	}
	return false;
}

static void
check_local(struct lint_ctx *ctx, const struct cmd *c, const struct tok *t,
	   struct buf *b)
{
	const struct script *s = ctx->s;
	const char *p = tok_str(s, t);
	struct stat st;

	if (!t->len || tok_nrefs(s, t) || (t->len && p[0] == '-'))
		return;
	if (!util_scheme_len(p, t->len) && !memchr(p, '/', t->len) &&
	    known_image(s, ctx->cfg, p, t->len))
		return;	/* an image already downloaded, by name */
	if (!local_path(ctx, p, t->len, b))
		return;
	if (stat(b->data, &st) == 0 && S_ISREG(st.st_mode))
		return;
	lint_report(ctx, CHECK_LOCAL_FILE_MISSING, t->off, tok_end(t),
		    "'%s' does not exist, so '%.*s' fails with 'Not found'; "
		    "fix the path or add the file", b->data,
		    (int)s->toks[c->tok].len, tok_str(s, &s->toks[c->tok]));
}

void
check_image_files(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	struct buf b;

	buf_init(&b);
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cmd_def *def = g->cmds[ci].def;
		unsigned n;

		if (!def || !g->cmds[ci].reachable)
			continue;
		switch (def->impl) {
		case CMD_imgexec:
		case CMD_imgfetch:
		case CMD_imgselect:
			if (cfg_arg(g, c, 0, &n))
				check_local(ctx, c, cfg_arg(g, c, 0, NULL), &b);
			break;
		case CMD_imgverify:
			for (unsigned i = 0; i < 2; i++)
				if (cfg_arg(g, c, i, NULL))
					check_local(ctx, c,
						   cfg_arg(g, c, i, NULL), &b);
			break;
		case CMD_sanboot:
		case CMD_sanhook:
			cfg_arg(g, c, 0, &n);
			for (unsigned i = 0; i < n; i++)
				check_local(ctx, c, cfg_arg(g, c, i, NULL), &b);
			break;
		default:
			break;
		}
	}
	buf_fini(&b);
}

/* ---------------------------------------------------------------- unused */

/* Commands that use the images downloaded before them: booting one
 * (with or without a name), or handing control to something that can
 * (the shell, another script). */
static bool
uses_images(const struct cfg_cmd *gc)
{
	if (gc->dynamic)
		return true;
	if (!gc->def)
		return false;
	switch (gc->def->impl) {
	case CMD_imgexec:
	case CMD_sanboot:
	case CMD_autoboot:
	case CMD_shell:
	case CMD_imgverify:
	case CMD_imgstat:
	case CMD_imgargs:
	case CMD_imgextract:
	case CMD_imgdecrypt:
	case CMD_imgset:
	case CMD_imgmem:
	case CMD_certstore:
	case CMD_md5sum:
	case CMD_sha1sum:
	case CMD_sha224sum:
	case CMD_sha256sum:
	case CMD_sha384sum:
	case CMD_sha512sum:
	case CMD_shim:
	case CMD_console:
	case CMD_fdt:
		return true;
	default:
		return false;
	}
}

/* Whether line li can end in success (then the script runs off its
 * end when li is the last line). */
static bool
may_succeed(const struct script *s, const struct cfg *g, uint32_t li)
{
	const struct line *l = &s->lines[li];
	bool ok = true, fail = false;

	for (uint32_t k = 0; k < line_ncmd(s, l); k++) {
		const struct cmd *c = line_cmd(s, l, k);
		const struct cfg_cmd *gc = &g->cmds[l->cmd + k];
		bool rok = ok, rfail = fail, ook = false, ofail = false;
		enum tok_kind op = cfg_op_before(s, l, k);

		if (op == TOK_OR)
			rok = false;
		else if (op == TOK_AND)
			rfail = false;
		if (rok || rfail) {
			if (!c->ntok || gc->effect == EFF_NORMAL ||
			    gc->effect == EFF_REBOOT)
				ook = true;
			ofail = c->ntok && gc->effect != EFF_EXIT &&
				gc->effect != EFF_REBOOT;
		}
		ok = ook || (ok && !rok);
		fail = ofail || (fail && !rfail);
	}
	return ok;
}

/* Where the path from line li (its commands from k on, when the
 * downloading command before them succeeded) leads: true when it can
 * run off the end of the script before anything uses the images.
 * *end_line: where.  An `exit` on the way ends the search: it is often
 * a retry limit giving up (boot.rackspace.com utils.ipxe), and so is an
 * `imgfree` (retry loops free and download again). */
static bool
unused_path(const struct script *s, const struct cfg *g, uint32_t li,
	    uint32_t k, bool *seen, uint32_t *work, uint32_t *end_line)
{
	uint32_t nwork = 0;
	bool any = false;	/* the labels of to_any pushed */

	memset(seen, 0, s->nlines * sizeof(*seen));
	/* the rest of the downloading line, on its success path: after
	 * '||' nothing runs, after '&&' or ';' the next command */
	{
		const struct line *l = &s->lines[li];

		for (uint32_t j = k; j < line_ncmd(s, l); j++) {
			const struct cmd *prev = line_cmd(s, l, j - 1);
			const struct cfg_cmd *gc = &g->cmds[l->cmd + j];

			if (tok_kind(&s->toks[prev->op]) == TOK_OR)
				break;
			if (uses_images(gc))
				return false;
			if (gc->effect != EFF_NORMAL)
				return false;	/* goto etc.: not followed */
		}
	}
	if (li + 1 >= s->nlines) {
		*end_line = li;
		return true;
	}
	work[nwork++] = li + 1;
	seen[li + 1] = true;
	while (nwork) {
		uint32_t cur = work[--nwork];
		const struct line *l = &s->lines[cur];
		const struct cfg_line *gl = &g->lines[cur];
		bool stop = false;

		for (uint32_t j = 0; j < line_ncmd(s, l) && !stop; j++) {
			const struct cfg_cmd *gc = &g->cmds[l->cmd + j];

			if (!gc->reachable)
				continue;
			if (uses_images(gc))
				stop = true;
			else if ((gc->effect == EFF_EXIT && (j == 0 ||
				  tok_kind(&s->toks[line_cmd(s, l, j - 1)->op])
				  != TOK_OR)) ||
				 (gc->def && gc->def->impl == CMD_imgfree))
				stop = true;	/* a retry limit, a retry; an
						 * exit after '||' only handles
						 * a failure */
		}
		if (stop)
			continue;
		if (cur + 1 == s->nlines && gl->reachable &&
		    may_succeed(s, g, cur)) {
			*end_line = cur;
			return true;
		}
		for (uint32_t i = 0; i < gl->nsucc; i++)
			if (!seen[gl->succ[i]]) {
				seen[gl->succ[i]] = true;
				work[nwork++] = gl->succ[i];
			}
		if (!gl->to_any || any)
			continue;
		any = true;
		for (uint32_t i = 0; i < g->nlabelled; i++)
			if (!seen[g->labelled[i]]) {
				seen[g->labelled[i]] = true;
				work[nwork++] = g->labelled[i];
			}
	}
	return false;
}

void
check_unused_images(struct lint_ctx *ctx)
{
	const struct script *s = ctx->s;
	struct cfg *g = ctx->cfg;
	bool *seen;
	uint32_t *work;

	if (!s->nlines)
		return;
	seen = xcalloc(s->nlines, sizeof(*seen));
	work = xcalloc(s->nlines, sizeof(*work));
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd *c = &s->cmds[ci];
		const struct cfg_cmd *gc = &g->cmds[ci];
		uint32_t li = gc->line, end_line;

		/* kernel, imgselect, imgload: a selected image is for
		 * booting; what imgfetch, initrd and module download is used
		 * in ways a script does not show (wimboot reads every image,
		 * a kernel its initrd=NAME) */
		if (!gc->def || !gc->reachable ||
		    gc->def->impl != CMD_imgselect)
			continue;
		if (!unused_path(s, g, li, ci - s->lines[li].cmd + 1, seen,
				 work, &end_line))
			continue;
		lint_report(ctx, CHECK_IMAGE_UNUSED, s->toks[c->tok].off,
			    tok_end(&s->toks[c->tok]),
			    "nothing boots or uses this image before the "
			    "script ends (line %u), and iPXE does not boot a "
			    "selected image by itself; add 'boot'",
			    s->lines[end_line].lineno);
	}
	free(seen);
	free(work);
}
