/*
 * test_image.c - the image list, type probes and the mocked network of
 * ipxesim (interp/image.c, net.c, cmd_image.c): served folders, what is
 * refused, and what the real iPXE prints (facts marked oracle-verified
 * were checked with tools/ipxe-oracle on ipxe-full.lkrn).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interp/image.h"
#include "interp/netdev.h"
#include "interp/sim.h"

/* A simulator whose console is a memory stream. */
struct rig {
	struct sim sim;
	struct sim_config cfg;
	char *out;
	size_t outlen;
	FILE *f;
	char *last;	/* what rig_run() returned last */
};

static void
rig_init(struct rig *r, const char *root, bool dhcp)
{
	memset(r, 0, sizeof(*r));
	r->cfg.plat = PLAT_BIOS;
	r->cfg.build = SIMB_FULL;
	r->cfg.nic = true;
	r->cfg.root = root ? strdup(root) : NULL;
	r->cfg.max_depth = 64;
	r->f = open_memstream(&r->out, &r->outlen);
	sim_init(&r->sim, &r->cfg, r->f, NULL);
	if (dhcp) {
		/* what `dhcp` leaves behind: net0 open and configured */
		netdev_open(&r->sim, r->sim.netdevs);
		netdev_dhcp_configure(&r->sim, r->sim.netdevs);
	}
}

/* Runs one command line; returns the console text since the last call. */
static const char *
rig_run(struct rig *r, const char *line, int *rc)
{
	int ret;

	fflush(r->f);
	ret = sim_system(&r->sim, line);
	fflush(r->f);
	if (rc)
		*rc = ret;
	free(r->last);
	r->last = strdup(r->out);
	fclose(r->f);
	free(r->out);
	r->out = NULL;
	r->f = open_memstream(&r->out, &r->outlen);
	r->sim.out = r->f;
	return r->last;
}

static void
rig_fini(struct rig *r)
{
	sim_fini(&r->sim);
	fclose(r->f);
	free(r->out);
	free(r->last);
	free(r->cfg.root);
}

/* A served folder with a file, a subfolder and links in and out. */
static char root[64];
static char outside[64];

