/*
 * main.c - ipxelint, the command line: finds the scripts (files,
 * directories, standard input), applies each one's rc file and the
 * options, lints, fixes (--fix) and reports.  Exit status: 0 no findings,
 * 1 findings, 2 usage or I/O error (the other files are still checked).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interp/explore.h"
#include "lint/cli.h"
#include "lint/follow.h"
#include "lint/lint.h"
#include "lint/lsp.h"
#include "lint/rc.h"
#include "lint/report.h"
#include "parser/dump.h"
#include "parser/script.h"
#include "parser/util.h"
#include "stdlib/version.h"

enum exit_code {
	EXIT_CLEAN = 0,		/* no findings */
	EXIT_FINDINGS = 1,	/* at least one finding */
	EXIT_USAGE = 2,		/* bad usage, or an input or rc file that
				 * could not be read or written */
};

/* Rounds of --fix: a fix left out for overlapping another gets its turn
 * in the next round, on the re-linted result. */
enum { FIX_ROUNDS = 8 };

/* An rc file read during this run. */
struct rc_entry {
	char *path;
	struct rc rc;
	bool ok;
};

struct state {
	struct cli cli;
	struct report report;
	size_t nfindings;
	bool failed;		/* some input could not be used */
	struct rc_entry *rcs;
	size_t nrcs;
	bool said_no_rc;
	struct follow *fw;	/* -x: the scripts' families */
	bool collecting;	/* -x's first pass: only list the inputs */
};

static void
io_error(struct state *st, const char *path, int err)
{
	fprintf(stderr, "ipxelint: %s: %s\n", path,
		err == EFBIG ? "file too large (limit 2 GiB)"
		: err == ENODATA ? "nothing written to it within 10 s (a FIFO "
				   "without a writer?)"
		: strerror(err));
	st->failed = true;
}

static bool
linting(const struct state *st)
{
	return st->cli.mode == CLI_LINT;
}

/* The rc file for scripts in absolute directory dir; NULL if none.  *bad
 * is set when it exists but cannot be used (reported once). */
static const struct rc *
rc_for(struct state *st, const char *dir, bool *bad)
{
	char err[CLI_ERR_MAX];
	struct rc_entry *e;
	char *path;

	*bad = false;
	if (st->cli.norc || !linting(st))
		return NULL;
	path = rc_find(dir);
	if (!path) {
		if (st->cli.verbose && !st->said_no_rc)
			fprintf(stderr, "ipxelint: no %s in %s or above, nor "
				"a user rc file\n", RC_NAME, dir);
		st->said_no_rc = true;
		return NULL;
	}
	for (size_t i = 0; i < st->nrcs; i++)
		if (strcmp(st->rcs[i].path, path) == 0) {
			free(path);
			*bad = !st->rcs[i].ok;
			return st->rcs[i].ok ? &st->rcs[i].rc : NULL;
		}
	st->rcs = xrealloc(st->rcs, (st->nrcs + 1) * sizeof(*st->rcs));
	e = &st->rcs[st->nrcs++];
	e->path = path;
	e->ok = rc_load(&e->rc, path, err) == 0;
	if (!e->ok) {
		fprintf(stderr, "ipxelint: %s\n", err);
		st->failed = true;
		*bad = true;
		return NULL;
	}
	if (st->cli.verbose)
		fprintf(stderr, "ipxelint: using rc file %s\n", path);
	return &e->rc;
}

/* The directory part of absolute path p ("/" for "/x"). */
static char *
parent_dir(const char *p)
{
	char *d = xstrdup(p), *slash = strrchr(d, '/');

	if (slash)
		*(slash == d ? slash + 1 : slash) = '\0';
	return d;
}

/* ---------------------------------------------------------------- linting */

/* Replaces path's contents by text: a temporary file in the same
 * directory, with the same permissions (and owner, when allowed),
 * synced, then renamed over it.  -1 with errno on failure, path intact. */
