/*
 * explore_out.c - what the explorer reports: the boot matrix as a table
 * (-f tty), JSON (-f json), a Graphviz (-f dot) or Mermaid (-f mermaid)
 * graph of the decision states, findings in the linter's format, the
 * coverage of lines, labels and menu items, and --expect checks.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "interp/explore_int.h"
#include "parser/script.h"
#include "parser/util.h"

/* Paths that end somewhere of their own (not in another path's state). */
static bool
ends_here(const struct ex_path *p)
{
	return p->end != END_MERGED && p->end != END_CUT &&
	       !(p->end == END_LOOP && p->target);
}

/* "menu: item", "prompt 'text': timeout" ... */
static void
step_text(struct buf *b, const struct ex_step *s)
{
	switch (s->kind) {
	case DEC_CHOOSE:
		buf_printf(b, "%s: %s", s->what, s->label);
		break;
	case DEC_PROMPT:
		buf_printf(b, "prompt '%.40s': %s", s->what, s->label);
		break;
	case DEC_READ:
		buf_printf(b, "read %s: %s", s->what, s->label);
		break;
	case DEC_DHCP:
		buf_printf(b, "dhcp %s: %s", s->what, s->label);
		break;
	case DEC_DOWNLOAD:
		buf_printf(b, "%s: %s", s->what, s->label);
		break;
	}
}

/* What a decision did, for a finding's message. */
static void
cause_text(struct buf *b, const struct ex_path *p, size_t nsteps)
{
	const struct ex_step *s;

	if (!nsteps) {
		buf_adds(b, "the script, with no input,");
		return;
	}
	s = &p->steps[nsteps - 1];
	switch (s->kind) {
	case DEC_CHOOSE:
		if (!strcmp(s->label, "Esc"))
			buf_printf(b, "Esc in menu '%s' at %s", s->what,
				   s->site);
		else if (!strcmp(s->label, "timeout"))
			buf_printf(b, "the timeout of menu '%s' at %s",
				   s->what, s->site);
		else
			buf_printf(b, "choosing '%s' in menu '%s'", s->label,
				   s->what);
		break;
	case DEC_PROMPT:
		buf_printf(b, "%s at the prompt at %s", s->label, s->site);
		break;
	case DEC_READ:
		buf_printf(b, "reading %s into %s at %s", s->label, s->what,
			   s->site);
		break;
	case DEC_DHCP:
		buf_printf(b, "DHCP %s on %s at %s",
			   s->alt ? "getting no answer" : "answering",
			   s->what, s->site);
		break;
	case DEC_DOWNLOAD:
		buf_printf(b, "a failed download of %s at %s", s->what,
			   s->site);
		break;
	}
}

/* Whether detour k is the goto that ended the path in its error. */
static bool
detour_ends(const struct ex_path *p, size_t k)
{
	return k + 1 == p->ndetours && p->end == END_ERROR &&
	       p->goto_missing && !strcmp(p->detours[k].site, p->site);
}

static void
path_choices(struct buf *b, const struct ex_path *p)
{
	if (!p->nsteps)
		buf_adds(b, "(no input)");
	for (size_t i = 0; i < p->nsteps; i++) {
		if (i)
			buf_adds(b, " > ");
		step_text(b, &p->steps[i]);
	}
}

/* ---------------------------------------------------------------- tty */

