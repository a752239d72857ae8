/*
 * explore_snap.c - snapshots of a simulated machine at a decision, so
 * that the explorer can try the other alternatives of a state from there
 * instead of replaying the way to it from a fresh machine.  A snapshot
 * is a deep copy of everything a struct sim owns (settings, devices,
 * images, menus, parameter lists, certificates), the console so far,
 * and where each running script is: its frame and the chain or imgexec
 * command of its caller that runs it (sim_resume() goes on from there).
 * Taken only where that is the whole of the C stack: a choose or read
 * (which change nothing before they ask) in scripts nested by chain or
 * imgexec; elsewhere the explorer replays.  See docs/explorer.md.
 */
#include <stdlib.h>
#include <string.h>

#include "interp/explore_snap.h"
#include "interp/image.h"
#include "interp/machine.h"
#include "interp/netdev.h"
#include "interp/settings.h"
#include "interp/ui.h"
#include "interp/uri.h"
#include "parser/util.h"

/* Snapshots hold copies of the images and the console: a run with more
 * than this replays instead, so that the pending states (at most
 * --max-depth of them hold one) keep memory bounded. */
#define SNAP_MAX_BYTES ((size_t)1 << 20)

struct ex_snapshot {
	struct sim sim;		/* the machine, not running (depth 0) */
	struct resume_level *levels;	/* their images owned here */
	unsigned nlevels;
	char *console;		/* what was written so far */
	size_t conlen;
};

/* ---------------------------------------------------------------- maps */

/* Old object -> its copy, for the pointers between objects. */
struct pmap {
	const void **from;
	void **to;
	size_t n, cap;
};

static void
pmap_put(struct pmap *m, const void *from, void *to)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->from = xrealloc(m->from, m->cap * sizeof(*m->from));
		m->to = xrealloc(m->to, m->cap * sizeof(*m->to));
	}
	m->from[m->n] = from;
	m->to[m->n++] = to;
}

/* The copy of p; NULL for NULL; *ok cleared when p has none. */
static void *
pmap_get(const struct pmap *m, const void *p, bool *ok)
{
	if (!p)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (m->from[i] == p)
			return m->to[i];
	*ok = false;
	return NULL;
}

static void
pmap_fini(struct pmap *m)
{
	free(m->from);
	free(m->to);
}

static void *
dup_mem(const void *p, size_t n)
{
	void *q = xmalloc(n ? n : 1);

	if (n)
		memcpy(q, p, n);
	return q;
}

