/*
 * follow.c - ipxelint -x: the family of scripts that chain one another
 * (see follow.h).  Files are known by their real path; a family is a
 * connected set of the "chains" relation, found with union-find.
 */
#include "lint/follow.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint/cfg.h"
#include "parser/util.h"

struct fw_file {
	char *path;		/* as named (input) or resolved (followed) */
	char *real;
	bool input;
	uint32_t parent;	/* union-find */
	char **labels;
	size_t nlabels;
	char **sets;		/* settings it stores */
	size_t nsets;
};

struct follow {
	struct fw_file *v;
	size_t n, cap;
	struct lint_label *out;	/* follow_labels()'s answer */
	size_t nout, outcap;
	struct lint_label *sout;	/* follow_settings()'s */
	size_t nsout, soutcap;
};

struct follow *
follow_new(void)
{
	return xcalloc(1, sizeof(struct follow));
}

void
follow_free(struct follow *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].real);
		for (size_t k = 0; k < f->v[i].nlabels; k++)
			free(f->v[i].labels[k]);
		free(f->v[i].labels);
		for (size_t k = 0; k < f->v[i].nsets; k++)
			free(f->v[i].sets[k]);
		free(f->v[i].sets);
	}
	free(f->v);
	free(f->out);
	free(f->sout);
	free(f);
}

static size_t
find_real(const struct follow *f, const char *real)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].real, real))
			return i;
	return SIZE_MAX;
}

/* Adds path (if it is a readable regular file not known yet); returns
 * its index either way, SIZE_MAX if it cannot be used. */