void
ex_print_tty(const struct explorer *ex, FILE *out)
{
	size_t count[END_CUT + 1] = { 0 };

	for (size_t i = 0; i < ex->npaths; i++)
		count[ex->paths[i].end]++;
	fprintf(out, "%s: %zu paths, %zu decision states, %zu machine%s (",
		ex->script_path, ex->npaths, ex->states, ex->opts.nprofiles,
		ex->opts.nprofiles == 1 ? "" : "s");
	for (size_t i = 0; i < ex->opts.nprofiles; i++)
		fprintf(out, "%s%s", i ? ", " : "", ex->opts.profiles[i].label);
	fprintf(out, "), %zu runs\n ", ex->runs);
	for (int e = 0; e <= END_CUT; e++)
		if (count[e])
			fprintf(out, " %s %zu", ex_end_name((enum ex_end)e),
				count[e]);
	fprintf(out, "\n");
	for (size_t i = 0; i < ex->npaths; i++) {
		const struct ex_path *p = &ex->paths[i];
		struct buf b;

		buf_init(&b);
		path_choices(&b, p);
		fprintf(out, "\n#%-3u %s%s%s\n", p->id,
			ex->opts.nprofiles > 1
				? ex->opts.profiles[p->profile].label : "",
			ex->opts.nprofiles > 1 ? "  " : "", b.data);
		buf_fini(&b);
		switch (p->end) {
		case END_BOOT:
			fprintf(out, "     boot     %s%s\n",
				p->kernel ? p->kernel : p->text,
				p->stubbed ? "  (outside the tree)" : "");
			if (p->cmdline)
				fprintf(out, "              cmdline: %s\n",
					p->cmdline);
			for (size_t k = 0; k < p->ninitrds; k++)
				fprintf(out, "              %s %s\n",
					k ? "        " : "initrds:",
					p->initrds[k]);
			break;
		case END_MERGED:
			fprintf(out, "     merged   joins a state of #%u\n",
				p->merged_with);
			break;
		case END_ERROR:
			fprintf(out, "     error    %s: %s\n",
				p->site ? p->site : "?", p->text);
			if (p->fail_argv)
				fprintf(out, "              command: %s\n",
					p->fail_argv);
			if (p->message)
				fprintf(out, "              console: %s\n",
					p->message);
			break;
		default:
			fprintf(out, "     %-8s %s%s%s\n", ex_end_name(p->end),
				p->text ? p->text : "", p->site ? " at " : "",
				p->site ? p->site : "");
			break;
		}
		for (size_t k = 0; k < p->ndetours; k++)
			if (!detour_ends(p, k))
				fprintf(out, "     %-8s goto %s: no such label, "
					"at %s\n", k ? "" : "via",
					p->detours[k].label,
					p->detours[k].site);
	}
	if (ex->unexplored)
		fprintf(out, "\nnot explored: %zu alternatives (--max-paths "
			"or --max-depth reached)\n", ex->unexplored);
}

/* ---------------------------------------------------------------- json */

static void
json_str(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	while (*p) {
		unsigned n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1
			   : (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0
			   ? 3 : 9;
		bool ok = n != 9;

		for (unsigned k = 1; ok && k <= n; k++)
			ok = (p[k] & 0xc0) == 0x80;
		if (!ok) {
			fputs("\\ufffd", out);
			p++;
		} else if (n) {
			fwrite(p, 1, n + 1, out);
			p += n + 1;
		} else {
			if (*p == '"' || *p == '\\')
				fprintf(out, "\\%c", *p);
			else if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
			p++;
		}
	}
	fputc('"', out);
}

void
ex_print_json(const struct explorer *ex, FILE *out)
{
	struct ex_finding *f;
	size_t nf = ex_findings(ex, &f);

	fprintf(out, "{\"script\":");
	json_str(out, ex->script_path);
	fprintf(out, ",\"machines\":[");
	for (size_t i = 0; i < ex->opts.nprofiles; i++) {
		fprintf(out, "%s", i ? "," : "");
		json_str(out, ex->opts.profiles[i].label);
	}
	fprintf(out, "],\"states\":%zu,\"unexplored\":%zu,\"paths\":[",
		ex->states, ex->unexplored);
	for (size_t i = 0; i < ex->npaths; i++) {
		const struct ex_path *p = &ex->paths[i];

		fprintf(out, "%s\n{\"id\":%u,\"machine\":", i ? "," : "",
			p->id);
		json_str(out, ex->opts.profiles[p->profile].label);
		fprintf(out, ",\"choices\":[");
		for (size_t k = 0; k < p->nsteps; k++) {
			const struct ex_step *s = &p->steps[k];

			fprintf(out, "%s{\"kind\":\"%s\",\"at\":",
				k ? "," : "", ex_kind_name(s->kind));
			json_str(out, s->site);
			fprintf(out, ",\"what\":");
			json_str(out, s->what);
			fprintf(out, ",\"choice\":");
			json_str(out, s->label);
			fprintf(out, "}");
		}
		fprintf(out, "],\"outcome\":\"%s\",\"text\":",
			ex_end_name(p->end));
		json_str(out, p->text);
		if (p->end == END_BOOT) {
			fprintf(out, ",\"kernel\":");
			json_str(out, p->kernel);
			fprintf(out, ",\"cmdline\":");
			json_str(out, p->cmdline);
			fprintf(out, ",\"initrds\":[");
			for (size_t k = 0; k < p->ninitrds; k++) {
				fprintf(out, "%s", k ? "," : "");
				json_str(out, p->initrds[k]);
			}
			fprintf(out, "],\"outside_tree\":%s",
				p->stubbed ? "true" : "false");
		}
		if (p->end == END_EXIT || p->end == END_ERROR)
			fprintf(out, ",\"status\":%d", p->rc);
		if (p->end == END_MERGED)
			fprintf(out, ",\"joins\":%u", p->merged_with);
		if (p->site) {
			fprintf(out, ",\"at\":");
			json_str(out, p->site);
		}
		if (p->fail_argv) {
			fprintf(out, ",\"command\":");
			json_str(out, p->fail_argv);
		}
		if (p->end == END_ERROR && p->message) {
			fprintf(out, ",\"console\":");
			json_str(out, p->message);
		}
		if (p->ndetours)
			fprintf(out, ",\"missing_labels\":[");
		for (size_t k = 0; k < p->ndetours; k++) {
			fprintf(out, "%s{\"label\":", k ? "," : "");
			json_str(out, p->detours[k].label);
			fprintf(out, ",\"at\":");
			json_str(out, p->detours[k].site);
			fprintf(out, "}%s", k + 1 == p->ndetours ? "]" : "");
		}
		fprintf(out, "}");
	}
	fprintf(out, "],\n\"findings\":[");
	for (size_t i = 0; i < nf; i++) {
		fprintf(out, "%s\n{\"file\":", i ? "," : "");
		json_str(out, f[i].file);
		fprintf(out, ",\"line\":%u,\"code\":\"IPX%04d\","
			"\"severity\":\"%s\",\"message\":", f[i].line,
			f[i].code, f[i].error ? "error" : "warning");
		json_str(out, f[i].message);
		fprintf(out, "}");
	}
	fprintf(out, "]}\n");
	ex_findings_free(f, nf);
}

/* ---------------------------------------------------------------- graphs */

/* A short label for where a path ends. */
static char *
end_label(const struct ex_path *p)
{
	struct buf b;
	const char *slash;

	buf_init(&b);
	switch (p->end) {
	case END_BOOT:
		slash = p->kernel ? strrchr(p->kernel, '/') : NULL;
		buf_printf(&b, "boot %.60s", slash ? slash + 1 : p->kernel
						       ? p->kernel : "");
		break;
	case END_ERROR:
		if (p->goto_missing)
			buf_printf(&b, "missing label %.40s", p->label);
		else
			buf_printf(&b, "error %.60s", p->fail_argv
				   ? p->fail_argv : p->text);
		break;
	default:
		buf_printf(&b, "%s %.60s", ex_end_name(p->end),
			   p->text ? p->text : "");
		break;
	}
	return buf_steal(&b);
}

/* Characters that neither dot nor Mermaid labels take as they are. */
static void
label_out(FILE *out, const char *s, bool mermaid)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs(mermaid ? "<br/>" : "\\n", out);
		else if (c == '"' || c == '|' || c == '<' || c == '>' ||
		    c == '\\' || c == '[' || c == ']' || c == '{' ||
		    c == '}' || c < 0x20)
			fputc('\'', out);
		else
			fputc(c, out);
	}
}

