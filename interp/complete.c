/*
 * complete.c - what the REPL's Tab offers (complete.h).  The line is cut
 * into words as iPXE cuts it (blanks; a word that is exactly "||", "&&"
 * or ";" separates commands, spec 3.3), and what an argument is comes
 * from the command's synopsis in stdlib/commands.def.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "interp/cmds.h"
#include "interp/complete.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "parser/script.h"
#include "parser/util.h"

/* Adds "<pre><name><post>" when it starts with want. */
static void
offer(struct completion *c, const char *want, const char *pre,
      const char *name, size_t namelen, const char *post)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, pre);
	buf_add(&b, name, namelen);
	buf_adds(&b, post);
	if (strncmp(b.data, want, strlen(want)) != 0) {
		buf_fini(&b);
		return;
	}
	c->cands = xrealloc(c->cands, (c->n + 1) * sizeof(*c->cands));
	c->cands[c->n++] = buf_steal(&b);
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts and drops duplicates. */
static void
tidy(struct completion *c)
{
	size_t k = 0;

	if (!c->n)
		return;		/* qsort() wants an array, even for none */
	qsort(c->cands, c->n, sizeof(*c->cands), by_str);
	for (size_t i = 0; i < c->n; i++) {
		if (k && strcmp(c->cands[k - 1], c->cands[i]) == 0)
			free(c->cands[i]);
		else
			c->cands[k++] = c->cands[i];
	}
	c->n = k;
}

void
completion_fini(struct completion *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->cands[i]);
	free(c->cands);
	c->cands = NULL;
	c->n = 0;
}

/* ---------------------------------------------------------------- settings */

/* The block's name as a reference spells it: "net0.dhcp". */
static void
block_path(const struct sblock *b, struct buf *out)
{
	if (!b->parent)
		return;
	if (b->parent->parent) {
		block_path(b->parent, out);
		buf_addc(out, '.');
	}
	buf_adds(out, b->name);
}

/* Which predefined settings a block of this kind holds. */
static bool
scope_fits(const struct sblock *b, enum set_scope scope)
{
	switch (b->kind) {
	case SB_BUILTIN:
		return scope == SCOPE_BUILTIN;
	case SB_SMBIOS:
		return scope == SCOPE_SMBIOS;
	case SB_NETDEV:
		return scope == SCOPE_NETDEV || scope == SCOPE_DHCP;
	case SB_DHCP:
	case SB_GENERIC:
	case SB_NETX:
		return scope == SCOPE_DHCP;
	case SB_PCI:
		return false;
	}
	return false;
}

/* Every block, for the "block/" part of a reference. */
static void
offer_blocks(struct completion *c, const char *want, struct sblock *b)
{
	for (struct sblock *k = b->children; k; k = k->next) {
		struct buf path;

		buf_init(&path);
		block_path(k, &path);
		offer(c, want, "", path.data, path.len, "/");
		buf_fini(&path);
		offer_blocks(c, want, k);
	}
}

/* Stored names anywhere, which a lookup from the root finds too. */
static void
offer_stored(struct completion *c, const char *want, struct sblock *b)
{
	for (const struct gsetting *g = b->values; g; g = g->next)
		offer(c, want, "", g->name, strlen(g->name), "");
	for (struct sblock *k = b->children; k; k = k->next)
		offer_stored(c, want, k);
}

/* A setting reference "[block/]name" being typed as want. */
static void
complete_setting(struct sim *sim, struct completion *c, const char *want)
{
	const char *slash = strrchr(want, '/');
	unsigned mask = sim_build_mask(sim);

	if (!slash) {
		for (size_t i = 0; i < SET_COUNT; i++)
			if (set_table[i].builds & mask)
				offer(c, want, "", set_table[i].name,
				      strlen(set_table[i].name), "");
		offer_stored(c, want, sim->settings);
		offer_blocks(c, want, sim->settings);
	} else {
		char *blk = xstrndup(want, (size_t)(slash - want));
		char *pre = xstrndup(want, (size_t)(slash - want) + 1);
		struct sblock *b = settings_child(sim, sim->settings, blk);

		if (b) {
			b = settings_target(sim, b);
			for (size_t i = 0; i < SET_COUNT; i++)
				if ((set_table[i].builds & mask) &&
				    scope_fits(b, set_table[i].scope))
					offer(c, want, pre, set_table[i].name,
					      strlen(set_table[i].name), "");
			for (const struct gsetting *g = b->values; g;
			     g = g->next)
				offer(c, want, pre, g->name, strlen(g->name),
				      "");
		}
		free(blk);
		free(pre);
	}
}

/* ---------------------------------------------------------------- files */

