/*
 * test_complete.c - the REPL's tab completion (interp/complete.c): given
 * a line, a cursor and the simulated machine, the candidates.  The
 * expectations come from the stdlib tables (commands.def, settings.def)
 * and from what the machine holds, never from the code under test.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interp/complete.h"
#include "interp/machine.h"
#include "interp/sim.h"
#include "parser/script.h"
#include "parser/util.h"

struct fixture {
	struct sim sim;
	FILE *out;
	char *text;
	size_t len;
	struct completion c;
};

static void
fx_init(struct fixture *f, enum platform plat, enum sim_build build,
	char *root)
{
	struct sim_config cfg = {
		.plat = plat, .build = build, .nic = true,
		.max_steps = 100000, .max_depth = 64, .root = root,
	};

	memset(f, 0, sizeof(*f));
	f->out = open_memstream(&f->text, &f->len);
	cr_assert_not_null(f->out);
	sim_init(&f->sim, &cfg, f->out, NULL);
}

static void
fx_fini(struct fixture *f)
{
	completion_fini(&f->c);
	machine_params_free_all(&f->sim);
	sim_fini(&f->sim);
	fclose(f->out);
	free(f->text);
}

/* Completes line with the cursor at its end. */
static void
complete(struct fixture *f, const struct script *s, const char *line)
{
	completion_fini(&f->c);
	complete_line(&f->sim, s, NULL, line, strlen(line), &f->c);
}

static bool
has(const struct completion *c, const char *word)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->cands[i], word) == 0)
			return true;
	return false;
}

Test(complete, first_word_offers_the_commands_of_the_build)
{
	struct fixture f;
	size_t want = 0;

	fx_init(&f, PLAT_BIOS, SIMB_DEFAULT, NULL);
	complete(&f, NULL, "im");
	for (size_t i = 0; i < CMD_COUNT; i++)
		if (strncmp(cmd_table[i].name, "im", 2) == 0 &&
		    cmd_in_build(&cmd_table[i], BUILDS_BIOS)) {
			cr_assert(has(&f.c, cmd_table[i].name), "%s missing",
				  cmd_table[i].name);
			want++;
		}
	cr_assert_eq(f.c.n, want);
	cr_assert_eq(f.c.start, 0);
	/* imgextract is not in the stock BIOS build (commands.def) */
	cr_assert(!cmd_in_build(cmd_lookup("imgextract", 10), BUILDS_BIOS));
	cr_assert(!has(&f.c, "imgextract"));
	fx_fini(&f);
}

Test(complete, candidates_are_sorted_and_unique)
{
	struct fixture f;

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	complete(&f, NULL, "");
	cr_assert_gt(f.c.n, 10);
	for (size_t i = 1; i < f.c.n; i++)
		cr_assert_lt(strcmp(f.c.cands[i - 1], f.c.cands[i]), 0);
	fx_fini(&f);
}

Test(complete, a_command_after_an_operator_is_a_first_word)
{
	struct fixture f;

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	complete(&f, NULL, "dhcp || ech");
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], "echo");
	cr_assert_eq(f.c.start, 8);
	/* a lone '|' is a word, not an operator (spec 3.3) */
	complete(&f, NULL, "echo | ech");
	cr_assert_eq(f.c.n, 0);
	fx_fini(&f);
}

Test(complete, dash_offers_the_long_options_of_the_command)
{
	struct fixture f;
	const struct cmd_def *def = cmd_lookup("imgfetch", 8);

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	complete(&f, NULL, "imgfetch --");
	cr_assert_eq(f.c.n, def->nopts);
	for (unsigned i = 0; i < def->nopts; i++) {
		char want[64];

		snprintf(want, sizeof(want), "--%s", def->opts[i].longname);
		cr_assert(has(&f.c, want), "%s missing", want);
	}
	complete(&f, NULL, "imgfetch --na");
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], "--name");
	cr_assert_eq(f.c.start, 9);
	fx_fini(&f);
}

Test(complete, setting_argument_offers_known_and_stored_names)
{
	struct fixture f;

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	sim_system(&f.sim, "set my-own-setting 1");
	complete(&f, NULL, "show my");
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], "my-own-setting");
	complete(&f, NULL, "set next-s");
	cr_assert(has(&f.c, "next-server"));
	/* blocks come with their slash */
	complete(&f, NULL, "show net");
	cr_assert(has(&f.c, "net0/"));
	cr_assert(has(&f.c, "netmask"));
	fx_fini(&f);
}