static void
make_root(void)
{
	char path[128];
	FILE *f;

	strcpy(root, "/tmp/ipxekit-img-XXXXXX");
	cr_assert_not_null(mkdtemp(root));
	strcpy(outside, "/tmp/ipxekit-out-XXXXXX");
	cr_assert_not_null(mkdtemp(outside));
	snprintf(path, sizeof(path), "%s/h.txt", root);
	f = fopen(path, "w");
	fputs("hello\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/secret", outside);
	f = fopen(path, "w");
	fputs("secret\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/sub", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sub/in", root);
	cr_assert_eq(symlink("../h.txt", path), 0);
	snprintf(path, sizeof(path), "%s/out", root);
	{
		char target[128];

		snprintf(target, sizeof(target), "%s/secret", outside);
		cr_assert_eq(symlink(target, path), 0);
	}
	snprintf(path, sizeof(path), "%s/boot.example.com", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/boot.example.com/k", root);
	f = fopen(path, "w");
	fputs("kernel", f);
	fclose(f);
}

static void
drop_root(void)
{
	char cmd[200];

	snprintf(cmd, sizeof(cmd), "rm -rf %s %s", root, outside);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(image, .init = make_root, .fini = drop_root);

Test(image, tftp_serves_the_root_after_dhcp)
{
	struct rig r;

	rig_init(&r, root, true);
	cr_assert_str_eq(rig_run(&r, "imgfetch h.txt", NULL),
			 "h.txt... ok\n");
	cr_assert_str_eq(rig_run(&r, "imgstat", NULL),
			 "h.txt : 6 bytes [PXE-NBP]\n");
	rig_fini(&r);
}

/* Oracle-verified, up to the dots: monojob_wait() prints one a second
 * while nothing arrives (the oracle folds runs of dots into "..."). */
Test(image, tftp_before_dhcp_times_out)
{
	struct rig r;
	int rc;

	rig_init(&r, root, false);
	cr_assert_str_eq(rig_run(&r, "imgfetch tftp://10.0.2.2/h.txt", &rc),
			 "tftp://10.0.2.2/h.txt..." "..............."
			 " Connection timed out "
			 "(https://ipxe.org/4c126035)\n");
	cr_assert_eq(rc, -0x4c126035);
	/* the 16 s of TFTP retries passed on the simulated clock */
	cr_assert_geq(r.sim.ticks, 16000);
	rig_fini(&r);
}

/* --timeout is checked before the display of its tick (monojob.c), so
 * 3 s show the dots of seconds 1 and 2 only, and 0.5 s none. */
Test(image, timeout_stops_the_dots)
{
	struct rig r;
	int rc;

	rig_init(&r, root, false);
	cr_assert_str_eq(rig_run(&r, "imgfetch --timeout 3000 "
				 "tftp://10.0.2.2/h.txt", &rc),
			 "tftp://10.0.2.2/h.txt....."
			 " Connection timed out "
			 "(https://ipxe.org/4c072035)\n");
	cr_assert_eq(rc, -0x4c072035);
	cr_assert_str_eq(rig_run(&r, "imgfetch -t 500 tftp://10.0.2.2/h.txt",
				 &rc),
			 "tftp://10.0.2.2/h.txt... Connection timed out "
			 "(https://ipxe.org/4c072035)\n");
	cr_assert_eq(r.sim.ticks, 3500);
	rig_fini(&r);
}

Test(image, dotdot_and_escapes_are_refused_or_missing)
{
	struct rig r;

	rig_init(&r, root, true);
	/* qemu's TFTP server refuses ".." (oracle-verified) */
	cr_assert_str_eq(rig_run(&r, "imgfetch tftp://10.0.2.2/sub/../h.txt",
				 NULL),
			 "tftp://10.0.2.2/sub/../h.txt... Permission denied "
			 "(https://ipxe.org/0212603c)\n");
	cr_assert_str_eq(rig_run(&r, "imgfetch tftp://10.0.2.2//etc/passwd",
				 NULL),
			 "tftp://10.0.2.2//etc/passwd... Not found "
			 "(https://ipxe.org/2d12613b)\n");
	/* a link out of the served folder is not there at all */
	cr_assert_str_eq(rig_run(&r, "imgfetch out", NULL),
			 "out... Not found (https://ipxe.org/2d12613b)\n");
	/* HTTP resolves dot segments, but never above the top */
	cr_assert_str_eq(rig_run(&r,
				 "imgfetch http://10.0.2.2/../../etc/passwd",
				 NULL),
			 "http://10.0.2.2/../../etc/passwd... Not found "
			 "(https://ipxe.org/2d0c613b)\n");
	/* a link that stays inside is followed */
	cr_assert_str_eq(rig_run(&r, "imgfetch sub/in", NULL),
			 "sub/in... ok\n");
	cr_assert_str_eq(rig_run(&r, "imgfetch http://10.0.2.2/sub/", NULL),
			 "http://10.0.2.2/sub/... Not found "
			 "(https://ipxe.org/2d0c613b)\n");
	rig_fini(&r);
}

Test(image, host_folders_and_names)
{
	struct rig r;

	rig_init(&r, root, true);
	cr_assert_str_eq(rig_run(&r, "imgfetch http://boot.example.com/k",
				 NULL),
			 "http://boot.example.com/k... ok\n");
	/* other names resolve too while a root is served */
	cr_assert_str_eq(rig_run(&r, "imgfetch http://other.example/h.txt",
				 NULL),
			 "http://other.example/h.txt... ok\n");
	/* no gateway: an address off the subnet has no route */
	cr_assert_str_eq(rig_run(&r, "imgfetch http://192.168.1.1/h.txt",
				 NULL),
			 "http://192.168.1.1/h.txt... Network unreachable "
			 "(https://ipxe.org/280a6011)\n");
	cr_assert_str_eq(rig_run(&r, "imgstat", NULL),
			 "k : 6 bytes [PXE-NBP]\nh.txt : 6 bytes [PXE-NBP]\n");
	rig_fini(&r);
}

Test(image, without_a_root_qemu_answers)	/* oracle-verified */
{
	struct rig r;

	rig_init(&r, NULL, true);
	cr_assert_str_eq(rig_run(&r, "imgfetch x.txt", NULL),
			 "x.txt... Permission denied "
			 "(https://ipxe.org/0212603c)\n");
	cr_assert_str_eq(rig_run(&r, "imgfetch http://10.0.2.2/x", NULL),
			 "http://10.0.2.2/x... Connection reset "
			 "(https://ipxe.org/0f0a6039)\n");
	cr_assert_str_eq(rig_run(&r, "imgfetch http://example.com/x", NULL),
			 "http://example.com/x... Error 0x3e11623b "
			 "(https://ipxe.org/3e11623b)\n");
	rig_fini(&r);
}

Test(image, map_prefixes_come_first)
{
	struct rig r;
	struct sim_map map = { "http://mapped/boot/", NULL };

	map.dir = root;
	rig_init(&r, NULL, true);
	r.sim.cfg.maps = &map;
	r.sim.cfg.nmaps = 1;
	cr_assert_str_eq(rig_run(&r, "imgfetch http://mapped/boot/h.txt",
				 NULL),
			 "http://mapped/boot/h.txt... ok\n");
	cr_assert_str_eq(rig_run(&r, "imgfetch http://mapped/boot/nope",
				 NULL),
			 "http://mapped/boot/nope... Not found "
			 "(https://ipxe.org/2d0c613b)\n");
	r.sim.cfg.maps = NULL;
	r.sim.cfg.nmaps = 0;
	rig_fini(&r);
}

Test(image, timeout_ends_a_transfer_that_never_answers)	/* oracle-verified */
{
	struct rig r;

	rig_init(&r, NULL, false);
	cr_assert_str_eq(rig_run(&r, "imgfetch -t 300 tftp://10.0.2.2/x",
				 NULL),
			 "tftp://10.0.2.2/x... Connection timed out "
			 "(https://ipxe.org/4c072035)\n");
	cr_assert_eq(r.sim.ticks, 300);
	rig_fini(&r);
}

Test(image, digests_are_real)
{
	struct rig r;

	rig_init(&r, NULL, false);
	rig_run(&r, "imgfetch -q -n h data:,hello%0A", NULL);
	/* spec 10.7: md5sum of "hello\n" */
	cr_assert_str_eq(rig_run(&r, "md5sum h", NULL),
			 "b1946ac92492d2347c6235b4d2611184  h\n");
	cr_assert_str_eq(rig_run(&r, "sha1sum h", NULL),
			 "f572d396fae9206628714fb2ce00f72e94f2258f  h\n");
	rig_fini(&r);
}

Test(image, names_count_up_only_when_registered)
{
	struct rig r;
	struct image *a, *b;

	rig_init(&r, NULL, false);
	a = image_new(&r.sim, NULL, "x", 1, NULL);
	b = image_new(&r.sim, NULL, "y", 1, NULL);
	image_register(&r.sim, b);
	image_register(&r.sim, a);
	cr_assert_str_eq(b->name, "img0");
	cr_assert_str_eq(a->name, "img1");
	rig_fini(&r);
}

Test(image, probe_order_follows_the_oracle)	/* oracle-verified */
{
	struct rig r;
	static const struct {
		const char *data;
		size_t len;
		const char *type;
	} cases[] = {
		{ "#!ipxe\n-----BEGIN X\n", 20, "PEM" },
		{ "x \n-----BEGIN X\n", 16, "PEM" },
		{ "x -----BEGIN X\n", 15, "zlib" },
		{ "0\0", 2, "DER" },
		{ "0\x80" "0\0", 4, "PXE-NBP" },
		{ "MZ", 2, "PXE-NBP (may be EFI?)" },
		{ "#!gpxe\t", 7, "script" },
		{ "#!ipxe", 6, "PXE-NBP" },
		{ "", 0, NULL },
	};

	rig_init(&r, NULL, false);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct image *img = image_new(&r.sim, "t", cases[i].data,
					      cases[i].len, NULL);
		const char *got = image_type_name(img->type);

		if (cases[i].type)
			cr_assert_str_eq(got ? got : "(none)", cases[i].type,
					 "case %zu", i);
		else
			cr_assert_null(got, "case %zu", i);
		image_free(&r.sim, img);
	}
	rig_fini(&r);
}

Test(image, booting_a_kernel_reports_it)
{
	struct rig r;
	char bz[1024] = { 0 };
	struct image *k;

	bz[0x1f1] = 1;
	bz[0x1fe] = 0x55;
	bz[0x1ff] = (char)0xaa;
	memcpy(bz + 0x202, "HdrS", 4);
	rig_init(&r, NULL, false);
	k = image_new(&r.sim, "vmlinuz", bz, sizeof(bz),
		      "http://10.0.2.2/vmlinuz");
	image_register(&r.sim, k);
	image_register(&r.sim, image_new(&r.sim, "initrd.img", "x", 1, NULL));
	rig_run(&r, "boot vmlinuz quiet", NULL);
	cr_assert_eq(r.sim.outcome, OUT_BOOTED);
	cr_assert_str_eq(r.sim.outcome_text,
			 "booted bzImage image vmlinuz "
			 "(http://10.0.2.2/vmlinuz) with command line "
			 "\"quiet\"; initrds: initrd.img");
	rig_fini(&r);
}
