/*
 * test_lint_cli.c - ipxelint's command line (lint/cli.c), rc files
 * (lint/rc.c) and the fix engine (lint/report_diff.c) as functions; then
 * the built binary end to end: SARIF against the schema's requirements,
 * -f diff through `git apply`, --fix on temporary copies, exit statuses.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/cli.h"
#include "lint/lint.h"
#include "lint/rc.h"
#include "lint/report.h"
#include "parser/script.h"
#include "parser/util.h"
#include "tests/support.h"

#define FIXTURES "tests/lint-cli"

/* ---------------------------------------------------------------- helpers */

static int
parse(struct cli *c, char *err, const char **args)
{
	static char *argv[32];	/* c->files points into it */
	int argc = 0;

	argv[argc++] = (char *)"ipxelint";
	for (; *args; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	return cli_parse(c, argc, argv, err);
}

#define PARSE(c, err, ...) \
	parse(c, err, (const char *[]){ __VA_ARGS__, NULL })

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* A fresh temporary directory (left for the system to clean). */
static char *
temp_dir(void)
{
	char *d = xstrdup("/tmp/ipxelint-test-XXXXXX");

	cr_assert_not_null(mkdtemp(d));
	return d;
}

/* The built ipxelint, as an absolute path (tests may chdir). */
static char *
lint_path(void)
{
	char rel[PATH_MAX], abs[PATH_MAX];

	snprintf(rel, sizeof(rel), "%s/ipxelint", test_build_dir());
	cr_assert_not_null(realpath(rel, abs), "%s not built", rel);
	return xstrdup(abs);
}

/* A fixture's absolute path. */
static char *
fixture(const char *name)
{
	char rel[PATH_MAX], abs[PATH_MAX];

	snprintf(rel, sizeof(rel), "%s/%s", FIXTURES, name);
	cr_assert_not_null(realpath(rel, abs), "no fixture %s", rel);
	return xstrdup(abs);
}

static void
copy_file(const char *from, const char *to)
{
	size_t len;
	char *text = test_read_file(from, &len);
	FILE *f = fopen(to, "wb");

	cr_assert_not_null(text, "cannot read %s", from);
	cr_assert_not_null(f, "cannot write %s", to);
	fwrite(text, 1, len, f);
	fclose(f);
	free(text);
}

/* ---------------------------------------------------------------- options */

Test(lint_cli, options_set_format_severity_and_checks)
{
	struct cli c;
	char err[CLI_ERR_MAX] = "";

	cr_assert_eq(PARSE(&c, err, "-f", "sarif", "-S", "warning", "-e",
			   "IPX1003,goto-missing-label", "--exclude=IPX0001",
			   "-o", "all", "a.ipxe", "b"), 0, "%s", err);
	cr_assert_eq(c.mode, CLI_LINT);
	cr_assert_eq(c.format, REPORT_SARIF);
	cr_assert(c.set.has_severity);
	cr_assert_eq(c.set.severity, SEV_WARNING);
	cr_assert(c.set.exclude[CHECK_UNREACHABLE_LABEL]);
	cr_assert(c.set.exclude[CHECK_GOTO_MISSING_LABEL]);
	cr_assert_not(c.set.exclude[CHECK_SET_EQUALS]);
	cr_assert(c.set.exclude_front[1]);
	for (unsigned i = 0; i < CHECK_COUNT; i++)
		cr_assert(c.set.enable[i]);
	cr_assert_eq(c.nfiles, 2);
	cr_assert_str_eq(c.files[0], "a.ipxe");
	cli_fini(&c);
}

Test(lint_cli, every_format_name_is_accepted)
{
	static const char *const names[] = { "tty", "gcc", "json", "sarif",
					     "checkstyle", "diff", "quiet" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct cli c;
		char err[CLI_ERR_MAX] = "";

		cr_assert_eq(PARSE(&c, err, "--format", names[i], "x"), 0,
			     "%s: %s", names[i], err);
		cr_assert_str_eq(report_format_name(c.format), names[i]);
		cli_fini(&c);
	}
}

Test(lint_cli, usage_errors_say_what_is_wrong)
{
	static const struct {
		const char *args[4];
		const char *msg;
	} cases[] = {
		{ { "-f", "xml", "x" }, "unknown format 'xml'" },
		{ { "-e", "IPX9999", "x" }, "unknown check 'IPX9999'" },
		{ { "-e", "no-such-check", "x" }, "unknown check" },
		{ { "-S", "loud", "x" }, "unknown severity 'loud'" },
		{ { "--color=maybe", "x" }, "--color takes auto" },
		{ { "x", "-f" }, "option '-f' needs a value" },
		{ { "--frobnicate", "x" }, "unknown option '--frobnicate'" },
		{ { "-S", "error" }, "no input files" },
		{ { "--fix", "-f", "diff", "x" }, "choose one" },
		{ { "--build", "/nonexistent/build.list", "x" },
		  "/nonexistent/build.list: No such file" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cli c;
		char err[CLI_ERR_MAX] = "";
		const char *args[5] = { 0 };

		memcpy(args, cases[i].args, sizeof(cases[i].args));
		cr_assert_eq(parse(&c, err, args), -1, "case %zu passed", i);
		cr_assert(strstr(err, cases[i].msg), "case %zu: '%s'", i,
			  err);
		cli_fini(&c);
	}
}

Test(lint_cli, informational_modes_need_no_file)
{
	struct cli c;
	char err[CLI_ERR_MAX] = "";

	cr_assert_eq(PARSE(&c, err, "--list-checks"), 0, "%s", err);
	cr_assert_eq(c.mode, CLI_LIST_CHECKS);
	cli_fini(&c);
	cr_assert_eq(PARSE(&c, err, "--explain", "IPX1001"), 0, "%s", err);
	cr_assert_eq(c.mode, CLI_EXPLAIN);
	cr_assert_str_eq(c.explain, "IPX1001");
	cli_fini(&c);
	cr_assert_eq(PARSE(&c, err, "-h"), 0, "%s", err);
	cr_assert_eq(c.mode, CLI_HELP);
	cli_fini(&c);
	cr_assert_eq(PARSE(&c, err, "--version"), 0, "%s", err);
	cr_assert_eq(c.mode, CLI_VERSION);
	cli_fini(&c);
}

Test(lint_cli, flags_and_names)
{
	struct cli c;
	char err[CLI_ERR_MAX] = "";

	cr_assert_eq(PARSE(&c, err, "--fix", "--norc", "-v", "--color=never",
			   "--stdin-filename", "boot/x.ipxe", "--root", "srv",
			   "-"), 0, "%s", err);
	cr_assert(c.fix && c.norc && c.verbose);
	cr_assert_eq(c.colour, COLOUR_NEVER);
	cr_assert_str_eq(c.stdin_name, "boot/x.ipxe");
	cr_assert_str_eq(c.set.root, "srv");
	cr_assert_str_eq(c.files[0], "-");
	cli_fini(&c);
	cr_assert_eq(PARSE(&c, err, "--dump-ast", "x"), 0, "%s", err);
	cr_assert_eq(c.mode, CLI_DUMP_AST);
	cli_fini(&c);
	cr_assert_eq(PARSE(&c, err, "--parse-only", "x"), 0, "%s", err);
	cr_assert_eq(c.mode, CLI_PARSE_ONLY);
	cli_fini(&c);
}

Test(lint_cli, codes_are_found_by_number_or_name)
{
	cr_assert_eq(cli_code_lookup("IPX1001"), 1001);
	cr_assert_eq(cli_code_lookup("ipx1001"), 1001);
	cr_assert_eq(cli_code_lookup("1001"), 1001);
	cr_assert_eq(cli_code_lookup("goto-missing-label"), 1001);
	cr_assert_eq(cli_code_lookup("IPX0001"), 1);
	cr_assert_eq(cli_code_lookup("not-script"), 1);
	cr_assert_eq(cli_code_lookup("IPX9999"), 0);
	cr_assert_eq(cli_code_lookup("IPX10x"), 0);
	cr_assert_eq(cli_code_lookup("nonsense"), 0);
}

Test(lint_cli, build_profiles_and_files)
{
	struct cli c;
	char err[CLI_ERR_MAX] = "";
	char *dir = temp_dir(), path[PATH_MAX];

	cr_assert_eq(PARSE(&c, err, "--build", "bios", "x"), 0, "%s", err);
	cr_assert(c.set.has_build);
	cr_assert_eq(c.set.build, BUILDS_BIOS);
	cr_assert_null(c.set.build_cmds);
	cli_fini(&c);
	cr_assert_eq(PARSE(&c, err, "--build=default", "x"), 0, "%s", err);
	cr_assert_eq(c.set.build, BUILDS_BIOS | BUILDS_EFI);
	cli_fini(&c);

	snprintf(path, sizeof(path), "%s/build.list", dir);
	write_file(path, "# commands of our build\nchain kernel\n\n"
			 "  imgfetch   # and its synonyms are separate\n");
	cr_assert_eq(PARSE(&c, err, "--build", path, "x"), 0, "%s", err);
	cr_assert_not_null(c.set.build_cmds);
	cr_assert(c.set.build_cmds[cmd_lookup("chain", 5)->id]);
	cr_assert(c.set.build_cmds[cmd_lookup("kernel", 6)->id]);
	cr_assert(c.set.build_cmds[cmd_lookup("imgfetch", 8)->id]);
	cr_assert_not(c.set.build_cmds[cmd_lookup("sleep", 5)->id]);
	cr_assert_str_eq(c.set.build_file, path);
	cli_fini(&c);

	write_file(path, "chain\nfrobnicate\n");
	cr_assert_eq(PARSE(&c, err, "--build", path, "x"), -1);
	cr_assert(strstr(err, ":2: 'frobnicate' is not an iPXE command"),
		  "%s", err);
	cli_fini(&c);
	free(dir);
}

Test(lint_cli, command_line_overrides_the_rc_file)
{
	struct rc rc;
	struct cli c;
	struct lint_run run;
	char err[CLI_ERR_MAX] = "";

	cr_assert_eq(rc_parse(&rc, "/proj/.ipxelintrc",
			      "severity = error\nexclude = IPX1003\n"
			      "build = bios\nroot = tftp\n"
			      "exclude = not-script\n", err), 0, "%s", err);
	cr_assert_eq(PARSE(&c, err, "-S", "info", "-e", "IPX2007", "x"), 0,
		     "%s", err);
	settings_apply(&run, &rc.set, &c.set);
	cr_assert_eq(run.opts.min_sev, SEV_INFO);
	cr_assert(run.opts.excluded[CHECK_UNREACHABLE_LABEL]);
	cr_assert(run.opts.excluded[CHECK_NETWORK_FAILURE_ENDS]);
	cr_assert(run.exclude_front[1]);
	cr_assert_eq(run.opts.build, BUILDS_BIOS);
	cr_assert(run.opts.build_explicit);
	cr_assert_str_eq(run.opts.root, "/proj/tftp");
	settings_run_fini(&run);
	cli_fini(&c);

	cr_assert_eq(PARSE(&c, err, "--build", "efi", "--root", "/srv", "x"),
		     0, "%s", err);
	settings_apply(&run, &rc.set, &c.set);
	cr_assert_eq(run.opts.min_sev, SEV_ERROR);
	cr_assert_eq(run.opts.build, BUILDS_EFI);
	cr_assert_str_eq(run.opts.root, "/srv");
	settings_run_fini(&run);
	cli_fini(&c);

	/* no rc file: the engine's defaults */
	cr_assert_eq(PARSE(&c, err, "x"), 0, "%s", err);
	settings_apply(&run, NULL, &c.set);
	cr_assert_eq(run.opts.min_sev, SEV_STYLE);
	cr_assert_eq(run.opts.build, BUILDS_FULL);
	cr_assert_not(run.opts.build_explicit);
	cr_assert_null(run.opts.root);
	cr_assert_null(run.opts.allowed_hosts);
	cr_assert_eq(run.opts.nmaps, 0);
	cr_assert_not(run.follow);
	settings_run_fini(&run);
	cli_fini(&c);
	rc_fini(&rc);
}

Test(lint_cli, maps_hosts_and_follow_join_rc_and_command_line)
{
	struct rc rc;
	struct cli c;
	struct lint_run run;
	char err[CLI_ERR_MAX] = "";

	cr_assert_eq(rc_parse(&rc, "/proj/.ipxelintrc",
			      "map = http://boot.example.com/=www\n"
			      "allow-host = boot.example.com\n", err), 0,
		     "%s", err);
	cr_assert_eq(PARSE(&c, err, "--map", "tftp://10.0.0.1/=/srv/tftp",
			   "--allow-host", "*.example.org", "x"), 0, "%s",
		     err);
	settings_apply(&run, &rc.set, &c.set);
	cr_assert_eq(run.opts.nmaps, 2);
	cr_assert_str_eq(run.opts.map_prefixes[0], "http://boot.example.com/");
	cr_assert_str_eq(run.opts.map_dirs[0], "/proj/www");
	cr_assert_str_eq(run.opts.map_prefixes[1], "tftp://10.0.0.1/");
	cr_assert_str_eq(run.opts.map_dirs[1], "/srv/tftp");
	cr_assert_str_eq(run.opts.allowed_hosts[0], "boot.example.com");
	cr_assert_str_eq(run.opts.allowed_hosts[1], "*.example.org");
	cr_assert_null(run.opts.allowed_hosts[2]);
	cr_assert_not(run.follow);	/* -x is the command line's */
	settings_run_fini(&run);
	cli_fini(&c);
	rc_fini(&rc);

	cr_assert_eq(PARSE(&c, err, "--map", "nodir", "x"), -1);
	cr_assert(strstr(err, "--map takes PREFIX=DIR"), "%s", err);
	cli_fini(&c);
	cr_assert_eq(PARSE(&c, err, "--allow-host", "http://x", "x"), -1);
	cr_assert(strstr(err, "--allow-host takes"), "%s", err);
	cli_fini(&c);
	cr_assert_eq(PARSE(&c, err, "-x", "x"), 0, "%s", err);
	cr_assert(c.set.follow);
	cli_fini(&c);
}

/* ---------------------------------------------------------------- rc files */

Test(lint_cli, rc_file_reads_every_key)
{
	struct rc rc;
	char err[CLI_ERR_MAX] = "";

	cr_assert_eq(rc_parse(&rc, "/proj/boot/.ipxelintrc",
			      "# settings for boot/\n"
			      "\n"
			      "exclude = IPX1003, IPX2007   # noisy here\r\n"
			      "disable=unreachable-code\n"
			      "  enable =   all\n"
			      "severity = warning\n"
			      "build = efi\n"
			      "root = ../tftp\n"
			      "ignore = vendor\n"
			      "ignore = old/#1/*.ipxe\n", err),
		     0, "%s", err);
	cr_assert_str_eq(rc.dir, "/proj/boot");
	cr_assert(rc.set.exclude[CHECK_UNREACHABLE_LABEL]);
	cr_assert(rc.set.exclude[CHECK_NETWORK_FAILURE_ENDS]);
	cr_assert(rc.set.exclude[CHECK_UNREACHABLE_CODE]);
	cr_assert(rc.set.enable[0]);
	cr_assert_eq(rc.set.severity, SEV_WARNING);
	cr_assert_eq(rc.set.build, BUILDS_EFI);
	cr_assert_str_eq(rc.set.root, "/proj/boot/../tftp");
	cr_assert_eq(rc.set.nignore, 2);
	cr_assert_str_eq(rc.set.ignore[0], "vendor");
	/* '#' not after a blank is part of the value */
	cr_assert_str_eq(rc.set.ignore[1], "old/#1/*.ipxe");
	rc_fini(&rc);
}

Test(lint_cli, rc_file_errors_name_the_line)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "severity = error\ncolour = never\n",
		  "rc:2: unknown key 'colour'" },
		{ "# x\n\nexclude IPX1003\n",
		  "rc:3: expected 'key = value', not 'exclude IPX1003'" },
		{ "severity = loud\n", "rc:1: unknown severity 'loud'" },
		{ "exclude = IPX1001, IPX8888\n",
		  "rc:1: unknown check 'IPX8888'" },
		{ "ignore =\n", "rc:1: ignore needs a pattern" },
		{ "build = nosuchfile\n", "rc:1: ./nosuchfile: No such file" },
		{ "follow = yes\n", "rc:1: unknown key 'follow'" },
		{ "map = x\n", "rc:1: --map takes PREFIX=DIR" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rc rc;
		char err[CLI_ERR_MAX] = "";

		cr_assert_eq(rc_parse(&rc, "rc", cases[i].text, err), -1,
			     "case %zu passed", i);
		cr_assert(strstr(err, cases[i].msg), "case %zu: '%s'", i,
			  err);
		rc_fini(&rc);
	}
}

