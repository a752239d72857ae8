/*
 * decide.c - the input points of the simulator when the explorer drives
 * it (explore.h): each builds the list of alternatives a user or the
 * network could produce, asks sim->hooks->decide() which one to take and
 * returns what the command would have got from the keyboard or the wire.
 * Nothing is drawn: the explorer never looks at the screen.
 */
#include <stdlib.h>
#include <string.h>

#include "interp/explore.h"
#include "interp/net.h"
#include "interp/netdev.h"
#include "interp/sim.h"
#include "interp/ui.h"
#include "interp/uri.h"
#include "parser/util.h"

static unsigned
ask(struct sim *sim, enum decision_kind kind, const char *what, unsigned n,
    const char *const *labels)
{
	struct decision d = { .kind = kind, .what = what, .n = n,
			      .labels = labels };
	unsigned i;

	if (n < 2)
		return 0;
	i = sim->hooks->decide(sim->hooks_ctx, sim, &d);
	return i < n ? i : 0;
}

int
explore_choose(struct sim *sim, struct ui *ui, bool timeout,
	       const char *select, unsigned *selected)
{
	const char **labels = xcalloc(ui->nitems + 2, sizeof(*labels));
	unsigned *index = xcalloc(ui->nitems + 2, sizeof(*index));
	unsigned n = 0, initial = 0, named = 0, pick;
	int rc = 0;

	/* show_menu()'s initial selection (spec 9.3 step 4), which the
	 * timeout chooses */
	for (unsigned i = 0; i < ui->nitems; i++) {
		const struct ui_item *item = &ui->items[i];

		if (!item->name)
			continue;
		if (!named++)
			initial = i;
		if (select ? strcmp(select, item->name) == 0
			   : (item->flags & UI_DEFAULT) != 0)
			initial = i;
		index[n] = i;
		labels[n++] = item->name;
	}
	if (!named) {
		rc = sim_err(sim, ERR_MENU_EMPTY);
		goto out;
	}
	labels[n++] = "Esc";
	if (timeout)
		labels[n++] = "timeout";
	pick = ask(sim, DEC_CHOOSE, ui->name ? ui->name : ui->title, n,
		   labels);
	if (sim_halted(sim))
		goto out;
	if (pick < named)
		*selected = index[pick];
	else if (pick == named)
		rc = sim_err(sim, ERR_MENU_CANCELLED);
	else
		*selected = initial;
out:
	free(labels);
	free(index);
	return rc;
}

int
explore_prompt(struct sim *sim, const char *text, bool has_key, int key,
	       bool timeout)
{
	const char *labels[3];
	char keyname[32];
	unsigned n = 0, pick;
	int other = key == ' ' ? 'x' : ' ';

	if (has_key) {
		if (key > 0x20 && key < 0x7f)
			snprintf(keyname, sizeof(keyname), "key '%c'", key);
		else
			snprintf(keyname, sizeof(keyname), "key 0x%x", key);
		labels[n++] = keyname;
		labels[n++] = "other key";
	} else {
		labels[n++] = "a key";
	}
	if (timeout)
		labels[n++] = "timeout";
	pick = ask(sim, DEC_PROMPT, text, n, labels);
	if (!has_key)
		return pick == 0 ? ' ' : KEY_NONE;
	return pick == 0 ? key : pick == 1 ? other : KEY_NONE;
}

/* Whether token text t (len bytes) reads setting name: ${name} or
 * ${name:type}. */
static bool
reads_setting(const char *t, size_t len, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i + n + 3 <= len; i++)
		if (t[i] == '$' && t[i + 1] == '{' &&
		    memcmp(t + i + 2, name, n) == 0 &&
		    (t[i + 2 + n] == '}' || t[i + 2 + n] == ':'))
			return true;
	return false;
}

static void
add_value(char ***v, size_t *n, const char *text, size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (strlen((*v)[i]) == len && !memcmp((*v)[i], text, len))
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrndup(text, len);
}

/* The literal values the running scripts compare setting name with
 * (iseq A B where one side reads it and the other is plain text). */
