/*
 * test_stdlib.c - the command and setting tables against what the real
 * iPXE prints: usage lines (spec 10.0, recorded with the oracle), the
 * `help` lists of the full and default builds, numeric setting names
 * (spec 6.2), lookups and suggestions.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"
#include "stdlib/stdlib.h"
#include "tests/support.h"

static const struct cmd_def *
cmd(const char *name)
{
	const struct cmd_def *c = cmd_lookup(name, strlen(name));

	cr_assert_not_null(c, "no command %s", name);
	return c;
}

static char *
usage_line(const struct cmd_def *c, const char *name)
{
	struct buf b;

	buf_init(&b);
	cmd_usage_line(&b, c, name);
	return buf_steal(&b);
}

/* The set of commands whose builds include mask, one name a line, in
 * table order. */
static char *
build_list(unsigned mask)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < CMD_COUNT; i++)
		if (cmd_table[i].builds & mask)
			buf_printf(&b, "%s\n", cmd_table[i].name);
	return buf_steal(&b);
}

static void
expect_file(const char *path, const char *actual)
{
	char *want = test_read_file(path, NULL);

	cr_assert_not_null(want, "cannot read %s", path);
	cr_expect_str_eq(actual, want, "%s differs", path);
	free(want);
}

Test(stdlib, every_usage_line_of_the_spec_is_reproduced)	/* spec 10.0 */
{
	char *text = test_read_file("tests/stdlib/usage-lines.txt", NULL);
	size_t nlines = 0;
	bool seen[CMD_COUNT] = { false };

	cr_assert_not_null(text);
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		cr_assert_not_null(nl, "unterminated last line");
		*nl = '\0';
		size_t namelen = strcspn(line, " ");
		const struct cmd_def *c = cmd_lookup(line, namelen);

		cr_assert_not_null(c, "unknown command in \"%s\"", line);
		char *name = xstrndup(line, namelen);
		char *got = usage_line(c, name);

		cr_expect_str_eq(got, line);
		cr_expect(!seen[c->id], "%s listed twice", name);
		seen[c->id] = true;
		nlines++;
		free(got);
		free(name);
	}
	/* Every command but help, which has no usage message. */
	cr_expect_eq(nlines, CMD_COUNT - 1);
	cr_expect(!seen[CMD_help]);
	free(text);
}

Test(stdlib, usage_message_has_the_exact_layout_of_spec_5_3)
{
	struct buf b;

	buf_init(&b);
	cmd_usage(&b, cmd("prompt"), "prompt", "https://ipxe.org");
	cr_expect_str_eq(b.data,
			 "Usage:\n"
			 "\n"
			 "  prompt [-k|--key <key>] [-t|--timeout <timeout>]"
			 " [<text>]\n"
			 "\n"
			 "See https://ipxe.org/cmd/prompt for further"
			 " information\n");
	buf_fini(&b);
}

Test(stdlib, ibstat_usage_ends_in_a_space_because_its_synopsis_is_empty)
{
	struct buf b;

	buf_init(&b);
	cmd_usage(&b, cmd("ibstat"), "ibstat", "https://ipxe.org");
	cr_expect_str_eq(b.data, "Usage:\n\n  ibstat \n\nSee "
				 "https://ipxe.org/cmd/ibstat for further "
				 "information\n");
	buf_fini(&b);
}

Test(stdlib, commands_without_synopsis_print_nothing_after_the_options)
{
	char *got = usage_line(cmd("imgset"), "imgset");

	cr_expect_str_eq(got, "imgset [-k|--keep] [-t|--timeout <timeout>] "
			      "[-q|--quiet]");
	free(got);
	got = usage_line(cmd("route"), "route");
	cr_expect_str_eq(got, "route");
	free(got);
}

Test(stdlib, usage_names_the_command_as_typed_with_the_given_url_base)
{
	struct buf b;

	buf_init(&b);
	cmd_usage(&b, cmd("imgexec"), "boot", "http://ipxe.org");
	cr_expect(strstr(b.data, "\n  boot [-n|--name <name>]") != NULL);
	cr_expect(strstr(b.data, "See http://ipxe.org/cmd/boot for") != NULL);
	buf_fini(&b);
}

Test(stdlib, full_build_has_exactly_the_commands_its_help_lists)
{
	char *got = build_list(BUILDS_FULL);

	expect_file("tests/stdlib/help-full.txt", got);
	free(got);
}

Test(stdlib, default_bios_build_has_exactly_the_commands_its_help_lists)
{
	char *got = build_list(BUILDS_BIOS);

	expect_file("tests/stdlib/help-default.txt", got);
	free(got);
}

