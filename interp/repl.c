/*
 * repl.c - the interactive prompt of ipxesim (repl.h): iPXE's shell loop
 * (src/hci/shell.c: read a line, system() it, until `exit`) read with
 * libedit instead of iPXE's readline, plus '.' meta commands, a history
 * file, tab completion (complete.c) and Ctrl-C.  Terminal mode only:
 * batch runs never get here, so their output stays the real console's.
 */
#include <errno.h>
#include <fcntl.h>
/* histedit.h declares a tok_str() of its own (libedit's tokenizer, not
 * used here), which would clash with parser/script.h's */
#define tok_str histedit_tok_str
#include <histedit.h>
#undef tok_str
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interp/complete.h"
#include "interp/image.h"
#include "interp/repl.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "interp/term.h"
#include "parser/script.h"
#include "parser/util.h"

/* ---------------------------------------------------------------- meta */

static const struct {
	const char *name;	/* without the dot */
	enum repl_meta meta;
	int nargs;		/* 0, 1, or -1: an optional one */
	const char *usage;	/* arguments, then what it does */
} metas[] = {
	/* ORDER: as .help lists them and repl_meta_names holds them */
	{ "help", META_HELP, 0, "            this list" },
	{ "labels", META_LABELS, 0, "          the labels of the script" },
	{ "goto", META_GOTO, 1, " LABEL      resume the script at LABEL" },
	{ "trace", META_TRACE, 1, " on|off|json report each command run" },
	{ "settings", META_SETTINGS, 0, "        every setting and where it "
					"came from" },
	{ "images", META_IMAGES, 0, "          the image list" },
	{ "reset", META_RESET, 0, "           a fresh machine, same options" },
	{ "load", META_LOAD, 1, " FILE       load FILE as the script and "
				"run it" },
	{ "quit", META_QUIT, 0, "            leave ipxesim (as Ctrl-D does)" },
};
#define NMETAS (sizeof(metas) / sizeof(metas[0]))

const char *const repl_meta_names[] = {
	".help", ".labels", ".goto", ".trace", ".settings", ".images",
	".reset", ".load", ".quit", NULL,
};

static char *
meta_error(const char *fmt, const char *word)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, fmt, word);
	return buf_steal(&b);
}

enum repl_meta
repl_meta_parse(const char *line, char **arg)
{
	const char *p = line, *name, *a, *end;
	size_t len, alen;

	*arg = NULL;
	while (is_ipxe_space((unsigned char)*p))
		p++;
	if (*p != '.')
		return META_NONE;
	name = ++p;
	while (*p && !is_ipxe_space((unsigned char)*p))
		p++;
	len = (size_t)(p - name);
	while (is_ipxe_space((unsigned char)*p))
		p++;
	a = p;
	end = a + strlen(a);
	while (end > a && is_ipxe_space((unsigned char)end[-1]))
		end--;
	alen = (size_t)(end - a);
	for (size_t i = 0; i < NMETAS; i++) {
		if (strlen(metas[i].name) != len ||
		    memcmp(metas[i].name, name, len) != 0)
			continue;
		if (metas[i].nargs == 0 && alen) {
			*arg = meta_error(".%s takes no argument",
					  metas[i].name);
			return META_BAD;
		}
		if (metas[i].nargs == 1 &&
		    (!alen || strcspn(a, " \t\n\v\f\r") < alen)) {
			*arg = meta_error(alen ? ".%s takes one argument"
					       : ".%s needs an argument",
					  metas[i].name);
			return META_BAD;
		}
		if (metas[i].meta == META_TRACE &&
		    !(alen == 2 && !memcmp(a, "on", 2)) &&
		    !(alen == 3 && !memcmp(a, "off", 3)) &&
		    !(alen == 4 && !memcmp(a, "json", 4))) {
			*arg = meta_error(".trace takes on, off or json", "");
			return META_BAD;
		}
		if (alen)
			*arg = xstrndup(a, alen);
		return metas[i].meta;
	}
	{
		char *word = xstrndup(name, len);

		*arg = meta_error("unknown meta command '.%s'; .help lists "
				  "them", word);
		free(word);
	}
	return META_BAD;
}

/* ---------------------------------------------------------------- history */

