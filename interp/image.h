/*
 * image.h - the image list (spec 8.1-8.3, 8.6) and executing images:
 * scripts run in a new frame, anything else ends the simulation with a
 * report of what would have booted.
 */
#ifndef IPXE_IMAGE_H
#define IPXE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim;
struct script;

enum image_type {
	IMGT_NONE,	/* no type recognised (e.g. an empty image) */
	IMGT_SCRIPT,	/* "#!ipxe" / "#!gpxe" (spec 2.1) */
	IMGT_PXE,	/* PXE-NBP: BIOS takes nearly anything small */
	IMGT_BZIMAGE,	/* Linux kernel */
	IMGT_MULTIBOOT,
	IMGT_ELF,
	IMGT_EFI,	/* PE/COFF EFI application */
	IMGT_GZIP,
	IMGT_ZLIB,
	IMGT_PEM,
	IMGT_DER,
	IMGT_PNG,
};

#define IMAGE_AUTOFREE	0x1
#define IMAGE_TRUSTED	0x2
#define IMAGE_HIDDEN	0x4

struct image {
	struct image *next;
	char *name;
	uint8_t *data;
	size_t len;
	enum image_type type;
	char *cmdline;		/* NULL: none */
	char *uri;		/* resolved URI it came from, or NULL */
	unsigned flags;
	struct script *ast;	/* scripts: parsed on first execution */
	bool registered;	/* in sim->images (not while running) */
	struct image *replacement;	/* chain --replace: runs next */
};

/* Type names as imgstat prints them ("script", "PXE-NBP", ...). */
const char *image_type_name(enum image_type t);
/* Creates an image (copying data) and detects its type; unregistered. */
struct image *image_new(struct sim *sim, const char *name, const void *data,
			size_t len, const char *uri);
/* Appends to the image list / removes from it (not freeing). */
void image_register(struct sim *sim, struct image *img);
void image_unregister(struct sim *sim, struct image *img);
void image_free(struct sim *sim, struct image *img);
void image_free_all(struct sim *sim);
/* First (oldest) registered image with this exact name (spec 8.2). */
struct image *image_find(struct sim *sim, const char *name);
/*
 * image_exec() (spec 8.1, 10.6): makes img current, sets the working
 * URI, runs it by type, restores, re-registers or frees it.  Returns its
 * rc.  Booting a non-script image halts the run with OUT_BOOTED.
 */
int image_exec(struct sim *sim, struct image *img);
/* With --replace: ends the current script; img runs in its place. */
int image_replace(struct sim *sim, struct image *img);

#endif