Test(lint_cli, rc_ignore_patterns)
{
	struct rc rc;
	char err[CLI_ERR_MAX] = "";

	cr_assert_eq(rc_parse(&rc, "/p/.ipxelintrc",
			      "ignore = vendor\n"
			      "ignore = *.tmpl.ipxe\n"
			      "ignore = tests/fixtures/\n"
			      "ignore = /samples/old-*.ipxe\n", err),
		     0, "%s", err);
	cr_assert_str_eq(rc_ignores(&rc, "/p/vendor/x.ipxe"), "vendor");
	cr_assert_str_eq(rc_ignores(&rc, "/p/a/b/vendor/c/x.ipxe"),
			 "vendor");
	cr_assert_str_eq(rc_ignores(&rc, "/p/vendor"), "vendor");
	cr_assert_str_eq(rc_ignores(&rc, "/p/menus/boot.tmpl.ipxe"),
			 "*.tmpl.ipxe");
	cr_assert_str_eq(rc_ignores(&rc, "/p/tests/fixtures/a/b.ipxe"),
			 "tests/fixtures/");
	cr_assert_str_eq(rc_ignores(&rc, "/p/samples/old-menu.ipxe"),
			 "/samples/old-*.ipxe");
	cr_assert_null(rc_ignores(&rc, "/p/samples/sub/old-menu.ipxe"));
	cr_assert_null(rc_ignores(&rc, "/p/x/tests/fixtures/a.ipxe"));
	cr_assert_null(rc_ignores(&rc, "/p/vendors/x.ipxe"));
	cr_assert_null(rc_ignores(&rc, "/p/boot.ipxe"));
	/* outside the rc file's directory */
	cr_assert_null(rc_ignores(&rc, "/q/vendor/x.ipxe"));
	cr_assert_null(rc_ignores(&rc, "/pvendor/x.ipxe"));
	rc_fini(&rc);
}