Test(complete, block_prefix_offers_what_the_block_holds)
{
	struct fixture f;

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	complete(&f, NULL, "show net0/ma");
	cr_assert(has(&f.c, "net0/mac"));
	complete(&f, NULL, "show smbios/prod");
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], "smbios/product");
	/* builtin holds no DHCP settings */
	complete(&f, NULL, "show builtin/next-");
	cr_assert_eq(f.c.n, 0);
	/* after dhcp, its block exists */
	complete(&f, NULL, "show net0.d");
	cr_assert_eq(f.c.n, 0);
	sim_system(&f.sim, "dhcp");
	complete(&f, NULL, "show net0.d");
	cr_assert(has(&f.c, "net0.dhcp/"));
	fx_fini(&f);
}

Test(complete, inside_a_reference_the_name_is_a_setting)
{
	struct fixture f;

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	complete(&f, NULL, "echo ${plat");
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], "platform");
	cr_assert(f.c.in_ref);
	cr_assert_eq(f.c.start, 7);
	complete(&f, NULL, "echo x${net0/ma");
	cr_assert(has(&f.c, "net0/mac"));
	cr_assert_eq(f.c.start, 8);
	/* a closed reference is not completed as one */
	complete(&f, NULL, "echo ${platform}");
	cr_assert(!f.c.in_ref);
	fx_fini(&f);
}

Test(complete, goto_offers_the_labels_of_the_script)
{
	struct fixture f;
	struct script *s = script_parse_str("m.ipxe", "#!ipxe\n:start\n"
					    "goto retry\n:retry echo\n"
					    ":stop\n");

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	complete(&f, s, "goto ");
	cr_assert_eq(f.c.n, 3);
	cr_assert_str_eq(f.c.cands[0], "retry");
	cr_assert_str_eq(f.c.cands[1], "start");
	cr_assert_str_eq(f.c.cands[2], "stop");
	complete(&f, s, "goto st");
	cr_assert_eq(f.c.n, 2);
	/* no script: nothing to offer */
	complete(&f, NULL, "goto ");
	cr_assert_eq(f.c.n, 0);
	script_free(s);
	fx_fini(&f);
}

Test(complete, other_arguments_are_files_under_the_root)
{
	struct fixture f;
	char root[] = "/tmp/ipxekit-complete-XXXXXX", path[128];
	FILE *fp;

	cr_assert_not_null(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/boot", root);
	cr_assert_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/boot/vmlinuz", root);
	fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fclose(fp);
	fx_init(&f, PLAT_BIOS, SIMB_FULL, root);
	complete(&f, NULL, "kernel b");
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], "boot/");
	complete(&f, NULL, "kernel boot/v");
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], "boot/vmlinuz");
	complete(&f, NULL, "kernel boot/x");
	cr_assert_eq(f.c.n, 0);
	fx_fini(&f);
	remove(path);
	snprintf(path, sizeof(path), "%s/boot", root);
	rmdir(path);
	rmdir(root);
}

Test(complete, meta_commands_complete_at_the_start_only)
{
	struct fixture f;
	static const char *const metas[] = { ".goto", ".help", NULL };

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	complete_line(&f.sim, NULL, metas, ".g", 2, &f.c);
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], ".goto");
	completion_fini(&f.c);
	complete_line(&f.sim, NULL, metas, "echo .g", 7, &f.c);
	cr_assert_eq(f.c.n, 0);
	completion_fini(&f.c);
	/* .goto takes a label, as goto does */
	{
		struct script *s = script_parse_str("m.ipxe",
						    "#!ipxe\n:menu\n");

		complete_line(&f.sim, s, metas, ".goto m", 7, &f.c);
		cr_assert_eq(f.c.n, 1);
		cr_assert_str_eq(f.c.cands[0], "menu");
		script_free(s);
	}
	fx_fini(&f);
}

Test(complete, cursor_in_the_middle_completes_the_word_before_it)
{
	struct fixture f;

	fx_init(&f, PLAT_BIOS, SIMB_FULL, NULL);
	complete_line(&f.sim, NULL, NULL, "ech hello", 3, &f.c);
	cr_assert_eq(f.c.n, 1);
	cr_assert_str_eq(f.c.cands[0], "echo");
	cr_assert_eq(f.c.start, 0);
	fx_fini(&f);
}