struct edge_set {
	uint64_t *keys;
	size_t n, cap;
};

static bool
edge_new(struct edge_set *e, const char *from, const char *to,
	 const char *label)
{
	uint64_t h = 0xcbf29ce484222325ull;
	const char *parts[3] = { from, to, label };

	for (int k = 0; k < 3; k++)
		for (const char *s = parts[k]; ; s++) {
			h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
			if (!*s)
				break;
		}
	for (size_t i = 0; i < e->n; i++)
		if (e->keys[i] == h)
			return false;
	e->keys = xgrow(e->keys, &e->cap, e->n + 1, sizeof(*e->keys));
	e->keys[e->n++] = h;
	return true;
}

static void
print_graph(const struct explorer *ex, FILE *out, bool mermaid)
{
	struct edge_set nodes = { 0 }, edges = { 0 };
	char from[32], to[32];

	if (mermaid)
		fprintf(out, "flowchart TD\n  start([%s])\n",
			ex->script_name);
	else
		fprintf(out, "digraph explore {\n  rankdir=LR;\n  node "
			"[shape=box, fontsize=10];\n  start [shape=oval, "
			"label=\"%s\"];\n", ex->script_name);
	for (size_t i = 0; i < ex->npaths; i++) {
		const struct ex_path *p = &ex->paths[i];
		const char *label = "";

		snprintf(from, sizeof(from), "start");
		for (size_t k = 0; k <= p->nsteps; k++) {
			bool last = k == p->nsteps;
			char *tl = NULL;

			if (!last) {
				const struct ex_step *s = &p->steps[k];

				snprintf(to, sizeof(to), "n%u", s->node);
				if (edge_new(&nodes, to, "", "")) {
					fprintf(out, mermaid ? "  %s[\"" :
						"  %s [label=\"", to);
					label_out(out, ex->nodes[s->node].label,
						  mermaid);
					fprintf(out, mermaid ? "\"]\n" :
						"\"];\n");
				}
			} else if (p->end == END_MERGED ||
				   (p->end == END_LOOP && p->target)) {
				snprintf(to, sizeof(to), "n%u", p->target - 1);
			} else {
				snprintf(to, sizeof(to), "p%u", p->id);
				tl = end_label(p);
				fprintf(out, mermaid ? "  %s([\"" :
					"  %s [shape=%s, label=\"", to,
					mermaid ? "" : p->end == END_BOOT
					? "note" : "octagon");
				label_out(out, tl, mermaid);
				fprintf(out, mermaid ? "\"])\n" : "\"];\n");
			}
			if (edge_new(&edges, from, to, label)) {
				if (mermaid && *label) {
					fprintf(out, "  %s -->|\"", from);
					label_out(out, label, mermaid);
					fprintf(out, "\"| %s\n", to);
				} else if (mermaid) {
					fprintf(out, "  %s --> %s\n", from, to);
				} else {
					fprintf(out, "  %s -> %s [label=\"",
						from, to);
					label_out(out, label, mermaid);
					fprintf(out, "\"];\n");
				}
			}
			free(tl);
			if (!last) {
				memcpy(from, to, sizeof(from));
				label = p->steps[k].label;
			}
		}
	}
	if (!mermaid)
		fprintf(out, "}\n");
	free(nodes.keys);
	free(edges.keys);
}