bool
repl_history_add(struct repl_history *h, const char *line)
{
	const char *p = line;

	while (is_ipxe_space((unsigned char)*p))
		p++;
	if (!*p || strchr(line, '\n') ||
	    (h->n && strcmp(h->lines[h->n - 1], line) == 0))
		return false;
	if (h->n == REPL_HISTORY_MAX) {
		free(h->lines[0]);
		memmove(h->lines, h->lines + 1,
			(h->n - 1) * sizeof(*h->lines));
		h->n--;
	}
	h->lines = xrealloc(h->lines, (h->n + 1) * sizeof(*h->lines));
	h->lines[h->n++] = xstrdup(line);
	return true;
}

void
repl_history_fini(struct repl_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	h->lines = NULL;
	h->n = 0;
}

char *
repl_history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct buf b;

	buf_init(&b);
	/* the XDG rule: a relative $XDG_STATE_HOME is to be ignored */
	if (state && state[0] == '/')
		buf_printf(&b, "%s/ipxekit/history", state);
	else if (home && home[0])
		buf_printf(&b, "%s/.local/state/ipxekit/history", home);
	else
		return NULL;
	return buf_steal(&b);
}

int
repl_history_load(struct repl_history *h, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return errno == ENOENT ? 0 : -1;
	while ((n = getline(&line, &cap, f)) != -1) {
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		repl_history_add(h, line);
	}
	free(line);
	fclose(f);
	return 0;
}

/* mkdir -p for the directories above path, mode 0700. */
static int
make_parents(const char *path)
{
	char *copy = xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
		if (rc)
			break;
	}
	free(copy);
	return rc;
}

int
repl_history_save(const struct repl_history *h, const char *path)
{
	struct buf tmp;
	FILE *f;
	int fd, err;

	if (make_parents(path) != 0)
		return -1;
	buf_init(&tmp);
	buf_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		err = errno;
		if (fd >= 0)
			close(fd);
		buf_fini(&tmp);
		errno = err;
		return -1;
	}
	for (size_t i = 0; i < h->n; i++)
		fprintf(f, "%s\n", h->lines[i]);
	if (fflush(f) != 0 || fsync(fd) != 0) {
		err = errno;
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0) {
		err = errno;
		goto fail;
	}
	if (rename(tmp.data, path) != 0) {
		err = errno;
		goto fail;
	}
	buf_fini(&tmp);
	return 0;
fail:
	unlink(tmp.data);
	buf_fini(&tmp);
	errno = err;
	return -1;
}

/* ---------------------------------------------------------------- origins */

/* A setting's value as last seen by repl_note_origin(), and from whom. */
struct origin {
	char *ref;		/* "net0/mac", "product", ... */
	char *value;
	char *from;
};

struct repl {
	struct sim *sim;
	struct repl_host host;
	EditLine *el;
	History *hist;
	struct repl_history history;
	char *history_path;
	struct origin *origins;
	size_t norigins;
	char *script_name;	/* the loaded script, or NULL */
	char *script_data;
	size_t script_len;
	struct script *script;	/* its parse, for labels */
	int exit_code;		/* of the last thing run */
	bool quit;		/* Ctrl-D or .quit: leave every prompt */
	bool cancel;		/* Ctrl-C typed at the prompt */
	bool resume;		/* .goto inside `shell`: back to the script */
	const char *noting;	/* repl_note_origin()'s origin */
};

/* The reference spelling of a block: "", "net0", "net0.dhcp". */
static void
block_ref(const struct sblock *b, struct buf *out)
{
	if (!b->parent)
		return;
	if (b->parent->parent) {
		block_ref(b->parent, out);
		buf_addc(out, '.');
	}
	buf_adds(out, b->name);
}

typedef void setting_fn(struct repl *r, const struct sblock *b,
			const char *ref, const char *value);

/* One setting of block b, if b itself holds it. */
static void
visit_one(struct repl *r, struct sblock *b, const char *path,
	  const char *name, setting_fn *fn)
{
	struct sim *sim = r->sim;
	struct buf ref, text;
	struct sblock *blk, *from = NULL;
	struct setting s;
	char *nb = NULL;

	buf_init(&ref);
	buf_init(&text);
	if (*path)
		buf_printf(&ref, "%s/", path);
	buf_adds(&ref, name);
	if (settings_parse_name(sim, ref.data, false, &blk, &s, &nb) == 0 &&
	    settings_fetchf(sim, blk, &s, &from, NULL, &text) == 0 &&
	    from == b)
		fn(r, b, ref.data, text.data ? text.data : "");
	free(nb);
	buf_fini(&ref);
	buf_fini(&text);
}

/* Every setting of every block (not pci, whose numeric names would
 * flood the list, nor netX, which is another name for a netN). */