static void
compared_values(struct sim *sim, const char *name, char ***v, size_t *n)
{
	const struct cmd_def *iseq = cmd_lookup("iseq", 4);

	for (struct frame *f = sim->frame; f; f = f->caller) {
		const struct script *s = f->ast;

		for (uint32_t ci = 0; ci < s->ncmds; ci++) {
			const struct cmd *c = &s->cmds[ci];
			const struct tok *t = &s->toks[c->tok];
			const struct cmd_def *def;

			if (c->ntok != 3)
				continue;
			def = cmd_lookup(tok_str(s, t), t->len);
			if (!def || def != iseq)
				continue;
			for (int side = 1; side <= 2; side++) {
				const struct tok *a = &s->toks[c->tok + side];
				const struct tok *b =
					&s->toks[c->tok + 3 - side];

				if (reads_setting(tok_str(s, a), a->len,
						  name) &&
				    !memchr(tok_str(s, b), '$', b->len))
					add_value(v, n, tok_str(s, b),
						  b->len);
			}
		}
	}
}

char *
explore_read(struct sim *sim, const char *name, const char *existing)
{
	char **values = NULL, **labels, *line;
	size_t n = 0;
	unsigned pick;

	compared_values(sim, name, &values, &n);
	/* Enter keeps what is shown; one value nobody tests for */
	add_value(&values, &n, existing, strlen(existing));
	add_value(&values, &n, "explore-other", 13);
	labels = xcalloc(n, sizeof(*labels));
	for (size_t i = 0; i < n; i++) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "'%s'", values[i]);
		labels[i] = buf_steal(&b);
	}
	pick = ask(sim, DEC_READ, name, (unsigned)n,
		   (const char *const *)labels);
	line = xstrdup(values[pick]);
	for (size_t i = 0; i < n; i++) {
		free(values[i]);
		free(labels[i]);
	}
	free(values);
	free(labels);
	return line;
}

bool
explore_dhcp(struct sim *sim, const struct netdev *nd)
{
	static const char *const labels[] = { "answered", "no answer" };

	if (!sim->hooks->fail_dhcp)
		return true;
	return ask(sim, DEC_DHCP, nd->name, 2, labels) == 0;
}

/* A file that iPXE can boot on this platform and nothing else: a bzImage
 * header on BIOS, a PE32+ for x86_64 on EFI (image.c's probes). */
static void
stub_kernel(const struct sim *sim, struct buf *b)
{
	uint8_t d[1536];

	memset(d, 0, sizeof(d));
	if (sim->cfg.plat == PLAT_EFI) {
		d[0] = 'M';
		d[1] = 'Z';
		d[0x3c] = 0x80;
		memcpy(d + 0x80, "PE\0\0", 4);
		d[0x84] = 0x64;
		d[0x85] = 0x86;
		d[0x80 + 24] = 0x0b;
		d[0x80 + 25] = 0x02;
	} else {
		d[0x1f1] = 1;
		d[0x1fe] = 0x55;
		d[0x1ff] = 0xaa;
		memcpy(d + 0x202, "HdrS", 4);
		d[0x206] = 0x0f;
		d[0x207] = 0x02;
	}
	buf_add(b, d, sizeof(d));
}

void
explore_xfer(struct sim *sim, const struct uri *u, struct net_xfer *x)
{
	static const char *const labels[] = { "ok", "fails" };
	char *text;

	if (!x->started || x->ticks == NET_FOREVER)
		return;
	text = uri_format(u);
	if (x->rc == 0 && sim->hooks->fail_downloads) {
		if (ask(sim, DEC_DOWNLOAD, text, 2, labels) == 1) {
			x->rc = sim_err(sim, ERR_HTTP_404);
			x->data.len = 0;
		}
	} else if (x->rc != 0 && sim->hooks->stub &&
		   sim->hooks->stub(sim->hooks_ctx, sim, text)) {
		x->rc = 0;
		x->ticks = 0;
		x->data.len = 0;
		stub_kernel(sim, &x->data);
	}
	free(text);
}