Test(lint_cli, rc_file_is_found_walking_up)
{
	char *dir = temp_dir(), path[PATH_MAX], want[PATH_MAX];
	char *found;

	snprintf(path, sizeof(path), "%s/a/b/c", dir);
	snprintf(want, sizeof(want), "%s/a", dir);
	mkdir(want, 0755);
	snprintf(want, sizeof(want), "%s/a/b", dir);
	mkdir(want, 0755);
	mkdir(path, 0755);
	/* no rc file anywhere, no user rc file */
	setenv("HOME", dir, 1);
	unsetenv("XDG_CONFIG_HOME");
	found = rc_find(path);
	cr_assert_null(found, "found %s", found);

	snprintf(want, sizeof(want), "%s/a/.ipxelintrc", dir);
	write_file(want, "severity = error\n");
	found = rc_find(path);
	cr_assert_not_null(found);
	cr_assert_str_eq(found, want);
	free(found);

	/* the user's file counts only when none is found above */
	unlink(want);
	snprintf(want, sizeof(want), "%s/cfg", dir);
	mkdir(want, 0755);
	snprintf(want, sizeof(want), "%s/cfg/ipxelint", dir);
	mkdir(want, 0755);
	snprintf(want, sizeof(want), "%s/cfg/ipxelint/rc", dir);
	write_file(want, "severity = error\n");
	snprintf(path, sizeof(path), "%s/cfg", dir);
	setenv("XDG_CONFIG_HOME", path, 1);
	snprintf(path, sizeof(path), "%s/a/b/c", dir);
	found = rc_find(path);
	cr_assert_not_null(found);
	cr_assert_str_eq(found, want);
	free(found);
	free(dir);
}

