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

/* Whether p starts with a URI scheme ("http:", "tftp:", "data:"). */
static bool
has_scheme(const char *p, size_t n)
{
	size_t i = 0;

	if (!n || !((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' &&
						     p[0] <= 'Z')))
		return false;
	while (i < n && (strchr("+-.", p[i]) || (p[i] >= '0' && p[i] <= '9') ||
			 (p[i] >= 'a' && p[i] <= 'z') ||
			 (p[i] >= 'A' && p[i] <= 'Z')))
		i++;
	return i < n && p[i] == ':';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends the path part of p (up to '?' or '#'), percent-decoded. */
static void
add_path(struct buf *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n && p[i] != '?' && p[i] != '#'; i++) {
		int hi, lo;

		if (p[i] == '%' && i + 2 < n &&
		    (hi = hexval(p[i + 1])) >= 0 &&
		    (lo = hexval(p[i + 2])) >= 0) {
			buf_addc(b, (char)(hi << 4 | lo));
			i += 2;
		} else {
			buf_addc(b, p[i]);
		}
	}
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
			add_path(b, p + pl, n - pl);
			buf_addc(b, '\0');
			return true;
		}
	}
	if (has_scheme(p, n))
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
	add_path(b, p, n);
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
	if (!has_scheme(p, t->len) && !memchr(p, '/', t->len) &&
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