static size_t
add(struct follow *f, const char *path, bool input)
{
	char real[PATH_MAX];
	struct stat st;
	size_t i;

	if (!realpath(path, real) || stat(real, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return SIZE_MAX;
	i = find_real(f, real);
	if (i != SIZE_MAX) {
		f->v[i].input |= input;
		return i;
	}
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	memset(&f->v[f->n], 0, sizeof(f->v[f->n]));
	f->v[f->n].path = xstrdup(path);
	f->v[f->n].real = xstrdup(real);
	f->v[f->n].input = input;
	f->v[f->n].parent = (uint32_t)f->n;
	return f->n++;
}

void
follow_add_input(struct follow *f, const char *path)
{
	if (strcmp(path, "-"))
		add(f, path, true);
}

static uint32_t
root_of(struct follow *f, uint32_t i)
{
	while (f->v[i].parent != i) {
		f->v[i].parent = f->v[f->v[i].parent].parent;
		i = f->v[i].parent;
	}
	return i;
}

/* ---------------------------------------------------------------- paths */

/* The file a chain target names, relative to the script at dir_of
 * (its path), into b; false when it is no local file. */
static bool
resolve(const struct lint_opts *o, const char *dir_of, const char *p,
	size_t n, struct buf *b)
{
	buf_reset(b);
	for (size_t i = 0; i < o->nmaps; i++) {
		size_t pl = strlen(o->map_prefixes[i]);

		if (pl <= n && !memcmp(p, o->map_prefixes[i], pl)) {
			buf_adds(b, o->map_dirs[i]);
			buf_addc(b, '/');
			util_add_uri_path(b, p + pl, n - pl);
			buf_addc(b, '\0');
			return true;
		}
	}
	if (!n || util_scheme_len(p, n))
		return false;
	if (p[0] == '/') {
		if (!o->root)
			return false;
		buf_adds(b, o->root);
	} else {
		const char *slash = strrchr(dir_of, '/');

		if (slash)
			buf_add(b, dir_of, (size_t)(slash - dir_of));
		else
			buf_addc(b, '.');
		buf_addc(b, '/');
	}
	util_add_uri_path(b, p, n);
	buf_addc(b, '\0');
	return true;
}

/* ---------------------------------------------------------------- values */

/* Calls fn for each literal value var can hold by the script's own
 * doing: `set var VALUE` literals and the item names of menus that
 * `choose var` reads. */
typedef void value_fn(void *arg, const char *v, size_t len);

static void
each_value(const struct script *s, struct cfg *g, const char *var,
	   size_t vlen, value_fn *fn, void *arg)
{
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd_def *def = g->cmds[ci].def;
		const struct cmd *c = &s->cmds[ci];
		const struct tok *t, *v, *mv;
		const char *iv, *mname = "";
		uint32_t ilen;
		size_t mlen = 0;
		struct cfg_menu *m;
		unsigned n;

		if (!def || (def->impl != CMD_set && def->impl != CMD_choose))
			continue;
		t = cfg_arg(g, c, 0, &n);
		if (!t || t->len != vlen || memcmp(tok_str(s, t), var, vlen))
			continue;
		if (def->impl == CMD_set) {
			v = cfg_arg(g, c, 1, NULL);
			if (n == 2 && !tok_nrefs(s, v))
				fn(arg, tok_str(s, v), v->len);
			continue;
		}
		if (cfg_opt(g, c, 'm', &mv, &iv, &ilen)) {
			mname = mv ? tok_str(s, mv) : iv ? iv : "";
			mlen = mv ? mv->len : iv ? ilen : 0;
		}
		m = cfg_menu_at(g, mname, mlen, ci);
		for (uint32_t i = 0; m && i < m->nitems; i++)
			if (m->items[i].name)
				fn(arg, m->items[i].name, m->items[i].name_len);
	}
}

struct target_ctx {
	struct follow *f;
	const struct lint_opts *o;
	size_t from;
	const char *pre, *post;
	size_t prelen, postlen;
	struct buf *b;
};

static void
try_target(struct target_ctx *t, const char *text, size_t len)
{
	char *dir_of = xstrdup(t->f->v[t->from].path);
	size_t to;
	int sig;

	if (!resolve(t->o, dir_of, text, len, t->b)) {
		free(dir_of);
		return;
	}
	free(dir_of);
	/* a script: named *.ipxe or starting with the signature */
	sig = 0;
	{
		size_t pl = strlen(t->b->data);

		if (pl > 5 && !strcmp(t->b->data + pl - 5, ".ipxe"))
			sig = 1;
		else {
			FILE *fp = fopen(t->b->data, "rb");
			char head[6];

			if (fp && fread(head, 1, 6, fp) == 6 &&
			    (!memcmp(head, "#!ipxe", 6) ||
			     !memcmp(head, "#!gpxe", 6)))
				sig = 1;
			if (fp)
				fclose(fp);
		}
	}
	if (!sig)
		return;
	to = add(t->f, t->b->data, false);
	if (to != SIZE_MAX) {
		uint32_t a = root_of(t->f, (uint32_t)t->from);
		uint32_t b = root_of(t->f, (uint32_t)to);

		if (a != b)
			t->f->v[b].parent = a;
	}
}

static void
value_target(void *arg, const char *v, size_t len)
{
	struct target_ctx *t = arg;
	struct buf text;

	buf_init(&text);
	buf_add(&text, t->pre, t->prelen);
	buf_add(&text, v, len);
	buf_add(&text, t->post, t->postlen);
	if (text.data)
		try_target(t, text.data, text.len);
	buf_fini(&text);
}

/* Parses file i: its labels, and the scripts it chains. */
static void
scan(struct follow *f, size_t i, const struct lint_opts *o)
{
	struct script *s = script_load(f->v[i].path);
	struct cfg *g;
	struct buf b;

	if (!s)
		return;
	for (uint32_t li = 0; li < s->nlines; li++) {
		const struct tok *lab = line_label(s, &s->lines[li]);
		struct fw_file *fi = &f->v[i];

		if (!lab || !lab->len)
			continue;
		fi->labels = xrealloc(fi->labels, (fi->nlabels + 1) *
				      sizeof(*fi->labels));
		fi->labels[fi->nlabels++] = xstrndup(tok_str(s, lab),
						     lab->len);
	}
	if (s->sig == SIG_NONE) {
		script_free(s);
		return;
	}
	g = cfg_build(s, o);
	buf_init(&b);
	for (uint32_t ci = 0; ci < s->ncmds; ci++) {
		const struct cmd_def *def = g->cmds[ci].def;
		const struct tok *t;
		struct target_ctx tc = { f, o, i, NULL, NULL, 0, 0, &b };

		if (def && (def->impl == CMD_set || def->impl == CMD_clear ||
			    def->impl == CMD_read || def->impl == CMD_inc ||
			    def->impl == CMD_choose)) {
			struct fw_file *fi = &f->v[i];
			const char *p, *e, *slash;

			t = cfg_arg(g, &s->cmds[ci], 0, NULL);
			if (!t || tok_nrefs(s, t))
				continue;
			p = tok_str(s, t);
			e = p + t->len;
			slash = memchr(p, '/', t->len);
			if (slash)
				p = slash + 1;
			e = memchr(p, ':', (size_t)(e - p)) ? (const char *)
				memchr(p, ':', (size_t)(e - p)) : e;
			fi->sets = xrealloc(fi->sets, (fi->nsets + 1) *
					    sizeof(*fi->sets));
			fi->sets[fi->nsets++] = xstrndup(p, (size_t)(e - p));
			continue;
		}
		if (!def || def->impl != CMD_imgexec)
			continue;
		t = cfg_arg(g, &s->cmds[ci], 0, NULL);
		if (!t)
			continue;
		if (!tok_nrefs(s, t)) {
			try_target(&tc, tok_str(s, t), t->len);
		} else if (tok_nrefs(s, t) == 1) {
			/* PRE${var}POST, var from the script's values */
			const struct ref *r = tok_ref(s, t, 0);
			const char *p = tok_str(s, t);
			const char *var = p + r->open + 2;
			size_t vlen = r->close - r->open - 2;

			if (memchr(var, ':', vlen) || memchr(var, '/', vlen))
				continue;
			tc.pre = p;
			tc.prelen = r->open;
			tc.post = p + r->close + 1;
			tc.postlen = t->len - r->close - 1;
			each_value(s, g, var, vlen, value_target, &tc);
		}
	}
	buf_fini(&b);
	cfg_free(g);
	script_free(s);
}

void
follow_build(struct follow *f, const struct lint_opts *o)
{
	/* files are appended as they are reached: scan until none is new */
	for (size_t i = 0; i < f->n; i++)
		scan(f, i, o);
}

/* The names (labels, or the settings stored) of every other script of
 * path's family, in *out (grown as needed); *n gets their number. */
static const struct lint_label *
family_names(struct follow *f, const char *path, bool sets,
	     struct lint_label **out, size_t *cap, size_t *n)
{
	char real[PATH_MAX];
	size_t self;
	uint32_t family;

	*n = 0;
	if (!realpath(path, real) || (self = find_real(f, real)) == SIZE_MAX)
		return NULL;
	family = root_of(f, (uint32_t)self);
	for (size_t i = 0; i < f->n; i++) {
		char **names = sets ? f->v[i].sets : f->v[i].labels;
		size_t count = sets ? f->v[i].nsets : f->v[i].nlabels;

		if (i == self || root_of(f, (uint32_t)i) != family)
			continue;
		for (size_t k = 0; k < count; k++) {
			*out = xgrow(*out, cap, *n + 1, sizeof(**out));
			(*out)[*n].name = names[k];
			(*out)[*n].len = strlen(names[k]);
			(*out)[(*n)++].file = f->v[i].path;
		}
	}
	return *out;
}

const struct lint_label *
follow_labels(const struct follow *cf, const char *path, size_t *n)
{
	struct follow *f = (struct follow *)cf;

	family_names(f, path, false, &f->out, &f->outcap, &f->nout);
	*n = f->nout;
	return *n ? f->out : NULL;
}

const struct lint_label *
follow_settings(const struct follow *cf, const char *path, size_t *n)
{
	struct follow *f = (struct follow *)cf;

	family_names(f, path, true, &f->sout, &f->soutcap, &f->nsout);
	*n = f->nsout;
	return *n ? f->sout : NULL;
}

const char *
follow_extra(const struct follow *f, size_t i)
{
	for (size_t k = 0; k < f->n; k++)
		if (!f->v[k].input && i-- == 0)
			return f->v[k].path;
	return NULL;
}
