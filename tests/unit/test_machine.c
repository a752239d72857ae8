/*
 * test_machine.c - the machine profile (ipxesim --set / --profile,
 * docs/simulator.md): machine facts change the machine, not the root
 * settings block, and DHCP answers appear in netN.dhcp only after `dhcp`.
 * The oracle cannot change its machine, so these are checked against
 * what the same facts look like on the default machine (conformance
 * cases network/ and machine/).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/machine.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "parser/util.h"
#include "tests/support.h"

struct run {
	struct sim sim;
	FILE *out;
	char *text;
	size_t len;
};

static void
run_init(struct run *r, bool nic)
{
	struct sim_config cfg = {
		.plat = PLAT_BIOS, .build = SIMB_FULL, .nic = nic,
		.max_steps = 100000, .max_depth = 64,
	};

	memset(r, 0, sizeof(*r));
	r->out = open_memstream(&r->text, &r->len);
	cr_assert_not_null(r->out);
	sim_init(&r->sim, &cfg, r->out, NULL);
}

/* Runs the lines and returns what they printed (owned by r). */
static const char *
run(struct run *r, const char *lines)
{
	sim_system(&r->sim, lines);
	fflush(r->out);
	return r->text;
}

static void
run_fini(struct run *r)
{
	machine_params_free_all(&r->sim);
	sim_fini(&r->sim);
	fclose(r->out);
	free(r->text);
}

static void
set_ok(struct run *r, const char *name, const char *value)
{
	int rc = machine_set(&r->sim, name, value);

	cr_assert_eq(rc, 0, "%s=%s: %#x", name, value, (unsigned)-rc);
}

Test(machine, smbios_strings_change_the_tables)
{
	struct run r;

	run_init(&r, true);
	set_ok(&r, "product", "Widget 9000");
	set_ok(&r, "manufacturer", "ACME");
	set_ok(&r, "serial", "SN-42");
	set_ok(&r, "asset", "A-7");
	cr_assert_str_eq(run(&r, "echo ${product}|${manufacturer}|${serial}|"
			 "${asset}|${smbios/1.5.0}|${smbios/1.7.0}"),
			 "Widget 9000|ACME|SN-42|A-7|Widget 9000|SN-42\n");
	/* the serial became string 4 of the type 1 structure, as qemu
	 * numbers them; the root block stays empty */
	cr_assert_str_eq(run(&r, "echo ${smbios/1.7.1:hex} [${root/x}]"),
			 "Widget 9000|ACME|SN-42|A-7|Widget 9000|SN-42\n"
			 "04 []\n");
	run_fini(&r);
}

Test(machine, uuid_is_stored_as_smbios_2_8_does)
{
	struct run r;

	run_init(&r, true);
	set_ok(&r, "uuid", "01020304-0506-0708-090a-0b0c0d0e0f10");
	cr_assert_str_eq(run(&r, "echo ${uuid} ${smbios/1.8.4:hex}"),
			 "01020304-0506-0708-090a-0b0c0d0e0f10 "
			 "04:03:02:01\n");
	cr_assert_neq(machine_set(&r.sim, "uuid", "xyz"), 0);
	run_fini(&r);
}

Test(machine, board_serial_adds_a_type_2_structure)
{
	struct run r;

	run_init(&r, true);
	cr_assert_str_eq(run(&r, "echo [${board-serial}]"), "[]\n");
	set_ok(&r, "board-serial", "BRD-1");
	cr_assert_str_eq(run(&r, "echo ${board-serial} ${smbios/2.4.0}"),
			 "[]\nBRD-1 QEMU\n");
	run_fini(&r);
}

Test(machine, mac_is_the_nics_burned_in_address)
{
	struct run r;

	run_init(&r, true);
	set_ok(&r, "net0/mac", "02:00:00:00:00:01");
	cr_assert_str_eq(run(&r, "echo ${net0/mac} ${net0/hwaddr}"),
			 "02:00:00:00:00:01 02:00:00:00:00:01\n");
	cr_assert_neq(machine_set(&r.sim, "mac", "01:02"), 0);
	run_fini(&r);
}