void
ex_print_dot(const struct explorer *ex, FILE *out)
{
	print_graph(ex, out, false);
}

void
ex_print_mermaid(const struct explorer *ex, FILE *out)
{
	print_graph(ex, out, true);
}

/* ---------------------------------------------------------------- coverage */

void
ex_print_coverage(const struct explorer *ex, FILE *out)
{
	size_t unchosen = 0;

	fprintf(out, "coverage:\n");
	for (size_t i = 0; i < ex->ncover; i++) {
		const struct ex_cover *c = &ex->cover[i];
		struct script *s = script_parse(c->file, c->src, c->len);
		unsigned total = 0, run = 0;
		struct buf missed, labels;

		buf_init(&missed);
		buf_init(&labels);
		buf_add(&missed, "", 0);
		buf_add(&labels, "", 0);
		for (uint32_t li = 0; li < s->nlines && li < c->nlines; li++) {
			const struct line *l = &s->lines[li];
			const struct tok *t = line_label(s, l);

			if (!t && !line_ncmd(s, l))
				continue;
			total++;
			if (c->hit[li]) {
				run++;
				continue;
			}
			if (t)
				buf_printf(&labels, " :%.*s", (int)t->len,
					   tok_str(s, t));
			else
				buf_printf(&missed, " %u", l->lineno);
		}
		fprintf(out, "  %s: %u of %u lines run\n", c->file, run,
			total);
		if (labels.len)
			fprintf(out, "    labels never reached:%s\n",
				labels.data);
		if (missed.len)
			fprintf(out, "    lines never run:%s\n", missed.data);
		buf_fini(&missed);
		buf_fini(&labels);
		script_free(s);
	}
	for (size_t i = 0; i < ex->nitems; i++)
		if (!ex->items[i].chosen) {
			if (!unchosen++)
				fprintf(out, "  menu items never chosen:\n");
			fprintf(out, "    %s: %s '%s'\n", ex->items[i].site,
				ex->items[i].menu, ex->items[i].item);
		}
}

/* ---------------------------------------------------------------- findings */

static void
add_finding(struct ex_finding **v, size_t *n, const char *site, int code,
	    bool error, const char *message)
{
	const char *colon = site ? strrchr(site, ':') : NULL;
	char *file = colon ? xstrndup(site, (size_t)(colon - site))
			   : xstrdup(site ? site : "?");
	unsigned line = colon ? (unsigned)strtoul(colon + 1, NULL, 10) : 0;

	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].code == code && (*v)[i].line == line &&
		    !strcmp((*v)[i].file, file) &&
		    !strcmp((*v)[i].message, message)) {
			free(file);
			return;
		}
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n] = (struct ex_finding){ .file = file, .line = line,
					.code = code, .error = error,
					.message = xstrdup(message) };
	(*n)++;
}