static int
write_atomically(const char *path, const char *text, size_t len)
{
	char target[PATH_MAX], *tmp = NULL, *dir = NULL, *base;
	struct stat st;
	int fd = -1, dfd, e;
	size_t done = 0;

	/* a symbolic link stays one: write where it points */
	if (!realpath(path, target) || stat(target, &st) != 0)
		return -1;
	dir = parent_dir(target);
	base = strrchr(target, '/') + 1;
	tmp = xmalloc(strlen(dir) + strlen(base) + 32);
	sprintf(tmp, "%s/.%s.ipxelint-XXXXXX",
		strcmp(dir, "/") ? dir : "", base);
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	if (fchmod(fd, st.st_mode & 07777) != 0)
		goto fail;
	if (fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM)
		goto fail;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		done += (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) != 0)
		goto fail;
	/* make the rename itself durable */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
	free(tmp);
	free(dir);
	errno = e;
	return -1;
}

/* --fix: applies s's fixes (in rounds, re-linting in between), rewrites
 * path when anything changed, says what was fixed on stderr, and returns
 * the script as it now is, linted. */
static struct script *
fix_script(struct state *st, const char *path, struct script *s,
	   const struct lint_run *run)
{
	struct buf said;
	char *text = NULL;
	size_t len = 0, total = 0;

	buf_init(&said);
	for (int round = 0; round < FIX_ROUNDS; round++) {
		struct fix_plan p;
		struct script *next;

		if (!fix_plan_build(&p, s)) {
			fix_plan_fini(&p);
			break;
		}
		for (size_t i = 0; i < s->ndiags; i++) {
			char code[8];

			if (!p.applied[i])
				continue;
			buf_printf(&said, "%s%s line %u", said.len ? ", " : "",
				   report_code(code, s->diags[i].code),
				   s->diags[i].pos.line);
		}
		total += p.nfixes;
		next = script_parse(s->name, p.text, p.len);
		free(text);
		text = p.text;
		len = p.len;
		p.text = NULL;
		fix_plan_fini(&p);
		if (!next)
			break;
		script_free(s);
		s = next;
		lint_run_script(s, run);
	}
	if (total && write_atomically(path, text, len) != 0) {
		io_error(st, path, errno);
	} else if (total) {
		fprintf(stderr, "ipxelint: %s: fixed %zu finding%s (%s)\n",
			path, total, total == 1 ? "" : "s", said.data);
	}
	free(text);
	buf_fini(&said);
	return s;
}

/* Lints (or dumps) one input under rc. */
static void
lint_input(struct state *st, const char *path, const struct rc *rc)
{
	bool is_stdin = strcmp(path, "-") == 0;
	struct script *s;
	struct lint_run run;

	if (st->collecting) {
		follow_add_input(st->fw, path);
		return;
	}
	s = script_load(path);

	if (!s) {
		io_error(st, path, errno);
		return;
	}
	if (is_stdin && st->cli.stdin_name) {
		free(s->name);
		s->name = xstrdup(st->cli.stdin_name);
	}
	switch (st->cli.mode) {
	case CLI_DUMP_AST:
		ast_dump(stdout, s);
		break;
	case CLI_LINT:
		settings_apply(&run, rc ? &rc->set : NULL, &st->cli.set);
		if (st->fw && !is_stdin) {
			run.opts.other_labels = follow_labels(st->fw, path,
						&run.opts.nother_labels);
			run.opts.other_settings = follow_settings(st->fw,
						path, &run.opts.nother_settings);
		}
		lint_run_script(s, &run);
		if (st->cli.fix && is_stdin) {
			fprintf(stderr, "ipxelint: %s: --fix cannot rewrite "
				"standard input\n", s->name);
			st->failed = true;
		} else if (st->cli.fix) {
			s = fix_script(st, path, s, &run);
		}
		if (st->cli.deep && !is_stdin && s->sig != SIG_NONE) {
			/* the paths' findings (IPX91xx) obey -e, the
			 * severity and the directives like the others */
			explore_deep(s, path, run.opts.root);
			lint_filter(s, &run.opts);
		}
		report_script(&st->report, s);
		st->nfindings += s->ndiags;
		settings_run_fini(&run);
		break;
	default:
		break;		/* --parse-only */
	}
	script_free(s);
}