/* File names under root for a word want ("dir/na"). */
static void
complete_file(const char *root, struct completion *c, const char *want)
{
	const char *slash = strrchr(want, '/');
	size_t dirlen = slash ? (size_t)(slash - want) + 1 : 0;
	char *pre = xstrndup(want, dirlen);
	struct buf dir;
	DIR *d;
	struct dirent *e;

	buf_init(&dir);
	buf_printf(&dir, "%s/%s", root, pre);
	d = opendir(dir.data);
	while (d && (e = readdir(d))) {
		struct buf full;
		struct stat st;
		bool isdir;

		if (e->d_name[0] == '.' && want[dirlen] != '.')
			continue;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		buf_init(&full);
		buf_printf(&full, "%s/%s", dir.data, e->d_name);
		isdir = stat(full.data, &st) == 0 && S_ISDIR(st.st_mode);
		buf_fini(&full);
		offer(c, want, pre, e->d_name, strlen(e->d_name),
		      isdir ? "/" : "");
	}
	if (d)
		closedir(d);
	buf_fini(&dir);
	free(pre);
}

/* ---------------------------------------------------------------- line */

/* The kind of positional argument n (0-based) in a synopsis such as
 * "<setting> <value>": a pointer to the text after '<', or NULL. */
static const char *
synopsis_arg(const char *syn, unsigned n)
{
	for (const char *p = syn; p && (p = strchr(p, '<')); p++)
		if (n-- == 0)
			return p + 1;
	return NULL;
}

static bool
is_kind(const char *kind, const char *name)
{
	size_t len = strlen(name);

	return kind && strncmp(kind, name, len) == 0 && kind[len] == '>';
}

static bool
is_operator(const char *w, size_t len)
{
	return (len == 2 && (!memcmp(w, "||", 2) || !memcmp(w, "&&", 2))) ||
	       (len == 1 && w[0] == ';');
}

void
complete_line(struct sim *sim, const struct script *script,
	      const char *const *metas, const char *line, size_t cursor,
	      struct completion *out)
{
	size_t start = 0, cmd = 0, cmdlen = 0, i = 0, open;
	unsigned nwords = 0, npos = 0;
	bool in_options = true;
	const struct cmd_def *def = NULL;
	const char *kind;
	char *want;

	memset(out, 0, sizeof(*out));
	if (cursor > strlen(line))
		cursor = strlen(line);
	/* the words before the cursor: which command, which argument */
	while (i < cursor) {
		size_t w;

		while (i < cursor && is_ipxe_space((unsigned char)line[i]))
			i++;
		w = i;
		while (i < cursor && !is_ipxe_space((unsigned char)line[i]))
			i++;
		if (i == cursor) {
			start = w;
			break;
		}
		if (is_operator(line + w, i - w)) {
			nwords = npos = 0;
			in_options = true;
		} else if (nwords++ == 0) {
			cmd = w;
			cmdlen = i - w;
		} else if (in_options && line[w] == '-') {
			if (i - w == 2 && line[w + 1] == '-')
				in_options = false;
		} else {
			in_options = false;
			npos++;
		}
		start = i;
	}
	if (i < cursor || start > cursor)
		start = cursor;
	want = xstrndup(line + start, cursor - start);
	out->start = start;

	/* inside "${": a setting name, whatever the word */
	open = cursor;
	while (open > start && !(line[open - 1] == '{' && open - 1 > start &&
				 line[open - 2] == '$')) {
		if (line[open - 1] == '}')
			break;
		open--;
	}
	if (open > start && line[open - 1] == '{') {
		char *name = xstrndup(line + open, cursor - open);

		free(want);
		out->start = open;
		out->in_ref = true;
		complete_setting(sim, out, name);
		free(name);
		tidy(out);
		return;
	}
	if (nwords > 0 && metas && line[cmd] == '.' && cmdlen > 1)
		/* a meta command named as a command (.goto) takes the same
		 * arguments */
		def = cmd_lookup(line + cmd + 1, cmdlen - 1);
	else if (nwords > 0)
		def = cmd_lookup(line + cmd, cmdlen);
	if (nwords == 0 && want[0] == '.' && metas && start == 0) {
		for (const char *const *m = metas; *m; m++)
			offer(out, want, "", *m, strlen(*m), "");
	} else if (nwords == 0) {
		for (size_t k = 0; k < CMD_COUNT; k++)
			if (sim_cmd_present(sim, &cmd_table[k]))
				offer(out, want, "", cmd_table[k].name,
				      strlen(cmd_table[k].name), "");
	} else if (!def) {
		/* an unknown command: nothing to go on */
	} else if (want[0] == '-' && in_options) {
		for (unsigned k = 0; k < def->nopts; k++)
			offer(out, want, "--", def->opts[k].longname,
			      strlen(def->opts[k].longname), "");
	} else if (is_kind(kind = synopsis_arg(def->synopsis, npos),
			   "setting")) {
		complete_setting(sim, out, want);
	} else if (is_kind(kind, "label")) {
		for (uint32_t li = 0; script && li < script->nlines; li++) {
			const struct tok *t =
				line_label(script, &script->lines[li]);

			if (t)
				offer(out, want, "", tok_str(script, t),
				      t->len, "");
		}
	} else if (sim->cfg.root) {
		complete_file(sim->cfg.root, out, want);
	}
	free(want);
	tidy(out);
}
