/*
 * explore.c - the explorer's engine: runs a script again and again, each
 * run going on from a decision state (from a snapshot of the machine
 * there, explore_snap.c, or else replaying the way to it on a fresh
 * machine), taking one of its other alternatives and then the first
 * alternative at every new input point, until every alternative of every
 * decision state has been tried (a depth-first search).  A decision state
 * is hashed (script position and call stack, settings, images, menus,
 * devices, the input point itself): a state seen before ends the run as
 * merged with the path that explored it, one seen earlier on the same
 * run as a loop.
 * See docs/explorer.md.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "interp/explore_int.h"
#include "interp/explore_snap.h"
#include "interp/image.h"
#include "interp/machine.h"
#include "interp/memo.h"
#include "interp/netdev.h"
#include "interp/settings.h"
#include "interp/ui.h"
#include "interp/uri.h"
#include "parser/script.h"
#include "parser/util.h"

/* ---------------------------------------------------------------- hash */

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static void
h_mem(uint64_t *h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		*h = (*h ^ b[i]) * FNV_PRIME;
}

static void
h_u64(uint64_t *h, uint64_t v)
{
	h_mem(h, &v, sizeof(v));
}

static void
h_str(uint64_t *h, const char *s)
{
	if (!s) {
		h_u64(h, 0x5a5a5a5aull);
		return;
	}
	h_mem(h, s, strlen(s) + 1);
}

/* An image by identity: name, origin, size, type, command line, flags
 * and up to 256 bytes from each end (its data never changes unless
 * imgextract or imgdecrypt replace it, which change these too). */
static void
h_image(uint64_t *h, const struct image *img)
{
	size_t n = img->len < 256 ? img->len : 256;

	h_str(h, img->name);
	h_str(h, img->uri);
	h_str(h, img->cmdline);
	h_u64(h, img->len);
	h_u64(h, ((uint64_t)img->type << 32) | img->flags);
	h_mem(h, img->data, n);
	h_mem(h, img->data + img->len - n, n);
}

/* The input point: the decision and the line of the script asking. */
static uint64_t
point_hash(const struct sim *sim, const struct decision *d)
{
	uint64_t h = FNV_OFFSET;

	h_u64(&h, d->kind);
	h_str(&h, d->what);
	if (sim->frame) {
		h_str(&h, sim->frame->image->name);
		h_str(&h, sim->frame->image->uri);
		h_u64(&h, sim->frame->line);
	}
	return h;
}

/* The position of a decision: the input point, the call stack, the
 * images, menus, devices and working URI; everything but the settings. */
static uint64_t
pos_hash(const struct sim *sim, const struct decision *d, unsigned profile)
{
	uint64_t h = FNV_OFFSET;

	h_u64(&h, profile);
	h_u64(&h, d->kind);
	h_str(&h, d->what);
	h_u64(&h, d->n);
	for (unsigned i = 0; i < d->n; i++)
		h_str(&h, d->labels[i]);
	for (const struct frame *f = sim->frame; f; f = f->caller) {
		h_image(&h, f->image);
		h_u64(&h, ((uint64_t)f->line << 32) | f->next);
	}
	h_u64(&h, ((uint64_t)sim->trust_required << 1) |
		  sim->trust_permanent);
	if (sim->cwuri) {
		char *cw = uri_format(sim->cwuri);

		h_str(&h, cw);
		free(cw);
	} else {
		h_str(&h, NULL);
	}
	for (const struct image *i = sim->images; i; i = i->next)
		h_image(&h, i);
	if (sim->selected)
		h_str(&h, sim->selected->name);
	for (const struct ui *u = sim->uis; u; u = u->next) {
		h_str(&h, u->name);
		h_str(&h, u->title);
		for (unsigned i = 0; i < u->nitems; i++) {
			h_str(&h, u->items[i].name);
			h_str(&h, u->items[i].text);
			h_u64(&h, ((uint64_t)u->items[i].flags << 32) |
				  (uint32_t)u->items[i].key);
		}
	}
	for (const struct netdev *n = sim->netdevs; n; n = n->next) {
		h_str(&h, n->name);
		h_u64(&h, ((uint64_t)n->open << 40) | n->route_ip);
		h_mem(&h, n->mac, sizeof(n->mac));
	}
	return h ? h : 1;
}

static uint64_t
name_key(const char *name)
{
	uint64_t h = FNV_OFFSET;

	h_str(&h, name ? name : "");
	return h ? h : 1;
}

static uint64_t
mix(uint64_t v)
{
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdull;
	v ^= v >> 33;
	return v;
}

struct snap {
	struct ex_kv *kv;
	size_t n, cap;
};

static void
snap_block(struct snap *s, const struct sblock *b, uint64_t path)
{
	h_str(&path, b->name);
	for (const struct gsetting *g = b->values; g; g = g->next) {
		uint64_t v = path;

		h_u64(&v, ((uint64_t)g->tag << 32) | (uint32_t)g->type);
		h_mem(&v, g->data, g->len);
		s->kv = xgrow(s->kv, &s->cap, s->n + 1, sizeof(*s->kv));
		s->kv[s->n++] = (struct ex_kv){ name_key(g->name), mix(v) };
	}
	for (const struct sblock *c = b->children; c; c = c->next)
		snap_block(s, c, path);
}

static int
kv_cmp(const void *a, const void *b)
{
	uint64_t x = ((const struct ex_kv *)a)->key;
	uint64_t y = ((const struct ex_kv *)b)->key;

	return x < y ? -1 : x > y;
}

/* Every stored setting by name (values under one name in several blocks
 * summed), plus ${errno}, sorted by key. */