static void
visit_settings(struct repl *r, struct sblock *b, setting_fn *fn)
{
	enum set_scope scope = b->kind == SB_BUILTIN ? SCOPE_BUILTIN
			       : b->kind == SB_SMBIOS ? SCOPE_SMBIOS
			       : b->kind == SB_NETDEV ? SCOPE_NETDEV
			       : SCOPE_OTHER;
	unsigned mask = sim_build_mask(r->sim);
	struct buf path;

	if (b->kind == SB_PCI || b->kind == SB_NETX)
		return;
	buf_init(&path);
	buf_add(&path, "", 0);
	block_ref(b, &path);
	if (scope != SCOPE_OTHER)
		for (size_t i = 0; i < SET_COUNT; i++)
			if (set_table[i].scope == scope &&
			    (set_table[i].builds & mask))
				visit_one(r, b, path.data, set_table[i].name,
					  fn);
	for (const struct gsetting *g = b->values; g; g = g->next) {
		const struct set_def *d = set_lookup(g->name,
						     strlen(g->name));

		/* a machine fact changed by --set is stored here too */
		if (!d || d->scope != scope || !(d->builds & mask))
			visit_one(r, b, path.data, g->name, fn);
	}
	buf_fini(&path);
	for (struct sblock *k = b->children; k; k = k->next)
		visit_settings(r, k, fn);
}

static struct origin *
find_origin(struct repl *r, const char *ref)
{
	for (size_t i = 0; i < r->norigins; i++)
		if (strcmp(r->origins[i].ref, ref) == 0)
			return &r->origins[i];
	return NULL;
}

static void
note_one(struct repl *r, const struct sblock *b, const char *ref,
	 const char *value)
{
	struct origin *o = find_origin(r, ref);

	(void)b;
	if (o && strcmp(o->value, value) == 0)
		return;
	if (!o) {
		r->origins = xrealloc(r->origins, (r->norigins + 1) *
					      sizeof(*r->origins));
		o = &r->origins[r->norigins++];
		o->ref = xstrdup(ref);
	} else {
		free(o->value);
		free(o->from);
	}
	o->value = xstrdup(value);
	o->from = xstrdup(r->noting);
}

void
repl_note_origin(struct repl *r, const char *origin)
{
	r->noting = origin;
	visit_settings(r, r->sim->settings, note_one);
	r->noting = NULL;
}

static void
print_one(struct repl *r, const struct sblock *b, const char *ref,
	  const char *value)
{
	const struct origin *o = find_origin(r, ref);
	const char *from = o && strcmp(o->value, value) == 0 ? o->from
			   : b->kind == SB_DHCP ? "DHCP"
			   : b->kind == SB_BUILTIN ? "machine"
			   : "script";

	printf("%-24s %-30s %s\n", ref, value, from);
}

/* ---------------------------------------------------------------- script */

void
repl_set_script(struct repl *r, const char *name, const char *data,
		size_t len)
{
	free(r->script_name);
	free(r->script_data);
	script_free(r->script);
	r->script_name = xstrdup(name);
	r->script_data = xmalloc(len + 1);
	memcpy(r->script_data, data, len);
	r->script_data[len] = '\0';
	r->script_len = len;
	r->script = script_parse(name, data, len);
}

/* The script .labels and .goto mean: the one running (when `shell`
 * opened the prompt), else the loaded one. */
static const struct script *
current_script(const struct repl *r)
{
	if (r->sim->frame)
		return r->sim->frame->ast;
	return r->script;
}

static bool
find_label(const struct script *s, const char *label, uint32_t *li)
{
	for (uint32_t i = 0; s && i < s->nlines; i++) {
		const struct tok *t = line_label(s, &s->lines[i]);

		if (t && t->len == strlen(label) &&
		    memcmp(tok_str(s, t), label, t->len) == 0) {
			*li = i;
			return true;
		}
	}
	return false;
}

/* The loaded script's image: the registered one if it is still there,
 * else a fresh copy (after .reset or imgfree). */
static struct image *
script_image(struct repl *r)
{
	struct image *img = image_find(r->sim, r->script_name);

	if (!img || img->len != r->script_len ||
	    memcmp(img->data, r->script_data, img->len) != 0) {
		img = image_new(r->sim, r->script_name, r->script_data,
				r->script_len, NULL);
		image_register(r->sim, img);
	}
	return img;
}

/* ---------------------------------------------------------------- running */

static int shell_prompt(struct sim *sim);

