/*
 * fuzz_sim.c - libFuzzer target for the simulator: runs the input as the
 * top-level script, the way ipxesim runs it, with small limits (steps,
 * nesting, expansion size) and a small mocked root in a temporary folder
 * that holds the input itself (self.ipxe, so that it may chain itself),
 * two scripts that chain each other, a binary file, a folder, and links
 * that loop or point out of the root.  Keys come from a fixed string, so
 * menus and prompts get answers, then run out.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interp/image.h"
#include "interp/sim.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer calls in from one thread; this is the harness's own state,
 * not the simulator's (which lives in the struct sim of each run). */
static char root[64];
static FILE *devnull;

static void
put(const char *name, const char *text, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(text, 1, len, f);
	fclose(f);
}

static void
link_in_root(const char *target, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", root, name);
	if (symlink(target, path) != 0)
		abort();
}

/* Removes the root at exit (libFuzzer exits through exit()). */
static void
remove_root(void)
{
	static const char *const names[] = {
		"a.ipxe", "b.ipxe", "k", "t.txt", "d/s.ipxe", "loop",
		"passwd", "up", "self.ipxe", "d",
	};
	char path[128];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, names[i]);
		if (unlink(path) != 0)
			rmdir(path);
	}
	rmdir(root);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char kernel[] = "\x7f" "ELF\x01\x01\x01\0\0\0\0\0";
	char dir[128];

	(void)argc;
	(void)argv;
	snprintf(root, sizeof(root), "/tmp/ipxekit-fuzz-XXXXXX");
	if (!mkdtemp(root))
		abort();
	atexit(remove_root);
	put("a.ipxe", "#!ipxe\necho in a\nchain b.ipxe\n", 29);
	put("b.ipxe", "#!ipxe\necho in b ${x}\nset x ${x}b\nchain a.ipxe\n",
	    46);
	put("k", kernel, sizeof(kernel) - 1);
	put("t.txt", "plain text\n", 11);
	snprintf(dir, sizeof(dir), "%s/d", root);
	mkdir(dir, 0700);
	put("d/s.ipxe", "#!ipxe\nimgstat\nexit 2\n", 22);
	link_in_root("loop", "loop");
	link_in_root("/etc/passwd", "passwd");
	link_in_root("../", "up");
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char keys_text[] = "\n\x1b[B\n1\x1b\ny\n";
	struct sim_config cfg = {
		.plat = size && (data[size - 1] & 1) ? PLAT_EFI : PLAT_BIOS,
		.build = SIMB_FULL, .nic = true, .root = root,
		.max_steps = 2000, .max_depth = 6, .max_expand = 1 << 16,
	};
	struct image *img;
	struct sim sim;
	FILE *keys;

	if (size > 1 << 16)
		return 0;
	put("self.ipxe", (const char *)data, size);
	keys = fmemopen((void *)keys_text, sizeof(keys_text) - 1, "r");
	if (!keys)
		return 0;
	sim_init(&sim, &cfg, devnull, keys);
	img = image_new(&sim, "self.ipxe", data, size, NULL);
	image_register(&sim, img);
	image_exec(&sim, img);
	sim_fini(&sim);
	fclose(keys);
	return 0;
}