/* A file named on the command line, or found in a directory (where rc,
 * known already, is passed in). */
static void
lint_path(struct state *st, const char *path, const struct rc *rc,
	  bool rc_known)
{
	char *abs = NULL;
	const char *pattern;
	bool bad = false;

	if (!linting(st)) {
		lint_input(st, path, NULL);
		return;
	}
	abs = rc_abspath(path);
	if (!rc_known) {
		char *dir = parent_dir(abs);

		rc = rc_for(st, dir, &bad);
		free(dir);
	}
	if (bad) {
		free(abs);
		return;
	}
	pattern = rc ? rc_ignores(rc, abs) : NULL;
	if (pattern) {
		if (st->cli.verbose)
			fprintf(stderr, "ipxelint: %s: ignored ('%s' in "
				"%s)\n", path, pattern, rc->path);
	} else {
		lint_input(st, path, rc);
	}
	free(abs);
}

/* Whether the file starts with the iPXE signature (spec 2.1): "#!ipxe"
 * or "#!gpxe" and whitespace.  -1 if it cannot be read. */
static int
has_signature(const char *path)
{
	unsigned char head[7];
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return -1;
	return n == 7 && (!memcmp(head, "#!ipxe", 6) ||
			  !memcmp(head, "#!gpxe", 6)) &&
	       is_ipxe_space(head[6]);
}

static bool
has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && strcmp(name + n - k, suffix) == 0;
}

/* Every script below dir, in name order: *.ipxe files and files with
 * the signature; hidden directories and symbolic links to directories
 * are skipped (no loops). */
static void
walk_dir(struct state *st, const char *dir)
{
	struct dirent **names;
	const struct rc *rc = NULL;
	char *abs = rc_abspath(dir);
	bool bad = false;
	int n;

	if (linting(st))
		rc = rc_for(st, abs, &bad);
	if (bad) {
		free(abs);
		return;
	}
	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		io_error(st, dir, errno);
		free(abs);
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t dlen = strlen(dir);
		char *child;
		struct stat sb;
		bool is_link;

		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			free(names[i]);
			continue;
		}
		child = xmalloc(dlen + strlen(name) + 2);
		sprintf(child, "%s%s%s", dir,
			dlen && dir[dlen - 1] == '/' ? "" : "/", name);
		if (lstat(child, &sb) != 0) {
			io_error(st, child, errno);
			goto next;
		}
		is_link = S_ISLNK(sb.st_mode);
		if (is_link && stat(child, &sb) != 0) {
			if (has_suffix(name, ".ipxe"))
				io_error(st, child, errno);
			goto next;
		}
		if (S_ISDIR(sb.st_mode)) {
			char *cabs;
			const char *pattern;

			if (name[0] == '.' || is_link)
				goto next;
			cabs = rc_abspath(child);
			pattern = rc ? rc_ignores(rc, cabs) : NULL;
			free(cabs);
			if (pattern && st->cli.verbose)
				fprintf(stderr, "ipxelint: %s: ignored ('%s' "
					"in %s)\n", child, pattern, rc->path);
			if (!pattern)
				walk_dir(st, child);
		} else if (S_ISREG(sb.st_mode)) {
			int sig = has_suffix(name, ".ipxe") ? 1
				  : has_signature(child);

			if (sig < 0)
				io_error(st, child, errno);
			else if (sig)
				lint_path(st, child, rc, true);
		}
next:
		free(child);
		free(names[i]);
	}
	free(names);
	free(abs);
}

/* Standard input: its rc file is found from --stdin-filename's
 * directory, else from the working directory. */
static void
lint_stdin(struct state *st)
{
	const struct rc *rc = NULL;
	bool bad = false;

	if (linting(st)) {
		char *abs = rc_abspath(st->cli.stdin_name ? st->cli.stdin_name
							  : "-");
		char *dir = parent_dir(abs);

		rc = rc_for(st, dir, &bad);
		free(dir);
		free(abs);
	}
	if (!bad)
		lint_input(st, "-", rc);
}