/* Hooks the REPL into sim (again after .reset, which clears sim). */
static void
hook(struct repl *r)
{
	r->sim->shell = shell_prompt;
	r->sim->shell_ctx = r;
	if (!r->sim->trace_out)
		r->sim->trace_out = stderr;
}

/* After a run ended (booted, interrupted, ...) the prompt goes on with
 * the machine as it is: only the outcome is forgotten. */
static void
resume_machine(struct sim *sim)
{
	sim->outcome = OUT_RUNNING;
	free(sim->outcome_text);
	sim->outcome_text = NULL;
	sim->outcome_site[0] = '\0';
	sim->stop = STOP_NONE;
}

/* Prints the outcome of something run at the prompt when it ended the
 * run (or always, for a script run by .goto or .load), and records the
 * exit code it means. */
static void
settle(struct repl *r, int rc, bool script)
{
	fflush(stdout);
	if (sim_halted(r->sim) || script) {
		/* below the console's last line, and below the ^C that
		 * the terminal echoed */
		if (r->sim->midline || r->sim->outcome == OUT_INTERRUPTED)
			fputc('\n', stdout);
		fflush(stdout);
		r->exit_code = r->host.report(r->sim, rc);
		resume_machine(r->sim);
	} else {
		r->exit_code = rc == 0 ? 0 : 1;
	}
	/* a Ctrl-C that came after the run ended is forgotten */
	(void)term_interrupted(r->sim->term);
}

static void
meta_help(void)
{
	printf("Type any iPXE command line (`help` lists the commands), or "
	       "one of:\n");
	for (size_t i = 0; i < NMETAS; i++)
		printf("  .%s%s\n", metas[i].name, metas[i].usage);
	printf("Tab completes; Ctrl-C interrupts a running script or clears "
	       "the line;\nCtrl-D on an empty line leaves.\n");
}

static void
meta_images(struct sim *sim)
{
	struct image *sel = image_selected(sim);

	if (!sim->images)
		printf("no images\n");
	for (struct image *i = sim->images; i; i = i->next) {
		const char *type = image_type_name(i->type);

		printf("%-16s %-10s %8zu bytes%s%s%s%s\n", i->name,
		       type ? type : "-", i->len, i == sel ? "  selected" : "",
		       i->uri ? "  from " : "", i->uri ? i->uri : "",
		       i->cmdline ? "  (has a command line)" : "");
	}
}

static void
meta_labels(struct repl *r)
{
	const struct script *s = current_script(r);
	bool any = false;

	for (uint32_t i = 0; s && i < s->nlines; i++) {
		const struct tok *t = line_label(s, &s->lines[i]);

		if (t) {
			printf("%-20.*s line %u\n", (int)t->len,
			       tok_str(s, t), script_pos(s, t->off).line);
			any = true;
		}
	}
	if (!any)
		printf(s ? "no labels in %s\n" : "no script loaded%s\n",
		       s ? s->name : "");
}