Test(stdlib, efi_build_has_core_efi_and_driver_commands)	/* spec 11 */
{
	size_t n = 0;

	for (size_t i = 0; i < CMD_COUNT; i++) {
		const struct cmd_def *c = &cmd_table[i];
		bool want = c->cls == CLASS_CORE || c->cls == CLASS_EFI ||
			    c->id == CMD_ibstat || c->id == CMD_iwlist ||
			    c->id == CMD_iwstat;

		cr_expect_eq(cmd_in_build(c, BUILDS_EFI), want, "%s", c->name);
		n += want;
	}
	cr_expect_eq(n, 73);
}

Test(stdlib, build_classes_agree_with_the_default_builds)
{
	for (size_t i = 0; i < CMD_COUNT; i++) {
		const struct cmd_def *c = &cmd_table[i];

		if (c->cls == CLASS_CORE)
			cr_expect(cmd_in_build(c, BUILDS_BIOS | BUILDS_EFI),
				  "%s", c->name);
		if (c->cls == CLASS_EFI || c->cls == CLASS_OPT)
			cr_expect(!cmd_in_build(c, BUILDS_BIOS), "%s",
				  c->name);
		if (c->cls == CLASS_OPT)
			cr_expect(!cmd_in_build(c, BUILDS_EFI), "%s", c->name);
		if (c->cls != CLASS_CORE)
			cr_expect_not_null(c->build_option, "%s", c->name);
	}
}

Test(stdlib, in_build_means_in_every_build_of_the_mask)
{
	cr_expect(cmd_in_build(cmd("echo"), BUILDS_BIOS | BUILDS_EFI));
	cr_expect(!cmd_in_build(cmd("ntp"), BUILDS_BIOS | BUILDS_EFI));
	cr_expect(cmd_in_build(cmd("ntp"), BUILDS_EFI));
	cr_expect(!cmd_in_build(cmd("fdt"), BUILDS_FULL));
}

Test(stdlib, upstream_defines_92_commands)
{
	cr_expect_eq(CMD_COUNT, 92);
}

Test(stdlib, rows_are_in_strcmp_order_and_indexed_by_id)
{
	for (size_t i = 0; i < CMD_COUNT; i++) {
		cr_expect_eq(cmd_table[i].id, (enum cmd_id)i);
		if (i > 0)
			cr_expect(strcmp(cmd_table[i - 1].name,
					 cmd_table[i].name) < 0,
				  "%s before %s", cmd_table[i - 1].name,
				  cmd_table[i].name);
	}
	for (size_t i = 0; i < SET_COUNT; i++)
		cr_expect_eq(set_table[i].id, (enum set_id)i);
}

Test(stdlib, no_two_rows_share_a_name)
{
	for (size_t i = 0; i < CMD_COUNT; i++)
		for (size_t j = i + 1; j < CMD_COUNT; j++)
			cr_expect_str_neq(cmd_table[i].name, cmd_table[j].name);
	for (size_t i = 0; i < SET_COUNT; i++)
		for (size_t j = i + 1; j < SET_COUNT; j++)
			cr_expect_str_neq(set_table[i].name, set_table[j].name);
}

Test(stdlib, no_two_settings_share_a_tag_in_one_scope)
{
	for (size_t i = 0; i < SET_COUNT; i++)
		for (size_t j = i + 1; j < SET_COUNT; j++)
			cr_expect(set_table[i].tag == 0 ||
				  set_table[i].tag != set_table[j].tag ||
				  set_table[i].scope != set_table[j].scope,
				  "%s and %s", set_table[i].name,
				  set_table[j].name);
}

Test(stdlib, every_command_is_found_by_its_own_name)
{
	for (size_t i = 0; i < CMD_COUNT; i++) {
		const char *n = cmd_table[i].name;

		cr_expect_eq(cmd_lookup(n, strlen(n)), &cmd_table[i], "%s", n);
	}
	for (size_t i = 0; i < SET_COUNT; i++) {
		const char *n = set_table[i].name;

		cr_expect_eq(set_lookup(n, strlen(n)), &set_table[i], "%s", n);
	}
}

Test(stdlib, lookups_are_exact_and_case_sensitive)	/* spec 3.4 */
{
	cr_expect_null(cmd_lookup("Echo", 4));
	cr_expect_null(cmd_lookup("ECHO", 4));
	cr_expect_null(cmd_lookup("ech", 3));
	cr_expect_null(cmd_lookup("echo ", 5));
	cr_expect_null(cmd_lookup("", 0));
	cr_expect_null(cmd_lookup("aaa", 3));
	cr_expect_null(cmd_lookup("zzz", 3));
	/* The length counts, not a terminator: "echoes" cut to 4. */
	cr_expect_eq(cmd_lookup("echoes", 4), &cmd_table[CMD_echo]);
	cr_expect_null(cmd_lookup("echo\0", 5));
	cr_expect_null(set_lookup("Hostname", 8));
	cr_expect_null(set_lookup("next_server", 11));
	cr_expect_eq(set_lookup("next-server", 11),
		     &set_table[SET_next_server]);
}