Test(lint_cli, paths_are_made_absolute_by_name)
{
	char cwd[PATH_MAX], want[PATH_MAX + 16];
	char *p;

	p = rc_abspath("/a/./b/../c//d/");
	cr_assert_str_eq(p, "/a/c/d");
	free(p);
	p = rc_abspath("/../..");
	cr_assert_str_eq(p, "/");
	free(p);
	cr_assert_not_null(getcwd(cwd, sizeof(cwd)));
	snprintf(want, sizeof(want), "%s/x.ipxe", cwd);
	p = rc_abspath("./sub/../x.ipxe");
	cr_assert_str_eq(p, want);
	free(p);
}

/* ---------------------------------------------------------------- fixes */

/* A script with one finding per fix: fixes[i] replaces [off, end). */
static struct script *
with_fixes(const char *text, const struct fix *fixes, size_t n)
{
	struct script *s = script_parse_str("t.ipxe", text);

	s->ndiags = 0;
	for (size_t i = 0; i < n; i++) {
		struct diag *d = diag_add(s, SEV_WARNING, 3003, fixes[i].off,
					  fixes[i].end, "fix %zu", i);

		d->fix = &fixes[i];
	}
	return s;
}

/* The -f diff text of a plan. */
static char *
diff_of(struct script *s, struct fix_plan *p)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	fix_plan_build(p, s);
	fix_plan_diff(f, p, s, "./t.ipxe");
	fclose(f);
	return out;
}

Test(lint_cli, fixes_apply_in_order_without_overlaps)
{
	/* "#!ipxe\nset x=y\n": '=' at 12 */
	static const struct fix fixes[] = {
		{ 12, 13, " " },
		{ 12, 14, "zzz" },	/* overlaps the first: left out */
		{ 12, 13, " " },	/* the same as the first */
		{ 15, 15, "echo\n" },	/* at the end */
	};
	struct script *s = with_fixes("#!ipxe\nset x=y\n", fixes, 4);
	struct fix_plan p;

	cr_assert_eq(fix_plan_build(&p, s), 2);
	cr_assert_str_eq(p.text, "#!ipxe\nset x y\necho\n");
	cr_assert(p.applied[0]);
	cr_assert_not(p.applied[1]);
	cr_assert(p.applied[2]);
	cr_assert(p.applied[3]);
	fix_plan_fini(&p);
	script_free(s);
}

Test(lint_cli, diff_of_neighbouring_fixes_is_one_hunk)
{
	static const struct fix fixes[] = { { 12, 13, " " }, { 20, 21, " " } };
	struct script *s = with_fixes("#!ipxe\nset x=y\nset a=b\necho\n",
				      fixes, 2);
	struct fix_plan p;
	char *d = diff_of(s, &p);

	cr_assert_str_eq(d, "--- a/t.ipxe\n+++ b/t.ipxe\n"
			    "@@ -1,4 +1,4 @@\n"
			    " #!ipxe\n"
			    "-set x=y\n-set a=b\n"
			    "+set x y\n+set a b\n"
			    " echo\n");
	free(d);
	fix_plan_fini(&p);
	script_free(s);
}

Test(lint_cli, diff_hunks_are_apart_with_three_lines_of_context)
{
	struct buf b;
	struct fix fixes[2];
	struct script *s;
	struct fix_plan p;
	char *d;

	/* 20 lines "echo N"; fix lines 2 and 18 */
	buf_init(&b);
	buf_adds(&b, "#!ipxe\n");
	for (int i = 2; i <= 20; i++)
		buf_printf(&b, "echo %02d\n", i);
	fixes[0] = (struct fix){ 7 + 5, 7 + 7, "two" };
	fixes[1] = (struct fix){ 7 + 16 * 8 + 5, 7 + 16 * 8 + 7, "eighteen" };
	s = with_fixes(b.data, fixes, 2);
	d = diff_of(s, &p);
	cr_assert_str_eq(d, "--- a/t.ipxe\n+++ b/t.ipxe\n"
			    "@@ -1,5 +1,5 @@\n"
			    " #!ipxe\n-echo 02\n+echo two\n"
			    " echo 03\n echo 04\n echo 05\n"
			    "@@ -15,6 +15,6 @@\n"
			    " echo 15\n echo 16\n echo 17\n"
			    "-echo 18\n+echo eighteen\n"
			    " echo 19\n echo 20\n");
	free(d);
	fix_plan_fini(&p);
	script_free(s);
	buf_fini(&b);
}

