/*
 * test_explore_snap.c - the explorer's snapshots (interp/explore_snap.c,
 * docs/explorer.md "How the search goes"): going on from a copy of the
 * machine at a decision must give what replaying the way to it gives,
 * path for path, in every report.  Each script of tests/explore is
 * explored both ways on several configurations (one machine and two,
 * with and without --explore-failures, after dhcp or not), and the
 * netboot.xyz tree of the corpus when it is there.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interp/explore_int.h"
#include "parser/util.h"
#include "tests/support.h"

struct config {
	const char *root;	/* NULL: the script's folder */
	const char *uri;
	bool pre_dhcp, failures, two_machines;
};

/* Every report of one exploration, and how many runs resumed. */
static char *
explore(const char *script, const struct config *c, bool replay,
	size_t *resumed, size_t *paths)
{
	struct ex_profile prof[2] = { { .label = (char *)"bios" },
				      { .label = (char *)"efi" } };
	char *pre[] = { (char *)"dhcp" };
	struct ex_opts o = { .profiles = prof,
			     .nprofiles = c->two_machines ? 2 : 1,
			     .max_paths = 3000, .max_depth = 64,
			     .stub = true, .replay = replay,
			     .fail_downloads = c->failures,
			     .fail_dhcp = c->failures,
			     .uri = (char *)c->uri };
	struct explorer ex;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	cr_assert(out);
	for (unsigned i = 0; i < 2; i++)
		prof[i].cfg = (struct sim_config){
			.plat = i ? PLAT_EFI : PLAT_BIOS,
			.build = i ? SIMB_DEFAULT : SIMB_FULL, .nic = true,
			.max_steps = 20000, .max_depth = 64,
			.root = (char *)(c->root ? c->root : "tests/explore"),
		};
	if (c->pre_dhcp) {
		o.pre = pre;
		o.npre = 1;
	}
	explorer_init(&ex, &o);
	cr_assert_eq(explorer_run(&ex, script), 0, "%s", script);
	ex_print_json(&ex, out);
	ex_print_tty(&ex, out);
	ex_print_dot(&ex, out);
	ex_print_coverage(&ex, out);
	ex_print_findings(&ex, out);
	*resumed = ex.resumed;
	*paths = ex.npaths;
	explorer_fini(&ex);
	fclose(out);
	return text;
}

/* Both ways on every configuration; returns the runs resumed. */
static size_t
same_both_ways(const char *script, const char *root, const char *uri)
{
	size_t total = 0;

	for (unsigned k = 0; k < 8; k++) {
		struct config c = { .root = root, .uri = uri,
				    .pre_dhcp = k & 1, .failures = k & 2,
				    .two_machines = k & 4 };
		size_t r1, r2, p1, p2;
		char *snap = explore(script, &c, false, &r1, &p1);
		char *replay = explore(script, &c, true, &r2, &p2);

		cr_assert_eq(r2, 0);
		cr_assert_eq(p1, p2, "%s (configuration %u): %zu paths "
			     "from snapshots, %zu replaying", script, k, p1,
			     p2);
		cr_assert_str_eq(snap, replay, "%s (configuration %u)",
				 script, k);
		total += r1;
		free(snap);
		free(replay);
	}
	return total;
}

Test(explore_snap, fixtures_same_as_replay)
{
	static const char *const fixtures[] = {
		"menu", "loop", "prompt", "machines", "failures",
	};

	for (size_t i = 0; i < sizeof(fixtures) / sizeof(*fixtures); i++) {
		char path[100], root[100];

		snprintf(path, sizeof(path), "tests/explore/%s.ipxe",
			 fixtures[i]);
		snprintf(root, sizeof(root), "tests/explore/%s-root",
			 fixtures[i]);
		same_both_ways(path, strcmp(fixtures[i], "failures")
			       ? NULL : root, NULL);
	}
}

/* Menus and a read in scripts nested by chain and imgexec, chain
 * --replace, --autofree: the snapshots are used there. */
Test(explore_snap, nested_scripts_resume)
{
	size_t resumed = same_both_ways("tests/explore/nested.ipxe",
					"tests/explore/nested-root", NULL);

	cr_assert_gt(resumed, 20, "only %zu runs resumed", resumed);
}

Test(explore_snap, netbootxyz_same_as_replay, .timeout = 600)
{
	const char *corpus = test_corpus_dir();
	char root[512], menu[600];
	struct config c = { .root = root, .pre_dhcp = true,
			    .uri = "http://boot.netboot.xyz/menu.ipxe" };
	size_t r1, r2, p1, p2;
	char *snap, *replay;

	snprintf(root, sizeof(root), "%s/netbootxyz__netboot.xyz",
		 corpus ? corpus : "");
	snprintf(menu, sizeof(menu), "%s/menu.ipxe", root);
	if (!corpus || access(menu, R_OK) != 0) {
		cr_log_warn("%s not found: skipped", menu);
		return;
	}
	snap = explore(menu, &c, false, &r1, &p1);
	replay = explore(menu, &c, true, &r2, &p2);
	cr_assert_gt(p1, 2000);
	cr_assert_eq(p1, p2);
	cr_assert_gt(r1, p1 / 2, "only %zu of %zu runs resumed", r1, p1);
	cr_assert_str_eq(snap, replay);
	free(snap);
	free(replay);
}

/* A machine holding more than a megabyte of images is not copied: its
 * states replay (memory stays bounded), with the same results. */
Test(explore_snap, big_images_replay)
{
	char dir[] = "/tmp/explore-snap-XXXXXX", path[100], big[100];
	static const char script[] =
		"#!ipxe\n"
		"dhcp\n"
		"imgfetch http://10.0.2.2/big\n"
		"menu Big\n"
		"item a A\n"
		"item b B\n"
		"choose x || exit 1\n"
		"echo ${x}\n";
	size_t resumed, r2, p1, p2;
	struct config c = { .root = dir };
	char *snap, *replay;
	FILE *f;

	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/big.ipxe", dir);
	snprintf(big, sizeof(big), "%s/big", dir);
	f = fopen(path, "w");
	cr_assert(f);
	fputs(script, f);
	fclose(f);
	f = fopen(big, "w");
	cr_assert(f);
	for (size_t i = 0; i < (3u << 20) / 16; i++)
		fputs("0123456789abcde\n", f);
	fclose(f);
	snap = explore(path, &c, false, &resumed, &p1);
	replay = explore(path, &c, true, &r2, &p2);
	cr_assert_eq(p1, 3);
	cr_assert_eq(resumed, 0);
	cr_assert_str_eq(snap, replay);
	/* and a small one is */
	f = fopen(big, "w");
	cr_assert(f);
	fputs("small\n", f);
	fclose(f);
	free(snap);
	snap = explore(path, &c, false, &resumed, &p1);
	cr_assert_eq(resumed, 2);
	free(snap);
	free(replay);
	remove(big);
	remove(path);
	remove(dir);
}