Test(machine, dhcp_answers_appear_after_dhcp)
{
	struct run r;
	const char *out;

	run_init(&r, true);
	set_ok(&r, "filename", "boot.ipxe");
	set_ok(&r, "gateway", "10.0.2.2");
	set_ok(&r, "hostname", "box");
	set_ok(&r, "210:string", "http://10.0.2.2/");
	set_ok(&r, "next-server", "10.0.2.3");
	cr_assert_str_eq(run(&r, "echo [${filename}] [${hostname}]"),
			 "[] []\n");
	out = run(&r, "dhcp && echo ${net0.dhcp/filename} ${hostname} "
		  "${net0.dhcp/210} ${next-server} ${cwuri} && route");
	cr_assert_str_eq(out, "[] []\n"
			 "Configuring (net0 52:54:00:12:34:56)...... ok\n"
			 "boot.ipxe box http://10.0.2.2/ 10.0.2.3 "
			 "tftp://10.0.2.3/\n"
			 "net0: 10.0.2.15/255.255.255.0 gw 10.0.2.2\n");
	run_fini(&r);
}

Test(machine, dns_answer_makes_names_time_out)
{
	struct run r;

	run_init(&r, true);
	set_ok(&r, "dns", "10.0.2.3");
	cr_assert_str_eq(run(&r, "dhcp && nslookup x example.com"),
			 "Configuring (net0 52:54:00:12:34:56)...... ok\n"
			 "Could not resolve example.com: Connection timed "
			 "out (https://ipxe.org/4c116035)\n");
	run_fini(&r);
}

Test(machine, other_names_go_to_the_root_block)
{
	struct run r;

	run_init(&r, true);
	set_ok(&r, "arch", "x86_64");
	set_ok(&r, "count:int32", "3");
	set_ok(&r, "a/b", "c");
	cr_assert_str_eq(run(&r, "echo ${arch} ${count} ${count:hex} ${a/b}"),
			 "x86_64 3 00:00:00:03 c\n");
	cr_assert_neq(machine_set(&r.sim, "n:int8", "5x"), 0);
	cr_assert_neq(machine_set(&r.sim, "n:nosuchtype", "5"), 0);
	run_fini(&r);
}

Test(machine, builtin_overrides_are_kept_in_the_builtin_block)
{
	struct run r;
	struct setting s = settings_predefined(SET_platform);
	struct sblock *b;
	struct buf data;

	run_init(&r, true);
	set_ok(&r, "platform", "efi");
	b = settings_child(&r.sim, r.sim.settings, "builtin");
	buf_init(&data);
	cr_assert_eq(machine_builtin_fetch(&r.sim, b, &s, &data), 3);
	cr_assert_eq(memcmp(data.data, "efi", 3), 0);
	buf_fini(&data);
	/* the root block is untouched: `set platform` would shadow it */
	cr_assert_str_eq(run(&r, "echo [${root/platform}]"), "[]\n");
	run_fini(&r);
}

Test(machine, no_nic_means_no_e1000_on_the_bus)
{
	struct run r;

	run_init(&r, false);
	cr_assert_str_eq(run(&r, "echo ${pci/0x18.0.4}"), "ffffffff\n");
	run_fini(&r);
}

Test(machine, profile_file_is_read_line_by_line)
{
	char path[] = "/tmp/ipxekit-profile-XXXXXX", script[64];
	const char *argv[6];
	char *out, *err;
	int status, fd = mkstemp(path);
	FILE *f;

	cr_assert_geq(fd, 0);
	f = fdopen(fd, "w");
	fputs("# a machine\n\n  product = Box 1\nfilename=x.efi\n", f);
	fclose(f);
	snprintf(script, sizeof(script), "%s.ipxe", path);
	f = fopen(script, "w");
	fputs("#!ipxe\necho ${product}\ndhcp\necho ${filename}\n", f);
	fclose(f);
	{
		char sim[300];

		snprintf(sim, sizeof(sim), "%s/ipxesim", test_build_dir());
		argv[0] = sim;
		argv[1] = "--profile";
		argv[2] = path;
		argv[3] = script;
		argv[4] = NULL;
		out = test_run(argv, NULL, &status, &err);
	}
	cr_assert_str_eq(out, "Box 1\nConfiguring (net0 52:54:00:12:34:56)"
			 "...... ok\nx.efi\n", "stderr: %s", err);
	cr_assert_eq(status, 0);
	free(out);
	free(err);
	remove(script);
	remove(path);
}