Test(lint_cli, diff_marks_a_last_line_without_newline)
{
	static const struct fix fixes[] = { { 17, 17, " ||" } };
	struct script *s = with_fixes("#!ipxe\nimgfetch x", fixes, 1);
	struct fix_plan p;
	char *d = diff_of(s, &p);

	cr_assert_str_eq(d, "--- a/t.ipxe\n+++ b/t.ipxe\n"
			    "@@ -1,2 +1,2 @@\n"
			    " #!ipxe\n"
			    "-imgfetch x\n\\ No newline at end of file\n"
			    "+imgfetch x ||\n\\ No newline at end of file\n");
	free(d);
	fix_plan_fini(&p);
	script_free(s);
}

Test(lint_cli, a_fix_that_joins_lines_takes_in_the_next)
{
	/* the blank after the backslash: "echo a" and "b" join again */
	static const struct fix fixes[] = { { 14, 15, "" } };
	struct script *s = with_fixes("#!ipxe\necho a\\ \nb\nexit\n", fixes,
				      1);
	struct fix_plan p;
	char *d = diff_of(s, &p);

	cr_assert_str_eq(p.text, "#!ipxe\necho a\\\nb\nexit\n");
	cr_assert_str_eq(d, "--- a/t.ipxe\n+++ b/t.ipxe\n"
			    "@@ -1,4 +1,4 @@\n"
			    " #!ipxe\n-echo a\\ \n+echo a\\\n b\n exit\n");
	free(d);
	fix_plan_fini(&p);
	script_free(s);

	/* a fix eating the newline itself */
	{
		static const struct fix eat[] = { { 13, 14, " " } };
		struct script *t = with_fixes("#!ipxe\necho a\nb\nexit\n",
					      eat, 1);

		d = diff_of(t, &p);
		cr_assert_str_eq(p.text, "#!ipxe\necho a b\nexit\n");
		cr_assert_str_eq(d, "--- a/t.ipxe\n+++ b/t.ipxe\n"
				    "@@ -1,4 +1,3 @@\n"
				    " #!ipxe\n-echo a\n-b\n+echo a b\n"
				    " exit\n");
		free(d);
		fix_plan_fini(&p);
		script_free(t);
	}
}

Test(lint_cli, fixes_keep_crlf_line_endings)
{
	static const struct fix fixes[] = { { 18, 18, "echo added\n" } };
	struct script *s = with_fixes("#!ipxe\r\necho one\r\necho two\r\n",
				      fixes, 1);
	struct fix_plan p;

	fix_plan_build(&p, s);
	cr_assert_str_eq(p.text, "#!ipxe\r\necho one\r\n"
				 "echo added\r\necho two\r\n");
	fix_plan_fini(&p);
	script_free(s);
}

/* ---------------------------------------------------------------- the tool */

Test(lint_cli, sarif_has_what_the_schema_requires)
{
	char *lint = lint_path();
	char *f1 = fixture("findings.ipxe"), *f2 = fixture("utf8.ipxe");
	const char *argv[] = { lint, "--norc", "-f", "sarif", f1, f2, NULL };
	static const char *const levels[] = { "none", "note", "warning",
					      "error" };
	json_error_t jerr;
	json_t *log, *run, *rules, *results, *v;
	size_t i;
	int status;
	char *out = test_run(argv, NULL, &status, NULL);

	cr_assert_eq(status, 1);
	log = json_loads(out, 0, &jerr);
	cr_assert_not_null(log, "not JSON: %s", jerr.text);
	/* sarifLog: version (enum), runs */
	cr_assert_str_eq(json_string_value(json_object_get(log, "version")),
			 "2.1.0");
	cr_assert(json_is_array(json_object_get(log, "runs")));
	run = json_array_get(json_object_get(log, "runs"), 0);
	/* run: tool.driver.name */
	v = json_object_get(json_object_get(run, "tool"), "driver");
	cr_assert_str_eq(json_string_value(json_object_get(v, "name")),
			 "ipxelint");
	rules = json_object_get(v, "rules");
	cr_assert_geq(json_array_size(rules), CHECK_COUNT);
	json_array_foreach(rules, i, v) {
		json_t *conf = json_object_get(v, "defaultConfiguration");
		const char *lvl = json_string_value(json_object_get(conf,
								    "level"));
		bool known = false;

		cr_assert(json_is_string(json_object_get(v, "id")));
		cr_assert(json_is_string(json_object_get(
			json_object_get(v, "shortDescription"), "text")));
		/* helpUri is optional; when present, an absolute URI */
		if (json_object_get(v, "helpUri"))
			cr_assert(!strncmp(json_string_value(json_object_get(
						   v, "helpUri")), "https://", 8),
				  "helpUri must be an absolute URI");
		for (size_t k = 0; k < 4; k++)
			known |= lvl && !strcmp(lvl, levels[k]);
		cr_assert(known, "rule %zu: level '%s'", i, lvl);
	}
	results = json_object_get(run, "results");
	cr_assert_gt(json_array_size(results), 0);
	json_array_foreach(results, i, v) {
		json_t *loc = json_array_get(json_object_get(v, "locations"),
					     0);
		json_t *phys = json_object_get(loc, "physicalLocation");
		json_t *reg = json_object_get(phys, "region");
		json_int_t sl, sc, el, ec;
		size_t idx = (size_t)json_integer_value(
			json_object_get(v, "ruleIndex"));
		json_t *fixes = json_object_get(v, "fixes"), *fx;
		size_t k;

		/* result: message.text; ruleId matches rules[ruleIndex] */
		cr_assert(json_is_string(json_object_get(
			json_object_get(v, "message"), "text")));
		cr_assert_str_eq(json_string_value(json_object_get(v,
								   "ruleId")),
				 json_string_value(json_object_get(
					 json_array_get(rules, idx), "id")));
		cr_assert(json_is_string(json_object_get(
			json_object_get(phys, "artifactLocation"), "uri")));
		/* region: 1-based, end not before start */
		sl = json_integer_value(json_object_get(reg, "startLine"));
		sc = json_integer_value(json_object_get(reg, "startColumn"));
		el = json_integer_value(json_object_get(reg, "endLine"));
		ec = json_integer_value(json_object_get(reg, "endColumn"));
		cr_assert(sl >= 1 && sc >= 1 && el >= sl && ec >= 1);
		cr_assert(el > sl || ec >= sc);
		/* fix: artifactChanges[] with artifactLocation and
		 * replacements[] with deletedRegion */
		json_array_foreach(fixes, k, fx) {
			json_t *ch = json_array_get(
				json_object_get(fx, "artifactChanges"), 0);
			json_t *rep = json_array_get(
				json_object_get(ch, "replacements"), 0);

			cr_assert_not_null(json_object_get(ch,
							   "artifactLocation"));
			cr_assert_not_null(json_object_get(rep,
							   "deletedRegion"));
		}
	}
	/* utf8.ipxe line 2: "echo Débogage 🚀 ; goto nowhere": byte column
	 * 28 is UTF-16 column 25 (é: 2 bytes, 1 unit; 🚀: 4 bytes, 2) */
	json_array_foreach(results, i, v) {
		json_t *reg = json_object_get(json_object_get(
			json_array_get(json_object_get(v, "locations"), 0),
			"physicalLocation"), "region");

		if (strstr(json_string_value(json_object_get(
			    json_object_get(v, "message"), "text")),
			   "nowhere"))
			cr_assert_eq(json_integer_value(json_object_get(
					     reg, "startColumn")), 25);
	}
	json_decref(log);
	free(out);
	free(lint);
	free(f1);
	free(f2);
}