/* -x: a first pass over the inputs that only lists them, then the
 * families of the scripts they chain (with the command line's --root
 * and --map; rc files are applied when each script is linted). */
static void
follow_inputs(struct state *st)
{
	struct lint_run run;

	st->fw = follow_new();
	st->collecting = true;
	for (size_t i = 0; i < st->cli.nfiles; i++) {
		const char *path = st->cli.files[i];
		struct stat sb;

		if (strcmp(path, "-") == 0 || stat(path, &sb) != 0)
			continue;	/* reported by the real pass */
		if (S_ISDIR(sb.st_mode))
			walk_dir(st, path);
		else
			lint_path(st, path, NULL, false);
	}
	st->collecting = false;
	settings_apply(&run, NULL, &st->cli.set);
	follow_build(st->fw, &run.opts);
	settings_run_fini(&run);
}

int
main(int argc, char **argv)
{
	struct state st;
	char err[CLI_ERR_MAX];
	int rc = EXIT_CLEAN;
	bool colour = false;

	/* Large arrays grow by realloc; above this size glibc serves them
	 * with mmap, so growing remaps pages instead of copying them. */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	memset(&st, 0, sizeof(st));
	if (cli_parse(&st.cli, argc, argv, err) != 0) {
		fprintf(stderr, "ipxelint: %s\n"
			"Try 'ipxelint --help' for more information.\n", err);
		cli_fini(&st.cli);
		return EXIT_USAGE;
	}
	switch (st.cli.mode) {
	case CLI_HELP:
		cli_help(stdout);
		goto done;
	case CLI_VERSION:
		printf("ipxelint %s\n", ipxekit_version);
		goto done;
	case CLI_LIST_CHECKS:
		cli_list_checks(stdout);
		goto done;
	case CLI_LSP:
		rc = lsp_serve(STDIN_FILENO, stdout, &st.cli);
		goto done;
	case CLI_EXPLAIN:
		if (cli_explain(stdout, st.cli.explain, argv[0], err) != 0) {
			fprintf(stderr, "ipxelint: %s\n", err);
			rc = EXIT_USAGE;
		}
		goto done;
	default:
		break;
	}

	if (st.cli.format == REPORT_TTY) {
		const char *nc = getenv("NO_COLOR");

		colour = st.cli.colour == COLOUR_ALWAYS ||
			 (st.cli.colour == COLOUR_AUTO &&
			  isatty(STDOUT_FILENO) && !(nc && *nc));
	}
	if (st.cli.verbose && st.cli.norc && linting(&st))
		fputs("ipxelint: reading no rc file (--norc)\n", stderr);
	if (linting(&st))
		report_begin(&st.report, st.cli.format, stdout, colour);
	if (linting(&st) && st.cli.set.follow)
		follow_inputs(&st);
	for (size_t i = 0; i < st.cli.nfiles; i++) {
		const char *path = st.cli.files[i];
		struct stat sb;

		if (strcmp(path, "-") == 0)
			lint_stdin(&st);
		else if (stat(path, &sb) != 0)
			io_error(&st, path, errno);
		else if (S_ISDIR(sb.st_mode))
			walk_dir(&st, path);
		else
			lint_path(&st, path, NULL, false);
	}
	/* -x: the scripts reached only by following, after the inputs */
	for (size_t i = 0; st.fw && follow_extra(st.fw, i); i++)
		lint_path(&st, follow_extra(st.fw, i), NULL, false);
	if (linting(&st) && report_end(&st.report, !st.failed) != 0) {
		io_error(&st, "standard output", errno);
	}
	if (st.failed)
		rc = EXIT_USAGE;
	else if (st.nfindings)
		rc = EXIT_FINDINGS;
done:
	for (size_t i = 0; i < st.nrcs; i++) {
		free(st.rcs[i].path);
		rc_fini(&st.rcs[i].rc);
	}
	free(st.rcs);
	follow_free(st.fw);
	cli_fini(&st.cli);
	return rc;
}
