/*
 * image.c - the image list and image execution (spec 8.1, 8.6; upstream
 * src/core/image.c image_exec() and image_replace()).  A script runs in
 * a new frame; any other executable image is where the simulation ends:
 * it halts with OUT_BOOTED and a report of what would have booted.
 */
#include "interp/image.h"

#include <stdlib.h>
#include <string.h>

#include "interp/sim.h"
#include "parser/util.h"

const char *
image_type_name(enum image_type t)
{
	static const char *const names[] = {
		[IMGT_NONE] = NULL,	     [IMGT_SCRIPT] = "script",
		[IMGT_PXE] = "PXE-NBP",	     [IMGT_BZIMAGE] = "bzImage",
		[IMGT_MULTIBOOT] = "Multiboot", [IMGT_ELF] = "ELF",
		[IMGT_EFI] = "EFI",	     [IMGT_GZIP] = "gzip",
		[IMGT_ZLIB] = "zlib",	     [IMGT_PEM] = "PEM",
		[IMGT_DER] = "DER",	     [IMGT_PNG] = "PNG",
	};
	return names[t];
}

static bool
is_script(const uint8_t *d, size_t len)
{
	return len >= 7 && (memcmp(d, "#!ipxe", 6) == 0 ||
			    memcmp(d, "#!gpxe", 6) == 0) &&
	       is_ipxe_space(d[6]);
}

/* image_probe(): the first type that claims the image, in the order the
 * build's image types are linked; PXE-NBP (BIOS) claims almost anything
 * small and comes last. */
static enum image_type
probe(const struct sim *sim, const uint8_t *d, size_t len)
{
	if (is_script(d, len))
		return IMGT_SCRIPT;
	if (len >= 0x206 && memcmp(d + 0x202, "HdrS", 4) == 0)
		return IMGT_BZIMAGE;
	if (len >= 4 && memcmp(d, "\x7f" "ELF", 4) == 0)
		return IMGT_ELF;
	if (sim->cfg.plat == PLAT_EFI && len >= 2 && d[0] == 'M' &&
	    d[1] == 'Z')
		return IMGT_EFI;
	if (len >= 11 && memcmp(d, "-----BEGIN ", 11) == 0)
		return IMGT_PEM;
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMGT_PNG;
	if (len >= 2 && d[0] == 0x1f && d[1] == 0x8b)
		return IMGT_GZIP;
	/* PXE NBPs must fit below 0xa0000 once loaded at 0x7c00 */
	if (sim->cfg.plat == PLAT_BIOS && len > 0 &&
	    len <= 0xa0000 - 0x7c00)
		return IMGT_PXE;
	return IMGT_NONE;
}

struct image *
image_new(struct sim *sim, const char *name, const void *data, size_t len,
	  const char *uri)
{
	struct image *img = xcalloc(1, sizeof(*img));

	img->name = xstrdup(name ? name : "");
	img->data = xmalloc(len ? len : 1);
	if (len)
		memcpy(img->data, data, len);
	img->len = len;
	img->uri = uri ? xstrdup(uri) : NULL;
	img->type = probe(sim, img->data, len);
	return img;
}

void
image_register(struct sim *sim, struct image *img)
{
	struct image **tail;

	for (tail = &sim->images; *tail; tail = &(*tail)->next)
		;
	img->next = NULL;
	*tail = img;
	img->registered = true;
}

void
image_unregister(struct sim *sim, struct image *img)
{
	for (struct image **pp = &sim->images; *pp; pp = &(*pp)->next)
		if (*pp == img) {
			*pp = img->next;
			break;
		}
	img->next = NULL;
	img->registered = false;
	if (sim->selected == img)
		sim->selected = NULL;
}

void
image_free(struct sim *sim, struct image *img)
{
	if (img->registered)
		image_unregister(sim, img);
	if (sim->selected == img)
		sim->selected = NULL;
	script_free(img->ast);
	free(img->name);
	free(img->data);
	free(img->cmdline);
	free(img->uri);
	free(img);
}

void
image_free_all(struct sim *sim)
{
	while (sim->images)
		image_free(sim, sim->images);
}

struct image *
image_find(struct sim *sim, const char *name)
{
	for (struct image *img = sim->images; img; img = img->next)
		if (strcmp(img->name, name) == 0)
			return img;
	return NULL;
}

/* Boots a non-script image: the simulated machine leaves iPXE here. */
static void
boot(struct sim *sim, struct image *img)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "booted %s image '%s'", image_type_name(img->type),
		   img->name);
	if (img->uri)
		buf_printf(&b, " from %s", img->uri);
	if (img->cmdline)
		buf_printf(&b, " with command line '%s'", img->cmdline);
	for (struct image *i = sim->images; i; i = i->next) {
		if (i == img)
			continue;
		buf_printf(&b, "%s %s", i == sim->images ? "; loaded:" : ",",
			   i->name);
	}
	sim_halt(sim, OUT_BOOTED, "%s", b.data);
	buf_fini(&b);
}

int
image_exec(struct sim *sim, struct image *img)
{
	char *old_cwuri = sim->cwuri ? xstrdup(sim->cwuri) : NULL;
	bool old_tftp = sim->cwuri_tftp;
	struct image *replacement;
	int rc;

	/* the working URI becomes the image's own, if it has one */
	if (img->uri) {
		free(sim->cwuri);
		sim->cwuri = xstrdup(img->uri);
		sim->cwuri_tftp = false;
	}
	if (img->type != IMGT_SCRIPT && img->type != IMGT_PXE &&
	    img->type != IMGT_BZIMAGE && img->type != IMGT_EFI &&
	    img->type != IMGT_MULTIBOOT && img->type != IMGT_ELF) {
		rc = sim_err(sim, ERR_IMAGE_NOT_EXECUTABLE);
		goto out;
	}
	if (sim->trust_required && !(img->flags & IMAGE_TRUSTED)) {
		rc = sim_err(sim, ERR_IMAGE_UNTRUSTED);
		goto out;
	}
	/* unregistered while it runs; appended again afterwards */
	image_unregister(sim, img);
	if (img->type == IMGT_SCRIPT) {
		rc = sim_run_script(sim, img);
	} else {
		image_register(sim, img);
		boot(sim, img);
		rc = 0;
	}
	if (!img->replacement && !img->registered)
		image_register(sim, img);
out:
	replacement = img->replacement;
	img->replacement = NULL;
	/* --autofree: gone once it has run (IMAGE_AUTO_UNREGISTER) */
	if (img->flags & IMAGE_AUTOFREE)
		image_free(sim, img);
	free(sim->cwuri);
	sim->cwuri = old_cwuri;
	sim->cwuri_tftp = old_tftp;
	if (replacement && !sim_halted(sim))
		return image_exec(sim, replacement);
	return rc;
}

int
image_replace(struct sim *sim, struct image *img)
{
	struct frame *f = sim->frame;

	if (!f)
		return sim_err(sim, ERR_IMAGE_NO_CURRENT);
	if (img->type == IMGT_NONE)
		return sim_err(sim, ERR_IMAGE_NOT_EXECUTABLE);
	f->image->replacement = img;
	return 0;
}