/* Full validation against the official schema, when it is at hand: the
 * schema is not shipped here; point SARIF_SCHEMA at sarif-schema-2.1.0.json
 * (and have python3-jsonschema) to run it.  `make sarif-validate` fetches
 * the schema and does so. */
Test(lint_cli, sarif_validates_against_the_official_schema)
{
	const char *schema = getenv("SARIF_SCHEMA");
	char *lint, *dir, *f1, *f2, *f3, *out, *err, path[PATH_MAX];
	const char *check[] = { "/usr/bin/python3", "-c",
				"import jsonschema", NULL };
	int status;
	FILE *f;

	if (!schema || access(schema, R_OK) != 0)
		cr_skip_test("SARIF_SCHEMA is not set to the schema file");
	free(test_run(check, NULL, &status, NULL));
	if (status != 0)
		cr_skip_test("python3-jsonschema is not installed");
	lint = lint_path();
	dir = temp_dir();
	f1 = fixture("findings.ipxe");
	f2 = fixture("utf8.ipxe");
	f3 = fixture("crlf.ipxe");
	{
		const char *argv[] = { lint, "--norc", "-f", "sarif", f1, f2,
				       f3, NULL };

		out = test_run(argv, NULL, &status, NULL);
	}
	snprintf(path, sizeof(path), "%s/out.sarif", dir);
	f = fopen(path, "w");
	fputs(out, f);
	fclose(f);
	{
		const char *argv[] = {
			"/usr/bin/python3", "-c",
			"import json, sys, jsonschema\n"
			"schema = json.load(open(sys.argv[1]))\n"
			"doc = json.load(open(sys.argv[2]))\n"
			"cls = jsonschema.validators.validator_for(schema)\n"
			"v = cls(schema, "
			"format_checker=jsonschema.FormatChecker())\n"
			"errs = list(v.iter_errors(doc))\n"
			"for e in errs[:10]: print(e.message, list(e.path))\n"
			"sys.exit(1 if errs else 0)\n",
			schema, path, NULL
		};
		char *res = test_run(argv, NULL, &status, &err);

		cr_assert_eq(status, 0, "invalid SARIF:\n%s%s", res, err);
		free(res);
		free(err);
	}
	free(out);
	free(lint);
	free(dir);
	free(f1);
	free(f2);
	free(f3);
}

Test(lint_cli, diff_is_accepted_by_git_apply)
{
	static const char *const names[] = { "findings.ipxe", "crlf.ipxe",
					     "utf8.ipxe", "clean.ipxe" };
	char *lint = lint_path(), *dir = temp_dir(), *src[4];
	const char *diff[] = { lint, "--norc", "-f", "diff", names[0],
			       names[1], names[2], names[3], NULL };
	const char *check[] = { "/usr/bin/git", "apply", "--check",
				"fixes.diff", NULL };
	const char *apply[] = { "/usr/bin/git", "apply", "fixes.diff", NULL };
	const char *fix[] = { lint, "--norc", "-f", "quiet", "--fix",
			      "fixed/findings.ipxe", "fixed/crlf.ipxe",
			      "fixed/utf8.ipxe", "fixed/clean.ipxe", NULL };
	char *out, *err, *res;
	int status;

	if (access("/usr/bin/git", X_OK) != 0)
		cr_skip_test("git is not installed");
	for (size_t i = 0; i < 4; i++)
		src[i] = fixture(names[i]);
	cr_assert_eq(chdir(dir), 0);
	mkdir("fixed", 0755);
	for (size_t i = 0; i < 4; i++) {
		char to[PATH_MAX];

		copy_file(src[i], names[i]);
		snprintf(to, sizeof(to), "fixed/%s", names[i]);
		copy_file(src[i], to);
		free(src[i]);
	}
	out = test_run(diff, NULL, &status, &err);
	cr_assert_eq(status, 1, "%s", err);
	cr_assert(strstr(out, "--- a/crlf.ipxe\n"), "%s", out);
	write_file("fixes.diff", out);
	free(err);
	res = test_run(check, NULL, &status, &err);
	cr_assert_eq(status, 0, "git apply --check: %s\n%s", err, out);
	free(res);
	free(err);
	res = test_run(apply, NULL, &status, &err);
	cr_assert_eq(status, 0, "git apply: %s", err);
	free(res);
	free(err);
	/* the patched files are what --fix writes */
	res = test_run(fix, NULL, &status, &err);
	cr_assert_eq(status, 1, "--fix: %s", err);
	for (size_t i = 0; i < 4; i++) {
		char to[PATH_MAX];
		size_t la, lb;
		char *a, *b;

		snprintf(to, sizeof(to), "fixed/%s", names[i]);
		a = test_read_file(names[i], &la);
		b = test_read_file(to, &lb);
		cr_assert(la == lb && !memcmp(a, b, la),
			  "%s: git apply and --fix differ:\n%s\n---\n%s",
			  names[i], a, b);
		free(a);
		free(b);
	}
	free(res);
	free(err);
	free(out);
	free(lint);
	free(dir);
}