static void
snapshot(const struct sim *sim, struct snap *s)
{
	size_t out = 0;

	s->n = 0;
	if (sim->settings)
		snap_block(s, sim->settings, FNV_OFFSET);
	s->kv = xgrow(s->kv, &s->cap, s->n + 1, sizeof(*s->kv));
	s->kv[s->n++] = (struct ex_kv){ name_key("errno"),
					mix(sim->last_errno + 1) };
	qsort(s->kv, s->n, sizeof(*s->kv), kv_cmp);
	for (size_t i = 0; i < s->n; i++) {
		if (out && s->kv[out - 1].key == s->kv[i].key)
			s->kv[out - 1].val += s->kv[i].val;
		else
			s->kv[out++] = s->kv[i];
	}
	s->n = out;
}

static uint64_t
snap_val(const struct ex_kv *kv, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (kv[mid].key == key)
			return kv[mid].val;
		if (kv[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Adds key to the node's reads (an open-addressing set, 0 = empty). */
static void
node_read(struct ex_node *n, uint64_t key)
{
	size_t mask, i;

	if ((n->nreads + 1) * 2 > n->capreads) {
		uint64_t *old = n->reads;
		size_t ocap = n->capreads;

		n->capreads = ocap ? ocap * 2 : 16;
		n->reads = xcalloc(n->capreads, sizeof(*n->reads));
		n->nreads = 0;
		for (size_t k = 0; k < ocap; k++)
			if (old[k])
				node_read(n, old[k]);
		free(old);
	}
	mask = n->capreads - 1;
	for (i = (size_t)mix(key) & mask; n->reads[i]; i = (i + 1) & mask)
		if (n->reads[i] == key)
			return;
	n->reads[i] = key;
	n->nreads++;
}

/* Whether node n stands for the state whose settings are now. */
static bool
node_matches(const struct ex_node *n, const struct snap *now)
{
	for (size_t i = 0; i < n->capreads; i++)
		if (n->reads[i] &&
		    snap_val(n->snap, n->nsnap, n->reads[i]) !=
		    snap_val(now->kv, now->n, n->reads[i]))
			return false;
	return true;
}

/* Position hash -> first node with it (+ 1), open addressing. */
static unsigned *
pos_slot(struct explorer *ex, uint64_t key)
{
	size_t mask = ex->pos_cap - 1, i = (size_t)(key ^ (key >> 29)) & mask;

	while (ex->pos_key[i] && ex->pos_key[i] != key)
		i = (i + 1) & mask;
	return &ex->pos_node[i];
}

static unsigned
pos_first(struct explorer *ex, uint64_t key)
{
	return ex->pos_cap ? *pos_slot(ex, key) : 0;
}

static void
pos_put(struct explorer *ex, uint64_t key, unsigned node)
{
	unsigned *slot;

	if ((ex->pos_n + 1) * 2 > ex->pos_cap) {
		uint64_t *ok = ex->pos_key;
		unsigned *on = ex->pos_node;
		size_t ocap = ex->pos_cap;

		ex->pos_cap = ocap ? ocap * 2 : 1024;
		ex->pos_key = xcalloc(ex->pos_cap, sizeof(*ex->pos_key));
		ex->pos_node = xcalloc(ex->pos_cap, sizeof(*ex->pos_node));
		for (size_t i = 0; i < ocap; i++)
			if (ok[i]) {
				slot = pos_slot(ex, ok[i]);
				ex->pos_key[slot - ex->pos_node] = ok[i];
				*slot = on[i];
			}
		free(ok);
		free(on);
	}
	slot = pos_slot(ex, key);
	if (!ex->pos_key[slot - ex->pos_node])
		ex->pos_n++;
	ex->pos_key[slot - ex->pos_node] = key;
	*slot = node;
}

/* ---------------------------------------------------------------- names */

const char *
ex_end_name(enum ex_end e)
{
	static const char *const names[] = {
		[END_EXIT] = "exit", [END_ERROR] = "error",
		[END_BOOT] = "boot", [END_REBOOT] = "reboot",
		[END_WAITING] = "waiting", [END_LOOP] = "loop",
		[END_MERGED] = "merged", [END_LIMIT] = "limit",
		[END_CUT] = "cut",
	};

	return names[e];
}

const char *
ex_kind_name(enum decision_kind k)
{
	static const char *const names[] = {
		[DEC_CHOOSE] = "choose", [DEC_PROMPT] = "prompt",
		[DEC_READ] = "read", [DEC_DHCP] = "dhcp",
		[DEC_DOWNLOAD] = "download",
	};

	return names[k];
}

/* ---------------------------------------------------------------- a run */

struct ex_run {
	struct explorer *ex;
	struct sim *sim;
	unsigned id;
	unsigned profile;
	const struct ex_alt *plan;	/* alternatives to replay, the last
					 * one taken in state plan_node */
	size_t nplan;
	unsigned plan_node;
	struct ex_alt *actual;	/* the way to where this run is */
	size_t nactual, capactual;
	size_t pidx;		/* its path now: ex->paths[pidx] */
	bool cut;		/* the explorer halted the run */
	struct snap now;	/* the settings at the last decision */
	struct ex_kv *writes;	/* key -> decisions taken when last
				 * written (val) */
	size_t nwrites, capwrites;
	struct ex_trail at;	/* the failing command, where it is */
	/* the console (open_memstream()), for snapshots */
	char **con;
	size_t *conlen;
};

/* dst (whose strings are not its own yet) becomes a copy of src. */
static void
trail_copy(struct ex_trail *dst, const struct ex_trail *src)
{
	*dst = *src;
	dst->fail_site = src->fail_site ? xstrdup(src->fail_site) : NULL;
	dst->fail_argv = src->fail_argv ? xstrdup(src->fail_argv) : NULL;
	dst->fail_label = src->fail_label ? xstrdup(src->fail_label) : NULL;
}

static void
trail_fini(struct ex_trail *t)
{
	free(t->fail_site);
	free(t->fail_argv);
	free(t->fail_label);
}

/* No path yet: a replay that has not reached its plan's end. */
#define NO_PATH ((size_t)-1)

static struct ex_path *
rpath(const struct ex_run *r)
{
	return &r->ex->paths[r->pidx];
}

/* The rest of uri below --uri's folder (the tree), or NULL.  The
 * scheme does not matter: the mocked network serves the same folder
 * over HTTP, HTTPS, FTP and TFTP, and menus switch between them (on EFI
 * netboot.xyz chains https://boot.netboot.xyz/ from the http:// one). */
static const char *
tree_rest(const struct explorer *ex, const char *uri)
{
	const char *dir = ex->uri_dir ? strstr(ex->uri_dir, "://") : NULL;
	const char *u = uri ? strstr(uri, "://") : NULL;

	if (!dir || !u)
		return NULL;
	dir += 3;
	u += 3;
	return strncmp(u, dir, strlen(dir)) ? NULL : u + strlen(dir);
}

/* The file a script image stands for: the script itself, a file of the
 * tree (--root, below --uri's folder), or its URI. */
static char *
image_file(const struct explorer *ex, const struct image *img)
{
	const char *rest = tree_rest(ex, img->uri);
	struct buf b;

	if (img->uri && ex->opts.uri && !strcmp(img->uri, ex->opts.uri))
		return xstrdup(ex->script_path);
	if (!img->uri && img->name && !strcmp(img->name, ex->script_name))
		return xstrdup(ex->script_path);
	if (rest && ex->root) {
		buf_init(&b);
		buf_printf(&b, "%s/%s", ex->root, rest);
		return buf_steal(&b);
	}
	return xstrdup(img->uri ? img->uri : img->name ? img->name : "?");
}

static char *
frame_site(const struct explorer *ex, const struct frame *f)
{
	struct buf b;
	char *file;

	if (!f)
		return xstrdup("(command line)");
	file = image_file(ex, f->image);
	buf_init(&b);
	buf_printf(&b, "%s:%u", file, f->ast->lines[f->line].lineno);
	free(file);
	return buf_steal(&b);
}

/* The coverage record of the script running in frame f; the last one
 * is remembered, as lines mostly follow lines of the same script. */
static struct ex_cover *
cover_of(struct ex_run *r, const struct frame *f)
{
	struct explorer *ex = r->ex;
	struct ex_cover *c;
	char *file;

	if (r->at.cover_ast == f->ast && r->at.cover_idx < ex->ncover)
		return &ex->cover[r->at.cover_idx];
	file = image_file(ex, f->image);
	for (size_t i = 0; i < ex->ncover; i++)
		if (!strcmp(ex->cover[i].file, file)) {
			free(file);
			r->at.cover_ast = f->ast;
			r->at.cover_idx = i;
			return &ex->cover[i];
		}
	ex->cover = xrealloc(ex->cover, (ex->ncover + 1) * sizeof(*c));
	c = &ex->cover[ex->ncover++];
	c->file = file;
	c->len = f->image->len;
	c->src = xmalloc(c->len + 1);
	if (c->len)
		memcpy(c->src, f->image->data, c->len);
	c->src[c->len] = '\0';
	c->nlines = f->ast->nlines;
	c->hit = xcalloc(c->nlines + 1, 1);
	r->at.cover_ast = f->ast;
	r->at.cover_idx = ex->ncover - 1;
	return c;
}

/* Where the last line run was (the frames are gone once a limit
 * halted the run). */
static char *
last_site(const struct ex_run *r)
{
	struct buf b;

	if (!r->at.cover_ast || r->at.cover_idx >= r->ex->ncover)
		return xstrdup("(command line)");
	buf_init(&b);
	buf_printf(&b, "%s:%u", r->ex->cover[r->at.cover_idx].file,
		   r->at.last_lineno);
	return buf_steal(&b);
}

/* frame_site() in a run: the file of the frame whose line ran last is
 * known already (a tree is shared by the images of one name, URI and
 * text, so it stands for their file); hot, as every command that fails
 * records where. */
static char *
run_site(const struct ex_run *r, const struct frame *f)
{
	const char *file;
	char *site, num[16];
	size_t n, k;

	if (!f || r->at.cover_ast != f->ast || r->at.cover_idx >= r->ex->ncover)
		return frame_site(r->ex, f);
	file = r->ex->cover[r->at.cover_idx].file;
	k = (size_t)snprintf(num, sizeof(num), ":%u",
			     f->ast->lines[f->line].lineno);
	n = strlen(file);
	site = xmalloc(n + k + 1);
	memcpy(site, file, n);
	memcpy(site + n, num, k + 1);
	return site;
}

static void
hook_line(void *ctx, struct sim *sim, const struct frame *f)
{
	struct ex_run *r = ctx;
	struct ex_cover *c;

	r->at.failing = false;
	r->at.line_pos = (size_t)ftell(sim->out);
	c = cover_of(r, f);
	if (f->line < c->nlines)
		c->hit[f->line] = 1;
	r->at.last_lineno = f->ast->lines[f->line].lineno;
}

/* A failed goto to a missing label that the path may go on after (a
 * caller's `||` handles the error): kept for the findings, once per goto
 * between two decisions (a goto loop repeats it until the step limit).
 * prior: the failure that led to it (`A || goto x`), or NULL. */
static void
add_detour(struct ex_run *r, const char *prior)
{
	struct ex_path *p = rpath(r);
	const struct ex_step *last = p->nsteps ? &p->steps[p->nsteps - 1]
					       : NULL;
	struct ex_detour *dt;

	for (size_t k = p->ndetours; k-- > 0 &&
	     p->detours[k].nsteps == p->nsteps;)
		if (!strcmp(p->detours[k].site, r->at.fail_site) &&
		    !strcmp(p->detours[k].label, r->at.fail_label))
			return;
	p->detours = xrealloc(p->detours, (p->ndetours + 1) *
					  sizeof(*p->detours));
	dt = &p->detours[p->ndetours++];
	dt->site = xstrdup(r->at.fail_site);
	dt->label = xstrdup(r->at.fail_label);
	dt->nsteps = p->nsteps;
	/* the decision's own failure (Esc) is said by the cause */
	dt->after = prior && (!last || strcmp(last->site, prior))
			    ? xstrdup(prior + strlen(prior) + 1) : NULL;
}

static void
hook_cmd(void *ctx, struct sim *sim, int argc, char **argv, int rc)
{
	struct ex_run *r = ctx;
	/* a goto runs nothing below it: its failure is always its own,
	 * also as the B of a failed `A || B` */
	bool goto_missing = rc && argc > 1 &&
			    cmd_lookup(argv[0], strlen(argv[0])) ==
				    cmd_lookup("goto", 4) &&
			    rc == sim_err(sim, ERR_GOTO_NO_LABEL);
	char *prior = NULL;

	if (!rc) {
		r->at.failing = false;
		return;
	}
	if (r->at.failing && !goto_missing)
		return;		/* a failure passed up: keep the first */
	if (goto_missing && r->at.failing && r->pidx != NO_PATH &&
	    !sim->or_follows) {
		/* "site\0'command' failed: error" */
		char *e = sim_strerror(sim, r->at.fail_rc);
		struct buf b;

		buf_init(&b);
		buf_adds(&b, r->at.fail_site);
		buf_addc(&b, 0);
		buf_printf(&b, "after '%.80s%s' failed: %s", r->at.fail_argv,
			   strlen(r->at.fail_argv) > 80 ? "..." : "", e);
		prior = buf_steal(&b);
		free(e);
	}
	r->at.failing = true;
	r->at.fail_pos = r->at.line_pos;
	trail_fini(&r->at);
	r->at.fail_site = run_site(r, sim->frame);
	r->at.fail_argv = sim_concat(argv, argc);
	r->at.fail_rc = rc;
	r->at.fail_goto = goto_missing;
	r->at.fail_label = r->at.fail_goto ? xstrdup(argv[argc - 1]) : NULL;
	/* not when a `||` after the goto makes it a fallback on
	 * purpose (`goto ${x} ||`) */
	if (r->at.fail_goto && r->pidx != NO_PATH && !sim->or_follows)
		add_detour(r, prior);
	free(prior);
}

/* The menu items offered (for --coverage), found by a hash of menu,
 * item and place. */
static void
note_items(struct explorer *ex, const struct decision *d, unsigned pick,
	   const char *site)
{
	for (unsigned i = 0; i < d->n; i++) {
		struct ex_item_seen *s;
		uint64_t h = FNV_OFFSET;
		size_t mask, k;

		if (!strcmp(d->labels[i], "Esc") ||
		    !strcmp(d->labels[i], "timeout"))
			continue;
		h_str(&h, d->what);
		h_str(&h, d->labels[i]);
		h_str(&h, site);
		h = h ? h : 1;
		if ((ex->nitems + 1) * 2 > ex->items_cap) {
			uint64_t *ok = ex->items_key;
			size_t *oi = ex->items_idx, ocap = ex->items_cap;

			ex->items_cap = ocap ? ocap * 2 : 1024;
			ex->items_key = xcalloc(ex->items_cap, sizeof(*ok));
			ex->items_idx = xcalloc(ex->items_cap, sizeof(size_t));
			mask = ex->items_cap - 1;
			for (size_t o = 0; o < ocap; o++) {
				if (!ok[o])
					continue;
				for (k = (size_t)mix(ok[o]) & mask;
				     ex->items_key[k]; k = (k + 1) & mask)
					;
				ex->items_key[k] = ok[o];
				ex->items_idx[k] = oi[o];
			}
			free(ok);
			free(oi);
		}
		mask = ex->items_cap - 1;
		for (k = (size_t)mix(h) & mask;
		     ex->items_key[k] && ex->items_key[k] != h;
		     k = (k + 1) & mask)
			;
		if (!ex->items_key[k]) {
			ex->items = xrealloc(ex->items, (ex->nitems + 1) *
							       sizeof(*s));
			s = &ex->items[ex->nitems];
			s->menu = xstrdup(d->what);
			s->item = xstrdup(d->labels[i]);
			s->site = xstrdup(site);
			s->chosen = false;
			ex->items_key[k] = h;
			ex->items_idx[k] = ex->nitems++;
		}
		if (i == pick)
			ex->items[ex->items_idx[k]].chosen = true;
	}
}

/* Setting key is read now: it was read before being written below every
 * decision taken since it was last written. */
static void
read_key(struct ex_run *r, uint64_t key)
{
	struct ex_path *p;
	size_t from = 0;

	if (r->pidx == NO_PATH)
		return;
	p = rpath(r);
	for (size_t i = 0; i < r->nwrites; i++)
		if (r->writes[i].key == key) {
			from = (size_t)r->writes[i].val;
			break;
		}
	for (size_t k = from; k < p->nsteps; k++)
		node_read(&r->ex->nodes[p->steps[k].node], key);
}

static void
hook_setting(void *ctx, struct sim *sim, const char *name, bool write)
{
	struct ex_run *r = ctx;
	uint64_t key = name_key(name);

	(void)sim;
	if (!write) {
		read_key(r, key);
		return;
	}
	/* the decisions taken so far, replayed or not, are the steps of
	 * the path (the way to a state is that of its own path) */
	for (size_t i = 0; i < r->nwrites; i++)
		if (r->writes[i].key == key) {
			r->writes[i].val = r->nactual;
			return;
		}
	r->writes = xgrow(r->writes, &r->capwrites, r->nwrites + 1,
			  sizeof(*r->writes));
	r->writes[r->nwrites++] = (struct ex_kv){ key, r->nactual };
}

/* The path ends in state node (+ 1) reached before: what that state's
 * subtree reads counts as read here too. */
static void
end_path(struct ex_run *r, enum ex_end end, unsigned node, const char *why)
{
	struct ex_path *p = rpath(r);

	p->end = end;
	p->target = node;
	if (node) {
		const struct ex_node *n = &r->ex->nodes[node - 1];

		p->merged_with = n->path;
		for (size_t i = 0; i < n->capreads; i++)
			if (n->reads[i])
				read_key(r, n->reads[i]);
	}
	p->text = xstrdup(why);
}

/* ... and so does the run. */
static void
cut(struct ex_run *r, enum ex_end end, unsigned node, const char *why)
{
	end_path(r, end, node, why);
	r->cut = true;
	sim_halt(r->sim, OUT_INTERRUPTED, "%s", why);
}

static void
new_path(struct ex_run *r, unsigned profile)
{
	struct explorer *ex = r->ex;
	struct ex_path *p;

	ex->paths = xgrow(ex->paths, &ex->cappaths, ex->npaths + 1,
			  sizeof(*p));
	p = &ex->paths[ex->npaths];
	memset(p, 0, sizeof(*p));
	p->id = (unsigned)++ex->npaths;
	p->profile = profile;
	r->pidx = ex->npaths - 1;
	r->cut = false;
}

static void
add_step(struct ex_path *p, const struct decision *d, unsigned alt,
	 unsigned n, unsigned node, const char *site)
{
	struct ex_step *s;

	p->steps = xrealloc(p->steps, (p->nsteps + 1) * sizeof(*p->steps));
	s = &p->steps[p->nsteps++];
	s->kind = d->kind;
	s->what = xstrdup(d->what);
	s->label = xstrdup(d->labels[alt]);
	s->site = xstrdup(site);
	s->alt = alt;
	s->n = n;
	s->node = node;
}

/* The replay is in the state of node m: a new path goes on from it with
 * alternative alt, m's own path up to m. */
static void
resume_at(struct ex_run *r, unsigned m, unsigned alt,
	  const struct decision *d, const char *site)
{
	struct explorer *ex = r->ex;
	const struct ex_node *node = &ex->nodes[m];
	struct ex_path *p;

	new_path(r, r->profile);
	p = rpath(r);
	p->steps = xcalloc(node->canon_step + 1, sizeof(*p->steps));
	for (size_t k = 0; k < node->canon_step; k++) {
		const struct ex_step *c = &ex->paths[node->canon_path].steps[k];
		struct ex_step *s = &p->steps[p->nsteps++];

		*s = *c;
		s->what = xstrdup(c->what);
		s->label = xstrdup(c->label);
		s->site = xstrdup(c->site);
	}
	add_step(p, d, alt, node->n, m, site);
	/* limits count per path */
	r->sim->steps = 0;
}

/* The run took alternative alt in state node: how to replay it. */
static void
took(struct ex_run *r, unsigned alt, unsigned node)
{
	r->actual = xgrow(r->actual, &r->capactual, r->nactual + 1,
			  sizeof(*r->actual));
	r->actual[r->nactual++] = (struct ex_alt){ alt, node };
}

/* A --choose preset for this menu: the alternative it names, n when
 * the menu has no such item, or -1 when no preset applies. */
static long
preset_pick(const struct explorer *ex, const struct decision *d)
{
	if (d->kind != DEC_CHOOSE)
		return -1;
	for (size_t i = 0; i < ex->opts.npresets; i++) {
		const struct ex_preset *p = &ex->opts.presets[i];

		if (strcmp(p->menu, d->what))
			continue;
		for (unsigned k = 0; k < d->n; k++)
			if (!strcmp(d->labels[k], p->item))
				return k;
		return d->n;
	}
	return -1;
}

/* The state of a new decision: one seen before (its index + 1, and
 * whether it is on this path), or a new one. */
static unsigned
find_node(struct ex_run *r, uint64_t pos, uint64_t point, bool *ancestor)
{
	struct explorer *ex = r->ex;
	const struct ex_path *p = rpath(r);

	/* back at an input point of this path: a loop, whatever the
	 * settings say (a path never passes one point twice) */
	for (size_t k = 0; k < p->nsteps; k++)
		if (ex->nodes[p->steps[k].node].point == point) {
			*ancestor = true;
			return p->steps[k].node + 1;
		}
	*ancestor = false;
	for (unsigned i = pos_first(ex, pos); i; i = ex->nodes[i - 1].next)
		if (node_matches(&ex->nodes[i - 1], &r->now))
			return i;
	return 0;
}

static unsigned
new_node(struct ex_run *r, uint64_t pos, const struct decision *d,
	 const char *site)
{
	struct explorer *ex = r->ex;
	struct ex_node *n;
	struct buf b;

	ex->nodes = xgrow(ex->nodes, &ex->capnodes, ex->nnodes + 1,
			  sizeof(*n));
	n = &ex->nodes[ex->nnodes++];
	memset(n, 0, sizeof(*n));
	n->pos = pos;
	n->path = rpath(r)->id;
	n->next = pos_first(ex, pos);
	pos_put(ex, pos, (unsigned)ex->nnodes);
	n->snap = xmalloc((r->now.n ? r->now.n : 1) * sizeof(*n->snap));
	if (r->now.n)
		memcpy(n->snap, r->now.kv, r->now.n * sizeof(*n->snap));
	n->nsnap = r->now.n;
	buf_init(&b);
	buf_printf(&b, "%s %.40s\n%s", ex_kind_name(d->kind), d->what, site);
	n->label = buf_steal(&b);
	ex->states++;
	return (unsigned)ex->nnodes - 1;
}

/* The run at a choose or read that has alternatives left, to try them
 * from here (NULL: they replay the way here). */
static struct ex_saved_run *
save_run(struct ex_run *r)
{
	struct ex_saved_run *s;
	struct ex_snapshot *m;

	fflush(r->sim->out);
	m = ex_snap_take(r->sim, *r->con, *r->conlen);
	if (!m)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->machine = m;
	s->nwrites = r->nwrites;
	s->writes = xmalloc((r->nwrites ? r->nwrites : 1) *
			    sizeof(*s->writes));
	if (r->nwrites)
		memcpy(s->writes, r->writes, r->nwrites * sizeof(*s->writes));
	trail_copy(&s->at, &r->at);
	return s;
}

static void
saved_free(struct ex_saved_run *s)
{
	if (!s)
		return;
	ex_snap_free(s->machine);
	free(s->writes);
	trail_fini(&s->at);
	free(s);
}

/* A run goes on from s: what it knew there. */
static void
load_run(struct ex_run *r, const struct ex_saved_run *s)
{
	r->nwrites = r->capwrites = s->nwrites;
	r->writes = xmalloc((s->nwrites ? s->nwrites : 1) *
			    sizeof(*r->writes));
	if (s->nwrites)
		memcpy(r->writes, s->writes, s->nwrites * sizeof(*r->writes));
	trail_copy(&r->at, &s->at);
}

static unsigned
hook_decide(void *ctx, struct sim *sim, const struct decision *d)
{
	struct ex_run *r = ctx;
	struct explorer *ex = r->ex;
	size_t j = r->nactual, i;
	unsigned alt = 0, n = d->n, node, seen;
	uint64_t pos, point;
	char *site;
	long preset;
	bool ancestor = false;

	if (j < r->nplan) {
		/* replaying the way to plan_node, then taking the
		 * alternative planned there */
		const struct ex_node *e = &ex->nodes[r->plan[j].node];

		if (point_hash(sim, d) != e->point) {
			/* the way found again is not the way it was found
			 * (a state equal only in what was read): give up */
			if (r->pidx == NO_PATH)
				new_path(r, r->profile);
			ex->unexplored++;
			cut(r, END_CUT, 0, "the replay of the way here went "
			    "another way");
			return 0;
		}
		alt = r->plan[j].alt;
		took(r, alt, r->plan[j].node);
		if (j + 1 == r->nplan) {
			site = frame_site(ex, sim->frame);
			resume_at(r, r->plan_node, alt, d, site);
			if (d->kind == DEC_CHOOSE)
				note_items(ex, d, alt, site);
			free(site);
		}
		return alt;
	}
	i = rpath(r)->nsteps;
	site = frame_site(ex, sim->frame);
	preset = preset_pick(ex, d);
	pos = pos_hash(sim, d, r->profile);
	point = point_hash(sim, d);
	snapshot(sim, &r->now);
	if ((seen = find_node(r, pos, point, &ancestor)) != 0) {
		cut(r, ancestor ? END_LOOP : END_MERGED, seen,
		    ancestor ? "back to an earlier state of this path"
			     : "joins a state explored before");
		free(site);
		return 0;
	}
	if ((ex->opts.max_depth && i >= ex->opts.max_depth) ||
	    (ex->opts.max_paths && ex->npaths > ex->opts.max_paths)) {
		cut(r, END_CUT, 0, i >= ex->opts.max_depth
		    ? "--max-depth decisions on this path"
		    : "--max-paths reached");
		ex->unexplored += preset >= 0 ? 1 : n;
		free(site);
		return 0;
	}
	if (preset >= 0 && (unsigned long)preset == d->n) {
		cut(r, END_CUT, 0, "the --choose item is not in this menu");
		free(site);
		return 0;
	}
	if (preset >= 0) {
		alt = (unsigned)preset;
		n = 1;		/* not a branch */
	}
	node = new_node(r, pos, d, site);
	ex->nodes[node].point = point;
	ex->nodes[node].n = n;
	ex->nodes[node].next_alt = 1;
	ex->nodes[node].profile = r->profile;
	ex->nodes[node].canon_path = r->pidx;
	ex->nodes[node].canon_step = i;
	j = r->nactual;
	ex->nodes[node].nactual = j;
	ex->nodes[node].actual = xmalloc((j ? j : 1) * sizeof(*r->actual));
	if (j)		/* (r->actual is NULL at the first decision) */
		memcpy(ex->nodes[node].actual, r->actual,
		       j * sizeof(*r->actual));
	if (n > 1) {
		ex->pending = xgrow(ex->pending, &ex->cappending,
				    ex->npending + 1, sizeof(*ex->pending));
		ex->pending[ex->npending++] = node;
		if (!ex->opts.replay &&
		    (d->kind == DEC_CHOOSE || d->kind == DEC_READ))
			ex->nodes[node].saved = save_run(r);
	}
	if (d->kind == DEC_CHOOSE)
		note_items(ex, d, alt, site);
	add_step(rpath(r), d, alt, n, node, site);
	took(r, alt, node);
	free(site);
	return alt;
}

/* Downloads that fail outside the tree get a stand-in kernel: the tree
 * is --root (below --uri's folder when given); anything else is
 * somebody else's server that the explorer cannot see. */
static bool
hook_stub(void *ctx, struct sim *sim, const char *uri)
{
	struct ex_run *r = ctx;
	const struct explorer *ex = r->ex;

	(void)sim;
	if (!ex->opts.stub)
		return false;
	if (tree_rest(ex, uri))
		return false;
	/* scripts are part of the tree wherever they are */
	if (strstr(uri, ".ipxe") || strstr(uri, ".cfg"))
		return false;
	if (r->pidx != NO_PATH)
		rpath(r)->stubbed = true;
	return true;
}

/* The console's last non-blank line, without escape sequences. */
static char *
last_line(const char *out, size_t len)
{
	size_t end = len, start;
	struct buf b;

	for (;;) {
		while (end && (out[end - 1] == '\n' || out[end - 1] == '\r' ||
			       out[end - 1] == ' '))
			end--;
		if (!end)
			return NULL;
		start = end;
		while (start && out[start - 1] != '\n')
			start--;
		if (end > start)
			break;
		end = start;
	}
	buf_init(&b);
	for (size_t i = start; i < end; i++) {
		unsigned char c = (unsigned char)out[i];

		if (c == 0x1b) {
			/* skip "ESC [ ... letter" */
			if (i + 1 < end && out[i + 1] == '[') {
				i += 2;
				while (i < end && !((out[i] >= 'A' &&
						     out[i] <= 'Z') ||
						    (out[i] >= 'a' &&
						     out[i] <= 'z')))
					i++;
			}
			continue;
		}
		if (c == '\r' || c == '\b') {
			continue;
		}
		if (c >= 0x20)
			buf_addc(&b, (char)c);
	}
	if (b.len > 200) {
		b.len = 200;
		b.data[200] = '\0';
	}
	if (!b.len) {
		buf_fini(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* Splits "booted TYPE image NAME (URI) with command line "C"..." */
static void
boot_details(struct ex_path *p, const struct sim *sim)
{
	const char *t = sim->outcome_text ? sim->outcome_text : "";
	const char *a = strstr(t, " ("), *b, *c;

	if (a && (b = strchr(a, ')')) != NULL)
		p->kernel = xstrndup(a + 2, (size_t)(b - a - 2));
	c = strstr(t, " with command line \"");
	if (c) {
		const char *e;

		c += 20;
		e = strstr(c, "\"; ");
		p->cmdline = e ? xstrndup(c, (size_t)(e - c))
			       : xstrndup(c, strlen(c) - (strlen(c) &&
						  c[strlen(c) - 1] == '"'));
	}
	if (!strstr(t, "; initrds:") && !strstr(t, "; files:") &&
	    !strstr(t, "; modules:"))
		return;
	for (const struct image *i = sim->images; i; i = i->next) {
		/* the kernel itself and scripts are not what matters */
		if ((i->flags & IMAGE_HIDDEN) || i->type == IMGT_SCRIPT ||
		    (i->uri && p->kernel && !strcmp(i->uri, p->kernel)))
			continue;
		p->initrds = xrealloc(p->initrds, (p->ninitrds + 1) *
							  sizeof(char *));
		p->initrds[p->ninitrds++] = xstrdup(i->uri ? i->uri
							   : i->name);
	}
}

static void
classify(struct ex_run *r, struct sim *sim, int rc, const char *out,
	 size_t len)
{
	struct ex_path *p;

	if (r->pidx == NO_PATH)
		return;		/* ended before its plan did: nothing new */
	p = rpath(r);
	if (r->cut)
		return;
	p->rc = rc;
	switch (sim->outcome) {
	case OUT_RUNNING:
	case OUT_RETURNED:
		p->end = rc < 0 ? END_ERROR : END_EXIT;
		if (rc < 0) {
			if (r->at.fail_pos <= len)
				p->message = last_line(out + r->at.fail_pos,
						       len - r->at.fail_pos);
			p->text = sim_strerror(sim, rc);
			p->site = r->at.fail_site;
			p->fail_argv = r->at.fail_argv;
			p->goto_missing = r->at.fail_goto;
			p->label = r->at.fail_label;
			r->at.fail_site = r->at.fail_argv = r->at.fail_label = NULL;
		} else {
			struct buf b;

			buf_init(&b);
			buf_printf(&b, "status %d", rc);
			p->text = buf_steal(&b);
			if (rc > 0) {
				p->site = r->at.fail_site;
				r->at.fail_site = NULL;
			}
		}
		break;
	case OUT_BOOTED:
	case OUT_SANBOOT:
		p->end = END_BOOT;
		p->text = xstrdup(sim->outcome_text);
		boot_details(p, sim);
		break;
	case OUT_REBOOT:
	case OUT_POWEROFF:
		p->end = END_REBOOT;
		p->text = xstrdup(sim->outcome == OUT_REBOOT ? "reboot"
							    : "poweroff");
		break;
	case OUT_SHELL:
	case OUT_WAITING:
		p->end = END_WAITING;
		p->text = xstrdup(sim->outcome_text ? sim->outcome_text
						    : "waiting for input");
		p->site = last_site(r);
		break;
	case OUT_STEP_LIMIT:
	case OUT_DEPTH_LIMIT:
	case OUT_EXPAND_LIMIT:
	case OUT_INTERRUPTED:
		p->end = sim->outcome == OUT_EXPAND_LIMIT ? END_LIMIT
							  : END_LOOP;
		p->text = xstrdup(sim->outcome_text ? sim->outcome_text
						    : "limit");
		p->site = last_site(r);
		break;
	}
}

static const struct sim_hooks hooks_template = {
	.decide = hook_decide,
	.line = hook_line,
	.cmd = hook_cmd,
	.stub = hook_stub,
	.setting = hook_setting,
};

/* One run of the script on profile pi, replaying plan (nplan
 * alternatives, the last one taken in state plan_node). */
static void
run_once(struct explorer *ex, unsigned pi, const struct ex_alt *plan,
	 size_t nplan, unsigned plan_node, const struct ex_saved_run *from)
{
	const struct ex_profile *prof = &ex->opts.profiles[pi];
	struct sim_hooks hooks = hooks_template;
	struct ex_run r = { .ex = ex, .plan = plan, .nplan = nplan,
			    .plan_node = plan_node, .profile = pi };
	struct image *img;
	struct sim sim;
	char *out = NULL;
	size_t outlen = 0;
	FILE *console = open_memstream(&out, &outlen);
	int rc = 0;

	if (!console) {
		fprintf(stderr, "out of memory (open_memstream)\n");
		abort();
	}
	hooks.fail_downloads = ex->opts.fail_downloads;
	hooks.fail_dhcp = ex->opts.fail_dhcp;
	ex->runs++;
	r.pidx = NO_PATH;
	r.con = &out;
	r.conlen = &outlen;
	r.sim = &sim;
	if (!nplan)
		new_path(&r, pi);
	if (from) {
		/* on from the state, as the replay would have got there */
		struct sim_resume res;

		ex->resumed++;
		load_run(&r, from);
		r.nactual = r.capactual = nplan - 1;
		r.actual = xmalloc(nplan * sizeof(*r.actual));
		memcpy(r.actual, plan, (nplan - 1) * sizeof(*r.actual));
		if (!ex_snap_restore(from->machine, &sim, console, &res)) {
			fprintf(stderr, "ipxesim: a snapshot did not copy\n");
			abort();
		}
		sim.hooks = &hooks;
		sim.hooks_ctx = &r;
		rc = sim_resume(&sim, &res);
		ex_snap_resume_fini(&res);
		goto ran;
	}
	sim_init(&sim, &prof->cfg, console, NULL);
	sim.memo = ex->memo;
	for (size_t i = 0; i < prof->npresets; i++)
		machine_set(&sim, prof->names[i], prof->values[i]);
	/* --pre lines run first, as if typed, before anything is asked */
	for (size_t i = 0; i < ex->opts.npre && !sim_halted(&sim); i++)
		sim_system(&sim, ex->opts.pre[i]);
	sim.hooks = &hooks;
	sim.hooks_ctx = &r;
	if (!sim_halted(&sim)) {
		img = image_new(&sim, ex->script_name,
				(const uint8_t *)ex->src, ex->srclen,
				ex->opts.uri);
		image_register(&sim, img);
		rc = image_exec(&sim, img);
	}
ran:
	fflush(console);
	classify(&r, &sim, rc, out, outlen);
	sim.hooks = NULL;
	sim_fini(&sim);
	fclose(console);
	free(out);
	trail_fini(&r.at);
	free(r.now.kv);
	free(r.writes);
	free(r.actual);
}

int
explorer_run(struct explorer *ex, const char *script)
{
	struct script *s = script_load(script);
	struct timespec t0, t1;
	const char *base;

	if (!s) {
		fprintf(stderr, "ipxesim: %s: %s\n", script, strerror(errno));
		return -1;
	}
	if (s->sig == SIG_NONE) {
		diag_print_gcc(stderr, s->name, &s->diags[0]);
		script_free(s);
		return -1;
	}
	ex->script_path = script;
	base = strrchr(script, '/');
	ex->script_name = xstrdup(base ? base + 1 : script);
	ex->src = xmalloc(s->srclen + 1);
	if (s->srclen)
		memcpy(ex->src, s->src, s->srclen);
	ex->srclen = s->srclen;
	script_free(s);
	if (ex->opts.uri) {
		const char *slash = strrchr(ex->opts.uri, '/');

		if (slash)
			ex->uri_dir = xstrndup(ex->opts.uri,
					       (size_t)(slash + 1 -
							ex->opts.uri));
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned pi = 0; pi < ex->opts.nprofiles; pi++) {
		run_once(ex, pi, NULL, 0, 0, NULL);
		/* then what is left to try in each state, latest first */
		while (ex->npending) {
			struct ex_node *m =
				&ex->nodes[ex->pending[ex->npending - 1]];
			struct ex_alt *plan;

			if (m->next_alt >= m->n) {
				saved_free(m->saved);
				m->saved = NULL;
				ex->npending--;
				continue;
			}
			if (ex->opts.max_paths &&
			    ex->npaths >= ex->opts.max_paths) {
				for (size_t k = 0; k < ex->npending; k++) {
					m = &ex->nodes[ex->pending[k]];
					ex->unexplored += m->n - m->next_alt;
				}
				ex->npending = 0;
				break;
			}
			plan = xmalloc((m->nactual + 1) * sizeof(*plan));
			if (m->nactual)
				memcpy(plan, m->actual,
				       m->nactual * sizeof(*plan));
			plan[m->nactual] = (struct ex_alt){
				m->next_alt++,
				(unsigned)ex->pending[ex->npending - 1] };
			run_once(ex, m->profile, plan, m->nactual + 1,
				 ex->pending[ex->npending - 1], m->saved);
			free(plan);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ex->seconds = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return 0;
}

void
explorer_init(struct explorer *ex, const struct ex_opts *opts)
{
	memset(ex, 0, sizeof(*ex));
	ex->opts = *opts;
	if (opts->nprofiles && opts->profiles[0].cfg.root)
		ex->root = xstrdup(opts->profiles[0].cfg.root);
	ex->memo = sim_memo_new();
}

static void
path_free(struct ex_path *p)
{
	for (size_t i = 0; i < p->nsteps; i++) {
		free(p->steps[i].what);
		free(p->steps[i].label);
		free(p->steps[i].site);
	}
	free(p->steps);
	free(p->text);
	free(p->message);
	free(p->site);
	free(p->fail_argv);
	free(p->label);
	for (size_t i = 0; i < p->ndetours; i++) {
		free(p->detours[i].site);
		free(p->detours[i].label);
		free(p->detours[i].after);
	}
	free(p->detours);
	free(p->kernel);
	free(p->cmdline);
	for (size_t i = 0; i < p->ninitrds; i++)
		free(p->initrds[i]);
	free(p->initrds);
}

void
explorer_fini(struct explorer *ex)
{
	for (size_t i = 0; i < ex->npaths; i++)
		path_free(&ex->paths[i]);
	free(ex->paths);
	for (size_t i = 0; i < ex->nnodes; i++) {
		free(ex->nodes[i].actual);
		free(ex->nodes[i].snap);
		free(ex->nodes[i].reads);
		free(ex->nodes[i].label);
		saved_free(ex->nodes[i].saved);
	}
	free(ex->nodes);
	free(ex->pending);
	free(ex->pos_key);
	free(ex->pos_node);
	for (size_t i = 0; i < ex->ncover; i++) {
		free(ex->cover[i].file);
		free(ex->cover[i].src);
		free(ex->cover[i].hit);
	}
	free(ex->cover);
	for (size_t i = 0; i < ex->nitems; i++) {
		free(ex->items[i].menu);
		free(ex->items[i].item);
		free(ex->items[i].site);
	}
	free(ex->items);
	free(ex->items_key);
	free(ex->items_idx);
	free(ex->script_name);
	free(ex->src);
	free(ex->root);
	free(ex->uri_dir);
	sim_memo_free(ex->memo);
}