size_t
ex_findings(const struct explorer *ex, struct ex_finding **out)
{
	struct ex_finding *v = NULL;
	size_t n = 0;

	for (size_t i = 0; i < ex->npaths; i++) {
		const struct ex_path *p = &ex->paths[i];
		const struct ex_step *last = p->nsteps
			? &p->steps[p->nsteps - 1] : NULL;
		struct buf b;

		/* the gotos to missing labels the path went on after */
		for (size_t k = 0; k < p->ndetours; k++) {
			const struct ex_detour *dt = &p->detours[k];

			buf_init(&b);
			cause_text(&b, p, dt->nsteps);
			buf_printf(&b, " goes to missing label '%s'",
				   dt->label);
			if (dt->after)
				buf_printf(&b, " (%s)", dt->after);
			add_finding(&v, &n, dt->site, 9101, true, b.data);
			buf_fini(&b);
		}
		buf_init(&b);
		cause_text(&b, p, p->nsteps);
		if (p->ndetours && detour_ends(p, p->ndetours - 1)) {
			/* the last goto on the way: reported above */
		} else if (p->end == END_ERROR && p->goto_missing) {
			buf_printf(&b, " goes to missing label '%s'",
				   p->label);
			add_finding(&v, &n, p->site, 9101, true, b.data);
		} else if (p->end == END_ERROR && last && p->site &&
			   !strcmp(p->site, last->site)) {
			buf_printf(&b, " aborts the script (%s)", p->text);
			add_finding(&v, &n, last->site, 9102, false, b.data);
		} else if (p->end == END_ERROR) {
			buf_printf(&b, " ends the script in an error: '%s' "
				   "fails with %s", p->fail_argv
				   ? p->fail_argv : "?", p->text);
			add_finding(&v, &n, p->site, 9103, false, b.data);
		} else if (p->end == END_LOOP && !p->target) {
			buf_printf(&b, " never ends: %s", p->text);
			add_finding(&v, &n, p->site, 9104, false, b.data);
		}
		buf_fini(&b);
	}
	*out = v;
	return n;
}

void
ex_findings_free(struct ex_finding *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].file);
		free(f[i].message);
	}
	free(f);
}

void
ex_print_findings(const struct explorer *ex, FILE *out)
{
	struct ex_finding *f;
	size_t n = ex_findings(ex, &f);

	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s:%u:1: %s: %s [IPX%04d]\n", f[i].file,
			f[i].line, f[i].error ? "error" : "warning",
			f[i].message, f[i].code);
	ex_findings_free(f, n);
}

/* ---------------------------------------------------------------- expect */

static bool
expect_holds(const struct ex_path *p, const struct ex_expect *e)
{
	if (!strcmp(e->key, "outcome"))
		return !strcmp(e->value, ex_end_name(p->end));
	if (!strcmp(e->key, "exit")) {
		char *end;
		long v = strtol(e->value, &end, 10);

		return p->end == END_EXIT && !*end && v == p->rc;
	}
	if (p->end != END_BOOT)
		return false;
	if (!strcmp(e->key, "boot"))
		return p->kernel && !fnmatch(e->value, p->kernel, 0);
	if (!strcmp(e->key, "cmdline"))
		return !fnmatch(e->value, p->cmdline ? p->cmdline : "", 0);
	for (size_t i = 0; i < p->ninitrds; i++)
		if (!fnmatch(e->value, p->initrds[i], 0))
			return true;
	return false;
}

size_t
ex_check_expect(const struct explorer *ex, const struct ex_expect *e,
		size_t n, FILE *out)
{
	size_t failed = 0, checked = 0;

	for (size_t i = 0; i < ex->npaths; i++) {
		const struct ex_path *p = &ex->paths[i];
		struct buf b;

		if (!ends_here(p))
			continue;
		checked++;
		for (size_t k = 0; k < n; k++) {
			if (expect_holds(p, &e[k]))
				continue;
			failed++;
			buf_init(&b);
			path_choices(&b, p);
			fprintf(out, "expectation failed on path #%u (%s)\n"
				"  expected: %s=%s\n  actual:   %s", p->id,
				b.data, e[k].key, e[k].value,
				ex_end_name(p->end));
			buf_fini(&b);
			if (p->end == END_BOOT)
				fprintf(out, " %s%s%s\n",
					p->kernel ? p->kernel : "",
					p->cmdline ? " cmdline: " : "",
					p->cmdline ? p->cmdline : "");
			else
				fprintf(out, " %s%s%s\n", p->text ? p->text
								  : "",
					p->site ? " at " : "",
					p->site ? p->site : "");
		}
	}
	if (!checked) {
		fprintf(out, "expectation failed: no path ends (all were "
			"merged, cut or not explored)\n");
		failed++;
	}
	return failed;
}