Test(stdlib, synonyms_share_the_implementation_and_everything_printed)
{
	static const struct {
		const char *name, *impl;
	} syn[] = {
		{ "dhcp", "ifconf" },	  { "module", "imgfetch" },
		{ "initrd", "imgfetch" }, { "imgload", "imgselect" },
		{ "kernel", "imgselect" }, { "chain", "imgexec" },
		{ "boot", "imgexec" },	  { "form", "menu" },
		{ "sha1sum", "md5sum" },  { "sha512sum", "md5sum" },
		{ "md4sum", "md5sum" },
	};

	for (size_t i = 0; i < sizeof(syn) / sizeof(syn[0]); i++)
		cr_expect_eq(cmd(syn[i].name)->impl, cmd(syn[i].impl)->id,
			     "%s", syn[i].name);
	for (size_t i = 0; i < CMD_COUNT; i++) {
		const struct cmd_def *c = &cmd_table[i];
		const struct cmd_def *im = &cmd_table[c->impl];

		cr_expect_eq(im->impl, im->id, "%s", c->name);
		if (im == c)
			continue;
		char *a = usage_line(c, "x"), *b = usage_line(im, "x");

		cr_expect_str_eq(a, b, "%s", c->name);
		cr_expect_eq(c->min, im->min);
		cr_expect_eq(c->max, im->max);
		free(a);
		free(b);
	}
}

Test(stdlib, help_shim_and_time_have_their_own_parsing)	/* spec 10.0 */
{
	for (size_t i = 0; i < CMD_COUNT; i++) {
		enum cmd_parse want = PARSE_GENERIC;

		if (i == CMD_help)
			want = PARSE_NONE;
		else if (i == CMD_shim)
			want = PARSE_SHIM;
		else if (i == CMD_time)
			want = PARSE_TIME;
		cr_expect_eq(cmd_table[i].parse, want, "%s",
			     cmd_table[i].name);
	}
}

Test(stdlib, options_are_found_by_exact_long_or_short_name)
{
	const struct cmd_def *c = cmd("imgfetch");

	cr_expect_eq(c->nopts, 4);
	cr_expect_eq(cmd_opt_long(c, "name", 4), &c->opts[0]);
	cr_expect_eq(cmd_opt_long(c, "name", 4)->parser, VAL_STR);
	cr_expect_eq(cmd_opt_long(c, "timeout", 7)->parser, VAL_MS);
	cr_expect_null(cmd_opt_long(c, "nam", 3));
	cr_expect_null(cmd_opt_long(c, "replace", 7));
	cr_expect_eq(cmd_opt_short(c, 'a')->longname, c->opts[3].longname);
	/* -h/--help is implicit, never a row (spec 5). */
	cr_expect_null(cmd_opt_short(c, 'h'));
	cr_expect_null(cmd_opt_short(c, '\0'));
	cr_expect_null(cmd_opt_long(cmd("echo"), "help", 4));
	cr_expect_eq(cmd_opt_short(cmd("param"), 'H')->parser, VAL_FLAG);
	cr_expect_eq(cmd("echo")->max, 255);
	cr_expect_eq(cmd("help")->nopts, 0);
}

Test(stdlib, numeric_setting_names_give_tags)	/* spec 6.2 rule 4 */
{
	static const struct {
		const char *name;
		uint32_t tag;
	} ok[] = {
		{ "12", 12 },		{ "0xd1", 209 },
		{ "175.3", 0xaf03 },	{ "1.4.0", 0x010400 },
		{ "010", 8 },		{ "0X1F", 31 },
		{ "0x10.0x1", 0x1001 },
		/* iPXE's strtoul() accepts an empty number, so these are
		 * tags too [verified with the oracle]. */
		{ "1..", 0x10000 },	{ "12.", 0xc00 },
		{ ".5", 5 },		{ "+7", 7 },
	};
	static const char *const bad[] = {
		"foo", "1x", "08", "0", "0.0", "", "1.x", "a.1", "hostname",
	};
	uint32_t tag;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		cr_expect(set_parse_tag(ok[i].name, strlen(ok[i].name), &tag),
			  "%s", ok[i].name);
		cr_expect_eq(tag, ok[i].tag, "%s: %#x", ok[i].name, tag);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tag = 1;
		cr_expect(!set_parse_tag(bad[i], strlen(bad[i]), &tag), "%s",
			  bad[i]);
		cr_expect_eq(tag, 0, "%s", bad[i]);
	}
	/* Only len bytes count. */
	cr_expect(set_parse_tag("175.3x", 5, &tag));
	cr_expect_eq(tag, 0xaf03);
}