static char *
dup_str(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* ---------------------------------------------------------------- copies */

static struct netdev *
copy_netdevs(const struct netdev *nd, struct pmap *m)
{
	struct netdev *head = NULL, **tail = &head;

	for (; nd; nd = nd->next) {
		struct netdev *c = dup_mem(nd, sizeof(*nd));
		struct neighbour **nt = &c->neighbours;

		c->next = NULL;
		for (const struct neighbour *n = nd->neighbours; n;
		     n = n->next) {
			*nt = dup_mem(n, sizeof(*n));
			nt = &(*nt)->next;
		}
		*nt = NULL;
		if (nd->nopts) {
			c->opts = xcalloc(nd->nopts, sizeof(*c->opts));
			for (size_t i = 0; i < nd->nopts; i++) {
				c->opts[i] = nd->opts[i];
				c->opts[i].data = dup_mem(nd->opts[i].data,
							  nd->opts[i].len);
			}
		} else {
			c->opts = NULL;
		}
		pmap_put(m, nd, c);
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static struct sblock *
copy_block(const struct sblock *b, struct sblock *parent, struct pmap *bm,
	   const struct pmap *nm, bool *ok)
{
	struct sblock *c = dup_mem(b, sizeof(*b));
	struct sblock **ct = &c->children;
	struct gsetting **vt = &c->values;

	c->name = dup_str(b->name);
	c->parent = parent;
	c->next = NULL;
	c->netdev = pmap_get(nm, b->netdev, ok);
	pmap_put(bm, b, c);
	for (const struct gsetting *g = b->values; g; g = g->next) {
		struct gsetting *v = dup_mem(g, sizeof(*g));

		v->name = dup_str(g->name);
		v->data = dup_mem(g->data, g->len);
		*vt = v;
		vt = &v->next;
	}
	*vt = NULL;
	for (const struct sblock *k = b->children; k; k = k->next) {
		*ct = copy_block(k, c, bm, nm, ok);
		ct = &(*ct)->next;
	}
	*ct = NULL;
	return c;
}

static struct image *
copy_image(const struct image *img, bool *ok)
{
	struct image *c = dup_mem(img, sizeof(*img));

	c->next = NULL;
	c->name = dup_str(img->name);
	c->data = dup_mem(img->data, img->len + 1);
	c->cmdline = dup_str(img->cmdline);
	c->uri = dup_str(img->uri);
	c->where = img->where ? uri_dup(img->where) : NULL;
	/* parses are the explorer's (memo.h), shared by the runs */
	if (img->ast && !img->ast_shared) {
		*ok = false;
		c->ast = NULL;
	}
	return c;
}

static struct ui *
copy_uis(const struct ui *u)
{
	struct ui *head = NULL, **tail = &head;

	for (; u; u = u->next) {
		struct ui *c = dup_mem(u, sizeof(*u));

		c->next = NULL;
		c->name = dup_str(u->name);
		c->title = dup_str(u->title);
		c->items = xcalloc(u->cap ? u->cap : 1, sizeof(*c->items));
		for (unsigned i = 0; i < u->nitems; i++) {
			c->items[i] = u->items[i];
			c->items[i].name = dup_str(u->items[i].name);
			c->items[i].text = dup_str(u->items[i].text);
		}
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static struct param_list *
copy_params(const struct param_list *l)
{
	struct param_list *head = NULL, **tail = &head;

	for (; l; l = l->next) {
		struct param_list *c = dup_mem(l, sizeof(*l));
		struct param **pt = &c->params;

		c->next = NULL;
		c->name = dup_str(l->name);
		c->method = dup_str(l->method);
		for (const struct param *p = l->params; p; p = p->next) {
			struct param *q = dup_mem(p, sizeof(*p));

			q->key = dup_str(p->key);
			q->value = dup_str(p->value);
			*pt = q;
			pt = &q->next;
		}
		*pt = NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static struct cert *
copy_certs(const struct cert *c)
{
	struct cert *head = NULL, **tail = &head;

	for (; c; c = c->next) {
		struct cert *d = dup_mem(c, sizeof(*c));

		d->next = NULL;
		d->name = dup_str(c->name);
		d->der = dup_mem(c->der, c->len);
		*tail = d;
		tail = &d->next;
	}
	return head;
}

/*
 * dst becomes a copy of src's machine, not running, and dl[] of the
 * levels sl[] (their images copied too); false when something cannot be
 * copied (dst is then whole, to be freed).
 */
static bool
copy_machine(struct sim *dst, const struct sim *src,
	     struct resume_level *dl, const struct resume_level *sl,
	     unsigned n)
{
	struct pmap nm = { 0 }, bm = { 0 }, im = { 0 };
	struct image **it;
	bool ok = true;

	*dst = *src;
	dst->outcome_text = NULL;
	dst->frame = NULL;
	dst->execs = NULL;
	dst->depth = 0;
	dst->hooks = NULL;
	dst->hooks_ctx = NULL;
	dst->set_index = NULL;		/* rebuilt on first use */
	dst->netdevs = copy_netdevs(src->netdevs, &nm);
	dst->last_opened = pmap_get(&nm, src->last_opened, &ok);
	dst->settings = src->settings
		? copy_block(src->settings, NULL, &bm, &nm, &ok) : NULL;
	for (struct netdev *c = dst->netdevs; c; c = c->next) {
		c->trunk = pmap_get(&nm, c->trunk, &ok);
		c->block = pmap_get(&bm, c->block, &ok);
		c->dhcp = pmap_get(&bm, c->dhcp, &ok);
	}
	it = &dst->images;
	for (const struct image *i = src->images; i; i = i->next) {
		*it = copy_image(i, &ok);
		pmap_put(&im, i, *it);
		it = &(*it)->next;
	}
	*it = NULL;
	for (unsigned k = 0; k < n; k++) {
		dl[k] = sl[k];
		dl[k].image = copy_image(sl[k].image, &ok);
		pmap_put(&im, sl[k].image, dl[k].image);
		dl[k].old_cwuri = sl[k].old_cwuri ? uri_dup(sl[k].old_cwuri)
						  : NULL;
		dl[k].argv = NULL;
		if (sl[k].argv) {
			dl[k].argv = xcalloc((size_t)sl[k].argc + 1,
					     sizeof(char *));
			for (int a = 0; a < sl[k].argc; a++)
				dl[k].argv[a] = xstrdup(sl[k].argv[a]);
		}
	}
	for (struct image *i = dst->images; i; i = i->next)
		i->replacement = pmap_get(&im, i->replacement, &ok);
	for (unsigned k = 0; k < n; k++)
		dl[k].image->replacement =
			pmap_get(&im, dl[k].image->replacement, &ok);
	dst->selected = pmap_get(&im, src->selected, &ok);
	dst->cwuri = src->cwuri ? uri_dup(src->cwuri) : NULL;
	dst->uis = copy_uis(src->uis);
	dst->params = copy_params(src->params);
	dst->certs = copy_certs(src->certs);
	pmap_fini(&nm);
	pmap_fini(&bm);
	pmap_fini(&im);
	return ok;
}

static void
free_levels(struct resume_level *l, unsigned n)
{
	for (unsigned k = 0; k < n; k++) {
		if (l[k].image)
			image_release(l[k].image);
		uri_free(l[k].old_cwuri);
		for (int a = 0; l[k].argv && a < l[k].argc; a++)
			free(l[k].argv[a]);
		free(l[k].argv);
	}
	free(l);
}

/* ---------------------------------------------------------------- API */

struct ex_snapshot *
ex_snap_take(const struct sim *sim, const char *console, size_t conlen)
{
	const struct cmd_def *exec = cmd_lookup("imgexec", 7);
	struct resume_level *lv;
	struct ex_snapshot *s;
	const struct frame *f;
	const struct exec_level *e;
	size_t bytes = conlen;
	unsigned n = 0, k;

	for (f = sim->frame; f; f = f->caller) {
		bytes += f->image->len;
		n++;
	}
	for (const struct image *i = sim->images; i; i = i->next)
		bytes += i->len;
	if (!n || !sim->frame->argv || sim_halted(sim) ||
	    sim->outcome_text || bytes > SNAP_MAX_BYTES)
		return NULL;
	/* each frame runs in an image_exec() of its image, inside the
	 * chain or imgexec command its caller is running */
	lv = xcalloc(n, sizeof(*lv));
	for (k = n, f = sim->frame, e = sim->execs; k-- > 0;
	     f = f->caller, e = e->up) {
		struct resume_level *l = &lv[k];

		if (!e || e->image != f->image || !f->argv) {
			free(lv);
			return NULL;
		}
		if (k + 1 < n) {
			const char *w = f->argv[0];
			const struct cmd_def *d = cmd_lookup(w, strlen(w));

			if (!d || d->impl != exec->impl) {
				free(lv);
				return NULL;
			}
		}
		l->image = f->image;
		l->ast = f->ast;
		l->next = f->next;
		l->line = f->line;
		l->ci = f->ci;
		l->argc = f->argc;
		l->argv = f->argv;
		l->old_cwuri = e->old_cwuri;
		l->old_tftp = e->old_tftp;
	}
	if (e) {
		free(lv);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->levels = xcalloc(n, sizeof(*s->levels));
	s->nlevels = n;
	if (!copy_machine(&s->sim, sim, s->levels, lv, n)) {
		free(lv);
		ex_snap_free(s);
		return NULL;
	}
	free(lv);
	/* the last command runs again: it has not counted yet */
	if (s->sim.cfg.max_steps && s->sim.steps)
		s->sim.steps--;
	s->console = dup_mem(console, conlen);
	s->conlen = conlen;
	return s;
}

bool
ex_snap_restore(const struct ex_snapshot *s, struct sim *sim, FILE *out,
		struct sim_resume *res)
{
	res->n = s->nlevels;
	res->levels = xcalloc(s->nlevels, sizeof(*res->levels));
	if (!copy_machine(sim, &s->sim, res->levels, s->levels,
			  s->nlevels))
		return false;	/* (copied once already: cannot happen) */
	sim->out = out;
	/* as before the outermost image_exec(); the levels set it again */
	sim->or_follows = false;
	if (s->conlen)
		fwrite(s->console, 1, s->conlen, out);
	return true;
}

void
ex_snap_resume_fini(struct sim_resume *res)
{
	/* the images now belong to the machine */
	for (unsigned k = 0; k < res->n; k++)
		res->levels[k].image = NULL;
	free_levels(res->levels, res->n);
	res->levels = NULL;
	res->n = 0;
}

void
ex_snap_free(struct ex_snapshot *s)
{
	if (!s)
		return;
	free_levels(s->levels, s->nlevels);
	sim_fini(&s->sim);
	free(s->console);
	free(s);
}
