/*
 * test_lsp.c - ipxelint --lsp on the command line: the mode needs no
 * file, refuses files and --fix, and keeps the settings options that
 * apply to every document.  The protocol itself is tested by the
 * sessions of tests/lsp/ (tests/lsp.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "lint/cli.h"
#include "lint/lsp.h"

static int
parse_args(struct cli *c, char *err, int argc, const char **args)
{
	static char *argv[8];

	for (int i = 0; i < argc; i++)
		argv[i] = (char *)args[i];
	argv[argc] = NULL;
	return cli_parse(c, argc, argv, err);
}

Test(lsp_cli, lsp_needs_no_file_and_keeps_settings)
{
	const char *args[] = { "ipxelint", "--lsp", "-e", "IPX3003", "-S",
			       "warning" };
	char err[CLI_ERR_MAX] = "";
	struct cli c;
	const struct check_def *d = check_by_code(3003);

	cr_assert_eq(parse_args(&c, err, 6, args), 0, "%s", err);
	cr_assert_eq(c.mode, CLI_LSP);
	cr_assert_eq(c.nfiles, 0);
	cr_assert(d && c.set.exclude[d->id]);
	cr_assert(c.set.has_severity && c.set.severity == SEV_WARNING);
	cli_fini(&c);
}

Test(lsp_cli, lsp_refuses_files_and_fix)
{
	const char *with_file[] = { "ipxelint", "--lsp", "boot.ipxe" };
	const char *with_fix[] = { "ipxelint", "--fix", "--lsp" };
	char err[CLI_ERR_MAX] = "";
	struct cli c;

	cr_assert_eq(parse_args(&c, err, 3, with_file), -1);
	cr_assert(strstr(err, "--lsp reads its documents from the client"),
		  "%s", err);
	cli_fini(&c);
	err[0] = '\0';
	cr_assert_eq(parse_args(&c, err, 3, with_fix), -1);
	cr_assert(strstr(err, "no FILE and no --fix"), "%s", err);
	cli_fini(&c);
}

Test(lsp_cli, help_mentions_lsp)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cli_help(f);
	fclose(f);
	cr_assert(strstr(text, "--lsp"), "%s", text);
	cr_assert(strstr(text, "docs/lsp.md"), "%s", text);
	free(text);
}