Test(stdlib, tags_find_the_predefined_setting_of_their_scope)
{
	cr_expect_eq(set_lookup_tag(12, SCOPE_DHCP), &set_table[SET_hostname]);
	cr_expect_eq(set_lookup_tag(0xaf03, SCOPE_DHCP),
		     &set_table[SET_next_server]);
	cr_expect_eq(set_lookup_tag(26, SCOPE_DHCP), &set_table[SET_mtu]);
	cr_expect_eq(set_lookup_tag(0x010400, SCOPE_SMBIOS),
		     &set_table[SET_manufacturer]);
	cr_expect_eq(set_lookup_tag(0x010810, SCOPE_SMBIOS),
		     &set_table[SET_uuid]);
	cr_expect_null(set_lookup_tag(12, SCOPE_SMBIOS));
	cr_expect_null(set_lookup_tag(66, SCOPE_DHCP));
	cr_expect_null(set_lookup_tag(0, SCOPE_NETDEV));
}

Test(stdlib, predefined_settings_have_upstream_types_and_tags)	/* 6.7-8 */
{
	const struct set_def *s = set_lookup("next-server", 11);

	cr_expect_eq(s->type, TYPE_ipv4);
	cr_expect_eq(s->tag, 0xaf03);
	cr_expect_eq(s->scope, SCOPE_DHCP);
	cr_expect_eq(set_table[SET_errno].type, TYPE_uint32);
	cr_expect_eq(set_table[SET_errno].scope, SCOPE_BUILTIN);
	cr_expect_eq(set_table[SET_unixtime].type, TYPE_uint32);
	cr_expect_eq(set_table[SET_san_drive].type, TYPE_uint8);
	cr_expect_eq(set_table[SET_san_drive].tag, 0xafbd);
	cr_expect_eq(set_table[SET_busid].scope, SCOPE_NETDEV);
	cr_expect_eq(set_table[SET_dnssl].type, TYPE_dnssl);
	cr_expect_eq(set_table[SET_vram].type, TYPE_base64);
	cr_expect_eq(SET_COUNT, 74);
}

Test(stdlib, type_names_are_looked_up_exactly)	/* spec 6.6 */
{
	cr_expect_eq(type_lookup("ipv4", 4), TYPE_ipv4);
	cr_expect_eq(type_lookup("dnssl", 5), TYPE_dnssl);
	cr_expect_eq(type_lookup("IPV4", 4), -1);
	cr_expect_eq(type_lookup("int", 3), -1);
	cr_expect_eq(type_lookup("", 0), -1);
	for (int i = 0; i < TYPE_COUNT; i++)
		cr_expect_eq(type_lookup(type_names[i],
					 strlen(type_names[i])), i);
}

Test(stdlib, typos_suggest_the_closest_command_first)
{
	const struct cmd_def *out[4];

	cr_assert_geq(cmd_suggest("imgftch", 7, out, 4), 1);
	cr_expect_str_eq(out[0]->name, "imgfetch");
	cr_assert_geq(cmd_suggest("chian", 5, out, 4), 1);
	cr_expect_str_eq(out[0]->name, "chain");
	cr_assert_geq(cmd_suggest("ECHO", 4, out, 4), 1);
	cr_expect_str_eq(out[0]->name, "echo");
	cr_assert_eq(cmd_suggest("ehco", 4, out, 1), 1);
	cr_expect_str_eq(out[0]->name, "echo");
	cr_expect_eq(cmd_suggest("xyzzy", 5, out, 4), 0);
	cr_expect_eq(cmd_suggest("wget", 4, out, 4), 0);
	cr_expect_eq(cmd_suggest("echo", 4, out, 0), 0);
	/* An exact name is no typo of itself. */
	for (size_t n = cmd_suggest("echo", 4, out, 4), i = 0; i < n; i++)
		cr_expect_str_neq(out[i]->name, "echo");
}

Test(stdlib, typos_suggest_the_closest_setting_first)
{
	const struct set_def *out[4];

	cr_assert_geq(set_suggest("next_server", 11, out, 4), 1);
	cr_expect_str_eq(out[0]->name, "next-server");
	cr_assert_geq(set_suggest("hostnmae", 8, out, 4), 1);
	cr_expect_str_eq(out[0]->name, "hostname");
	cr_expect_eq(set_suggest("qqqqqqqq", 8, out, 4), 0);
}