Test(lint_cli, fix_keeps_permissions_and_crlf_and_skips_clean_files)
{
	char *lint = lint_path(), *dir = temp_dir();
	char *crlf = fixture("crlf.ipxe"), *clean = fixture("clean.ipxe");
	const char *argv[] = { lint, "--norc", "-f", "gcc", "--fix",
			       "boot.ipxe", "clean.ipxe", "link.ipxe", NULL };
	struct stat before, after, link_st;
	char *out, *err, *text;
	size_t len;
	int status;

	cr_assert_eq(chdir(dir), 0);
	copy_file(crlf, "boot.ipxe");
	copy_file(crlf, "target.ipxe");
	copy_file(clean, "clean.ipxe");
	cr_assert_eq(symlink("target.ipxe", "link.ipxe"), 0);
	chmod("boot.ipxe", 0640);
	chmod("target.ipxe", 0604);
	stat("clean.ipxe", &before);

	out = test_run(argv, NULL, &status, &err);
	/* the CRLF finding (info) has no fix and remains */
	cr_assert_eq(status, 1, "%s", err);
	cr_assert(!strncmp(out, "boot.ipxe:1:1: info: ", 21), "%s", out);
	cr_assert(strstr(out, "[IPX3011]\nlink.ipxe:1:1: info: "), "%s",
		  out);
	cr_assert_eq(strchr(strchr(out, '\n') + 1, '\n')[1], '\0', "%s",
		     out);
	cr_assert(strstr(err, "ipxelint: boot.ipxe: fixed 3 findings "
			      "(IPX3003 line 2, IPX2007 line 3, IPX3003 "
			      "line 5)\n"), "%s", err);
	text = test_read_file("boot.ipxe", &len);
	cr_assert_str_eq(text, "#!ipxe\r\nset menu-timeout 5000\r\n"
			       "imgfetch http://10.0.0.1/vmlinuz ||\r\n"
			       "echo ready\r\nset arch x86_64");
	free(text);
	stat("boot.ipxe", &after);
	cr_assert_eq(after.st_mode & 07777, 0640);
	/* untouched: same inode, same time */
	stat("clean.ipxe", &after);
	cr_assert_eq(after.st_ino, before.st_ino);
	cr_assert_eq(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	cr_assert_eq(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	/* a symbolic link stays one; its target is rewritten */
	cr_assert_eq(lstat("link.ipxe", &link_st), 0);
	cr_assert(S_ISLNK(link_st.st_mode));
	stat("target.ipxe", &after);
	cr_assert_eq(after.st_mode & 07777, 0604);
	text = test_read_file("target.ipxe", &len);
	cr_assert(strstr(text, "set arch x86_64"));
	free(text);
	/* no temporary file is left behind */
	{
		DIR *d = opendir(".");
		struct dirent *e;

		while ((e = readdir(d)))
			cr_assert_null(strstr(e->d_name, ".ipxelint-"), "%s",
				       e->d_name);
		closedir(d);
	}
	free(out);
	free(err);
	free(crlf);
	free(clean);
	free(lint);
	free(dir);
}

Test(lint_cli, unreadable_inputs_exit_2_and_the_rest_is_checked)
{
	char *lint = lint_path(), *f = fixture("findings.ipxe");
	const char *argv[] = { lint, "--norc", "-f", "gcc",
			       "/nonexistent/boot.ipxe", f, NULL };
	char *out, *err;
	int status;

	out = test_run(argv, NULL, &status, &err);
	cr_assert_eq(status, 2);
	cr_assert_str_eq(err, "ipxelint: /nonexistent/boot.ipxe: No such "
			      "file or directory\n");
	cr_assert(strstr(out, "findings.ipxe:7:6: error: "), "%s",
		  out);
	free(out);
	free(err);
	free(lint);
	free(f);
}

Test(lint_cli, usage_errors_exit_2)
{
	char *lint = lint_path();
	const char *argv[] = { lint, "-f", "xml", "x.ipxe", NULL };
	const char *none[] = { lint, NULL };
	char *out, *err;
	int status;

	out = test_run(argv, NULL, &status, &err);
	cr_assert_eq(status, 2);
	cr_assert_str_eq(err, "ipxelint: unknown format 'xml' (tty, gcc, "
			      "json, sarif, checkstyle, diff, quiet)\n"
			      "Try 'ipxelint --help' for more "
			      "information.\n");
	free(out);
	free(err);
	out = test_run(none, NULL, &status, &err);
	cr_assert_eq(status, 2);
	cr_assert(strstr(err, "no input files"));
	free(out);
	free(err);
	free(lint);
}

Test(lint_cli, standard_input_takes_a_name)
{
	char *lint = lint_path();
	const char *argv[] = { lint, "--norc", "-f", "gcc",
			       "--stdin-filename", "boot/x.ipxe", "-", NULL };
	const char *clean[] = { lint, "--norc", "-", NULL };
	char *out, *err;
	int status;

	out = test_run(argv, "#!ipxe\nset a=b\n", &status, &err);
	cr_assert_eq(status, 1, "%s", err);
	cr_assert(!strncmp(out, "boot/x.ipxe:2:5: error: ", 24), "%s", out);
	free(out);
	free(err);
	out = test_run(clean, "#!ipxe\necho hi\n", &status, &err);
	cr_assert_eq(status, 0, "%s%s", out, err);
	cr_assert_str_empty(out);
	free(out);
	free(err);
	free(lint);
}

Test(lint_cli, colour_follows_the_option_and_no_color)
{
	char *lint = lint_path();
	const char *always[] = { lint, "--norc", "--color=always", "-",
				 NULL };
	const char *autom[] = { lint, "--norc", "-", NULL };
	char *out;
	int status;

	setenv("NO_COLOR", "1", 1);
	out = test_run(always, "#!ipxe\nset a=b\n", &status, NULL);
	cr_assert(strstr(out, "\033[1;31merror:"), "%s", out);
	free(out);
	unsetenv("NO_COLOR");
	/* auto: standard output is a pipe here */
	out = test_run(autom, "#!ipxe\nset a=b\n", &status, NULL);
	cr_assert_null(strchr(out, '\033'));
	cr_assert(strstr(out, "     2 | set a=b\n"), "%s", out);
	free(out);
	free(lint);
}

Test(lint_cli, list_checks_and_explain_come_from_the_table)
{
	char *lint = lint_path();
	const char *list[] = { lint, "--list-checks", NULL };
	const char *explain[] = { lint, "--explain", "set-equals", NULL };
	const char *unknown[] = { lint, "--explain", "IPX9999", NULL };
	char *out, *err;
	int status;

	out = test_run(list, NULL, &status, NULL);
	cr_assert_eq(status, 0);
	for (unsigned i = 0; i < CHECK_COUNT; i++) {
		char code[8];

		report_code(code, check_table[i].code);
		cr_assert(strstr(out, code), "%s missing", code);
	}
	cr_assert(strstr(out, "IPX3003  error    syntax     yes on       "
			      "set-equals"), "%s", out);
	free(out);
	/* the page if docs/checks has it, else the table's summary */
	out = test_run(explain, NULL, &status, NULL);
	cr_assert_eq(status, 0);
	cr_assert(strstr(out, "IPX3003"), "%s", out);
	free(out);
	out = test_run(unknown, NULL, &status, &err);
	cr_assert_eq(status, 2);
	cr_assert(strstr(err, "unknown check 'IPX9999'"), "%s", err);
	free(out);
	free(err);
	free(lint);
}

Test(lint_cli, a_build_file_makes_missing_commands_errors)
{
	char *lint = lint_path(), *dir = temp_dir(), list[PATH_MAX];
	const char *argv[] = { lint, "--norc", "-f", "gcc", "--build", list,
			       "-", NULL };
	char *out, *err;
	int status;

	snprintf(list, sizeof(list), "%s/ourbuild", dir);
	write_file(list, "# our iPXE build\ndhcp chain echo\n");
	out = test_run(argv, "#!ipxe\ndhcp || exit\necho hi\n"
			     "kernel x || exit\n", &status, &err);
	cr_assert_eq(status, 1, "%s", err);
	cr_assert(strstr(out, "-:4:1: error: 'kernel' is not in the build "
			      "listed in "), "%s", out);
	cr_assert_null(strstr(out, "'echo'"), "%s", out);
	free(out);
	free(err);
	free(lint);
	free(dir);
}

Test(lint_cli, a_build_file_can_start_from_a_build_and_change_options)
{
	char *lint = lint_path(), *dir = temp_dir(), list[PATH_MAX];
	const char *argv[] = { lint, "--norc", "-f", "gcc", "--build", list,
			       "-", NULL };
	char *out, *err;
	int status;

	snprintf(list, sizeof(list), "%s/ourbuild", dir);
	/* iPXE's config/local/general.h lines on top of the EFI build */
	write_file(list, "base efi   # the stock EFI build\n"
			 "#define NSLOOKUP_CMD\n"
			 "  #undef IMAGE_TRUST_CMD\n");
	out = test_run(argv, "#!ipxe\nnslookup ip example.com || exit\n"
			     "usbscan x || exit\nimgtrust\n"
			     "imgverify a b || exit\n", &status, &err);
	cr_assert_eq(status, 1, "%s", err);
	cr_assert(strstr(out, "-:4:1: error: 'imgtrust' is not in the build"),
		  "%s", out);
	cr_assert_null(strstr(out, "'nslookup'"), "%s", out);
	cr_assert_null(strstr(out, "'usbscan'"), "%s", out);
	cr_assert(strstr(out, "'imgverify'"), "imgverify shares the "
		  "option: %s", out);
	free(out);
	free(err);

	write_file(list, "#define NO_SUCH_CMD\n");
	out = test_run(argv, "#!ipxe\n", &status, &err);
	cr_assert_eq(status, 2);
	cr_assert(strstr(err, "ourbuild:1: 'NO_SUCH_CMD' is no build option"),
		  "%s", err);
	free(out);
	free(err);
	write_file(list, "base huge\n");
	out = test_run(argv, "#!ipxe\n", &status, &err);
	cr_assert_eq(status, 2);
	cr_assert(strstr(err, "base takes default, bios, efi or full"), "%s",
		  err);
	free(out);
	free(err);
	free(lint);
	free(dir);
}

Test(lint_cli, rc_files_apply_below_them_and_options_win)
{
	char *lint = lint_path(), *dir = temp_dir();
	const char *plain[] = { lint, "-f", "gcc", "-v", "menus", NULL };
	const char *over[] = { lint, "-f", "gcc", "-S", "error", "-e",
			       "IPX3003", "menus/boot.ipxe",
			       "menus/vendor/x.ipxe", NULL };
	const char *norc[] = { lint, "--norc", "-f", "gcc",
			       "menus/vendor/x.ipxe", NULL };
	char *out, *err;
	int status;

	cr_assert_eq(chdir(dir), 0);
	setenv("HOME", dir, 1);
	unsetenv("XDG_CONFIG_HOME");
	mkdir("menus", 0755);
	mkdir("menus/vendor", 0755);
	write_file("menus/.ipxelintrc", "severity = warning\n"
					"ignore = vendor\n");
	write_file("menus/boot.ipxe", "#!ipxe\ndhcp\nset a=b\n");
	write_file("menus/vendor/x.ipxe", "#!ipxe\nset a=b\n");

	out = test_run(plain, NULL, &status, &err);
	cr_assert_eq(status, 1, "%s", err);
	/* the dhcp finding is information: below the rc's severity */
	cr_assert(!strncmp(out, "menus/boot.ipxe:3:5: error: ", 28), "%s",
		  out);
	cr_assert(strstr(out, "[IPX3003]\n"), "%s", out);
	cr_assert_eq(strchr(out, '\n')[1], '\0', "one finding: %s", out);
	cr_assert(strstr(err, "ipxelint: using rc file "), "%s", err);
	cr_assert(strstr(err, "menus/vendor: ignored ('vendor' in "), "%s",
		  err);
	free(out);
	free(err);

	/* named files are ignored too; -e adds to the rc's choices */
	out = test_run(over, NULL, &status, &err);
	cr_assert_eq(status, 0, "%s%s", out, err);
	cr_assert_str_empty(out);
	free(out);
	free(err);

	out = test_run(norc, NULL, &status, &err);
	cr_assert_eq(status, 1, "%s", err);
	free(out);
	free(err);

	/* a broken rc file is a usage error, named with its line */
	write_file("menus/.ipxelintrc", "severity = warning\nfoo = bar\n");
	out = test_run(plain, NULL, &status, &err);
	cr_assert_eq(status, 2);
	cr_assert(strstr(err, "/menus/.ipxelintrc:2: unknown key 'foo'"),
		  "%s", err);
	free(out);
	free(err);
	free(lint);
	free(dir);
}