static int
meta_load(struct repl *r, const char *path)
{
	struct script *s = script_load(path);
	const char *base = strrchr(path, '/');
	struct image *img;

	if (!s) {
		fprintf(stderr, "ipxesim: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (s->sig == SIG_NONE) {
		diag_print_gcc(stderr, s->name, &s->diags[0]);
		script_free(s);
		return -1;
	}
	repl_set_script(r, base ? base + 1 : path, s->src, s->srclen);
	script_free(s);
	img = image_new(r->sim, r->script_name, r->script_data,
			r->script_len, NULL);
	image_register(r->sim, img);
	settle(r, image_exec(r->sim, img), true);
	return 0;
}

/* Runs a meta command; returns false when the prompt should end. */
static bool
run_meta(struct repl *r, enum repl_meta m, const char *arg)
{
	struct sim *sim = r->sim;
	uint32_t li;

	switch (m) {
	case META_NONE:
	case META_BAD:
		break;
	case META_HELP:
		meta_help();
		break;
	case META_LABELS:
		meta_labels(r);
		break;
	case META_GOTO:
		if (!find_label(current_script(r), arg, &li)) {
			printf(current_script(r) ? "no label '%s'\n"
						 : "no script loaded\n", arg);
			break;
		}
		if (sim->frame) {
			/* inside `shell`: the script goes on from there */
			sim->frame->next = li;
			r->resume = true;
			return false;
		}
		settle(r, sim_run_script_from(sim, script_image(r), li),
		       true);
		break;
	case META_TRACE:
		sim->cfg.trace = !strcmp(arg, "on") ? TRACE_TEXT
				 : !strcmp(arg, "json") ? TRACE_JSON
				 : TRACE_OFF;
		break;
	case META_SETTINGS:
		visit_settings(r, sim->settings, print_one);
		break;
	case META_IMAGES:
		meta_images(sim);
		break;
	case META_RESET:
		if (sim->frame) {
			printf(".reset works at the top-level prompt only "
			       "(`exit` leaves this one)\n");
			break;
		}
		for (size_t i = 0; i < r->norigins; i++) {
			free(r->origins[i].ref);
			free(r->origins[i].value);
			free(r->origins[i].from);
		}
		r->norigins = 0;
		if (r->host.reset(sim, r->host.ctx) == 0)
			printf("a fresh machine\n");
		hook(r);
		break;
	case META_LOAD:
		if (sim->frame) {
			printf(".load works at the top-level prompt only\n");
			break;
		}
		meta_load(r, arg);
		break;
	case META_QUIT:
		r->quit = true;
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------- editing */

static char *
prompt_text(EditLine *el)
{
	(void)el;
	return (char *)"iPXE> ";
}

static struct repl *
repl_of(EditLine *el)
{
	void *r = NULL;

	el_get(el, EL_CLIENTDATA, &r);
	return r;
}

/* Tab: one candidate is inserted whole (with a blank after a word that
 * is complete); several insert their common prefix, or are listed when
 * there is none to add. */
static unsigned char
on_tab(EditLine *el, int ch)
{
	struct repl *r = repl_of(el);
	const LineInfo *li = el_line(el);
	size_t cursor = (size_t)(li->cursor - li->buffer), have, common;
	char *line = xstrndup(li->buffer, (size_t)(li->lastchar - li->buffer));
	struct completion c;
	unsigned char ret = CC_REFRESH;

	(void)ch;
	complete_line(r->sim, current_script(r), repl_meta_names, line, cursor,
		      &c);
	have = cursor - c.start;
	if (c.n == 0) {
		ret = CC_REFRESH_BEEP;
	} else if (c.n == 1) {
		const char *w = c.cands[0];
		size_t len = strlen(w);

		if (len > have)
			el_insertstr(el, w + have);
		if (w[len - 1] != '/')
			el_insertstr(el, c.in_ref ? "}" : " ");
	} else {
		common = strlen(c.cands[0]);
		for (size_t i = 1; i < c.n; i++) {
			size_t k = 0;

			while (k < common && c.cands[i][k] == c.cands[0][k])
				k++;
			common = k;
		}
		if (common > have) {
			char *add = xstrndup(c.cands[0] + have, common - have);

			el_insertstr(el, add);
			free(add);
		} else {
			size_t width = 0, cols;

			for (size_t i = 0; i < c.n; i++)
				if (strlen(c.cands[i]) > width)
					width = strlen(c.cands[i]);
			cols = 78 / (width + 2);
			if (!cols)
				cols = 1;
			fputc('\n', stdout);
			for (size_t i = 0; i < c.n; i++)
				printf("%-*s%s", (int)width + 2, c.cands[i],
				       (i + 1) % cols == 0 || i + 1 == c.n
					       ? "\n" : "");
			ret = CC_REDISPLAY;
		}
	}
	completion_fini(&c);
	free(line);
	return ret;
}

/* Ctrl-C while editing: the line is dropped (the terminal does not turn
 * it into SIGINT while libedit reads, see repl_new()). */
static unsigned char
on_ctrl_c(EditLine *el, int ch)
{
	(void)ch;
	repl_of(el)->cancel = true;
	fputs("^C", stdout);
	return CC_NEWLINE;
}

/*
 * One prompt: shell() of src/hci/shell.c.  Returns the status of the
 * last line run, as shell() does.  Ends on `exit` (shell_stopped()), on
 * .goto inside a script, and on Ctrl-D or .quit (r->quit: every prompt
 * ends and ipxesim leaves).
 */
static int
prompt_loop(struct repl *r)
{
	struct sim *sim = r->sim;
	int rc = 0;

	while (!r->quit && !r->resume) {
		HistEvent ev;
		const char *got;
		char *line, *arg;
		enum repl_meta m;
		int count = 0;

		(void)term_interrupted(sim->term);
		/* libedit keeps the terminal mode it finds: the cooked one,
		 * not the raw mode of a menu that ran before */
		term_cooked(sim->term);
		r->cancel = false;
		fflush(stdout);
		got = el_gets(r->el, &count);
		if (!got) {
			if (count < 0 && errno == EINTR)
				continue;
			/* Ctrl-D on an empty line */
			fputc('\n', stdout);
			r->quit = true;
			break;
		}
		line = xstrdup(got);
		line[strcspn(line, "\n")] = '\0';
		if (r->cancel) {
			fputc('\n', stdout);
			free(line);
			continue;
		}
		if (repl_history_add(&r->history, line)) {
			history(r->hist, &ev, H_ENTER, line);
			if (r->history_path)
				repl_history_save(&r->history,
						  r->history_path);
		}
		m = repl_meta_parse(line, &arg);
		if (m == META_BAD) {
			printf("%s\n", arg);
		} else if (m != META_NONE) {
			if (!run_meta(r, m, arg)) {
				free(arg);
				free(line);
				break;
			}
		} else {
			rc = sim_system(sim, line);
			settle(r, rc, false);
			if (sim_stopped(sim, STOP_COMMAND_SEQUENCE)) {
				free(line);
				break;	/* `exit` */
			}
		}
		free(arg);
		free(line);
	}
	return rc;
}

/* The `shell` command in terminal mode: a prompt, and `exit` or .goto
 * go back to the script.  Ctrl-D leaves ipxesim altogether, so the run
 * is halted to unwind the scripts. */
static int
shell_prompt(struct sim *sim)
{
	struct repl *r = sim->shell_ctx;
	int rc = prompt_loop(r);

	if (r->resume)
		/* .goto: the script goes on, whatever failed at the prompt */
		rc = 0;
	r->resume = false;
	if (r->quit)
		sim_halt(sim, OUT_SHELL, NULL);
	return rc;
}

struct repl *
repl_new(struct sim *sim, const struct repl_host *host)
{
	struct repl *r = xcalloc(1, sizeof(*r));
	HistEvent ev;

	r->sim = sim;
	r->host = *host;
	r->hist = history_init();
	history(r->hist, &ev, H_SETSIZE, REPL_HISTORY_MAX);
	r->history_path = repl_history_path();
	if (r->history_path &&
	    repl_history_load(&r->history, r->history_path) != 0)
		fprintf(stderr, "ipxesim: %s: %s\n", r->history_path,
			strerror(errno));
	for (size_t i = 0; i < r->history.n; i++)
		history(r->hist, &ev, H_ENTER, r->history.lines[i]);
	r->el = el_init("ipxesim", stdin, stdout, stderr);
	el_set(r->el, EL_CLIENTDATA, r);
	el_set(r->el, EL_PROMPT, prompt_text);
	el_set(r->el, EL_EDITOR, "emacs");
	el_set(r->el, EL_HIST, history, r->hist);
	/* ~/.editrc (or $EDITRC), e.g. "bind -v" for vi mode; first, as
	 * "bind -v" replaces the key map that the bindings below go to */
	el_source(r->el, NULL);
	el_set(r->el, EL_ADDFN, "ipxe-complete", "complete a word",
	       on_tab);
	el_set(r->el, EL_BIND, "^I", "ipxe-complete", NULL);
	/* Ctrl-C reaches the line editor as a key, not as SIGINT, so that
	 * it clears the line instead of interrupting el_gets() */
	el_set(r->el, EL_SETTY, "-d", "-isig", NULL);
	el_set(r->el, EL_ADDFN, "ipxe-cancel", "drop the line", on_ctrl_c);
	el_set(r->el, EL_BIND, "^C", "ipxe-cancel", NULL);
	hook(r);
	return r;
}

void
repl_free(struct repl *r)
{
	if (!r)
		return;
	el_end(r->el);
	history_end(r->hist);
	repl_history_fini(&r->history);
	free(r->history_path);
	for (size_t i = 0; i < r->norigins; i++) {
		free(r->origins[i].ref);
		free(r->origins[i].value);
		free(r->origins[i].from);
	}
	free(r->origins);
	free(r->script_name);
	free(r->script_data);
	script_free(r->script);
	if (r->sim->shell_ctx == r) {
		r->sim->shell = NULL;
		r->sim->shell_ctx = NULL;
	}
	free(r);
}

bool
repl_left(const struct repl *r)
{
	return r->quit;
}

int
repl_exit_code(const struct repl *r)
{
	return r->exit_code;
}

int
repl_run(struct repl *r, int exit_code)
{
	r->exit_code = exit_code;
	resume_machine(r->sim);
	prompt_loop(r);
	return r->exit_code;
}
